"""The office window's pages, in the order of its list (Ctrl+1 … Ctrl+9, Ctrl+0 for the tenth).

Each is (its name in the list, "module:Class"), imported and built when first shown: the
window paints its first page without loading the others. A new page is one line here. Names
are in the context "page" (慰问对象 the page is "Households", the word elsewhere "household").
"""

from __future__ import annotations

from collections.abc import Callable

from app.i18n import pgettext

PAGES: list[tuple[Callable[[], str], str]] = [
    (lambda: pgettext("page", "慰问对象"), "app.ui.office.households:HouseholdsPage"),
    (lambda: pgettext("page", "统计"), "app.ui.office.dashboard:DashboardPage"),
]
