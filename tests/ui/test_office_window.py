"""The central office's window: the store decides which window opens, the page list by key
and by click, a page's change refreshes the others, and the dashboard's figures and chart."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from app.services.demo.campaign import make_demo
from app.services.oversight.progress import compute_progress
from app.store.db import Store
from app.ui.app import open_window
from app.ui.main_window import MainWindow
from app.ui.office.dashboard import DashboardPage
from app.ui.office.households import HouseholdsPage
from app.ui.office.window import OfficeWindow
from tests.bundle_world import World


@pytest.fixture
def office(tmp_path: Path) -> Iterator[Store]:
    """A campaign of 120 made-up households as the office imported them (申报)."""
    store = Store(tmp_path / "office.db")
    make_demo(store, households=120, seed=3)
    yield store
    for widget in QApplication.topLevelWidgets():  # the windows close before their store
        widget.close()
    store.close()


def office_window(qtbot, store: Store) -> OfficeWindow:  # noqa: ANN001
    window = OfficeWindow(store, store.path)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    window.activateWindow()  # shortcuts reach the active window
    qtbot.waitActive(window)
    return window


def test_gui_opens_the_office_window_on_the_office_store_and_the_team_window_on_a_laptop(
    qtbot, world: World, office: Store  # noqa: ANN001
) -> None:  # fmt: skip
    for store, kind in ((office, OfficeWindow), (world.central, OfficeWindow),
                        (world.t1, MainWindow)):  # fmt: skip
        path = store.path
        assert path is not None
        _app, own, window = open_window(path)
        qtbot.addWidget(window)
        assert isinstance(window, kind), path
        window.close()
        own.close()


def test_pages_by_ctrl_number_and_by_click_and_the_title_names_campaign_and_version(
    qtbot, office: Store  # noqa: ANN001
) -> None:  # fmt: skip
    window = office_window(qtbot, office)
    assert "2027年元旦春节送温暖" in window.windowTitle() and "0.1.0" in window.windowTitle()
    assert isinstance(window.stack.currentWidget(), HouseholdsPage)
    QTest.keyClick(window.windowHandle(), Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert isinstance(window.stack.currentWidget(), DashboardPage)
    first = window.rail.visualItemRect(window.rail.item(0)).center()
    qtbot.mouseClick(window.rail.viewport(), Qt.MouseButton.LeftButton, pos=first)
    assert isinstance(window.stack.currentWidget(), HouseholdsPage)
    assert window.where.text() == "慰问对象"
    assert [a.text() for a in window.menuBar().actions()] == ["文件(&F)", "报表(&R)", "帮助(&H)"]


def test_a_change_on_one_page_refreshes_the_others(qtbot, office: Store) -> None:  # noqa: ANN001
    window = office_window(qtbot, office)
    dashboard = window.page(1)
    assert isinstance(dashboard, DashboardPage)
    qtbot.waitUntil(lambda: dashboard.figures is not None, timeout=5000)
    before = dashboard.figures
    households = window.page(0)
    households.changed.emit()
    qtbot.waitUntil(lambda: dashboard.figures is not before, timeout=5000)


def test_dashboard_shows_the_progress_figures_and_paints_its_chart(
    qtbot, world: World  # noqa: ANN001
) -> None:  # fmt: skip
    window = office_window(qtbot, world.central)
    QTest.keyClick(window.windowHandle(), Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    page = window.current_page()
    assert isinstance(page, DashboardPage)
    qtbot.waitUntil(lambda: page.figures is not None, timeout=5000)
    teams, open_flags = compute_progress(world.central)
    assert page.table.rowCount() == len(teams)
    for row, team in enumerate(teams):
        assert page.table.item(row, 0).text().startswith(team.code)
        assert page.table.item(row, 1).text() == f"{team.assigned:,}"
    assert f"{open_flags:,}" in page.cards[2].text()
    assigned = sum(t.assigned for t in teams)
    assert f"/ {assigned:,}" in page.cards[0].text()
    image = page.teams_chart.grab().toImage()
    colours = {image.pixelColor(x, y).name() for x in range(0, image.width(), 7)
               for y in range(0, image.height(), 7)}  # fmt: skip
    assert QColor("#d9dde2").name() in colours  # the not-yet-visited bars are drawn
    assert page.teams_chart.labels == tuple(t.code for t in teams)
