// `kehoach serve` in a real browser: a copy of the example site served by
// the release binary, a page open in Debian's Chromium, the sources edited
// on disk. The page must reload by itself and show the edit; a broken file
// must put the error overlay over it, and the fix must take it away.
//
//   node --test tests/browser/serve.test.mjs    (after cargo build --release)
//
// KEHOACH is the binary (default: ../../target/release/kehoach from here).
// Without Chromium at CHROMIUM (default /usr/bin/chromium) or without the
// binary, the test is reported as skipped, with that reason.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const here = path.dirname(fileURLToPath(import.meta.url));
const REPO = path.resolve(here, '../..');
const BIN = path.resolve(process.env.KEHOACH || path.join(REPO, 'target/release/kehoach'));
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const require = createRequire(import.meta.url);

let skip = false;
if (!fs.existsSync(CHROMIUM)) skip = `no Chromium at ${CHROMIUM} (apt install chromium)`;
else if (!fs.existsSync(BIN)) skip = `no kehoach binary at ${BIN} (cargo build --release)`;

const PLAN = 'content/plans/ttxvn/266-kh-du-2022.md';
const PLAN_URL = 'van-ban/ttxvn/266-kh-du-2022/';
const BROKEN = 'content/plans/ttxvn/hong.md';

let tmp, root, child, origin, browser, exited;

before(async () => {
  if (skip) return;
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kehoach-serve-browser-'));
  root = path.join(tmp, 'site');
  fs.mkdirSync(root);
  fs.copyFileSync(path.join(REPO, 'config.toml'), path.join(root, 'config.toml'));
  for (const d of ['content', 'themes']) fs.cpSync(path.join(REPO, d), path.join(root, d), { recursive: true });
  child = spawn(BIN, ['serve', '--port', '0', '--root', root, '--out', path.join(tmp, 'out'),
    '--today', '2026-11-23'], { stdio: ['ignore', 'pipe', 'pipe'] });
  exited = new Promise((r) => child.on('exit', (code, signal) => r({ code, signal })));
  let log = '';
  child.stderr.on('data', (d) => { log += d; });
  origin = await new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`serve printed no address in 60 s: ${log}`)), 60000);
    child.stdout.on('data', (d) => {
      out += d;
      const m = out.match(/serving (http:\/\/\S+)/);
      if (m) { clearTimeout(timer); resolve(m[1]); }
    });
    child.on('exit', () => reject(new Error(`serve ended: ${log}`)));
  });
  const { chromium } = require('playwright-core');
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
});

after(async () => {
  if (browser) await browser.close();
  if (child && child.exitCode === null) {
    child.kill('SIGINT');
    const { code } = await exited;
    assert.equal(code, 0, 'serve did not end cleanly on Ctrl-C');
  }
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

test('an edit reloads the open page; a broken file shows the overlay until it is fixed', { skip }, async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(origin + PLAN_URL, { waitUntil: 'load' });
  const word = 'Chimcánhcụt';
  assert.ok(!(await page.textContent('body')).includes(word));

  fs.appendFileSync(path.join(root, PLAN), `\n${word} bay qua sân.\n`);
  await page.waitForFunction((w) => document.body.innerText.includes(w), word, { timeout: 20000 });

  fs.writeFileSync(path.join(root, BROKEN), '+++\nnumber = "7-KH/ĐU"\ntitle = [\n+++\nKẾ HOẠCH\n');
  const overlay = await page.waitForSelector('#kehoach-serve-error', { timeout: 20000 });
  const text = await overlay.innerText();
  assert.match(text, /content\/plans\/ttxvn\/hong\.md:3: error: front matter/);
  // The last good page stays under it.
  assert.ok((await page.textContent('main')).includes(word));
  // The overlay is fixed over the page, on top.
  const style = await overlay.evaluate((e) => getComputedStyle(e).position);
  assert.equal(style, 'fixed');

  fs.writeFileSync(path.join(root, BROKEN), '+++\nnumber = "7-KH/ĐU"\ndate = "2023-02-01"\n+++\nKẾ HOẠCH\n\nSửa xong.\n');
  await page.waitForSelector('#kehoach-serve-error', { state: 'detached', timeout: 20000 });
  assert.ok((await page.textContent('main')).includes(word));
  await context.close();
});
