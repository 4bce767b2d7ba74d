// Browser tests of a built site, in Debian's Chromium driven by
// playwright-core (which never downloads a browser of its own).
//
//   SITE=public node --test tests/browser/     (after `kehoach build`)
//
// SITE is the built site (default: ../../public from here); SHOTS is where
// screenshots go (default: ../../target/screenshots). Without Chromium at
// CHROMIUM (default /usr/bin/chromium) every test is reported as skipped,
// with that reason.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const here = path.dirname(fileURLToPath(import.meta.url));
const SITE = path.resolve(process.env.SITE || path.join(here, '../../public'));
const SHOTS = path.resolve(process.env.SHOTS || path.join(here, '../../target/screenshots'));
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const require = createRequire(import.meta.url);

let skip = false;
if (!fs.existsSync(CHROMIUM)) skip = `no Chromium at ${CHROMIUM} (apt install chromium)`;
else if (!fs.existsSync(path.join(SITE, 'index.html'))) skip = `no built site at ${SITE} (run kehoach build)`;

// The page types, on the example site and on the generated corpus alike.
function firstDir(dir) {
  const p = path.join(SITE, dir);
  if (!fs.existsSync(p)) return null;
  const d = fs.readdirSync(p).filter((n) => fs.existsSync(path.join(p, n, 'index.html'))).sort();
  return d.length ? `${dir}/${d[0]}/index.html` : null;
}
// The example site, whose documents the search cases name.
const EXAMPLE = fs.existsSync(path.join(SITE, 'van-ban/ttxvn/266-kh-du-2022/index.html'));
function planPage() {
  const p = 'van-ban/trung-uong/12-kh-tw-2022/index.html';
  if (fs.existsSync(path.join(SITE, p))) return p;
  // Another site: its first document page, depth first.
  const walk = (dir) => {
    const abs = path.join(SITE, dir);
    const subs = fs.readdirSync(abs).filter((n) => fs.statSync(path.join(abs, n)).isDirectory()).sort();
    if (dir.split('/').length > 2 && fs.existsSync(path.join(abs, 'index.html'))) return `${dir}/index.html`;
    for (const n of subs) {
      if (n === 'trich-dan' || n === 'trang') continue;
      const found = walk(`${dir}/${n}`);
      if (found) return found;
    }
    return null;
  };
  return walk('van-ban');
}
function bodyPage() {
  const p = 'co-quan/ban-to-chuc-tw/index.html';
  return fs.existsSync(path.join(SITE, p)) ? p : firstDir('co-quan');
}
const PAGES = skip ? {} : {
  home: 'index.html',
  plan: planPage(),
  body: bodyPage(),
  calendar: 'lich/index.html',
  search: 'tim-kiem/index.html',
  cited: 'van-ban/trich-dan/28-nq-tw-2022-1117/index.html',
  bodies: 'co-quan/index.html',
  list: 'van-ban/index.html',
};

let server, origin, browser;
const outside = [];

before(async () => {
  if (skip) return;
  server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://x');
    let file = path.join(SITE, decodeURIComponent(url.pathname));
    if (!file.startsWith(SITE)) { res.writeHead(403); return res.end(); }
    if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, 'index.html');
    fs.readFile(file, (err, data) => {
      if (err) { res.writeHead(404); return res.end('not found'); }
      const type = { '.html': 'text/html; charset=utf-8', '.css': 'text/css', '.js': 'text/javascript',
        '.json': 'application/json', '.svg': 'image/svg+xml', '.xml': 'application/atom+xml',
        '.ics': 'text/calendar' }[path.extname(file)] || 'application/octet-stream';
      res.writeHead(200, { 'content-type': type, 'content-length': data.length });
      res.end(data);
    });
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  origin = `http://127.0.0.1:${server.address().port}/`;
  const { chromium } = require('playwright-core');
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  fs.mkdirSync(SHOTS, { recursive: true });
});

after(async () => {
  if (browser) await browser.close();
  if (server) server.close();
});

// A page opened at a size, with every request checked to stay on the site
// and its bytes counted.
async function open(rel, width, height, opts = {}) {
  const context = await browser.newContext({ viewport: { width, height }, ...opts });
  const page = await context.newPage();
  const bytes = { total: 0, byUrl: {}, pending: [] };
  await page.route('**/*', (route) => {
    const u = route.request().url();
    if (!u.startsWith(origin)) { outside.push(u); return route.abort(); }
    return route.continue();
  });
  page.on('response', (r) => {
    bytes.pending.push(r.body().then((b) => {
      bytes.total += b.length;
      bytes.byUrl[r.url()] = b;
    }, () => { /* redirects have no body */ }));
  });
  await page.goto(origin + rel, { waitUntil: 'load' });
  await Promise.all(bytes.pending);
  return { page, context, bytes };
}

const gz = (b) => zlib.gzipSync(b, { level: 9 }).length;

test('pages fit a 360 px phone: no sideways scrolling, 16 px text, 44 px tap targets; screenshots', { skip }, async () => {
  for (const [name, rel] of Object.entries(PAGES)) {
    if (!rel) continue;
    for (const [w, h] of [[360, 740], [1280, 800]]) {
      const { page, context } = await open(rel, w, h);
      await page.screenshot({ path: path.join(SHOTS, `${name}-${w}x${h}.png`), fullPage: false });
      if (w === 360) {
        const m = await page.evaluate(() => {
          const small = [];
          for (const a of document.querySelectorAll('body > header a, .pager a, button, .chips a, input')) {
            const r = a.getBoundingClientRect();
            if (r.width && r.height < 44) small.push(`${a.tagName} "${a.textContent.trim()}" ${r.height}px`);
          }
          return {
            scroll: document.documentElement.scrollWidth,
            font: parseFloat(getComputedStyle(document.body).fontSize),
            small,
          };
        });
        assert.ok(m.scroll <= 360, `${rel}: page is ${m.scroll}px wide at 360`);
        assert.ok(m.font >= 16, `${rel}: base text ${m.font}px`);
        assert.deepEqual(m.small, [], `${rel}: tap targets under 44px`);
      }
      await context.close();
    }
  }
  assert.deepEqual(outside, [], 'requests left the site');
});

test('no serious or critical axe-core violations on any page type', { skip }, async () => {
  const axe = require.resolve('axe-core/axe.min.js');
  const found = [];
  for (const [name, rel] of Object.entries(PAGES)) {
    if (!rel) continue;
    for (const scheme of ['light', 'dark']) {
      const { page, context } = await open(rel, 360, 740, { colorScheme: scheme });
      await page.addScriptTag({ path: axe });
      const v = await page.evaluate(async () => {
        const r = await window.axe.run(document, { resultTypes: ['violations'] });
        return r.violations.map((x) => ({ id: x.id, impact: x.impact, nodes: x.nodes.slice(0, 3).map((n) => n.target.join(' ')) }));
      });
      for (const x of v) {
        if (x.impact === 'serious' || x.impact === 'critical') found.push(`${name} (${scheme}): ${x.id} [${x.impact}] ${x.nodes.join(', ')}`);
      }
      await context.close();
    }
  }
  assert.deepEqual(found, []);
});

test('a typical plan page is at most 14 KB gzipped, HTML and CSS together', { skip }, async () => {
  const { context, bytes } = await open(PAGES.plan, 360, 740);
  const html = bytes.byUrl[origin + PAGES.plan];
  const css = bytes.byUrl[origin + 'style.css'];
  assert.ok(html && css, 'page and stylesheet loaded');
  const total = gz(html) + gz(css);
  console.log(`plan page: ${gz(html)} B + CSS ${gz(css)} B gzipped = ${total} B`);
  assert.ok(total <= 14 * 1024, `${total} bytes`);
  await context.close();
});

test('pages read without JavaScript', { skip }, async () => {
  const { page, context } = await open(PAGES.plan, 360, 740, { javaScriptEnabled: false });
  assert.ok((await page.locator('main h1').count()) === 1);
  assert.ok((await page.locator('main a').count()) > 5);
  await context.close();
});

// Types a query into the search page as a user would; returns the result
// titles and the bytes the browser fetched from opening the page on.
async function typeQuery(q) {
  const { page, context, bytes } = await open(PAGES.search, 360, 740);
  await page.fill('#q', q);
  await page.press('#q', 'Enter');
  await page.waitForSelector('#results .status:not(:empty)');
  await page.waitForFunction(() => !/Đang tìm/.test(document.querySelector('#results .status').textContent));
  await page.waitForLoadState('networkidle');
  await Promise.all(bytes.pending);
  const titles = await page.locator('#results ol li > a').allTextContents();
  const status = await page.locator('#results .status').textContent();
  return { page, context, titles, status, bytes: bytes.total };
}

test('search finds documents as users type them', { skip }, async () => {
  // query, what the title of a result must match, and where (at most) in
  // the list. The generated corpus has other plans, but cites 28-NQ/TW too.
  const cases = [
    ['28-NQ/TW', /^Nghị quyết 28-NQ\/TW$/, 0],
    ['nq 28', /^Nghị quyết 28-NQ\/TW$/, 0],
    ['NQ28', /^Nghị quyết 28-NQ\/TW$/, 0],
    ['28/NQ-TW', /^Nghị quyết 28-NQ\/TW$/, 0],
    ['nghi quyet 28', /^Nghị quyết 28-NQ\/TW$/, 0],
    ['nghị quyết số 28', /^Nghị quyết 28-NQ\/TW$/, 0],
  ];
  if (EXAMPLE) {
    cases.push(['kh 266', /^Kế hoạch 266-KH\/ĐU$/, 0]);
    cases.push(['doan thanh nien', /^Kế hoạch 12-KH\/TW$/, 9]);
  }
  const fails = [];
  for (const [q, want, within] of cases) {
    const r = await typeQuery(q);
    const at = r.titles.findIndex((t) => want.test(t));
    if (at < 0 || at > within) fails.push(`"${q}": ${want} at ${at} in ${JSON.stringify(r.titles.slice(0, 5))} (${r.status})`);
    if (q === 'nghi quyet 28') {
      console.log(`first query "${q}": ${r.bytes} bytes fetched, page included`);
      await r.page.screenshot({ path: path.join(SHOTS, 'search-results-360x740.png') });
      assert.ok(r.bytes <= 150 * 1024, `first query fetched ${r.bytes} bytes`);
    }
    await r.context.close();
  }
  assert.deepEqual(fails, []);
});

test('a query with marks ranks the exact spelling first; old and new tone placement match', { skip }, async () => {
  // "đang" is written in one plan only; "Đảng", "dạng", "đăng" fold alike.
  const exact = await typeQuery('đang');
  const folded = await typeQuery('dang');
  if (EXAMPLE) assert.equal(exact.titles[0], 'Kế hoạch 266-KH/ĐU');
  assert.ok(folded.titles.length >= exact.titles.length, 'no marks finds every spelling');
  await exact.context.close();
  await folded.context.close();
  const a = await typeQuery('hoà');
  const b = await typeQuery('hòa');
  assert.deepEqual(a.titles, b.titles);
  if (EXAMPLE) assert.ok(a.titles.length > 0, 'hoà finds something');
  await a.context.close();
  await b.context.close();
  const none = await typeQuery('zzqxw');
  assert.match(none.status, /Không tìm thấy/);
  await none.context.close();
});

test('"Đơn vị của tôi": what a body must do, two taps from home at 360 px, then on the home page itself', { skip }, async () => {
  const { page, context } = await open('index.html', 360, 740);
  // Tap 1: "Chọn đơn vị của tôi", on the first screen.
  const choose = page.locator('#mine a').first();
  const box = await choose.boundingBox();
  assert.ok(box && box.y + box.height <= 740, `"Chọn đơn vị" at ${box && box.y}px`);
  await choose.click();
  await page.waitForURL(/co-quan\/index\.html$/);
  // Tap 2: the body with the most tasks (as a member of it would).
  const rows = await page.locator('.bodies li').evaluateAll((lis) => lis.map((li) => ({
    href: li.querySelector('a').getAttribute('href'),
    n: parseInt((li.querySelector('.meta') || { textContent: '0' }).textContent, 10) || 0,
  })));
  const best = rows.reduce((a, b) => (b.n > a.n ? b : a), rows[0]);
  assert.ok(best.n > 0, 'a body with tasks');
  await page.locator(`.bodies a[href="${best.href}"]`).click();
  await page.waitForURL(/co-quan\/[^/]+\/index\.html$/);
  // Its tasks open the page: the first task is on the first screen.
  const first = await page.locator('#viec .task').first().boundingBox();
  assert.ok(first && first.y < 740, `first task at ${first && first.y}px`);
  const groups = await page.locator('#viec details[open] > summary').allTextContents();
  assert.ok(groups.length > 0, 'open groups of tasks');
  await page.screenshot({ path: path.join(SHOTS, 'my-body-360x740.png') });
  // Remembered: the home page then shows that body's open tasks.
  const name = await page.locator('main h1').textContent();
  await page.click('#mine-pick button');
  assert.match(await page.locator('#mine-pick button').textContent(), /Đơn vị của tôi ✓/);
  await page.goto(origin + 'index.html', { waitUntil: 'load' });
  await page.waitForSelector('#mine .mine-tasks details, #mine .mine-tasks p');
  assert.ok((await page.locator('#mine').textContent()).includes(`Việc của ${name.trim()}`));
  const shown = await page.locator('#mine .mine-tasks details > summary').allTextContents();
  assert.deepEqual(shown, groups, 'the same groups as on the body page');
  // Its links still lead to the plans (resolved from the body page).
  const href = await page.locator('#mine .mine-tasks .task a').first().getAttribute('href');
  const res = await page.request.get(new URL(href, origin + 'index.html').href.split('#')[0]);
  assert.equal(res.status(), 200, href);
  await page.screenshot({ path: path.join(SHOTS, 'home-my-body-360x740.png') });
  await context.close();
});

test('the bodies index follows the hierarchy and filters by name, marks or not', { skip }, async () => {
  const { page, context } = await open(PAGES.bodies, 360, 740);
  const depths = await page.locator('.bodies li').evaluateAll((lis) => lis.map((li) => li.className));
  assert.ok(depths.some((d) => d !== 'd0'), 'nested bodies');
  const all = await page.locator('.bodies li:visible').count();
  const label = await page.locator('.bodies li a').nth(Math.min(3, all - 1)).textContent();
  const word = label.trim().split(/\s+/).pop();
  const plain = word.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[đĐ]/g, 'd').toLowerCase();
  await page.fill('#bf', plain);
  const some = await page.locator('.bodies li:visible').count();
  assert.ok(some >= 1 && some <= all, `${some} of ${all} for "${plain}"`);
  const texts = await page.locator('.bodies li:visible a').allTextContents();
  const fold = (s) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[đĐ]/g, 'd').toLowerCase();
  assert.ok(texts.every((t) => fold(t).includes(plain)), JSON.stringify(texts));
  await context.close();
});

test('on a phone a plan page shows its text on the first screen', { skip }, async () => {
  const { page, context } = await open(PAGES.plan, 360, 740);
  const y = await page.locator('main .text > *:not(:empty)').first().evaluate((e) => e.getBoundingClientRect().top);
  assert.ok(y < 740 - 48, `the text starts at ${y}px`);
  // Relations, tree and contents are there, behind disclosures.
  const closed = await page.locator('main details:not([open]) > summary').count();
  assert.ok(closed >= 1, 'collapsed relations');
  await context.close();
});

test('a plan prints on A4 in the official layout, without the portal (from a 360 px phone too)', { skip }, async () => {
  const { page, context } = await open(PAGES.plan, 360, 740);
  await page.emulateMedia({ media: 'print' });
  const m = await page.evaluate(() => {
    const vis = (s) => { const e = document.querySelector(s); return !!e && getComputedStyle(e).display !== 'none'; };
    const r = (s) => { const e = document.querySelector(s); return e ? e.getBoundingClientRect() : null; };
    const [left, right] = document.querySelectorAll('.official > div');
    return {
      chrome: ['body > header.top', '.crumbs', '.foot', 'nav.rel', '.info'].filter(vis),
      official: vis('.official'),
      motto: right ? right.textContent : '',
      number: left ? left.textContent : '',
      beside: left && right ? Math.abs(left.getBoundingClientRect().top - right.getBoundingClientRect().top) < 4
        && left.getBoundingClientRect().right <= right.getBoundingClientRect().left : false,
      kindCentred: getComputedStyle(document.querySelector('.dochead .kind')).textAlign,
      titleCentred: getComputedStyle(document.querySelector('.dochead h1')).textAlign,
      sig: r('.sig'), rec: r('.recipients'), body: document.body.getBoundingClientRect().width,
    };
  });
  assert.deepEqual(m.chrome, [], 'portal chrome printed');
  assert.ok(m.official, 'the official header is printed');
  assert.ok(m.beside, 'issuer and number beside the motto');
  assert.match(m.motto, /ĐẢNG CỘNG SẢN VIỆT NAM|CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM/);
  assert.match(m.number, /Số /);
  assert.equal(m.kindCentred, 'center');
  assert.equal(m.titleCentred, 'center');
  if (m.sig) assert.ok(m.sig.left > m.body / 3, 'signature on the right');
  if (m.sig && m.rec) assert.ok(m.rec.left < m.sig.left, 'Nơi nhận on the left');
  const pdf = await page.pdf({ preferCSSPageSize: true, path: path.join(SHOTS, 'plan-print.pdf') });
  // A4 is 595 × 842 points: read the first page's MediaBox.
  const box = /\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/.exec(pdf.toString('latin1'));
  assert.ok(box, 'a MediaBox');
  assert.ok(Math.abs(+box[1] - 595.3) < 2 && Math.abs(+box[2] - 841.9) < 2, `page ${box[1]} × ${box[2]} pt`);
  await context.close();
});

test('search snippets show the passage that matches, marked as typed; "Xem thêm" only when there is more', { skip: skip || !EXAMPLE }, async () => {
  const r = await typeQuery('doan thanh nien');
  // Passages come from the results' own pages.
  await r.page.waitForFunction(() => [...document.querySelectorAll('#results .snippet a.at')].length > 0, null, { timeout: 5000 });
  const marks = await r.page.locator('#results mark').allTextContents();
  const fold = (s) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[đĐ]/g, 'd').toLowerCase();
  assert.ok(marks.length > 0, 'marked words');
  for (const m of marks) assert.equal(fold(m).replace(/\s+/g, ' '), 'doan thanh nien', `marked "${m}"`);
  // The passage links to its line, which exists on that page.
  const at = await r.page.locator('#results .snippet a.at').first().getAttribute('href');
  const [file, id] = at.split('#');
  const html = await (await r.page.request.get(new URL(file, r.page.url()).href)).text();
  assert.ok(html.includes(`id=${id}`) || html.includes(`id="${id}"`), at);
  const more = r.page.locator('#results button.more');
  const n = r.titles.length;
  if (n >= parseInt((r.status.match(/\d+/) || ['0'])[0], 10)) assert.equal(await more.isVisible(), false, '"Xem thêm" with nothing more');
  await r.context.close();
});
