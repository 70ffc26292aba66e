#!/usr/bin/env python3
"""Runs one peer contender of the reading/grouping benchmark on a tidy CSV and prints one JSON line.

    python bench/peers.py CONTENDER FILE

Each contender reads the whole file (header area_code,area_name,indicator,period,value; quoted
fields such as "Bristol, City of" allowed) and counts the rows of every series, a series being
(area_code, area_name, indicator). It prints

    {"contender": ..., "seconds": ..., "rows": ..., "series": ..., "version": ...}

where seconds is the in-process wall time (time.perf_counter) of reading + grouping only, after
the imports; rows is the number of data rows counted and series the number of groups. The harness
(scripts/bench.sh) times the whole process as well, start-up and imports included.

Contenders:
  duckdb_group_count   DuckDB, threads=2: read_csv(all_varchar) ... GROUP BY the key, count(*)
  polars_group_count   polars lazy scan_csv (all String) -> group_by(key).len(), streaming engine
  pandas_group_count   pandas read_csv(dtype=str) in chunks of 1,000,000 rows, groupby(key).size()
                       per chunk, the chunk counts summed per key at the end (a series may straddle
                       two chunks)

Environment: BENCH_THREADS (default 2: DuckDB threads, POLARS_MAX_THREADS), BENCH_POLARS_ENGINE
(default streaming; in-memory took 3.5x the time and 6x the memory on the 600 MB file),
BENCH_PANDAS_CHUNK (default 1000000 rows).

DuckDB's CSV dialect is given explicitly: its sniffer looks at the first 20,480 rows only, and when no
quoted field appears there it reads the file as unquoted and fails on the first "Bristol, City of".
"""
from __future__ import annotations

import json
import os
import sys
import time

KEY = ["area_code", "area_name", "indicator"]
THREADS = int(os.environ.get("BENCH_THREADS", "2"))


def duckdb_group_count(path: str) -> dict:
    import duckdb

    started = time.perf_counter()
    con = duckdb.connect(":memory:")
    con.execute(f"SET threads = {THREADS}")
    con.execute("SET preserve_insertion_order = false")
    # Explicit dialect (no sniffing surprises): comma, double-quote quoting and escaping, header.
    series, rows = con.execute(
        """
        SELECT count(*) AS series, sum(n) AS rows FROM (
            SELECT area_code, area_name, indicator, count(*) AS n
            FROM read_csv(?, header = true, delim = ',', quote = '"', escape = '"',
                          all_varchar = true)
            GROUP BY area_code, area_name, indicator
        )
        """,
        [path],
    ).fetchone()
    seconds = time.perf_counter() - started
    return {"seconds": seconds, "rows": int(rows or 0), "series": int(series),
            "version": f"duckdb {duckdb.__version__}, threads={THREADS}"}


def polars_group_count(path: str) -> dict:
    os.environ.setdefault("POLARS_MAX_THREADS", str(THREADS))
    import polars as pl

    engine = os.environ.get("BENCH_POLARS_ENGINE", "streaming")
    started = time.perf_counter()
    counts = (
        pl.scan_csv(path, infer_schema=False, quote_char='"')
        .group_by(KEY)
        .agg(pl.len().alias("n"))
        .collect(engine=engine)
    )
    rows = int(counts["n"].sum())
    series = counts.height
    seconds = time.perf_counter() - started
    return {"seconds": seconds, "rows": rows, "series": series,
            "version": f"polars {pl.__version__}, {engine} engine, threads={pl.thread_pool_size()}"}


def pandas_group_count(path: str) -> dict:
    import pandas as pd

    chunk_rows = int(os.environ.get("BENCH_PANDAS_CHUNK", "1000000"))
    started = time.perf_counter()
    parts = []
    reader = pd.read_csv(path, dtype=str, usecols=KEY, keep_default_na=False, na_filter=False,
                         chunksize=chunk_rows)
    with reader:
        for chunk in reader:
            parts.append(chunk.groupby(KEY, sort=False).size())
    if parts:
        total = pd.concat(parts).groupby(level=[0, 1, 2], sort=False).sum()
        rows, series = int(total.sum()), len(total)
    else:
        rows, series = 0, 0
    seconds = time.perf_counter() - started
    return {"seconds": seconds, "rows": rows, "series": series,
            "version": f"pandas {pd.__version__}, C parser, chunks of {chunk_rows}"}


CONTENDERS = {
    "duckdb_group_count": duckdb_group_count,
    "polars_group_count": polars_group_count,
    "pandas_group_count": pandas_group_count,
}


def main(argv: list[str]) -> int:
    if len(argv) != 2 or argv[0] not in CONTENDERS:
        print(f"usage: peers.py {{{','.join(CONTENDERS)}}} FILE", file=sys.stderr)
        return 2
    name, path = argv
    result = {"contender": name, **CONTENDERS[name](path)}
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
