"""The team window's list as a team leader walked it (issue 18): keys from the search box,
Tab order, the draft mark and the order of the list."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from app.services.infra.context import Actor
from app.services.visits.drafts import save_draft
from app.store.db import Store
from app.ui.household_model import HouseholdTable
from app.ui.main_window import MainWindow


def names(window: MainWindow) -> list[str]:
    model = window.model
    return [model.data(model.index(r, HouseholdTable.NAME)) for r in range(model.rowCount())]


def test_arrows_and_enter_in_the_search_box_move_and_open(qtbot, window: MainWindow) -> None:  # noqa: ANN001
    window.show()
    window.search.clear()
    qtbot.waitUntil(lambda: window.model.rowCount() == 4)
    window.focus_search()
    assert window.table.currentIndex().row() == 0
    qtbot.keyClick(window.search, Qt.Key.Key_Down)
    qtbot.keyClick(window.search, Qt.Key.Key_Down)
    assert window.table.currentIndex().row() == 2
    qtbot.keyClick(window.search, Qt.Key.Key_Up)
    assert window.table.currentIndex().row() == 1
    assert QApplication.focusWidget() is window.search  # the box keeps the keys
    expected = names(window)[1]
    qtbot.keyClick(window.search, Qt.Key.Key_Return)
    assert window.pages.currentWidget() is window.visit_page
    assert window.visit_page.household.name == expected


def test_typing_then_enter_opens_the_household_found(qtbot, window: MainWindow) -> None:  # noqa: ANN001
    window.show()
    window.search.clear()
    qtbot.waitUntil(lambda: window.model.rowCount() == 4)
    window.focus_search()
    qtbot.keyClicks(window.search, "ls")  # pinyin initials of 李四
    qtbot.keyClick(window.search, Qt.Key.Key_Enter)  # at once, before the list's 120 ms
    assert window.visit_page.household.name == "李四"


def test_tab_goes_from_the_box_to_the_list_and_then_leaves_it(qtbot, window: MainWindow) -> None:  # noqa: ANN001
    window.show()
    window.focus_search()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.search)
    qtbot.keyClick(window.search, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is window.table
    qtbot.keyClick(window.table, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is not window.table  # not cell by cell


def test_a_household_with_a_draft_shows_draft(qtbot, store: Store, window: MainWindow) -> None:  # noqa: ANN001
    window.search.clear()
    qtbot.waitUntil(lambda: window.model.rowCount() == 4)
    household = window.model.household_id(2)
    save_draft(store, household, {"outcome": "visited"})
    window.refresh_statuses()
    row = [window.model.household_id(r) for r in range(4)].index(household)
    assert window.model.data(window.model.index(row, HouseholdTable.STATUS)) == "✎草稿"


def test_not_at_home_sorts_above_signed_below_unvisited(qtbot, window: MainWindow) -> None:  # noqa: ANN001
    window.search.clear()
    qtbot.waitUntil(lambda: window.model.rowCount() == 4)
    first, second = names(window)[:2]
    window.start_visit(0)  # first: not at home
    page = window.visit_page
    qtbot.mouseClick(page.groups["outcome"].button(2), Qt.MouseButton.LeftButton)
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    row = names(window).index(second)
    window.start_visit(row)  # second: refused, a finished visit
    qtbot.mouseClick(page.groups["outcome"].button(3), Qt.MouseButton.LeftButton)
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    order = names(window)
    assert order.index(first) == 2 and order.index(second) == 3  # unvisited, revisit, done
    status = window.model.data(window.model.index(2, HouseholdTable.STATUS))
    assert status == "✕不在家"


def test_only_the_newest_draft_is_offered_at_start(qtbot, store: Store, window: MainWindow) -> None:  # noqa: ANN001
    window.search.clear()
    qtbot.waitUntil(lambda: window.model.rowCount() == 4)
    older, newer = window.model.household_id(0), window.model.household_id(1)
    save_draft(store, older, {"opinions": "a"},
               actor=Actor(clock=lambda: datetime(2027, 1, 21, 9, 0, tzinfo=UTC)))  # fmt: skip
    save_draft(store, newer, {"opinions": "b"},
               actor=Actor(clock=lambda: datetime(2027, 1, 21, 10, 0, tzinfo=UTC)))  # fmt: skip
    window.offer_drafts()
    box = window.draft_prompt
    assert box.text().startswith(f"上次有未完成的走访：{names(window)[1]}（1月21日 10:00）")
    qtbot.mouseClick(box.defaultButton(), Qt.MouseButton.LeftButton)  # 继续
    assert window.visit_page.household.id == newer
    assert window.visit_page.values()["opinions"] == "b"
