#!/usr/bin/env python3
"""Independent reference values for InterruptedTimeSeries (Tests/MetricsTests/InterruptedTimeSeriesTests.swift).

Builds the segmented-regression design of Wagner et al. (2002) / Linden (2015) with numpy and fits it with
statsmodels OLS (0.14+), printing coefficients, standard errors, 95% intervals and p-values, the slope
after each event (a linear combination, t_test), the counterfactual and its 95% confidence band
(get_prediction on the design with the event terms zeroed), and the Durbin-Watson statistic.
Run: python3 scripts/its_references.py   (needs numpy, statsmodels)
"""
import datetime as dt

import numpy as np
import statsmodels.api as sm
from statsmodels.stats.stattools import durbin_watson


def date_time(y, m, d):
    """SPEC's time axis for a date: Y + (day of year - 1) / days in the year."""
    doy = dt.date(y, m, d).timetuple().tm_yday
    days = 366 if (y % 4 == 0 and (y % 100 != 0 or y % 400 == 0)) else 365
    return y + (doy - 1) / days


def design(times, origin, events, z=None):
    cols = [np.ones(len(times)), times - origin]
    if z is not None:
        cols += [z, z * (times - origin)]
    for e, slope in events:
        d = (times >= e).astype(float)
        cols.append(d)
        if slope:
            cols.append((times - e) * d)
        if z is not None:
            cols.append(z * d)
            if slope:
                cols.append(z * (times - e) * d)
    return np.column_stack(cols)


def show(name, fit, X, keep):
    print(f"== {name}")
    ci = fit.conf_int(0.05)
    for j in range(X.shape[1]):
        print(f"  b{j}: {fit.params[j]!r}, se {fit.bse[j]!r}, ci ({ci[j][0]!r}, {ci[j][1]!r}), p {fit.pvalues[j]!r}")
    print(f"  sigma {np.sqrt(fit.scale)!r}, dw {durbin_watson(fit.resid)!r}")
    Xc = X * keep
    pred = fit.get_prediction(Xc).summary_frame(alpha=0.05)
    print("  counterfactual", [repr(v) for v in pred["mean"].to_numpy()])
    print("  cf_low", [repr(v) for v in pred["mean_ci_lower"].to_numpy()])
    print("  cf_high", [repr(v) for v in pred["mean_ci_upper"].to_numpy()])
    return fit


# 1. Middlesbrough, children looked after on 31 March 2016-2025 (datasets/middlesbrough/children_looked_after.csv),
#    events: inadequate judgement November 2019 (2019 + 10/12), direction revoked September 2024 (2024 + 8/12).
y = np.array([377, 444, 466, 518, 618, 570, 502, 509, 513, 493], dtype=float)
t = np.array([date_time(year, 3, 31) for year in range(2016, 2026)])
events = [(2019 + 10 / 12, True), (2024 + 8 / 12, False)]  # one point after September 2024: level change only
X = design(t, t[0], events)
fit = sm.OLS(y, X).fit()
keep = np.array([1, 1, 0, 0, 0], dtype=float)
show("middlesbrough", fit, X, keep)
# Slope after the first event: b1 + b3.
tt = fit.t_test(np.array([[0, 1, 0, 1, 0]]))
print("  slope_after_1", repr(float(tt.effect[0])), repr(float(tt.sd[0][0])), [repr(v) for v in tt.conf_int(0.05)[0]])

# 2. A monthly series with a control: 36 months from January 2018, event at January 2020 (2020.0).
months = np.arange(36)
tm = 2018 + months / 12
rng = np.random.default_rng(20261122)
area = np.round(100 + 0.8 * months + np.where(tm >= 2020, -6 - 0.5 * (tm - 2020) * 12, 0) + rng.normal(0, 1.5, 36), 1)
ctrl = np.round(90 + 0.7 * months + np.where(tm >= 2020, -1, 0) + rng.normal(0, 1.5, 36), 1)
print("area", [repr(v) for v in area])
print("control", [repr(v) for v in ctrl])
tt2 = np.concatenate([tm, tm])
z = np.concatenate([np.ones(36), np.zeros(36)])
X2 = design(tt2, tm[0], [(2020.0, True)], z)
fit2 = sm.OLS(np.concatenate([area, ctrl]), X2).fit()
# Counterfactual for the area: without the area's own extra changes (columns 6 and 7).
keep2 = np.array([1, 1, 1, 1, 1, 1, 0, 0], dtype=float)
X2a = design(tm, tm[0], [(2020.0, True)], np.ones(36))
print("== control")
ci = fit2.conf_int(0.05)
for j in range(X2.shape[1]):
    print(f"  b{j}: {fit2.params[j]!r}, se {fit2.bse[j]!r}, ci ({ci[j][0]!r}, {ci[j][1]!r}), p {fit2.pvalues[j]!r}")
pred = fit2.get_prediction(X2a * keep2).summary_frame(alpha=0.05)
print("  counterfactual[24], [35]", repr(pred["mean"].to_numpy()[24]), repr(pred["mean"].to_numpy()[35]))
print("  cf_low[35], cf_high[35]", repr(pred["mean_ci_lower"].to_numpy()[35]), repr(pred["mean_ci_upper"].to_numpy()[35]))
tt = fit2.t_test(np.array([[0, 1, 0, 1, 0, 1, 0, 1]]))
print("  area slope after", repr(float(tt.effect[0])), repr(float(tt.sd[0][0])))
