"""What an assignment bundle carries to a team laptop (only that team's households, what was
withdrawn), and applying it there: insert or update by id."""

from __future__ import annotations

from pathlib import Path

from app.domain.campaign import new_id
from app.store import replica
from app.store.db import Store
from tests.store.builders import World


def _member(world: World, household: str, name: str) -> None:
    world.store.insert(
        "member",
        {
            "id": new_id(),
            "household_id": household,
            "name": name,
            "relation": "配偶",
            "created_at": world.now(),
            "created_by": "王会计",
        },
    )


def test_a_team_snapshot_holds_only_that_team_s_households(world: World) -> None:
    category = world.category("A", "困难职工", 50000)
    t1, t2 = world.team("T1"), world.team("T2")
    mine = world.household(
        "甲", category_id=category.id, street="新港街道", address="2号", import_id=None
    )
    second = world.household("乙", street="新港街道", address="1号")
    moved_away = world.household("丙")
    theirs = world.household("丁")
    world.assign(mine, t1, "2027-01-21")
    world.assign(second, t1)
    world.assign(moved_away, t1)
    world.assign(moved_away, t2)
    world.assign(theirs, t2)
    _member(world, mine, "甲的配偶")
    _member(world, theirs, "丁的配偶")
    snapshot = replica.team_snapshot(world.store, world.campaign_id, t1)
    assert snapshot["campaign"]["id"] == world.campaign_id
    assert [c["code"] for c in snapshot["categories"]] == ["A"]
    assert snapshot["team"]["code"] == "T1"
    assert [h["id"] for h in snapshot["households"]] == [second, mine]  # street, address
    assert all("import_id" not in h for h in snapshot["households"])  # central bookkeeping
    assert snapshot["planned"] == {mine: "2027-01-21", second: None}
    assert [m["name"] for m in snapshot["members"]] == ["甲的配偶"]
    assert snapshot["withdrawn"] == [moved_away]
    other = replica.team_snapshot(world.store, world.campaign_id, t2)
    assert {h["id"] for h in other["households"]} == {moved_away, theirs}
    assert other["withdrawn"] == []


def test_upsert_inserts_then_updates_by_id_column_by_column(world: World, tmp_path: Path) -> None:
    team = world.team("T1")
    household = world.household("甲", phone="13800000001", notes="旧备注")
    world.assign(household, team)
    snapshot = replica.team_snapshot(world.store, world.campaign_id, team)
    with Store(tmp_path / "laptop.db") as laptop:
        with laptop.transaction():
            replica.upsert(laptop, "campaign", [snapshot["campaign"]])
            replica.upsert(laptop, "team", [snapshot["team"]])
            replica.upsert(laptop, "household", snapshot["households"])
            replica.upsert(laptop, "household", [])  # nothing: no statement
        assert replica.household_ids(laptop) == {household}
        newer = {**snapshot["households"][0], "phone": "13800000002", "not_a_column": "x"}
        del newer["notes"]  # a column the bundle does not carry is left as it is
        with laptop.transaction():
            replica.upsert(laptop, "household", [newer])
        [row] = laptop.query("SELECT phone, notes, name FROM household")
        assert row == {"phone": "13800000002", "notes": "旧备注", "name": "甲"}


def test_the_team_s_households_now_and_every_household(world: World) -> None:
    t1, t2 = world.team("T1"), world.team("T2")
    a, b, c = world.household("甲"), world.household("乙"), world.household("丙")
    world.assign(a, t1)
    world.assign(b, t1)
    world.assign(b, t2)
    assert replica.current_team_households(world.store, t1) == {a}
    assert replica.current_team_households(world.store, t2) == {b}
    assert replica.household_ids(world.store) == {a, b, c}
