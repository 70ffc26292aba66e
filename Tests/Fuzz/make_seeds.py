#!/usr/bin/env python3
"""Seed corpora for the fuzz targets, cut at run time from the real files (never committed).

    make_seeds.py --repo REPO --shared SHARED_DFE_FOLDER --out OUT_FOLDER

Writes OUT/<Target>/<name> for every fuzz target. Sources, each skipped when absent:
- REPO/datasets/middlesbrough/*.csv and batch.yaml (in the repository);
- SHARED/ees/*.csv (DfE Explore Education Statistics open data), SHARED/lait/ (the LAIT extract and its data
  dictionary): see SHARED/PROVENANCE.md.
Seeds are small (a header and a few rows, windows from the start and the middle), since libFuzzer works
best on short inputs; each stays under the target's -max_len in scripts/fuzz.sh. Files that hold two parts
(EES data + metadata, LAIT data + dictionary, YAML + events) separate them with a NUL byte, as the harnesses
expect. Only the standard library is used.
"""

import argparse
import csv
import glob
import hashlib
import io
import os
import re
import struct
import sys

LIMITS = {"FuzzTidy": 4096, "FuzzWide": 4096, "FuzzEES": 8192, "FuzzLAIT": 8192, "FuzzPeriod": 64,
          "FuzzBatchConfig": 4096, "FuzzNumeric": 450, "FuzzRecords": 4096, "FuzzOutputs": 4096}

EES_STRUCTURAL = {"time_period", "time_identifier", "geographic_level", "country_code", "country_name", "region_code",
                  "region_name", "old_la_code", "new_la_code", "la_name", "la_code"}
GSS = {"c", "low", "x", "z", "u", "k", ":", "~", "NA", ""}


class Writer:
    def __init__(self, out):
        self.out = out
        self.counts = {}

    def add(self, target, data, hint="seed"):
        if isinstance(data, str):
            data = data.encode("utf-8")
        if not data or len(data) > LIMITS[target]:
            return
        folder = os.path.join(self.out, target)
        os.makedirs(folder, exist_ok=True)
        name = f"{hint}-{hashlib.sha1(data).hexdigest()[:12]}"
        with open(os.path.join(folder, name), "wb") as f:
            f.write(data)
        self.counts[target] = self.counts.get(target, 0) + 1


def read_rows(path):
    with open(path, newline="", encoding="utf-8-sig", errors="replace") as f:
        return list(csv.reader(f))


def to_csv(rows):
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    return buffer.getvalue()


def windows(rows, sizes=(3, 8), starts=None):
    """Header + `size` rows from a few places in the file."""
    header, body = rows[0], rows[1:]
    if not body:
        return
    starts = starts or [0, len(body) // 3, len(body) // 2, len(body) - 1]
    for size in sizes:
        for start in starts:
            chunk = body[start:start + size]
            if chunk:
                yield [header] + chunk


def fit(target, rows, limit_rows=40):
    """Shrinks `rows` (header first) until its CSV fits the target's limit."""
    rows = rows[:limit_rows]
    while len(rows) > 2 and len(to_csv(rows).encode()) > LIMITS[target] - 16:
        rows = rows[:-1]
    return rows


def is_number(text):
    try:
        float(text.replace(",", ""))
        return True
    except ValueError:
        return False


def ees_meta(rows):
    """A .meta.csv for an EES file: indicators are the columns whose sampled cells are numbers or symbols."""
    header = rows[0]
    meta = [["col_name", "col_type", "label", "indicator_grouping", "indicator_unit", "indicator_dp", "filter_hint",
             "filter_grouping_column"]]
    for i, name in enumerate(header):
        if name.strip().lower() in EES_STRUCTURAL:
            continue
        cells = [r[i] for r in rows[1:] if i < len(r)]
        numeric = any(is_number(c) for c in cells) and all(is_number(c) or c.strip() in GSS for c in cells)
        unit = "%" if "rate" in name or "pct" in name else ""
        meta.append([name, "Indicator" if numeric else "Filter", name.replace("_", " ").capitalize(), "",
                     unit if numeric else "", "1" if numeric else "", "", ""])
    return to_csv(meta)


def number_bytes(kind, first_year, values, flags=0):
    """A FuzzNumeric input: header bytes, then each value as a tag-5 double (or tag 0, a missing value)."""
    year_byte = first_year - 1990 if 1990 <= first_year < 2030 else 0
    out = bytearray([kind & 7, year_byte, flags])
    for v in values[:48]:
        if v is None:
            out.append(0)
        else:
            out.append(5)
            out += struct.pack("<d", v)
    return bytes(out)


def parse_value(text):
    text = text.strip().replace(",", "")
    try:
        return float(text)
    except ValueError:
        return None


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--repo", required=True)
    parser.add_argument("--shared", required=True)
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    w = Writer(args.out)

    # The repository's own data: tidy files, the batch configuration and its events.
    middlesbrough = os.path.join(args.repo, "datasets", "middlesbrough")
    tidy_files = sorted(glob.glob(os.path.join(middlesbrough, "*.csv")))
    periods = set()
    for path in tidy_files:
        rows = read_rows(path)
        base = os.path.basename(path)
        if base == "events.csv":
            continue
        # Source columns are long prose: keep them short so the seeds stay small.
        rows = [[c if len(c) < 60 else c[:40] for c in r] for r in rows]
        for chunk in windows(rows, sizes=(2, 6, 20)):
            w.add("FuzzTidy", to_csv(fit("FuzzTidy", chunk)), "tidy")
            w.add("FuzzOutputs", to_csv(fit("FuzzOutputs", chunk)), "tidy")
            # The same records behind each control byte of FuzzRecords: CSV or TSV, small or larger limits.
            for control in (0x00, 0x35, 0xF4):
                w.add("FuzzRecords", bytes([control]) + to_csv(fit("FuzzRecords", chunk)).encode(), "csv")
            w.add("FuzzRecords", bytes([0x27]) + to_csv(fit("FuzzRecords", chunk)).replace(",", "\t").encode(), "tsv")
        if rows and "period" in rows[0]:
            p = rows[0].index("period")
            periods.update(r[p] for r in rows[1:] if p < len(r))
        # The same series as wide files: one row per key, one column per period.
        if rows and {"indicator", "period", "value"} <= set(rows[0]):
            h = rows[0]
            ki, pi, vi = h.index("indicator"), h.index("period"), h.index("value")
            ai = h.index("area_code") if "area_code" in h else None
            table = {}
            cols = []
            for r in rows[1:]:
                key = (r[ai] if ai is not None else "", r[ki])
                table.setdefault(key, {})[r[pi]] = r[vi]
                if r[pi] not in cols:
                    cols.append(r[pi])
            cols = sorted(cols)[:30]
            wide = [["area_code", "indicator"] + cols] + [[k[0], k[1]] + [v.get(c, "") for c in cols] for k, v in table.items()]
            w.add("FuzzWide", to_csv(fit("FuzzWide", wide, 12)), "wide")
            # And as FuzzNumeric series, the first few keys.
            for key, byperiod in list(table.items())[:6]:
                ordered = sorted(byperiod.items())
                values = [parse_value(v) for _, v in ordered]
                first = ordered[0][0][:4]
                kind = 1 if re.fullmatch(r"\d{4}-\d{2}", ordered[0][0]) else 4 if re.fullmatch(r"\d{4}-\d{2}-\d{2}", ordered[0][0]) else 0
                if first.isdigit():
                    w.add("FuzzNumeric", number_bytes(kind, int(first), values, flags=0b0100_0001), "series")

    events_path = os.path.join(middlesbrough, "events.csv")
    events = ""
    if os.path.exists(events_path):
        rows = [[c if len(c) < 60 else c[:40] for c in r] for r in read_rows(events_path)]
        events = to_csv(rows[:6])
        periods.update(r[0] for r in rows[1:])
    batch_path = os.path.join(middlesbrough, "batch.yaml")
    if os.path.exists(batch_path):
        text = open(batch_path, encoding="utf-8").read()
        bare = "\n".join(line for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")) + "\n"
        w.add("FuzzBatchConfig", text, "batch")
        w.add("FuzzBatchConfig", bare, "batch")
        if events:
            w.add("FuzzBatchConfig", bare.encode() + b"\0" + events.encode(), "batch-events")
        # Each top-level key on its own, with the inputs line.
        blocks = re.split(r"\n(?=[a-z_]+:)", bare)
        for block in blocks:
            if not block.startswith("inputs"):
                w.add("FuzzBatchConfig", "inputs: [neighbours.csv]\n" + block + "\n", "key")

    shared = args.shared
    if not os.path.isdir(shared):
        print(f"make_seeds: {shared} is absent: seeds from the repository and Tests/Fuzz/seeds only", file=sys.stderr)
    else:
        # EES open data: windows, each also with its .meta.csv after a NUL byte.
        for path in sorted(glob.glob(os.path.join(shared, "ees", "*.csv"))):
            rows = read_rows(path)
            if not rows:
                continue
            header = [c.strip().lower() for c in rows[0]]
            if "time_period" not in header:
                # Statistical neighbours: a plain table, a wide-looking and a tidy-looking stranger.
                for chunk in windows(rows, sizes=(3,)):
                    w.add("FuzzWide", to_csv(fit("FuzzWide", chunk)), "sn")
                    w.add("FuzzTidy", to_csv(fit("FuzzTidy", chunk)), "sn")
                continue
            tp, ti = header.index("time_period"), header.index("time_identifier")
            for r in rows[1:]:
                if len(r) > ti:
                    periods.add(f"{r[tp]},{r[ti]}")
            level = header.index("geographic_level")
            la_rows = [i for i, r in enumerate(rows[1:]) if len(r) > level and r[level] == "Local authority"]
            starts = [0, len(rows) // 2] + la_rows[:1] + la_rows[len(la_rows) // 2:len(la_rows) // 2 + 1]
            for chunk in windows(rows, sizes=(3, 8), starts=starts):
                data = to_csv(fit("FuzzEES", chunk, 10))
                w.add("FuzzEES", data, "ees")
                meta = ees_meta(chunk)
                w.add("FuzzEES", data.encode() + b"\0" + meta.encode(), "ees-meta")
            # One LA's series of the first indicator as a FuzzNumeric seed.
            la_col = header.index("new_la_code") if "new_la_code" in header else None
            if la_col is not None:
                numeric_cols = [i for i, n in enumerate(header) if n not in EES_STRUCTURAL and any(
                    is_number(r[i]) for r in rows[1:50] if i < len(r))]
                for col in numeric_cols[:3]:
                    series = sorted((r[tp], parse_value(r[col])) for r in rows[1:]
                                    if len(r) > col and r[la_col] == "E06000002")
                    if series and series[0][0][:4].isdigit():
                        w.add("FuzzNumeric", number_bytes(0, int(series[0][0][:4]), [v for _, v in series], 0b0010_0010), "ees")

        # LAIT: windows of the extract, each measure's rows, with the dictionary rows of its measures.
        lait_path = os.path.join(shared, "lait", "lait_middlesbrough_sn_northeast_england_all_measures.csv")
        dictionary_path = os.path.join(shared, "lait", "lait_data_dictionary.csv")
        if os.path.exists(lait_path):
            rows = read_rows(lait_path)
            dictionary = read_rows(dictionary_path) if os.path.exists(dictionary_path) else []
            short = dictionary[0].index("Measure_short") if dictionary else None
            by_measure = {}
            for r in rows[1:]:
                if len(r) > 2:
                    by_measure.setdefault(r[0], []).append(r)
                    periods.add(r[2])
            measures = sorted(by_measure)
            picks = measures[:: max(1, len(measures) // 24)]
            for measure in picks:
                chunk = fit("FuzzLAIT", [rows[0]] + by_measure[measure][:12], 14)
                data = to_csv(chunk).encode()
                w.add("FuzzLAIT", data, "lait")
                w.add("FuzzTidy", data[:LIMITS["FuzzTidy"]], "lait")
                if dictionary:
                    entry = [r for r in dictionary[1:] if len(r) > short and r[short] == measure]
                    # Long prose columns shortened: polarity, dps, year type and units are what the reader uses.
                    entry = [[c if len(c) < 80 else c[:60] for c in r] for r in entry]
                    both = data + b"\0" + to_csv([dictionary[0]] + entry).encode()
                    w.add("FuzzLAIT", both, "lait-dict")
                # The measure for one area as a FuzzNumeric series (annual, or financial years).
                area_rows = [r for r in by_measure[measure] if r[3] == "Middlesbrough"]
                area_rows.sort(key=lambda r: r[2])
                if area_rows and area_rows[0][2][:4].isdigit():
                    kind = 3 if re.match(r"\d{4}-\d{2}", area_rows[0][2]) else 0
                    w.add("FuzzNumeric", number_bytes(kind, int(area_rows[0][2][:4]), [parse_value(r[6]) for r in area_rows],
                                                      0b0000_0110), "lait")
            # Wide: a measure pivoted, areas by periods.
            for measure in picks[:8]:
                table, cols = {}, []
                for r in by_measure[measure]:
                    table.setdefault(r[3], {})[r[2]] = r[6]
                    if r[2] not in cols:
                        cols.append(r[2])
                cols = sorted(cols)
                wide = [["area", "measure_code"] + cols] + [[a, measure] + [v.get(c, "") for c in cols] for a, v in table.items()]
                w.add("FuzzWide", to_csv(fit("FuzzWide", wide, 8)), "lait-wide")

    for label in sorted(periods):
        w.add("FuzzPeriod", label, "label")
    for target in LIMITS:
        print(f"make_seeds: {target}: {w.counts.get(target, 0)} seeds", file=sys.stderr)


if __name__ == "__main__":
    main()
