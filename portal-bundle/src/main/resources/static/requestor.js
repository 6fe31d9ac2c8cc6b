// Requestor views: my workloads, one workload (attempts, why pending, live logs, outputs, cancel,
// scale), the submit form (also for clone and resubmit) and reserved workers with an exec console.
import { api, qs, download, streamText, ApiError } from './api.js';
import { h, put, badge, when, duration, cpu, mem, table, field, errorBox, showErrors, clearErrors, debounce, runtimeBadges } from './dom.js';

const STATES = ['PENDING', 'SCHEDULED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'CANCELLED', 'TIMED_OUT'];
const FINAL = new Set(['SUCCEEDED', 'FAILED', 'CANCELLED', 'TIMED_OUT']);
const PAGE = 25;

/** A cursor-paginated list: load(cursor) → {items, nextCursor}; render(items). Newer/Older buttons. */
export function pager(load, render) {
  const stack = [];
  let cursor = null;
  let next = null;
  const info = h('span', { class: 'muted small' });
  const newer = h('button', { type: 'button', onclick: () => { cursor = stack.pop() || null; refresh(); } }, '‹ Previous');
  const older = h('button', { type: 'button', onclick: () => { stack.push(cursor); cursor = next; refresh(); } }, 'Next ›');
  const el = h('div', { class: 'pager' }, info, newer, older);
  async function refresh() {
    const page = await load(cursor);
    next = page.nextCursor;
    newer.disabled = stack.length === 0 && !cursor;
    older.disabled = !next;
    info.textContent = 'page ' + (stack.length + 1);
    render(page.items);
  }
  return { el, refresh, reset: () => { stack.length = 0; cursor = null; return refresh(); } };
}

export async function workloads(ctx) {
  const search = h('input', { type: 'search', name: 'search', placeholder: 'Search name or id', 'aria-label': 'Search workloads' });
  const state = h('select', { name: 'state', 'aria-label': 'Filter by state' }, h('option', { value: '' }, 'All states'),
    STATES.map((s) => h('option', { value: s }, s)));
  const owner = ctx.me.role === 'ADMIN' ? h('input', { type: 'search', name: 'owner', placeholder: 'Owner', 'aria-label': 'Owner', size: 10 }) : null;
  const list = h('div', {});
  const p = pager(
    (cursor) => api('workloads' + qs({ limit: PAGE, cursor, search: search.value.trim(), state: state.value, owner: owner && owner.value.trim() })),
    (items) => put(list, table([
      { label: 'Name', cell: (w) => h('a', { href: '#/workloads/' + w.id }, w.spec.name || w.id) },
      { label: 'State', cell: (w) => badge(w.state) },
      { label: 'Runtime', narrow: true, cell: (w) => w.spec.runtime || 'docker' },
      { label: 'Image', narrow: true, cell: (w) => (w.spec.image ? h('code', {}, w.spec.image) : '—') },
      ...(owner ? [{ label: 'Owner', narrow: true, cell: (w) => w.owner }] : []),
      { label: 'Replicas', num: true, narrow: true, cell: (w) => w.spec.replicas },
      { label: 'Attempts', num: true, cell: (w) => w.attempts.length },
      { label: 'Submitted', cell: (w) => when(w.submittedAt) },
      { label: '', cell: (w) => h('a', { href: '#/submit/' + w.id, title: 'Clone this spec into the form' }, 'Clone') },
    ], items, search.value || state.value ? 'No workload matches.' : 'No workloads yet: submit one.')));
  const again = debounce(() => p.reset(), 300);
  search.addEventListener('input', again);
  state.addEventListener('change', again);
  if (owner) owner.addEventListener('input', again);
  put(ctx.main, h('section', {},
    h('div', { class: 'row' }, h('h1', {}, 'Workloads'), h('span', { class: 'spacer' }), h('a', { class: 'button', href: '#/submit' }, 'Submit a workload')),
    h('div', { class: 'row' }, search, state, owner), list, p.el));
  await p.refresh();
  const soon = debounce(() => p.refresh(), 400);
  ctx.onEvents((evs) => { if (evs.some((e) => e.kind === 'workload')) soon(); });
}

export async function workload(ctx, id) {
  let w = await api('workloads/' + id);
  const head = h('div', {});
  const facts = h('div', {});
  const pending = h('div', {});
  const attempts = h('div', {});
  const logs = h('pre', { id: 'logs', 'aria-live': 'polite' });
  const logState = h('span', { class: 'muted small' });
  const box = errorBox();
  put(ctx.main, h('section', {}, head, box, facts), h('section', {}, h('h2', {}, 'Why pending / placement'), pending),
    h('section', {}, h('h2', {}, 'Attempts'), attempts), h('section', {}, h('div', { class: 'row' }, h('h2', {}, 'Logs'), logState), logs));

  const act = (fn) => async () => {
    box.hidden = true;
    try { await fn(); } catch (e) { box.textContent = e.message; box.hidden = false; }
  };
  function render() {
    const s = w.spec;
    const outputs = w.attempts.some((a) => a.outputsSha256);
    const scale = s.kind === 'SERVICE' && !FINAL.has(w.state) ? scaleForm() : null;
    put(head, h('div', { class: 'row' }, h('h1', {}, s.name || w.id), badge(w.state), h('span', { class: 'spacer' }),
      h('a', { class: 'button', href: '#/submit/' + w.id, id: 'clone' }, 'Clone and resubmit'),
      outputs ? h('button', { type: 'button', id: 'outputs', onclick: act(() => download('workloads/' + w.id + '/outputs', w.id + '-outputs.tar')) }, 'Download outputs') : null,
      FINAL.has(w.state) ? null : h('button', { type: 'button', class: 'danger', id: 'cancel', onclick: act(async () => {
        if (!confirm('Cancel this workload? Running attempts are stopped.')) return;
        w = await api('workloads/' + w.id, { method: 'DELETE' }); await reload();
      }) }, 'Cancel')), scale,
    w.reason ? h('p', { class: 'muted' }, w.reason) : null);
    put(facts, h('dl', { class: 'facts' },
      h('dt', {}, 'Id'), h('dd', {}, h('code', {}, w.id)),
      h('dt', {}, 'Owner'), h('dd', {}, w.owner),
      h('dt', {}, 'Runtime'), h('dd', { id: 'runtime' }, (s.runtime || 'docker') === 'process' ? 'process (a plain process on the member)' : 'docker (a sandboxed container)'),
      s.image ? [h('dt', {}, 'Image'), h('dd', {}, h('code', {}, s.image))] : null,
      h('dt', {}, 'Command'), h('dd', {}, h('code', {}, JSON.stringify(s.command))),
      h('dt', {}, 'Resources'), h('dd', {}, cpu(s.cpuMillis) + ', ' + mem(s.memoryMb) + ', timeout ' + s.timeoutSeconds + ' s'),
      h('dt', {}, 'Kind'), h('dd', {}, String(s.kind).toLowerCase() + ', ' + s.replicas + ' replica(s), ' + s.maxRetries + ' retries'
        + (w.autoscale ? ', autoscaled: ' + w.autoscale.currentReplicas + ' now' : '')),
      Object.keys(s.env || {}).length ? [h('dt', {}, 'Env'), h('dd', {}, Object.entries(s.env).map(([k, v]) => h('div', {}, h('code', {}, k + '=' + v))))] : null,
      Object.keys(s.inputs || {}).length ? [h('dt', {}, 'Inputs'), h('dd', {}, Object.keys(s.inputs).map((k) => h('code', {}, k)).flatMap((c) => [c, ' ']))] : null,
      Object.keys(s.constraints || {}).length ? [h('dt', {}, 'Constraints'), h('dd', {}, Object.entries(s.constraints).map(([k, v]) => h('code', {}, k + '=' + v)))] : null,
      h('dt', {}, 'Submitted'), h('dd', {}, when(w.submittedAt))));
    const ex = w.pending || [];
    const placed = w.attempts.filter((a) => a.placement).slice(-3);
    put(pending, 
      ex.length ? ex.map((p) => h('div', { class: 'why' }, h('p', {}, h('b', {}, 'Replica ' + p.replica + ': '), p.summary),
        Object.keys(p.rejectedByReason || {}).length ? h('p', { class: 'muted small' }, Object.entries(p.rejectedByReason).map(([r, n]) => n + ' ' + r.toLowerCase().replace(/_/g, ' ')).join(' · ')) : null))
        : h('p', { class: 'muted' }, FINAL.has(w.state) ? 'Finished.' : 'Nothing is waiting to be placed.'),
      placed.map((a) => h('p', { class: 'small' }, 'Replica ' + a.replica + ' on ', memberLink(ctx, a.memberId), ': ', a.placement)));
    put(attempts, table([
      { label: 'Replica', num: true, cell: (a) => a.replica },
      { label: 'Member', cell: (a) => memberLink(ctx, a.memberId) },
      { label: 'State', cell: (a) => badge(a.state) },
      { label: 'Exit', num: true, cell: (a) => (a.exitCode === null || a.exitCode === undefined ? '—' : a.exitCode) },
      { label: 'Reason', cell: (a) => a.reason || '' },
      { label: 'Ran', num: true, narrow: true, cell: (a) => duration(a.startedAt, a.finishedAt) },
      { label: 'CPU s', num: true, narrow: true, cell: (a) => (a.cpuSeconds || 0).toFixed(1) },
      { label: 'Peak mem', num: true, narrow: true, cell: (a) => mem(a.peakMemoryMb || 0) },
    ], w.attempts, 'No attempt yet.'));
  }
  function scaleForm() {
    const n = h('input', { type: 'number', min: 1, max: 100, value: w.spec.replicas, name: 'replicas', 'aria-label': 'Replicas', style: 'width:5rem' });
    return h('form', { class: 'row', onsubmit: (e) => { e.preventDefault(); act(async () => { await api('workloads/' + w.id + '/scale', { method: 'POST', body: { replicas: Number(n.value) } }); await reload(); })(); } },
      h('span', { class: 'muted' }, 'Replicas'), n, h('button', { type: 'submit' }, 'Scale'));
  }
  async function reload() {
    w = await api('workloads/' + id);
    render();
  }
  render();
  // Logs: one streaming request that follows until the workload finishes (reconnects if it drops).
  const ctl = new AbortController();
  ctx.onCleanup(() => ctl.abort());
  (async () => {
    let seen = 0;
    for (let tries = 0; tries < 50 && !ctl.signal.aborted; tries++) {
      logState.textContent = 'following…';
      let skip = seen;
      try {
        await streamText('workloads/' + id + '/logs?follow=true', (t) => {
          if (skip > 0) { const cut = Math.min(skip, t.length); skip -= cut; t = t.slice(cut); }
          if (!t) return;
          seen += t.length;
          const atEnd = logs.scrollTop + logs.clientHeight >= logs.scrollHeight - 4;
          logs.append(document.createTextNode(t));
          if (atEnd) logs.scrollTop = logs.scrollHeight;
        }, ctl.signal);
      } catch (e) {
        if (ctl.signal.aborted) return;
      }
      const now = await api('workloads/' + id).catch(() => w);
      if (FINAL.has(now.state)) { logState.textContent = seen ? 'complete' : 'no output'; return; }
      await new Promise((r) => setTimeout(r, 1500));
    }
  })();
  const soon = debounce(() => reload().catch(() => {}), 250);
  ctx.onEvents((evs) => { if (evs.some((e) => (e.kind === 'workload' && e.id === id) || e.kind === 'allocation')) soon(); });
  const timer = setInterval(() => { if (!FINAL.has(w.state)) soon(); }, 5000);
  ctx.onCleanup(() => clearInterval(timer));
}

function memberLink(ctx, id) {
  if (!id) return '—';
  return ctx.me.role === 'ADMIN' ? h('a', { href: '#/members/' + id }, h('code', {}, id.slice(0, 8))) : h('code', { title: id }, id.slice(0, 8));
}

// ---- submit -----------------------------------------------------------------------------------

const NAME_RE = /^[A-Za-z_][A-Za-z0-9_]*$/;
const RUNTIMES = { docker: 'docker (a sandboxed container)', process: 'process (a bubblewrap-sandboxed process, where its owner enables it)' };
/** What the API gives a field the spec leaves out (docs/API.md, "Workload spec"): the form starts from the same. */
const DEFAULTS = { cpuMillis: 250, memoryMb: 256, timeoutSeconds: 3600, replicas: 1, maxRetries: 2 };

/** "KEY=VALUE" lines to an object; errors name the line. */
function pairs(text, what, checkKey) {
  const out = {};
  const lines = text.split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
  for (const l of lines) {
    const i = l.indexOf('=');
    if (i <= 0) throw new Error(what + ': "' + l.slice(0, 40) + '" is not KEY=VALUE');
    const k = l.slice(0, i).trim();
    if (checkKey && !checkKey(k)) throw new Error(what + ': "' + k.slice(0, 40) + '" is not a valid name');
    out[k] = l.slice(i + 1);
  }
  return out;
}

/** The form's fields and the spec they make. Checks here mirror the server's; the server checks again. */
function specForm(initial) {
  const s = initial || {};
  const shell = !s.command || (s.command.length === 3 && s.command[0] === 'sh' && s.command[1] === '-c');
  const el = {
    name: h('input', { type: 'text', maxlength: 100, value: s.name || '', placeholder: 'render-frames' }),
    image: h('input', { type: 'text', required: true, maxlength: 255, value: s.image || 'sharer/busybox:test' }),
    runtime: h('select', {}, Object.entries(RUNTIMES).map(([v, label]) => h('option', { value: v }, label))),
    command: h('textarea', { required: true, rows: 3 }, shell ? (s.command ? s.command[2] : 'echo hello from Sharer Cloud') : s.command.join('\n')),
    shell: h('input', { type: 'checkbox', checked: shell }),
    cpuMillis: h('input', { type: 'number', min: 1, max: 64000, step: 1, value: s.cpuMillis || DEFAULTS.cpuMillis }),
    memoryMb: h('input', { type: 'number', min: 16, max: 262144, step: 1, value: s.memoryMb || DEFAULTS.memoryMb }),
    replicas: h('input', { type: 'number', min: 1, max: 100, step: 1, value: s.replicas || DEFAULTS.replicas }),
    maxRetries: h('input', { type: 'number', min: 0, max: 10, step: 1, value: s.maxRetries ?? DEFAULTS.maxRetries }),
    timeoutSeconds: h('input', { type: 'number', min: 1, max: 604800, step: 1, value: s.timeoutSeconds || DEFAULTS.timeoutSeconds }),
    kind: h('select', {}, h('option', { value: 'JOB' }, 'job (runs to completion)'), h('option', { value: 'SERVICE' }, 'service (kept running)')),
    env: h('textarea', { rows: 3, placeholder: 'GREETING=hello' }, Object.entries(s.env || {}).map(([k, v]) => k + '=' + v).join('\n')),
    constraints: h('textarea', { rows: 2, placeholder: 'gpu=none' }, Object.entries(s.constraints || {}).map(([k, v]) => k + '=' + v).join('\n')),
    inputs: h('div', { class: 'inputs' }),
  };
  el.runtime.value = s.runtime || 'docker';
  el.kind.value = s.kind || 'JOB';
  // Where each runtime works now (from the members' runtimes), shown under the choice; filled by showRuntimes.
  const runtimeHint = h('span', { id: 'runtime-hint' }, 'which members run it: checking…');
  let counts = null;
  let runtimeTouched = !!s.runtime;
  const describe = () => {
    if (!counts) return;
    const n = (r) => (counts[r] ? counts[r] + (counts[r] === 1 ? ' member' : ' members') : 'no member');
    const chosen = el.runtime.value;
    runtimeHint.textContent = 'can run now: docker on ' + n('docker') + ', process on ' + n('process')
      + (counts[chosen] ? '' : ' (a ' + chosen + ' workload waits until one can)');
    runtimeHint.className = counts[chosen] ? '' : 'warn';
  };
  el.runtime.addEventListener('change', () => { runtimeTouched = true; describe(); });
  /** Counts the members (available to this caller now) on which each runtime works. */
  function showRuntimes(members) {
    counts = { docker: 0, process: 0 };
    for (const m of members) {
      if (m.cordoned || m.state !== 'ONLINE') continue;
      for (const [r, st] of Object.entries(m.runtimes || {})) if (st && st.available) counts[r] = (counts[r] || 0) + 1;
    }
    // A fresh form on a cluster without Docker (the demo on a machine without it) starts with the runtime that works.
    if (!runtimeTouched && !counts.docker && counts.process) el.runtime.value = 'process';
    describe();
  }
  const addInput = (name, content) => {
    const row = h('div', { class: 'row input-file' },
      h('input', { type: 'text', placeholder: 'file name', value: name || '', 'aria-label': 'Input file name', size: 16 }),
      h('textarea', { rows: 2, 'aria-label': 'Input file content', style: 'flex:1' }, content || ''),
      h('button', { type: 'button', onclick: () => row.remove(), 'aria-label': 'Remove input' }, '✕'));
    el.inputs.append(row);
  };
  Object.entries(s.inputs || {}).forEach(([k, v]) => addInput(k, v));
  const inputsBox = h('div', {}, el.inputs, h('button', { type: 'button', onclick: () => addInput() }, 'Add an input file'));
  inputsBox.name = 'inputs';
  const fields = [
    field('Name', 'name', el.name, 'shown in lists'),
    field('Runtime', 'runtime', el.runtime, runtimeHint),
    field('Image', 'image', el.image, 'pullable from a public registry, or a local image the members\' owners allow (the process runtime needs none)'),
    field('Kind', 'kind', el.kind),
    field('Command', 'command', el.command, null, true),
    h('label', { class: 'wide row' }, el.shell, 'Run the command through sh -c (unticked: one argument per line)'),
    field('CPU (millicores)', 'cpuMillis', el.cpuMillis, '1000 = one core'),
    field('Memory (MB)', 'memoryMb', el.memoryMb),
    field('Replicas', 'replicas', el.replicas),
    field('Retries', 'maxRetries', el.maxRetries, 'on another member'),
    field('Timeout (s)', 'timeoutSeconds', el.timeoutSeconds),
    field('Environment', 'env', el.env, 'KEY=VALUE, one per line', true),
    field('Constraints', 'constraints', el.constraints, 'labels a member must have: key=value per line', true),
    field('Inputs', 'inputs', inputsBox, 'text files placed read-only under /input', true),
  ];
  function spec() {
    const errors = [];
    const num = (k) => {
      const i = el[k];
      const v = Number(i.value);
      if (i.value === '' || !Number.isInteger(v) || v < Number(i.min) || v > Number(i.max)) errors.push({ field: k, error: k + ' must be a whole number between ' + i.min + ' and ' + i.max });
      return v;
    };
    const out = { runtime: el.runtime.value };
    const image = el.image.value.trim();
    if (image) out.image = image;
    if (el.name.value.trim()) out.name = el.name.value.trim();
    if (!image && out.runtime === 'docker') errors.push({ field: 'image', error: 'image must not be empty (a docker workload runs in a container of that image)' });
    else if (/\s/.test(image)) errors.push({ field: 'image', error: 'image must not contain spaces' });
    const cmd = el.command.value;
    if (!cmd.trim()) errors.push({ field: 'command', error: 'command must not be empty' });
    out.command = el.shell.checked ? ['sh', '-c', cmd] : cmd.split('\n').filter((l) => l.length);
    out.kind = el.kind.value;
    for (const k of ['cpuMillis', 'memoryMb', 'replicas', 'maxRetries', 'timeoutSeconds']) out[k] = num(k);
    for (const [k, check] of [['env', (x) => NAME_RE.test(x)], ['constraints', null]]) {
      try { out[k] = pairs(el[k].value, k, check); } catch (e) { errors.push({ field: k, error: e.message }); }
    }
    out.inputs = {};
    el.inputs.querySelectorAll('.input-file').forEach((row) => {
      const [n, c] = row.querySelectorAll('input, textarea');
      const name = n.value.trim();
      if (!name && !c.value) return;
      if (!/^[A-Za-z0-9._-]{1,100}$/.test(name) || name === '.' || name === '..') errors.push({ field: 'inputs', error: 'input file names are 1-100 letters, digits, ".", "_" or "-"' });
      else out.inputs[name] = c.value;
    });
    return { spec: out, errors };
  }
  return { fields, spec, showRuntimes };
}

export async function submit(ctx, cloneOf) {
  let initial = null;
  let note = null;
  if (cloneOf) {
    const w = await api('workloads/' + cloneOf);
    initial = w.spec;
    note = h('p', { class: 'muted' }, 'A copy of ', h('a', { href: '#/workloads/' + w.id }, w.spec.name || w.id), '. Change what you need and submit.');
  }
  const f = specForm(initial);
  const box = errorBox();
  const button = h('button', { class: 'primary', type: 'submit', id: 'submit' }, 'Submit');
  const form = h('form', { class: 'spec', novalidate: true, onsubmit: async (e) => {
    e.preventDefault();
    clearErrors(form, box);
    const { spec, errors } = f.spec();
    if (errors.length) { showErrors(form, box, { errors, message: errors[0].error }); return; }
    button.disabled = true;
    try {
      const w = await api('workloads', { method: 'POST', body: spec });
      ctx.go('#/workloads/' + w.id);
    } catch (err) {
      showErrors(form, box, err instanceof ApiError ? err : { message: err.message, errors: [] });
    } finally {
      button.disabled = false;
    }
  } }, f.fields, h('div', { class: 'wide' }, box), h('div', { class: 'wide row' }, button, h('a', { href: '#/workloads' }, 'Back to my workloads')));
  put(ctx.main, h('section', {}, h('h1', {}, cloneOf ? 'Clone and resubmit' : 'Submit a workload'), note, form));
  // Requestors see the available workers, admins every member (filtered to ONLINE here): either way with their runtimes.
  api('members' + qs({ state: 'ONLINE', limit: 1000 })).then((page) => f.showRuntimes(page.items || page)).catch(() => {
    document.getElementById('runtime-hint').textContent = 'which members run it: unknown right now';
  });
}

// ---- reserved workers -------------------------------------------------------------------------

export async function workers(ctx) {
  const mine = h('div', {});
  const avail = h('div', {});
  const box = errorBox();
  const consoleBox = h('div', {});
  put(ctx.main, 
    h('section', {}, h('h1', {}, 'Reserved workers'), h('p', { class: 'muted small' }, 'A worker is a long-lived sandbox on one member; run commands in it one by one.'), box, mine),
    consoleBox,
    h('section', {}, h('h2', {}, 'Available members'), avail));
  async function refresh() {
    await Promise.all([refreshMine(), refreshAvailable()]);
  }
  async function refreshMine() {
    const res = await api('reservations');
    put(mine, table([
      { label: 'Worker', cell: (r) => h('code', {}, r.id.slice(0, 8)) },
      { label: 'State', cell: (r) => badge(r.state) },
      { label: 'Member', cell: (r) => h('code', {}, r.memberId.slice(0, 8)) },
      { label: 'Image', narrow: true, cell: (r) => h('code', {}, r.image) },
      { label: 'Size', narrow: true, cell: (r) => cpu(r.cpuMillis) + ', ' + mem(r.memoryMb) },
      { label: '', cell: (r) => h('span', { class: 'row' },
        h('button', { type: 'button', class: 'open-console', disabled: !['READY', 'REQUESTED'].includes(r.state), onclick: () => openConsole(r) }, 'Console'),
        h('button', { type: 'button', class: 'danger', disabled: !['READY', 'REQUESTED'].includes(r.state), onclick: async () => {
          try { await api('reservations/' + r.id, { method: 'DELETE' }); put(consoleBox); await refresh(); } catch (e) { box.textContent = e.message; box.hidden = false; }
        } }, 'Release')) },
    ], res, 'No reserved worker.'));
  }
  async function refreshAvailable() {
    const members = await api('members' + qs({ limit: 50 }));
    const items = members.items || members;
    put(avail, table([
      { label: 'Member', cell: (m) => m.name },
      { label: 'OS', narrow: true, cell: (m) => m.os + '/' + m.arch },
      { label: 'Free', cell: (m) => cpu(m.capacity.cpuMillisFree) + ', ' + mem(m.capacity.memoryMbFree) },
      { label: 'Runtimes', narrow: true, cell: (m) => runtimeBadges(m.runtimes) },
      { label: 'Labels', narrow: true, cell: (m) => Object.entries(m.labels || {}).map(([k, v]) => k + '=' + v).join(' ') },
      { label: '', cell: (m) => reserveForm(m) },
    ], items, 'No member is available right now.'));
  }
  function reserveForm(m) {
    const image = h('input', { type: 'text', value: 'sharer/busybox:test', 'aria-label': 'Image', size: 18, name: 'image' });
    return h('form', { class: 'row', onsubmit: async (e) => {
      e.preventDefault();
      box.hidden = true;
      try {
        const r = await api('reservations', { method: 'POST', body: { memberId: m.id, image: image.value.trim(), cpuMillis: 100, memoryMb: 64 } });
        await refresh();
        openConsole(r);
      } catch (err) { box.textContent = (err.field ? err.field + ': ' : '') + err.message; box.hidden = false; }
    } }, image, h('button', { type: 'submit', class: 'reserve' }, 'Reserve'));
  }
  function openConsole(r) {
    const out = h('pre', { id: 'exec-output', 'aria-live': 'polite' });
    const line = h('input', { type: 'text', name: 'exec', placeholder: 'uname -a', 'aria-label': 'Command', style: 'flex:1' });
    const run = h('button', { type: 'submit', class: 'primary' }, 'Run');
    const form = h('form', { class: 'row', onsubmit: async (e) => {
      e.preventDefault();
      const cmd = line.value;
      if (!cmd.trim()) return;
      run.disabled = true;
      out.append(document.createTextNode('$ ' + cmd + '\n'));
      try {
        const res = await api('reservations/' + r.id + '/exec', { method: 'POST', body: { command: ['sh', '-c', cmd], timeoutSeconds: 60 } });
        out.append(document.createTextNode(res.stdout || ''));
        if (res.stderr) out.append(h('span', { class: 's-FAILED' }, res.stderr));
        out.append(document.createTextNode('[exit ' + res.exitCode + (res.timedOut ? ', timed out' : '') + ']\n'));
      } catch (err) {
        out.append(h('span', { class: 's-FAILED' }, 'Error: ' + err.message + '\n'));
      }
      out.scrollTop = out.scrollHeight;
      run.disabled = false;
      line.value = '';
      line.focus();
    } }, h('code', {}, '$'), line, run);
    put(consoleBox, h('section', { class: 'console' }, h('h2', {}, 'Console: worker ', h('code', {}, r.id.slice(0, 8)), ' on ', h('code', {}, r.memberId.slice(0, 8))), out, form));
    line.focus();
  }
  await refresh();
  const soon = debounce(() => refreshMine().catch(() => {}), 500);
  const timer = setInterval(soon, 5000);
  ctx.onCleanup(() => clearInterval(timer));
}
