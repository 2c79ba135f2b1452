"""``opinions report|due|sent|list``: each reporting unit's opinions heard on the visits (意见建议
汇总), the date they are due, and the office's note that a unit's report was sent."""

from __future__ import annotations

import argparse
from typing import Any

from app.cli.args import Subparsers, command, group, iso_date
from app.cli.output import OUT, table
from app.services.oversight import opinions
from app.store.db import Store


def register(sub: Subparsers) -> None:
    g = group(sub, "opinions", "意见建议 opinions heard, per reporting unit")
    c = command(g, "report", cmd_report, "a unit's (or every unit's) opinions report")
    c.add_argument("--unit", help="one reporting unit (default: every unit, one after another)")
    c.add_argument("--out", required=True, help="the .pdf or .xlsx to write")
    c = command(g, "due", cmd_due, "when the reports are due; --set changes it")
    c.add_argument("--set", type=iso_date, dest="day", help="YYYY-MM-DD")
    c = command(g, "sent", cmd_sent, "note that a unit's report was sent")
    c.add_argument("--unit", required=True)
    c.add_argument("--on", type=iso_date, help="the day it was sent (default: today)")
    command(g, "list", cmd_list, "every unit: opinions heard, due, sent or overdue")


def cmd_report(store: Store, a: argparse.Namespace) -> int:
    reports = opinions.unit_reports(store, a.unit)
    printed = opinions.print_opinions(store, a.out, lang=OUT.lang, reports=reports)
    path = printed.path.resolve()
    units = len(reports)
    OUT.result(
        {"file": str(path), "pages": printed.pages, "units": units, "opinions": printed.count},
        lambda: OUT.say(OUT.text("cli.opinions_printed", file=path, units=units,
                                 count=printed.count)),
    )  # fmt: skip
    return 0


def cmd_due(store: Store, a: argparse.Namespace) -> int:
    due = opinions.set_opinions_due(store, a.day) if a.day else opinions.opinions_due(store)
    OUT.result({"due": due.isoformat()},
               lambda: OUT.say(OUT.text("cli.opinions_due", due=due.isoformat())))  # fmt: skip
    return 0


def cmd_sent(store: Store, a: argparse.Namespace) -> int:
    day = opinions.mark_sent(store, a.unit, on=a.on)
    OUT.result({"unit": a.unit, "sent": day.isoformat()},
               lambda: OUT.say(OUT.text("cli.opinions_sent", unit=a.unit,
                                        day=day.isoformat())))  # fmt: skip
    return 0


def cmd_list(store: Store, a: argparse.Namespace) -> int:
    reports = opinions.unit_reports(store)
    late = {o.unit for o in opinions.overdue_of(reports)}
    rows: list[dict[str, Any]] = [{"unit": r.unit, "households": r.households, "visited": r.visited,
             "opinions": len(r.rows), "due": r.due.isoformat(),
             "sent": r.sent.isoformat() if r.sent else None, "overdue": r.unit in late}
            for r in reports]  # fmt: skip

    def state(row: dict[str, Any]) -> str:
        if row["sent"]:
            return OUT.text("col.opinions_sent_on", day=row["sent"])
        return OUT.text("col.opinions_overdue") if row["overdue"] else "-"

    OUT.result(
        {"units": rows},
        lambda: OUT.say(table(
            [OUT.text("col.unit"), OUT.text("col.households"), OUT.text("col.visited"),
             OUT.text("col.opinions"), OUT.text("col.due"), OUT.text("col.sent")],
            [(str(r["unit"]) or "-", r["households"], r["visited"], r["opinions"], r["due"],
              state(r)) for r in rows], right=(1, 2, 3))),
    )  # fmt: skip
    return 0
