// Shared by the browser tests: a tally of checks printing "N passed, N failed", loopback
// server helpers, Chromium with the flags this machine needs, and reading and clicking what the
// WASM UI published on window.__callboard (ids in docs/views.md).
import net from 'node:net';
import { chromium } from 'playwright-core';

// --name value pairs of the command line.
export function parseArgs(argv) {
  return Object.fromEntries(argv.reduce((acc, v, i, a) => (i % 2 ? acc : [...acc, [v.replace(/^--/, ''), a[i + 1]]]), []));
}

export const tally = { passed: 0, failed: 0 };
export async function check(name, fn) {
  try { await fn(); tally.passed++; console.log(`ok   ${name}`); }
  catch (e) { tally.failed++; console.log(`FAIL ${name}: ${e.message}`); }
}
// The plain closing line CI reads, and the exit code.
export function finish() {
  console.log(`${tally.passed} passed, ${tally.failed} failed`);
  process.exit(tally.failed ? 1 : 0);
}
export function assert(cond, msg) { if (!cond) throw new Error(msg); }
export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

export function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)); });
    s.on('error', reject);
  });
}
export async function waitHealthy(port, ms = 15000) {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    try { const r = await fetch(`http://127.0.0.1:${port}/healthz`); if (r.ok) return; } catch {}
    await sleep(100);
  }
  throw new Error('server did not become healthy');
}
// SIGTERM, then the exit code once it has exited.
export async function stopServer(proc) {
  if (proc.exitCode !== null) return proc.exitCode;
  proc.kill('SIGTERM');
  return new Promise((r) => proc.once('exit', (code) => r(code)));
}

export function launchChromium() {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--enable-unsafe-swiftshader', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

// Reads the UI report until pred(report) holds.
export async function waitReport(page, pred, what, ms = 20000) {
  const until = Date.now() + ms;
  let last = null;
  while (Date.now() < until) {
    last = await page.evaluate(() => window.__callboard || null);
    if (last && pred(last)) return last;
    await sleep(100);
  }
  throw new Error(`timed out waiting for ${what}; last report: ${JSON.stringify(last)?.slice(0, 400)}`);
}
export const item = (report, id) => report.items.find((i) => i.id === id);
export const hasItem = (id) => (r) => !!item(r, id);
export async function click(page, report, id) {
  const it = item(report, id);
  assert(it, `no item ${id} on screen`);
  // Press and release a frame apart: Dear ImGui 1.86 has no input queue, a click within one frame is lost.
  await page.mouse.click(it.x + it.w / 2, it.y + it.h / 2, { delay: 80 });
}
// Replaces a field's text and waits until the page shows it; on a slow page a key can reach the
// field before it has focus, so a field that does not show the text is typed into again.
export async function typeInto(page, report, id, text) {
  for (let attempt = 0; ; attempt++) {
    await click(page, report, id);
    await sleep(150);
    await page.keyboard.press('End', { delay: 40 });
    // A slow page draws a frame less often than keys arrive; the backend of Dear ImGui keeps only
    // the last state of a key within one frame, so keys go slower than a frame at 15 fps.
    for (let i = 0; i < (item(report, id)?.text.length ?? 0) + 2; i++) await page.keyboard.press('Backspace', { delay: 70 });
    await page.keyboard.type(text, { delay: 40 });
    await sleep(100);
    try {
      return await waitReport(page, (r) => item(r, id)?.text === text, `${id} showing ${text}`, 5000);
    } catch (e) {
      if (attempt >= 4) throw e;
      report = await waitReport(page, (r) => item(r, id), id);
    }
  }
}
