#!/usr/bin/env bash
# Make (or reuse) the demo campaign in the user's data folder and show what a clerk sees.
set -euo pipefail
cd "$(dirname "$0")/.."
WV=.venv/bin/warmvisit
if ! $WV campaign show >/dev/null 2>&1; then
  $WV demo --households "${DEMO_HOUSEHOLDS:-300}"
fi
echo
$WV campaign show
echo
echo "== 经费预算 budget =="
$WV budget
echo
echo "== 待复核 households to review (first 10) =="
$WV eligibility --review-only | head -n 12
DATA=$($WV --json campaign show | .venv/bin/python -c 'import json,sys,pathlib; print(pathlib.Path(json.load(sys.stdin)["db"]).parent)')
$WV budget --xlsx "$DATA/demo-budget.xlsx" >/dev/null
echo
echo "Results: database $DATA/warmvisit.db, budget workbook $DATA/demo-budget.xlsx"
echo "More: $WV --help   (delete the database to start over)"
if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
  echo "Opening the window …"
  exec $WV
else
  $WV gui --screenshot "$DATA/demo-window.png" >/dev/null 2>&1 || true
  echo "No display here: the window's first screen was saved to $DATA/demo-window.png"
fi
