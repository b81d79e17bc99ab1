// The signed-in session: the IdToken and who it names. Kept in memory and in sessionStorage (the
// tab's own store, erased when the tab closes; never localStorage or a cookie), so that a reload
// keeps the person signed in and nothing outlives the tab. The token never appears in a URL.
// The session ends when the token expires: a timer signs out at that moment.

const storageKey = 'insight.console.session';
let current = null;
let expiryTimer = null;
const listeners = new Set();

/** The session, or null: {token, expiresAt (ms), customerId, email, userId, roles}. */
export function session() {
  if (current && current.expiresAt <= Date.now()) end('Your session expired: sign in again.');
  return current;
}

export function isAdmin() {
  return Boolean(current?.roles?.includes('ADMIN_ROLE'));
}

/** Starts a session (after sign-in) and arms the expiry timer. */
export function begin(value) {
  current = value;
  sessionStorage.setItem(storageKey, JSON.stringify(value));
  clearTimeout(expiryTimer);
  expiryTimer = setTimeout(() => end('Your session expired: sign in again.'), Math.max(0, value.expiresAt - Date.now()));
  for (const listener of listeners) listener(current, null);
}

/** Ends the session; `reason` is shown on the sign-in page. */
export function end(reason = null) {
  current = null;
  sessionStorage.removeItem(storageKey);
  clearTimeout(expiryTimer);
  for (const listener of listeners) listener(null, reason);
}

/** Restores the tab's session after a reload, if it has not expired. */
export function restore() {
  try {
    const saved = JSON.parse(sessionStorage.getItem(storageKey) ?? 'null');
    if (saved && saved.expiresAt > Date.now()) begin(saved);
    else sessionStorage.removeItem(storageKey);
  } catch {
    sessionStorage.removeItem(storageKey);
  }
}

/** Calls `listener(session, reason)` whenever the session begins or ends. */
export function onChange(listener) {
  listeners.add(listener);
}

/** The seconds since 1970 of a JWT's `exp` claim (read, not verified: the server verifies). */
export function tokenExpiry(token) {
  const payload = token.split('.')[1] ?? '';
  const json = atob(payload.replace(/-/g, '+').replace(/_/g, '/'));
  return JSON.parse(json).exp * 1000;
}
