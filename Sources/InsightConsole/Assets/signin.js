// Sign-in: with a one-time link from `insight token --login-link` (its secret travels in the URL
// fragment, which the browser never sends to a server; it is removed from the address bar before
// it is redeemed), or by pasting an IdToken from an external issuer (a server started with --jwks).
import { ApiError, api } from './api.js';
import { announce, field, h, replace } from './dom.js';
import * as auth from './session.js';

/** Redeems a login link found in the URL fragment (`#login=<secret>`), if there is one. */
export async function signInFromLink() {
  const match = /^#login=([A-Za-z0-9_-]+)$/.exec(location.hash);
  if (!match) return;
  history.replaceState(null, '', location.pathname);
  try {
    const answer = await api('POST', '/console/api/sign-in', { login_link: match[1] });
    auth.begin(sessionFrom(answer));
  } catch (error) {
    signInFromLink.failure = error instanceof ApiError ? error.message : 'The sign-in failed.';
  }
}

function sessionFrom(answer) {
  return {
    token: answer.id_token, expiresAt: answer.expires_at, customerId: answer.customer_id,
    email: answer.email, userId: answer.user_id, roles: answer.roles,
  };
}

/** The page shown while nobody is signed in. */
export function signInPage(main, { reason }) {
  const tokenInput = h('textarea', { id: 'id-token', rows: 3, autocomplete: 'off', spellcheck: 'false', required: true });
  const problem = h('p', { class: 'error', role: 'alert', id: 'sign-in-problem' }, signInFromLink.failure ?? '');
  signInFromLink.failure = null;
  const form = h('form', { on: { submit: async (event) => {
    event.preventDefault();
    try {
      const answer = await api('POST', '/console/api/sign-in', { id_token: tokenInput.value.trim() });
      tokenInput.value = '';
      auth.begin(sessionFrom(answer));
      announce('Signed in.');
    } catch (error) {
      replace(problem, error.message);
    }
  } } },
  field('IdToken', tokenInput, 'For servers that verify tokens of an external issuer (--jwks): paste an IdToken it issued you.'),
  h('button', { type: 'submit' }, 'Sign in with this token'));
  replace(main,
    h('h1', {}, 'Sign in'),
    reason ? h('p', { class: 'notice' }, reason) : null,
    problem,
    h('p', {}, 'Open the sign-in link your administrator gave you. An administrator makes one with:'),
    h('pre', {}, 'insight token --login-link --customer <customer id> --email <your email>'),
    h('p', {}, 'Each link signs in once and expires after 15 minutes.'),
    h('details', {}, h('summary', {}, 'Sign in with an IdToken instead'), form));
}
