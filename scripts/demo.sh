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
TEAM_DB="$DATA/demo-team.db"
if [ ! -f "$TEAM_DB" ]; then
  $WV demo --team-laptop "$TEAM_DB"
fi
echo
echo "Results: database $DATA/warmvisit.db, budget workbook $DATA/demo-budget.xlsx,"
echo "team T1's laptop $TEAM_DB (team PIN 1234)"
echo "More: $WV --help   (delete the databases to start over)"
if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
  echo "Opening the team window …"
  exec $WV --db "$TEAM_DB"
else
  $WV --db "$TEAM_DB" gui --screenshot "$DATA/demo-window.png" >/dev/null 2>&1 || true
  echo "No display here: the window's first screen was saved to $DATA/demo-window.png"
fi
