#!/usr/bin/env bash
# Reading/grouping benchmark: metrics against cat, wc -l, DuckDB, polars and pandas on the same tidy
# CSV in the same run, one contender at a time, each timed for wall seconds and peak RSS.
#
#   scripts/bench.sh                  # small (1,000 series) and large (1,000,000 series x 15 years, ~600 MB)
#   BENCH_SERIES=20000 scripts/bench.sh   # a quick try: the large file has 20,000 series
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
PY_PACKAGES=(duckdb polars pandas numpy)

log() { echo "bench: $*" >&2; }

# --- (a) Python peers' environment -----------------------------------------------------------------
PY=$VENV/bin/python
if ! "$PY" -c 'import duckdb, polars, pandas, numpy' 2>/dev/null; then
  log "creating $VENV with ${PY_PACKAGES[*]} (once)…"
  python3 -m venv "$VENV"
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
# The verb exists when its own help names it (an unknown subcommand gets the top-level help, exit 0).
if [ -n "$METRICS" ]; then
  usage=""
  if [ -x "$METRICS" ]; then usage=$("$METRICS" validate --help 2>&1 || true); fi
  if [[ $usage != *"USAGE: metrics validate"* ]]; then
    log "$METRICS has no validate verb"
    METRICS=""
  fi
fi
export METRICS

# --- contenders ------------------------------------------------------------------------------------
# One entry per contender: "name|stdout|command".
#   stdout:  keep    = saved, and read for the "counted" column (JSON with rows/series, or wc's count)
#            discard = sent to /dev/null
#            skip    = not run; the command field is the reason printed in the table
#   command: words eval'd into an argument vector (no shell pipes or redirections); $FILE is the data
#            file, $PY the venv's python, $METRICS the metrics binary. Each runs under /usr/bin/time.
# The first two are the baselines the ratio columns divide by.
# shellcheck disable=SC2016  # the commands are expanded later, per file, by eval
CAT='cat FILE > /dev/null'
WC='wc -l FILE'
# shellcheck disable=SC2016
CONTENDERS=(
  "$CAT|discard|cat \"\$FILE\""
  "$WC|keep|wc -l \"\$FILE\""
  'duckdb GROUP BY (2 threads)|keep|"$PY" bench/peers.py duckdb_group_count "$FILE"'
  'polars scan_csv group_by (streaming)|keep|"$PY" bench/peers.py polars_group_count "$FILE"'
  'pandas read_csv chunks groupby|keep|"$PY" bench/peers.py pandas_group_count "$FILE"'
)
if [ -n "$METRICS" ]; then
  # shellcheck disable=SC2016
  CONTENDERS+=('metrics validate --format json|keep|"$METRICS" validate "$FILE" --format json')
else
  CONTENDERS+=('metrics validate --format json|skip|skipped: metrics validate not available')
fi

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

# bench_file LABEL FILE SERIES REPEATS
bench_file() {
  local label=$1 FILE=$2 series=$3 repeats=$4
  local bytes rows entry name mode cmd i n out t0 t1 wall peak status argv m0 c0 w0 other
  bytes=$(stat -c %s "$FILE")
  rows=$((series * YEARS))
  cat "$FILE" >/dev/null   # warm the page cache: every contender reads from memory
  m0=$(machine_cpu); children_cpu; c0=$CHILDREN_CPU; w0=$EPOCHREALTIME
  for entry in "${CONTENDERS[@]}"; do
    name=${entry%%|*}; entry=${entry#*|}
    mode=${entry%%|*}; cmd=${entry#*|}
    if [ "$mode" = skip ]; then
      echo "$name: $cmd" >&2
      printf '%s\t%s\t%s\t%s\t%s\t%s\t0\t0\t0\t%s\t-\n' "$label" "$FILE" "$bytes" "$rows" "$series" "$name" "$cmd" >>"$RUNS"
      continue
    fi
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
      log "$label: $name run $i: ${wall} s, peak ${peak:-?} KiB, $status"
      printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$label" "$FILE" "$bytes" "$rows" "$series" \
        "$name" "$i" "$wall" "${peak:-0}" "$status" "$([ "$mode" = keep ] && echo "$out" || echo -)" >>"$RUNS"
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

LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
bench_file "small ($SMALL series)" "$SMALL_FILE" "$SMALL" "$SMALL_REPEATS"
bench_file "large ($LARGE series)" "$LARGE_FILE" "$LARGE" "$REPEATS"
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)

# --- (d) the tables --------------------------------------------------------------------------------
RESULTS="$DATA/results-$STAMP.md"
{
  echo "## Reading and grouping a tidy CSV — $STAMP"
  echo
  echo "- commit: $(git rev-parse --short HEAD 2>/dev/null || echo '?')$(git diff --quiet HEAD -- Sources Package.swift 2>/dev/null || echo ' (Sources modified)')"
  echo "- machine: $(nproc) cores ($(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo)), $(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo) RAM; load average before $LOAD_BEFORE, after $LOAD_AFTER"
  echo "- peers: $("$PY" -c 'import sys, duckdb, polars, pandas, numpy; print(f"python {sys.version.split()[0]}, duckdb {duckdb.__version__}, polars {polars.__version__}, pandas {pandas.__version__}, numpy {numpy.__version__}")')"
  if [ -n "$METRICS" ]; then
    echo "- metrics: $("$METRICS" --version 2>/dev/null | head -n 1 || true) ($METRICS)"
  else
    echo "- metrics: not available"
  fi
  echo
  "$PY" bench/report.py "$RUNS" --cat "$CAT" --wc "$WC" --other "$WORK/other-cpu.tsv"
  echo "Wall s: whole process under /usr/bin/time (start-up and imports included); MB = 10^6 bytes of the file;"
  echo "rows/s and series/s use the generator's counts for every contender; × cat and × wc -l are wall-time"
  echo "ratios to those baselines on the same file in this run (lower is faster). Per-run records: $RUNS."
} | tee "$RESULTS"
log "wrote $RESULTS"
