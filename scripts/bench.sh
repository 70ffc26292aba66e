#!/usr/bin/env bash
# Benchmarks on the same tidy CSVs in the same run, one contender at a time, each timed for wall seconds
# and peak RSS:
#   reading   metrics validate against cat, wc -l, DuckDB, polars and pandas (read and group by series);
#   summarize metrics summarize against the Python peers of bench/summarize_peers.py (numpy_vectorised
#             on the whole file; analyst_loop, a pandas/scipy/pymannkendall loop, on the first 10,000
#             series, its time also scaled to the whole file), with DuckDB's group count for reference.
#
#   scripts/bench.sh                  # small (1,000 series) and large (1,000,000 series x 15 years, ~600 MB)
#   BENCH_SERIES=20000 scripts/bench.sh   # a quick try: the large file has 20,000 series
#   BENCH_SECTIONS=reading scripts/bench.sh   # one section only (reading, summarize; default both)
#
# Environment (all optional):
#   BENCH_SERIES        series in the large file (default 1000000)
#   BENCH_SMALL_SERIES  series in the small file (default 1000)
#   BENCH_YEARS         annual points per series (default 15)
#   BENCH_REPEATS       timed runs per contender on the large file; the median is reported (default 1)
#   BENCH_SMALL_REPEATS timed runs per contender on the small file (default 5)
#   BENCH_BASE_REPEATS  at least this many runs of the cheap baselines, cat and wc -l (default 7)
#   METRICS             path of a metrics binary to use instead of building one
#   BENCH_NO_BUILD=1    do not run swift build; use $METRICS or an existing .build/release/metrics
#   BENCH_SECTIONS      "reading summarize" (default), or one of them
#   BENCH_ANALYST_SERIES series the analyst_loop peer reads from the top of each file (default 10000)
#
# Prints one Markdown table per file (see bench/README.md) and writes the same to
# .bench-data/results-<timestamp>.md. Python peers run from .bench-venv/ (made on first use); the
# data files are generated once into .bench-data/ and reused while the generator is unchanged.
set -euo pipefail
cd "$(dirname "$0")/.."

VENV=.bench-venv
DATA=.bench-data
LARGE=${BENCH_SERIES:-1000000}
SMALL=${BENCH_SMALL_SERIES:-1000}
YEARS=${BENCH_YEARS:-15}
REPEATS=${BENCH_REPEATS:-1}
SMALL_REPEATS=${BENCH_SMALL_REPEATS:-5}
BASE_REPEATS=${BENCH_BASE_REPEATS:-7}
PY_PACKAGES=(duckdb polars pandas numpy scipy pymannkendall)
SECTIONS=${BENCH_SECTIONS:-reading summarize}
ANALYST_SERIES=${BENCH_ANALYST_SERIES:-10000}

log() { echo "bench: $*" >&2; }

# --- (a) Python peers' environment -----------------------------------------------------------------
PY=$VENV/bin/python
if ! "$PY" -c 'import duckdb, polars, pandas, numpy, scipy, pymannkendall' 2>/dev/null; then
  log "creating or completing $VENV with ${PY_PACKAGES[*]} (once)…"
  [ -x "$PY" ] || python3 -m venv "$VENV"
  "$PY" -m pip install --quiet --disable-pip-version-check "${PY_PACKAGES[@]}"
fi
export PY

# GNU time for peak RSS (%M).
if [ ! -x /usr/bin/time ]; then
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
    log "installing GNU time with apt-get…"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends time >/dev/null
  else
    log "needs GNU time at /usr/bin/time (Debian: apt-get install time)"
    exit 1
  fi
fi

# --- (b) data, generated once per (generator, series, years) ---------------------------------------
mkdir -p "$DATA"
GEN_SHA=$(sha256sum bench/generate_tidy.py | cut -c1-16)

# ensure_data N: prints the path of the tidy CSV with N series, generating it if needed.
ensure_data() {
  local n=$1 file="$DATA/tidy-${1}x${YEARS}.csv"
  local want="generator=$GEN_SHA series=$n years=$YEARS"
  if [ -f "$file" ] && [ "$(cat "$file.params" 2>/dev/null)" = "$want" ]; then
    log "reusing $file"
  else
    log "generating $file ($n series x $YEARS years)…"
    rm -f "$file" "$file.params"
    local t0=$EPOCHREALTIME
    "$PY" bench/generate_tidy.py --series "$n" --years "$YEARS" --out "$file"
    log "generated in $(awk -v a="$t0" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.1f", b - a }') s wall"
    echo "$want" >"$file.params"
  fi
  echo "$file"
}

SMALL_FILE=$(ensure_data "$SMALL")
LARGE_FILE=$(ensure_data "$LARGE")

# --- the project's own reader ----------------------------------------------------------------------
METRICS=${METRICS:-}
if [ -z "$METRICS" ]; then
  if [ "${BENCH_NO_BUILD:-0}" = 1 ]; then
    if [ -x .build/release/metrics ]; then METRICS=$PWD/.build/release/metrics; fi
  elif command -v swift >/dev/null 2>&1; then
    log "building metrics (release)…"
    if scripts/require-gsl.sh && swift build -c release --product metrics >"$DATA/swift-build.log" 2>&1; then
      METRICS="$(swift build -c release --show-bin-path)/metrics"
    else
      log "the release build failed (see $DATA/swift-build.log)"
    fi
  fi
fi
# A verb exists when its own help names it (an unknown subcommand gets the top-level help, exit 0).
has_verb() {
  local usage=""
  if [ -n "$METRICS" ] && [ -x "$METRICS" ]; then usage=$("$METRICS" "$1" --help 2>&1 || true); fi
  [[ $usage == *"USAGE: metrics $1"* ]]
}
HAS_VALIDATE=0; HAS_SUMMARIZE=0
if has_verb validate; then HAS_VALIDATE=1; elif [ -n "$METRICS" ]; then log "$METRICS has no validate verb"; fi
if has_verb summarize; then HAS_SUMMARIZE=1; elif [ -n "$METRICS" ]; then log "$METRICS has no summarize verb"; fi
export METRICS

# --- contenders ------------------------------------------------------------------------------------
# One entry per contender: "name|stdout|command".
#   stdout:  keep    = saved, and read for the "counted" column (JSON with rows/series, or wc's count)
#            discard = sent to /dev/null
#            output=PATH = saved as for keep; PATH is the contender's output file: after each run its data
#                      records (lines - 1) are counted into the saved output as {"output_records": N},
#                      untimed, and PATH is deleted
#            skip    = not run; the command field is the reason printed in the table
#   command: words eval'd into an argument vector (no shell pipes or redirections); $FILE is the data
#            file, $SERIES its number of series, $PY the venv's python, $METRICS the metrics binary,
#            $SUMOUT a scratch directory in /tmp for output files. Each runs under /usr/bin/time.
# The first two are the baselines the ratio columns divide by.
# shellcheck disable=SC2016  # the commands are expanded later, per file, by eval
CAT='cat FILE > /dev/null'
WC='wc -l FILE'
DUCKDB='duckdb GROUP BY (2 threads)'
# shellcheck disable=SC2016
CONTENDERS=(
  "$CAT|discard|cat \"\$FILE\""
  "$WC|keep|wc -l \"\$FILE\""
  "$DUCKDB|keep|\"\$PY\" bench/peers.py duckdb_group_count \"\$FILE\""
  'polars scan_csv group_by (streaming)|keep|"$PY" bench/peers.py polars_group_count "$FILE"'
  'pandas read_csv chunks groupby|keep|"$PY" bench/peers.py pandas_group_count "$FILE"'
)
if [ "$HAS_VALIDATE" = 1 ]; then
  # shellcheck disable=SC2016
  CONTENDERS+=('metrics validate --format json|keep|"$METRICS" validate "$FILE" --format json')
else
  CONTENDERS+=('metrics validate --format json|skip|skipped: metrics validate not available')
fi

# Summarize section: every contender writes one record per series to a CSV in $SUMOUT (counted, then
# deleted). DuckDB's group count (reading section, same run) and cat/wc -l are the reference rows.
SUM_METRICS='metrics summarize --format csv'
ANALYST="analyst_loop (pandas/scipy/pymannkendall loop)"
SUMOUT=$(mktemp -d /tmp/metrics-bench-summarize.XXXXXX)
trap 'rm -rf "$SUMOUT"' EXIT
SUMMARIZE_CONTENDERS=()
if [ "$HAS_SUMMARIZE" = 1 ]; then
  # shellcheck disable=SC2016
  SUMMARIZE_CONTENDERS+=("$SUM_METRICS|output=\$SUMOUT/metrics.csv|\"\$METRICS\" summarize \"\$FILE\" --format csv -o \"\$SUMOUT/metrics.csv\"")
else
  SUMMARIZE_CONTENDERS+=("$SUM_METRICS|skip|skipped: metrics summarize not available")
fi
# shellcheck disable=SC2016
SUMMARIZE_CONTENDERS+=(
  'numpy_vectorised (polars read, numpy, 2 threads)|output=$SUMOUT/numpy.csv|"$PY" bench/summarize_peers.py numpy_vectorised "$FILE" -o "$SUMOUT/numpy.csv"'
  "$ANALYST|output=\$SUMOUT/analyst.csv|\"\$PY\" bench/summarize_peers.py analyst_loop \"\$FILE\" --sample-series $ANALYST_SERIES --file-series \"\$SERIES\" --years $YEARS -o \"\$SUMOUT/analyst.csv\""
)

# --- (c) runs, strictly one at a time --------------------------------------------------------------
STAMP=$(date -u +%Y%m%dT%H%M%SZ)
WORK="$DATA/run-$STAMP"
mkdir -p "$WORK"
RUNS="$WORK/runs.tsv"
: >"$RUNS"

# Busy CPU seconds of the whole machine (/proc/stat), and of this shell's finished children (the
# `times` builtin, written to a file so that no subshell resets it): their difference over the runs
# is what other processes took, which spoils the timings on 2 cores.
# Call children_cpu directly, never as $(children_cpu): it sets CHILDREN_CPU.
machine_cpu() { awk '/^cpu / { printf "%.2f\n", ($2 + $3 + $4 + $7 + $8 + $9) / 100 }' /proc/stat; }
children_cpu() {
  times >"$WORK/times"
  CHILDREN_CPU=$(awk 'NR == 2 { s = 0; for (i = 1; i <= 2; i++) { split($i, p, /[ms]/); s += p[1] * 60 + p[2] }
                                printf "%.2f\n", s }' "$WORK/times")
}

# bench_file RUNS CONTENDERS_ARRAY LABEL FILE SERIES REPEATS
bench_file() {
  local runs=$1 label=$3 FILE=$4 SERIES=$5 repeats=$6
  local -n contenders=$2
  local series=$SERIES bytes rows entry name mode cmd i n out t0 t1 wall peak status argv m0 c0 w0 other
  local produced records
  bytes=$(stat -c %s "$FILE")
  rows=$((series * YEARS))
  cat "$FILE" >/dev/null   # warm the page cache: every contender reads from memory
  m0=$(machine_cpu); children_cpu; c0=$CHILDREN_CPU; w0=$EPOCHREALTIME
  for entry in "${contenders[@]}"; do
    name=${entry%%|*}; entry=${entry#*|}
    mode=${entry%%|*}; cmd=${entry#*|}
    if [ "$mode" = skip ]; then
      echo "$name: $cmd" >&2
      printf '%s\t%s\t%s\t%s\t%s\t%s\t0\t0\t0\t%s\t-\n' "$label" "$FILE" "$bytes" "$rows" "$series" "$name" "$cmd" >>"$runs"
      continue
    fi
    produced=""
    if [[ $mode == output=* ]]; then eval "produced=${mode#output=}"; mode=keep; fi
    eval "argv=($cmd)"
    n=$repeats
    # The baselines take milliseconds and vary by tens of percent: more runs for a steadier median.
    if [ "$name" = "$CAT" ] || [ "$name" = "$WC" ]; then n=$((repeats > BASE_REPEATS ? repeats : BASE_REPEATS)); fi
    for ((i = 1; i <= n; i++)); do
      out="$WORK/$(echo "$label-$name-$i" | tr -c 'A-Za-z0-9_.\n-' _ | tr -s _).out"
      [ "$mode" = keep ] || out=/dev/null
      t0=$EPOCHREALTIME
      if /usr/bin/time -f '%e %M' -o "$WORK/time" "${argv[@]}" >"$out" 2>"$WORK/stderr"; then
        status=ok
      else
        status="exit $?"
        log "$name on $FILE failed ($status): $(tail -n 3 "$WORK/stderr" | tr '\n' ' ')"
      fi
      t1=$EPOCHREALTIME
      wall=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.6f", b - a }')
      peak=$(awk 'END { print $2 }' "$WORK/time")
      if [ -n "$produced" ]; then   # untimed: count the output's records, then free the space
        records=$(($(wc -l <"$produced" 2>/dev/null || echo 1) - 1))
        printf '{"output_records": %d}\n' "$records" >>"$out"
        rm -f "$produced"
      fi
      log "$label: $name run $i: ${wall} s, peak ${peak:-?} KiB, $status"
      printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$label" "$FILE" "$bytes" "$rows" "$series" \
        "$name" "$i" "$wall" "${peak:-0}" "$status" "$([ "$mode" = keep ] && echo "$out" || echo -)" >>"$runs"
    done
  done
  children_cpu
  other=$(awk -v m0="$m0" -v m1="$(machine_cpu)" -v c0="$c0" -v c1="$CHILDREN_CPU" \
    'BEGIN { o = (m1 - m0) - (c1 - c0); printf "%.1f", o < 0 ? 0 : o }')
  wall=$(awk -v a="$w0" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.1f", b - a }')
  printf '%s\t%s\t%s\n' "$label" "$other" "$wall" >>"$WORK/other-cpu.tsv"
  if awk -v o="$other" -v w="$wall" 'BEGIN { exit !(o > 0.05 * w + 0.2) }'; then
    log "WARNING: other processes took $other CPU-seconds during the $wall s of runs on $FILE: timings are unreliable"
  fi
}

SUM_RUNS="$WORK/runs-summarize.tsv"
: >"$SUM_RUNS"
has_section() { [[ " $SECTIONS " == *" $1 "* ]]; }
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
for size in small large; do
  if [ $size = small ]; then f=$SMALL_FILE; s=$SMALL; r=$SMALL_REPEATS; else f=$LARGE_FILE; s=$LARGE; r=$REPEATS; fi
  # The summarize table divides by the reading section's baselines: run them even for summarize alone.
  if has_section reading; then
    bench_file "$RUNS" CONTENDERS "$size ($s series)" "$f" "$s" "$r"
  else
    # shellcheck disable=SC2034  # used through bench_file's nameref
    BASELINES=("${CONTENDERS[@]:0:3}")
    bench_file "$RUNS" BASELINES "$size ($s series)" "$f" "$s" "$r"
  fi
  if has_section summarize; then
    bench_file "$SUM_RUNS" SUMMARIZE_CONTENDERS "summarize: $size ($s series)" "$f" "$s" "$r"
  fi
done
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)

# --- (d) the tables --------------------------------------------------------------------------------
RESULTS="$DATA/results-$STAMP.md"
{
  echo "## Reading and grouping a tidy CSV — $STAMP"
  echo
  echo "- commit: $(git rev-parse --short HEAD 2>/dev/null || echo '?')$(git diff --quiet HEAD -- Sources Package.swift 2>/dev/null || echo ' (Sources modified)')"
  echo "- machine: $(nproc) cores ($(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo)), $(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo) RAM; load average before $LOAD_BEFORE, after $LOAD_AFTER"
  echo "- peers: $("$PY" -c 'import sys, duckdb, polars, pandas, numpy, scipy, importlib.metadata as m; pmk = m.version("pymannkendall"); print(f"python {sys.version.split()[0]}, duckdb {duckdb.__version__}, polars {polars.__version__}, pandas {pandas.__version__}, numpy {numpy.__version__}, scipy {scipy.__version__}, pymannkendall {pmk}")')"
  if [ -n "$METRICS" ]; then
    echo "- metrics: $("$METRICS" --version 2>/dev/null | head -n 1 || true) ($METRICS)"
  else
    echo "- metrics: not available"
  fi
  echo
  if has_section reading; then
    "$PY" bench/report.py "$RUNS" --cat "$CAT" --wc "$WC" --other "$WORK/other-cpu.tsv"
    echo "Wall s: whole process under /usr/bin/time (start-up and imports included); MB = 10^6 bytes of the file;"
    echo "rows/s and series/s use the generator's counts for every contender; × cat and × wc -l are wall-time"
    echo "ratios to those baselines on the same file in this run (lower is faster). Per-run records: $RUNS."
    echo
  fi
  if has_section summarize; then
    echo "## Summarize: every trend measure of every series"
    echo
    "$PY" bench/report.py "$SUM_RUNS" --cat "$CAT" --wc "$WC" --other "$WORK/other-cpu.tsv" \
      --baselines "$RUNS" --reference "$DUCKDB" \
      --ratio "$DUCKDB=× duckdb" --ratio "$SUM_METRICS=× metrics"
    echo "As above, and: × duckdb and × metrics are wall-time ratios to DuckDB's group count (reading section, same"
    echo "run) and to metrics summarize on the same file. analyst_loop runs on the first $ANALYST_SERIES series only"
    echo "(all of a smaller file); its \"scaled\" row is start-up + in-process time × (series in the file / series read)."
    echo "Every contender's output records are counted after its run. Per-run records: $SUM_RUNS."
  fi
} | tee "$RESULTS"
log "wrote $RESULTS"
