"""Command handlers for households after import: list, show, status, members, materials,
overrides and eligibility."""

from __future__ import annotations

import argparse

from app.cli_output import OUT, table
from app.domain.money import format_fen
from app.services import households
from app.services.eligibility import evaluate_eligibility
from app.store.db import Store

# --- households ---------------------------------------------------------------------------------


def cmd_household_list(store: Store, a: argparse.Namespace) -> int:
    found = households.list_households(
        store, status=a.status, category=a.category, unit=a.unit, search=a.search
    )
    OUT.result(
        {"households": [{"id": h.id, "name": h.name, "id_number": h.id_number, "unit": h.unit,
                         "category": h.category or None, "status": h.status} for h in found]},
        lambda: (
            OUT.say(table(
                [OUT.t("col.name"), OUT.t("col.id_masked"), OUT.t("col.unit"),
                 OUT.t("col.employer"), OUT.t("col.category"), OUT.t("col.status")],
                [(h.name, h.id_number_masked, h.unit, h.employer, h.category or "-", h.status)
                 for h in found])),
            OUT.say(OUT.t("cli.count_households", n=len(found))),
        ),
    )  # fmt: skip
    return 0


def cmd_household_show(store: Store, a: argparse.Namespace) -> int:
    from app.domain.id_number import mask_id

    d = households.show_household(store, a.id_number)
    h = d.household
    obj = {"household": h, "members": d.members, "materials": d.materials,
           "status_history": d.status_history}  # fmt: skip

    def human() -> None:
        OUT.say(OUT.t("cli.household_head", name=h["name"], id=mask_id(h["id_number"]),
                      sex=h["sex"], unit=h["unit"], status=h["status"]))  # fmt: skip
        income = h["monthly_income_fen"]
        OUT.say(OUT.t("cli.household_facts", employer=h["employer"] or "-",
                      address=h["address"] or "-", size=h["household_size"] or "-",
                      income=format_fen(income) if income is not None else "-",
                      causes=h["causes"] or "-",
                      category=h["category_name"] or h["category_label"] or "-"))  # fmt: skip
        for m in d.members:
            OUT.say(OUT.t("cli.member_line", name=m["name"], relation=m["relation"],
                          health=m["health"] or "-"))  # fmt: skip
        from app.domain.campaign import MATERIALS

        for material in MATERIALS:
            got = d.materials.get(material)
            OUT.say(f"  [{'x' if got else ' '}] {material} {got or ''}".rstrip())

    OUT.result(obj, human)
    return 0


def cmd_household_set_status(store: Store, a: argparse.Namespace) -> int:
    moved = households.set_status(
        store, a.status, everyone=a.all, unit=a.unit, id_numbers=a.id_numbers, reason=a.reason
    )
    OUT.result(
        {"status": a.status, "changed": moved},
        lambda: OUT.say(OUT.t("cli.status_set", n=moved, status=a.status)),
    )
    return 0


def cmd_household_add_member(store: Store, a: argparse.Namespace) -> int:
    married = {"yes": True, "no": False, "是": True, "否": False}.get(a.married or "")
    member_id = households.add_member(
        store, a.id_number, name=a.name, relation=a.relation, id_number=a.member_id or "",
        health=a.health or "", income=a.income or "", married=married,
        school_or_employer=a.school or "",
    )  # fmt: skip
    OUT.result({"member_id": member_id}, lambda: OUT.say(OUT.t("cli.member_added", name=a.name)))
    return 0


def cmd_household_materials(store: Store, a: argparse.Namespace) -> int:
    checklist = households.set_materials(
        store, a.id_number, received=a.received or (), missing=a.missing or (), on=a.date
    )
    from app.domain.campaign import MATERIALS

    OUT.result(
        {"materials": {m: checklist.get(m) for m in MATERIALS}},
        lambda: [OUT.say(f"[{'x' if m in checklist else ' '}] {m} {checklist.get(m, '')}".rstrip())
                 for m in MATERIALS],
    )  # fmt: skip
    return 0


def cmd_household_override(store: Store, a: argparse.Namespace) -> int:
    rule = None if a.rule.lower() in ("none", "无", "不符合") else a.rule
    households.override_eligibility(store, a.id_number, rule=rule, reason=a.reason)
    OUT.result(
        {"id_number": a.id_number, "rule": rule, "reason": a.reason},
        lambda: OUT.say(OUT.t("cli.override_set", rule=rule or "-", reason=a.reason)),
    )
    return 0


def cmd_eligibility(store: Store, a: argparse.Namespace) -> int:
    rows = evaluate_eligibility(store, review_only=a.review_only, lang=OUT.lang)

    def human() -> None:
        from app.domain.id_number import mask_id

        OUT.say(table(
            [OUT.t("col.name"), OUT.t("col.id_masked"), OUT.t("col.size"),
             OUT.t("col.per_capita"), OUT.t("col.rule"), OUT.t("col.reason")],
            [(r.name, mask_id(r.id_number), r.size,
              format_fen(r.per_capita_fen) if r.per_capita_fen is not None else "-",
              f"({r.rule})" if r.rule else OUT.t("cli.review"), r.reason) for r in rows],
            right=(2, 3)))  # fmt: skip
        review = sum(1 for r in rows if not r.rule)
        OUT.say(OUT.t("cli.eligibility_counts", n=len(rows), review=review))

    OUT.result(
        {"households": [{"id": r.id, "id_number": r.id_number, "name": r.name,
                         "per_capita_fen": r.per_capita_fen, "rule": r.rule,
                         "review_reason": r.review_reason, "household_size": r.size,
                         "size_source": r.size_source, "overridden": r.overridden}
                        for r in rows]},
        human,
    )  # fmt: skip
    return 0
