"""The central office's window (UX-OFFICE.md §1): its pages listed on the left, the chosen one
on the right, menus, a status bar, the campaign and the version in the title bar.

Pages (app/ui/office/pages.py) are built when first shown, so the first paint waits for one
page only. A page that applied something says so (``changed``); the window has every other
page that was built read again, and those not built yet read the store when they are.
"""

from __future__ import annotations

import html
from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QWidget,
)

from app import __version__
from app.i18n import N_, long_date
from app.services.infra.context import require_campaign
from app.store.db import Store
from app.ui.errors import error_box
from app.ui.lang import language, t
from app.ui.office.page import OfficePage
from app.ui.office.pages import PAGES
from app.ui.office.reports_page import REPORTS

if TYPE_CHECKING:
    from app.ui.backup_action import BackupAction

RAIL_WIDTH = 140
HELP_KEYS = (
    ("Ctrl+1 … Ctrl+9, Ctrl+0", N_("转到左侧列表的第几页")), ("Ctrl+F, F3", N_("查找")),
    ("Enter / Esc", N_("打开详情 / 返回")), ("Ctrl+A", N_("选中筛选出的全部")),
    ("Ctrl+Shift+L", N_("清除全部筛选")), ("F5", N_("重新读取")), ("F1", N_("本帮助")),
)  # fmt: skip


def page_class(path: str) -> type[OfficePage]:
    """The page class named "module:Class" (its module imported now)."""
    module, _, name = path.partition(":")
    cls = getattr(import_module(module), name)
    assert issubclass(cls, OfficePage), path
    return cls


class OfficeWindow(QMainWindow):
    def __init__(self, store: Store, db_path: Path, *, first: int = 0) -> None:
        super().__init__()
        self.store = store
        self.db_path = db_path
        self.names = [name() for name, _path in PAGES]
        self.built: dict[int, OfficePage] = {}
        self.error: QMessageBox | None = None
        self.remember_state = False  # app.open_window sets it when it placed the window
        self.backup: BackupAction | None = None
        self.setWindowTitle(self._title())
        self.rail = QListWidget()
        self.rail.setObjectName("officeRail")
        self.rail.setFixedWidth(RAIL_WIDTH)
        self.rail.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.rail.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.rail.setStyleSheet(
            "QListWidget { font-size: 15px; } QListWidget::item { padding: 8px; }"
        )
        self.stack = QStackedWidget()
        body = QWidget()
        row = QHBoxLayout(body)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        row.addWidget(self.rail)
        row.addWidget(self.stack, 1)
        self.setCentralWidget(body)
        self.where = QLabel()
        self.statusBar().addPermanentWidget(self.where)
        for i, name in enumerate(self.names):
            self.rail.addItem(f"{name}  {(i + 1) % 10}" if i < 10 else name)
            self.stack.addWidget(QWidget())  # a placeholder until the page is first shown
        # English names ("Household history  0") are wider than the Chinese: the rail fits them
        self.rail.setFixedWidth(max(RAIL_WIDTH, self.rail.sizeHintForColumn(0) + 8))
        self._menus()
        self._keys()
        self.rail.currentRowChanged.connect(self.show_page)
        self.rail.setCurrentRow(first)

    def _title(self) -> str:
        parts = [t("送温暖走访 WarmVisit"), __version__]
        try:
            campaign = require_campaign(self.store)
        except Exception:  # an empty store: the window still opens (活动设置 starts one)
            return " · ".join(parts)
        dates = f"{long_date(campaign.start, language())}–{long_date(campaign.end, language())}"
        return " · ".join([campaign.name, dates, *parts])

    def _menus(self) -> None:
        bar = self.menuBar()
        files = bar.addMenu(t("文件(&F)"))
        self._action(files, t("重新读取"), "F5", self.refresh_all)
        self._action(files, t("备份…"), "Ctrl+Shift+B", self.back_up)
        files.addSeparator()
        self._action(files, t("退出"), "Ctrl+Q", self.close)
        self.reports = bar.addMenu(t("报表(&R)"))
        for kind, (word, _opts) in REPORTS.items():
            if kind == "audit":
                self.reports.addSeparator()
            self._action(self.reports, f"{t(word)}…", None, lambda k=kind: self.open_report(k))
        helping = bar.addMenu(t("帮助(&H)"))
        self._action(helping, t("快捷键"), "F1", self.show_help)
        self._action(helping, t("关于"), None, self.show_about)

    def _action(self, menu, text: str, keys: str | None, slot) -> QAction:  # noqa: ANN001
        action = QAction(text, self)
        if keys:
            action.setShortcut(QKeySequence(keys))
        action.triggered.connect(lambda _checked=False: slot())
        menu.addAction(action)
        return action

    def _keys(self) -> None:
        for i in range(min(len(self.names), 10)):
            key = QKeySequence(f"Ctrl+{(i + 1) % 10}")
            QShortcut(key, self).activated.connect(lambda i=i: self.go(i))

    # --- pages ---------------------------------------------------------------------------------

    def go(self, i: int) -> None:
        self.rail.setCurrentRow(i)
        page = self.page(i)
        page.setFocus()

    def page(self, i: int) -> OfficePage:
        """The i-th page, built now if it was not yet."""
        built = self.built.get(i)
        if built is None:
            built = self.built[i] = page_class(PAGES[i][1])(self.store, self)
            built.changed.connect(lambda i=i: self._changed(i))
            placeholder = self.stack.widget(i)
            self.stack.insertWidget(i, built)
            self.stack.removeWidget(placeholder)
            placeholder.deleteLater()
        return built

    def open_report(self, kind: str) -> None:
        """报表 → a document: the reports page with it chosen, for the households page's filter
        (one team, category or unit chosen there) and its current household."""
        from app.ui.office.households import HouseholdsPage
        from app.ui.office.reports_page import ReportsPage

        [i] = [i for i, (_name, path) in enumerate(PAGES) if path.endswith(":ReportsPage")]
        households = next((p for p in self.built.values() if isinstance(p, HouseholdsPage)), None)
        self.go(i)
        page = self.page(i)
        assert isinstance(page, ReportsPage)
        page.choose(kind)
        if households is not None:
            page.preset(dict(households.filters.chosen), households.current_id())

    def show_page(self, i: int) -> None:
        if i < 0:
            return
        page = self.page(i)
        self.stack.setCurrentIndex(i)
        self.where.setText(page.title())

    def current_page(self) -> OfficePage:
        return self.page(self.stack.currentIndex())

    def _changed(self, source: int) -> None:
        self.setWindowTitle(self._title())
        for i, page in self.built.items():
            if i != source:
                page.refresh()

    def refresh_all(self) -> None:
        self.setWindowTitle(self._title())
        for page in self.built.values():
            page.refresh()

    def back_up(self) -> None:
        from app.ui.backup_action import BackupAction

        self.backup = BackupAction(self, self.db_path)
        self.backup.run()

    # --- boxes ---------------------------------------------------------------------------------

    def show_error(self, error: object) -> None:
        self.error = error_box(self, error)

    def show_help(self) -> None:
        rows = "".join(f"<tr><td><b>{html.escape(k)}</b>&nbsp;&nbsp;</td>"
                       f"<td>{html.escape(t(w))}</td></tr>" for k, w in HELP_KEYS)  # fmt: skip
        box = QMessageBox(self)
        box.setWindowTitle(t("快捷键"))
        box.setTextFormat(Qt.TextFormat.RichText)
        box.setText(f"<table>{rows}</table>")
        box.open()
        self.help_box = box

    def show_about(self) -> None:
        box = QMessageBox(self)
        box.setWindowTitle(t("关于"))
        box.setText(f"{t('送温暖走访 WarmVisit')} {__version__}\n{self.db_path}")
        box.open()
        self.about_box = box

    # --- state ---------------------------------------------------------------------------------

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        if self.remember_state:
            from app.ui.window_state import remember

            remember(self, self.db_path, "office")
        for page in self.built.values():
            page.close()
        super().closeEvent(event)
