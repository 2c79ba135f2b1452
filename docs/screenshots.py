"""Screenshots of the team window at 1366×768 (and at 125 % scale) for the manual and for
looking at: `.venv/bin/python docs/screenshots.py` writes docs/screenshots/*.png from a
demo campaign made on the fly."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = Path(__file__).resolve().parent / "screenshots"

SHOOT = """
import sys
from pathlib import Path
from PySide6.QtWidgets import QApplication
from app.services.context import open_store
from app.ui.fonts import register_fonts, ui_font
from app.ui.main_window import MainWindow
app = QApplication([])
app.setFont(ui_font(register_fonts()))
db, out, scale = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3]
window = MainWindow(open_store(db), db)
window.resize(1366, 768) if scale == "1" else window.resize(1093, 560)
window.show(); app.processEvents()
window.grab().save(str(out / f"list-{scale}.png"))
window.start_visit(0); app.processEvents()
window.grab().save(str(out / f"visit-{scale}.png"))
"""


def main() -> None:
    OUT.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "demo.db"
        subprocess.run([sys.executable, "-m", "app", "--db", str(db), "demo", "--households",
                        "60"], check=True, cwd=ROOT, capture_output=True)  # fmt: skip
        for scale in ("1", "1.25"):
            env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "QT_SCALE_FACTOR": scale}
            subprocess.run([sys.executable, "-c", SHOOT, str(db), str(OUT), scale], check=True,
                           cwd=ROOT, env=env)  # fmt: skip
    print(f"written to {OUT}")


if __name__ == "__main__":
    main()
