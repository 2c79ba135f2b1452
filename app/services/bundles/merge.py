"""Merging a team's result bundle at the central office: a set union of immutable events.

- The same bundle again: "already imported", nothing changes.
- A newer bundle must extend the chain already seen for its laptop; an older one that adds
  nothing says so and changes nothing.
- The same event id (or the same laptop and number) with different content, or events off the
  known chain (a laptop restored from a backup, a copied database): an alarm. The bundle goes
  to quarantine whole; the main store stays untouched and no money record is thrown away.
"""

from __future__ import annotations

import hashlib
import json
import marshal
import operator
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from app.domain.campaign import new_id
from app.domain.errors import BundleRefused, Reason
from app.domain.event_bodies import check_bodies
from app.domain.event_bounds import FieldName, KindName, check_bounds
from app.domain.events import CASH_COUNT, PRINT, REVISE, SIGNATURE, VOID, Event, check_chains
from app.domain.flags import Flag, FlagContext
from app.services.bundles.devices import CENTRAL, local_device
from app.services.bundles.devices import role as device_role
from app.services.bundles.ledger import Applied, log_bundle
from app.services.infra.bulk import paused_gc
from app.services.infra.context import Actor, require_campaign
from app.services.oversight.flags import bundle_flags, own_flags
from app.store import events as store_events
from app.store import holds as store_holds
from app.store import teams as store_teams
from app.store.db import Store
from app.store.signature_checks import check_rows
from app.sync import container, keys
from app.sync.payload import decode_payload


class IdClash(Exception):
    """A fresh event's id is here already, found by the insert itself (``careful=False``). The
    caller undoes its whole transaction and merges again with ``careful=True``."""


class _Alarm(Exception):
    def __init__(self, key: str, **params: Any) -> None:
        super().__init__(key)
        self.key = key
        self.params = params


@dataclass(frozen=True, slots=True)
class Trusted:
    """A result bundle that may be opened: its team, and the laptop key it must be signed by."""

    team_id: str
    team_code: str
    device_id: str
    device_public: bytes
    sequence: int
    # Of the whole file: what the log and "already imported" go by. None until the bundle is
    # opened where no bundle of this laptop and number was ever logged (it cannot be the same
    # file): the worker that opens it hashes it then, not this process.
    sha256: str | None
    # Enrolled by a team credential the office has since replaced (a laptop lost before it ever
    # sent a bundle): taken in as revoked then, every record of it held. Its replacement time.
    retired_at: str | None = None


def central_box_key(store: Store) -> bytes:
    if device_role(store) != CENTRAL:
        raise BundleRefused("bundle.result_not_central")
    central = local_device(store)
    assert central is not None and central.box_private is not None
    return central.box_private


def check_result(
    store: Store, header: dict[str, object], file_sha256: Callable[[], str] | str
) -> Trusted | Applied:
    """What the store says of a result bundle before anything is decrypted: ours, not seen
    before, from a laptop whose key is pinned here or proven by the team credential.
    ``file_sha256``: the file's hash, or how to work it out should it be needed."""
    central_box_key(store)
    campaign = require_campaign(store)
    if header.get("campaign_id") != campaign.id:
        raise BundleRefused("bundle.other_campaign")
    team = store_teams.team_by_id(store, str(header.get("team_id")))
    if team is None:
        raise BundleRefused("bundle.unknown_team", team=header.get("team_code", "?"))
    sequence, device_id = header.get("sequence", 0), str(header.get("device_id", ""))
    if not isinstance(sequence, int):  # checked at the door too (exchange._check_header_fields)
        raise BundleRefused("bundle.bad_header", field="sequence")
    sha256 = file_sha256 if isinstance(file_sha256, str) else None
    if store_events.import_logged(store, device_id, sequence):
        if sha256 is None:
            sha256 = file_sha256() if callable(file_sha256) else ""
        if store_events.bundle_logged(store, sha256):
            return Applied("result", "already", team["code"], sequence)
        if (reason := store_events.quarantined_reason(store, sha256)) is not None:
            # The same stick again: it is in quarantine already; nothing more is written.
            return Applied("result", "quarantined", team["code"], sequence,
                           quarantine_reason=reason, device_id=device_id)  # fmt: skip
    device_public, retired_at = device_key(store, header, team["id"], campaign.id)
    return Trusted(team["id"], team["code"], device_id, device_public, sequence, sha256,
                   retired_at)  # fmt: skip


def open_result(
    data: bytes, header_bytes: bytes, device_public: bytes, box_private: bytes,
    rules: FlagContext, known: Mapping[str, tuple[int, str]],
) -> bytes:  # fmt: skip
    """Check the whole file, verify, decrypt and decode it, and recheck every event's hash and
    chain. ``header_bytes`` is the header the caller trusted: the file must carry exactly it.

    Pure (no store, no files), so a worker process can open the next bundle while this one is
    merged; it also works out the flags the bundle's events raise on their own. ``known``:
    each laptop's last event number at the office when the bundle was handed over; of those
    events only the last comes back (the office compares chains by it), with everything after.
    The result comes back packed, for ``apply_result``."""
    with paused_gc():
        return _open_result(data, header_bytes, device_public, box_private, rules, known)


def _open_result(
    data: bytes, header_bytes: bytes, device_public: bytes, box_private: bytes,
    rules: FlagContext, known: Mapping[str, tuple[int, str]],
) -> bytes:  # fmt: skip
    sealed = container.read_sealed(data)
    if sealed.header_bytes != header_bytes:
        raise BundleRefused("bundle.corrupt")
    container.verify_sealed(sealed, device_public)
    opened = container.open_with_box_key(sealed, box_private)
    _body, events = decode_payload(opened.payload)
    heads, problems = check_chains(events)
    if problems:
        raise BundleRefused("bundle.chain", device=problems[0].device_id[:8])
    header = sealed.header
    claimed = {d: (h["seq"], h["hash"]) for d, h in header.get("heads", {}).items()}
    if claimed != heads or header.get("event_count") != len(events):
        raise BundleRefused("bundle.header_mismatch")
    # A laptop writes in its own team's name only: a visit put down to another team would
    # hide "not assigned" (the flag goes by the team an event names).
    sender, team = header.get("device_id"), header.get("team_id")
    if elsewhere := sum(1 for e in events if e.device_id == sender and e.team_id != team):
        raise BundleRefused("bundle.other_team_event", count=elsewhere)
    bodies, bad = check_bodies(events)
    if bad is not None:
        event, field = bad
        raise BundleRefused("bundle.record_invalid", kind=KindName(event.kind),
                            record=event.record_id[:8], field=FieldName(field))  # fmt: skip
    if (out := check_bounds(events, bodies, rules, known)) is not None:
        raise BundleRefused(f"bundle.record_{out.fault}", kind=KindName(out.event.kind),
                            record=out.event.record_id[:8], **dict(out.params))  # fmt: skip
    if len({e.id for e in events}) < len(events):
        # Two events under one id: bodies keyed by id would read one as the other. The merge
        # quarantines such a bundle (same id, other content); nothing to flag in it here.
        flags, checks = own_flags([], rules)
    else:
        flags, checks = own_flags(events, replace(rules, bodies=bodies))
    first = _first_sent(events, heads, known)
    sent = [tuple(e) for e in events if e.seq >= first[e.device_id]]
    households = sorted({e.household_id for e in events})
    # What each signature's body says of itself (signature_check), worked out here, beside the
    # other workers, rather than in the merge's one process.
    signed = list(check_rows((e.id, e.record_id, e.body) for e in events
                             if e.kind == SIGNATURE and e.seq >= first[e.device_id]))  # fmt: skip
    # marshal: plain tuples, loaded ~5× faster than pickle would (same Python, own data).
    return marshal.dumps((sent, len(events), households, list(map(_flag_tuple, flags)), checks,
                          hashlib.sha256(data).hexdigest(), signed))  # fmt: skip


_flag_tuple = operator.attrgetter(*Flag.__dataclass_fields__)


def _first_sent(
    events: list[Event], heads: Mapping[str, tuple[int, str]],
    known: Mapping[str, tuple[int, str]],
) -> dict[str, int]:  # fmt: skip
    """Per laptop, the first event the merge is given. A day's cumulative bundle repeats every
    event sent before: they stay here, from the last one known (which the merge compares). A
    chain that parts from the one here (a laptop restored from an old copy) goes whole, so the
    alarm names the first record that differs, not the last one both have."""
    at = {(e.device_id, e.seq): e.content_hash for e in events if e.device_id in known}
    first = {}
    for device, (last, _hash) in heads.items():
        seq, head_hash = known.get(device, (0, ""))
        if seq and (seq > last or at.get((device, seq)) != head_hash):
            first[device] = 1
        else:
            first[device] = max(seq, 1)
    return first


def apply_result(
    store: Store, path: Path, data: bytes, header: dict[str, object], trusted: Trusted,
    opened: bytes, actor: Actor, *, careful: bool = True, releasing: bool = False,
) -> Applied:  # fmt: skip
    """Merge an opened bundle: insert the events absent here, log it, report its flags.
    ``releasing``: a bundle out of quarantine tried again (it stays there on any alarm).

    Call inside a transaction (``import_bundles`` holds one). Every refusal comes before the
    first write, so a refused bundle leaves nothing behind without a savepoint of its own.

    ``careful=False`` skips looking up the fresh events' ids before inserting them (a real
    part of a big merge): the insert skips an id that is here already (or twice in the
    bundle) and this raises ``IdClash``, for a forged or copied bundle only; then the
    transaction must be undone."""
    rows, count, households, own_flags, checks, sha256, signed = marshal.loads(opened)
    trusted = replace(trusted, sha256=sha256)
    if not releasing:  # an earlier bundle of the pile may have been this file, or enrolled it
        again = check_result(store, header, sha256)
        if isinstance(again, Applied):
            return again
        if again.device_public != trusted.device_public:
            raise _key_changed(trusted.device_id, again.device_public, trusted.device_public)
    events = list(map(Event._make, rows))  # each laptop's chain from its last event known
    device_id, team_code, sequence = trusted.device_id, trusted.team_code, trusted.sequence
    try:
        new_events = _new_events(store, events, device_id, look_up_ids=careful)
    except _Alarm as alarm:
        if releasing:
            return Applied("result", "quarantined", team_code, sequence, device_id=device_id)
        if alarm.key == "merge.off_chain":
            hold_fork(store, alarm.params["device_id"], alarm.params["seq"], actor)
        return _quarantine(store, path, data, trusted, alarm, actor)
    signer = keys.fingerprint(trusted.device_public)
    if not new_events:
        # Adds nothing (an older stick, or a newer one with no new records): say so, change
        # nothing.
        mine = [e.seq for e in events if e.device_id == device_id]
        behind = max(mine, default=0) < store_events.chain_head(store, device_id)[0]
        return Applied("result", "older" if behind else "unchanged", team_code, sequence,
                       unchanged=count, device_id=device_id,
                       signer_fingerprint=signer)  # fmt: skip
    _check_households(store, new_events, trusted)
    updated = sum(1 for e in new_events if e.kind in (REVISE, VOID))
    if store_events.get_device(store, device_id) is None:
        _enrol(store, trusted, actor)
    inserted = store_events.insert_events(store, new_events, actor.now(),
                                          skip_known_ids=not careful, checked=signed)  # fmt: skip
    if inserted != len(new_events):
        raise IdClash(device_id)
    held, flags = _held_and_flags(store, new_events, households, own_flags, checks, device_id)
    log_bundle(store, "import", "result", path, data, trusted.team_id, device_id, sequence,
               "applied", actor, sha256=trusted.sha256, new=len(new_events) - updated,
               updated=updated, unchanged=count - len(new_events),
               flagged=len(flags), quarantined=held)  # fmt: skip
    return Applied(
        "result", "applied", team_code, sequence, new=len(new_events) - updated, updated=updated,
        unchanged=count - len(new_events), flags=tuple(flags), device_id=device_id,
        signer_fingerprint=signer, detail={"held": held} if held else {},
    )  # fmt: skip


def _held_and_flags(
    store: Store, new_events: list[Event], households: list[str], own: list[Any],
    checks: Any, device_id: str,
) -> tuple[int, list[Any]]:  # fmt: skip
    """How many of the new records are held (a revoked laptop's), and the flags the bundle
    raises on the households whose records count."""
    holds = store_holds.holds_in_force(store)
    held = sum(1 for e in new_events if e.seq >= holds.get(e.device_id, e.seq + 1))
    flags = bundle_flags(store, households, [Flag(*f) for f in own], checks, device_id)
    if held:
        counted = {e.household_id for e in store_events.events_of_households(store, households)}
        flags = [f for f in flags if f.household_id in counted]
    return held, flags


def _enrol(store: Store, trusted: Trusted, actor: Actor) -> None:
    """Pin a laptop's key at its first bundle; one enrolled by a replaced credential comes in
    revoked, every record of it held for the office to decide."""
    store_events.insert_device(
        store,
        {"id": trusted.device_id, "role": "team", "team_id": trusted.team_id,
         "signing_public": trusted.device_public.hex(), "first_seen": actor.now()},
    )  # fmt: skip
    if trusted.retired_at is not None:
        store_events.revoke_device(store, trusted.device_id, trusted.retired_at, actor.user,
                                   "credential_retired")  # fmt: skip
        store_holds.add_hold(store, {"id": new_id(), "device_id": trusted.device_id,
                                     "from_seq": 1, "cause": "revoked",
                                     "reason": "credential_retired", "at": actor.now(),
                                     "by": actor.user})  # fmt: skip


def hold_fork(store: Store, device_id: str, seq: int, actor: Actor) -> None:
    """A laptop's chain parted at ``seq``: its events from there on, whichever branch came
    first, count for nothing until the office decides (arrival order never decides)."""
    held_from = store_holds.holds_in_force(store).get(device_id)
    if held_from is None or held_from > seq:
        store_holds.add_hold(store, {"id": new_id(), "device_id": device_id, "from_seq": seq,
                                     "cause": "fork", "at": actor.now(),
                                     "by": actor.user})  # fmt: skip


# Records about no household: a team's cash count at the end of a day.
_WITHOUT_HOUSEHOLD = frozenset({CASH_COUNT, PRINT})


def _check_households(store: Store, new_events: list[Event], trusted: Trusted) -> None:
    """Every new record of the sending laptop is about a household ever assigned to its team
    (a household moved away since keeps its visits: "not assigned" flags those). Refused
    before the merge's first write."""
    mine = [e for e in new_events if e.device_id == trusted.device_id]
    named = sorted({e.household_id for e in mine if e.household_id})
    ours = store_teams.households_ever_assigned(store, trusted.team_id, named) if named else set()
    stray = next((e for e in mine if (e.household_id not in ours if e.household_id
                                      else e.kind not in _WITHOUT_HOUSEHOLD)), None)  # fmt: skip
    if stray is not None:
        raise BundleRefused("bundle.record_household", kind=stray.kind,
                            record=stray.record_id[:8], household=stray.household_id[:8] or "—",
                            team=trusted.team_code)  # fmt: skip


def _key_changed(device_id: str, known: bytes, claimed: bytes) -> BundleRefused:
    """The same laptop id with another key: the app never changes a laptop's key, and a copied
    database keeps it, so that laptop did not sign this. Both fingerprints, as device list
    shows them."""
    fingerprints = {"known": keys.fingerprint(known), "claimed": keys.fingerprint(claimed)}
    return BundleRefused("bundle.device_key_changed", device=device_id[:8], **fingerprints)


def device_key(
    store: Store, header: dict[str, object], team_id: str, campaign_id: str
) -> tuple[bytes, str | None]:
    """The laptop's public key: pinned if seen before (a revoked laptop's bundles are still
    verified by it, and held), else enrolled now by the team credential's proof — or by one the
    office has replaced since (then the laptop comes in revoked: the time it was replaced)."""
    device_id = str(header.get("device_id", ""))
    try:
        claimed = bytes.fromhex(str(header.get("device_public", "")))
    except ValueError:
        raise BundleRefused("bundle.header_mismatch") from None
    known = store_events.get_device(store, device_id)
    if known is not None:
        if known["team_id"] and known["team_id"] != team_id:
            other = store_teams.team_by_id(store, known["team_id"])
            raise BundleRefused("bundle.device_other_team", device=device_id[:8],
                                team=header.get("team_code", "?"),
                                known_team=other["code"] if other else "?")  # fmt: skip
        if known["team_id"] != team_id or known["signing_public"] != claimed.hex():
            raise _key_changed(device_id, bytes.fromhex(known["signing_public"]), claimed)
        return claimed, None
    found = store_teams.team_credential(store, team_id)
    if found is None:
        raise BundleRefused("bundle.unknown_device")
    credential, stored_key = found
    if stored_key:
        mac_key = bytes.fromhex(stored_key)
    else:
        mac_key = keys.team_mac_key(credential, campaign_id, team_id)
    if keys.enrolment_ok(mac_key, header):
        return claimed, None
    for retired_key, retired_at in store_holds.retired_mac_keys(store, team_id):
        if keys.enrolment_ok(bytes.fromhex(retired_key), header):
            return claimed, retired_at
    raise BundleRefused("bundle.unknown_device")


def _new_events(
    store: Store, events: list[Event], sender: str, *, look_up_ids: bool = True
) -> list[Event]:
    """The events absent here; an alarm for any contradiction with what is known.

    check_chains has made each laptop's events in the bundle a chain from 1 without gaps, each
    hash over its content and its predecessor's hash, as every chain here was when it came. So
    where the two chains' last common event is the same event, so is every one before it: one
    event a laptop is compared, not the thousands a day's cumulative bundle repeats."""
    by_device: dict[str, list[Event]] = {}
    for event in events:
        by_device.setdefault(event.device_id, []).append(event)
    fresh: list[Event] = []
    for device_id, chain in by_device.items():
        chain.sort(key=_seq)  # from its last event known when the bundle was opened, or from 1
        first, last = chain[0].seq, chain[-1].seq
        known, _head_hash = store_events.chain_head(store, device_id)
        if known < first - 1:
            raise RuntimeError("events withheld from the merge")  # the opening step's bug
        common = min(known, last)
        if common and (chain[common - first].id, chain[common - first].content_hash) != (
                store_events.event_at(store, device_id, common)):  # fmt: skip
            _contradiction(store, device_id, chain)
        if last > known:
            if device_id != sender:
                # Relayed events must already be here: nobody else can vouch for them.
                raise _Alarm("merge.unknown_relayed", device=device_id[:8])
            fresh += chain[known + 1 - first :]
    # An event known by its laptop and number is the one here. A fresh one's id must be new
    # too: here under another laptop or number, it is another event under a stolen name. Only
    # the fresh are looked up: a day's cumulative bundle repeats thousands of known events.
    if look_up_ids:
        fresh_ids = [e.id for e in fresh]
        clash = set(store_events.events_by_id(store, fresh_ids))
        if len(set(fresh_ids)) < len(fresh_ids):  # one id for two events of the bundle itself
            clash |= {i for i, n in Counter(fresh_ids).items() if n > 1}
        if clash:
            raise _Alarm("merge.same_id_other_content", event=min(clash)[:8])
    # What is fresh continues the known chain exactly (from the number after its head).
    return fresh


_seq = operator.attrgetter("seq")


def _contradiction(store: Store, device_id: str, chain: list[Event]) -> None:
    """The alarm for a laptop's chain that parts from the one here, naming the first event
    that differs."""
    known = store_events.device_chain(store, device_id)
    for event in chain:
        seen = known.get(event.seq)
        if seen is None:
            break
        if seen[0] == event.id and seen[1] != event.content_hash:
            raise _Alarm("merge.same_id_other_content", event=event.id[:8])
        if seen != (event.id, event.content_hash):
            raise _Alarm("merge.off_chain", device=device_id[:8], seq=event.seq,
                         device_id=device_id)  # fmt: skip
    raise _Alarm("merge.off_chain", device=device_id[:8], seq=max(len(known), 1),
                 device_id=device_id)  # fmt: skip


def _quarantine(store: Store, path: Path, data: bytes, trusted: Trusted, alarm: _Alarm,
                actor: Actor) -> Applied:  # fmt: skip
    reason = Reason.of(alarm.key, **alarm.params)
    log_id = log_bundle(store, "import", "result", path, data, trusted.team_id,
                        trusted.device_id, trusted.sequence, "quarantined", actor,
                        sha256=trusted.sha256, quarantined=1)  # fmt: skip
    store_events.insert_quarantine(
        store,
        {"id": new_id(), "bundle_log_id": log_id, "reason_key": reason.key,
         "reason_params": json.dumps(reason.kwargs, ensure_ascii=False), "detail": "",
         "bundle": data, "at": actor.now()},
    )  # fmt: skip
    return Applied("result", "quarantined", trusted.team_code, trusted.sequence,
                   quarantine_reason=reason, device_id=trusted.device_id)  # fmt: skip
