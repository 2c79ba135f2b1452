"""Campaign settings: the campaign, categories in the order added, costs, units and deadlines."""

from __future__ import annotations

from datetime import date

from app.domain.campaign import new_id
from app.store import campaigns
from app.store.db import Store
from tests.store.builders import World


def test_no_campaign_in_a_new_store(store: Store) -> None:
    assert campaigns.get_campaign(store) is None


def test_the_campaign_reads_back_with_its_thresholds(world: World) -> None:
    campaign = campaigns.get_campaign(world.store)
    assert campaign is not None
    assert (campaign.id, campaign.name, campaign.organizer) == (
        world.campaign_id,
        "2027年春节送温暖",
        "区总工会",
    )
    assert (campaign.start, campaign.end) == (date(2027, 1, 20), date(2027, 1, 28))
    t = campaign.thresholds  # the schema's defaults: 150 %, 200 %, 300 %, 20,000 元
    assert (t.min_living_fen, t.rule1_pct, t.rule2_pct, t.rule3_pct, t.hardship_cost_fen) == (
        78000,
        150,
        200,
        300,
        2_000_000,
    )


def test_the_first_campaign_made_is_the_one_a_file_holds(store: Store) -> None:
    later, first = World(store), World(store)
    later.campaign(name="后建", created_at="2027-01-02T00:00+08:00")
    first.campaign(name="先建", created_at="2027-01-01T00:00+08:00")
    campaign = campaigns.get_campaign(store)
    assert campaign is not None and campaign.name == "先建"


def test_categories_keep_the_order_they_were_added_in(world: World) -> None:
    world.category("Z", "最后一类", 100)
    world.category("A", "困难职工", 50000, "米面油", 10000)
    world.category("M", "中间", 300)
    other = World(world.store)
    other.campaign()
    other.category("A", "别的活动", 1)  # another campaign may reuse a code
    listed = campaigns.list_categories(world.store, world.campaign_id)
    assert [c.code for c in listed] == ["Z", "A", "M"]
    assert (listed[1].name, listed[1].cash_fen, listed[1].goods, listed[1].goods_fen) == (
        "困难职工",
        50000,
        "米面油",
        10000,
    )
    assert listed[1].standard_fen == 60000
    assert [c.name for c in campaigns.list_categories(world.store, other.campaign_id)] == [
        "别的活动"
    ]


def test_a_category_links_households_that_named_it_and_have_none(world: World) -> None:
    by_name = world.household("甲", category_label="困难职工")
    by_code = world.household("乙", category_label="a")  # the code, in any case
    other = world.household("丙", category_label="退休职工")
    kept = world.category("K", "已有", 1)
    has_one = world.household("丁", category_label="困难职工", category_id=kept.id)
    category = world.category("A", "困难职工", 50000)
    with world.store.transaction():
        linked = campaigns.link_households_to_category(world.store, world.campaign_id, category)
    assert linked == 2
    rows = {r["id"]: r["category_id"] for r in world.store.query("SELECT * FROM household")}
    assert rows == {by_name: category.id, by_code: category.id, other: None, has_one: kept.id}


def test_costs_list_in_the_order_recorded(world: World) -> None:
    for name, fen, at in (
        ("交通费", 18000, "2027-01-02"),
        ("餐费", 5000, "2027-01-01"),
        ("印刷费", 2000, "2027-01-02"),
    ):
        campaigns.insert_cost(
            world.store,
            {
                "id": new_id(),
                "campaign_id": world.campaign_id,
                "name": name,
                "amount_fen": fen,
                "created_at": at,
                "created_by": "王会计",
            },
        )
    costs = campaigns.list_costs(world.store, world.campaign_id)
    assert [(c.name, c.amount_fen) for c in costs] == [
        ("餐费", 5000),
        ("交通费", 18000),
        ("印刷费", 2000),
    ]


def _deadline(world: World, unit: str, deadline: str | None) -> None:
    with world.store.transaction():
        campaigns.save_unit(
            world.store,
            {"id": new_id(), "revision_id": new_id(), "campaign_id": world.campaign_id,
             "name": unit, "kind": None, "quota": None, "deadline": deadline,
             "changed_at": "2026-12-01T09:00:00+08:00", "changed_by": "clerk"},
        )  # fmt: skip


def test_a_unit_deadline_is_set_then_changed_in_place(world: World) -> None:
    _deadline(world, "单位甲", "2027-01-10")
    _deadline(world, "单位甲", "2027-01-12")
    assert campaigns.unit_deadline(world.store, world.campaign_id, "单位甲") == date(2027, 1, 12)
    assert world.store.conn.execute("SELECT count(*) FROM unit").fetchone()[0] == 1
    revisions = world.store.conn.execute("SELECT deadline FROM unit_revision ORDER BY rowid")
    assert [r[0] for r in revisions] == ["2027-01-10", "2027-01-12"]  # each setting kept
    _deadline(world, "单位乙", None)
    assert campaigns.unit_deadline(world.store, world.campaign_id, "单位乙") is None
    assert campaigns.unit_deadline(world.store, world.campaign_id, "没有的单位") is None


def test_units_are_those_with_a_deadline_or_households_with_counts(world: World) -> None:
    _deadline(world, "乙单位", "2027-01-10")
    _deadline(world, "丙单位", None)
    for unit in ("甲单位", "甲单位", "乙单位"):
        world.household(unit=unit)
    units = campaigns.list_units(world.store, world.campaign_id)
    assert units == sorted(units, key=lambda u: str(u["name"]))
    assert {u["name"]: (u["deadline"], u["households"]) for u in units} == {
        "甲单位": (None, 2),
        "乙单位": ("2027-01-10", 1),
        "丙单位": (None, 0),
    }
