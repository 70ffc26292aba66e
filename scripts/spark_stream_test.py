#!/usr/bin/env python3
"""`metrics stream` on Apache Spark: Spark SQL's TRANSFORM ... USING (the Hadoop Streaming contract).

Run by scripts/spark-test.sh with the release binary (Swift runtime linked statically). It starts a
SparkSession on local[2], ships the binary as `--files` does (spark.files), and checks that:

  1. a fixture of 5 series with tricky key text (commas, quotes, a backslash, a suppressed and a blank
     value, periods out of order) run over 8 shuffle partitions (more partitions than series, so some are
     empty and some may hold two series) gives exactly the rows of one `metrics stream` process over the
     whole fixture, and the same values as `metrics summarize --format csv`;
  2. 300 generated series over 3 partitions (many series per process) do too;
  3. key text with tabs, newlines and carriage returns survives the round trip when the query escapes it
     (`--escaped`) and decodes the output with commons-text's unescapeJava;
  4. a failing run fails the Spark job: malformed input (exit 65), rows of a series not adjacent (exit 65),
     a bad option (exit 64), each with metrics' message in Spark's error;
  5. empty input (what an empty partition would be) writes nothing and exits 0.

Prints what it measured and exits non-zero on the first failed check.
"""

import argparse
import csv
import io
import os
import shutil
import subprocess
import sys
import tempfile
import time

KEY = ["area_code", "area_name", "indicator"]
COLUMNS = KEY + ["period", "value", "unit", "polarity"]
SUMMARY_FIELDS = [
    "n", "n_missing", "first_period", "last_period", "first_value", "last_value", "years",
    "abs_change", "pct_change", "pp_change", "ratio", "cagr",
    "mean", "sd", "median", "min", "max", "lag1_autocorrelation",
    "ols_slope", "ols_slope_se", "ols_slope_low", "ols_slope_high", "ols_intercept", "ols_p", "ols_r2",
    "mk_s", "mk_var_s", "mk_z", "mk_p", "mk_tau",
    "sen_slope", "sen_low", "sen_high", "sen_intercept",
    "direction", "assessment",
]
OUTPUT = KEY + SUMMARY_FIELDS + ["unit", "polarity", "reasons"]
TEXT = set(KEY + ["first_period", "last_period", "direction", "assessment", "unit", "polarity", "reasons"])
INTEGER = {"n", "n_missing"}


def spark_type(name):
    return "STRING" if name in TEXT else "INT" if name in INTEGER else "DOUBLE"


AS_CLAUSE = ", ".join(f"{name} {spark_type(name)}" for name in OUTPUT)
ROW_FORMAT = r"ROW FORMAT DELIMITED FIELDS TERMINATED BY '\t'"

# The fixture: 5 series; key text that CSV must quote and Spark passes as it is.
FIXTURE = [
    ("E06000047", "Durham, County", "agency_rate", [("2017", "5.1"), ("2019", "9.4"), ("2018", "7.9"), ("2020", "c"),
                                                   ("2021", "15.2"), ("2022", "19.8")], "percent", "lower"),
    ("E06000002", 'The "Boro", Middlesbrough', "children_looked_after", [("2018", "650"), ("2019", "702"), ("2020", ""),
                                                                        ("2021", "539"), ("2022", "570")], "count", "lower"),
    ("E06000002", "Middlesbrough", "budget_share", [("2010", "13"), ("2014", "21"), ("2017", "28"), ("2020", "35")], "percent", ""),
    ("E92000001", "England", "children_looked_after", [("2018", "75420"), ("2019", "78150"), ("2020", "80080"),
                                                       ("2021", "80850"), ("2022", "82170")], "count", "lower"),
    ("W06000001", "Ynys Môn \\ Anglesey", "caseload", [("2019-20", "16.5"), ("2020-21", "17.25"), ("2021-22", "15.0")], "", "none"),
]


def fixture_csv(path):
    with open(path, "w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(COLUMNS)
        for code, name, indicator, points, unit, polarity in FIXTURE:
            for period, value in points:
                writer.writerow([code, name, indicator, period, value, unit, polarity])


def generated_csv(path, series=300):
    """Deterministic series: a linear-congruential sequence, no randomness from the machine."""
    state = 12345
    with open(path, "w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(COLUMNS)
        for s in range(series):
            for year in range(2011, 2023):
                state = (state * 1103515245 + 12345) % 2**31
                value = "x" if state % 97 == 0 else str(round(100 + (s % 11) * (year - 2011) + (state % 1000) / 100, 2))
                writer.writerow([f"E{s:08d}", f"Area {s}, \"{s % 5}\"", f"indicator_{s % 3}", str(year), value,
                                 "count", ["lower", "higher", ""][s % 3]])


def tsv_field(text):
    """How Spark sends a CSV cell: as it is, NULL (an empty CSV cell) as \\N."""
    return "\\N" if text == "" else text


def single_process_rows(metrics, csv_path):
    """One `metrics stream` process over the whole file, its rows sorted by key as Spark would group them."""
    with open(csv_path, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))[1:]
    rows.sort(key=lambda r: (r[0].encode(), r[1].encode(), r[2].encode()))  # stable: periods keep file order
    data = "".join("\t".join(tsv_field(c) for c in r) + "\n" for r in rows)
    run = subprocess.run([metrics, "stream", "--columns", ",".join(COLUMNS)], input=data.encode(),
                         capture_output=True, check=False)
    check(run.returncode == 0, f"single-process stream failed: {run.stderr.decode()}")
    return [decode_tsv(line) for line in run.stdout.decode().split("\n")[:-1]]


def decode_tsv(line):
    """A metrics TSV row read as Spark reads it (split at TAB, \\N is NULL), text unescaped, typed as in AS (…)."""
    out = []
    for name, field in zip(OUTPUT, line.split("\t")):
        out.append(None if field == "\\N" else typed(name, unescape(field) if name in TEXT else field))
    return tuple(out)


def unescape(text):
    out, i = [], 0
    while i < len(text):
        if text[i] == "\\" and i + 1 < len(text):
            out.append({"\\": "\\", "t": "\t", "n": "\n", "r": "\r"}[text[i + 1]])
            i += 2
        else:
            out.append(text[i])
            i += 1
    return "".join(out)


def typed(name, text):
    if name in TEXT:
        return text
    return int(text) if name in INTEGER else float(text)


def summarize_rows(metrics, csv_path):
    """`metrics summarize --format csv` over the file: an independent path to the same numbers."""
    run = subprocess.run([metrics, "summarize", csv_path, "--format", "csv"], capture_output=True, check=False)
    check(run.returncode == 0, f"summarize failed: {run.stderr.decode()}")
    rows = list(csv.reader(io.StringIO(run.stdout.decode())))
    check(rows[0] == OUTPUT, f"summarize's columns differ from stream's: {rows[0]}")
    return [tuple(None if c == "" else typed(n, c) for n, c in zip(OUTPUT, r)) for r in rows[1:]]


def check(condition, message):
    if not condition:
        print(f"spark-test: FAILED: {message}", file=sys.stderr)
        sys.exit(1)


def first_difference(got, expected):
    for g, e in zip(got, expected):
        if g != e:
            fields = [f"{n}: {a!r} != {b!r}" for n, a, b in zip(OUTPUT, g, e) if a != b]
            return f"series {g[:len(KEY)]}: " + "; ".join(fields)
    return "different row counts"


def by_key(rows):
    return sorted(rows, key=lambda r: tuple(r[:len(KEY)]))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--metrics", required=True, help="the metrics binary to ship")
    parser.add_argument("--partitions", type=int, default=8)
    args = parser.parse_args()
    metrics = os.path.abspath(args.metrics)
    started = time.monotonic()
    work = tempfile.mkdtemp(prefix="metrics-spark-")
    try:
        run_checks(metrics, work, args.partitions, started)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def run_checks(metrics, work, partitions, started):
    fixture, generated = os.path.join(work, "fixture.csv"), os.path.join(work, "generated.csv")
    fixture_csv(fixture)
    generated_csv(generated)

    # Empty input: what a partition without rows would be (Spark does not even start the script for one).
    empty = subprocess.run([metrics, "stream", "--columns", ",".join(COLUMNS)], input=b"", capture_output=True)
    check(empty.returncode == 0 and empty.stdout == b"" and empty.stderr == b"", "empty input must write nothing and exit 0")

    from pyspark import SparkFiles
    from pyspark.sql import SparkSession

    spark = (SparkSession.builder.master("local[2]").appName("metrics-stream-test")
             .config("spark.files", metrics)                  # what spark-submit --files metrics sets
             .config("spark.sql.shuffle.partitions", str(partitions))
             .config("spark.sql.adaptive.enabled", "false")   # keep every shuffle partition (no coalescing)
             .config("spark.ui.enabled", "false")
             .config("spark.ui.showConsoleProgress", "false")
             .getOrCreate())
    spark.sparkContext.setLogLevel("ERROR")
    session_ready = time.monotonic()
    print(f"spark-test: Spark {spark.version} on local[2], session in {session_ready - started:.1f} s")
    # On a cluster the shipped file lands in each executor's working directory (USING './metrics …'); in
    # local mode the driver is the executor and keeps it under SparkFiles' root.
    binary = SparkFiles.get(os.path.basename(metrics))
    check(os.access(binary, os.X_OK), f"the shipped binary {binary} is not executable")

    def load(path, view):
        df = (spark.read.option("header", True).option("escape", '"').option("multiLine", False)
              .schema(", ".join(f"{c} STRING" for c in COLUMNS)).csv(path))
        df.createOrReplaceTempView(view)
        return df.count()

    def transform_sql(view, options="", source=None, decode=True):
        source = source or (f"SELECT * FROM {view} DISTRIBUTE BY {', '.join(KEY)} "
                            f"SORT BY {', '.join(KEY)}, period")
        inner = (f"SELECT TRANSFORM({', '.join(COLUMNS)}) {ROW_FORMAT} "
                 f"USING '{binary} stream --columns {','.join(COLUMNS)}{options}' "
                 f"AS ({AS_CLAUSE}) {ROW_FORMAT} FROM ({source})")
        if not decode:
            return inner
        # java_method turns a null result into the text 'null': decode only what is not NULL.
        unescape_java = "if({0} IS NULL, NULL, java_method('org.apache.commons.text.StringEscapeUtils', 'unescapeJava', {0}))"
        columns = [unescape_java.format(c) + f" AS {c}" if c in TEXT else c for c in OUTPUT]
        return f"SELECT {', '.join(columns)} FROM ({inner})"

    def run_job(view, csv_path, label):
        t0 = time.monotonic()
        layout = spark.sql(
            f"SELECT spark_partition_id() AS p, count(*) AS rows, count(DISTINCT {', '.join(KEY)}) AS series "
            f"FROM (SELECT * FROM {view} DISTRIBUTE BY {', '.join(KEY)}) GROUP BY p").collect()
        result = spark.sql(transform_sql(view))
        used = result.rdd.getNumPartitions()
        got = [tuple(r) for r in result.collect()]
        elapsed = time.monotonic() - t0
        expected = single_process_rows(metrics, csv_path)
        check(len(got) == len(expected), f"{label}: Spark gave {len(got)} rows, one process {len(expected)}")
        check(by_key(got) == by_key(expected), f"{label}: Spark's rows differ from the single-process run: "
              f"{first_difference(by_key(got), by_key(expected))}")
        reference = summarize_rows(metrics, csv_path)
        # summarize's CSV writes an absent unit and empty reasons alike (empty); TSV says NULL for the first.
        normal = lambda rows: by_key([tuple("" if v is None else v for v in r) for r in rows])
        check(normal(got) == normal(reference), f"{label}: Spark's rows differ from summarize --format csv: "
              f"{first_difference(normal(got), normal(reference))}")
        busy = sorted((r.series for r in layout), reverse=True)
        print(f"spark-test: {label}: {sum(r.rows for r in layout)} rows, {len(got)} series, {used} partitions "
              f"({len(layout)} with rows, series per partition {busy}), {elapsed:.1f} s: identical to one process "
              f"and to summarize")
        return got, used, len(layout)

    rows = load(fixture, "fixture")
    got, used, busy = run_job("fixture", fixture, f"fixture ({rows} rows)")
    names = {r[1] for r in got}
    check(names == {f[1] for f in FIXTURE}, f"key text did not survive: {names}")
    check(used > len(FIXTURE) and busy < used, f"the fixture job must have more partitions than series and "
          f"empty partitions, not {used} partitions of which {busy} have rows")
    # Without decoding, text free of backslashes comes back exactly as it went in; a backslash comes back doubled.
    raw = {r[1] for r in spark.sql(transform_sql("fixture", decode=False)).collect()}
    check({"Durham, County", 'The "Boro", Middlesbrough', "Ynys Môn \\\\ Anglesey"} <= raw, f"raw key text: {raw}")

    spark.conf.set("spark.sql.shuffle.partitions", "3")
    load(generated, "generated")
    run_job("generated", generated, "generated (300 series)")
    spark.conf.set("spark.sql.shuffle.partitions", str(partitions))

    # Tabs, newlines and CRs in key text: the query escapes them (backslash first), metrics decodes with
    # --escaped, and unescapeJava decodes the output.
    tricky = ["tab\there", "two\nlines", "cr\rhere", "back\\slash", "\\N", 'comma, "quote"']
    spark.createDataFrame(
        [("X1", name, "i", str(year), str(year - 2000 + k), "count", "none")
         for k, name in enumerate(tricky) for year in (2019, 2020, 2021)],
        ", ".join(f"{c} STRING" for c in COLUMNS)).createOrReplaceTempView("tricky")
    escape = r"replace(replace(replace(replace({0}, '\\', '\\\\'), '\t', '\\t'), '\n', '\\n'), '\r', '\\r') AS {0}"
    escaped_source = (f"SELECT {', '.join(escape.format(c) if c in KEY else c for c in COLUMNS)} FROM tricky "
                      f"DISTRIBUTE BY {', '.join(KEY)} SORT BY {', '.join(KEY)}, period")
    names = sorted(r.area_name for r in spark.sql(transform_sql("tricky", " --escaped", escaped_source)).collect())
    check(names == sorted(tricky), f"escaped key text did not survive: {names!r}")
    print(f"spark-test: tabs, newlines, CRs, backslashes and \\N in key text: {len(tricky)} names round-trip exactly")

    # Failing runs must fail the job, with metrics' message in Spark's error.
    spark.createDataFrame([("E1", "A", "i", "2019", "1", "count", ""), ("E1", "A", "i", "2020", "lots", "count", "")],
                          ", ".join(f"{c} STRING" for c in COLUMNS)).createOrReplaceTempView("malformed")
    failures = [
        ("malformed value", transform_sql("malformed"), "status 65", "cannot be read"),
        ("series not adjacent",
         transform_sql("fixture", source="SELECT /*+ REPARTITION(1) */ * FROM fixture SORT BY period, area_code"),
         "status 65", "not adjacent"),
        ("bad option", transform_sql("fixture", " --alpha 2"), "status 64", "--alpha"),
    ]
    for label, sql, status, words in failures:
        try:
            spark.sql(sql).collect()
        except Exception as error:  # Py4JJavaError wrapping SparkException: "Subprocess exited with status N"
            message = str(error)
            check(status in message and words in message, f"{label}: unexpected error: {message[:2000]}")
            line = next((l for l in message.splitlines() if "metrics: error:" in l or "Error:" in l), "")
            print(f"spark-test: {label}: the job failed as it must ({status}): {line.strip()[:160]}")
        else:
            check(False, f"{label}: the Spark job succeeded, but metrics exited non-zero")

    spark.stop()
    print(f"spark-test: finished in {time.monotonic() - started:.1f} s")
    print("spark-test: 5 passed, 0 failed")


if __name__ == "__main__":
    main()
