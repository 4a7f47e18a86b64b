// End-to-end test of the reconciliation page in real headless Chromium: the worked comparison's
// queue_log (13 calls, every outcome) imported with `callboard import`, served with `callboard
// serve --config`, then compared on the page: dates typed into the form, the table's figures for
// Callboard, Asterisk, Asternic and Wazo, the reasons on hover, both languages, and a reversed
// range refused on the page. Screenshots of each.
//
// usage: node reconcile.mjs --callboard PATH [--out DIR]
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { assert, check, click, finish, freePort, item, launchChromium, parseArgs, sleep, stopServer, tally,
  waitHealthy, waitReport, typeInto } from './lib.mjs';

const args = parseArgs(process.argv.slice(2));
if (!args.callboard) { console.error('usage: node reconcile.mjs --callboard PATH [--out DIR]'); process.exit(2); }
const callboardBin = path.resolve(args.callboard);
const outDir = args.out || fs.mkdtempSync(path.join(os.tmpdir(), 'callboard-reconcile-'));
fs.mkdirSync(outDir, { recursive: true });
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'callboard-reconcile-db-'));
const here = path.dirname(fileURLToPath(import.meta.url));

// The log as a live file the server follows (already stored: nothing new), in UTC.
const logPath = path.join(tmp, 'queue_log');
fs.copyFileSync(path.join(here, '..', 'data', 'queue_log', 'reconcile_worked.log'), logPath);
const config = {
  tz_offset_min: 0,
  queue_log: { follow: logPath },
  queues: [{ name: 'sales', key: 'sales', name_en: 'Sales', name_zh: '销售' }],
};
fs.writeFileSync(path.join(tmp, 'callboard.json'), JSON.stringify(config, null, 2));
const db = path.join(tmp, 'center.db');
const imported = spawnSync(callboardBin, ['import', 'queue_log', logPath, '--db', db, '--config', path.join(tmp, 'callboard.json')]);
if (imported.status !== 0) { console.error(`import failed: ${imported.stderr}`); process.exit(1); }

const port = await freePort();
const server = spawn(callboardBin, ['serve', '--port', String(port), '--db', db, '--config', path.join(tmp, 'callboard.json')],
  { stdio: ['ignore', 'ignore', 'pipe'], cwd: tmp });
fs.writeFileSync(path.join(outDir, 'server-reconcile.log'), '');
server.stderr.on('data', (d) => fs.appendFileSync(path.join(outDir, 'server-reconcile.log'), d));
const browser = await launchChromium();
try {
  await waitHealthy(port);
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, locale: 'en-US' });
  const page = await context.newPage();
  const consoleErrors = [];
  page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()); });
  page.on('pageerror', (e) => consoleErrors.push(String(e)));
  await page.goto(`http://127.0.0.1:${port}/`);

  await check('the header offers the reconciliation page; it opens on today', async () => {
    let r = await waitReport(page, (r) => item(r, 'button.reconcile') && item(r, 'queue.sales.name'), 'the header');
    await click(page, r, 'button.reconcile');
    r = await waitReport(page, (r) => item(r, 'reconcile.title') && item(r, 'reconcile.from')?.text.length === 10, 'the page');
    assert(item(r, 'reconcile.title').text === 'Reconciliation with other tools', item(r, 'reconcile.title').text);
  });

  await check('the worked comparison: Asternic 4 answered / 670 s talk, Wazo 7 / 895 s, Asterisk 5 abandoned', async () => {
    let r = await waitReport(page, (r) => item(r, 'reconcile.run'), 'the form');
    await typeInto(page, r, 'reconcile.from', '2026-01-05');
    await typeInto(page, r, 'reconcile.to', '2026-01-05');
    r = await waitReport(page, (r) => item(r, 'reconcile.to')?.text === '2026-01-05', 'the dates typed');
    await click(page, r, 'reconcile.run');
    r = await waitReport(page, (r) => item(r, 'reconcile.summary')?.text.startsWith('2026-01-05 to 2026-01-05'), 'the table');
    const cell = (row, tool) => item(r, `reconcile.cell.${row}.${tool}`)?.text;
    assert(item(r, 'reconcile.summary').text.includes('13 calls entered'), item(r, 'reconcile.summary').text);
    const expect = {
      'answered.callboard': '7', 'answered.asterisk': '7', 'answered.asternic': '4  (-3)', 'answered.wazo': '7',
      'abandoned.callboard': '2', 'abandoned.asterisk': '5  (+3)', 'abandoned.asternic': '2', 'abandoned.wazo': '2',
      'talk.callboard': '895 s', 'talk.asternic': '670 s  (-225 s)', 'talk.wazo': '895 s', 'talk.asterisk': '-',
      'service_level.callboard': '41.7% (5/12)', 'service_level.asterisk': '71.4% (5/7)',
      'service_level2.asterisk': '66.7% (8/12)',
    };
    for (const [id, want] of Object.entries(expect)) {
      const [row, tool] = id.split('.');
      assert(cell(row, tool) === want, `${id}: ${cell(row, tool)}, expected ${want}`);
    }
    assert(item(r, 'reconcile.diff.abandoned.asterisk').text === 'timeout:1,exit_empty:1,withdraw:1',
      item(r, 'reconcile.diff.abandoned.asterisk').text);
    // Hover Asternic's answered cell: its definition and the transfers.
    const it = item(r, 'reconcile.cell.answered.asternic');
    await page.mouse.move(it.x + 6, it.y + it.h / 2);
    r = await waitReport(page, (r) => item(r, 'reconcile.tooltip'), 'the tooltip');
    assert(item(r, 'reconcile.tooltip').text.startsWith('Asternic: COMPLETEAGENT'), item(r, 'reconcile.tooltip').text);
    await sleep(300);
    await page.screenshot({ path: path.join(outDir, 'reconcile-en.png') });
  });

  await check('in Chinese the same table, the reasons on hover', async () => {
    let r = await waitReport(page, (r) => item(r, 'button.language'), 'the language button');
    await click(page, r, 'button.language');
    r = await waitReport(page, (r) => r.language === 'zh' && item(r, 'reconcile.cell.talk.asternic'), 'Chinese');
    assert(item(r, 'reconcile.title').text === '与其他统计工具对账', item(r, 'reconcile.title').text);
    assert(item(r, 'reconcile.cell.talk.asternic').text === '670 秒  (-225 秒)', item(r, 'reconcile.cell.talk.asternic').text);
    const it = item(r, 'reconcile.cell.abandoned.asterisk');
    await page.mouse.move(it.x + 6, it.y + it.h / 2);
    r = await waitReport(page, (r) => item(r, 'reconcile.tooltip')?.text.startsWith('Asterisk callsabandoned'), 'the tooltip');
    await sleep(300);
    await page.screenshot({ path: path.join(outDir, 'reconcile-zh.png') });
  });

  await check('a reversed range is refused on the page, in the user\'s language', async () => {
    await page.mouse.move(5, 5);
    let r = await waitReport(page, (r) => item(r, 'reconcile.from'), 'the form');
    await typeInto(page, r, 'reconcile.from', '2026-01-09');
    r = await waitReport(page, (r) => item(r, 'reconcile.from')?.text === '2026-01-09', 'the date typed');
    await click(page, r, 'reconcile.run');
    r = await waitReport(page, (r) => item(r, 'reconcile.error'), 'the error');
    assert(item(r, 'reconcile.error').text === '结束日期早于开始日期。', item(r, 'reconcile.error').text);
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
