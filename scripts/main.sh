#!/usr/bin/env bash
# The main job on the shipped data: Middlesbrough's children looked after and social-work workforce,
# summarised and fitted, written to notebooks-out/middlesbrough/.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/require-gsl.sh
swift build -c release --product metrics >/dev/null
bin="$(swift build -c release --show-bin-path)/metrics"
exec "$bin" quickstart "$@"
