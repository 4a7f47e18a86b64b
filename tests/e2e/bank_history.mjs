// A center whose whole history is from 1999, in real headless Chromium: the "Anonymous Bank"
// months imported with `callboard import calls --format anonymous_bank` and the documented
// configuration (docs/datasets.md, "The demo for trainers"), then `callboard serve` over that
// database. The dashboard opens on today: the six queues by their configured names with no
// calls, every agent of the data logged out, no simulation controls, no errors; in Chinese and
// English. Reads what the WASM UI drew through window.__callboard.
//
// usage: node bank_history.mjs --callboard PATH --bank DIR --config FILE [--out DIR]
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { assert, check, click, finish, freePort, hasItem, item, launchChromium, parseArgs, stopServer, tally,
  waitHealthy, waitReport } from './lib.mjs';

const args = parseArgs(process.argv.slice(2));
if (!args.callboard || !args.bank || !args.config) {
  console.error('usage: node bank_history.mjs --callboard PATH --bank DIR --config FILE [--out DIR]');
  process.exit(2);
}
const callboardBin = path.resolve(args.callboard);
const outDir = args.out || fs.mkdtempSync(path.join(os.tmpdir(), 'callboard-bank-'));
fs.mkdirSync(outDir, { recursive: true });
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'callboard-bank-db-'));
const configText = fs.readFileSync(args.config, 'utf8');
const config = JSON.parse(configText);
fs.writeFileSync(path.join(tmp, 'bank.json'), configText);
const db = path.join(tmp, 'bank.db');

const months = ['january', 'february', 'march'].map((m) => path.join(args.bank, `${m}.txt`));
const imported = spawnSync(callboardBin, ['import', 'calls', ...months, '--format', 'anonymous_bank',
  '--config', path.join(tmp, 'bank.json'), '--db', db, '--json'], { cwd: tmp, encoding: 'utf8', maxBuffer: 64 << 20 });
let summary = null;
await check('the three months import', async () => {
  assert(imported.status === 0, `exit ${imported.status}: ${imported.stderr}`);
  summary = JSON.parse(imported.stdout);
  assert(summary.total.rows === 103744, `rows ${summary.total.rows}`);
});
if (!summary) finish();

const port = await freePort();
const server = spawn(callboardBin, ['serve', '--port', String(port), '--db', db, '--config', path.join(tmp, 'bank.json')],
  { stdio: ['ignore', 'ignore', 'pipe'], cwd: tmp });
fs.writeFileSync(path.join(outDir, 'server-bank.log'), '');
server.stderr.on('data', (d) => fs.appendFileSync(path.join(outDir, 'server-bank.log'), d));
const browser = await launchChromium();
try {
  await waitHealthy(port);
  for (const [locale, lang] of [['zh-CN', 'zh'], ['en-US', 'en']]) {
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, locale });
    const page = await context.newPage();
    const consoleErrors = [];
    page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()); });
    page.on('pageerror', (e) => consoleErrors.push(String(e)));
    await page.goto(`http://127.0.0.1:${port}/`);

    await check(`${lang}: the six queues by their configured names, today empty, no simulation controls`, async () => {
      const r = await waitReport(page, (r) => config.queues.every((q) => item(r, `queue.${q.name}.service_level`)), 'the queue tiles');
      assert(r.language === lang, `language ${r.language}`);
      assert(item(r, 'source').text === 'history', `source ${item(r, 'source').text}`);
      assert(!item(r, 'demo.controls'), 'simulation controls shown for real data');
      // Connected, but nothing is live: the header says so instead of a green "Live".
      const fresh = lang === 'zh' ? '仅存储的历史数据 · 无实时数据源' : 'Stored history only · no live source';
      assert(item(r, 'freshness')?.text === fresh, `freshness ${item(r, 'freshness')?.text}`);
      for (const q of config.queues) {
        const name = lang === 'zh' ? q.name_zh : q.name_en;
        assert(item(r, `queue.${q.name}.name`).text === name, `name of ${q.name}: ${item(r, `queue.${q.name}.name`).text}`);
        assert(item(r, `queue.${q.name}.answered`).text === '0', `${q.name} answered ${item(r, `queue.${q.name}.answered`).text}`);
        assert(item(r, `queue.${q.name}.waiting`).text === '0', `${q.name} waiting ${item(r, `queue.${q.name}.waiting`).text}`);
        assert(item(r, `queue.${q.name}.service_level`).text === '-', `${q.name} service level ${item(r, `queue.${q.name}.service_level`).text}`);
      }
    });
    await page.screenshot({ path: path.join(outDir, `bank-wallboard-${lang}.png`) });

    await check(`${lang}: the floor has the data's ${summary.agents} agents, every one logged out`, async () => {
      let r = await waitReport(page, hasItem('tab.floor'), 'floor tab');
      await click(page, r, 'tab.floor');
      r = await waitReport(page, (r) => r.tab === 'floor' && r.items.some((i) => i.id.startsWith('seat.')), 'seats');
      const seats = r.items.filter((i) => i.id.startsWith('seat.') && i.id.split('.').length === 2);
      assert(seats.length === summary.agents, `${seats.length} seats`);
      for (const s of seats) assert(s.text === 'logged_out', `${s.id} ${s.text}`);
      assert(item(r, 'seat.SHARON'), 'no seat for SHARON');
    });
    await page.screenshot({ path: path.join(outDir, `bank-floor-${lang}.png`) });

    await check(`${lang}: no errors in the browser console`, async () => {
      const real = consoleErrors.filter((e) => !/api\/stream|ERR_CONNECTION_REFUSED|Failed to load resource/.test(e));
      assert(real.length === 0, real.join(' | '));
    });
    await context.close();
  }
  await check('SIGTERM stops the server with exit code 0', async () => {
    const code = await stopServer(server);
    assert(code === 0, `exit code ${code}`);
  });
} catch (e) {
  tally.failed++;
  console.log(`FAIL the test run itself: ${e.message}`);
} finally {
  await browser.close();
  await stopServer(server);
  fs.rmSync(tmp, { recursive: true, force: true });
}
console.log(`screenshots in ${outDir}`);
finish();
