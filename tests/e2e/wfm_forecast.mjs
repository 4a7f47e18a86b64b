// End-to-end test of the "Forecast & staffing" page in real headless Chromium: ten weeks of calls
// with a weekly x intraday profile, ending yesterday (UTC), written as a queue_log, imported with
// `callboard import` and served with `callboard serve --config`; the page opens on this week's
// Monday: the forecast against what happened so far drawn, the back-test's accuracy per method,
// the staffing table with its target, a special day stored from the page (and the plan made
// again), both languages. Screenshots of each.
//
// usage: node wfm_forecast.mjs --callboard PATH [--out DIR]
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { assert, check, click, finish, freePort, item, launchChromium, parseArgs, sleep, stopServer, tally,
  waitHealthy, waitReport, typeInto } from './lib.mjs';

const args = parseArgs(process.argv.slice(2));
if (!args.callboard) { console.error('usage: node wfm_forecast.mjs --callboard PATH [--out DIR]'); process.exit(2); }
const callboardBin = path.resolve(args.callboard);
const outDir = args.out || fs.mkdtempSync(path.join(os.tmpdir(), 'callboard-forecast-'));
fs.mkdirSync(outDir, { recursive: true });
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'callboard-forecast-db-'));

// A deterministic generator (mulberry32) and Poisson draws (Knuth: small means).
let seed = 12345;
function rand() {
  seed = (seed + 0x6D2B79F5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
function poisson(mean) {
  const l = Math.exp(-mean);
  let k = 0, p = 1;
  do { k++; p *= rand(); } while (p > l);
  return k - 1;
}

// Ten weeks up to yesterday midnight (UTC): open 08:00-20:00, busier mid-morning and on weekdays.
const day = 86400;
const today = Math.floor(Date.now() / 1000 / day) * day;
const first = today - 70 * day;
const lines = [`${first - 60}|NONE|NONE|NONE|QUEUESTART|`];
const agents = 30;
for (let a = 0; a < agents; a++) lines.push(`${first - 50}|MANAGER|sales|SIP/${1001 + a}|ADDMEMBER|`);
let call = 0;
const events = [];
for (let d = first; d < today; d += day) {
  const weekday = (Math.floor(d / day) + 3) % 7;  // 0 Monday
  const dayScale = weekday < 5 ? 1.0 : 0.45;
  for (let slot = 32; slot < 80; slot++) {  // 15-minute slots 08:00-20:00
    const h = slot / 4;
    const shape = 0.5 + 0.9 * Math.exp(-((h - 10.5) ** 2) / 3) + 0.6 * Math.exp(-((h - 15) ** 2) / 4);
    const n = poisson(6 * dayScale * shape);
    for (let i = 0; i < n; i++) {
      const t = d + slot * 900 + Math.floor(rand() * 900);
      const id = `${t}.${++call}`;
      const agent = `SIP/${1001 + (call % agents)}`;
      const wait = Math.floor(rand() * 40);
      events.push([t, `${t}|${id}|sales|NONE|ENTERQUEUE||1380000${String(call % 10000).padStart(4, '0')}|1`]);
      if (rand() < 0.08) {
        events.push([t + wait, `${t + wait}|${id}|sales|NONE|ABANDON|1|1|${wait}`]);
      } else {
        const talk = 90 + Math.floor(rand() * 180);
        events.push([t + wait, `${t + wait}|${id}|sales|${agent}|CONNECT|${wait}|${id}.9|2`]);
        events.push([t + wait + talk, `${t + wait + talk}|${id}|sales|${agent}|COMPLETECALLER|${wait}|${talk}|1`]);
      }
    }
  }
}
events.sort((a, b) => a[0] - b[0]);
for (const e of events) lines.push(e[1]);
const logPath = path.join(tmp, 'queue_log');
fs.writeFileSync(logPath, lines.join('\n') + '\n');
const config = {
  tz_offset_min: 0,
  queue_log: { follow: logPath },
  queues: [{ name: 'sales', key: 'sales', name_en: 'Sales', name_zh: '销售', wrap_up_s: 30 }],
};
fs.writeFileSync(path.join(tmp, 'callboard.json'), JSON.stringify(config, null, 2));
const db = path.join(tmp, 'center.db');
const imported = spawnSync(callboardBin, ['import', 'queue_log', logPath, '--db', db, '--config', path.join(tmp, 'callboard.json')]);
if (imported.status !== 0) { console.error(`import failed: ${imported.stderr}`); process.exit(1); }

const port = await freePort();
const server = spawn(callboardBin, ['serve', '--port', String(port), '--db', db, '--config', path.join(tmp, 'callboard.json')],
  { stdio: ['ignore', 'ignore', 'pipe'], cwd: tmp });
fs.writeFileSync(path.join(outDir, 'server-forecast.log'), '');
server.stderr.on('data', (d) => fs.appendFileSync(path.join(outDir, 'server-forecast.log'), d));
const browser = await launchChromium();
try {
  await waitHealthy(port);
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, locale: 'en-US' });
  const page = await context.newPage();
  const consoleErrors = [];
  page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()); });
  page.on('pageerror', (e) => consoleErrors.push(String(e)));
  await page.goto(`http://127.0.0.1:${port}/`);

  await check('the header offers the forecast; it plans this week and next from the history', async () => {
    let r = await waitReport(page, (r) => item(r, 'button.forecast') && item(r, 'queue.sales.name'), 'the header');
    await click(page, r, 'button.forecast');
    r = await waitReport(page, (r) => item(r, 'forecast.summary') && item(r, 'forecast.staffing.target'), 'the plan', 60000);
    assert(item(r, 'forecast.title').text === 'Forecast & staffing', item(r, 'forecast.title').text);
    // A week earlier: last week's forecast (from the history before it) against what happened.
    const monday = item(r, 'forecast.summary').text.slice(0, 10);
    const earlier = new Date(Date.parse(`${monday}T00:00:00Z`) - 7 * day * 1000).toISOString().slice(0, 10);
    await typeInto(page, r, 'forecast.from', earlier);
    r = await waitReport(page, (r) => item(r, 'forecast.from')?.text === earlier, 'the date typed');
    await click(page, r, 'forecast.run');
    r = await waitReport(page, (r) => item(r, 'forecast.summary')?.text.startsWith(earlier) && !item(r, 'forecast.loading'),
      'last week\'s plan', 60000);
    assert(item(r, 'forecast.method_used').text.endsWith(' backtest'), item(r, 'forecast.method_used').text);
    for (const m of ['seasonal_naive', 'weekly_average', 'holt_winters']) {
      const wape = item(r, `forecast.accuracy.${m}.wape`)?.text ?? '';
      assert(/^[0-9.]+ %$/.test(wape), `${m} WAPE: ${wape}`);
    }
    // Last week happened: the forecast's own accuracy so far, within reach of the back-test's.
    const soFar = parseFloat(item(r, 'forecast.accuracy.so_far.wape')?.text ?? 'NaN');
    assert(soFar > 5 && soFar < 60, `so far WAPE ${soFar}`);
    assert(item(r, 'forecast.staffing.target').text.includes('answered within 20 s'), item(r, 'forecast.staffing.target').text);
    assert(Number(item(r, 'forecast.chart').text) >= 14 * 96, `chart points ${item(r, 'forecast.chart').text}`);
    assert(item(r, 'forecast.staffing.42.3')?.text !== '-', 'an actual at 10:30 last Monday');
    // 10:30 on the first day: calls forecast and agents needed.
    const calls = Number(item(r, 'forecast.staffing.42.1')?.text);
    const agents = Number(item(r, 'forecast.staffing.42.4')?.text);
    assert(calls > 2 && calls < 20 && agents >= 1 && agents < 20, `10:30: ${calls} calls, ${agents} agents`);
    // Hover the chart at mid-morning of the first day: the interval's figures.
    const chart = item(r, 'forecast.chart');
    await page.mouse.move(chart.x + (chart.w - 80) * (42.5 / (14 * 96)) + 40, chart.y + 60);
    await sleep(400);
    await page.screenshot({ path: path.join(outDir, 'forecast-en.png') });
  });

  await check('a manager stores a holiday from the page; the plan is made again', async () => {
    await page.mouse.move(5, 5);
    let r = await waitReport(page, (r) => item(r, 'forecast.special.date'), 'the editor');
    const date = new Date(Date.now() + 3 * day * 1000).toISOString().slice(0, 10);
    await typeInto(page, r, 'forecast.special.date', date);
    r = await waitReport(page, (r) => item(r, 'forecast.special.factor'), 'the editor');
    await typeInto(page, r, 'forecast.special.factor', '0.5');
    r = await waitReport(page, (r) => item(r, 'forecast.special.factor')?.text === '0.5', 'the factor typed');
    await click(page, r, 'forecast.special.save');
    r = await waitReport(page, (r) => item(r, 'forecast.special.0') && item(r, 'forecast.special.saved'), 'stored');
    assert(item(r, 'forecast.special.0').text.startsWith(date), item(r, 'forecast.special.0').text);
  });

  await check('in Chinese: the same page, definitions on hover', async () => {
    let r = await waitReport(page, (r) => item(r, 'button.language'), 'the language button');
    await click(page, r, 'button.language');
    r = await waitReport(page, (r) => r.language === 'zh' && item(r, 'forecast.accuracy.title'), 'Chinese');
    assert(item(r, 'forecast.title').text === '预测与排班需求', item(r, 'forecast.title').text);
    assert(item(r, 'forecast.staffing.target').text.startsWith('所用目标'), item(r, 'forecast.staffing.target').text);
    const it = item(r, 'forecast.accuracy.weekly_average.wape');
    await page.mouse.move(it.x + 6, it.y + it.h / 2);
    await sleep(500);
    await page.screenshot({ path: path.join(outDir, 'forecast-zh.png') });
  });

  await check('no errors in the browser console', async () => {
    const real = consoleErrors.filter((e) => !/api\/stream|ERR_CONNECTION_REFUSED|Failed to load resource/.test(e));
    assert(real.length === 0, real.join(' | '));
  });
  await context.close();
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
