#!/usr/bin/env bash
# The whole test suite under AddressSanitizer and under ThreadSanitizer, each in its own build folder
# (.build-address, .build-thread), debug builds with the run-time exclusivity checks on.
#   scripts/sanitize.sh              # both
#   scripts/sanitize.sh thread       # one
# A sanitizer report fails the run (halt_on_error); the exit status is that of the first failure.
set -uo pipefail
cd "$(dirname "$0")/.."
scripts/require-gsl.sh || exit 1
sanitizers=("$@")
[ ${#sanitizers[@]} -gt 0 ] || sanitizers=(address thread)
export ASAN_OPTIONS="halt_on_error=1:detect_leaks=0:${ASAN_OPTIONS:-}"
export TSAN_OPTIONS="halt_on_error=1:${TSAN_OPTIONS:-}"
status=0
for sanitizer in "${sanitizers[@]}"; do
  folder=.build-$sanitizer
  echo "sanitize: building the tests with --sanitize=$sanitizer in $folder…" >&2
  if ! swift build --build-tests --sanitize="$sanitizer" --scratch-path "$folder" >"/tmp/metrics-sanitize-$sanitizer.log" 2>&1; then
    tail -30 "/tmp/metrics-sanitize-$sanitizer.log"
    echo "sanitize: the $sanitizer build failed" >&2
    status=1
    continue
  fi
  echo "sanitize: running the tests under $sanitizer…" >&2
  if swift test --skip-build --sanitize="$sanitizer" --scratch-path "$folder" 2>&1 | tee "/tmp/metrics-sanitize-$sanitizer-test.log" | grep -E "Test run|✘|ERROR: (Address|Thread)Sanitizer|WARNING: ThreadSanitizer"; then :; fi
  if grep -q -E "ERROR: AddressSanitizer|WARNING: ThreadSanitizer|✘ Test run" "/tmp/metrics-sanitize-$sanitizer-test.log" \
     || ! grep -q "✔ Test run" "/tmp/metrics-sanitize-$sanitizer-test.log"; then
    echo "sanitize: $sanitizer found problems (see /tmp/metrics-sanitize-$sanitizer-test.log)" >&2
    status=1
  else
    echo "sanitize: $sanitizer clean" >&2
  fi
done
exit $status
