// "Đơn vị của tôi": the body a member picked once, remembered in this
// browser (localStorage). The pages work without it: the home page links
// to the bodies index, and every body page lists its tasks first.
(function () {
  'use strict';
  var KEY = 'kehoach.donvi';
  var root = new URL('.', document.currentScript.src);
  function get() {
    try { var v = JSON.parse(localStorage.getItem(KEY)); return v && v.id ? v : null; } catch (e) { return null; }
  }
  function put(v) {
    try { if (v) localStorage.setItem(KEY, JSON.stringify(v)); else localStorage.removeItem(KEY); } catch (e) { /* private mode */ }
  }
  function bodyUrl(id) { return new URL('co-quan/' + encodeURIComponent(id) + '/index.html', root); }

  // A body page: offer to remember it.
  var pick = document.getElementById('mine-pick');
  if (pick) {
    var btn = pick.querySelector('button');
    var show = function () {
      var m = get();
      var mine = m && m.id === pick.dataset.id;
      btn.textContent = mine ? 'Đơn vị của tôi ✓ (bỏ chọn)' : 'Đặt làm đơn vị của tôi';
      btn.setAttribute('aria-pressed', mine ? 'true' : 'false');
    };
    btn.addEventListener('click', function () {
      var m = get();
      put(m && m.id === pick.dataset.id ? null : { id: pick.dataset.id, name: pick.dataset.name });
      show();
    });
    pick.hidden = false;
    show();
  }

  // The home page: the remembered body's open tasks, from its page.
  var home = document.getElementById('mine');
  var m = get();
  if (!home || !m) return;
  var url = bodyUrl(m.id);
  var head = home.querySelector('.mine-none');
  head.textContent = '';
  var a = document.createElement('a');
  a.href = url.href + '#viec';
  a.className = 'more';
  a.textContent = 'Việc của ' + m.name + ' →';
  var change = document.createElement('a');
  change.href = new URL('co-quan/index.html', root).href;
  change.className = 'more';
  change.textContent = 'Đổi đơn vị';
  head.append(a, ' · ', change);
  fetch(url).then(function (r) {
    if (!r.ok) throw new Error(r.status);
    return r.text();
  }).then(function (html) {
    var doc = new DOMParser().parseFromString(html, 'text/html');
    var groups = doc.querySelectorAll('#viec details[open]');
    var box = home.querySelector('.mine-tasks');
    groups.forEach(function (d) {
      d.querySelectorAll('[href]').forEach(function (x) { x.href = new URL(x.getAttribute('href'), url).href; });
      box.append(document.importNode(d, true));
    });
    if (!groups.length) {
      var p = document.createElement('p');
      p.textContent = 'Không có việc đến hạn tháng này, quá hạn hay sắp tới.';
      box.append(p);
    }
  }).catch(function () { /* the link above still leads there */ });
})();

// The bodies index: filter by name, the way Vietnamese readers type
// (with or without marks).
(function () {
  'use strict';
  var form = document.getElementById('bodies-filter');
  if (!form) return;
  var fold = function (s) {
    return s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'd').toLowerCase();
  };
  var rows = Array.prototype.map.call(document.querySelectorAll('.bodies li'), function (li) {
    return { li: li, key: fold(li.querySelector('a').textContent) };
  });
  var input = form.querySelector('input');
  var status = form.querySelector('.status');
  form.addEventListener('submit', function (e) { e.preventDefault(); });
  input.addEventListener('input', function () {
    var words = fold(input.value).split(/\s+/).filter(Boolean);
    var n = 0;
    rows.forEach(function (r) {
      var hit = words.every(function (w) { return r.key.indexOf(w) >= 0; });
      r.li.hidden = !hit;
      if (hit) n++;
    });
    status.textContent = words.length ? n + ' cơ quan' : '';
  });
  form.hidden = false;
})();
