// Building the page: every text goes in through textContent or createTextNode, never innerHTML, so
// names, labels, env values and log output show as text whatever they contain.

/** h('div', {class: 'x', onclick: fn}, 'text', child, [more]) */
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
    else if (k === 'class') el.className = v;
    else if (k === 'dataset') Object.assign(el.dataset, v);
    else if (k === 'value') el.value = v;
    else if (k === 'checked') el.checked = !!v;
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const c of children) {
    if (c === undefined || c === null || c === false) continue;
    if (Array.isArray(c)) append(el, c);
    else el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
}

export function badge(state) {
  return h('span', { class: 'badge s-' + String(state).replace(/[^A-Z_]/g, '') }, state);
}

export function when(iso) {
  if (!iso) return '—';
  const d = new Date(iso);
  const s = Math.round((Date.now() - d.getTime()) / 1000);
  const ago = s < 60 ? s + ' s ago' : s < 3600 ? Math.round(s / 60) + ' min ago' : s < 86400 ? Math.round(s / 3600) + ' h ago' : d.toLocaleDateString();
  return h('time', { datetime: iso, title: d.toLocaleString() }, s < 0 ? d.toLocaleString() : ago);
}

export function duration(fromIso, toIso) {
  if (!fromIso) return '—';
  const ms = (toIso ? new Date(toIso) : new Date()) - new Date(fromIso);
  const s = Math.max(0, Math.round(ms / 1000));
  return s < 120 ? s + ' s' : s < 7200 ? Math.round(s / 60) + ' min' : (s / 3600).toFixed(1) + ' h';
}

/** The runtimes a member reports: a badge each, green where it works now (hover: why not). */
export function runtimeBadges(runtimes) {
  const list = Object.entries(runtimes || {});
  if (!list.length) return '—';
  return list.map(([n, r]) => h('span', { class: 'badge ' + (r.available ? 's-ONLINE' : 's-OFFLINE'), title: r.detail || '' },
    n + (r.available ? '' : ' (unavailable)'))).flatMap((b) => [b, ' ']);
}

export const cpu = (m) => (m >= 1000 ? (m / 1000).toFixed(m % 1000 ? 1 : 0) + ' CPU' : m + 'm');
export const mem = (mb) => (mb >= 1024 ? (mb / 1024).toFixed(1) + ' GB' : mb + ' MB');
export const pct = (x) => (x === undefined || x === null || isNaN(x) ? '—' : Math.round(x * 100) + '%');

/** A table: columns [{label, cell: row => node|text, num, narrow}], rows. */
export function table(columns, rows, empty = 'Nothing here yet.') {
  if (!rows.length) return h('p', { class: 'muted' }, empty);
  return h('div', { class: 'table-wrap' }, h('table', {},
    h('thead', {}, h('tr', {}, columns.map((c) => h('th', { class: (c.num ? 'num ' : '') + (c.narrow ? 'hide-narrow' : '') }, c.label)))),
    h('tbody', {}, rows.map((r) => h('tr', { dataset: r.id ? { id: r.id } : undefined },
      columns.map((c) => h('td', { class: (c.num ? 'num ' : '') + (c.narrow ? 'hide-narrow' : '') }, c.cell(r))))))));
}

/** A bar: allocated (and used, below it) as fractions of total. */
export function bar(allocated, used, title) {
  const w = (x) => Math.max(0, Math.min(100, Math.round((x || 0) * 100))) + '%';
  const b = h('div', { class: 'bar', title });
  const a = h('span', { class: 'alloc' }); a.style.width = w(allocated);
  const u = h('span', { class: 'used' }); u.style.width = w(used);
  b.append(a, u);
  return b;
}

/** Shows an API error: beside each field it names (inputs with data-field), else in the box. */
export function showErrors(form, box, err) {
  clearErrors(form, box);
  const unplaced = [];
  for (const e of err.errors && err.errors.length ? err.errors : [{ field: null, error: err.message }]) {
    const root = e.field ? String(e.field).split(/[.[]/)[0] : null;
    const slot = root && form.querySelector('[data-error-for="' + CSS.escape(root) + '"]');
    if (slot) {
      slot.textContent = e.error;
      const input = form.querySelector('[name="' + CSS.escape(root) + '"]');
      if (input) { input.classList.add('invalid'); input.setAttribute('aria-invalid', 'true'); }
    } else {
      unplaced.push((e.field ? e.field + ': ' : '') + e.error);
    }
  }
  if (unplaced.length) { box.textContent = unplaced.join('\n'); box.hidden = false; }
  const first = form.querySelector('.invalid');
  if (first) first.focus();
}

export function clearErrors(form, box) {
  form.querySelectorAll('[data-error-for]').forEach((s) => { s.textContent = ''; });
  form.querySelectorAll('.invalid').forEach((i) => { i.classList.remove('invalid'); i.removeAttribute('aria-invalid'); });
  if (box) { box.textContent = ''; box.hidden = true; }
}

/** A labelled form field with its error slot. */
export function field(label, name, input, hint, wide) {
  input.name = name;
  input.id = 'f-' + name;
  return h('label', { class: wide ? 'wide' : '', for: input.id }, label, input, hint ? h('span', { class: 'hint' }, hint) : null,
    h('span', { class: 'field-error', 'data-error-for': name, role: 'alert' }));
}

/** A message box that stays hidden until given text. */
export function errorBox() {
  return h('div', { class: 'error-box', role: 'alert', hidden: true });
}

export function debounce(fn, ms) {
  let t;
  return (...a) => { clearTimeout(t); t = setTimeout(() => fn(...a), ms); };
}

/** Replaces an element's children (nulls skipped, arrays flattened, text as text). */
export function put(el, ...children) {
  el.textContent = '';
  append(el, children);
  return el;
}
