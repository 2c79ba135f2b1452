"""A bundle quarantined for relayed records the office had not seen (another laptop's, that
nobody else can vouch for) is tried again once those records have come: after every pile, until
nothing more is released, so the order of the files never decides."""

from __future__ import annotations

from pathlib import Path

from app.domain.campaign import new_id
from app.domain.errors import BundleRefused
from app.services.bundles.ledger import Applied
from app.services.bundles.merge import (
    Trusted,
    apply_result,
    central_box_key,
    device_key,
    open_result,
)
from app.services.infra.context import Actor, require_campaign
from app.services.oversight.flags import flag_rules
from app.store import events as store_events
from app.store import holds as store_holds
from app.store import teams as store_teams
from app.store.db import Store
from app.sync import container

RELAYED = "merge.unknown_relayed"


def release_relayed(store: Store, actor: Actor) -> list[Applied]:
    """Apply every undecided relayed-records bundle that now fits (inside the caller's
    transaction); each release is a decision of its own ("released"), kept with the bundle."""
    released: list[Applied] = []
    while True:
        decided = {d["quarantine_id"] for d in store_holds.decisions(store)}
        waiting = [q for q in store_holds.quarantined_bundles(store)
                   if q["reason_key"] == RELAYED and q["id"] not in decided]  # fmt: skip
        applied = [a for q in waiting if (a := _try(store, q, actor)) is not None]
        if not applied:
            return released
        released += applied


def _try(store: Store, q: dict[str, object], actor: Actor) -> Applied | None:
    data = store_holds.quarantined_bundle(store, str(q["id"]))
    if data is None:
        return None
    header, header_bytes = container.read_header(data)
    team = store_teams.team_by_id(store, str(header.get("team_id")))
    if team is None:
        return None
    try:
        public, retired_at = device_key(store, header, team["id"], require_campaign(store).id)
    except BundleRefused:
        return None
    trusted = Trusted(team["id"], team["code"], str(header["device_id"]), public,
                      int(header["sequence"]), str(q["file_sha256"]), retired_at)  # fmt: skip
    known = store_events.known_heads(store, team["id"])
    opened = open_result(data, header_bytes, public, central_box_key(store), flag_rules(store),
                         known)  # fmt: skip
    applied = apply_result(store, Path(str(q["file_name"])), data, header, trusted, opened,
                           actor, releasing=True)  # fmt: skip
    if applied.outcome != "applied":
        return None
    store_holds.insert_decision(store, {"id": new_id(), "quarantine_id": q["id"],
                                        "decision": "released", "reason": RELAYED,
                                        "at": actor.now(), "by": actor.user})  # fmt: skip
    return applied
