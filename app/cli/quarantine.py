"""``quarantine``: what the office holds back for a person to decide — a laptop's fork (every
branch side by side, with its money), a revoked laptop's later records, a bundle that
contradicts what is here — and the decisions: accept, or keep aside, each with a reason."""

from __future__ import annotations

import argparse
from typing import Any

from app.cli.args import Subparsers, command, group
from app.cli.money import flag_json, flag_line
from app.cli.output import OUT, table
from app.domain.event_bounds import KindName
from app.domain.money import format_fen
from app.i18n import render
from app.services.bundles import quarantine
from app.services.bundles.quarantine import Branch, Decided, Item
from app.store.db import Store


def register(sub: Subparsers) -> None:
    q = group(sub, "quarantine", "隔离区 what waits for a decision")
    c = command(q, "list", cmd_list, "items held back: forks, revoked laptops, bundles")
    c.add_argument("--all", action="store_true", help="decided items too")
    c = command(q, "show", cmd_show, "one item, every record of every branch")
    c.add_argument("item", help="the item's id (or its first characters)")
    decisions = (("accept", cmd_accept, "bring the records in"),
                 ("keep-aside", cmd_keep_aside, "leave them out, for good"))  # fmt: skip
    for name, handler, what in decisions:
        c = command(q, name, handler, what)
        c.add_argument("item", help="the item's id (or its first characters)")
        c.add_argument("--branch", type=int, help="the branch's number as listed (default all)")
        c.add_argument("--reason", required=True)


def _item_json(item: Item) -> dict[str, Any]:
    return {
        "id": item.id, "kind": item.kind, "team": item.team, "device": item.device_id,
        "from_seq": item.from_seq, "open": item.open, "reason": render(item.reason, OUT.lang),
        "branches": [_branch_json(n, b) for n, b in enumerate(item.branches, 1)],
    }  # fmt: skip


def _branch_json(number: int, b: Branch) -> dict[str, Any]:
    return {
        "branch": number, "in_store": b.key == quarantine.IN_STORE, "records": len(b.records),
        "cash_fen": b.cash_fen, "goods_fen": b.goods_fen, "pending": b.pending,
        "decision": b.decision, "by": b.decided_by, "at": b.decided_at, "reason": b.reason,
        "list": [{"event": r.event_id, "device": r.device_id, "seq": r.seq, "kind": r.kind,
                  "household": r.household, "created_at": r.created_at, "cash_fen": r.cash_fen,
                  "goods_fen": r.goods_fen, "state": r.state, "paid_already": r.paid_already}
                 for r in b.records],
    }  # fmt: skip


def _state(b: Branch) -> str:
    if b.pending:
        return OUT.text("quarantine.pending")
    return OUT.text(f"quarantine.decision.{b.decision}") if b.decision else ""


def cmd_list(store: Store, a: argparse.Namespace) -> int:
    items = quarantine.list_items(store, include_decided=a.all)
    rows = [(i.id, OUT.text(f"quarantine.kind.{i.kind}"), i.team, render(i.reason, OUT.lang),
             n, len(b.records), format_fen(b.cash_fen), format_fen(b.goods_fen), _state(b))
            for i in items for n, b in enumerate(i.branches, 1)]  # fmt: skip
    OUT.result(
        {"items": [_item_json(i) for i in items]},
        lambda: OUT.say(table(
            [OUT.text("col.item"), OUT.text("col.kind"), OUT.text("col.team"),
             OUT.text("col.why"), OUT.text("col.branch"), OUT.text("col.records"),
             OUT.text("col.cash"), OUT.text("col.goods"), OUT.text("col.decision")],
            rows, right=(4, 5, 6, 7)) if rows else OUT.text("quarantine.none")),
    )  # fmt: skip
    return 0


def cmd_show(store: Store, a: argparse.Namespace) -> int:
    item = quarantine.show(store, a.item)
    OUT.result(_item_json(item), lambda: _say_item(item))
    return 0


def _say_item(item: Item) -> None:
    kind = OUT.text(f"quarantine.kind.{item.kind}")
    OUT.say(OUT.text("quarantine.item_line", item=item.id, kind=kind, team=item.team,
                     device=item.device_id[:8], why=render(item.reason, OUT.lang)))  # fmt: skip
    for n, b in enumerate(item.branches, 1):
        OUT.say()
        OUT.say(OUT.text("quarantine.branch_line", branch=n, records=len(b.records),
                         cash=format_fen(b.cash_fen), goods=format_fen(b.goods_fen),
                         state=_state(b) or "-"))  # fmt: skip
        if b.decision:
            OUT.say(OUT.text("quarantine.decided_line", by=b.decided_by, at=b.decided_at[:16],
                             reason=b.reason))  # fmt: skip
        OUT.say(table(
            [OUT.text("col.sequence"), OUT.text("col.kind"), OUT.text("col.household"),
             OUT.text("col.time"), OUT.text("col.cash"), OUT.text("col.goods"),
             OUT.text("col.state")],
            [(r.seq, OUT.text("quarantine.record_kind", kind=KindName(r.kind)), r.household,
              r.created_at[:16],
              format_fen(r.cash_fen), format_fen(r.goods_fen),
              OUT.text(f"quarantine.state.{r.state}")
              + (OUT.text("quarantine.paid_already") if r.paid_already else ""))
             for r in b.records],
            right=(0, 4, 5)))  # fmt: skip


def cmd_accept(store: Store, a: argparse.Namespace) -> int:
    done = quarantine.accept(store, a.item, reason=a.reason, branch=a.branch)
    return _decided(done, "quarantine.accepted")


def cmd_keep_aside(store: Store, a: argparse.Namespace) -> int:
    done = quarantine.keep_aside(store, a.item, reason=a.reason, branch=a.branch)
    return _decided(done, "quarantine.kept_aside")


def _decided(done: Decided, key: str) -> int:
    flags = [flag_json(f) for f in done.flags]

    def human() -> None:
        OUT.say(OUT.text(key, item=done.item.id, n=done.accepted))
        for f in flags:
            OUT.say(flag_line(f))

    OUT.result({**_item_json(done.item), "accepted": done.accepted, "flags": flags}, human)
    return 0
