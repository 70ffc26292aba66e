#!/usr/bin/env python3
"""Python peers of `metrics summarize`: the same per-series trend record, computed two ways.

    python bench/summarize_peers.py analyst_loop FILE [--sample-series N | --all] [-o OUT.csv]
    python bench/summarize_peers.py numpy_vectorised FILE [-o OUT.csv] [--engine numpy|polars]

FILE is a tidy CSV (area_code,area_name,indicator,period,value; annual integer periods; a series' rows
adjacent and in period order; GSS symbols c, x, low, z and blanks are missing values). Each contender
writes one CSV record per series with the columns of `metrics summarize --format csv` (key fields, n,
n_missing, first_period, last_period, first_value, last_value, years, abs_change, pct_change,
pp_change, ratio, cagr, mean, sd, median, min, max, lag1_autocorrelation, ols_slope, ols_slope_se,
ols_slope_low, ols_slope_high, ols_intercept, ols_p, ols_r2, mk_s, mk_var_s, mk_z, mk_p, mk_tau,
sen_slope, sen_low, sen_high, sen_intercept, direction, assessment, unit, polarity[, reasons]) to OUT
(default: a temporary file, deleted afterwards), and prints one JSON line

    {"contender": ..., "seconds": ..., "rows": ..., "series": ..., "output_records": ..., "version": ...}

where seconds is the in-process wall time (time.perf_counter) of reading + computing + writing, after
the imports. A measure that cannot be computed is an empty cell. Conventions are metrics' (SPEC.md):
missing values left out; t = year - first non-missing year, so slopes are per year on the real time axis
and intercepts are the value at the first non-missing year; alpha = 0.05.

Contenders:
  analyst_loop      what an analyst writes: pandas.read_csv (symbols -> NaN), groupby(key), and per series
                    numpy/pandas descriptive statistics, scipy.stats.linregress (+ t.ppf for the interval),
                    pymannkendall.original_test, scipy.stats.theilslopes(method='separate') and the change
                    fields, one dict per series, pandas.DataFrame.to_csv. Slow (~1.5 ms a series), so by
                    default it reads only the first --sample-series series (10,000; nrows = N x --years) and
                    also reports the time scaled to the whole file: "scale" = series in FILE / series read
                    (FILE's series are counted from its size only when --file-series is given; the harness
                    passes it). --all runs every series (the cross-check does, on the 1,000-series file).
  numpy_vectorised  the fastest vectorised Python found for the whole job: polars' streaming CSV reader
                    (typed columns, symbols -> null) with series boundaries found by comparing each row's key
                    with the previous row's (no hashing: the rows of a series are adjacent), the values
                    scattered into a dense series x years float64 array with NaN for missing values, then
                    every field with numpy over blocks of series (Mann-Kendall S from the 105 pairwise sign
                    differences, ties from the sorted rows, Sen from the 105 pairwise slopes sorted per row,
                    t quantiles and tails from scipy.special), written with polars' write_csv.
                    --engine polars: a partial polars-expression variant (the pairwise measures only), kept
                    to show that it is slower (see polars_expressions and bench/README.md).

Environment: BENCH_THREADS (default 2: POLARS_MAX_THREADS and numpy_vectorised's compute threads),
BENCH_SUMMARIZE_BLOCK (series per numpy block, default 32768).
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor

KEY = ["area_code", "area_name", "indicator"]
MISSING = ["c", "x", "low", "z", ""]
ALPHA = 0.05
MIN_POINTS = 3
THREADS = int(os.environ.get("BENCH_THREADS", "2"))

NUMERIC_FIELDS = [
    "first_value", "last_value", "years", "abs_change", "pct_change", "pp_change", "ratio", "cagr",
    "mean", "sd", "median", "min", "max", "lag1_autocorrelation",
    "ols_slope", "ols_slope_se", "ols_slope_low", "ols_slope_high", "ols_intercept", "ols_p", "ols_r2",
    "mk_s", "mk_var_s", "mk_z", "mk_p", "mk_tau",
    "sen_slope", "sen_low", "sen_high", "sen_intercept",
]
FIELDS = ["n", "n_missing", "first_period", "last_period", *NUMERIC_FIELDS, "direction", "assessment"]
EXTRA = ["unit", "polarity", "reasons"]

NO_POLARITY = ("assessment: the indicator has no polarity (say which direction is better with "
               "--polarity or in the data)")
NOT_PERCENT = "pp_change: the unit is not a percentage"


def output_path(arg: str | None) -> tuple[str, bool]:
    if arg:
        return arg, False
    fd, path = tempfile.mkstemp(prefix="summarize-peer-", suffix=".csv")
    os.close(fd)
    return path, True


# ---------------------------------------------------------------------------------------------------
# analyst_loop
# ---------------------------------------------------------------------------------------------------

def analyst_loop(path: str, out: str, sample_series: int | None, years_per_series: int,
                 file_series: int | None) -> dict:
    import numpy as np
    import pandas as pd
    import pymannkendall as mk
    import scipy
    from scipy import stats

    started = time.perf_counter()
    nrows = sample_series * years_per_series if sample_series else None
    df = pd.read_csv(path, nrows=nrows, na_values=["c", "x", "low", "z"],
                     dtype={"area_code": str, "area_name": str, "indicator": str, "period": "int64",
                            "value": "float64"})
    records = []
    for key, g in df.groupby(KEY, sort=False):
        g = g.sort_values("period")
        ok = g["value"].notna().to_numpy()
        y = g["value"].to_numpy()[ok]
        periods = g["period"].to_numpy()[ok]
        n = len(y)
        r = dict(zip(KEY, key))
        r["n"] = n
        r["n_missing"] = len(g) - n
        if n:
            first, last = y[0], y[-1]
            years = float(periods[-1] - periods[0])
            r.update(first_period=periods[0], last_period=periods[-1], first_value=first,
                     last_value=last, years=years, abs_change=last - first)
            if first > 0:
                r["pct_change"] = (last - first) / first * 100
                r["ratio"] = last / first
                if years > 0 and last >= 0:
                    r["cagr"] = ((last / first) ** (1 / years) - 1) * 100
            r.update(mean=y.mean(), median=np.median(y), min=y.min(), max=y.max())
        if n >= 2:
            r["sd"] = y.std(ddof=1)
            d = y - y.mean()
            den = (d * d).sum()
            if den > 0:
                r["lag1_autocorrelation"] = (d[:-1] * d[1:]).sum() / den
            t = (periods - periods[0]).astype(float)
            fit = stats.linregress(t, y)
            r.update(ols_slope=fit.slope, ols_intercept=fit.intercept)
            if den > 0:
                r["ols_r2"] = fit.rvalue ** 2
            if n >= 3:
                q = stats.t.ppf(1 - ALPHA / 2, n - 2)
                r.update(ols_slope_se=fit.stderr, ols_slope_low=fit.slope - q * fit.stderr,
                         ols_slope_high=fit.slope + q * fit.stderr)
                if not (fit.stderr == 0 and fit.slope == 0):
                    r["ols_p"] = fit.pvalue
            m = mk.original_test(y, alpha=ALPHA)
            r.update(mk_s=m.s, mk_var_s=m.var_s, mk_z=m.z, mk_p=m.p, mk_tau=m.Tau)
            sen = stats.theilslopes(y, t, alpha=1 - ALPHA, method="separate")
            r.update(sen_slope=sen.slope, sen_low=sen.low_slope, sen_high=sen.high_slope,
                     sen_intercept=sen.intercept)
            if n >= MIN_POINTS:
                r["direction"] = (("increasing" if m.s > 0 else "decreasing")
                                  if m.p < ALPHA and m.s != 0 else "no_significant_change")
        r.setdefault("direction", "insufficient_data")
        r["assessment"] = "not_assessed"
        r["unit"] = ""
        r["polarity"] = "none"
        records.append(r)
    res = pd.DataFrame.from_records(records, columns=KEY + FIELDS + ["unit", "polarity"])
    res[NUMERIC_FIELDS] = res[NUMERIC_FIELDS].astype(float).replace([np.inf, -np.inf], np.nan)
    for c in ("first_period", "last_period", "mk_s"):
        res[c] = res[c].astype("Int64")
    res.to_csv(out, index=False)
    seconds = time.perf_counter() - started
    series = len(records)
    result = {"seconds": seconds, "rows": int(len(df)), "series": series, "output_records": series}
    if sample_series:
        scale = (file_series / series) if (file_series and series) else None
        result.update(sample=True, sample_series=series, sample_rows=int(len(df)))
        if scale:
            result.update(scale=scale, scaled_seconds=seconds * scale,
                          note=f"scaled from a {100 / scale:g}% sample: the first {series:,} series")
    result["version"] = (f"pandas {pd.__version__}, numpy {np.__version__}, scipy {scipy.__version__}, "
                         f"pymannkendall {getattr(mk, '__version__', '?')}")
    return result


# ---------------------------------------------------------------------------------------------------
# numpy_vectorised
# ---------------------------------------------------------------------------------------------------

def read_dense(path: str):
    """Reads FILE into (keys DataFrame, first period, V[series, year] float64 with NaN, rows, rows per
    series or None when every series has a row for every year)."""
    import numpy as np
    import polars as pl

    schema = {"area_code": pl.String, "area_name": pl.String, "indicator": pl.String,
              "period": pl.Int32, "value": pl.Float64}
    k = [pl.col(c) for c in KEY]
    new = (k[0] != k[0].shift(1)) | (k[1] != k[1].shift(1)) | (k[2] != k[2].shift(1))
    lf = (pl.scan_csv(path, schema=schema, null_values=MISSING, quote_char='"')
          .with_columns(new=new.fill_null(True)))
    # One scan, two results: the key of each series' first row; period, value and the flag for all rows.
    keys, cells = pl.collect_all([lf.filter("new").select(KEY), lf.select("period", "value", "new")],
                                 engine="streaming")
    period = cells["period"].to_numpy()
    value = cells["value"].to_numpy()                   # nulls become NaN
    new_series = cells["new"].to_numpy()
    rows, ns = len(period), keys.height
    pmin, pmax = int(period.min()), int(period.max())
    years = pmax - pmin + 1
    # Fast path: every series has one row for each year pmin..pmax, in order; the values are then the
    # dense array already (checked: series start every `years` rows and the periods repeat the axis).
    if (rows == ns * years and np.all(new_series[::years])
            and np.array_equal(period.reshape(ns, years),
                               np.broadcast_to(np.arange(pmin, pmax + 1, dtype=period.dtype),
                                               (ns, years)))):
        return keys, pmin, value.reshape(ns, years), rows, None
    # General path: scatter each row to (series, year); periods must increase within a series.
    if rows > 1 and not np.all(np.diff(period)[~new_series[1:]] > 0):
        raise SystemExit("numpy_vectorised: a series' periods are not strictly increasing")
    sid = np.cumsum(new_series, dtype=np.int64) - 1
    V = np.full((ns, years), np.nan)
    V[sid, period - pmin] = value
    return keys, pmin, V, rows, np.bincount(sid, minlength=ns)


def summarize_block(V, axis, out, lo, pairs):
    """Every field for the series in V (m x Y, NaN = missing) into the arrays out[f][lo:lo+m].

    axis: the instants of V's columns (years, float64, ascending); pairs: (I, J, dt), the column
    indices of the Y(Y-1)/2 pairs i < j and their time differences.

    Reductions run on the transposed block VT (Y x m: one row per year), so that every sum over a
    series' years is a sequence of contiguous vector additions, in year order (the order of metrics'
    loops). Sorting (median, min, max, ties; Sen's slopes) needs a series' values contiguous and uses
    V itself."""
    import numpy as np
    from scipy import special

    m, Y = V.shape
    hi = lo + m
    r = np.arange(m)
    o = out
    VT = np.ascontiguousarray(V.T)
    MT = ~np.isnan(VT)
    n = MT.sum(0)
    nf = n.astype(np.float64)
    has = n > 0
    f = np.argmax(MT, 0)
    l = Y - 1 - np.argmax(MT[::-1], 0)
    first = np.where(has, VT[f, r], np.nan)
    last = np.where(has, VT[l, r], np.nan)
    tf = axis[f]
    years = np.where(has, axis[l] - tf, np.nan)
    o["n"][lo:hi] = n
    o["n_missing"][lo:hi] = Y - n
    o["first_period"][lo:hi] = np.where(has, tf, np.nan)
    o["last_period"][lo:hi] = np.where(has, axis[l], np.nan)
    o["first_value"][lo:hi] = first
    o["last_value"][lo:hi] = last
    o["years"][lo:hi] = years
    o["abs_change"][lo:hi] = last - first
    with np.errstate(all="ignore"):
        # Change: percent change, ratio and CAGR need a positive first value.
        pos = first > 0
        ratio = last / first
        o["pct_change"][lo:hi] = np.where(pos, (last - first) / first * 100, np.nan)
        o["ratio"][lo:hi] = np.where(pos, ratio, np.nan)
        cagr = np.where(last == 0, -100.0, np.expm1(np.log(ratio) / years) * 100)
        o["cagr"][lo:hi] = np.where(pos & (years > 0) & (last >= 0), cagr, np.nan)

        # Descriptive: the corrected two-pass mean and variance, as metrics.
        Z = np.where(MT, VT, 0.0)
        ysum = Z.sum(0)
        mean0 = ysum / nf
        C = np.where(MT, VT - mean0, 0.0)
        mean = mean0 + C.sum(0) / nf
        C = np.where(MT, VT - mean, 0.0)
        s1 = C.sum(0)
        ss = (C * C).sum(0)
        o["mean"][lo:hi] = mean
        o["sd"][lo:hi] = np.where(n >= 2, np.sqrt((ss - s1 * s1 / nf) / (nf - 1)), np.nan)
        S = np.sort(V, 1)                                   # NaN last
        nm1 = np.maximum(n - 1, 0)
        med = np.where(has, (S[r, nm1 // 2] + S[r, n // 2]) / 2, np.nan)
        o["median"][lo:hi] = med
        o["min"][lo:hi] = np.where(has, S[:, 0], np.nan)
        o["max"][lo:hi] = np.where(has, S[r, nm1], np.nan)

        # Lag-1 autocorrelation over the non-missing values in order: in a series with gaps the
        # values are closed up first (a stable sort of the missing flags moves them last, as zeros).
        num = (C[:-1] * C[1:]).sum(0)
        gaps = np.flatnonzero(n < Y)
        if len(gaps):
            order = np.argsort(~MT[:, gaps].T, axis=1, kind="stable")
            Cg = np.take_along_axis(C[:, gaps].T, order, axis=1)
            num[gaps] = (Cg[:, :-1] * Cg[:, 1:]).sum(1)
        o["lag1_autocorrelation"][lo:hi] = np.where((n >= 2) & (ss > 0), num / ss, np.nan)

        # OLS of value on t = year - first non-missing year (plain means, as metrics' closed form).
        TT = axis[:, None] - tf[None, :]
        ybar = ysum / nf
        xbar = np.where(MT, TT, 0.0).sum(0) / nf
        dx = np.where(MT, TT - xbar, 0.0)
        dy = np.where(MT, VT - ybar, 0.0)
        sxx = (dx * dx).sum(0)
        sxy = (dx * dy).sum(0)
        syy = (dy * dy).sum(0)
        fit = (n >= 2) & (sxx > 0)
        slope = sxy / sxx
        res = dy - slope * dx
        rss = (res * res).sum(0)
        o["ols_slope"][lo:hi] = np.where(fit, slope, np.nan)
        o["ols_intercept"][lo:hi] = np.where(fit, ybar - slope * xbar, np.nan)
        o["ols_r2"][lo:hi] = np.where(fit & (syy > 0), 1 - rss / syy, np.nan)
        inf3 = fit & (n >= 3)
        df = np.where(inf3, nf - 2, 1.0)
        se = np.sqrt(rss / df / sxx)
        q = np.full(m, np.nan)
        for d in np.unique(n[inf3]):                        # one t quantile per degrees of freedom
            q[n == d] = special.stdtrit(d - 2, 1 - ALPHA / 2)
        o["ols_slope_se"][lo:hi] = np.where(inf3, se, np.nan)
        o["ols_slope_low"][lo:hi] = np.where(inf3, slope - q * se, np.nan)
        o["ols_slope_high"][lo:hi] = np.where(inf3, slope + q * se, np.nan)
        p = 2 * special.stdtr(df, -np.abs(slope / se))
        p = np.where(se > 0, p, np.where(slope == 0, np.nan, 0.0))
        o["ols_p"][lo:hi] = np.where(inf3, p, np.nan)

        # The Y(Y-1)/2 pairwise slopes on the real time axis (NaN when either value is missing).
        I, J, dt = pairs
        P = np.take(V, J, axis=1)
        P -= np.take(V, I, axis=1)
        P /= dt

        # Mann-Kendall: S = sum of the pairs' signs (a slope has its difference's sign; NaN counts in
        # neither), the tie correction from the runs of equal values in the sorted row.
        s = np.count_nonzero(P > 0, axis=1) - np.count_nonzero(P < 0, axis=1)
        ST = np.ascontiguousarray(S.T)
        ties = np.zeros(m)
        run = np.ones(m)
        for j in range(1, Y):
            eq = ST[j] == ST[j - 1]                         # NaN is never equal
            ties += np.where(~eq & (run > 1), run * (run - 1) * (2 * run + 5), 0.0)
            run = np.where(eq, run + 1, 1.0)
        ties += np.where(run > 1, run * (run - 1) * (2 * run + 5), 0.0)
        vs = (nf * (nf - 1) * (2 * nf + 5) - ties) / 18
        sf = s.astype(np.float64)
        z = np.where(s > 0, (sf - 1) / np.sqrt(vs), np.where(s < 0, (sf + 1) / np.sqrt(vs), 0.0))
        mkp = 2 * special.ndtr(-np.abs(z))                  # the upper tail itself: no cancellation
        ok2 = n >= 2
        o["mk_s"][lo:hi] = np.where(ok2, sf, np.nan)
        o["mk_var_s"][lo:hi] = np.where(ok2, vs, np.nan)
        o["mk_z"][lo:hi] = np.where(ok2, z, np.nan)
        o["mk_p"][lo:hi] = np.where(ok2, mkp, np.nan)
        o["mk_tau"][lo:hi] = np.where(ok2, sf / (0.5 * nf * (nf - 1)), np.nan)
        o["direction"][lo:hi] = np.where(n < MIN_POINTS, 3, np.where((mkp < ALPHA) & (s != 0),
                                                                  np.where(s > 0, 0, 1), 2))

        # Sen: the median of the sorted slopes (NaN last; every pair of non-missing values counts, the
        # times being distinct), Sen's (1968) interval as scipy's theilslopes(method='separate'), and
        # the intercept median(y) - slope * median(t).
        P.sort(axis=1)
        N = n * (n - 1) // 2
        Nm1 = np.maximum(N - 1, 0)
        sen = np.where(N > 0, (P[r, Nm1 // 2] + P[r, N // 2]) / 2, np.nan)
        TmT = np.where(MT, TT, np.nan)
        tmed = (TmT[nm1 // 2, r] + TmT[n // 2, r]) / 2
        if len(gaps):
            Tg = np.take_along_axis(TmT[:, gaps].T, order, axis=1)   # closed up, NaN last
            ng = n[gaps]
            ngm1 = nm1[gaps]
            rg = np.arange(len(gaps))
            tmed[gaps] = (Tg[rg, ngm1 // 2] + Tg[rg, ng // 2]) / 2
        o["sen_slope"][lo:hi] = sen
        o["sen_intercept"][lo:hi] = np.where(N > 0, med - sen * tmed, np.nan)
        zq = special.ndtri(ALPHA / 2)
        sigma = np.sqrt(vs)                                 # no ties in time: Sen's variance is MK's
        Nf = N.astype(np.float64)
        upper = np.minimum(np.rint((Nf - zq * sigma) / 2), Nf - 1)
        lower = np.maximum(np.rint((Nf + zq * sigma) / 2) - 1, 0)
        ci = (N > 0) & (vs >= 0) & (lower < Nf) & (upper >= 0)
        li = np.where(ci, lower, 0).astype(np.int64)
        ui = np.where(ci, upper, 0).astype(np.int64)
        o["sen_low"][lo:hi] = np.where(ci, P[r, li], np.nan)
        o["sen_high"][lo:hi] = np.where(ci, P[r, ui], np.nan)


def special_reasons(o, idx) -> list[str]:
    """metrics' `reasons` text for the series idx that are not the common case (slow path, rare)."""
    import math
    out = []
    for i in idx.tolist():
        n = int(o["n"][i])
        rs = []
        if n == 0:
            rs += [(f, "no values") for f in ("first_value", "last_value", "years", "abs_change",
                                               "pct_change", "pp_change", "ratio", "cagr")]
        else:
            first, last, years = o["first_value"][i], o["last_value"][i], o["years"][i]
            base = ("the first value is zero" if first == 0 else
                    "the first value is negative" if first < 0 else None)
            if base:
                rs.append(("pct_change", base))
            rs.append(("pp_change", "the unit is not a percentage"))
            if base:
                rs += [("ratio", base), ("cagr", base)]
            elif not years > 0:
                rs.append(("cagr", "no time elapses between the first and last values"))
            elif last < 0:
                rs.append(("cagr", "the last value is negative"))
        if n < 2:
            rs += [(f, "no values" if n == 0 else "one value") for f in ("sd", "lag1_autocorrelation")]
        elif math.isnan(o["lag1_autocorrelation"][i]):
            rs.append(("lag1_autocorrelation", "every value is the same"))
        if n >= 2:
            if n == 2:
                why = "two points: no residual degrees of freedom"
                rs += [(f, why) for f in ("ols_slope_se", "ols_slope_low", "ols_slope_high", "ols_p")]
            elif math.isnan(o["ols_p"][i]):
                rs.append(("ols_p", "every value is the same: t is 0/0"))
            if math.isnan(o["ols_r2"][i]):
                rs.append(("ols_r2", "every value is the same"))
        else:
            rs += [(f, "fewer than two values") for f in ("ols_slope", "ols_slope_se", "ols_slope_low",
                                                          "ols_slope_high", "ols_intercept", "ols_p",
                                                          "ols_r2")]
            rs += [(f, "fewer than two values") for f in ("mk_s", "mk_var_s", "mk_z", "mk_p", "mk_tau")]
            rs += [(f, "fewer than two values") for f in ("sen_slope", "sen_low", "sen_high",
                                                          "sen_intercept")]
        if n >= 2 and math.isnan(o["sen_low"][i]):
            rs += [(f, "too few points for the interval") for f in ("sen_low", "sen_high")]
        if n < MIN_POINTS:
            rs.append(("direction", f"{n} value(s), fewer than the {MIN_POINTS} needed"))
        else:
            rs.append(("assessment", NO_POLARITY.split(": ", 1)[1]))
        out.append("; ".join(f"{f}: {why}" for f, why in rs))
    return out


def numpy_vectorised(path: str, out: str, engine: str) -> dict:
    os.environ.setdefault("POLARS_MAX_THREADS", str(THREADS))
    import numpy as np
    import polars as pl
    import scipy
    import scipy.special  # noqa: F401  (imported before the clock starts)

    started = time.perf_counter()
    if engine == "polars":
        return polars_expressions(path, out, started)
    keys, pmin, V, rows, per_series = read_dense(path)
    read_s = time.perf_counter() - started
    ns, Y = V.shape
    axis = (pmin + np.arange(Y)).astype(np.float64)
    I, J = np.triu_indices(Y, 1)
    pairs = (I, J, axis[J] - axis[I])
    o = {f: np.empty(ns) for f in NUMERIC_FIELDS + ["n", "n_missing", "first_period", "last_period"]}
    o["n"] = np.empty(ns, dtype=np.int64)
    o["n_missing"] = np.empty(ns, dtype=np.int64)
    o["direction"] = np.empty(ns, dtype=np.int8)
    o["pp_change"][:] = np.nan
    # Blocks of series on BENCH_THREADS threads: numpy's loops, sorts and scipy.special's ufuncs
    # release the GIL, so two threads take half the time on two cores.
    block = int(os.environ.get("BENCH_SUMMARIZE_BLOCK", "32768"))
    with ThreadPoolExecutor(max_workers=THREADS) as pool:
        for _ in pool.map(lambda lo: summarize_block(V[lo:lo + block], axis, o, lo, pairs),
                          range(0, ns, block)):
            pass
    if per_series is not None:                           # missing cells among the rows the series has
        o["n_missing"] = per_series - o["n"]
    compute_s = time.perf_counter() - started - read_s

    # reasons: the common text, or the slow path for the few series with an undefined measure
    common = NOT_PERCENT + "; " + NO_POLARITY
    regular = ((o["n"] >= MIN_POINTS) & (o["first_value"] > 0) & (o["years"] > 0) & (o["last_value"] >= 0)
               & ~np.isnan(o["lag1_autocorrelation"]) & ~np.isnan(o["ols_p"]) & ~np.isnan(o["ols_r2"])
               & ~np.isnan(o["sen_low"]))
    odd = np.flatnonzero(~regular)
    cols = {c: keys[c] for c in KEY}
    for f in ["n", "n_missing"]:
        cols[f] = pl.Series(f, o[f])
    for f in ["first_period", "last_period", "mk_s"]:
        cols[f] = pl.Series(f, o[f], nan_to_null=True).cast(pl.Int64)
    for f in NUMERIC_FIELDS:
        if f != "mk_s":
            cols[f] = pl.Series(f, o[f], nan_to_null=True)
    names = pl.Series("direction", ["increasing", "decreasing", "no_significant_change",
                                    "insufficient_data"])
    cols["direction"] = names.gather(o["direction"])
    cols["assessment"] = pl.repeat("not_assessed", ns, eager=True)
    cols["unit"] = pl.repeat(None, ns, dtype=pl.String, eager=True)
    cols["polarity"] = pl.repeat("none", ns, eager=True)
    reasons = pl.repeat(common, ns, eager=True)
    if len(odd):
        reasons = reasons.scatter(odd, special_reasons(o, odd))
    cols["reasons"] = reasons
    res = pl.DataFrame({c: cols[c] for c in KEY + FIELDS + ["unit", "polarity", "reasons"]})
    res.write_csv(out, null_value="")
    seconds = time.perf_counter() - started
    return {"seconds": seconds, "rows": rows, "series": ns, "output_records": res.height,
            "phases": {"read": round(read_s, 3), "compute": round(compute_s, 3),
                       "write": round(seconds - read_s - compute_s, 3)},
            "version": (f"polars {pl.__version__} (streaming read, {pl.thread_pool_size()} threads), "
                        f"numpy {np.__version__} ({THREADS} threads, blocks of {block}), "
                        f"scipy {scipy.__version__}")}


def polars_expressions(path: str, out: str, started: float) -> dict:
    """A partial polars-expression variant, kept to show why it is not the contender.

    The same read as numpy_vectorised, then the series as a wide frame (one Float64 column per year,
    null = missing) and the costly measures as polars expressions, which polars runs in parallel: the 105
    pairwise slopes as 105 column expressions, Mann-Kendall's S as the horizontal sum of their signs, and
    Sen's slope and interval from the per-row sorted list of slopes (concat_list, list.sort, list.get at
    per-row indices). Descriptive statistics and OLS are cheap horizontal sums either way and are left
    out: if this subset alone is slower than numpy_vectorised's compute phase, the whole cannot win."""
    import numpy as np
    import polars as pl
    from scipy import special

    keys, pmin, V, rows, _ = read_dense(path)
    read_s = time.perf_counter() - started
    ns, Y = V.shape
    wide = pl.DataFrame({f"v{j}": pl.Series(V[:, j], nan_to_null=True) for j in range(Y)})
    v = [pl.col(f"v{j}") for j in range(Y)]
    slopes = [((v[j] - v[i]) / float(j - i)).alias(f"p{i}_{j}") for i in range(Y) for j in range(i + 1, Y)]
    n = pl.sum_horizontal([c.is_not_null().cast(pl.Int32) for c in v])
    zq = float(special.ndtri(ALPHA / 2))
    lf = (wide.lazy()
          .with_columns(n=n, s=pl.sum_horizontal([s.sign() for s in slopes]),
                        p=pl.concat_list(slopes).list.drop_nulls().list.sort())
          .with_columns(N=pl.col("p").list.len())
          # Sen's variance without ties (the ties' correction needs another sort; left out here)
          .with_columns(sigma=((pl.col("n") * (pl.col("n") - 1) * (2 * pl.col("n") + 5)) / 18).sqrt())
          .with_columns(
              sen=(pl.col("p").list.get((pl.col("N") - 1) // 2) + pl.col("p").list.get(pl.col("N") // 2)) / 2,
              lo=pl.col("p").list.get(((pl.col("N") + zq * pl.col("sigma")) / 2).round(mode="half_to_even")
                                      .cast(pl.Int64) - 1),
              hi=pl.col("p").list.get(((pl.col("N") - zq * pl.col("sigma")) / 2).round(mode="half_to_even")
                                      .cast(pl.Int64)))
          .select("n", "s", "sen", "lo", "hi"))
    res = lf.collect()
    compute_s = time.perf_counter() - started - read_s
    res = pl.concat([keys, res], how="horizontal")
    res.write_csv(out)
    seconds = time.perf_counter() - started
    return {"seconds": seconds, "rows": rows, "series": res.height, "output_records": res.height,
            "phases": {"read": round(read_s, 3), "compute": round(compute_s, 3),
                       "write": round(seconds - read_s - compute_s, 3)},
            "partial": "n, Mann-Kendall S, Sen slope and interval (no ties) only",
            "version": f"polars {pl.__version__}, numpy {np.__version__}"}


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("contender", choices=["analyst_loop", "numpy_vectorised"])
    ap.add_argument("file")
    ap.add_argument("-o", "--output", help="output CSV (default: a temporary file, deleted)")
    ap.add_argument("--sample-series", type=int, default=10_000,
                    help="analyst_loop: series to read from the top of the file (default 10,000)")
    ap.add_argument("--all", action="store_true", help="analyst_loop: every series, no sample")
    ap.add_argument("--years", type=int, default=15, help="analyst_loop: rows per series (default 15)")
    ap.add_argument("--file-series", type=int,
                    help="analyst_loop: series in the whole file, for the scaled time")
    ap.add_argument("--engine", choices=["numpy", "polars"], default="numpy",
                    help="numpy_vectorised: numpy blocks (default) or polars expressions")
    args = ap.parse_args(argv)
    out, temporary = output_path(args.output)
    try:
        if args.contender == "analyst_loop":
            sample = None if args.all else args.sample_series
            if sample and args.file_series and sample >= args.file_series:
                sample = None                              # the sample would be the whole file
            result = analyst_loop(args.file, out, sample, args.years, args.file_series)
        else:
            result = numpy_vectorised(args.file, out, args.engine)
    finally:
        if temporary:
            os.unlink(out)
    print(json.dumps({"contender": args.contender, **result}))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
