"""How households are to be visited: ``visit-plan show``, ``visit-plan set`` (上门 / 电话 for
households, units or the whole campaign) and ``visit-plan must-reach`` (whether a phone visit
counts as 已慰问 only when the person answered)."""

from __future__ import annotations

import argparse

from app.cli.args import Subparsers, command, group
from app.cli.output import OUT
from app.i18n import listed
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
    c.add_argument("id_numbers", nargs="*", metavar="ID_NUMBER")
    c.add_argument("--unit", action="append", default=[], metavar="NAME")
    c.add_argument("--campaign", action="store_true", help="the campaign's default mode")
    c = command(plans, "must-reach", cmd_plan_must_reach,
                "a phone visit counts only when the person answered: yes or no")  # fmt: skip
    c.add_argument("answer", choices=tuple(_ANSWERS))


def cmd_plan_set(store: Store, a: argparse.Namespace) -> int:
    done = plan.set_planned_mode(store, a.mode, id_numbers=a.id_numbers, units=a.unit,
                                 campaign=a.campaign)  # fmt: skip
    targets = f"（{listed(done.targets, OUT.lang)}）" if done.targets else ""
    OUT.result(
        {"mode": done.mode, "scope": done.scope, "targets": list(done.targets),
         "households": done.households},
        lambda: OUT.say(OUT.text("cli.plan_set", scope=done.scope, mode=done.mode,
                                 targets=targets, n=done.households)),
    )  # fmt: skip
    return 0


def cmd_plan_must_reach(store: Store, a: argparse.Namespace) -> int:
    must = plan.set_phone_must_reach(store, _ANSWERS[a.answer])
    OUT.result({"phone_must_reach": must},
               lambda: OUT.say(_must_reach_line(must)))  # fmt: skip
    return 0


def _must_reach_line(must: bool) -> str:
    return OUT.text("cli.plan_must_reach", answer=OUT.text("cli.yes" if must else "cli.no"))


def cmd_plan_show(store: Store, a: argparse.Namespace) -> int:
    p = plan.visit_plan(store)

    def human() -> None:
        OUT.say(OUT.text("cli.plan_default", mode=p.default_mode))
        OUT.say(_must_reach_line(p.phone_must_reach))
        if p.units:
            OUT.say(OUT.text("cli.plan_units"))
            for unit, mode in p.units:
                OUT.say(OUT.text("cli.plan_line", who=unit, mode=mode))
        if p.households:
            OUT.say(OUT.text("cli.plan_households"))
            for h in p.households:
                OUT.say(OUT.text("cli.plan_line", who=f"{h.name} {h.id_number}", mode=h.mode))
        counts = [OUT.text("cli.plan_count", mode=m, n=n) for m, n in p.counts]
        OUT.say(OUT.text("cli.plan_counts", counts=listed(counts, OUT.lang)))

    OUT.result(
        {"default_mode": p.default_mode, "phone_must_reach": p.phone_must_reach,
         "units": [{"unit": u, "mode": m} for u, m in p.units],
         "households": [{"name": h.name, "id_number": h.id_number, "mode": h.mode}
                        for h in p.households],
         "counts": {str(m): n for m, n in p.counts}},
        human,
    )  # fmt: skip
    return 0
