"""The window lists wt-officeB's pages and opens each by Ctrl+number; each fits the space a
1366×768 screen at 125 % leaves it (≈1093×558 logical, less the page list and the window's
bars) and has its name in Chinese and in English."""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from app.services.campaign import setup
from app.store.db import Store
from app.ui.lang import set_language
from app.ui.office.page import OfficePage
from app.ui.office.window import OfficeWindow
from tests.builders import ACTOR

PAGES = {
    "rosters_page:RostersPage": ("名单导入", "Rosters"),
    "bundles_page:BundlesPage": ("回传包", "Result bundles"),
    "flags_page:FlagsPage": ("问题清单", "Flags"),
    "campaign_page:CampaignPage": ("活动设置", "Campaign"),
    "teams_page:TeamsPage": ("慰问组与分派", "Teams"),
    "transfers_page:TransfersPage": ("转账", "Transfers"),
    "reports_page:ReportsPage": ("报表", "Reports"),
    "history_page:HistoryPage": ("户的历史", "Household history"),
}
ROOM = (1093 - 130, 558 - 40)  # less the page list and the title and status bars


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    s = Store(tmp_path / "office.db")
    setup.init_campaign(s, name="2027年春节送温暖", organizer="区总工会", start=date(2027, 1, 20),
                        end=date(2027, 1, 28), min_living="780", actor=ACTOR)  # fmt: skip
    yield s
    s.close()


def build(qtbot: Any, store: Store, where: str) -> OfficePage:
    module, name = where.split(":")
    page = getattr(importlib.import_module(f"app.ui.office.{module}"), name)(store)
    qtbot.addWidget(page)
    qtbot.waitUntil(lambda: getattr(page, "job", None) is None, timeout=10000)
    return page


@pytest.mark.parametrize("where", list(PAGES))
def test_the_page_fits_125_percent_and_is_named_in_both_languages(
    qtbot: Any, store: Store, where: str
) -> None:
    page = build(qtbot, store, where)
    hint = page.minimumSizeHint()
    assert hint.width() <= ROOM[0] and hint.height() <= ROOM[1]
    assert page.title() == PAGES[where][0]
    set_language("en")
    try:
        assert build(qtbot, store, where).title() == PAGES[where][1]
    finally:
        set_language("zh")


def test_the_window_lists_these_pages_and_opens_each_by_ctrl_number(
    qtbot: Any, store: Store
) -> None:
    assert store.path is not None
    window = OfficeWindow(store, store.path)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    window.activateWindow()
    qtbot.waitActive(window)
    names = [name for name, _english in PAGES.values()]
    assert window.names[2:] == [names[i] for i in (3, 0, 4, 1, 2, 5, 6, 7)]
    for i in range(2, len(window.names)):
        key = getattr(Qt.Key, f"Key_{(i + 1) % 10}")
        QTest.keyClick(window.windowHandle(), key, Qt.KeyboardModifier.ControlModifier)
        page = window.stack.currentWidget()
        assert isinstance(page, OfficePage) and page.title() == window.names[i]
        qtbot.waitUntil(lambda p=page: getattr(p, "job", None) is None, timeout=10000)
    window.close()
