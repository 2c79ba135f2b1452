"""The recipient's confirmation: what the signer is shown, and the signed visit read back.

``prepare_visit`` runs every check of ``record_visit`` before the laptop is turned to the
recipient, fixes the record ids, and builds the content that the signature is bound to. Nothing
is written until 确认签收: then ``record_visit(…, prepared=…, signatures=…)`` stores the visit,
its disbursements and its signature events in one transaction.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from app.domain.campaign import new_id
from app.domain.errors import InvalidInput, NotFound
from app.domain.events import DISBURSEMENT, SIGNATURE, VISIT, record_fields
from app.domain.money import fen_to_capitals
from app.domain.signature import (
    SignatureRecord,
    signature_from_body,
    signed_content,
    statement_version,
    verify,
)
from app.domain.signing import PreparedVisit
from app.domain.visits import (
    DONE,
    CannotSign,
    Outcome,
    RecipientRole,
    VisitInput,
    VisitMode,
    by_hand,
    check_visit,
)
from app.services.infra.context import require_campaign
from app.services.visits.payment import standards_for
from app.services.visits.recording import live_state, paid_on
from app.store import search as store_search
from app.store import teams as store_teams
from app.store.campaigns import list_categories
from app.store.db import Store


def prepare_visit(store: Store, visit: VisitInput) -> PreparedVisit:
    campaign = require_campaign(store)
    categories = list_categories(store, campaign.id)
    check_visit(visit, standards_for(store, visit, {c.code: (c.cash_fen, c.goods_fen)
                                                    for c in categories}))  # fmt: skip
    for handover in visit.handovers:
        if day := paid_on(store, visit.household_id, handover.category_code):
            names = {c.code: c.name for c in categories}  # the name, never the code "KN"
            raise InvalidInput("visit.already_paid", date=day.isoformat(),
                               category=names.get(handover.category_code,
                                                  handover.category_code))  # fmt: skip
    visit_id = new_id()
    ids = tuple(new_id() for _ in visit.handovers)
    # Nothing handed over by hand, nothing signed: a phone call is never turned to a signer
    # (check_visit refuses cash or goods by phone), nor a visit that only marks a transfer due.
    if visit.outcome != DONE or not by_hand(visit) or visit.mode == VisitMode.PHONE:
        return PreparedVisit(visit, visit_id, ids, {})
    card = store_search.card(store, visit.household_id)
    if card is None:
        raise NotFound("visit.household_unknown")
    team_id = store_teams.current_team_of(store, [visit.household_id]).get(visit.household_id)
    team = store_teams.team_by_id(store, team_id) if team_id else None
    cash = sum(h.cash_fen for h in visit.handovers)
    content = signed_content(
        campaign=campaign.name,
        visit=visit_id,
        disbursement=ids[0],
        household=visit.household_id,
        recipient_name=card["name"],
        id_tail=card["id_number"][-4:],
        cash_fen=cash,
        cash_capitals=fen_to_capitals(cash),
        goods=[h.goods for h in visit.handovers if h.goods],
        organiser=campaign.organizer,
        team=team["name"] if team else "",
        date=visit.day.isoformat(),
        statement_version=statement_version(
            sum(h.cash_fen for h in visit.handovers if not h.transfer),
            any(h.transfer for h in visit.handovers),
        ),
        proxy_name=visit.proxy_name if visit.recipient_role == RecipientRole.PROXY else "",
        proxy_relation=visit.proxy_relation if visit.recipient_role == RecipientRole.PROXY else "",
    )
    return PreparedVisit(visit, visit_id, ids, content)


@dataclass(frozen=True, slots=True)
class Proxy:
    """Who collected for the household, and why (代领)."""

    name: str
    relation: str
    reason: str


@dataclass(frozen=True, slots=True)
class CheckedSignature:
    record: SignatureRecord
    content: Mapping[str, object]  # what the signer was shown and signed
    ok: bool  # it verifies, and it is bound to this visit


@dataclass(frozen=True, slots=True)
class SignedVisit:
    """A visit as the locked screen and the household card show it, with its signatures
    checked again."""

    visit_id: str
    household_id: str
    day: date
    mode: VisitMode
    outcome: Outcome
    voided: bool
    cash_fen: int
    goods: tuple[str, ...]
    signatures: tuple[CheckedSignature, ...]  # in the order they were drawn
    visitors: tuple[str, ...] = ()
    proxy: Proxy | None = None
    paper_signed: bool = False  # a paper 签收表 was signed instead
    cannot_sign: CannotSign | None = None
    attempted_at: str = ""  # when nobody was met: the time tried, as the team wrote it
    revisit_on: date | None = None

    @property
    def signed(self) -> bool:
        return bool(self.signatures)

    @property
    def intact(self) -> bool:
        return all(s.ok for s in self.signatures)


def _signed_visit(
    fields: dict[str, Any], household_id: str, voided: bool, cash_fen: int,
    goods: tuple[str, ...], signatures: tuple[CheckedSignature, ...],
) -> SignedVisit:  # fmt: skip
    proxy = fields.get("proxy")
    return SignedVisit(
        fields["visit_id"], household_id, date.fromisoformat(fields["date"]),
        VisitMode(fields["mode"]), Outcome(fields["outcome"]), voided, cash_fen, goods,
        signatures, tuple(fields.get("visitors") or ()),
        Proxy(proxy.get("name", ""), proxy.get("relation", ""), proxy.get("reason", ""))
        if proxy else None,
        bool(fields.get("paper_signed")),
        CannotSign(fields["cannot_sign"]) if fields.get("cannot_sign") else None,
        fields.get("attempted_at", ""),
        date.fromisoformat(fields["revisit_on"]) if fields.get("revisit_on") else None,
    )  # fmt: skip


def signed_visits(store: Store, household_id: str) -> list[SignedVisit]:
    """Every visit of a household, newest first, with disbursements and signatures."""
    records = live_state(store, household_id)
    visits: dict[str, SignedVisit] = {}
    cash: dict[str, int] = {}
    goods: dict[str, list[str]] = {}
    sigs: dict[str, list[CheckedSignature]] = {}
    for record in records.values():
        fields = record_fields(record)
        if record.kind == DISBURSEMENT and not record.voided:
            cash[fields["visit_id"]] = cash.get(fields["visit_id"], 0) + fields["cash_fen"]
            if fields["goods"]:
                goods.setdefault(fields["visit_id"], []).append(fields["goods"])
        elif record.kind == SIGNATURE:
            signature, content = signature_from_body(fields)
            ok = verify(signature, content) and content.get("visit") == fields.get("visit")
            sigs.setdefault(fields["visit"], []).append(CheckedSignature(signature, content, ok))
    for record in records.values():
        if record.kind != VISIT:
            continue
        fields = record_fields(record)
        vid = fields["visit_id"]
        visits[vid] = _signed_visit(
            fields,
            household_id,
            record.voided,
            cash.get(vid, 0),
            tuple(goods.get(vid, ())),
            tuple(sorted(sigs.get(vid, ()), key=lambda s: s.record.started_at)),
        )

    def newest_first(visit: SignedVisit) -> tuple[date, str, int]:
        event = records[visit.visit_id].event
        return visit.day, event.created_at, event.seq

    return sorted(visits.values(), key=newest_first, reverse=True)


def locked_visit(store: Store, household_id: str) -> SignedVisit | None:
    """The household's live signed visit, if any: it is read-only (a correction voids it)."""
    for visit in signed_visits(store, household_id):
        if not visit.voided and visit.signed:
            return visit
    return None
