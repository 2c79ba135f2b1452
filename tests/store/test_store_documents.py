"""What printing reads: households with category and current team, filtered, in walking order;
edited letter templates and print settings in the setting table."""

from __future__ import annotations

from app.store import documents
from app.store.events import set_setting
from tests.store.builders import World, id_number


def _names(rows: list[dict[str, object]]) -> list[object]:
    return [r["name"] for r in rows]


def test_print_households_filter_by_team_category_and_unit(world: World) -> None:
    category = world.category("A", "困难职工", 50000, "米面油", 10000)
    t1, t2 = world.team("T1", leader="周组长"), world.team("T2")
    a = world.household("甲", category_id=category.id, unit="一厂工会", street="新港街道")
    b = world.household(
        "乙", category_label="退休职工", unit="二厂工会", employer="一厂工会", street="大沽街道"
    )
    c = world.household("丙", unit="二厂工会", street="新港街道")
    world.assign(a, t1, "2027-01-21")
    world.assign(b, t1)
    world.assign(b, t2)  # moved: printed with T2

    def rows(**filters: object) -> list[object]:
        return _names(documents.print_households(world.store, world.campaign_id, **filters))

    assert rows() == ["乙", "甲", "丙"]  # street (大沽 before 新港), address, unit, roster order
    assert rows(team_id=t1) == ["甲"]
    assert rows(team_id=t2) == ["乙"]
    assert rows(category="a") == ["甲"] == rows(category="困难职工")  # code in any case, name
    assert rows(category="退休职工") == ["乙"]  # the roster's label
    assert rows(unit="一厂工会") == ["乙", "甲"]  # the unit, or the employer
    assert rows(unit="二厂工会", team_id=t2) == ["乙"]
    [first] = documents.print_households(world.store, world.campaign_id, team_id=t1)
    assert (
        first["team_code"],
        first["team_leader"],
        first["planned_date"],
        first["category_code"],
        first["category_goods"],
        first["category_cash_fen"],
    ) == ("T1", "周组长", "2027-01-21", "A", "米面油", 50000)
    [unassigned] = documents.print_households(world.store, world.campaign_id, household_ids=[c])
    assert (unassigned["team_id"], unassigned["team_code"]) == (None, None)


def test_print_households_by_id_keep_the_order_asked_for(world: World) -> None:
    ids = world.households(1001)
    asked = [ids[1000], ids[3], ids[700]]
    rows = documents.print_households(world.store, world.campaign_id, household_ids=asked)
    assert [r["id"] for r in rows] == asked
    everyone = documents.print_households(
        world.store, world.campaign_id, household_ids=list(reversed(ids))
    )
    assert [r["id"] for r in everyone] == list(reversed(ids))


def test_household_ids_by_id_number_for_the_numbers_that_exist(world: World) -> None:
    ids = world.households(600)
    numbers = documents.household_ids_by_number(
        world.store,
        world.campaign_id,
        [id_number(1, "19400101"), id_number(599, "19400101"), id_number(999, "19990101")],
    )
    assert numbers == {id_number(1, "19400101"): ids[0], id_number(599, "19400101"): ids[598]}


def test_whether_a_category_or_unit_is_known(world: World) -> None:
    world.category("A", "困难职工", 50000)
    world.household(category_label="退休职工", unit="一厂工会", employer="一厂")
    for known in ("A", "a", "困难职工", "退休职工"):
        assert documents.category_exists(world.store, world.campaign_id, known), known
    assert not documents.category_exists(world.store, world.campaign_id, "B")
    assert documents.unit_exists(world.store, world.campaign_id, "一厂工会")
    assert documents.unit_exists(world.store, world.campaign_id, "一厂")
    assert not documents.unit_exists(world.store, world.campaign_id, "二厂")


def test_templates_are_saved_replaced_and_forgotten(world: World) -> None:
    store = world.store
    assert documents.stored_templates(store) == {}
    documents.save_template(store, "职工", "尊敬的{name}同志：")
    documents.save_template(store, "退休职工", "尊敬的{name}老同志：")
    documents.save_template(store, "职工", "尊敬的{name}同志：\n  新春佳节")
    set_setting(store, "role", "central")  # other settings are not templates
    assert documents.stored_templates(store) == {
        "退休职工": "尊敬的{name}老同志：",
        "职工": "尊敬的{name}同志：\n  新春佳节",
    }
    assert documents.remove_template(store, "职工") == 1
    assert documents.remove_template(store, "职工") == 0
    assert list(documents.stored_templates(store)) == ["退休职工"]


def test_print_settings_without_their_prefix(world: World) -> None:
    store = world.store
    documents.set_print_setting(store, "festival", "春节")
    documents.set_print_setting(store, "notice_days", "5")
    documents.set_print_setting(store, "notice_days", "7")
    documents.save_template(store, "职工", "…")
    assert documents.print_settings(store) == {"festival": "春节", "notice_days": "7"}
