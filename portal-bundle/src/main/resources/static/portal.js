// Sharer Cloud portal: talks only to this coordinator's /api/v1.
async function refreshHealth() {
  const err = document.getElementById('health-error');
  try {
    const r = await fetch('api/v1/health', { cache: 'no-store' });
    const h = await r.json();
    document.getElementById('version').textContent = 'v' + h.version;
    const overall = document.getElementById('overall');
    overall.textContent = h.status;
    overall.className = 'badge ' + h.status;
    const body = document.querySelector('#modules tbody');
    body.replaceChildren(...Object.entries(h.modules).map(([name, state]) => {
      const tr = document.createElement('tr');
      const a = document.createElement('td'); a.textContent = name;
      const b = document.createElement('td'); b.textContent = state; b.className = state;
      tr.append(a, b);
      return tr;
    }));
    err.hidden = true;
  } catch (e) {
    err.textContent = 'Cannot reach the coordinator: ' + e.message + ' (is it running?)';
    err.hidden = false;
  }
}
refreshHealth();
setInterval(refreshHealth, 5000);
