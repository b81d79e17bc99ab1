// DOM building for the console. Every name, message and value a user or the server supplied is
// put on the page as text (text nodes, setAttribute), never parsed as HTML: a gateway named
// `<img src=x onerror=alert(1)>` shows as those characters. Text that a person wrote gets
// dir="auto", so right-to-left names read in their own direction.

/**
 * Makes an element. `attributes` are set with setAttribute, except `on` (an object of event
 * listeners) and `dataset`; `children` may be nodes, strings (made text nodes), null/false
 * (skipped) or arrays of those.
 */
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (name === 'on') {
      for (const [event, listener] of Object.entries(value)) element.addEventListener(event, listener);
    } else if (name === 'dataset') {
      Object.assign(element.dataset, value);
    } else if (name.startsWith('on')) {
      throw new Error(`inline handler ${name}: use the 'on' attribute`);
    } else {
      element.setAttribute(name, value === true ? '' : String(value));
    }
  }
  append(element, children);
  return element;
}

function append(element, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(element, child);
    else element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Text that a person wrote (names, stations, messages): direction decided by its own letters. */
export function userText(value, tag = 'span') {
  return h(tag, { dir: 'auto' }, value ?? '');
}

/** Replaces everything in `element` with `children`. */
export function replace(element, ...children) {
  element.replaceChildren();
  append(element, children);
  return element;
}

/** A labelled form field: <label for> and its control, with an optional hint linked by aria-describedby. */
export function field(label, control, hint) {
  if (!control.id) control.id = `field-${Math.random().toString(36).slice(2, 9)}`;
  const parts = [h('label', { for: control.id }, label), control];
  if (hint) {
    const hintID = `${control.id}-hint`;
    control.setAttribute('aria-describedby', hintID);
    parts.push(h('small', { id: hintID, class: 'hint' }, hint));
  }
  return h('div', { class: 'field' }, parts);
}

/** A table of `rows`; `columns` are [heading, (row) => node or text]. */
export function table(caption, columns, rows, emptyText = 'Nothing here yet.') {
  if (rows.length === 0) return h('p', { class: 'empty' }, emptyText);
  return h('table', {},
    h('caption', { class: 'visually-hidden' }, caption),
    h('thead', {}, h('tr', {}, columns.map(([heading]) => h('th', { scope: 'col' }, heading)))),
    h('tbody', {}, rows.map((row) => h('tr', {}, columns.map(([, cell]) => h('td', {}, cell(row)))))));
}

/** A time in milliseconds since 1970 as the reader's local date and time, or '—'. */
export function formatTime(millis) {
  if (millis === undefined || millis === null) return '—';
  return new Date(Number(millis)).toLocaleString();
}

/** A page section with a heading. */
export function section(title, ...children) {
  return h('section', { class: 'card' }, h('h2', {}, title), children);
}

/** A message for the person, in the live region (errors assertive). */
export function announce(text, kind = 'info') {
  const region = document.getElementById('toast');
  region.className = `toast ${kind}`;
  region.setAttribute('role', kind === 'error' ? 'alert' : 'status');
  const dismiss = () => { region.className = 'toast'; region.replaceChildren(); };
  replace(region, h('span', {}, text), h('button', { type: 'button', class: 'quiet close', 'aria-label': 'Dismiss message', on: { click: dismiss } }, '×'));
  clearTimeout(announce.timer);
  announce.timer = setTimeout(dismiss, kind === 'error' ? 12000 : 5000);
}
