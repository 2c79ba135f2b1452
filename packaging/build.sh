#!/usr/bin/env bash
# Build WarmVisit as one folder with PyInstaller: dist/warmvisit/ and, beside it,
# dist/warmvisit-<version>-<platform>.tar.gz (Linux) or .zip (Windows, Git Bash).
#   bash packaging/build.sh            PYTHON=path/to/python to use another interpreter
# Installs PyInstaller into that interpreter's environment when it is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

PY=${PYTHON:-.venv/bin/python}
[ -x "$PY" ] || PY=.venv/Scripts/python.exe  # a Windows venv
# Pinned: the spec was written and its size measured with this release; a newer one collects
# Qt differently often enough (hooks, symlinks) that an upgrade is a change to test.
PYINSTALLER=6.22.3
if ! "$PY" -c "import PyInstaller" 2>/dev/null; then
  "$PY" -m pip install -q "pyinstaller==$PYINSTALLER"
fi

# The translations the app reads are built from the .po files at build time.
"$PY" scripts/i18n.py compile
"$PY" -m PyInstaller --noconfirm --clean --log-level WARN \
  --distpath dist --workpath build/pyinstaller packaging/warmvisit.spec

VERSION=$("$PY" -c "import app; print(app.__version__)")
PLATFORM=$("$PY" -c "import sys, platform; print(sys.platform + '-' + platform.machine().lower())")
cd dist
ARCHIVE="warmvisit-$VERSION-$PLATFORM"
rm -f "$ARCHIVE.zip" "$ARCHIVE.tar.gz"
case "$PLATFORM" in
  win32-*)
    "$PY" -c "import shutil, sys; shutil.make_archive(sys.argv[1], 'zip', '.', 'warmvisit')" "$ARCHIVE"
    echo "Built dist/warmvisit and dist/$ARCHIVE.zip"
    ;;
  *)
    tar -czf "$ARCHIVE.tar.gz" warmvisit
    echo "Built dist/warmvisit and dist/$ARCHIVE.tar.gz"
    ;;
esac
