"""The team window's place and its columns as a team leader walked them (issue 18): maximised
on a small screen and as it was left afterwards, columns that fit at 100 % and 125 % on
1366×768 without sideways scrolling, the same 计划日期 in the list and the card."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from app.store.db import Store
from app.ui.household_model import HouseholdTable, fit_columns
from app.ui.main_window import MainWindow
from app.ui.window_state import place


def opened(qtbot, store: Store) -> MainWindow:  # noqa: ANN001
    window = MainWindow(store, store.path)
    qtbot.addWidget(window)
    window.remember_state = True
    place(window, store.path)
    qtbot.waitExposed(window)
    return window


def test_opens_maximised_on_a_small_screen_then_as_it_was_left(
    qtbot, window: MainWindow, store: Store  # noqa: ANN001
) -> None:  # fmt: skip
    screen = QApplication.primaryScreen().availableGeometry()
    assert screen.width() < 1600  # the test screen is a small one (offscreen: 800×600)
    first = opened(qtbot, store)
    assert first.isMaximized()
    first.showNormal()
    first.resize(700, 500)  # or its least size, with the fonts of the run
    qtbot.waitUntil(lambda: not first.isMaximized())
    left = first.size()
    first.close()
    again = opened(qtbot, store)
    assert not again.isMaximized() and again.size() == left
    again.showMaximized()
    qtbot.waitUntil(again.isMaximized)
    again.close()
    assert opened(qtbot, store).isMaximized()
    assert (Path(store.path).parent / "warmvisit-window.ini").exists()


@pytest.mark.parametrize("size", [(1366, 728), (1093, 580)])  # 100 % and 125 % of 1366×768
def test_columns_fit_without_sideways_scrolling(qtbot, window: MainWindow, size) -> None:  # noqa: ANN001
    window.search.clear()
    qtbot.waitUntil(lambda: window.model.rowCount() == 4)
    window.resize(*size)
    window.show()
    qtbot.waitExposed(window)
    fit_columns(window.table)
    QApplication.processEvents()
    header = window.table.horizontalHeader()
    assert header.length() <= window.table.viewport().width()
    assert not window.table.horizontalScrollBar().isVisible()
    metrics = window.table.fontMetrics()
    for column, texts in window.model.longest_texts().items():
        assert header.sectionSize(column) >= max(metrics.horizontalAdvance(x) for x in texts)


def test_the_card_shows_the_planned_date_of_the_list(qtbot, window: MainWindow) -> None:  # noqa: ANN001
    window.search.clear()
    qtbot.waitUntil(lambda: window.model.rowCount() == 4)
    window.start_visit(0)
    page = window.visit_page
    qtbot.mouseClick(page.groups["outcome"].button(2), Qt.MouseButton.LeftButton)  # 不在家
    page.texts["attemptedAt"].setText("10:30")
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    model = window.model
    row = next(r for r in range(4) if model.data(model.index(r, HouseholdTable.PLANNED)) != "-")
    planned = model.data(model.index(row, HouseholdTable.PLANNED))
    window.table.selectRow(row)
    qtbot.waitUntil(lambda: f"计划日期：{planned}" in window.detail.toPlainText())
