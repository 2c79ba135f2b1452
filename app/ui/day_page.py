"""Screen 6, 日终: the day's figures, the cash count, the result bundle to the stick (UX.md §1).

Expected cash = the float − every cash payment by hand so far; the team enters what it counted
and the goods left; a difference needs a note. Writing the result bundle runs off the GUI thread
with a progress bar (it is read back and verified on the stick before it counts as written).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressDialog,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.errors import InvalidInput, WarmVisitError
from app.domain.money import format_fen, parse_money
from app.i18n import N_, long_date, pgettext, render
from app.services.infra.context import Actor, open_store
from app.services.infra.drives import start_folder
from app.services.visits import day as team_day
from app.services.visits.recording import default_visitors
from app.store.db import Store
from app.ui import clock
from app.ui.lang import language, t
from app.ui.worker import start_job


def _big(text: str = "", px: int = 20) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setStyleSheet(f"font-size: {px}px;")
    return label


class DayPage(QWidget):
    back = Signal()
    print_log = Signal(str)  # the day, ISO

    def __init__(self, store: Store, db_path: Path, failed: Callable[[object], None],
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.store, self.db_path, self._failed = store, db_path, failed
        self.day = clock.today()
        layout = QVBoxLayout(self)
        self.title = _big(t("日终清点"), 22)
        self.title.setStyleSheet("font-size: 22px; font-weight: bold;")
        layout.addWidget(self.title)
        self.figures = _big()
        layout.addWidget(self.figures)
        form = QFormLayout()
        self.counted = QLineEdit()
        self.counted.setObjectName("counted")
        self.counted.setAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled, False)
        self.goods_left = QLineEdit()
        self.note = QLineEdit()
        # Who counted, by name (the daily log prints it; the laptop's login says nothing).
        self.counter = QComboBox()
        self.counter.setObjectName("counter")
        self.counter.setEditable(True)
        for edit in (self.counted, self.goods_left, self.note, self.counter):
            edit.setMinimumHeight(44)
        form.addRow(t("清点人"), self.counter)
        form.addRow(t("清点现金（元）"), self.counted)
        form.addRow(t("剩余慰问品"), self.goods_left)
        form.addRow(t("差额说明"), self.note)
        layout.addLayout(form)
        self.difference = _big("", 22)
        self.difference.setObjectName("difference")
        layout.addWidget(self.difference)
        self.last_count = _big()
        layout.addWidget(self.last_count)
        layout.addStretch(1)
        row = QHBoxLayout()
        self.message = _big("", 18)
        row.addWidget(self.message, 1)
        self.buttons: dict[str, QPushButton] = {}
        buttons = (("back", N_("返回(&B)")), ("saveCount", N_("保存清点")),
                   ("export", N_("写回传包到U盘")), ("printLog", N_("打印走访日志")))  # fmt: skip
        for name, label in buttons:
            button = QPushButton(t(label))
            button.setObjectName(name)
            button.setMinimumSize(150, 48)
            row.addWidget(button)
            self.buttons[name] = button
        layout.addLayout(row)
        self.counted.textChanged.connect(self._show_difference)
        self.buttons["back"].clicked.connect(self.back)
        self.buttons["saveCount"].clicked.connect(self.save_count)
        self.buttons["export"].clicked.connect(lambda: self.export())  # noqa: PLW0108 (not clicked's bool)
        self.buttons["printLog"].clicked.connect(lambda: self.print_log.emit(self.day.isoformat()))
        self.summary: team_day.DaySummary | None = None

    def open(self, day: date | None = None) -> None:
        self.day = day or clock.today()
        self.message.clear()
        try:
            self.summary = team_day.day_summary(self.store, self.day)
        except WarmVisitError as error:
            self.summary = None
            self.figures.setText(render(error, language()))
            for name in ("saveCount", "export", "printLog"):
                self.buttons[name].setEnabled(False)
            return
        for name in ("saveCount", "export", "printLog"):
            self.buttons[name].setEnabled(True)
        s = self.summary
        float_text = format_fen(s.float_fen) if s.float_fen is not None else t("中心没有登记备用金")
        lines = [
            long_date(self.day),
            t("今日走访 {visits} 户，已慰问 {done} 户", visits=s.visits_today, done=s.done_today),
            t("今日现金发放 {paid}，转账 {transfer}", paid=format_fen(s.paid_today_fen),
              transfer=format_fen(s.transfer_today_fen)),
            t("备用金 {float}，累计现金发放 {paid}，应有现金 {expected}", float=float_text,
              paid=format_fen(s.paid_fen), expected=format_fen(s.expected_fen)),
        ]  # fmt: skip
        if s.goods_today:
            lines.append(
                t(
                    "今日发放慰问品：{goods}",
                    goods=pgettext("goods separator", "，").join(s.goods_today),
                )
            )
        self.figures.setText("\n".join(lines))
        self._show_last()
        if not self.counter.count():
            names = [n for n in default_visitors(self.store).split("、") if n]
            self.counter.addItems(names)  # the leader first
        self.counted.setFocus()

    def _show_last(self) -> None:
        counts = self.summary.counts if self.summary else ()
        if not counts:
            self.last_count.setText(t("还没有清点"))
            return
        c = counts[-1]
        line = t("已清点（{time}，{by}）：应有 {expected}，实点 {counted}，差额 {difference}",
                 time=c.at.strftime("%H:%M"), by=c.by, expected=format_fen(c.expected_fen),
                 counted=format_fen(c.counted_fen),
                 difference=format_fen(c.difference_fen))  # fmt: skip
        expected = self.summary.expected_fen if self.summary else c.expected_fen
        if expected != c.expected_fen:  # money went out (or came back) since: say so first
            stale = (t("⚠ 清点后又发放了 {amount}，这次清点已过时，请重新清点",
                       amount=format_fen(c.expected_fen - expected))
                     if expected < c.expected_fen else
                     t("⚠ 清点后应有现金变为 {expected}，这次清点已过时，请重新清点",
                       expected=format_fen(expected)))  # fmt: skip
            line = f"{stale}\n{line}"
            self.last_count.setStyleSheet("font-size: 20px; color: #8a4b00; font-weight: bold;")
        else:
            self.last_count.setStyleSheet("font-size: 20px;")
        self.last_count.setText(line)

    def _counted_fen(self) -> int | None:
        try:
            return parse_money(self.counted.text())
        except InvalidInput:
            return None

    def _show_difference(self) -> None:
        counted = self._counted_fen()
        if counted is None or self.summary is None:
            self.difference.clear()
            return
        difference = counted - self.summary.expected_fen
        mark = "✓ " if difference == 0 else "✕ "
        self.difference.setText(mark + t("差额 {difference}", difference=format_fen(difference)))

    def save_count(self) -> None:
        try:
            counted = parse_money(self.counted.text())
            by = self.counter.currentText().strip()
            team_day.record_cash_count(
                self.store,
                self.day,
                counted,
                goods_left=self.goods_left.text(),
                note=self.note.text(),
                actor=Actor(user=by) if by else None,
            )
        except WarmVisitError as error:
            self.message.setText(render(error, language()))
            return
        self.open(self.day)
        self.message.setText(t("记录已保存"))

    def export(self, folder: str | None = None) -> None:
        """The result bundle to the stick, off the GUI thread, with a progress bar."""
        if folder is None:
            folder = QFileDialog.getExistingDirectory(self, t("选择U盘文件夹"), str(start_folder()))
            if not folder:
                return
        dialog = QProgressDialog(t("正在写回传包…"), t("取消"), 0, 0, self)
        dialog.setWindowTitle(t("请稍候"))
        dialog.setCancelButton(None)  # the write is atomic and short; it cannot be half-done
        dialog.setMinimumDuration(300)
        db_path = self.db_path

        def work(_progress: Any) -> Any:
            # here: its imports cost the window's start
            from app.services.bundles import exchange as bundles

            with open_store(db_path) as own:
                return bundles.export_result(own, Path(folder))

        def done(result: Any) -> None:
            dialog.reset()
            self.message.setText(t("已写入 {file}（{events} 条记录），请把U盘交回中心",
                                   file=result.file.name, events=result.events))  # fmt: skip

        def failed(error: object) -> None:
            dialog.reset()
            self._failed(error)

        self.export_job = start_job(self, work, done, failed)
