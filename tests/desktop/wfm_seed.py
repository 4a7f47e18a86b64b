#!/usr/bin/env python3
"""Gives a running server's first team a roster setup, solves and publishes the current week,
edits one day by hand and files two break requests (one approved), through the HTTP API only
(docs/api.md, "Rosters", "Breaks"). For the browser and desktop screenshots of the roster page.
usage: wfm_seed.py BASE_URL   (local mode: no sign-in)"""
import datetime
import json
import sys
import urllib.request

base = sys.argv[1].rstrip('/')


def call(method, path, body=None):
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(base + path, data=data, method=method, headers={'Content-Type': 'application/json'})
    try:
        with urllib.request.urlopen(req, timeout=90) as r:
            return r.status, json.loads(r.read() or b'{}')
    except urllib.error.HTTPError as e:
        return e.code, json.loads(e.read() or b'{}')


status, snap = call('GET', '/api/snapshot')
assert status == 200, snap
team = snap['directory']['teams'][0]['key']
agents = [a['key'] for a in snap['directory']['agents'] if snap['directory']['teams'][a['team']]['key'] == team][:12]
offset = snap.get('tz_offset_min', 0)
now = datetime.datetime.fromtimestamp(snap['now_ms'] / 1000, datetime.timezone.utc) + datetime.timedelta(minutes=offset)
monday = (now.date() - datetime.timedelta(days=now.weekday())).isoformat()

# 30-minute intervals; early 07:00, day 09:00, late 14:00 (8 h with a break and a lunch).
brk = [{'kind': 'break', 'minutes': 15, 'after_min': 90, 'before_end_min': 240},
       {'kind': 'lunch', 'minutes': 30, 'after_min': 180, 'before_end_min': 150}]
need = []
for d in range(7):
    day = []
    for t in range(48):
        h = t / 2
        n = 0 if h < 7 or h >= 22 else (4 if 9 <= h < 18 else 2)
        if d >= 5 and n:
            n = max(1, n // 2)
        day.append(n)
    need.append(day)
setup = {'days': 7, 'first_weekday': 'mon', 'interval_min': 30,
         'shifts': [{'name': 'early', 'start': '07:00', 'hours': 8, 'breaks': brk},
                    {'name': 'day', 'start': '09:00', 'hours': 8, 'breaks': brk},
                    {'name': 'late', 'start': '14:00', 'hours': 8, 'breaks': brk}],
         'agents': [{'key': k, 'skills': ['phone'], 'min_hours_week': 24, 'max_hours_week': 40} for k in agents],
         'required': {'phone': need}}
status, body = call('PUT', '/api/wfm/setup?team=' + team, setup)
assert status == 200, body
status, roster = call('POST', '/api/wfm/rosters', {'team': team, 'start_date': monday, 'time_limit_s': 20})
assert status == 201, roster
rid = roster['id']
status, body = call('POST', f'/api/wfm/rosters/{rid}/publish')
assert status == 200, body
# A hand edit after publishing: the first agent's first day changes (a rule it would break is refused).
first = roster['assignments'][0]
for day, shift in enumerate(first['shifts']):
    new = 'late' if shift == 'early' else 'early' if shift == 'day' else None
    if new:
        status, body = call('PATCH', f'/api/wfm/rosters/{rid}/assignments',
                            {'changes': [{'agent': first['agent'], 'day': day, 'shift': new}]})
        if status == 200:
            break
start = snap['now_ms'] + 20 * 60000
status, r1 = call('POST', '/api/wfm/breaks', {'agent': agents[0], 'start_ms': start, 'minutes': 15, 'kind': 'break', 'note': ''})
assert status == 201, r1
status, r2 = call('POST', '/api/wfm/breaks', {'agent': agents[1], 'start_ms': start + 600000, 'minutes': 30, 'kind': 'lunch', 'note': ''})
assert status == 201, r2
status, body = call('POST', f"/api/wfm/breaks/{r1['id']}/approve")
assert status == 200, body
# Agents (not the one edited) whose shift today has started: their scorecards have an adherence
# figure (before 07:00 nobody's has; then the agents with any shift today).
starts = {s['name']: int(s['start'][:2]) * 60 + int(s['start'][3:]) for s in setup['shifts']}
minute = now.hour * 60 + now.minute
today = [(row['agent'], row['shifts'][now.weekday()]) for row in roster['assignments'][1:] if row['shifts'][now.weekday()]]
started = [a for a, s in today if starts[s] < minute] or [a for a, _ in today]
print(json.dumps({'team': team, 'week': monday, 'roster': rid, 'agents': agents, 'working_today': started}))
