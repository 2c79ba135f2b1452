"""What the office holds back and a person decides: quarantined bundles, a laptop's fork, a
revoked laptop's later records.

An *item* is one thing to decide. A fork is one item whose branches (the one in the store
from where the chains part, and each other branch as its quarantined bundle brought it) are
listed in the order of their first record, whichever came first: the figures and the open
decision never depend on arrival order, since every branch is held until decided. Accepting a
branch in the store lifts its hold; accepting a quarantined bundle writes its records again as
the office's own (the laptop's numbers are taken by the other branch), each linked to the
original in ``adopted_event``. Keeping aside changes nothing but the record of the decision.
Every decision names who, when and why, and the flags the accepted records raise are the
flags of the campaign from then on.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from app.domain.audit import Proof
from app.domain.campaign import new_id
from app.domain.errors import Conflict, InvalidInput, NotFound, Reason
from app.domain.events import DISBURSEMENT, SIGNATURE, Event, live_records
from app.domain.id_number import mask_id
from app.domain.signature import METHOD_THUMBPRINT, signature_from_body, verify
from app.domain.text import clean
from app.services.bundles.devices import NewEvent, append_events, writing_device
from app.services.bundles.merge import central_box_key
from app.services.infra.context import Actor
from app.services.oversight.flags import FlagView, households_flags
from app.store import events as store_events
from app.store import holds as store_holds
from app.store import households as store_households
from app.store.db import Store
from app.sync import container
from app.sync.payload import decode_payload

FORK, REVOKED, BUNDLE = "fork", "revoked", "bundle"  # kinds of item
ACCEPT, KEEP_ASIDE, RELEASED = "accept", "keep_aside", "released"  # decisions
IN_STORE = "store"  # a branch already in the event table (held)


@dataclass(frozen=True, slots=True)
class HeldRecord:
    event_id: str
    device_id: str
    seq: int
    kind: str
    household: str  # name and masked ID number, "" for a record about no household
    created_at: str
    cash_fen: int
    goods_fen: int
    state: str  # held | new | known (here already) | same_id (another record's id) | adopted
    # A payment to a household whose category's money the office already counts from another
    # record: accepting it would raise a double payment.
    paid_already: bool = False
    # A payment's proof from the records beside it in the branch: Proof.SIGNATURE when a
    # signature of its visit verifies (hashes recomputed, not a thumbprint), else Proof.NONE
    # (a paper slip or the bank comes later, at the office); "" for a record that is no payment.
    proof: str = ""


@dataclass(frozen=True, slots=True)
class Branch:
    key: str  # IN_STORE, or the quarantine id of the bundle that brought it
    records: tuple[HeldRecord, ...]
    cash_fen: int
    goods_fen: int
    pending: bool  # something in it waits for a decision
    decision: str | None  # accept | keep_aside | released, the latest one
    decided_by: str = ""
    decided_at: str = ""
    reason: str = ""


@dataclass(frozen=True, slots=True)
class Item:
    id: str  # what the clerk names it by: "<kind>:<laptop>" or the quarantine id
    kind: str  # fork | revoked | bundle
    team: str
    device_id: str
    from_seq: int | None
    reason: Reason
    branches: tuple[Branch, ...]
    open: bool


def list_items(store: Store, *, include_decided: bool = True) -> list[Item]:
    """Every item, open ones first; forks and revoked laptops by laptop, bundles by time."""
    items = _device_items(store) + _bundle_items(store)
    items.sort(key=lambda i: (not i.open, i.kind != FORK, i.team, i.id))
    return [i for i in items if include_decided or i.open]


def show(store: Store, item_id: str) -> Item:
    matches = [i for i in list_items(store) if i.id == item_id or i.id.startswith(item_id)]
    if len(matches) != 1 or not item_id.strip():
        raise NotFound("quarantine.not_found", item=item_id)
    return matches[0]


# --- the items ----------------------------------------------------------------------------------


def _device_items(store: Store) -> list[Item]:
    """One item per laptop that has (or had) a hold: its fork with every branch, or its
    records held since it was revoked."""
    history: dict[str, list[dict[str, Any]]] = {}
    for row in store_holds.hold_history(store):
        history.setdefault(row["device_id"], []).append(row)
    devices = {d["id"]: d for d in store_events.list_devices(store)}
    quarantined = [
        q for q in store_holds.quarantined_bundles(store) if q["reason_key"] == "merge.off_chain"
    ]
    items = []
    for device_id, rows in history.items():
        forks = [r["from_seq"] for r in rows if r["cause"] == FORK]
        held_from = min(forks) if forks else min(r["from_seq"] or 1 for r in rows)
        kind = FORK if forks else REVOKED
        branches = [_store_branch(store, device_id, held_from, rows)]
        if kind == FORK:
            branches += [
                _bundle_branch(store, q, device_id, held_from)
                for q in quarantined
                if json.loads(q["reason_params"]).get("device_id") == device_id
            ]
        branches = [b for b in branches if b.records or b.key != IN_STORE]
        branches.sort(
            key=lambda b: (
                (b.records[0].created_at, b.records[0].event_id) if b.records else ("", b.key)
            )
        )
        device = devices.get(device_id, {})
        reason = (
            Reason.of("quarantine.fork", seq=held_from)
            if kind == FORK
            else Reason.of("quarantine.revoked", at=(device.get("revoked_at") or "")[:10])
        )
        items.append(
            Item(
                f"{kind}:{device_id[:8]}",
                kind,
                device.get("team") or "",
                device_id,
                held_from,
                reason,
                tuple(branches),
                any(b.pending for b in branches),
            )
        )
    return items


def _store_branch(
    store: Store, device_id: str, from_seq: int, rows: list[dict[str, Any]]
) -> Branch:
    """The laptop's records in the store from ``from_seq`` on; held while its hold is in force."""
    in_force = store_holds.holds_in_force(store).get(device_id)
    events = store_events.events_where(
        store, "device_id = ? AND seq >= ?", [device_id, from_seq], held=True
    )
    names, paid, signed = _names(store, events), _paid(store, events), _signed_visits(events)
    records = tuple(
        _record(e, names, "held" if in_force is not None and e.seq >= in_force else "known",
                paid, signed)
        for e in events
    )  # fmt: skip
    decided = [r for r in rows if r["cause"] in (ACCEPT, KEEP_ASIDE)]
    last = decided[-1] if decided else None
    seen = last["decided_to"] if last else 0
    # Undecided: a held record the last decision did not see (a revoked laptop sends more).
    pending = any(r.state == "held" and r.seq > seen for r in records)
    return _branch(
        IN_STORE,
        records,
        pending,
        last["cause"] if last else None,
        last["by"] if last else "",
        last["at"] if last else "",
        last["reason"] if last else "",
    )


def _bundle_branch(
    store: Store, q: dict[str, Any], device_id: str | None, from_seq: int | None
) -> Branch:
    """What a quarantined bundle brings: its records absent here (of ``device_id`` from
    ``from_seq`` on, for a fork's branch), each marked as here, another's id, or adopted."""
    events = _bundle_events(store, q["id"])
    if device_id is not None and from_seq is not None:
        events = [e for e in events if e.device_id == device_id and e.seq >= from_seq]
    here = store_events.events_by_id(store, [e.id for e in events])
    adopted = store_holds.adopted_originals(store, [e.id for e in events])
    names, paid, signed = _names(store, events), _paid(store, events), _signed_visits(events)
    records = []
    for e in events:
        if e.id in adopted:
            state = "adopted"
        elif e.id in here:
            if here[e.id] == e.content_hash:
                continue  # the same record, here already: nothing to decide
            state = "same_id"
        else:
            state = "new"
        records.append(_record(e, names, state, paid, signed))
    decided = [d for d in store_holds.decisions(store) if d["quarantine_id"] == q["id"]]
    last = decided[-1] if decided else None
    pending = last is None and any(r.state in ("new", "same_id") for r in records)
    return _branch(
        q["id"],
        tuple(records),
        pending,
        last["decision"] if last else None,
        last["by"] if last else "",
        last["at"] if last else "",
        last["reason"] if last else "",
    )


def _branch(
    key: str,
    records: tuple[HeldRecord, ...],
    pending: bool,
    decision: str | None,
    by: str,
    at: str,
    reason: str,
) -> Branch:
    live = [r for r in records if r.state != "same_id"]
    return Branch(
        key,
        records,
        sum(r.cash_fen for r in live),
        sum(r.goods_fen for r in live),
        pending,
        decision,
        by,
        at,
        reason,
    )


def _bundle_items(store: Store) -> list[Item]:
    """A quarantined bundle that is no fork's branch (another record's id, relayed records
    not known here): an item of its own."""
    items = []
    for q in store_holds.quarantined_bundles(store):
        if q["reason_key"] == "merge.off_chain":
            continue
        branch = _bundle_branch(store, q, None, None)
        reason = Reason.of(q["reason_key"], **json.loads(q["reason_params"] or "{}"))
        items.append(
            Item(
                q["id"],
                BUNDLE,
                q["team_code"],
                q["device_id"] or "",
                None,
                reason,
                (branch,),
                branch.pending,
            )
        )
    return items


def _bundle_events(store: Store, quarantine_id: str) -> list[Event]:
    """The events of a quarantined bundle, opened again with the office's key (the bundle was
    verified before it was quarantined)."""
    data = store_holds.quarantined_bundle(store, quarantine_id)
    if data is None:
        raise NotFound("quarantine.not_found", item=quarantine_id)
    sealed = container.read_sealed(data)
    opened = container.open_with_box_key(sealed, central_box_key(store))
    _body, events = decode_payload(opened.payload)
    return sorted(events, key=lambda e: (e.device_id, e.seq))


def _paid(store: Store, events: list[Event]) -> set[tuple[str, str, str]]:
    """(household, category, record) of every counted live payment of these households."""
    households = sorted({e.household_id for e in events if e.kind == DISBURSEMENT})
    counted = live_records(store_events.events_of_households(store, households))
    return {(r.event.household_id, str(r.event.data().get("category_code")), r.record_id)
            for r in counted.values() if r.kind == DISBURSEMENT and not r.voided}  # fmt: skip


def _paid_already(event: Event, paid: set[tuple[str, str, str]]) -> bool:
    if event.kind != DISBURSEMENT:
        return False
    category = str(json.loads(event.body).get("category_code"))
    return any(h == event.household_id and c == category and r != event.record_id
               for h, c, r in paid)  # fmt: skip


def _names(store: Store, events: list[Event]) -> dict[str, str]:
    ids = sorted({e.household_id for e in events if e.household_id})
    return {
        h: f"{name} {mask_id(number)}"
        for h, (name, number) in store_households.household_names(store, ids).items()
    }


def _signed_visits(events: list[Event]) -> set[str]:
    """The visits with a signature among ``events`` that verifies (a thumbprint is no
    signature: its proof is the paper slip)."""
    signed = set()
    for e in events:
        if e.kind != SIGNATURE:
            continue
        try:
            body = json.loads(e.body)
            record, content = signature_from_body(body)
            ok = record.method != METHOD_THUMBPRINT and verify(record, content)
        except (TypeError, ValueError, KeyError):
            ok = False  # a damaged body proves nothing
        if ok and content.get("visit") == body.get("visit"):
            signed.add(str(body["visit"]))
    return signed


def _record(
    event: Event,
    names: dict[str, str],
    state: str,
    paid: set[tuple[str, str, str]],
    signed: set[str],
) -> HeldRecord:
    cash = goods = 0
    proof = ""
    if event.kind == DISBURSEMENT:
        body = json.loads(event.body)
        cash, goods = _fen(body.get("cash_fen")), _fen(body.get("goods_fen"))
        proof = Proof.SIGNATURE if body.get("visit_id") in signed else Proof.NONE
    return HeldRecord(
        event.id,
        event.device_id,
        event.seq,
        event.kind,
        names.get(event.household_id, ""),
        event.created_at,
        cash,
        goods,
        state,
        state != "known" and _paid_already(event, paid),
        proof,
    )


def _fen(value: object) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) else 0


# --- deciding -----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Decided:
    item: Item  # as it stands after the decision
    accepted: int  # records that count from now on
    flags: tuple[FlagView, ...]  # the open flags of the households they are about


def accept(
    store: Store,
    item_id: str,
    *,
    reason: str,
    branch: int | None = None,
    actor: Actor | None = None,
) -> Decided:
    """Bring a branch's records in (``branch``: its number as listed, from 1; every undecided
    branch if None)."""
    return _decide(store, item_id, ACCEPT, reason, branch, actor or Actor())


def keep_aside(
    store: Store,
    item_id: str,
    *,
    reason: str,
    branch: int | None = None,
    actor: Actor | None = None,
) -> Decided:
    """Leave a branch out of every sum, for good (the decision is kept)."""
    return _decide(store, item_id, KEEP_ASIDE, reason, branch, actor or Actor())


def _decide(
    store: Store, item_id: str, decision: str, reason: str, branch: int | None, actor: Actor
) -> Decided:
    if not clean(reason):
        raise InvalidInput("quarantine.reason_missing")
    item = show(store, item_id)
    if branch is not None and not 1 <= branch <= len(item.branches):
        raise InvalidInput("quarantine.no_branch", branch=branch, count=len(item.branches))
    chosen = [item.branches[branch - 1]] if branch else [b for b in item.branches if b.pending]
    if not chosen or not any(b.pending for b in chosen):
        raise Conflict("quarantine.decided", item=item.id)
    chosen = [b for b in chosen if b.pending]
    touched = {e.household_id for b in chosen for e in _branch_events(store, item, b)}
    accepted = 0
    with store.transaction():
        for b in chosen:
            if b.key == IN_STORE:
                accepted += _decide_held(store, item, b, decision, clean(reason), actor)
            else:
                accepted += _decide_bundle(store, b, decision, clean(reason), actor)
    after = show(store, item.id)
    flags = tuple(households_flags(store, sorted(h for h in touched if h)))
    return Decided(after, accepted if decision == ACCEPT else 0, flags)


def _branch_events(store: Store, item: Item, branch: Branch) -> list[Event]:
    ids = [r.event_id for r in branch.records]
    if branch.key == IN_STORE:
        return store_events.events_where(
            store, "device_id = ? AND seq >= ?", [item.device_id, item.from_seq or 1], held=True
        )
    return [e for e in _bundle_events(store, branch.key) if e.id in set(ids)]


def _decide_held(
    store: Store, item: Item, branch: Branch, decision: str, reason: str, actor: Actor
) -> int:
    """The branch in the store: accepted, its hold ends (for a revoked laptop, it moves past
    the records accepted: what it sends later is held again); kept aside, it stays held."""
    device = store_events.get_device(store, item.device_id) or {}
    last = max((r.seq for r in branch.records), default=0)
    if decision == ACCEPT:
        from_seq = last + 1 if device.get("revoked_at") else None
    else:
        from_seq = store_holds.holds_in_force(store).get(item.device_id, item.from_seq)
    store_holds.add_hold(
        store,
        {
            "id": new_id(),
            "device_id": item.device_id,
            "from_seq": from_seq,
            "cause": decision,
            "decided_to": last,
            "reason": reason,
            "at": actor.now(),
            "by": actor.user,
        },
    )
    return sum(1 for r in branch.records if r.state == "held")


def _decide_bundle(store: Store, branch: Branch, decision: str, reason: str, actor: Actor) -> int:
    """A quarantined bundle's records: accepted, each absent one is written again as the
    office's own event (same record, household, team and body), linked to its original."""
    decision_id = new_id()
    store_holds.insert_decision(
        store,
        {
            "id": decision_id,
            "quarantine_id": branch.key,
            "decision": decision,
            "reason": reason,
            "at": actor.now(),
            "by": actor.user,
        },
    )
    if decision != ACCEPT:
        return 0
    new = {r.event_id for r in branch.records if r.state == "new"}
    originals = [e for e in _bundle_events(store, branch.key) if e.id in new]
    specs = [
        NewEvent(e.kind, e.record_id, e.household_id, e.team_id, json.loads(e.body))
        for e in originals
    ]
    written = append_events(store, writing_device(store, actor), specs, actor)
    store_holds.insert_adopted(
        store, [(w.id, o.id, decision_id) for w, o in zip(written, originals, strict=True)]
    )
    return len(written)
