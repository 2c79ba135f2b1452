"""Printing speed: 1,000 letters in one PDF, and the summary of a 100,000-household campaign.

Letters are measured twice in fresh processes, so each peak memory is its own:
- ``app``: ``printing.print_letters`` for a team of N households (store → template → kinsoku
  line breaking → per-character fonts → one PDF), the way ``warmvisit letters`` runs;
- ``bare``: reportlab alone setting the same letters (same text, same font, registered once,
  one ``drawString`` per line of a fixed number of characters, no checks).

The summary builds a campaign of M households (demo roster import, all confirmed, 20 teams,
~80 % visited) and times ``summary.print_summary`` to PDF and to XLSX.

Run: .venv/bin/python bench/print_letters.py [--letters 1000] [--households 100000]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _peak_mb() -> float:
    try:
        status = Path("/proc/self/status").read_text()
        return next(int(line.split()[1]) for line in status.splitlines()
                    if line.startswith("VmHWM")) / 1024  # fmt: skip
    except (OSError, StopIteration):
        import resource

        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


# --- stores -------------------------------------------------------------------------------------


def build_store(path: Path, households: int, *, teams_count: int = 20,
                visited_share: float = 0.8) -> dict[str, float]:  # fmt: skip
    """A demo campaign of ``households``, all confirmed, in teams, most of them visited."""
    from app.domain.campaign import Status, new_id
    from app.domain.events import DISBURSEMENT, VISIT
    from app.domain.visits import (
        Handover,
        Outcome,
        VisitInput,
        VisitMode,
        disbursement_body,
        visit_body,
    )
    from app.services.bundles.devices import CENTRAL, NewEvent, append_events, create_device
    from app.services.demo.campaign import make_demo
    from app.services.infra.context import Actor
    from app.services.teams import assignment as teams
    from app.store.db import Store

    times = {}
    start = time.perf_counter()
    store = Store(path)
    make_demo(store, households=households, seed=7)
    times["import_s"] = time.perf_counter() - start
    start = time.perf_counter()
    with store.transaction():  # bench shortcut: the clerk would run `household set-status`
        store.conn.execute("UPDATE household SET status = ?", [Status.CONFIRMED])
    actor = Actor(user="bench")
    codes = [f"T{n:02d}" for n in range(1, teams_count + 1)]
    for code in codes:
        teams.add_team(store, code=code, name=f"第{code[1:]}慰问组", leader="王强", actor=actor)
    teams.assign_by(store, "balanced", actor=actor)
    times["assign_s"] = time.perf_counter() - start
    start = time.perf_counter()
    rows = store.conn.execute(
        """SELECT h.id, a.team_id, c.code, c.cash_fen, c.goods, c.goods_fen FROM household h
           JOIN current_assignment a ON a.household_id = h.id
           JOIN category c ON c.id = h.category_id"""
    ).fetchall()
    day = date(2027, 1, 21)
    specs = []
    for n, (hid, tid, code, cash, goods, goods_fen) in enumerate(rows):
        if n % 100 >= visited_share * 100:
            continue
        visit_id = new_id()
        visit = VisitInput(hid, day, VisitMode.HOME, Outcome.VISITED, visitors=("王强",),
                           opinions="希望增加慰问频次" if n % 50 == 0 else "",
                           handovers=(Handover(code, cash, goods, goods_fen),))  # fmt: skip
        specs.append(NewEvent(VISIT, visit_id, hid, tid, visit_body(visit, visit_id)))
        body = disbursement_body(visit.handovers[0], visit_id, hid, day)
        specs.append(NewEvent(DISBURSEMENT, new_id(), hid, tid, body))
    with store.transaction():
        device = create_device(store, CENTRAL, None, actor)
        append_events(store, device, specs, actor)
    times["visits_s"] = time.perf_counter() - start
    times["events"] = len(specs)
    store.close()
    return times


# --- children ----------------------------------------------------------------------------------


def child_letters(kind: str, db: str, out: str) -> None:
    from app.services.infra.context import Actor
    from app.services.printing import letters as printing
    from app.store.db import Store

    store = Store(db)
    if kind == "app":
        start = time.perf_counter()
        done = printing.print_letters(store, out, team="T01", actor=Actor(user="bench"))
        seconds = time.perf_counter() - start
        pages = done.pages
    else:
        # The same letters' text, merged by the app beforehand (not timed).
        from app.domain.letter_template import date_cn
        from app.services.infra.context import require_campaign
        from app.services.printing.letters import _letter_values
        from app.services.printing.settings import letter_template
        from app.store import documents as store_documents

        campaign = require_campaign(store)
        template = letter_template(store, "职工")
        team = store.conn.execute("SELECT id FROM team WHERE code = 'T01'").fetchone()[0]
        rows = store_documents.print_households(store, campaign.id, team_id=team)
        day = date_cn(date.today())
        letters = [template.merge(_letter_values(campaign, r, {}, day, {})) for r in rows]
        start = time.perf_counter()
        pages = bare_letters(out, letters)
        seconds = time.perf_counter() - start
    print(json.dumps({"pages": pages, "seconds": seconds, "peak_mb": _peak_mb()}))


def bare_letters(out: str, letters: list) -> int:  # noqa: ANN001
    """reportlab alone: the font registered once, each line drawn as it comes."""
    from reportlab import rl_config
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen.canvas import Canvas

    from app.paths import asset

    rl_config.useA85 = 0  # as the app sets it (see app/documents/pdf_fonts.py)
    pdfmetrics.registerFont(TTFont("Kai", str(asset("resources", "fonts",
                                                     "LXGWWenKai-Regular.ttf"))))  # fmt: skip
    c = Canvas(out, pagesize=A4, pageCompression=1)
    width, height = A4
    per_line = 32
    for letter in letters:
        y = height - 32 * mm
        c.setFont("Kai", 24)
        c.drawCentredString(width / 2, y, letter.title)
        y -= 60
        c.setFont("Kai", 14)
        c.drawString(28 * mm, y, letter.salutation)
        y -= 26
        for paragraph in letter.body:
            text = "\u3000\u3000" + paragraph
            for i in range(0, len(text), per_line):
                c.drawString(28 * mm, y, text[i : i + per_line])
                y -= 26
        for line in letter.closing:
            c.drawString(28 * mm, y, line)
            y -= 26
        for line in letter.sign_off:
            c.drawRightString(width - 40 * mm, y - 20, line)
            y -= 26
        c.circle(width - 70 * mm, y + 30, 21 * mm)
        c.showPage()
    c.save()
    return len(letters)


def child_summary(kind: str, db: str, out: str) -> None:
    from app.services.printing import summary as printing_summary
    from app.store.db import Store

    store = Store(db)
    start = time.perf_counter()
    done = printing_summary.print_summary(store, out, by="team")
    seconds = time.perf_counter() - start
    print(json.dumps({"pages": done.pages, "seconds": seconds, "peak_mb": _peak_mb(),
                      "bytes": Path(out).stat().st_size}))  # fmt: skip


def run_child(*args: str) -> dict:
    result = subprocess.run([sys.executable, __file__, "--child", *args], capture_output=True,
                            text=True, check=True)  # fmt: skip
    return json.loads(result.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--letters", type=int, default=1000)
    parser.add_argument("--households", type=int, default=100_000)
    parser.add_argument("--child", nargs=3)
    a = parser.parse_args()
    if a.child:
        kind, db, out = a.child
        if kind in ("app", "bare"):
            child_letters(kind, db, out)
        else:
            child_summary(kind, db, out)
        return
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        db = tmp / "letters.db"
        build_store(db, a.letters, teams_count=1)  # one team holds every household
        # Best of three fresh processes each: the machine's other load only ever adds time.
        app = min((run_child("app", str(db), str(tmp / "app.pdf")) for _ in range(3)),
                  key=lambda r: r["seconds"])  # fmt: skip
        bare = min((run_child("bare", str(db), str(tmp / "bare.pdf")) for _ in range(3)),
                   key=lambda r: r["seconds"])  # fmt: skip
        print(f"letters: {a.letters} households, one team, one PDF (best of 3 runs)")
        for name, r in (("app (print_letters)", app), ("bare reportlab", bare)):
            print(
                f"  {name:22} {r['pages']:6} pages {r['seconds']:7.2f} s "
                f"{r['pages'] / r['seconds']:8.0f} pages/s  peak {r['peak_mb']:6.0f} MB"
            )
        ratio = (app["pages"] / app["seconds"]) / (bare["pages"] / bare["seconds"])
        print(f"  ratio app/bare speed: {ratio:.2f}")

        big = tmp / "big.db"
        start = time.perf_counter()
        built = build_store(big, a.households)
        print(
            f"summary: {a.households} households, {built['events']} events "
            f"(store built in {time.perf_counter() - start:.1f} s)"
        )
        for kind, name in (("pdf", "summary.pdf"), ("xlsx", "summary.xlsx")):
            r = run_child(kind, str(big), str(tmp / name))
            pages = f"{r['pages']} pages" if r["pages"] else "workbook"
            print(
                f"  {kind:5} {r['seconds']:7.2f} s  {pages:12} {r['bytes'] / 1e6:6.1f} MB  "
                f"peak {r['peak_mb']:6.0f} MB"
            )


if __name__ == "__main__":
    main()
