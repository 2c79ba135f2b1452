"""Starting or updating a team laptop from its assignment bundle.

The first bundle makes the laptop's identity and pins the central office's keys; a later one
must come from the same office for the same team with a higher number. An update adds, moves
and withdraws households but never touches a recorded visit: a withdrawn household that was
already visited stays, flagged.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from app.domain.campaign import new_id, normalise_status
from app.domain.errors import BundleRefused, Reason
from app.domain.events import VISIT, Event, check_chains, live_records
from app.domain.flags import WITHDRAWN_VISITED
from app.domain.id_number import mask_id, parse_sex
from app.services.bundles.devices import (
    CENTRAL,
    REVOKED_SETTING,
    TEAM,
    create_device,
    local_device,
)
from app.services.bundles.devices import role as device_role
from app.services.bundles.ledger import Applied, log_bundle
from app.services.infra.context import Actor
from app.services.oversight.flags import FlagView
from app.services.visits.payment import apply_team_payments
from app.services.visits.plan import apply_team_plan
from app.store import events as store_events
from app.store import households as store_households
from app.store import replica
from app.store import search as store_search
from app.store import teams as store_teams
from app.store.db import Store
from app.sync import container, keys
from app.sync.payload import decode_payload


def apply_assignment(
    store: Store, path: Path, data: bytes, sealed: container.Sealed, credential: str,
    actor: Actor,
) -> Applied:  # fmt: skip
    header = sealed.header
    current_role = device_role(store)
    if current_role == CENTRAL:
        raise BundleRefused("bundle.assignment_on_central")
    signer = container.header_signer(sealed)
    sequence = int(header.get("sequence", 0))
    if current_role == TEAM:
        _check_same_office_and_team(store, header, signer)
        last = store_events.last_bundle(store, "import", "assignment", "team_id",
                                        header["team_id"])  # fmt: skip
        last_seq = last["sequence"] if last else 0
        if sequence == last_seq and last and last["file_sha256"] == _sha(data):
            return Applied("assignment", "already", header.get("team_code", ""), sequence)
        if sequence <= last_seq:
            raise BundleRefused("bundle.older_assignment", sequence=sequence, last=last_seq)
    elif _has_campaign(store):
        raise BundleRefused("bundle.not_empty")
    container.verify_sealed(sealed, signer)
    opened = container.open_with_credential(sealed, keys.normalise_credential(credential))
    body, relay = decode_payload(opened.payload)
    central = body["central"]
    if central["signing_public"] != signer.hex():
        raise BundleRefused("bundle.signer_mismatch")
    snapshot = body["snapshot"]
    if snapshot["team"]["id"] != header["team_id"] or (
        snapshot["campaign"]["id"] != header["campaign_id"]
    ):
        raise BundleRefused("bundle.header_mismatch")
    _check_relay(store, relay)
    known = store_events.events_by_id(store, [e.id for e in relay])

    team_id = header["team_id"]
    with store.transaction():
        counts = _apply_snapshot(store, snapshot, actor)
        if current_role is None:  # after the snapshot: the device row names the team
            create_device(store, TEAM, team_id, actor)
            _pin(store, header, snapshot, central, credential)
        new_events = [e for e in relay if e.id not in known]
        store_events.insert_events(store, new_events, actor.now())
        if body.get("cash_float_fen") is not None:
            _record_float(store, team_id, int(body["cash_float_fen"]), actor)
        flags, revoked = (_withdrawn_but_visited(store, snapshot["withdrawn"]),
                          _revoked_here(store, body.get("revoked_devices"), actor))  # fmt: skip
        log_bundle(store, "import", "assignment", path, data, team_id, header.get("device_id"),
                   sequence, "applied", actor, new=counts["new"], updated=counts["updated"],
                   unchanged=counts["unchanged"], flagged=len(flags))  # fmt: skip
    return Applied(
        "assignment", "applied", header.get("team_code", ""), sequence,
        new=counts["new"], updated=counts["updated"], unchanged=counts["unchanged"],
        flags=tuple(flags), device_id=local_device(store).id,  # type: ignore[union-attr]
        signer_fingerprint=keys.fingerprint(signer),
        detail=dict(withdrawn=counts["withdrawn"], relayed_events=len(new_events),
                    revoked=int(revoked)),
    )  # fmt: skip


def _revoked_here(store: Store, revoked_ids: object, actor: Actor) -> bool:
    """The office has revoked this very laptop (lost, then found; or replaced): it records
    nothing more (``devices.append_events`` refuses), though it may still send what it has."""
    device = local_device(store)
    revoked = device is not None and isinstance(revoked_ids, list) and device.id in revoked_ids
    if revoked or store_events.get_setting(store, REVOKED_SETTING):  # un-revoked: goes on
        store_events.set_setting(store, REVOKED_SETTING, actor.now() if revoked else "")
    return revoked


def _check_relay(store: Store, relay: list[Event]) -> None:
    """The relayed events are whole chains that agree with every event here."""
    _heads, problems = check_chains(relay)
    if problems:
        raise BundleRefused("bundle.chain", device=problems[0].device_id[:8])
    known = store_events.events_by_id(store, [e.id for e in relay])
    if _events_differ(known, relay) or _off_chain(store, relay, known):
        raise BundleRefused("bundle.contradicts")


def _off_chain(store: Store, relay: list[Event], known: dict[str, str]) -> bool:
    """A relayed event whose place (device, number) holds another event here: this laptop was
    restored from a backup, or the office holds another copy's records."""
    chains: dict[str, dict[int, tuple[str, str]]] = {}
    for event in relay:
        if event.id in known:
            continue
        if event.device_id not in chains:
            chains[event.device_id] = store_events.device_chain(store, event.device_id)
        chain = chains[event.device_id]
        if event.seq in chain:
            return True
    return False


def _sha(data: bytes) -> str:
    import hashlib

    return hashlib.sha256(data).hexdigest()


def _has_campaign(store: Store) -> bool:
    return store_search.has_campaign(store)


def _check_same_office_and_team(store: Store, header: dict[str, Any], signer: bytes) -> None:
    pinned = store_events.get_setting(store, "central_signing_public")
    if header.get("campaign_id") != store_events.get_setting(store, "campaign_id"):
        raise BundleRefused("bundle.other_campaign")
    if header.get("team_id") != store_events.get_setting(store, "team_id"):
        raise BundleRefused("bundle.other_team", team=header.get("team_code", "?"),
                            mine=store_events.get_setting(store, "team_code") or "?")  # fmt: skip
    if pinned != signer.hex():
        raise BundleRefused("bundle.signer_mismatch")


def _pin(store: Store, header: dict[str, Any], snapshot: dict[str, Any],
         central: dict[str, str], credential: str) -> None:  # fmt: skip
    settings = {
        "campaign_id": header["campaign_id"],
        "team_id": header["team_id"],
        "team_code": snapshot["team"]["code"],
        "central_device_id": central["device_id"],
        "central_signing_public": central["signing_public"],
        "central_box_public": central["box_public"],
        # The derived key, not the credential: enough to prove membership, not to re-derive it.
        "team_mac_key": keys.team_mac_key(
            credential, header["campaign_id"], header["team_id"]
        ).hex(),
    }
    for key, value in settings.items():
        store_events.set_setting(store, key, value)


def _apply_snapshot(store: Store, snapshot: dict[str, Any], actor: Actor) -> dict[str, int]:
    team_id = snapshot["team"]["id"]
    before = store_households.all_household_rows(store)
    mine_before = replica.current_team_households(store, team_id)
    replica.upsert(store, "campaign", [snapshot["campaign"]])
    replica.upsert(store, "team", [snapshot["team"]])
    replica.upsert(store, "category", snapshot["categories"])
    # A format-1 bundle names the status by its word.
    households = [{**h, "import_id": None,
                   "status": normalise_status(str(h["status"])) or h["status"],
                   "sex": parse_sex(str(h["sex"])) or h["sex"]}
                  for h in snapshot["households"]]  # fmt: skip
    replica.upsert(store, "household", households)
    replica.upsert(store, "member", snapshot["members"])
    apply_team_plan(store, snapshot.get("visit_plan"), actor)
    apply_team_payments(store, snapshot.get("payments"), actor)
    counts = {"new": 0, "updated": 0, "unchanged": 0, "withdrawn": 0}
    moves = []
    for household in snapshot["households"]:
        hid = household["id"]
        old = before.get(hid)
        if old is None or hid not in mine_before:
            counts["new"] += 1
        elif any(old.get(k) != v for k, v in household.items() if k != "import_id"):
            counts["updated"] += 1
        else:
            counts["unchanged"] += 1
        if hid not in mine_before:
            moves.append((hid, team_id, snapshot["planned"].get(hid)))
    for hid in snapshot["withdrawn"]:
        if hid in mine_before:
            moves.append((hid, None, None))
            counts["withdrawn"] += 1
    store_teams.insert_assignments(
        store,
        [{"id": new_id(), "household_id": h, "team_id": t, "planned_date": p,
          "assigned_at": actor.now(), "assigned_by": actor.user} for h, t, p in moves],
    )  # fmt: skip
    return counts


def _record_float(store: Store, team_id: str, amount_fen: int, actor: Actor) -> None:
    if store_teams.latest_float(store, team_id) != amount_fen:
        store_teams.insert_float(
            store,
            {"id": new_id(), "team_id": team_id, "amount_fen": amount_fen,
             "recorded_at": actor.now(), "recorded_by": actor.user},
        )  # fmt: skip


def _withdrawn_but_visited(store: Store, withdrawn: list[str]) -> list[FlagView]:
    """Households taken from this team that it has already visited: the visits stay."""
    flags = []
    for hid in withdrawn:
        records = live_records(store_events.events_where(store, "household_id = ?", [hid]))
        visits = [r for r in records.values() if r.kind == VISIT and not r.voided]
        if visits:
            row = store_households.household_brief(store, hid)
            flags.append(FlagView(
                WITHDRAWN_VISITED, hid, mask_id(row[0]) if row else hid, visits[0].record_id,
                Reason.of(f"flag.{WITHDRAWN_VISITED}", name=row[1] if row else ""),
            ))  # fmt: skip
    return flags


def _events_differ(known: dict[str, str], events: list[Event]) -> list[Event]:
    """Events whose id is known here with another content hash: the alarm case."""
    return [e for e in events if e.id in known and known[e.id] != e.content_hash]
