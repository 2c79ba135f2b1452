#!/usr/bin/env bash
# Set up WarmVisit on a fresh Debian 12 machine, then run what was asked:
#   bash scripts/setup.sh demo   – make a demo campaign and show it
#   bash scripts/setup.sh test   – run the test suite (what CI runs)
#   bash scripts/setup.sh        – only set up
# Idempotent: a second run reuses the virtual environment and installs nothing new.
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(
  python3 python3-venv python3-pip
  # Qt's xcb and offscreen platforms (the team window, screenshots, GUI tests)
  # (with their dependencies, these bring every library the packaged xcb plugin links)
  libglib2.0-0 libegl1 libgl1 libfontconfig1 libxkbcommon0 libxkbcommon-x11-0 libdbus-1-3
  libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0
  libxcb-shape0 libxcb-xkb1 xvfb xauth
  # PDF pages to PNG, to look at printed documents
  poppler-utils
  # The package build (packaging/build.sh): PyInstaller reads binaries with objdump and strips
  # them with strip
  binutils
)

missing=()
if command -v dpkg-query >/dev/null 2>&1; then
  for pkg in "${APT_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
fi
if [ ${#missing[@]} -gt 0 ]; then
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  echo "Installing system packages: ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

PYTHON=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -e ".[dev]"
# The translations the app reads (.mo) are built from the catalogue (.po), never committed.
.venv/bin/python scripts/i18n.py compile

case "${1:-}" in
  demo)
    shift
    exec bash scripts/demo.sh "$@"
    ;;
  test)
    shift
    export QT_QPA_PLATFORM=offscreen
    exec .venv/bin/python -m pytest "$@"
    ;;
  "") echo "Set up. Run .venv/bin/warmvisit --help" ;;
  *) echo "unknown action: $1 (use demo or test)" >&2; exit 2 ;;
esac
