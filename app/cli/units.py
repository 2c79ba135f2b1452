"""Reporting units: ``unit set`` (kind, quota, deadline; one unit or every unit of a kind),
``unit list``, and the households a roster brought over quota or late: ``unit marks`` and
``unit decide`` (accept with a reason, or forfeit)."""

from __future__ import annotations

import argparse
from typing import Any

from app.cli.args import Subparsers, command, group, iso_date
from app.cli.decisions import mark_json, say_marks
from app.cli.output import OUT, table
from app.domain.decisions import Mark, MarkDecision
from app.i18n import label
from app.services.campaign import units
from app.services.rosters import marks
from app.store.db import Store


def register(sub: Subparsers) -> None:
    unit = group(sub, "unit", "报送单位 units")
    c = command(unit, "set", cmd_unit_set, "a unit's kind, quota and deadline, or a kind's")
    c.add_argument("--name", help="the unit; without it, every unit of --kind")
    c.add_argument("--kind", help="镇/工业区 (town) or 系统/产业 (sector)")
    quota = c.add_mutually_exclusive_group()
    quota.add_argument("--quota", type=int, help="households at most")
    quota.add_argument("--no-quota", action="store_true")
    deadline = c.add_mutually_exclusive_group()
    deadline.add_argument("--deadline", type=iso_date)
    deadline.add_argument("--no-deadline", action="store_true")
    command(unit, "list", cmd_unit_list, "list units")
    c = command(unit, "marks", cmd_unit_marks, "households over quota or late, to decide")
    c.add_argument("--name", help="the unit")
    _mark_options(c)
    c = command(unit, "decide", cmd_unit_decide, "accept or forfeit households over quota or late")
    c.set_defaults(extras_dest="households")
    choice = c.add_mutually_exclusive_group(required=True)
    choice.add_argument("--accept", action="store_true", help="accept, with --reason")
    choice.add_argument("--forfeit", action="store_true", help="视为放弃: they become 不予")
    c.add_argument("households", nargs="*", metavar="HOUSEHOLD")
    c.add_argument("--name", help="the unit")
    c.add_argument("--reason", default="")
    c.add_argument("--dry-run", action="store_true", help="list what would be decided")
    _mark_options(c)


def _mark_options(c: argparse.ArgumentParser) -> None:
    kind = c.add_mutually_exclusive_group()
    kind.add_argument("--late", dest="mark", action="store_const", const=Mark.LATE)
    kind.add_argument("--over-quota", dest="mark", action="store_const", const=Mark.OVER_QUOTA)


def _unit_json(u: units.Unit) -> dict[str, Any]:
    return {
        "name": u.name,
        "kind": u.kind.value if u.kind else None,
        "quota": u.quota,
        "deadline": u.deadline.isoformat() if u.deadline else None,
        "households": u.households,
        "counted": u.counted,
        "open_marks": u.open_marks,
    }


def cmd_unit_set(store: Store, a: argparse.Namespace) -> int:
    quota = None if a.no_quota else units.KEEP if a.quota is None else a.quota
    deadline = None if a.no_deadline else units.KEEP if a.deadline is None else a.deadline
    done = units.set_units(store, name=a.name, kind=a.kind, quota=quota, deadline=deadline)

    def human() -> None:
        for u in done:
            OUT.say(OUT.text("cli.unit_line", unit=u.name, kind=label(u.kind) if u.kind else "-",
                             quota="-" if u.quota is None else u.quota,
                             deadline=u.deadline.isoformat() if u.deadline else "-"))  # fmt: skip

    OUT.result({"units": [_unit_json(u) for u in done]}, human)
    return 0


def cmd_unit_list(store: Store, a: argparse.Namespace) -> int:
    found = units.list_units(store)
    OUT.result(
        {"units": [_unit_json(u) for u in found]},
        lambda: OUT.say(table(
            [OUT.text("col.unit"), OUT.text("col.unit_kind"), OUT.text("col.quota"),
             OUT.text("col.deadline"), OUT.text("col.households"), OUT.text("col.counted"),
             OUT.text("col.open_marks")],
            [(u.name, label(u.kind) if u.kind else "-", "-" if u.quota is None else u.quota,
              u.deadline.isoformat() if u.deadline else "-", u.households, u.counted,
              u.open_marks) for u in found], right=(2, 4, 5, 6))),
    )  # fmt: skip
    return 0


def cmd_unit_marks(store: Store, a: argparse.Namespace) -> int:
    found = marks.open_marks(store, unit=a.name, mark=a.mark)

    def human() -> None:
        if found:
            say_marks(found)
        else:
            OUT.say(OUT.text("cli.marks_none"))

    OUT.result({"marks": [mark_json(m) for m in found]}, human)
    return 0


def cmd_unit_decide(store: Store, a: argparse.Namespace) -> int:
    decision = MarkDecision.ACCEPT if a.accept else MarkDecision.FORFEIT
    if a.dry_run:
        found = marks.open_marks(store, unit=a.name, mark=a.mark, households=a.households)

        def preview() -> None:
            if found:
                say_marks(found)
            else:
                OUT.say(OUT.text("cli.marks_none"))
            OUT.say(OUT.text("cli.status_dry_run"))

        OUT.result({"decision": decision.value, "applied": False,
                    "marks": [mark_json(m) for m in found]}, preview)  # fmt: skip
        return 0
    done = marks.decide_marks(store, decision=decision, unit=a.name, mark=a.mark,
                              households=a.households, reason=a.reason)  # fmt: skip
    n = len({m.household_id for m in done.marks})
    OUT.result(
        {"decision": decision.value, "applied": True, "declined": done.declined,
         "marks": [mark_json(m) for m in done.marks]},
        lambda: OUT.say(OUT.text("cli.marks_decided", n=n, decision=decision,
                                 declined=done.declined)),
    )  # fmt: skip
    return 0
