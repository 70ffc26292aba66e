#!/usr/bin/env python3
"""Turns the per-run records of scripts/bench.sh into one Markdown table per data file.

    python bench/report.py RUNS.tsv --cat NAME --wc NAME

RUNS.tsv has one line per timed run (tab-separated, no header):

    label  file  bytes  rows  series  contender  run  wall_s  peak_kib  status  stdout_file

status is "ok", "exit N" or "skipped: why". Per contender the table shows the median wall time
over its runs and the largest peak RSS, the throughputs derived from the median (file bytes, data
rows and series over wall seconds: the same denominators for every contender), the wall-time
ratios to the cat and wc -l baselines of the same file in the same run, and what the contender
counted, checked against what the generator wrote.
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
        for line in reversed(text.splitlines()):
            try:
                return json.loads(line)
            except ValueError:
                continue
    return None


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
    r = find_int(doc, ROW_KEYS)
    s = find_int(doc, SERIES_KEYS)
    parts = []
    if r is not None:
        parts.append(f"{r:,} rows" + ("" if r == rows else f" MISMATCH (expected {rows:,})"))
    if s is not None:
        parts.append(f"{s:,} series" + ("" if s == series else f" MISMATCH (expected {series:,})"))
    if not parts:
        return "JSON without row/series counts"
    return ", ".join(parts)


def fmt_rate(x):
    if x >= 1e6:
        return f"{x / 1e6:,.2f} M"
    if x >= 1e3:
        return f"{x / 1e3:,.1f} k"
    return f"{x:,.0f}"


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("runs")
    ap.add_argument("--cat", required=True, help="contender name of the cat baseline")
    ap.add_argument("--wc", required=True, help="contender name of the wc -l baseline")
    ap.add_argument("--other", help="TSV of label, CPU-seconds other processes took, wall seconds")
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

    files: "OrderedDict[str, dict]" = OrderedDict()
    with open(args.runs, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line:
                continue
            (label, path, nbytes, rows, series, contender, run, wall, peak, status,
             out) = line.split("\t")
            info = files.setdefault(label, {"path": path, "bytes": int(nbytes), "rows": int(rows),
                                            "series": int(series), "contenders": OrderedDict()})
            c = info["contenders"].setdefault(contender, {"walls": [], "peaks": [], "status": [],
                                                          "out": out})
            if status.startswith("skipped"):
                c["status"].append(status)
                continue
            c["walls"].append(float(wall))
            c["peaks"].append(int(peak) if peak.isdigit() else 0)
            c["status"].append(status)
            c["out"] = out
            doc = load_json(out) if out != "-" else None
            if isinstance(doc, dict) and isinstance(doc.get("seconds"), (int, float)):
                c.setdefault("inproc", []).append(float(doc["seconds"]))

    for label, info in files.items():
        nbytes, rows, series = info["bytes"], info["rows"], info["series"]
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
                   for name, c in info["contenders"].items() if c["walls"]}
        cat_wall = medians.get(args.cat)
        wc_wall = medians.get(args.wc)
        print("| contender | wall s | MB/s | rows/s | series/s | peak MiB | × cat | × wc -l | counted |")
        print("|---|---:|---:|---:|---:|---:|---:|---:|---|")
        for name, c in info["contenders"].items():
            if not c["walls"]:
                why = c["status"][0] if c["status"] else "skipped"
                print(f"| {name} | {why} | | | | | | | |")
                continue
            wall = medians[name]
            peak = max(c["peaks"]) / 1024
            bad = [s for s in c["status"] if s != "ok"]
            note = counted(name, c["out"], rows, series)
            if c.get("inproc"):
                note += f"; {statistics.median(c['inproc']):.3f} s in-process"
            if bad:
                note = f"**{bad[0]}**; " + note
            w = max(wall, 1e-6)
            x_cat = f"{wall / cat_wall:,.1f}" if cat_wall else "—"
            x_wc = f"{wall / wc_wall:,.1f}" if wc_wall else "—"
            print(f"| {name} | {wall:.3f} | {nbytes / 1e6 / w:,.1f} | {fmt_rate(rows / w)} | "
                  f"{fmt_rate(series / w)} | {peak:,.1f} | {x_cat} | {x_wc} | {note} |")
        print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
