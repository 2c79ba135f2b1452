"""Printing: ``letters``, ``receipts``, ``daily-log``, ``household-form``, ``notice``,
``summary`` and the ``print-setting``s they use. Each writes ``--out`` in the language of the
command line and, with ``--json``, prints ``{"file": PATH, "pages": n}``."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any

from app.cli.args import Subparsers, command, iso_date
from app.cli.output import OUT, TextProgress
from app.i18n import render
from app.services.printing import daily_log, household_form, letters, notice, receipts, summary
from app.services.printing import settings as print_settings
from app.services.printing.output import Printed
from app.settings import get_setting
from app.store.db import Store


def register(sub: Subparsers) -> None:
    c = command(
        sub,
        "print-setting",
        cmd_print_setting,
        "show the printing settings, or set one (fonts, festival, notice …)",
    )
    c.add_argument("name", nargs="?", help="a setting, see docs/printing.md")
    c.add_argument("value", nargs="?", help="its new value")
    c = command(sub, "letters", cmd_letters, "condolence letters (慰问信) in one PDF")
    c.add_argument("--team", help="a team's households")
    c.add_argument("--category", help="a category's households")
    c.add_argument("--household", nargs="+", metavar="HOUSEHOLD",
                   help="these households: ID number, name, or name and ID tail")  # fmt: skip
    c.add_argument("--template", help="template name (default: 职工, or 退休职工 by category)")
    c.add_argument("--size", choices=letters.PAPERS,
                   help="paper size (default: the paper_size setting, A4)")  # fmt: skip
    c.add_argument("--out", required=True, help="the PDF to write")
    c = command(sub, "receipts", cmd_receipts, "a team's signed receipt sheet (签收表)")
    c.add_argument("--team", required=True)
    c.add_argument("--date", type=iso_date, help="one day (default: every day)")
    c.add_argument("--out", required=True, help="the PDF to write")
    c = command(sub, "daily-log", cmd_daily_log, "a team's visit log for a day (走访日志)")
    c.add_argument("--team", required=True)
    c.add_argument("--date", type=iso_date, required=True)
    c.add_argument("--out", required=True, help="the .pdf or .xlsx to write")
    c = command(sub, "household-form", cmd_household_form, "the household form (困难职工档案表)")
    c.add_argument(
        "id_number", nargs="+", metavar="HOUSEHOLD", help="ID number, name, or name and ID tail"
    )
    c.add_argument("--out", required=True, help="the PDF to write")
    c = command(sub, "notice", cmd_notice, "the public notice (公示名单), IDs masked")
    c.add_argument("--unit", help="one unit (default: the whole district)")
    c.add_argument("--out", required=True, help="the PDF to write")
    c = command(sub, "summary", cmd_summary, "summary tables (汇总表)")
    c.add_argument("--by", choices=summary.GROUPINGS, default="category")
    c.add_argument("--out", required=True, help="the .pdf or .xlsx to write")


def _report(printed: Printed) -> int:
    path = printed.path.resolve()
    obj: dict[str, Any] = {"file": str(path), "pages": printed.pages}
    if printed.problems:
        obj["problems"] = [render(p, OUT.lang) for p in printed.problems]

    def human() -> None:
        if printed.pages is None:
            OUT.say(OUT.text("print.written_xlsx", file=path))
        else:
            OUT.say(OUT.text("print.written", file=path, pages=printed.pages))

    # Problems (a signature left out) go to stderr in both modes, so a script sees them too.
    for problem in printed.problems:
        OUT.say_err(OUT.text("print.problem", text=render(problem, OUT.lang)))
    OUT.result(obj, human)
    return 0


def _with_bar(work: Callable[[TextProgress], Printed]) -> int:
    bar = TextProgress(OUT.text("print.printing"))
    try:
        printed = work(bar)
    finally:
        bar.finish()
    return _report(printed)


def cmd_letters(store: Store, a: argparse.Namespace) -> int:
    return _with_bar(lambda bar: letters.print_letters(
        store, a.out, team=a.team, category=a.category, households=a.household or (),
        template=a.template, paper=a.size or get_setting("paper_size"), lang=OUT.lang, progress=bar,
    ))  # fmt: skip


def cmd_receipts(store: Store, a: argparse.Namespace) -> int:
    return _with_bar(lambda bar: receipts.print_receipts(
        store, a.out, team=a.team, day=a.date, lang=OUT.lang, progress=bar))  # fmt: skip


def cmd_daily_log(store: Store, a: argparse.Namespace) -> int:
    return _with_bar(lambda bar: daily_log.print_daily_log(
        store, a.out, team=a.team, day=a.date, lang=OUT.lang, progress=bar))  # fmt: skip


def cmd_household_form(store: Store, a: argparse.Namespace) -> int:
    return _report(household_form.print_household_form(store, " ".join(a.id_number), a.out,
                                                        lang=OUT.lang))  # fmt: skip


def cmd_notice(store: Store, a: argparse.Namespace) -> int:
    return _with_bar(lambda bar: notice.print_notice(
        store, a.out, unit=a.unit, lang=OUT.lang, progress=bar))  # fmt: skip


def cmd_summary(store: Store, a: argparse.Namespace) -> int:
    return _with_bar(lambda bar: summary.print_summary(
        store, a.out, by=a.by, lang=OUT.lang, progress=bar))  # fmt: skip


def cmd_print_setting(store: Store, a: argparse.Namespace) -> int:
    if a.name is not None:
        print_settings.set_print_setting(store, a.name, a.value or "")
    found = print_settings.print_settings(store)
    OUT.result(found, lambda: OUT.say("\n".join(f"{k} = {v}" for k, v in sorted(found.items()))
                                      or "-"))  # fmt: skip
    return 0
