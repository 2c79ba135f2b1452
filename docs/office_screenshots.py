"""Screenshots of every page of the office window (app/ui/office/pages.py) at 1366×768 in Chinese
and English, and of 慰问对象 (with the status dialog) at 125 % scale (1093×614 logical) and at
1920×1080: `.venv/bin/python docs/office_screenshots.py` writes
docs/screenshots/office-<n>-<page>-<size>-<scale>-<lang>.png from a demo campaign made on the fly:
300 households confirmed and assigned to T1 and T2, T1's laptop visiting some of them (paid by
hand, unsigned: 问题清单 lists them), its result bundle merged, then a restored copy of the laptop
paying others — a fork held in 隔离区 (回传包 is shot on that tab)."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = Path(__file__).resolve().parent / "screenshots"
sys.path.insert(0, str(ROOT))

# Each page's short name in the file name, in the order of the window's list.
NAMES = ("households", "dashboard", "campaign", "rosters", "teams", "bundles", "flags",
         "transfers", "reports", "history")  # fmt: skip

SHOOT = """
import sys
from pathlib import Path
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from app.ui.app import open_window
db, out, roster, size, lang, w, h, every = (Path(sys.argv[1]), Path(sys.argv[2]),
    Path(sys.argv[3]), sys.argv[4], sys.argv[5], int(sys.argv[6]), int(sys.argv[7]),
    sys.argv[8] == "all")
NAMES = sys.argv[9].split(",")
app, store, window = open_window(db, lang=lang, size=(w, h))

def settle(ms=400, until=lambda: True):
    for _ in range(500):
        app.processEvents(); QTest.qWait(20)
        if until():
            break
    QTest.qWait(ms)

def shot(n, widget=None):
    (widget or window).grab().save(str(out / f"office-{n + 1}-{NAMES[n]}-{size}-{lang}.png"))

page = window.current_page()
settle(until=lambda: page.model.extras is not None)
page.table.selectRow(1)
settle(100)
shot(0)
if not every:
    page.table.selectAll(); page.change_status()
    dialog = page.dialog
    dialog.status.setCurrentIndex(1)
    settle(until=lambda: dialog.preview is not None
           and dialog.preview.request.status == "unit_reviewed")
    dialog.grab().save(str(out / f"office-1-households-status-{size}-{lang}.png"))
    dialog.reject()
    window.close(); sys.exit(0)
for n in range(1, len(NAMES)):
    window.go(n)
    p = window.current_page()
    name = NAMES[n]
    if name == "dashboard":
        settle(until=lambda: p.figures is not None)
    elif name == "rosters":
        p.add_files([roster])
        settle(until=lambda: p._check_job is None and not p._queue)
    elif name == "flags":
        settle(until=lambda: p.job is None)
    elif name == "bundles":
        p.tabs.setCurrentWidget(p.quarantine)
        p.quarantine.list.selectRow(0)
    elif name == "reports":
        p.choose("audit"); p.make()
        settle(until=lambda: p.job is None)
    elif name == "history":
        p.search.setText(sys.argv[10]); p.show_household(sys.argv[10])
    settle()
    shot(n)
window.close()
"""
SIZES = (("1", "1366", "768", "all"), ("1.25", "1366", "768", "one"),
         ("1", "1920", "1080", "one"))  # fmt: skip


def visit(laptop: object, household: dict, day: object, actor: object) -> None:  # type: ignore[type-arg]
    """A home visit paying the household its category's standard by hand, unsigned."""
    from app.domain.visits import Handover, Outcome, VisitInput, VisitMode
    from app.services.campaign import setup
    from app.services.visits import recording

    [c] = [c for c in setup.list_categories(laptop) if c.code == household["category"]]
    handover = Handover(c.code, cash_fen=c.cash_fen, goods=c.goods, goods_fen=c.goods_fen)
    recording.record_visit(laptop, VisitInput(
        household_id=household["id"], day=day, mode=VisitMode.HOME, outcome=Outcome.VISITED,
        visitors=("王建国", "李秀英"), handovers=(handover,)), actor=actor)  # fmt: skip


def make_world(folder: Path) -> tuple[Path, Path, str]:
    """The demo office with T1's visits merged and a fork in 隔离区; (the office's database, a
    roster file to preview, a household's name for 户的历史)."""
    from datetime import datetime, time

    from app.services.bundles import exchange as bundles
    from app.services.demo.campaign import write_demo_roster
    from app.services.infra.context import Actor, require_campaign
    from app.store.db import Store

    central, laptop_path = folder / "demo.db", folder / "team.db"
    subprocess.run([sys.executable, "-m", "app", "--db", str(central), "demo", "--households",
                    "300", "--team-laptop", str(laptop_path)], check=True, cwd=ROOT,
                   capture_output=True)  # fmt: skip
    with Store(central) as office, Store(laptop_path) as laptop:
        campaign = require_campaign(office)
        day = campaign.start
        actor = Actor(user="王建国", clock=lambda: datetime.combine(day, time(17, 0)))
        mine = list(laptop.query(
            """SELECT h.id, h.name, c.code AS category FROM current_assignment a
               JOIN team t ON t.id = a.team_id JOIN household h ON h.id = a.household_id
               LEFT JOIN category c ON c.id = h.category_id
               WHERE t.code = 'T1' ORDER BY h.id_number"""))  # fmt: skip
        for household in mine[:12]:
            visit(laptop, household, day, actor)
        stick = folder / "stick"
        stick.mkdir()
        bundles.import_bundle(office, bundles.export_result(laptop, stick, actor=actor).file)
        backup_path = folder / "backup.db"
        src, dst = sqlite3.connect(laptop_path), sqlite3.connect(backup_path)
        src.backup(dst)
        dst.close()
        src.close()
        with Store(backup_path) as backup:
            for household in mine[12:14]:
                visit(laptop, household, day, actor)
            visit(backup, mine[14], day, actor)
            now, restored = folder / "now", folder / "restored"
            now.mkdir()
            restored.mkdir()
            bundles.import_bundles(office, [bundles.export_result(laptop, now, actor=actor).file,
                                            bundles.export_result(backup, restored,
                                                                  actor=actor).file])  # fmt: skip
        roster = write_demo_roster(folder / "演示单位名单.csv", 300, 1)
        return central, roster, str(mine[0]["name"])


def main() -> None:
    OUT.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        central, roster, name = make_world(Path(folder))
        for lang in ("zh", "en"):
            for scale, width, height, every in SIZES:
                env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "QT_SCALE_FACTOR": scale}
                w, h = (str(round(int(width) / 1.25)), str(round(int(height) / 1.25))) if (
                    scale != "1") else (width, height)  # fmt: skip
                db = Path(folder) / f"shot-{lang}-{width}-{scale}.db"
                shutil.copy(central, db)  # each run reads its own copy: the roster preview
                size = f"{width}x{height}-{scale}"
                subprocess.run([sys.executable, "-c", SHOOT, str(db), str(OUT), str(roster),
                                size, lang, w, h, every, ",".join(NAMES), name], check=True,
                               cwd=ROOT, env=env)  # fmt: skip
    print(f"written to {OUT}")


if __name__ == "__main__":
    main()
