// End-to-end test of the QA page in real headless Chromium against a demo server: a form made
// through the API, an evaluator scoring a stored call on the page (the score shown while
// answering, the evaluation listed with its score), the agent's scorecard carrying the QA score,
// and a complete calibration session's results with the agreement bands. English and Chinese,
// screenshots of each.
//
// usage: node qa.mjs --callboard PATH [--out DIR]
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { assert, check, click, finish, freePort, hasItem, item, launchChromium, parseArgs, sleep, stopServer,
  typeInto, waitHealthy, waitReport } from './lib.mjs';

const args = parseArgs(process.argv.slice(2));
if (!args.callboard) { console.error('usage: node qa.mjs --callboard PATH [--out DIR]'); process.exit(2); }
const callboardBin = path.resolve(args.callboard);
const outDir = args.out || fs.mkdtempSync(path.join(os.tmpdir(), 'callboard-qa-'));
fs.mkdirSync(outDir, { recursive: true });
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'callboard-qa-db-'));

const port = await freePort();
const server = spawn(callboardBin, ['serve', '--port', String(port), '--db', path.join(tmp, 'demo.db'), '--demo', 'normal',
  '--speed', '60'], { stdio: ['ignore', 'ignore', 'pipe'], cwd: tmp });
fs.writeFileSync(path.join(outDir, 'server-qa.log'), '');
server.stderr.on('data', (d) => fs.appendFileSync(path.join(outDir, 'server-qa.log'), d));
const api = (p, init) => fetch(`http://127.0.0.1:${port}${p}`, init);
const post = (p, body) => api(p, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
const form = { name: '服务质检 Service', sections: [
  { id: 'open', title: '开场 Opening', weight: 40, questions: [{ id: 'greet', text: '称呼客户 Greets by name' },
                                                              { id: 'verify', text: '核实身份 Verifies identity' }] },
  { id: 'end', title: '结束 Ending', weight: 20, questions: [{ id: 'close', text: '规范结束 Closes properly', auto_fail: true }] }] };
const answers = (g, v, c) => [{ question: 'greet', choice: g }, { question: 'verify', choice: v }, { question: 'close', choice: c }];

const browser = await launchChromium();
let agent = '';
try {
  await waitHealthy(port);
  await check('a form is made through the API; a bad one is refused naming the place', async () => {
    const bad = await post('/api/qa/forms', { ...form, sections: [{ ...form.sections[0], weight: 0 }] });
    assert(bad.status === 400 && (await bad.json()).error === 'sections[0].weight: must be greater than 0', 'bad weight');
    const res = await post('/api/qa/forms', form);
    if (res.status !== 201) throw new Error(`POST /api/qa/forms: ${res.status} ${await res.text()}`);
    let calls = [];
    for (let i = 0; i < 100 && calls.length < 2; i++) {
      calls = (await (await api('/api/calls?limit=50')).json()).calls.filter((c) => c.agent && c.outcome !== 'answered_open');
      if (calls.length < 2) await sleep(300);
    }
    assert(calls.length >= 2, 'the demo has answered calls stored');
  });

  for (const lang of ['en', 'zh']) {
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, locale: lang === 'zh' ? 'zh-CN' : 'en-US' });
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(`http://127.0.0.1:${port}/?lang=${lang}`);
    await check(`${lang}: an evaluator scores a call on the page and it is listed with its score`, async () => {
      let r = await waitReport(page, (r) => item(r, 'button.qa'), 'the header');
      assert(item(r, 'button.qa').text === (lang === 'zh' ? '质检' : 'Quality'), item(r, 'button.qa').text);
      await click(page, r, 'button.qa');
      r = await waitReport(page, (r) => item(r, 'qa.tab.evaluate'), 'the QA page');
      await click(page, r, 'qa.tab.evaluate');
      r = await waitReport(page, (r) => item(r, 'qa.call.0'), 'the call list');
      agent = item(r, 'qa.call.0').text.split(' ')[0];
      await click(page, r, 'qa.call.0');
      r = await waitReport(page, (r) => item(r, 'qa.evaluate.q.close.yes'), 'the questions');
      await click(page, r, 'qa.evaluate.q.greet.yes');
      r = await waitReport(page, (r) => item(r, 'qa.evaluate.q.verify.no'), 'verify');
      await click(page, r, 'qa.evaluate.q.verify.no');
      r = await waitReport(page, (r) => item(r, 'qa.evaluate.q.close.yes'), 'close');
      await click(page, r, 'qa.evaluate.q.close.yes');
      r = await waitReport(page, (r) => (item(r, 'qa.evaluate.score') || {}).text?.includes('60.0%'), 'the score while answering');
      await sleep(300);
      await page.screenshot({ path: path.join(outDir, `qa-evaluate-${lang}.png`) });
      await click(page, r, 'qa.submit');
      r = await waitReport(page, (r) => item(r, 'qa.notice'), 'saved');
      await click(page, r, 'qa.tab.evaluations');
      r = await waitReport(page, (r) => item(r, 'qa.evaluation.0.score'), 'the evaluations');
      assert(item(r, 'qa.evaluation.0.score').text === '60.0%', item(r, 'qa.evaluation.0.score').text);
      await sleep(300);
      await page.screenshot({ path: path.join(outDir, `qa-evaluations-${lang}.png`) });
      // The QA report per agent and per question, over the evaluations made so far.
      await click(page, r, 'qa.tab.reports');
      r = await waitReport(page, (r) => item(r, 'qa.report.0.percent'), 'the QA report');
      assert(item(r, 'qa.report.0.percent').text === '60.0%', item(r, 'qa.report.0.percent').text);
      await click(page, r, 'qa.report.group.3');
      r = await waitReport(page, (r) => item(r, 'qa.report.0.key')?.text === 'close', 'per question');
      assert(item(r, 'qa.report.0.percent').text === '100.0%', `close: ${item(r, 'qa.report.0.percent').text}`);
      assert(item(r, 'qa.report.2.key').text === 'verify' && item(r, 'qa.report.2.percent').text === '0.0%', 'verify');
      await sleep(300);
      await page.screenshot({ path: path.join(outDir, `qa-reports-${lang}.png`) });
      assert(errors.length === 0, errors.join('\n'));
    });
    await context.close();
  }

  await check('the agent\'s scorecard carries the QA score of their evaluations', async () => {
    // The calls listed first differ between the two languages' runs: count this agent's own.
    const listed = (await (await api(`/api/qa/evaluations?agent=${encodeURIComponent(agent)}`)).json()).evaluations;
    assert(listed.length >= 1 && listed.every((e) => e.score.percent === 60), JSON.stringify(listed.map((e) => e.score)));
    const res = await api(`/api/scorecards/${encodeURIComponent(agent)}?range=today`);
    if (res.status !== 200) throw new Error(`scorecard: ${res.status} ${await res.text()}`);
    const card = await res.json();
    assert(card.qa && card.qa.scored === listed.length && Math.abs(card.qa.percent - 60) < 1e-9, JSON.stringify(card.qa));
  });

  await check('calibration in local mode stays blind while open (nobody else can submit)', async () => {
    const calls = (await (await api('/api/calls?limit=50')).json()).calls.filter((c) => c.agent && c.outcome !== 'answered_open');
    const res = await post('/api/qa/calibrations', { form: 1, source: calls[1].source, call: calls[1].call,
      evaluators: ['local', 'qa2'], reference: 'local', due_ms: Date.now() + 86400000 });
    if (res.status !== 201) throw new Error(`POST /api/qa/calibrations: ${res.status} ${await res.text()}`);
    const id = (await res.json()).id;
    const mine = await post(`/api/qa/calibrations/${id}/evaluations`, { answers: answers('yes', 'no', 'yes') });
    if (mine.status !== 200) throw new Error(`submit: ${mine.status} ${await mine.text()}`);
    const open = await (await api(`/api/qa/calibrations/${id}`)).json();
    assert(open.status === 'open' && !open.result && open.mine, JSON.stringify(open));
  });
} finally {
  await stopServer(server);
}

// Calibration with accounts: an evaluator (qa role) starts a session on the page, scores it blind
// there; a second evaluator submits; the results (deviations, agreement with bands) show.
const tmp2 = fs.mkdtempSync(path.join(os.tmpdir(), 'callboard-qa-cal-'));
const db2 = path.join(tmp2, 'cal.db');
function cli(cliArgs, what) {
  const r = spawnSync(callboardBin, [...cliArgs, '--db', db2], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${what}: exit ${r.status}: ${r.stderr}`);
}
const pwFile = (name, pw) => { const f = path.join(tmp2, `${name}.pw`); fs.writeFileSync(f, pw + '\n', { mode: 0o600 }); return f; };
cli(['user', 'add', 'boss', '--role', 'admin', '--password-file', pwFile('boss', 'boss-pass-1')], 'add the admin');
cli(['user', 'add', 'root', '--role', 'qa', '--password-file', pwFile('root', 'root-pass-1')], 'add an evaluator');
cli(['user', 'add', 'qiu', '--role', 'qa', '--password-file', pwFile('qiu', 'qiu-pass-1')], 'add an evaluator');
const port2 = await freePort();
const server2 = spawn(callboardBin, ['serve', '--port', String(port2), '--db', db2, '--demo', 'normal', '--speed', '60'],
  { stdio: ['ignore', 'ignore', 'pipe'], cwd: tmp2 });
server2.stderr.on('data', (d) => fs.appendFileSync(path.join(outDir, 'server-qa.log'), d));
const base2 = `http://127.0.0.1:${port2}/`;
async function token(user, password) {
  const res = await fetch(`${base2}api/login`, { method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ user, password, client: 'desktop' }) });
  assert(res.status === 200, `${user} signs in: ${res.status}`);
  return (await res.json()).token;
}
const as = (tok) => (p, method = 'GET', body) => fetch(`${base2}${p}`, { method,
  headers: { Authorization: `Bearer ${tok}`, 'Content-Type': 'application/json' }, body: body && JSON.stringify(body) });
async function signIn(page, user, password, lang) {
  await page.goto(`${base2}?lang=${lang}`);
  let r = await waitReport(page, hasItem('login.user'), 'the login screen');
  await click(page, r, 'login.user');
  await sleep(100);
  await page.keyboard.type(user, { delay: 15 });
  await page.keyboard.press('Tab', { delay: 80 });
  await page.keyboard.type(password, { delay: 15 });
  await page.keyboard.press('Enter', { delay: 80 });
  return waitReport(page, (r) => item(r, 'button.qa'), `${user} signed in`);
}
try {
  await waitHealthy(port2);
  const boss = as(await token('boss', 'boss-pass-1'));
  const qiu = as(await token('qiu', 'qiu-pass-1'));
  await check('an evaluator starts a calibration session on the page and scores it blind', async () => {
    const made = await boss('api/qa/forms', 'POST', form);
    assert(made.status === 201, `form: ${made.status}`);
    for (let i = 0; i < 100; i++) {
      if ((await (await boss('api/calls?limit=50')).json()).calls.some((c) => c.agent && c.outcome !== 'answered_open')) break;
      await sleep(300);
    }
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, locale: 'en-US' });
    const page = await context.newPage();
    let r = await signIn(page, 'root', 'root-pass-1', 'en');
    await click(page, r, 'button.qa');
    r = await waitReport(page, hasItem('qa.tab.calibration'), 'the QA page');
    await click(page, r, 'qa.tab.calibration');
    r = await waitReport(page, (r) => item(r, 'qa.session_call.0') && item(r, 'qa.create_session'), 'the new-session form');
    // A click can land while the list is being redrawn: try again while no session was made.
    for (let attempt = 0; ; attempt++) {
      await click(page, r, 'qa.session_call.0');
      r = await typeInto(page, r, 'qa.session_evaluators', 'root, qiu');
      await click(page, r, 'qa.create_session');
      try {
        r = await waitReport(page, (r) => item(r, 'qa.notice') && item(r, 'qa.session.0'), 'the new session', 8000);
        break;
      } catch (e) {
        const made = (await (await qiu('api/qa/calibrations')).json()).sessions.length;
        if (made > 0 || attempt >= 2) throw e;
        r = await waitReport(page, hasItem('qa.create_session'), 'the new-session form');
      }
    }
    assert(item(r, 'qa.session.0').text.includes('0 of 2 submitted'), item(r, 'qa.session.0').text);
    await click(page, r, 'qa.session.0');
    r = await waitReport(page, hasItem('qa.calibrate.q.close.yes'), 'the blind scoring');
    for (const id of ['qa.calibrate.q.greet.yes', 'qa.calibrate.q.verify.no', 'qa.calibrate.q.close.yes']) {
      await click(page, r, id);
      r = await waitReport(page, hasItem(id), id);
    }
    r = await waitReport(page, (r) => item(r, 'qa.calibrate.score')?.text.includes('60.0%'), 'the score so far');
    await click(page, r, 'qa.submit_calibration');
    r = await waitReport(page, (r) => item(r, 'qa.session.0')?.text.includes('1 of 2 submitted'), 'submitted');
    // Blind: qiu sees only their own (none yet), nothing of root's answers.
    const sessions = (await (await qiu('api/qa/calibrations')).json()).sessions;
    const id = sessions[0].id;
    const open = await (await qiu(`api/qa/calibrations/${id}`)).json();
    assert(open.status === 'open' && !open.entries && !open.result, JSON.stringify(open));
    const sub = await qiu(`api/qa/calibrations/${id}/evaluations`, 'POST', { answers: answers('yes', 'yes', 'yes') });
    if (sub.status !== 200) throw new Error(`qiu submits: ${sub.status} ${await sub.text()}`);
    await context.close();
  });

  for (const lang of ['en', 'zh']) {
    await check(`${lang}: a complete session shows each evaluator's deviation and the agreement with its band`, async () => {
      const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, locale: lang === 'zh' ? 'zh-CN' : 'en-US' });
      const page = await context.newPage();
      let r = await signIn(page, 'root', 'root-pass-1', lang);
      await click(page, r, 'button.qa');
      r = await waitReport(page, hasItem('qa.tab.calibration'), 'the QA page');
      await click(page, r, 'qa.tab.calibration');
      r = await waitReport(page, hasItem('qa.session.0'), 'the sessions');
      await click(page, r, 'qa.session.0');
      r = await waitReport(page, hasItem('qa.result.1.deviation'), 'the results');
      const en = lang === 'en';
      assert(item(r, 'qa.result.0.evaluator').text === (en ? 'root (reference)' : 'root (参考评估)'), item(r, 'qa.result.0.evaluator').text);
      assert(item(r, 'qa.result.1.deviation').text === (en ? '+40.0 pts' : '+40.0 分'), item(r, 'qa.result.1.deviation').text);
      assert(item(r, 'qa.fleiss'), 'the Fleiss line');
      await sleep(300);
      await page.screenshot({ path: path.join(outDir, `qa-calibration-${lang}.png`) });
      // Clicking the session again: the agreement across complete sessions and qiu's drift.
      await click(page, r, 'qa.session.0');
      r = await waitReport(page, hasItem('qa.drift.0.mean'), 'the drift');
      assert(item(r, 'qa.drift.0.evaluator').text === 'qiu', item(r, 'qa.drift.0.evaluator').text);
      assert(item(r, 'qa.drift.0.mean').text === (en ? '+40.0 pts' : '+40.0 分'), item(r, 'qa.drift.0.mean').text);
      await sleep(300);
      await page.screenshot({ path: path.join(outDir, `qa-drift-${lang}.png`) });
      await context.close();
    });
  }
} finally {
  await browser.close();
  await stopServer(server2);
  fs.rmSync(tmp, { recursive: true, force: true });
  fs.rmSync(tmp2, { recursive: true, force: true });
}
finish();
