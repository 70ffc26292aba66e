#!/usr/bin/env python3
"""Writes a large, deterministic tidy (long) CSV for the reading/grouping benchmarks.

    area_code,area_name,indicator,period,value

One series is (area_code, area_name, indicator); its rows are adjacent and in period order, one
row per year (--first-year .. --first-year + --years - 1, plain years). Values look like published
statistics: counts (no decimals), rates per 10,000 (one decimal) and percentages (two decimals),
with about 1% of cells holding a GSS missing-value symbol (c, x, low, z) and about 0.05% blank.
Area codes are 9-character GSS-style codes (E06000002-like); about 7% of area names hold a comma
and are written in double quotes ("Bristol, City of"), to exercise CSV quoting.

Same arguments, same bytes: every random draw comes from a fixed seed, chunk by chunk, and the
file for N series is the first N series of any longer one (a small file is a prefix of the large).
With the defaults (1,000,000 series x 15 years) the file is about 600 MB (~40 bytes a row).

The work is vectorised: each chunk of series is laid out as a 2-D object array whose cells are
pre-built strings (the series prefix "code,name,indicator," and a "year,value\\n" string picked
from a year x value table by numpy fancy indexing), joined once and written in one call.
"""
from __future__ import annotations

import argparse
import gzip
import os
import sys
import time

import numpy as np

SEED = 20240531
CHUNK_SERIES = 50_000  # series per write; fixed so that the output never depends on it

# Area-code prefixes (GSS entity codes): unitary, district, metropolitan, London borough,
# county, MSOA, LSOA, Welsh UA, Scottish council area, NI district.
CODE_PREFIXES = ["E06", "E07", "E08", "E09", "E10", "E02", "E01", "W06", "S12", "N09"]

# Real English/Welsh/Scottish local-authority names, short ones weighted by repetition so that
# the average name is about 10 characters; the comma-holding ones are quoted on output.
AREA_NAMES = [
    "Middlesbrough", "Hartlepool", "Darlington", "Stockton-on-Tees", "Redcar and Cleveland",
    "Leeds", "York", "Hull", "Derby", "Bath", "Kent", "Essex", "Luton", "Poole", "Slough",
    "Bury", "Wigan", "Bolton", "Oldham", "Sefton", "Wirral", "Barnet", "Brent", "Camden",
    "Ealing", "Enfield", "Harrow", "Sutton", "Merton", "Newham", "Bexley", "Bromley",
    "Croydon", "Hackney", "Lambeth", "Lewisham", "Wandsworth", "Halton", "Torbay", "Thurrock",
    "Medway", "Reading", "Swindon", "Wokingham", "Rutland", "Plymouth", "Cornwall", "Devon",
    "Dorset", "Norfolk", "Suffolk", "Surrey", "Fife", "Angus", "Moray", "Conwy", "Powys",
    "Newport", "Cardiff", "Torfaen", "Belfast", "Derry", "Leicester", "Sheffield", "Bradford",
    "Bristol, City of", "Herefordshire, County of", "Kingston upon Hull, City of",
    "Durham, County", "Edinburgh, City of",
]

# Indicator short codes and their kind: 0 = count (integer), 1 = rate per 10,000 (1 decimal),
# 2 = percentage (2 decimals).
INDICATORS = [
    ("cla_count", 0), ("cla_rate_10k", 1), ("cin_count", 0), ("cin_rate_10k", 1),
    ("cpp_count", 0), ("cpp_rate_10k", 1), ("sw_fte", 1), ("agency_pct", 2),
    ("turnover_pct", 2), ("vacancy_pct", 2), ("caseload_fte", 1), ("pop_0_17", 0),
    ("pop_all_ages", 0), ("live_births", 0), ("deaths", 0), ("life_exp_m", 1),
    ("life_exp_f", 1), ("ks2_rwm_pct", 2), ("ks4_att8", 1), ("neet_pct", 2),
    ("fsm_pct", 2), ("sen_pct", 2), ("ehcp_count", 0), ("exclusions", 0),
    ("absence_pct", 2), ("obese_y6_pct", 2), ("obese_r_pct", 2), ("smoking_pct", 2),
    ("imd_rank", 0), ("claimant_pct", 2), ("emp_rate", 2), ("gva_per_head", 0),
    ("house_price", 0), ("homeless_10k", 1), ("crime_rate", 1), ("asb_rate", 1),
    ("ksi_count", 0), ("fires", 0), ("recycling_pct", 2), ("co2_per_cap", 1),
    ("budget_share", 2), ("ctax_band_d", 0), ("reserves_gbp", 0), ("staff_fte", 0),
    ("sickness_days", 1), ("adoptions", 0), ("sgo_count", 0), ("care_leavers", 0),
    ("uasc_count", 0), ("placements_3", 2),
]

MISSING_SYMBOLS = ["c", "x", "low", "z"]
MISSING_WEIGHTS = np.array([0.5, 0.25, 0.15, 0.10])
MISSING_RATE = 0.01
BLANK_RATE = 0.0005

# Value domains, as integer codes into one table of formatted strings.
N_COUNT = 100_000  # 0 .. 99999
N_RATE = 10_000    # 0.0 .. 999.9
N_PCT = 10_001     # 0.00 .. 100.00
OFF_COUNT = 0
OFF_RATE = OFF_COUNT + N_COUNT
OFF_PCT = OFF_RATE + N_RATE
OFF_MISSING = OFF_PCT + N_PCT
OFF_BLANK = OFF_MISSING + len(MISSING_SYMBOLS)
N_VALUES = OFF_BLANK + 1


def value_strings() -> list[str]:
    out = [str(i) for i in range(N_COUNT)]
    out += [f"{i // 10}.{i % 10}" for i in range(N_RATE)]
    out += [f"{i // 100}.{i % 100:02d}" for i in range(N_PCT)]
    out += MISSING_SYMBOLS
    out += [""]
    assert len(out) == N_VALUES
    return out


def csv_field(s: str) -> str:
    if any(ch in s for ch in ',"\n\r'):
        return '"' + s.replace('"', '""') + '"'
    return s


def area_code(a: np.ndarray) -> np.ndarray:
    prefixes = np.array(CODE_PREFIXES, dtype=object)
    p = prefixes[a % len(CODE_PREFIXES)]
    nums = np.array([f"{n:06d}" for n in (a // len(CODE_PREFIXES) + 1).tolist()], dtype=object)
    return p + nums


def chunk_text(first: int, count: int, years: int, yv_table: np.ndarray, names: np.ndarray,
               indicators: np.ndarray, kinds: np.ndarray) -> str:
    """The rows of series first .. first+count-1, as one string."""
    ss = np.random.SeedSequence([SEED, first // CHUNK_SERIES])
    # One generator per draw, so that a shorter file is a prefix of a longer one.
    r_count, r_rate, r_pct, r_trend, r_noise, r_missing, r_symbol = (
        np.random.default_rng(s) for s in ss.spawn(7))

    series = np.arange(first, first + count, dtype=np.int64)
    n_ind = len(INDICATORS)
    area = series // n_ind
    ind = series % n_ind
    kind = kinds[ind]

    # A level per series, a steady trend and year-to-year noise, in the indicator's own domain.
    level = np.where(kind == 0, r_count.lognormal(np.log(400.0), 1.3, count),
             np.where(kind == 1, r_rate.lognormal(np.log(60.0), 0.7, count),
                      r_pct.uniform(2.0, 60.0, count)))
    trend = r_trend.normal(0.0, 0.03, count)
    t = np.arange(years, dtype=np.float64)
    noise = r_noise.normal(0.0, 0.05, (count, years))
    v = level[:, None] * np.exp(trend[:, None] * t[None, :] + noise)

    scale = np.array([1.0, 10.0, 100.0])[kind][:, None]
    top = np.array([N_COUNT - 1, N_RATE - 1, N_PCT - 1])[kind][:, None]
    offset = np.array([OFF_COUNT, OFF_RATE, OFF_PCT])[kind][:, None]
    code = offset + np.minimum(np.rint(v * scale).astype(np.int64), top)

    u = r_missing.random((count, years))
    missing = u < MISSING_RATE
    code[missing] = OFF_MISSING + r_symbol.choice(len(MISSING_SYMBOLS), int(missing.sum()),
                                                   p=MISSING_WEIGHTS)
    code[u > 1.0 - BLANK_RATE] = OFF_BLANK

    # prefix "code,name,indicator," per series; "year,value\n" per cell, then interleave.
    codes = area_code(area)
    prefix = codes + "," + names[area % len(names)] + "," + indicators[ind] + ","
    cells = np.empty((count, 2 * years), dtype=object)
    cells[:, 0::2] = prefix[:, None]
    cells[:, 1::2] = yv_table[np.arange(years)[None, :], code]
    return "".join(cells.ravel().tolist())


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--series", type=int, default=1_000_000, help="number of series (default 1,000,000)")
    ap.add_argument("--years", type=int, default=15, help="annual points per series (default 15)")
    ap.add_argument("--first-year", type=int, default=2011, help="first period (default 2011)")
    ap.add_argument("--out", required=True, help="output path ('-' for standard output)")
    ap.add_argument("--gzip", action="store_true", help="gzip the output (level 6)")
    ap.add_argument("--quiet", action="store_true", help="print nothing")
    args = ap.parse_args(argv)
    if args.series < 1 or args.years < 1:
        ap.error("--series and --years must be at least 1")

    started = time.perf_counter()
    names = np.array([csv_field(n) for n in AREA_NAMES], dtype=object)
    indicators = np.array([name for name, _ in INDICATORS], dtype=object)
    kinds = np.array([kind for _, kind in INDICATORS], dtype=np.int64)
    values = value_strings()
    yv_table = np.array([[f"{args.first_year + y},{s}\n" for s in values] for y in range(args.years)],
                        dtype=object)

    if args.out == "-":
        raw = sys.stdout.buffer
        tmp = None
    else:
        tmp = args.out + ".partial"
        raw = open(tmp, "wb", buffering=16 << 20)
    out = gzip.GzipFile(fileobj=raw, mode="wb", compresslevel=6, mtime=0) if args.gzip else raw

    written = 0
    out.write(b"area_code,area_name,indicator,period,value\n")
    written += 43
    for first in range(0, args.series, CHUNK_SERIES):
        count = min(CHUNK_SERIES, args.series - first)
        data = chunk_text(first, count, args.years, yv_table, names, indicators, kinds).encode("ascii")
        out.write(data)
        written += len(data)
    if args.gzip:
        out.close()
    if tmp is not None:
        raw.close()
        os.replace(tmp, args.out)
    else:
        raw.flush()

    elapsed = time.perf_counter() - started
    rows = args.series * args.years
    if not args.quiet:
        size = os.path.getsize(args.out) if args.out != "-" else written
        gz = f", {size / 1e6:.1f} MB gzipped" if args.gzip else ""
        print(f"wrote {args.out}: {args.series} series x {args.years} years = {rows} rows "
              f"(+ header), {written} bytes ({written / 1e6:.1f} MB, {written / (rows + 1):.1f} bytes/row)"
              f"{gz} in {elapsed:.1f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
