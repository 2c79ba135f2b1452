"""The payments a flag is about, side by side, for the clerk deciding it: when, which team and
laptop, how much, and what proves it (a signature, a signed paper, a transfer, nothing)."""

from __future__ import annotations

from dataclasses import dataclass

from app.domain.events import DISBURSEMENT, SIGNATURE, VISIT, record_fields
from app.domain.flags import signed_visit
from app.services.infra.context import require_campaign
from app.services.oversight.flags import FlagView
from app.services.visits.recording import live_state
from app.store import teams as store_teams
from app.store.db import Store

# What proves a payment: a signature, a signed paper sheet, the bank's answer (a transfer), none.
SIGNED, PAPER, TRANSFER, NONE = "signature", "paper", "transfer", "none"


@dataclass(frozen=True, slots=True)
class FlagPayment:
    record_id: str
    day: str
    team: str  # code
    device_id: str
    cash_fen: int
    goods_fen: int
    transfer: bool
    proof: str  # SIGNED | PAPER | TRANSFER | NONE
    voided: bool


def flag_payments(store: Store, flag: FlagView) -> tuple[FlagPayment, ...]:
    """The payments among the records the flag saw (its own record too), by date."""
    records = live_state(store, flag.household_id)
    seen = {flag.record_id, *flag.seen}
    signed = {signed_visit(r.event.body) for r in records.values()
              if r.kind == SIGNATURE and not r.voided}  # fmt: skip
    teams = {t["id"]: t["code"] for t in store_teams.list_teams(store, require_campaign(store).id)}
    found = []
    for record_id in seen:
        r = records.get(record_id)
        if r is None or r.kind != DISBURSEMENT:
            continue
        f = record_fields(r)
        visit = records.get(f["visit_id"])
        paper = visit is not None and visit.kind == VISIT and bool(
            record_fields(visit).get("paper_signed"))  # fmt: skip
        proof = (TRANSFER if f.get("transfer") else SIGNED if f["visit_id"] in signed
                 else PAPER if paper else NONE)  # fmt: skip
        found.append(FlagPayment(record_id, f["date"], teams.get(r.event.team_id, ""),
                                 r.event.device_id, f["cash_fen"], f["goods_fen"],
                                 bool(f.get("transfer")), proof, r.voided))  # fmt: skip
    return tuple(sorted(found, key=lambda p: (p.day, p.record_id)))
