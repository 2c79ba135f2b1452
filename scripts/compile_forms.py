"""Compile the Qt Designer forms (forms/*.ui) into Python (app/ui/compiled_forms/*_ui.py).

The .ui files stay the source: edit them in Qt Designer, then run this (a test fails while a
compiled form is older than its .ui). Compiled, a form needs no QUiLoader at start: its plugins
cost ~9 MB and, with the parsing, ~20 ms of the team window's start.
Run: .venv/bin/python scripts/compile_forms.py
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FORMS = ROOT / "forms"
OUT = ROOT / "app" / "ui" / "compiled_forms"
HEAD = "# Compiled from forms/{name} by scripts/compile_forms.py: edit the .ui, not this file.\n"


def compiled(ui: Path) -> str:
    uic = Path(sys.executable).with_name("pyside6-uic")
    text = subprocess.run([str(uic if uic.exists() else "pyside6-uic"), str(ui)], check=True,
                          capture_output=True, text=True).stdout  # fmt: skip
    return HEAD.format(name=ui.name) + text


def target(ui: Path) -> Path:
    return OUT / f"{ui.stem}_ui.py"


def main() -> None:
    for ui in sorted(FORMS.glob("*.ui")):
        target(ui).write_text(compiled(ui), encoding="utf-8")
        print(f"{ui.relative_to(ROOT)} → {target(ui).relative_to(ROOT)}")


if __name__ == "__main__":
    main()
