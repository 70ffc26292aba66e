#!/usr/bin/env python3
"""Cross-checks `metrics summarize` against the two Python peers, series by series, field by field.

    python bench/crosscheck_summarize.py [--file .bench-data/tidy-1000x15.csv] [--metrics BIN] [--keep DIR]

Runs, on the same tidy CSV:
  - metrics summarize FILE --format csv -o DIR/metrics.csv (the release binary by default:
    .build/release/metrics; never builds it);
  - bench/summarize_peers.py analyst_loop FILE --all  -> DIR/analyst_loop.csv  (pandas, scipy.stats.linregress,
    t.ppf, pymannkendall.original_test, scipy.stats.theilslopes(method='separate'): the references);
  - bench/summarize_peers.py numpy_vectorised FILE    -> DIR/numpy_vectorised.csv.

Then, for every numeric field, it compares metrics with each peer (and the two peers with each other) over
the series present in both, matched by key: the largest relative difference |a - b| / max(|a|, |b|) (0
when both are 0), the series where it occurs and both values, whether that is within the tolerance
(1e-12 for exact quantities; 1e-9 for p-values and t intervals, which go through special functions),
and every series where one side has a value and the other an empty cell. Text and integer fields
(n, n_missing, periods, direction, assessment) must be equal. Figures are given for all series and for
the series with missing values alone (their slopes and intercepts are on the real time axis, so a gap
changes the answer; the check says how many Sen slopes would differ on a row-index axis).

As an arbiter where implementations disagree, it also computes every field that exact arithmetic can give
(all but the p-values and t intervals) from the file's decimal text with fractions.Fraction (60-digit
decimals for square roots, ln and exp), and reports each contender's largest relative error against it.

An **over** between two implementations says only that they differ: the exact-arithmetic table says which
of them is off (pymannkendall's p = 2(1 − Φ(|z|)) and the textbook CAGR ((last/first)^(1/years) − 1) lose
digits to cancellation; a relative tolerance is also strict for values near 0, such as an R² or a lag-1
autocorrelation of 1e-5, whose absolute errors are then ~1e-16).

Prints a Markdown report (also written to DIR/crosscheck.md) and exits 1 when metrics is outside a
tolerance against the scipy/pymannkendall reference or against exact arithmetic anywhere, 0 otherwise.
"""
from __future__ import annotations

import argparse
import json
import math
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
KEY = ["area_code", "area_name", "indicator"]
sys.path.insert(0, str(Path(__file__).resolve().parent))
from summarize_peers import NUMERIC_FIELDS  # noqa: E402

EXACT_TEXT = ["n", "n_missing", "first_period", "last_period", "direction", "assessment"]
# Through a t or normal quantile or tail (special functions): 1e-9; everything else: 1e-12.
LOOSE = {"ols_p", "mk_p", "ols_slope_low", "ols_slope_high"}
TOL_EXACT, TOL_LOOSE = 1e-12, 1e-9


def tolerance(field: str) -> float:
    return TOL_LOOSE if field in LOOSE else TOL_EXACT


def run(cmd: list[str]) -> str:
    proc = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT)
    if proc.returncode != 0:
        sys.exit(f"crosscheck: {' '.join(cmd)} failed ({proc.returncode}):\n{proc.stderr}")
    return proc.stdout


def load(path: Path):
    import csv
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    return {tuple(r[k] for k in KEY): r for r in rows}, [tuple(r[k] for k in KEY) for r in rows]


def num(text: str | None) -> float | None:
    if text is None or text == "":
        return None
    x = float(text)
    return None if math.isnan(x) else x


def reldiff(a: float, b: float) -> float:
    if a == b:
        return 0.0
    return abs(a - b) / max(abs(a), abs(b))


def compare(name_a: str, A: dict, name_b: str, B: dict, keys: list, gaps: set) -> dict:
    """Per field: max relative difference (all series, series with gaps), where, presence mismatches."""
    out = {}
    for field in NUMERIC_FIELDS:
        worst = {"all": (0.0, None, None, None), "gaps": (0.0, None, None, None)}
        presence = []
        compared = 0
        for k in keys:
            a, b = num(A[k].get(field)), num(B[k].get(field))
            if (a is None) != (b is None):
                presence.append((k, A[k].get(field), B[k].get(field)))
                continue
            if a is None:
                continue
            compared += 1
            d = reldiff(a, b)
            if d > worst["all"][0]:
                worst["all"] = (d, k, a, b)
            if k in gaps and d > worst["gaps"][0]:
                worst["gaps"] = (d, k, a, b)
        out[field] = {"worst": worst, "presence": presence, "compared": compared}
    text = {}
    for field in EXACT_TEXT:
        bad = [(k, A[k].get(field), B[k].get(field)) for k in keys
               if norm_text(A[k].get(field)) != norm_text(B[k].get(field))]
        text[field] = bad
    return {"a": name_a, "b": name_b, "fields": out, "text": text}


def norm_text(s: str | None) -> str:
    """Integers written as 2011 or 2011.0 compare equal; other text as is."""
    if s is None:
        return ""
    try:
        x = float(s)
        if x.is_integer():
            return str(int(x))
    except ValueError:
        pass
    return s


def fmt(x) -> str:
    return "—" if x is None else repr(x)


def key_text(k) -> str:
    return "/".join(k) if k else "—"


def report(comparisons: list[dict], refs: set[str], n_series: int, n_gaps: int, extra: list[str]) -> tuple[str, bool]:
    lines = []
    failed = False
    for c in comparisons:
        is_ref = c["a"] == "metrics" and c["b"] in refs
        lines.append(f"### {c['a']} vs {c['b']}")
        lines.append("")
        lines.append("| field | tolerance | max rel. diff (all) | series | "
                     f"{c['a']} | {c['b']} | max rel. diff (series with gaps) | presence differs |")
        lines.append("|---|---:|---:|---|---:|---:|---:|---:|")
        for field, r in c["fields"].items():
            d, k, a, b = r["worst"]["all"]
            dg = r["worst"]["gaps"][0]
            tol = tolerance(field)
            flag = ""
            if d > tol:
                flag = " **over**"
                if is_ref:
                    failed = True
            if r["presence"]:
                flag += f" ({len(r['presence'])} presence)"
                if is_ref:
                    failed = True
            lines.append(f"| {field} | {tol:.0e} | {d:.3g}{flag} | {key_text(k) if d else '—'} | "
                         f"{fmt(a) if d else ''} | {fmt(b) if d else ''} | {dg:.3g} | {len(r['presence'])} |")
        lines.append("")
        for field, r in c["fields"].items():
            for k, a, b in r["presence"][:5]:
                lines.append(f"- presence differs, {field}, {key_text(k)}: {c['a']} `{a}`, {c['b']} `{b}`")
            if len(r["presence"]) > 5:
                lines.append(f"- … and {len(r['presence']) - 5} more for {field}")
        for field, bad in c["text"].items():
            for k, a, b in bad[:5]:
                lines.append(f"- {field} differs, {key_text(k)}: {c['a']} `{a}`, {c['b']} `{b}`")
                if is_ref:
                    failed = True
            if len(bad) > 5:
                lines.append(f"- … and {len(bad) - 5} more for {field}")
        lines.append("")
    head = [f"{n_series:,} series, {n_gaps:,} of them with missing values.", ""] + extra + [""]
    return "\n".join(head + lines), failed


def index_axis_check(path: str, M: dict, gaps: set) -> list[str]:
    """For the series with gaps: do metrics' Sen and OLS slopes use the real time axis?"""
    import numpy as np
    import pandas as pd
    from scipy import stats

    df = pd.read_csv(path, na_values=["c", "x", "low", "z"], dtype={"area_code": str, "area_name": str,
                                                                    "indicator": str})
    differ_index = 0
    match_real = 0
    inner = 0
    for key, g in df.groupby(KEY, sort=False):
        if key not in gaps:
            continue
        ok = g["value"].notna().to_numpy()
        y = g["value"].to_numpy()[ok]
        if len(y) < 2:
            continue
        t = (g["period"].to_numpy()[ok] - g["period"].to_numpy()[ok][0]).astype(float)
        # a gap inside the series (not only at an end) is what separates the two axes
        if not np.all(np.diff(t) == 1):
            inner += 1
        real = stats.theilslopes(y, t, method="separate").slope
        index = stats.theilslopes(y, np.arange(len(y), dtype=float), method="separate").slope
        m = num(M[key]["sen_slope"])
        match_real += m == real
        differ_index += m != index
    return [f"Series with a gap inside (not only at an end): {inner:,}. metrics' sen_slope equals "
            f"theilslopes on the real axis (t = year − first year) for {match_real:,} of the "
            f"{len(gaps):,} series with missing values and differs from theilslopes on a row-index axis "
            f"(0, 1, 2, … over the non-missing values) for {differ_index:,}."]


# ---------------------------------------------------------------------------------------------------
# The arbiter: exact arithmetic on the file's own decimal text
# ---------------------------------------------------------------------------------------------------

EXACT_FIELDS = ["pct_change", "ratio", "cagr", "mean", "sd", "lag1_autocorrelation", "ols_slope",
                "ols_slope_se", "ols_intercept", "ols_r2", "mk_z", "mk_tau", "sen_slope", "sen_low",
                "sen_high", "sen_intercept"]


def exact_reference(path: str, inputs: str = "double") -> dict:
    """Per series key: the fields that exact rational arithmetic plus 60-digit decimal square roots,
    logarithms and exponentials can give: everything but the p-values and the t intervals, which need
    special functions. Sen's interval uses the same order statistics as scipy (its indices come from a
    double-precision normal quantile).

    inputs = "double": the exact value for the doubles nearest the CSV text (Fraction(float(text))), what
    every double-precision implementation is given, so that the error is the algorithm's alone;
    "decimal": for the CSV text itself (Fraction(text)), which adds the input's rounding to a double, as
    amplified by the measure's conditioning (e.g. a percent change of 0.15% loses 3 digits to it)."""
    import csv
    from decimal import Decimal, localcontext
    from fractions import Fraction as F
    from scipy.special import ndtri

    missing = {"c", "x", "low", "z", ""}
    series: dict = {}
    with open(path, newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            k = tuple(row[c] for c in KEY)
            if row["value"].strip() in missing:
                series.setdefault(k, [])
                continue
            v = F(float(row["value"])) if inputs == "double" else F(row["value"])
            series.setdefault(k, []).append((int(row["period"]), v))
    zq = float(ndtri(0.025))

    def dec(x: F) -> Decimal:
        return Decimal(x.numerator) / Decimal(x.denominator)

    def median(xs):
        xs = sorted(xs)
        n = len(xs)
        return xs[(n - 1) // 2] if n % 2 else (xs[n // 2 - 1] + xs[n // 2]) / 2

    out = {}
    with localcontext() as ctx:
        ctx.prec = 60
        for k, pts in series.items():
            e: dict = {}
            n = len(pts)
            out[k] = e
            if n < 2:
                continue
            t = [F(p - pts[0][0]) for p, _ in pts]
            y = [v for _, v in pts]
            first, last, years = y[0], y[-1], t[-1]
            if first > 0:
                e["pct_change"] = (last - first) / first * 100
                e["ratio"] = last / first
                if years > 0 and last > 0:
                    e["cagr"] = (((dec(last / first)).ln() / dec(years)).exp() - 1) * 100
            m = sum(y) / n
            ss = sum((v - m) ** 2 for v in y)
            e["mean"] = m
            e["sd"] = dec(ss / (n - 1)).sqrt()
            if ss:
                e["lag1_autocorrelation"] = sum((y[i] - m) * (y[i + 1] - m) for i in range(n - 1)) / ss
            tb = sum(t) / n
            sxx = sum((x - tb) ** 2 for x in t)
            sxy = sum((x - tb) * (v - m) for x, v in zip(t, y))
            slope = sxy / sxx
            e["ols_slope"] = slope
            e["ols_intercept"] = m - slope * tb
            if ss:
                e["ols_r2"] = sxy * sxy / (sxx * ss)
            if n > 2:
                e["ols_slope_se"] = dec((ss - sxy * sxy / sxx) / (n - 2) / sxx).sqrt()
            s = sum((y[j] > y[i]) - (y[j] < y[i]) for i in range(n) for j in range(i + 1, n))
            counts: dict = {}
            for v in y:
                counts[v] = counts.get(v, 0) + 1
            var = F(n * (n - 1) * (2 * n + 5) - sum(c * (c - 1) * (2 * c + 5) for c in counts.values()), 18)
            e["mk_tau"] = F(s) / F(n * (n - 1), 2)
            if s:
                e["mk_z"] = dec(F(s - 1 if s > 0 else s + 1)) / dec(var).sqrt()
            slopes = sorted((y[j] - y[i]) / (t[j] - t[i]) for i in range(n) for j in range(i + 1, n))
            sen = median(slopes)
            e["sen_slope"] = sen
            e["sen_intercept"] = median(y) - sen * median(t)
            nn = len(slopes)
            sigma = math.sqrt(float(var))
            ru = min(int(round((nn - zq * sigma) / 2)), nn - 1)
            rl = max(int(round((nn + zq * sigma) / 2)) - 1, 0)
            e["sen_low"], e["sen_high"] = slopes[rl], slopes[ru]
    return out


def exact_errors(ref: dict, tables: dict, keys: list) -> dict:
    """Per contender, per field: the largest relative error against the exact value, and where."""
    from decimal import Decimal, localcontext
    from fractions import Fraction as F

    res = {}
    with localcontext() as ctx:
        ctx.prec = 60
        for name, T in tables.items():
            per = {}
            for field in EXACT_FIELDS:
                worst = (Decimal(0), None, None, None)
                missing = 0
                for k in keys:
                    ex = ref.get(k, {}).get(field)
                    got = num(T[k].get(field))
                    if ex is None:
                        continue
                    if got is None:
                        missing += 1
                        continue
                    exd = Decimal(ex.numerator) / Decimal(ex.denominator) if isinstance(ex, F) else ex
                    if exd == 0:
                        err = Decimal(0) if got == 0 else Decimal(1)
                    else:
                        err = abs(Decimal(got) - exd) / abs(exd)
                    if err > worst[0]:
                        worst = (err, k, got, exd)
                per[field] = (worst, missing)
            res[name] = per
    return res


def exact_report(errs: dict, inputs: str) -> tuple[list[str], bool]:
    names = list(errs)
    given = ("the doubles nearest the CSV text (what every contender computes from)" if inputs == "double"
             else "the CSV's decimal text (input rounding to double included)")
    lines = [f"### Against exact arithmetic on {given}", "",
             "Largest relative error against the exact value (fractions.Fraction; 60-digit square roots, "
             "ln and exp), over every series; the series and the value of each contender's worst case, "
             "and the exact value (15 digits) at metrics' worst.", "",
             "| field | tolerance | " + " | ".join(f"{n}: max rel. error (series)" for n in names) + " | exact |",
             "|---|---:|" + "---|" * len(names) + "---:|"]
    failed = False
    for field in EXACT_FIELDS:
        cells = []
        exact_text = ""
        for n in names:
            (err, k, got, exd), missing = errs[n][field]
            flag = ""
            if err > TOL_EXACT:
                flag = " **over**"
                if n == "metrics":
                    failed = True
            if missing:
                flag += f" ({missing} empty)"
                if n == "metrics":
                    failed = True
            cells.append(f"{float(err):.3g}{flag}" + (f" ({key_text(k)}: {got!r})" if err else ""))
            if n == "metrics" and err:
                exact_text = f"{exd:.15g}"
        lines.append(f"| {field} | {TOL_EXACT:.0e} | " + " | ".join(cells) + f" | {exact_text} |")
    lines.append("")
    return lines, failed


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--file", default=str(ROOT / ".bench-data" / "tidy-1000x15.csv"))
    ap.add_argument("--metrics", default=os.environ.get("METRICS", str(ROOT / ".build" / "release" / "metrics")))
    ap.add_argument("--keep", help="directory for the outputs (default: a temporary one)")
    ap.add_argument("--exact-inputs", choices=["double", "decimal"], default="double",
                    help="the arbiter's inputs: the doubles nearest the text (default) or the text itself")
    args = ap.parse_args()

    out = Path(args.keep or tempfile.mkdtemp(prefix="crosscheck-summarize-"))
    out.mkdir(parents=True, exist_ok=True)
    py = sys.executable
    peers = str(ROOT / "bench" / "summarize_peers.py")
    files = {
        "metrics": out / "metrics.csv",
        "analyst_loop": out / "analyst_loop.csv",
        "numpy_vectorised": out / "numpy_vectorised.csv",
    }
    run([args.metrics, "summarize", args.file, "--format", "csv", "-o", str(files["metrics"])])
    info = {}
    info["analyst_loop"] = json.loads(run([py, peers, "analyst_loop", args.file, "--all", "-o",
                                           str(files["analyst_loop"])]))
    info["numpy_vectorised"] = json.loads(run([py, peers, "numpy_vectorised", args.file, "-o",
                                               str(files["numpy_vectorised"])]))
    version = run([args.metrics, "--version"]).strip()

    tables = {name: load(path) for name, path in files.items()}
    M, keys = tables["metrics"]
    extra = [f"File: `{args.file}`. metrics: {version} (`{args.metrics}`). Peers: "
             f"{info['analyst_loop']['version']}; {info['numpy_vectorised']['version']}."]
    for name, (T, tkeys) in tables.items():
        if tkeys != keys:
            extra.append(f"**{name} has {len(tkeys):,} series in a different order or set than metrics' "
                         f"{len(keys):,}** (compared by key where both have it).")
    common = [k for k in keys if all(k in T for T, _ in tables.values())]
    gaps = {k for k in common if int(M[k]["n_missing"]) > 0}
    extra += index_axis_check(args.file, M, gaps)

    comparisons = [
        compare("metrics", M, "analyst_loop", tables["analyst_loop"][0], common, gaps),
        compare("metrics", M, "numpy_vectorised", tables["numpy_vectorised"][0], common, gaps),
        compare("analyst_loop", tables["analyst_loop"][0], "numpy_vectorised",
                tables["numpy_vectorised"][0], common, gaps),
    ]
    text, failed = report(comparisons, {"analyst_loop"}, len(common), len(gaps), extra)
    errs = exact_errors(exact_reference(args.file, args.exact_inputs),
                        {n: T for n, (T, _) in tables.items()}, common)
    lines, failed_exact = exact_report(errs, args.exact_inputs)
    text += "\n" + "\n".join(lines)
    (out / "crosscheck.md").write_text(text + "\n", encoding="utf-8")
    print(text)
    verdict = [
        "metrics is outside a tolerance against the scipy/pymannkendall references somewhere (see **over**)"
        if failed else "metrics agrees with the scipy/pymannkendall references within the tolerances",
        "and outside 1e-12 of exact arithmetic somewhere (see **over**)." if failed_exact
        else "and within 1e-12 of exact arithmetic on every exactly computable field.",
    ]
    print(f"\nOutputs in {out}. Verdict: " + " ".join(verdict))
    return 1 if failed or failed_exact else 0


if __name__ == "__main__":
    sys.exit(main())
