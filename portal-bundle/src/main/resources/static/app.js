// Sharer Cloud portal: sign-in, navigation by role, live events, and the router. Views live in
// requestor.js (workloads, submit, workers), contributor.js (a member's machine) and operator.js
// (members, cluster, tokens).
import { api, token, liveEvents, ApiError } from './api.js';
import { h, put, errorBox } from './dom.js';
import * as requestor from './requestor.js';
import * as operator from './operator.js';
import * as contributor from './contributor.js';

const main = document.getElementById('view');
const nav = document.getElementById('nav');
let me = null;
let stopLive = null;
let cleanups = [];
const listeners = new Set();

const NAV = {
  REQUESTOR: [['#/workloads', 'Workloads'], ['#/submit', 'Submit'], ['#/workers', 'Workers']],
  ADMIN: [['#/members', 'Members'], ['#/cluster', 'Cluster'], ['#/workloads', 'Workloads'], ['#/submit', 'Submit'],
    ['#/workers', 'Workers'], ['#/tokens', 'Tokens']],
  MEMBER: [['#/machine', 'My machine']],
};

const ROUTES = [
  [/^#\/workloads\/([\w-]+)$/, requestor.workload, ['REQUESTOR', 'ADMIN']],
  [/^#\/workloads$/, requestor.workloads, ['REQUESTOR', 'ADMIN']],
  [/^#\/submit(?:\/([\w-]+))?$/, requestor.submit, ['REQUESTOR', 'ADMIN']],
  [/^#\/workers$/, requestor.workers, ['REQUESTOR', 'ADMIN']],
  [/^#\/machine$/, (ctx) => contributor.machine(ctx, ctx.me.subject), ['MEMBER']],
  [/^#\/members\/([\w.-]+)$/, contributor.machine, ['ADMIN']],
  [/^#\/members$/, operator.members, ['ADMIN']],
  [/^#\/cluster$/, operator.cluster, ['ADMIN']],
  [/^#\/tokens$/, operator.tokens, ['ADMIN']],
];

function home() {
  return me.role === 'ADMIN' ? '#/members' : me.role === 'MEMBER' ? '#/machine' : '#/workloads';
}

function ctx() {
  return {
    me, main,
    onEvents: (fn) => { listeners.add(fn); cleanups.push(() => listeners.delete(fn)); },
    onCleanup: (fn) => cleanups.push(fn),
    go: (hash) => { if (location.hash === hash) route(); else location.hash = hash; },
  };
}

async function route() {
  cleanups.forEach((f) => { try { f(); } catch (e) { /* ignore */ } });
  cleanups = [];
  if (!me) return signInView();
  const hash = location.hash || home();
  if (!location.hash || hash === '#/') { location.replace(home()); return; }
  nav.querySelectorAll('a').forEach((a) => a.classList.toggle('active', hash.startsWith(a.getAttribute('href'))));
  for (const [re, view, roles] of ROUTES) {
    const m = re.exec(hash);
    if (!m) continue;
    if (!roles.includes(me.role)) break;
    put(main, h('p', { class: 'muted' }, 'Loading…'));
    try {
      await view(ctx(), ...m.slice(1));
      performance.mark('sharer-view-ready');
    } catch (e) {
      put(main, h('section', {}, h('h1', {}, 'Something went wrong'),
        h('p', { class: 'error-box' }, e instanceof ApiError ? e.message : 'The page could not be shown: ' + (e && e.message)),
        h('p', {}, h('a', { href: home() }, 'Back to the start'))));
    }
    return;
  }
  put(main, h('section', {}, h('h1', {}, 'Not here'), h('p', {}, 'There is no such page for your role. '),
    h('a', { href: home() }, 'Back to the start')));
}

function signInView() {
  put(nav);
  const input = h('input', { type: 'password', name: 'token', autocomplete: 'off', required: true, placeholder: 'sc_req_… or sc_admin_… or m.<member>.<secret>', 'aria-label': 'Token' });
  const box = errorBox();
  const form = h('form', { class: 'signin panel', onsubmit: async (e) => {
    e.preventDefault();
    const t = input.value.trim();
    if (!t) { box.textContent = 'Paste a token first.'; box.hidden = false; return; }
    token.set(t);
    try {
      await signedIn();
    } catch (err) {
      token.clear();
      box.textContent = err.status === 401 ? 'That token is unknown or revoked.' : err.message;
      box.hidden = false;
    }
  } },
  h('h1', {}, 'Sign in'),
  h('p', { class: 'muted small' }, 'Requestors and operators: the API token you were given (the first admin token is in ',
    h('code', {}, 'data/sharer/admin.token'), ' on the coordinator). Contributors: your machine\'s member credential (',
    h('code', {}, 'credential'), ' in ', h('code', {}, 'data/sharer/member.properties'), ' of the contributor). It stays in this tab only.'),
  input, box, h('p', {}, h('button', { class: 'primary', type: 'submit', id: 'signin' }, 'Sign in')));
  if (location.protocol === 'http:' && !/^(localhost|127\.[0-9.]+|\[::1\])$/.test(location.hostname)) {
    // a token typed here would cross the network in clear text (README, "TLS")
    form.insertBefore(h('p', { class: 'error-box', role: 'alert', id: 'plain-http' }, 'Not encrypted: this page came over plain http from ',
      h('code', {}, location.host), ', so the token you paste here can be read by anyone on the way. Ask the operator for the ',
      h('code', {}, 'https://'), ' address.'), form.children[1]);
  }
  put(main, form);
  input.focus();
  performance.mark('sharer-view-ready');
}

async function signedIn() {
  me = await api('me');
  document.getElementById('who').textContent = (me.role === 'MEMBER' ? 'member ' : '') + me.subject + ' · ' + me.role.toLowerCase();
  document.getElementById('signout').hidden = false;
  put(nav, ...NAV[me.role].map(([href, label]) => h('a', { href }, label)));
  startLive();
  route();
}

function startLive() {
  const badge = document.getElementById('live');
  if (stopLive) stopLive();
  stopLive = liveEvents({
    onEvents: (list) => listeners.forEach((fn) => { try { fn(list); } catch (e) { /* one view's bug stays there */ } }),
    onState: (s) => { badge.textContent = s === 'on' ? 'live' : 'offline'; badge.classList.toggle('on', s === 'on'); },
    onOverflow: () => route(),
  });
}

function signOut() {
  token.clear();
  me = null;
  if (stopLive) stopLive();
  stopLive = null;
  document.getElementById('who').textContent = '';
  document.getElementById('signout').hidden = true;
  document.getElementById('live').textContent = 'offline';
  document.getElementById('live').classList.remove('on');
  history.replaceState(null, '', location.pathname);
  route();
}

async function health() {
  const el = document.getElementById('health');
  try {
    const r = await fetch('api/v1/health', { cache: 'no-store' });
    const b = await r.json();
    const down = Object.entries(b.modules || {}).filter(([, s]) => s !== 'UP').map(([n]) => n);
    el.textContent = 'Sharer Cloud ' + b.version + ' · coordinator ' + b.status + (down.length ? ' (down: ' + down.join(', ') + ')' : '');
  } catch (e) {
    el.textContent = 'Cannot reach the coordinator.';
  }
}

document.getElementById('signout').addEventListener('click', signOut);
window.addEventListener('hashchange', route);
window.addEventListener('sharer:unauthorized', () => { if (me) signOut(); });
health();
setInterval(health, 30000);
if (token.get()) signedIn().catch(() => { token.clear(); route(); }); else route();
