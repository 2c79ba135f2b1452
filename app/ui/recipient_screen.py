"""Screen 4, turned to the recipient: read, sign, confirm (UX.md §4, §6).

A top-level window shown full screen, so the team window's shortcuts and lists are out of reach.
It shows only what the signature is bound to (``PreparedVisit.content``) and the visitors; no
full ID, phone, address, income, illness, notes or the standard amount. Enter does nothing;
Esc asks the team whether to go back (the signature is then cleared). Three minutes without
pointer input clears the partial signature and hands the record back to the team.

When the recipient cannot sign (不识字 …), the screen asks for a print on the paper slip and
then takes one or two witness signatures on the pad.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.money import format_fen
from app.domain.signature import METHOD_THUMBPRINT, SignatureRecord
from app.domain.signing import PreparedVisit
from app.domain.visits import RecipientRole
from app.i18n import long_date, pgettext, text
from app.ui.lang import t
from app.ui.signature_pad import SignaturePad
from app.ui.win_pen import quiet_pen_feedback

IDLE_MS = 3 * 60 * 1000  # no pointer input for 3 min: clear and hand back
HANDBACK_MS = 3000  # 已签收 ✓ shown this long before the team's screen returns
_POINTER = {QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove, QEvent.Type.TabletPress,
            QEvent.Type.TabletMove, QEvent.Type.TouchBegin, QEvent.Type.TouchUpdate}  # fmt: skip


def chinese_date(iso: str) -> str:
    return long_date(date.fromisoformat(iso))


def _label(text: str, px: int, *, bold: bool = False, name: str = "") -> QLabel:
    label = QLabel(text)
    label.setObjectName(name)
    label.setWordWrap(True)
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    weight = "bold" if bold else "normal"
    label.setStyleSheet(f"font-size: {px}px; font-weight: {weight}; color: #111;")
    return label


class RecipientScreen(QWidget):
    """Emits ``confirmed(list[SignatureRecord])`` after the last 确认签收, or ``returned(reason)``
    with ``"team"`` (Esc, the team took it back) or ``"idle"`` (three quiet minutes).

    After ``confirmed`` the screen waits for its owner: ``show_received()`` once the visit is
    stored (已签收 ✓ for a few seconds, then it closes and emits ``handed_back``), or
    ``withdraw()`` when it could not be stored (it closes at once, saying nothing).
    """

    confirmed = Signal(list)
    handed_back = Signal()
    returned = Signal(str)

    def __init__(self, prepared: PreparedVisit, visitors: str, slip_number: str = "",
                 *, handback_ms: int = HANDBACK_MS, idle_ms: int = IDLE_MS) -> None:  # fmt: skip
        super().__init__(None, Qt.WindowType.Window)
        self.setObjectName("recipientScreen")
        self.setWindowTitle(t("确认签收"))
        self.setStyleSheet("QWidget#recipientScreen { background: #fbfaf5; }")
        self.prepared = prepared
        self.content = prepared.content
        self.slip_number = slip_number
        self.handback_ms = handback_ms
        self.witness_mode = bool(prepared.visit.cannot_sign)
        self.signatures: list[SignatureRecord] = []
        self._taken = False  # all signatures given: no going back to the team from here
        self._closing = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 8, 32, 8)
        layout.setSpacing(2)
        self._add_what_is_signed(layout, visitors)
        self._add_signing(layout)
        self._idle = QTimer(self, singleShot=True, interval=idle_ms)
        self._idle.timeout.connect(lambda: self._give_back("idle"))
        self._idle.start()
        self.pad.installEventFilter(self)
        if self.witness_mode:
            self._ask_witness(1)

    def _add_what_is_signed(self, layout: QVBoxLayout, visitors: str) -> None:
        """The signed content, large: who receives what, from whom, and the statement."""
        c = self.content
        header = t("{campaign} 慰问金（品）签收确认", campaign=c["campaign"])
        layout.addWidget(_label(f"{header} · {c['organiser']} · {c['team']} · "
                                f"{chinese_date(c['date'])}", 24, name="header"))  # fmt: skip
        who = (
            f"<span style='font-size:40px;font-weight:bold'>{c['recipient_name']}</span>"
            f"　<span style='font-size:24px'>{t('身份证尾号{tail}', tail=c['id_tail'])}</span>"
        )
        layout.addWidget(_label(who, 24, name="recipient"))
        if c["proxy_name"]:
            layout.addWidget(_label(t("代领人：{proxy}（{relation}） 代 {name} 领取",
                                      proxy=c["proxy_name"], relation=c["proxy_relation"],
                                      name=c["recipient_name"]), 28, name="proxy"))  # fmt: skip
        self.amount = _label(format_fen(c["cash_fen"]), 64, bold=True, name="amount")
        self.capitals = _label(t("人民币{capitals}", capitals=c["cash_capitals"]), 40,
                               name="capitals")  # fmt: skip
        if not c["cash_fen"] and any(h.transfer for h in self.prepared.visit.handovers):
            # Paid by transfer: no cash here to confirm, and no ¥0.00 to puzzle the signer.
            self.amount.setText(t("慰问金由财务转账到本人银行卡"))
            self.amount.setStyleSheet("font-size: 32px; font-weight: bold; color: #111;")
            self.capitals.hide()
        money = QHBoxLayout()  # side by side: the screen must fit 1093×560 (125 % scale)
        money.addStretch(1)
        money.addWidget(self.amount)
        money.addSpacing(32)
        money.addWidget(self.capitals)
        money.addStretch(1)
        layout.addLayout(money)
        if c["goods"]:
            goods = pgettext("goods separator", "，").join(c["goods"])
            layout.addWidget(_label(goods, 28, name="goods"))
        layout.addWidget(_label(t("走访人：{visitors}", visitors=visitors), 24, name="visitors"))
        self.statement = _label(text(f"sign.statement.{c['statement_version']}"), 24,
                                name="statement")  # fmt: skip
        layout.addWidget(self.statement)

    def _add_signing(self, layout: QVBoxLayout) -> None:
        """A witness's name (when the recipient cannot sign), the pad, the buttons."""
        self.witness_name = QLineEdit()
        self.witness_name.setObjectName("witnessName")
        self.witness_name.setStyleSheet("font-size: 24px;")
        self.witness_name.setMinimumHeight(48)
        self.witness_name.setVisible(self.witness_mode)
        layout.addWidget(self.witness_name)
        self.pad = SignaturePad(self)
        self.pad.setObjectName("pad")
        layout.addWidget(self.pad, 1)
        buttons = QHBoxLayout()
        self.clear_button = self._button(t("重写"), "clearButton")
        self.skip_button = self._button(t("没有第二位见证人"), "skipButton")
        self.confirm_button = self._button(t("确认签收"), "confirmButton")
        self.confirm_button.setStyleSheet(
            "QPushButton { font-size: 28px; font-weight: bold; background: #1f5fa8; color: white;"
            " border: 3px solid #0b2e5a; } QPushButton:disabled { background: #c8c8c8;"
            " color: #3a3a3a; border: 3px solid #8a8a8a; }"
        )
        buttons.addWidget(self.clear_button)
        buttons.addStretch(1)
        buttons.addWidget(self.skip_button)
        buttons.addSpacing(48)
        buttons.addWidget(self.confirm_button)
        layout.addLayout(buttons)
        self.done_label = _label(t("已签收 ✓ 请将电脑交还工作人员"), 40, bold=True, name="done")
        self.done_label.hide()
        layout.addWidget(self.done_label)
        self.skip_button.hide()
        self.confirm_button.setEnabled(False)
        self.pad.inkChanged.connect(self._ink_changed)
        self.witness_name.textChanged.connect(lambda _t: self._ink_changed(
            self.pad.has_enough_ink()))  # fmt: skip
        self.clear_button.clicked.connect(self.pad.clear)
        self.confirm_button.clicked.connect(self.confirm)
        self.skip_button.clicked.connect(self._finish)

    def _button(self, text: str, name: str) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(name)
        button.setMinimumSize(220, 64)
        button.setStyleSheet("font-size: 28px;")
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Enter and Space never confirm
        button.setAutoDefault(False)
        return button

    def _ask_witness(self, n: int) -> None:
        self.witness_n = n
        self.statement.setText(
            t("请在纸质签收单上按手印（凭证编号 {slip}），再由见证人签名", slip=self.slip_number)
            + ("" if n == 1 else "\n" + t("第二位见证人最好不是慰问组成员（家属、邻居、社区干部）"))
        )  # fmt: skip
        self.witness_name.clear()
        self.witness_name.setPlaceholderText(t("见证人{n}姓名", n=n))
        self.pad.HINT = t("见证人{n}请签名", n=n)
        self.pad.clear()
        self.skip_button.setVisible(n == 2)

    # --- signing --------------------------------------------------------------------------

    def _ink_changed(self, enough: bool) -> None:
        named = not self.witness_mode or bool(self.witness_name.text().strip())
        self.confirm_button.setEnabled(enough and named)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() in _POINTER:
            self._idle.start()  # any pointer input restarts the three minutes
        return super().eventFilter(watched, event)

    def record(self) -> SignatureRecord:
        visit = self.prepared.visit
        if self.witness_mode:
            return self.pad.record(
                content=self.content, signer_role="witness",
                signer_name=self.witness_name.text().strip(), method=METHOD_THUMBPRINT,
                reason=visit.cannot_sign, slip_number=self.slip_number,
            )  # fmt: skip
        if visit.recipient_role == RecipientRole.PROXY:
            return self.pad.record(content=self.content, signer_role="proxy",
                                   signer_name=visit.proxy_name,
                                   signer_relation=visit.proxy_relation)  # fmt: skip
        return self.pad.record(content=self.content, signer_role="recipient",
                               signer_name=self.content["recipient_name"])  # fmt: skip

    def confirm(self) -> None:
        if not self.confirm_button.isEnabled():
            return
        self.signatures.append(self.record())
        if self.witness_mode and self.witness_n == 1:
            self._ask_witness(2)
            return
        self._finish()

    def _finish(self) -> None:
        self.pad.freeze()
        for widget in (self.pad, self.clear_button, self.confirm_button, self.skip_button,
                       self.witness_name):  # fmt: skip
            widget.setEnabled(False)
        self._idle.stop()
        self._taken = True
        self.confirmed.emit(list(self.signatures))

    def show_received(self) -> None:
        """The visit is stored: tell the recipient, then give the laptop back to the team."""
        self.done_label.show()
        QTimer.singleShot(self.handback_ms, self._hand_back_signed)

    def _hand_back_signed(self) -> None:
        self._closing = True
        self.close()
        self.handed_back.emit()

    def withdraw(self) -> None:
        """The visit could not be stored: back to the team, who sees why."""
        self._closing = True
        self.close()

    def _give_back(self, reason: str) -> None:
        if self._taken:
            return  # signed: the owner decides what happens next
        self.pad.clear()  # a signing act is never resumed
        self.signatures.clear()
        self._closing = True
        self.close()
        self.returned.emit(reason)

    def showEvent(self, event: Any) -> None:  # noqa: N802
        super().showEvent(event)
        quiet_pen_feedback(int(self.winId()))  # Windows: no press-and-hold ring on the pad

    # --- keys --------------------------------------------------------------------------

    def ask_to_return(self, answer: Callable[[QMessageBox], Any] | None = None) -> None:
        box = QMessageBox(self)
        box.setWindowTitle(t("返回"))
        box.setText(t("返回工作人员界面？签名将清除"))
        back = box.addButton(t("返回"), QMessageBox.ButtonRole.AcceptRole)
        keep = box.addButton(t("继续签名"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(keep)

        def answered(button: object) -> None:
            if button is back:
                self._give_back("team")

        box.buttonClicked.connect(answered)
        self.return_prompt = box
        box.open()
        if answer is not None:
            answer(box)

    def keyPressEvent(self, event: Any) -> None:  # noqa: N802
        if event.key() == Qt.Key.Key_Escape and not self._taken:
            self.ask_to_return()
        # Everything else, Enter included, does nothing here.

    def closeEvent(self, event: Any) -> None:  # noqa: N802
        if self._closing:
            event.accept()
        else:  # Alt+F4 and the like: the same question as Esc, until all have signed
            event.ignore()
            if not self._taken:
                self.ask_to_return()
