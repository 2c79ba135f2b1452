"""慰问对象 (UX-OFFICE.md §2–3): every household in one table, search as you type, filters by
value, sort, multi-select, a detail pane, and status changes of one or many with a preview.

The table shows at once what one query gives; the pinyin list for search in memory and the
figures that take a while over 100,000 households (rules, visits, flags) are read by a worker
after the first paint, and their columns show "…" until then.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QItemSelection, QItemSelectionModel, QItemSelectionRange, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QTableView,
    QTextBrowser,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.campaign import STATUSES
from app.domain.eligibility import Rule
from app.i18n import N_, label, pgettext
from app.services.households.office import (
    REVIEW,
    Extras,
    Filters,
    allowed,
    extras,
    facet_counts,
    rule_counts,
    sorted_ids,
    with_rules,
)
from app.services.infra.context import open_store
from app.services.search.index import SearchIndex, load_search_index
from app.services.search.lookup import (
    ensure_search_index,
    household_count,
    search_ids,
    search_work,
)
from app.store.db import Store
from app.ui.lang import t
from app.ui.office import household_table as cols
from app.ui.office.detail import detail_html
from app.ui.office.household_table import OfficeTable
from app.ui.office.page import OfficePage
from app.ui.office.status_dialog import OverrideDialog, StatusDialog
from app.ui.search_edit import SearchEdit
from app.ui.worker import start_job

FACET_NAMES = (("status", N_("状态")), ("category", N_("类别")), ("unit", N_("单位")),
               ("street", N_("街道")), ("team", N_("慰问组")), ("rule", N_("依据")),
               ("flagged", N_("问题")), ("paid", N_("已发")))  # fmt: skip
FAST_MS = 50  # a search quicker than this runs on each key; a slower one waits for a pause
ROW_HEIGHT = 26
INLINE_INDEX = 2000  # households listed on the spot (~0.1 s); more: by the worker


class _WholeSelection(QTableView):
    """Ctrl+A (and selectAll) selects the whole filter as one range: Qt's own walks the rows,
    seconds over 100,000 of them."""

    def selectAll(self) -> None:  # noqa: N802
        model = self.model()
        last = model.rowCount() - 1
        if last < 0:
            return
        whole = QItemSelection(model.index(0, 0), model.index(last, model.columnCount() - 1))
        self.selectionModel().select(whole, QItemSelectionModel.SelectionFlag.ClearAndSelect)


class HouseholdsPage(OfficePage):
    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(store, parent)
        self.model = OfficeTable(store)
        self.filters = Filters()
        self.index: SearchIndex | None = None
        self.sort: tuple[str, bool] | None = None  # (column, descending)
        self._orders: dict[str, dict[str, int]] = {}
        self._search_ms = 0.0
        self._reading_rules = False
        self._jobs: list[object] = []
        self._timer = QTimer(self, singleShot=True, interval=120)
        self._timer.timeout.connect(self.reload)
        self._detail_timer = QTimer(self, singleShot=True, interval=50)
        self._detail_timer.timeout.connect(self.show_detail)
        self.dialog: StatusDialog | OverrideDialog | None = None
        self._build()
        self._keys()
        # A large store's list is brought up to date by the worker (asking whether it is takes
        # a join over every household); a small one's here, before the first paint.
        if household_count(store) <= INLINE_INDEX and search_work(store):
            ensure_search_index(store)
        self.reload()
        self.fit_columns()
        QTimer.singleShot(0, self.read_in_background)

    def title(self) -> str:
        return pgettext("page", "慰问对象")

    # --- layout --------------------------------------------------------------------------------

    def _build(self) -> None:
        self.search = SearchEdit(self)
        self.search.setObjectName("officeSearch")
        self.search.setPlaceholderText(t("查找：姓名、拼音首字母、身份证后4位、电话、地址"))
        self.search.setClearButtonEnabled(True)
        self.search.queryChanged.connect(self._typed)
        self.status_button = QPushButton(t("改状态…"))
        self.status_button.clicked.connect(self.change_status)
        self.override_button = QPushButton(t("认定依据…"))
        self.override_button.clicked.connect(self.override_rule)
        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.status_button)
        top.addWidget(self.override_button)
        # The filters and what they hold on a row of their own: the search box keeps its width
        # at 125 % scale.
        chips = QHBoxLayout()
        self.filter_buttons: dict[str, QToolButton] = {}
        for facet, name in FACET_NAMES:
            button = QToolButton(self)
            button.setText(f"{t(name)} ▾")
            button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
            menu = QMenu(button)
            menu.aboutToShow.connect(lambda f=facet, m=menu: self._fill_menu(f, m))
            button.setMenu(menu)
            self.filter_buttons[facet] = button
            chips.addWidget(button)
        self.chips = QLabel()
        self.chips.setObjectName("filterChips")
        self.chips.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.clear_button = QPushButton(t("清除筛选"))
        self.clear_button.clicked.connect(self.clear_filters)
        chips.addWidget(self.chips, 1)
        chips.addWidget(self.clear_button)
        self.table = self._table()
        self.detail = QTextBrowser()
        self.detail.setObjectName("householdDetail")
        self.detail.setMinimumWidth(260)
        self.split = QSplitter(Qt.Orientation.Horizontal)
        self.split.addWidget(self.table)
        self.split.addWidget(self.detail)
        self.split.setStretchFactor(0, 1)
        self.split.setSizes([980, 260])
        self.counts = QLabel()
        self.counts.setObjectName("countLine")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 4)
        layout.addLayout(top)
        layout.addLayout(chips)
        layout.addWidget(self.split, 1)
        layout.addWidget(self.counts)
        self._show_chips()

    def _table(self) -> QTableView:
        table = _WholeSelection(self)
        table.setObjectName("officeTable")
        table.setModel(self.model)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        table.setWordWrap(False)
        table.setTabKeyNavigation(False)
        rows = table.verticalHeader()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(ROW_HEIGHT)
        rows.hide()
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionsClickable(True)
        # The header asks the selection whether each of its columns is wholly selected, row by
        # row (1.2 million calls into the model after Ctrl+A over 100,000 rows: 7 s): it gets a
        # selection of its own that stays empty.
        header.setHighlightSections(False)
        self._header_selection = QItemSelectionModel(self.model)
        header.setSelectionModel(self._header_selection)
        header.sectionClicked.connect(self.sort_by)
        header.setResizeContentsPrecision(30)  # measured on the first screen's rows only
        header.setStretchLastSection(True)
        table.selectionModel().selectionChanged.connect(self._selection_changed)
        table.selectionModel().currentRowChanged.connect(lambda *_: self._detail_timer.start())
        return table

    def _keys(self) -> None:
        for keys in ("Ctrl+F", "F3"):
            QShortcut(QKeySequence(keys), self).activated.connect(self.focus_search)
        QShortcut(QKeySequence("Ctrl+Shift+L"), self).activated.connect(self.clear_filters)
        enter = QShortcut(QKeySequence(Qt.Key.Key_Return), self.table)
        enter.setContext(Qt.ShortcutContext.WidgetShortcut)
        enter.activated.connect(self.open_detail)
        back = QShortcut(QKeySequence(Qt.Key.Key_Escape), self.detail)
        back.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        back.activated.connect(self.table.setFocus)
        self.search.returnPressed.connect(self.table.setFocus)

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    # --- reading -------------------------------------------------------------------------------

    def refresh(self) -> None:
        self._orders.clear()
        self.model.forget_rows()
        self.reload()
        self.read_in_background()

    def read_in_background(self) -> None:
        """The search list in memory and the slow figures, on a worker's own connection."""
        path = self.store.path
        if path is None:
            self._got_extras((None, extras(self.store)))
            return

        def work(_progress: object) -> tuple[SearchIndex | None, Extras]:
            with open_store(Path(path)) as own:
                ensure_search_index(own)  # nothing to do when the list is current
                return load_search_index(own), extras(own)

        self._jobs.append(start_job(self, work, self._got_extras, self._failed))

    def read_rules(self) -> None:
        """Every household's rule, for the rule filter (seconds: a worker, once)."""
        extra, path = self.model.extras, self.store.path
        if extra is None or self._reading_rules:
            return
        self._reading_rules = True

        def work(_progress: object) -> Extras:
            assert path is not None
            with open_store(Path(path)) as own:
                return with_rules(own, extra)

        def done(result: Extras) -> None:
            self._reading_rules = False
            self.model.set_extras(result)
            self._show_chips()
            if self.filters.rules:
                self.reload()

        if path is None:
            done(with_rules(self.store, extra))
            return
        self._jobs.append(start_job(self, work, done, self._failed))

    def _got_extras(self, result: tuple[SearchIndex | None, Extras]) -> None:
        empty = self.model.rowCount() == 0
        self.index = result[0] or self.index
        self.model.set_extras(result[1])
        if self.filters.rules:
            self.read_rules()  # the filter's rules are read again (a status changed)
        if self.filters.needs_extras() or empty:
            self.reload()
        self.fit_columns()

    def fit_columns(self) -> None:
        """Columns as wide as the first screen's cells, once (never ResizeToContents: it would
        measure 100,000 rows); a wider cell later is shortened with "…" and has a tooltip."""
        for column in range(self.model.columnCount()):
            self.table.resizeColumnToContents(column)

    def _failed(self, error: object) -> None:
        window = self.window()
        if hasattr(window, "show_error"):
            window.show_error(error)

    def _typed(self, _query: str) -> None:
        if self._search_ms < FAST_MS:
            self.reload()
        else:
            self._timer.start()

    def reload(self) -> None:
        """The table again: the search, then the filters, then the sort."""
        started = time.perf_counter()
        ids: Sequence[str] = search_ids(self.store, self.search.query(), index=self.index)
        kept = allowed(self.store, self.filters, self.model.extras)
        if kept is not None:
            ids = [h for h in ids if h in kept]
        if self.sort is not None:
            column, descending = self.sort
            order = self._order(column)
            ids = sorted(ids, key=order.__getitem__, reverse=descending)
        self.model.load(ids)
        self._search_ms = (time.perf_counter() - started) * 1000
        self._show_counts()
        if ids:
            self.table.setCurrentIndex(self.model.index(0, 0))

    def _order(self, column: str) -> dict[str, int]:
        order = self._orders.get(column)
        if order is None:
            order = self._orders[column] = {
                h: i for i, h in enumerate(sorted_ids(self.store, column))
            }
        return order

    def sort_by(self, section: int) -> None:
        key = cols.COLUMNS[section][1]
        if key is None:
            return
        descending = self.sort is not None and self.sort == (key, False)
        self.sort = (key, descending)
        order = Qt.SortOrder.DescendingOrder if descending else Qt.SortOrder.AscendingOrder
        self.table.horizontalHeader().setSortIndicatorShown(True)
        self.table.horizontalHeader().setSortIndicator(section, order)
        self.reload()

    # --- filters -------------------------------------------------------------------------------

    def _fill_menu(self, facet: str, menu: QMenu) -> None:
        menu.clear()
        chosen = self._chosen(facet)
        for value, count, text in self._values(facet):
            action = QAction(f"{text}  ({count:,})", menu)
            action.setCheckable(True)
            action.setChecked(value in chosen)
            action.toggled.connect(lambda on, f=facet, v=value: self.set_filter(f, v, on))
            menu.addAction(action)
        if menu.isEmpty():
            menu.addAction(t("正在读取…")).setEnabled(False)

    def _values(self, facet: str) -> list[tuple[str, int, str]]:
        """(value, households, text) a facet offers."""
        if facet in ("rule", "flagged", "paid"):
            return self._extra_values(facet)
        counts = facet_counts(self.store, facet)
        if facet == "status":
            order = {s.value: i for i, s in enumerate(STATUSES)}
            counts.sort(key=lambda vn: order.get(vn[0], 99))
            return [(v, n, label(s)) for v, n in counts for s in STATUSES if s.value == v]
        if facet == "team":
            return [(v, n, v or t("未分组")) for v, n in counts]
        return [(v, n, v or t("（空）")) for v, n in counts]

    def _extra_values(self, facet: str) -> list[tuple[str, int, str]]:
        extra = self.model.extras
        if facet == "rule" and extra is not None and extra.rules is None:
            self.read_rules()
        if extra is None or (facet == "rule" and extra.rules is None):
            return []  # the menu says they are being read
        if facet == "rule":
            return [(v, n, t("待审") if v == REVIEW else label(Rule(v)))
                    for v, n in rule_counts(extra)]  # fmt: skip
        everyone = extra.households
        if facet == "flagged":
            flagged = len(extra.flags)
            return [("yes", flagged, t("有问题")), ("no", everyone - flagged, t("无问题"))]
        paid = sum(1 for v in extra.visits.values() if v.paid_fen)
        return [("yes", paid, t("已发放")), ("no", everyone - paid, t("未发放"))]

    def _chosen(self, facet: str) -> tuple[str, ...]:
        f = self.filters
        if facet == "rule":
            return f.rules
        if facet in ("flagged", "paid"):
            on = f.flagged if facet == "flagged" else f.paid
            return () if on is None else ("yes" if on else "no",)
        return dict(f.chosen).get(facet, ())

    def set_filter(self, facet: str, value: str, on: bool) -> None:
        chosen = set(self._chosen(facet))
        chosen = chosen | {value} if on else chosen - {value}
        f = self.filters
        if facet == "rule":
            f = Filters(f.chosen, tuple(sorted(chosen)), f.flagged, f.paid)
        elif facet in ("flagged", "paid"):
            yes = (value == "yes") if on else None
            f = Filters(f.chosen, f.rules, yes if facet == "flagged" else f.flagged,
                        yes if facet == "paid" else f.paid)  # fmt: skip
        else:
            others = tuple((k, v) for k, v in f.chosen if k != facet)
            f = Filters(others + (((facet, tuple(sorted(chosen))),) if chosen else ()),
                        f.rules, f.flagged, f.paid)  # fmt: skip
        self.filters = f
        self._show_chips()
        self.reload()

    def clear_filters(self) -> None:
        self.filters = Filters()
        self._show_chips()
        self.reload()

    def _show_chips(self) -> None:
        names = dict(FACET_NAMES)
        parts = []
        for facet, _name in FACET_NAMES:
            chosen = self._chosen(facet)
            if chosen:
                texts = {v: text for v, _n, text in self._values(facet)}
                shown = "、".join(texts.get(v, v) for v in chosen)
                parts.append(f"{t(names[facet])}：{shown}")
        self.chips.setText("  ·  ".join(parts) if parts else t("未筛选"))
        self.clear_button.setEnabled(bool(parts))

    # --- selection and detail ------------------------------------------------------------------

    def selected_ids(self) -> list[str]:
        """The selected households in table order, read from the selection's ranges (Ctrl+A
        over 100,000 rows is one range, not 100,000 indexes)."""
        ids = self.model.ids
        rows: set[int] = set()
        for part in self._ranges():
            rows.update(range(part.top(), part.bottom() + 1))
        return [ids[r] for r in sorted(rows)]

    def _ranges(self) -> list[QItemSelectionRange]:
        selection = self.table.selectionModel().selection()
        return [selection.at(i) for i in range(selection.count())]

    def select_all(self) -> None:
        self.table.selectAll()

    def _selection_changed(self, *_args: object) -> None:
        self._show_counts()

    def _show_counts(self) -> None:
        selected = sum(p.bottom() - p.top() + 1 for p in self._ranges())
        total = len(self.index) if self.index is not None else None
        shown = self.model.rowCount()
        text = t("{shown} 户", shown=f"{shown:,}") if total is None else t(
            "{shown} / {total} 户", shown=f"{shown:,}", total=f"{total:,}")  # fmt: skip
        self.counts.setText(f"{text} · {t('已选 {n}', n=f'{selected:,}')}")
        self.status_button.setText(
            t("改状态（{n}户）…", n=f"{selected:,}") if selected > 1 else t("改状态…")
        )

    def current_id(self) -> str | None:
        return self.model.household_id(self.table.currentIndex().row())

    def show_detail(self) -> None:
        hid = self.current_id()
        if hid is None:
            self.detail.setHtml(self._empty_text())
            return
        self.detail.setHtml(detail_html(self.store, hid, self.model.extras))

    def _empty_text(self) -> str:
        query = self.search.query().strip()
        if not query and self.filters.empty:
            return t("还没有慰问对象：先在“名单导入”导入各单位的名单")
        return t("没有找到“{query}”：试试一个字、拼音首字母、身份证后4位；筛选可能挡住了结果",
                 query=query)  # fmt: skip

    def open_detail(self) -> None:
        self.show_detail()
        self.detail.setFocus()

    # --- changes -------------------------------------------------------------------------------

    def change_status(self) -> None:
        ids = self.selected_ids() or [h for h in [self.current_id()] if h]
        if not ids:
            return
        self.dialog = StatusDialog(self.store, ids, self)
        self.dialog.applied.connect(self._applied)
        self.dialog.open()

    def override_rule(self) -> None:
        hid = self.current_id()
        if hid is None:
            return
        self.dialog = OverrideDialog(self.store, hid, self)
        self.dialog.applied.connect(self._applied)
        self.dialog.open()

    def _applied(self) -> None:
        self.model.forget_rows()
        self.show_detail()
        self.read_in_background()
        self.changed.emit()

    def closeEvent(self, event: object) -> None:  # noqa: N802
        self._timer.stop()
        self._detail_timer.stop()
        for job in self._jobs:
            job.quit()  # type: ignore[attr-defined]
            job.wait()  # type: ignore[attr-defined]
        super().closeEvent(event)  # type: ignore[arg-type]
