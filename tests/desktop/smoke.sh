#!/usr/bin/env bash
# Desktop smoke test: the native app opens a real window under Xvfb, renders the dashboard
# (screenshot must not be blank), in English and Chinese, in-process demo and against a real
# server (with the thresholds panel, the administration, the reconciliation, the roster, the
# forecast page, the scheduled reports' download list and the alerts page open, and a firing
# alert on the banner), and
# exits 0.
# usage: smoke.sh CALLBOARD_DESK CALLBOARD OUT_DIR
set -u
desk=$1; server=$2; out=$3
mkdir -p "$out"
passed=0; failed=0
ok()   { echo "ok   $1"; passed=$((passed + 1)); }
fail() { echo "FAIL $1: $2"; failed=$((failed + 1)); }

# Runs the desktop app under its own Xvfb, takes a screenshot after $2 seconds.
# run_desk NAME SECONDS ARGS...
run_desk() {
  local name=$1 secs=$2; shift 2
  xvfb-run -a -s "-screen 0 1400x900x24" bash -c '
    "$0" "$@" & pid=$!
    sleep '"$secs"'
    import -window root "'"$out/$name.png"'"
    wait $pid' "$desk" --size 1400x900 --exit-after $((secs + 2)) --report "$out/$name.json" "$@" \
    >"$out/$name.log" 2>&1
}

# Checks: exit 0, non-blank screenshot, report holds item $2 (with text matching $3 if given).
verify() {
  local name=$1 rc=$2 id=$3 pattern=${4:-}
  [ "$rc" = 0 ] || { fail "$name" "exit code $rc ($(tail -3 "$out/$name.log"))"; return; }
  local sd
  sd=$(/usr/bin/convert "$out/$name.png" -colorspace Gray -format '%[fx:standard_deviation]' info: 2>/dev/null || echo 0)
  python3 - "$out/$name.json" "$id" "$pattern" "$sd" <<'PY' && ok "$name" || fail "$name" "see above"
import json, re, sys
path, wanted, pattern, sd = sys.argv[1], sys.argv[2], sys.argv[3], float(sys.argv[4])
if sd < 0.03:
    print(f"  screenshot looks blank (standard deviation {sd:.4f})"); sys.exit(1)
report = json.load(open(path))
items = {i["id"]: i["text"] for i in report["items"]}
if wanted not in items:
    print(f"  '{wanted}' not shown; items: {sorted(items)[:20]}"); sys.exit(1)
if pattern and not re.search(pattern, items[wanted]):
    print(f"  '{wanted}' shows '{items[wanted]}', expected /{pattern}/"); sys.exit(1)
PY
}

run_desk demo-en 4 --lang en --demo normal --speed 10; verify demo-en $? freshness '^Offline demo$'
# The trainer's controls over the in-process demo, and the speed it was started with.
python3 - "$out/demo-en.json" <<'PY' && ok "demo-en shows the trainer's controls" || fail "demo-en shows the trainer's controls" "see above"
import json, sys
r = json.load(open(sys.argv[1])); items = {i["id"]: i["text"] for i in r["items"]}
want = {"demo.scenario": "normal", "demo.pause": "Pause", "demo.state": "running", "demo.jump.60": "+1 h", "demo.jump_to.time": "12:00"}
bad = {k: items.get(k) for k, v in want.items() if items.get(k) != v}
if bad or r.get("speed") != 10: print(f"  unexpected: {bad}, speed {r.get('speed')}"); sys.exit(1)
PY
run_desk demo-zh 4 --lang zh --demo lunch_gap; verify demo-zh $? tab.wallboard '^实时看板$'
run_desk tv-zh 4 --lang zh --demo normal --tv; verify tv-zh $? button.exit_tv '^退出电视模式$'
run_desk tv-en 4 --lang en --demo normal --tv; verify tv-en $? tv.pages '^4$'
# Live staffing and adherence on the floor, and an agent card's break what-if, both languages.
run_desk wfm-floor-en 6 --lang en --demo normal --speed 10 --agent 1005; verify wfm-floor-en $? floor.staffing '^Staffing now$'
run_desk wfm-floor-zh 6 --lang zh --demo normal --speed 10 --agent 1005; verify wfm-floor-zh $? floor.staffing '^当前人力$'
python3 - "$out/wfm-floor-en.json" "$out/demo-en.json" "$out/tv-en.json" <<'PY' && ok "live staffing, adherence and the what-if show" || fail "live staffing, adherence and the what-if show" "see above"
import json, re, sys
def items(p): return {i["id"]: i["text"] for i in json.load(open(p))["items"]}
floor, wall, tv = (items(p) for p in sys.argv[1:4])
sl = r"(\d{1,3}\.\d%|grows)"
bad = []
whatif = [v for k, v in floor.items() if k.startswith("card.whatif.")]
if not whatif or not all(re.fullmatch(sl + " → " + sl, v) or v in ("no_change", "not_known") for v in whatif): bad.append(f"card what-if {whatif}")
if "card.adherence" not in floor: bad.append("no adherence on the card")
if not re.fullmatch(r"\d+", floor.get("floor.adherence", "")): bad.append(f"floor.adherence {floor.get('floor.adherence')}")
if not re.fullmatch(r"\d+\.0", floor.get("staffing.center.on_queue", "")): bad.append(f"center on queue (each agent once) {floor.get('staffing.center.on_queue')}")
for name, r, field in (("wallboard", wall, ".sl_now"), ("tv", tv, ".sl_next15")):
    nows = [v for k, v in r.items() if k.startswith("queue.") and k.endswith(field)]
    if not nows or not all(re.fullmatch(sl, v) for v in nows): bad.append(f"{name} {field} {nows}")
if bad: print("  " + "; ".join(bad)); sys.exit(1)
PY

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
db=$(mktemp -d)
# The relay is a loopback port nothing listens on: a scheduled report's mail is refused and retried.
closed=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
echo '{"scheduled_reports": {"folder": "reports", "smtp": {"url": "smtp://127.0.0.1:'"$closed"'", "from": "callboard@example.org"}}}' >"$db/smoke.json"
"$server" serve --port "$port" --db "$db/smoke.db" --demo normal --speed 10 --config "$db/smoke.json" 2>"$out/server.log" &
spid=$!
for _ in $(seq 50); do curl -fs "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break; sleep 0.2; done
run_desk server-en 5 --lang en --server "http://127.0.0.1:$port"; verify server-en $? source '^demo:normal$'
# A trainer pauses the server's demo and switches the scenario (POST /api/demo, local mode): the
# desktop app follows through its stream and shows the controls in that state.
curl -fs -X POST -H 'Content-Type: application/json' -d '{"action":"pause"}' "http://127.0.0.1:$port/api/demo" >/dev/null &&
curl -fs -X POST -H 'Content-Type: application/json' -d '{"action":"scenario","scenario":"monday_peak"}' "http://127.0.0.1:$port/api/demo" >/dev/null ||
  fail "POST /api/demo" "curl failed"
run_desk server-zh-paused 5 --lang zh --server "http://127.0.0.1:$port"; verify server-zh-paused $? demo.state '^paused$'
python3 - "$out/server-zh-paused.json" <<'PY' && ok "the desktop follows the server's demo" || fail "the desktop follows the server's demo" "see above"
import json, sys
items = {i["id"]: i["text"] for i in json.load(open(sys.argv[1]))["items"]}
want = {"source": "demo:monday_peak", "source.label": "演示：周一早高峰", "demo.pause": "继续", "freshness": "实时 · 模拟已暂停"}
bad = {k: items.get(k) for k, v in want.items() if items.get(k) != v}
if bad: print(f"  unexpected: {bad}"); sys.exit(1)
PY
curl -fs -X POST -H 'Content-Type: application/json' -d '{"action":"resume"}' "http://127.0.0.1:$port/api/demo" >/dev/null
python3 - "$out/server-en.json" <<'PY' && ok "server-en is live" || fail "server-en is live" "freshness"
import json, sys
items = {i["id"]: i["text"] for i in json.load(open(sys.argv[1]))["items"]}
sys.exit(0 if items.get("freshness") in ("Live",) or items.get("freshness", "").endswith("s old") else 1)
PY
# The server's thresholds and the administration page (a server in local mode: its local admin
# may change everything), in both languages.
run_desk settings-en 5 --lang en --server "http://127.0.0.1:$port" --open settings
verify settings-en $? settings.last_changed '^Defaults, never changed$'
run_desk settings-zh 5 --lang zh --server "http://127.0.0.1:$port" --open settings
verify settings-zh $? settings.title '^颜色与提醒阈值$'
run_desk admin-en 5 --lang en --server "http://127.0.0.1:$port" --open admin
verify admin-en $? admin.no_accounts '^No account yet: this server runs in local mode'
run_desk admin-zh 5 --lang zh --server "http://127.0.0.1:$port" --open admin
verify admin-zh $? admin.no_accounts '^尚无账号'
# The reconciliation page over the demo's stored calls of today, in both languages.
run_desk reconcile-en 6 --lang en --server "http://127.0.0.1:$port" --open reconcile
verify reconcile-en $? reconcile.cell.answered.callboard '^[0-9]+'
run_desk reconcile-zh 6 --lang zh --server "http://127.0.0.1:$port" --open reconcile
verify reconcile-zh $? reconcile.title '^与其他统计工具对账$'
# The roster page: the first team's week solved and published over the API, shown in both languages.
python3 "$(dirname "$0")/wfm_seed.py" "http://127.0.0.1:$port" >"$out/wfm_seed.log" 2>&1 || fail "roster seed" "$(tail -3 "$out/wfm_seed.log")"
run_desk roster-en 7 --lang en --server "http://127.0.0.1:$port" --open roster
verify roster-en $? roster.head '^Version 1 · published'
run_desk roster-zh 7 --lang zh --server "http://127.0.0.1:$port" --open roster
verify roster-zh $? roster.title '^排班、休息与遵守度$'
# The change log in the page's language, from its stored fields.
python3 - "$out/roster-en.json" "$out/roster-zh.json" <<'PY' && ok "the roster's change log in both languages" || fail "the roster's change log in both languages" "see above"
import json, re, sys
def items(p): return {i["id"]: i["text"] for i in json.load(open(p))["items"]}
en, zh = (items(p) for p in sys.argv[1:3])
want = [(en, "roster.log.0", r"solve the week from \d{4}-\d\d-\d\d: (optimal|feasible), objective [\d.]+, gap [\d.]+ %"),
        (en, "roster.log.1", r"publish version 1"),
        (zh, "roster.log.0", r"solve 自 \d{4}-\d\d-\d\d 起的一周：(最优|可行)，目标值 [\d.]+，差距 [\d.]+ %"),
        (zh, "roster.log.1", r"publish 第 1 版")]
bad = [(k, r.get(k)) for r, k, p in want if not re.fullmatch(p, r.get(k, ""))]
if "roster.log.2" in zh and not re.fullmatch(r"edit \S+ \d{4}-\d\d-\d\d：\S+ → \S+", zh["roster.log.2"]): bad.append(("zh edit", zh["roster.log.2"]))
if bad: print(f"  unexpected: {bad}"); sys.exit(1)
PY
# An agent's scorecard with its adherence from the published roster (an agent working today).
sc_agent=$(python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["working_today"][0])' "$out/wfm_seed.log" 2>/dev/null || echo none)
run_desk scorecard-agent-en 7 --lang en --server "http://127.0.0.1:$port" --open scorecards --agent "$sc_agent"
verify scorecard-agent-en $? scorecard.value.adherence_pct '^([0-9]+\.[0-9]%|no schedule)$'
run_desk scorecard-agent-zh 7 --lang zh --server "http://127.0.0.1:$port" --open scorecards --agent "$sc_agent"
verify scorecard-agent-zh $? scorecard.value.conformance_pct '^([0-9]+\.[0-9]%|无排班)$'
# The forecast page over the demo's stored history, in both languages.
run_desk forecast-en 8 --lang en --server "http://127.0.0.1:$port" --open forecast
verify forecast-en $? forecast.summary '^[0-9]{4}-[0-9]{2}-[0-9]{2} to '
run_desk forecast-zh 8 --lang zh --server "http://127.0.0.1:$port" --open forecast
verify forecast-zh $? forecast.title '^预测与排班需求$'

# The agent scorecards (the demo's first team, this month) and the incident report (the last hour
# against the previous weeks), in both languages.
run_desk scorecards-en 6 --lang en --server "http://127.0.0.1:$port" --open scorecards
verify scorecards-en $? scorecards.summary '^Team A · '
run_desk scorecards-zh 6 --lang zh --server "http://127.0.0.1:$port" --open scorecards
verify scorecards-zh $? scorecards.title '^座席评分卡$'
run_desk incident-en 6 --lang en --server "http://127.0.0.1:$port" --open incident
verify incident-en $? incident.cell.window.offered '^[0-9]+ \| typ '
run_desk incident-zh 6 --lang zh --server "http://127.0.0.1:$port" --open incident
verify incident-zh $? incident.title '^事件复盘报告$'
# The Reports area over the demo's stored calls of today, by the hour, in both languages.
run_desk reports-en 6 --lang en --server "http://127.0.0.1:$port" --open reports
verify reports-en $? reports.totals.0.offered '^[0-9]+$'
run_desk reports-zh 6 --lang zh --server "http://127.0.0.1:$port" --open reports
verify reports-zh $? reports.title '^历史报表$'
# The scheduled reports' download list: a daily schedule made through the API, its file listed.
curl -fs -X POST -H 'Content-Type: application/json' -d '{"name":"每日报告","kind":"daily","at":"00:00","lang":"zh","folder":"daily","recipients":["boss@example.org"]}' \
  "http://127.0.0.1:$port/api/reports/schedules" >/dev/null || fail "POST /api/reports/schedules" "curl failed"
curl -fs -X POST -H 'Content-Type: application/json' \
  -d '{"name":"Weekly CSV","kind":"weekly","first_weekday":"tuesday","at":"07:30","format":"csv","lang":"en","folder":"weekly"}' \
  "http://127.0.0.1:$port/api/reports/schedules" >/dev/null || fail "POST /api/reports/schedules (weekly)" "curl failed"
run_desk files-en 6 --lang en --server "http://127.0.0.1:$port" --open files
# Newest first: the weekly CSV (a week), then the daily PDF (a day).
verify files-en $? files.row.0.period '^[0-9]{4}-[0-9]{2}-[0-9]{2} – [0-9]{4}-[0-9]{2}-[0-9]{2}$'
verify files-en 0 files.row.1.period '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'
verify files-en 0 schedules.row.1.runs '^every Tue at 07:30$'
verify files-en 0 schedules.row.0.mail '^retrying at [0-9]{2}:[0-9]{2}$'
verify files-en 0 schedules.row.0.mail.last_error '^mail not sent'
run_desk files-zh 6 --lang zh --server "http://127.0.0.1:$port" --open files
verify files-zh $? files.title '^定时报告$'
verify files-zh 0 schedules.row.1.runs '^每周二 07:30$'
verify files-zh 0 schedules.row.0.mail '^将于 [0-9]{2}:[0-9]{2} 重试$'
# The QA page: a form made and a stored call scored through the API (local mode), listed with its
# score in both languages.
curl -fs -X POST -H 'Content-Type: application/json' -d '{"name":"服务质检","sections":[{"id":"open","title":"开场","weight":40,"questions":[{"id":"greet","text":"称呼客户"},{"id":"verify","text":"核实身份"}]},{"id":"end","title":"结束","weight":20,"questions":[{"id":"close","text":"规范结束","auto_fail":true}]}]}' \
  "http://127.0.0.1:$port/api/qa/forms" >/dev/null || fail "POST /api/qa/forms" "curl failed"
qa_call=$(curl -fs "http://127.0.0.1:$port/api/calls?limit=50" | python3 -c 'import json,sys; c=[x for x in json.load(sys.stdin)["calls"] if x["agent"] and x["outcome"] != "answered_open"][0]; print(json.dumps({"source":c["source"],"call":c["call"]}))')
curl -fs -X POST -H 'Content-Type: application/json' -d "$(python3 -c 'import json,sys; b=json.loads(sys.argv[1]); b.update(form=1, answers=[{"question":"greet","choice":"yes"},{"question":"verify","choice":"no","comment":"未核实"},{"question":"close","choice":"yes"}]); print(json.dumps(b))' "$qa_call")" \
  "http://127.0.0.1:$port/api/qa/evaluations" >/dev/null || fail "POST /api/qa/evaluations" "curl failed"
run_desk qa-en 6 --lang en --server "http://127.0.0.1:$port" --open qa
verify qa-en $? qa.evaluation.0.score '^60.0%$'
run_desk qa-zh 6 --lang zh --server "http://127.0.0.1:$port" --open qa
verify qa-zh $? qa.title '^质检管理$'
# Alerts: a rule made through the API fires on the server's demo at once; the banner and the
# wallboard's panel show it, and the alerts page (--open alerts) lists the rule and its history.
curl -fs -X POST -H 'Content-Type: application/json' \
  -d '{"name":"Few agents free","scope":"center","pending_s":0,"conditions":[{"metric":"agents_available","comparator":"below","warning":200,"critical":150,"clear":200}]}' \
  "http://127.0.0.1:$port/api/alerts/rules" >/dev/null || fail "POST /api/alerts/rules" "curl failed"
run_desk alerts-wallboard-en 6 --lang en --server "http://127.0.0.1:$port"
verify alerts-wallboard-en $? alert.0 '^\[Critical\] Few agents free · Whole center · Agents available = '
run_desk alerts-wallboard-zh 6 --lang zh --server "http://127.0.0.1:$port"
verify alerts-wallboard-zh $? alerts.panel '^当前告警：1$'
run_desk alerts-en 6 --lang en --server "http://127.0.0.1:$port" --open alerts
verify alerts-en $? alert_rules.row.0 '^Few agents free\|Whole center\|Agents available below 200'
run_desk alerts-zh 6 --lang zh --server "http://127.0.0.1:$port" --open alerts
verify alerts-zh $? alert_history.row.0 '\|Few agents free\|全中心\|normal>firing\|$'
# A change made elsewhere (here with curl, as a browser would) shows on the open desktop.
( sleep 3; curl -fs -X PUT -H 'Content-Type: application/json' -d '{"call_long_s":777}' \
    "http://127.0.0.1:$port/api/thresholds/center" >/dev/null ) &
run_desk pushed-en 6 --lang en --server "http://127.0.0.1:$port" --open settings
verify pushed-en $? settings.call_long_s '^777$'
kill -TERM $spid; wait $spid; rc=$?
[ $rc = 0 ] && ok "server stops cleanly on SIGTERM" || fail "server stops cleanly on SIGTERM" "exit $rc"
rm -rf "$db"

echo "screenshots in $out"
echo "$passed passed, $failed failed"
[ $failed = 0 ]
