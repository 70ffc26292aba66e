#!/usr/bin/env python3
"""Exact reference values for the least-squares and descriptive-statistics accuracy tests.

Run from the package root:

    python3 scripts/exact_references.py

It (re)writes Tests/MetricsTests/Fixtures/exact/: one CSV per dataset, references.json with the certified
values, and README.md. Python 3.11 standard library only; no floating point is used anywhere in the data or
the references, so the output is byte-identical on every run and every platform.

Method, in the spirit of NIST StRD (but our own data):

* The data are generated from fixed seeds (random.Random, integer draws only), rounded to short decimals and
  written as text. The CSV text IS the data: the references are computed from Fraction(text) of exactly the
  strings written, read back from the CSV.
* Fits: the normal equations X'WX b = X'Wy are solved by exact Fraction Gauss-Jordan elimination (exact, so
  conditioning does not matter), RSS = sum w (y - Xb)^2 exactly, covariance = RSS/(n-p) (X'WX)^-1 exactly.
  Rows with weight 0 are left out of n and of the degrees of freedom (as R's lm does).
* Every rational result is rounded once, correctly (half-even), to 25 significant digits. Square roots are
  computed with decimal.Decimal at 60 digits and cross-checked against an exact integer square root.
"""

from __future__ import annotations

import decimal
import json
import math
import random
import sys
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

DIGITS = 25  # significant digits of every certified value
WORKING_PRECISION = 60  # decimal digits for the square roots
ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "Tests" / "MetricsTests" / "Fixtures" / "exact"

F = Fraction


# --------------------------------------------------------------------------------------------------------
# Exact decimal text
# --------------------------------------------------------------------------------------------------------

def decade(x: Fraction) -> int:
    """The e with 10^e <= |x| < 10^(e+1), exactly (x != 0)."""
    a = abs(x)
    e = len(str(a.numerator)) - len(str(a.denominator))  # within one of the answer
    while a >= F(10) ** (e + 1):
        e += 1
    while a < F(10) ** e:
        e -= 1
    return e


def fixed(x: Fraction, places: int) -> str:
    """x rounded (half-even) to `places` decimals, written plainly: '-6.860120914', '1000000000'."""
    q = round(x * 10 ** places)
    sign = "-" if q < 0 else ""
    digits = str(abs(q))
    if places == 0:
        return sign + digits
    digits = digits.rjust(places + 1, "0")
    return f"{sign}{digits[:-places]}.{digits[-places:]}"


def significant(x: Fraction, digits: int) -> str:
    """x rounded (half-even) to `digits` significant digits, written plainly (no exponent)."""
    if x == 0:
        return "0"
    places = digits - 1 - decade(x)
    if places >= 0:
        return fixed(x, places)
    unit = 10 ** (-places)
    return str(round(x / unit) * unit)


def certified(x: Fraction) -> str:
    """x correctly rounded (half-even) to DIGITS significant digits, as Python's Decimal writes it
    ('1000000.200000000000000000', '-1.467489614229800000000000E-7'); exact zero is '0'."""
    if x == 0:
        return "0"
    e = decade(x) - (DIGITS - 1)
    q = round(x / F(10) ** e)
    if abs(q) == 10 ** DIGITS:  # rounding carried into a new decade
        e += 1
        q = round(x / F(10) ** e)
    d = Decimal((0 if q > 0 else 1, tuple(int(c) for c in str(abs(q))), e))
    # Cross-check against decimal division at the working precision.
    with decimal.localcontext() as ctx:
        ctx.prec = WORKING_PRECISION
        wide = Decimal(x.numerator) / Decimal(x.denominator)
    check = decimal.Context(prec=DIGITS, rounding=decimal.ROUND_HALF_EVEN).plus(wide)
    assert check == d, (x, d, check)
    return str(d)


def certified_sqrt(x: Fraction) -> str:
    """sqrt(x), x >= 0, to DIGITS significant digits: Decimal.sqrt at 60 digits, checked against an exact
    integer square root with exact round-to-nearest."""
    assert x >= 0
    if x == 0:
        return "0"
    with decimal.localcontext() as ctx:
        ctx.prec = WORKING_PRECISION
        root = (Decimal(x.numerator) / Decimal(x.denominator)).sqrt()
    d = decimal.Context(prec=DIGITS, rounding=decimal.ROUND_HALF_EVEN).plus(root)

    # Exact: sqrt(x) = sqrt(g) * 10^e with g = x / 10^(2e) in [10^(2(DIGITS-1)), 10^(2 DIGITS)).
    e = (decade(x) // 2) - (DIGITS - 1)
    while True:
        g = x / F(10) ** (2 * e)
        if g >= F(10) ** (2 * DIGITS):
            e += 1
        elif g < F(10) ** (2 * (DIGITS - 1)):
            e -= 1
        else:
            break
    n = math.isqrt(g.numerator // g.denominator)  # floor(sqrt(g))
    half = F(2 * n + 1, 2)
    if g > half * half or (g == half * half and n % 2 == 1):
        n += 1
    if n == 10 ** DIGITS:
        n, e = 10 ** (DIGITS - 1), e + 1
    exact = Decimal((0, tuple(int(c) for c in str(n)), e))
    assert exact == d, (x, exact, d)
    return str(exact)


# --------------------------------------------------------------------------------------------------------
# Exact linear algebra and statistics
# --------------------------------------------------------------------------------------------------------

def inverse(a: list[list[Fraction]]) -> list[list[Fraction]]:
    """The exact inverse by Gauss-Jordan elimination (partial pivoting on the first nonzero pivot)."""
    p = len(a)
    m = [row[:] + [F(int(i == j)) for j in range(p)] for i, row in enumerate(a)]
    for c in range(p):
        pivot = next((r for r in range(c, p) if m[r][c] != 0), None)
        if pivot is None:
            raise ValueError("singular normal equations")
        m[c], m[pivot] = m[pivot], m[c]
        inv = 1 / m[c][c]
        m[c] = [v * inv for v in m[c]]
        for r in range(p):
            if r != c and m[r][c] != 0:
                f = m[r][c]
                m[r] = [v - f * w for v, w in zip(m[r], m[c])]
    return [row[p:] for row in m]


def least_squares(rows: list[list[Fraction]], y: list[Fraction], w: list[Fraction], intercept: bool) -> dict:
    """Weighted least squares, exactly. rows: design rows (the intercept's 1 included when there is one)."""
    kept = [(r, yi, wi) for r, yi, wi in zip(rows, y, w) if wi != 0]
    assert all(wi > 0 for _, _, wi in kept)
    n, p = len(kept), len(rows[0])
    xtx = [[sum((wi * r[i] * r[j] for r, _, wi in kept), F(0)) for j in range(p)] for i in range(p)]
    xty = [sum((wi * r[i] * yi for r, yi, wi in kept), F(0)) for i in range(p)]
    xtx_inv = inverse(xtx)
    beta = [sum((xtx_inv[i][j] * xty[j] for j in range(p)), F(0)) for i in range(p)]
    assert all(sum((xtx[i][j] * beta[j] for j in range(p)), F(0)) == xty[i] for i in range(p))
    residuals = [(yi - sum((bj * xj for bj, xj in zip(beta, r)), F(0)), wi, r) for r, yi, wi in kept]
    # The weighted residuals are exactly orthogonal to every column.
    assert all(sum((wi * e * r[i] for e, wi, r in residuals), F(0)) == 0 for i in range(p))
    rss = sum((wi * e * e for e, wi, _ in residuals), F(0))
    dof = n - p
    assert dof > 0
    sigma2 = rss / dof
    if intercept:
        sw = sum((wi for _, _, wi in kept), F(0))
        ybar = sum((wi * yi for _, yi, wi in kept), F(0)) / sw
        tss = sum((wi * (yi - ybar) ** 2 for _, yi, wi in kept), F(0))
    else:
        tss = sum((wi * yi * yi for _, yi, wi in kept), F(0))
    return {
        "n": n,
        "dof": dof,
        "coefficients": [certified(b) for b in beta],
        "standard_errors": [certified_sqrt(sigma2 * xtx_inv[j][j]) for j in range(p)],
        "residual_sd": certified_sqrt(sigma2),
        "r_squared": certified(1 - rss / tss),
        "rss": certified(rss),
    }


def quantile7(sorted_values: list[Fraction], prob: Fraction) -> Fraction:
    """R's type-7 quantile: h = (n-1)p, x[floor h] + (h - floor h)(x[floor h + 1] - x[floor h]) (0-based)."""
    h = (len(sorted_values) - 1) * prob
    lo = math.floor(h)
    if lo + 1 >= len(sorted_values):
        return sorted_values[lo]
    return sorted_values[lo] + (h - lo) * (sorted_values[lo + 1] - sorted_values[lo])


def describe(y: list[Fraction]) -> dict:
    n = len(y)
    mean = sum(y, F(0)) / n
    d = [v - mean for v in y]
    ss = sum((v * v for v in d), F(0))
    r1 = sum((d[i] * d[i + 1] for i in range(n - 1)), F(0)) / ss
    s = sorted(y)
    return {
        "n": n,
        "mean": certified(mean),
        "sd": certified_sqrt(ss / (n - 1)),
        "min": certified(s[0]),
        "max": certified(s[-1]),
        "median": certified(quantile7(s, F(1, 2))),
        "q1": certified(quantile7(s, F(1, 4))),
        "q3": certified(quantile7(s, F(3, 4))),
        "lag1_autocorrelation": certified(r1),
    }


# --------------------------------------------------------------------------------------------------------
# Deterministic noise (integer draws only: no libm, so every platform draws the same values)
# --------------------------------------------------------------------------------------------------------

def gauss(rng: random.Random, sd: Fraction) -> Fraction:
    """Approximately normal noise with standard deviation sd: the sum of 12 uniforms minus 6 (Irwin-Hall),
    built from integer draws so it is an exact rational."""
    s = sum(rng.randrange(1_000_000) for _ in range(12))
    return sd * F(s + 6 - 6_000_000, 1_000_000)


def uniform(rng: random.Random, lo: Fraction, hi: Fraction, places: int) -> Fraction:
    """A uniform draw on the grid of `places` decimals in [lo, hi]."""
    a, b = round(lo * 10 ** places), round(hi * 10 ** places)
    return F(rng.randrange(a, b + 1), 10 ** places)


# --------------------------------------------------------------------------------------------------------
# The datasets. Each builder returns (header, rows of strings, spec).
# --------------------------------------------------------------------------------------------------------

def poly_true(coefficients, x):
    return sum((F(c) * x ** k for k, c in enumerate(coefficients)), F(0))


def poly10_filip_like():
    rng = random.Random(1010)
    xs = [uniform(rng, F(-88, 10), F(-31, 10), 9) for _ in range(72)]
    # Ten near-duplicates of earlier points, as in Filip (x differing in the 6th decimal).
    for i in range(10):
        xs.append(xs[7 * i] + F(rng.randrange(-5000, 5001), 10 ** 9))
    rng.shuffle(xs)
    rows = []
    for x in xs:
        t = x + 6
        f = F(85, 100) - F(4, 1000) * t * t + F(3, 100) * t / (1 + t * t / 4) + F(1, 1000) * t ** 3 / 10
        rows.append([fixed(x, 9), fixed(f + gauss(rng, F(25, 10000)), 4)])
    why = ("NIST Filip-like: degree 10 on 82 irregular, unsorted x in [-8.8, -3.1] with ten near-duplicate x "
           "values; the raw Vandermonde design is ill-conditioned to the limit of double precision.")
    return ["x", "y"], rows, {"kind": "fit", "model": {"degree": 10, "intercept": True}, "why": why}


def poly5_offset():
    rng = random.Random(505)
    rows = []
    for k in range(70):
        x = F(10000) + F(k, 7)
        xs = fixed(x, 6)
        t = F(xs) - 10000
        f = 20 + 2 * t - F(3, 10) * t * t + F(15, 1000) * t ** 3 + 5 / (1 + t)
        rows.append([xs, fixed(f + gauss(rng, F(5, 100)), 4)])
    why = ("x = 10000 + k/7 rounded to 6 decimals (k = 0..69): a spread of under 10 on an offset of 10^4, so "
           "the columns 1, x, ..., x^5 of the raw design are nearly collinear (cond ~ 1e38, beyond even "
           "double-double); centring x first brings it to ~40, and the raw-power coefficients follow from the "
           "centred ones without cancellation.")
    return ["x", "y"], rows, {"kind": "fit", "model": {"degree": 5, "intercept": True}, "why": why}


def poly6_years():
    rng = random.Random(606)
    rows = []
    for q in range(140):
        x = F(1990) + F(q, 4)
        t = (x - 2007) / 10
        f = 55 + 8 * t - 3 * t * t + F(12, 10) * t ** 3 + 4 / (1 + (t - F(1, 2)) ** 2)
        rows.append([fixed(x, 2), fixed(f + gauss(rng, F(6, 10)), 2)])
    why = ("Quarterly time axis 1990.00, 1990.25, ..., 2024.75 (the time axis the summaries use: a quarter at "
           "Y + (q-1)/4), degree 6: powers of years up to 2024.75^6 ~ 7e19 with a relative spread of under 2%.")
    return ["x", "y"], rows, {"kind": "fit", "model": {"degree": 6, "intercept": True}, "why": why}


def poly7_tiny():
    rng = random.Random(707)
    xs = sorted({uniform(rng, F(2, 10 ** 5), F(35, 10 ** 4), 7) for _ in range(60)})
    rows = []
    for x in xs:
        t = x / F(35, 10 ** 4)
        f = F(3, 10) + 2 * t - 5 * t * t + 3 * t ** 3 + F(1, 2) / (1 + 4 * t * t)
        rows.append([fixed(x, 7), significant(f + gauss(rng, F(2, 1000)), 5)])
    why = ("Tiny x in [0.00002, 0.0035] (7 decimals), degree 7: the column x^7 is ~1e-17 against a column of "
           "ones, so the raw design is badly scaled as well as ill-conditioned; tests column scaling.")
    return ["x", "y"], rows, {"kind": "fit", "model": {"degree": 7, "intercept": True}, "why": why}


def poly8_wide():
    rng = random.Random(808)
    # Irregular, roughly geometric spacing over [100, 1000].
    xs = sorted({significant(F(100) * F(1023, 1000) ** k + uniform(rng, F(-1, 2), F(1, 2), 3), 6)
                 for k in range(102)}, key=F)
    rows = []
    for xs_ in xs:
        t = (F(xs_) - 550) / 450
        f = 1000 + 400 * t - 250 * t * t + 120 * t ** 3 + 60 * t ** 4 + 200 / (2 + t)
        rows.append([xs_, fixed(f + gauss(rng, F(3)), 2)])
    why = ("x in [100, 1000] with irregular, roughly geometric spacing, degree 8: the raw columns range from 1 "
           "to ~1e24, so the design is badly scaled and ill-conditioned.")
    return ["x", "y"], rows, {"kind": "fit", "model": {"degree": 8, "intercept": True}, "why": why}


def poly9_negative():
    rng = random.Random(909)
    rows = []
    for k in range(61):
        x = F(-130) + k
        t = (x + 100) / 30
        for _ in range(2):  # replicated x values
            f = -40 + 15 * t + 9 * t * t - 6 * t ** 3 + 12 / (3 + t)
            rows.append([fixed(x, 0), fixed(f + gauss(rng, F(1, 2)), 3)])
    why = ("Integer x from -130 to -70, each twice (replicates), degree 9: a negative offset of 100 with spread "
           "60; 122 rows and 61 distinct x.")
    return ["x", "y"], rows, {"kind": "fit", "model": {"degree": 9, "intercept": True}, "why": why}


def wampler(name, coefficients, noise_sd, seed, places, why):
    def build():
        rng = random.Random(seed)
        rows = []
        for x in range(21):
            f = poly_true(coefficients, F(x))
            if noise_sd:
                f += gauss(rng, F(noise_sd))
            rows.append([str(x), fixed(f, places)])
        return ["x", "y"], rows, {"kind": "fit", "model": {"degree": 5, "intercept": True}, "why": why}
    build.__name__ = name
    return build


wampler1_like = wampler(
    "wampler1_like", [1, 1, 1, 1, 1, 1], 0, 0, 0,
    "NIST Wampler1-like: x = 0..20, y = 1 + x + x^2 + x^3 + x^4 + x^5 exactly, so the fit is perfect: every "
    "coefficient is 1 and RSS, residual SD and every standard error are exactly 0 (R^2 = 1).")
wampler2_like = wampler(
    "wampler2_like", ["1", "0.1", "0.01", "0.001", "0.0001", "0.00001"], 0, 0, 5,
    "NIST Wampler2-like: x = 0..20, y = 1 + 0.1x + 0.01x^2 + ... + 0.00001x^5 exactly (exact decimals), a "
    "perfect fit with coefficients spanning five orders of magnitude; RSS and standard errors are exactly 0.")
wampler3_like = wampler(
    "wampler3_like", [1, 1, 1, 1, 1, 1], 100, 303, 1,
    "NIST Wampler3-like: the Wampler1 polynomial plus noise of standard deviation about 100 (y to one "
    "decimal), degree 5 on x = 0..20.")
wampler4_like = wampler(
    "wampler4_like", [1, 1, 1, 1, 1, 1], 10000, 404, 1,
    "NIST Wampler4-like: the Wampler1 polynomial plus noise of standard deviation about 10^4.")
wampler5_like = wampler(
    "wampler5_like", [1, 1, 1, 1, 1, 1], 1000000, 505, 1,
    "NIST Wampler5-like: the Wampler1 polynomial plus noise of standard deviation about 10^6, comparable to "
    "the signal, so the higher coefficients are barely determined.")


def line_huge_offset():
    rng = random.Random(4242)
    rows = []
    for k in range(41):
        y = F(10 ** 6) + F(k, 1000) + gauss(rng, F(2, 10 ** 4))
        rows.append([str(10 ** 9 + k), fixed(y, 6)])
    why = ("Straight line with x = 1e9 + k (k = 0..40) and y = 1e6 + 0.001k + noise (sd 2e-4, 6 decimals): a "
           "huge offset and a tiny spread in both columns. y needs 13 significant digits, so it cannot be held "
           "exactly by a double; the raw design has cond(X) ~ 8e16.")
    return ["x", "y"], rows, {"kind": "fit", "model": {"degree": 1, "intercept": True}, "why": why}


def weighted_line():
    rng = random.Random(1717)
    rows = []
    for k in range(1, 33):
        x = F(k) + F(rng.randrange(0, 100), 100)
        if k in (9, 23):  # zero weight: a wild value that must have no influence
            rows.append([fixed(x, 2), fixed(F(500) + 37 * k, 3), "0"])
            continue
        y = 12 + F(35, 10) * x + gauss(rng, F(k, 3))  # noise growing with k
        rows.append([fixed(x, 2), fixed(y, 3), significant(F(1, k), 4)])
    why = ("Weighted straight line: weights ~ 1/k written to 4 significant digits (0.3333, 0.1429, ...), noise "
           "growing with k, and two rows of weight 0 carrying wild y values; zero-weight rows leave n and dof "
           "(n = 30, dof = 28), as in R's lm.")
    return ["x", "y", "w"], rows, {"kind": "fit", "model": {"degree": 1, "intercept": True}, "why": why,
                                   "weights": "w"}


def weighted_quadratic():
    rng = random.Random(2323)
    rows = []
    for k in range(40):
        x = F(k, 2) + F(rng.randrange(0, 10), 100)
        w = 1 + rng.randrange(9)
        if k in (5, 31):
            rows.append([fixed(x, 2), fixed(F(-250) + k, 2), "0"])
            continue
        y = 3 - F(12, 10) * x + F(45, 1000) * x * x + gauss(rng, F(3, 2) / w)
        rows.append([fixed(x, 2), fixed(y, 3), str(w)])
    why = ("Weighted quadratic: integer weights 1..9 (noise sd ~ 1.5/w), two rows of weight 0 with wild y "
           "values, x in [0, 20]; n = 38 weighted rows, dof = 35.")
    return ["x", "y", "w"], rows, {"kind": "fit", "model": {"degree": 2, "intercept": True}, "why": why,
                                   "weights": "w"}


def origin_line():
    rng = random.Random(3131)
    rows = []
    for k in range(25):
        x = F(100) + 4 * k + F(rng.randrange(0, 1000), 1000)
        y = F(275, 100) * x + gauss(rng, F(4))
        rows.append([fixed(x, 3), fixed(y, 2)])
    why = ("Straight line through the origin (no intercept), x in [100, 200], so the data sit far from the "
           "origin: R^2 is the uncentred 1 - RSS/sum(y^2) (NIST NoInt-style), close to 1 even though the noise "
           "is not small.")
    return ["x", "y"], rows, {"kind": "fit", "model": {"degree": 1, "intercept": False}, "why": why}


def origin_quadratic():
    rng = random.Random(3232)
    rows = []
    for k in range(30):
        x = F(1, 2) + F(k * 133, 100) + F(rng.randrange(0, 100), 1000)
        y = F(5, 10) * x + F(3, 100) * x * x + gauss(rng, F(8, 10))
        rows.append([fixed(x, 3), fixed(y, 3)])
    why = ("Quadratic through the origin: y = b1 x + b2 x^2, no intercept column, x in [0.5, 39.2]; R^2 "
           "uncentred.")
    return ["x", "y"], rows, {"kind": "fit", "model": {"degree": 2, "intercept": False}, "why": why}


def longley_like():
    rng = random.Random(1947)
    rows = []
    for t in range(24):
        year = 1947 + t
        gnp = F(234289, 1000) + F(195, 10) * t + F(4, 10) * t * t + gauss(rng, F(3, 2))
        pop = F(107608, 1000) + F(13, 10) * t + F(1, 100) * t * t + gauss(rng, F(4, 100))
        g, p = F(fixed(gnp, 3)), F(fixed(pop, 3))
        employed = F(-1500000) + F(36, 10) * g - F(85, 10) * p + 800 * year + gauss(rng, F(300))
        rows.append([fixed(g, 3), fixed(p, 3), str(year), fixed(employed, 0)])
    why = ("Longley-like multiple regression with intercept on three strongly collinear predictors (a GNP-like "
           "series, a population-like series and the year, all smooth in time, 24 rows); the year column makes "
           "the raw design ill-conditioned in the way Longley's is.")
    return ["gnp", "population", "year", "employed"], rows, {
        "kind": "fit", "model": {"multiple": 3, "intercept": True}, "why": why,
        "x": ["gnp", "population", "year"], "y": "employed"}


def numacc_like(offset: str, name: str, label: str):
    def build():
        base = F(offset)
        values = [base + F(2, 10)]
        for i in range(1000):
            values.append(base + (F(1, 10) if i % 2 == 0 else F(3, 10)))
        rows = [[fixed(v, 1)] for v in values]
        why = (f"NIST {label}-like: {fixed(base + F(2, 10), 1)}, then "
               f"{fixed(base + F(1, 10), 1)} and {fixed(base + F(3, 10), 1)} alternating, 1001 values "
               f"(mean {fixed(base + F(2, 10), 1)}, sd 0.1, r1 -0.999 exactly as NIST certifies); a double "
               f"cannot hold these values, so they must be read as decimals.")
        return ["y"], rows, {"kind": "describe", "why": why}
    build.__name__ = name
    return build


numacc3_like = numacc_like("1000000", "numacc3_like", "NumAcc3")
numacc4_like = numacc_like("10000000", "numacc4_like", "NumAcc4")


def offset_1e12():
    rng = random.Random(1212)
    rows = []
    z = 0
    for _ in range(150):
        z = (4 * z) // 5 + rng.randrange(-120, 121)  # an AR(1)-like walk in micro-units
        u = min(max(500 + z, 0), 1000)
        rows.append([fixed(F(10 ** 12) + F(u, 10 ** 6), 6)])
    why = ("150 values 1e12 + u with u in [0, 0.001] (6 decimals, 19 significant digits), autocorrelated: the "
           "spread is below the spacing of doubles near 1e12 (1.2e-4), so only exact decimal input gets the mean's "
           "tail, the sd and r1 right.")
    return ["y"], rows, {"kind": "describe", "why": why}


def small_ties():
    values = ["7.5", "2", "3", "3", "11", "2", "5.25"]
    why = ("Seven values with ties (2, 2 and 3, 3): median 3, type-7 quartiles interpolate between distinct "
           "order statistics (q1 = 2.5, q3 = 6.375).")
    return ["y"], [[v] for v in values], {"kind": "describe", "why": why}


def small_even_ties():
    values = ["4", "-1.5", "4", "0.25", "10", "2.5", "-1.5", "6"]
    why = ("Eight values with ties (4 and -1.5 twice each): even n, so the median averages two distinct middle "
           "order statistics (3.25); type-7 quartiles at h = 1.75 and 5.25 (-0.1875, 4.5).")
    return ["y"], [[v] for v in values], {"kind": "describe", "why": why}


DATASETS = [
    poly5_offset, poly6_years, poly7_tiny, poly8_wide, poly9_negative, poly10_filip_like,
    wampler1_like, wampler2_like, wampler3_like, wampler4_like, wampler5_like,
    line_huge_offset, weighted_line, weighted_quadratic, origin_line, origin_quadratic, longley_like,
    numacc3_like, numacc4_like, offset_1e12, small_ties, small_even_ties,
]


# --------------------------------------------------------------------------------------------------------
# Output
# --------------------------------------------------------------------------------------------------------

def term_names(model: dict, x_names: list[str]) -> list[str]:
    names = ["intercept"] if model["intercept"] else []
    if "degree" in model:
        names += [x_names[0] if k == 1 else f"{x_names[0]}^{k}" for k in range(1, model["degree"] + 1)]
    else:
        names += x_names
    return names


def design_row(model: dict, xs: list[Fraction]) -> list[Fraction]:
    row = [F(1)] if model["intercept"] else []
    if "degree" in model:
        row += [xs[0] ** k for k in range(1, model["degree"] + 1)]
    else:
        row += xs
    return row


def csv_text(header: list[str], rows: list[list[str]]) -> str:
    return "".join(",".join(r) + "\n" for r in [header] + rows)


def read_csv(text: str) -> tuple[list[str], list[list[Fraction]]]:
    """Read the CSV back from its text: the references are computed from exactly these decimals."""
    lines = text.splitlines()
    header = lines[0].split(",")
    columns = [[] for _ in header]
    for line in lines[1:]:
        for j, cell in enumerate(line.split(",")):
            columns[j].append(F(cell))
    return header, columns


def reference(name: str, header: list[str], text: str, spec: dict) -> dict:
    names, columns = read_csv(text)
    assert names == header
    column = dict(zip(names, columns))
    entry = {"name": name, "file": f"{name}.csv", "kind": spec["kind"]}
    if spec["kind"] == "describe":
        entry["columns"] = {"y": names[0]}
        entry.update(describe(column[names[0]]))
    else:
        x_names = spec.get("x", ["x"])
        y_name = spec.get("y", "y")
        entry["columns"] = {"x": x_names, "y": y_name}
        if "weights" in spec:
            entry["columns"]["weights"] = spec["weights"]
        model = spec["model"]
        entry["model"] = model
        n_rows = len(column[y_name])
        rows = [design_row(model, [column[c][i] for c in x_names]) for i in range(n_rows)]
        w = column[spec["weights"]] if "weights" in spec else [F(1)] * n_rows
        fit = least_squares(rows, column[y_name], w, model["intercept"])
        entry["n"] = fit.pop("n")
        entry["dof"] = fit.pop("dof")
        entry["terms"] = term_names(model, x_names)
        entry.update(fit)
    entry["why"] = spec["why"]
    return entry


README_HEAD = """\
# Exact reference values

Generated by `scripts/exact_references.py`; do not edit by hand (this README is generated too).
Regenerate from the package root with

    python3 scripts/exact_references.py

(Python 3.11+, standard library only). The output is deterministic: fixed seeds, integer random draws and
exact rational arithmetic only, so a rerun is byte-identical on any platform.

## What the values are

Independent, certified-quality references for the least-squares and descriptive-statistics code, in the
spirit of NIST StRD but generated by us:

- **The CSV text is the data.** Each dataset is generated from a fixed seed, rounded to short decimals and
  written as a CSV (header row, LF line endings). The script then reads the CSV text back and converts every
  cell with `fractions.Fraction(text)`, so the references belong to exactly the decimals in the file.
- **Fits** (`"kind": "fit"`): the normal equations X'WX b = X'Wy are solved by exact `Fraction` Gauss-Jordan
  elimination, so conditioning plays no part. RSS = sum w (y - Xb)^2 is exact; the covariance is
  RSS/(n - p) (X'WX)^-1, exactly. The script asserts that X'W(y - Xb) = 0 exactly. Rows of weight 0 are
  left out of `n` and of `dof` (as R's `lm` does). `residual_sd` = sqrt(RSS/dof). `r_squared` is centred,
  1 - RSS/sum w (y - ybar_w)^2, with an intercept, and uncentred, 1 - RSS/sum w y^2, through the origin.
- **Describe** (`"kind": "describe"`): `n`, `mean`, `sd` (n - 1 denominator), `min`, `max`, `median`, `q1`
  and `q3` (R's type 7: h = (n - 1)p, linear interpolation between order statistics) and
  `lag1_autocorrelation` r1 = sum_{i=1}^{n-1} (y_i - ybar)(y_{i+1} - ybar) / sum_{i=1}^{n} (y_i - ybar)^2, in file
  order.
- **Rounding.** Every value is a decimal string with 25 significant digits, correctly rounded (half-even)
  from the exact rational, as Python's `Decimal` writes it (plain, or with an exponent such as `E-7` when
  very small or large). Exact zeros are `"0"`. Square roots are computed with `decimal.Decimal.sqrt` at 60
  digits and checked against an exact integer square root with exact rounding; quotients are checked
  against 60-digit `Decimal` division.

## references.json

`{"generator", "digits", "datasets": [...]}`; each dataset has `name`, `file`, `kind`, `columns` (`x` list,
`y`, and `weights` when the fit is weighted), and `why`. Fits add `model` (`{"degree": K, "intercept": bool}`
for a polynomial in one x column, degree 1 being the straight line, or `{"multiple": p, "intercept": bool}`),
`n`, `dof`, `terms` (as `metrics fit` names them: `intercept`, `x`, `x^2`, ...), `coefficients` and
`standard_errors` (intercept first, then ascending powers or the predictors in order), `residual_sd`,
`r_squared` and `rss`. Describe sets add the statistics listed above.

## Datasets

| name | kind | model | rows | why |
| --- | --- | --- | ---: | --- |
"""


def model_text(entry: dict) -> str:
    if entry["kind"] == "describe":
        return "-"
    m = entry["model"]
    if "degree" in m:
        core = "linear" if m["degree"] == 1 else f"poly:{m['degree']}"
    else:
        core = f"linear, {m['multiple']} predictors"
    extras = []
    if not m["intercept"]:
        extras.append("through origin")
    if "weights" in entry["columns"]:
        extras.append("weighted")
    return core + (f" ({', '.join(extras)})" if extras else "")


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    entries, readme_rows, written = [], [], set()
    for build in DATASETS:
        name = build.__name__
        header, rows, spec = build()
        text = csv_text(header, rows)
        (OUT / f"{name}.csv").write_text(text, encoding="utf-8", newline="\n")
        written.add(f"{name}.csv")
        entry = reference(name, header, text, spec)
        entries.append(entry)
        readme_rows.append(f"| `{name}` | {entry['kind']} | {model_text(entry)} | {len(rows)} | {spec['why']} |\n")
    for stale in OUT.glob("*.csv"):
        if stale.name not in written:
            stale.unlink()
    document = {"generator": "scripts/exact_references.py", "digits": DIGITS, "datasets": entries}
    (OUT / "references.json").write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n",
                                         encoding="utf-8", newline="\n")
    (OUT / "README.md").write_text(README_HEAD + "".join(readme_rows), encoding="utf-8", newline="\n")
    print(f"wrote {len(entries)} datasets to {OUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
