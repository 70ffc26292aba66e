#!/usr/bin/env bash
# The main job on the shipped data (datasets/middlesbrough): trends in Middlesbrough's children looked
# after, its social-work workforce and the children's-services budget share, against the North East and
# England, fitted per year and described, written to notebooks-out/middlesbrough/.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/require-gsl.sh
echo "metrics: building (release)…" >&2
swift build -c release --product metrics >/dev/null
metrics="$(swift build -c release --show-bin-path)/metrics"
data=datasets/middlesbrough
out=notebooks-out/middlesbrough
mkdir -p "$out"

areas=(E06000002:middlesbrough E12000001:north_east E92000001:england)
run() { "$metrics" "$@"; }

for area in "${areas[@]}"; do
  code=${area%%:*}; name=${area##*:}
  for indicator in children_looked_after_31_march children_looked_after_rate_per_10000; do
    run fit "$data/children_looked_after.csv" --x period --y value \
      --where area_code="$code" --where indicator="$indicator" -o "$out/${name}_${indicator}_trend.json"
    run describe "$data/children_looked_after.csv" --column value \
      --where area_code="$code" --where indicator="$indicator" -o "$out/${name}_${indicator}_describe.json"
  done
  for indicator in agency_rate_fte turnover_rate_fte vacancy_rate_fte caseload_fte social_workers_fte; do
    if grep -q ",$indicator," "$data/workforce.csv"; then
      run fit "$data/workforce.csv" --x period --y value \
        --where area_code="$code" --where indicator="$indicator" -o "$out/${name}_${indicator}_trend.json"
    fi
  done
done
# The two figures the story started from: 702 (August 2020) to 539 (July 2021), and 13% to 35% of the budget.
run fit "$data/children_looked_after.csv" --x period --y value \
  --where indicator=children_looked_after_reported -o "$out/middlesbrough_reported_702_to_539.json"
run fit "$data/budget_share.csv" --x period --y value -o "$out/middlesbrough_budget_share.json"

# One table of every trend: the slope per year with its 95% interval.
{
  echo "file,n,slope_per_year,slope_low,slope_high,p,r_squared"
  for f in "$out"/*_trend.json "$out"/middlesbrough_reported_702_to_539.json "$out"/middlesbrough_budget_share.json; do
    python3 - "$f" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
s = d["coefficients"][1]
cell = lambda v: "" if v is None else repr(v)
print(",".join([sys.argv[1].rsplit("/", 1)[-1], str(d["n"]), cell(s["estimate"]), cell(s["low"]), cell(s["high"]), cell(s["p"]), cell(d["r_squared"])]))
PY
  done
} > "$out/trends.csv"

echo "metrics: wrote $(ls "$out" | wc -l) files to $out/ — slopes per year in $out/trends.csv:" >&2
column -s, -t < "$out/trends.csv" >&2 || cat "$out/trends.csv" >&2
