// Onboarding: upload a CSV (or drop it), see every problem with its line and column before
// anything is created, give the WiFi and package passwords (sent once, never kept in the
// browser), and watch the batch run on the server with a live progress bar that a reload picks
// up again; then download the sheets and packages.
import { ApiError, api, download, query, request } from './api.js';
import { announce, field, formatTime, h, replace, section, table, userText } from './dom.js';

/** The batches page: a new batch's form and the customer's batches. */
export async function batchesPage(main, { signal }) {
  const list = h('div', {}, h('p', { class: 'loading' }, 'Loading batches…'));
  replace(main, h('h1', {}, 'Onboard gateways'), newBatchForm(), section('Batches', list));
  const { items } = await api('GET', '/console/api/batches');
  if (signal.aborted) return;
  replace(list, table('Batches', [
    ['Batch', (batch) => h('a', { href: `#/batches/${batch.id}`, dir: 'auto' }, batch.name)],
    ['Started', (batch) => formatTime(batch.started)],
    ['By', (batch) => userText(batch.started_by)],
    ['Gateways', (batch) => String(batch.gateway_count)],
    ['State', (batch) => stateBadge(batch.state)],
  ], items, 'No batch yet: upload a CSV above.'));
}

function stateBadge(state) {
  return h('span', { class: `status ${state}` }, state);
}

/** The form: file (picked or dropped), its check, WiFi and package password, start. */
function newBatchForm() {
  let upload = null; // {name, bytes, rows}
  const fileInput = h('input', { type: 'file', id: 'csv-file', accept: '.csv,text/csv' });
  const checkResult = h('div', { id: 'csv-check', 'aria-live': 'polite' });
  const nameInput = h('input', { type: 'text', id: 'batch-name', autocomplete: 'off' });
  const ssidInput = h('input', { type: 'text', id: 'wifi-ssid', autocomplete: 'off' });
  const wifiPassword = h('input', { type: 'password', id: 'wifi-password', autocomplete: 'new-password' });
  const wifiAuth = h('select', { id: 'wifi-auth' }, ['WPA2', 'WPA3', 'WPA', 'WEP', 'nopass'].map((value) => h('option', { value }, value)));
  const packagePassword = h('input', { type: 'password', id: 'package-password', autocomplete: 'new-password', required: true, minlength: 8 });
  const submit = h('button', { type: 'submit', id: 'start-batch', disabled: true }, 'Onboard');
  const problem = h('p', { class: 'error', role: 'alert' });

  const drop = h('div', { class: 'drop', id: 'csv-drop' },
    h('p', {}, 'Drop the gateways CSV here, or choose it:'),
    field('Gateways CSV', fileInput, 'Columns: name, usecase, station; optional wifi_ssid, wifi_password, wifi_authentication_type.'));
  drop.addEventListener('dragover', (event) => { event.preventDefault(); drop.classList.add('over'); });
  drop.addEventListener('dragleave', () => drop.classList.remove('over'));
  drop.addEventListener('drop', (event) => {
    event.preventDefault();
    drop.classList.remove('over');
    const file = event.dataTransfer.files[0];
    if (file) check(file);
  });
  fileInput.addEventListener('change', () => { if (fileInput.files[0]) check(fileInput.files[0]); });

  async function check(file) {
    upload = null;
    submit.disabled = true;
    replace(checkResult, h('p', { class: 'loading' }, `Checking ${file.name}…`));
    try {
      const bytes = new Uint8Array(await file.arrayBuffer());
      const result = await api('POST', `/console/api/csv-check${query({ file_name: file.name })}`, new Blob([bytes]));
      if (result.problems.length > 0) {
        replace(checkResult, problemList(file.name, result.problems));
        return;
      }
      upload = { name: file.name, bytes, rows: result.rows };
      replace(checkResult, h('p', { class: 'status ok', id: 'csv-ok' }, `${file.name}: ${result.rows} gateways, no problems.`));
      replace(submit, `Onboard ${result.rows} gateways`);
      submit.disabled = false;
    } catch (error) {
      replace(checkResult, h('p', { class: 'error', role: 'alert' }, error.message));
    }
  }

  const form = h('form', { id: 'batch-form', on: { submit: async (event) => {
    event.preventDefault();
    if (!upload) return;
    replace(problem);
    submit.disabled = true;
    try {
      const batch = await api('POST', '/console/api/batches', {
        name: nameInput.value.trim() || null, file_name: upload.name, csv_base64: toBase64(upload.bytes),
        wifi_ssid: ssidInput.value.trim() || null, wifi_password: wifiPassword.value || null,
        wifi_authentication_type: wifiAuth.value, package_password: packagePassword.value,
      });
      wifiPassword.value = '';
      packagePassword.value = '';
      location.hash = `#/batches/${batch.id}`;
    } catch (error) {
      submit.disabled = false;
      if (error instanceof ApiError && error.body?.problems) replace(checkResult, problemList(upload.name, error.body.problems));
      else replace(problem, error.message);
    }
  } } },
  drop, checkResult,
  h('fieldset', {}, h('legend', {}, 'WiFi for rows that give none of their own'),
    h('div', { class: 'grid' }, field('Network name (SSID)', ssidInput), field('WiFi password', wifiPassword), field('Security', wifiAuth))),
  h('div', { class: 'grid' },
    field('Package password', packagePassword, 'At least 8 characters. Encrypts every package (AES-256); the stations need it to open them. Not stored anywhere.'),
    field('Batch name (optional)', nameInput, 'Printed on the sheets; default: the file name and today’s date.')),
  problem,
  h('div', { class: 'actions' }, submit));
  return section('New batch', form);
}

function problemList(fileName, problems) {
  return h('div', { class: 'problems', id: 'csv-problems', role: 'alert' },
    h('p', {}, h('strong', {}, `${fileName}: ${problems.length} problem${problems.length === 1 ? '' : 's'}. `), 'Nothing was created. Fix the file and choose it again.'),
    h('ol', {}, problems.map((item) => h('li', {},
      h('strong', {}, item.column ? `Line ${item.line}, column ${item.column}: ` : `Line ${item.line}: `), userText(item.message)))));
}

function toBase64(bytes) {
  let binary = '';
  for (let start = 0; start < bytes.length; start += 0x8000) binary += String.fromCharCode(...bytes.subarray(start, start + 0x8000));
  return btoa(binary);
}

/** One batch: its live progress while it runs (streamed from the server), its downloads when done. */
export async function batchPage(main, { params: [id], signal }) {
  const heading = h('h1', {}, 'Batch');
  const progress = h('div', { id: 'batch-progress' });
  const downloads = h('div', { id: 'batch-downloads' });
  replace(main, heading, progress, downloads);
  let rendered = null;
  const show = (status) => {
    replace(heading, 'Batch ', userText(status.batch.name));
    renderProgress(progress, status);
    if (status.batch.state !== rendered && status.files) renderDownloads(downloads, id, status.files);
    rendered = status.batch.state;
  };
  show(await api('GET', `/console/api/batches/${id}`));
  if (rendered !== 'running') return;
  // The progress stream: one JSON line per change, until the batch stops running.
  const response = await request('GET', `/console/api/batches/${id}/progress`);
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  signal.addEventListener('abort', () => reader.cancel());
  let buffered = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done || signal.aborted) break;
    buffered += value;
    const lines = buffered.split('\n');
    buffered = lines.pop();
    for (const line of lines) if (line) show(JSON.parse(line));
  }
  if (!signal.aborted && rendered === 'running') show(await api('GET', `/console/api/batches/${id}`));
  if (!signal.aborted) announce(rendered === 'done' ? 'The batch is done: its sheets and packages are ready.' : `The batch ${rendered}.`, rendered === 'done' ? 'info' : 'error');
}

function renderProgress(container, status) {
  const { batch, stages, notice } = status;
  const facts = h('dl', { class: 'facts' },
    h('dt', {}, 'State'), h('dd', {}, stateBadge(batch.state)),
    h('dt', {}, 'Gateways'), h('dd', {}, String(batch.gateway_count)),
    h('dt', {}, 'Started'), h('dd', {}, `${formatTime(batch.started)} by `, userText(batch.started_by)),
    batch.finished ? [h('dt', {}, 'Finished'), h('dd', {}, formatTime(batch.finished))] : null);
  const bars = stages.map((stage) => {
    const rate = stage.seconds > 0 ? stage.done / stage.seconds : 0;
    const eta = rate > 0 ? Math.ceil((stage.total - stage.done) / rate) : null;
    const label = `${stage.name}: ${stage.done} of ${stage.total}`;
    return h('div', { class: 'stage' },
      h('label', { for: `stage-${stage.name}` }, label),
      h('progress', { id: `stage-${stage.name}`, max: Math.max(stage.total, 1), value: stage.total === 0 ? 1 : stage.done }, label),
      h('div', { class: 'progress-figures' },
        h('span', {}, `${rate >= 10 || rate === 0 ? rate.toFixed(0) : rate.toFixed(1)} per second`),
        h('span', {}, stage.summary ? `done in ${stage.seconds.toFixed(1)} s: ${stage.summary}` : eta === null ? 'ETA —' : `ETA ${eta} s`)));
  });
  replace(container, section('Progress', facts,
    notice ? h('p', { class: 'notice' }, `Retried after a failure: ${notice}`) : null,
    batch.error ? h('p', { class: 'error', role: 'alert' }, batch.error) : null,
    batch.state === 'interrupted' ? h('p', { class: 'notice' }, 'The server stopped while this batch ran. Upload the same CSV again to resume it: nothing is created twice.') : null,
    bars.length ? bars : batch.state === 'running' ? h('p', { class: 'loading' }, 'Starting…') : null));
}

function renderDownloads(container, id, files) {
  const file = (path, text, label) => h('button', { type: 'button', class: 'quiet', 'aria-label': label, on: { click: () => fetchFile(id, path) } }, text);
  const pageSize = 50;
  let start = 0;
  const gatewayTable = h('div', { class: 'table-wrap' });
  const pager = h('div', { class: 'actions' });
  const showGateways = () => {
    const rows = files.gateways.slice(start, start + pageSize);
    replace(gatewayTable, table('Packages of this batch', [
      ['Gateway', (entry) => h('a', { href: `#/gateways/${entry.gateway_id}`, dir: 'auto' }, entry.name)],
      ['Station', (entry) => userText(entry.station)],
      ['Package', (entry) => file(entry.package, 'Download zip', `Download zip: package of ${entry.name}`)],
    ], rows));
    replace(pager,
      h('button', { type: 'button', class: 'quiet', disabled: start === 0, on: { click: () => { start -= pageSize; showGateways(); } } }, 'Previous'),
      h('span', {}, `${start + 1}–${Math.min(start + pageSize, files.gateways.length)} of ${files.gateways.length}`),
      h('button', { type: 'button', class: 'quiet', disabled: start + pageSize >= files.gateways.length, on: { click: () => { start += pageSize; showGateways(); } } }, 'Next'));
  };
  showGateways();
  replace(container,
    section('Sheets',
      h('div', { class: 'actions' },
        files.batch_pdf ? h('button', { type: 'button', id: 'download-batch-pdf', on: { click: () => fetchFile(id, files.batch_pdf) } }, 'Whole batch (PDF)') : null,
        h('button', { type: 'button', id: 'download-packages', on: { click: () => download(`/console/api/batches/${id}/packages.zip`, `packages-${id.slice(0, 8)}.zip`).catch(failed) } }, `All ${files.packages} packages (zip)`)),
      table('Stations', [
        ['Station', (station) => userText(station.station)],
        ['Gateways', (station) => String(station.gateways)],
        ['Sheet', (station) => station.pdf ? file(station.pdf, 'PDF', `Sheet of station ${station.station} (PDF)`) : '—'],
        ['Thermal labels', (station) => station.zpl ? file(station.zpl, 'ZPL', `Thermal labels of station ${station.station} (ZPL)`) : '—'],
      ], files.stations)),
    section('Packages one by one', gatewayTable, pager));
}

/** Downloads one file of batch `id`. */
export function fetchFile(id, path) {
  return download(`/console/api/batches/${id}/file${query({ path })}`, path.split('/').pop()).catch(failed);
}

function failed(error) {
  announce(error.message, 'error');
}
