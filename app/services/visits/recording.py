"""Recording visits as events: in the team window, or from a paper 签收表 entered later.

A visit and its disbursements are written in one transaction as events of this device. A second
live disbursement for one (household, category) is refused here; if two laptops both pay, the
merge raises the double-payment flag instead.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from app.domain.campaign import new_id
from app.domain.errors import InvalidInput, NotFound
from app.domain.events import (
    DISBURSEMENT,
    SIGNATURE,
    VISIT,
    VOID,
    LiveRecord,
    live_records,
    record_fields,
)
from app.domain.signature import SignatureRecord, signature_body
from app.domain.signing import PreparedVisit, check_signatures
from app.domain.text import clean
from app.domain.visits import (
    CannotSign,
    Handover,
    Outcome,
    PhoneAnswer,
    RecipientRole,
    VisitInput,
    VisitMode,
    check_visit,
    disbursement_body,
    visit_body,
)
from app.services.bundles.devices import (
    TEAM,
    NewEvent,
    append_events,
    team_of_laptop,
    writing_device,
)
from app.services.bundles.devices import role as device_role
from app.services.infra.context import Actor, require_campaign
from app.services.visits.payment import standards_for
from app.store import events as store_events
from app.store import teams as store_teams
from app.store.campaigns import list_categories
from app.store.db import Store


@dataclass(frozen=True, slots=True)
class RecordedVisit:
    visit_id: str
    disbursement_ids: tuple[str, ...]


def live_state(store: Store, household_id: str | None = None) -> dict[str, LiveRecord]:
    events = (
        store_events.events_where(store, "household_id = ?", [household_id])
        if household_id
        else store_events.all_events(store)
    )
    return live_records(events)


def paid_on(store: Store, household_id: str, category_code: str) -> date | None:
    """The date of a live disbursement for this household and category, if any."""
    for record in live_state(store, household_id).values():
        if record.kind == DISBURSEMENT and not record.voided:
            fields = record_fields(record)
            if fields["category_code"] == category_code:
                return date.fromisoformat(fields["date"])
    return None


def record_visit(
    store: Store,
    visit: VisitInput,
    *,
    prepared: PreparedVisit | None = None,
    signatures: Sequence[SignatureRecord] = (),
    actor: Actor | None = None,
) -> RecordedVisit:
    """Store a visit, its disbursements and its signatures in one transaction.

    From the window, ``prepared`` (``signing.prepare_visit``) carries the ids and the content
    the recipient signed; the signatures must be bound to that content.
    """
    actor = actor or Actor()
    campaign = require_campaign(store)
    categories = list_categories(store, campaign.id)
    standards = {c.code: (c.cash_fen, c.goods_fen) for c in categories}
    check_visit(visit, standards_for(store, visit, standards))
    if prepared is not None:
        if prepared.visit != visit:
            raise InvalidInput("sign.content_changed")
        check_signatures(prepared, signatures)
    elif signatures:
        raise InvalidInput("sign.not_prepared")
    team_id = store_teams.current_team_of(store, [visit.household_id]).get(visit.household_id)
    if device_role(store) == TEAM and team_id is None:
        raise InvalidInput("visit.withdrawn")
    for handover in visit.handovers:
        if day := paid_on(store, visit.household_id, handover.category_code):
            names = {c.code: c.name for c in categories}  # the name, never the code "KN"
            raise InvalidInput("visit.already_paid", date=day.isoformat(),
                               category=names.get(handover.category_code,
                                                  handover.category_code))  # fmt: skip
    visit_id = prepared.visit_id if prepared else new_id()
    team = team_id or ""
    specs = [NewEvent(VISIT, visit_id, visit.household_id, team, visit_body(visit, visit_id))]
    ids = list(prepared.disbursement_ids) if prepared else [new_id() for _ in visit.handovers]
    for record_id, handover in zip(ids, visit.handovers, strict=True):
        body = disbursement_body(handover, visit_id, visit.household_id, visit.day)
        specs.append(NewEvent(DISBURSEMENT, record_id, visit.household_id, team, body))
    for signature in signatures:
        body = signature_body(signature, prepared.content if prepared else {})
        specs.append(NewEvent(SIGNATURE, new_id(), visit.household_id, team, body))
    with store.transaction():
        append_events(store, writing_device(store, actor), specs, actor)
    return RecordedVisit(visit_id, tuple(ids))


def void_visit(store: Store, visit_id: str, *, reason: str, actor: Actor | None = None) -> int:
    """作废: the visit and what was handed over in it, in one transaction; all stay, marked
    void with the reason, who and when. Returns how many records were voided."""
    actor = actor or Actor()
    if not clean(reason):
        raise InvalidInput("visit.void_reason")
    events = store_events.events_where(store, "record_id = ?", [visit_id])
    if not events or events[0].kind != VISIT:
        raise NotFound("visit.not_found", record=visit_id)
    household_id, team_id = events[0].household_id, events[0].team_id
    records = live_state(store, household_id)
    if visit_id in records and records[visit_id].voided:
        raise InvalidInput("visit.already_void")
    targets = [visit_id] + [
        r.record_id for r in records.values()
        if r.kind == DISBURSEMENT and not r.voided and record_fields(r)["visit_id"] == visit_id
    ]  # fmt: skip
    at = actor.now()
    specs = [
        NewEvent(VOID, new_id(), household_id, team_id,
                 {"target": target, "reason": clean(reason), "by": actor.user, "at": at})
        for target in targets
    ]  # fmt: skip
    with store.transaction():
        append_events(store, writing_device(store, actor), specs, actor)
    return len(targets)


def recorded_input(store: Store, visit_id: str) -> VisitInput | None:
    """A recorded visit (voided or not) as it was entered: 作废并重录 starts from it."""
    events = store_events.events_where(store, "record_id = ?", [visit_id])
    if not events or events[0].kind != VISIT:
        return None
    records = live_state(store, events[0].household_id)
    if visit_id not in records:
        return None
    f = record_fields(records[visit_id])
    proxy = f.get("proxy") or {}
    handovers = tuple(
        Handover(category_code=d["category_code"], cash_fen=d["cash_fen"], goods=d["goods"],
                 goods_fen=d["goods_fen"], transfer=d["transfer"],
                 off_standard_reason=d["off_standard_reason"])
        for d in (record_fields(r) for r in records.values() if r.kind == DISBURSEMENT)
        if d["visit_id"] == visit_id
    )  # fmt: skip
    return VisitInput(
        household_id=f["household_id"], day=date.fromisoformat(f["date"]),
        mode=VisitMode(f["mode"]), outcome=Outcome(f["outcome"]),
        recipient_role=RecipientRole(f["recipient_role"]), proxy_name=proxy.get("name", ""),
        proxy_relation=proxy.get("relation", ""), proxy_reason=proxy.get("reason", ""),
        answered=PhoneAnswer(f["answered"]) if f.get("answered") else None,
        visitors=tuple(f["visitors"]), conditions=f["conditions"], opinions=f["opinions"],
        notes=f.get("notes", ""), handovers=handovers, attempted_at=f.get("attempted_at", ""),
        revisit_on=date.fromisoformat(f["revisit_on"]) if f.get("revisit_on") else None,
        cannot_sign=CannotSign(f["cannot_sign"]) if f.get("cannot_sign") else None,
    )  # fmt: skip


def void_record(store: Store, record_id: str, *, reason: str, actor: Actor | None = None) -> None:
    """Cancel a visit or disbursement; the record stays, marked void with reason, who and when."""
    actor = actor or Actor()
    if not clean(reason):
        raise InvalidInput("visit.void_reason")
    events = store_events.events_where(store, "record_id = ?", [record_id])
    if not events:
        raise NotFound("visit.not_found", record=record_id)
    first = events[0]
    body: dict[str, object] = {
        "target": record_id,
        "reason": clean(reason),
        "by": actor.user,
        "at": actor.now(),
    }
    with store.transaction():
        spec = NewEvent(VOID, new_id(), first.household_id, first.team_id, body)
        append_events(store, writing_device(store, actor), [spec], actor)


def default_visitors(store: Store) -> str:
    """The team leader and members, as the visit form prefills 走访人 (edited when fewer go)."""
    team = team_of_laptop(store)
    if team is None:
        return ""
    names = [team.leader, *(m for m in team.members.replace("，", "、").replace(",", "、")
                               .split("、") if m.strip())]  # fmt: skip
    return "、".join(dict.fromkeys(n.strip() for n in names if n and n.strip()))
