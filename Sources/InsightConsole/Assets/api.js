// Calls to the Insight API and the console's own endpoints, with the session's IdToken in the
// Authorization header. Errors come back as ApiError with the server's {title, details}; a 401
// ends the session.
import { end, session } from './session.js';

export class ApiError extends Error {
  constructor(status, title, details, body) {
    super(details || title || `HTTP ${status}`);
    this.status = status;
    this.title = title;
    this.details = details;
    this.body = body;
  }
}

/** The path of a customer-scoped API operation: customerPath('/gateways') -> '/<customer>/gateways'. */
export function customerPath(path) {
  return `/${encodeURIComponent(session()?.customerId ?? '')}${path}`;
}

/** A query string of the given non-empty values: query({limit: 50, q: ''}) -> '?limit=50'. */
export function query(values) {
  const parameters = new URLSearchParams();
  for (const [name, value] of Object.entries(values)) {
    if (value !== undefined && value !== null && value !== '') parameters.set(name, String(value));
  }
  const text = parameters.toString();
  return text ? `?${text}` : '';
}

/** Sends a request; `body` (an object) goes as JSON, a string or Blob as it is. Resolves with the response. */
export async function request(method, path, body, headers = {}) {
  const token = session()?.token;
  const init = { method, headers: { ...headers } };
  if (token) init.headers.Authorization = token;
  if (body !== undefined) {
    if (typeof body === 'string' || body instanceof Blob) init.body = body;
    else {
      init.body = JSON.stringify(body);
      init.headers['Content-Type'] = 'application/json';
    }
  }
  const response = await fetch(path, init);
  if (!response.ok) {
    let payload = null;
    try { payload = await response.json(); } catch { /* not JSON */ }
    if (response.status === 401 && token) end('Your session ended (the server refused the token): sign in again.');
    throw new ApiError(response.status, payload?.title, payload?.details, payload);
  }
  return response;
}

/** Sends a request and resolves with its JSON answer (null for 204). */
export async function api(method, path, body) {
  const response = await request(method, path, body);
  if (response.status === 204) return null;
  const text = await response.text();
  return text ? JSON.parse(text) : null;
}

/** Downloads `path` (with the IdToken) and hands it to the browser as the file `fileName`. */
export async function download(path, fileName) {
  const response = await request('GET', path);
  const blob = await response.blob();
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}
