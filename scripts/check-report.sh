#!/usr/bin/env bash
# The report check that scripts/test.sh runs: `metrics report` (the README's main job, on the shipped
# Middlesbrough data) written twice and compared byte for byte, then checked by scripts/check_report.py:
# report.ipynb validated against the nbformat schema and executed, every charts/*.vl.json compiled by
# vl-convert, and index.html loaded in Debian's headless chromium (every chart rendered, no console errors,
# no network), with screenshots in DIR/screenshots for a person to look at; and summarize's xlsx workbook
# opened by openpyxl and pandas (scripts/check_xlsx.py).
#   scripts/check-report.sh [DIR]        (default .build/report-check; needs a debug build of metrics)
# Installs chromium and chromium-driver (apt-get) and the Python packages of
# scripts/report-check-requirements.txt (a virtual environment in .report-venv) when they are missing.
set -euo pipefail
cd "$(dirname "$0")/.."
VENV=.report-venv
REQ=scripts/report-check-requirements.txt
log() { echo "check-report: $*" >&2; }
if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
    log "installing chromium and chromium-driver with apt-get…"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends chromium chromium-driver >/dev/null
  else
    log "needs chromium and chromedriver (Debian: apt-get install chromium chromium-driver)"; exit 1
  fi
fi
PY=$VENV/bin/python
if ! cmp -s "$REQ" "$VENV/.requirements" 2>/dev/null; then
  log "creating or updating $VENV from $REQ (once)…"
  [ -x "$PY" ] || python3 -m venv "$VENV"
  "$PY" -m pip install --quiet --disable-pip-version-check -r "$REQ"
  cp "$REQ" "$VENV/.requirements"
fi
metrics="$(swift build --show-bin-path)/metrics"
BUNDLE=${1:-.build/report-check}
rm -rf "$BUNDLE" "$BUNDLE-again"
"$metrics" report -o "$BUNDLE"
"$metrics" report -o "$BUNDLE-again" --jobs 1
if ! diff -r "$BUNDLE" "$BUNDLE-again" >/dev/null; then
  diff -r "$BUNDLE" "$BUNDLE-again" | head -20 >&2
  log "FAILED: two runs of metrics report on the same input differ"
  exit 1
fi
log "two runs (every core, one thread) gave byte-identical bundles ($(find "$BUNDLE" -type f | wc -l) files)"
rm -rf "$BUNDLE-again"
"$PY" scripts/check_report.py "$BUNDLE" --execute
# summarize --format xlsx opened by openpyxl and pandas.read_excel, against the CSV (scripts/check_xlsx.py).
"$PY" scripts/check_xlsx.py "$metrics" "$BUNDLE-xlsx"
