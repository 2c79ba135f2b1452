"""隔离区 on the 回传包 page: what the office holds back (a laptop's fork, a revoked laptop's later
records, a bundle that contradicts the store), each item's branches side by side with their
records and money, and the decision — accept as revisions or keep aside — with a reason, kept
for the auditor (app.services.bundles.quarantine)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.domain.audit import Proof
from app.domain.errors import WarmVisitError
from app.domain.event_bounds import KindName
from app.domain.money import format_fen
from app.i18n import label, render, text
from app.services.bundles import quarantine
from app.store.db import Store
from app.ui.lang import language, t
from app.ui.office.read_table import fill, read_table


def proof_word(proof: str) -> str:
    """签名已验证 ✓ / 没有凭证 for a payment; nothing for a record that pays nothing."""
    if not proof:
        return ""
    return t("签名已验证 ✓") if proof == Proof.SIGNATURE else label(Proof(proof), language())


def short_name(household: str) -> str:
    """贾平超 110108********4537 → 贾平超 …4537: two branches side by side fit 1366 px."""
    name, _, number = household.rpartition(" ")
    return f"{name} …{number[-4:]}" if name and len(number) > 4 else household


def branch_heading(n: int, b: quarantine.Branch) -> str:
    """第1支 · 已合并 · 现金¥1,000.00 · 物品¥100.00 · 待决定"""
    lang = language()
    where = t("已合并") if b.key == quarantine.IN_STORE else t("此包（隔离中）")
    state = text(f"quarantine.decision.{b.decision}", lang) if b.decision else text(
        "quarantine.pending", lang)  # fmt: skip
    return t("第{n}支 · {where} · 现金{cash} · 物品{goods} · {state}", n=n, where=where,
             cash=format_fen(b.cash_fen), goods=format_fen(b.goods_fen), state=state)  # fmt: skip


class QuarantineView(QWidget):
    changed = Signal()  # a decision was recorded

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.items: list[quarantine.Item] = []
        self.list = read_table()
        self.list.setObjectName("items")
        self.list.itemSelectionChanged.connect(self._show_item)
        self.branches = QWidget()
        self.branch_row = QHBoxLayout(self.branches)
        self.branch_row.setContentsMargins(0, 0, 0, 0)
        self.branch_tables: list[QWidget] = []
        self.which = QComboBox()
        self.accept = QRadioButton(t("作为修订接受(&1)"))
        self.keep = QRadioButton(t("留在隔离区(&2)"))
        self.accept.setChecked(True)
        self.reason = QLineEdit()
        self.reason.setObjectName("reason")
        self.reason.setPlaceholderText(t("原因（必填）"))
        self.decide_button = QPushButton(t("保存决定(&D)"))
        self.decide_button.clicked.connect(self.decide)
        self.message = QLabel()
        self.message.setObjectName("message")
        self.message.setWordWrap(True)
        choice, why = QHBoxLayout(), QHBoxLayout()  # two rows: one is wider than 1366 in English
        for w in (self.which, self.accept, self.keep):
            choice.addWidget(w)
        choice.addStretch(1)
        why.addWidget(self.reason, 1)
        why.addWidget(self.decide_button)
        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addWidget(self.branches, 1)
        lower_layout.addLayout(choice)
        lower_layout.addLayout(why)
        lower_layout.addWidget(self.message)
        splitter = QSplitter()
        splitter.setOrientation(splitter.orientation().Vertical)
        splitter.addWidget(self.list)
        splitter.addWidget(lower)
        splitter.setSizes([160, 440])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)

    def refresh(self) -> int:
        """Read the items again; returns how many are open."""
        lang = language()
        row = max(self.list.currentRow(), 0)
        self.items = quarantine.list_items(self.store)
        fill(self.list, [t("事项"), t("类型"), t("组"), t("电脑"), t("原因"), t("状态")],
             [(i.id, text(f"quarantine.kind.{i.kind}", lang), i.team, i.device_id[:8],
               render(i.reason, lang), t("待决定") if i.open else t("已决定"))
              for i in self.items])  # fmt: skip
        if self.items:
            self.list.selectRow(min(row, len(self.items) - 1))
        else:
            self._show_item()
        return sum(1 for i in self.items if i.open)

    def current(self) -> quarantine.Item | None:
        row = self.list.currentRow()
        return self.items[row] if 0 <= row < len(self.items) else None

    def _show_item(self) -> None:
        for w in self.branch_tables:
            self.branch_row.removeWidget(w)
            w.hide()
            w.deleteLater()
        self.branch_tables = []
        self.which.clear()
        item = self.current()
        if item is None:
            self.decide_button.setEnabled(False)
            return
        self.which.addItem(t("所有待决定的支"), None)
        lang = language()
        for n, b in enumerate(item.branches, start=1):
            self.which.addItem(t("第{n}支", n=n), n)
            column = QWidget()
            box = QVBoxLayout(column)
            box.setContentsMargins(0, 0, 0, 0)
            heading = QLabel(branch_heading(n, b))
            heading.setWordWrap(True)  # unwrapped, two English headings widen the window
            box.addWidget(heading)
            rows = [(r.created_at[5:16].replace("T", " "),
                     text("history.other", lang, kind=KindName(r.kind)), short_name(r.household),
                     format_fen(r.cash_fen + r.goods_fen) if r.proof else "", proof_word(r.proof),
                     text(f"quarantine.state.{r.state}", lang)
                     + (" · " + t("该户该类别已有计入的发放") if r.paid_already else ""))
                    for r in b.records]  # fmt: skip
            # one amount per record (cash and goods apart in the heading): two branches fit 1366
            table = read_table([t("时间"), t("记录"), t("户"), t("金额"), t("凭证"), t("状态")],
                               rows)  # fmt: skip
            table.setObjectName(f"branch_{n}")
            for row, r in enumerate(b.records):
                if r.paid_already:  # accepting it would pay the household twice
                    cell = table.item(row, 5)
                    cell.setForeground(QColor("#b00020"))
                    cell.setToolTip(t("接受这条记录会成为重复发放"))
            box.addWidget(table, 1)
            self.branch_row.addWidget(column, 1)
            self.branch_tables.append(column)
        self.decide_button.setEnabled(item.open)

    def decide(self) -> None:
        item = self.current()
        if item is None or not item.open:
            return
        run = quarantine.accept if self.accept.isChecked() else quarantine.keep_aside
        try:
            done = run(self.store, item.id, reason=self.reason.text(),
                       branch=self.which.currentData())  # fmt: skip
        except WarmVisitError as error:
            self.message.setText(render(error, language()))
            return
        said = t("已决定：{n}条记录计入", n=done.accepted)
        if done.flags:
            said += t("；新问题{n}条，见问题清单", n=len(done.flags))
        self.reason.clear()
        self.refresh()
        self.message.setText(said)
        self.changed.emit()
