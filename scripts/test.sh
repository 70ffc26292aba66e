#!/usr/bin/env bash
# The whole test suite, from a fresh machine: installs what it needs, builds (failing on any warning in the
# project's own code), and runs every test.
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
swift test --skip-build
