"""The office decides a flag: a decision (a code), a note, and what the decision does.

``recovered`` (a double payment, or a payment to a household not on the list) records the
amount, the date and the receipt number: the audit nets it from the money handed over.
``void_one`` / ``void`` void the payment or the visit with the ordinary void (the note is its
reason); ``paper_received`` records that the office holds the signed paper (a revision of the
visit, as ``visits receive-slip`` writes). Every decision is a ``resolution`` event of the
office's device, written in the same transaction as what it does, relayed to the team in its
next assignment bundle like any event the office wrote for it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from app.domain.campaign import new_id
from app.domain.codes import parse_code
from app.domain.errors import Conflict, InvalidInput, NotFound
from app.domain.events import DISBURSEMENT, RESOLUTION, VISIT, LiveRecord, record_fields
from app.domain.flags import Flag
from app.domain.resolutions import NEEDS_PAYMENT, Decision, decisions_for, resolution_body
from app.domain.text import clean
from app.services.bundles.devices import TEAM, NewEvent, append_events, central_device
from app.services.bundles.devices import role as device_role
from app.services.infra.context import Actor
from app.services.oversight.flags import FlagView, campaign_flags
from app.services.visits.receiving import write_received
from app.services.visits.recording import live_state, void_record, void_visit
from app.store.db import Store

MIN_ID = 4  # a flag may be named by the first characters of its id, as a git commit is

_WORDS = {"已追回": Decision.RECOVERED, "追回": Decision.RECOVERED, "两笔都对": Decision.BOTH_RIGHT,
          "作废其一": Decision.VOID_ONE, "已收到纸质凭证": Decision.PAPER_RECEIVED,
          "已收到": Decision.PAPER_RECEIVED, "作废": Decision.VOID, "认可": Decision.ACCEPTED,
          "接受": Decision.ACCEPTED}  # fmt: skip


@dataclass(frozen=True, slots=True)
class Resolved:
    flag: FlagView  # as it stood when decided
    record_id: str  # the resolution's
    decision: Decision
    target: str  # the payment or visit recovered, voided or received ("" for none)
    voided: int  # records voided by the decision


def find_flag(store: Store, flag: str) -> FlagView:
    """The flag (open or closed) whose id is ``flag`` or begins with it."""
    wanted = clean(flag).lower()
    if len(wanted) < MIN_ID:
        raise InvalidInput("flag.id_short", flag=flag, n=MIN_ID)
    found = [f for f in campaign_flags(store, include_resolved=True) if f.id.startswith(wanted)]
    if not found:
        raise NotFound("flag.not_found", flag=flag)
    if len({f.id for f in found}) > 1:
        raise InvalidInput("flag.ambiguous", flag=flag, ids=tuple(sorted({f.id for f in found})))
    return found[0]


def resolve_flag(
    store: Store, *, flag: str, decision: str, note: str, amount_fen: int | None = None,
    day: date | None = None, receipt: str = "", payment: str = "", actor: Actor | None = None,
) -> Resolved:  # fmt: skip
    """Decide an open flag (named by its id or the first characters of it). ``payment``: the
    record id (or its first characters) of the payment recovered or voided; the latest one of
    the flag when not given."""
    actor = actor or Actor()
    if device_role(store) == TEAM:
        raise InvalidInput("flag.office_only")
    view = find_flag(store, flag)
    if view.resolution is not None:
        raise Conflict(
            "flag.already_resolved", flag=view.id, decision=Decision(view.resolution.decision)
        )
    chosen = _decision(view, decision)
    if not clean(note):
        raise InvalidInput("flag.note_needed")
    records = live_state(store, view.household_id)
    target = _target(view, chosen, records, payment)
    extra = _recovery(chosen, amount_fen, day, receipt, records.get(target))
    if target:
        extra["target"] = target
    key = records.get(view.record_id)
    team = key.event.team_id if key is not None else ""
    body = resolution_body(_as_flag(view), chosen, clean(note), actor.user, actor.now(), extra)
    spec = NewEvent(RESOLUTION, new_id(), view.household_id, team, body)
    with store.transaction():
        append_events(store, central_device(store, actor), [spec], actor)
        voided = _carry_out(store, chosen, records, target, note, actor)
    return Resolved(view, spec.record_id, chosen, target, voided)


def _decision(view: FlagView, text: str) -> Decision:
    allowed = decisions_for(view.kind)
    code = parse_code(Decision, text, _WORDS)
    if code is None or code not in allowed:
        raise InvalidInput("flag.decision", decision=text, kind=view.kind, known=allowed)
    return code


def _target(
    view: FlagView, decision: Decision, records: Mapping[str, LiveRecord], payment: str
) -> str:
    """The record the decision acts on: a payment of the flag, or its visit."""
    if decision in NEEDS_PAYMENT:
        paid = [records[r] for r in view.seen
                if r in records and records[r].kind == DISBURSEMENT]  # fmt: skip
        if payment:
            paid = [r for r in paid if r.record_id.startswith(clean(payment).lower())]
            if len(paid) != 1:
                raise InvalidInput("flag.payment_unknown", payment=payment)
        if not paid:
            raise InvalidInput("flag.payment_unknown", payment=payment)
        latest = max(paid, key=lambda r: (record_fields(r)["date"], r.event.created_at))
        return latest.record_id
    if decision in (Decision.VOID, Decision.PAPER_RECEIVED):
        key = records.get(view.record_id)
        if key is not None and key.kind == DISBURSEMENT and decision == Decision.PAPER_RECEIVED:
            return str(record_fields(key)["visit_id"])
        return view.record_id
    return ""


def _recovery(
    decision: Decision, amount_fen: int | None, day: date | None, receipt: str,
    paid: LiveRecord | None,
) -> dict[str, Any]:  # fmt: skip
    """A recovery's amount (at most what the payment handed over), date and receipt number."""
    if decision != Decision.RECOVERED:
        return {}
    if amount_fen is None or day is None or not clean(receipt):
        raise InvalidInput("flag.recovery_needs")
    most = 0
    if paid is not None:
        fields = record_fields(paid)
        most = fields["cash_fen"] + fields["goods_fen"]
    if not 0 < amount_fen <= most:
        raise InvalidInput("flag.recovery_amount", amount=amount_fen, most=most)
    return {"amount_fen": amount_fen, "date": day.isoformat(), "receipt": clean(receipt)}


def _carry_out(
    store: Store, decision: Decision, records: Mapping[str, LiveRecord], target: str, note: str,
    actor: Actor,
) -> int:  # fmt: skip
    """What the decision does besides being recorded; the number of records voided."""
    record = records.get(target)
    if record is None or decision not in (Decision.VOID_ONE, Decision.VOID,
                                          Decision.PAPER_RECEIVED):  # fmt: skip
        return 0
    if decision == Decision.PAPER_RECEIVED:
        write_received(store, record, actor)
        return 0
    if record.voided:
        return 0
    if record.kind == VISIT:
        return void_visit(store, target, reason=note, actor=actor)
    void_record(store, target, reason=note, actor=actor)
    return 1


def _as_flag(view: FlagView) -> Flag:
    """The flag a view shows, as far as its id and what it saw go."""
    return Flag(view.kind, view.household_id, view.record_id, seen=tuple(view.seen))


def parse_decision(code: str) -> Decision:
    """A decision code as stored (the resolution's body) back to its value."""
    return Decision(code)


def decisions_known(kind: str) -> Sequence[Decision]:
    """The decisions a flag of this kind takes (the window offers them)."""
    return decisions_for(kind)
