"""The team window's list table: pinyin keys, the fingerprint that says when to rebuild, the
list's order, and what each kind of search text finds."""

from __future__ import annotations

from app.store import search
from app.store.db import Store
from app.store.events import get_setting
from tests.store.builders import World, id_number


def _keyed(world: World, household: str, initials: str, pinyin: str) -> None:
    search.insert_keys(world.store, [(household, initials, pinyin)])


def test_households_without_keys_get_them_once(world: World) -> None:
    a, b = world.household("曾三"), world.household("李四")
    assert search.keys_may_be_missing(world.store)
    assert sorted(search.households_without_keys(world.store)) == sorted([(a, "曾三"), (b, "李四")])
    _keyed(world, a, "zs cs", "zengsan cengsan")
    _keyed(world, a, "zs cs", "zengsan cengsan")  # again: replaced, not doubled
    assert search.households_without_keys(world.store) == [(b, "李四")]
    assert search.count_without_keys(world.store) == 1
    _keyed(world, b, "ls", "lisi")
    assert not search.keys_may_be_missing(world.store)
    assert search.count_without_keys(world.store) == 0


def test_the_fingerprint_changes_with_households_corrections_and_keys(world: World) -> None:
    store = world.store
    household = world.household("张三")
    with store.transaction():
        search.rebuild_list(store)
    assert search.list_is_current(store)
    assert get_setting(store, search.LIST_FINGERPRINT) == search.list_fingerprint(store)
    steps = {
        "a household added": lambda: world.household("李四"),
        "a household corrected": lambda: store.conn.execute(
            "UPDATE household SET address = '新址', updated_at = ? WHERE id = ?",
            [world.now(), household],
        ),
        "keys computed": lambda: _keyed(world, household, "zs", "zhangsan"),
    }
    for step, change in steps.items():
        before = search.list_fingerprint(store)
        change()
        assert search.list_fingerprint(store) != before, step
        assert not search.list_is_current(store), step
        with store.transaction():
            search.rebuild_list(store)
        assert search.list_is_current(store), step


def _list(world: World) -> dict[str, str]:
    """name → household id, after the list table is rebuilt."""
    with world.store.transaction():
        search.rebuild_list(world.store)
    return {r["name"]: r["id"] for r in world.store.query("SELECT id, name FROM household")}


def test_the_list_is_in_street_address_name_order(world: World) -> None:
    world.household("乙", street="新港街道", address="2号")
    world.household("甲", street="新港街道", address="2号")
    world.household("丙", street="大沽街道", address="9号")
    world.household("丁", street="新港街道", address="1号")
    ids = _list(world)
    order = [ids[n] for n in ("丙", "丁", "乙", "甲")]  # 乙 before 甲 by code point
    assert list(search.list_column(world.store, "household_id")) == order
    assert search.list_size(world.store) == 4
    assert search.ids_in_order(world.store, 1, 2) == order[1:3]
    assert search.ids_in_order(world.store, 4, 10) == []
    _list(world)  # rebuilt again: the same rows, not twice as many
    assert search.list_size(world.store) == 4


def test_the_list_columns_hold_what_a_search_matches(world: World) -> None:
    household = world.household(
        "张三", street="新港街道", address="向阳里3号", phone="13820000001", id_number=id_number(7)
    )
    _keyed(world, household, "zs", "zhangsan")
    _list(world)
    assert list(search.list_column(world.store, "hay")) == ["张三\x00向阳里3号\x00新港街道"]
    assert list(search.list_column(world.store, "id_end")) == [id_number(7) + "\x01"]
    assert list(search.list_column(world.store, "letters_phone")) == [
        "zs\x00zhangsan\x1e13820000001"
    ]


def test_what_each_kind_of_search_text_finds(world: World) -> None:
    zhang = world.household(
        "张三",
        street="新港街道",
        address="向阳里3号",
        phone="13820000001",
        id_number=id_number(7, "19650505"),
    )
    smith = world.household("Mary Smith", street="泰达街道", phone="13999990505")
    _keyed(world, zhang, "zs", "zhangsan")
    _keyed(world, smith, "ms", "marysmith")
    _list(world)

    def find(
        text: str, *, letters: bool = False, digits: bool = False, limit: int = 10
    ) -> list[str]:
        return search.find_ids(world.store, text, letters=letters, digits=digits, limit=limit)

    assert find("张") == [zhang]
    assert find("向阳里") == [zhang] == find("新港")  # address, street
    assert find("zs", letters=True) == [zhang]  # pinyin initials
    assert find("zhangs", letters=True) == [zhang]  # full pinyin
    assert find("smith", letters=True) == [smith]  # a name in letters, whatever its case
    assert find("0505", digits=True) == [smith]  # phone; the ID's 0505 is mid-number
    tail = id_number(7, "19650505")[-4:]
    assert find(tail, digits=True) == [zhang]  # the ID's tail, from 4 characters
    assert find(tail[-3:], digits=True) == []  # 3 characters: phones only
    assert find("1382", digits=True) == [zhang]
    assert find("zs") == []  # letters not allowed: the hay only
    assert find("街道") == [zhang, smith]  # in list order: 新港街道 before 泰达街道
    assert find("街道", limit=1) == [find("街道")[0]]


def test_display_rows_and_the_card_carry_category_and_planned_date(world: World) -> None:
    category = world.category("A", "困难职工", 50000, "米面油", 10000)
    team = world.team("T1")
    planned = world.household("张三", category_id=category.id, causes="大病", household_size=3)
    bare = world.household("李四")
    world.assign(planned, team, "2027-01-22")
    rows = search.rows_for(world.store, [planned, bare])
    assert (
        rows[planned]["category"],
        rows[planned]["cash_fen"],
        rows[planned]["goods_fen"],
        rows[planned]["planned_date"],
    ) == ("困难职工", 50000, 10000, "2027-01-22")
    assert (rows[bare]["category"], rows[bare]["planned_date"]) == (None, None)
    assert search.rows_for(world.store, []) == {}
    card = search.card(world.store, planned)
    assert card is not None
    assert (card["category_code"], card["goods"], card["causes"], card["household_size"]) == (
        "A",
        "米面油",
        "大病",
        3,
    )
    assert search.card(world.store, "no-such") is None
    assert search.planned_on(world.store, "2027-01-22") == {planned}
    assert search.planned_on(world.store, "2027-01-23") == set()


def test_counts_and_whether_a_campaign_is_there(store: Store) -> None:
    assert not search.has_campaign(store)
    world = World(store)
    world.campaign()
    assert search.has_campaign(world.store)
    assert search.household_count(world.store) == 0
    world.households(3)
    assert search.household_count(world.store) == 3
