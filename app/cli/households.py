"""Households after import: ``household …`` (list, show, status, members, materials,
overrides), ``eligibility`` and the ``budget`` their categories add up to."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from dataclasses import fields
from datetime import date, datetime
from enum import StrEnum
from pathlib import Path

from app.cli.args import Subparsers, command, group, iso_date
from app.cli.decisions import mark_json, say_history, say_preview, status_json
from app.cli.output import OUT, table
from app.domain.campaign import MATERIALS
from app.domain.id_number import mask_id
from app.domain.money import format_fen
from app.i18n import label, render
from app.services.campaign import budget as budget_service
from app.services.households import application as households
from app.services.households import status
from app.services.households.eligibility import evaluate_eligibility
from app.store.db import Store


def register(sub: Subparsers) -> None:
    household = group(sub, "household", "慰问对象 households")
    c = command(household, "list", cmd_household_list, "list households")
    c.add_argument("--status")
    c.add_argument("--category")
    c.add_argument("--unit")
    c.add_argument("--search")
    c = command(household, "show", cmd_household_show, "show one household")
    _household_argument(c)
    c = command(household, "set-status", cmd_household_set_status, "set application status")
    c.set_defaults(extras_dest="households")
    c.add_argument("status")
    c.add_argument("households", nargs="*", metavar="HOUSEHOLD",
                   help="ID number, name, or name and ID tail (张三 4698)")  # fmt: skip
    c.add_argument("--all", action="store_true")
    c.add_argument("--unit")
    c.add_argument("--reason", default="")
    c.add_argument("--despite-missing", action="store_true",
                   help="confirm although review or materials are missing")  # fmt: skip
    c.add_argument("--dry-run", action="store_true", help="show what would change, change nothing")
    c = command(household, "reinstate", cmd_household_reinstate, "undo a 不予, with a reason")
    _household_argument(c)
    c.add_argument("--reason", required=True)
    c = command(household, "add-member", cmd_household_add_member, "record a family member")
    _household_argument(c)
    c.add_argument("--name", required=True)
    c.add_argument("--relation", required=True)
    c.add_argument("--id", dest="member_id")
    c.add_argument("--health")
    c.add_argument("--income", help="monthly income, yuan")
    c.add_argument("--married", choices=("yes", "no", "是", "否"))
    c.add_argument("--school", help="school or employer")
    c = command(household, "materials", cmd_household_materials, "materials checklist")
    _household_argument(c)
    c.add_argument("--received", nargs="+", metavar="MATERIAL")
    c.add_argument("--missing", nargs="+", metavar="MATERIAL")
    c.add_argument("--date", type=iso_date)
    c = command(household, "override", cmd_household_override, "override eligibility")
    _household_argument(c)
    c.add_argument("--rule", required=True, help="一 二 三 四, or none")
    c.add_argument("--reason", required=True)

    c = command(sub, "eligibility", cmd_eligibility, "who qualifies under which rule")
    c.add_argument("--review-only", action="store_true")
    c = command(sub, "budget", cmd_budget, "counts and sums per category")
    c.add_argument("--xlsx", help="also write the budget as XLSX")


def _household_argument(c: argparse.ArgumentParser) -> None:
    c.add_argument("household", nargs="+", metavar="HOUSEHOLD",
                   help="ID number, name, or name and ID tail (张三 4698)")  # fmt: skip


def _typed(a: argparse.Namespace) -> str:
    """The household as the clerk named it (张三 4698 may come as two words)."""
    return " ".join(a.household)


def cmd_household_list(store: Store, a: argparse.Namespace) -> int:
    found = households.list_households(
        store, status=a.status, category=a.category, unit=a.unit, search=a.search
    )

    def human() -> None:
        OUT.say(table(
            [OUT.text("col.name"), OUT.text("col.id_masked"), OUT.text("col.unit"),
             OUT.text("col.employer"), OUT.text("col.category"), OUT.text("col.status")],
            [(h.name, h.id_number_masked, h.unit, h.employer, h.category or "-",
              label(h.status)) for h in found]))  # fmt: skip
        OUT.say(OUT.text("cli.count_households", n=len(found)))

    OUT.result(
        {"households": [{"id": h.id, "name": h.name, "id_number": h.id_number, "unit": h.unit,
                         "category": h.category or None, "status": str(h.status)}
                        for h in found]},
        human,
    )  # fmt: skip
    return 0


def _stored(value: object) -> object:
    """A field as the store holds it, for JSON: dates ISO, codes, yes/no as 1/0."""
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, StrEnum):
        return str(value)
    if isinstance(value, bool):
        return int(value)
    return value


def _record(
    value: households.Household | households.Member | households.StatusChangeRecord,
) -> dict[str, object]:
    """Every field of the household, a member or a status change, by name, as stored."""
    return {f.name: _stored(getattr(value, f.name)) for f in fields(value)}


def cmd_household_show(store: Store, a: argparse.Namespace) -> int:
    d = households.show_household(store, _typed(a))
    h = d.household
    obj = {"household": _record(h), "members": [_record(m) for m in d.members],
           "materials": {str(m): day.isoformat() for m, day in d.materials.items()},
           "status_history": [_record(c) for c in d.status_history],
           "marks": [mark_json(m) for m in d.marks]}  # fmt: skip

    def human() -> None:
        OUT.say(OUT.text("cli.household_head", name=h.name, id=mask_id(h.id_number),
                      sex=label(h.sex), unit=h.unit, status=label(h.status)))  # fmt: skip
        income = h.monthly_income_fen
        OUT.say(OUT.text("cli.household_facts", employer=h.employer or "-",
                      address=h.address or "-", size=h.household_size or "-",
                      income=format_fen(income) if income is not None else "-",
                      causes=h.causes or "-",
                      category=h.category_name or h.category_label or "-"))  # fmt: skip
        for m in d.members:
            OUT.say(OUT.text("cli.member_line", name=m.name, relation=m.relation,
                          health=m.health or "-"))  # fmt: skip
        for material in MATERIALS:
            got = d.materials.get(material)
            shown = got.isoformat() if got else ""
            OUT.say(f"  [{'x' if got else ' '}] {label(material)} {shown}".rstrip())
        say_history(d)

    OUT.result(obj, human)
    return 0


def cmd_household_set_status(store: Store, a: argparse.Namespace) -> int:
    done = status.change_status(
        store, status=a.status, everyone=a.all, unit=a.unit, households=a.households,
        reason=a.reason, despite_missing=a.despite_missing, dry_run=a.dry_run,
    )  # fmt: skip
    preview = done.preview
    listed = a.dry_run or bool(a.households)  # households named: each one's fate

    def human() -> None:
        say_preview(preview, listed=listed)
        if preview.blocked is not None:
            return
        if a.dry_run:
            OUT.say(OUT.text("cli.status_dry_run"))
            return
        OUT.say(OUT.text("cli.status_set", n=done.changed, status=done.status))
        if preview.incomplete:
            OUT.say(OUT.text("cli.status_despite", n=len(preview.incomplete)))

    applied = not a.dry_run and preview.blocked is None
    # The JSON lists every household chosen: built only when asked for.
    OUT.result(status_json(preview, done if applied else None) if OUT.json else {}, human)
    if preview.blocked is not None:
        OUT.say_err(render(preview.blocked, OUT.lang))
        return 1
    return 0


def cmd_household_reinstate(store: Store, a: argparse.Namespace) -> int:
    done = status.reinstate_household(store, household=_typed(a), reason=a.reason)
    h = done.household
    OUT.result(
        {"id": h.id, "name": h.name, "id_number": h.id_number, "status": done.status.value,
         "reason": a.reason},
        lambda: OUT.say(OUT.text("cli.reinstated", name=h.name, status=done.status)),
    )  # fmt: skip
    return 0


def cmd_household_add_member(store: Store, a: argparse.Namespace) -> int:
    married = {"yes": True, "no": False, "是": True, "否": False}.get(a.married or "")
    member_id = households.add_member(
        store, _typed(a), name=a.name, relation=a.relation, id_number=a.member_id or "",
        health=a.health or "", income=a.income or "", married=married,
        school_or_employer=a.school or "",
    )  # fmt: skip
    OUT.result({"member_id": member_id}, lambda: OUT.say(OUT.text("cli.member_added", name=a.name)))
    return 0


def cmd_household_materials(store: Store, a: argparse.Namespace) -> int:
    checklist = households.set_materials(
        store, _typed(a), received=a.received or (), missing=a.missing or (), on=a.date
    )
    shown = {m: day.isoformat() for m, day in checklist.items()}

    def human() -> None:
        for m in MATERIALS:
            OUT.say(f"[{'x' if m in shown else ' '}] {label(m)} {shown.get(m, '')}".rstrip())

    OUT.result({"materials": {str(m): shown.get(m) for m in MATERIALS}}, human)
    return 0


def cmd_household_override(store: Store, a: argparse.Namespace) -> int:
    rule = None if a.rule.lower() in ("none", "无", "不符合") else a.rule
    code = households.override_eligibility(store, _typed(a), rule=rule, reason=a.reason)
    OUT.result(
        {"id_number": _typed(a), "rule": code, "reason": a.reason},
        lambda: OUT.say(OUT.text("cli.override_set", rule=code or "-", reason=a.reason)),
    )
    return 0


def cmd_eligibility(store: Store, a: argparse.Namespace) -> int:
    rows = evaluate_eligibility(store, review_only=a.review_only)
    reasons = {r.id: render(r.reason, OUT.lang) for r in rows}

    def human() -> None:
        OUT.say(table(
            [OUT.text("col.name"), OUT.text("col.id_masked"), OUT.text("col.size"),
             OUT.text("col.per_capita"), OUT.text("col.rule"), OUT.text("col.reason")],
            [(r.name, mask_id(r.id_number), r.size,
              format_fen(r.per_capita_fen) if r.per_capita_fen is not None else "-",
              f"({label(r.rule)})" if r.rule else OUT.text("cli.review"), reasons[r.id])
             for r in rows],
            right=(2, 3)))  # fmt: skip
        review = sum(1 for r in rows if not r.rule)
        OUT.say(OUT.text("cli.eligibility_counts", n=len(rows), review=review))

    OUT.result(
        {"households": [{"id": r.id, "id_number": r.id_number, "name": r.name,
                         "per_capita_fen": r.per_capita_fen, "rule": r.rule,
                         "review_reason": reasons[r.id] if r.needs_review else None,
                         "reason": reasons[r.id], "household_size": r.size,
                         "size_source": r.size_source, "overridden": r.overridden}
                        for r in rows]},
        human,
    )  # fmt: skip
    return 0


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
        rows.append(("", OUT.text("col.total"), b.households, "", "", format_fen(b.total_fen)))
        OUT.say(table(
            [OUT.text("col.code"), OUT.text("col.category"), OUT.text("col.households"),
             OUT.text("col.cash"), OUT.text("col.goods_value"), OUT.text("col.subtotal")],
            rows, right=(2, 3, 4, 5)))  # fmt: skip
        if b.uncategorised:
            OUT.say(OUT.text("cli.uncategorised", n=b.uncategorised))
        if a.xlsx:
            OUT.say(OUT.text("cli.written", file=obj["file"]))

    OUT.result(obj, human)
    return 0
