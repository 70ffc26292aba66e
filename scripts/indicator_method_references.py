#!/usr/bin/env python3
"""Reference values for the tests of StandardisedRate, RecentTrend and ProportionTrendTest.

Run from the package root, in a virtual environment with statsmodels, scipy and mpmath:

    python3 -m venv /tmp/venv && /tmp/venv/bin/pip install statsmodels scipy mpmath
    /tmp/venv/bin/python scripts/indicator_method_references.py

It prints every expected value used by Tests/MetricsTests/StandardisedRateTests.swift, RecentTrendTests.swift
and ProportionTrendTestTests.swift, with 17 significant digits (round-trip doubles). Produced with Python 3,
statsmodels 0.15.0, scipy 1.17.1, mpmath 1.4.1. Nothing here shares code with the Swift library.

1. Directly standardised rates (Dobson et al. 1991 with Byar's limits of the total count), computed in
   mpmath at 50 digits from the formulas of PHEindicatormethods' `calculate_dsr` and compared with the
   package's own expected values (tests/testthat/testdata_DSR_ISR.xlsx, sheet testresults_DSR, transcribed
   below).
2. Recent trends: (a) the binomial GLM with logit link on counts/denominators, fitted by statsmodels
   (IRLS, tol 1e-15) and, independently, by Newton's method on the score equations in mpmath at 50 digits;
   Wald chi-square (slope/se)^2; the Cochran-Armitage score chi-square; slopes of the five leave-one-out fits.
   (b) the inverse-variance weighted straight line with known variances (statsmodels WLS, fixed scale 1),
   weights 1/se^2 with se = (upper - lower)/(2 z_0.975), and its leave-one-out slopes.
3. The chi-square test for trend in proportions as R's prop.trend.test computes it: the regression sum of
   squares of anova(lm(x/n ~ score, weights = n/(p(1-p)))), here with statsmodels WLS, and its upper-tail
   p-value from scipy.stats.chi2.sf.
"""

from __future__ import annotations

import warnings

import numpy as np
import mpmath as mp
import scipy.stats as st
import statsmodels.api as sm

mp.mp.dps = 50
warnings.simplefilter("error")  # statsmodels must not warn (separation, non-convergence) on these data


def r17(x) -> str:
    return repr(float(x))


# --------------------------------------------------------------------------------------------------------
# 1. Directly standardised rates
# --------------------------------------------------------------------------------------------------------

ESP2013 = [5000, 5500, 5500, 5500, 6000, 6000, 6500, 7000, 7000, 7000, 7000, 6500, 6000, 5500, 5000, 4000,
           2500, 1500, 1000]
ESP1976 = [8000, 7000, 7000, 7000, 7000, 7000, 7000, 7000, 7000, 7000, 7000, 6000, 5000, 4000, 3000, 2000,
           1000, 1000]
POP = [636, 558, 609, 543, 384, 594, 669, 843, 660, 576, 606, 522, 426, 273, 300, 288, 153, 123, 207]
BIG = [127, 25, 18, 21, 12, 27, 48, 27, 29, 32, 32, 34, 45, 65, 38, 68, 74, 82, 91]
SMALL = [12, 4, 3, 2, 3, 4, 8, 2, 2, 3, 4, 5, 6, 8, 5, 6, 5, 5, 4]
POP1976 = POP[:18]
COUNT1976 = BIG[:18]

# PHEindicatormethods' expected values (testresults_DSR): value, lower95, upper95, lower99.8, upper99.8.
PHE_EXPECTED = {
    ("big", 100000): (10430.247991469423, 9717.709067985681, 11178.94091547925, 9323.287880219903,
                      11620.595999522058),
    ("small", 100000): (1103.212025300104, 877.455767536709, 1367.0882227251795, 763.6420357939879,
                        1530.0328948244762),
    ("big", 10000): (1043.0247991469423, 971.770906798568, 1117.894091547925, 932.3287880219904,
                     1162.0595999522059),
    ("small", 10000): (110.3212025300104, 87.7455767536709, 136.70882227251795, 76.36420357939879,
                       153.00328948244763),
    ("1976", 10000): (859.2097585022366, 799.1160931442103, 922.5253880318318, None, None),
}


def byars(o, level):
    z = mp.sqrt(2) * mp.erfinv(mp.mpf(level))  # = Phi^-1(1 - alpha/2)
    o = mp.mpf(o)
    low = o * (1 - 1 / (9 * o) - z / (3 * mp.sqrt(o))) ** 3
    high = (o + 1) * (1 - 1 / (9 * (o + 1)) + z / (3 * mp.sqrt(o + 1))) ** 3
    return low, high


def exact_poisson(o, level):
    alpha = 1 - mp.mpf(level)
    o = mp.mpf(o)
    low = mp.mpf(0) if o == 0 else mp.findroot(lambda x: mp.gammainc(o, 0, x, regularized=True) - alpha / 2, o / 2)
    high = mp.findroot(lambda x: mp.gammainc(o + 1, 0, x, regularized=True) - (1 - alpha / 2), o + 3)
    return low, high


def dsr(counts, pops, std, multiplier, level, method="byars"):
    w = [mp.mpf(s) for s in std]
    total_w = mp.fsum(w)
    o = mp.fsum(counts)
    value = mp.fsum(wi * c / n for wi, c, n in zip(w, counts, pops)) / total_w
    var = mp.fsum(wi ** 2 * c / mp.mpf(n) ** 2 for wi, c, n in zip(w, counts, pops)) / total_w ** 2
    low_o, high_o = byars(o, level) if method == "byars" else exact_poisson(o, level)
    k = mp.sqrt(var / o)
    return (value * multiplier, (value + k * (low_o - o)) * multiplier, (value + k * (high_o - o)) * multiplier,
            var * multiplier ** 2)


def section_dsr():
    print("== Directly standardised rates (mpmath, 50 digits)")
    print("ESP2013 sum:", sum(ESP2013), "bands:", len(ESP2013))
    sets = {"big": (BIG, POP, ESP2013), "small": (SMALL, POP, ESP2013), "1976": (COUNT1976, POP1976, ESP1976)}
    worst = 0.0
    for (name, multiplier), expected in PHE_EXPECTED.items():
        counts, pops, std = sets[name]
        v, l95, u95, var = dsr(counts, pops, std, multiplier, 0.95)
        _, l998, u998, _ = dsr(counts, pops, std, multiplier, 0.998)
        ours = (v, l95, u95, l998, u998)
        print(f"{name} x{multiplier}: value {r17(v)} lower95 {r17(l95)} upper95 {r17(u95)} "
              f"lower998 {r17(l998)} upper998 {r17(u998)} variance {r17(var)}")
        for a, b in zip(ours, expected):
            if b is not None:
                worst = max(worst, abs(float(a) - b) / abs(b))
    print(f"largest relative gap to PHEindicatormethods' spreadsheet: {worst:.2e}")
    # A small case with a zero-event band and a different multiplier: exact vs Byar's limits of O = 12.
    counts, pops, std = [0, 3, 9], [1200, 800, 400], [3000, 5000, 2000]
    v, l, u, var = dsr(counts, pops, std, 1000, 0.95)
    print(f"three bands x1000 (O = 12, Byar's): value {r17(v)} lower {r17(l)} upper {r17(u)} variance {r17(var)}")
    counts = [0, 1, 6]
    v, l, u, var = dsr(counts, pops, std, 1000, 0.95, method="exact")
    print(f"three bands x1000 (O = 7, exact Poisson): value {r17(v)} lower {r17(l)} upper {r17(u)}")


# --------------------------------------------------------------------------------------------------------
# 2. Recent trends
# --------------------------------------------------------------------------------------------------------

def logistic_mpmath(t, x, n):
    """ML fit of logit(p) = a + b t by Newton's method on the score equations, 50 digits."""
    t = [mp.mpf(v) for v in t]
    x = [mp.mpf(v) for v in x]
    n = [mp.mpf(v) for v in n]
    p0 = mp.fsum(x) / mp.fsum(n)
    a, b = mp.log(p0 / (1 - p0)), mp.mpf(0)
    for _ in range(200):
        mu = [1 / (1 + mp.exp(-(a + b * ti))) for ti in t]
        g0 = mp.fsum(xi - ni * mi for xi, ni, mi in zip(x, n, mu))
        g1 = mp.fsum(ti * (xi - ni * mi) for ti, xi, ni, mi in zip(t, x, n, mu))
        w = [ni * mi * (1 - mi) for ni, mi in zip(n, mu)]
        h00 = mp.fsum(w)
        h01 = mp.fsum(wi * ti for wi, ti in zip(w, t))
        h11 = mp.fsum(wi * ti * ti for wi, ti in zip(w, t))
        det = h00 * h11 - h01 * h01
        da = (h11 * g0 - h01 * g1) / det
        db = (h00 * g1 - h01 * g0) / det
        a, b = a + da, b + db
        if abs(da) + abs(db) < mp.mpf(10) ** -45:
            break
    mu = [1 / (1 + mp.exp(-(a + b * ti))) for ti in t]
    w = [ni * mi * (1 - mi) for ni, mi in zip(n, mu)]
    h00 = mp.fsum(w)
    h01 = mp.fsum(wi * ti for wi, ti in zip(w, t))
    h11 = mp.fsum(wi * ti * ti for wi, ti in zip(w, t))
    det = h00 * h11 - h01 * h01
    return a, b, mp.sqrt(h00 / det)


def logistic_statsmodels(t, x, n):
    t = np.asarray(t, dtype=float)
    x = np.asarray(x, dtype=float)
    n = np.asarray(n, dtype=float)
    design = sm.add_constant(t)
    fit = sm.GLM(np.column_stack([x, n - x]), design, family=sm.families.Binomial()).fit(tol=1e-15, maxiter=200)
    return fit.params[0], fit.params[1], fit.bse[1]


def cochran_armitage(t, x, n):
    x = [mp.mpf(v) for v in x]
    n = [mp.mpf(v) for v in n]
    t = [mp.mpf(v) for v in t]
    big_n, big_x = mp.fsum(n), mp.fsum(x)
    tbar = mp.fsum(ni * ti for ni, ti in zip(n, t)) / big_n
    num = mp.fsum(xi * (ti - tbar) for xi, ti in zip(x, t)) ** 2
    p = big_x / big_n
    return num / (p * (1 - p) * mp.fsum(ni * (ti - tbar) ** 2 for ni, ti in zip(n, t)))


def relative(a, b):
    return abs(float(a) - float(b)) / abs(float(b)) if b != 0 else abs(float(a))


def upper_tail(chisq):
    """P(chi-square with 1 df >= chisq) = erfc(sqrt(chisq / 2)), 50 digits."""
    return mp.erfc(mp.sqrt(mp.mpf(chisq) / 2))


PROPORTION_SETS = {
    # Fingertips' own unit test (fingertips-open, TrendMarkerCalculatorTest, GetTrendDataForProportion_Set1),
    # years 2014-2018 as elapsed years 0-4: their chi-square rounds to 47.9.
    "fingertips_set1": ([0, 1, 2, 3, 4], [994, 1023, 1199, 1332, 1367], [40299, 41527, 42811, 44064, 44701]),
    # Fingertips' GetTrendData_Set2 (no significant trend).
    "fingertips_set2": ([0, 1, 2, 3, 4], [209, 213, 213, 239, 210], [1017, 1087, 1119, 1117, 1139]),
    # Falling proportion on financial years (instants Y + 0.25 measured from the first).
    "falling": ([0, 1, 2, 3, 4], [320, 301, 270, 262, 231], [1000, 1010, 990, 1005, 998]),
    # A significant rise carried by the last point: without it the fitted slope is negative.
    "sign_flip": ([0, 1, 2, 3, 4], [150, 100, 100, 100, 210], [1000, 1000, 1000, 1000, 1000]),
    # Irregular spacing (a missing year: 2015, 2016, 2018, 2019, 2020).
    "irregular": ([0, 1, 3, 4, 5], [52, 61, 70, 88, 95], [400, 410, 405, 420, 415]),
}


def section_logistic():
    print("== Logistic regression (statsmodels GLM vs mpmath Newton)")
    worst = 0.0
    for name, (t, x, n) in PROPORTION_SETS.items():
        a, b, se = logistic_mpmath(t, x, n)
        sa, sb, sse = logistic_statsmodels(t, x, n)
        worst = max(worst, relative(sa, a), relative(sb, b), relative(sse, se))
        wald = (b / se) ** 2
        score = cochran_armitage(t, x, n)
        print(f"{name}: intercept {r17(a)} slope {r17(b)} se {r17(se)} wald {r17(wald)} score {r17(score)}")
        print(f"   p(wald) {r17(upper_tail(wald))} p(score) {r17(upper_tail(score))}")
        print(f"   statsmodels: intercept {r17(sa)} slope {r17(sb)} se {r17(sse)}")
        loo = []
        for k in range(len(t)):
            keep = [i for i in range(len(t)) if i != k]
            _, bk, _ = logistic_mpmath([t[i] for i in keep], [x[i] for i in keep], [n[i] for i in keep])
            _, sbk, _ = logistic_statsmodels([t[i] for i in keep], [x[i] for i in keep], [n[i] for i in keep])
            worst = max(worst, relative(sbk, bk))
            loo.append(bk)
        print("   leave-one-out slopes: " + ", ".join(r17(v) for v in loo))
    print(f"largest relative gap statsmodels vs mpmath: {worst:.2e}")


ESTIMATE_SETS = {
    # Fingertips' GetTrendData_Set1 as values with 95% limits (their chi-square with 3.92 rounds to 46.77).
    "fingertips_set1": ([0, 1, 2, 3, 4], [24.67, 24.6, 28.0, 30.2, 30.6], [23.16, 23.15, 26.44, 28.63, 28.98],
                        [26.25, 26.19, 29.64, 31.9, 32.25]),
    "fingertips_set2": ([0, 1, 2, 3, 4], [20.5506, 19.5952, 19.0349, 21.3966, 18.4372],
                        [18.1803, 17.3444, 16.8421, 19.0918, 16.2925], [23.1427, 22.0602, 21.4394, 23.8975, 20.7941]),
    # Falling rate per 100,000 with wide intervals on a month-based axis (instants in years).
    "falling_rate": ([0, 0.75, 2, 3.25, 4], [512.0, 498.5, 470.2, 455.9, 431.0], [480.1, 467.0, 440.3, 426.2, 402.8],
                     [545.2, 531.1, 501.4, 487.0, 460.5]),
    # A significant rise carried by the last point: without it the fitted slope is negative.
    "sign_flip": ([0, 1, 2, 3, 4], [30.0, 20.0, 20.0, 20.0, 42.0], [28.0, 18.0, 18.0, 18.0, 40.0],
                  [32.0, 22.0, 22.0, 22.0, 44.0]),
}


def section_weighted():
    print("== CI-weighted regression (statsmodels WLS, fixed scale 1)")
    z = st.norm.ppf(0.975)
    for divisor_name, divisor in (("2*z975", 2 * z), ("3.92", 3.92)):
        for name, (t, v, lo, hi) in ESTIMATE_SETS.items():
            se = (np.asarray(hi) - np.asarray(lo)) / divisor
            w = 1 / se ** 2
            fit = sm.WLS(np.asarray(v), sm.add_constant(np.asarray(t, dtype=float)), weights=w).fit(
                cov_type="fixed scale", cov_kwds={"scale": 1.0})
            b, sb = fit.params[1], fit.bse[1]
            line = (f"{divisor_name} {name}: intercept {r17(fit.params[0])} slope {r17(b)} se {r17(sb)} "
                    f"chi2 {r17((b / sb) ** 2)} p {r17(st.chi2.sf((b / sb) ** 2, 1))}")
            if divisor_name == "2*z975":
                loo = []
                for k in range(len(t)):
                    keep = [i for i in range(len(t)) if i != k]
                    f = sm.WLS(np.asarray(v)[keep], sm.add_constant(np.asarray(t, dtype=float)[keep]),
                               weights=w[keep]).fit()
                    loo.append(f.params[1])
                line += "\n   leave-one-out slopes: " + ", ".join(r17(x) for x in loo)
            print(line)
    print("chi-square 1 df at 99.8%:", r17(st.chi2.ppf(0.998, 1)), "=", r17(st.norm.ppf(0.999) ** 2))


# --------------------------------------------------------------------------------------------------------
# 3. prop.trend.test
# --------------------------------------------------------------------------------------------------------

TREND_SETS = {
    # R's ?prop.trend.test example: smokers out of patients; R prints X-squared = 8.2249, p-value = 0.004132.
    "r_example": ([83, 90, 129, 70], [86, 93, 136, 82], [1, 2, 3, 4]),
    "r_example_scores": ([83, 90, 129, 70], [86, 93, 136, 82], [0, 0, 0, 1]),
    # Children looked after per 10,000 style proportions on financial-year instants (irregular gap).
    "irregular": ([52, 61, 70, 88, 95], [400, 410, 405, 420, 415], [0, 1, 3, 4, 5]),
    "flat": ([30, 30, 30], [100, 100, 100], [0, 1, 2]),
}


def prop_trend_test(x, n, score):
    x = np.asarray(x, dtype=float)
    n = np.asarray(n, dtype=float)
    score = np.asarray(score, dtype=float)
    p = x.sum() / n.sum()
    w = n / p / (1 - p)
    fit = sm.WLS(x / n, sm.add_constant(score), weights=w).fit()
    chisq = fit.ess  # regression sum of squares (weighted), as anova(lm)["score", "Sum Sq"]
    return chisq, st.chi2.sf(chisq, 1)


def section_prop_trend():
    print("== prop.trend.test (statsmodels WLS regression SS, scipy chi2.sf); mpmath closed form alongside")
    for name, (x, n, s) in TREND_SETS.items():
        chisq, p = prop_trend_test(x, n, s)
        exact = cochran_armitage(s, x, n)
        print(f"{name}: X-squared {r17(chisq)} p {r17(p)} (closed form {r17(exact)}; "
              f"gap {relative(chisq, exact):.1e}; p from mpmath {r17(mp.erfc(mp.sqrt(exact / 2)))})")


if __name__ == "__main__":
    section_dsr()
    section_logistic()
    section_weighted()
    section_prop_trend()
