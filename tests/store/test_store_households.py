"""Households: what an import knows, corrections kept whole, filters, statuses, the newest
override in force, budget counts."""

from __future__ import annotations

import json

from app.domain.campaign import CONFIRMED, DECLINED, STATUSES, new_id
from app.domain.eligibility import RULES
from app.store import households
from app.store.db import Store
from tests.store.builders import World, id_number


def _import(world: World, file_name: str = "单位甲.xlsx", **values: object) -> str:
    row = {
        "id": new_id(),
        "campaign_id": world.campaign_id,
        "file_name": file_name,
        "file_sha256": "0" * 64,
        "unit": "单位甲",
        "imported_at": world.now(),
        "imported_by": "王会计",
        "added": 0,
        "updated": 0,
        "unchanged": 0,
        "rejected": 0,
        "duplicates": 0,
        **values,
    }
    with world.store.transaction():
        households.insert_import(world.store, row)
    return str(row["id"])


def test_known_households_are_those_of_the_campaign_with_their_file(world: World) -> None:
    imported = _import(world, "第一批.csv")
    a = world.household("甲", import_id=imported, source_row=7, content_hash="ha")
    b = world.household("乙", source_row=None)  # entered without a file
    other = World(world.store)
    other.campaign()
    other.household("别的", id_number=id_number(900))
    known = households.known_households(world.store, world.campaign_id)
    assert set(known) == {households.household_brief(world.store, h)[0] for h in (a, b)}
    first = next(k for k in known.values() if k.id == a)
    assert (first.unit, first.content_hash, first.file_name, first.source_row) == (
        "单位甲",
        "ha",
        "第一批.csv",
        7,
    )
    second = next(k for k in known.values() if k.id == b)
    assert (second.file_name, second.source_row) == ("", 0)


def test_a_correction_keeps_the_replaced_version_whole(world: World) -> None:
    household = world.household("张三", address="旧址1号", phone="13800000000")
    before = world.store.conn.execute("SELECT * FROM household WHERE id = ?", [household])
    old = dict(zip([d[0] for d in before.description], before.fetchone(), strict=True))
    imported = _import(world)
    with world.store.transaction():
        households.replace_roster_values(
            world.store,
            household,
            {"address": "新址2号", "content_hash": "new"},
            {
                "id": new_id(),
                "replaced_at": world.now(),
                "replaced_by": "王会计",
                "import_id": imported,
            },
        )
    now = households.all_household_rows(world.store)[household]
    assert (now["address"], now["content_hash"], now["phone"]) == ("新址2号", "new", "13800000000")
    [history] = world.store.query("SELECT * FROM household_history")
    assert (history["household_id"], history["import_id"]) == (household, imported)
    assert json.loads(history["before_json"]) == old  # every column, Chinese kept readable
    assert "旧址1号" in history["before_json"]


def test_import_counts_are_written_once_the_file_is_through(world: World) -> None:
    first = _import(world, "a.csv")
    second = _import(world, "b.csv")
    with world.store.transaction():
        households.set_import_counts(world.store, first, {"added": 5, "rejected": 1})
    history = households.import_history(world.store, world.campaign_id)
    assert [h["file_name"] for h in history] == ["a.csv", "b.csv"]  # oldest first
    assert (history[0]["added"], history[0]["rejected"], history[0]["updated"]) == (5, 1, 0)
    assert history[1]["id"] == second and history[1]["added"] == 0


def test_find_household_by_id_number_with_its_category(world: World) -> None:
    category = world.category("A", "困难职工", 50000, "米面油", 10000)
    household = world.household("张三", category_id=category.id, id_number=id_number(77))
    found = households.find_household(world.store, world.campaign_id, id_number(77))
    assert found is not None and found["id"] == household
    assert (
        found["category_code"],
        found["category_name"],
        found["category_cash_fen"],
        found["category_goods_fen"],
    ) == ("A", "困难职工", 50000, 10000)
    assert households.find_household(world.store, world.campaign_id, id_number(78)) is None
    assert households.find_household(world.store, "other-campaign", id_number(77)) is None


def _names(rows: list[dict[str, object]]) -> list[object]:
    return [r["name"] for r in rows]


def test_search_filters_by_status_category_unit_and_text(world: World) -> None:
    category = world.category("A", "困难职工", 50000)
    world.household(
        "张建国",
        unit="单位一",
        status=CONFIRMED,
        category_id=category.id,
        phone="13820000001",
        street="新港街道",
        address="向阳里3号",
    )
    world.household(
        "李秀英",
        unit="单位一",
        employer="一厂",
        category_label="退休职工",
        id_number=id_number(123, "19650505"),
    )
    world.household("王德明", unit="单位二", employer="一厂", status=DECLINED, category_label="a")

    def search(**filters: object) -> list[object]:
        return _names(households.search_households(world.store, world.campaign_id, **filters))

    assert search() == ["张建国", "李秀英", "王德明"]
    assert search(status=CONFIRMED) == ["张建国"]
    assert search(category="A") == ["张建国"]
    assert search(category="困难职工") == ["张建国"]
    assert search(category="退休职工") == ["李秀英"]  # the roster's label, no category set up
    assert search(unit="单位一") == ["张建国", "李秀英"]
    assert search(unit="一厂") == ["李秀英", "王德明"]  # the employer counts as the unit too
    assert search(text="建国") == ["张建国"]
    assert search(text=id_number(123, "19650505")[-4:]) == ["李秀英"]  # the ID number's tail
    assert search(text="0505") == []  # … only its tail
    assert search(text="20000001") == ["张建国"]  # the phone
    assert search(text="向阳里") == ["张建国"] == search(text="新港")  # address, street
    assert search(unit="单位一", status=CONFIRMED, text="张") == ["张建国"]
    assert search(limit=2) == ["张建国", "李秀英"]


def test_search_lists_by_unit_then_roster_row(world: World) -> None:
    world.household("乙2", unit="乙", source_row=3)
    world.household("甲9", unit="甲", source_row=9)
    world.household("乙1", unit="乙", source_row=2)
    world.household("甲2", unit="甲", source_row=2)
    rows = households.search_households(world.store, world.campaign_id)
    assert _names(rows) == ["乙1", "乙2", "甲2", "甲9"]  # 乙 sorts before 甲 (code points)


def _member(world: World, household: str, name: str) -> None:
    households.insert_member(
        world.store,
        {
            "id": new_id(),
            "household_id": household,
            "name": name,
            "relation": "子女",
            "created_at": world.now(),
            "created_by": "王会计",
        },
    )


def test_members_by_household_for_all_or_the_ones_named(world: World) -> None:
    a, b, c = world.household("甲"), world.household("乙"), world.household("丙")
    _member(world, a, "甲一")
    _member(world, b, "乙一")
    _member(world, a, "甲二")
    everyone = households.members_by_household(world.store)
    assert {h: [m["name"] for m in ms] for h, ms in everyone.items()} == {
        a: ["甲一", "甲二"],
        b: ["乙一"],
    }
    named = households.members_by_household(world.store, [b, c])
    assert list(named) == [b]  # a household without members is simply absent


def test_materials_are_ticked_redated_and_unticked(world: World) -> None:
    household = world.household()
    store = world.store
    households.set_materials(
        store, household, {"身份证复印件": "2027-01-05", "户口本复印件": "2027-01-05"}, [], "王会计"
    )
    households.set_materials(
        store, household, {"身份证复印件": "2027-01-08"}, ["户口本复印件"], "王会计"
    )
    assert households.materials_of(store, household) == {"身份证复印件": "2027-01-08"}
    assert households.materials_of(store, world.household("乙")) == {}


def test_a_status_change_is_logged_and_a_repeat_changes_nothing(world: World) -> None:
    household = world.household()
    store = world.store
    first = STATUSES[0]

    def move(status: str, reason: str = "") -> int:
        return households.set_status(
            store,
            household,
            status,
            {"id": new_id(), "reason": reason, "changed_at": world.now(), "changed_by": "王会计"},
        )

    assert households.all_household_rows(store)[household]["status"] == first  # the default
    assert move(CONFIRMED) == 1
    assert move(CONFIRMED) == 0
    assert move(DECLINED, "收入超标") == 1
    row = households.all_household_rows(store)[household]
    assert row["status"] == DECLINED
    assert row["updated_at"] > row["created_at"]  # the list table's fingerprint sees it
    history = households.status_history(store, household)
    assert [(h["from_status"], h["to_status"], h["reason"]) for h in history] == [
        (first, CONFIRMED, ""),
        (CONFIRMED, DECLINED, "收入超标"),
    ]


def _override(world: World, household: str, rule: str | None, at: str, reason: str) -> None:
    households.insert_override(
        world.store,
        {
            "id": new_id(),
            "household_id": household,
            "rule": rule,
            "reason": reason,
            "decided_at": at,
            "decided_by": "李科长",
        },
    )


def test_the_newest_override_is_in_force_and_the_older_are_kept(world: World) -> None:
    a, b = world.household("甲"), world.household("乙")
    _override(world, a, RULES[2], "2027-01-06T10:00+08:00", "诊断证明")
    _override(world, a, RULES[1], "2027-01-07T10:00+08:00", "子女就学")
    _override(world, b, None, "2027-01-07T10:00+08:00", "不符")
    _override(world, b, RULES[0], "2027-01-07T10:00+08:00", "复核后符合")  # same minute: rowid
    _override(world, a, RULES[3], "2027-01-05T10:00+08:00", "补录的旧决定")  # older, added late
    in_force = households.overrides_in_force(world.store, world.campaign_id)
    assert {h: (o["rule"], o["reason"]) for h, o in in_force.items()} == {
        a: (RULES[1], "子女就学"),
        b: (RULES[0], "复核后符合"),
    }
    for household in (a, b):
        assert households.override_of(world.store, household) == in_force[household]
    assert households.override_of(world.store, world.household("丙")) is None
    assert world.store.conn.execute("SELECT count(*) FROM eligibility_override").fetchone()[0] == 5
    other = World(world.store)
    other.campaign()
    assert households.overrides_in_force(world.store, other.campaign_id) == {}


def test_budget_counts_by_category_without_the_excluded_status(world: World) -> None:
    a = world.category("A", "困难职工", 50000)
    b = world.category("B", "退休", 30000)
    for category, status in (
        (a, CONFIRMED),
        (a, CONFIRMED),
        (a, DECLINED),
        (b, CONFIRMED),
        (None, CONFIRMED),
        (None, STATUSES[0]),
    ):
        world.household(category_id=category.id if category else None, status=status)
    counts = households.budget_counts(world.store, world.campaign_id, DECLINED)
    assert counts == {a.id: 2, b.id: 1, None: 2}


def test_a_household_brief_is_its_id_number_and_name(world: World) -> None:
    household = world.household("赵丽", id_number=id_number(5))
    assert households.household_brief(world.store, household) == (id_number(5), "赵丽")
    assert households.household_brief(world.store, "no-such") is None


def test_all_household_rows_are_every_campaign_s(store: Store) -> None:
    first, second = World(store), World(store)
    first.campaign()
    second.campaign()
    ids = {first.household("甲"), second.household("乙", id_number=id_number(901))}
    assert set(households.all_household_rows(store)) == ids
