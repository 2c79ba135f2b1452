"""Bundles on USB sticks: the central office's assignment bundle for a team, the team laptop's
cumulative result bundle, and applying either one (DESIGN.md, "Bundles").

Every bundle is verified (signature over the header, payload hash) before anything is
decrypted, and applied in one transaction together with its log row. Merging result bundles is
a set union of immutable events: the same bundle twice, or bundles in any order, give the same
store; anything contradicting what is known goes to quarantine and the main store is untouched.
"""

from __future__ import annotations

import hashlib
import os
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from app.documents.atomic import write_atomically
from app.domain.campaign import new_id
from app.domain.errors import BundleRefused, InvalidInput, NotFound, Reason, WarmVisitError
from app.domain.events import check_chains
from app.domain.flags import FlagContext
from app.domain.long_work import Cancel, Progress, never, no_progress
from app.domain.text import file_name_part
from app.services.bundles.devices import CENTRAL, TEAM, central_device, local_device
from app.services.bundles.devices import role as device_role
from app.services.bundles.ledger import (
    SUFFIX,
    Applied,
    Exported,
    log_bundle,
)
from app.services.bundles.merge import (
    IdClash,
    Trusted,
    apply_result,
    central_box_key,
    check_result,
    open_result,
)
from app.services.bundles.relay import release_relayed
from app.services.infra.backup import automatic_backup
from app.services.infra.bulk import paused_gc
from app.services.infra.context import Actor, require_campaign
from app.services.infra.parallel import Pending, StartMethod, Workers, start_method, worker_count
from app.services.laptop.start import apply_assignment
from app.services.oversight.flags import flag_rules
from app.services.visits.payment import payments_for_team
from app.services.visits.plan import plan_for_team
from app.store import events as store_events
from app.store import replica
from app.store import teams as store_teams
from app.store.campaigns import get_campaign
from app.store.db import Store
from app.sync import container, keys
from app.sync.payload import encode_payload

CREDENTIAL_ENV = "WARMVISIT_CREDENTIAL"


# --- central office: export an assignment bundle ------------------------------------------------


def export_assignment(
    store: Store,
    team_code: str,
    out_dir: Path,
    *,
    cash_float: int | None = None,
    letter_template: str = "",
    actor: Actor | None = None,
) -> Exported:
    actor = actor or Actor()
    campaign = require_campaign(store)
    if device_role(store) == TEAM:
        raise InvalidInput("bundle.export_team_on_laptop")
    team = store_teams.team_by_code(store, campaign.id, team_code)
    if team is None:
        raise NotFound("team.not_found", code=team_code)
    with store.transaction():
        device = central_device(store, actor)
        credential = _credential(store, campaign.id, team["id"], actor)
        if cash_float is not None:
            store_teams.insert_float(
                store,
                {"id": new_id(), "team_id": team["id"], "amount_fen": cash_float,
                 "recorded_at": actor.now(), "recorded_by": actor.user}
            )  # fmt: skip
        last = store_events.last_bundle(store, "export", "assignment", "team_id", team["id"])
        sequence = (last["sequence"] if last else 0) + 1
        snapshot = replica.team_snapshot(store, campaign.id, team["id"])
        ids = [h["id"] for h in snapshot["households"]]
        snapshot["visit_plan"] = plan_for_team(store, ids)
        snapshot["payments"] = payments_for_team(store, ids)
        relay = store_events.team_events(store, team["id"], held=True)
        payload = encode_payload(
            {
                "snapshot": snapshot,
                "central": {"device_id": device.id,
                            "signing_public": device.signing_public.hex(),
                            "box_public": (device.box_public or b"").hex()},
                "cash_float_fen": store_teams.latest_float(store, team["id"]),
                "letter_template": letter_template,
                "revoked_devices": [d["id"] for d in store_events.list_devices(store)
                                    if d["revoked_at"]],
            },
            relay,
        )  # fmt: skip
        header = {
            "kind": "assignment", "campaign_id": campaign.id, "team_id": team["id"],
            "team_code": team["code"], "sequence": sequence, "created_at": actor.now(),
            "device_id": device.id,
        }  # fmt: skip
        data = container.seal_for_credential(
            payload, header, signing_key=device.signing_private, credential=credential
        )
        path = out_dir / _file_name("分派", team["code"], actor, f"{sequence:03d}")
        log_bundle(store, "export", "assignment", path, data, team["id"], device.id, sequence,
             "exported", actor, new=len(snapshot["households"]))  # fmt: skip
        # Written inside the transaction: if the stick fails, the log row rolls back too.
        container.write_bundle_file(path, data, write_atomically=write_atomically)
    return Exported(path, credential, sequence, len(snapshot["households"]), len(relay))


def _file_name(kind: str, team_code: str, actor: Actor, *parts: str) -> str:
    """WV-分派-T1-20270121-001.wvb: the code made safe for a file name (codes made before
    they were checked at creation)."""
    return "-".join(("WV", kind, file_name_part(team_code), f"{actor.today():%Y%m%d}", *parts)
                    ) + SUFFIX  # fmt: skip


def _credential(store: Store, campaign_id: str, team_id: str, actor: Actor) -> str:
    found = store_teams.team_credential(store, team_id)
    if found:
        return found[0]
    credential = keys.new_credential()
    store_teams.insert_team_credential(
        store,
        {"team_id": team_id, "credential": credential, "created_at": actor.now(),
         "mac_key": keys.team_mac_key(credential, campaign_id, team_id).hex()},
    )  # fmt: skip
    return credential


# --- importing: what a bundle file holds, and who may read it ---------------------------------


def import_bundle(
    store: Store, path: Path, *, credential: str | None = None, actor: Actor | None = None
) -> Applied:
    """Apply one bundle file: on a team laptop (or an empty database) an assignment bundle; at
    the central office a result bundle. Raises the refusal; nothing of a refused file stays."""
    [outcome] = import_bundles(store, [path], credential=credential, actor=actor)
    if outcome.refused is not None:
        raise outcome.refused
    assert outcome.applied is not None
    return outcome.applied


@dataclass(frozen=True, slots=True)
class BundleOutcome:
    """One file of ``import_bundles``: what it did, or why it was refused (nothing of it
    reached the store)."""

    path: Path
    applied: Applied | None
    refused: WarmVisitError | None = None


_AHEAD = 2  # result bundles opened ahead of the one being merged (a few MB each in memory)
# Bundles in a pile from which workers open them, by how workers start: a spawned worker takes
# longer to start than opening a few bundles here (docs/decisions.md, "Workers").
PARALLEL_FROM: dict[StartMethod, int] = {"fork": 2, "spawn": 4}


def import_bundles(
    store: Store, paths: Sequence[Path], *, credential: str | None = None,
    actor: Actor | None = None, progress: Progress = no_progress, cancel: Cancel = never,
) -> list[BundleOutcome]:  # fmt: skip
    """Apply bundle files in the order given: one, or the clerk's pile of sticks.

    One transaction for the lot, each bundle written whole with its log row: a refused bundle
    changes nothing and the others still apply; a cancel or a crash leaves the store as it
    was, and the same files can simply be imported again. While one result bundle
    is merged here, a worker process checks, decrypts and rechecks the next ones (where
    ``parallel.start_method`` gives workers; else the same steps run here, one bundle after
    the other)."""
    actor = actor or Actor()
    if store.path is not None and get_campaign(store) is not None:  # a merge: a copy first
        automatic_backup(store.path, "merge")
    with paused_gc():
        try:
            return _import_pile(store, paths, credential, actor, progress, cancel, careful=False)
        except IdClash:
            # A bundle reuses the id of an event here (forged, or a copied database): undone
            # whole, the pile is merged again looking every fresh id up first, so that bundle
            # is quarantined and the others apply. Rare enough that doing it twice is cheap.
            return _import_pile(store, paths, credential, actor, progress, cancel, careful=True)


def _import_pile(
    store: Store, paths: Sequence[Path], credential: str | None, actor: Actor,
    progress: Progress, cancel: Cancel, *, careful: bool,
) -> list[BundleOutcome]:  # fmt: skip
    outcomes: list[BundleOutcome] = []
    todo = iter(paths)
    ahead: deque[_Prepared] = deque()
    opening: list[tuple[bytes, FlagContext]] = []  # the office's key and flag rules, read once

    def keys_and_rules() -> tuple[bytes, FlagContext]:
        if not opening:
            opening.append((central_box_key(store), flag_rules(store)))
        return opening[0]

    method = start_method()
    many = method is not None and len(paths) >= PARALLEL_FROM[method]
    with Workers(worker_count() if many else 0, method) as workers, store.transaction():

        def refill() -> None:
            while len(ahead) <= _AHEAD and (path := next(todo, None)) is not None:
                ahead.append(_prepare(store, Path(path), workers, keys_and_rules))

        refill()
        while ahead:
            cancel.check()
            prepared = ahead.popleft()
            refill()  # the worker opens the next bundles while this one is merged
            outcomes.append(_finish(store, prepared, credential, actor, careful))
            progress(len(outcomes), len(paths))
        if device_role(store) == CENTRAL:
            release_relayed(store, actor)
    return outcomes


@dataclass(slots=True)
class _Prepared:
    path: Path
    data: bytes = b""
    header: dict[str, Any] = field(default_factory=dict)
    checked: Trusted | Applied | None = None
    opened: Pending[bytes] | None = None
    refused: WarmVisitError | None = None


_REFUSALS = (BundleRefused, InvalidInput, NotFound)


def _prepare(
    store: Store, path: Path, workers: Workers,
    keys_and_rules: Callable[[], tuple[bytes, FlagContext]],
) -> _Prepared:  # fmt: skip
    """Read a file; for a result bundle, check it against the store and start opening it."""
    prepared = _Prepared(path)
    try:
        try:
            data = path.read_bytes()  # copied off the stick first: it may be pulled any moment
        except OSError as e:
            raise BundleRefused("bundle.unreadable", file=path.name,
                                detail=e.strerror or "") from None  # fmt: skip
        if len(data) > container.MAX_FILE_SIZE:
            raise BundleRefused("bundle.too_large")
        header, header_bytes = container.read_header(data)
        _check_header_fields(header)
        prepared.data, prepared.header = data, header
        if header.get("kind") == "result":
            checked = _checked_result(store, data, header)
            prepared.checked = checked
            if isinstance(checked, Trusted):
                box_key, rules = keys_and_rules()
                known = store_events.known_heads(store, checked.team_id)
                prepared.opened = workers.submit(open_result, data, header_bytes,
                                                 checked.device_public, box_key, rules,
                                                 known)  # fmt: skip
    except _REFUSALS as e:
        prepared.refused = e
    return prepared


def _checked_result(store: Store, data: bytes, header: dict[str, Any]) -> Trusted | Applied:
    try:
        return check_result(store, header, lambda: hashlib.sha256(data).hexdigest())
    except BundleRefused:
        _own_signature_holds(data)
        raise


def _own_signature_holds(data: bytes) -> None:
    """Before a refusal for what the header says (another campaign, no such team, another
    key for a known laptop, an assignment bundle here): a header edited after it was signed
    says such things too, and then the cause is the broken signature, checked under the key
    the header itself names."""
    sealed = container.read_sealed(data)
    container.verify_sealed(sealed, container.header_signer(sealed))


def _finish(
    store: Store, prepared: _Prepared, credential: str | None, actor: Actor, careful: bool
) -> BundleOutcome:
    path, checked = prepared.path, prepared.checked
    if prepared.refused is not None:
        return BundleOutcome(path, None, prepared.refused)
    try:
        if prepared.header.get("kind") == "assignment":
            if device_role(store) == CENTRAL:  # said before asking for a team's credential
                _own_signature_holds(prepared.data)
                raise BundleRefused("bundle.assignment_on_central")
            with store.transaction():  # a savepoint: this bundle whole, or nothing of it
                sealed = container.read_sealed(prepared.data)
                applied = apply_assignment(store, path, prepared.data, sealed,
                                           _credential_given(credential), actor)  # fmt: skip
        elif isinstance(checked, Trusted) and prepared.opened is not None:
            # No savepoint: a merge refuses before its first write. (A savepoint would copy
            # every index page the merge touches aside first.)
            applied = apply_result(store, path, prepared.data, prepared.header, checked,
                                   prepared.opened.result(), actor, careful=careful)  # fmt: skip
        else:
            assert isinstance(checked, Applied)  # already imported, or in quarantine
            applied = checked
    except _REFUSALS as e:
        return BundleOutcome(path, None, e)
    return BundleOutcome(path, applied)


def _credential_given(credential: str | None) -> str:
    credential = credential or os.environ.get(CREDENTIAL_ENV)
    if not credential:
        raise InvalidInput("bundle.credential_needed")
    return credential


_REQUIRED = {
    "assignment": {"campaign_id": str, "team_id": str, "team_code": str, "sequence": int,
                   "device_id": str},
    "result": {"campaign_id": str, "team_id": str, "team_code": str, "device_id": str,
               "device_public": str, "sequence": int, "event_count": int, "heads": dict,
               "enrolment": str},
}  # fmt: skip


def _check_header_fields(header: dict[str, Any]) -> None:
    """Every field the importer reads, present and of its type, before anything uses it."""
    for name, kind in _REQUIRED.get(str(header.get("kind")), {}).items():
        value = header.get(name)
        if not isinstance(value, kind) or isinstance(value, bool):
            raise BundleRefused("bundle.bad_header", field=name)
    if header.get("kind") not in _REQUIRED:
        return
    # Bundle numbers count from 1; SQLite's integers end at 2**63 (a larger one would stop the
    # whole pile with an error of Python's own).
    if not 1 <= header["sequence"] <= _MAX_NUMBER:
        raise BundleRefused("bundle.bad_header", field="sequence")
    if header.get("kind") == "result":
        try:
            bytes.fromhex(header["device_public"])
        except ValueError:
            raise BundleRefused("bundle.bad_header", field="device_public") from None
        if not 0 <= header["event_count"] <= _MAX_NUMBER:
            raise BundleRefused("bundle.bad_header", field="event_count")
        if not all(_is_head(device, head) for device, head in header["heads"].items()):
            raise BundleRefused("bundle.bad_header", field="heads")


_MAX_NUMBER = 2**53


def _is_head(device: object, head: object) -> bool:
    """``"device id": {"seq": n, "hash": "…"}``, as a result bundle's header names its chains."""
    if not isinstance(device, str) or not isinstance(head, dict) or set(head) != {"seq", "hash"}:
        return False
    seq = head["seq"]
    return type(seq) is int and 1 <= seq <= _MAX_NUMBER and isinstance(head["hash"], str)


# --- team laptop: export a result bundle ---------------------------------------------------------


def export_result(store: Store, out_dir: Path, *, actor: Actor | None = None) -> Exported:
    """Every event this laptop holds, signed by it and encrypted to the central office."""
    actor = actor or Actor()
    campaign = require_campaign(store)
    device = local_device(store)
    if device is None or device.role != TEAM or device.team_id is None:
        raise InvalidInput("bundle.result_needs_team")
    team_code = store_events.get_setting(store, "team_code") or ""
    central_box = bytes.fromhex(store_events.get_setting(store, "central_box_public") or "")
    mac_key = bytes.fromhex(store_events.get_setting(store, "team_mac_key") or "")
    events = store_events.all_events(store)
    heads, problems = check_chains(events)
    if problems:  # never send a chain the office would refuse; this laptop's store is damaged
        raise BundleRefused("bundle.local_chain_broken", device=problems[0].device_id[:8])
    with store.transaction():
        last = store_events.last_bundle(store, "export", "result", "device_id", device.id)
        sequence = (last["sequence"] if last else 0) + 1
        header = {
            "kind": "result", "campaign_id": campaign.id, "team_id": device.team_id,
            "team_code": team_code, "device_id": device.id,
            "device_public": device.signing_public.hex(), "sequence": sequence,
            "created_at": actor.now(), "event_count": len(events),
            "heads": {d: {"seq": s, "hash": h} for d, (s, h) in sorted(heads.items())},
            "enrolment": keys.enrolment_mac(mac_key, device.id, device.signing_public,
                                        device.team_id, campaign.id),
        }  # fmt: skip
        payload = encode_payload({"cash_counts": []}, events)
        data = container.seal_for_public_key(
            payload, header, signing_key=device.signing_private, recipient_box_public=central_box
        )
        # The laptop's short id in the name: two laptops of one team may share a stick.
        path = out_dir / _file_name("结果", team_code, actor, device.id[:4], f"{sequence:03d}")
        log_bundle(store, "export", "result", path, data, device.team_id, device.id, sequence,
             "exported", actor, new=len(events))  # fmt: skip
        container.write_bundle_file(path, data, write_atomically=write_atomically)
    return Exported(path, None, sequence, 0, len(events))


@dataclass(frozen=True, slots=True)
class LoggedBundle:
    """One bundle written or read here (a row of the bundle log)."""

    at: str
    direction: str  # export | import
    kind: str  # assignment | result
    file: str
    sha256: str
    team: str
    device: str
    sequence: int
    outcome: str  # exported | applied | already | older | quarantined
    new: int
    updated: int
    unchanged: int
    flagged: int
    by: str
    quarantine_reason: Reason | None


def history(store: Store) -> list[LoggedBundle]:
    """Every bundle written or read here, oldest first: what a clerk checks when a team says
    "we brought it in yesterday". A refused file left no trace and is not listed."""
    return [
        LoggedBundle(b["at"], b["direction"], b["kind"], b["file_name"], b["file_sha256"],
                     b["team_code"], b["device_id"] or "", b["sequence"], b["outcome"], b["new"],
                     b["updated"], b["unchanged"], b["flagged"], b["by"], b["quarantine_reason"])
        for b in store_events.bundle_history(store)
    ]  # fmt: skip
