// Talking to this coordinator's /api/v1: the bearer token lives in sessionStorage only (gone when the
// tab closes, cleared by "Sign out"). Every call sends it in the Authorization header, including the
// live event stream, which is read with fetch (EventSource cannot send headers).
const KEY = 'sharer.token';

export const token = {
  get: () => sessionStorage.getItem(KEY),
  set: (t) => sessionStorage.setItem(KEY, t),
  clear: () => sessionStorage.removeItem(KEY),
};

/** An API error: status, message, the field it names, and every field error when the API gave several. */
export class ApiError extends Error {
  constructor(status, body) {
    super((body && body.error) || ('HTTP ' + status));
    this.status = status;
    this.field = body && body.field;
    const list = body && Array.isArray(body.errors) ? body.errors : [];
    this.errors = list.length ? list : (this.field ? [{ field: this.field, error: this.message }] : []);
  }
}

function headers(extra) {
  const h = Object.assign({ Accept: 'application/json' }, extra || {});
  const t = token.get();
  if (t) h.Authorization = 'Bearer ' + t;
  return h;
}

async function fail(r) {
  let body = null;
  try { body = await r.json(); } catch (e) { /* not JSON: never shown raw */ }
  if (!body || typeof body.error !== 'string') {
    body = { error: r.status >= 500 ? 'the coordinator could not answer (' + r.status + '); try again' : 'request refused (' + r.status + ')' };
  }
  const err = new ApiError(r.status, body);
  if (r.status === 401 && token.get()) window.dispatchEvent(new CustomEvent('sharer:unauthorized', { detail: err }));
  return err;
}

/** Calls the API; resolves to the JSON answer (null for 204), rejects with an ApiError. */
export async function api(path, opts = {}) {
  const init = { method: opts.method || 'GET', headers: headers(opts.body !== undefined ? { 'Content-Type': 'application/json' } : {}), cache: 'no-store' };
  if (opts.body !== undefined) init.body = JSON.stringify(opts.body);
  if (opts.signal) init.signal = opts.signal;
  let r;
  try {
    r = await fetch('api/v1/' + path, init);
  } catch (e) {
    if (e.name === 'AbortError') throw e;
    throw new ApiError(0, { error: 'cannot reach the coordinator (' + e.message + ')' });
  }
  if (!r.ok) throw await fail(r);
  if (r.status === 204) return null;
  return r.json();
}

/** A query string from an object, leaving out empty values. */
export function qs(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') q.set(k, v);
  const s = q.toString();
  return s ? '?' + s : '';
}

/** Downloads a file the API serves (with the token), saving it under the name it suggests. */
export async function download(path, fallbackName) {
  const r = await fetch('api/v1/' + path, { headers: headers({ Accept: '*/*' }), cache: 'no-store' });
  if (!r.ok) throw await fail(r);
  const blob = await r.blob();
  const cd = r.headers.get('Content-Disposition') || '';
  const m = /filename="([^"]+)"/.exec(cd);
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = m ? m[1] : fallbackName;
  document.body.append(a);
  a.click();
  setTimeout(() => { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
  return blob.size;
}

/** Streams a text response chunk by chunk into onText until it ends or signal aborts. */
export async function streamText(path, onText, signal) {
  const r = await fetch('api/v1/' + path, { headers: headers({ Accept: 'text/plain' }), cache: 'no-store', signal });
  if (!r.ok) throw await fail(r);
  const reader = r.body.getReader();
  const dec = new TextDecoder();
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    onText(dec.decode(value, { stream: true }));
  }
}

/**
 * The live event stream: calls onEvents(list) for every batch, onState('on'|'off') on (dis)connection,
 * onOverflow() when events were lost; reconnects after a pause. Returns a function that stops it.
 */
export function liveEvents({ onEvents, onState, onOverflow }) {
  let ctl = null;
  let stopped = false;
  async function run() {
    while (!stopped && token.get()) {
      ctl = new AbortController();
      try {
        const r = await fetch('api/v1/events', { headers: headers({ Accept: 'text/event-stream' }), cache: 'no-store', signal: ctl.signal });
        if (!r.ok) throw await fail(r);
        onState('on');
        const reader = r.body.getReader();
        const dec = new TextDecoder();
        let buf = '';
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buf += dec.decode(value, { stream: true });
          let i;
          while ((i = buf.indexOf('\n\n')) >= 0) {
            const msg = buf.slice(0, i);
            buf = buf.slice(i + 2);
            dispatch(msg);
          }
        }
      } catch (e) {
        if (stopped) return;
      }
      onState('off');
      if (!stopped) await new Promise((res) => setTimeout(res, 2000));
    }
  }
  function dispatch(msg) {
    let event = 'message';
    const data = [];
    for (const line of msg.split('\n')) {
      if (line.startsWith('event:')) event = line.slice(6).trim();
      else if (line.startsWith('data:')) data.push(line.slice(5).trim());
    }
    if (event === 'batch' && data.length) {
      try { onEvents(JSON.parse(data.join('\n'))); } catch (e) { /* a bad batch is skipped */ }
    } else if (event === 'overflow') {
      onOverflow();
    }
  }
  run();
  return () => { stopped = true; if (ctl) ctl.abort(); };
}
