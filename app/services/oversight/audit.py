"""``audit``: where every fen went, reconciled.

The money handed over (app.domain.ledger) is summed four ways — the campaign's
total, per team that handed it over, per household, and per proof — by cash by hand, transfer
and goods, and each way must give the same figures; the summary's total (the 汇总表's own
grouping) must too. Each payment has exactly one kind of proof: a signature that verifies and
binds the visit and its cash, the signed paper (a 签收表 sheet or a print's slip) in the
office's hands, or the bank's confirmation of a transfer. Cash and goods with none are listed
fen by fen; a transfer the bank has not confirmed is owed, not spent, and listed apart.
Recoveries the office recorded on flags are netted. Any fen without proof, any difference,
fails the audit.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from app.domain.audit import Part, Proof, Way, proof_of
from app.domain.errors import Reason
from app.domain.events import VISIT, VOID, Event, LiveRecord, live_records
from app.domain.id_number import mask_id
from app.domain.ledger import Payment, Sums, bank_transfers, payments, sums_by
from app.domain.money import format_fen
from app.domain.resolutions import Decision, resolutions_in
from app.services.infra.bulk import paused_gc
from app.services.infra.context import require_campaign
from app.services.oversight.flags import FlagView, flags_of
from app.services.printing.summary import summary_money
from app.store import events as store_events
from app.store import money as store_money
from app.store import signature_checks as store_checks
from app.store import teams as store_teams
from app.store.db import Store

PROVEN = (Proof.SIGNATURE, Proof.PAPER, Proof.BANK)


@dataclass(frozen=True, slots=True)
class Money:
    cash_fen: int = 0  # by hand
    transfer_fen: int = 0
    goods_fen: int = 0

    @property
    def total_fen(self) -> int:
        return self.cash_fen + self.transfer_fen + self.goods_fen


@dataclass(frozen=True, slots=True)
class Unproven:
    """A payment (or its part by hand) with no proof."""

    record_id: str
    household: str  # masked ID number
    name: str
    team_code: str
    team_name: str
    day: str
    money: Money


@dataclass(frozen=True, slots=True)
class Audit:
    campaign: str
    handed: Money  # every live payment, gross
    recovered_fen: int  # recoveries recorded on flags
    by_team: tuple[tuple[str, str, Money], ...]  # team code, name, what it handed over
    by_proof: tuple[tuple[Proof, Money], ...]
    households: int  # households paid
    unproven: tuple[Unproven, ...]
    awaiting_bank: tuple[Unproven, ...]
    differences: tuple[Reason, ...]
    open_flags: tuple[FlagView, ...]
    resolved_flags: tuple[FlagView, ...]

    @property
    def net_fen(self) -> int:
        return self.handed.total_fen - self.recovered_fen

    @property
    def ok(self) -> bool:
        return not self.unproven and not self.differences


def _money(sums: Iterable[int]) -> Money:
    cash, transfer, goods = sums
    return Money(cash, transfer, goods)


def _add(rows: Iterable[Money]) -> Money:
    found = [0, 0, 0]
    for m in rows:
        found[0] += m.cash_fen
        found[1] += m.transfer_fen
        found[2] += m.goods_fen
    return _money(found)


def _total(rows: Iterable[Sums | tuple[int, int, int]]) -> Money:
    """Sums (cash, transfer, goods) added up: no Money made for each of 100,000 households."""
    found = [0, 0, 0]
    for cash, transfer, goods in rows:
        found[0] += cash
        found[1] += transfer
        found[2] += goods
    return _money(found)


def verified_signatures(
    store: Store, events: Iterable[Event], paid: Iterable[Payment]
) -> tuple[dict[str, str], list[tuple[str, str]]]:
    """visit id → the method of a signature on it, not voided, that verifies: both hashes, the
    visit it names and the cash it shows against the visit's live payments; and (record id,
    visit) of every signature, for the flags. What each body says of itself was worked out as
    it arrived (``signature_check``): no stroke is read here."""
    voided = {e.data()["target"] for e in events if e.kind == VOID}
    cash: dict[str, int] = {}
    for p in paid:
        cash[p.visit_id] = cash.get(p.visit_id, 0) + p.cash_fen + p.transfer_fen
    found: dict[str, str] = {}
    named: list[tuple[str, str]] = []
    for record_id, visit, intact, shown_cash, method in store_checks.signature_checks(store):
        if visit is None:
            continue
        named.append((record_id, visit))
        if intact and record_id not in voided and visit in cash and shown_cash == cash[visit]:
            found[visit] = method
    return found, named


@dataclass
class _Proofs:
    sums: dict[Proof, list[int]]
    lacking: list[tuple[Payment, Money]]
    owed: list[tuple[Payment, Money]]


def _proofs(
    paid: Iterable[Payment], records: Mapping[str, LiveRecord],
    bodies: Mapping[str, Mapping[str, Any]], signed: Mapping[str, str], bank: frozenset[str],
) -> _Proofs:  # fmt: skip
    found = _Proofs({p: [0, 0, 0] for p in Proof}, [], [])
    for p in paid:
        visit = records.get(p.visit_id)
        fields = bodies[visit.event.id] if visit is not None and visit.kind == VISIT else None
        by_hand, by_bank = proof_of(p, fields, signed, bank)
        found.sums[by_hand][0] += p.cash_fen
        found.sums[by_hand][2] += p.goods_fen
        found.sums[by_bank][1] += p.transfer_fen
        if by_hand == Proof.NONE and p.cash_fen + p.goods_fen:
            found.lacking.append((p, Money(p.cash_fen, 0, p.goods_fen)))
        if by_bank == Proof.AWAITING_BANK and p.transfer_fen:
            found.owed.append((p, Money(0, p.transfer_fen, 0)))
    return found


def run_audit(store: Store) -> Audit:
    """The campaign reconciled (see the module's docstring). The events are read and their
    bodies parsed once, for the sums, the proofs and the flags.

    Python's cyclic garbage collector is paused meanwhile: the audit makes a million small
    objects (events, bodies, payments) with no cycles among them, and each of the collector's
    passes over them found nothing and cost more than half the audit (docs/decisions.md)."""
    with paused_gc():
        return _audit(store)


def _audit(store: Store) -> Audit:
    campaign = require_campaign(store)
    events = store_events.flag_events(store)
    records = live_records(events)
    bodies = {r.event.id: r.event.data() for r in records.values()}
    banked, waiting = bank_transfers(records)
    paid = [*payments(records.values(), bodies), *banked]
    signed, named = verified_signatures(store, events, paid)
    proofs = _proofs(paid, records, bodies, signed, frozenset(p.record_id for p in banked))
    proofs.owed += [(p, Money(0, p.transfer_fen, 0)) for p in waiting]
    teams = store_teams.team_names(store, campaign.id)
    handed = _total((p.cash_fen, p.transfer_fen, p.goods_fen) for p in paid)
    by_team = {t: _money(s) for t, s in sums_by(paid).items()}
    by_proof = {k: _money(s) for k, s in proofs.sums.items()}
    labels = store_money.household_labels(
        store, sorted({p.household_id for p, _m in [*proofs.lacking, *proofs.owed]})
    )
    flags = flags_of(store, events, records, bodies, named)
    return Audit(
        campaign.name, handed, _recovered(records), _team_lines(by_team, teams),
        tuple((k, m) for k, m in by_proof.items() if m.total_fen),
        len({p.household_id for p in paid}),
        tuple(_unproven(p, m, labels, teams) for p, m in proofs.lacking),
        tuple(_unproven(p, m, labels, teams) for p, m in proofs.owed),
        tuple(_differences(store, handed, by_team, paid, by_proof, records)),
        tuple(f for f in flags if f.resolution is None),
        tuple(f for f in flags if f.resolution is not None),
    )  # fmt: skip


def _recovered(records: Mapping[str, LiveRecord]) -> int:
    return sum(r.amount_fen for r in resolutions_in(records.values())
               if r.decision == Decision.RECOVERED)  # fmt: skip


def _team_lines(
    by_team: Mapping[str, Money], teams: Mapping[str, Mapping[str, Any]]
) -> tuple[tuple[str, str, Money], ...]:
    lines = [(teams[t]["code"], teams[t]["name"], by_team.get(t, Money())) for t in teams]
    lines += [("", "", m) for t, m in by_team.items() if t not in teams]  # the office's own
    return tuple(lines)


def _unproven(
    p: Payment, m: Money, labels: Mapping[str, Mapping[str, Any]],
    teams: Mapping[str, Mapping[str, Any]],
) -> Unproven:  # fmt: skip
    label = labels.get(p.household_id, {})
    team = teams.get(p.team_id, {})
    return Unproven(p.record_id, mask_id(label.get("id_number") or ""), label.get("name") or "",
                    team.get("code", ""), team.get("name", ""), p.day, m)  # fmt: skip


def _differences(
    store: Store, handed: Money, by_team: Mapping[str, Money], paid: list[Payment],
    by_proof: Mapping[Proof, Money], records: Mapping[str, LiveRecord],
) -> list[Reason]:  # fmt: skip
    """Each way of summing against the total, by cash, transfer and goods."""
    ways = {
        Way.TEAM: _add(by_team.values()),
        Way.HOUSEHOLD: _total(sums_by(paid, by="household_id").values()),
        Way.PROOF: _add(by_proof.values()),
        # the 汇总表 counts the bank's transfers itself (from the records): the visits' here
        Way.SUMMARY: _money(summary_money(store, [p for p in paid if p.visit_id], records)),
    }
    found = []
    for way, money in ways.items():
        for part, field in ((Part.CASH, "cash_fen"), (Part.TRANSFER, "transfer_fen"),
                            (Part.GOODS, "goods_fen")):  # fmt: skip
            total, summed = getattr(handed, field), getattr(money, field)
            if total != summed:
                found.append(
                    Reason(
                        "audit.difference",
                        (
                            ("way", way),
                            ("part", part),
                            ("total", format_fen(total)),
                            ("summed", format_fen(summed)),
                            ("difference", format_fen(summed - total)),
                        ),
                    )
                )
    return found
