#!/usr/bin/env python3
"""Independent reference values for FunnelLimits (Tests/MetricsTests/FunnelLimitsTests.swift).

Proportions: PHE's closed form `sigma_adjustment` (PHEindicatormethods R/Funnels.R, PHStatsMethods
utils_funnel.py), written out here from its published formula, at 40-digit precision with mpmath.
Rates: the exact Poisson funnel read backwards (PHE `poisson_funnel`): the real count k with
P(Gamma(k) <= mu) = alpha/2 (upper limit) and P(Gamma(k + 1) <= mu) = 1 - alpha/2 (lower limit),
solved with mpmath's regularised incomplete gamma and findroot at 40 digits.
Run: python3 scripts/funnel_references.py  (needs mpmath)
"""
import mpmath as mp

mp.mp.dps = 40


def sigma_adjustment(p, population, average, side):
    z = mp.sqrt(2) * mp.erfinv(2 * mp.mpf(p) - 1)
    z2 = z * z
    n = mp.mpf(population)
    a = mp.mpf(average)
    first = a * (n / z2 + 1)
    adj = mp.sqrt((-8 * a * (n / z2 + 1)) ** 2 - 64 * (1 / z2 + 1 / n) * a * (n * (a * (n / z2 + 2) - 1) + z2 * (a - 1)))
    last = 1 / z2 + 1 / n
    value = (first - adj / 8) / last if side == "low" else (first + adj / 8) / last
    return value / n


def gamma_shape(x, p):
    f = lambda k: mp.gammainc(k, 0, x, regularized=True) - p
    lo, hi = mp.mpf("1e-30"), mp.mpf(x) + 20 * mp.sqrt(x) + 40
    for _ in range(400):
        mid = (lo + hi) / 2
        if f(mid) > 0:
            lo = mid
        else:
            hi = mid
    return (lo + hi) / 2


print("proportions: (baseline, n, level) -> lower, upper (x 100)")
for theta, n in [(0.3, 50), (0.3, 1000), (0.05, 200), (0.9, 10), (0.5, 1_000_000)]:
    for level in (0.95, 0.998):
        p = 1 - (1 - level) / 2
        lo = max(0, sigma_adjustment(p, n, theta, "low")) * 100
        hi = min(1, sigma_adjustment(p, n, theta, "high")) * 100
        print(f"({theta}, {n}, {level}, {mp.nstr(lo, 17)}, {mp.nstr(hi, 17)}),")

print("rates: (baseline per unit, n, per, level) -> lower, upper")
for theta, n, per in [(0.0070, 38000, 10000), (0.0070, 500, 10000), (0.0001, 20000, 100000), (0.02, 100000, 1000)]:
    mu = mp.mpf(theta) * n
    for level in (0.95, 0.998):
        alpha = 1 - mp.mpf(level)
        upper = gamma_shape(mu, alpha / 2) / n * per
        lower = max(0, gamma_shape(mu, 1 - alpha / 2) - 1) / n * per
        print(f"({theta}, {n}, {per}, {level}, {mp.nstr(lower, 17)}, {mp.nstr(upper, 17)}),")
