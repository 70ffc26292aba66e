#!/usr/bin/env python3
"""Expected values for Tests/MetricsTests/MannKendallVariantsTests.swift's hand-made cases.

An independent, from-the-papers implementation in exact rational arithmetic (fractions.Fraction) of the
Mann-Kendall variants on the engine's conventions: a real time axis (years; quarter q of year Y at
Y + (q-1)/4), missing values left out, the Sen slope for detrending on the real axis, seasons read from the
time.  Only z and p (irrational) are floating point: z = (S -+ 1)/sqrt(Var), p = erfc(|z|/sqrt 2).

  python3 scripts/mann_kendall_variants_hand_cases.py            # print the hand-made cases' values
  python3 scripts/mann_kendall_variants_hand_cases.py --check     # also check this implementation against
                                                                  # pymannkendall's outputs in trend_cases.json
With pymannkendall installed it also prints what pymannkendall gives on the same data, to show the difference.
"""
import json, math, os, sys
from fractions import Fraction as F
from statistics import NormalDist


def sign(v):
    return (v > 0) - (v < 0)


def mk_s(x):
    return sum(sign(x[j] - x[i]) for i in range(len(x)) for j in range(i + 1, len(x)))


def mk_var(x):
    n = len(x)
    ties = {}
    for v in x:
        ties[v] = ties.get(v, 0) + 1
    return F(n * (n - 1) * (2 * n + 5) - sum(t * (t - 1) * (2 * t + 5) for t in ties.values()), 18)


def median(v):
    v = sorted(v)
    m = len(v) // 2
    return v[m] if len(v) % 2 else (v[m - 1] + v[m]) / 2


def sen(t, x):
    return median([(x[j] - x[i]) / (t[j] - t[i]) for i in range(len(x)) for j in range(len(x)) if t[j] > t[i]])


def acf(x, lags):
    n = len(x)
    m = sum(x) / n
    d = [v - m for v in x]
    c0 = sum(v * v for v in d)
    return [sum(d[i] * d[i + k] for i in range(n - k)) / c0 for k in range(lags + 1)]


def ranks(x):
    return [F(sum(1 for w in x if w < v) * 2 + sum(1 for w in x if w == v) + 1, 2) for v in x]


def z_p(s, var):
    z = 0.0 if s == 0 else (s - sign(s)) / math.sqrt(var)
    return z, math.erfc(abs(z) / math.sqrt(2))


def detrend(t, x):
    b = sen(t, x)
    return b, [xi - b * (ti - t[0]) for ti, xi in zip(t, x)]


def hamed_rao(t, x, alpha=0.05):
    n = len(x)
    _, e = detrend(t, x)
    r = acf(ranks(e), n - 1)
    bound = NormalDist().inv_cdf(1 - alpha / 2) / math.sqrt(n)
    total = sum((n - k) * (n - k - 1) * (n - k - 2) * r[k] for k in range(1, n) if abs(float(r[k])) > bound)
    var = mk_var(x) * (1 + F(2, n * (n - 1) * (n - 2)) * total)
    return mk_s(x), var


def yue_wang(t, x):
    n = len(x)
    _, e = detrend(t, x)
    r = acf(e, n - 1)
    return mk_s(x), mk_var(x) * (1 + 2 * sum((1 - F(k, n)) * r[k] for k in range(1, n)))


def prewhitened(t, x):
    r1 = acf(x, 1)[1]
    w = [x[i] - r1 * x[i - 1] for i in range(1, len(x))]
    return mk_s(w), mk_var(w)


def tfpw(t, x):
    b, e = detrend(t, x)
    r1 = acf(e, 1)[1]
    w = [e[i] - r1 * e[i - 1] + b * (t[i] - t[0]) for i in range(1, len(x))]
    return mk_s(w), mk_var(w)


def seasonal(t, x, per_year):
    groups = {}
    for ti, xi in zip(t, x):
        k = round(ti * per_year)
        groups.setdefault(k % per_year, []).append((k // per_year, xi))
    s, var, slopes = 0, F(0), []
    for g in groups.values():
        g.sort()
        v = [xi for _, xi in g]
        s += mk_s(v)
        var += mk_var(v)
        slopes += [(g[j][1] - g[i][1]) / (g[j][0] - g[i][0]) for i in range(len(g)) for j in range(i + 1, len(g))]
    return s, var, median(slopes)


# Hand-made case 1: an annual series with 2013 missing (an interior gap).
ANNUAL_T = [2010, 2011, 2012, 2014, 2015, 2016, 2017, 2018]
ANNUAL_Y = [3, 6, 4, 9, 7, 12, 10, 11]
# The same times with values whose ranked residuals alternate: Hamed-Rao's corrected variance is negative.
ALTERNATING_Y = [3, 5, 4, 9, 8, 11, 10, 13]
# Hand-made case 2: quarterly, 2019 Q3 to 2022 Q2, with 2020 Q4 missing (its row dropped).
QUARTER_T = [F(4 * y + q - 1, 4) for y, q in [(2019, 3), (2019, 4), (2020, 1), (2020, 2), (2020, 3),
                                              (2021, 1), (2021, 2), (2021, 3), (2021, 4), (2022, 1), (2022, 2)]]
QUARTER_Y = [7, 12, 15, 9, 9, 17, 11, 10, 16, 18, 12]


def show(name, s, var):
    if var <= 0:
        print(f"{name}: S = {s}, Var(S) = {var} <= 0: no test")
        return
    z, p = z_p(s, var)
    print(f"{name}: S = {s}, Var(S) = {var} = {float(var)!r}, z = {z!r}, p = {p!r}")


def main():
    t = [F(v) for v in ANNUAL_T]
    y = [F(v) for v in ANNUAL_Y]
    print("annual with a gap:", ANNUAL_T, ANNUAL_Y, "Sen slope", sen(t, y))
    show("  Hamed-Rao", *hamed_rao(t, y))
    alternating = [F(v) for v in ALTERNATING_Y]
    show(f"  Hamed-Rao on {ALTERNATING_Y} (same times)", *hamed_rao(t, alternating))
    show("  Yue-Wang", *yue_wang(t, y))
    show("  pre-whitened", *prewhitened(t, y))
    show("  TFPW", *tfpw(t, y))
    s, var, slope = seasonal(QUARTER_T, [F(v) for v in QUARTER_Y], 4)
    print("quarterly with a dropped quarter:", QUARTER_Y)
    show("  seasonal", s, var)
    print(f"  seasonal Sen slope = {slope} = {float(slope)!r}")
    try:
        import numpy as np
        import pymannkendall as mk
        full = ANNUAL_Y[:3] + [np.nan] + ANNUAL_Y[3:]
        print("pymannkendall, annual with NaN kept:")
        for f in (mk.hamed_rao_modification_test, mk.yue_wang_modification_test,
                  mk.pre_whitening_modification_test, mk.trend_free_pre_whitening_modification_test):
            r = f(full)
            print(f"  {f.__name__}: s = {r.s}, var_s = {r.var_s!r}, z = {r.z!r}")
        r = mk.seasonal_test(QUARTER_Y, period=4)
        print(f"  seasonal_test on the 11 rows (dropped quarter, misaligned): s = {r.s}, var_s = {r.var_s!r}, slope = {r.slope!r}")
    except ImportError:
        pass
    if "--check" in sys.argv:
        check()


def check():
    """This implementation against pymannkendall on trend_cases.json's complete, evenly spaced cases."""
    path = os.environ.get("TREND_CASES", os.path.join(os.path.dirname(__file__), "../../shared/reference/trend_cases.json"))
    cases = json.load(open(path))["cases"]
    tests = {"hamed_rao_modification_test": hamed_rao, "yue_wang_modification_test": yue_wang,
             "pre_whitening_modification_test": prewhitened, "trend_free_pre_whitening_modification_test": tfpw}
    for c in cases:
        pairs = [(F(xv), F(str(yv))) for xv, yv in zip(c["x"], c["y"]) if yv is not None]
        if len(pairs) < 3:
            continue
        t, y = [p[0] for p in pairs], [p[1] for p in pairs]
        for key, f in tests.items():
            ref = c["outputs"]["pymannkendall"][key]
            if ref.get("var_s") is None:
                continue
            try:
                s, var = f(t, y)
            except ZeroDivisionError:
                print(f"{c['id']} {key}: undefined here, pymannkendall var_s = {ref['var_s']}")
                continue
            ok = s == ref["s"] and abs(float(var) - ref["var_s"]) <= 1e-12 * abs(ref["var_s"])
            print(f"{c['id']} {key}: {'agrees' if ok else 'DIFFERS'} S {s} vs {ref['s']}, Var {float(var)!r} vs {ref['var_s']!r}")


if __name__ == "__main__":
    main()
