"""Screenshots of every team screen at 1366×768, at 1920×1080 and at 125 % scale on 1366×768
(1093×560 logical), in Chinese and in English, for the manual and for looking at:
`.venv/bin/python docs/screenshots.py` writes docs/screenshots/*.png from a demo campaign and a
demo team laptop made on the fly (`--lang zh` or `--lang en` for one language only)."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = Path(__file__).resolve().parent / "screenshots"

# name, scale, the window's logical size (a maximised window: the screen less taskbar and title)
SIZES = (("1366", "1", "1366x728"), ("1920", "1", "1920x1040"), ("1366-125", "1.25", "1093x560"))

SHOOT = """
import sys
from pathlib import Path
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from app.services.infra.context import open_store
from app.ui.fonts import register_fonts, ui_font
from app.services.infra.context import require_campaign
from app.ui import clock
from app.ui.lang import install_qt, set_language
from app.ui.main_window import MainWindow
app = QApplication([])
app.setFont(ui_font(register_fonts()))
db, out, name, lang = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3], sys.argv[4]
size = tuple(int(x) for x in sys.argv[5].split("x"))
set_language(lang)
install_qt(app)
suffix = name + ("" if lang == "zh" else "-en")
store = open_store(db)
start = require_campaign(store).start
clock.today = lambda: start  # a day of the campaign: the visit starts without the date question
window = MainWindow(store, db)
window.resize(*size)
window.show(); app.processEvents()

def shot(widget, name):
    QTest.qWait(80)  # the selected household's card follows the list 50 ms later
    app.processEvents()
    widget.grab().save(str(out / f"{name}-{suffix}.png"))

shot(window, "1-list")
window.start_visit(0); app.processEvents()
window.visit_page.texts["conditions"].setPlainText("老两口住平房，取暖靠煤炉，老伴腿脚不便")
window.visit_page.texts["opinions"].setPlainText("希望社区帮助联系冬季供暖补贴")
shot(window, "3-visit")
window.visit_page.save(); app.processEvents()
screen = window.recipient_screen
screen.handback_ms = 0
screen.showNormal(); screen.resize(*size); app.processEvents()
shot(screen, "4-recipient")
pad = screen.pad
points = [(60 + i * 9, 120 + int(30 * ((i % 10) - 5) ** 2 / 25)) for i in range(40)]
left, plain = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
QTest.mousePress(pad, left, plain, QPoint(*points[0]))
for x, y in points[1:]:
    QTest.mouseMove(pad, QPoint(x, y))
QTest.mouseRelease(pad, left, plain, QPoint(*points[-1]))
shot(screen, "4-recipient-signed")
screen.confirm_button.click()
for _ in range(20):
    app.processEvents(); QTest.qWait(10)
shot(window, "5-signed")
window.show_day(); app.processEvents()
window.day_page.counted.setText("19,000.00")
shot(window, "6-day")
window._visit_finished(True)
window.lock_now()
shot(window, "7-lock")
"""


def main() -> None:
    langs = [sys.argv[-1]] if "--lang" in sys.argv else ["zh", "en"]
    OUT.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        central, laptop = Path(folder) / "demo.db", Path(folder) / "team.db"
        subprocess.run([sys.executable, "-m", "app", "--db", str(central), "demo", "--households",
                        "60", "--team-laptop", str(laptop)], check=True, cwd=ROOT,
                       capture_output=True)  # fmt: skip
        for lang in langs:
            for name, scale, size in SIZES:
                env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "QT_SCALE_FACTOR": scale}
                subprocess.run([sys.executable, "-c", SHOOT, str(laptop), str(OUT), name, lang,
                                size], check=True, cwd=ROOT, env=env)  # fmt: skip
    print(f"written to {OUT}")


if __name__ == "__main__":
    main()
