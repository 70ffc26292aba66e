#!/usr/bin/env bash
# The whole test suite, from a fresh machine: installs what it needs, builds (failing on any warning in the
# project's own code), runs every test, then checks the report bundle in a headless browser.
set -uo pipefail
cd "$(dirname "$0")/.."
scripts/require-gsl.sh || exit 1
mkdir -p .build
if ! swift build --build-tests >.build/build-output.txt 2>&1; then
  cat .build/build-output.txt
  echo "metrics: the build failed" >&2
  exit 1
fi
if grep -E '^/.*/(Sources|Tests)/.*: warning:' .build/build-output.txt; then
  echo "metrics: the project's code has compiler warnings (see above); it must build without any" >&2
  exit 1
fi
# The tests' scratch files go into a folder of this run's own (Foundation's temporaryDirectory follows
# TMPDIR), removed when the run ends, so that runs leave nothing behind in /tmp.
scratch=$(mktemp -d "${TMPDIR:-/tmp}/metrics-tests.XXXXXX")
trap 'rm -rf "$scratch"' EXIT
TMPDIR=$scratch swift test --skip-build || exit 1
# The report in a real browser: metrics report twice (byte-identical), the notebook validated and executed,
# the Vega-Lite specs compiled, index.html loaded in headless chromium with screenshots
# (.build/report-check/screenshots). Installs chromium and the Python packages it needs.
# metrics stream on Apache Spark: release binary (Swift runtime static), pyspark from PyPI in .spark-venv,
# Spark SQL TRANSFORM … USING on local[2] over more partitions than series; failing runs fail the job.
scripts/spark-test.sh || exit 1
scripts/check-report.sh .build/report-check
