// Search in the browser over the static index written by src/render/search.rs.
// The page works without this script (the form and the lists stay); the
// script only adds the answers. Keep the word splitting, variants, folding,
// compounds and shard hash in step with search.rs.
(function () {
  'use strict';
  var box = document.getElementById('results');
  var form = document.getElementById('search');
  if (!box || !form || !window.fetch) return;
  var input = form.querySelector('input[name=q]');
  var root = box.getAttribute('data-root');
  var SHARDS = +box.getAttribute('data-shards');
  var PER = +box.getAttribute('data-per');
  var kinds = JSON.parse(document.getElementById('kinds').textContent);
  var DIG = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_';
  var TONES = { '\u0300': 'A', '\u0301': 'B', '\u0303': 'C', '\u0309': 'D', '\u0323': 'E' };
  var LETTER = /[\p{L}\p{N}]/u;
  var shardCache = {};
  var docCache = {};

  function words(text) {
    var out = [], buf = '', dig = false;
    for (var ch of text.normalize('NFC').toLowerCase()) {
      if (LETTER.test(ch)) {
        var d = ch >= '0' && ch <= '9';
        if (buf && d !== dig) { out.push(buf); buf = ''; }
        dig = d; buf += ch;
      } else if (buf) { out.push(buf); buf = ''; }
    }
    if (buf) out.push(buf);
    return out;
  }
  function fold(w) {
    return w.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[đĐ]/g, 'd').toLowerCase();
  }
  function variant(w) {
    if (/^[\x00-\x7f]*$/.test(w)) return w;
    var tone = '', base = '';
    for (var ch of w.normalize('NFD')) {
      if (TONES[ch]) tone = TONES[ch]; else base += ch;
    }
    return base.normalize('NFC') + tone;
  }
  function foldVariant(v) {
    return v.charAt(0) === '#' ? v : fold(v.replace(/[A-E]$/, ''));
  }
  function shardOf(folded) {
    var h = 0x811c9dc5;
    var bytes = new TextEncoder().encode(folded);
    for (var i = 0; i < bytes.length; i++) {
      h ^= bytes[i];
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    return h % SHARDS;
  }
  // Postings: gaps * 2 + (1 when in the title), base 32, 32 added to all
  // but the last digit of each number.
  function decode(s) {
    var out = [], id = -1, v = 0;
    for (var i = 0; i < s.length; i++) {
      var d = DIG.indexOf(s.charAt(i));
      v = v * 32 + (d & 31);
      if (d < 32) { id += Math.floor(v / 2); out.push([id, v & 1]); v = 0; }
    }
    return out;
  }
  function getJSON(url, cache, as) {
    if (!cache[url]) cache[url] = fetch(url).then(function (r) {
      if (!r.ok) throw new Error(url + ': ' + r.status);
      return as === 'text' ? r.text() : r.json();
    });
    return cache[url];
  }
  // Identifiers: "28-NQ/TW", "nq 28", "NQ28", "28/NQ-TW", "nghị quyết (số) 28".
  function compounds(ws) {
    var f = ws.map(fold), out = [];
    for (var i = 0; i < ws.length; i++) {
      if (!/^[0-9]+$/.test(ws[i])) continue;
      var n = ws[i].replace(/^0+/, '') || '0';
      if (i > 0 && !/^[0-9]/.test(ws[i - 1])) out.push('#' + f[i - 1] + n);
      if (i + 1 < ws.length && !/^[0-9]/.test(ws[i + 1])) out.push('#' + f[i + 1] + n);
      var end = i > 0 && f[i - 1] === 'so' ? i - 1 : i;
      for (var k = 1; k <= 4 && end - k >= 0; k++) {
        var name = f.slice(end - k, end).join(' ');
        if (kinds[name]) out.push('#' + kinds[name] + n);
      }
    }
    return out.filter(function (c, i) { return out.indexOf(c) === i; });
  }
  // All entries matching one key: { id: [inTitle, exact] }.
  function lookup(key, exactVariant) {
    var folded = foldVariant(key);
    return getJSON(root + 'search/s/' + shardOf(folded) + '.json', shardCache).then(function (shard) {
      var hits = {};
      Object.keys(shard).forEach(function (v) {
        if (foldVariant(v) !== folded) return;
        var exact = exactVariant !== null && v === exactVariant;
        decode(shard[v]).forEach(function (p) {
          var h = hits[p[0]] || (hits[p[0]] = [0, 0]);
          h[0] |= p[1]; h[1] |= exact ? 1 : 0;
        });
      });
      return hits;
    });
  }
  function search(q) {
    var ws = words(q);
    var cs = compounds(ws);
    var plain = ws.filter(function (w, i) { return ws.indexOf(w) === i; });
    return Promise.all(
      plain.map(function (w) {
        var v = variant(w);
        return lookup(w, v !== fold(w) ? v : null);
      }).concat(cs.map(function (c) { return lookup(c, null); }))
    ).then(function (lists) {
      var scores = {};
      var termLists = lists.slice(0, plain.length);
      var idLists = lists.slice(plain.length);
      if (termLists.length) {
        Object.keys(termLists[0]).forEach(function (id) {
          var s = 0;
          for (var t = 0; t < termLists.length; t++) {
            var h = termLists[t][id];
            if (!h) return;
            s += (h[0] ? 3 : 1) + (h[1] ? 4 : 0);
          }
          scores[id] = s;
        });
      }
      idLists.forEach(function (hits) {
        Object.keys(hits).forEach(function (id) {
          scores[id] = (scores[id] || 0) + (hits[id][0] ? 100 : 20);
        });
      });
      return Object.keys(scores).map(Number).sort(function (a, b) {
        return scores[b] - scores[a] || a - b;
      });
    });
  }
  function entry(id) {
    return getJSON(root + 'search/d/' + Math.floor(id / PER) + '.json', docCache).then(function (rows) {
      return rows[id % PER];
    });
  }
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text) e.textContent = text;
    return e;
  }
  // The words of `text` with their folded forms and offsets.
  function tokens(text) {
    var out = [], re = /[\p{L}\p{N}]+/gu, m;
    while ((m = re.exec(text))) out.push({ at: m.index, end: m.index + m[0].length, f: fold(m[0]) });
    return out;
  }
  // Where the query's words stand in `text`: the runs where they follow
  // one another as typed ("đoàn thanh niên", not "giai đoạn" alone); only
  // when the whole phrase is nowhere, each word where it is.
  // The runs of `ts` where `folds` follow one another: [start, end] each.
  function phrases(ts, folds) {
    var out = [];
    for (var i = 0; folds.length && i + folds.length <= ts.length; i++) {
      var ok = true;
      for (var k = 0; k < folds.length && ok; k++) ok = ts[i + k].f === folds[k];
      if (ok) { out.push([ts[i].at, ts[i + folds.length - 1].end]); i += folds.length - 1; }
    }
    return out;
  }
  function spans(text, folds) {
    var ts = tokens(text);
    var out = folds.length > 1 ? phrases(ts, folds) : [];
    if (out.length) return out;
    ts.forEach(function (t) { if (folds.indexOf(t.f) >= 0) out.push([t.at, t.end]); });
    return out;
  }
  function hasPhrase(text, folds) {
    return phrases(tokens(text), folds).length > 0;
  }
  // The snippet, with the query marked.
  function marked(text, folds) {
    var p = el('p', 'snippet'), at = 0;
    spans(text, folds).forEach(function (s) {
      if (s[0] > at) p.appendChild(document.createTextNode(text.slice(at, s[0])));
      p.appendChild(el('mark', null, text.slice(s[0], s[1])));
      at = s[1];
    });
    if (at < text.length) p.appendChild(document.createTextNode(text.slice(at)));
    return p;
  }
  // About `n` characters of `text` around its first match, cut at words.
  function around(text, folds, n) {
    var s = spans(text, folds)[0];
    if (!s || text.length <= n) return text;
    var from = Math.max(0, s[0] - Math.floor(n / 3));
    if (from > 0) { var sp = text.indexOf(' ', from); from = sp >= 0 && sp < s[0] ? sp + 1 : from; }
    var to = Math.min(text.length, from + n);
    if (to < text.length) { var sp2 = text.lastIndexOf(' ', to); to = sp2 > s[1] ? sp2 : to; }
    return (from > 0 ? '… ' : '') + text.slice(from, to) + (to < text.length ? ' …' : '');
  }
  // A result whose title lacks the query: the passage of its page that has
  // it (a task, a paragraph, a table row), linked to that very line.
  function passage(li, r, folds) {
    var url = root + r[0] + 'index.html';
    getJSON(url, {}, 'text').then(function (html) {
      var doc = new DOMParser().parseFromString(html, 'text/html');
      var best = null;
      doc.querySelectorAll('.text [id^="L"]').forEach(function (e) {
        if (best) return;
        var t = e.textContent.replace(/\s+/g, ' ').trim();
        if (hasPhrase(t, folds)) best = { id: e.id, text: t };
      });
      if (!best) return;
      var old = li.querySelector('.snippet');
      if (old) old.remove();
      var p = marked(around(best.text, folds, 220), folds);
      var a = el('a', 'at', 'Xem đoạn này');
      a.href = url + '#' + best.id;
      p.appendChild(document.createTextNode(' '));
      p.appendChild(a);
      li.appendChild(p);
    }).catch(function () { /* the title stays */ });
  }
  var shown = 0, ids = [], folds = [], list = null, more = null;
  function showMore() {
    var fetched = 0;
    var next = ids.slice(shown, shown + 10);
    shown += next.length;
    return Promise.all(next.map(entry)).then(function (rows) {
      rows.forEach(function (r) {
        if (!r) return;
        var li = el('li');
        // Documents: "Kế hoạch 12-KH/TW", then the title; items: the title.
        var a = el('a', null, r[2] ? [r[1], r[2]].join(' ') : r[5]);
        a.href = root + r[0] + 'index.html';
        li.appendChild(a);
        var meta = (r[2] ? [r[3], r[4]] : [r[1], r[3]]).filter(Boolean).join(' · ');
        if (meta || r[6]) {
          var m = el('span', 'meta', meta);
          // Replaced, repealed or amended: said beside the result.
          if (r[6]) { if (meta) m.appendChild(document.createTextNode(' · ')); m.appendChild(el('strong', 'standing', r[6])); }
          li.appendChild(m);
        }
        if (r[5] && r[2]) li.appendChild(marked(r[5], folds));
        // A document (not one known only from citations) whose kind,
        // number and title lack some word of the query: show where its
        // text has the query.
        var head = tokens([r[1], r[2], r[5]].join(' ')).map(function (t) { return t.f; });
        var lacks = folds.some(function (f) { return head.indexOf(f) < 0; });
        // (Five pages at most for each ten results: a phone's data.)
        if (r[0].indexOf('/trich-dan/') < 0 && lacks && fetched++ < 5) passage(li, r, folds);
        list.appendChild(li);
      });
      more.hidden = shown >= ids.length;
    });
  }
  var runs = 0;
  function run(q) {
    var mine = ++runs;
    box.textContent = '';
    if (!q.trim()) return;
    var status = el('p', 'status', 'Đang tìm…');
    box.appendChild(status);
    search(q).then(function (found) {
      if (mine !== runs) return;
      ids = found; shown = 0;
      folds = words(q).map(fold);
      list = el('ol', 'results');
      more = el('button', 'more', 'Xem thêm kết quả');
      more.type = 'button';
      more.hidden = true;
      more.addEventListener('click', showMore);
      // The status is said once the first results are on the page, so
      // that what it announces is there to read.
      return showMore().then(function () {
        // A later query has taken the page: this one's results are stale.
        if (mine !== runs) return;
        box.appendChild(list);
        box.appendChild(more);
        status.textContent = found.length
          ? 'Tìm thấy ' + found.length + ' kết quả cho “' + q + '”.'
          : 'Không tìm thấy kết quả cho “' + q + '”. Hãy thử ít từ hơn, hoặc gõ số hiệu như 28-NQ/TW.';
      });
    }).catch(function (e) {
      status.textContent = 'Không đọc được chỉ mục tìm kiếm (' + e.message + ').';
    });
  }
  form.addEventListener('submit', function (ev) {
    ev.preventDefault();
    var q = input.value;
    history.replaceState(null, '', '?q=' + encodeURIComponent(q));
    run(q);
  });
  var q0 = new URLSearchParams(location.search).get('q');
  if (q0) { input.value = q0; run(q0); }
})();
