// Live staffing, the break what-if and live adherence in real headless Chromium: a demo server
// (whose simulated center publishes each day's schedule), the wallboard's per-queue staffing
// and "one more break now", the floor's staffing table and adherence list, an agent card's
// "if a 15-minute break is approved now" with its definition on hover; English and Chinese.
// Every queue with figures in the server's /api/snapshot shows them on the wallboard.
//
// usage: node wfm_live.mjs --callboard PATH [--out DIR]
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { assert, check, click, finish, freePort, item, launchChromium, parseArgs, sleep, stopServer, tally, waitHealthy,
  waitReport } from './lib.mjs';

const args = parseArgs(process.argv.slice(2));
if (!args.callboard) { console.error('usage: node wfm_live.mjs --callboard PATH [--out DIR]'); process.exit(2); }
const outDir = args.out || fs.mkdtempSync(path.join(os.tmpdir(), 'callboard-e2e-'));
fs.mkdirSync(outDir, { recursive: true });
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'callboard-e2e-wfm-'));

const port = await freePort();
const server = spawn(args.callboard, ['serve', '--port', String(port), '--db', path.join(tmp, 'wfm.db'), '--demo', 'normal',
  '--speed', '10'], { stdio: ['ignore', 'ignore', 'pipe'] });
server.stderr.on('data', (d) => fs.appendFileSync(path.join(outDir, 'server-wfm-live.log'), d));
const base = `http://127.0.0.1:${port}/`;
const browser = await launchChromium();

const pct = /^(\d{1,3}\.\d%|grows|持续积压)$/;
const whatIf = /^(\d{1,3}\.\d%|grows|持续积压) → (\d{1,3}\.\d%|grows|持续积压)$/;
const ids = (r, re) => r.items.filter((i) => re.test(i.id));

// Moves the mouse over an item (its tooltip shows on the next frames).
async function hover(page, report, id) {
  const it = item(report, id);
  assert(it, `no item ${id} on screen`);
  await page.mouse.move(it.x + Math.min(20, it.w / 2), it.y + it.h / 2);
  await sleep(700);
}

try {
  await waitHealthy(port);
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, locale: 'en-US' });
  const page = await context.newPage();
  await page.goto(`${base}?lang=en`);

  let snap = null;
  await check('the server\'s snapshot carries live staffing per queue and the published schedule', async () => {
    const until = Date.now() + 30000;
    while (Date.now() < until) {
      snap = await (await fetch(`${base}api/snapshot`)).json();
      if (snap.queues.some((q) => q.staffing && q.staffing.known)) break;
      await sleep(500);
    }
    assert(snap.queues.every((q) => q.staffing && q.recent), 'every queue has staffing and its last 30 minutes');
    assert(snap.queues.some((q) => q.staffing.known), 'some queue has figures');
    assert(snap.schedule && snap.schedule.agents.length === snap.agents.length, 'the schedule, parallel to the agents');
    assert(snap.agents.some((a) => a.adherence && a.adherence.status === 'in_adherence'), 'someone in adherence');
  });

  await check('wallboard: needed now vs on queue, predicted SL now / 15 / 30 min, one more break now', async () => {
    const r = await waitReport(page, (r) => ids(r, /^queue\..+\.needed$/).length > 0, 'staffing on the wallboard', 30000);
    const known = snap.directory.queues.filter((q, i) => snap.queues[i].staffing.known).map((q) => q.key);
    for (const key of known) {
      const needed = item(r, `queue.${key}.needed`);
      assert(needed, `queue ${key} shows what it needs`);
      assert(/^\d+$|^out of reach$/.test(needed.text), `needed ${needed.text}`);
      assert(/^\d+\.\d$/.test(item(r, `queue.${key}.on_queue`).text), 'on queue (one decimal)');
      for (const f of ['sl_now', 'sl_next15', 'sl_next30']) assert(pct.test(item(r, `queue.${key}.${f}`).text), `${f} ${item(r, `queue.${key}.${f}`).text}`);
      assert(whatIf.test(item(r, `queue.${key}.break_now`).text), `break now ${item(r, `queue.${key}.break_now`).text}`);
    }
  });
  await page.screenshot({ path: path.join(outDir, 'wfm-wallboard-en.png') });
  await check('wallboard: the break what-if explains itself on hover', async () => {
    const r = await waitReport(page, (r) => ids(r, /^queue\..+\.break_now$/).length > 0, 'break now');
    await hover(page, r, ids(r, /^queue\..+\.break_now$/)[0].id);
    await page.screenshot({ path: path.join(outDir, 'wfm-wallboard-whatif-hover-en.png') });
  });

  let agentKey = '';
  await check('floor: the staffing table, who is out of adherence, and an agent\'s break what-if', async () => {
    let r = await waitReport(page, (r) => item(r, 'tab.floor'), 'floor tab');
    await click(page, r, 'tab.floor');
    r = await waitReport(page, (r) => r.tab === 'floor' && ids(r, /^staffing\..+\.needed$/).length > 0 && item(r, 'floor.adherence'),
      'staffing and adherence on the floor');
    assert(item(r, 'floor.staffing').text === 'Staffing now', `title ${item(r, 'floor.staffing').text}`);
    assert(/^\d+$/.test(item(r, 'floor.adherence').text), 'a count of agents out of adherence');
    // Each agent on queue counted once over the center: the queues' shares add up to a whole number.
    const center = item(r, 'staffing.center.on_queue');
    assert(center && /^\d+\.0$/.test(center.text), `center on queue ${center && center.text}`);
    const sum = ids(r, /^staffing\..+\.on_queue$/).filter((i) => i.id !== 'staffing.center.on_queue')
      .reduce((t, i) => t + Number(i.text), 0);
    assert(Math.abs(sum - Number(center.text)) <= 0.05 * snap.directory.queues.length + 1e-9, `queues add up to ${sum}, center ${center.text}`);
    assert(ids(r, /^adh\./).length <= Number(item(r, 'floor.adherence').text), 'the list holds at most that many');
    // An agent on queue now (available, on a call, wrapping up): a break would cost something.
    const seat = ids(r, /^seat\./).find((i) => ['available', 'on_call', 'wrap_up', 'on_hold'].includes(i.text));
    assert(seat, 'an agent on queue');
    agentKey = seat.id.slice(5);
    await click(page, r, seat.id);
    r = await waitReport(page, (r) => item(r, 'card.name') && ids(r, /^card\.whatif\./).length > 0, 'the card\'s what-if');
    const lines = ids(r, /^card\.whatif\./);
    assert(lines.some((l) => whatIf.test(l.text) || l.text === 'no_change'), `what-if lines ${lines.map((l) => l.text).join(', ')}`);
    assert(item(r, 'card.adherence'), 'the card says where the agent stands against the schedule');
    await hover(page, r, lines[0].id);
    await page.screenshot({ path: path.join(outDir, 'wfm-floor-whatif-en.png') });
  });

  await check('the same in Chinese', async () => {
    let r = await waitReport(page, (r) => item(r, 'button.language'), 'language button');
    await click(page, r, 'button.language');
    r = await waitReport(page, (r) => r.language === 'zh' && item(r, 'floor.staffing') && ids(r, /^card\.whatif\./).length > 0,
      'the floor in Chinese');
    assert(item(r, 'floor.staffing').text === '当前人力', `title ${item(r, 'floor.staffing').text}`);
    await hover(page, r, ids(r, /^card\.whatif\./)[0].id);
    await page.screenshot({ path: path.join(outDir, 'wfm-floor-whatif-zh.png') });
    await click(page, r, 'tab.wallboard');
    r = await waitReport(page, (r) => r.tab === 'wallboard' && ids(r, /^queue\..+\.break_now$/).length > 0, 'the wallboard in Chinese');
    await hover(page, r, ids(r, /^queue\..+\.break_now$/)[0].id);
    await page.screenshot({ path: path.join(outDir, 'wfm-wallboard-whatif-zh.png') });
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
