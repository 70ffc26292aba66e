#!/usr/bin/env bash
# The main job on the shipped data (datasets/middlesbrough): `metrics report` on children looked after, the
# social-work workforce and the children's-services budget share for Middlesbrough, the North East and
# England (charts, plot data, summary, HTML report, notebook), and the two-point figures the story began
# with, written to notebooks-out/middlesbrough/.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/require-gsl.sh
echo "metrics: building (release)…" >&2
swift build -c release --product metrics >/dev/null
metrics="$(swift build -c release --show-bin-path)/metrics"
data=datasets/middlesbrough
out=notebooks-out/middlesbrough
mkdir -p "$out"
series=("$data/children_looked_after.csv" "$data/workforce.csv" "$data/budget_share.csv")

# The report bundle: summary.csv/json/md, charts (SVG, Vega-Lite), plot data, index.html, report.ipynb.
"$metrics" report -o "$out"
"$metrics" validate "${series[@]}" --format table -o "$out/validate.txt"
{
  "$metrics" change 702 539 --from 2020-08 --to 2021-07
  "$metrics" change 13 35 --from 2010 --to 2020 --unit percent
  "$metrics" change 28672 36922 --unit currency
  echo
  # The social-worker band and the one-off £5,000 welcome payment (seed 003), counted in the first year.
  "$metrics" band --min 28672 --max 36922 --payment 5000 --over 1
} > "$out/changes.txt"

echo "metrics: wrote $out/: index.html, report.ipynb, summary.csv, summary.json, summary.md, charts/, data/, changes.txt, validate.txt" >&2
echo
cat "$out/changes.txt"
echo
"$metrics" summarize "${series[@]}" --format table
