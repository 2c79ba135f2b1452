"""名单导入: the units' roster files, dropped or picked, each checked off the GUI thread into a
preview of what 导入 would do; 导入 applies one file whole (or skipping its problem rows), and
nothing is stored before. The problem rows go back to the unit as an XLSX of its own columns."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QThread, QUrl
from PySide6.QtGui import QDesktopServices, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QProgressDialog,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.domain.errors import Cancelled, WarmVisitError
from app.domain.long_work import CancelFlag
from app.i18n import N_, pgettext, render
from app.services.infra.context import open_store
from app.services.rosters import importing as rosters
from app.services.rosters import preview as previews
from app.store.db import Store
from app.ui import clock, stick_dialogs
from app.ui.errors import error_box
from app.ui.lang import language, t
from app.ui.office.page import OfficePage
from app.ui.office.roster_preview import RosterPreviewView
from app.ui.worker import start_job

ROSTER_SUFFIXES = {".csv", ".txt", ".xlsx", ".xlsm", ".xls", ".xlsb", ".ods"}


@dataclass
class RosterFile:
    """A file on the page: what the clerk set for it and what its last check found."""

    path: Path
    unit: str = ""  # as the clerk set it; empty: the file's own (title row, else its name)
    mapping: list[str] = field(default_factory=list)
    preview: previews.RosterPreview | None = None
    error: object = None  # why it could not be read
    state: str = "waiting"  # waiting, checking, checked, unreadable, cancelled, imported
    imported: rosters.RosterImport | None = None

    def status(self) -> str:
        if self.state == "imported" and self.imported is not None:
            i = self.imported
            return t("已导入 · 新增{a:,} · 更新{u:,}", a=i.imported, u=i.updated)
        if self.state == "unreadable":
            return t("无法读取：{why}", why=_sentence(self.error))
        if self.state in _STATE_WORDS or self.preview is None:
            return t(_STATE_WORDS.get(self.state, N_("等待检查")))
        p = self.preview
        if p.outcome is None:
            return t("列需对应")
        return t("有{n:,}行问题", n=p.problem_rows) if p.problem_rows else t("可导入")


_STATE_WORDS = {"checking": N_("检查中…"), "cancelled": N_("未检查（已取消）"),
                "waiting": N_("等待检查")}  # fmt: skip


def _sentence(error: object) -> str:
    if isinstance(error, WarmVisitError):
        return render(error, language())
    return str(error)


def roster_files_in(paths: list[Path]) -> list[Path]:
    """Files as dropped: a folder gives the roster files directly in it."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found += sorted(p for p in path.iterdir() if p.suffix.lower() in ROSTER_SUFFIXES)
        else:
            found.append(path)
    return found


class RostersPage(OfficePage):
    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(store, parent)
        self.setAcceptDrops(True)
        self.files: list[RosterFile] = []
        self._queue: list[RosterFile] = []
        self._check_job: QThread | None = None
        self._check_flag = CancelFlag()
        self.job: QThread | None = None  # the import or the export under way
        self.import_dialog: QProgressDialog | None = None
        self._stale = False  # previews to check again when the page is next shown
        self._build()
        QShortcut(QKeySequence("Ctrl+O"), self, self.pick_files)
        QShortcut(QKeySequence("Ctrl+Return"), self, self.import_file)

    def title(self) -> str:
        return pgettext("page", "名单导入")

    def refresh(self) -> None:
        """Households changed elsewhere: the previews not yet imported may no longer hold. They
        are checked again when the page is next shown (a 100,000-row file takes seconds)."""
        if not self.isVisible():
            self._stale = True
            return
        self._stale = False
        for f in self.files:
            if f.state == "checked":
                self._enqueue(f)

    def showEvent(self, event: Any) -> None:  # noqa: N802
        super().showEvent(event)
        if self._stale:
            self.refresh()

    # --- layout -------------------------------------------------------------------------

    def _build(self) -> None:
        self.pick = QPushButton(t("选择文件(&O)…"))
        self.pick.setToolTip("Ctrl+O")
        self.pick.clicked.connect(self.pick_files)
        self.check_bar = QProgressBar()
        self.check_bar.setMaximumWidth(240)
        self.check_cancel = QPushButton(t("取消检查"))
        self.check_cancel.clicked.connect(self.cancel_checks)
        self.message = QLabel()
        self.message.setObjectName("message")
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        top = QHBoxLayout()
        top.addWidget(self.pick)
        top.addWidget(self.check_bar)
        top.addWidget(self.check_cancel)
        top.addWidget(self.message, 1)
        self.open_folder = QPushButton(t("打开文件夹"))
        self.open_folder.clicked.connect(self.open_export_folder)
        self.open_folder.hide()
        top.addWidget(self.open_folder)
        self.last_export: Path | None = None
        self._show_checking(False)
        self.stack = QStackedWidget()
        self.stack.addWidget(self._empty_state())
        self.stack.addWidget(self._files_and_preview())
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.stack, 1)
        self._update_buttons()

    def _empty_state(self) -> QLabel:
        self.empty = QLabel(t("还没有名单文件：把各单位的名单文件拖到这里，或按 Ctrl+O 选择文件"))
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setStyleSheet("font-size: 16px; color: #555;")
        return self.empty

    def _files_and_preview(self) -> QSplitter:
        self.list = QListWidget()
        self.list.setObjectName("files")
        self.list.currentRowChanged.connect(self._show_current)
        self.view = RosterPreviewView()
        self.view.recheck.connect(self._recheck)
        self.export = QPushButton(t("导出问题行(&E)…"))
        self.export.clicked.connect(self.export_problems)
        self.skip_import = QPushButton(t("跳过问题行导入(&S)"))
        self.skip_import.clicked.connect(lambda: self.import_file(skip_invalid=True))
        self.do_import = QPushButton(t("导入(&I)"))
        self.do_import.setDefault(True)
        self.do_import.clicked.connect(lambda: self.import_file(skip_invalid=False))
        buttons = QHBoxLayout()
        buttons.addWidget(self.export)
        buttons.addStretch(1)
        buttons.addWidget(self.skip_import)
        buttons.addWidget(self.do_import)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.view, 1)
        right_layout.addLayout(buttons)

        splitter = QSplitter()
        splitter.addWidget(self.list)
        splitter.addWidget(right)
        splitter.setSizes([260, 940])
        return splitter

    def _show_checking(self, on: bool) -> None:
        self.check_bar.setVisible(on)
        self.check_cancel.setVisible(on)

    # --- adding files -------------------------------------------------------------------

    def pick_files(self) -> None:
        names = stick_dialogs.pick_files(
            self, t("选择名单文件"), t("名单 (*.xlsx *.xls *.csv *.xlsm *.ods *.txt)")
        )
        if names:
            self.add_files(names)

    def dragEnterEvent(self, event: Any) -> None:  # noqa: N802
        stick_dialogs.accept_file_drag(event)

    def dropEvent(self, event: Any) -> None:  # noqa: N802
        if paths := stick_dialogs.dropped_paths(event):
            self.add_files(paths)

    def add_files(self, paths: list[Path]) -> None:
        """Each file once (dropped again: checked again), each checked in turn."""
        for path in roster_files_in(paths):
            entry = next((f for f in self.files if f.path == path), None)
            if entry is None:
                entry = RosterFile(path)
                self.files.append(entry)
                self.list.addItem(QListWidgetItem())
            entry.state = "waiting"
            self._enqueue(entry)
        self.stack.setCurrentIndex(1 if self.files else 0)
        if self.list.currentRow() < 0 and self.files:
            self.list.setCurrentRow(0)
        self._update_list()

    # --- checking -----------------------------------------------------------------------

    def _enqueue(self, entry: RosterFile) -> None:
        if entry not in self._queue:
            self._queue.append(entry)
        self._next_check()

    def _next_check(self) -> None:
        if self._check_job is not None or not self._queue:
            return
        entry = self._queue.pop(0)
        entry.state = "checking"
        self._update_list()
        flag = self._check_flag = CancelFlag()
        db_path = self._db_path()
        self.check_bar.setRange(0, 0)
        self.check_bar.setFormat(entry.path.name + " %p%")
        self._show_checking(True)
        unit, mapping = entry.unit or None, list(entry.mapping)

        def work(progress: Any) -> previews.RosterPreview:
            with open_store(db_path) as own:  # its own connection, on the worker thread
                return previews.preview_roster(own, entry.path, unit=unit, mapping=mapping,
                                               progress=progress, cancel=flag)  # fmt: skip

        def done(result: Any) -> None:
            entry.preview, entry.error, entry.state = result, None, "checked"
            self._checked()

        def failed(error: object) -> None:
            entry.preview, entry.error = None, error
            entry.state = "cancelled" if isinstance(error, Cancelled) else "unreadable"
            self._checked()

        self._check_job = start_job(self, work, done, failed, self._check_progress)

    def _check_progress(self, done: int, total: int) -> None:
        self.check_bar.setRange(0, total)
        self.check_bar.setValue(done)

    def _checked(self) -> None:
        self._check_job = None
        self._show_checking(bool(self._queue))
        self._update_list()
        self._show_current(self.list.currentRow())
        self._next_check()

    def cancel_checks(self) -> None:
        for entry in self._queue:
            entry.state = "cancelled"
        self._queue.clear()
        self._check_flag.set()
        self._update_list()

    def _recheck(self, unit: str, mapping: list[str]) -> None:
        entry = self.current()
        if entry is None or entry.state == "imported":
            return
        entry.unit, entry.mapping = unit, mapping
        entry.state = "waiting"
        self._enqueue(entry)
        self._update_list()

    def _db_path(self) -> Path:
        assert self.store.path is not None, "the office window works on a store file"
        return self.store.path

    # --- showing ------------------------------------------------------------------------

    def current(self) -> RosterFile | None:
        row = self.list.currentRow()
        return self.files[row] if 0 <= row < len(self.files) else None

    def _update_list(self) -> None:
        for row, entry in enumerate(self.files):
            item = self.list.item(row)
            item.setText(f"{entry.path.name}\n{entry.status()}")
            item.setToolTip(str(entry.path))
        self._update_buttons()

    def _show_current(self, _row: int) -> None:
        entry = self.current()
        if entry is not None and entry.preview is not None:
            unit = entry.preview.outcome.unit if entry.preview.outcome else entry.unit
            self.view.show_preview(unit, entry.preview, entry.mapping)
            self.view.setEnabled(entry.state != "imported")
        elif entry is not None:
            self.view.summary.setText(f"{entry.path.name} · {entry.status()}")
            self.view.tabs.clear()
            self.view.refusal.hide()
        self._update_buttons()

    def _update_buttons(self) -> None:
        entry = self.current()
        checked = entry is not None and entry.state == "checked" and entry.preview is not None
        preview = entry.preview if checked and entry else None
        ready = preview is not None and preview.ready
        problems = preview is not None and preview.outcome is not None and preview.problem_rows
        self.do_import.setEnabled(bool(ready))
        self.do_import.setToolTip(
            t("还有{n}行问题：先改好名单，或跳过问题行导入", n=preview.problem_rows)
            if problems and preview
            else ""
        )
        self.skip_import.setEnabled(bool(problems))
        self.export.setEnabled(bool(problems))

    # --- applying -----------------------------------------------------------------------

    def import_file(self, skip_invalid: bool = False) -> None:
        """The current file, as previewed, in one transaction; Cancel rolls all of it back."""
        entry = self.current()
        button = self.skip_import if skip_invalid else self.do_import
        if entry is None or not button.isEnabled() or self.job is not None:
            return
        dialog = self.import_dialog = QProgressDialog(
            t("正在导入 {file}…", file=entry.path.name), t("取消"), 0, 0, self
        )
        dialog.setWindowTitle(t("请稍候"))
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(500)
        flag = CancelFlag()
        dialog.canceled.connect(flag.set)
        db_path, unit, mapping = self._db_path(), entry.unit or None, list(entry.mapping)

        def work(progress: Any) -> rosters.RosterImport:
            with open_store(db_path) as own:
                return rosters.import_roster(own, entry.path, unit=unit, mapping=mapping,
                                             skip_invalid=skip_invalid, progress=progress,
                                             cancel=flag)  # fmt: skip

        def done(result: Any) -> None:
            self._import_ended(dialog)
            self._imported(entry, result)

        def failed(error: object) -> None:
            self._import_ended(dialog)
            if isinstance(error, Cancelled):
                self.message.setText(t("已取消，没有写入任何内容"))
            else:
                error_box(self, error)

        def progressed(done_: int, total: int) -> None:
            dialog.setMaximum(total)
            dialog.setValue(done_)

        self.job = start_job(self, work, done, failed, progressed)

    def _import_ended(self, dialog: QProgressDialog) -> None:
        dialog.reset()
        self.job = None

    def _imported(self, entry: RosterFile, result: rosters.RosterImport) -> None:
        if not result.applied:  # the file changed on disk since its preview
            self.message.setText(t("{file} 有问题行，没有导入：已重新检查", file=entry.path.name))
            self._enqueue(entry)
            return
        entry.state, entry.imported = "imported", result
        self.message.setText(t("已导入 {file}：新增{a:,}户，更新{u:,}户", file=entry.path.name,
                               a=result.imported, u=result.updated))  # fmt: skip
        self._update_list()
        self._show_current(self.list.currentRow())
        self.changed.emit()
        for other in self.files:  # duplicates and quotas of the others may have changed
            if other.state == "checked":
                self._enqueue(other)

    # --- the rows sent back -------------------------------------------------------------

    def returned_name(self, entry: RosterFile) -> Path:
        """{单位}_退回_{日期}.xlsx, beside the unit's file."""
        assert entry.preview is not None and entry.preview.outcome is not None
        unit = entry.preview.outcome.unit
        day = clock.today().strftime("%Y%m%d")
        return entry.path.with_name(t("{unit}_退回_{day}.xlsx", unit=unit, day=day))

    def ask_save_path(self, suggested: Path) -> Path | None:
        name, _ = QFileDialog.getSaveFileName(self, t("导出问题行"), str(suggested),
                                              t("Excel 工作簿 (*.xlsx)"))  # fmt: skip
        return Path(name) if name else None

    def export_problems(self) -> None:
        entry = self.current()
        if entry is None or not self.export.isEnabled() or self.job is not None:
            return
        assert entry.preview is not None and entry.preview.outcome is not None
        target = self.ask_save_path(self.returned_name(entry))
        if target is None:
            return
        problems, source, lang = entry.preview.outcome.rejected, entry.path, language()

        def work(_progress: Any) -> Path:
            return previews.write_returned(source, problems, target, lang=lang)

        def done(written: Any) -> None:
            self.job = None
            self.message.setText(t("已写入 {path}", path=str(written)))
            self.last_export = Path(written)
            self.open_folder.show()

        def failed(error: object) -> None:
            self.job = None
            error_box(self, error)

        self.message.setText(t("正在写入 {path}…", path=str(target)))
        self.job = start_job(self, work, done, failed)

    def open_export_folder(self) -> None:
        if self.last_export is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.last_export.parent)))
