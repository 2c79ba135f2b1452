"""Drafts of visits being typed: one per household, replaced as typed, removed when saved."""

from __future__ import annotations

from app.store import drafts
from tests.store.builders import World


def test_a_draft_is_replaced_as_it_is_typed_and_removed(world: World) -> None:
    household = world.household()
    assert drafts.load(world.store, household) is None
    drafts.save(world.store, household, '{"notes": "家"}', "2027-01-21T10:00:01+08:00")
    drafts.save(world.store, household, '{"notes": "家中"}', "2027-01-21T10:00:03+08:00")
    assert drafts.load(world.store, household) == ('{"notes": "家中"}', "2027-01-21T10:00:03+08:00")
    assert world.store.conn.execute("SELECT count(*) FROM draft").fetchone()[0] == 1
    drafts.remove(world.store, household)
    assert drafts.load(world.store, household) is None
    drafts.remove(world.store, household)  # removing what is gone is no error


def test_open_drafts_are_newest_first_with_the_household_name(world: World) -> None:
    older, newer = world.household("张建国"), world.household("李秀英")
    world.household("没有草稿")
    drafts.save(world.store, newer, "{}", "2027-01-21T11:00:00+08:00")
    drafts.save(world.store, older, "{}", "2027-01-21T09:00:00+08:00")
    assert drafts.all_drafts(world.store) == [
        {"household_id": newer, "saved_at": "2027-01-21T11:00:00+08:00", "name": "李秀英"},
        {"household_id": older, "saved_at": "2027-01-21T09:00:00+08:00", "name": "张建国"},
    ]
