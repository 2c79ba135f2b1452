#!/usr/bin/env bash
# What CI checks of the shipped folder (issue 19): it builds, it passes its self-test when it
# sits in a folder named with Chinese and a space, it opens the window on a real X server (xcb
# under xvfb-run, so a missing xcb library fails here and not on a user's desktop), its spawned
# workers work, and it stays within 180 MB.
set -euo pipefail
cd "$(dirname "$0")/.."
LIMIT_MB=180

start=$SECONDS
bash packaging/build.sh
echo "Package built in $((SECONDS - start)) s"

size_mb=$(du -sm dist/warmvisit | cut -f1)
echo "dist/warmvisit: $size_mb MB (limit $LIMIT_MB MB)"
if [ "$size_mb" -gt "$LIMIT_MB" ]; then
  echo "The package folder is over $LIMIT_MB MB: see what grew with du -sm dist/warmvisit/_internal/*" >&2
  exit 1
fi

# Hard links: the same files, in a folder a Windows user might have (no copy of 160 MB).
place="dist/送温暖 程序"
rm -rf "$place" && mkdir -p "$place"
cp -al dist/warmvisit "$place/"
app="$place/warmvisit/warmvisit"
"$app" --version
"$app" --self-test

scratch=$(mktemp -d)
trap 'rm -rf "$scratch" "$place"' EXIT
"$app" --db "$scratch/演示 中心.db" demo --households 20 >/dev/null
QT_QPA_PLATFORM=xcb xvfb-run -a -s "-screen 0 1366x768x24" \
  "$app" --db "$scratch/演示 中心.db" gui --screenshot "$scratch/window.png"
test -s "$scratch/window.png"
# Spawned workers, as on Windows (50,000 rows is where a spawned import starts them): each is
# this program started again, which must run its task and not the command line or a window.
WARMVISIT_START_METHOD=spawn "$app" --db "$scratch/spawned.db" demo --households 50000 >/dev/null
echo "Package checked in $((SECONDS - start)) s"
