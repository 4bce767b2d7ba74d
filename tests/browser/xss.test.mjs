// The XSS corpus (tests/fixtures/xss) loaded in the real Chromium: every
// page of the built site is opened and every link on a document or item
// page is tapped. No injected script may run (each payload would set
// window.__pwned or open a dialog), and no request may leave the site —
// except the navigation a tap on an http(s) link of the text asks for.
//
//   kehoach build --root tests/fixtures/xss --out target/xss-site
//   XSS_SITE=target/xss-site node --test tests/browser/xss.test.mjs
//
// Without Chromium or the built corpus the test reports itself skipped.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const here = path.dirname(fileURLToPath(import.meta.url));
const SITE = path.resolve(process.env.XSS_SITE || path.join(here, '../../target/xss-site'));
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const require = createRequire(import.meta.url);

let skip = false;
if (!fs.existsSync(CHROMIUM)) skip = `no Chromium at ${CHROMIUM} (apt install chromium)`;
else if (!fs.existsSync(path.join(SITE, 'index.html'))) skip = `no built XSS corpus at ${SITE}`;

let server, origin, browser;

function pages(dir = '') {
  const out = [];
  for (const n of fs.readdirSync(path.join(SITE, dir)).sort()) {
    const rel = dir ? `${dir}/${n}` : n;
    if (fs.statSync(path.join(SITE, rel)).isDirectory()) out.push(...pages(rel));
    else if (n.endsWith('.html')) out.push(rel);
  }
  return out;
}

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
        '.json': 'application/json', '.svg': 'image/svg+xml' }[path.extname(file)] || 'application/octet-stream';
      res.writeHead(200, { 'content-type': type });
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
});

after(async () => {
  if (browser) await browser.close();
  if (server) server.close();
});

// A page of the site in a context that records every request leaving it
// and every script the corpus injected that ran.
async function open(rel) {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
  const record = { outside: [], tapped: [], ran: [] };
  await context.addInitScript(() => {
    for (const f of ['alert', 'confirm', 'prompt', 'print']) {
      window[f] = (...a) => { (window.__ran = window.__ran || []).push(`${f}(${a.join(',')})`); };
    }
  });
  await context.route('**/*', (route) => {
    const r = route.request();
    const u = r.url();
    if (u.startsWith(origin) || u.startsWith('data:') || u === 'about:blank') return route.continue();
    if (r.isNavigationRequest() && record.allowed && record.allowed === u) record.tapped.push(u);
    else record.outside.push(u);
    return route.abort();
  });
  const page = await context.newPage();
  page.on('dialog', (d) => { record.ran.push(`dialog ${d.message()}`); d.dismiss().catch(() => {}); });
  await page.goto(origin + rel, { waitUntil: 'load' });
  return { page, context, record };
}

async function pwned(page) {
  try {
    return await page.evaluate(() => [window.__pwned, ...(window.__ran || [])].filter(Boolean));
  } catch {
    return []; // navigated away to a page that did not load
  }
}

test('no injected script runs and no request leaves the site, on load or on a tap', { skip }, async () => {
  const all = pages();
  assert.ok(all.length > 5, `only ${all.length} pages`);
  const problems = [];
  let taps = 0;
  for (const rel of all) {
    const { page, context, record } = await open(rel);
    const onLoad = await pwned(page);
    if (onLoad.length) problems.push(`${rel}: ran on load: ${onLoad}`);
    if (record.outside.length) problems.push(`${rel}: requests on load: ${record.outside}`);
    await context.close();
    // Tap every link of the pages that carry sources' text.
    if (!/^(van-ban|tuyen-truyen)\//.test(rel) || rel.includes('/trang/')) continue;
    const count = await (async () => {
      const { page, context } = await open(rel);
      const n = await page.locator('a').count();
      await context.close();
      return n;
    })();
    for (let i = 0; i < count; i++) {
      const { page, context, record } = await open(rel);
      const link = page.locator('a').nth(i);
      const href = await link.getAttribute('href');
      // The one request a tap may make off the site: the http(s) address
      // of the link itself (an outside image is shown as such a link).
      const target = href ? new URL(href, origin + rel) : null;
      record.allowed = target && /^https?:$/.test(target.protocol) ? target.href : null;
      try {
        await link.click({ timeout: 2000, noWaitAfter: true, force: true });
        await page.waitForTimeout(150);
      } catch { /* hidden or detached: nothing to tap */ }
      taps++;
      const ran = await pwned(page);
      if (ran.length) problems.push(`${rel}: tapping ${href} ran ${ran}`);
      if (record.outside.length) problems.push(`${rel}: tapping ${href} requested ${record.outside}`);
      await context.close();
    }
  }
  assert.ok(taps > 20, `only ${taps} links tapped`);
  assert.deepEqual(problems, []);
});
