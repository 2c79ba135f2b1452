"""The right pane of 问题清单: one flag's evidence and the decision on it — the decisions its
kind takes (1–9 pick), a recovery's amount, date and receipt number, and the note every
decision needs; or, for a flag already decided, who decided what, when and why."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QDateEdit,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.decisions import Mark, MarkDecision
from app.domain.money import format_fen
from app.domain.resolutions import Decision
from app.i18n import N_, label, render
from app.services.bundles.quarantine import Item as HeldItem
from app.services.oversight import decisions
from app.services.oversight.flag_evidence import NONE, PAPER, SIGNED, TRANSFER, FlagPayment
from app.services.oversight.flags import FlagView
from app.services.oversight.opinions import Overdue
from app.ui.lang import language, t
from app.ui.office.read_table import fill, read_table

MARKS = {Mark.OVER_QUOTA.value, Mark.LATE.value}  # decided as the roster's marks are
PROOF_WORDS = {SIGNED: N_("签名✓"), PAPER: N_("纸质签收表"), TRANSFER: N_("转账"),
               NONE: N_("无凭证")}  # fmt: skip


@dataclass(frozen=True)
class Item:
    """A row of the queue: a flag, a unit's overdue opinions, or a bundle in quarantine."""

    kind: str
    who: str  # household (name, masked ID) or unit or file
    team: str
    category: str
    detail: str
    flag: FlagView | None = None
    overdue: Overdue | None = None
    held: HeldItem | None = None  # decided on the 回传包 page's 隔离区

    @property
    def decidable(self) -> bool:
        return self.flag is not None and self.flag.resolution is None

    def choices(self) -> tuple[Decision | MarkDecision, ...]:
        if not self.decidable:
            return ()
        if self.kind in MARKS:
            return (MarkDecision.ACCEPT, MarkDecision.FORFEIT)
        return tuple(decisions.decisions_known(self.kind))


@dataclass(frozen=True)
class Chosen:
    decision: Decision | MarkDecision
    note: str
    amount: str  # yuan as typed (a recovery)
    day: date
    receipt: str


class DecisionPane(QWidget):
    save = Signal(object)  # Chosen

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.item: Item | None = None
        self.evidence = QLabel()
        self.evidence.setObjectName("evidence")
        self.evidence.setWordWrap(True)
        self.payments = read_table()
        self.payments.setObjectName("payments")
        self.payments.setMaximumHeight(130)
        self.choices_box = QWidget()
        self.choices_layout = QVBoxLayout(self.choices_box)
        self.choices_layout.setContentsMargins(0, 0, 0, 0)
        self.group = QButtonGroup(self)
        self.group.buttonToggled.connect(lambda *_: self._update())
        self.amount = QLineEdit()
        self.day = QDateEdit()
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("yyyy-MM-dd")
        self.receipt = QLineEdit()
        self.recovery = QWidget()
        form = QFormLayout(self.recovery)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(t("追回金额（元）："), self.amount)
        form.addRow(t("追回日期："), self.day)
        form.addRow(t("收据号："), self.receipt)
        self.note = QLineEdit()
        self.note.setObjectName("note")
        self.note.setPlaceholderText(t("说明（必填）"))
        self.note.returnPressed.connect(self.submit)
        note_label = QLabel(t("说明(&N)："))
        note_label.setBuddy(self.note)
        self.button = QPushButton(t("保存并下一条"))
        self.button.setToolTip("Ctrl+Enter")
        self.button.clicked.connect(self.submit)
        self.problem = QLabel()
        self.problem.setObjectName("problem")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #a11; font-weight: bold;")
        layout = QVBoxLayout(self)
        layout.addWidget(self.evidence)
        layout.addWidget(self.payments)
        layout.addWidget(self.choices_box)
        layout.addWidget(self.recovery)
        layout.addWidget(note_label)
        layout.addWidget(self.note)
        layout.addWidget(self.button)
        layout.addWidget(self.problem)
        layout.addStretch(1)
        self.show_item(None)

    def show_item(
        self, item: Item | None, today: date | None = None, payments: tuple[FlagPayment, ...] = ()
    ) -> None:
        self.item = item
        fill(self.payments, [t("日期"), t("组"), t("电脑"), t("现金"), t("物品"), t("凭证")],
             [(p.day[5:], p.team, p.device_id[:4], format_fen(p.cash_fen), format_fen(p.goods_fen),
               t(PROOF_WORDS[p.proof]) + (t("（已作废）") if p.voided else ""))
              for p in payments])  # fmt: skip
        self.payments.setVisible(bool(payments))
        for button in self.group.buttons():
            self.group.removeButton(button)
            self.choices_layout.removeWidget(button)
            button.hide()  # gone from the pane now; deleted when Qt next can
            button.deleteLater()
        self.evidence.setText(self._evidence(item) if item else t("选一条问题，看证据并处理"))
        for n, choice in enumerate(item.choices() if item else (), start=1):
            radio = QRadioButton(f"&{n} {label(choice, language())}")
            radio.setProperty("code", choice.value)
            self.group.addButton(radio, n)
            self.choices_layout.addWidget(radio)
        if self.group.buttons():
            self.group.buttons()[0].setChecked(True)
        self.note.clear()
        self.problem.clear()
        self.amount.clear()
        self.receipt.clear()
        if today is not None:
            self.day.setDate(QDate(today.year, today.month, today.day))
        editable = item is not None and item.decidable
        self.note.setVisible(editable)
        self.button.setVisible(editable)
        self._update()

    def _evidence(self, item: Item) -> str:
        lines = [f"<b>{item.who}</b>"]
        if item.team or item.category:
            lines.append(" · ".join(x for x in (item.team, item.category) if x))
        lines.append(item.detail)
        if item.held is not None:
            lines.append(t("在“回传包”页的隔离区对照两边并决定；决定之前这些记录不计入。"))
        if item.overdue is not None:
            lines.append(t("单位报送意见后自动消失。"))
        r = item.flag.resolution if item.flag else None
        if r is not None:
            amount = t("，追回{amount}，收据{receipt}", amount=format_fen(r.amount_fen),
                       receipt=r.receipt) if r.amount_fen else ""  # fmt: skip
            lines.append(t("已处理：{decision}{amount}。{by} {at}：{note}",
                           decision=label(Decision(r.decision), language()), amount=amount,
                           by=r.by, at=r.at[:16].replace("T", " "), note=r.note))  # fmt: skip
        return "<br>".join(lines)

    def pick(self, n: int) -> None:
        button = self.group.button(n)
        if button is not None:
            button.setChecked(True)

    def chosen_code(self) -> str:
        button = self.group.checkedButton()
        return str(button.property("code")) if button is not None else ""

    def _update(self) -> None:
        self.recovery.setVisible(self.chosen_code() == Decision.RECOVERED.value)

    def submit(self) -> None:
        item = self.item
        if item is None or not item.decidable or not self.chosen_code():
            return
        choice = next(c for c in item.choices() if c.value == self.chosen_code())
        d = self.day.date()
        day = date(d.year(), d.month(), d.day())
        self.save.emit(Chosen(choice, self.note.text().strip(), self.amount.text().strip(), day,
                              self.receipt.text().strip()))  # fmt: skip


def reason_text(flag: FlagView) -> str:
    return render(flag.reason, language())
