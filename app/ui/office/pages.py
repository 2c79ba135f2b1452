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
    (lambda: pgettext("page", "活动设置"), "app.ui.office.campaign_page:CampaignPage"),
    (lambda: pgettext("page", "名单导入"), "app.ui.office.rosters_page:RostersPage"),
    (lambda: pgettext("page", "慰问组与分派"), "app.ui.office.teams_page:TeamsPage"),
    (lambda: pgettext("page", "回传包"), "app.ui.office.bundles_page:BundlesPage"),
    (lambda: pgettext("page", "问题清单"), "app.ui.office.flags_page:FlagsPage"),
    (lambda: pgettext("page", "转账"), "app.ui.office.transfers_page:TransfersPage"),
    (lambda: pgettext("page", "报表"), "app.ui.office.reports_page:ReportsPage"),
    (lambda: pgettext("page", "户的历史"), "app.ui.office.history_page:HistoryPage"),
]
