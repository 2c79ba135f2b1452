"""Reading the units' rosters in: ``roster import`` and ``roster history``."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from app.cli.args import Subparsers, command, group
from app.cli.decisions import mark_json, say_marks
from app.cli.output import OUT, TextProgress, table
from app.services.rosters import importing as rosters
from app.store.db import Store


def register(sub: Subparsers) -> None:
    roster = group(sub, "roster", "名单 rosters")
    c = command(roster, "import", cmd_roster_import, "import a roster (CSV or XLSX)")
    c.add_argument("file")
    c.add_argument("--unit", help="the unit that sent the roster")
    c.add_argument("--skip-invalid", action="store_true", help="import the good rows anyway")
    c.add_argument("--map", action="append", metavar="列名=field", help="column mapping")
    command(roster, "history", cmd_roster_history,
            "the roster files imported: when, by whom, what each changed")  # fmt: skip


def cmd_roster_import(store: Store, a: argparse.Namespace) -> int:
    bar = TextProgress(OUT.text("cli.importing"))
    try:
        r = rosters.import_roster(
            store, Path(a.file), unit=a.unit, skip_invalid=a.skip_invalid, mapping=a.map or (),
            progress=bar,
        )  # fmt: skip
    finally:
        bar.finish()
    report = {
        "file": r.file,
        "unit": r.unit,
        "applied": r.applied,
        "imported": r.imported if r.applied else 0,
        "updated": r.updated if r.applied else 0,
        "unchanged": r.unchanged,
        "rejected": [
            {"row": p.row, "column": p.column, "value": p.value,
             "reason": OUT.text(p.key, **p.params)} for p in r.rejected
        ],
        "duplicates": [
            {"row": d.row, "id_number_masked": d.id_number_masked, "first_seen": d.first_seen,
             "first_seen_file": d.first_seen_file, "first_seen_unit": d.first_seen_unit,
             "reason": OUT.text(d.key, **d.params)} for d in r.duplicates
        ],
        "warnings": [
            {"row": p.row, "column": p.column, "value": p.value,
             "reason": OUT.text(p.key, **p.params)} for p in r.warnings
        ],
        "marked": [mark_json(m) for m in r.marked],
    }  # fmt: skip
    OUT.result(report, lambda: _print_import(r, report))
    return 0 if r.applied else 1


def cmd_roster_history(store: Store, a: argparse.Namespace) -> int:
    imports = rosters.import_history(store)
    OUT.result(
        {"imports": [
            {"file": i.file, "sha256": i.sha256, "unit": i.unit,
             "at": i.at.isoformat(), "by": i.by, "added": i.added,
             "updated": i.updated, "unchanged": i.unchanged, "rejected": i.rejected,
             "duplicates": i.duplicates} for i in imports]},
        lambda: OUT.say(table(
            [OUT.text("col.time"), OUT.text("col.file"), OUT.text("col.unit"), OUT.text("col.by"),
             OUT.text("col.added"), OUT.text("col.updated"), OUT.text("col.unchanged"),
             OUT.text("col.rejected"), OUT.text("col.duplicates")],
            [(i.at.strftime("%Y-%m-%d %H:%M"), i.file, i.unit, i.by, i.added, i.updated,
              i.unchanged, i.rejected, i.duplicates) for i in imports], right=(4, 5, 6, 7, 8))
            if imports else OUT.text("cli.no_history")),
    )  # fmt: skip
    return 0


def _print_import(r: rosters.RosterImport, report: dict[str, Any]) -> None:
    OUT.say(OUT.text("cli.import_file", file=r.file, unit=r.unit))
    OUT.say(OUT.text("cli.import_counts", imported=report["imported"], updated=report["updated"],
                  unchanged=r.unchanged, rejected=r.rejected_rows,
                  duplicates=len(r.duplicates)))  # fmt: skip
    if r.rejected:
        OUT.say()
        OUT.say(OUT.text("cli.rejected_head"))
        for p in report["rejected"]:
            OUT.say(OUT.text("cli.problem_line", row=p["row"], column=p["column"] or "-",
                          value=p["value"], reason=p["reason"]))  # fmt: skip
    if r.duplicates:
        OUT.say()
        OUT.say(OUT.text("cli.duplicates_head"))
        for d in report["duplicates"]:
            OUT.say(OUT.text("cli.duplicate_line", row=d["row"], id=d["id_number_masked"],
                          reason=d["reason"]))  # fmt: skip
    if r.warnings:
        OUT.say()
        OUT.say(OUT.text("cli.warnings_head"))
        for p in report["warnings"]:
            # Row 0 is the whole file (a late unit, a quota exceeded), not a row of it.
            line = "cli.warning_line" if p["row"] else "cli.warning_file"
            OUT.say(OUT.text(line, row=p["row"], reason=p["reason"]))
    if r.marked:
        OUT.say()
        say_marks(r.marked)
    OUT.say()
    OUT.say(OUT.text("cli.import_applied") if r.applied else OUT.text("cli.import_refused"))
