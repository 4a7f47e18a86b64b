// End-to-end test of the web app in real headless Chromium (Debian's /usr/bin/chromium,
// driven by playwright-core). Starts a real `callboard serve`, loads the page, and checks what
// the WASM UI shows through the hook it publishes on window.__callboard.
//
// usage: node run.mjs --callboard PATH [--out DIR]
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';

const args = Object.fromEntries(process.argv.slice(2).reduce((acc, v, i, a) => (i % 2 ? acc : [...acc, [v.replace(/^--/, ''), a[i + 1]]]), []));
if (!args.callboard) { console.error('usage: node run.mjs --callboard PATH [--out DIR]'); process.exit(2); }
const outDir = args.out || fs.mkdtempSync(path.join(os.tmpdir(), 'callboard-e2e-'));
fs.mkdirSync(outDir, { recursive: true });
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'callboard-e2e-db-'));

let passed = 0, failed = 0;
async function check(name, fn) {
  try { await fn(); passed++; console.log(`ok   ${name}`); }
  catch (e) { failed++; console.log(`FAIL ${name}: ${e.message}`); }
}
function assert(cond, msg) { if (!cond) throw new Error(msg); }
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)); });
    s.on('error', reject);
  });
}

function startServer(port) {
  const proc = spawn(args.callboard, ['serve', '--port', String(port), '--db', path.join(tmp, 'e2e.db'),
    '--demo', 'normal', '--speed', '10'], { stdio: ['ignore', 'ignore', 'pipe'] });
  proc.stderr.on('data', (d) => fs.appendFileSync(path.join(outDir, 'server.log'), d));
  return proc;
}
async function waitHealthy(port, ms = 15000) {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    try { const r = await fetch(`http://127.0.0.1:${port}/healthz`); if (r.ok) return; } catch {}
    await sleep(100);
  }
  throw new Error('server did not become healthy');
}
async function stopServer(proc) {
  if (proc.exitCode !== null) return;
  proc.kill('SIGTERM');
  await new Promise((r) => proc.once('exit', r));
}

// Reads the UI report; waits until pred(report) holds.
async function waitReport(page, pred, what, ms = 20000) {
  const until = Date.now() + ms;
  let last = null;
  while (Date.now() < until) {
    last = await page.evaluate(() => window.__callboard || null);
    if (last && pred(last)) return last;
    await sleep(100);
  }
  throw new Error(`timed out waiting for ${what}; last report: ${JSON.stringify(last)?.slice(0, 400)}`);
}
const item = (report, id) => report.items.find((i) => i.id === id);
const hasItem = (id) => (r) => !!item(r, id);
async function click(page, report, id) {
  const it = item(report, id);
  assert(it, `no item ${id} on screen`);
  await page.mouse.click(it.x + it.w / 2, it.y + it.h / 2);
}

const port = await freePort();
let server = startServer(port);
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--enable-unsafe-swiftshader', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
  await waitHealthy(port);
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, locale: 'en-US' });
  const page = await context.newPage();
  const consoleErrors = [];
  page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()); });
  page.on('pageerror', (e) => consoleErrors.push(String(e)));
  const base = `http://127.0.0.1:${port}/`;
  await page.goto(base);

  await check('the page loads and the WASM UI draws the wallboard', async () => {
    const r = await waitReport(page, (r) => item(r, 'center.waiting') && item(r, 'freshness')?.text === 'Live', 'live wallboard');
    assert(r.language === 'en', `language ${r.language}, expected en from the browser locale`);
    assert(item(r, 'source').text === 'demo:normal', `source ${item(r, 'source').text}`);
    for (const q of ['inquiries', 'orders', 'complaints', 'vip']) assert(item(r, `queue.${q}.service_level`), `no tile for ${q}`);
  });
  await page.screenshot({ path: path.join(outDir, 'wallboard-en.png') });

  await check('a live value changes as the stream delivers updates', async () => {
    const first = await waitReport(page, hasItem('center_clock'), 'center clock');
    const clock0 = item(first, 'center_clock').text, offered0 = Number(item(first, 'center.offered').text);
    const later = await waitReport(page, (r) => item(r, 'center_clock')?.text !== clock0 &&
      Number(item(r, 'center.offered')?.text) > offered0, 'clock and offered count to move');
    assert(item(later, 'freshness').text === 'Live', 'freshness should say Live');
  });

  await check('switching the language redraws every label in Chinese', async () => {
    const r = await waitReport(page, hasItem('button.language'), 'language button');
    await click(page, r, 'button.language');
    const zh = await waitReport(page, (r) => r.language === 'zh' && item(r, 'tab.wallboard')?.text !== 'Wallboard', 'language zh');
    assert(item(zh, 'tab.wallboard').text === '实时看板', `tab label ${item(zh, 'tab.wallboard').text}`);
    assert(item(zh, 'freshness').text === '实时', `freshness ${item(zh, 'freshness').text}`);
  });
  await sleep(300);
  await page.screenshot({ path: path.join(outDir, 'wallboard-zh.png') });

  await check('the waiting count moves with the demo', async () => {
    const seen = new Set();
    await waitReport(page, (r) => { const w = item(r, 'center.waiting'); if (w) seen.add(w.text); return seen.size >= 2; },
      'two different waiting counts', 40000);
  });

  await check('clicking the floor tab shows every seat, and agents change state over time', async () => {
    const r = await waitReport(page, hasItem('tab.floor'), 'floor tab');
    await click(page, r, 'tab.floor');
    const floor = await waitReport(page, (r) => r.tab === 'floor' && r.items.some((i) => i.id.startsWith('seat.')), 'seats');
    const seats = floor.items.filter((i) => i.id.startsWith('seat.'));
    assert(seats.length >= 36, `only ${seats.length} seats`);
    const before = Object.fromEntries(seats.map((i) => [i.id, i.text]));
    await waitReport(page, (r) => r.items.some((i) => i.id.startsWith('seat.') && before[i.id] && before[i.id] !== i.text),
      'a seat to change state');
  });

  await check('a seat click opens that agent\'s card', async () => {
    const floor = await waitReport(page, (r) => r.tab === 'floor' && r.items.some((i) => i.id.startsWith('seat.')), 'seats');
    const seat = floor.items.find((i) => i.id.startsWith('seat.') && i.text !== 'logged_out') ||
                 floor.items.find((i) => i.id.startsWith('seat.'));
    await click(page, floor, seat.id);
    const card = await waitReport(page, (r) => r.selected_agent !== null && item(r, 'card.name'), 'the agent card');
    assert(item(card, 'card.state'), 'the card shows the state');
    assert(item(card, 'card.calls') && item(card, 'card.calls.median'), 'the card shows calls next to the team median');
  });
  await page.screenshot({ path: path.join(outDir, 'floor-zh.png') });

  await check('the intraday tab charts every queue, and TV mode shows the wallboard in large type', async () => {
    let r = await waitReport(page, hasItem('tab.intraday'), 'intraday tab');
    await click(page, r, 'tab.intraday');
    r = await waitReport(page, (r) => r.tab === 'intraday' && item(r, 'intraday.orders.volume'), 'intraday charts');
    assert(Number(item(r, 'intraday.orders.volume').text) > 0, 'orders volume should be above 0');
    await page.screenshot({ path: path.join(outDir, 'intraday-zh.png') });
    await click(page, r, 'button.tv');
    r = await waitReport(page, (r) => r.tv_mode && item(r, 'button.exit_tv'), 'TV mode');
    await page.screenshot({ path: path.join(outDir, 'tv-zh.png') });
    await click(page, r, 'button.exit_tv');
    await waitReport(page, (r) => !r.tv_mode, 'TV mode left');
  });

  await check('the page says when the server is gone and reconnects by itself', async () => {
    await stopServer(server);
    const down = await waitReport(page, (r) => /断开连接/.test(item(r, 'freshness')?.text || ''), 'disconnected notice', 15000);
    assert(/\d\d:\d\d:\d\d/.test(item(down, 'freshness').text), 'the notice should say since when');
    server = startServer(port);
    await waitHealthy(port);
    await waitReport(page, (r) => item(r, 'freshness')?.text === '实时', 'live again', 20000);
  });

  await check('the offline demo runs in the tab with no server stream', async () => {
    const demo = await context.newPage();
    await demo.goto(`${base}?demo=outage&lang=zh&speed=10`);
    const r = await waitReport(demo, (r) => item(r, 'center.waiting') && item(r, 'source')?.text === 'demo:outage', 'offline demo');
    assert(item(r, 'freshness').text === '离线演示', `freshness ${item(r, 'freshness').text}`);
    await demo.screenshot({ path: path.join(outDir, 'offline-demo-zh.png') });
    await demo.close();
  });

  await check('no errors in the browser console', async () => {
    const real = consoleErrors.filter((e) => !/api\/stream|ERR_CONNECTION_REFUSED|Failed to load resource/.test(e));
    assert(real.length === 0, real.join(' | '));
  });
} catch (e) {
  failed++;
  console.log(`FAIL the test run itself: ${e.message}`);
} finally {
  await browser.close();
  await stopServer(server);
  fs.rmSync(tmp, { recursive: true, force: true });
}
console.log(`screenshots in ${outDir}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
