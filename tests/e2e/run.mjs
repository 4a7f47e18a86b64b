// End-to-end test of the web app in real headless Chromium (Debian's /usr/bin/chromium,
// driven by playwright-core). Starts a real `callboard serve`, loads the page, and checks what
// the WASM UI shows through the hook it publishes on window.__callboard.
//
// The login test (accounts mode) runs when the binary has the `user add` command; otherwise it
// is reported as skipped, naming what is missing.
//
// usage: node run.mjs --callboard PATH [--out DIR]
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { assert, check, click, finish, freePort, hasItem, item, launchChromium, parseArgs, sleep, stopServer,
  tally, waitHealthy, waitReport } from './lib.mjs';

const args = parseArgs(process.argv.slice(2));
if (!args.callboard) { console.error('usage: node run.mjs --callboard PATH [--out DIR]'); process.exit(2); }
const outDir = args.out || fs.mkdtempSync(path.join(os.tmpdir(), 'callboard-e2e-'));
fs.mkdirSync(outDir, { recursive: true });
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'callboard-e2e-db-'));




function startServer(port) {
  const proc = spawn(args.callboard, ['serve', '--port', String(port), '--db', path.join(tmp, 'e2e.db'),
    '--demo', 'normal', '--speed', '10'], { stdio: ['ignore', 'ignore', 'pipe'] });
  proc.stderr.on('data', (d) => fs.appendFileSync(path.join(outDir, 'server.log'), d));
  return proc;
}


// ---- Accounts mode: login screen, wrong password, a lead sees their team only, sign-out ----
// What the binary lacks for the login test, or '' when it has everything.
function accountsMissing() {
  const help = spawnSync(args.callboard, ['--help'], { encoding: 'utf8' });
  const text = `${help.stdout || ''}${help.stderr || ''}`;
  if (!/user add/.test(text)) return 'the `callboard user add` command (accounts) is not in this build';
  if (!/--password-file/.test(text)) return 'the `--password-file` option of `callboard user add` is not in this build';
  return '';
}
function cli(cliArgs, what) {
  const r = spawnSync(args.callboard, cliArgs, { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${what}: exit ${r.status}: ${r.stderr}`);
  return r.stdout;
}
async function typeInto(page, report, id, text) {
  await click(page, report, id);
  await sleep(100);
  await page.keyboard.type(text, { delay: 20 });
}

async function loginTest(browser) {
  const missing = accountsMissing();
  // Accounts are part of the product: a build without them fails this test, it never skips it.
  assert(!missing, `the login test cannot run: ${missing}`);
  const db = path.join(tmp, 'accounts.db');
  const pwFile = (name, pw) => { const f = path.join(tmp, `${name}.pw`); fs.writeFileSync(f, pw + '\n', { mode: 0o600 }); return f; };
  cli(['user', 'add', 'boss', '--role', 'admin', '--db', db, '--password-file', pwFile('boss', 'boss-pass-1')], 'add the admin');
  const aport = await freePort();
  const proc = spawn(args.callboard, ['serve', '--port', String(aport), '--db', db, '--demo', 'normal', '--speed', '10'],
    { stdio: ['ignore', 'ignore', 'pipe'] });
  proc.stderr.on('data', (d) => fs.appendFileSync(path.join(outDir, 'server-accounts.log'), d));
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, locale: 'en-US' });
  let kioskToken = '', kioskOut = '';
  try {
    await waitHealthy(aport);
    // A lead's team must exist: the demo's teams are in the database once the server runs.
    cli(['user', 'add', 'lead1', '--role', 'lead', '--team', 'team_1', '--db', db, '--password-file', pwFile('lead1', 'lead-pass-1')],
      'add the lead');
    kioskOut = cli(['user', 'add', 'tv1', '--role', 'wallboard', '--db', db], 'add the wallboard');
    kioskToken = (kioskOut.match(/kiosk token[^:]*:\s*(\S+)/) || [])[1];
    const abase = `http://127.0.0.1:${aport}/`;
    // The whole directory, as the admin sees it, to know which seats are team_1's.
    const admin = await (await fetch(`${abase}api/login`, { method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ user: 'boss', password: 'boss-pass-1', client: 'desktop' }) })).json();
    const full = await (await fetch(`${abase}api/snapshot`, { headers: { Authorization: `Bearer ${admin.token}` } })).json();
    const dir = full.directory || full;
    const team1 = dir.teams.findIndex((t) => t.key === 'team_1');
    const team1Agents = new Set(dir.agents.filter((a) => a.team === team1).map((a) => a.key));

    const page = await context.newPage();
    await page.goto(abase);
    await check('accounts mode: the login screen comes before any data', async () => {
      const r = await waitReport(page, hasItem('login.user'), 'the login screen');
      assert(item(r, 'login.password') && item(r, 'login.submit'), 'password field and sign-in button');
      assert(!item(r, 'center.waiting') && !item(r, 'tab.wallboard'), 'no data before signing in');
    });
    await page.screenshot({ path: path.join(outDir, 'login-en.png') });

    await check('a wrong password is refused with a message', async () => {
      let r = await waitReport(page, hasItem('login.user'), 'the login screen');
      await typeInto(page, r, 'login.user', 'lead1');
      r = await waitReport(page, (r) => item(r, 'login.user')?.text === 'lead1', 'the user name typed');
      await typeInto(page, r, 'login.password', 'not-the-password');
      await page.keyboard.press('Enter');
      r = await waitReport(page, (r) => item(r, 'login.error'), 'the error');
      assert(item(r, 'login.error').text === 'Wrong user or password.', `error ${item(r, 'login.error').text}`);
    });

    await check('signing in streams the dashboard as the user, header shows the user and role', async () => {
      let r = await waitReport(page, hasItem('login.password'), 'the login screen');
      await typeInto(page, r, 'login.password', 'lead-pass-1');
      r = await waitReport(page, hasItem('login.submit'), 'the sign-in button');
      await click(page, r, 'login.submit');
      r = await waitReport(page, (r) => item(r, 'center.waiting') && item(r, 'header.user'), 'the dashboard');
      assert(item(r, 'header.user').text === 'lead1', `header user ${item(r, 'header.user').text}`);
      assert(item(r, 'header.role').text === 'Team lead', `header role ${item(r, 'header.role').text}`);
      assert(item(r, 'button.sign_out'), 'a sign-out button');
    });
    await page.screenshot({ path: path.join(outDir, 'signed-in-lead.png') });

    await check('a lead sees only their team\'s seats on the floor', async () => {
      let r = await waitReport(page, hasItem('tab.floor'), 'floor tab');
      await click(page, r, 'tab.floor');
      r = await waitReport(page, (r) => r.tab === 'floor' && r.items.some((i) => i.id.startsWith('seat.')), 'seats');
      const seats = r.items.filter((i) => i.id.startsWith('seat.')).map((i) => i.id.slice(5));
      assert(team1Agents.size > 0 && team1Agents.size < dir.agents.length, `team_1 has ${team1Agents.size} of ${dir.agents.length}`);
      const foreign = seats.filter((k) => !team1Agents.has(k));
      assert(foreign.length === 0, `seats of other teams shown: ${foreign.slice(0, 5).join(', ')}`);
      assert(seats.length === team1Agents.size, `${seats.length} seats shown, team_1 has ${team1Agents.size}`);
      const blocks = r.items.filter((i) => i.id.startsWith('floor.team.')).map((i) => i.id);
      assert(JSON.stringify(blocks) === JSON.stringify(['floor.team.team_1']), `team blocks on a lead's floor: ${blocks.join(', ')}`);
      assert(!item(r, 'demo.controls'), 'a lead has no simulation controls');
    });
    await page.screenshot({ path: path.join(outDir, 'lead-floor-en.png') });
    await check('a lead\'s floor in Chinese: the team named in Chinese, still alone', async () => {
      let r = await waitReport(page, hasItem('button.language'), 'language button');
      await click(page, r, 'button.language');
      r = await waitReport(page, (r) => r.language === 'zh' && item(r, 'floor.team.team_1'), 'the floor in Chinese');
      assert(item(r, 'floor.team.team_1').text === '一组', `team block ${item(r, 'floor.team.team_1').text}`);
      assert(r.items.filter((i) => i.id.startsWith('floor.team.')).length === 1, 'one team block');
      await page.screenshot({ path: path.join(outDir, 'lead-floor-zh.png') });
      await click(page, r, 'button.language');
      await waitReport(page, (r) => r.language === 'en', 'back in English');
    });

    await check('signing out returns to the login screen and closes the stream', async () => {
      let r = await waitReport(page, hasItem('button.sign_out'), 'sign-out button');
      await click(page, r, 'button.sign_out');
      r = await waitReport(page, hasItem('login.user'), 'the login screen again');
      assert(!item(r, 'center.waiting') && !r.items.some((i) => i.id.startsWith('seat.')), 'no data after signing out');
      const status = await page.evaluate(async () => (await fetch('api/session', { credentials: 'same-origin' })).status);
      assert(status === 401, `GET /api/session answers ${status} after signing out`);
    });
    await page.screenshot({ path: path.join(outDir, 'signed-out.png') });

    await check('a wallboard link (?kiosk=TOKEN) signs in by itself and opens TV mode, read-only', async () => {
      assert(kioskToken, `no kiosk token in the output of user add: ${kioskOut}`);
      const tv = await context.newPage();
      await tv.goto(`${abase}?kiosk=${encodeURIComponent(kioskToken)}`);
      const r = await waitReport(tv, (r) => r.tv_mode && item(r, 'tv.page'), 'TV mode');
      assert(!item(r, 'login.user') && !item(r, 'button.sign_out'), 'no login form and no sign-out on a kiosk');
      await tv.screenshot({ path: path.join(outDir, 'kiosk-tv.png') });
      await tv.close();
    });
  } finally {
    await context.close();
    await stopServer(proc);
  }
}

const port = await freePort();
let server = startServer(port);
const browser = await launchChromium();
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

  await check('the thresholds panel opens from the header and closes again', async () => {
    let r = await waitReport(page, hasItem('button.settings'), 'settings button');
    await click(page, r, 'button.settings');
    r = await waitReport(page, (r) => item(r, 'settings.call_long_s'), 'the thresholds panel');
    assert(item(r, 'settings.call_long_s').text === '600', `call limit ${item(r, 'settings.call_long_s').text}`);
    await page.screenshot({ path: path.join(outDir, 'settings-zh.png') });
    await click(page, r, 'button.settings_close');
    await waitReport(page, (r) => !item(r, 'settings.call_long_s'), 'the panel closed');
  });

  await check('trainer controls: pause, jump and scenario move the server\'s demo, and every open page follows', async () => {
    // A second screen on the same server, in its own window (a background tab draws rarely).
    const otherContext = await browser.newContext({ viewport: { width: 1400, height: 900 }, locale: 'en-US' });
    const other = await otherContext.newPage();
    await other.goto(`${base}?lang=en`);
    await waitReport(other, (r) => item(r, 'demo.state')?.text === 'running', 'the second page live');
    let r = await waitReport(page, (r) => item(r, 'demo.pause') && item(r, 'tab.wallboard'), 'the trainer controls');
    await click(page, r, 'tab.wallboard');
    r = await waitReport(page, (r) => r.tab === 'wallboard' && item(r, 'demo.pause'), 'the wallboard');
    await page.screenshot({ path: path.join(outDir, 'trainer-controls-zh.png') });
    await click(page, r, 'demo.pause');
    r = await waitReport(page, (r) => item(r, 'demo.state')?.text === 'paused', 'paused here');
    await waitReport(other, (r) => item(r, 'demo.state')?.text === 'paused' && item(r, 'demo.pause')?.text === 'Resume', 'paused on the other page');
    const clock0 = item(r, 'center_clock').text;
    await sleep(1500);
    r = await waitReport(page, hasItem('center_clock'), 'clock');
    assert(item(r, 'center_clock').text === clock0, `paused clock moved from ${clock0} to ${item(r, 'center_clock').text}`);
    assert(item(r, 'freshness').text === '实时 · 模拟已暂停', `freshness while paused ${item(r, 'freshness').text}`);
    const h0 = Number(clock0.slice(0, 2));
    await click(page, r, 'demo.jump.60');
    const jumped = (r) => { const t = item(r, 'center_clock')?.text || ''; return Number(t.slice(0, 2)) === (h0 + 1) % 24 && t.slice(2) === clock0.slice(2); };
    await waitReport(page, jumped, 'the clock one hour later');
    await waitReport(other, jumped, 'the other page one hour later');
    r = await waitReport(page, hasItem('demo.scenario'), 'scenario picker');
    await click(page, r, 'demo.scenario');
    await waitReport(page, hasItem('demo.scenario.outage'), 'the scenario list');
    await sleep(400);  // the drop-down settles where it opens a frame after it appears
    r = await waitReport(page, hasItem('demo.scenario.outage'), 'the scenario list');
    await click(page, r, 'demo.scenario.outage');
    await waitReport(page, (r) => item(r, 'source')?.text === 'demo:outage' && item(r, 'source.label')?.text === '演示：系统故障', 'outage here');
    await waitReport(other, (r) => item(r, 'source')?.text === 'demo:outage' && item(r, 'source.label')?.text === 'Demo: System outage', 'outage on the other page');
    await other.screenshot({ path: path.join(outDir, 'trainer-controls-en.png') });
    r = await waitReport(page, hasItem('demo.pause'), 'resume button');
    await click(page, r, 'demo.pause');
    await waitReport(other, (r) => item(r, 'demo.state')?.text === 'running', 'running again on the other page');
    await otherContext.close();
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
    let r = await waitReport(demo, (r) => item(r, 'center.waiting') && item(r, 'source')?.text === 'demo:outage', 'offline demo');
    assert(item(r, 'freshness').text === '离线演示', `freshness ${item(r, 'freshness').text}`);
    await demo.screenshot({ path: path.join(outDir, 'offline-demo-zh.png') });
    // The trainer's controls work in the tab too: jump to 10:30, pick another scenario.
    assert(item(r, 'demo.jump_to.time').text === '12:00', `jump field ${item(r, 'demo.jump_to.time').text}`);
    await click(demo, r, 'demo.pause');
    await waitReport(demo, (r) => item(r, 'demo.state')?.text === 'paused', 'paused in the tab');
    await click(demo, r, 'demo.jump_to');
    await waitReport(demo, (r) => item(r, 'center_clock')?.text === '12:00:00', 'the tab at 12:00');
    r = await waitReport(demo, hasItem('demo.scenario'), 'scenario picker');
    await click(demo, r, 'demo.scenario');
    await waitReport(demo, hasItem('demo.scenario.lunch_gap'), 'the scenario list');
    await sleep(400);
    r = await waitReport(demo, hasItem('demo.scenario.lunch_gap'), 'the scenario list');
    await demo.screenshot({ path: path.join(outDir, 'offline-demo-scenarios-zh.png') });
    await click(demo, r, 'demo.scenario.lunch_gap');
    await waitReport(demo, (r) => item(r, 'source')?.text === 'demo:lunch_gap' && item(r, 'center_clock')?.text === '12:00:00', 'lunch gap at 12:00');
    await demo.close();
  });

  await check('no errors in the browser console', async () => {
    const real = consoleErrors.filter((e) => !/api\/stream|ERR_CONNECTION_REFUSED|Failed to load resource/.test(e));
    assert(real.length === 0, real.join(' | '));
  });

  await loginTest(browser);
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
