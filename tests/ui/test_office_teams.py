"""The office window's 慰问组与分派, driven as the clerk would: teams added from the form, the
unassigned households always counted (不漏户), rows given to a team by hand, then the rest by a
mode whose counts are previewed before anything is stored."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication

from app.services.campaign import setup
from app.services.rosters.importing import import_roster
from app.services.teams import assignment as teams
from app.store.db import Store
from app.ui.office.read_table import cells
from app.ui.office.teams_page import TeamsPage
from tests.builders import ACTOR, SAMPLE_CSV, confirm_all, fixture_path


def ime(widget: Any, text: str) -> None:
    """Chinese typed as an input method commits it (QTest types ASCII only)."""
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def assigned(store: Store) -> int:
    return store.conn.execute("SELECT count(*) FROM current_assignment").fetchone()[0]


@pytest.fixture
def page(qtbot: Any, tmp_path: Path) -> Iterator[TeamsPage]:
    """The sample roster's 56 households, all 确定, and no team yet."""
    store = Store(tmp_path / "office.db")
    setup.init_campaign(store, name="2027年春节送温暖", organizer="区总工会",
                        start=date(2027, 1, 20), end=date(2027, 1, 28), min_living="780",
                        actor=ACTOR)  # fmt: skip
    import_roster(store, fixture_path(SAMPLE_CSV), unit="单位A", skip_invalid=True, actor=ACTOR)
    confirm_all(store, ACTOR)
    p = TeamsPage(store)
    qtbot.addWidget(p)
    p.resize(1246, 700)
    p.show()
    yield p
    store.close()


def add_team(qtbot: Any, p: TeamsPage, code: str, name: str, leader: str) -> None:
    form = p.teams
    qtbot.keyClicks(form.code, code)
    ime(form.name, name)
    ime(form.leader, leader)
    qtbot.mouseClick(form.add_button, Qt.MouseButton.LeftButton)


def test_teams_are_added_and_households_assigned_by_hand_then_evenly(
    qtbot: Any, page: TeamsPage
) -> None:
    p, store = page, page.store
    assert p.banner.text() == "确定户中有56户未分组"
    assert p.plan.text() == "先新增慰问组" and not p.assign_button.isEnabled()
    add_team(qtbot, p, "T1", "第一组", "王一")
    add_team(qtbot, p, "T2", "第二组", "赵二")
    assert cells(p.teams.table, 0) == ["T1", "T2"]
    assert p.teams.message.text() == "已新增慰问组 T2"

    # two rows chosen with the mouse (Ctrl-click) go to T2
    left = p.left
    for row, modifier in ((0, Qt.KeyboardModifier.NoModifier),
                          (1, Qt.KeyboardModifier.ControlModifier)):  # fmt: skip
        rect = left.visualRect(left.model().index(row, 0))
        qtbot.mouseClick(left.viewport(), Qt.MouseButton.LeftButton, modifier, rect.center())
    p.team_choice.setCurrentIndex(1)
    qtbot.mouseClick(p.by_hand, Qt.MouseButton.LeftButton)
    assert p.message.text() == "已把2户分给 T2"
    assert p.banner.text() == "确定户中有54户未分组"

    # 平均分 is chosen; its counts are shown and nothing is stored until 分派
    assert p.plan.text() == "将分派：T1 +27 · T2 +27 · 仍未分组 0"
    assert assigned(store) == 2
    with qtbot.waitSignal(p.changed):
        qtbot.keyClick(p, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert p.banner.text() == "未分组 0 ✓"
    assert [n.households for n in teams.list_teams(store)] == [27, 29]


def test_by_street_without_areas_says_why_and_assigns_nothing(qtbot: Any, page: TeamsPage) -> None:
    add_team(qtbot, page, "T1", "第一组", "王一")
    street = page.modes[0]
    qtbot.mouseClick(street, Qt.MouseButton.LeftButton, pos=QPoint(8, street.height() // 2))
    assert street.isChecked()
    assert page.plan.text().startswith("按片区分派需要给慰问组填写片区")
    assert not page.assign_button.isEnabled()
    assert assigned(page.store) == 0
