"""Budget lines that change (issue 16, item 5): other costs and categories' standards are kept as
revisions with their reasons, the 汇总表 counts the budget as ``budget`` does, and a standard
changed after the bundles went out reaches the team with its next bundle while visits already
paid keep their amounts (and are not flagged off the standard)."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from app.domain.errors import Conflict, InvalidInput, NotFound
from app.domain.events import record_fields
from app.domain.id_number import check_digit
from app.domain.visits import Handover, Outcome, VisitInput, VisitMode
from app.services.bundles import exchange as bundles
from app.services.campaign import revisions
from app.services.campaign import setup as campaigns
from app.services.campaign.budget import compute_budget
from app.services.infra.context import Actor
from app.services.oversight.flags import campaign_flags
from app.services.printing.summary import build_summary, print_summary
from app.services.rosters.importing import import_roster
from app.services.visits import recording as visits
from app.store.db import Store
from tests.bundle_world import ACTOR, DAY, TEAM_ACTOR, World, export, merge, team_households
from tests.documents.pdftext import flat

CLERK = Actor(user="clerk")
pytestmark = pytest.mark.usefixtures("cheap_scrypt")


@pytest.fixture
def campaign(tmp_path: Path) -> Iterator[Store]:
    store = Store(tmp_path / "wv.db")
    campaigns.init_campaign(
        store, name="2027年春节送温暖", organizer="区总工会", start=date(2027, 1, 20),
        end=date(2027, 1, 28), min_living="780", actor=CLERK,
    )  # fmt: skip
    yield store
    store.close()


def test_a_cost_entered_twice_is_refused_and_a_correction_keeps_the_old_figure(
    campaign: Store,
) -> None:
    revisions.add_cost(campaign, name="工作餐", amount="180", actor=CLERK)
    with pytest.raises(Conflict) as twice:
        revisions.add_cost(campaign, name=" 工作餐 ", amount="180", actor=CLERK)
    assert (twice.value.key, twice.value.params) == ("cost.exists", {"name": "工作餐"})
    assert compute_budget(campaign).other_costs_fen == 18000

    with pytest.raises(InvalidInput) as no_reason:
        revisions.set_cost(campaign, name="工作餐", amount="150", actor=CLERK)
    assert no_reason.value.key == "cost.reason_missing"
    revisions.set_cost(campaign, name="工作餐", amount="150", reason="按实际人数", actor=CLERK)
    revisions.set_cost(campaign, name="工作餐", actual="142.5", reason="发票已到", actor=CLERK)
    revisions.add_cost(campaign, name="燃油", amount="60", actor=CLERK)
    assert [(c.name, c.amount_fen, c.actual_fen) for c in revisions.list_costs(campaign)] == [
        ("工作餐", 15000, 14250), ("燃油", 6000, None),
    ]  # fmt: skip
    assert compute_budget(campaign).other_costs_fen == 21000

    revisions.remove_cost(campaign, name="燃油", reason="用单位车辆", actor=CLERK)
    assert compute_budget(campaign).other_costs_fen == 15000
    with pytest.raises(NotFound):
        revisions.remove_cost(campaign, name="燃油", reason="again", actor=CLERK)
    history = revisions.cost_history(campaign)
    assert [(r.name, r.amount_fen, r.actual_fen, r.removed, r.reason) for r in history] == [
        ("工作餐", 18000, None, False, ""),
        ("工作餐", 15000, None, False, "按实际人数"),
        ("工作餐", 15000, 14250, False, "发票已到"),
        ("燃油", 6000, None, False, ""),
        ("燃油", 6000, None, True, "用单位车辆"),
    ]  # fmt: skip
    # a line removed can be added again, and is a new line
    revisions.add_cost(campaign, name="燃油", amount="20", actor=CLERK)
    assert compute_budget(campaign).other_costs_fen == 17000


def test_the_summary_counts_the_budget_as_budget_does(campaign: Store, tmp_path: Path) -> None:
    """The seed's vector: 15×100 + 3×(100+50) + 2×(400+50) + 1×(200+50) + 180 = 3,280 元."""
    for code, name, cash, goods_value in (
        ("A", "困难职工", "100", None), ("B", "单亲家庭", "100", "50"),
        ("C", "重大疾病", "400", "50"), ("D", "意外致困", "200", "50"),
    ):  # fmt: skip
        campaigns.add_category(campaign, code=code, name=name, cash=cash,
                               goods="大米" if goods_value else "", goods_value=goods_value,
                               actor=CLERK)  # fmt: skip
    rows, i = [], 0
    for code, n in (("A", 15), ("B", 3), ("C", 2), ("D", 1)):
        for _ in range(n):
            first17 = f"12011619700101{i * 2 + 1:03d}"
            rows.append(["张三", first17 + check_digit(first17), code])
            i += 1
    roster = tmp_path / "r.csv"
    with open(roster, "w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows([["姓名", "身份证号", "慰问类别"], *rows])
    assert import_roster(campaign, roster, unit="甲单位", actor=CLERK).imported == 21
    revisions.add_cost(campaign, name="工作餐", amount="180", actor=CLERK)
    summary = build_summary(campaign, "category", date(2027, 1, 29))
    assert compute_budget(campaign).total_fen == summary.budget_fen == 328000
    revisions.set_cost(campaign, name="工作餐", actual="175", reason="发票", actor=CLERK)
    summary = build_summary(campaign, "category", date(2027, 1, 29))
    assert [(c.name, c.amount_fen, c.actual_fen) for c in summary.other_costs] == [
        ("工作餐", 18000, 17500)
    ]
    assert summary.spent_fen == 17500  # nothing handed out yet

    pdf = print_summary(campaign, tmp_path / "汇总表.pdf", actor=CLERK).path
    printed = flat(pdf)
    assert "其他费用" in printed and "工作餐" in printed and "¥175.00" in printed
    assert "预算合计（含其他费用）¥3,280.00，已支出合计¥175.00，结余¥3,105.00" in printed
    book = load_workbook(print_summary(campaign, tmp_path / "汇总表.xlsx", actor=CLERK).path)
    cells = [c for row in book.active.iter_rows(values_only=True) for c in row if c is not None]
    assert "工作餐" in cells and 180 in cells and 175 in cells


def test_a_standard_change_needs_a_reason_and_keeps_what_it_was(campaign: Store) -> None:
    campaigns.add_category(campaign, code="A", name="困难职工", cash="100", actor=CLERK)
    with pytest.raises(InvalidInput) as no_reason:
        revisions.change_standard(campaign, code="A", cash="200", reason=" ", actor=CLERK)
    assert no_reason.value.key == "category.reason_missing"
    with pytest.raises(InvalidInput) as same:
        revisions.change_standard(campaign, code="A", cash="100", reason="x", actor=CLERK)
    assert same.value.key == "category.unchanged"
    with pytest.raises(NotFound):
        revisions.change_standard(campaign, code="Z", cash="1", reason="x", actor=CLERK)
    change = revisions.change_standard(
        campaign,
        code="困难职工",
        cash="200",
        goods="大米",
        goods_value="50",
        reason="区里追加",
        actor=CLERK,
    )
    assert (change.before, change.after) == ((10000, "", 0), (20000, "大米", 5000))
    [category] = campaigns.list_categories(campaign)
    assert (category.cash_fen, category.goods, category.goods_fen) == (20000, "大米", 5000)
    assert [(c.code, c.before, c.after, c.reason, c.by)
            for c in revisions.standard_changes(campaign)] == [
        ("A", (10000, "", 0), (20000, "大米", 5000), "区里追加", "clerk")
    ]  # fmt: skip


def test_a_changed_standard_reaches_the_team_and_visits_already_paid_keep_theirs(
    world: World,
) -> None:
    mine = team_households(world.t1, "T1")
    before = next(h for h in mine if h["category"] == "KN")
    after = next(h for h in mine if h["category"] == "KN" and h["id"] != before["id"])
    paid = visits_pay(world.t1, before, 100_000)
    first = export(world, world.t1)

    revisions.change_standard(world.central, code="KN", cash="1200", reason="追加慰问金",
                              actor=ACTOR)  # fmt: skip
    assert merge(world.central, first).outcome == "applied"
    # paid at the standard it had then: not off the standard
    assert [f for f in campaign_flags(world.central) if f.kind == "off_standard"] == []

    newer = bundles.export_assignment(world.central, "T1", world.stick("central"), actor=ACTOR)
    applied = bundles.import_bundle(world.t1, newer.file, credential=world.template.t1_credential,
                                    actor=TEAM_ACTOR)  # fmt: skip
    assert applied.outcome == "applied"
    [kn] = [c for c in campaigns.list_categories(world.t1) if c.code == "KN"]
    assert kn.cash_fen == 120_000
    visits_pay(world.t1, after, 120_000)
    assert merge(world.central, export(world, world.t1)).outcome == "applied"
    assert [f for f in campaign_flags(world.central) if f.kind == "off_standard"] == []
    # what was paid stays what was paid
    live = visits.live_state(world.central, before["id"])
    assert record_fields(live[paid.disbursement_ids[0]])["cash_fen"] == 100_000
    cash = {h: sum(record_fields(r)["cash_fen"] for r in visits.live_state(
        world.central, h).values() if r.kind == "disbursement" and not r.voided)
        for h in (before["id"], after["id"])}  # fmt: skip
    assert cash == {before["id"]: 100_000, after["id"]: 120_000}
    # a payment that is neither the standard nor one it had is off it
    other = next(h for h in mine if h["category"] == "KN" and h["id"] not in cash)
    visits_pay(world.t1, other, 110_000, reason="家属代领，少发")
    assert merge(world.central, export(world, world.t1)).outcome == "applied"
    assert [f.household_id for f in campaign_flags(world.central)
            if f.kind == "off_standard"] == [other["id"]]  # fmt: skip


def visits_pay(
    store: Store, household: dict[str, Any], cash_fen: int, reason: str = ""
) -> visits.RecordedVisit:
    return visits.record_visit(
        store,
        VisitInput(household_id=household["id"], day=DAY, mode=VisitMode.HOME,
                   outcome=Outcome.VISITED, visitors=("王一", "李二"),
                   handovers=(Handover("KN", cash_fen=cash_fen, off_standard_reason=reason),)),
        actor=TEAM_ACTOR,
    )  # fmt: skip
