"""回传包: the teams' result bundles, dropped or read from a stick folder, previewed as merging
them would go (team, laptop, bundle number, signature, new, unchanged, flags, quarantine or the
refusal), then merged as one job; the bundle ledger; the quarantine with its decisions
(``quarantine_view``); and the teams' assignment bundles written to a stick
(``bundle_export``)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QThread
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QProgressDialog,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.domain.errors import Cancelled
from app.domain.long_work import CancelFlag
from app.i18n import N_, listed, pgettext, render, text
from app.services.bundles import exchange as bundles
from app.services.bundles.exchange import BundleOutcome
from app.services.bundles.preview import bundle_files_in, preview_bundles
from app.services.infra.context import open_store
from app.store.db import Store
from app.ui import stick_dialogs
from app.ui.errors import error_box
from app.ui.lang import language, t
from app.ui.office.bundle_export import AssignmentExport
from app.ui.office.page import OfficePage
from app.ui.office.quarantine_view import QuarantineView
from app.ui.office.read_table import fill, read_table
from app.ui.worker import start_job

# What a previewed bundle will do when merged; after 合并, what it did.
_WILL = {"applied": N_("可合并"), "already": N_("已导入过"), "older": N_("较旧，无新内容"),
         "unchanged": N_("没有新记录"), "quarantined": N_("矛盾→隔离区"),
         "refused": N_("拒绝")}  # fmt: skip
_DID = {**_WILL, "applied": N_("已合并"), "quarantined": N_("已放入隔离区")}
_CHANGES = ("applied", "quarantined")  # outcomes that write something (records, quarantine)


def outcome_row(o: BundleOutcome, merged: bool) -> tuple[object, ...]:
    """文件 · 组 · 电脑 · 包号 · 签名 · 新记录 · 更新 · 未变 · 新问题 · 结果"""
    lang = language()
    if o.applied is None:
        why = render(o.refused, lang) if o.refused else ""
        return (o.path.name, "", "", "", "", "", "", "", "", t("拒绝：{why}", why=why))
    a = o.applied
    words = _DID if merged else _WILL
    result = t(words.get(a.outcome, a.outcome))
    if a.quarantine_reason is not None:
        result = t("{what}：{why}", what=result, why=render(a.quarantine_reason, lang))
    signed = "✓ " + a.signer_fingerprint if a.signer_fingerprint else "—"
    return (o.path.name, a.team_code, a.device_id[:8], a.sequence, signed, a.new, a.updated,
            a.unchanged, len(a.flags), result)  # fmt: skip


def pile_summary(outcomes: list[BundleOutcome], merged: bool) -> str:
    """可合并3 · 已导入过1 · 隔离1 · 拒绝1 · 新记录212 · 新问题3"""
    counts: dict[str, int] = {}
    for o in outcomes:
        key = o.applied.outcome if o.applied else "refused"
        counts[key] = counts.get(key, 0) + 1
    words = _DID if merged else _WILL
    parts = [t("{what}{n:,}", what=t(words.get(k, k)), n=n) for k, n in counts.items()]
    new = sum(o.applied.new + o.applied.updated for o in outcomes if o.applied)
    flags = sum(len(o.applied.flags) for o in outcomes if o.applied)
    parts += [t("新记录{n:,}", n=new), t("新问题{n:,}", n=flags)]
    return " · ".join(parts)


class BundlesPage(OfficePage):
    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(store, parent)
        self.setAcceptDrops(True)
        self.paths: list[Path] = []
        self.outcomes: list[BundleOutcome] = []
        self.merged = False
        self.job: QThread | None = None
        self.dialog: QProgressDialog | None = None
        self._build()
        QShortcut(QKeySequence("Ctrl+O"), self, self.pick_folder)
        QShortcut(QKeySequence("Ctrl+Return"), self, self.merge)
        self.refresh()

    def title(self) -> str:
        return pgettext("page", "回传包")

    def _build(self) -> None:
        self.tabs = QTabWidget()
        self.tabs.addTab(self._pile_tab(), t("读取回传包"))
        self.ledger = read_table()
        self.ledger.setObjectName("ledger")
        self.tabs.addTab(self.ledger, t("台账"))
        self.quarantine = QuarantineView(self.store)
        self.quarantine.changed.connect(self._exported)
        self.tabs.addTab(self.quarantine, t("隔离区"))
        self.export = AssignmentExport(self.store)
        self.export.changed.connect(self._exported)
        self.tabs.addTab(self.export, t("导出分派包"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)

    def _pile_tab(self) -> QWidget:
        self.stick_button = QPushButton()
        self.stick_button.setObjectName("readSticks")
        self.stick_button.clicked.connect(self.read_sticks)
        self._show_sticks()
        self.pick = QPushButton(t("选择U盘或文件夹(&O)…"))
        self.pick.setToolTip("Ctrl+O")
        self.pick.clicked.connect(self.pick_folder)
        self.pick_files = QPushButton(t("选择文件(&F)…"))
        self.pick_files.clicked.connect(self.pick_bundle_files)
        self.summary = QLabel(t("没有回传包：把U盘上的文件或整个U盘文件夹拖到这里"))
        self.summary.setObjectName("summary")
        self.summary.setStyleSheet("font-size: 16px; font-weight: bold;")
        self.summary.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(self.stick_button)
        top.addWidget(self.pick)
        top.addWidget(self.pick_files)
        top.addStretch(1)
        self.table = read_table()
        self.table.setObjectName("pile")
        self.clear_button = QPushButton(t("清空列表"))
        self.clear_button.clicked.connect(self.clear)
        self.merge_button = QPushButton(t("合并(&M)"))
        self.merge_button.setToolTip("Ctrl+Enter")
        self.merge_button.clicked.connect(self.merge)
        bottom = QHBoxLayout()
        bottom.addWidget(self.clear_button)
        bottom.addStretch(1)
        bottom.addWidget(self.merge_button)
        tab = QWidget()
        layout = QVBoxLayout(tab)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)
        self._show_pile()
        return tab

    def refresh(self) -> None:
        """The ledger and the quarantine, read again (cheap: one row per bundle)."""
        lang = language()
        logged = bundles.history(self.store)
        rows = [(b.at[:16].replace("T", " "), text(f"bundle.way.{b.direction}", lang),
                 text(f"bundle.kind.{b.kind}", lang), b.file, b.team, b.sequence,
                 _outcome_word(b.outcome), b.new, b.updated, b.unchanged, b.flagged,
                 render(b.quarantine_reason, lang) if b.quarantine_reason else "")
                for b in reversed(logged)]  # fmt: skip
        fill(self.ledger, [t("时间"), t("方向"), t("类型"), t("文件"), t("组"), t("包号"),
                           t("结果"), t("新记录"), t("更新"), t("未变"), t("问题"), t("原因")],
             rows)  # fmt: skip
        held = self.quarantine.refresh()
        self.tabs.setTabText(2, t("隔离区 {n}", n=held) if held else t("隔离区"))
        self.export.refresh()

    def showEvent(self, event: Any) -> None:  # noqa: N802
        super().showEvent(event)
        self._show_sticks()  # a stick plugged in since: offered now
        self.export.suggest_stick()

    # --- the pile -----------------------------------------------------------------------

    def pick_folder(self) -> None:
        folder = stick_dialogs.pick_folder(self, t("选择U盘或文件夹"))
        if folder:
            self.add_paths([folder])

    def pick_bundle_files(self) -> None:
        names = stick_dialogs.pick_files(self, t("选择回传包"), t("回传包 (*.wvb)"))
        if names:
            self.add_paths(names)

    def read_sticks(self) -> None:
        """读取U盘: every stick plugged in, read whole (no dialog)."""
        found = stick_dialogs.sticks()
        if found:
            self.add_paths(list(found))
        self._show_sticks(found)

    def _show_sticks(self, found: tuple[Path, ...] | None = None) -> None:
        found = stick_dialogs.sticks() if found is None else found
        self.stick_button.setEnabled(bool(found))
        self.stick_button.setText(
            t("读取U盘 {where}(&U)", where="、".join(str(p) for p in found))
            if found else t("没有插U盘")
        )  # fmt: skip

    def dragEnterEvent(self, event: Any) -> None:  # noqa: N802
        stick_dialogs.accept_file_drag(event)

    def dropEvent(self, event: Any) -> None:  # noqa: N802
        if paths := stick_dialogs.dropped_paths(event):
            self.add_paths(paths)

    def add_paths(self, paths: list[Path]) -> None:
        """Add to the pile (a merged pile starts again) and preview the whole pile."""
        if self.merged:
            self.paths, self.merged = [], False
        found = bundle_files_in(paths)
        if not found:
            self.summary.setText(t("这里没有回传包（.wvb）：{where}",
                                   where=listed([p.name for p in paths], language())))  # fmt: skip
            return
        self.paths = list(dict.fromkeys([*self.paths, *found]))
        self._run(preview=True)

    def clear(self) -> None:
        if self.job is None:
            self.paths, self.outcomes, self.merged = [], [], False
            self.summary.setText(t("没有回传包：把U盘上的文件或整个U盘文件夹拖到这里"))
            self._show_pile()

    def merge(self) -> None:
        if self.merge_button.isEnabled() and self.job is None:
            self._run(preview=False)

    def _run(self, *, preview: bool) -> None:
        """Preview or merge the pile off the GUI thread; window-modal with 取消 when merging."""
        flag = CancelFlag()
        what = t("正在检查{n}个包…", n=len(self.paths)) if preview else t(
            "正在合并{n}个包…", n=len(self.paths))  # fmt: skip
        dialog = self.dialog = QProgressDialog(what, t("取消"), 0, len(self.paths), self)
        dialog.setWindowTitle(t("请稍候"))
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(500)
        dialog.canceled.connect(flag.set)
        assert self.store.path is not None, "the office window works on a store file"
        db_path, paths = self.store.path, list(self.paths)
        run = preview_bundles if preview else bundles.import_bundles

        def work(progress: Any) -> list[BundleOutcome]:
            with open_store(db_path) as own:
                return run(own, paths, progress=progress, cancel=flag)

        def done(result: Any) -> None:
            self._ended()
            self.outcomes, self.merged = result, not preview
            self._show_pile()
            if not preview:
                self.refresh()
                self.changed.emit()

        def failed(error: object) -> None:
            self._ended()
            if isinstance(error, Cancelled):
                self.summary.setText(t("已取消，没有写入任何内容"))
            else:
                error_box(self, error)

        self.job = start_job(self, work, done, failed, lambda n, _total: dialog.setValue(n))

    def _ended(self) -> None:
        if self.dialog is not None:
            self.dialog.reset()
        self.job = None

    def _show_pile(self) -> None:
        rows = [outcome_row(o, self.merged) for o in self.outcomes]
        fill(self.table, [t("文件"), t("组"), t("电脑"), t("包号"), t("签名"), t("新记录"),
                          t("更新"), t("未变"), t("新问题"), t("结果")], rows)  # fmt: skip
        if self.outcomes:
            self.summary.setText(pile_summary(self.outcomes, self.merged))
        writes = [o for o in self.outcomes if o.applied and o.applied.outcome in _CHANGES]
        self.merge_button.setEnabled(bool(writes) and not self.merged)
        self.merge_button.setText(t("合并{n}个包(&M)", n=len(writes)) if writes and not
                                  self.merged else t("合并(&M)"))  # fmt: skip

    def _exported(self) -> None:
        self.refresh()
        self.changed.emit()


def _outcome_word(outcome: str) -> str:
    return text(f"bundle.outcome.{outcome}", language()) if outcome in (
        "exported", "applied", "quarantined") else outcome  # fmt: skip
