#!/usr/bin/python3
"""Totals of the "Anonymous Bank" per-call files, counted without Callboard's code.

Reads the raw monthly files its own way (whitespace split, its own time arithmetic in Israel's
standard time UTC+2, which held from January to March 1999) and applies the rules written in
docs/ingest.md ("Per-call records") and docs/datasets.md. tests/server/test_calls_bank.cpp
compares its numbers with what `callboard import calls --format anonymous_bank` reports and
stores, and checks that docs/datasets.md shows its tables.

    anonymous_bank_totals.py FILE...            JSON on stdout
    anonymous_bank_totals.py --markdown FILE...  the tables of docs/datasets.md
"""
import datetime
import json
import re
import sys
from collections import Counter, defaultdict

DOCUMENTED_TYPES = {"PS", "PE", "IN", "NE", "NW", "TT"}
THRESHOLD_S = 20          # the default service-level threshold T
UTC_OFFSET_S = 2 * 3600   # Israel Standard Time; daylight saving time began on 2 April 1999
ABSENT = {"0:00:00", "00:00:00"}
TIME = re.compile(r"^(\d{1,2}):(\d\d):(\d\d)$")
COUNTS = ["within_t_by_q_time", "rows", "answered", "answered_without_queue", "abandoned", "hung_up_before_queue", "ignored",
          "rejected", "answered_within_t", "abandoned_within_t", "wait_answered_ms", "wait_abandoned_ms", "talk_ms"]


class Rejected(Exception):
    pass


def clock(text):
    m = TIME.match(text)
    if not m:
        raise Rejected("bad_time")
    h, mi, s = (int(x) for x in m.groups())
    if h > 23 or mi > 59 or s > 59:
        raise Rejected("bad_time")
    return (h * 60 + mi) * 60 + s


def read_row(line):
    """One data row -> dict(kind, queue, outcome, notes, times...) or kind 'rejected' with reason."""
    f = line.split()
    row = {"queue": None, "outcome": None, "notes": []}
    if len(f) != 17:
        return dict(row, kind="rejected", reason="fields")
    row["queue"] = f[4]
    separators = re.findall(r"[ \t]+", line.strip(" \t"))
    if line != line.strip(" \t") or any(s != "\t" for s in separators):
        row["notes"].append("irregular_separators")
    if f[4] not in DOCUMENTED_TYPES:
        row["notes"].append("unlisted_queue")
    row["outcome"] = f[12]
    if f[12] not in ("AGENT", "HANG", "PHANTOM"):
        return dict(row, kind="rejected", reason="unknown_outcome", notes=[])
    if f[12] == "PHANTOM":
        return dict(row, kind="ignored")
    try:
        if not re.match(r"^\d{6}$", f[5]):
            raise Rejected("bad_date")
        try:
            day = datetime.date(1900 + int(f[5][:2]) if int(f[5][:2]) >= 70 else 2000 + int(f[5][:2]),
                                int(f[5][2:4]), int(f[5][4:6]))
        except ValueError:
            raise Rejected("bad_date")
        cols = {"vru_entry": 6, "vru_exit": 7, "q_start": 9, "q_exit": 10, "ser_start": 13, "ser_exit": 14}
        partner = {"vru_entry": "vru_exit", "vru_exit": "vru_entry", "q_start": "q_exit", "q_exit": "q_start",
                   "ser_start": "ser_exit", "ser_exit": "ser_start"}
        text = {name: f[i] for name, i in cols.items()}
        present = {name: text[name] not in ABSENT or text[partner[name]] not in ABSENT for name in cols}
        tod = {name: clock(text[name]) for name in cols if present[name]}
        anchor = next(n for n in ("vru_entry", "q_start", "ser_start", "vru_exit", "q_exit", "ser_exit") if present.get(n))
        base = (day.toordinal() - datetime.date(1970, 1, 1).toordinal()) * 86400 - UTC_OFFSET_S
        t = {}
        for name, s in tod.items():
            if name != anchor and s < tod[anchor] - 43200:
                s += 86400  # past midnight
            t[name] = (base + s) * 1000
        for seconds, a, b in ((8, "vru_entry", "vru_exit"), (11, "q_start", "q_exit"), (15, "ser_start", "ser_exit")):
            if a in t and b in t:
                if not re.match(r"^-?\d+$", f[seconds]):
                    raise Rejected("bad_duration")
                if int(f[seconds]) * 1000 != t[b] - t[a]:
                    raise Rejected("duration_mismatch")
                if int(f[seconds]) < 0 and a == "vru_entry":
                    row["notes"].append("negative_duration")
        entry, leave = t.get("q_start"), t.get("q_exit")
        answer, end = t.get("ser_start"), t.get("ser_exit")
        if f[12] == "AGENT":
            if f[16] == "NO_SERVER":
                raise Rejected("answered_without_agent")
            if answer is None or end is None:
                raise Rejected("answered_without_service")
            if end < answer:
                raise Rejected("service_end_before_start")
            if entry is not None and answer < entry:
                raise Rejected("answer_before_queue_entry")
            if end == answer:
                row["notes"].append("zero_service_time")
            return dict(row, kind="answered" if entry is not None else "answered_without_queue", agent=f[16],
                        call_id=f[0] + "/" + f[1], entry=entry, answer=answer, end=end, q_time=int(f[11]),
                        start=entry if entry is not None else answer, last=end)
        if answer is not None or end is not None:
            row["notes"].append("abandoned_with_service")
        if entry is None:
            return dict(row, kind="hung_up_before_queue")
        if leave is None:
            raise Rejected("abandoned_without_queue_exit")
        if leave < entry:
            raise Rejected("queue_exit_before_entry")
        return dict(row, kind="abandoned", call_id=f[0] + "/" + f[1], entry=entry, leave=leave, start=entry, last=leave)
    except Rejected as why:
        return dict(row, kind="rejected", reason=str(why), notes=[])


def read_files(paths):
    rows = []
    for index, path in enumerate(paths):
        header = False
        with open(path, encoding="latin-1") as src:
            for number, line in enumerate(src, 1):
                line = line.rstrip("\n").rstrip("\r")
                if not line.strip(" \t"):
                    continue
                if not header:
                    header = True
                    continue
                row = read_row(line)
                row["file"], row["line"], row["order"] = index, number, len(rows)
                rows.append(row)
    # The same call id at overlapping times: the later row is refused.
    kept = [r for r in rows if r["kind"] in ("answered", "answered_without_queue", "abandoned")]
    by_id = defaultdict(list)
    for r in kept:
        by_id[r["call_id"]].append(r)
    for group in by_id.values():
        group.sort(key=lambda r: (r["start"], r["last"], r["order"]))
        last_start, last_end = None, None
        for r in group:
            if last_end is not None and (r["start"] < last_end or r["start"] == last_start):
                r.update(kind="rejected", reason="duplicate_call_id", notes=[])
                continue
            if last_end is None or r["last"] > last_end:
                last_start, last_end = r["start"], r["last"]
    # An agent serves one call at a time: in order of answer, a call answered before the
    # agent's previous call ended is refused.
    by_agent = defaultdict(list)
    for r in rows:
        if r["kind"] in ("answered", "answered_without_queue"):
            by_agent[r["agent"]].append(r)
    for calls in by_agent.values():
        calls.sort(key=lambda r: (r["answer"], r["end"], r["order"]))
        busy_until = None
        for r in calls:
            if busy_until is not None and r["answer"] < busy_until:
                r.update(kind="rejected", reason="agent_busy", notes=[])
                continue
            busy_until = r["end"]
    return rows


def empty_counts():
    c = {k: 0 for k in COUNTS}
    c.update(outcome_values=Counter(), rejected_by_reason=Counter(), notes_by_kind=Counter())
    return c


def add(c, r):
    c["rows"] += 1
    c[r["kind"]] += 1
    if r["outcome"] is not None:
        c["outcome_values"][r["outcome"]] += 1
    if r["kind"] == "rejected":
        c["rejected_by_reason"][r["reason"]] += 1
        return
    for n in r["notes"]:
        c["notes_by_kind"][n] += 1
    if r["kind"] in ("answered", "answered_without_queue"):
        wait = r["answer"] - r["entry"] if r["entry"] is not None else 0
        c["wait_answered_ms"] += wait
        c["answered_within_t"] += wait <= THRESHOLD_S * 1000
        c["within_t_by_q_time"] += r["q_time"] <= THRESHOLD_S  # the file's own wait (0 without a queue)
        c["talk_ms"] += r["end"] - r["answer"]
    elif r["kind"] == "abandoned":
        wait = r["leave"] - r["entry"]
        c["wait_abandoned_ms"] += wait
        c["abandoned_within_t"] += wait <= THRESHOLD_S * 1000


def totals(paths):
    rows = read_files(paths)
    per_file = [empty_counts() for _ in paths]
    per_queue = defaultdict(empty_counts)
    total = empty_counts()
    months = defaultdict(lambda: defaultdict(empty_counts))  # stored calls by local month of entry, queue
    for r in rows:
        add(per_file[r["file"]], r)
        add(total, r)
        if r["queue"] is not None:
            add(per_queue[r["queue"]], r)
        if r["kind"] in ("answered", "answered_without_queue", "abandoned"):
            local = datetime.datetime(1970, 1, 1) + datetime.timedelta(milliseconds=r["start"] + UTC_OFFSET_S * 1000)
            add(months[local.strftime("%Y-%m")][r["queue"]], r)
    return {
        "per_file": {p.rsplit("/", 1)[-1]: c for p, c in zip(paths, per_file)},
        "per_queue": per_queue,
        "total": total,
        "stored_by_month": months,
    }


def pct(a, b):
    return "-" if b == 0 else f"{100.0 * a / b:.1f} %"


def hours(ms):
    return f"{ms / 3600000.0:,.1f}"


def markdown(result):
    files = result["per_file"]
    names = list(files)
    out = []
    out.append("| | " + " | ".join(names) + " |")
    out.append("|---|" + "---:|" * len(names))
    def line(label, fn):
        out.append(f"| {label} | " + " | ".join(fn(files[n]) for n in names) + " |")
    line("rows (calls in the file)", lambda c: f"{c['rows']:,}")
    for v in ("AGENT", "HANG", "PHANTOM"):
        line(f"outcome {v}", lambda c, v=v: f"{c['outcome_values'][v]:,}")
    line("stored: answered after a queue wait", lambda c: f"{c['answered']:,}")
    line("stored: answered without a queue (wait 0)", lambda c: f"{c['answered_without_queue']:,}")
    line("stored: abandoned in the queue", lambda c: f"{c['abandoned']:,}")
    line("not stored: hung up before the queue", lambda c: f"{c['hung_up_before_queue']:,}")
    line("not stored: PHANTOM (ignored)", lambda c: f"{c['ignored']:,}")
    line("not stored: rejected", lambda c: f"{c['rejected']:,}")
    reasons = sorted({r for c in files.values() for r in c["rejected_by_reason"]})
    for r in reasons:
        line(f"rejected: `{r}`", lambda c, r=r: f"{c['rejected_by_reason'][r]:,}")
    kinds = sorted({k for c in files.values() for k in c["notes_by_kind"]})
    for k in kinds:
        line(f"kept with note `{k}`", lambda c, k=k: f"{c['notes_by_kind'][k]:,}")
    line("talk (service) time, hours", lambda c: hours(c["talk_ms"]))
    line("answered within 20 s", lambda c: f"{c['answered_within_t']:,} "
         f"({pct(c['answered_within_t'], c['answered'] + c['answered_without_queue'])})")
    line("answered after a queue wait, within 20 s", lambda c: f"{c['answered_within_t'] - c['answered_without_queue']:,}")
    line("answered within 20 s by the file's q_time", lambda c: f"{c['within_t_by_q_time']:,}")
    line("mean wait of answered calls, s", lambda c: "-" if c['answered'] + c['answered_without_queue'] == 0 else
         f"{c['wait_answered_ms'] / 1000.0 / (c['answered'] + c['answered_without_queue']):.1f}")
    line("abandoned within 20 s", lambda c: f"{c['abandoned_within_t']:,}")
    out.append("")
    months = result["stored_by_month"]
    out.append("| month | queue | offered | answered (no queue) | abandoned | answered within 20 s | talk, hours |")
    out.append("|---|---|---:|---:|---:|---:|---:|")
    for month in sorted(months):
        for queue in sorted(months[month]):
            c = months[month][queue]
            answered = c["answered"] + c["answered_without_queue"]
            offered = answered + c["abandoned"]
            out.append(f"| {month} | {queue} | {offered:,} | {answered:,} ({c['answered_without_queue']:,}) | "
                       f"{c['abandoned']:,} | {c['answered_within_t']:,} ({pct(c['answered_within_t'], offered)} of offered) | "
                       f"{hours(c['talk_ms'])} |")
    return "\n".join(out) + "\n"


def main(argv):
    as_markdown = "--markdown" in argv
    paths = [a for a in argv if a != "--markdown"]
    result = totals(paths)
    if as_markdown:
        sys.stdout.write(markdown(result))
    else:
        json.dump(result, sys.stdout, indent=1, sort_keys=True)
        sys.stdout.write("\n")


if __name__ == "__main__":
    main(sys.argv[1:])
