// The review page: lists flagged items from /api/review and acts on them. Text goes in with textContent only.
(function () {
  const list = document.getElementById('items');
  const status = document.getElementById('status');

  function el(tag, cls, text) {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  const login = document.getElementById('admin-login');

  async function call(method, path, json) {
    const init = {method, credentials: 'same-origin'};
    if (json !== undefined) {
      init.headers = {'Content-Type': 'application/json'};
      init.body = JSON.stringify(json);
    }
    const res = await fetch(path, init);
    const body = await res.json().catch(() => ({}));
    if (res.status === 401 && body.error === 'admin_token_required') login.hidden = false;
    if (!res.ok) throw new Error(body.message || ('HTTP ' + res.status));
    return body;
  }

  // The admin token goes in a POST body, never in an address; the server answers with a cookie for /api/review.
  login.addEventListener('submit', async (e) => {
    e.preventDefault();
    const input = document.getElementById('admin-token');
    try {
      await call('POST', '/api/review/login', {token: input.value});
      input.value = '';
      login.hidden = true;
      await load();
    } catch (err) {
      input.value = '';
      status.textContent = err.message;
    }
  });

  function button(label, action, id) {
    const b = el('button', 'btn', label);
    b.dataset.action = action;
    b.addEventListener('click', async () => {
      b.disabled = true;
      try {
        status.textContent = (await call('POST', '/api/review/' + encodeURIComponent(id) + '/' + action)).message;
        await load();
      } catch (e) {
        status.textContent = e.message;
        b.disabled = false;
      }
    });
    return b;
  }

  function render(item) {
    const li = el('li', 'review-item' + (item.status === 'open' ? '' : ' resolved'));
    li.dataset.id = item.id;
    li.dataset.kind = item.kind;
    li.dataset.status = item.status;
    const left = el('div');
    if (item.picture) {
      const img = el('img');
      img.alt = 'Flagged picture';
      // A picture past its user's cap or quota is no longer kept; say so instead of a broken image.
      img.addEventListener('error', () => img.replaceWith(el('p', 'meta', '(picture no longer kept)')));
      img.src = '/api/review/' + encodeURIComponent(item.id) + '/picture';
      left.appendChild(img);
    }
    li.appendChild(left);
    const right = el('div');
    right.appendChild(el('strong', null, item.kind + ' · ' + item.status));
    right.appendChild(el('p', null, item.text || '(no text)'));
    right.appendChild(el('p', 'meta', item.userName + ' (' + item.user + ') on ' + item.platform + ', chat ' + item.chat
      + ' · ' + new Date(item.createdAt).toLocaleString()));
    right.appendChild(el('p', 'meta', 'Why: ' + item.reason));
    const actions = el('div', 'actions');
    if (item.releasable) actions.appendChild(button('Release', 'release', item.id));
    if (item.status === 'open') actions.appendChild(button('Delete', 'delete', item.id));
    actions.appendChild(button('Block user', 'block', item.id));
    right.appendChild(actions);
    li.appendChild(right);
    return li;
  }

  async function load() {
    try {
      const body = await call('GET', '/api/review');
      list.replaceChildren(...body.items.map(render));
      if (body.items.length === 0) status.textContent = 'Nothing flagged.';
    } catch (e) {
      status.textContent = e.message;
    }
  }

  load();
  setInterval(load, 15000);
})();
