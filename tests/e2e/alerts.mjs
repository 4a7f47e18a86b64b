// End-to-end test of the alerts in real headless Chromium against a demo server: a rule made
// through the API fires on the server's live snapshot within seconds; the webhook receiver this
// test runs on loopback gets the JSON POST with its bearer token (and the token is in no log
// line); the page shows the banner and the wallboard's panel in English and Chinese; Acknowledge
// on the banner is stored in the history with the user; the alerts page lists the rule and the
// history, and a rule added through its form reaches the server. Screenshots of each.
//
// usage: node alerts.mjs --callboard PATH [--out DIR]
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { assert, check, click, finish, freePort, item, launchChromium, parseArgs, sleep, stopServer,
  typeInto, waitHealthy, waitReport } from './lib.mjs';

const args = parseArgs(process.argv.slice(2));
if (!args.callboard) { console.error('usage: node alerts.mjs --callboard PATH [--out DIR]'); process.exit(2); }
const callboardBin = path.resolve(args.callboard);
const outDir = args.out || fs.mkdtempSync(path.join(os.tmpdir(), 'callboard-alerts-'));
fs.mkdirSync(outDir, { recursive: true });
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'callboard-alerts-db-'));

// The webhook receiver.
const token = 'e2e-hook-token-5531';
const hooks = [];
const receiver = http.createServer((req, res) => {
  let body = '';
  req.on('data', (d) => { body += d; });
  req.on('end', () => {
    hooks.push({ path: req.url, auth: req.headers.authorization, type: req.headers['content-type'], body });
    res.writeHead(200).end();
  });
});
const hookPort = await freePort();
await new Promise((r) => receiver.listen(hookPort, '127.0.0.1', r));
fs.writeFileSync(path.join(tmp, 'callboard.json'), JSON.stringify({
  alerts: { webhook_url: `http://127.0.0.1:${hookPort}/hook`, webhook_token: token } }));

const port = await freePort();
const server = spawn(callboardBin, ['serve', '--port', String(port), '--db', path.join(tmp, 'center.db'), '--demo', 'normal',
  '--speed', '1', '--config', path.join(tmp, 'callboard.json')], { stdio: ['ignore', 'ignore', 'pipe'], cwd: tmp });
const logPath = path.join(outDir, 'server-alerts.log');
fs.writeFileSync(logPath, '');
server.stderr.on('data', (d) => fs.appendFileSync(logPath, d));
const api = (p, init) => fetch(`http://127.0.0.1:${port}${p}`, init);
const json = (body) => ({ method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
const browser = await launchChromium();
try {
  await waitHealthy(port);
  await check('a rule made through the API fires on the live snapshot and the webhook gets it with its token', async () => {
    const res = await api('/api/alerts/rules', json({ name: 'Few agents free', scope: 'center', pending_s: 0,
      conditions: [{ metric: 'agents_available', comparator: 'below', warning: 200, critical: 150, clear: 200 }] }));
    assert(res.status === 201, `POST /api/alerts/rules: ${res.status} ${await res.text()}`);
    const bad = await api('/api/alerts/rules', json({ name: 'x', conditions: [{ metric: 'oldest_wait_s', warning: 60, critical: 30 }] }));
    const why = await bad.json();
    assert(bad.status === 400 && why.field === 'conditions[0].critical', `refusal: ${JSON.stringify(why)}`);
    let alerts = [];
    for (let i = 0; i < 50 && alerts.length === 0; i++) {
      alerts = (await (await api('/api/alerts')).json()).alerts;
      if (alerts.length === 0) await sleep(200);
    }
    assert(alerts.length === 1 && alerts[0].rule_name === 'Few agents free' && alerts[0].state === 'firing', JSON.stringify(alerts));
    for (let i = 0; i < 50 && hooks.length === 0; i++) await sleep(100);
    assert(hooks.length >= 1, 'no webhook POST');
    const h = hooks[0];
    assert(h.path === '/hook' && h.auth === `Bearer ${token}` && h.type === 'application/json', JSON.stringify(h));
    const body = JSON.parse(h.body);
    assert(body.alert.to === 'firing' && body.alert.rule_name === 'Few agents free', h.body);
    assert(body.text.startsWith('FIRING critical: Few agents free (center) = '), body.text);
  });

  for (const lang of ['en', 'zh']) {
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, locale: lang === 'zh' ? 'zh-CN' : 'en-US' });
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(`http://127.0.0.1:${port}/?lang=${lang}`);
    await check(`${lang}: the banner and the wallboard's panel show the firing alert`, async () => {
      const r = await waitReport(page, (r) => item(r, 'alert.0') && item(r, 'alerts.panel.0'), 'the banner');
      const line = item(r, 'alert.0').text;
      assert(line.startsWith(lang === 'zh' ? '[紧急] Few agents free · 全中心 · 空闲座席数 = ' : '[Critical] Few agents free · Whole center · Agents available = '), line);
      assert(item(r, 'alerts.panel').text === (lang === 'zh' ? '当前告警：1' : 'Active alerts: 1'), item(r, 'alerts.panel').text);
      await sleep(300);
      await page.screenshot({ path: path.join(outDir, `alerts-wallboard-${lang}.png`) });
    });
    if (lang === 'en') {
      await check('en: Acknowledge on the banner is kept with the user in the history', async () => {
        let r = await waitReport(page, (r) => item(r, 'button.alert_ack.0'), 'the acknowledge button');
        await click(page, r, 'button.alert_ack.0');
        r = await waitReport(page, (r) => item(r, 'alert.0')?.text.includes('Acknowledged'), 'the acknowledged alert');
        const history = (await (await api('/api/alerts/history')).json()).history;
        const ack = history.find((h) => h.to === 'acknowledged');
        assert(ack && ack.user === 'local' && ack.rule_name === 'Few agents free', JSON.stringify(history));
      });
    }
    await check(`${lang}: the alerts page lists the rule and the history; a rule added through the form is stored`, async () => {
      let r = await waitReport(page, (r) => item(r, 'button.alert_history'), 'the header');
      assert(item(r, 'button.alert_history').text === (lang === 'zh' ? '告警' : 'Alerts'), item(r, 'button.alert_history').text);
      await click(page, r, 'button.alert_history');
      r = await waitReport(page, (r) => item(r, 'alert_rules.row.0') && item(r, 'alert_history.row.0'), 'the alerts page');
      assert(item(r, 'alert_rules.row.0').text.startsWith(lang === 'zh' ? 'Few agents free|全中心|空闲座席数低于 200'
        : 'Few agents free|Whole center|Agents available below 200'), item(r, 'alert_rules.row.0').text);
      if (lang === 'zh') {
        await click(page, r, 'button.alert_rule_new');
        r = await waitReport(page, (r) => item(r, 'alert_rule.name'), 'the form');
        r = await typeInto(page, r, 'alert_rule.name', 'Long wait');
        await sleep(300);
        await page.screenshot({ path: path.join(outDir, `alerts-rule-form-${lang}.png`) });
        await click(page, r, 'button.alert_rule_save');
        r = await waitReport(page, (r) => item(r, 'alert_rules.row.1'), 'the new rule in the list');
        const rules = (await (await api('/api/alerts/rules')).json()).rules;
        assert(rules.length === 2 && rules[1].name === 'Long wait' && rules[1].conditions[0].metric === 'oldest_wait_s',
          JSON.stringify(rules));
      }
      await sleep(300);
      await page.screenshot({ path: path.join(outDir, `alerts-page-${lang}.png`) });
      assert(errors.length === 0, errors.join('\n'));
    });
    await context.close();
  }
  await check('the webhook token is in no log line', async () => {
    assert(!fs.readFileSync(logPath, 'utf8').includes(token), 'the token was logged');
  });
} finally {
  await browser.close();
  await stopServer(server);
  receiver.close();
  fs.rmSync(tmp, { recursive: true, force: true });
}
finish();
