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
from pathlib import Path
from typing import Any

from app.domain.campaign import new_id
from app.domain.errors import BundleRefused
from app.domain.events import REVISE, VOID, Event, check_chains, live_records
from app.domain.flags import FlagContext, compute_flags
from app.domain.id_number import mask_id
from app.messages import text
from app.services.bundle_common import Applied, enrolment_ok, log_bundle, team_mac_key
from app.services.context import Actor, require_campaign
from app.services.device import CENTRAL, local_device
from app.services.device import role as device_role
from app.store import events as store_events
from app.store import teams as store_teams
from app.store.campaigns import list_categories
from app.store.db import Store
from app.sync import container, keys
from app.sync.payload import decode_payload


class _Alarm(Exception):
    def __init__(self, key: str, **params: Any) -> None:
        super().__init__(key)
        self.key = key
        self.params = params


def merge_result(
    store: Store, path: Path, data: bytes, sealed: container.Sealed, actor: Actor
) -> Applied:
    header = sealed.header
    if device_role(store) != CENTRAL:
        raise BundleRefused("bundle.result_not_central")
    central = local_device(store)
    assert central is not None and central.box_private is not None
    campaign = require_campaign(store)
    if header.get("campaign_id") != campaign.id:
        raise BundleRefused("bundle.other_campaign")
    team = store_teams.team_by_id(store, str(header.get("team_id")))
    if team is None:
        raise BundleRefused("bundle.unknown_team", team=header.get("team_code", "?"))
    team_id, team_code = team["id"], team["code"]
    sha = hashlib.sha256(data).hexdigest()
    if store_events.bundle_logged(store, sha):
        return Applied("result", "already", team_code, int(header.get("sequence", 0)))
    if (reason := store_events.quarantined_reason(store, sha)) is not None:
        # The same stick again: it is in quarantine already; nothing more is written.
        return Applied("result", "quarantined", team_code, int(header.get("sequence", 0)),
                       quarantine_reason=reason,
                       device_id=str(header.get("device_id", "")))  # fmt: skip

    device_id = str(header.get("device_id", ""))
    device_public = _device_key(store, header, team_id, campaign.id)
    container.verify_sealed(sealed, device_public)
    opened = container.open_with_box_key(sealed, central.box_private)
    _body, events = decode_payload(opened.payload)
    heads, problems = check_chains(events)
    if problems:
        raise BundleRefused("bundle.chain", device=problems[0].device_id[:8])
    claimed = {d: (h["seq"], h["hash"]) for d, h in header.get("heads", {}).items()}
    if claimed != heads or header.get("event_count") != len(events):
        raise BundleRefused("bundle.header_mismatch")

    sequence = int(header.get("sequence", 0))
    try:
        new_events = _new_events(store, events, device_id)
    except _Alarm as alarm:
        return _quarantine(store, path, data, header, team_id, team_code, device_id, sequence,
                           alarm, actor)  # fmt: skip

    if not new_events:
        # Adds nothing (an older stick, or a newer one with no new records): say so, change
        # nothing.
        behind = heads.get(device_id, (0, ""))[0] < store_events.chain_head(store, device_id)[0]
        return Applied("result", "older" if behind else "unchanged", team_code, sequence,
                       unchanged=len(events), device_id=device_id,
                       signer_fingerprint=keys.fingerprint(device_public))  # fmt: skip
    updated = sum(1 for e in new_events if e.kind in (REVISE, VOID))
    with store.transaction():
        if store_events.get_device(store, device_id) is None:
            store_events.insert_device(
                store,
                {"id": device_id, "role": "team", "team_id": team_id,
                 "signing_public": device_public.hex(), "first_seen": actor.now()},
            )  # fmt: skip
        store_events.insert_events(store, new_events, actor.now())
        flags = campaign_flags(store, {e.household_id for e in events})
        log_bundle(store, "import", "result", path, data, team_id, device_id, sequence,
                   "applied", actor, new=len(new_events) - updated, updated=updated,
                   unchanged=len(events) - len(new_events), flagged=len(flags))  # fmt: skip
    return Applied(
        "result", "applied", team_code, sequence, new=len(new_events) - updated, updated=updated,
        unchanged=len(events) - len(new_events), flags=tuple(flags), device_id=device_id,
        signer_fingerprint=keys.fingerprint(device_public),
    )  # fmt: skip


def _device_key(store: Store, header: dict[str, Any], team_id: str, campaign_id: str) -> bytes:
    """The laptop's public key: pinned if seen before (and not revoked), else enrolled now by
    the team credential's proof."""
    device_id = str(header.get("device_id", ""))
    try:
        claimed = bytes.fromhex(str(header.get("device_public", "")))
    except ValueError:
        raise BundleRefused("bundle.header_mismatch") from None
    known = store_events.get_device(store, device_id)
    if known is not None:
        if known["revoked_at"]:
            raise BundleRefused("bundle.revoked", at=known["revoked_at"][:10])
        if known["team_id"] != team_id or known["signing_public"] != claimed.hex():
            raise BundleRefused("bundle.device_key_changed")
        return claimed
    found = store_teams.team_credential(store, team_id)
    if found is None:
        raise BundleRefused("bundle.unknown_device")
    credential, stored_key = found
    mac_key = bytes.fromhex(stored_key) if stored_key else team_mac_key(credential, campaign_id,
                                                                        team_id)  # fmt: skip
    if not enrolment_ok(mac_key, header):
        raise BundleRefused("bundle.unknown_device")
    return claimed


def _new_events(store: Store, events: list[Event], sender: str) -> list[Event]:
    """The events absent here; an alarm for any contradiction with what is known."""
    known_ids = store_events.events_by_id(store, [e.id for e in events])
    for event in events:
        if event.id in known_ids and known_ids[event.id] != event.content_hash:
            raise _Alarm("merge.same_id_other_content", event=event.id[:8])
    by_device: dict[str, list[Event]] = {}
    for event in events:
        by_device.setdefault(event.device_id, []).append(event)
    fresh: list[Event] = []
    for device_id, chain in by_device.items():
        known = store_events.device_chain(store, device_id)
        for event in chain:
            seen = known.get(event.seq)
            if seen is None:
                if device_id != sender:
                    # Relayed events must already be here: nobody else can vouch for them.
                    raise _Alarm("merge.unknown_relayed", device=device_id[:8])
                fresh.append(event)
            elif seen != (event.id, event.content_hash):
                raise _Alarm("merge.off_chain", device=device_id[:8], seq=event.seq)
    # check_chains has made every chain in the bundle start at 1 without gaps, so what is
    # fresh here continues the known chain exactly.
    return fresh


def _quarantine(store: Store, path: Path, data: bytes, header: dict[str, Any], team_id: str,
                team_code: str, device_id: str, sequence: int, alarm: _Alarm,
                actor: Actor) -> Applied:  # fmt: skip
    detail = text(alarm.key, **alarm.params)
    with store.transaction():
        log_id = log_bundle(store, "import", "result", path, data, team_id, device_id, sequence,
                            "quarantined", actor, quarantined=1)  # fmt: skip
        store_events.insert_quarantine(
            store,
            {"id": new_id(), "bundle_log_id": log_id, "reason_key": alarm.key, "detail": detail,
             "bundle": data, "at": actor.now()},
        )  # fmt: skip
    return Applied("result", "quarantined", team_code, sequence, quarantine_reason=detail,
                   device_id=device_id)  # fmt: skip


def campaign_flags(store: Store, households: set[str] | None = None) -> list[dict[str, Any]]:
    """Every flag in the store now (or of the households named), as plain values."""
    campaign = require_campaign(store)
    # Signatures (3 KB each) are not read here…
    if households is None:
        events = store_events.events_where(store, "kind != 'signature'")
        scope = None
    else:  # after a merge only the households in the bundle can have changed
        scope = sorted(households)
        events = store_events.events_of_households(store, scope, skip_kind="signature")
    # …except a fingerprint on paper, which is flagged until the office has the slip.
    prints = store_events.events_where(store, "kind = 'signature' AND instr(body, '按手印')")
    events = [*events, *(e for e in prints if scope is None or e.household_id in households)]
    records = live_records(events)
    revised = frozenset(e.record_id for e in events if e.kind == REVISE)
    team_of = store_teams.current_team_of(store, scope)
    standards = {c.code: (c.cash_fen, c.goods_fen) for c in list_categories(store, campaign.id)}
    ctx = FlagContext(campaign.start, campaign.end, standards, team_of, revised)
    ids = store_teams.id_numbers(store, scope)
    result = []
    for flag in compute_flags(records, ctx):
        params = dict(flag.params)
        result.append({
            "kind": flag.kind,
            "household_id": flag.household_id,
            "household": mask_id(ids.get(flag.household_id, "")),
            "record_id": flag.record_id,
            "detail": text(f"flag.{flag.kind}", **params),
        })  # fmt: skip
    return result
