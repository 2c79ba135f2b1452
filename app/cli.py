"""The command line: ``warmvisit [--db PATH] [--json] COMMAND …`` over the services.

Clerks script it, so command names and JSON shapes are an interface. With ``--json`` stdout
holds exactly one JSON object, in UTF-8; messages and progress go to stderr. Exit 0 when the
work was done, 1 when it was refused, 2 on an unexpected error (logged; ``--debug`` shows it),
130 when stopped by Ctrl+C (a write under way is undone whole: each is one transaction).
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import traceback
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from app import cli_bundles as bd
from app import cli_households as hh
from app import cli_print as pr
from app import cli_teams as tm
from app import messages
from app.cli_output import (
    INTERRUPTS,
    OUT,
    TextProgress,
    configure_console,
    say_interrupted,
    table,
)
from app.domain.errors import Cancelled, WarmVisitError
from app.domain.money import format_fen
from app.paths import default_db_path, log_path
from app.services import budget as budget_service
from app.services import campaigns, rosters
from app.store.db import Store

Handler = Callable[[Store, argparse.Namespace], int]


# --- campaign, categories, costs, units -------------------------------------------------------


def cmd_campaign_init(store: Store, a: argparse.Namespace) -> int:
    c = campaigns.init_campaign(
        store, name=a.name, organizer=a.organizer, start=a.start, end=a.end,
        min_living=a.min_living, rule1_pct=a.rule1_pct, rule2_pct=a.rule2_pct,
        rule3_pct=a.rule3_pct, hardship_cost=a.hardship_cost,
    )  # fmt: skip
    OUT.result(
        _campaign_json(c),
        lambda: OUT.say(OUT.t("cli.campaign_created", name=c.name, db=store.path)),
    )
    return 0


def _campaign_json(c: Any) -> dict[str, Any]:
    t = c.thresholds
    return {
        "id": c.id, "name": c.name, "organizer": c.organizer, "start": c.start.isoformat(),
        "end": c.end.isoformat(), "min_living_fen": t.min_living_fen, "rule1_pct": t.rule1_pct,
        "rule2_pct": t.rule2_pct, "rule3_pct": t.rule3_pct,
        "hardship_cost_fen": t.hardship_cost_fen,
    }  # fmt: skip


def cmd_campaign_show(store: Store, a: argparse.Namespace) -> int:
    from app.services.context import require_campaign

    c = require_campaign(store)
    t = c.thresholds

    def human() -> None:
        OUT.say(OUT.t("cli.campaign_show", name=c.name, organizer=c.organizer,
                      start=c.start.isoformat(), end=c.end.isoformat(),
                      min_living=format_fen(t.min_living_fen), p1=t.rule1_pct, p2=t.rule2_pct,
                      p3=t.rule3_pct, cost=format_fen(t.hardship_cost_fen),
                      db=store.path))  # fmt: skip

    OUT.result({**_campaign_json(c), "db": str(store.path)}, human)
    return 0


def cmd_category_add(store: Store, a: argparse.Namespace) -> int:
    added = campaigns.add_category(
        store, code=a.code, name=a.name, cash=a.cash, goods=a.goods or "",
        goods_value=a.goods_value,
    )  # fmt: skip
    c = added.category
    OUT.result(
        {"code": c.code, "name": c.name, "cash_fen": c.cash_fen, "goods": c.goods,
         "goods_fen": c.goods_fen, "linked_households": added.linked_households},
        lambda: OUT.say(OUT.t("cli.category_added", code=c.code, name=c.name,
                              cash=format_fen(c.cash_fen), goods=c.goods or "-",
                              goods_value=format_fen(c.goods_fen),
                              linked=added.linked_households)),
    )  # fmt: skip
    return 0


def cmd_category_list(store: Store, a: argparse.Namespace) -> int:
    from app.services.context import require_campaign
    from app.store.campaigns import list_categories

    cats = list_categories(store, require_campaign(store).id)
    OUT.result(
        {"categories": [{"code": c.code, "name": c.name, "cash_fen": c.cash_fen,
                         "goods": c.goods, "goods_fen": c.goods_fen} for c in cats]},
        lambda: OUT.say(table(
            [OUT.t("col.code"), OUT.t("col.category"), OUT.t("col.cash_each"),
             OUT.t("col.goods"), OUT.t("col.goods_value")],
            [(c.code, c.name, format_fen(c.cash_fen), c.goods, format_fen(c.goods_fen))
             for c in cats], right=(2, 4))),
    )  # fmt: skip
    return 0


def cmd_cost_add(store: Store, a: argparse.Namespace) -> int:
    fen = campaigns.add_cost(store, name=a.name, amount=a.amount)
    OUT.result(
        {"name": a.name, "amount_fen": fen},
        lambda: OUT.say(OUT.t("cli.cost_added", name=a.name, amount=format_fen(fen))),
    )
    return 0


def cmd_unit_set(store: Store, a: argparse.Namespace) -> int:
    campaigns.set_unit_deadline(store, unit=a.name, deadline=a.deadline)
    deadline = a.deadline.isoformat() if a.deadline else "-"
    OUT.result(
        {"unit": a.name, "deadline": a.deadline.isoformat() if a.deadline else None},
        lambda: OUT.say(OUT.t("cli.unit_set", unit=a.name, deadline=deadline)),
    )
    return 0


def cmd_unit_list(store: Store, a: argparse.Namespace) -> int:
    from app.services.context import require_campaign
    from app.store.campaigns import list_units

    units = list_units(store, require_campaign(store).id)
    OUT.result(
        {"units": units},
        lambda: OUT.say(table(
            [OUT.t("col.unit"), OUT.t("col.deadline"), OUT.t("col.households")],
            [(u["name"], u["deadline"] or "-", u["households"]) for u in units], right=(2,))),
    )  # fmt: skip
    return 0


# --- roster import ------------------------------------------------------------------------------


def cmd_roster_import(store: Store, a: argparse.Namespace) -> int:
    bar = TextProgress(OUT.t("cli.importing"))
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
             "reason": rosters.problem_text(p, OUT.lang)} for p in r.rejected
        ],
        "duplicates": [
            {"row": d.row, "id_number_masked": d.id_number_masked, "first_seen": d.first_seen,
             "first_seen_file": d.first_seen_file, "first_seen_unit": d.first_seen_unit,
             "reason": rosters.problem_text(d, OUT.lang)} for d in r.duplicates
        ],
        "warnings": [
            {"row": p.row, "column": p.column, "value": p.value,
             "reason": rosters.problem_text(p, OUT.lang)} for p in r.warnings
        ],
    }  # fmt: skip
    OUT.result(report, lambda: _print_import(r, report))
    return 0 if r.applied else 1


def cmd_roster_history(store: Store, a: argparse.Namespace) -> int:
    imports = rosters.import_history(store)
    OUT.result(
        {"imports": imports},
        lambda: OUT.say(table(
            [OUT.t("col.time"), OUT.t("col.file"), OUT.t("col.unit"), OUT.t("col.by"),
             OUT.t("col.added"), OUT.t("col.updated"), OUT.t("col.unchanged"),
             OUT.t("col.rejected"), OUT.t("col.duplicates")],
            [(i["at"][:16].replace("T", " "), i["file"], i["unit"],
              i["by"], i["added"], i["updated"], i["unchanged"], i["rejected"],
              i["duplicates"]) for i in imports], right=(4, 5, 6, 7, 8))
            if imports else OUT.t("cli.no_history")),
    )  # fmt: skip
    return 0

def _print_import(r: rosters.RosterImport, report: dict[str, Any]) -> None:
    OUT.say(OUT.t("cli.import_file", file=r.file, unit=r.unit))
    OUT.say(OUT.t("cli.import_counts", imported=report["imported"], updated=report["updated"],
                  unchanged=r.unchanged, rejected=r.rejected_rows,
                  duplicates=len(r.duplicates)))  # fmt: skip
    if r.rejected:
        OUT.say()
        OUT.say(OUT.t("cli.rejected_head"))
        for p in report["rejected"]:
            OUT.say(OUT.t("cli.problem_line", row=p["row"], column=p["column"] or "-",
                          value=p["value"], reason=p["reason"]))  # fmt: skip
    if r.duplicates:
        OUT.say()
        OUT.say(OUT.t("cli.duplicates_head"))
        for d in report["duplicates"]:
            OUT.say(OUT.t("cli.duplicate_line", row=d["row"], id=d["id_number_masked"],
                          reason=d["reason"]))  # fmt: skip
    if r.warnings:
        OUT.say()
        OUT.say(OUT.t("cli.warnings_head"))
        for p in report["warnings"]:
            # Row 0 is the whole file (a late unit), not a row of it.
            line = "cli.warning_line" if p["row"] else "cli.warning_file"
            OUT.say(OUT.t(line, row=p["row"], reason=p["reason"]))
    OUT.say()
    OUT.say(OUT.t("cli.import_applied") if r.applied else OUT.t("cli.import_refused"))


def cmd_budget(store: Store, a: argparse.Namespace) -> int:
    b = budget_service.compute_budget(store)
    if a.xlsx:
        budget_service.write_budget(Path(a.xlsx), b, lang=OUT.lang)
    obj = {
        "categories": [{"code": x.code, "name": x.name, "count": x.count, "cash_fen": x.cash_fen,
                        "goods_fen": x.goods_fen, "subtotal_fen": x.subtotal_fen}
                       for x in b.lines],
        "other_costs": [{"name": n, "amount_fen": f} for n, f in b.other_costs],
        "other_costs_fen": b.other_costs_fen,
        "total_fen": b.total_fen,
        "uncategorised_households": b.uncategorised,
    }  # fmt: skip
    if a.xlsx:
        obj["file"] = str(Path(a.xlsx).resolve())

    def human() -> None:
        rows: list[Sequence[object]] = [
            (x.code, x.name, x.count, format_fen(x.cash_fen), format_fen(x.goods_fen),
             format_fen(x.subtotal_fen)) for x in b.lines
        ]  # fmt: skip
        rows += [("", n, "", "", "", format_fen(f)) for n, f in b.other_costs]
        rows.append(("", OUT.t("col.total"), b.households, "", "", format_fen(b.total_fen)))
        OUT.say(table(
            [OUT.t("col.code"), OUT.t("col.category"), OUT.t("col.households"),
             OUT.t("col.cash"), OUT.t("col.goods_value"), OUT.t("col.subtotal")],
            rows, right=(2, 3, 4, 5)))  # fmt: skip
        if b.uncategorised:
            OUT.say(OUT.t("cli.uncategorised", n=b.uncategorised))
        if a.xlsx:
            OUT.say(OUT.t("cli.written", file=obj["file"]))

    OUT.result(obj, human)
    return 0


# --- the window -----------------------------------------------------------------------------


def cmd_lock_minutes(store: Store, a: argparse.Namespace) -> int:
    from app.services import team_lock

    if a.minutes is not None:
        team_lock.set_idle_minutes(store, a.minutes)
    minutes = team_lock.idle_minutes(store)
    OUT.result({"minutes": minutes},
               lambda: OUT.say(OUT.t("cli.lock_minutes", minutes=minutes)))  # fmt: skip
    return 0


def cmd_gui(store: Store, a: argparse.Namespace) -> int:
    """Opens the team window for this database (Qt is imported only here)."""
    try:
        width, height = (int(x) for x in a.size.lower().split("x"))
    except ValueError:
        raise argparse.ArgumentTypeError(OUT.t("cli.bad_size", value=a.size)) from None
    from app.ui.app import run_gui

    path = store.path
    store.close()  # the window opens its own connection
    shot = Path(a.screenshot) if a.screenshot else None
    code = run_gui(path or Path(":memory:"), lang=OUT.lang, screenshot=shot, size=(width, height))
    if shot is not None and code == 0:
        OUT.result({"file": str(shot.resolve())},
                   lambda: OUT.say(OUT.t("cli.written", file=shot.resolve())))  # fmt: skip
    return code


# --- demo ---------------------------------------------------------------------------------------


def cmd_demo(store: Store, a: argparse.Namespace) -> int:
    from app.domain.errors import InvalidInput
    from app.services.demo import make_demo
    from app.services.demo_team import DEMO_PIN, make_team_laptop
    from app.services.search import has_campaign, household_count

    if a.team_laptop and has_campaign(store) and household_count(store):
        result = None  # the central demo exists: only the laptop is made
    else:
        bar = TextProgress(OUT.t("cli.demo_making"))
        try:
            result = make_demo(
                store, households=a.households, seed=a.seed,
                csv_out=Path(a.csv) if a.csv else None,
                xlsx_out=Path(a.xlsx) if a.xlsx else None, progress=bar,
            )  # fmt: skip
        finally:
            bar.finish()
    laptop = Path(a.team_laptop) if a.team_laptop else None
    if laptop is not None:
        if laptop.exists():
            raise InvalidInput("demo.laptop_exists", file=str(laptop))
        make_team_laptop(store, laptop)
    count = result.households if result else household_count(store)
    files = list(result.files) if result else []

    def human() -> None:
        if result is not None:
            OUT.say(OUT.t("cli.demo_done", n=count, db=store.path, files="、".join(files) or "-"))
        if laptop is not None:
            OUT.say(OUT.t("cli.demo_laptop", db=laptop, pin=DEMO_PIN))

    OUT.result({"db": str(store.path), "households": count, "files": files,
                "team_laptop": str(laptop) if laptop else None}, human)  # fmt: skip
    return 0


# --- parser -------------------------------------------------------------------------------------


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(OUT.t("cli.bad_date", value=text)) from None


def bundles_env() -> str:
    from app.services.bundles import CREDENTIAL_ENV

    return CREDENTIAL_ENV


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="warmvisit", description="送温暖走访 WarmVisit")
    p.add_argument("--db", help="database file (default: the user's data folder)")
    p.add_argument("--json", action="store_true", help="print one JSON object on stdout")
    p.add_argument("--lang", choices=("zh", "en"), help="message language (default zh)")
    p.add_argument("--debug", action="store_true", help="show tracebacks of unexpected errors")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")

    def command(parent: Any, name: str, handler: Handler, help_text: str) -> Any:
        cp = parent.add_parser(name, help=help_text)
        cp.set_defaults(handler=handler)
        return cp

    campaign = sub.add_parser("campaign", help="慰问活动 campaign").add_subparsers(
        dest="sub", metavar="ACTION", required=True
    )
    c = command(campaign, "init", cmd_campaign_init, "create the campaign")
    c.add_argument("--name", required=True)
    c.add_argument("--organizer", required=True)
    c.add_argument("--start", required=True, type=_date)
    c.add_argument("--end", required=True, type=_date)
    c.add_argument("--min-living", required=True, help="低保标准, yuan per person per month")
    c.add_argument("--rule1-pct", type=int, default=150)
    c.add_argument("--rule2-pct", type=int, default=200)
    c.add_argument("--rule3-pct", type=int, default=300)
    c.add_argument("--hardship-cost", default="20000", help="rule (四) threshold, yuan")
    command(campaign, "show", cmd_campaign_show, "show the campaign")

    category = sub.add_parser("category", help="慰问类别 categories").add_subparsers(
        dest="sub", metavar="ACTION", required=True
    )
    c = command(category, "add", cmd_category_add, "add a category")
    c.add_argument("--code", required=True)
    c.add_argument("--name", required=True)
    c.add_argument("--cash", required=True, help="cash standard, yuan")
    c.add_argument("--goods", help="goods description")
    c.add_argument("--goods-value", help="goods value, yuan")
    command(category, "list", cmd_category_list, "list categories")

    cost = sub.add_parser("cost", help="其他费用 other costs").add_subparsers(
        dest="sub", metavar="ACTION", required=True
    )
    c = command(cost, "add", cmd_cost_add, "add an other cost")
    c.add_argument("--name", required=True)
    c.add_argument("--amount", required=True, help="yuan")

    unit = sub.add_parser("unit", help="报送单位 units").add_subparsers(
        dest="sub", metavar="ACTION", required=True
    )
    c = command(unit, "set", cmd_unit_set, "set a unit's submission deadline")
    c.add_argument("--name", required=True)
    c.add_argument("--deadline", type=_date)
    command(unit, "list", cmd_unit_list, "list units")

    roster = sub.add_parser("roster", help="名单 rosters").add_subparsers(
        dest="sub", metavar="ACTION", required=True
    )
    c = command(roster, "import", cmd_roster_import, "import a roster (CSV or XLSX)")
    c.add_argument("file")
    c.add_argument("--unit", help="the unit that sent the roster")
    c.add_argument("--skip-invalid", action="store_true", help="import the good rows anyway")
    c.add_argument("--map", action="append", metavar="列名=field", help="column mapping")
    command(roster, "history", cmd_roster_history,
            "the roster files imported: when, by whom, what each changed")  # fmt: skip

    household = sub.add_parser("household", help="慰问对象 households").add_subparsers(
        dest="sub", metavar="ACTION", required=True
    )
    c = command(household, "list", hh.cmd_household_list, "list households")
    c.add_argument("--status")
    c.add_argument("--category")
    c.add_argument("--unit")
    c.add_argument("--search")
    c = command(household, "show", hh.cmd_household_show, "show one household")
    c.add_argument("id_number")
    c = command(household, "set-status", hh.cmd_household_set_status, "set application status")
    c.set_defaults(extras_dest="id_numbers")
    c.add_argument("status")
    c.add_argument("id_numbers", nargs="*")
    c.add_argument("--all", action="store_true")
    c.add_argument("--unit")
    c.add_argument("--reason", default="")
    c = command(household, "add-member", hh.cmd_household_add_member, "record a family member")
    c.add_argument("id_number")
    c.add_argument("--name", required=True)
    c.add_argument("--relation", required=True)
    c.add_argument("--id", dest="member_id")
    c.add_argument("--health")
    c.add_argument("--income", help="monthly income, yuan")
    c.add_argument("--married", choices=("yes", "no", "是", "否"))
    c.add_argument("--school", help="school or employer")
    c = command(household, "materials", hh.cmd_household_materials, "materials checklist")
    c.add_argument("id_number")
    c.add_argument("--received", nargs="+", metavar="MATERIAL")
    c.add_argument("--missing", nargs="+", metavar="MATERIAL")
    c.add_argument("--date", type=_date)
    c = command(household, "override", hh.cmd_household_override, "override eligibility")
    c.add_argument("id_number")
    c.add_argument("--rule", required=True, help="一 二 三 四, or none")
    c.add_argument("--reason", required=True)

    c = command(sub, "eligibility", hh.cmd_eligibility, "who qualifies under which rule")
    c.add_argument("--review-only", action="store_true")
    c = command(sub, "budget", cmd_budget, "counts and sums per category")
    c.add_argument("--xlsx", help="also write the budget as XLSX")
    team = sub.add_parser("team", help="慰问组 teams").add_subparsers(
        dest="sub", metavar="ACTION", required=True
    )
    c = command(team, "add", tm.cmd_team_add, "add a visit team")
    c.add_argument("--code", required=True)
    c.add_argument("--name", required=True)
    c.add_argument("--leader", required=True)
    c.add_argument("--members", help="names separated by commas")
    c.add_argument("--area", help="streets the team covers, e.g. 新港街道、大沽街道")
    c.add_argument("--phone")
    command(team, "list", tm.cmd_team_list, "teams with their household counts")
    c = command(team, "schedule", tm.cmd_team_schedule, "the team schedule (分组安排表)")
    c.add_argument("--xlsx", help="write it as XLSX, one sheet per team")
    c = command(sub, "assign", tm.cmd_assign, "assign confirmed households to teams")
    c.add_argument("--by", choices=("area", "unit", "balanced"))
    c.add_argument("--teams", help="team codes, comma-separated (default: all)")
    c.add_argument("--team", help="assign by hand to this team")
    c.add_argument("--household", nargs="+", metavar="ID_NUMBER")
    c.add_argument("--date", type=_date, help="planned visit date")
    bundle = sub.add_parser("bundle", help="U盘数据包 bundles").add_subparsers(
        dest="sub", metavar="ACTION", required=True
    )
    c = command(bundle, "export", bd.cmd_bundle_export,
                "central: a team's assignment bundle; team laptop: the result bundle")  # fmt: skip
    c.add_argument("--team", help="team code (central office)")
    c.add_argument("--out", required=True, help="folder to write to (the USB stick)")
    c.add_argument("--float", help="cash float handed to the team, yuan")
    c = command(bundle, "import", bd.cmd_bundle_import,
                "start/update a team laptop, or merge results at the office")  # fmt: skip
    c.add_argument("files", nargs="+", metavar="FILE")
    c.add_argument("--credential", help=f"the team credential (or ${bundles_env()})")
    command(bundle, "history", bd.cmd_bundle_history,
            "the bundles written and read here, and why one went to quarantine")  # fmt: skip
    visits = sub.add_parser("visits", help="走访记录 visits").add_subparsers(
        dest="sub", metavar="ACTION", required=True
    )
    c = command(visits, "import", bd.cmd_visits_import, "enter visits from a paper sheet")
    c.add_argument("file")
    c.add_argument("--map", action="append", metavar="列名=field", help="column mapping")
    c = command(visits, "receive-slip", bd.cmd_visits_receive_slip,
                "the paper slip of a fingerprint signature is in (clears 待收回纸质凭证)")
    c.add_argument("id_number")
    command(sub, "progress", bd.cmd_progress, "per-team progress")
    command(sub, "flags", bd.cmd_flags, "what needs a person: double payments and more")
    device = sub.add_parser("device", help="电脑 laptops").add_subparsers(
        dest="sub", metavar="ACTION", required=True
    )
    command(device, "list", bd.cmd_device_list, "laptops known here")
    c = command(device, "revoke", bd.cmd_device_revoke, "refuse a lost laptop's bundles")
    c.add_argument("device", help="device id (or its first characters)")
    c.add_argument("--reason", required=True)
    c = command(sub, "lock-minutes", cmd_lock_minutes,
                "the team window's idle lock: show it, or set it (2–15 minutes)")
    c.add_argument("minutes", nargs="?", type=int)
    c = command(sub, "gui", cmd_gui, "open the team window (or save a screenshot of it)")
    c.add_argument("--screenshot", help="save the first screen as PNG and exit")
    c.add_argument("--size", default="1366x768", help="window size, e.g. 1366x768")
    c = command(sub, "demo", cmd_demo, "make a demo campaign")
    c.add_argument("--households", type=int, default=200)
    c.add_argument("--seed", type=int, default=1)
    c.add_argument("--csv", help="write the demo roster as CSV instead of importing it")
    c.add_argument("--xlsx", help="write the demo roster as XLSX instead of importing it")
    c.add_argument("--team-laptop", metavar="FILE",
                   help="also start a demo team laptop database (team T1) at FILE")
    pr.add_commands(sub, command)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    configure_console()
    try:
        return _main(list(sys.argv[1:] if argv is None else argv))
    except KeyboardInterrupt:
        return say_interrupted(OUT.lang, after_write=INTERRUPTS.after_write)


def _main(argv: list[str]) -> int:
    # --lang first, so that argparse's own refusals (a bad date) speak the chosen language.
    early = argparse.ArgumentParser(add_help=False)
    early.add_argument("--lang", choices=("zh", "en"))
    early_lang = early.parse_known_args(argv)[0].lang if "--lang" in " ".join(argv) else None
    OUT.set(False, early_lang or messages.current_language())
    parser = build_parser()
    args, extras = parser.parse_known_args(argv)
    if extras:
        # ID numbers may follow the options too (set-status 公示 --reason … ID…).
        dest = getattr(args, "extras_dest", None)
        if dest is None or any(x.startswith("-") for x in extras):
            parser.error(f"unrecognized arguments: {' '.join(extras)}")
        setattr(args, dest, [*getattr(args, dest), *extras])
    lang = OUT.lang
    OUT.set(args.json, lang)
    handler: Handler | None = getattr(args, "handler", None)
    if handler is None:
        # No command: open the window (issue 4), with the default size and no screenshot.
        args.screenshot, args.size, handler = None, "1366x768", cmd_gui
    db_path = Path(args.db) if args.db else default_db_path()
    try:
        with Store(db_path) as store:
            INTERRUPTS.watch(store.conn)
            return handler(store, args)
    except Cancelled:
        return 1
    except BrokenPipeError:
        # `warmvisit … | head` closed the pipe: not an error for the clerk.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except WarmVisitError as e:
        print(messages.render(e, lang), file=sys.stderr)
        return 1
    except Exception:
        if args.debug:
            raise
        place = log_path()
        logging.basicConfig(filename=place, level=logging.ERROR)
        logging.getLogger("warmvisit").error("unexpected error\n%s", traceback.format_exc())
        print(messages.text("unexpected", lang, log=place), file=sys.stderr)
        return 2
