// End-to-end test of the scheduled reports' page in real headless Chromium: a server with a
// reports folder (callboard serve --config), two schedules created through the API (a daily one
// in Chinese, a weekly CSV one in English), the files the server wrote at once listed on the page
// in both languages, Download giving the browser the PDF itself, and a schedule made on the
// page: a mistake shown beside its field, then saved and listed. The relay configured is a
// loopback port nothing listens on: the daily report's mail fails, and its schedule shows
// "retrying at HH:MM" with the last error and each attempt. Screenshots of each.
//
// usage: node report_files.mjs --callboard PATH [--out DIR]
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { assert, check, click, finish, freePort, hasItem, item, launchChromium, parseArgs, sleep, stopServer,
  typeInto, waitHealthy, waitReport } from './lib.mjs';

const args = parseArgs(process.argv.slice(2));
if (!args.callboard) { console.error('usage: node report_files.mjs --callboard PATH [--out DIR]'); process.exit(2); }
const callboardBin = path.resolve(args.callboard);
const outDir = args.out || fs.mkdtempSync(path.join(os.tmpdir(), 'callboard-files-'));
fs.mkdirSync(outDir, { recursive: true });
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'callboard-files-db-'));
const port = await freePort();
const closedPort = await freePort();  // nothing listens here: every mail attempt is refused
fs.writeFileSync(path.join(tmp, 'callboard.json'), JSON.stringify({ scheduled_reports: { folder: 'reports',
  smtp: { url: `smtp://127.0.0.1:${closedPort}`, from: 'callboard@example.org' } } }));

const server = spawn(callboardBin, ['serve', '--port', String(port), '--db', path.join(tmp, 'demo.db'), '--demo', 'normal',
  '--config', path.join(tmp, 'callboard.json')], { stdio: ['ignore', 'ignore', 'pipe'], cwd: tmp });
fs.writeFileSync(path.join(outDir, 'server-files.log'), '');
server.stderr.on('data', (d) => fs.appendFileSync(path.join(outDir, 'server-files.log'), d));
const api = (p, init) => fetch(`http://127.0.0.1:${port}${p}`, init);
const browser = await launchChromium();
try {
  await waitHealthy(port);
  await check('schedules are created through the API and their reports written at once', async () => {
    for (const body of [{ name: '每日报告', kind: 'daily', at: '00:00', lang: 'zh', folder: 'daily', recipients: ['boss@example.org'] },
                        { name: 'Weekly', kind: 'weekly', at: '00:00', lang: 'en', folder: 'weekly', format: 'csv',
                          first_weekday: 'tuesday' }]) {
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
    // The daily mail was tried once, refused, and is to be tried again in a minute; its schedule says so.
    let daily;
    for (let i = 0; i < 100 && !(daily && daily.last_mail); i++) {
      daily = (await (await api('/api/reports/schedules')).json()).schedules.find((s) => s.name === '每日报告');
      if (!(daily && daily.last_mail)) await sleep(200);
    }
    const m = daily.last_mail;
    assert(m && m.mail.startsWith('retrying: mail not sent') && m.mail_attempts === 1 && m.mail_log.length === 1 &&
      typeof m.last_error === 'string' && m.mail_next_ms > m.mail_log[0].t_ms, JSON.stringify(m));
    assert(!JSON.stringify(m).includes('password'), 'no secret in the mail state');
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
      const pdfRow = r.items.find((i) => /^files\.row\.\d+\.download$/.test(i.id) && i.text.endsWith('.pdf')).id;
      const [download] = await Promise.all([page.waitForEvent('download', { timeout: 15000 }), click(page, r, pdfRow)]);
      const saved = path.join(tmp, `download-${lang}.pdf`);
      await download.saveAs(saved);
      const head = fs.readFileSync(saved).subarray(0, 5).toString();
      assert(head === '%PDF-', `downloaded ${download.suggestedFilename()}: ${head}`);
      assert(download.suggestedFilename().endsWith('.pdf'), download.suggestedFilename());
      assert(errors.length === 0, errors.join('\n'));
    });
    await check(`${lang}: the schedules are listed; a new one from the page: a mistake beside its field, then saved`, async () => {
      let r = await waitReport(page, hasItem('schedules.row.1.runs'), 'the schedules');
      const weekly = item(r, 'schedules.row.1.runs').text;
      assert(weekly === (lang === 'zh' ? '每周二 00:00' : 'every Tue at 00:00'), weekly);
      // The daily schedule's mail: retrying, the last error under it, each attempt when opened.
      const mail = item(r, 'schedules.row.0.mail').text;
      assert((lang === 'zh' ? /^将于 \d\d:\d\d 重试$/ : /^retrying at \d\d:\d\d$/).test(mail), mail);
      assert(item(r, 'schedules.row.0.mail.last_error').text.startsWith('mail not sent'), item(r, 'schedules.row.0.mail.last_error').text);
      await click(page, r, 'schedules.row.0.mail');
      r = await waitReport(page, hasItem('schedules.row.0.mail.attempt.0'), 'the attempts');
      const attempt = item(r, 'schedules.row.0.mail.attempt.0').text;
      assert(attempt.startsWith(lang === 'zh' ? '第 1 次，' : 'Attempt 1, ') && attempt.includes('mail not sent'), attempt);
      await page.mouse.move(5, 890);  // no tooltip over the attempts
      await sleep(300);
      await page.screenshot({ path: path.join(outDir, `report-schedule-mail-${lang}.png`) });
      await click(page, r, 'schedules.new');
      r = await waitReport(page, hasItem('schedule.form.save'), 'the form');
      r = await typeInto(page, r, 'schedule.form.at', '25:00');
      await click(page, r, 'schedule.form.save');
      r = await waitReport(page, hasItem('schedule.form.at.error'), 'the mistake beside the time');
      const nameError = item(r, 'schedule.form.name.error').text;
      assert(nameError === (lang === 'zh' ? '请填写 1-200 个字符的名称。' : 'must be 1-200 characters'), nameError);
      await sleep(300);
      await page.screenshot({ path: path.join(outDir, `report-schedule-form-${lang}.png`) });
      const name = `Page ${lang}`;
      r = await typeInto(page, r, 'schedule.form.name', name);
      r = await typeInto(page, r, 'schedule.form.at', '07:30');
      await click(page, r, 'schedule.form.save');
      r = await waitReport(page, (r) => !item(r, 'schedule.form.heading') &&
        r.items.some((i) => /^schedules\.row\.\d+\.name$/.test(i.id) && i.text === name), 'the new schedule listed');
      const listed = (await (await api('/api/reports/schedules')).json()).schedules.find((s) => s.name === name);
      assert(listed && listed.at === '07:30' && listed.kind === 'daily' && listed.format === 'pdf', JSON.stringify(listed));
      await sleep(300);
      await page.screenshot({ path: path.join(outDir, `report-schedules-${lang}.png`) });
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
