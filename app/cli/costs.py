"""The budget's changing lines: ``cost add|set|remove|list`` (other costs, budgeted and spent)
and ``category set|history`` (a category's standard), each change kept with its reason."""

from __future__ import annotations

import argparse
from typing import Any

from app.cli.args import Subparsers, command, group
from app.cli.output import OUT, table
from app.domain.campaign import OtherCost
from app.domain.money import format_fen
from app.services.campaign import revisions
from app.store.db import Store


def register(sub: Subparsers) -> None:
    cost = group(sub, "cost", "其他费用 other costs")
    c = command(cost, "add", cmd_cost_add, "add an other cost line")
    c.add_argument("--name", required=True)
    c.add_argument("--amount", required=True, help="budgeted, yuan")
    c = command(cost, "set", cmd_cost_set, "change a line's budget or enter what was spent")
    c.add_argument("--name", required=True)
    c.add_argument("--amount", help="budgeted, yuan")
    c.add_argument("--actual", help="spent, yuan")
    c.add_argument("--reason", default="", help="why (needed to change a line)")
    c = command(cost, "remove", cmd_cost_remove, "take a line out of the budget (kept in history)")
    c.add_argument("--name", required=True)
    c.add_argument("--reason", required=True)
    c = command(cost, "list", cmd_cost_list, "the lines in force, or --history every revision")
    c.add_argument("--history", action="store_true")


def register_standard_changes(category: Any) -> None:
    """``category set`` and ``category history`` on the ``category`` group."""
    c = command(category, "set", cmd_category_set, "change a category's standard (with a reason)")
    c.add_argument("--code", required=True, help="the category's code (or name)")
    c.add_argument("--cash", help="cash standard, yuan")
    c.add_argument("--goods", help="goods description")
    c.add_argument("--goods-value", help="goods value, yuan")
    c.add_argument("--reason", required=True)
    command(category, "history", cmd_category_history, "every change of a standard")


def _line_json(line: OtherCost) -> dict[str, Any]:
    return {"name": line.name, "amount_fen": line.amount_fen, "actual_fen": line.actual_fen}


def _actual(line: OtherCost) -> str:
    return format_fen(line.actual_fen) if line.actual_fen is not None else "-"


def cmd_cost_add(store: Store, a: argparse.Namespace) -> int:
    line = revisions.add_cost(store, name=a.name, amount=a.amount)
    OUT.result(
        {"name": line.name, "amount_fen": line.amount_fen},
        lambda: OUT.say(OUT.text("cli.cost_added", name=line.name,
                                 amount=format_fen(line.amount_fen))),
    )  # fmt: skip
    return 0


def cmd_cost_set(store: Store, a: argparse.Namespace) -> int:
    line = revisions.set_cost(store, name=a.name, amount=a.amount, actual=a.actual,
                              reason=a.reason)  # fmt: skip
    OUT.result(
        _line_json(line),
        lambda: OUT.say(OUT.text("cli.cost_set", name=line.name,
                                 amount=format_fen(line.amount_fen), actual=_actual(line))),
    )  # fmt: skip
    return 0


def cmd_cost_remove(store: Store, a: argparse.Namespace) -> int:
    line = revisions.remove_cost(store, name=a.name, reason=a.reason)
    OUT.result({"name": line.name, "removed": True},
               lambda: OUT.say(OUT.text("cli.cost_removed", name=line.name)))  # fmt: skip
    return 0


def cmd_cost_list(store: Store, a: argparse.Namespace) -> int:
    if a.history:
        history = revisions.cost_history(store)
        OUT.result(
            {"revisions": [{**_line_json(OtherCost(r.name, r.amount_fen, r.actual_fen)),
                            "removed": r.removed, "reason": r.reason,
                            "at": r.at.isoformat(), "by": r.by} for r in history]},
            lambda: OUT.say(table(
                [OUT.text("col.time"), OUT.text("col.cost"), OUT.text("col.budget"),
                 OUT.text("col.spent"), OUT.text("col.why_changed"), OUT.text("col.by")],
                [(f"{r.at:%Y-%m-%d %H:%M}", r.name + (OUT.text("cli.removed_mark")
                                                      if r.removed else ""),
                  format_fen(r.amount_fen), "-" if r.actual_fen is None else
                  format_fen(r.actual_fen), r.reason or "-", r.by) for r in history],
                right=(2, 3))),
        )  # fmt: skip
        return 0
    lines = revisions.list_costs(store)
    OUT.result(
        {"costs": [_line_json(line) for line in lines],
         "amount_fen": sum(line.amount_fen for line in lines),
         "actual_fen": sum(line.actual_fen or 0 for line in lines)},
        lambda: OUT.say(table(
            [OUT.text("col.cost"), OUT.text("col.budget"), OUT.text("col.spent")],
            [(line.name, format_fen(line.amount_fen), _actual(line)) for line in lines]
            + [(OUT.text("col.total"), format_fen(sum(x.amount_fen for x in lines)),
                format_fen(sum(x.actual_fen or 0 for x in lines)))], right=(1, 2))),
    )  # fmt: skip
    return 0


def cmd_category_set(store: Store, a: argparse.Namespace) -> int:
    change = revisions.change_standard(store, code=a.code, cash=a.cash, goods=a.goods,
                                       goods_value=a.goods_value, reason=a.reason)  # fmt: skip
    cash, goods, goods_fen = change.after
    OUT.result(
        {"code": change.code, "cash_fen": cash, "goods": goods, "goods_fen": goods_fen,
         "before": {"cash_fen": change.before[0], "goods": change.before[1],
                    "goods_fen": change.before[2]}, "reason": change.reason},
        lambda: OUT.say(OUT.text("cli.standard_changed", code=change.code,
                                 cash=format_fen(cash), goods=goods or "-",
                                 goods_value=format_fen(goods_fen))),
    )  # fmt: skip
    return 0


def cmd_category_history(store: Store, a: argparse.Namespace) -> int:
    changes = revisions.standard_changes(store)
    OUT.result(
        {"changes": [{"code": c.code, "at": c.at.isoformat(), "by": c.by, "reason": c.reason,
                      "before": dict(zip(("cash_fen", "goods", "goods_fen"), c.before,
                                         strict=True)),
                      "after": dict(zip(("cash_fen", "goods", "goods_fen"), c.after,
                                        strict=True))} for c in changes]},
        lambda: OUT.say(table(
            [OUT.text("col.time"), OUT.text("col.code"), OUT.text("col.before"),
             OUT.text("col.after"), OUT.text("col.why_changed"), OUT.text("col.by")],
            [(f"{c.at:%Y-%m-%d %H:%M}", c.code,
              f"{format_fen(c.before[0])} + {format_fen(c.before[2])}",
              f"{format_fen(c.after[0])} + {format_fen(c.after[2])}", c.reason, c.by)
             for c in changes], right=()) if changes else OUT.text("cli.no_history")),
    )  # fmt: skip
    return 0
