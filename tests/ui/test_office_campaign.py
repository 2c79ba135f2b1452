"""The office window's 活动设置, driven as the clerk would: a campaign created on an empty
store, categories added, the budget live as a standard is typed (DESIGN.md's vector:
15×100 + 3×(100+50) + 2×(400+50) + 1×(200+50) + 180 = 3,280 元), a standard changed only with
a reason, other costs and a unit's quota and deadline kept as revisions."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QLineEdit

from app.services.campaign import revisions, setup, units
from app.services.campaign.budget import compute_budget
from app.services.rosters.importing import import_roster
from app.services.visits import plan
from app.store.db import Store
from app.ui.office.campaign_page import CampaignPage
from app.ui.office.read_table import cells
from tests.builders import ACTOR, make_id

VECTOR = [("A", "甲类", "100", "", 15), ("B", "乙类", "100", "50", 3),
          ("C", "丙类", "400", "50", 2), ("D", "丁类", "200", "50", 1)]  # fmt: skip


def ime(widget: Any, text: str) -> None:
    """Chinese typed as an input method commits it (QTest types ASCII only)."""
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def retype(qtbot: Any, edit: QLineEdit, text: str) -> None:
    edit.selectAll()
    qtbot.keyClick(edit, Qt.Key.Key_Delete)
    if text.isascii():
        qtbot.keyClicks(edit, text)
    else:
        ime(edit, text)


def click(qtbot: Any, button: Any) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_the_clerk_creates_the_campaign_on_an_empty_store(qtbot: Any, tmp_path: Path) -> None:
    store = Store(tmp_path / "office.db")
    p = CampaignPage(store)
    qtbot.addWidget(p)
    p.resize(1246, 700)
    p.show()
    assert p.facts.facts.text() == "还没有慰问活动：先填写下面的活动信息"
    assert not p.tabs.isEnabled()
    f = p.facts
    ime(f.name, "2027年春节送温暖")
    ime(f.organizer, "区总工会")
    f.start.setDate(QDate(2027, 1, 20))
    f.end.setDate(QDate(2027, 1, 28))
    qtbot.keyClicks(f.min_living, "780")
    click(qtbot, f.create_button)
    assert f.facts.text().startswith("2027年春节送温暖 · 区总工会 · 走访2027-01-20至2027-01-28")
    assert p.tabs.isEnabled()
    store.close()


@pytest.fixture
def page(qtbot: Any, tmp_path: Path) -> Iterator[CampaignPage]:
    """A campaign and 21 households naming the vector's four categories, not yet added."""
    store = Store(tmp_path / "office.db")
    setup.init_campaign(store, name="2027年春节送温暖", organizer="区总工会",
                        start=date(2027, 1, 20), end=date(2027, 1, 28), min_living="780",
                        actor=ACTOR)  # fmt: skip
    lines = ["姓名,身份证号,慰问类别"]
    n = 0
    for _code, name, _cash, _goods, count in VECTOR:
        for _ in range(count):
            digits = "".join("甲乙丙丁戊己庚辛壬癸"[int(d)] for d in str(n))
            lines.append(f"户{digits},{make_id(f'11010519600101{n:03d}')},{name}")
            n += 1
    roster = tmp_path / "r.csv"
    roster.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert import_roster(store, roster, unit="单位A").imported == 21
    p = CampaignPage(store)
    qtbot.addWidget(p)
    p.resize(1246, 700)
    p.show()
    yield p
    store.close()


def test_the_budget_follows_the_categories_and_a_standard_as_it_is_typed(
    qtbot: Any, page: CampaignPage
) -> None:
    p, store = page, page.store
    c = p.categories
    for code, name, cash, goods_value, _count in VECTOR:
        retype(qtbot, c.code, code)
        retype(qtbot, c.name, name)
        retype(qtbot, c.cash, cash)
        retype(qtbot, c.goods, "米面油" if goods_value else "")
        retype(qtbot, c.goods_value, goods_value)
        click(qtbot, c.add_button)
    assert cells(c.table, 6) == ["15", "3", "2", "1"]
    assert c.total.text() == "合计 21户 · ¥3,100.00（类别 ¥3,100.00 + 其他费用 ¥0.00）"

    p.tabs.setCurrentWidget(p.costs)
    ime(p.costs.name, "交通费")
    qtbot.keyClicks(p.costs.amount, "180")
    click(qtbot, p.costs.add_button)
    assert c.total.text() == "合计 21户 · ¥3,280.00（类别 ¥3,100.00 + 其他费用 ¥180.00）"
    assert compute_budget(store).total_fen == 328_000

    # typing a standard shows what the budget would be; nothing is saved without a reason
    p.tabs.setCurrentWidget(c)
    c.table.selectRow(0)
    assert c.code.text() == "A"
    retype(qtbot, c.cash, "120")
    assert c.what_if.text() == "按此标准：¥3,580.00（+¥300.00）"
    click(qtbot, c.save_button)
    assert c.message.text() == "修改慰问类别 A 的标准需要写明原因"
    assert compute_budget(store).total_fen == 328_000
    ime(c.reason, "市总工会提高标准")
    click(qtbot, c.save_button)
    assert compute_budget(store).total_fen == 358_000
    assert c.total.text().startswith("合计 21户 · ¥3,580.00")
    [change] = revisions.standard_changes(store)
    assert (change.before[0], change.after[0]) == (10_000, 12_000)
    assert change.reason == "市总工会提高标准"


def test_a_units_quota_and_deadline_are_kept(qtbot: Any, page: CampaignPage) -> None:
    p, store = page, page.store
    p.tabs.setCurrentWidget(p.units)
    p.units.table.selectRow(0)
    p.units.quota.setValue(20)
    p.units.has_deadline.setChecked(True)
    p.units.deadline.setDate(QDate(2026, 12, 31))
    click(qtbot, p.units.save_button)
    [unit] = units.list_units(store)
    assert (unit.name, unit.quota, unit.deadline) == ("单位A", 20, date(2026, 12, 31))
    assert cells(p.units.table, 2) == ["20"]

    # the district visits at home, the phone must reach the person; 单位A by phone
    p.units.default_mode.setCurrentIndex(p.units.default_mode.findData("home"))
    p.units.must_reach.setChecked(True)
    click(qtbot, p.units.plan_button)
    p.units.table.selectRow(0)
    p.units.mode.setCurrentIndex(p.units.mode.findData("phone"))
    click(qtbot, p.units.save_button)
    current = plan.visit_plan(store)
    assert (current.default_mode, current.phone_must_reach) == ("home", True)
    assert [(u.name, u.mode) for u in current.units] == [("单位A", "phone")]
    assert cells(p.units.table, 7) == ["电话"]
