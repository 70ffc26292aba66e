#!/usr/bin/env python3
"""Reference values for Tests/MetricsTests/ForecastTests.swift (Holt forecasts and their prediction intervals).

Run with statsmodels 0.15.0 (numpy 2.4.6, scipy 1.17.1), the versions that made
../shared/reference/trend_cases.json:

    python3 -m venv /tmp/venvD && /tmp/venvD/bin/pip install statsmodels==0.15.0
    /tmp/venvD/bin/python scripts/holt_references.py

It prints, for three short annual series (typed in below; they are the `syn_*` cases of trend_cases.json):

1. Damped-trend Holt with fixed parameters and known initial states (trend_cases.json has only the undamped
   recursion): statsmodels `ExponentialSmoothing(trend="add", damped_trend=True, initialization_method="known")`
   `.fit(..., optimized=False)` — level, trend, fitted values, SSE, forecasts.
2. Prediction intervals of the additive-error ETS(A,A,N) and ETS(A,Ad,N) models with the same parameters fixed:
   statsmodels `ETSModel(error="add", trend="add", ...)` `.smooth(params).get_prediction(...).summary_frame()`.
   ETSModel's trend parameter is the error-correction beta of Hyndman et al. (2008), beta = alpha * beta*,
   where beta* is Holt's smoothing_trend; the script checks that both give the same fitted values.
   ETSModel's sigma^2 is SSE / n (the concentrated maximum-likelihood estimate) and its intervals use the normal
   quantile.
3. Damped Holt estimated (initialization_method="estimated") with phi bounded to [0.8, 0.98] as R's
   forecast::ets does: SSE and forecasts, for a loose comparison with the engine's Nelder-Mead fit.
"""

import json
import warnings

import numpy as np
import pandas as pd
import statsmodels
from statsmodels.tsa.exponential_smoothing.ets import ETSModel
from statsmodels.tsa.holtwinters import ExponentialSmoothing

SERIES = {
    "syn_small_counts_ties_n10": [3, 3, 4, 3, 5, 5, 5, 6, 5, 7],
    "syn_outlier_n12": [5.0, 5.3, 5.5, 5.9, 6.1, 30.0, 6.6, 7.0, 7.1, 7.5, 7.8, 8.1],
    "syn_noisy_decreasing_n20": [296.0, 304.0, 283.0, 295.0, 292.0, 263.0, 268.0, 280.0, 274.0, 266.0,
                                 256.0, 257.0, 274.0, 245.0, 251.0, 235.0, 234.0, 240.0, 217.0, 221.0],
}
ALPHA, BETA_STAR, PHI = 0.5, 0.3, 0.9
H = 5


def damped_fixed(y):
    l0, b0 = y[0], y[1] - y[0]
    model = ExponentialSmoothing(y, trend="add", damped_trend=True, initialization_method="known",
                                 initial_level=l0, initial_trend=b0)
    fit = model.fit(smoothing_level=ALPHA, smoothing_trend=BETA_STAR, damping_trend=PHI, optimized=False)
    return {
        "initial_level": l0, "initial_trend": b0,
        "level": list(fit.level), "trend": list(fit.trend), "fitted": list(fit.fittedvalues),
        "sse": float(fit.sse), "forecast": list(fit.forecast(H)),
    }


def ets_intervals(y, damped):
    l0, b0 = y[0], y[1] - y[0]
    endog = pd.Series(y, index=pd.RangeIndex(len(y)))  # ETSModel's prediction frame needs an index
    model = ETSModel(endog, error="add", trend="add", damped_trend=damped, initialization_method="known",
                     initial_level=l0, initial_trend=b0)
    params = [ALPHA, ALPHA * BETA_STAR] + ([PHI] if damped else [])
    result = model.smooth(params)
    holt = ExponentialSmoothing(y, trend="add", damped_trend=damped, initialization_method="known",
                                initial_level=l0, initial_trend=b0).fit(
        smoothing_level=ALPHA, smoothing_trend=BETA_STAR, damping_trend=PHI if damped else None, optimized=False)
    assert np.allclose(result.fittedvalues, holt.fittedvalues, rtol=1e-13, atol=0), "beta = alpha * beta*"
    n = len(y)
    out = {}
    for level in (0.95, 0.80):
        frame = result.get_prediction(start=n, end=n + H - 1).summary_frame(alpha=1 - level)  # method="exact"
        out[str(level)] = {
            "mean": list(frame["mean"]), "lower": list(frame["pi_lower"]), "upper": list(frame["pi_upper"]),
        }
    out["mse"] = float(result.mse)
    out["sse_over_n"] = float(np.sum(np.asarray(result.resid) ** 2) / n)
    return out


def damped_estimated(y):
    model = ExponentialSmoothing(y, trend="add", damped_trend=True, initialization_method="estimated",
                                 bounds={"damping_trend": (0.8, 0.98)})
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        fit = model.fit()
    return {
        "smoothing_level": fit.params["smoothing_level"], "smoothing_trend": fit.params["smoothing_trend"],
        "damping_trend": fit.params["damping_trend"], "initial_level": fit.params["initial_level"],
        "initial_trend": fit.params["initial_trend"], "sse": float(fit.sse), "forecast": list(fit.forecast(H)),
    }


def main():
    out = {"versions": {"statsmodels": statsmodels.__version__, "numpy": np.__version__},
           "parameters": {"alpha": ALPHA, "beta_star": BETA_STAR, "phi": PHI, "h": H}, "series": {}}
    for name, values in SERIES.items():
        y = np.asarray(values, dtype=float)
        out["series"][name] = {
            "y": values,
            "damped_fixed": damped_fixed(y),
            "ets_AAN": ets_intervals(y, damped=False),
            "ets_AAdN": ets_intervals(y, damped=True),
            "damped_estimated_phi_0.8_0.98": damped_estimated(y),
        }
    print(json.dumps(out, indent=1, default=float))


if __name__ == "__main__":
    main()
