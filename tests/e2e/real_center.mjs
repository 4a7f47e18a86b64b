// End-to-end test of a real center in real headless Chromium: `callboard serve --config` follows
// an Asterisk queue_log generated here (three queues, eight agents with Chinese names in two
// teams, a morning of calls), the page shows those queues on the wallboard and the mapped agents
// on the floor with the figures the lines imply, and lines appended while the page is open move
// the waiting count and an agent's seat. Reads what the WASM UI drew through window.__callboard.
//
// usage: node real_center.mjs --callboard PATH [--out DIR]
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { assert, check, click, finish, freePort, hasItem, item, launchChromium, parseArgs, sleep, stopServer,
  tally, waitHealthy, waitReport } from './lib.mjs';

const args = parseArgs(process.argv.slice(2));
if (!args.callboard) { console.error('usage: node real_center.mjs --callboard PATH [--out DIR]'); process.exit(2); }
const callboardBin = path.resolve(args.callboard);  // the server runs in the test's folder
const outDir = args.out || fs.mkdtempSync(path.join(os.tmpdir(), 'callboard-real-'));
fs.mkdirSync(outDir, { recursive: true });
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'callboard-real-db-'));




// ---- The center: its configuration and a morning of queue_log ---------------------------------
// A time zone in which it is about noon now, so the generated morning is today for the center.
const utcHour = Math.floor(Date.now() / 3600000) % 24;
let tzHours = (((12 - utcHour) % 24) + 24) % 24;
if (tzHours > 14) tzHours -= 24;

const teams = [{ key: 'north', name_en: 'North', name_zh: '北组' }, { key: 'south', name_en: 'South', name_zh: '南组' }];
const agents = [
  ['8001', 'Wang Fang', '王芳', 'north'], ['8002', 'Li Na', '李娜', 'north'], ['8003', 'Zhang Wei', '张伟', 'north'],
  ['8004', 'Liu Yang', '刘洋', 'north'], ['8005', 'Chen Jing', '陈静', 'south'], ['8006', 'Yang Lei', '杨磊', 'south'],
  ['8007', 'Zhao Min', '赵敏', 'south'], ['8008', 'Huang Yong', '黄勇', 'south'],
].map(([key, name_en, name_zh, team]) => ({ member: `PJSIP/${key}`, key, name_en, name_zh, team }));
// Queue names as Asterisk writes them, the keys the dashboard uses, who answers which queue.
const queues = [
  { name: 'support', key: 'support', name_en: 'Support', name_zh: '客服', answerers: ['8001', '8002', '8003'], members: ['8001', '8002', '8003', '8004'] },
  { name: 'sales-in', key: 'sales', name_en: 'Sales', name_zh: '销售', answerers: ['8005', '8006', '8007'], members: ['8005', '8006', '8007'] },
  { name: 'vip', key: 'vip', name_en: 'VIP', name_zh: '贵宾', answerers: ['8004', '8008'], members: ['8004', '8008'] },
];
const T = 20;  // service-level threshold (s) of every queue
const config = {
  tz_offset_min: tzHours * 60,
  queue_log: { follow: path.join(tmp, 'queue_log') },
  default_wrap_up_s: 30,  // Asterisk's wrapuptime: wrap-up ends 30 s after each call
  teams,
  agents: agents.map(({ member, key, name_en, name_zh, team }) => ({ member, key, name_en, name_zh, team })),
  queues: queues.map(({ name, key, name_en, name_zh }) => ({ name, key, name_en, name_zh,
    sl: { variant: 'answered_over_offered', threshold_s: T, target: 0.8 } })),
};
fs.writeFileSync(path.join(tmp, 'callboard.json'), JSON.stringify(config, null, 2));

const member = (key) => `PJSIP/${key}`;
const base = Math.floor(Date.now() / 1000) - 2400;  // 40 minutes ago
const lines = [];  // [epoch, text]
const add = (t, text) => lines.push([t, `${t}|${text}`]);
const expected = Object.fromEntries(queues.map((q) => [q.key, { offered: 0, answered: 0, within: 0, abandoned: 0, waiting: 0 }]));

add(base, 'NONE|NONE|NONE|QUEUESTART|');
for (const q of queues) for (const m of q.members) add(base + 1, `NONE|${q.name}|${member(m)}|ADDMEMBER|`);
// 40 calls, one every 50 s, queues in turn; every fifth caller hangs up; waits 5-34 s; talk 60 s.
const answeredIn = Object.fromEntries(queues.map((q) => [q.key, 0]));
// Each agent's state after the generated lines: queue_log has no wrap-up end; with the queues'
// 30 s wrap-up allowance every agent whose last call ended more than 30 s ago is available again.
const stateOf = Object.fromEntries(agents.map((a) => [a.key, 'available']));
for (let i = 0; i < 40; i++) {
  const q = queues[i % 3];
  const id = `${base + 60 + i * 50}.${i}`;
  const enter = base + 60 + i * 50;
  const wait = 5 + ((i * 7) % 30);
  const e = expected[q.key];
  e.offered++;
  add(enter, `${id}|${q.name}|NONE|ENTERQUEUE||1380013${String(i).padStart(4, '0')}|1`);
  if (i % 5 === 3) {
    e.abandoned++;
    add(enter + wait, `${id}|${q.name}|NONE|ABANDON|1|1|${wait}`);
    continue;
  }
  const agent = q.answerers[answeredIn[q.key]++ % q.answerers.length];
  e.answered++;
  if (wait <= T) e.within++;
  add(enter + wait, `${id}|${q.name}|${member(agent)}|CONNECT|${wait}|${id}|2`);
  add(enter + wait + 60, `${id}|${q.name}|${member(agent)}|COMPLETEAGENT|${wait}|60|1`);
  stateOf[agent] = enter + wait + 60 + 30 < Math.floor(Date.now() / 1000) ? 'available' : 'wrap_up';
}
// Li Na goes to lunch (paused in her queue); one caller waits in support, one in sales.
add(base + 2200, `NONE|support|${member('8002')}|PAUSE|午餐`);
stateOf['8002'] = 'not_ready';
add(base + 2300, `${base + 2300}.90|support|NONE|ENTERQUEUE||13800139090|1`);
add(base + 2310, `${base + 2310}.91|sales-in|NONE|ENTERQUEUE||13800139091|1`);
expected.support.offered++; expected.support.waiting++;
expected.sales.offered++; expected.sales.waiting++;
lines.sort((a, b) => a[0] - b[0]);
const logPath = path.join(tmp, 'queue_log');
fs.writeFileSync(logPath, lines.map(([, text]) => text + '\n').join(''));
const percent = (e) => (e.offered ? (100 * e.within) / e.offered : null);

// ---- The test ------------------------------------------------------------------------------
const port = await freePort();
const server = spawn(callboardBin, ['serve', '--port', String(port), '--db', path.join(tmp, 'real.db'),
  '--config', path.join(tmp, 'callboard.json')], { stdio: ['ignore', 'ignore', 'pipe'], cwd: tmp });
fs.writeFileSync(path.join(outDir, 'server-real.log'), '');
server.stderr.on('data', (d) => fs.appendFileSync(path.join(outDir, 'server-real.log'), d));
const browser = await launchChromium();
try {
  await waitHealthy(port);
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, locale: 'zh-CN' });
  const page = await context.newPage();
  const consoleErrors = [];
  page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()); });
  page.on('pageerror', (e) => consoleErrors.push(String(e)));
  await page.goto(`http://127.0.0.1:${port}/`);

  await check('the wallboard shows the center\'s queues by their Chinese names, source queue_log', async () => {
    const r = await waitReport(page, (r) => queues.every((q) => item(r, `queue.${q.key}.service_level`)) &&
      item(r, 'queue.support.waiting')?.text === String(expected.support.waiting), 'the three queue tiles');
    assert(r.language === 'zh', `language ${r.language}, expected zh from the browser locale`);
    assert(item(r, 'source').text === 'queue_log', `source ${item(r, 'source').text}`);
    assert(item(r, 'source.label').text === 'Asterisk 队列日志', `source shown as ${item(r, 'source.label').text}`);
    assert(!item(r, 'demo.controls') && !r.items.some((i) => i.id.startsWith('speed.')), 'no simulation controls for real data');
    for (const q of queues) assert(item(r, `queue.${q.key}.name`).text === q.name_zh, `name of ${q.key}: ${item(r, `queue.${q.key}.name`).text}`);
    assert(!item(r, 'queue.sales-in.service_level'), 'a tile for the queue_log name instead of the configured key');
  });

  await check('each queue tile shows the waiting callers, answered calls and service level the lines imply', async () => {
    const r = await waitReport(page, hasItem('queue.vip.answered'), 'queue tiles');
    for (const q of queues) {
      const e = expected[q.key];
      assert(item(r, `queue.${q.key}.waiting`).text === String(e.waiting), `${q.key} waiting ${item(r, `queue.${q.key}.waiting`).text}, expected ${e.waiting}`);
      assert(item(r, `queue.${q.key}.answered`).text === String(e.answered), `${q.key} answered ${item(r, `queue.${q.key}.answered`).text}, expected ${e.answered}`);
      const sl = item(r, `queue.${q.key}.service_level`).text;
      assert(Math.abs(parseFloat(sl) - percent(e)) < 0.051 && sl.endsWith('%'),
        `${q.key} service level ${sl}, expected ${percent(e).toFixed(1)}% (${e.within} of ${e.offered} within ${T} s)`);
    }
    const waiting = queues.reduce((n, q) => n + expected[q.key].waiting, 0);
    assert(item(r, 'center.waiting').text === String(waiting), `center waiting ${item(r, 'center.waiting').text}`);
    const offered = queues.reduce((n, q) => n + expected[q.key].offered, 0);
    assert(item(r, 'center.offered').text === String(offered), `center offered ${item(r, 'center.offered').text}, expected ${offered}`);
  });
  await page.screenshot({ path: path.join(outDir, 'real-wallboard-zh.png') });

  await check('a caller joining the support queue in the file shows on the wallboard', async () => {
    const t = Math.floor(Date.now() / 1000) - 3;
    fs.appendFileSync(logPath, `${t}|${t}.92|support|NONE|ENTERQUEUE||13800139092|1\n`);
    expected.support.waiting++;
    expected.support.offered++;
    await waitReport(page, (r) => item(r, 'queue.support.waiting')?.text === String(expected.support.waiting),
      `support waiting ${expected.support.waiting}`, 10000);
  });

  await check('the floor shows a seat for every configured agent in the state its lines imply, Li Na at lunch', async () => {
    let r = await waitReport(page, hasItem('tab.floor'), 'floor tab');
    await click(page, r, 'tab.floor');
    r = await waitReport(page, (r) => r.tab === 'floor' && r.items.some((i) => i.id.startsWith('seat.')), 'seats');
    const seats = r.items.filter((i) => i.id.startsWith('seat.')).map((i) => i.id.slice(5)).sort();
    assert(JSON.stringify(seats) === JSON.stringify(agents.map((a) => a.key).sort()), `seats ${seats.join(', ')}`);
    assert(stateOf['8002'] === 'not_ready' && stateOf['8001'] === 'available', 'the generated morning');
    for (const a of agents) assert(item(r, `seat.${a.key}`).text === stateOf[a.key], `${a.key} ${item(r, `seat.${a.key}`).text}, expected ${stateOf[a.key]}`);
  });

  await check('a seat opens the agent\'s card under the configured Chinese name', async () => {
    const r = await waitReport(page, hasItem('seat.8001'), 'seat 8001');
    await click(page, r, 'seat.8001');
    const card = await waitReport(page, (r) => item(r, 'card.name'), 'the agent card');
    assert(item(card, 'card.name').text === '王芳', `card name ${item(card, 'card.name').text}`);
    assert(item(card, 'card.state').text === stateOf['8001'], `card state ${item(card, 'card.state').text}`);
    // queue_log tags no orders, has no hold and no tenure: those figures are not shown as 0.
    for (const id of ['card.orders', 'card.order_value', 'card.hold_avg']) assert(!item(card, id), `${id} shown for a queue_log center`);
    assert(item(card, 'card.team').text === '北组', `card team line ${item(card, 'card.team').text}`);
    // Every agent is configured with a team: no empty "unassigned" team on the floor.
    assert(item(card, 'floor.team.north') && item(card, 'floor.team.south') && !item(card, 'floor.team.unassigned'),
      `team blocks ${card.items.filter((i) => i.id.startsWith('floor.team.')).map((i) => i.id).join(', ')}`);
  });
  await page.screenshot({ path: path.join(outDir, 'real-floor-zh.png') });

  await check('Wang Fang answering the waiting caller turns her seat to on call', async () => {
    const t = Math.floor(Date.now() / 1000) - 3;
    fs.appendFileSync(logPath, `${t}|${base + 2300}.90|support|${member('8001')}|CONNECT|${t - base - 2300}|x|2\n` +
      `${t}|NONE|support|${member('8002')}|UNPAUSE|\n`);
    const r = await waitReport(page, (r) => item(r, 'seat.8001')?.text === 'on_call', 'seat 8001 on call', 10000);
    assert(item(r, 'seat.8002').text === 'available', `8002 ${item(r, 'seat.8002').text} after UNPAUSE`);
  });
  await page.screenshot({ path: path.join(outDir, 'real-floor-live-zh.png') });

  await check('TV mode turns through the center and both teams, with no orders figure', async () => {
    let r = await waitReport(page, hasItem('button.tv'), 'TV button');
    await click(page, r, 'button.tv');
    r = await waitReport(page, (r) => r.tv_mode && item(r, 'tv.pages'), 'TV mode');
    assert(item(r, 'tv.pages').text === '3', `TV pages ${item(r, 'tv.pages').text}`);
    r = await waitReport(page, (r) => item(r, 'tv.page')?.text === 'north', 'the North page', 20000);
    assert(!item(r, 'tv.team.north.orders') && item(r, 'tv.team.north.transfers'), 'orders hidden, transfers shown');
    await page.screenshot({ path: path.join(outDir, 'real-tv-zh.png') });
    await click(page, r, 'button.exit_tv');
    await waitReport(page, (r) => !r.tv_mode, 'TV mode left');
  });

  await check('no errors in the browser console', async () => {
    const real = consoleErrors.filter((e) => !/api\/stream|ERR_CONNECTION_REFUSED|Failed to load resource/.test(e));
    assert(real.length === 0, real.join(' | '));
  });
  await context.close();

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
