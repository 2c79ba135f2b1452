"""The team window: today's households, search as you type, one household's details.

Laid out in forms/main_window.ui; this module wires it to the services. Recording a visit, the
recipient screen and the end of day come next (issue 4).
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

from PySide6.QtCore import QFile, QItemSelection, Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtUiTools import QUiLoader
from PySide6.QtWidgets import (
    QFileDialog,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QStackedWidget,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from app.domain.campaign import MATERIALS
from app.domain.errors import Cancelled, WarmVisitError
from app.domain.events import DISBURSEMENT, VISIT, record_fields
from app.domain.id_number import mask_id
from app.domain.money import format_fen
from app.domain.progress import CancelFlag
from app.messages import render, text
from app.paths import asset
from app.services import bundles
from app.services.context import open_store, require_campaign
from app.services.drafts import open_drafts
from app.services.eligibility import eligibility_of
from app.services.households import show_household
from app.services.search import (
    ensure_search_index,
    has_campaign,
    household_card,
    household_count,
    households_without_keys,
    search_ids,
    visit_statuses,
)
from app.services.visits import live_state
from app.store.db import Store
from app.ui.household_model import HouseholdTable
from app.ui.search_edit import SearchEdit
from app.ui.visit_page import VisitPage
from app.ui.worker import start_job

INLINE_INDEX = 2000  # households indexed on the spot (~0.1 s); more go to a worker thread


def load_form(name: str, parent: QWidget | None = None) -> QWidget:
    """A Qt Designer form from forms/, found the same way in a checkout, a wheel or a build."""
    loader = QUiLoader()
    file = QFile(str(asset("forms", name)))
    file.open(QFile.OpenModeFlag.ReadOnly)
    try:
        widget = loader.load(file, parent)
    finally:
        file.close()
    if widget is None:
        raise RuntimeError(f"cannot load form {name}: {loader.errorString()}")
    return widget


class MainWindow(QWidget):
    def __init__(self, store: Store, db_path: Path) -> None:
        super().__init__()
        self.store = store
        self.db_path = db_path
        self.form = load_form("main_window.ui", self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.form)
        self.setWindowTitle("送温暖走访 WarmVisit")
        self.pages: QStackedWidget = self.form.findChild(QStackedWidget, "pages")
        self.heading: QLabel = self.form.findChild(QLabel, "heading")
        self.progress_line: QLabel = self.form.findChild(QLabel, "progressLine")
        self.empty_hint: QLabel = self.form.findChild(QLabel, "emptyHint")
        self.detail: QTextBrowser = self.form.findChild(QTextBrowser, "householdDetail")
        self.table: QTableView = self.form.findChild(QTableView, "householdTable")
        self.search = self._replace_search_box()
        self.heading.setStyleSheet("font-size: 22px; font-weight: bold;")
        self.model = HouseholdTable(store)
        self.table.setModel(self.model)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(HouseholdTable.ADDRESS, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setDefaultSectionSize(44)  # ≥ 44 px targets for older users
        self.table.selectionModel().selectionChanged.connect(self._selected)
        self.table.activated.connect(lambda index: self.start_visit(index.row()))
        self.form.findChild(QPushButton, "startVisit").clicked.connect(
            lambda: self.start_visit(self.table.currentIndex().row())
        )
        self.visit_page = VisitPage(store, load_form, self)
        self.pages.addWidget(self.visit_page)  # page 2
        self.visit_page.finished.connect(self._visit_finished)
        self.form.findChild(QWidget, "importButton").clicked.connect(self.import_bundle)
        for keys in ("Ctrl+F", "F3"):
            QShortcut(QKeySequence(keys), self, activated=self.focus_search)
        self._status: dict[str, Any] = {}
        self._timer = QTimer(self, singleShot=True, interval=120)
        self._timer.timeout.connect(self.refresh_list)
        self.search.queryChanged.connect(lambda _q: self._timer.start())
        self.reload()

    def _replace_search_box(self) -> SearchEdit:
        old: QLineEdit = self.form.findChild(QLineEdit, "searchBox")
        edit = SearchEdit(old.parentWidget())
        edit.setObjectName("searchBox")
        edit.setPlaceholderText(old.placeholderText())
        edit.setClearButtonEnabled(True)
        edit.setMinimumHeight(44)
        old.parentWidget().layout().replaceWidget(old, edit)
        old.deleteLater()
        self.form.findChild(QLabel, "searchLabel").setBuddy(edit)
        return edit

    # --- loading ---------------------------------------------------------------------------

    def reload(self) -> None:
        if not has_campaign(self.store):
            self.heading.setText("送温暖走访")
            self.pages.setCurrentIndex(1)
            return
        campaign = require_campaign(self.store)
        self.heading.setText(f"{campaign.name} · {campaign.organizer}")
        self.pages.setCurrentIndex(0)
        missing = households_without_keys(self.store)
        if missing > INLINE_INDEX:
            self._index_in_background(missing)
        elif missing:
            ensure_search_index(self.store)
        self.refresh_statuses()
        self.focus_search()
        QTimer.singleShot(0, self.offer_drafts)

    def offer_drafts(self) -> None:
        """After a crash: ask, never restore or discard silently (UX.md §8)."""
        drafts = open_drafts(self.store)
        if not drafts or self.pages.currentWidget() is self.visit_page:
            return
        newest = drafts[0]
        saved = newest["saved_at"]
        box = QMessageBox(self)
        box.setWindowTitle("未完成的走访")
        box.setText(
            f"上次有未完成的走访：{newest['name']}（{int(saved[5:7])}月{int(saved[8:10])}日 "
            f"{saved[11:16]}）"
        )
        resume = box.addButton("继续", QMessageBox.ButtonRole.AcceptRole)
        box.addButton("稍后", QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(resume)
        box.buttonClicked.connect(
            lambda button: button is resume and self.start_visit_for(newest["household_id"])
        )
        self.draft_prompt = box
        box.open()

    def start_visit_for(self, household_id: str) -> None:
        info = household_card(self.store, household_id)
        if info is not None:
            self.visit_page.open(info)
            self.pages.setCurrentWidget(self.visit_page)

    def refresh_statuses(self) -> None:
        """Visit status of every household, from the events: after loading and after a save,
        not on every keystroke."""
        self._status = visit_statuses(self.store)
        self.refresh_list()

    def _index_in_background(self, missing: int) -> None:
        """The central office's 100,000 households take seconds to index: off the GUI thread,
        with a progress bar and Cancel; name and ID searches work meanwhile."""
        dialog = QProgressDialog("正在建立拼音检索…", "取消", 0, missing, self)
        dialog.setWindowTitle("请稍候")
        dialog.setMinimumDuration(500)
        flag = CancelFlag()
        dialog.canceled.connect(flag.set)
        db_path = self.db_path

        def work(progress: Any) -> int:
            with open_store(db_path) as own:
                return ensure_search_index(own, progress=progress, cancel=flag)

        def done(_result: object) -> None:
            dialog.reset()
            self.refresh_list()

        def failed(error: object) -> None:
            dialog.reset()
            if not isinstance(error, Cancelled):
                self._failed(error)

        self._index_job = start_job(
            self, work, done, failed, lambda done_, _total: dialog.setValue(done_)
        )

    def refresh_list(self) -> None:
        ids = search_ids(self.store, self.search.query())
        self.model.load(ids, self._status)
        total = household_count(self.store)
        done = sum(1 for s in self._status.values() if s.text == "已慰问")
        paid = sum(s.paid_fen for s in self._status.values())
        self.progress_line.setText(f"已慰问 {done}/{total} 户 · 已发 {format_fen(paid)}")
        query = self.search.query().strip()
        self.empty_hint.setText(
            f"没有找到“{query}”，可试姓名中的一个字、拼音首字母、身份证后4位" if query and not ids
            else ""
        )  # fmt: skip
        if ids:
            self.table.selectRow(0)
        else:
            self.detail.clear()

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    # --- one household ------------------------------------------------------------------

    def _selected(self, selected: QItemSelection, _old: QItemSelection) -> None:
        rows = selected.indexes()
        if rows:
            self._show(rows[0].row())

    def _show(self, row: int) -> None:
        household_id = self.model.household_id(row)
        if household_id is None:
            return
        info = household_card(self.store, household_id)
        if info is None:
            return
        history = []
        for record in sorted(live_state(self.store, household_id).values(),
                             key=lambda r: r.event.created_at):  # fmt: skip
            fields = record_fields(record)
            void = "（已作废）" if record.voided else ""
            if record.kind == VISIT:
                history.append(f"{fields['date']} {fields['mode']} {fields['outcome']}{void}")
            elif record.kind == DISBURSEMENT:
                history.append(f"{fields['date']} 发放 {format_fen(fields['cash_fen'])}{void}")
        detail = show_household(self.store, info["id_number"])
        qualifies = eligibility_of(self.store, info["id_number"])
        rule = f"第（{qualifies.rule}）条：{qualifies.reason}" if qualifies.rule else (
            f"待复核：{qualifies.reason}"
        )  # fmt: skip
        members = "、".join(f"{m['name']}（{m['relation']}）" for m in detail.members) or "未登记"
        materials = "、".join(
            f"{'✓' if m in detail.materials else '✕'}{m}" for m in MATERIALS
        )  # fmt: skip
        esc = html.escape
        cash = format_fen(info["cash_fen"]) if info["cash_fen"] is not None else "-"
        goods = format_fen(info["goods_fen"]) if info["goods_fen"] is not None else "-"
        self.detail.setHtml(
            f"<h2>{esc(info['name'])}</h2>"
            f"<p>身份证号：{esc(mask_id(info['id_number']))}　{esc(info['sex'])}</p>"
            f"<p>住址：{esc(info['address'] or info['street'])}</p>"
            f"<p>电话：{esc(info['phone'] or '-')}</p>"
            f"<p>慰问类别：{esc(info['category'] or '-')}　慰问金 {cash}　慰问品 {goods}</p>"
            f"<p>计划日期：{esc(info['planned_date'] or '-')}</p>"
            f"<p>慰问品：{esc(info['goods'] or '-')}</p>"
            f"<p>家庭成员：{esc(members)}</p>"
            f"<p>认定依据：{esc(rule)}</p>"
            f"<p>材料：{esc(materials)}</p>"
            "<h3>走访记录</h3>"
            + ("".join(f"<p>{esc(h)}</p>" for h in history) or "<p>还没有走访</p>")
        )

    def start_visit(self, row: int) -> None:
        household_id = self.model.household_id(row)
        if household_id:
            self.start_visit_for(household_id)

    def _visit_finished(self, saved: bool) -> None:
        self.pages.setCurrentIndex(0)
        self.refresh_statuses() if saved else self.refresh_list()
        self.focus_search()

    # --- first run: the assignment bundle ----------------------------------------------

    def import_bundle(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, "选择分派包", "", "分派包 (*.wvb)")
        if not name:
            return
        credential, ok = QInputDialog.getText(self, "密钥", "请输入中心交给组长的密钥：")
        if not ok or not credential.strip():
            return
        db_path = self.db_path

        def work(_progress: Any) -> Any:
            with open_store(db_path) as own:  # its own connection, on the worker thread
                return bundles.import_bundle(own, Path(name), credential=credential)

        self._job = start_job(self, work, lambda _r: self.reload(), self._failed)

    def _failed(self, error: object) -> None:
        if isinstance(error, WarmVisitError):
            QMessageBox.warning(self, "未能完成", render(error))
        else:
            QMessageBox.critical(self, "出错了", text("unexpected", log="warmvisit.log"))

    def keyPressEvent(self, event: Any) -> None:  # noqa: N802
        if event.key() == Qt.Key.Key_Escape and self.search.text():
            self.search.clear()  # back one level; never discards anything
            return
        super().keyPressEvent(event)
