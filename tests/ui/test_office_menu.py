"""The office window's 报表 menu, clicked as the clerk would: each document opens the reports
page with that document chosen, for the households page's filter and its current household."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMenu

from app.services.demo.campaign import make_demo
from app.services.households.office import office_detail
from app.store.db import Store
from app.ui.office.households import HouseholdsPage
from app.ui.office.reports_page import ReportsPage
from app.ui.office.window import OfficeWindow


@pytest.fixture
def window(qtbot: Any, tmp_path: Path) -> Iterator[OfficeWindow]:
    store = Store(tmp_path / "office.db")
    make_demo(store, households=30, seed=3)
    w = OfficeWindow(store, tmp_path / "office.db")
    qtbot.addWidget(w)
    w.resize(1366, 768)
    w.show()
    qtbot.waitExposed(w)
    yield w
    for widget in QApplication.topLevelWidgets():
        widget.close()
    store.close()


def click_report(qtbot: Any, window: OfficeWindow, text: str) -> None:
    """报表(&R) clicked on the menu bar, then the entry clicked in the menu that opened."""
    bar = window.menuBar()
    [menu_action] = [a for a in bar.actions() if a.text() == "报表(&R)"]
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.actionGeometry(menu_action).center())
    menu = menu_action.menu()
    assert isinstance(menu, QMenu)
    qtbot.waitUntil(menu.isVisible, timeout=3000)
    [entry] = [a for a in menu.actions() if a.text() == text]
    qtbot.mouseClick(menu, Qt.MouseButton.LeftButton, pos=menu.actionGeometry(entry).center())
    qtbot.waitUntil(lambda: not menu.isVisible(), timeout=3000)


def test_the_menu_lists_the_documents_and_the_audit_not_the_pages(window: OfficeWindow) -> None:
    entries = [a.text() for a in window.reports.actions()]
    assert entries == ["慰问信…", "签收表…", "走访日志…", "困难职工档案表…", "公示名单…",
                       "汇总表…", "", "审计：钱款核对…"]  # fmt: skip


def test_a_document_opens_for_the_households_filter_and_the_audit_opens_too(
    qtbot: Any, window: OfficeWindow
) -> None:  # fmt: skip
    households = window.page(0)
    assert isinstance(households, HouseholdsPage)
    households.set_filter("unit", "演示单位", True)
    qtbot.waitUntil(lambda: households.model.rowCount() > 0, timeout=5000)
    households.table.setCurrentIndex(households.model.index(0, 0))
    hid = households.current_id()
    assert hid is not None

    click_report(qtbot, window, "公示名单…")
    page = window.stack.currentWidget()
    assert isinstance(page, ReportsPage)
    assert window.where.text() == "报表"
    assert page.kinds.currentItem().text() == "公示名单"
    assert page.unit.currentText() == "演示单位"
    assert page.team.currentText() == "（全部）"

    click_report(qtbot, window, "困难职工档案表…")
    assert page.kinds.currentItem().text() == "困难职工档案表"
    detail = office_detail(window.store, hid)
    assert detail is not None
    assert page.household.text() == detail.detail.household.id_number  # the current household

    click_report(qtbot, window, "审计：钱款核对…")
    assert page.kinds.currentItem().text() == "审计：钱款核对"
    assert page.make_button.text() == "核对(&P)"
    assert page.audit.isVisible()
