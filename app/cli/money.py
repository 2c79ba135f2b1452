"""Where the money went: ``flags`` (what needs a person, ``--all`` with the decided ones),
``flags resolve`` (the office's decision on one), and ``audit`` (the campaign reconciled)."""

from __future__ import annotations

import argparse
from typing import Any

from app.cli.args import Subparsers, command, iso_date
from app.cli.output import OUT, table, under_way
from app.domain.money import format_fen, parse_money
from app.i18n import label, render
from app.services.oversight import audit as auditing
from app.services.oversight import decisions, opinions
from app.services.oversight.flags import FlagView, campaign_flags
from app.store.db import Store


def register(sub: Subparsers) -> None:
    c = command(sub, "flags", cmd_flags, "what needs a person: double payments and more")
    c.add_argument("--all", action="store_true", help="also the flags the office decided")
    actions = c.add_subparsers(dest="sub", metavar="ACTION")
    r = command(actions, "resolve", cmd_flags_resolve, "the office decides a flag")
    r.add_argument("flag", help="the flag's id (or its first characters)")
    r.add_argument("--decision", required=True,
                   help="recovered|both_right|void_one|paper_received|void|accepted")  # fmt: skip
    r.add_argument("--note", required=True)
    r.add_argument("--amount", help="recovered, yuan")
    r.add_argument("--date", type=iso_date, help="of the recovery, YYYY-MM-DD")
    r.add_argument("--receipt", default="", help="the recovery's receipt number")
    r.add_argument("--payment", default="", help="the payment recovered or voided (record id)")
    command(sub, "audit", cmd_audit, "reconcile the money: totals, teams, households, proofs")


def flag_json(flag: FlagView) -> dict[str, Any]:
    found: dict[str, Any] = {
        "id": flag.id, "kind": flag.kind, "household": flag.household, "name": flag.name,
        "household_id": flag.household_id, "record_id": flag.record_id,
        "teams": list(flag.team_codes), "team_names": list(flag.team_names),
        "category": flag.category, "category_name": flag.category_name,
        "detail": render(flag.reason, OUT.lang),
    }  # fmt: skip
    if flag.resolution is not None:
        r = flag.resolution
        found["resolution"] = {
            "decision": r.decision, "note": r.note, "by": r.by, "at": r.at,
            "amount_fen": r.amount_fen, "date": r.day.isoformat() if r.day else None,
            "receipt": r.receipt, "target": r.target,
        }  # fmt: skip
    return found


def flag_line(f: dict[str, Any]) -> str:
    """One flag as the clerk reads it: id, household (name, masked ID), team, category."""
    line = OUT.text("cli.flag_row", id=f["id"], name=f["name"], household=f["household"],
                    team="、".join(f["team_names"]) or "-", category=f["category_name"] or "-",
                    detail=f["detail"])  # fmt: skip
    r = f.get("resolution")
    if r is None:
        return line
    return line + OUT.text("cli.flag_resolved", decision=label_of(r["decision"]), note=r["note"],
                           by=r["by"], at=r["at"][:10])  # fmt: skip


def label_of(decision: str) -> str:
    return label(decisions.parse_decision(decision), OUT.lang)


def cmd_flags(store: Store, a: argparse.Namespace) -> int:
    found = [flag_json(f) for f in campaign_flags(store, include_resolved=a.all)]
    # a unit's opinions report past due: the unit's, not a household's
    found += [
        {"kind": opinions.OVERDUE, "household": "", "unit": late.unit, "record_id": "",
         "detail": render(late.reason, OUT.lang)}
        for late in opinions.overdue(store)
    ]  # fmt: skip

    def human() -> None:
        for f in found:
            if f["kind"] == opinions.OVERDUE:
                OUT.say(OUT.text("cli.flag_line", household=f["unit"], detail=f["detail"]))
            else:
                OUT.say(flag_line(f))
        if not found:
            OUT.say(OUT.text("cli.no_flags"))

    OUT.result({"flags": found}, human)
    return 0


def cmd_flags_resolve(store: Store, a: argparse.Namespace) -> int:
    done = decisions.resolve_flag(
        store, flag=a.flag, decision=a.decision, note=a.note,
        amount_fen=parse_money(a.amount) if a.amount else None, day=a.date,
        receipt=a.receipt, payment=a.payment,
    )  # fmt: skip
    OUT.result(
        {"flag": done.flag.id, "resolution": done.record_id, "decision": str(done.decision),
         "target": done.target, "voided": done.voided},
        lambda: OUT.say(OUT.text("cli.flag_resolved_now", id=done.flag.id,
                                 name=done.flag.name, decision=label_of(done.decision))),
    )  # fmt: skip
    return 0


def _money_json(m: auditing.Money) -> dict[str, int]:
    return {"cash_fen": m.cash_fen, "transfer_fen": m.transfer_fen, "goods_fen": m.goods_fen,
            "total_fen": m.total_fen}  # fmt: skip


def _unproven_json(u: auditing.Unproven) -> dict[str, Any]:
    return {"record_id": u.record_id, "household": u.household, "name": u.name,
            "team": u.team_code, "date": u.day, **_money_json(u.money)}  # fmt: skip


def cmd_audit(store: Store, a: argparse.Namespace) -> int:
    done = under_way(OUT.text("cli.auditing"), lambda: auditing.run_audit(store))
    obj = {
        "campaign": done.campaign, "ok": done.ok, "handed": _money_json(done.handed),
        "recovered_fen": done.recovered_fen, "net_fen": done.net_fen,
        "households": done.households,
        "teams": [{"code": c, "name": n, **_money_json(m)} for c, n, m in done.by_team],
        "proofs": {str(p): _money_json(m) for p, m in done.by_proof},
        "unproven": [_unproven_json(u) for u in done.unproven],
        "awaiting_bank": [_unproven_json(u) for u in done.awaiting_bank],
        "differences": [render(d, OUT.lang) for d in done.differences],
        "open_flags": [flag_json(f) for f in done.open_flags],
        "resolved_flags": [flag_json(f) for f in done.resolved_flags],
    }  # fmt: skip
    OUT.result(obj, lambda: _say_audit(done, obj))
    return 0 if done.ok else 1


def _say_audit(done: auditing.Audit, obj: dict[str, Any]) -> None:
    rows = [(OUT.text("audit.row_total"), *_cells(done.handed))]
    rows += [(name or OUT.text("audit.row_office"), *_cells(m)) for _c, name, m in done.by_team]
    rows += [(label(p, OUT.lang), *_cells(m)) for p, m in done.by_proof]
    OUT.say(table([OUT.text("col.group"), OUT.text("col.cash"), OUT.text("col.transfer"),
                   OUT.text("col.goods_value"), OUT.text("col.total")], rows,
                  right=(1, 2, 3, 4)))  # fmt: skip
    OUT.say(
        OUT.text(
            "cli.audit_net",
            households=done.households,
            recovered=format_fen(done.recovered_fen),
            net=format_fen(done.net_fen),
        )
    )
    for u in obj["unproven"]:
        OUT.say(OUT.text("cli.audit_unproven", name=u["name"], household=u["household"],
                         team=u["team"] or "-", date=u["date"],
                         amount=format_fen(u["total_fen"])))  # fmt: skip
    for u in obj["awaiting_bank"]:
        OUT.say(OUT.text("cli.audit_awaiting_bank", name=u["name"], household=u["household"],
                         amount=format_fen(u["total_fen"])))  # fmt: skip
    for d in obj["differences"]:
        OUT.say(OUT.text("cli.audit_difference", detail=d))
    OUT.say(OUT.text("cli.audit_flags", open=len(done.open_flags),
                     resolved=len(done.resolved_flags)))  # fmt: skip
    OUT.say(OUT.text("cli.audit_ok") if done.ok else OUT.text("cli.audit_failed"))


def _cells(m: auditing.Money) -> tuple[str, str, str, str]:
    return (format_fen(m.cash_fen), format_fen(m.transfer_fen), format_fen(m.goods_fen),
            format_fen(m.total_fen))  # fmt: skip
