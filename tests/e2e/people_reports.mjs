// End-to-end test of the agent scorecards and the incident report in real headless Chromium: a
// center of two teams sends four Tuesdays of calls through the event API (`POST /api/events`),
// the server counts them, then on the page: a team's comparison table for November (an agent
// with 15-minute talks marked above the team, sorting by a column), that agent's scorecard with
// its own previous periods, and the incident window of the last Tuesday against the three before
// it, with a supervisor's note typed, saved and read back from the server. Both languages;
// screenshots of each.
//
// usage: node people_reports.mjs --callboard PATH [--out DIR]
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { assert, check, click, finish, freePort, item, launchChromium, parseArgs, sleep, stopServer, tally,
  waitHealthy, waitReport, typeInto } from './lib.mjs';

const args = parseArgs(process.argv.slice(2));
if (!args.callboard) { console.error('usage: node people_reports.mjs --callboard PATH [--out DIR]'); process.exit(2); }
const callboardBin = path.resolve(args.callboard);
const outDir = args.out || fs.mkdtempSync(path.join(os.tmpdir(), 'callboard-people-'));
fs.mkdirSync(outDir, { recursive: true });
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'callboard-people-db-'));
const token = 'people-reports-e2e-token';
const teamA = ['1001', '1002', '1003', '1004', '1005'];
const config = {
  time_zone: 'Asia/Shanghai',
  ingest_token: token,
  teams: [{ key: 'a', name_en: 'Team Alpha', name_zh: '甲组' }, { key: 'b', name_en: 'Team Bravo', name_zh: '乙组' }],
  agents: [...teamA.map((k, i) => ({ member: `PJSIP/${k}`, key: k, name_en: `Agent ${i + 1}`, name_zh: `座席${i + 1}`, team: 'a' })),
    { member: 'PJSIP/2001', key: '2001', name_en: 'Agent B', name_zh: '座席乙', team: 'b' }],
  queues: [{ name: 'sales', key: 'sales', name_en: 'Sales', name_zh: '销售', sl: { variant: 'answered_over_offered', threshold_s: 20, target: 0.8 } }],
};
const configPath = path.join(tmp, 'callboard.json');
fs.writeFileSync(configPath, JSON.stringify(config, null, 2));
const db = path.join(tmp, 'center.db');

// Four Tuesdays at +08:00. Each agent logs in at 09:00 and answers four calls 16 minutes apart
// from 10:00 (10 s wait, 30 s wrap-up): talks of 200 s, agent 1005 900 s; one order each. The
// last Tuesday is the incident: ten more calls abandoned between 10:30 and 10:45.
const dates = ['2026-11-03', '2026-11-10', '2026-11-17', '2026-11-24'];
const at = (date, h, m, s = 0) => Date.parse(`${date}T${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}:00+08:00`) + s * 1000;
function events() {
  const lines = [];
  let n = 0;
  const add = (time, type, extra) => lines.push(JSON.stringify({ id: `e${++n}`, time, type, ...extra }));
  for (const date of dates) {
    const agents = [...teamA, '2001'];
    agents.forEach((agent, i) => {
      add(at(date, 9, 0, i), 'agent_login', { agent, queue: 'sales' });
      add(at(date, 9, 0, 10 + i), 'agent_ready', { agent });
      const talk = agent === '1005' ? 900 : 200;
      for (let k = 0; k < 4; k++) {
        const call = `${date}-${agent}-${k}`;
        const t0 = at(date, 10, 16 * k, i * 20);
        add(t0, 'call_offered', { call, queue: 'sales' });
        add(t0 + 10000, 'call_answered', { call, agent, queue: 'sales', wait_ms: 10000 });
        if (k === 0) add(t0 + 20000, 'outcome_tagged', { call, agent, outcome: 'order', value: 100 * (i + 1) });
        add(t0 + 10000 + talk * 1000, 'call_completed', { call, agent });
        add(t0 + 40000 + talk * 1000, 'wrap_up_ended', { call, agent });
      }
      add(at(date, 12, 0, i), 'agent_logout', { agent });
    });
    if (date === dates[3]) {
      for (let k = 0; k < 10; k++) {
        const call = `${date}-lost-${k}`;
        const t0 = at(date, 10, 30, k * 90);
        add(t0, 'call_offered', { call, queue: 'sales' });
        add(t0 + 60000, 'call_abandoned', { call, queue: 'sales', wait_ms: 60000 });
      }
    }
  }
  return lines.join('\n') + '\n';
}

// The team table's horizontal scrollbar (at the table's foot, 1400 x 900 page): its grab dragged
// to the right end (dir 1) or back to the left (-1).
async function scrollTable(page, dir) {
  const y = 819;
  await page.mouse.move(dir > 0 ? 200 : 1350, y);
  await page.mouse.down();
  await page.mouse.move(dir > 0 ? 1390 : 10, y, { steps: 12 });
  await page.mouse.up();
  await sleep(200);
}

function serve(port) {
  const server = spawn(callboardBin, ['serve', '--port', String(port), '--db', db, '--config', configPath],
    { stdio: ['ignore', 'ignore', 'pipe'], cwd: tmp });
  server.stderr.on('data', (d) => fs.appendFileSync(path.join(outDir, 'server-people.log'), d));
  return server;
}

fs.writeFileSync(path.join(outDir, 'server-people.log'), '');
const port = await freePort();
let server = serve(port);
const browser = await launchChromium();
try {
  await waitHealthy(port);
  await check('four Tuesdays of calls go in through the event API', async () => {
    const res = await fetch(`http://127.0.0.1:${port}/api/events`, {
      method: 'POST', body: events(),
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/x-ndjson' },
    });
    const body = await res.json();
    assert(res.status === 200 && body.rejected === 0, `${res.status} ${JSON.stringify(body).slice(0, 300)}`);
  });
  // A stop counts every marked day; the restarted server reads them.
  await stopServer(server);
  server = serve(port);
  await waitHealthy(port);

  await check('a roster for the week of the last Tuesday is published: 1001-1004 scheduled, 1005 not', async () => {
    // 1001-1003 work 09:00-12:00 on Tuesday 24 November (as they did); 1004 is scheduled from
    // 08:00 and came at 09:00: an hour out of adherence. 1005 is not in the roster.
    const need = Array.from({ length: 7 }, (_, d) => Array.from({ length: 24 }, (_, h) => (d === 1 && h >= 9 && h < 12 ? 4 : 0)));
    const setup = {
      days: 7, first_weekday: 'mon', interval_min: 60,
      shifts: [{ name: 'morning', start: '09:00', hours: 3 }, { name: 'early', start: '08:00', hours: 4 }],
      agents: ['1001', '1002', '1003', '1004'].map((key) => ({ key, skills: ['sales'], min_hours_week: 0, max_hours_week: 8 })),
      required: { sales: need },
    };
    const api = async (method, url, body) => {
      const res = await fetch(`http://127.0.0.1:${port}${url}`, {
        method, body: body ? JSON.stringify(body) : undefined, headers: { 'Content-Type': 'application/json' },
      });
      return { status: res.status, body: await res.json() };
    };
    let a = await api('PUT', '/api/wfm/setup?team=a', setup);
    assert(a.status === 200, JSON.stringify(a.body));
    a = await api('POST', '/api/wfm/rosters', { team: 'a', start_date: '2026-11-23', time_limit_s: 20 });
    assert(a.status === 201, JSON.stringify(a.body));
    const id = a.body.id;
    // The solver covers 09:00-12:00 with the shorter shift; 1004's Tuesday is changed by hand.
    a = await api('PATCH', `/api/wfm/rosters/${id}/assignments`, { changes: [{ agent: '1004', day: 1, shift: 'early' }] });
    assert(a.status === 200, JSON.stringify(a.body));
    const week = JSON.stringify(a.body.assignments.map((row) => [row.agent, row.shifts]));
    assert(week === JSON.stringify(['1001', '1002', '1003', '1004'].map((k) =>
      [k, [null, k === '1004' ? 'early' : 'morning', null, null, null, null, null]])), week);
    a = await api('POST', `/api/wfm/rosters/${id}/publish`);
    assert(a.status === 200, JSON.stringify(a.body));
  });

  const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, locale: 'en-US' });
  const page = await context.newPage();
  const consoleErrors = [];
  page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()); });
  page.on('pageerror', (e) => consoleErrors.push(String(e)));
  await page.goto(`http://127.0.0.1:${port}/`);

  await check('the team table for November: the 15-minute talker marked above, sortable', async () => {
    let r = await waitReport(page, (r) => item(r, 'button.scorecards') && item(r, 'queue.sales.name'), 'the header');
    await click(page, r, 'button.scorecards');
    r = await waitReport(page, (r) => item(r, 'scorecards.title') && item(r, 'scorecards.from')?.text.length === 10, 'the page');
    assert(item(r, 'scorecards.teams_offered').text === 'a,b', item(r, 'scorecards.teams_offered').text);
    await typeInto(page, r, 'scorecards.from', '2026-11-01');
    await typeInto(page, r, 'scorecards.to', '2026-11-30');
    r = await waitReport(page, (r) => item(r, 'scorecards.to')?.text === '2026-11-30', 'the dates typed');
    await click(page, r, 'scorecards.run');
    r = await waitReport(page, (r) => item(r, 'scorecards.summary')?.text.includes('2026-11-01 to 2026-11-30'), 'the table');
    assert(item(r, 'scorecards.summary').text === 'Team Alpha · 2026-11-01 to 2026-11-30 · 5 agents, 5 active · dates in Asia/Shanghai',
      item(r, 'scorecards.summary').text);
    const cell = (key, fig) => item(r, `scorecards.cell.${key}.${fig}`)?.text;
    assert(cell('1005', 'talk_avg_ms') === '15 min ▲', `1005 talk ${cell('1005', 'talk_avg_ms')}`);
    assert(cell('1001', 'talk_avg_ms') === '3 min 20 s', `1001 talk ${cell('1001', 'talk_avg_ms')}`);
    assert(cell('1001', 'calls_handled') === '16', `1001 handled ${cell('1001', 'calls_handled')}`);
    assert(cell('1003', 'orders') === '4', `1003 orders ${cell('1003', 'orders')}`);
    assert(cell('1003', 'order_value_cents') === '¥1,200', `1003 value ${cell('1003', 'order_value_cents')}`);
    assert(item(r, 'scorecards.median.talk_avg_ms').text === '3 min 20 s', item(r, 'scorecards.median.talk_avg_ms').text);
    // Adherence from the published roster: 1005 has none ("no schedule", not 0 %).
    assert(cell('1001', 'adherence_pct') === '100.0%', `1001 adherence ${cell('1001', 'adherence_pct')}`);
    assert(cell('1004', 'adherence_pct') === '74.9%', `1004 adherence ${cell('1004', 'adherence_pct')}`);
    assert(cell('1004', 'conformance_pct') === '74.9%', `1004 conformance ${cell('1004', 'conformance_pct')}`);
    assert(cell('1005', 'adherence_pct') === 'no schedule', `1005 adherence ${cell('1005', 'adherence_pct')}`);
    assert(cell('1005', 'conformance_pct') === 'no schedule', `1005 conformance ${cell('1005', 'conformance_pct')}`);
    await click(page, r, 'scorecards.sort.talk_avg_ms');
    r = await waitReport(page, (r) => item(r, 'scorecards.sort.talk_avg_ms')?.text.endsWith('▼'), 'sorted by average talk');
    assert(item(r, 'scorecards.order').text === '1005,1001,1002,1003,1004', item(r, 'scorecards.order').text);
    await click(page, r, 'scorecards.sort.talk_avg_ms');
    r = await waitReport(page, (r) => item(r, 'scorecards.sort.talk_avg_ms')?.text.endsWith('▲'), 'the other way');
    assert(item(r, 'scorecards.order').text === '1001,1002,1003,1004,1005', item(r, 'scorecards.order').text);
    const it = item(r, 'scorecards.cell.1005.talk_avg_ms');
    await page.mouse.move(it.x + 6, it.y + it.h / 2);
    r = await waitReport(page, (r) => item(r, 'scorecards.tooltip'), 'the tooltip');
    assert(item(r, 'scorecards.tooltip').text.includes('Formula: talk_ms / handled'), item(r, 'scorecards.tooltip').text);
    assert(item(r, 'scorecards.tooltip').text.includes('= 14400000 / 16 = 15 min'), item(r, 'scorecards.tooltip').text);
    await sleep(300);
    await page.screenshot({ path: path.join(outDir, 'scorecards-team-en.png') });
    // The schedule's columns are the table's last: scrolled into view, 1004's adherence explained.
    await scrollTable(page, 1);
    r = await waitReport(page, (r) => { const c = item(r, 'scorecards.cell.1004.adherence_pct'); return c && c.x > 0 && c.x < 1250; },
      'the adherence column in view');
    const adh = item(r, 'scorecards.cell.1004.adherence_pct');
    await page.mouse.move(adh.x + 6, adh.y + adh.h / 2);
    r = await waitReport(page, (r) => item(r, 'scorecards.tooltip')?.text.startsWith('Formula: (scheduled_ms'), 'the adherence tooltip');
    const tip = item(r, 'scorecards.tooltip').text;
    assert(tip.includes('Formula: (scheduled_ms - exception_ms) / scheduled_ms x 100'), tip);
    assert(tip.includes('/ 4 h = 74.9%'), tip);
    assert(tip.includes('From the published rosters'), tip);
    assert(tip.includes('Team (4 agents with a published schedule): median 100.0%'), tip);
    await sleep(300);
    await page.screenshot({ path: path.join(outDir, 'scorecards-adherence-en.png') });
    await scrollTable(page, -1);
  });

  await check('clicking the agent opens their scorecard: against the team and their own previous months', async () => {
    await page.mouse.move(5, 5);
    let r = await waitReport(page, (r) => item(r, 'scorecards.agent.1005'), 'the agent');
    await click(page, r, 'scorecards.agent.1005');
    r = await waitReport(page, (r) => item(r, 'scorecard.summary'), 'the scorecard');
    assert(item(r, 'scorecard.summary').text === 'Agent 5 (Team Alpha) · 2026-11-01 to 2026-11-30 · dates in Asia/Shanghai',
      item(r, 'scorecard.summary').text);
    assert(item(r, 'scorecard.value.talk_avg_ms').text === '15 min', item(r, 'scorecard.value.talk_avg_ms').text);
    assert(item(r, 'scorecard.outlier.talk_avg_ms').text === 'above', item(r, 'scorecard.outlier.talk_avg_ms').text);
    assert(item(r, 'scorecard.median.talk_avg_ms').text === '3 min 20 s', item(r, 'scorecard.median.talk_avg_ms').text);
    // Six previous months without calls, then November.
    assert(item(r, 'scorecard.series.calls_handled').text === '0,0,0,0,0,0,16', item(r, 'scorecard.series.calls_handled').text);
    await sleep(300);
    await page.screenshot({ path: path.join(outDir, 'scorecard-en.png') });
    r = await waitReport(page, (r) => item(r, 'button.language'), 'the language button');
    await click(page, r, 'button.language');
    r = await waitReport(page, (r) => r.language === 'zh' && item(r, 'scorecard.summary'), 'Chinese');
    assert(item(r, 'scorecard.summary').text.startsWith('座席5（甲组）'), item(r, 'scorecard.summary').text);
    await sleep(300);
    await page.screenshot({ path: path.join(outDir, 'scorecard-zh.png') });
    await click(page, r, 'scorecard.back');
    r = await waitReport(page, (r) => item(r, 'scorecards.agent.1005'), 'the table in Chinese');
    assert(item(r, 'scorecards.cell.1005.talk_avg_ms').text === '15 分钟 ▲', item(r, 'scorecards.cell.1005.talk_avg_ms').text);
    assert(item(r, 'scorecards.cell.1005.adherence_pct').text === '无排班', item(r, 'scorecards.cell.1005.adherence_pct').text);
    assert(item(r, 'scorecards.cell.1004.adherence_pct').text === '74.9%', item(r, 'scorecards.cell.1004.adherence_pct').text);
    await sleep(300);
    await page.screenshot({ path: path.join(outDir, 'scorecards-team-zh.png') });
    await scrollTable(page, 1);
    r = await waitReport(page, (r) => { const c = item(r, 'scorecards.cell.1004.adherence_pct'); return c && c.x > 0 && c.x < 1250; },
      'the adherence column in view');
    const adh = item(r, 'scorecards.cell.1004.adherence_pct');
    await page.mouse.move(adh.x + 6, adh.y + adh.h / 2);
    r = await waitReport(page, (r) => item(r, 'scorecards.tooltip')?.text.startsWith('公式：(scheduled_ms'), 'the adherence tooltip in Chinese');
    assert(item(r, 'scorecards.tooltip').text.includes('按已发布排班'), item(r, 'scorecards.tooltip').text);
    await sleep(300);
    await page.screenshot({ path: path.join(outDir, 'scorecards-adherence-zh.png') });
  });

  await check('the incident of 2026-11-24 10:00-11:00 against the three Tuesdays before, with a note saved', async () => {
    let r = await waitReport(page, (r) => item(r, 'button.language'), 'the language button');
    await click(page, r, 'button.language');
    r = await waitReport(page, (r) => r.language === 'en' && item(r, 'button.incident'), 'English');
    await click(page, r, 'button.incident');
    r = await waitReport(page, (r) => item(r, 'incident.date')?.text.length === 10, 'the incident page');
    await typeInto(page, r, 'incident.date', '2026-11-24');
    await typeInto(page, r, 'incident.from', '10:00');
    await typeInto(page, r, 'incident.to', '11:00');
    r = await waitReport(page, (r) => item(r, 'incident.to')?.text === '11:00' && !item(r, 'incident.loading'), 'the window typed');
    assert(item(r, 'incident.date').text === '2026-11-24' && item(r, 'incident.from').text === '10:00',
      `typed ${item(r, 'incident.date').text} ${item(r, 'incident.from').text}`);
    await click(page, r, 'incident.run');
    r = await waitReport(page, (r) => item(r, 'incident.summary')?.text.startsWith('2026-11-24 10:00 to 11:00') ||
      item(r, 'incident.error'), 'the report');
    assert(!item(r, 'incident.error'), item(r, 'incident.error')?.text);
    assert(item(r, 'incident.summary').text.includes('2026-11-17, 2026-11-10, 2026-11-03, 2026-10-27 (no data)'),
      item(r, 'incident.summary').text);
    // Now 24 answered + 10 abandoned; the typical week 24 from 24 + 24 + 24 over 3 weeks.
    assert(item(r, 'incident.cell.window.offered').text === '34 | typ 24 · med 24', item(r, 'incident.cell.window.offered').text);
    assert(item(r, 'incident.cell.window.abandoned').text === '10 | typ 0 · med 0', item(r, 'incident.cell.window.abandoned').text);
    assert(item(r, 'incident.chart').text.split(',').length === 4, item(r, 'incident.chart').text);
    // The notes are under the chart and the table: scroll the page down to them.
    await page.mouse.move(700, 330);
    for (let i = 0; i < 6; i++) { await page.mouse.wheel(0, 300); await sleep(100); }
    await sleep(300);
    r = await waitReport(page, (r) => item(r, 'incident.note_save')?.y < 880, 'the note field in view');
    await click(page, r, 'incident.note_text');
    await page.keyboard.type('Carrier trunk down 10:38-11:20; calls dropped in queue.', { delay: 20 });
    r = await waitReport(page, (r) => item(r, 'incident.note_text')?.text.endsWith('queue.'), 'the note typed');
    await click(page, r, 'incident.note_save');
    r = await waitReport(page, (r) => item(r, 'incident.note_saved') && r.items.some((i) => /^incident\.note\.\d+$/.test(i.id)), 'the note saved');
    const res = await fetch(`http://127.0.0.1:${port}/api/incidents/notes?from_ms=0&to_ms=${Date.now() * 2}`);
    const stored = await res.json();
    assert(stored.notes.length === 1 && stored.notes[0].text === 'Carrier trunk down 10:38-11:20; calls dropped in queue.',
      JSON.stringify(stored));
    assert(stored.notes[0].from_ms === at('2026-11-24', 10, 0) && stored.notes[0].to_ms === at('2026-11-24', 11, 0),
      JSON.stringify(stored.notes[0]));
    await sleep(300);
    await page.screenshot({ path: path.join(outDir, 'incident-en.png') });
    r = await waitReport(page, (r) => item(r, 'button.language'), 'the language button');
    await click(page, r, 'button.language');
    r = await waitReport(page, (r) => r.language === 'zh' && item(r, 'incident.summary'), 'Chinese');
    assert(item(r, 'incident.title').text === '事件复盘报告', item(r, 'incident.title').text);
    await sleep(300);
    await page.screenshot({ path: path.join(outDir, 'incident-zh.png') });
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
