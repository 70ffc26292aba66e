#!/usr/bin/env python3
"""Exact reference values for the Mann-Kendall variants: Hamed-Rao, Yue-Wang, pre-whitening and trend-free
pre-whitening, computed by rational arithmetic from the decimal text of each series.

Run from the package root:

    python3 scripts/mann_kendall_variants_exact.py

It (re)writes Tests/MetricsTests/Fixtures/mk-variants-exact/: series.csv (a tidy CSV, one series per `case`)
and references.json (per case and variant: s, var_s, z, p, each as a decimal string of 25 significant
digits). Needs mpmath (for the square roots, the normal tail and the normal quantile, at 50 digits); the
output is byte-identical on every run.

The definitions are the ones the library states (Sources/Metrics/Measures/*MannKendallTest.swift), in exact
arithmetic:
* times: the summary's axis in years since the first observation (a year is 1, a month 1/12), exactly;
* S = sum over i < j of sign(x_j - x_i); Var(S) = [n(n-1)(2n+5) - sum t(t-1)(2t+5)] / 18 over tied groups;
* beta = the Sen slope, the median of the pairwise slopes (x_j - x_i)/(t_j - t_i) (mean of the middle two
  for an even count);
* r_k = sum_{i<n-k} (e_i - mean)(e_{i+k} - mean) / sum (e_i - mean)^2 (Box & Jenkins 2.1.12);
* Yue-Wang: e_i = x_i - beta*t_i; Var* = Var(S) * (1 + 2 sum_{k=1}^{n-1} (1 - k/n) r_k);
* Hamed-Rao: the average ranks of e_i (exact ties); r_k of the ranks; the lags with |r_k| > Phi^-1(0.975)/sqrt(n)
  count; Var* = Var(S) * (1 + 2/(n(n-1)(n-2)) sum (n-k)(n-k-1)(n-k-2) r_k);
* pre-whitened: r_1 of x; w_i = x_i - r_1 x_{i-1} (i >= 2); S and Var(S) of w;
* trend-free pre-whitened: e_i = x_i - beta*t_i; r_1 of e; w_i = e_i - r_1 e_{i-1} + beta*t_i; S and Var(S) of w;
* z = (S - 1)/sqrt(Var*) for S > 0, (S + 1)/sqrt(Var*) for S < 0, 0 for S = 0; p = erfc(|z|/sqrt 2).
The data are synthetic (fixed integer patterns, no random draws), chosen for what loses digits in floating
point: a large common offset (10^6 with tenths, which doubles cannot hold exactly; 10^6 and 10^9 with
binary fractions, which they can), monthly times, gaps, ties, and an ordinary series for comparison.
"""

from __future__ import annotations

import json
from fractions import Fraction as F
from pathlib import Path

import mpmath

mpmath.mp.dps = 50
DIGITS = 25
ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "Tests" / "MetricsTests" / "Fixtures" / "mk-variants-exact"


def cases():
    """(name, [(period label, time in years as a Fraction, value text)]) for each series."""
    out = []

    def yearly(name, start, texts):
        out.append((name, [(str(start + i), F(i), t) for i, t in enumerate(texts)]))

    # The case: eight points between 1,000,000.1 and 1,000,000.9 (tenths: no double holds them).
    yearly("offset_tenths", 2010, ["1000000.1", "1000000.3", "1000000.2", "1000000.6", "1000000.4", "1000000.9", "1000000.5", "1000000.8"])
    # Binary fractions on 10^6: the doubles are exact, so the values are not centred by the reader.
    yearly("offset_eighths", 2005, [decimal_text(1000000 + F(k, 8)) for k in [1, 5, 2, 7, 4, 9, 6, 12, 8, 11, 14, 10]])
    # 10^9 plus small integers, autocorrelated (runs of rises and falls).
    pattern = [0, 2, 3, 3, 5, 4, 6, 8, 7, 9, 11, 10, 10, 13, 12]
    yearly("offset_billion", 2008, [str(1000000000 + v) for v in pattern])
    # An ordinary rate per 10,000 with one decimal.
    yearly("ordinary", 2009, ["45.2", "47.1", "46.3", "48.9", "50.2", "49.4", "51.8", "53.0", "52.1", "54.6", "55.3", "54.9", "57.2", "58.4", "57.7"])
    # Ties, and a tie in the detrended values.
    yearly("ties", 2011, ["12", "14", "12", "15", "15", "13", "16", "18", "16", "19", "19", "20"])
    # Monthly, with gaps (months 4, 9, 10 and 17 missing), on an offset of 5,000 with hundredths.
    months = [m for m in range(24) if m not in (4, 9, 10, 17)]
    vals = [5000 + F(1234 + 37 * m + (m * 7919) % 101, 100) for m in months]
    out.append(("monthly_gaps", [(f"{2019 + m // 12}-{m % 12 + 1:02d}" if (m % 12 + 1) != (2019 + m // 12 + 1) % 100 else f"{['Jan','Feb','Mar','Apr','May','Jun','Jul','Aug','Sep','Oct','Nov','Dec'][m % 12]} {2019 + m // 12}", F(m, 12), decimal_text(v)) for m, v in zip(months, vals)]))
    # A strongly autocorrelated series of 30 (a slow cycle on a trend), offset 2,000,000 with quarters.
    cyc = [0, 3, 5, 6, 6, 5, 3, 0, -2, -3, -3, -2, 0, 3, 5, 6, 6, 5, 3, 0, -2, -3, -3, -2, 0, 3, 5, 6, 6, 5]
    yearly("cycle_offset", 1990, [decimal_text(2000000 + F(i, 2) + F(c, 4)) for i, c in enumerate(cyc)])
    return out


def decimal_text(x: F) -> str:
    """A Fraction with a terminating decimal expansion, written exactly."""
    sign = "-" if x < 0 else ""
    x = abs(x)
    whole = x.numerator // x.denominator
    rest = x - whole
    digits = ""
    while rest:
        rest *= 10
        d = rest.numerator // rest.denominator
        digits += str(d)
        rest -= d
        assert len(digits) < 40
    return sign + str(whole) + ("." + digits if digits else "")


def sign(x):
    return (x > 0) - (x < 0)


def mk_s(x):
    n = len(x)
    return sum(sign(x[j] - x[i]) for i in range(n) for j in range(i + 1, n))


def mk_var(x):
    n = len(x)
    groups = {}
    for v in x:
        groups[v] = groups.get(v, 0) + 1
    ties = sum(t * (t - 1) * (2 * t + 5) for t in groups.values())
    return F(n * (n - 1) * (2 * n + 5) - ties, 18)


def median(values):
    v = sorted(values)
    m = len(v)
    return v[m // 2] if m % 2 else (v[m // 2 - 1] + v[m // 2]) / 2


def sen(t, x):
    n = len(x)
    return median([(x[j] - x[i]) / (t[j] - t[i]) for i in range(n) for j in range(i + 1, n)])


def acf(x, lags):
    n = len(x)
    m = sum(x) / n
    d = [v - m for v in x]
    ss = sum(v * v for v in d)
    return [F(1)] + [sum(d[i] * d[i + k] for i in range(n - k)) / ss for k in range(1, lags + 1)]


def ranks(x):
    order = sorted(range(len(x)), key=lambda i: x[i])
    r = [F(0)] * len(x)
    start = 0
    while start < len(order):
        end = start + 1
        while end < len(order) and x[order[end]] == x[order[start]]:
            end += 1
        for i in range(start, end):
            r[order[i]] = F(start + 1 + end, 2)
        start = end
    return r


def score(s, var):
    if var <= 0:
        return None, None  # no test: the library reports the reason
    root = mpmath.sqrt(mpmath.mpf(var.numerator) / var.denominator)
    z = (s - 1) / root if s > 0 else (s + 1) / root if s < 0 else mpmath.mpf(0)
    return z, mpmath.erfc(abs(z) / mpmath.sqrt(2))


def text(x):
    if x is None:
        return None
    if isinstance(x, F):
        x = mpmath.mpf(x.numerator) / x.denominator
    return mpmath.nstr(x, DIGITS, min_fixed=-30, max_fixed=30, strip_zeros=False) if x != 0 else "0"


def variants(t, x):
    n = len(x)
    s, var = mk_s(x), mk_var(x)
    beta = sen(t, x)
    e = [xi - beta * ti for ti, xi in zip(t, x)]
    out = {}
    # Yue-Wang
    r = acf(e, n - 1)
    ratio = 1 + 2 * sum((1 - F(k, n)) * r[k] for k in range(1, n))
    yw = var * ratio
    z, p = score(s, yw)
    out["yue_wang"] = {"s": s, "var_s": text(yw) if yw > 0 else None, "z": text(z), "p": text(p), "ratio": text(ratio)}
    # Hamed-Rao (alpha 0.05): |r_k| > q/sqrt(n) decided exactly as r_k^2 * n > q^2 (q irrational: 50 digits
    # and a check that no lag is within 10^-30 of the bound).
    q = mpmath.sqrt(2) * mpmath.erfinv(mpmath.mpf("0.95"))
    rr = acf(ranks(e), n - 1)
    total = F(0)
    for k in range(1, n):
        margin = abs(mpmath.mpf(rr[k].numerator) / rr[k].denominator) - q / mpmath.sqrt(n)
        assert abs(margin) > mpmath.mpf(10) ** -30
        if margin > 0:
            total += (n - k) * (n - k - 1) * (n - k - 2) * rr[k]
    corr = 1 + F(2, n * (n - 1) * (n - 2)) * total
    hr = var * corr
    z, p = score(s, hr)
    out["hamed_rao"] = {"s": s, "var_s": text(hr) if hr > 0 else None, "z": text(z), "p": text(p), "correction": text(corr)}
    # Pre-whitened
    r1 = acf(x, 1)[1]
    w = [x[i] - r1 * x[i - 1] for i in range(1, n)]
    ws, wv = mk_s(w), mk_var(w)
    z, p = score(ws, wv)
    out["prewhitened"] = {"s": ws, "var_s": text(wv), "z": text(z), "p": text(p), "r1": text(r1)}
    # Trend-free pre-whitened
    r1e = acf(e, 1)[1]
    w = [e[i] - r1e * e[i - 1] + beta * t[i] for i in range(1, n)]
    ws, wv = mk_s(w), mk_var(w)
    z, p = score(ws, wv)
    out["tfpw"] = {"s": ws, "var_s": text(wv), "z": text(z), "p": text(p), "r1": text(r1e)}
    out["sen_slope"] = text(beta)
    return out


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    rows = ["case,period,value"]
    refs = {}
    for name, points in cases():
        for label, _, value in points:
            rows.append(f"{name},{label},{value}")
        t = [p[1] for p in points]
        x = [F(p[2]) for p in points]
        refs[name] = {"n": len(x), **variants(t, x)}
    (OUT / "series.csv").write_text("\n".join(rows) + "\n")
    (OUT / "references.json").write_text(json.dumps(refs, indent=1, sort_keys=True) + "\n")


if __name__ == "__main__":
    main()
