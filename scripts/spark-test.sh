#!/usr/bin/env bash
# `metrics stream` on Apache Spark, end to end: builds the release binary with the Swift runtime linked
# statically (what is shipped to executors with --files), checks that it runs without the Swift toolchain,
# installs a pinned pyspark into .spark-venv, and runs scripts/spark_stream_test.py on a local[2] Spark.
#
# Needs Java 17 or later (Debian: apt-get install openjdk-17-jre-headless) and PyPI for the first run.
# Set METRICS_SKIP_SPARK=1 to skip (it prints why and exits 0).
set -euo pipefail
cd "$(dirname "$0")/.."

PYSPARK_VERSION=4.1.1
VENV=.spark-venv

if [[ "${METRICS_SKIP_SPARK:-}" == 1 ]]; then
  echo "spark-test: skipped (METRICS_SKIP_SPARK=1)"
  exit 0
fi
if ! java -version >/dev/null 2>&1; then
  echo "spark-test: Java 17 or later is needed for Spark (apt-get install openjdk-17-jre-headless)" >&2
  exit 1
fi
scripts/require-gsl.sh

mkdir -p .build
started=$SECONDS
echo "spark-test: building metrics in release mode with the Swift runtime linked statically"
build=(swift build -c release --static-swift-stdlib --product metrics)
if ! "${build[@]}" >.build/spark-build-output.txt 2>&1; then
  cat .build/spark-build-output.txt
  echo "spark-test: the release build failed" >&2
  exit 1
fi
binary="$("${build[@]}" --show-bin-path)/metrics"

# What an executor without Swift needs: no libswift*/libFoundation*, only system libraries.
if ldd "$binary" | grep -E 'libswift|libFoundation|libdispatch|libBlocksRuntime|not found'; then
  echo "spark-test: $binary still needs the Swift runtime (above)" >&2
  exit 1
fi
env -i PATH=/usr/bin:/bin "$binary" --version >/dev/null
echo "spark-test: $binary ($(du -h "$binary" | cut -f1)) needs only: $(ldd "$binary" | awk '{print $1}' | tr '\n' ' ')"

if [[ ! -x "$VENV/bin/python" ]]; then
  python3 -m venv "$VENV"
fi
if ! "$VENV/bin/python" -c "import pyspark, sys; sys.exit(pyspark.__version__ != '$PYSPARK_VERSION')" 2>/dev/null; then
  echo "spark-test: installing pyspark==$PYSPARK_VERSION into $VENV"
  "$VENV/bin/pip" install --quiet --disable-pip-version-check "pyspark==$PYSPARK_VERSION"
fi
echo "spark-test: ready after $((SECONDS - started)) s"

# Spark's own chatter goes to a log; the test prints what it checked.
log=.build/spark-test.log
if ! PYSPARK_PYTHON="$VENV/bin/python" "$VENV/bin/python" scripts/spark_stream_test.py --metrics "$binary" 2>"$log"; then
  tail -n 60 "$log" >&2
  echo "spark-test: failed (Spark's log: $log)" >&2
  exit 1
fi
echo "spark-test: total $((SECONDS - started)) s"
