"""转账: the payment list for finance written as a new batch, the bank's result file read back
— previewed (paid, failed, lines that do not match, the totals checked) before 记入 — and the
failed transfers to re-send: a corrected card (the next batch pays to it) or cash by a team.
A transfer is paid only once the bank's answer says so."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QThread
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.domain.errors import WarmVisitError
from app.domain.money import format_fen
from app.i18n import pgettext, render
from app.services.infra.context import open_store
from app.services.infra.rehearse import rehearse
from app.services.transfers import accounts, batches, results, status
from app.store.db import Store
from app.ui import stick_dialogs
from app.ui.errors import error_box
from app.ui.lang import language, t
from app.ui.office.page import OfficePage
from app.ui.office.read_table import fill, read_table
from app.ui.worker import start_job


def result_line(r: results.BankResult) -> str:
    """第1批 ZZ-1 · 文件287行 · 已到账284笔 ¥568,000.00 · 失败3笔 · 合计核对✓"""
    parts = [t("第{n}批 {code}", n=r.batch_number, code=r.batch_code),
             t("文件{n:,}行 {total}", n=r.file_lines, total=format_fen(r.file_fen)),
             t("已到账{n:,}笔 {total}", n=r.paid, total=format_fen(r.paid_fen)),
             t("失败{n:,}笔", n=len(r.failed))]  # fmt: skip
    if r.unchanged:
        parts.append(t("已记入过{n:,}笔", n=r.unchanged))
    if r.file_not_in_batch:
        parts.append(t("文件有批次无{n}笔", n=len(r.file_not_in_batch)))
    if r.batch_not_in_file:
        parts.append(t("批次有文件无{n}笔", n=len(r.batch_not_in_file)))
    same = r.file_fen == r.batch_fen and r.file_lines == r.batch_lines
    mismatch = t("合计与批次不符（批次{n}笔 {total}）", n=r.batch_lines,
                 total=format_fen(r.batch_fen))  # fmt: skip
    parts.append(t("合计核对✓") if same else mismatch)
    return " · ".join(parts)


class TransfersPage(OfficePage):
    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(store, parent)
        self.job: QThread | None = None
        self.result_file: Path | None = None
        self.failed: tuple[status.FailedTransfer, ...] = ()
        self._stale = self._read_once = False
        self.overview = QLabel()
        self.overview.setObjectName("overview")
        self.overview.setStyleSheet("font-size: 18px; font-weight: bold;")
        self.tabs = QTabWidget()
        self.tabs.addTab(self._list_tab(), t("转账清单"))
        self.tabs.addTab(self._result_tab(), t("银行结果"))
        self.tabs.addTab(self._failed_tab(), t("失败"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.overview)
        layout.addWidget(self.tabs, 1)
        self.refresh()

    def title(self) -> str:
        return pgettext("page", "转账")

    def showEvent(self, event: Any) -> None:  # noqa: N802
        super().showEvent(event)
        if self._stale:
            self.refresh()

    def refresh(self) -> None:
        """The totals and the failed list (the whole transfer book): while the page is hidden,
        read when next shown."""
        if not self.isVisible() and self._read_once:
            self._stale = True
            return
        self._stale, self._read_once = False, True
        o = status.transfer_overview(self.store)
        self.overview.setText(t(
            "已到账 {paid:,}笔 {paid_total} · 在途 {pending:,}笔 {pending_total} · "
            "失败 {failed:,}笔 {failed_total}", paid=o.paid, paid_total=format_fen(o.paid_fen),
            pending=o.pending, pending_total=format_fen(o.pending_fen), failed=o.failed,
            failed_total=format_fen(o.failed_fen)))  # fmt: skip
        self.failed = status.failed_transfers(self.store)
        fill(self.failed_table, [t("姓名"), t("身份证号"), t("批次"), t("金额"), t("原卡号"),
                                 t("银行原因"), t("新卡号")],
             [(f.name, f.id_number_masked, f.batch_code, format_fen(f.amount_fen),
               f.card_masked, f.reason, f.new_card) for f in self.failed])  # fmt: skip
        self.tabs.setTabText(2, t("失败 {n}", n=len(self.failed)) if self.failed else t("失败"))

    # --- the list for finance -------------------------------------------------------------

    def _list_tab(self) -> QWidget:
        self.full_cards = QCheckBox(t("卡号全显（会留下记录）"))
        self.list_button = QPushButton(t("生成转账清单(&L)…"))
        self.list_button.clicked.connect(self.write_list)
        self.list_message = QLabel(t("确定户中按转账发放、卡号有效的，生成新的一批。"))
        self.list_message.setObjectName("list_message")
        self.list_message.setWordWrap(True)
        self.left_out = read_table()
        self.left_out.setObjectName("left_out")
        row = QHBoxLayout()
        row.addWidget(self.list_button)
        row.addWidget(self.full_cards)
        row.addStretch(1)
        tab = QWidget()
        layout = QVBoxLayout(tab)
        layout.addLayout(row)
        layout.addWidget(self.list_message)
        layout.addWidget(QLabel(t("未列入的户：")))
        layout.addWidget(self.left_out, 1)
        return tab

    def ask_list_path(self) -> Path | None:
        return stick_dialogs.save_path(self, t("转账清单"), t("转账清单.xlsx"),
                                       t("Excel 工作簿 (*.xlsx)"))  # fmt: skip

    def write_list(self) -> None:
        target = self.ask_list_path()
        if target is None or self.job is not None:
            return
        full, lang = self.full_cards.isChecked(), language()

        def work(store: Store) -> batches.TransferList:
            return batches.list_transfers(store, target, full_cards=full, lang=lang)

        def done(made: Any) -> None:
            if made.number is None:
                self.list_message.setText(
                    t("没有要转账的户（已在银行或已到账{n}户）", n=made.already)
                )
            else:
                self.list_message.setText(t("第{n}批 {code}：共{count:,}笔 {total}，已写入 {file}",
                                            n=made.number, code=made.code, count=made.count,
                                            total=format_fen(made.total_fen),
                                            file=str(made.file)))  # fmt: skip
            fill(self.left_out, [t("姓名"), t("身份证号"), t("类别"), t("原因")],
                 [(x.name, x.id_number_masked, x.category, render(x.reason, lang))
                  for x in made.left_out])  # fmt: skip

        self._run(work, done, write=True)

    # --- the bank's answer ----------------------------------------------------------------

    def _result_tab(self) -> QWidget:
        self.read_button = QPushButton(t("读入银行结果(&R)…"))
        self.read_button.clicked.connect(self.pick_result)
        self.result_summary = QLabel()
        self.result_summary.setObjectName("result_summary")
        self.result_summary.setWordWrap(True)
        self.record_button = QPushButton(t("记入(&E)"))
        self.record_button.setEnabled(False)
        self.record_button.clicked.connect(self.record_result)
        self.result_table = read_table()
        self.result_table.setObjectName("result")
        row = QHBoxLayout()
        row.addWidget(self.read_button)
        row.addStretch(1)
        row.addWidget(self.record_button)
        tab = QWidget()
        layout = QVBoxLayout(tab)
        layout.addLayout(row)
        layout.addWidget(self.result_summary)
        layout.addWidget(self.result_table, 1)
        return tab

    def ask_result_path(self) -> Path | None:
        return stick_dialogs.pick_file(self, t("银行结果文件"), t("表格 (*.xlsx *.xls *.csv)"))

    def pick_result(self) -> None:
        path = self.ask_result_path()
        if path is not None:
            self.read_result(path)

    def read_result(self, path: Path) -> None:
        """The file checked as 记入 would record it; nothing is kept."""
        self.result_file = path
        self.record_button.setEnabled(False)

        def work(store: Store) -> results.BankResult:
            return rehearse(store, lambda: results.read_bank_result(store, path))

        self._run(work, lambda r: self._show_result(r, recorded=False), write=False)

    def record_result(self) -> None:
        path = self.result_file
        if path is None or not self.record_button.isEnabled():
            return

        def work(store: Store) -> results.BankResult:
            return results.read_bank_result(store, path)

        self._run(work, lambda r: self._show_result(r, recorded=True), write=True)

    def _show_result(self, r: results.BankResult, *, recorded: bool) -> None:
        lang = language()
        text = result_line(r)
        if r.already:
            text += t("；这个文件已经读入过，没有改动")
        elif r.problems:
            text += t("；有{n}处问题，不能记入", n=len(r.problems))
        elif recorded:
            text += t("；已记入")
        self.result_summary.setText(text)
        self.record_button.setEnabled(r.applied and not recorded)
        rows: list[tuple[object, ...]] = [
            (p.row, t("问题"), p.value, render(p, lang)) for p in r.problems]  # fmt: skip
        rows += [(f.line, t("失败"), f"{f.name} {f.card_masked} {format_fen(f.amount_fen)}",
                  f.reason) for f in r.failed]  # fmt: skip
        rows += [(u.line, t("文件有批次无"), f"{u.name} {u.card_masked}", "")
                 for u in r.file_not_in_batch]  # fmt: skip
        rows += [("", t("批次有文件无"), f"{m.name} {m.card_masked}", "")
                 for m in r.batch_not_in_file]  # fmt: skip
        fill(self.result_table, [t("行"), t("情况"), t("内容"), t("原因")], rows)

    # --- the failed ones -------------------------------------------------------------------

    def _failed_tab(self) -> QWidget:
        self.failed_table = read_table()
        self.failed_table.setObjectName("failed")
        self.bank, self.card, self.branch, self.reason = (QLineEdit() for _ in range(4))
        form = QFormLayout()
        for text, field in ((t("开户行："), self.bank), (t("卡号："), self.card),
                            (t("开户网点："), self.branch),
                            (t("原因(&Y)："), self.reason)):  # fmt: skip
            label = QLabel(text)
            label.setBuddy(field)
            form.addRow(label, field)
        self.card_button = QPushButton(t("改卡号，下批重发(&C)"))
        self.card_button.clicked.connect(self.new_card)
        self.cash_button = QPushButton(t("改为现金，交慰问组(&H)"))
        self.cash_button.clicked.connect(self.to_cash)
        self.failed_message = QLabel()
        self.failed_message.setObjectName("failed_message")
        self.failed_message.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.card_button)
        buttons.addWidget(self.cash_button)
        buttons.addWidget(self.failed_message, 1)
        tab = QWidget()
        layout = QVBoxLayout(tab)
        layout.addWidget(self.failed_table, 1)
        layout.addLayout(form)
        layout.addLayout(buttons)
        return tab

    def _chosen_failed(self) -> status.FailedTransfer | None:
        row = self.failed_table.currentRow()
        if 0 <= row < len(self.failed):
            return self.failed[row]
        self.failed_message.setText(t("先在表中选一户"))
        return None

    def new_card(self) -> None:
        f = self._chosen_failed()
        if f is not None:
            self._act(lambda: accounts.set_card(
                self.store, f.id_number, bank=self.bank.text(), card=self.card.text(),
                branch=self.branch.text(), reason=self.reason.text()),
                t("{name} 的新卡号已保存，下一批转账付到新卡", name=f.name))  # fmt: skip

    def to_cash(self) -> None:
        f = self._chosen_failed()
        if f is not None:
            self._act(lambda: accounts.set_household_payment(
                self.store, f.id_number, "现金", reason=self.reason.text()),
                t("{name} 改为现金，由慰问组发放（随下次分派包）", name=f.name))  # fmt: skip

    def _act(self, write: Any, said: str) -> None:
        try:
            write()
        except WarmVisitError as error:
            self.failed_message.setText(render(error, language()))
            return
        self.failed_message.setText(said)
        self.refresh()
        self.changed.emit()

    # --- off the GUI thread -----------------------------------------------------------------

    def _run(self, work: Any, done: Any, *, write: bool) -> None:
        """``work(store)`` on its own connection; ``done(result)`` here, then a refresh."""
        if self.job is not None:
            return
        assert self.store.path is not None, "the office window works on a store file"
        db_path = self.store.path

        def run(_progress: Any) -> Any:
            with open_store(db_path) as own:
                return work(own)

        def finished(result: Any) -> None:
            self.job = None
            done(result)
            if write:
                self.refresh()
                self.changed.emit()

        def failed(error: object) -> None:
            self.job = None
            error_box(self, error)

        self.job = start_job(self, run, finished, failed)
