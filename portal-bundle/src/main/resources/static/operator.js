// Operator views: the members table (paged by the server, so it stays fast at any size; visible rows
// update live), the cluster over time with the placement strategy switch, and tokens.
import { api, qs } from './api.js';
import { h, put, badge, when, cpu, mem, pct, table, bar, field, errorBox, showErrors, clearErrors, debounce, runtimeBadges } from './dom.js';
import { lineChart } from './charts.js';
import { pager } from './requestor.js';

const MEMBER_STATES = ['ONLINE', 'DRAINING', 'SUSPECT', 'OFFLINE', 'CORDONED'];
const MEMBERS_PAGE = 100;

export async function members(ctx) {
  const search = h('input', { type: 'search', name: 'search', placeholder: 'Search name, id, host, label', 'aria-label': 'Search members' });
  const state = h('select', { name: 'state', 'aria-label': 'Filter by state' }, h('option', { value: '' }, 'All states'), MEMBER_STATES.map((s) => h('option', { value: s }, s)));
  const summary = h('div', { class: 'kpis', id: 'member-summary' });
  const box = errorBox();
  const list = h('div', {});
  const rows = new Map();
  const p = pager((cursor) => api('members' + qs({ limit: MEMBERS_PAGE, cursor, search: search.value.trim(), state: state.value })), render);
  function render(items) {
    rows.clear();
    const t = table([
      { label: 'Member', cell: (m) => h('a', { href: '#/members/' + m.id }, m.name) },
      { label: 'State', cell: (m) => h('span', { class: 'st' }, badge(m.state), m.cordoned ? [' ', badge('CORDONED')] : null) },
      { label: 'Capacity', narrow: true, cell: (m) => cpu(m.capacity.cpuMillisTotal) + ' · ' + mem(m.capacity.memoryMbTotal) },
      { label: 'CPU allocated / used', cell: (m) => h('span', { class: 'cpu' }, cpuCell(m)) },
      { label: 'Memory allocated', narrow: true, cell: (m) => mem((m.allocated || {}).memoryMb || 0) + ' of ' + mem(m.capacity.memoryMbTotal) },
      { label: 'Runtimes', narrow: true, cell: (m) => h('span', { class: 'runtimes' }, runtimeBadges(m.runtimes)) },
      { label: 'Last seen', cell: (m) => h('span', { class: 'seen' }, when(m.lastSeen)) },
      { label: '', cell: (m) => h('span', { class: 'row' },
        h('button', { type: 'button', class: m.cordoned ? 'uncordon' : 'cordon', onclick: () => action(m, m.cordoned ? 'uncordon' : 'cordon') }, m.cordoned ? 'Uncordon' : 'Cordon'),
        h('button', { type: 'button', class: 'danger', onclick: () => action(m, 'remove') }, 'Remove')) },
    ], items, search.value || state.value ? 'No member matches.' : 'No member has joined yet: mint a join token under Tokens.');
    put(list, t);
    for (const m of items) rows.set(m.id, { m, tr: t.querySelector('tr[data-id="' + CSS.escape(m.id) + '"]') });
    window.__membersRendered = performance.now();
  }
  function cpuCell(m) {
    const total = m.capacity.cpuMillisTotal || 0;
    const alloc = (m.allocated || {}).cpuMillis || 0;
    const load = m.metrics ? m.metrics.cpuLoad : 0;
    return [bar(total ? alloc / total : 0, load, 'allocated ' + cpu(alloc) + ' of ' + cpu(total) + '; machine load ' + pct(load)),
      h('span', { class: 'small muted' }, cpu(alloc) + ' of ' + cpu(total) + ' · load ' + pct(load))];
  }
  async function action(m, what) {
    box.hidden = true;
    try {
      if (what === 'remove') {
        if (!confirm('Remove member ' + m.name + '? Its credential stops working and its attempts are rescheduled.')) return;
        await api('members/' + m.id, { method: 'DELETE' });
      } else {
        await api('members/' + m.id + '/' + what, { method: 'POST' });
      }
      await Promise.all([p.refresh(), refreshSummary()]);
    } catch (e) { box.textContent = e.message; box.hidden = false; }
  }
  async function refreshSummary() {
    const s = await api('members/summary');
    put(summary, ...['ONLINE', 'DRAINING', 'SUSPECT', 'OFFLINE', 'CORDONED'].map((k) => h('div', { class: 'kpi' }, h('b', { class: 's-' + k }, s[k] || 0), k.toLowerCase())));
  }
  const again = debounce(() => p.reset(), 300);
  search.addEventListener('input', again);
  state.addEventListener('change', again);
  put(ctx.main, h('section', {}, h('h1', {}, 'Members'), summary, h('div', { class: 'row' }, search, state), box, list, p.el));
  await Promise.all([p.refresh(), refreshSummary()]);
  // Live: heartbeats update the rows on screen in place; joins, leaves and state changes reload the page.
  const reload = debounce(() => { p.refresh().catch(() => {}); refreshSummary().catch(() => {}); }, 1000);
  ctx.onEvents((evs) => {
    window.__eventsSeen = (window.__eventsSeen || 0) + evs.length;
    for (const e of evs) {
      if (e.kind === 'member' && e.type === 'HEARTBEAT') {
        const r = rows.get(e.id);
        if (!r || !r.tr) continue;
        r.m.metrics = e.data.metrics;
        r.m.lastSeen = new Date(e.at).toISOString();
        put(r.tr.querySelector('.cpu'), ...cpuCell(r.m));
        put(r.tr.querySelector('.seen'), when(r.m.lastSeen));
      } else if (e.kind === 'member' || (e.kind === 'allocation' && rows.has(e.id))) {
        reload();
      }
    }
  });
}

export async function cluster(ctx) {
  const kpis = h('div', { class: 'kpis' });
  const box = errorBox();
  const strategy = h('div', {});
  const coordinators = h('div', { id: 'coordinators' });
  let series = (await api('cluster/series')).samples;
  const pts = () => series.map((s) => Date.parse(s.at) / 1000);
  const util = () => [series.map((s) => (s.cpuTotalMillis ? 100 * s.cpuAllocatedMillis / s.cpuTotalMillis : 0)),
    series.map((s) => (s.cpuTotalMillis ? 100 * Math.min(s.cpuUsedMillis, s.cpuTotalMillis) / s.cpuTotalMillis : 0)),
    series.map((s) => (s.memoryTotalMb ? 100 * s.memoryAllocatedMb / s.memoryTotalMb : 0))];
  const pctFmt = (v) => (v === null || v === undefined ? '—' : Math.round(v) + '%');
  const u = util();
  const utilChart = lineChart('Utilisation of what members offer', pts(), [
    { label: 'CPU allocated', values: u[0], fill: true }, { label: 'CPU load', values: u[1] }, { label: 'memory allocated', values: u[2] }], { fmt: pctFmt, yRange: [0, 100] });
  const queueChart = lineChart('Queue: replicas waiting', pts(), [{ label: 'waiting', values: series.map((s) => s.queue), fill: true }]);
  const rateChart = lineChart('Placements per second', pts(), [{ label: 'placements/s', values: series.map((s) => s.placementsPerSecond), fill: true }]);
  put(ctx.main, 
    h('section', {}, h('h1', {}, 'Cluster'), kpis, h('p', { class: 'muted small' }, 'Sampled every 5 s, the last hour (kept in the coordinator\'s memory).')),
    h('section', {}, h('h2', {}, 'Placement strategy'), box, strategy),
    h('section', {}, h('h2', {}, 'Coordinators'), coordinators),
    h('div', { class: 'grid' }, h('section', {}, utilChart.el), h('section', {}, queueChart.el), h('section', {}, rateChart.el)));
  function renderKpis() {
    const s = series[series.length - 1];
    if (!s) { put(kpis, h('p', { class: 'muted' }, 'No sample yet.')); return; }
    put(kpis, 
      h('div', { class: 'kpi' }, h('b', {}, s.online + ' / ' + s.members), 'members online'),
      h('div', { class: 'kpi' }, h('b', {}, cpu(s.cpuAllocatedMillis) + ' / ' + cpu(s.cpuTotalMillis)), 'CPU allocated / offered'),
      h('div', { class: 'kpi' }, h('b', {}, mem(s.memoryAllocatedMb) + ' / ' + mem(s.memoryTotalMb)), 'memory allocated / offered'),
      h('div', { class: 'kpi' }, h('b', { id: 'queue-now' }, s.queue), 'waiting'),
      h('div', { class: 'kpi' }, h('b', {}, s.placementsPerSecond), 'placements/s'));
  }
  async function renderStrategy() {
    const st = await api('scheduler/strategies');
    const select = h('select', { name: 'name', id: 'strategy', 'aria-label': 'Strategy' }, st.strategies.map((n) => h('option', { value: n }, n)));
    select.value = st.active || '';
    const s = st.status || {};
    put(strategy, h('form', { class: 'row', onsubmit: async (e) => {
      e.preventDefault();
      box.hidden = true;
      try { await api('scheduler/strategy', { method: 'PUT', body: { name: select.value } }); await renderStrategy(); } catch (err) { box.textContent = err.message; box.hidden = false; }
    } }, h('span', {}, 'Active: ', h('b', { id: 'active-strategy' }, st.active || 'none')), select, h('button', { type: 'submit', class: 'primary', id: 'switch-strategy' }, 'Switch')),
    h('p', { class: 'muted small' }, (s.passes || 0) + ' passes, ' + (s.placed || 0) + ' placed, ' + (s.preempted || 0) + ' preempted since start'
      + (s.lastPassAt ? '; last pass ' + Math.round((s.lastPassMicros || 0) / 1000) + ' ms' : '') + (s.idleReason ? '; idle: ' + s.idleReason : '')));
  }
  // the coordinator registry (GET /cluster): every coordinator over the store, the leader, each one's load
  async function renderCoordinators() {
    const v = await api('cluster').catch(() => null);
    if (!v) { put(coordinators, h('p', { class: 'muted' }, 'Registry unavailable.')); return; }
    put(coordinators, table([
      { label: 'Address', cell: (c) => c.address + (c.self ? ' (this one)' : '') },
      { label: 'Role', cell: (c) => (c.leader ? 'leader' : 'follower') },
      { label: 'Alive', cell: (c) => (c.alive ? 'yes' : 'dead') },
      { label: 'Last beat', cell: (c) => (c.beatAgeMillis / 1000).toFixed(1) + ' s ago', num: true },
      { label: 'Started', cell: (c) => when(c.startedAt), narrow: true },
      { label: 'CPU', cell: (c) => (c.load.processCpu < 0 ? '—' : pct(c.load.processCpu)), num: true },
      { label: 'Heap', cell: (c) => c.load.heapUsedMb + ' / ' + c.load.heapMaxMb + ' MB', num: true, narrow: true }], v.coordinators),
    h('p', { class: 'muted small' }, 'Store: ' + v.store + '; beat every ' + v.beatSeconds + ' s, dead after ' + v.deadAfterSeconds + ' s.'));
  }
  renderKpis();
  await renderStrategy();
  await renderCoordinators();
  const timer = setInterval(async () => {
    renderCoordinators();
    const last = series.length ? series[series.length - 1].at : null;
    const more = (await api('cluster/series' + qs({ since: last ? String(Date.parse(last) / 1000 + 0.001) : undefined })).catch(() => ({ samples: [] }))).samples;
    if (!more.length) return;
    series = series.concat(more).slice(-720);
    const v = util();
    utilChart.set(pts(), v);
    queueChart.set(pts(), [series.map((s) => s.queue)]);
    rateChart.set(pts(), [series.map((s) => s.placementsPerSecond)]);
    renderKpis();
  }, 5000);
  ctx.onCleanup(() => clearInterval(timer));
}

export async function tokens(ctx) {
  const apiList = h('div', {});
  const joinList = h('div', {});
  const shown = h('div', {});
  const box = errorBox();
  const name = h('input', { type: 'text', required: true, maxlength: 100, placeholder: 'alice' });
  const role = h('select', {}, h('option', { value: 'REQUESTOR' }, 'requestor'), h('option', { value: 'ADMIN' }, 'admin'));
  const days = h('input', { type: 'number', min: 1, max: 3650, placeholder: 'never' });
  const maxPriority = h('input', { type: 'number', min: 0, max: 1000, placeholder: '0 (admin: 1000)' });
  const mintBox = errorBox();
  const mint = h('form', { class: 'spec', novalidate: true, onsubmit: async (e) => {
    e.preventDefault();
    clearErrors(mint, mintBox);
    const n = name.value.trim();
    if (!/^[A-Za-z0-9 ._@-]{1,100}$/.test(n)) { showErrors(mint, mintBox, { errors: [{ field: 'name', error: 'name must be 1-100 characters of letters, digits, space, ".", "_", "@" or "-"' }] }); return; }
    const body = { name: n, role: role.value };
    if (days.value.trim() !== '') {
      const d = Number(days.value);
      if (!Number.isInteger(d) || d < 1 || d > 3650) { showErrors(mint, mintBox, { errors: [{ field: 'expiresAt', error: 'days must be a whole number from 1 to 3650, or empty for a token that does not expire' }] }); return; }
      body.expiresAt = new Date(Date.now() + d * 86400000).toISOString();
    }
    if (maxPriority.value.trim() !== '') body.maxPriority = Number(maxPriority.value); // the coordinator checks 0..1000
    try {
      const t = await api('tokens', { method: 'POST', body });
      showSecret('API token for ' + t.name + ' (' + t.role.toLowerCase() + (t.expiresAt ? ', until ' + new Date(t.expiresAt).toLocaleString() : '') + ')', t.token);
      name.value = ''; days.value = ''; maxPriority.value = '';
      await refresh();
    } catch (err) { showErrors(mint, mintBox, err); }
  } }, field('Name', 'name', name), field('Role', 'role', role),
  field('Expires after (days)', 'expiresAt', days, 'empty: never'),
  field('Highest priority', 'maxPriority', maxPriority, 'the highest workload priority it may set; preemption evicts lower work'),
  h('div', { class: 'wide' }, mintBox), h('div', {}, h('button', { type: 'submit', class: 'primary', id: 'mint-token' }, 'Mint API token')));
  const ttl = h('input', { type: 'number', min: 1, max: 8760, value: 24 });
  const uses = h('input', { type: 'number', min: 1, max: 1000, value: 1 });
  const joinBox = errorBox();
  const join = h('form', { class: 'spec', novalidate: true, onsubmit: async (e) => {
    e.preventDefault();
    clearErrors(join, joinBox);
    try {
      const t = await api('join-tokens', { method: 'POST', body: { ttl: Number(ttl.value) * 3600, uses: Number(uses.value) } });
      showSecret('Join token (' + t.uses + ' use(s), until ' + new Date(t.expiresAt).toLocaleString() + ')', t.token);
      await refresh();
    } catch (err) { showErrors(join, joinBox, err); }
  } }, field('Valid for (hours)', 'ttl', ttl), field('Uses', 'uses', uses), h('div', { class: 'wide' }, joinBox), h('div', {}, h('button', { type: 'submit', class: 'primary', id: 'mint-join' }, 'Mint join token')));
  const expired = (t) => t.expiresAt && new Date(t.expiresAt).getTime() <= Date.now();
  function showSecret(what, secret) {
    put(shown, h('div', { class: 'ok-box' }, h('p', {}, what + ', shown once; copy it now:'), h('code', { id: 'new-secret' }, secret)));
  }
  async function refresh() {
    const [ts, js] = await Promise.all([api('tokens'), api('join-tokens')]);
    put(apiList, table([
      { label: 'Name', cell: (t) => t.name }, { label: 'Role', cell: (t) => t.role.toLowerCase() },
      { label: 'Created', cell: (t) => when(t.created) },
      { label: 'Expires', cell: (t) => (t.expiresAt ? new Date(t.expiresAt).toLocaleString() : 'never') },
      { label: 'Highest priority', num: true, cell: (t) => String(t.maxPriority) },
      { label: 'State', cell: (t) => (t.revoked ? badge('REVOKED') : expired(t) ? badge('EXPIRED') : 'active') },
      { label: '', cell: (t) => (t.revoked || expired(t) ? '' : h('span', {},
        h('button', { type: 'button', class: 'rotate', onclick: async () => {
          if (!confirm('Rotate the token of ' + t.name + '? The old secret stops working at once; the new one is shown once.')) return;
          try { const r = await api('tokens/' + t.id + '/rotate', { method: 'POST' }); showSecret('New secret for ' + r.name, r.token); await refresh(); } catch (err) { box.textContent = err.message; box.hidden = false; }
        } }, 'Rotate'), ' ',
        h('button', { type: 'button', class: 'danger', onclick: async () => {
          if (!confirm('Revoke the token of ' + t.name + '? It stops working at once.')) return;
          try { await api('tokens/' + t.id, { method: 'DELETE' }); await refresh(); } catch (err) { box.textContent = err.message; box.hidden = false; }
        } }, 'Revoke'))) },
    ], ts));
    put(joinList, table([
      { label: 'Id', cell: (t) => h('code', {}, t.id.slice(0, 8)) }, { label: 'Created', cell: (t) => when(t.createdAt) },
      { label: 'Expires', cell: (t) => new Date(t.expiresAt).toLocaleString() }, { label: 'Uses left', num: true, cell: (t) => t.usesLeft + ' of ' + t.uses },
    ], js, 'No usable join token.'));
  }
  put(ctx.main, shown,
    h('section', {}, h('h1', {}, 'API tokens'), box, mint, apiList),
    h('section', {}, h('h1', {}, 'Join tokens'), h('p', { class: 'muted small' }, 'A contributor joins with one: ', h('code', {}, 'SHARER_JOIN_TOKEN=… bin/start'), ' in the contributor distribution.'), join, joinList));
  await refresh();
}
