"""Bounds at the office's door (issue 17, "What the laptop's own key can slip past the door"):
a record signed by a real laptop that says something no office should take (a handover of
2^63−1 fen, a visit dated 0001-01-01, a 5 MB note, a household the team never had) refuses
its whole bundle with a sentence naming the record, the field and the fault, and changes
nothing. The laptop writes such records itself (its services do not bound them) and exports
them with its own key, as a bug or a hand-edited database would.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from app.domain.errors import BundleRefused, InvalidInput
from app.domain.events import CASH_COUNT, DISBURSEMENT, VISIT, make_event
from app.domain.signature import (
    METHOD_THUMBPRINT,
    SignatureRecord,
    content_sha256,
    pack_strokes,
    strokes_sha256,
)
from app.domain.visits import (
    CannotSign,
    Handover,
    Outcome,
    VisitInput,
    VisitMode,
    disbursement_body,
    visit_body,
)
from app.i18n import text
from app.services.bundles import exchange as bundles
from app.services.bundles import merge as merging
from app.services.bundles.devices import local_device
from app.services.oversight.flags import campaign_flags
from app.services.teams import assignment as teams
from app.services.visits import day as team_day
from app.services.visits import recording, signing
from app.store import events as store_events
from app.store.db import Store
from tests.bundle_world import (
    ACTOR,
    DAY,
    TEAM_ACTOR,
    World,
    export,
    merge,
    standard_handover,
    team_households,
)

pytestmark = pytest.mark.usefixtures("cheap_scrypt")

Body = dict[str, Any]


# --- helpers -------------------------------------------------------------------------------------


def dump(store: Store) -> dict[str, list[str]]:
    """Every row of every table, sorted: two stores with equal dumps hold the same data."""
    names = [r[0] for r in store.conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        " ORDER BY name")]  # fmt: skip
    return {n: sorted(repr(r) for r in store.conn.execute(f'SELECT * FROM "{n}"')) for n in names}


def write(laptop: Store, kind: str, household_id: str, body: Body) -> str:
    """One record as the laptop's own next event, whatever its body says (past the services,
    which refuse it: a bug, an older version, a hand-edited database); its record id."""
    device = local_device(laptop)
    assert device is not None and device.team_id is not None
    record_id = str(uuid.uuid4())
    seq, previous = store_events.chain_head(laptop, device.id)
    event = make_event(
        id=str(uuid.uuid4()), device_id=device.id, seq=seq + 1, prev_hash=previous, kind=kind,
        record_id=record_id, household_id=household_id, team_id=device.team_id,
        created_at=TEAM_ACTOR.now(), body=body,
    )  # fmt: skip
    with laptop.transaction():
        store_events.insert_events(laptop, [event], TEAM_ACTOR.now())
    return record_id


def a_visit(household_id: str, **changes: Any) -> Body:
    visit = VisitInput(household_id, DAY, VisitMode.HOME, Outcome.VISITED, visitors=("王一",))
    return {**visit_body(visit, str(uuid.uuid4())), **changes}


def a_payment(household_id: str, category: str = "KN", **changes: Any) -> Body:
    handover = Handover(category, cash_fen=100_000)
    return {**disbursement_body(handover, str(uuid.uuid4()), household_id, DAY), **changes}


def household(world: World, index: int = 0, team: str = "T1") -> str:
    return str(team_households(world.central, team)[index]["id"])


def refused_whole(world: World, path: Path, key: str) -> BundleRefused:
    """The bundle is refused with ``key``, in a sentence in both languages; nothing changed."""
    before = dump(world.central)
    with pytest.raises(BundleRefused) as caught:
        merge(world.central, path)
    error = caught.value
    assert error.key == key, error
    for lang in ("zh", "en"):
        sentence = text(error.key, lang, **error.params)
        assert "{" not in sentence and error.params["record"] in sentence, sentence
    assert dump(world.central) == before
    return error


def bundle_with(world: World, kind: str, body: Body, household_id: str | None = None) -> tuple[
        Path, str]:  # fmt: skip
    """T1's laptop's next bundle holding one record ``body``; the record's short id."""
    record = write(world.t1, kind, household(world) if household_id is None else household_id,
                   body)  # fmt: skip
    return export(world, world.t1), record[:8]


# --- sums of money -------------------------------------------------------------------------------


def test_a_handover_of_an_absurd_sum_is_refused_naming_it(world: World) -> None:
    hh = household(world)
    path, record = bundle_with(world, DISBURSEMENT, a_payment(hh, cash_fen=2**63 - 1), hh)
    error = refused_whole(world, path, "bundle.record_amount")
    assert error.params == {"kind": DISBURSEMENT, "record": record, "field": "cash_fen",
                            "amount": "¥92,233,720,368,547,758.07",
                            "limit": "¥10,000.00"}  # fmt: skip
    said = text(error.key, "zh", **error.params)
    assert f"数据包中记录 {record}（发放）的“慰问金”金额¥92,233,720,368,547,758.07超过上限" in said
    assert "(payment)" in text(error.key, "en", **error.params)


@pytest.mark.parametrize(
    ("category", "field", "amount", "accepted"),
    [
        ("KN", "cash_fen", 1_000_000, True),  # ten times its ¥1,000 standard
        ("KN", "cash_fen", 1_000_001, False),
        ("KN", "goods_fen", 1_000_001, False),  # no goods standard: bounded by the whole
        ("NMG", "goods_fen", 600_000, True),  # ¥500 cash + ¥100 goods, ten times
        ("NMG", "goods_fen", 600_001, False),
        ("XX", "cash_fen", 10_000_000, True),  # a category unknown here: the hard cap
        ("XX", "cash_fen", 10_000_001, False),
    ],
)  # fmt: skip
def test_a_handover_is_bounded_by_ten_times_its_categorys_standard(
    world: World, category: str, field: str, amount: int, accepted: bool
) -> None:
    hh = household(world)
    path, _record = bundle_with(world, DISBURSEMENT, a_payment(hh, category, **{field: amount}))
    if accepted:
        assert merge(world.central, path).outcome == "applied"
    else:
        error = refused_whole(world, path, "bundle.record_amount")
        assert error.params["field"] == field


def test_a_cash_count_of_an_absurd_sum_is_refused(world: World) -> None:
    count = {"date": DAY.isoformat(), "expected_fen": 0, "counted_fen": 2**40,
             "difference_fen": 2**40, "note": "", "by": "王一", "at": TEAM_ACTOR.now()}  # fmt: skip
    path, _record = bundle_with(world, CASH_COUNT, count, "")
    error = refused_whole(world, path, "bundle.record_amount")
    assert error.params["field"] == "counted_fen" and error.params["limit"] == "¥10,000,000.00"


# --- dates ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("field", "day", "accepted"),
    [
        ("date", "0001-01-01", False),
        ("date", "2026-11-20", False),  # the campaign runs 2027-01-20 … 2027-01-28
        ("date", "2026-11-21", True),  # sixty days before it starts
        ("date", "2027-03-29", True),  # sixty days after it ends
        ("date", "2027-03-30", False),
        ("revisit_on", "9999-12-31", False),
    ],
)  # fmt: skip
def test_a_visit_is_dated_within_the_campaign_and_sixty_days(
    world: World, field: str, day: str, accepted: bool
) -> None:
    path, record = bundle_with(world, VISIT, a_visit(household(world), **{field: day}))
    if accepted:
        assert merge(world.central, path).outcome == "applied"
        return
    error = refused_whole(world, path, "bundle.record_date")
    assert error.params == {"kind": VISIT, "record": record, "field": field, "date": day,
                            "start": "2026-11-21", "end": "2027-03-29"}  # fmt: skip


def test_a_payment_dated_in_year_one_is_refused(world: World) -> None:
    hh = household(world)
    path, _record = bundle_with(world, DISBURSEMENT, a_payment(hh, date="0001-01-01"), hh)
    assert refused_whole(world, path, "bundle.record_date").params["field"] == "date"


# --- text ----------------------------------------------------------------------------------------

_LONG_NAME = "王" * 51


@pytest.mark.parametrize(
    ("changes", "key", "field"),
    [
        ({"notes": "记" * 5_000_000}, "bundle.record_too_long", "notes"),  # a 5 MB note
        ({"conditions": "况" * 5001}, "bundle.record_too_long", "conditions"),
        ({"opinions": "见" * 5001}, "bundle.record_too_long", "opinions"),
        ({"visitors": ["王一", _LONG_NAME]}, "bundle.record_too_long", "visitors"),
        ({"visitors": [f"人{i}" for i in range(21)]}, "bundle.record_too_many", "visitors"),
        ({"proxy": {"name": _LONG_NAME, "relation": "子", "reason": "住院"}},
         "bundle.record_too_long", "proxy.name"),
        ({"mode": "m" * 201}, "bundle.record_too_long", "mode"),
        ({"added_later": "x" * 201}, "bundle.record_too_long", "added_later"),
        ({"added_later": [2**60]}, "bundle.record_number", "added_later"),
    ],
)  # fmt: skip
def test_a_visits_text_is_bounded(world: World, changes: Body, key: str, field: str) -> None:
    path, record = bundle_with(world, VISIT, a_visit(household(world), **changes))
    error = refused_whole(world, path, key)
    assert (error.params["kind"], error.params["record"], error.params["field"]) == (
        VISIT, record, field)  # fmt: skip
    # the field's word where it has one, else its code
    words = {
        "mode": "走访方式",
        "notes": "备注",
        "conditions": "看到的情况",
        "opinions": "意见建议",
        "visitors": "走访人",
    }
    assert f"“{words.get(field, field)}”" in text(error.key, "zh", **error.params)


def test_text_at_its_bounds_is_accepted(world: World) -> None:
    long = {"notes": "记" * 5000, "conditions": "况" * 5000, "opinions": "见" * 5000}
    body = a_visit(household(world), visitors=["王" * 50] * 20, **long)
    path, _record = bundle_with(world, VISIT, body)
    assert merge(world.central, path).new == 1


def witness(content: dict[str, Any], name: str) -> SignatureRecord:
    """A witness's signature of 600 samples (a real one runs to a few KB), by a print."""
    strokes = pack_strokes([[(i * 13 % 8000, i * 7 % 2400, i * 16, None) for i in range(600)]])
    return SignatureRecord(
        pad_width=800, pad_height=240, device_pixel_ratio_x100=100, device_type="mouse",
        device_name="test mouse", strokes=strokes, started_at="2027-01-21T10:00:00+08:00",
        ended_at="2027-01-21T10:00:10+08:00", signer_role="witness", signer_name=name,
        signer_relation="", strokes_sha256=strokes_sha256(strokes),
        content_sha256=content_sha256(content), method=METHOD_THUMBPRINT,
        reason=CannotSign.ILLITERATE, slip_number="T1-0121-001",
    )  # fmt: skip


def test_a_print_on_paper_with_its_witnesses_strokes_is_accepted(world: World) -> None:
    """A thumbprint's body is read at the door: its witnesses' strokes are not "text"."""
    hh = team_households(world.t1, "T1")[2]
    visit = VisitInput(hh["id"], DAY, VisitMode.HOME, Outcome.VISITED, visitors=("王一",),
                       handovers=(standard_handover(hh),),
                       cannot_sign=CannotSign.ILLITERATE)  # fmt: skip
    prepared = signing.prepare_visit(world.t1, visit)
    signed = [witness(prepared.content, "李二"), witness(prepared.content, "邻居刘姐")]
    assert len(signed[0].strokes) > 1000
    recording.record_visit(world.t1, visit, prepared=prepared, signatures=signed,
                           actor=TEAM_ACTOR)  # fmt: skip
    assert merge(world.central, export(world, world.t1)).new == 4


# --- households ----------------------------------------------------------------------------------


@pytest.mark.parametrize("whose", ["unknown", "T2"])
def test_a_household_the_team_never_had_is_refused(world: World, whose: str) -> None:
    hh = str(uuid.uuid4()) if whose == "unknown" else household(world, 0, "T2")
    path, record = bundle_with(world, VISIT, a_visit(hh), hh)
    error = refused_whole(world, path, "bundle.record_household")
    assert error.params == {"kind": VISIT, "record": record, "household": hh[:8], "team": "T1"}


def test_a_visit_without_a_household_is_refused(world: World) -> None:
    path, _record = bundle_with(world, VISIT, a_visit(""), "")
    assert refused_whole(world, path, "bundle.record_household").params["household"] == "—"


def test_a_household_moved_away_since_is_accepted(world: World) -> None:
    """Ever assigned to the team is enough: the laptop may have visited before it heard of the
    move (and the flags go by the teams a household has ever had, as this door does)."""
    mine = team_households(world.central, "T1")[0]
    assert teams.assign_households(world.central, "T2", [mine["id_number"]], actor=ACTOR) == 1
    path, _record = bundle_with(world, VISIT, a_visit(mine["id"]), mine["id"])
    assert merge(world.central, path).new == 1
    assert [f.kind for f in campaign_flags(world.central) if f.household_id == mine["id"]] == [
        "nothing_handed"]  # fmt: skip


# --- a pile, and what the office holds already ---------------------------------------------------


def test_in_a_pile_the_bundle_out_of_bounds_is_named_and_the_others_apply(world: World) -> None:
    second = world.laptop("second.db")
    hh = household(world, 1)
    write(second, VISIT, hh, a_visit(hh))
    good = export(world, second, "second")
    bad, _record = bundle_with(world, DISBURSEMENT, a_payment(hh, cash_fen=2**63 - 1), hh)
    done = bundles.import_bundles(world.central, [bad, good], actor=ACTOR)
    assert done[0].refused is not None and done[0].refused.key == "bundle.record_amount"
    assert done[1].applied is not None and done[1].applied.new == 1


def test_what_the_office_holds_already_is_not_bounded_again(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A store merged before the bounds may hold a record out of them: the laptop's next
    cumulative bundle repeats it, and still applies."""
    old, _record = bundle_with(world, VISIT, a_visit(household(world), date="0001-01-01"))
    unbounded: Callable[..., None] = lambda *args: None  # noqa: E731
    with monkeypatch.context() as patched:
        patched.setattr(merging, "check_bounds", unbounded)
        assert merge(world.central, old).new == 1
    path, _record = bundle_with(world, VISIT, a_visit(household(world, 1)))
    assert merge(world.central, path).new == 1


# --- where the laptop writes: nothing the door would refuse --------------------------------------


def test_the_laptop_saves_nothing_the_office_would_refuse(world: World) -> None:
    """Every bundle of a laptop holds all its records: one the door refuses would stop them
    all, so the laptop refuses it where it is typed, with the same bounds."""
    hh = team_households(world.t1, "T1")[0]
    before = dump(world.t1)
    long_note = VisitInput(hh["id"], DAY, VisitMode.HOME, Outcome.NOT_HOME, notes="记" * 5001)
    too_much = VisitInput(hh["id"], DAY, VisitMode.HOME, Outcome.VISITED,
                          handovers=(Handover("KN", cash_fen=1_000_001,
                                              off_standard_reason="多发"),))  # fmt: skip
    late = VisitInput(hh["id"], date(2027, 6, 1), VisitMode.HOME, Outcome.NOT_HOME)
    cases: list[tuple[str, str, Callable[[], object]]] = [
        ("record.too_long", "notes",
         lambda: recording.record_visit(world.t1, long_note, actor=TEAM_ACTOR)),
        ("record.amount", "cash_fen",
         lambda: recording.record_visit(world.t1, too_much, actor=TEAM_ACTOR)),
        ("record.date", "date", lambda: recording.record_visit(world.t1, late, actor=TEAM_ACTOR)),
        ("record.too_long", "note", lambda: team_day.record_cash_count(
            world.t1, DAY, counted_fen=1, note="点" * 5001, actor=TEAM_ACTOR)),
    ]  # fmt: skip
    for key, field, call in cases:
        with pytest.raises(InvalidInput) as caught:
            call()
        assert (caught.value.key, caught.value.params["field"]) == (key, field)
        for lang in ("zh", "en"):
            assert "{" not in text(caught.value.key, lang, **caught.value.params)
        assert field not in text(caught.value.key, "zh", **caught.value.params)  # its word
        assert dump(world.t1) == before
    recording.record_visit(world.t1, replace(long_note, notes="记" * 5000), actor=TEAM_ACTOR)
    assert merge(world.central, export(world, world.t1)).new == 1
