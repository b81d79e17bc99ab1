// Gateways: search by name, filter by station, use case and connectivity status, page through
// any number of them (one page at a time, from the server); a gateway's page with its status,
// last message, certificates, downloads and events; and the device swap.
import { api, customerPath, query } from './api.js';
import { announce, field, formatTime, h, replace, section, table, userText } from './dom.js';
import { fetchFile } from './onboard.js';
import { isAdmin } from './session.js';

const statuses = ['ACTIVE', 'INACTIVE', 'REGISTERING', 'NOT_REGISTERED'];
/** The list's filters, kept while the person moves between a gateway and the list. */
const filters = { name: '', station: '', usecase: '', status: '' };

function statusBadge(status) {
  return h('span', { class: `status ${status}` }, status.replace('_', ' ').toLowerCase());
}

function choice(id, label, values, selected) {
  const select = h('select', { id }, h('option', { value: '' }, 'All'),
    values.map((value) => h('option', { value, selected: value === selected }, value)));
  return { select, field: field(label, select) };
}

/** The gateway list: search and filters, 50 a page. */
export async function gatewaysPage(main, { signal }) {
  const facets = await api('GET', '/console/api/gateway-facets');
  if (signal.aborted) return;
  const name = h('input', { type: 'search', id: 'gateway-search', value: filters.name, autocomplete: 'off' });
  const station = choice('filter-station', 'Station', facets.stations, filters.station);
  const usecase = choice('filter-usecase', 'Use case', facets.usecases, filters.usecase);
  const status = choice('filter-status', 'Status', statuses, filters.status);
  const results = h('div', { class: 'table-wrap', id: 'gateway-results', 'aria-live': 'polite' });
  const pager = h('div', { class: 'actions' });
  const tokens = [null]; // the token of each page read so far: Previous goes back one

  async function load() {
    const answer = await api('GET', `/console/api/gateways${query({ ...filters, limit: 50, next_token: tokens[tokens.length - 1] })}`);
    if (signal.aborted) return;
    replace(results, table('Gateways', [
      ['Name', (gateway) => h('a', { href: `#/gateways/${gateway.id}`, dir: 'auto' }, gateway.name)],
      ['Station', (gateway) => userText(gateway.station)],
      ['Use case', (gateway) => userText(gateway.usecase)],
      ['Status', (gateway) => statusBadge(gateway.connectivity_status)],
      ['Created', (gateway) => formatTime(gateway.created)],
    ], answer.items, 'No gateway matches.'));
    replace(pager,
      h('button', { type: 'button', class: 'quiet', disabled: tokens.length === 1, on: { click: () => { tokens.pop(); load(); } } }, 'Previous page'),
      h('span', {}, `Page ${tokens.length}`),
      h('button', { type: 'button', class: 'quiet', id: 'next-page', disabled: !answer.next_token, on: { click: () => { tokens.push(answer.next_token); load(); } } }, 'Next page'));
  }

  const form = h('form', { class: 'toolbar', role: 'search', on: { submit: (event) => {
    event.preventDefault();
    Object.assign(filters, { name: name.value.trim(), station: station.select.value, usecase: usecase.select.value, status: status.select.value });
    tokens.splice(1);
    load().catch((error) => announce(error.message, 'error'));
  } } },
  field('Name contains', name), station.field, usecase.field, status.field, h('button', { type: 'submit' }, 'Search'));
  for (const select of [station.select, usecase.select, status.select]) select.addEventListener('change', () => form.requestSubmit());
  replace(main, h('h1', {}, 'Gateways'), form, results, pager);
  await load();
}

/** One gateway: facts, certificates, downloads, events, and (for administrators) the swap. */
export async function gatewayPage(main, { params: [id], signal }) {
  const details = await api('GET', `/console/api/gateways/${id}`);
  if (signal.aborted) return;
  const events = h('div', { class: 'table-wrap' }, h('p', { class: 'loading' }, 'Loading events…'));
  const { gateway, certificates, batch } = details;
  replace(main,
    h('p', {}, h('a', { href: '#/gateways' }, '← All gateways')),
    h('h1', {}, userText(gateway.name)),
    h('div', { class: 'grid' },
      section('Status', h('dl', { class: 'facts' },
        h('dt', {}, 'Status'), h('dd', { id: 'gateway-status' }, statusBadge(gateway.connectivity_status)),
        h('dt', {}, 'Last message'), h('dd', {}, formatTime(details.last_message_at)),
        h('dt', {}, 'Station'), h('dd', {}, userText(gateway.station)),
        h('dt', {}, 'Use case'), h('dd', {}, userText(gateway.usecase)),
        h('dt', {}, 'Gateway id'), h('dd', {}, gateway.id),
        h('dt', {}, 'Created'), h('dd', {}, formatTime(gateway.created)))),
      section('Downloads', batch ? downloads(batch) : h('p', { class: 'empty' }, 'This gateway was not onboarded in the console: its package and label are in the folder of the batch that onboarded it.'))),
    section('Certificates', h('div', { class: 'table-wrap', id: 'certificates' }, table('Certificates', [
      ['Serial', (certificate) => h('code', {}, certificate.serial)],
      ['Issued', (certificate) => formatTime(certificate.issued)],
      ['Expires', (certificate) => formatTime(certificate.not_after)],
      ['State', (certificate) => certificate.revoked_at
        ? [h('span', { class: 'status revoked' }, 'revoked'), ' ', formatTime(certificate.revoked_at)]
        : h('span', { class: 'status ok' }, 'current')],
    ], certificates, 'No certificate yet: the gateway is not provisioned.'))),
    isAdmin() && batch ? swapSection(gateway, batch) : null,
    section('Latest events', events));
  const to = Date.now();
  const answer = await api('GET', `${customerPath('/events')}${query({ gateway_id: gateway.id, start_time_millis: to - 7 * 86400000, end_time_millis: to, limit: 20 })}`);
  if (signal.aborted) return;
  replace(events, table('Latest events', [
    ['Time', (event) => formatTime(event.created)],
    ['Type', (event) => event.type ?? '—'],
    ['Scan code', (event) => userText(event.scan_code ?? '—', 'code')],
    ['Scanner', (event) => event.device_id ?? '—'],
  ], answer.items ?? [], 'No event in the last 7 days.'));
}

function downloads(batch) {
  const button = (path, text, idName) => h('button', { type: 'button', class: 'quiet', id: idName, on: { click: () => fetchFile(batch.id, path) } }, text);
  return h('div', {},
    h('p', {}, 'From batch ', h('a', { href: `#/batches/${batch.id}`, dir: 'auto' }, batch.name), batch.encrypted ? ' (packages encrypted with its package password).' : '.'),
    h('div', { class: 'actions' },
      button(batch.package, 'Package (zip)', 'download-package'),
      batch.station_pdf ? button(batch.station_pdf, 'Station sheet (PDF)', 'download-station-pdf') : null,
      batch.labels.map((path) => button(path, `New label (${path.split('.').pop().toUpperCase()})`, `download-label-${path.split('.').pop()}`))));
}

function swapSection(gateway, batch) {
  const password = h('input', { type: 'password', id: 'swap-password', autocomplete: 'off', required: batch.encrypted });
  const problem = h('p', { class: 'error', role: 'alert' });
  const confirmButton = h('button', { type: 'submit', class: 'danger', id: 'confirm-swap' }, 'Revoke and reissue');
  const dialog = h('dialog', { id: 'swap-dialog', 'aria-labelledby': 'swap-title' },
    h('form', { on: { submit: async (event) => {
      event.preventDefault();
      confirmButton.disabled = true;
      replace(problem);
      try {
        await api('POST', `/console/api/gateways/${gateway.id}/swap`, { package_password: password.value });
        password.value = '';
        dialog.close();
        announce('Swapped: the old certificate is revoked, the new label and package are ready.');
        window.dispatchEvent(new HashChangeEvent('hashchange'));
      } catch (error) {
        replace(problem, error.message);
      } finally {
        confirmButton.disabled = false;
      }
    } } },
    h('h2', { id: 'swap-title' }, 'Swap ', userText(gateway.name), '?'),
    h('ul', {},
      h('li', {}, 'Its current certificate is revoked: the old device can no longer connect.'),
      h('li', {}, 'Its old label is void: its token no longer redeems. Throw the old label away.'),
      h('li', {}, 'A new package and a new label (PDF, ZPL, PNG) are made, and the station sheet is reprinted.')),
    batch.encrypted ? field('Package password of the batch', password, 'The new package is encrypted with it, like the others.') : null,
    problem,
    h('div', { class: 'actions' },
      h('button', { type: 'button', class: 'quiet', on: { click: () => dialog.close() } }, 'Cancel'),
      confirmButton)));
  return section('Swap the device',
    h('p', {}, 'When the device at this place broke and a new one takes its place.'),
    h('button', { type: 'button', id: 'swap', on: { click: () => dialog.showModal() } }, 'Swap device…'),
    dialog);
}
