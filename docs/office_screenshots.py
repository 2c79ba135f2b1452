"""Screenshots of the office window (慰问对象 with the status dialog, 统计) at 1366×768, at 125 %
scale (1093×614 logical) and at 1920×1080, in Chinese and English: `.venv/bin/python
docs/office_screenshots.py` writes docs/screenshots/office-*.png from a demo campaign made on the
fly (every household confirmed and assigned to T1 and T2; the dialog shows a step back)."""

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
from PySide6.QtTest import QTest
from app.ui.app import open_window
db, out, tag, lang, w, h = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3], sys.argv[4], \
    int(sys.argv[5]), int(sys.argv[6])
app, store, window = open_window(db, lang=lang, size=(w, h))
page = window.current_page()
while page.model.extras is None:
    app.processEvents(); QTest.qWait(20)
page.table.selectRow(1)
QTest.qWait(100)
window.grab().save(str(out / f"office-1-households-{tag}.png"))
page.table.selectAll(); page.change_status()
dialog = page.dialog
dialog.status.setCurrentIndex(1)
while dialog.preview is None or dialog.preview.request.status != "unit_reviewed":
    app.processEvents(); QTest.qWait(20)
dialog.grab().save(str(out / f"office-2-status-{tag}.png"))
dialog.reject()
window.go(1)
dash = window.current_page()
while dash.figures is None:
    app.processEvents(); QTest.qWait(20)
QTest.qWait(50)
window.grab().save(str(out / f"office-3-dashboard-{tag}.png"))
window.close()
"""
SIZES = (("1", "1366", "768"), ("1.25", "1366", "768"), ("1", "1920", "1080"))


def main() -> None:
    OUT.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        central, laptop = Path(folder) / "demo.db", Path(folder) / "team.db"
        subprocess.run([sys.executable, "-m", "app", "--db", str(central), "demo", "--households",
                        "300", "--team-laptop", str(laptop)], check=True, cwd=ROOT,
                       capture_output=True)  # fmt: skip
        for lang in ("zh", "en"):
            for scale, width, height in SIZES:
                env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "QT_SCALE_FACTOR": scale}
                w, h = (str(round(int(width) / 1.25)), str(round(int(height) / 1.25))) if (
                    scale != "1") else (width, height)  # fmt: skip
                tag = f"{width}x{height}-{scale}-{lang}"
                subprocess.run([sys.executable, "-c", SHOOT, str(central), str(OUT), tag, lang,
                                w, h], check=True, cwd=ROOT, env=env)  # fmt: skip
    print(f"written to {OUT}")


if __name__ == "__main__":
    main()
