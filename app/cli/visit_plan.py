"""How households are to be visited: ``visit-plan show``, ``visit-plan set`` (上门 / 电话 for
households, units or the whole campaign) and ``visit-plan must-reach`` (whether a phone visit
counts as 已慰问 only when the person answered, for households, units or the campaign)."""

from __future__ import annotations

import argparse

from app.cli.args import Subparsers, command, group
from app.cli.output import OUT
from app.i18n import label, listed
from app.services.visits import plan
from app.store.db import Store

_ANSWERS = {"yes": True, "no": False, "是": True, "否": False}


def register(sub: Subparsers) -> None:
    plans = group(sub, "visit-plan", "计划走访方式 planned visit mode (上门/电话)")
    command(plans, "show", cmd_plan_show,
            "the default mode, units and households with their own, the phone rule")  # fmt: skip
    c = command(plans, "set", cmd_plan_set,
                "the planned mode of households (ID numbers), units or the campaign")  # fmt: skip
    c.set_defaults(extras_dest="id_numbers")
    c.add_argument("mode", help="上门|电话|单位 (home, phone, workplace)")
    c.add_argument("id_numbers", nargs="*", metavar="HOUSEHOLD")
    c.add_argument("--unit", action="append", default=[], metavar="NAME")
    c.add_argument("--campaign", action="store_true", help="the campaign's default mode")
    c = command(plans, "must-reach", cmd_plan_must_reach,
                "a phone visit counts only when the person answered: yes or no, for "
                "households, units or (neither given) the campaign")  # fmt: skip
    c.set_defaults(extras_dest="id_numbers")
    c.add_argument("answer", choices=tuple(_ANSWERS))
    c.add_argument("id_numbers", nargs="*", metavar="HOUSEHOLD")
    c.add_argument("--unit", action="append", default=[], metavar="NAME")


def _report(done: plan.PlanSet) -> dict[str, object]:
    return {"scope": done.scope, "targets": list(done.targets), "households": done.households}


def _targets(done: plan.PlanSet) -> str:
    return f"（{listed(done.targets, OUT.lang)}）" if done.targets else ""


def cmd_plan_set(store: Store, a: argparse.Namespace) -> int:
    done = plan.set_planned_mode(store, a.mode, id_numbers=a.id_numbers, units=a.unit,
                                 campaign=a.campaign)  # fmt: skip
    OUT.result(
        {"mode": done.mode, **_report(done)},
        lambda: OUT.say(OUT.text("cli.plan_set", scope=done.scope, mode=done.mode,
                                 targets=_targets(done), n=done.households)),
    )  # fmt: skip
    return 0


def cmd_plan_must_reach(store: Store, a: argparse.Namespace) -> int:
    done = plan.set_phone_must_reach(store, _ANSWERS[a.answer], id_numbers=a.id_numbers,
                                     units=a.unit)  # fmt: skip
    OUT.result(
        {"phone_must_reach": done.must_reach, **_report(done)},
        lambda: OUT.say(OUT.text("cli.plan_must_reach_set", scope=done.scope,
                                 targets=_targets(done), answer=_answer(done.must_reach),
                                 n=done.households)),
    )  # fmt: skip
    return 0


def _answer(must: bool | None) -> str:
    return OUT.text("cli.yes" if must else "cli.no")


def _own(p: plan.OwnPlan) -> str:
    parts = [] if p.mode is None else [label(p.mode, OUT.lang)]
    if p.must_reach is not None:
        parts.append(OUT.text("cli.plan_reach_yes" if p.must_reach else "cli.plan_reach_no"))
    who = f"{p.name} {p.id_number}" if p.id_number else p.name
    return OUT.text("cli.plan_line", who=who, what=listed(parts, OUT.lang))


def cmd_plan_show(store: Store, a: argparse.Namespace) -> int:
    p = plan.visit_plan(store)

    def human() -> None:
        OUT.say(OUT.text("cli.plan_default", mode=p.default_mode))
        OUT.say(OUT.text("cli.plan_must_reach", answer=_answer(p.phone_must_reach)))
        for head, own in (("cli.plan_units", p.units), ("cli.plan_households", p.households)):
            if own:
                OUT.say(OUT.text(head))
                for one in own:
                    OUT.say(_own(one))
        counts = [OUT.text("cli.plan_count", mode=m, n=n) for m, n in p.counts]
        OUT.say(OUT.text("cli.plan_counts", counts=listed(counts, OUT.lang)))
        if p.phone_not_reached:
            OUT.say(OUT.text("cli.plan_phone_any", n=p.phone_not_reached))

    def own(o: plan.OwnPlan) -> dict[str, object]:
        return {"name": o.name, "id_number": o.id_number, "mode": o.mode,
                "phone_must_reach": o.must_reach}  # fmt: skip

    OUT.result(
        {"default_mode": p.default_mode, "phone_must_reach": p.phone_must_reach,
         "units": [own(u) for u in p.units], "households": [own(h) for h in p.households],
         "counts": {str(m): n for m, n in p.counts},
         "phone_any_answer": p.phone_not_reached},
        human,
    )  # fmt: skip
    return 0
