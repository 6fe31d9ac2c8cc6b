// One machine: what a contributor sees of their own (signed in with its member credential) and what
// an operator sees of any member: state, load and owner load over time, state changes, what ran there,
// credits earned; operators also cordon, uncordon and remove it here.
import { api, qs } from './api.js';
import { h, put, badge, when, duration, cpu, mem, pct, table, errorBox, debounce, runtimeBadges } from './dom.js';
import { lineChart } from './charts.js';
import { pager } from './requestor.js';

export async function machine(ctx, id) {
  const admin = ctx.me.role === 'ADMIN';
  let m = await api('members/' + id);
  const head = h('div', {});
  const facts = h('div', {});
  const box = errorBox();
  const history = h('div', {});
  const credits = h('div', {});
  const attempts = h('div', {});
  const metrics = await api('members/' + id + '/metrics').catch(() => []);
  const xs = metrics.map((p) => Date.parse(p.time) / 1000);
  const load = lineChart('CPU: machine load and the owner\'s load', xs, [
    { label: 'machine', values: metrics.map((p) => p.cpuLoad * 100), fill: true },
    { label: 'owner', values: metrics.map((p) => p.ownerLoad * 100) },
  ], { fmt: (v) => (v === null || v === undefined ? '—' : Math.round(v) + '%'), yRange: [0, 100] });
  const memory = lineChart('Memory used', xs, [{ label: 'used', values: metrics.map((p) => p.memoryUsedMb), fill: true }],
    { fmt: (v) => (v === null || v === undefined ? '—' : mem(Math.round(v))) });
  const attemptPager = pager((cursor) => api('members/' + id + '/attempts' + qs({ limit: 20, cursor })), (items) => put(attempts, table([
    { label: 'Workload', cell: (a) => (admin ? h('a', { href: '#/workloads/' + a.workloadId }, h('code', {}, a.workloadId.slice(0, 8))) : h('code', {}, a.workloadId.slice(0, 8))) },
    { label: 'Replica', num: true, narrow: true, cell: (a) => a.replica },
    { label: 'State', cell: (a) => badge(a.state) },
    { label: 'Exit', num: true, cell: (a) => (a.exitCode ?? '—') },
    { label: 'Reason', narrow: true, cell: (a) => a.reason || '' },
    { label: 'Started', cell: (a) => when(a.startedAt || a.scheduledAt) },
    { label: 'Ran', num: true, cell: (a) => duration(a.startedAt, a.finishedAt) },
    { label: 'CPU s', num: true, cell: (a) => (a.cpuSeconds || 0).toFixed(1) },
  ], items, 'Nothing has run here yet.')));

  put(ctx.main, 
    h('section', {}, head, box, facts),
    h('div', { class: 'grid' }, h('section', {}, load.el), h('section', {}, memory.el)),
    h('div', { class: 'grid' }, h('section', {}, h('h2', {}, 'Credits earned'), credits), h('section', {}, h('h2', {}, 'State changes'), history)),
    h('section', {}, h('h2', {}, 'What ran here'), attempts, attemptPager.el));

  const act = (fn) => async () => {
    box.hidden = true;
    try { await fn(); } catch (e) { box.textContent = e.message; box.hidden = false; }
  };
  function render() {
    const c = m.capacity || {};
    const runtimes = m.runtimes || (m.host && m.host.runtimes);
    put(head, h('div', { class: 'row' }, h('h1', {}, m.name), badge(m.state), m.cordoned ? badge('CORDONED') : null,
      h('span', { class: 'spacer' }),
      admin ? h('button', { type: 'button', id: m.cordoned ? 'uncordon' : 'cordon', onclick: act(async () => { m = await api('members/' + id + (m.cordoned ? '/uncordon' : '/cordon'), { method: 'POST' }); render(); }) }, m.cordoned ? 'Uncordon' : 'Cordon') : null,
      admin ? h('button', { type: 'button', class: 'danger', onclick: act(async () => {
        if (!confirm('Remove member ' + m.name + '? Its credential stops working and its attempts are rescheduled.')) return;
        await api('members/' + id, { method: 'DELETE' }); ctx.go('#/members');
      }) }, 'Remove') : null));
    put(facts, h('div', { class: 'kpis' },
      h('div', { class: 'kpi' }, h('b', {}, m.metrics ? pct(m.metrics.cpuLoad) : '—'), 'machine CPU'),
      h('div', { class: 'kpi' }, h('b', {}, m.metrics ? pct(m.metrics.ownerLoad) : '—'), 'owner CPU'),
      h('div', { class: 'kpi' }, h('b', {}, cpu(c.cpuMillisFree || 0) + ' / ' + cpu(c.cpuMillisTotal || 0)), 'CPU free / offered'),
      h('div', { class: 'kpi' }, h('b', {}, mem(c.memoryMbFree || 0) + ' / ' + mem(c.memoryMbTotal || 0)), 'memory free / offered'),
      h('div', { class: 'kpi' }, h('b', {}, when(m.lastSeen)), 'last heartbeat')),
    h('dl', { class: 'facts small' },
      h('dt', {}, 'Id'), h('dd', {}, h('code', {}, m.id)),
      h('dt', {}, 'Host'), h('dd', {}, (m.host.hostname || '') + ' · ' + m.host.os + '/' + m.host.arch + ' · ' + m.host.cores + ' cores · ' + mem(m.host.memoryMb)),
      h('dt', {}, 'Runtimes'), h('dd', { id: 'runtimes' }, runtimes ? runtimeBadges(runtimes) : (m.host.dockerAvailable ? 'docker' : 'docker unavailable')),
      h('dt', {}, 'Labels'), h('dd', {}, Object.entries(m.host.labels || {}).map(([k, v]) => h('code', {}, k + '=' + v)).flatMap((c2) => [c2, ' '])),
      m.policy ? [h('dt', {}, 'Sharing'), h('dd', {}, pct(m.policy.maxCpuShare) + ' of the CPU, up to ' + mem(m.policy.maxMemoryMb) + ', hours ' + m.policy.sharingHours
        + (m.policy.pauseWhenOwnerActive ? ', paused while the owner uses more than ' + pct(m.policy.ownerActiveThreshold) : ''))] : null,
      h('dt', {}, 'Joined'), h('dd', {}, when(m.joinedAt))));
  }
  async function refreshCredits() {
    try {
      const s = await api('credits' + qs({ member: admin ? id : undefined, limit: 10 }));
      put(credits, h('div', { class: 'kpis' }, h('div', { class: 'kpi' }, h('b', { id: 'credit-balance' }, s.balance.toFixed(2)), 'credits'),
        h('div', { class: 'kpi' }, h('b', {}, s.cpuSeconds.toFixed(1)), 'CPU-seconds'), h('div', { class: 'kpi' }, h('b', {}, s.attempts), 'attempts credited')),
      table([{ label: 'Workload', cell: (e) => h('code', {}, e.workloadId.slice(0, 8)) }, { label: 'CPU s', num: true, cell: (e) => e.cpuSeconds.toFixed(1) },
        { label: 'Credits', num: true, cell: (e) => e.credits.toFixed(2) }, { label: 'When', cell: (e) => when(e.at) }], s.entries || [], 'No credit yet.'));
    } catch (e) {
      put(credits, h('p', { class: 'muted' }, 'Credits unavailable: ' + e.message));
    }
  }
  async function refreshHistory() {
    try {
      const page = await api('members/' + id + '/history' + qs({ limit: 20 }));
      put(history, table([{ label: 'When', cell: (x) => when(x.at) }, { label: 'From', cell: (x) => badge(x.from) },
        { label: 'To', cell: (x) => badge(x.to) }, { label: 'Why', cell: (x) => x.reason || '' }], page.items || [], 'No state change recorded.'));
    } catch (e) {
      put(history, h('p', { class: 'muted small' }, e.status === 404 ? 'This coordinator does not record state changes yet.' : 'State changes unavailable: ' + e.message));
    }
  }
  render();
  await Promise.all([attemptPager.refresh(), refreshCredits(), refreshHistory()]);

  // Live: heartbeats extend the charts, state and allocation changes refresh the facts.
  const reload = debounce(async () => { m = await api('members/' + id).catch(() => m); render(); refreshHistory(); }, 300);
  const more = debounce(() => { attemptPager.refresh().catch(() => {}); refreshCredits(); }, 1000);
  ctx.onEvents((evs) => {
    let changed = false;
    for (const e of evs) {
      if (e.id !== id) continue;
      if (e.kind === 'member' && e.type === 'HEARTBEAT' && e.data && e.data.metrics) {
        const t = e.at / 1000;
        xs.push(t);
        metrics.push({ cpuLoad: e.data.metrics.cpuLoad, ownerLoad: e.data.metrics.ownerLoad, memoryUsedMb: e.data.metrics.memoryUsedMb });
        while (xs.length && xs[0] < t - 3600) { xs.shift(); metrics.shift(); }
        m = Object.assign({}, m, { metrics: e.data.metrics, lastSeen: new Date(e.at).toISOString() });
        changed = true;
      } else if (e.kind === 'member' || e.kind === 'allocation') {
        reload();
        if (e.kind === 'allocation') more();
      }
    }
    if (changed) {
      load.set(xs.slice(), [metrics.map((p) => p.cpuLoad * 100), metrics.map((p) => p.ownerLoad * 100)]);
      memory.set(xs.slice(), [metrics.map((p) => p.memoryUsedMb)]);
      render();
    }
  });
}
