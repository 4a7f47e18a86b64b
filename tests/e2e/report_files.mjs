// End-to-end test of the scheduled reports' download list in real headless Chromium: a server
// with a reports folder (callboard serve --config), two schedules created through the API (a
// daily one in Chinese, a weekly one in English), the files the server wrote at once listed on
// the page in both languages, and Download giving the browser the PDF itself. Screenshots of each.
//
// usage: node report_files.mjs --callboard PATH [--out DIR]
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { assert, check, click, finish, freePort, item, launchChromium, parseArgs, sleep, stopServer,
  waitHealthy, waitReport } from './lib.mjs';

const args = parseArgs(process.argv.slice(2));
if (!args.callboard) { console.error('usage: node report_files.mjs --callboard PATH [--out DIR]'); process.exit(2); }
const callboardBin = path.resolve(args.callboard);
const outDir = args.out || fs.mkdtempSync(path.join(os.tmpdir(), 'callboard-files-'));
fs.mkdirSync(outDir, { recursive: true });
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'callboard-files-db-'));
fs.writeFileSync(path.join(tmp, 'callboard.json'), JSON.stringify({ scheduled_reports: { folder: 'reports' } }));

const port = await freePort();
const server = spawn(callboardBin, ['serve', '--port', String(port), '--db', path.join(tmp, 'demo.db'), '--demo', 'normal',
  '--config', path.join(tmp, 'callboard.json')], { stdio: ['ignore', 'ignore', 'pipe'], cwd: tmp });
fs.writeFileSync(path.join(outDir, 'server-files.log'), '');
server.stderr.on('data', (d) => fs.appendFileSync(path.join(outDir, 'server-files.log'), d));
const api = (p, init) => fetch(`http://127.0.0.1:${port}${p}`, init);
const browser = await launchChromium();
try {
  await waitHealthy(port);
  await check('schedules are created through the API and their reports written at once', async () => {
    for (const body of [{ name: '每日报告', kind: 'daily', at: '00:00', lang: 'zh', folder: 'daily' },
                        { name: 'Weekly', kind: 'weekly', at: '00:00', lang: 'en', folder: 'weekly' }]) {
      const res = await api('/api/reports/schedules', { method: 'POST', headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(body) });
      assert(res.status === 201, `POST /api/reports/schedules: ${res.status} ${await res.text()}`);
    }
    const bad = await api('/api/reports/schedules', { method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: 'x', folder: '../etc' }) });
    assert(bad.status === 400 && (await bad.json()).field === 'folder', 'a bad folder is refused');
    let files = [];
    for (let i = 0; i < 100 && files.length < 2; i++) {
      files = (await (await api('/api/reports/files')).json()).files;
      if (files.length < 2) await sleep(200);
    }
    assert(files.length === 2, `files: ${JSON.stringify(files)}`);
    assert(fs.existsSync(path.join(tmp, 'reports', 'daily', files.find((f) => f.kind === 'daily').file)), 'the daily file');
  });

  for (const lang of ['en', 'zh']) {
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, locale: lang === 'zh' ? 'zh-CN' : 'en-US',
      acceptDownloads: true });
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(`http://127.0.0.1:${port}/?lang=${lang}`);
    await check(`${lang}: the list shows both files and Download gives the browser the PDF`, async () => {
      let r = await waitReport(page, (r) => item(r, 'button.report_files'), 'the header');
      assert(item(r, 'button.report_files').text === (lang === 'zh' ? '报告文件' : 'Report files'), item(r, 'button.report_files').text);
      await click(page, r, 'button.report_files');
      r = await waitReport(page, (r) => item(r, 'files.row.1.period'), 'the list');
      assert(item(r, 'files.title').text === (lang === 'zh' ? '定时报告' : 'Scheduled reports'), item(r, 'files.title').text);
      await sleep(300);
      await page.screenshot({ path: path.join(outDir, `report-files-${lang}.png`) });
      const [download] = await Promise.all([page.waitForEvent('download', { timeout: 15000 }), click(page, r, 'files.row.0.download')]);
      const saved = path.join(tmp, `download-${lang}.pdf`);
      await download.saveAs(saved);
      const head = fs.readFileSync(saved).subarray(0, 5).toString();
      assert(head === '%PDF-', `downloaded ${download.suggestedFilename()}: ${head}`);
      assert(download.suggestedFilename().endsWith('.pdf'), download.suggestedFilename());
      assert(errors.length === 0, errors.join('\n'));
    });
    await context.close();
  }
} finally {
  await browser.close();
  await stopServer(server);
  fs.rmSync(tmp, { recursive: true, force: true });
}
finish();
