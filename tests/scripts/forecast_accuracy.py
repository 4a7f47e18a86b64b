#!/usr/bin/env python3
"""Accuracy of a forecast against what happened, from `callboard forecast --csv` on stdin.

For each queue (and all queues together), over the intervals that have an actual count:
WAPE = sum |actual - forecast| / sum actual; MAPE = mean |actual - forecast| / actual over the
intervals whose actual is not zero; bias = sum (forecast - actual) / sum actual (docs/wfm.md).
Prints a Markdown table. Used for the back-test recorded in docs/wfm.md:

  callboard forecast --db bank.db --time-zone Asia/Jerusalem --from 1999-03-01 --weeks 4 --csv \
      | tests/scripts/forecast_accuracy.py
"""
import csv
import sys


def main():
    rows = csv.DictReader(sys.stdin)
    per = {}
    for r in rows:
        if r["actual_calls"] == "":
            continue
        a, f = float(r["actual_calls"]), float(r["calls"])
        for key in (r["queue"], "(all)"):
            s = per.setdefault(key, [0.0, 0.0, 0.0, 0.0, 0, 0.0])  # abs err, actual, signed err, ape sum, ape n, forecast
            s[0] += abs(a - f)
            s[1] += a
            s[2] += f - a
            if a != 0:
                s[3] += abs(a - f) / a
                s[4] += 1
            s[5] += f
    print("| queue | actual calls | forecast calls | WAPE | MAPE | bias |")
    print("|---|---:|---:|---:|---:|---:|")
    for key in sorted(per, key=lambda k: (k == "(all)", -per[k][1])):
        e, a, b, ape, n, f = per[key]
        wape = f"{100 * e / a:.1f} %" if a else "-"
        mape = f"{100 * ape / n:.1f} %" if n else "-"
        bias = f"{100 * b / a:+.1f} %" if a else "-"
        print(f"| {key} | {a:,.0f} | {f:,.0f} | {wape} | {mape} | {bias} |")


if __name__ == "__main__":
    main()
