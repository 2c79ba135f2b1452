"""隔离区 shows each held payment's proof: a signature of its visit in the same branch that
verifies (签名已验证), else none; a tampered signature proves nothing."""

from __future__ import annotations

import json
from typing import Any

import pytest

from app.domain.events import DISBURSEMENT, SIGNATURE
from app.domain.signature import SignatureRecord, content_sha256, pack_strokes, strokes_sha256
from app.domain.visits import Outcome, VisitInput, VisitMode
from app.services.bundles import exchange as bundles
from app.services.bundles import quarantine
from app.services.visits import recording as visits
from app.services.visits import signing
from app.store import events as store_events
from app.store.db import Store
from tests.bundle_world import (
    ACTOR,
    DAY,
    TEAM_ACTOR,
    World,
    export,
    standard_handover,
    team_households,
)

pytestmark = pytest.mark.usefixtures("cheap_scrypt")
STROKES = [[(100, 200, 0, None), (900, 260, 16, None), (1800, 240, 33, None)]]


def visit_of(household: dict[str, Any]) -> VisitInput:
    return VisitInput(household_id=household["id"], day=DAY, mode=VisitMode.HOME,
                      outcome=Outcome.VISITED, visitors=("王一",),
                      handovers=(standard_handover(household),))  # fmt: skip


def signed_pay(laptop: Store, household: dict[str, Any]) -> None:
    prepared = signing.prepare_visit(laptop, visit_of(household))
    packed = pack_strokes(STROKES)
    signature = SignatureRecord(
        pad_width=800, pad_height=240, device_pixel_ratio_x100=100, device_type="mouse",
        device_name="test mouse", strokes=packed, started_at="2027-01-21T10:00:00+08:00",
        ended_at="2027-01-21T10:00:03+08:00", signer_role="recipient",
        signer_name=household["name"], signer_relation="", strokes_sha256=strokes_sha256(packed),
        content_sha256=content_sha256(prepared.content),
    )  # fmt: skip
    visits.record_visit(laptop, prepared.visit, prepared=prepared, signatures=[signature],
                        actor=TEAM_ACTOR)  # fmt: skip


def test_a_forks_payments_show_their_proof(world: World) -> None:
    hh = team_households(world.t1, "T1")
    visits.record_visit(world.t1, visit_of(hh[0]), actor=TEAM_ACTOR)
    bundles.import_bundle(world.central, export(world, world.t1), actor=ACTOR)
    backup = world.copy(world.t1, "backup.db")
    signed_pay(world.t1, hh[1])
    visits.record_visit(backup, visit_of(hh[2]), actor=TEAM_ACTOR)  # no signature
    bundles.import_bundles(world.central, [export(world, world.t1, "now"),
                                           export(world, backup, "restored")])  # fmt: skip
    [item] = quarantine.list_items(world.central)
    paid = {r.household.split(" ")[0]: r.proof for b in item.branches for r in b.records
            if r.kind == DISBURSEMENT}  # fmt: skip
    assert paid == {hh[1]["name"]: "signature", hh[2]["name"]: "none"}
    assert not any(r.paid_already for b in item.branches for r in b.records)


def test_a_signature_whose_content_was_changed_proves_nothing(world: World) -> None:
    signed_pay(world.t1, team_households(world.t1, "T1")[0])
    found = store_events.events_where(world.t1, "1 = 1", [])
    changed = []
    for e in found:
        body = json.loads(e.body)
        if e.kind == SIGNATURE:
            body["content"]["cash_fen"] += 100  # the amount shown is not what was signed
        changed.append(e._replace(body=json.dumps(body)) if e.kind == SIGNATURE else e)
    assert len(quarantine._signed_visits(found)) == 1  # as written, it verifies
    assert quarantine._signed_visits(changed) == set()
