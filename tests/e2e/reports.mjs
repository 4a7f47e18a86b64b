// End-to-end test of the Reports area in real headless Chromium: a queue_log of eleven days up to
// yesterday (UTC), generated here, imported with `callboard import` and served with `callboard
// serve --config`; then Reports opened, "Last week" picked, and the table's totals, the charts and
// a number's formula on hover checked against counts computed here from the generated lines;
// a header click sorts; both languages. Screenshots of each.
//
// usage: node reports.mjs --callboard PATH [--out DIR]
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { assert, check, click, finish, freePort, item, launchChromium, parseArgs, sleep, stopServer, tally,
  waitHealthy, waitReport } from './lib.mjs';

const args = parseArgs(process.argv.slice(2));
if (!args.callboard) { console.error('usage: node reports.mjs --callboard PATH [--out DIR]'); process.exit(2); }
const callboardBin = path.resolve(args.callboard);
const outDir = args.out || fs.mkdtempSync(path.join(os.tmpdir(), 'callboard-reports-'));
fs.mkdirSync(outDir, { recursive: true });
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'callboard-reports-db-'));

// ---- Eleven days of calls, 09:00-10:30 UTC, and what last week holds --------------------------
const DAY = 86400;
const todayStart = Math.floor(Date.now() / 1000 / DAY) * DAY;
const weekday = (new Date(todayStart * 1000).getUTCDay() + 6) % 7;  // 0 = Monday
const lastMonday = todayStart - (weekday + 7) * DAY;
const lastSunday = lastMonday + 6 * DAY;
const date = (t) => new Date(t * 1000).toISOString().slice(0, 10);
const T = 20;  // the built-in definition: answered within 20 s over offered less short abandons (5 s)
const lines = [];
const add = (t, text) => lines.push([t, `${t}|${text}`]);
const first = Math.min(lastMonday - 3 * DAY, todayStart - 11 * DAY);
add(first, 'NONE|NONE|NONE|QUEUESTART|');
for (const a of [1001, 1002, 1003]) add(first + 1, `MANAGER|sales|SIP/${a}|ADDMEMBER|`);
const expected = { offered: 0, answered: 0, abandoned: 0, within: 0, days: 0, weekBefore: 0 };
let n = 0;
for (let day = first; day < todayStart; day += DAY) {
  const k = (day - first) / DAY;
  const calls = 6 + (k % 4);
  const inWeek = day >= lastMonday && day <= lastSunday;
  if (inWeek) expected.days++;
  for (let i = 0; i < calls; i++) {
    const enter = day + 9 * 3600 + i * 600;
    const id = `${enter}.${++n}`;
    add(enter, `${id}|sales|NONE|ENTERQUEUE||1380000${String(n).padStart(4, '0')}|1`);
    if (inWeek) expected.offered++;
    if (day >= lastMonday - 7 * DAY && day < lastMonday) expected.weekBefore++;
    if (i % 4 === 3) {
      add(enter + 30, `${id}|sales|NONE|ABANDON|1|1|30`);
      if (inWeek) expected.abandoned++;
      continue;
    }
    const wait = 5 + ((i * 9 + k) % 40);
    const agent = 1001 + (i % 3);
    add(enter + wait, `${id}|sales|SIP/${agent}|CONNECT|${wait}|${id}.1|2`);
    add(enter + wait + 60, `${id}|sales|SIP/${agent}|COMPLETEAGENT|${wait}|60|1`);
    if (inWeek) { expected.answered++; if (wait <= T) expected.within++; }
  }
}
lines.sort((a, b) => a[0] - b[0]);
const logPath = path.join(tmp, 'queue_log');
fs.writeFileSync(logPath, lines.map(([, text]) => text + '\n').join(''));
const config = {
  tz_offset_min: 0,
  queue_log: { follow: logPath },
  queues: [{ name: 'sales', key: 'sales', name_en: 'Sales', name_zh: '销售' }],
};
fs.writeFileSync(path.join(tmp, 'callboard.json'), JSON.stringify(config, null, 2));
const db = path.join(tmp, 'center.db');
const imported = spawnSync(callboardBin, ['import', 'queue_log', logPath, '--db', db, '--config', path.join(tmp, 'callboard.json')]);
if (imported.status !== 0) { console.error(`import failed: ${imported.stderr}`); process.exit(1); }
const sl = `${((100 * expected.within) / expected.offered).toFixed(1)}%`;  // no short abandons: waits of 30 s

const port = await freePort();
const server = spawn(callboardBin, ['serve', '--port', String(port), '--db', db, '--config', path.join(tmp, 'callboard.json')],
  { stdio: ['ignore', 'ignore', 'pipe'], cwd: tmp });
fs.writeFileSync(path.join(outDir, 'server-reports.log'), '');
server.stderr.on('data', (d) => fs.appendFileSync(path.join(outDir, 'server-reports.log'), d));
const browser = await launchChromium();
try {
  await waitHealthy(port);
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, locale: 'en-US' });
  const page = await context.newPage();
  const consoleErrors = [];
  page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()); });
  page.on('pageerror', (e) => consoleErrors.push(String(e)));
  await page.goto(`http://127.0.0.1:${port}/`);

  await check('the header offers Reports; it opens on today by the hour', async () => {
    let r = await waitReport(page, (r) => item(r, 'button.reports') && item(r, 'queue.sales.name'), 'the header');
    await click(page, r, 'button.reports');
    r = await waitReport(page, (r) => item(r, 'reports.title') && item(r, 'reports.summary'), 'the page');
    assert(item(r, 'reports.title').text === 'Reports over the stored history', item(r, 'reports.title').text);
    assert(item(r, 'reports.summary').text.startsWith(`${date(todayStart)} to ${date(todayStart)}`), item(r, 'reports.summary').text);
  });

  await check(`last week (${date(lastMonday)} to ${date(lastSunday)}): the table's totals and the charts`, async () => {
    let r = await waitReport(page, (r) => item(r, 'reports.range.last_week'), 'the range buttons');
    await click(page, r, 'reports.range.last_week');
    r = await waitReport(page, (r) => item(r, 'reports.summary')?.text.startsWith(`${date(lastMonday)} to ${date(lastSunday)}`),
      'last week\'s report');
    // 7 days by the hour: 168 rows of the center.
    assert(item(r, 'reports.summary').text.includes('· 168 rows ·'), item(r, 'reports.summary').text);
    const total = (col) => item(r, `reports.totals.0.${col}`)?.text;
    assert(total('name') === 'Whole center', `name ${total('name')}`);
    assert(total('offered') === String(expected.offered), `offered ${total('offered')}, expected ${expected.offered}`);
    assert(total('answered') === String(expected.answered), `answered ${total('answered')}, expected ${expected.answered}`);
    assert(total('abandoned') === String(expected.abandoned), `abandoned ${total('abandoned')}, expected ${expected.abandoned}`);
    assert(total('service_level') === sl, `service level ${total('service_level')}, expected ${sl}`);
    // Charts: offered summed over the bars; the heatmap 7 weekdays by 24 hours; the target 80 %.
    assert(item(r, 'reports.chart.bars')?.text === String(expected.offered), `bars ${item(r, 'reports.chart.bars')?.text}`);
    assert(item(r, 'reports.chart.heatmap')?.text === '7x24', `heatmap ${item(r, 'reports.chart.heatmap')?.text}`);
    assert(item(r, 'reports.chart.trend.target')?.text === '80%', `target ${item(r, 'reports.chart.trend.target')?.text}`);
    // The first row: Monday 00:00, no calls.
    assert(item(r, 'reports.rows.0.period')?.text.startsWith(`${date(lastMonday)} 00:00`), item(r, 'reports.rows.0.period')?.text);
    assert(item(r, 'reports.rows.0.service_level')?.text === '-', item(r, 'reports.rows.0.service_level')?.text);
    // Hover the total service level: its formula and definition.
    const it = item(r, 'reports.totals.0.service_level');
    await page.mouse.move(it.x + 6, it.y + it.h / 2);
    r = await waitReport(page, (r) => item(r, 'reports.tooltip'), 'the tooltip');
    assert(item(r, 'reports.tooltip').text === 'answered_within_t / (offered - short_abandoned)', item(r, 'reports.tooltip').text);
    assert(item(r, 'reports.tooltip.definition').text.includes('T = 20 s, target 80%'), item(r, 'reports.tooltip.definition').text);
    await sleep(300);
    await page.screenshot({ path: path.join(outDir, 'reports-en.png') });
  });

  await check('a header click sorts the rows: the busiest hour first', async () => {
    await page.mouse.move(5, 5);
    let r = await waitReport(page, (r) => item(r, 'reports.rows.col.offered'), 'the header');
    await click(page, r, 'reports.rows.col.offered');
    r = await waitReport(page, (r) => item(r, 'reports.rows.col.offered')?.text === 'Offered v', 'sorted');
    const top = Number(item(r, 'reports.rows.0.offered').text);
    const next = Number(item(r, 'reports.rows.1.offered').text);
    assert(top >= next && top >= 6, `first rows ${top}, ${next}`);
  });

  await check('in Chinese the same report, the charts and the heatmap of service level', async () => {
    let r = await waitReport(page, (r) => item(r, 'button.language'), 'the language button');
    await click(page, r, 'button.language');
    r = await waitReport(page, (r) => r.language === 'zh' && item(r, 'reports.heatmap.sl'), 'Chinese');
    assert(item(r, 'reports.title').text === '历史报表', item(r, 'reports.title').text);
    assert(item(r, 'reports.range.last_week').text === '上周', item(r, 'reports.range.last_week').text);
    assert(item(r, 'reports.totals.0.name').text === '全中心', item(r, 'reports.totals.0.name').text);
    await click(page, r, 'reports.heatmap.sl');
    await sleep(300);
    const it = item(r, 'reports.chart.heatmap');
    // Over the 09:00 column of Monday: the cell's counts.
    await page.mouse.move(it.x + 40 + ((it.w - 48) * 9.5) / 24, it.y + 12);
    r = await waitReport(page, (r) => item(r, 'reports.chart.heatmap.hover'), 'the heatmap tooltip');
    assert(item(r, 'reports.chart.heatmap.hover').text.startsWith('周一'), item(r, 'reports.chart.heatmap.hover').text);
    await sleep(300);
    await page.screenshot({ path: path.join(outDir, 'reports-zh.png') });
  });

  await check('the weekly report page: last week against the week before, worst hours, longest waits', async () => {
    await page.mouse.move(5, 5);
    let r = await waitReport(page, (r) => item(r, 'reports.page.weekly'), 'the page buttons');
    await click(page, r, 'reports.page.weekly');
    r = await waitReport(page, (r) => item(r, 'reports.page.before.offered') && item(r, 'reports.page.before.offered').text !== '…' &&
      item(r, 'reports.page.queues.sales.service_level'), 'the weekly report');
    assert(item(r, 'reports.page.title').text.startsWith(`${date(lastMonday)} 至 ${date(lastSunday)}`), item(r, 'reports.page.title').text);
    assert(item(r, 'reports.page.now.offered').text === String(expected.offered), `now ${item(r, 'reports.page.now.offered').text}`);
    assert(item(r, 'reports.page.before.offered').text === String(expected.weekBefore),
      `week before ${item(r, 'reports.page.before.offered').text}, expected ${expected.weekBefore}`);
    assert(item(r, 'reports.page.now.service_level').text === sl, `service level ${item(r, 'reports.page.now.service_level').text}`);
    // Every hour with calls is 09:00 or 10:00; the worst is a 10:00 hour (waits of 35 s and more).
    assert(/ 1[0]:00 /.test(item(r, 'reports.page.worst.0.period')?.text ?? ''), item(r, 'reports.page.worst.0.period')?.text);
    assert(item(r, 'reports.page.waits.count').text !== '0', 'no longest waits');
    await sleep(300);
    await page.screenshot({ path: path.join(outDir, 'reports-weekly-zh.png') });
    r = await waitReport(page, (r) => item(r, 'reports.page.explore'), 'the page buttons');
    await click(page, r, 'reports.page.explore');
  });

  await check('a reversed custom range is refused on the page, in the user\'s language', async () => {
    await page.mouse.move(5, 5);
    let r = await waitReport(page, (r) => item(r, 'reports.range.custom'), 'the range buttons');
    await click(page, r, 'reports.range.custom');
    r = await waitReport(page, (r) => item(r, 'reports.from'), 'the custom dates');
    await click(page, r, 'reports.from');
    await page.keyboard.press('End');
    for (let i = 0; i < 12; i++) await page.keyboard.press('Backspace', { delay: 20 });
    await page.keyboard.type('2099-01-01', { delay: 20 });
    await click(page, r, 'reports.run');
    r = await waitReport(page, (r) => item(r, 'reports.error'), 'the error');
    assert(item(r, 'reports.error').text === '结束日期早于开始日期。', item(r, 'reports.error').text);
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
