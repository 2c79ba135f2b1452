"""Paper that comes back to the office: the slip of a print on paper (按手印), and the signed
paper 签收表 of visits entered from it.

A paper row marked signed is a claim; the sheet in the office's hands is the proof. Receiving
it is a revision of the visit that says so (``slip_received``: who, when; the original stays),
which clears 待收回纸质凭证 and makes the visit's money proven.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from app.domain.errors import InvalidInput
from app.domain.events import DISBURSEMENT, REVISE, SIGNATURE, VISIT, LiveRecord, record_fields
from app.domain.signature import METHOD_THUMBPRINT
from app.services.bundles.devices import NewEvent, append_events, central_device
from app.services.households.finding import find_household
from app.services.infra.context import Actor, require_campaign
from app.services.visits.recording import live_state
from app.store import households as store_households
from app.store.db import Store


@dataclass(frozen=True, slots=True)
class Received:
    name: str  # the household's
    visit_id: str
    slip: str  # the number of a print's slip; "" for a paper 签收表
    sheet: bool  # a paper 签收表 row (not a print's slip)


def pending_paper(records: Mapping[str, LiveRecord]) -> dict[str, str | None]:
    """visit id → the slip number of a print on paper, or None for a paper 签收表 row marked
    signed: each live visit whose paper the office has not received."""
    pending: dict[str, str | None] = {}
    handed = {record_fields(r)["visit_id"] for r in records.values()
              if r.kind == DISBURSEMENT and not r.voided}  # fmt: skip
    for record in records.values():
        if record.voided or record.kind not in (SIGNATURE, VISIT):
            continue
        fields = record_fields(record)
        if record.kind == SIGNATURE and fields.get("method") == METHOD_THUMBPRINT:
            pending[fields["visit"]] = fields.get("slip_number", "")
        elif (record.kind == VISIT and record.record_id in handed
              and fields.get("source") == "paper" and fields.get("paper_signed")):  # fmt: skip
            pending.setdefault(record.record_id, None)
    return {v: slip for v, slip in pending.items()
            if v in records and not records[v].voided
            and not record_fields(records[v]).get("slip_received")}  # fmt: skip


def receive_paper(
    store: Store, id_number: str, *, number: str = "", actor: Actor | None = None
) -> Received:
    """The office has the paper of a household's visit (the first one pending): a print's slip
    or the signed 签收表. ``number``: the sheet's or slip's number, if it has one."""
    actor = actor or Actor()
    campaign = require_campaign(store)
    found = find_household(store, typed=id_number)  # ID number, name, or name + ID tail
    household = store_households.find_household(store, campaign.id, found.id_number)
    assert household is not None
    records = live_state(store, household["id"])
    pending = pending_paper(records)
    if not pending:
        raise InvalidInput("slip.not_pending")
    visit_id = min(pending, key=lambda v: (pending[v] is None, v))  # a slip first, as before
    with store.transaction():
        write_received(store, records[visit_id], actor, number=number)
    slip = pending[visit_id]
    return Received(household["name"], visit_id, slip or "", slip is None)


def write_received(store: Store, visit: LiveRecord, actor: Actor, *, number: str = "") -> None:
    """The revision of ``visit`` that says the office has its paper (inside a transaction)."""
    received: dict[str, Any] = {"by": actor.user, "at": actor.now()}
    if number:
        received["number"] = number
    body = record_fields(visit) | {"supersedes": visit.event.id, "slip_received": received}
    spec = NewEvent(REVISE, visit.record_id, visit.event.household_id, visit.event.team_id, body)
    append_events(store, central_device(store, actor), [spec], actor)
