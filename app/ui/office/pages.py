"""The office window's pages, in the order of its list (Ctrl+1 … Ctrl+9, Ctrl+0 for the tenth).

Each is (its name in the list, "module:Class"), imported and built when first shown: the
window paints its first page without loading the others. A new page is one line here.
"""

from __future__ import annotations

from app.i18n import N_

PAGES: list[tuple[str, str]] = [
    (N_("慰问对象"), "app.ui.office.households:HouseholdsPage"),
    (N_("统计"), "app.ui.office.dashboard:DashboardPage"),
]
