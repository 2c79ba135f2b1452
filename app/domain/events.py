"""Records are immutable events; the live state is computed from them (DESIGN.md).

Every event has its own UUID, the device that wrote it, a per-device number without gaps, the
hash of that device's previous event, a kind, the record it is about, and a content hash over a
canonical encoding. A correction is a ``revise`` event naming what it supersedes; a
cancellation a ``void``. Arrival order never decides anything.
"""

from __future__ import annotations

import hashlib
import json
import operator
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple

import orjson

from app.domain.legacy import FIELDS_OF_KIND, upgrade_body

VISIT = "visit"
DISBURSEMENT = "disbursement"
SIGNATURE = "signature"
REVISE = "revise"
VOID = "void"
CASH_COUNT = "cash_count"
PRINT = "print"
# Written by the office's transfer desk (app.domain.transfers): a household put in a bank
# transfer batch, and the bank's answer for it.
TRANSFER = "transfer"
TRANSFER_RESULT = "transfer_result"
RESOLUTION = "resolution"  # the office's decision on a flag (app.domain.resolutions)
KINDS = (VISIT, DISBURSEMENT, SIGNATURE, REVISE, VOID, CASH_COUNT, PRINT, TRANSFER,
         TRANSFER_RESULT, RESOLUTION)  # fmt: skip

GENESIS = "0" * 64  # the "previous hash" of a device's first event


def canonical(obj: Any) -> str:
    """One text for one value: sorted keys, no spaces, UTF-8 kept. Integers only for money."""
    return json.dumps(obj, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


class Event(NamedTuple):
    """One immutable event. A named tuple, not a dataclass: a merge makes 300,000 of them in
    the worker and again here, and a tuple is built in C (~4× faster); it also travels
    between processes as the plain tuple it is."""

    id: str
    device_id: str
    seq: int
    prev_hash: str
    kind: str
    record_id: str  # the visit/disbursement/... this event is about
    household_id: str
    team_id: str
    created_at: str
    body: str  # canonical JSON of the kind's fields
    content_hash: str

    def data(self) -> dict[str, Any]:
        data: dict[str, Any] = orjson.loads(self.body)  # as json.loads does, in half the time
        if self.kind in FIELDS_OF_KIND:
            upgrade_body(self.kind, data)
        return data

    def as_row(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in _FIELDS}


_FIELDS = Event._fields
_text_fields = operator.attrgetter(*(f for f in _FIELDS if f != "seq"))


def event_hash(event: Event) -> str:
    """SHA-256 over the canonical encoding of every field but the hash itself: one JSON
    object, keys sorted, no spaces, UTF-8 kept.

    Every field is text but ``seq``, a plain int: ``make_event`` refuses anything else, a
    bundle's events are refused otherwise (``decode_payload``) and the store's columns are
    typed. For those values orjson writes the bytes ``canonical`` would, faster (a merge hashes
    300,000 events); the keys are written in sorted order rather than sorted each time."""
    return fields_hash(*event[:10])


def fields_hash(
    id: str, device_id: str, seq: int, prev_hash: str, kind: str, record_id: str,
    household_id: str, team_id: str, created_at: str, body: str,
) -> str:  # fmt: skip
    """``event_hash`` of the event these fields make, before it is made (a bulk writer then
    builds each event once rather than again with its hash)."""
    return hashlib.sha256(orjson.dumps({
        "body": body, "created_at": created_at, "device_id": device_id,
        "household_id": household_id, "id": id, "kind": kind, "prev_hash": prev_hash,
        "record_id": record_id, "seq": seq, "team_id": team_id,
    })).hexdigest()  # fmt: skip


def make_event(
    *,
    id: str,
    device_id: str,
    seq: int,
    prev_hash: str,
    kind: str,
    record_id: str,
    household_id: str,
    team_id: str,
    created_at: str,
    body: Mapping[str, Any],
) -> Event:
    if kind not in KINDS:
        raise ValueError(f"unknown event kind {kind!r}")
    event = Event(id, device_id, seq, prev_hash, kind, record_id, household_id, team_id,
                  created_at, canonical(dict(body)), "")  # fmt: skip
    if type(seq) is not int or not all(type(v) is str for v in _text_fields(event)):
        raise TypeError("an event's fields are text, its seq an int")
    return event._replace(content_hash=event_hash(event))


def event_from_row(row: Mapping[str, Any]) -> Event:
    return Event(**{name: row[name] for name in _FIELDS})


def hash_is_valid(event: Event) -> bool:
    return event_hash(event) == event.content_hash


@dataclass(frozen=True, slots=True)
class ChainProblem:
    device_id: str
    seq: int
    key: str  # message key: sync.chain_gap / sync.chain_broken / sync.bad_hash


def check_chains(events: Iterable[Event]) -> tuple[dict[str, tuple[int, str]], list[ChainProblem]]:
    """Per device: (last seq, head hash), and every gap, break or bad hash found."""
    by_device: dict[str, list[Event]] = {}
    for event in events:
        by_device.setdefault(event.device_id, []).append(event)
    heads: dict[str, tuple[int, str]] = {}
    problems: list[ChainProblem] = []
    for device, chain in by_device.items():
        chain.sort(key=lambda e: e.seq)
        previous = GENESIS
        for expected, event in enumerate(chain, start=1):
            if not hash_is_valid(event):
                problems.append(ChainProblem(device, event.seq, "sync.bad_hash"))
            if event.seq != expected:
                problems.append(ChainProblem(device, expected, "sync.chain_gap"))
                break
            if event.prev_hash != previous:
                problems.append(ChainProblem(device, event.seq, "sync.chain_broken"))
            previous = event.content_hash
        heads[device] = (chain[-1].seq, chain[-1].content_hash)
    return heads, problems


@dataclass(frozen=True, slots=True)
class LiveRecord:
    """The version of a record in force: the original or the revision that is not superseded."""

    record_id: str
    kind: str  # the kind of the record (visit, disbursement, ...), never revise/void
    event: Event  # the event whose body is in force
    voided: bool
    conflict: bool  # two live versions remained (concurrent revisions): shown, and flagged


def live_records(events: Sequence[Event]) -> dict[str, LiveRecord]:
    """Fold events into the live version of each record, independent of arrival order.

    A revise event's body carries ``supersedes`` (the event id it replaces) and the record's new
    fields; a void event's body carries ``target`` (the record id), ``reason`` and ``by``.
    Where two versions remain unsuperseded, the one with the smallest (created_at, id) is shown:
    a fixed rule, so every store shows the same one, and a conflict is raised.
    """
    first: dict[str, Event] = {}  # record id → its first version met
    more: dict[str, list[Event]] = {}  # record id → all its versions, where there are several
    superseded: set[str] = set()
    voided: set[str] = set()
    kinds: dict[str, str] = {}  # record id → its kind, where its first version is not its own
    for event in events:
        kind, record_id = event.kind, event.record_id
        if kind == VOID:
            voided.add(event.data()["target"])
            continue
        if kind == REVISE:
            superseded.add(event.data()["supersedes"])
        if record_id not in first:
            first[record_id] = event
            continue
        if kind != REVISE:
            kinds[record_id] = kind
        found = more.get(record_id)
        if found is None:
            found = more[record_id] = [first[record_id]]
        found.append(event)
    result = {}
    for record_id, event in first.items():
        kind = kinds.get(record_id) or (event.kind if event.kind != REVISE else "")
        if not kind:
            continue  # a revision whose original has not arrived: nothing to show yet
        candidates = more.get(record_id)
        if candidates is None and event.id not in superseded:
            # Most records were never revised: no list to filter, nothing to sort.
            result[record_id] = LiveRecord(record_id, kind, event, record_id in voided, False)
            continue
        standing = [e for e in candidates or (event,) if e.id not in superseded]
        if not standing:
            continue
        standing.sort(key=lambda e: (e.created_at, e.id))
        result[record_id] = LiveRecord(
            record_id, kind, standing[0], record_id in voided, len(standing) > 1
        )
    return result


def record_fields(record: LiveRecord) -> dict[str, Any]:
    """The record's fields as they stand (a revision's body minus its bookkeeping)."""
    data = record.event.data()
    data.pop("supersedes", None)
    return data
