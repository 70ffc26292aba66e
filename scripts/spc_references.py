#!/usr/bin/env python3
"""Reference values for the XmR chart tests (Tests/MetricsTests/ProcessControlTests.swift).

Run from the package root:

    python3 scripts/spc_references.py            # standard library only: prints the Swift literal
    /tmp/venvS/bin/python scripts/spc_references.py --abspc   # also cross-checks the rules with abspc

No PyPI package reproduces NHS England's Making Data Count (MDC) rules exactly: abspc 1.1.0 ("SPC chart
visuals using the NHS Making Data Count methodology") uses 3/1.128 = 2.6596 instead of MDC's 2.66, a shift of
8 and a trend of 6 by default, and the pre-2023 two-in-three rule (points beyond a process limit do not
count). So the expected values come from this script, written from the rules' definitions and independently
of the Swift code (windows are checked one by one, where the Swift code walks maximal runs):

* limits: mean of the baseline values, mR = |x_i - x_(i-1)| between neighbours both recorded, mR-bar their
  mean, limits mean +- 2.66 mR-bar, 2-sigma lines mean +- (2/3) 2.66 mR-bar, mR limit 3.267 mR-bar; optional
  screening drops mR >= 3.267 mR-bar once (Nelson 1982, NHSRplotthedots' screen_outliers);
* a point is flagged by: a value strictly beyond a limit; any window of SHIFT consecutive recorded points, all
  strictly above (or all below) the mean, that contains it; any window of TREND consecutive recorded points,
  strictly increasing (or decreasing), that contains it; any window of 3 consecutive recorded points all on one
  side of the mean with at least 2 beyond that side's 2-sigma line (the point itself beyond it);
* polarity: high signals are improvement when higher is better; a point with both meanings shows improvement;
  its side is that of the first signal of that meaning in the order limit, trend, two-in-three, shift;
* icons: variation from the latest recorded point; assurance from the latest phase's limits and the target.

With --abspc the rule flags of every single-phase case without gaps are compared with abspc's own rule
functions (_rule1_astronomical with our limits, _rule2_shift with run_length=SHIFT, _rule3_trend with
run_length=TREND, and _rule4_two_in_three where no point lies beyond a limit); a disagreement stops the script.
"""

from __future__ import annotations

import csv
import math
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ORDER = ["L", "T", "2", "S"]  # limit, trend, two in three, shift


def limits(values, lo, hi, baseline=None, screen=False):
    base, mrs, prev = [], [], None
    for i in range(lo, hi):
        x = values[i]
        if x is None:
            prev = None
            continue
        if baseline is not None and len(base) >= baseline:
            break
        base.append(x)
        if prev is not None:
            mrs.append(abs(x - prev))
        prev = x
    mean = sum(base) / len(base)
    amr = sum(mrs) / len(mrs)
    if screen:
        kept = [m for m in mrs if m < 3.267 * amr]
        if kept:
            amr = sum(kept) / len(kept)
    return dict(start=lo, end=hi, baselineCount=len(base), mean=mean, amr=amr,
                lpl=mean - 2.66 * amr, upl=mean + 2.66 * amr,
                l2=mean - 2 * (2.66 / 3) * amr, u2=mean + 2 * (2.66 / 3) * amr, mrl=3.267 * amr)


def flags(xs, lim, shift, trend):
    n = len(xs)
    f = [set() for _ in range(n)]
    for i, x in enumerate(xs):
        if x > lim["upl"]:
            f[i].add("L+")
        if x < lim["lpl"]:
            f[i].add("L-")
    for j in range(n - shift + 1):
        w = range(j, j + shift)
        if all(xs[i] > lim["mean"] for i in w):
            for i in w:
                f[i].add("S+")
        if all(xs[i] < lim["mean"] for i in w):
            for i in w:
                f[i].add("S-")
    for j in range(n - trend + 1):
        w = list(range(j, j + trend))
        if all(xs[a] < xs[b] for a, b in zip(w, w[1:])):
            for i in w:
                f[i].add("T+")
        if all(xs[a] > xs[b] for a, b in zip(w, w[1:])):
            for i in w:
                f[i].add("T-")
    for j in range(n - 2):
        w = range(j, j + 3)
        if all(xs[i] > lim["mean"] for i in w):
            beyond = [i for i in w if xs[i] > lim["u2"]]
            if len(beyond) >= 2:
                for i in beyond:
                    f[i].add("2+")
        if all(xs[i] < lim["mean"] for i in w):
            beyond = [i for i in w if xs[i] < lim["l2"]]
            if len(beyond) >= 2:
                for i in beyond:
                    f[i].add("2-")
    return f


def meaning(sign, polarity):
    if polarity == "none":
        return "N"
    good = "+" if polarity == "higher" else "-"
    return "I" if sign == good else "C"


def variation(fl, polarity):
    if not fl:
        return "."
    # by rule precedence; within a rule (only a trend can point both ways at once: the end of one and the
    # start of the other) high before low
    ranked = sorted(fl, key=lambda s: (ORDER.index(s[0]), 0 if s[1] == "+" else 1))
    meanings = [meaning(s[1], polarity) for s in ranked]
    shown = "I" if "I" in meanings else meanings[0]
    side = ranked[meanings.index(shown)][1]
    return shown + side


def chart(values, polarity="none", target=None, baseline=None, recalc=(), shift=7, trend=7, screen=False):
    n = len(values)
    starts = sorted(set([0] + [r for r in recalc if 0 < r < n]))
    phases, points = [], []
    for p, lo in enumerate(starts):
        hi = starts[p + 1] if p + 1 < len(starts) else n
        lim = limits(values, lo, hi, baseline, screen)
        phases.append(lim)
        idx = [i for i in range(lo, hi) if values[i] is not None]
        fl = flags([values[i] for i in idx], lim, shift, trend)
        by = dict(zip(idx, fl))
        for i in range(lo, hi):
            if values[i] is None:
                points.append(("", "-"))
            else:
                s = by[i]
                points.append((",".join(sorted(s)), variation(s, polarity)))
    last = [pt for pt, v in zip(points, values) if v is not None][-1][1]
    icon = {".": "commonCause", "I+": "improvementHigh", "I-": "improvementLow", "C+": "concernHigh",
            "C-": "concernLow", "N+": "neitherHigh", "N-": "neitherLow"}[last]
    assurance = None
    if target is not None and polarity != "none":
        lim = phases[-1]
        hib = polarity == "higher"
        if target > lim["upl"]:
            assurance = "consistentlyFail" if hib else "consistentlyPass"
        elif target < lim["lpl"]:
            assurance = "consistentlyPass" if hib else "consistentlyFail"
        else:
            assurance = "hitAndMiss"
    return phases, points, icon, assurance


def middlesbrough_rate():
    rows = []
    with open(ROOT / "datasets" / "middlesbrough" / "children_looked_after.csv", newline="") as f:
        for row in csv.DictReader(f):
            if row["area_code"] == "E06000002" and row["indicator"] == "children_looked_after_rate_per_10000":
                rows.append((row["period"], float(row["value"])))
    rows.sort()
    return [v for _, v in rows]


CASES = [
    # NHSRplotthedots 0.2.0, vignettes/deviations.Rmd: published limits (2 dp) with and without screening.
    ("NHSRplotthedots deviations vignette, MDC Excel limits (no screening)",
     [1, 2, 1, 2, 10, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1], dict(polarity="higher")),
    ("NHSRplotthedots deviations vignette, screened moving ranges",
     [1, 2, 1, 2, 10, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1], dict(polarity="higher", screen=True)),
    ("shift of 8 above the mean at the end, higher is better, target 12",
     [10, 11, 9, 10, 12, 9, 10, 11, 9, 10, 11, 12, 11, 11.5, 12, 11, 12.5, 11.5], dict(polarity="higher", target=12)),
    ("falling trend of 7, lower is better, target 30",
     [20, 22, 19, 21, 20, 23, 22, 21, 20, 19, 18, 17, 16, 18, 20, 21], dict(polarity="lower", target=30)),
    ("rising trend of 6: a trend with trendLength 6 only",
     [20, 22, 19, 21, 20, 18, 19, 20, 21, 22, 23, 21, 20, 22, 19], dict(polarity="higher", trend=6)),
    ("rising trend of 6 with the default trendLength 7: common cause",
     [20, 22, 19, 21, 20, 18, 19, 20, 21, 22, 23, 21, 20, 22, 19], dict(polarity="higher")),
    ("two of three beyond 2 sigma, one beyond the limit (MDC 2023 rule), no polarity",
     [50, 51, 49.5, 50.5, 49, 50, 51, 50.5, 49.5, 50, 51, 49, 50.5, 50, 49.5, 50.5, 51, 49.5, 50, 53, 51, 54.5],
     dict()),
    ("point below the lower limit, lower is better: improvement low; target 45 is consistently failed",
     [50, 52, 49, 51, 50, 48, 52, 50, 49, 51, 50, 52, 49, 38], dict(polarity="lower", target=45)),
    ("missing values: a gap inside a shift of 7 recorded points",
     [10, 9, 11, 10, 9, 11, 10, None, 12, 12.5, 12, 12.2, None, 12.4, 12.1, 12.3],
     dict(polarity="higher")),
    ("baseline of the first 10 values, then a step up",
     [10, 11, 9, 10, 12, 9, 10, 11, 9, 10, 13, 14, 13.5, 14, 13, 14.5, 13.8], dict(polarity="lower", baseline=10, target=11)),
    ("limits recalculated at position 8 after a step",
     [10, 11, 9, 10, 12, 9, 10, 11, 15, 16, 14, 15, 17, 15, 16, 14, 15], dict(polarity="higher", recalc=[8], target=13)),
    ("Middlesbrough children looked after per 10,000, 2016-2025, lower is better, target 110",
     middlesbrough_rate(), dict(polarity="lower", target=110)),
]


def swift(x):
    return repr(float(x))


def abspc_check(values, opts, phases, points):
    from abspc.spc import _rule1_astronomical, _rule2_shift, _rule3_trend, _rule4_two_in_three
    import numpy as np
    if len(phases) != 1 or None in values or opts.get("baseline"):
        return "skipped (phases, gaps or a baseline)"
    lim = phases[0]
    v = np.asarray(values, dtype=float)
    full = lambda k: np.full(len(v), lim[k])
    r1 = _rule1_astronomical(v, full("upl"), full("lpl"))
    r2 = _rule2_shift(v, full("mean"), run_length=opts.get("shift", 7))
    r3 = _rule3_trend(v, run_length=opts.get("trend", 7))
    ours = [set(p[0].split(",")) - {""} for p in points]
    for i in range(len(v)):
        assert bool(r1[i]) == any(s[0] == "L" for s in ours[i]), ("rule 1", i)
        assert bool(r2[i]) == any(s[0] == "S" for s in ours[i]), ("shift", i)
        assert bool(r3[i]) == any(s[0] == "T" for s in ours[i]), ("trend", i)
    if not r1.any():
        r4 = _rule4_two_in_three(v, full("mean"), full("upl"), full("lpl"), full("u2"), full("l2"))
        for i in range(len(v)):
            assert bool(r4[i]) == any(s[0] == "2" for s in ours[i]), ("two in three", i)
        return "rules 1-4 agree"
    return "rules 1-3 agree (rule 4 not compared: abspc ignores points beyond a limit)"


def main():
    check = "--abspc" in sys.argv
    print("// scripts/spc_references.py" + (" --abspc" if check else ""))
    for name, values, opts in CASES:
        phases, points, icon, assurance = chart(values, **opts)
        note = abspc_check(values, opts, phases, points) if check else "not run"
        print("SPCCase(")
        print(f'    name: "{name}",')
        print(f"    // abspc 1.1.0 cross-check: {note}")
        print(f"    values: [{', '.join('.nan' if v is None else swift(v) for v in values)}],")
        pol = {"higher": ".higherIsBetter", "lower": ".lowerIsBetter", "none": ".none"}[opts.get("polarity", "none")]
        print(f"    options: .init(polarity: {pol}, target: {'nil' if opts.get('target') is None else swift(opts['target'])}, "
              f"baselineLength: {opts.get('baseline', 'nil')}, recalculateAt: {list(opts.get('recalc', []))}, "
              f"rules: .init(shiftLength: {opts.get('shift', 7)}, trendLength: {opts.get('trend', 7)}), "
              f"screenMovingRangeOutliers: {'true' if opts.get('screen') else 'false'}),")
        print("    phases: [")
        for ph in phases:
            print(f"        .init(start: {ph['start']}, end: {ph['end']}, baselineCount: {ph['baselineCount']}, "
                  f"mean: {swift(ph['mean'])}, averageMovingRange: {swift(ph['amr'])}, lower: {swift(ph['lpl'])}, "
                  f"upper: {swift(ph['upl'])}, lowerTwoSigma: {swift(ph['l2'])}, upperTwoSigma: {swift(ph['u2'])}, "
                  f"movingRangeLimit: {swift(ph['mrl'])}),")
        print("    ],")
        print(f"    signals: [{', '.join(repr(p[0]).replace(chr(39), chr(34)) for p in points)}],")
        print(f"    variation: [{', '.join(repr(p[1]).replace(chr(39), chr(34)) for p in points)}],")
        print(f"    icon: .{icon}, assurance: {'nil' if assurance is None else '.' + assurance}")
        print("),")


if __name__ == "__main__":
    main()
