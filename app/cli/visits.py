"""Visits outside the team window: ``visits import`` (a paper sheet), ``visits receive-slip``
(the paper slip of a fingerprint signature), and each team's ``progress``."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from app.cli.args import Subparsers, command, group
from app.cli.output import OUT, table
from app.domain.money import format_fen
from app.domain.transfers import Totals
from app.services.oversight import progress
from app.services.transfers import status as transfer_status
from app.services.visits import paper
from app.store.db import Store


def register(sub: Subparsers) -> None:
    visit_actions = group(sub, "visits", "走访记录 visits")
    c = command(visit_actions, "import", cmd_visits_import, "enter visits from a paper sheet")
    c.add_argument("file")
    c.add_argument("--map", action="append", metavar="列名=field", help="column mapping")
    c = command(
        visit_actions,
        "receive-slip",
        cmd_visits_receive_slip,
        "the paper slip of a fingerprint signature is in (clears 待收回纸质凭证)",
    )
    c.add_argument(
        "id_number", nargs="+", metavar="HOUSEHOLD", help="ID number, name, or name and ID tail"
    )
    command(sub, "progress", cmd_progress, "per-team progress")


def cmd_visits_import(store: Store, a: argparse.Namespace) -> int:
    r = paper.import_visits(store, Path(a.file), mapping=a.map or ())
    report: dict[str, Any] = {
        "imported": r.imported,
        "skipped": r.skipped,
        "rejected": [{"row": p.row, "column": p.column, "value": p.value,
                      "reason": OUT.text(p.key, **p.params)} for p in r.rejected],
    }  # fmt: skip

    def human() -> None:
        for p in report["rejected"]:
            OUT.say(OUT.text("cli.problem_line", row=p["row"], column=p["column"], value=p["value"],
                          reason=p["reason"]))  # fmt: skip
        OUT.say(OUT.text("cli.visits_imported", n=r.imported) if not r.rejected else
                OUT.text("cli.visits_refused", n=len({p.row for p in r.rejected})))  # fmt: skip
        if r.skipped:
            OUT.say(OUT.text("cli.visits_skipped", n=r.skipped))

    OUT.result(report, human)
    return 1 if r.rejected else 0


def cmd_visits_receive_slip(store: Store, a: argparse.Namespace) -> int:
    name, slip = paper.receive_slip(store, " ".join(a.id_number))
    OUT.result({"name": name, "slip": slip},
               lambda: OUT.say(OUT.text("cli.slip_received", name=name, slip=slip) if slip
                               else OUT.text("cli.sheet_received", name=name)))  # fmt: skip
    return 0


def cmd_progress(store: Store, a: argparse.Namespace) -> int:
    teams, flags = progress.compute_progress(store)
    transfers = transfer_status.transfer_overview(store)  # finance's, no team's

    def money(fen: int | None) -> str:
        return "-" if fen is None else format_fen(fen)

    def human() -> None:
        OUT.say(table(
            [OUT.text("col.code"), OUT.text("col.team"), OUT.text("col.assigned"),
             OUT.text("col.visited"), OUT.text("col.attempted"), OUT.text("col.not_yet"),
             OUT.text("col.problem"), OUT.text("col.cash"), OUT.text("col.transfer"),
             OUT.text("col.goods_value"), OUT.text("col.budget"), OUT.text("col.float")],
            [(t.code, t.name, t.assigned, t.visited, t.attempted, t.not_yet, t.problem,
              money(t.cash_fen), money(t.transfer_fen), money(t.goods_fen), money(t.budget_fen),
              money(t.float_fen)) for t in teams], right=tuple(range(2, 12))))  # fmt: skip
        if transfers.paid or transfers.pending or transfers.failed:
            OUT.say(_transfer_line(transfers))
        OUT.say(OUT.text("cli.flags_total", n=flags))

    OUT.result(
        {"teams": [{"code": t.code, "name": t.name, "assigned": t.assigned,
                    "visited": t.visited, "attempted": t.attempted, "not_yet": t.not_yet,
                    "problem": t.problem, "cash_fen": t.cash_fen,
                    "transfer_fen": t.transfer_fen, "goods_fen": t.goods_fen,
                    "budget_fen": t.budget_fen, "float_fen": t.float_fen} for t in teams],
         "flags": flags,
         "transfers": {"paid": transfers.paid, "paid_fen": transfers.paid_fen,
                       "pending": transfers.pending, "pending_fen": transfers.pending_fen,
                       "failed": transfers.failed, "failed_fen": transfers.failed_fen}},
        human,
    )  # fmt: skip
    return 0


def _transfer_line(t: Totals) -> str:
    return OUT.text("cli.progress_transfers", paid=t.paid, paid_total=format_fen(t.paid_fen),
                    pending=t.pending, pending_total=format_fen(t.pending_fen), failed=t.failed,
                    failed_total=format_fen(t.failed_fen))  # fmt: skip
