// The console's pages for users, job configs and job analysis, events and their export, and
// devices (scanners). Lists page along the API's `links.next` (a path that keeps the listing's
// selection), one page at a time. Only administrators are offered changes; whatever the API
// refuses is shown with its own words.
import { api, customerPath, query } from './api.js';
import { announce, field, formatTime, h, replace, section, table, userText } from './dom.js';
import { isAdmin, session } from './session.js';

const ROLES = ['ADMIN_ROLE', 'USER_ROLE'];
const DEVICE_STATUSES = ['ACTIVE', 'INACTIVE'];
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

function failed(error) {
  announce(error.message, 'error');
}

function button(text, click, { kind = 'quiet', label, disabled } = {}) {
  return h('button', { type: 'button', class: kind, 'aria-label': label, disabled, on: { click } }, text);
}

/** A <select> of [value, text] pairs. */
function select(choices, value, attributes = {}) {
  return h('select', attributes, choices.map(([choice, text]) => h('option', { value: choice, selected: choice === value }, text)));
}

/** A text input for free text (TextField: 1 to 256 characters) that a person writes. */
function textInput(attributes = {}) {
  return h('input', { type: 'text', required: true, maxlength: 256, autocomplete: 'off', dir: 'auto', ...attributes });
}

/**
 * A form whose submit runs `run(form)`; a failure is announced and shown above the buttons
 * (as an alert inside a modal dialog, where the announcement region is inert).
 */
function form(children, submitText, run, { kind, cancel } = {}) {
  const problem = h('p', { class: 'error', role: cancel ? 'alert' : null });
  let busy = false;
  return h('form', { on: { submit: async (event) => {
    event.preventDefault();
    if (busy) return;
    busy = true;
    replace(problem);
    try {
      await run(event.target);
    } catch (error) {
      replace(problem, error.message);
      failed(error);
    } finally {
      busy = false;
    }
  } } }, children, problem, h('div', { class: 'actions' }, cancel, h('button', { type: 'submit', class: kind }, submitText)));
}

/**
 * A modal dialog with `children`, Cancel and the `submitText` button, which runs `run`, closes
 * the dialog and then runs `done` (outside the modal, where announcements are heard).
 */
function modal(main, title, children, submitText, run, done, kind) {
  const dialog = h('dialog', { 'aria-label': title });
  const cancel = button('Cancel', () => dialog.close());
  replace(dialog, h('h2', {}, title), form(children, submitText, async () => {
    await run();
    dialog.close();
    await done();
  }, { kind, cancel }));
  dialog.addEventListener('close', () => dialog.remove());
  main.append(dialog);
  dialog.showModal();
}

/** Asks before deleting: `what` (nodes) names the thing, `run` deletes it, then `done` runs. */
function confirmDelete(main, title, what, run, done) {
  modal(main, title, h('p', {}, 'Delete ', what, '? This cannot be undone.'), 'Delete', run, done, 'danger');
}

/** After a change: tells the person `message`, then shows the list anew with `reload`. */
function changed(message, reload) {
  return () => {
    announce(message);
    return reload();
  };
}

/** Waits `millis`, or less when `signal` aborts. */
function pause(millis, signal) {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, millis);
    signal.addEventListener('abort', done);
  });
}

/**
 * A paged list: `start(path)` shows the first page, Next follows the answer's `links.next`,
 * Previous goes back along the stack of page paths read. `render(items, complete)` makes the
 * page's content; `complete` is true when this one page holds the whole list.
 */
function pager(label, render, signal) {
  const body = h('div', { class: 'table-wrap' });
  const status = h('span', { role: 'status', class: 'hint' });
  let stack = [];
  let next = null;
  let busy = false;
  const go = (change) => async () => {
    if (busy) return;
    change();
    await load();
  };
  const previousButton = button('Previous page', go(() => stack.pop()), { disabled: true });
  const nextButton = button('Next page', go(() => stack.push(next)), { disabled: true });
  async function load() {
    busy = true;
    next = null;
    replace(status, 'Loading…');
    try {
      const answer = await api('GET', stack.at(-1));
      if (signal.aborted) return;
      next = answer.links?.next ?? null;
      replace(body, render(answer.items, stack.length === 1 && !next));
      replace(status, `Page ${stack.length}: ${answer.items.length} shown`);
    } catch (error) {
      replace(body, h('p', { class: 'error' }, error.message));
      replace(status);
      failed(error);
    } finally {
      busy = false;
    }
    const focused = document.activeElement;
    previousButton.disabled = stack.length < 2;
    nextButton.disabled = !next;
    if (focused?.disabled) (previousButton.disabled ? nextButton : previousButton).focus();
  }
  return {
    element: h('div', {}, body, h('nav', { class: 'actions pager', 'aria-label': `${label}: pages` }, previousButton, status, nextButton)),
    start(path) {
      stack = [path];
      return load();
    },
    reload: load,
  };
}

/** A datetime-local value (the reader's local time, to the minute) of a time in milliseconds. */
function localValue(millis) {
  return new Date(millis - new Date(millis).getTimezoneOffset() * MINUTE).toISOString().slice(0, 16);
}

/** From/To inputs, the last 24 hours at first; `read()` gives {start, end} in milliseconds, both inclusive. */
function rangeFields() {
  const now = Date.now();
  const from = h('input', { type: 'datetime-local', required: true, value: localValue(now - DAY) });
  const to = h('input', { type: 'datetime-local', required: true, value: localValue(now) });
  return {
    fields: [field('From', from), field('To', to, 'Includes the whole minute.')],
    read() {
      const start = new Date(from.value).getTime();
      const end = new Date(to.value).getTime() + MINUTE - 1;
      if (!(start <= end)) throw new Error('“From” must not be after “To”.');
      return { start, end };
    },
  };
}

/** The first page (up to 500) of the customer's gateways, for their names and as choices. */
async function gateways() {
  const answer = await api('GET', customerPath('/gateways') + query({ limit: 500 }));
  return {
    list: answer.items,
    names: new Map(answer.items.map((gateway) => [gateway.id, gateway.name])),
    more: Boolean(answer.links?.next),
  };
}

function gatewayText(known, id) {
  return userText(known.names.get(id) ?? id);
}

function duration(millis) {
  const seconds = Math.round(millis / 1000);
  const hours = Math.floor(seconds / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  if (hours) return `${hours} h ${minutes} min`;
  return minutes ? `${minutes} min ${seconds % 60} s` : `${seconds} s`;
}

const count = (number, noun) => `${number} ${noun}${number === 1 ? '' : 's'}`;

const path = (collection, id) => customerPath(`/${collection}/${encodeURIComponent(id)}`);

/** Users of the customer, paged; administrators add users, change their role and delete them. */
export async function usersPage(main, { signal }) {
  const admin = isAdmin();
  const me = session()?.userId;
  const roles = admin ? await api('GET', customerPath('/roles')).then((answer) => answer.items.map((role) => role.name), () => ROLES) : ROLES;
  const isAdminUser = (user) => user.roles.includes('ADMIN_ROLE');
  const roleChoices = roles.map((role) => [role, role]);

  function changeRole(user) {
    const choice = select(roleChoices, user.roles[0]);
    modal(main, 'Change role', [h('p', {}, 'User: ', userText(user.email)), field('Role', choice)], 'Change role',
      () => api('PATCH', path('users', user.id), { role: choice.value }), changed('The role was changed.', list.reload));
  }

  function actions(user, protect) {
    return h('div', { class: 'actions' },
      button('Change role…', () => changeRole(user), { label: `Change role of ${user.email}`, disabled: protect }),
      button('Delete…', () => confirmDelete(main, 'Delete user', userText(user.email),
        () => api('DELETE', path('users', user.id)), changed('The user was deleted.', list.reload)),
      { kind: 'danger', label: `Delete ${user.email}`, disabled: protect }),
      protect ? h('small', { class: 'hint' }, user.id === me
        ? 'Your own administrator user: another administrator may change it.'
        : 'The only administrator: make another user an administrator first.') : null);
  }

  const list = pager('Users', (users, complete) => {
    const soleAdmin = complete && users.filter(isAdminUser).length === 1;
    return table('Users', [
      ['Email', (user) => [userText(user.email), user.id === me ? ' (you)' : null]],
      ['Name', (user) => userText([user.first_name, user.last_name].filter(Boolean).join(' '))],
      ['Roles', (user) => user.roles.join(', ')],
      ['Created', (user) => formatTime(user.created)],
      admin && ['Actions', (user) => actions(user, isAdminUser(user) && (user.id === me || soleAdmin))],
    ].filter(Boolean), users, 'No users.');
  }, signal);

  const email = h('input', { type: 'email', required: true, maxlength: 254, autocomplete: 'off', dir: 'auto' });
  const role = select(roleChoices, 'USER_ROLE');
  const firstName = textInput();
  const lastName = textInput();
  replace(main, h('h1', {}, 'Users'),
    section('Users', list.element),
    admin ? section('Add a user', form([
      field('Email', email), field('Role', role), field('First name', firstName), field('Last name', lastName),
    ], 'Add user', async (added) => {
      await api('POST', customerPath('/users'), {
        email: email.value.trim(), role: role.value, first_name: firstName.value.trim(), last_name: lastName.value.trim(),
      });
      added.reset();
      announce('The user was added. They sign in with a sign-in link an administrator makes for them.');
      await list.reload();
    })) : null);
  await list.start(customerPath('/users'));
}

/** One row per gateway with its jobs as bars placed on the analysed range, plus the same jobs as a table. */
function timeline(results, { start, end }, known) {
  const span = Math.max(1, end - start);
  const share = (time) => ((Math.min(Math.max(time, start), end) - start) / span) * 100;
  const describe = (job) => `${formatTime(job.start_time)} to ${formatTime(job.end_time)}, ${duration(job.end_time - job.start_time)}, completed`;
  const jobs = results.flatMap((result) => (result.jobs ?? []).map((job) => ({ ...job, gateway_id: result.gateway_id })));
  const rows = results.map((result) => {
    const track = h('ul', { class: 'timeline-track', 'aria-label': `Jobs of ${known.names.get(result.gateway_id) ?? result.gateway_id}` },
      (result.jobs ?? []).map((job, index) => {
        const bar = h('li', { class: 'timeline-bar', title: describe(job) }, h('span', { class: 'visually-hidden' }, `Job ${index + 1}: ${describe(job)}`));
        bar.style.left = `${share(job.start_time)}%`;
        bar.style.width = `${share(job.end_time) - share(job.start_time)}%`;
        return bar;
      }));
    return h('li', { class: 'timeline-row' },
      h('span', { class: 'timeline-name' }, gatewayText(known, result.gateway_id), h('small', { class: 'hint' }, ` (${count(result.jobs?.length ?? 0, 'job')})`)),
      track);
  });
  return h('div', { class: 'timeline' },
    h('p', {}, `${count(jobs.length, 'job')} on ${count(results.length, 'gateway')}, ${formatTime(start)} to ${formatTime(end)}.`),
    h('p', { class: 'legend' }, h('span', {}, h('span', { class: 'swatch' }), 'A job: from its start scan to its end scan (completed)'),
      h('span', {}, 'A job still open at the end of the range is not reported.')),
    h('ul', { class: 'timeline-rows' }, rows),
    h('div', { class: 'timeline-axis', 'aria-hidden': 'true' }, h('span'),
      h('span', {}, h('span', {}, formatTime(start)), h('span', {}, formatTime(end)))),
    h('details', {}, h('summary', {}, 'The jobs as a table'), h('div', { class: 'table-wrap' }, table('Jobs', [
      ['Gateway', (job) => gatewayText(known, job.gateway_id)],
      ['Start', (job) => formatTime(job.start_time)],
      ['End', (job) => formatTime(job.end_time)],
      ['Duration', (job) => duration(job.end_time - job.start_time)],
      ['Outcome', () => 'Completed'],
    ], jobs, 'No jobs in this range.'))));
}

/** Job configs (administrators create and delete them) and the job analysis as a timeline per gateway. */
export async function jobsPage(main, { signal }) {
  const admin = isAdmin();
  const known = await gateways();
  const listBox = h('div', { class: 'table-wrap' });
  const configChoice = h('select', { required: true });

  const columns = [
    ['Name', (config) => userText(config.job_name)],
    ['Start barcode', (config) => userText(config.start_barcode, 'code')],
    ['End barcode', (config) => userText(config.end_barcode, 'code')],
    ['Gateways', (config) => config.gateway_ids.map((id, index) => [index ? ', ' : null, gatewayText(known, id)])],
    ['Created', (config) => formatTime(config.created)],
    admin && ['Actions', (config) => button('Delete…', () => confirmDelete(main, 'Delete job configuration', userText(config.job_name),
      () => api('DELETE', path('job-configs', config.job_config_id)), changed('The job configuration was deleted.', loadConfigs)),
    { kind: 'danger', label: `Delete ${config.job_name}` })],
  ].filter(Boolean);

  async function loadConfigs() {
    const configs = (await api('GET', customerPath('/job-configs'))).items;
    if (signal.aborted) return;
    replace(listBox, table('Job configurations', columns, configs, 'No job configurations yet.'));
    const chosen = configChoice.value;
    replace(configChoice, configs.map((config) => h('option', { value: config.job_config_id, selected: config.job_config_id === chosen }, config.job_name)));
  }

  function createSection() {
    const name = textInput();
    const startCode = textInput();
    const endCode = textInput();
    const boxes = known.list.map((gateway) => h('input', { type: 'checkbox', value: gateway.id }));
    return section('New job configuration', form([
      field('Job name', name, 'Unique in the customer.'),
      field('Start barcode', startCode, 'A scan whose code begins with this starts a job.'),
      field('End barcode', endCode, 'The next scan whose code begins with this ends it.'),
      h('fieldset', { class: 'choices' }, h('legend', {}, 'Gateways'),
        boxes.length ? h('ul', {}, known.list.map((gateway, index) => h('li', {}, h('label', {}, boxes[index], userText(gateway.name),
          gateway.station ? h('small', { class: 'hint' }, ' · ', userText(gateway.station)) : null))))
          : h('p', { class: 'empty' }, 'No gateways yet.'),
        known.more ? h('p', { class: 'hint' }, 'The first 500 gateways are listed.') : null),
    ], 'Create job configuration', async (created) => {
      const gatewayIDs = boxes.filter((box) => box.checked).map((box) => box.value);
      if (gatewayIDs.length === 0) throw new Error('Choose at least one gateway.');
      await api('POST', customerPath('/job-configs'), {
        job_name: name.value.trim(), start_barcode: startCode.value.trim(), end_barcode: endCode.value.trim(), gateway_ids: gatewayIDs,
      });
      created.reset();
      announce('The job configuration was created.');
      await loadConfigs();
    }));
  }

  const range = rangeFields();
  const result = h('div');
  replace(main, h('h1', {}, 'Jobs'),
    section('Job configurations', listBox),
    admin ? createSection() : null,
    section('Job analysis', form([
      h('div', { class: 'toolbar' }, field('Job configuration', configChoice), range.fields),
    ], 'Analyse', async () => {
      const chosen = range.read();
      replace(result, h('p', { class: 'loading' }, 'Analysing…'));
      try {
        const answer = await api('POST', customerPath('/job-analysis'), { job_config_id: configChoice.value, start_time: chosen.start, end_time: chosen.end });
        const view = timeline(answer.results ?? [], chosen, known);
        replace(result, view);
        announce(view.firstChild.textContent);
      } catch (error) {
        replace(result);
        throw error;
      }
    }), result));
  await loadConfigs();
}

/** Events of a time range (optionally of one gateway), paged, and their export to a CSV file. */
export async function eventsPage(main, { signal }) {
  const known = await gateways();
  const range = rangeFields();
  const gateway = select([['', 'All gateways'], ...known.list.map((item) => [item.id, item.name])], '');
  const list = pager('Events', (events) => table('Events', [
    ['Time', (event) => formatTime(event.created)],
    ['Gateway', (event) => gatewayText(known, event.gateway_id)],
    ['Station', (event) => userText(event.gateway_station ?? '')],
    ['Device', (event) => event.device_id ?? '—'],
    ['Type', (event) => event.type],
    ['Scan code', (event) => userText(event.scan_code ?? '', 'code')],
    ['Symbology', (event) => event.scan_decode_symbology ?? '—'],
  ], events, 'No events in this range.'), signal);

  let shown = null;
  async function show() {
    shown = range.read();
    await list.start(customerPath('/events') + query({
      start_time_millis: shown.start, end_time_millis: shown.end, gateway_id: gateway.value, limit: 100,
    }));
  }

  const state = h('p', { role: 'status' });
  let exporting = false;
  async function exportShown() {
    if (exporting) return;
    exporting = true;
    try {
      const span = query({ start_time_millis: shown.start, end_time_millis: shown.end });
      const { task } = await api('POST', customerPath('/events/export/tasks') + span);
      replace(state, 'The export is running… ', h('progress', { 'aria-label': 'Export running' }));
      let status = { completed: false };
      while (!status.completed) {
        await pause(1000, signal);
        if (signal.aborted) return;
        status = await api('GET', path('events/export/tasks', task));
      }
      if (status.status === 'SUCCESSFUL') {
        replace(state, 'The export is ready: ', h('a', { href: status.download_link, download: true }, 'Download the CSV file'),
          ' (the link works for 5 minutes; export again for a new one).');
        announce('The export is ready.');
      } else {
        replace(state, h('span', { class: 'error' }, 'The export failed.'));
      }
    } catch (error) {
      replace(state);
      failed(error);
    } finally {
      exporting = false;
    }
  }

  replace(main, h('h1', {}, 'Events'),
    section('Choose events', form(h('div', { class: 'toolbar' }, range.fields,
      field('Gateway', gateway, known.more ? 'The first 500 gateways are listed.' : null)), 'Show events', show)),
    section('Events', list.element),
    section('Export',
      h('p', { class: 'hint' }, 'Exports every event of the shown range, of all gateways (the export has no gateway filter), as a CSV file.'),
      button('Export to CSV', exportShown, { kind: null }), state));
  await show();
}

/** Scanners known from their events, paged, with their status; administrators set a scanner's status. */
export async function devicesPage(main, { signal }) {
  const admin = isAdmin();
  function changeStatus(device) {
    const choice = select(DEVICE_STATUSES.map((status) => [status, status]), device.status);
    modal(main, 'Change status', [h('p', {}, 'Scanner: ', h('code', {}, device.id)), field('Status', choice)], 'Change status',
      () => api('PUT', path('devices', device.id), { status: choice.value }), changed('The status was changed.', list.reload));
  }
  const list = pager('Devices', (devices) => table('Devices', [
    ['Serial number', (device) => h('code', {}, device.id)],
    ['Status', (device) => h('span', { class: `status ${device.status}` }, device.status)],
    ['Model', (device) => [device.manufacturer, device.model].filter(Boolean).join(' ') || '—'],
    ['Firmware', (device) => device.firmware ?? '—'],
    ['Battery', (device) => device.battery == null ? '—' : `${device.battery} %`],
    ['First seen', (device) => formatTime(device.created)],
    ['Last activity', (device) => formatTime(device.last_activity_time)],
    admin && ['Actions', (device) => button('Change status…', () => changeStatus(device), { label: `Change status of ${device.id}` })],
  ].filter(Boolean), devices, 'No scanner has sent an event yet.'), signal);
  replace(main, h('h1', {}, 'Devices'), section('Scanners', list.element));
  await list.start(customerPath('/devices') + query({ limit: 100 }));
}
