#!/usr/bin/env python3
"""Turns the per-run records of scripts/bench.sh into one Markdown table per data file.

    python bench/report.py RUNS.tsv --cat NAME --wc NAME [--other TSV]
                           [--baselines RUNS0.tsv] [--reference NAME]... [--ratio NAME=HEADER]...

RUNS.tsv has one line per timed run (tab-separated, no header):

    label  file  bytes  rows  series  contender  run  wall_s  peak_kib  status  stdout_file

status is "ok", "exit N" or "skipped: why". Per contender the table shows the median wall time
over its runs and the largest peak RSS, the throughputs derived from the median (file bytes, data
rows and series over wall seconds: the same denominators for every contender), the wall-time
ratios to the cat and wc -l baselines of the same file in the same run, and what the contender
counted, checked against what the generator wrote.

A contender's saved output may hold several JSON lines (its own, then the harness's
{"output_records": N} for contenders that write a file); they are merged, the last word winning.

--baselines: another RUNS file of the same run (the reading section); contenders named by --cat, --wc,
--reference and --ratio are looked up there too, by data file path. --reference NAME adds NAME's row from
there to the top of the table, marked as a reference. --ratio NAME=HEADER adds a column HEADER: wall s /
NAME's median wall s on the same file.

Sampled contenders: when a contender's JSON says "scale" (series in the file / series it read, > 1,
with "sample_series" and "sample_rows"), its row shows what it measured on the sample (rows/s and series/s
of the sample; no ratios), and a second row "… scaled" estimates the whole file as start-up plus in-process
time x scale: (wall - seconds) + seconds x scale, per run, median over the runs.
"""
from __future__ import annotations

import argparse
import json
import statistics
import sys
from collections import OrderedDict

ROW_KEYS = ("rows", "row_count", "rowCount", "records", "data_rows", "dataRows")
SERIES_KEYS = ("series", "series_count", "seriesCount", "groups")


def find_int(obj, keys):
    """The first integer under one of keys, searched breadth-first through a JSON value."""
    queue = [obj]
    while queue:
        cur = queue.pop(0)
        if isinstance(cur, dict):
            for k in keys:
                v = cur.get(k)
                if isinstance(v, int) and not isinstance(v, bool):
                    return v
            queue.extend(cur.values())
        elif isinstance(cur, list):
            queue.extend(cur[:50])
    return None


def load_json(path):
    try:
        with open(path, encoding="utf-8", errors="replace") as f:
            text = f.read(4 << 20)
    except OSError:
        return None
    text = text.strip()
    if not text:
        return None
    try:
        return json.loads(text)
    except ValueError:
        merged = None
        for line in text.splitlines():
            try:
                doc = json.loads(line)
            except ValueError:
                continue
            if isinstance(doc, dict) and isinstance(merged, dict):
                merged.update(doc)
            elif merged is None or isinstance(doc, dict):
                merged = doc
        return merged


def counted(contender, stdout_file, rows, series):
    """What the contender's output says it counted, with a check mark against the truth."""
    if not stdout_file or stdout_file == "-":
        return "—"
    if contender.startswith("wc -l"):
        try:
            with open(stdout_file, encoding="utf-8") as f:
                n = int(f.read().split()[0])
        except (OSError, ValueError, IndexError):
            return "no count in output"
        ok = "ok" if n == rows + 1 else f"MISMATCH (expected {rows + 1:,})"
        return f"{n:,} lines {ok}"
    doc = load_json(stdout_file)
    if doc is None:
        return "no JSON in output"
    scale = sample_scale(doc)
    if scale:
        rows, series = round(rows / scale), round(series / scale)
    r = find_int(doc, ROW_KEYS)
    s = find_int(doc, SERIES_KEYS)
    o = find_int(doc, ("output_records",))
    parts = []
    if r is not None:
        parts.append(f"{r:,} rows" + ("" if r == rows else f" MISMATCH (expected {rows:,})"))
    if s is not None:
        parts.append(f"{s:,} series" + ("" if s == series else f" MISMATCH (expected {series:,})"))
    if o is not None:
        parts.append(f"{o:,} records written" + ("" if o == series else f" MISMATCH (expected {series:,})"))
    if not parts:
        return "JSON without row/series counts"
    return ", ".join(parts)


def sample_scale(doc):
    """The contender's scale factor (series in the file / series read) when it ran on a sample."""
    if isinstance(doc, dict) and isinstance(doc.get("scale"), (int, float)) and doc["scale"] > 1:
        return float(doc["scale"])
    return None


def fmt_rate(x):
    if x >= 1e6:
        return f"{x / 1e6:,.2f} M"
    if x >= 1e3:
        return f"{x / 1e3:,.1f} k"
    return f"{x:,.0f}"


def load_runs(path):
    """RUNS.tsv -> {label: {path, bytes, rows, series, contenders: {name: runs info}}}."""
    files: "OrderedDict[str, dict]" = OrderedDict()
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line:
                continue
            (label, fpath, nbytes, rows, series, contender, run, wall, peak, status,
             out) = line.split("\t")
            info = files.setdefault(label, {"path": fpath, "bytes": int(nbytes), "rows": int(rows),
                                            "series": int(series), "contenders": OrderedDict()})
            c = info["contenders"].setdefault(contender, {"walls": [], "peaks": [], "status": [],
                                                          "out": out, "docs": []})
            if status.startswith("skipped"):
                c["status"].append(status)
                continue
            c["walls"].append(float(wall))
            c["peaks"].append(int(peak) if peak.isdigit() else 0)
            c["status"].append(status)
            c["out"] = out
            doc = load_json(out) if out != "-" else None
            c["docs"].append(doc)
            if isinstance(doc, dict) and isinstance(doc.get("seconds"), (int, float)):
                c.setdefault("inproc", []).append(float(doc["seconds"]))
    return files


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("runs")
    ap.add_argument("--cat", required=True, help="contender name of the cat baseline")
    ap.add_argument("--wc", required=True, help="contender name of the wc -l baseline")
    ap.add_argument("--other", help="TSV of label, CPU-seconds other processes took, wall seconds")
    ap.add_argument("--baselines", help="RUNS.tsv of another section of the same run (by file path)")
    ap.add_argument("--reference", action="append", default=[],
                    help="a contender of --baselines shown as a reference row (repeatable)")
    ap.add_argument("--ratio", action="append", default=[],
                    help="NAME=HEADER: a column of wall-time ratios to NAME (repeatable)")
    args = ap.parse_args()

    other = {}
    if args.other:
        try:
            with open(args.other, encoding="utf-8") as f:
                for line in f:
                    label, cpu, wall = line.rstrip("\n").split("\t")
                    other[label] = (float(cpu), float(wall))
        except (OSError, ValueError):
            pass

    files = load_runs(args.runs)
    base_by_path = {}
    if args.baselines:
        for info in load_runs(args.baselines).values():
            base_by_path[info["path"]] = info
    ratios = [r.split("=", 1) if "=" in r else (r, f"× {r}") for r in args.ratio]

    for label, info in files.items():
        nbytes, rows, series = info["bytes"], info["rows"], info["series"]
        base = base_by_path.get(info["path"], {"contenders": {}})
        counts = OrderedDict()
        for name, c in info["contenders"].items():
            if c["walls"]:
                counts.setdefault(len(c["walls"]), []).append(name)
        common = max(counts, key=lambda k: len(counts[k]), default=0)
        runs_text = f"median of {common} runs" if common > 1 else "one run"
        runs_text += " per contender"
        others = [f"{', '.join(names)}: {k}" for k, names in counts.items() if k != common]
        if others:
            runs_text += f" ({'; '.join(others)})"
        print(f"### {label}: `{info['path']}`")
        print()
        print(f"{nbytes / 1e6:,.1f} MB, {rows:,} data rows, {series:,} series; {runs_text}; "
              f"warm page cache.")
        if label in other:
            cpu, wall = other[label]
            busy = cpu > 0.05 * wall + 0.2
            print(f"{'**Unreliable:** ' if busy else ''}other processes took {cpu:.1f} CPU-seconds "
                  f"during these {wall:.1f} s of runs.")
        print()
        medians = {name: statistics.median(c["walls"])
                   for name, c in base["contenders"].items() if c["walls"]}
        medians.update({name: statistics.median(c["walls"])
                        for name, c in info["contenders"].items() if c["walls"]})
        cat_wall = medians.get(args.cat)
        wc_wall = medians.get(args.wc)
        extra_heads = "".join(f" {h} |" for _, h in ratios)
        print(f"| contender | wall s | MB/s | rows/s | series/s | peak MiB | × cat | × wc -l |{extra_heads} counted |")
        print("|---|---:|---:|---:|---:|---:|---:|---:|" + "---:|" * len(ratios) + "---|")

        def ratio_cells(wall):
            cells = [f"{wall / cat_wall:,.1f}" if cat_wall else "—",
                     f"{wall / wc_wall:,.1f}" if wc_wall else "—"]
            for name, _ in ratios:
                m = medians.get(name)
                cells.append(f"{wall / m:,.2f}" if m else "—")
            return " | ".join(cells)

        rows_out = [(f"{name} (reference: reading section)", base["contenders"][name])
                    for name in args.reference if name in base["contenders"]]
        rows_out += list(info["contenders"].items())
        for name, c in rows_out:
            if not c["walls"]:
                why = c["status"][0] if c["status"] else "skipped"
                print(f"| {name} | {why} | | | | | | |" + " |" * len(ratios) + " |")
                continue
            wall = statistics.median(c["walls"])
            peak = max(c["peaks"]) / 1024
            bad = [s for s in c["status"] if s != "ok"]
            note = counted(name, c["out"], rows, series)
            if c.get("inproc"):
                note += f"; {statistics.median(c['inproc']):.3f} s in-process"
            if bad:
                note = f"**{bad[0]}**; " + note
            w = max(wall, 1e-6)
            docs = [d for d in c.get("docs", []) if isinstance(d, dict)]
            scale = sample_scale(docs[-1]) if docs else None
            if not scale:
                print(f"| {name} | {wall:.3f} | {nbytes / 1e6 / w:,.1f} | {fmt_rate(rows / w)} | "
                      f"{fmt_rate(series / w)} | {peak:,.1f} | {ratio_cells(wall)} | {note} |")
                continue
            d = docs[-1]
            s_rows, s_series = d.get("sample_rows", rows / scale), d.get("sample_series", series / scale)
            share = f"{100 / scale:.3g}%"
            print(f"| {name}: measured on a {share} sample ({s_series:,} series) | {wall:.3f} | — | "
                  f"{fmt_rate(s_rows / w)} | {fmt_rate(s_series / w)} | {peak:,.1f} | "
                  + " | ".join(["—"] * (2 + len(ratios))) + f" | {note} |")
            scaled = statistics.median(
                (wl - dd["seconds"]) + dd["seconds"] * sample_scale(dd)
                for wl, dd in zip(c["walls"], c["docs"]) if isinstance(dd, dict) and sample_scale(dd))
            print(f"| {name}: **scaled ×{scale:.3g} from a {share} sample** (estimate) | {scaled:.1f} | "
                  f"{nbytes / 1e6 / scaled:,.2f} | {fmt_rate(rows / scaled)} | {fmt_rate(series / scaled)} | "
                  f"— | {ratio_cells(scaled)} | start-up + in-process s × {scale:.3g} |")
        print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
