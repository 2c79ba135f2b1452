"""The team laptop's own records: a signed visit, void and re-record, cannot sign, revisits,
the end-of-day cash count, the team PIN."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

import pytest

from app.domain.errors import InvalidInput
from app.domain.events import CASH_COUNT, SIGNATURE
from app.domain.money import fen_to_capitals
from app.domain.signature import (
    METHOD_THUMBPRINT,
    SignatureRecord,
    content_sha256,
    pack_strokes,
    strokes_sha256,
)
from app.domain.visits import CannotSign, Outcome, RecipientRole, VisitInput, VisitMode
from app.i18n import render
from app.services.laptop import lock as team_lock
from app.services.visits import day as team_day
from app.services.visits import paper, signing
from app.services.visits import recording as visits
from tests.bundle_world import (
    DAY,
    FLOAT_T1,
    STANDARD,
    TEAM_ACTOR,
    World,
    export,
    merge,
    open_result,
    standard_handover,
    team_households,
)

pytestmark = pytest.mark.usefixtures("cheap_scrypt")

STROKES = [[(100, 200, 0, None), (900, 260, 16, None), (1800, 240, 33, None)]]


def sign(content: dict[str, Any], role: str = "recipient", name: str = "张三", **extra: Any
         ) -> SignatureRecord:  # fmt: skip
    packed = pack_strokes(STROKES)
    return SignatureRecord(
        pad_width=800, pad_height=240, device_pixel_ratio_x100=100, device_type="mouse",
        device_name="test mouse", strokes=packed, started_at="2027-01-21T10:00:00+08:00",
        ended_at="2027-01-21T10:00:03+08:00", signer_role=role, signer_name=name,
        signer_relation=extra.pop("relation", ""), strokes_sha256=strokes_sha256(packed),
        content_sha256=content_sha256(content), **extra,
    )  # fmt: skip


def visit_for(household: dict[str, Any], **changes: Any) -> VisitInput:
    base = VisitInput(
        household_id=household["id"],
        day=DAY,
        mode=VisitMode.HOME,
        outcome=Outcome.VISITED,
        visitors=("王一", "李二"),
        handovers=(standard_handover(household),),
    )
    return replace(base, **changes)


def refused(key: str, call: Any) -> InvalidInput:
    with pytest.raises(InvalidInput) as caught:
        call()
    assert caught.value.key == key, caught.value
    return caught.value


def test_signed_visit_is_stored_bound_and_shown_locked(world: World) -> None:
    laptop = world.t1
    household = team_households(laptop, "T1")[0]
    prepared = signing.prepare_visit(laptop, visit_for(household))
    cash = STANDARD[household["category"]][0]
    content = prepared.content
    assert (content["recipient_name"], content["cash_fen"]) == (household["name"], cash)
    assert content["cash_capitals"] == fen_to_capitals(cash)
    assert content["id_tail"] == household["id_number"][-4:]
    assert "id_number" not in content and household["id_number"] not in str(content)
    signature = sign(content, name=household["name"])
    visits.record_visit(laptop, prepared.visit, prepared=prepared, signatures=[signature],
                        actor=TEAM_ACTOR)  # fmt: skip
    locked = signing.locked_visit(laptop, household["id"])
    assert locked is not None and locked.visit_id == prepared.visit_id
    assert locked.cash_fen == cash and locked.intact
    (shown,) = locked.signatures
    assert shown.ok and shown.record.check_code == signature.check_code
    assert shown.content == content
    # The signature travels in the result bundle, whole.
    _header, events = open_result(world.central, export(world, laptop))
    kinds = [e.kind for e in events if e.household_id == household["id"]]
    assert kinds.count(SIGNATURE) == 1


def test_signature_bound_to_other_content_is_refused(world: World) -> None:
    laptop = world.t1
    household = team_households(laptop, "T1")[0]
    prepared = signing.prepare_visit(laptop, visit_for(household))
    other = dict(prepared.content, cash_fen=prepared.content["cash_fen"] + 1)
    refused(
        "sign.content_changed",
        lambda: visits.record_visit(
            laptop, prepared.visit, prepared=prepared, signatures=[sign(other)], actor=TEAM_ACTOR
        ),
    )
    changed = replace(prepared.visit, opinions="改过")
    refused("sign.content_changed", lambda: visits.record_visit(
        laptop, changed, prepared=prepared, signatures=[sign(prepared.content)],
        actor=TEAM_ACTOR))  # fmt: skip
    refused(
        "sign.missing",
        lambda: visits.record_visit(
            laptop, prepared.visit, prepared=prepared, signatures=[], actor=TEAM_ACTOR
        ),
    )
    assert visits.paid_on(laptop, household["id"], household["category"]) is None


def test_a_proxy_signs_for_the_recipient(world: World) -> None:
    laptop = world.t1
    household = team_households(laptop, "T1")[1]
    visit = visit_for(household, recipient_role=RecipientRole.PROXY, proxy_name="张小明",
                      proxy_relation="儿子", proxy_reason="本人住院")  # fmt: skip
    prepared = signing.prepare_visit(laptop, visit)
    assert (prepared.content["proxy_name"], prepared.content["proxy_relation"]) == (
        "张小明",
        "儿子",
    )
    refused("sign.one_signer", lambda: visits.record_visit(
        laptop, visit, prepared=prepared, signatures=[sign(prepared.content)],
        actor=TEAM_ACTOR))  # fmt: skip
    visits.record_visit(laptop, visit, prepared=prepared,
                        signatures=[sign(prepared.content, "proxy", "张小明", relation="儿子")],
                        actor=TEAM_ACTOR)  # fmt: skip
    assert signing.locked_visit(laptop, household["id"]) is not None


def test_cannot_sign_takes_a_print_on_paper_and_witnesses(world: World) -> None:
    laptop = world.t1
    household = team_households(laptop, "T1")[2]
    visit = visit_for(household, cannot_sign=CannotSign.ILLITERATE)
    prepared = signing.prepare_visit(laptop, visit)
    witness = dict(
        method=METHOD_THUMBPRINT, reason=CannotSign.ILLITERATE, slip_number="T1-0121-001"
    )
    refused("sign.witness_only", lambda: visits.record_visit(
        laptop, visit, prepared=prepared, signatures=[sign(prepared.content)],
        actor=TEAM_ACTOR))  # fmt: skip
    refused("sign.witness_names", lambda: visits.record_visit(
        laptop, visit, prepared=prepared,
        signatures=[sign(prepared.content, "witness", "李二", **witness),
                    sign(prepared.content, "witness", "李二", **witness)],
        actor=TEAM_ACTOR))  # fmt: skip
    visits.record_visit(
        laptop, visit, prepared=prepared,
        signatures=[sign(prepared.content, "witness", "李二", **witness),
                    sign(prepared.content, "witness", "邻居刘姐", **witness)],
        actor=TEAM_ACTOR)  # fmt: skip
    locked = signing.locked_visit(laptop, household["id"])
    assert locked is not None and locked.cannot_sign == CannotSign.ILLITERATE
    assert {s.record.signer_name for s in locked.signatures} == {"李二", "邻居刘姐"}
    assert all(s.record.slip_number == "T1-0121-001" for s in locked.signatures)


def test_void_and_record_again_keeps_both(world: World) -> None:
    laptop = world.t1
    household = team_households(laptop, "T1")[0]
    prepared = signing.prepare_visit(laptop, visit_for(household))
    visits.record_visit(laptop, prepared.visit, prepared=prepared,
                        signatures=[sign(prepared.content)], actor=TEAM_ACTOR)  # fmt: skip
    refused("visit.already_paid", lambda: signing.prepare_visit(laptop, visit_for(household)))
    refused("visit.void_reason", lambda: visits.void_visit(laptop, prepared.visit_id, reason=" "))
    assert (
        visits.void_visit(laptop, prepared.visit_id, reason="金额录错", actor=TEAM_ACTOR) == 2
    )  # the visit and its disbursement
    assert signing.locked_visit(laptop, household["id"]) is None
    refused(
        "visit.already_void", lambda: visits.void_visit(laptop, prepared.visit_id, reason="再次")
    )
    again = signing.prepare_visit(laptop, visit_for(household))
    visits.record_visit(laptop, again.visit, prepared=again, signatures=[sign(again.content)],
                        actor=TEAM_ACTOR)  # fmt: skip
    history = signing.signed_visits(laptop, household["id"])
    assert [v.voided for v in history].count(True) == 1 and len(history) == 2
    assert signing.locked_visit(laptop, household["id"]).visit_id == again.visit_id


def test_not_at_home_plans_a_revisit(world: World) -> None:
    laptop = world.t1
    household = team_households(laptop, "T1")[3]
    attempt = VisitInput(
        household_id=household["id"],
        day=DAY,
        mode=VisitMode.HOME,
        outcome=Outcome.NOT_HOME,
        attempted_at="10:30",
        revisit_on=date(2027, 1, 23),
    )
    prepared = signing.prepare_visit(laptop, attempt)
    assert not prepared.needs_signature
    visits.record_visit(laptop, attempt, prepared=prepared, actor=TEAM_ACTOR)
    (shown,) = signing.signed_visits(laptop, household["id"])
    assert (shown.revisit_on, shown.attempted_at) == (date(2027, 1, 23), "10:30")
    error = refused(
        "visit.revisit_past",
        lambda: signing.prepare_visit(laptop, replace(attempt, revisit_on=date(2027, 1, 20))),
    )
    assert "2027-01-20" in render(error)
    error = refused(
        "visit.attempted_at",
        lambda: signing.prepare_visit(laptop, replace(attempt, attempted_at="下午")),
    )
    assert "下午" in render(error) and "14:30" in render(error)


def test_cash_count_expected_counted_and_the_note_a_difference_needs(world: World) -> None:
    laptop = world.t1
    first, second = team_households(laptop, "T1")[:2]
    for household in (first, second):
        prepared = signing.prepare_visit(laptop, visit_for(household))
        visits.record_visit(laptop, prepared.visit, prepared=prepared,
                            signatures=[sign(prepared.content)], actor=TEAM_ACTOR)  # fmt: skip
    paid = STANDARD[first["category"]][0] + STANDARD[second["category"]][0]
    summary = team_day.day_summary(laptop, DAY)
    assert (summary.float_fen, summary.paid_today_fen) == (FLOAT_T1, paid)
    assert summary.expected_fen == FLOAT_T1 - paid and summary.done_today == 2
    error = refused(
        "cash.note_needed",
        lambda: team_day.record_cash_count(laptop, DAY, FLOAT_T1 - paid - 5_000, actor=TEAM_ACTOR),
    )
    assert "-¥50.00" in render(error) or "¥-50.00" in render(error)
    body = team_day.record_cash_count(laptop, DAY, FLOAT_T1 - paid - 5_000, goods_left="大米3袋",
                                      note="找零用去50元，有收据", actor=TEAM_ACTOR)  # fmt: skip
    assert body.difference_fen == -5_000 and body.expected_fen == FLOAT_T1 - paid
    assert (body.day, body.note, body.goods_left) == (DAY, "找零用去50元，有收据", "大米3袋")
    exact = team_day.record_cash_count(laptop, DAY, FLOAT_T1 - paid, actor=TEAM_ACTOR)
    assert exact.difference_fen == 0
    assert [c.counted_fen for c in team_day.day_summary(laptop, DAY).counts] == [
        FLOAT_T1 - paid - 5_000,
        FLOAT_T1 - paid,
    ]
    _header, events = open_result(world.central, export(world, laptop))
    assert sum(e.kind == CASH_COUNT for e in events) == 2


def test_cash_count_is_for_team_laptops(world: World) -> None:
    refused("cash.no_team", lambda: team_day.day_summary(world.central, DAY))


def test_team_pin(world: World) -> None:
    laptop = world.t1
    assert not team_lock.has_pin(laptop)
    refused("pin.not_set", lambda: team_lock.pin_matches(laptop, "1234"))
    for bad in ("123", "1234567", "12a4", "１２３４"):
        refused("pin.format", lambda bad=bad: team_lock.set_pin(laptop, bad))
    team_lock.set_pin(laptop, "2468")
    assert team_lock.pin_matches(laptop, "2468") and not team_lock.pin_matches(laptop, "2469")
    # Stored as scrypt$salt$hash, never as the PIN (a substring test was flaky: the random hex
    # salt or hash holds "2468" about once in 500 runs).
    values = [v for (v,) in laptop.conn.execute("SELECT value FROM setting")]
    [stored] = [v for v in values if v.startswith("scrypt$")]
    assert "2468" not in values and len(stored.split("$")) == 3
    assert team_lock.idle_minutes(laptop) == 5
    refused("lock.minutes", lambda: team_lock.set_idle_minutes(laptop, 1))
    team_lock.set_idle_minutes(laptop, 10)
    assert team_lock.idle_minutes(laptop) == 10


def test_a_plain_visit_keeps_the_body_it_always_had(world: World) -> None:
    # New fields appear only when used, so offices on the older version read the same body.
    laptop = world.t1
    household = team_households(laptop, "T1")[0]
    visits.record_visit(
        laptop,
        VisitInput(
            household_id=household["id"], day=DAY, mode=VisitMode.HOME, outcome=Outcome.NOT_HOME
        ),
        actor=TEAM_ACTOR,
    )
    (record,) = visits.live_state(laptop, household["id"]).values()
    assert set(record.event.data()) == {
        "visit_id",
        "household_id",
        "date",
        "mode",
        "outcome",
        "recipient_role",
        "proxy",
        "reached_in_person",
        "visitors",
        "conditions",
        "opinions",
        "notes",
        "paper_signed",
        "source",
    }


def test_a_print_on_paper_is_flagged_until_the_office_has_the_slip(world: World) -> None:
    from app.services.oversight.flags import campaign_flags

    laptop = world.t1
    household = team_households(laptop, "T1")[2]
    visit = visit_for(household, cannot_sign=CannotSign.BEDRIDDEN)
    prepared = signing.prepare_visit(laptop, visit)
    witness = dict(method=METHOD_THUMBPRINT, reason="卧床", slip_number="T1-0121-007")
    visits.record_visit(laptop, visit, prepared=prepared,
                        signatures=[sign(prepared.content, "witness", "李二", **witness)],
                        actor=TEAM_ACTOR)  # fmt: skip
    merge(world.central, export(world, laptop))
    pending = [f for f in campaign_flags(world.central) if f.kind == "slip_pending"]
    assert len(pending) == 1 and "T1-0121-007" in render(pending[0].reason)
    assert paper.receive_slip(world.central, household["id_number"]) == (
        household["name"],
        "T1-0121-007",
    )
    assert not [f for f in campaign_flags(world.central) if f.kind == "slip_pending"]
    refused("slip.not_pending", lambda: paper.receive_slip(world.central, household["id_number"]))


def test_lock_minutes_from_the_command_line(world: World, capsys) -> None:  # noqa: ANN001
    from app.cli import main

    path = str(world.t1.path)
    assert main(["--db", path, "lock-minutes", "8"]) == 0
    assert "8 分钟后锁屏" in capsys.readouterr().out
    assert main(["--db", path, "lock-minutes", "20"]) == 1
    assert "2到15分钟" in capsys.readouterr().err
    assert team_lock.idle_minutes(world.t1) == 8


def test_every_kind_of_record_a_laptop_writes_passes_the_offices_door(world: World) -> None:
    # The office refuses a bundle with a record it could not read (bundle.record_invalid): what
    # the laptop itself writes, in every form, must never be one.
    from app.domain.event_bodies import check_bodies
    from app.store import events as store_events

    laptop = world.t1
    hh = team_households(laptop, "T1")
    proxy = visit_for(
        hh[0],
        recipient_role=RecipientRole.PROXY,
        proxy_name="张小明",
        proxy_relation="儿子",
        proxy_reason="本人住院",
        conditions="屋里很冷",
        opinions="希望体检",
        notes="下次带药",
    )
    thumb = visit_for(hh[1], cannot_sign=CannotSign.BEDRIDDEN)
    for visit, signer in (
        (proxy, lambda c: sign(c, "proxy", "张小明", relation="儿子")),
        (
            thumb,
            lambda c: sign(
                c,
                "witness",
                "李二",
                method=METHOD_THUMBPRINT,
                reason="卧床",
                slip_number="T1-0121-007",
            ),
        ),  # fmt: skip
        (visit_for(hh[2], handovers=(replace(standard_handover(hh[2]), transfer=True),)), sign),
    ):
        prepared = signing.prepare_visit(laptop, visit)
        done = visits.record_visit(
            laptop,
            visit,
            prepared=prepared,
            signatures=[signer(prepared.content)],
            actor=TEAM_ACTOR,
        )
    visits.void_visit(laptop, done.visit_id, reason="录错", actor=TEAM_ACTOR)
    attempt = VisitInput(
        household_id=hh[3]["id"],
        day=DAY,
        mode=VisitMode.PHONE,
        outcome=Outcome.NOT_HOME,
        attempted_at="10:30",
        revisit_on=date(2027, 1, 23),
    )
    visits.record_visit(laptop, attempt, prepared=signing.prepare_visit(laptop, attempt),
                        actor=TEAM_ACTOR)  # fmt: skip
    summary = team_day.day_summary(laptop, DAY)
    team_day.record_cash_count(laptop, DAY, summary.expected_fen - 100, goods_left="大米1袋",
                               note="找零", actor=TEAM_ACTOR)  # fmt: skip

    events = store_events.all_events(laptop)
    assert {e.kind for e in events} >= {"visit", "disbursement", SIGNATURE, "void", CASH_COUNT}
    assert check_bodies(events)[1] is None
    assert merge(world.central, export(world, laptop)).outcome == "applied"


def test_the_wait_after_wrong_pins_grows_to_five_minutes() -> None:
    waits = [team_lock.pin_wait_seconds(n) for n in range(1, 11)]
    assert waits == [0, 0, 0, 5, 10, 20, 40, 80, 160, 300]
