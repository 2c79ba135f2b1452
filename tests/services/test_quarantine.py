"""Quarantine a person decides, and revocation that keeps the money (issue 17).

A fork (a laptop restored from an old copy) holds both branches until the office decides,
whichever came first: both arrival orders give the same figures, flags and open decision.
A revoked laptop's later bundles are verified and held, never dropped; the office accepts
what it did (the double payment with the replacement laptop is flagged then) or keeps it
aside; revoking a laptop the office never saw replaces the team's credential."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from app.domain.errors import Conflict, InvalidInput
from app.domain.flags import DOUBLE_PAYMENT
from app.domain.visits import Outcome, VisitInput, VisitMode
from app.i18n import render
from app.services.bundles import devices, quarantine
from app.services.bundles import exchange as bundles
from app.services.bundles.devices import local_device
from app.services.oversight import progress
from app.services.oversight.flags import campaign_flags
from app.services.visits import recording as visits
from app.store.db import Store
from tests.bundle_world import (
    ACTOR,
    DAY,
    STANDARD,
    TEAM_ACTOR,
    World,
    export,
    merge,
    standard_handover,
    team_households,
)


def pay(store: Store, household: dict[str, Any]) -> None:
    visits.record_visit(
        store,
        VisitInput(household_id=household["id"], day=DAY, mode=VisitMode.HOME,
                   outcome=Outcome.VISITED, visitors=("王一", "李二"),
                   handovers=(standard_handover(household),)),
        actor=TEAM_ACTOR,
    )  # fmt: skip


def cash_of(household: dict[str, Any]) -> int:
    return STANDARD[household["category"]][0]


def figures(store: Store) -> tuple[Any, ...]:
    """What the office reads: each team's progress and the open flags."""
    teams, _open = progress.compute_progress(store)
    flags = sorted((f.kind, f.household_id, f.record_id) for f in campaign_flags(store))
    return tuple(teams), tuple(flags)


def decision_view(store: Store) -> list[tuple[Any, ...]]:
    """The open items as a clerk sees them, without where each branch happens to be kept."""
    return [
        (i.kind, i.team, i.from_seq, render(i.reason), i.open,
         tuple((b.cash_fen, b.goods_fen, b.pending,
                tuple((r.event_id, r.kind, r.household, r.cash_fen) for r in b.records))
               for b in i.branches))
        for i in quarantine.list_items(store)
    ]  # fmt: skip


def forked(world: World) -> tuple[Path, Path, list[dict[str, Any]]]:
    """T1 pays hh0 and the office has it; the laptop pays hh1 (bundle A); its disk dies, the
    copy from before hh1 is restored and pays hh2 (bundle B)."""
    hh = team_households(world.t1, "T1")
    pay(world.t1, hh[0])
    assert merge(world.central, export(world, world.t1)).outcome == "applied"
    backup = world.copy(world.t1, "backup.db")
    pay(world.t1, hh[1])
    a = export(world, world.t1, "a")
    pay(backup, hh[2])
    b = export(world, backup, "b")
    return a, b, hh


def both_orders(world: World, first: list[Path], second: list[Path]) -> tuple[Store, Store]:
    other = world.copy(world.central, "central-2.db")
    for path in first:
        merge(world.central, path)
    for path in second:
        merge(other, path)
    return world.central, other


def test_a_fork_holds_both_branches_whichever_came_first(world: World) -> None:
    a, b, hh = forked(world)
    one, two = both_orders(world, [a, b], [b, a])
    assert figures(one) == figures(two)
    # Neither branch counts until decided: only hh0, paid before the chains parted.
    t1 = [t for t in figures(one)[0] if t.code == "T1"][0]
    assert t1.cash_fen == cash_of(hh[0]) and t1.visited == 1
    assert decision_view(one) == decision_view(two)
    [item] = quarantine.list_items(one)
    assert item.kind == quarantine.FORK and item.open and len(item.branches) == 2
    households = {r.household.split()[0] for br in item.branches for r in br.records}
    assert households == {hh[1]["name"], hh[2]["name"]}
    assert sorted(br.cash_fen for br in item.branches) == sorted([cash_of(hh[1]), cash_of(hh[2])])


def test_accepting_both_branches_counts_both_in_either_order(world: World) -> None:
    a, b, hh = forked(world)
    one, two = both_orders(world, [a, b], [b, a])
    for store in (one, two):
        [item] = quarantine.list_items(store)
        done = quarantine.accept(store, item.id, reason="两支都是真实发放", actor=ACTOR)
        assert not done.item.open and done.accepted == 2 * 2  # a visit and a payment each
    assert figures(one) == figures(two)
    t1 = [t for t in figures(one)[0] if t.code == "T1"][0]
    assert t1.cash_fen == sum(cash_of(h) for h in hh[:3]) and t1.visited == 3
    # the decision is kept with who and why
    [item] = quarantine.list_items(one)
    assert {(br.decision, br.decided_by, br.reason) for br in item.branches} == {
        ("accept", ACTOR.user, "两支都是真实发放")}  # fmt: skip


def test_keeping_one_branch_aside_gives_the_same_figures_in_either_order(world: World) -> None:
    a, b, hh = forked(world)
    one, two = both_orders(world, [a, b], [b, a])
    for store in (one, two):
        [item] = quarantine.list_items(store)
        [keep] = [n for n, br in enumerate(item.branches, 1)
                  if hh[2]["name"] in br.records[0].household]  # fmt: skip
        quarantine.accept(store, item.id, reason="原电脑记录属实", branch=3 - keep, actor=ACTOR)
        quarantine.keep_aside(store, item.id, reason="恢复后的重复记录", branch=keep, actor=ACTOR)
        assert not quarantine.list_items(store, include_decided=False)
    assert figures(one) == figures(two)
    t1 = [t for t in figures(one)[0] if t.code == "T1"][0]
    assert t1.cash_fen == cash_of(hh[0]) + cash_of(hh[1])


def test_a_decision_needs_a_reason_and_is_taken_once(world: World) -> None:
    a, b, _hh = forked(world)
    merge(world.central, a)
    merge(world.central, b)
    [item] = quarantine.list_items(world.central)
    with pytest.raises(InvalidInput) as caught:
        quarantine.accept(world.central, item.id, reason=" ", actor=ACTOR)
    assert caught.value.key == "quarantine.reason_missing"
    with pytest.raises(InvalidInput) as caught:
        quarantine.accept(world.central, item.id, reason="x", branch=3, actor=ACTOR)
    assert render(caught.value) == "没有第3支：这一项共有2支"
    quarantine.keep_aside(world.central, item.id, reason="待查", actor=ACTOR)
    with pytest.raises(Conflict) as caught:
        quarantine.accept(world.central, item.id, reason="又改主意", actor=ACTOR)
    assert caught.value.key == "quarantine.decided"


# --- revocation keeps the money ---------------------------------------------------------------


def test_a_revoked_laptops_later_bundle_is_held_then_accepted_with_its_double_payment(
    world: World,
) -> None:
    hh = team_households(world.t1, "T1")
    pay(world.t1, hh[0])
    merge(world.central, export(world, world.t1))
    old = local_device(world.t1)
    assert old is not None
    pay(world.t1, hh[1])  # handed over before the laptop was lost; not yet at the office
    late = export(world, world.t1)
    devices.revoke(world.central, old.id[:8], reason="笔记本丢失", actor=ACTOR)

    # the replacement laptop pays hh1 again: it could not know
    renewed = bundles.export_assignment(world.central, "T1", world.stick("central"), actor=ACTOR)
    spare = world.laptop("spare.db", renewed.file)
    pay(spare, hh[1])
    merge(world.central, export(world, spare, "spare"))

    applied = merge(world.central, late)  # verified and held, not refused
    assert applied.outcome == "applied" and applied.detail == {"held": 2}
    t1 = [t for t in figures(world.central)[0] if t.code == "T1"][0]
    assert t1.cash_fen == cash_of(hh[0]) + cash_of(hh[1])  # the held payment is not counted
    [item] = quarantine.list_items(world.central)
    assert (item.kind, item.open, item.from_seq) == ("revoked", True, 3)
    assert item.branches[0].cash_fen == cash_of(hh[1])
    # what accepting would contradict is shown before: hh1 is paid by the replacement
    payment = next(r for r in item.branches[0].records if r.cash_fen)
    assert payment.paid_already and payment.state == "held"

    done = quarantine.accept(world.central, item.id, reason="丢失前已发放，有签名", actor=ACTOR)
    assert done.accepted == 2
    assert DOUBLE_PAYMENT in {f.kind for f in done.flags}
    t1 = [t for t in figures(world.central)[0] if t.code == "T1"][0]
    assert t1.cash_fen == cash_of(hh[0]) + 2 * cash_of(hh[1])


def test_revoke_up_to_a_record_and_unrevoke(world: World) -> None:
    hh = team_households(world.t1, "T1")
    pay(world.t1, hh[0])
    pay(world.t1, hh[1])
    merge(world.central, export(world, world.t1))
    old = local_device(world.t1)
    assert old is not None
    with pytest.raises(InvalidInput) as caught:
        devices.revoke(world.central, old.id, reason="x", up_to=99, actor=ACTOR)
    assert render(caught.value) == "截止记录号 99 不对：应在 0 到中心已收到的 4 条之间"
    # only hh0's two records count: the laptop was lost before hh1
    devices.revoke(world.central, old.id, reason="丢失", up_to=2, actor=ACTOR)
    t1 = [t for t in figures(world.central)[0] if t.code == "T1"][0]
    assert t1.cash_fen == cash_of(hh[0])
    with pytest.raises(Conflict) as caught:
        devices.revoke(world.central, old.id, reason="x", actor=ACTOR)
    assert caught.value.key == "device.already_revoked"
    back = devices.unrevoke(world.central, old.id, reason="电脑找回", actor=ACTOR)
    assert back.revoked_at is None
    t1 = [t for t in figures(world.central)[0] if t.code == "T1"][0]
    assert t1.cash_fen == cash_of(hh[0]) + cash_of(hh[1])
    with pytest.raises(Conflict):
        devices.unrevoke(world.central, old.id, reason="again", actor=ACTOR)


def test_a_revoked_laptop_stops_recording_once_it_reads_the_next_assignment(world: World) -> None:
    hh = team_households(world.t1, "T1")
    pay(world.t1, hh[0])
    merge(world.central, export(world, world.t1))
    old = local_device(world.t1)
    assert old is not None
    devices.revoke(world.central, old.id, reason="换新电脑", actor=ACTOR)
    renewed = bundles.export_assignment(world.central, "T1", world.stick("central"), actor=ACTOR)
    applied = bundles.import_bundle(world.t1, renewed.file,
                                    credential=renewed.credential, actor=TEAM_ACTOR)  # fmt: skip
    assert applied.detail["revoked"] == 1
    with pytest.raises(Conflict) as caught:
        pay(world.t1, hh[1])
    assert caught.value.key == "device.revoked_here"
    assert bundles.export_result(world.t1, world.stick("t1"), actor=TEAM_ACTOR).events > 0


def test_a_laptop_never_seen_is_revoked_by_replacing_the_credential(world: World) -> None:
    hh = team_households(world.t1, "T1")
    lost = world.laptop("lost.db")  # started from T1's first assignment bundle, never sent
    pay(lost, hh[0])
    devices.revoke_unseen(world.central, "T1", reason="新电脑未交回就丢失", actor=ACTOR)
    renewed = bundles.export_assignment(world.central, "T1", world.stick("central"), actor=ACTOR)
    assert renewed.credential and renewed.credential != world.template.t1_credential

    applied = merge(world.central, export(world, lost, "lost"))  # held, not dropped
    assert applied.outcome == "applied" and applied.detail == {"held": 2}
    t1 = [t for t in figures(world.central)[0] if t.code == "T1"][0]
    assert t1.cash_fen == 0
    [item] = quarantine.list_items(world.central)
    assert item.kind == "revoked" and item.branches[0].cash_fen == cash_of(hh[0])
    # the old credential opens no new assignment bundle
    with pytest.raises(Exception) as caught:
        bundles.import_bundle(
            world.open("x.db"), renewed.file, credential=world.template.t1_credential,
            actor=TEAM_ACTOR,
        )  # fmt: skip
    assert getattr(caught.value, "key", "").startswith("bundle.")


# --- a relayed bundle waits for the records it relays, then applies ---------------------------


def relayed_pair(world: World) -> tuple[Path, Path]:
    """Laptop X pays hh0 (bundle A). A copy of the office merged A and started laptop Y,
    which pays hh1 (bundle B, relaying X's records the office itself has not seen yet)."""
    hh = team_households(world.t1, "T1")
    other_office = world.copy(world.central, "office-copy.db")
    pay(world.t1, hh[0])
    a = export(world, world.t1, "x")
    merge(other_office, a)
    start = bundles.export_assignment(other_office, "T1", world.stick("copy"), actor=ACTOR)
    y = world.laptop("y.db", start.file)
    pay(y, hh[1])
    return a, export(world, y, "y")


def test_a_relayed_bundle_is_released_when_the_missing_records_arrive(world: World) -> None:
    a, b = relayed_pair(world)
    held = merge(world.central, b)
    assert held.outcome == "quarantined"
    assert render(held.quarantine_reason).startswith("包含中心从未收到过的其他设备")  # type: ignore[arg-type]
    merge(world.central, a)  # X's own bundle: now B's relayed records are known
    t1 = [t for t in figures(world.central)[0] if t.code == "T1"][0]
    assert t1.visited == 2
    [item] = quarantine.list_items(world.central)
    assert (item.kind, item.open, item.branches[0].decision) == ("bundle", False, "released")
    assert merge(world.central, b).outcome == "already"


def test_pile_order_never_decides_for_relayed_bundles(world: World) -> None:
    a, b = relayed_pair(world)
    other = world.copy(world.central, "central-2.db")
    bundles.import_bundles(world.central, [b, a], actor=ACTOR)
    bundles.import_bundles(other, [a, b], actor=ACTOR)
    assert figures(world.central) == figures(other)
    assert [t.visited for t in figures(other)[0] if t.code == "T1"] == [2]
