#!/usr/bin/env bash
# libFuzzer runs of the Metrics library: every reader (tidy, wide, EES with its .meta.csv, LAIT with its data
# dictionary), the record limits of the two line readers, the period parser, the batch configuration (YAML,
# with its events file, and alias amplification), the numeric core, and hostile text through every writer.
# The harnesses are a package of their own, Tests/Fuzz (one executable per target), so the main package's
# `swift build` is untouched.
#
#   scripts/fuzz.sh                         # build, seed, then run every target for FUZZ_SECONDS (600) each
#   FUZZ_SECONDS=60 scripts/fuzz.sh         # a quick shake-out
#   scripts/fuzz.sh FuzzPeriod FuzzTidy     # only these targets
#   scripts/fuzz.sh --list                  # the targets
#   Tests/Fuzz/.build/debug/FuzzTidy Tests/Fuzz/findings/FuzzTidy/crash-…   # replay one input
#
# Targets: FuzzTidy FuzzWide FuzzEES FuzzLAIT FuzzPeriod FuzzBatchConfig FuzzNumeric FuzzRecords FuzzOutputs (see the header comment
# of each Tests/Fuzz/Sources/<Target>/<Target>.swift for its input layout).
#
# What it does, one target at a time (each libFuzzer run uses one core):
# 1. builds Tests/Fuzz with `swift build -c debug --sanitize=fuzzer --sanitize=address
#    -Xswiftc -sanitize=fuzzer,address` (both spellings: with `--sanitize` alone the Swift code gets no
#    coverage) into Tests/Fuzz/.build;
# 2. cuts seed corpora into Tests/Fuzz/.corpus/seeds/<Target>/ (Tests/Fuzz/make_seeds.py): small pieces of the
#    repository's datasets/middlesbrough files and of the DfE files in $FUZZ_SHARED_DATA (EES open data, the
#    LAIT extract and data dictionary; skipped when absent). They are never committed; the small hand-written
#    seeds in Tests/Fuzz/seeds/<Target>/ are;
# 3. runs each target for FUZZ_SECONDS with -max_total_time, -rss_limit_mb=2048, -timeout=10, a -max_len per
#    target and a dictionary (Tests/Fuzz/dicts/), growing Tests/Fuzz/.corpus/<Target>/ (kept between runs);
#    crash-*, timeout-*, oom-* and leak-* inputs go to Tests/Fuzz/findings/<Target>/ and the log to
#    Tests/Fuzz/logs/<Target>.log;
# 4. prints one line per target: seconds, executions (libFuzzer's stat::number_of_executed_units), exec/s,
#    coverage (cov: and ft: of the last status line), corpus size and findings; the same table is written
#    to Tests/Fuzz/logs/summary.tsv.
# Exits 1 if any target found a crash, timeout, out-of-memory or leak (libFuzzer stops a target at its first
# finding), 2 on a usage or build error.
#
# Environment (all optional):
#   FUZZ_SECONDS      seconds per target (default 600)
#   FUZZ_NICE         niceness of the build and the runs (default 10)
#   FUZZ_SHARED_DATA  the DfE data folder (default ../shared/data/dfe beside the repository)
#   FUZZ_NO_BUILD=1   use the harnesses already built
#   FUZZ_NO_SEEDS=1   do not regenerate the seed corpora
#   FUZZ_ARGS         extra libFuzzer arguments for every run (e.g. "-jobs=2 -workers=2", "-detect_leaks=0")
# Tests/Fuzz/{.build,.corpus,findings,logs} are git-ignored (Tests/Fuzz/.gitignore).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
fuzz="$root/Tests/Fuzz"

all_targets=(FuzzTidy FuzzWide FuzzEES FuzzLAIT FuzzPeriod FuzzBatchConfig FuzzNumeric FuzzRecords FuzzOutputs)
declare -A max_len=([FuzzTidy]=4096 [FuzzWide]=4096 [FuzzEES]=8192 [FuzzLAIT]=8192 [FuzzPeriod]=64
    [FuzzBatchConfig]=4096 [FuzzNumeric]=450 [FuzzRecords]=4096 [FuzzOutputs]=4096)
declare -A dict=([FuzzTidy]=csv [FuzzWide]=csv [FuzzEES]=csv [FuzzLAIT]=csv [FuzzPeriod]=period
    [FuzzBatchConfig]=yaml [FuzzNumeric]="" [FuzzRecords]=csv [FuzzOutputs]=csv)

seconds=${FUZZ_SECONDS:-600}
niceness=${FUZZ_NICE:-10}
shared=${FUZZ_SHARED_DATA:-$root/../shared/data/dfe}

if [[ ${1:-} == --list ]]; then
    printf '%s\n' "${all_targets[@]}"
    exit 0
fi
if [[ ${1:-} == -h || ${1:-} == --help ]]; then
    sed -n '2,/^set -euo/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//'
    exit 0
fi
targets=("$@")
[[ ${#targets[@]} -gt 0 ]] || targets=("${all_targets[@]}")
for t in "${targets[@]}"; do
    [[ -n ${max_len[$t]+set} ]] || { echo "fuzz.sh: unknown target '$t' (known: ${all_targets[*]})" >&2; exit 2; }
done
[[ $seconds =~ ^[0-9]+$ && $seconds -gt 0 ]] || { echo "fuzz.sh: FUZZ_SECONDS must be a positive whole number" >&2; exit 2; }

mkdir -p "$fuzz/.corpus" "$fuzz/findings" "$fuzz/logs"

# 1. Build.
if [[ ${FUZZ_NO_BUILD:-0} != 1 ]]; then
    echo "fuzz.sh: building Tests/Fuzz (debug, fuzzer + address sanitizers)…" >&2
    # The nested package resolves the same dependency versions as the main one.
    [[ -f $fuzz/Package.resolved || ! -f $root/Package.resolved ]] || cp "$root/Package.resolved" "$fuzz/Package.resolved"
    if ! (cd "$fuzz" && nice -n "$niceness" swift build -c debug \
        --sanitize=fuzzer --sanitize=address -Xswiftc -sanitize=fuzzer,address) >"$fuzz/logs/build.log" 2>&1; then
        grep -v 'ld.gold: warning' "$fuzz/logs/build.log" | tail -40 >&2
        echo "fuzz.sh: build failed (Tests/Fuzz/logs/build.log)" >&2
        exit 2
    fi
fi
bin="$fuzz/.build/debug"

# 2. Seeds.
if [[ ${FUZZ_NO_SEEDS:-0} != 1 ]]; then
    rm -rf "$fuzz/.corpus/seeds"
    if command -v python3 >/dev/null; then
        python3 "$fuzz/make_seeds.py" --repo "$root" --shared "$shared" --out "$fuzz/.corpus/seeds"
    else
        echo "fuzz.sh: no python3: running on the committed seeds (Tests/Fuzz/seeds) and the grown corpora only" >&2
    fi
fi

# 3. Runs.
summary="$fuzz/logs/summary.tsv"
printf 'target\tseconds\texecutions\texec_per_s\tcov\tft\tcorpus\tfindings\n' >"$summary"
printf '%-16s %7s %12s %8s %7s %7s %7s %8s\n' target seconds executions exec/s cov ft corpus findings
found=0
for t in "${targets[@]}"; do
    corpus="$fuzz/.corpus/$t"
    findings="$fuzz/findings/$t"
    log="$fuzz/logs/$t.log"
    mkdir -p "$corpus" "$findings"
    inputs=("$corpus")
    [[ -d $fuzz/.corpus/seeds/$t ]] && inputs+=("$fuzz/.corpus/seeds/$t")
    [[ -d $fuzz/seeds/$t ]] && inputs+=("$fuzz/seeds/$t")
    options=(-max_total_time="$seconds" -print_final_stats=1 -rss_limit_mb=2048 -timeout=10
        -max_len="${max_len[$t]}" -artifact_prefix="$findings/")
    [[ -n ${dict[$t]} ]] && options+=(-dict="$fuzz/dicts/${dict[$t]}.dict")
    # shellcheck disable=SC2206 # FUZZ_ARGS is a list of options by design
    [[ -n ${FUZZ_ARGS:-} ]] && options+=($FUZZ_ARGS)
    before=$(find "$findings" -maxdepth 1 -type f \( -name 'crash-*' -o -name 'timeout-*' -o -name 'oom-*' -o -name 'leak-*' \) | sort)
    echo "fuzz.sh: $t for ${seconds}s (log: Tests/Fuzz/logs/$t.log)…" >&2
    start=$(date +%s)
    rc=0
    # The Swift runtime's own backtracer would also report the crash; libFuzzer's report is enough.
    SWIFT_BACKTRACE=enable=no nice -n "$niceness" "$bin/$t" "${options[@]}" "${inputs[@]}" >"$log" 2>&1 || rc=$?
    elapsed=$(($(date +%s) - start))
    after=$(find "$findings" -maxdepth 1 -type f \( -name 'crash-*' -o -name 'timeout-*' -o -name 'oom-*' -o -name 'leak-*' \) | sort)
    new=$(comm -13 <(printf '%s\n' "$before") <(printf '%s\n' "$after") | grep -c . || true)
    if [[ $rc -ne 0 && $new -eq 0 ]]; then
        # libFuzzer stopped without leaving an input: report it rather than pass silently.
        echo "fuzz.sh: $t exited with status $rc without a reproducer; see $log" >&2
        new=1
    fi
    executions=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
    rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
    status=$(grep -E '^#[0-9]+[[:space:]]+(INITED|NEW|REDUCE|pulse|DONE|RELOAD)' "$log" | tail -1 || true)
    cov=$(sed -n 's/.* cov: \([0-9]*\).*/\1/p' <<<"$status")
    ft=$(sed -n 's/.* ft: \([0-9]*\).*/\1/p' <<<"$status")
    files=$(find "$corpus" -maxdepth 1 -type f | wc -l)
    printf '%-16s %7s %12s %8s %7s %7s %7s %8s\n' "$t" "$elapsed" "${executions:-?}" "${rate:-?}" "${cov:-?}" "${ft:-?}" "$files" "$new"
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$t" "$elapsed" "${executions:-}" "${rate:-}" "${cov:-}" "${ft:-}" "$files" "$new" >>"$summary"
    if [[ $new -gt 0 ]]; then
        found=1
        comm -13 <(printf '%s\n' "$before") <(printf '%s\n' "$after") | sed 's/^/    new finding: /' >&2
    fi
done
# The harnesses write their inputs into /dev/shm/metrics-fuzz-<pid>/; libFuzzer ends with _Exit, which skips
# their own clean-up, so the folders of finished runs are removed here (and by the next harness to start).
for folder in /dev/shm/metrics-fuzz-* /tmp/metrics-fuzz-*; do
    pid=${folder##*-}
    if [[ -d $folder && $pid =~ ^[0-9]+$ ]] && ! kill -0 "$pid" 2>/dev/null; then rm -rf "$folder"; fi
done
if [[ $found -ne 0 ]]; then
    echo "fuzz.sh: findings in Tests/Fuzz/findings/ (replay: Tests/Fuzz/.build/debug/<Target> <file>)" >&2
    exit 1
fi
