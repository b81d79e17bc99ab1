// The console's shell: sign-in, the navigation (only what the signed-in role may do is offered;
// the API enforces it regardless) and a hash router. Each page is a module function
// `page(main, {params, signal})` that renders into <main>; `signal` aborts when the person leaves
// the page, which stops its streams and timers.
import { announce, h, replace } from './dom.js';
import * as auth from './session.js';
import { signInPage, signInFromLink } from './signin.js';
import { batchesPage, batchPage } from './onboard.js';
import { gatewaysPage, gatewayPage } from './gateways.js';
import { devicesPage, eventsPage, jobsPage, usersPage } from './admin.js';

const routes = [
  { path: /^#\/batches$/, page: batchesPage, title: 'Onboarding', nav: 'Onboard', adminOnly: true },
  { path: /^#\/batches\/([\w-]+)$/, page: batchPage, title: 'Batch', adminOnly: true },
  { path: /^#\/gateways$/, page: gatewaysPage, title: 'Gateways', nav: 'Gateways' },
  { path: /^#\/gateways\/([\w-]+)$/, page: gatewayPage, title: 'Gateway' },
  { path: /^#\/events$/, page: eventsPage, title: 'Events', nav: 'Events' },
  { path: /^#\/jobs$/, page: jobsPage, title: 'Jobs', nav: 'Jobs' },
  { path: /^#\/devices$/, page: devicesPage, title: 'Devices', nav: 'Devices' },
  { path: /^#\/users$/, page: usersPage, title: 'Users', nav: 'Users' },
];

let pageController = null;
/** Whether a page was shown already: the first one leaves the focus at the document's start, so
 * that TAB reaches the skip link first; later ones move it to the new content. */
let shownPage = false;

function homeRoute() {
  return auth.isAdmin() ? '#/batches' : '#/gateways';
}

function renderNavigation() {
  const nav = document.getElementById('nav');
  const who = document.getElementById('who');
  const current = auth.session();
  if (!current) {
    replace(nav);
    replace(who);
    return;
  }
  const links = routes.filter((route) => route.nav && (!route.adminOnly || auth.isAdmin()))
    .map((route) => {
      const href = route.path.source.replace(/^\^/, '').replace(/\$$/, '').replace(/\\\//g, '/');
      const active = location.hash.startsWith(href);
      return h('a', { href, 'aria-current': active ? 'page' : false }, route.nav);
    });
  replace(nav, h('ul', {}, links.map((link) => h('li', {}, link))));
  replace(who,
    h('span', { dir: 'auto', class: 'email' }, current.email),
    h('span', { class: 'role' }, auth.isAdmin() ? 'Administrator' : 'User'),
    h('button', { type: 'button', class: 'quiet', id: 'sign-out', on: { click: () => auth.end('You signed out.') } }, 'Sign out'));
}

async function render(reason = null) {
  pageController?.abort();
  pageController = new AbortController();
  const main = document.getElementById('main');
  if (!auth.session()) {
    renderNavigation();
    document.title = 'Sign in · Insight console';
    signInPage(main, { reason, signal: pageController.signal });
    return;
  }
  if (!location.hash || location.hash === '#') {
    history.replaceState(null, '', homeRoute());
  }
  shownHash = location.hash;
  renderNavigation();
  const route = routes.find((candidate) => candidate.path.test(location.hash));
  if (!route || (route.adminOnly && !auth.isAdmin())) {
    replace(main, h('h1', {}, 'Not found'), h('p', {}, 'This page does not exist or your role may not open it. ',
      h('a', { href: homeRoute() }, 'Go to the start page')));
    return;
  }
  document.title = `${route.title} · Insight console`;
  const params = route.path.exec(location.hash).slice(1);
  replace(main, h('p', { class: 'loading' }, 'Loading…'));
  try {
    await route.page(main, { params, signal: pageController.signal });
  } catch (error) {
    if (error.name === 'AbortError') return;
    replace(main, h('h1', {}, route.title), h('p', { class: 'error', role: 'alert' }, error.message));
  }
  if (shownPage) main.focus({ preventScroll: true });
  shownPage = true;
}

/** Whether the first render (at the end of this module) began: sign-ins before it need no render of their own. */
let running = false;
auth.onChange((current, reason) => {
  if (!current) {
    render(reason);
    if (reason) announce(reason);
  } else if (running) {
    render(); // signed in on the sign-in page: with an IdToken, or a sign-in link opened in this tab
  }
});
let shownHash = location.hash;
window.addEventListener('hashchange', () => {
  if (location.hash === '#main') {
    // The skip link: focus the content and keep the page's own address.
    history.replaceState(null, '', shownHash || location.pathname);
    document.getElementById('main').focus();
    return;
  }
  if (location.hash.startsWith('#login=')) {
    // A sign-in link opened in a tab that shows the console: only the fragment changed, so the
    // page did not load again. A sign-in renders (above); a refused link shows why.
    const before = auth.session();
    signInFromLink().then(() => {
      if (auth.session() !== before) return;
      if (before && signInFromLink.failure) {
        announce(signInFromLink.failure, 'error');
        signInFromLink.failure = null;
      }
      render();
    });
    return;
  }
  shownHash = location.hash;
  render();
});

const started = performance.now();
auth.restore();
await signInFromLink();
running = true;
await render();
document.documentElement.dataset.ready = String(Math.round(performance.now() - started));
