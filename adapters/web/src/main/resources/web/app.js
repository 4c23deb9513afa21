// KontextBot playground: plain modern JavaScript, no build step. Talks to the JSON API in docs/web-api.md.
'use strict';

const $ = (id) => document.getElementById(id);

const state = {
  versions: [],        // from /api/history, oldest first
  currentId: null,
  compareId: null,     // the version shown in before/after (against its parent)
  attachment: null,    // File waiting to be sent
  refPictures: {},     // kind -> URL of the picture this page set as a reference
  region: null,        // [x, y, w, h] in picture pixels: the next instruction changes only inside it
};

// ---------- API ----------

class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

// Requests under way: a retired session id must be replaced by one request alone (see 'session_ended').
let inFlight = 0;

async function api(path, options = {}) {
  inFlight++;
  let response;
  try {
    response = await fetch(path, { credentials: 'same-origin', ...options });
  } finally {
    inFlight--;
  }
  const type = response.headers.get('Content-Type') || '';
  const body = type.includes('application/json') ? await response.json() : await response.text();
  if (!response.ok) {
    const code = body && body.error ? body.error : 'http_' + response.status;
    const message = body && body.message ? body.message : 'The server answered ' + response.status + '.';
    if (response.status === 401) showLogin();
    throw new ApiError(response.status, code, message);
  }
  return body;
}

const sendJson = (path, method, value) =>
  api(path, { method, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(value) });

// ---------- conversation log ----------

function addMessage(kind, text, imageUrl) {
  const log = $('log');
  const div = document.createElement('div');
  div.className = 'msg ' + kind;
  if (imageUrl && kind === 'user') div.appendChild(img(imageUrl, 'Your picture'));
  if (text) {
    const p = document.createElement('p');
    p.textContent = text;
    div.appendChild(p);
  }
  log.appendChild(div);
  log.scrollTop = log.scrollHeight;
  return div;
}

function img(src, alt) {
  const image = document.createElement('img');
  image.src = src;
  image.alt = alt;
  return image;
}

let statusLine = null;
function setStatus(text) {
  if (!statusLine || !statusLine.isConnected) statusLine = addMessage('status', text);
  else statusLine.querySelector('p').textContent = text;
}
function clearStatus() {
  if (statusLine) statusLine.remove();
  statusLine = null;
}

function addResult(reply) {
  const div = addMessage('bot', null);
  const picture = img(reply.thumbUrl, 'Version ' + reply.number);
  // The thumbnail arrives after the message: keep the newest message in view once it has its height.
  picture.addEventListener('load', () => { $('log').scrollTop = $('log').scrollHeight; });
  picture.title = 'Make v' + reply.number + ' current';
  picture.addEventListener('click', () => goTo(reply.versionId));
  div.appendChild(picture);
  const caption = document.createElement('div');
  caption.className = 'msg-caption';
  // The bot's caption usually names the version already ("v2 · ...").
  const label = 'v' + reply.number;
  caption.textContent = !reply.caption ? label : reply.caption.startsWith(label) ? reply.caption : label + ' · ' + reply.caption;
  div.appendChild(caption);
  addActions(div, (reply.actions || []).filter((a) => a.kind !== 'full_size'));
}

// A "vary" job's results: one tile per variation (its number on it) with a "Pick N" button under each.
function addVariations(reply) {
  const div = addMessage('bot', null);
  const grid = document.createElement('div');
  grid.className = 'variations';
  for (const v of reply.variations) {
    const tile = document.createElement('figure');
    tile.className = 'variation';
    tile.dataset.versionId = v.versionId;
    const picture = img(v.thumbUrl, 'Variation ' + v.number + ' (v' + v.versionNumber + ')');
    picture.addEventListener('load', () => { $('log').scrollTop = $('log').scrollHeight; });
    picture.addEventListener('click', () => pressAction(v.pick.key));
    tile.appendChild(picture);
    const badge = document.createElement('span');
    badge.className = 'variation-number';
    badge.textContent = v.number;
    tile.appendChild(badge);
    const pick = document.createElement('button');
    pick.type = 'button';
    pick.className = 'btn ghost small pick';
    pick.textContent = v.pick.label + ' (v' + v.versionNumber + ')';
    pick.addEventListener('click', () => pressAction(v.pick.key));
    tile.appendChild(pick);
    grid.appendChild(tile);
  }
  div.appendChild(grid);
  const caption = document.createElement('div');
  caption.className = 'msg-caption';
  caption.textContent = reply.caption;
  div.appendChild(caption);
}

// Buttons under a result, or Yes / No under a question.
function addActions(div, actions) {
  if (!actions.length) return;
  const row = document.createElement('div');
  row.className = 'actions';
  for (const action of actions) {
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'btn ghost small';
    button.textContent = action.label;
    button.addEventListener('click', () => pressAction(action.key));
    row.appendChild(button);
  }
  div.appendChild(row);
}

// ---------- replies from the event stream ----------

function handleReply(reply) {
  switch (reply.type) {
    case 'text':
      addActions(addMessage('bot', reply.text), reply.actions || []);
      // A chat command may have changed settings or references ("steps 30", "/ref").
      loadSettings();
      refreshReferences();
      break;
    case 'queued':
      setStatus(reply.ahead > 0
        ? 'Queued: ' + reply.ahead + ' ahead of you, about ' + reply.etaSeconds + ' s.'
        : 'Starting…');
      showProgress(0, 0, null);
      break;
    case 'progress':
      showProgress(reply.step, reply.steps, reply.preview, reply.remainingSeconds);
      setStatus('Working: step ' + reply.step + ' of ' + reply.steps + '…');
      break;
    case 'image':
      clearStatus();
      hideProgress();
      addResult(reply);
      showCurrent(reply.versionId, reply.url, 'v' + reply.number, reply.caption);
      refreshHistory().then(() => pickCompare(reply.versionId));
      refreshReferences();
      break;
    case 'variations': {
      clearStatus();
      hideProgress();
      addVariations(reply);
      // The last one made is current until another is picked; the tree shows them all as siblings.
      const last = reply.variations[reply.variations.length - 1];
      showCurrent(last.versionId, last.url, 'v' + last.versionNumber, reply.caption);
      refreshHistory().then(() => pickCompare(last.versionId));
      break;
    }
    case 'file': {
      const div = addMessage('bot', reply.caption || reply.fileName);
      if (reply.url) {
        const link = document.createElement('a');
        link.href = reply.url + '?download=1';
        link.textContent = 'Download ' + reply.fileName;
        link.className = 'btn ghost small';
        div.appendChild(link);
      }
      break;
    }
    case 'error':
      clearStatus();
      hideProgress();
      addMessage('error', reply.message);
      break;
  }
}

async function renewSession() {
  for (let waited = 0; inFlight > 0 && waited < 10000; waited += 50) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  await api('/api/history').catch(() => null);
}

function connectEvents() {
  const events = new EventSource('/api/events');
  events.addEventListener('reply', (e) => {
    const reply = JSON.parse(e.data);
    if (reply.type === 'session_ended') {
      // "forget" retired this session's id. Each request that carries it gets a new id of its own, so once the
      // requests under way have answered, one request fetches the new id, and the stream reconnects on it.
      events.close();
      renewSession().then(() => {
        connectEvents();
        refreshHistory();
      });
      return;
    }
    handleReply(reply);
  });
  // EventSource reconnects on its own and sends Last-Event-ID, so nothing is missed.
}

// ---------- the current picture and progress ----------

function showCurrent(versionId, url, title, caption) {
  const image = $('current-image');
  if (image.dataset.versionId !== versionId) clearRegion();
  $('region-toggle').hidden = false;
  image.src = url;
  image.dataset.versionId = versionId;
  image.hidden = false;
  $('empty').hidden = true;
  $('stage-title').textContent = 'Current: ' + title;
  $('caption').textContent = caption || '';
  const download = $('download');
  download.href = url + '?download=1';
  download.hidden = false;
}

function showProgress(step, steps, preview, remainingSeconds) {
  $('progress').hidden = false;
  $('progress-bar').style.width = steps > 0 ? Math.round((100 * step) / steps) + '%' : '0%';
  let label = steps > 0 ? 'Step ' + step + ' of ' + steps : 'Waiting for the model…';
  if (steps > 0 && remainingSeconds > 0) label += ' · about ' + remainingSeconds + ' s left';
  $('progress-label').textContent = label;
  if (preview) {
    $('preview').src = preview;
    $('preview').hidden = false;
  }
}

function hideProgress() {
  $('progress').hidden = true;
  $('preview').hidden = true;
}

// ---------- history tree ----------

async function refreshHistory() {
  try {
    const history = await api('/api/history');
    state.versions = history.versions;
    state.currentId = history.currentId;
    renderTree();
    const current = state.versions.find((v) => v.id === state.currentId);
    if (current && $('current-image').dataset.versionId !== current.id) {
      showCurrent(current.id, current.url, 'v' + current.number, current.instruction);
    }
    if (!state.compareId) pickCompare(state.currentId);
    else renderCompare();
  } catch (e) {
    if (e.status !== 401) console.warn('history', e);
  }
}

function renderTree() {
  const tree = $('tree');
  tree.textContent = '';
  if (!state.versions.length) {
    const p = document.createElement('p');
    p.className = 'muted';
    p.textContent = 'Versions appear here.';
    tree.appendChild(p);
    return;
  }
  const children = new Map();
  for (const v of state.versions) {
    const key = v.parentId || '';
    if (!children.has(key)) children.set(key, []);
    children.get(key).push(v);
  }
  const ids = new Set(state.versions.map((v) => v.id));
  // Roots: no parent, or a parent that retention removed.
  const roots = state.versions.filter((v) => !v.parentId || !ids.has(v.parentId));
  tree.appendChild(branch(roots, children));
  renderDriftHint();
}

// A small gauge of a version's drift against the root: one bar per measure the server sends (colour, detail, and
// any it adds later), filled to the threshold `history` hints at and coloured by it.
function gauge(drift) {
  const g = document.createElement('span');
  g.className = 'gauge' + (drift.past ? ' past' : '');
  g.setAttribute('role', 'img');
  g.setAttribute('aria-label', 'drift: ' + drift.summary);
  g.title = driftWords(drift);
  for (const part of drift.parts) {
    const item = document.createElement('span');
    item.className = 'part';
    const bar = document.createElement('span');
    bar.className = 'bar ' + (part.past ? 'past' : part.level >= 0.5 ? 'near' : 'low');
    bar.dataset.key = part.key;
    const fill = document.createElement('span');
    fill.className = 'fill';
    // A sliver even at zero, so every measure reads as a bar.
    fill.style.width = Math.max(6, Math.min(1, part.level) * 100) + '%';
    bar.appendChild(fill);
    const label = document.createElement('span');
    label.className = 'label';
    label.textContent = part.label + ' ' + part.value;
    item.append(bar, label);
    g.appendChild(item);
  }
  return g;
}

function driftWords(drift) {
  return 'Drift since the original: ' + drift.summary + '\n' + drift.parts.map((p) => p.words).join('\n')
    + (drift.hint ? '\n' + drift.hint : '');
}

// The hint under the tree when the current version is past the threshold, with the two fixes one click away.
function renderDriftHint() {
  const current = state.versions.find((v) => v.id === state.currentId);
  const hint = current && current.drift && current.drift.hint;
  $('drift-hint').hidden = !hint;
  $('drift-hint-text').textContent = hint ? 'v' + current.number + ': ' + hint : '';
}

async function say(words) {
  const form = new FormData();
  form.append('text', words);
  try {
    await api('/api/messages', { method: 'POST', body: form });
    addMessage('user', words, null);
  } catch (e) {
    addMessage('error', e.message);
  }
}

function branch(list, children) {
  const ul = document.createElement('ul');
  for (const v of list) {
    const li = document.createElement('li');
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'node' + (v.current ? ' current' : '') + (v.onCurrentPath ? ' on-path' : '')
      + (v.id === state.compareId ? ' comparing' : '');
    button.dataset.versionId = v.id;
    button.title = (v.instruction || 'original') + '\nClick to continue from v' + v.number
      + (v.drift ? '\n' + driftWords(v.drift) : '');
    button.appendChild(img(v.thumbUrl, 'v' + v.number));
    const n = document.createElement('span');
    n.className = 'n';
    n.textContent = 'v' + v.number;
    const t = document.createElement('span');
    t.className = 't';
    t.textContent = v.parentId ? v.instruction : (v.instruction || 'original');
    // Number and instruction on one line, the drift gauge (when measured) under them.
    const line = document.createElement('span');
    line.className = 'line';
    line.append(n, t);
    const meta = document.createElement('span');
    meta.className = 'meta';
    meta.appendChild(line);
    if (v.drift) meta.appendChild(gauge(v.drift));
    button.appendChild(meta);
    button.addEventListener('click', () => goTo(v.id));
    li.appendChild(button);
    const kids = children.get(v.id);
    if (kids && kids.length) li.appendChild(branch(kids, children));
    ul.appendChild(li);
  }
  return ul;
}

async function goTo(versionId) {
  try {
    const reply = await api('/api/versions/' + encodeURIComponent(versionId) + '/current', { method: 'POST' });
    if (reply.type === 'image') showCurrent(reply.versionId, reply.url, 'v' + reply.number, reply.caption);
    await refreshHistory();
    pickCompare(versionId);
  } catch (e) {
    addMessage('error', e.message);
  }
}

// ---------- before / after ----------

// Compare a version with its parent; for a version without a parent, compare its newest child with it, so
// clicking an earlier version shows what the next step changed.
function pickCompare(versionId) {
  const v = state.versions.find((x) => x.id === versionId);
  if (!v) return;
  let target = v.parentId ? v : null;
  if (!target) {
    const kids = state.versions.filter((x) => x.parentId === v.id);
    target = kids.length ? kids[kids.length - 1] : null;
  }
  state.compareId = target ? target.id : null;
  renderTree();
  renderCompare();
}

async function renderCompare() {
  if (!state.compareId) {
    $('compare').hidden = true;
    $('compare-empty').hidden = false;
    $('compare-title').textContent = '';
    return;
  }
  const wanted = state.compareId;
  try {
    const data = await api('/api/compare/' + encodeURIComponent(wanted));
    if (wanted !== state.compareId) return; // a newer comparison was asked for meanwhile
    if (!data.parent) {
      $('compare').hidden = true;
      $('compare-empty').hidden = false;
      return;
    }
    if ($('compare').dataset.versionId !== data.version.id) {
      $('compare-slider').value = 50;
      setSlider(50);
    }
    $('compare-before').src = data.parent.url;
    $('compare-after').src = data.version.url;
    $('compare').dataset.versionId = data.version.id;
    $('compare').dataset.parentId = data.parent.id;
    $('compare-before-label').textContent = 'Before · v' + data.parent.number;
    $('compare-after-label').textContent = 'After · v' + data.version.number;
    $('compare-title').textContent = 'v' + data.parent.number + ' → v' + data.version.number;
    $('compare-instruction').textContent = data.version.instructionSent
      ? 'Instruction sent: ' + data.version.instructionSent : '';
    $('compare').hidden = false;
    $('compare-empty').hidden = true;
  } catch (e) {
    if (e.status !== 401) console.warn('compare', e);
  }
}

function setSlider(value) {
  $('compare-before').style.clipPath = 'inset(0 ' + (100 - value) + '% 0 0)';
  $('compare-divider').style.left = value + '%';
}

// ---------- sending ----------

function attach(file) {
  if (!file || !file.type.startsWith('image/')) {
    addMessage('error', 'That is not a picture. Try a PNG, JPEG or WebP.');
    return;
  }
  state.attachment = file;
  $('attachment-thumb').src = URL.createObjectURL(file);
  $('attachment-name').textContent = file.name || 'pasted picture';
  $('attachment').hidden = false;
  $('instruction').focus();
}

function detach() {
  state.attachment = null;
  $('attachment').hidden = true;
  $('file').value = '';
}

async function send(event) {
  event.preventDefault();
  const text = $('instruction').value.trim();
  if (!text && !state.attachment) {
    $('instruction').focus();
    return;
  }
  const form = new FormData();
  // A box drawn on the current picture limits the edit to it ("/region X,Y,W,H ...", in the picture's pixels).
  const limited = state.region && text && !state.attachment;
  form.append('text', limited ? '/region ' + state.region.join(',') + ' ' + text : text);
  if (state.attachment) form.append('image', state.attachment, state.attachment.name || 'picture.png');
  const preview = state.attachment ? URL.createObjectURL(state.attachment) : null;
  $('send').disabled = true;
  try {
    await api('/api/messages', { method: 'POST', body: form });
    addMessage('user', text, preview);
    $('instruction').value = '';
    detach();
    if (limited) clearRegion();
  } catch (e) {
    addMessage('error', e.message);
  } finally {
    $('send').disabled = false;
  }
}

async function pressAction(key) {
  try {
    await api('/api/actions/' + encodeURIComponent(key), { method: 'POST' });
  } catch (e) {
    addMessage('error', e.message);
  }
}

// ---------- settings and references ----------

async function loadSettings() {
  try {
    const s = await api('/api/settings');
    $('steps').value = s.steps;
    // A family that takes no guidance (FLUX.2 [klein]) reports none: the field is off and not sent.
    $('guidance').disabled = s.guidance === null;
    $('guidance').value = s.guidance === null ? '' : s.guidance;
    $('guidance').title = s.guidance === null ? 'This model takes no guidance' : '';
    $('seed').value = s.seed === null ? '' : s.seed;
    const aspect = s.aspect || 'auto';
    if (![...$('aspect').options].some((o) => o.value === aspect)) $('aspect').add(new Option(aspect, aspect));
    $('aspect').value = aspect;
  } catch (e) {
    if (e.status !== 401) $('settings-status').textContent = e.message;
  }
}

async function saveSettings(event) {
  event.preventDefault();
  const change = {
    steps: Number($('steps').value),
    seed: $('seed').value === '' ? null : Number($('seed').value),
    aspect: $('aspect').value,
  };
  if (!$('guidance').disabled) change.guidance = Number($('guidance').value);
  try {
    await sendJson('/api/settings', 'PUT', change);
    $('settings-status').textContent = 'Saved';
    await loadSettings();
  } catch (e) {
    $('settings-status').textContent = e.message;
  }
}

async function refreshReferences() {
  try {
    const { references } = await api('/api/references');
    for (const kind of ['character', 'style']) {
      const slot = $('ref-' + kind);
      const ref = references.find((r) => r.kind === kind);
      slot.querySelectorAll('img').forEach((i) => i.remove());
      slot.classList.toggle('filled', Boolean(ref));
      slot.title = ref ? ref.name : 'No ' + kind + ' reference yet';
      // The API names the reference's stored picture, not a URL: show the picture this page set, when it did.
      if (ref && state.refPictures[kind]) slot.prepend(img(state.refPictures[kind], ref.name));
    }
  } catch (e) {
    if (e.status !== 401) console.warn('references', e);
  }
}

async function setReference(kind, file) {
  const form = new FormData();
  form.append('kind', kind);
  if (file) form.append('image', file, file.name || 'reference.png');
  else form.append('source', 'current');
  try {
    await api('/api/references', { method: 'POST', body: form });
    const current = $('current-image');
    state.refPictures[kind] = file ? URL.createObjectURL(file) : (current.hidden ? null : current.src);
    addMessage('user', file ? 'Use this as the ' + kind + ' reference' : 'Use the current picture as the ' + kind + ' reference',
      file ? URL.createObjectURL(file) : null);
  } catch (e) {
    addMessage('error', e.message);
  }
}

// ---------- info, login, wiring ----------

async function loadInfo() {
  try {
    const info = await api('/api/info');
    $('model-name').textContent = info.model;
    $('standin-pill').hidden = !info.standIn;
    $('standin-warning').hidden = !info.standIn;
    $('license').textContent = info.licenseNotice || '';
    return true;
  } catch (e) {
    return false;
  }
}

function showLogin() {
  $('login').hidden = false;
  $('login-token').focus();
}

function wire() {
  $('composer').addEventListener('submit', send);
  $('instruction').addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && !e.shiftKey) {
      e.preventDefault();
      $('composer').requestSubmit();
    }
  });
  $('file').addEventListener('change', () => attach($('file').files[0]));
  $('attachment-remove').addEventListener('click', detach);
  $('settings').addEventListener('submit', saveSettings);
  $('compare-slider').addEventListener('input', (e) => setSlider(Number(e.target.value)));
  for (const button of document.querySelectorAll('[data-say]')) {
    button.addEventListener('click', () => say(button.dataset.say));
  }
  $('login-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    // The token goes in a POST body, never in an address; the server answers with a cookie.
    try {
      await sendJson('/api/login', 'POST', { token: $('login-token').value });
      location.reload();
    } catch (err) {
      $('login-token').value = '';
      $('login-token').placeholder = err.message;
    }
  });
  for (const input of document.querySelectorAll('[data-ref-upload]')) {
    input.addEventListener('change', () => {
      if (input.files[0]) setReference(input.dataset.refUpload, input.files[0]);
      input.value = '';
    });
  }
  for (const button of document.querySelectorAll('[data-ref-current]')) {
    button.addEventListener('click', () => setReference(button.dataset.refCurrent, null));
  }

  // Drag and drop anywhere on the page; paste anywhere.
  let depth = 0;
  document.addEventListener('dragenter', (e) => {
    if (![...e.dataTransfer.types].includes('Files')) return;
    depth++;
    $('drop-overlay').hidden = false;
  });
  document.addEventListener('dragleave', () => {
    depth = Math.max(0, depth - 1);
    if (!depth) $('drop-overlay').hidden = true;
  });
  document.addEventListener('dragover', (e) => e.preventDefault());
  document.addEventListener('drop', (e) => {
    e.preventDefault();
    depth = 0;
    $('drop-overlay').hidden = true;
    const file = [...e.dataTransfer.files].find((f) => f.type.startsWith('image/'));
    if (file) attach(file);
  });
  document.addEventListener('paste', (e) => {
    const file = [...(e.clipboardData ? e.clipboardData.files : [])].find((f) => f.type.startsWith('image/'));
    if (file) {
      e.preventDefault();
      attach(file);
    }
  });
}

async function main() {
  wire();
  setSlider(50);
  if (!(await loadInfo())) return;
  connectEvents();
  await Promise.all([refreshHistory(), loadSettings(), refreshReferences()]);
  document.body.dataset.ready = 'true';
}

main();

// ---------- area selection (issue 16): drag a box on the current picture ----------

function clearRegion() {
  state.region = null;
  const box = $('region-box');
  box.hidden = true;
  delete box.dataset.region;
  $('region-clear').hidden = true;
  setRegionMode(false);
}

function setRegionMode(on) {
  $('region-toggle').setAttribute('aria-pressed', on ? 'true' : 'false');
  $('stage').classList.toggle('region-mode', on);
}

/** Pointer position as picture pixels, clamped to the picture. */
function picturePoint(event) {
  const image = $('current-image');
  const rect = image.getBoundingClientRect();
  const x = Math.min(Math.max(event.clientX - rect.left, 0), rect.width);
  const y = Math.min(Math.max(event.clientY - rect.top, 0), rect.height);
  return [Math.round((x * image.naturalWidth) / rect.width), Math.round((y * image.naturalHeight) / rect.height)];
}

function drawRegion(a, b) {
  const image = $('current-image');
  const rect = image.getBoundingClientRect();
  const stage = $('stage').getBoundingClientRect();
  const scale = rect.width / image.naturalWidth;
  const x = Math.min(a[0], b[0]);
  const y = Math.min(a[1], b[1]);
  const w = Math.abs(a[0] - b[0]);
  const h = Math.abs(a[1] - b[1]);
  const box = $('region-box');
  box.style.left = rect.left - stage.left + x * scale + 'px';
  box.style.top = rect.top - stage.top + y * scale + 'px';
  box.style.width = w * scale + 'px';
  box.style.height = h * scale + 'px';
  box.hidden = false;
  return [x, y, w, h];
}

function initRegion() {
  let start = null;
  const image = $('current-image');
  $('region-toggle').addEventListener('click', () => {
    setRegionMode($('region-toggle').getAttribute('aria-pressed') !== 'true');
  });
  $('region-clear').addEventListener('click', clearRegion);
  image.addEventListener('dragstart', (e) => {
    if ($('stage').classList.contains('region-mode')) e.preventDefault();
  });
  image.addEventListener('pointerdown', (e) => {
    if (!$('stage').classList.contains('region-mode')) return;
    e.preventDefault();
    start = picturePoint(e);
    image.setPointerCapture(e.pointerId);
  });
  image.addEventListener('pointermove', (e) => {
    if (start) drawRegion(start, picturePoint(e));
  });
  image.addEventListener('pointerup', (e) => {
    if (!start) return;
    const region = drawRegion(start, picturePoint(e));
    start = null;
    if (region[2] < 2 || region[3] < 2) {
      clearRegion();
      return;
    }
    state.region = region;
    $('region-box').dataset.region = region.join(',');
    $('region-clear').hidden = false;
    setRegionMode(false);
    $('instruction').placeholder = 'What to change inside the box…';
    $('instruction').focus();
  });
}

initRegion();
