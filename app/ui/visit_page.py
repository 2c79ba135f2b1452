"""Screen 3, the visit record: one form, keyboard first, saved as it is typed (UX.md §3, §8).

Defaults are the common case (上门, 已慰问, 本人; cash and goods from the category standard).
Choice groups are big toggle buttons; keys 1–9 pick in the focused group. The draft is saved
1 s after typing stops and on every choice; a crash brings it back.

A visit that hands something over is not saved here: Ctrl+Enter / 交受助人确认 checks it
(``prepare_visit``) and asks for the recipient screen (``sign_requested``); a signing session
(app/ui/signing_session.py) records it after 确认签收, and ``signing_ended`` tells the page how
it ended. Other outcomes are saved at once.
"""

from __future__ import annotations

from datetime import date, timedelta
from enum import StrEnum
from typing import Any

from PySide6.QtCore import QDate, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.errors import InvalidInput, WarmVisitError
from app.domain.money import format_yuan, parse_optional_money
from app.domain.payment import Payment
from app.domain.visits import (
    ANSWERS,
    CANNOT_SIGN,
    DONE,
    MODES,
    NOT_MET,
    OUTCOMES,
    ROLES,
    CannotSign,
    Handover,
    Outcome,
    PhoneAnswer,
    RecipientRole,
    VisitInput,
    VisitMode,
)
from app.i18n import label, render
from app.services.search.lookup import HouseholdCard
from app.services.visits.drafts import discard_draft, load_draft, save_draft
from app.services.visits.payment import payment_of
from app.services.visits.plan import must_reach_rule, planned_mode
from app.services.visits.recording import default_visitors, record_visit
from app.services.visits.signing import prepare_visit
from app.store.db import Store
from app.ui import clock
from app.ui.forms import load_form
from app.ui.lang import language, t, translate_tree
from app.ui.signing_session import SigningEnd, SigningOutcome
from app.ui.visit_form_aids import FOCUS_STYLE, FormAids, fit_bold, wrap_wide


def _form_values(visit: VisitInput) -> dict[str, Any]:
    """A recorded visit's values as the form holds them."""
    values: dict[str, Any] = {
        "mode": str(visit.mode), "outcome": str(visit.outcome),
        "met": str(visit.recipient_role), "proxyName": visit.proxy_name,
        "proxyRelation": visit.proxy_relation, "proxyReason": visit.proxy_reason,
        "conditions": visit.conditions, "opinions": visit.opinions,
        "visitors": "、".join(visit.visitors), "attemptedAt": visit.attempted_at,
        "cannotSign": str(visit.cannot_sign or ""),
    }  # fmt: skip
    if visit.answered is not None:
        values["answered"] = str(visit.answered)
    if visit.revisit_on is not None:
        values["revisitOn"] = visit.revisit_on.isoformat()
    for handover in visit.handovers[:1]:  # the form holds one category's handover
        values |= {"cash": format_yuan(handover.cash_fen) if not handover.transfer else "",
                   "goods": handover.goods, "offReason": handover.off_standard_reason,
                   "transferDue": handover.transfer}  # fmt: skip
    return values


class VisitPage(QWidget):
    finished = Signal(bool)  # True when a visit was saved
    sign_requested = Signal(object)  # a PreparedVisit for the recipient screen

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.form = load_form("visit_form.ui", self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.form)
        find = self.form.findChild
        self.title: QLabel = find(QLabel, "title")
        self.title.setStyleSheet("font-size: 22px; font-weight: bold;")
        # The chosen button must stand out to older eyes, by weight and border as well as colour.
        self.form.setStyleSheet(
            "QPushButton:checked { background: #1f5fa8; color: white; font-weight: bold;"
            " border: 3px solid #0b2e5a; }"
            " QCheckBox::indicator { width: 28px; height: 28px; }" + FOCUS_STYLE
        )
        self.saved_label: QLabel = find(QLabel, "savedLabel")
        self.groups = {
            "mode": self._group("mode", MODES),
            "outcome": self._group("outcome", OUTCOMES),
            "met": self._group("met", ROLES),
            "answered": self._group("answered", ANSWERS),
        }
        self.texts: dict[str, QLineEdit | QPlainTextEdit] = {
            name: find(QLineEdit, name) or find(QPlainTextEdit, name)
            for name in ("proxyName", "proxyRelation", "proxyReason", "conditions", "opinions",
                         "cash", "goods", "offReason", "visitors", "attemptedAt")
        }  # fmt: skip
        for name in ("cash", "attemptedAt"):  # amounts and times: no IME
            self.texts[name].setAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled, False)
        self.cannot_sign: QComboBox = find(QComboBox, "cannotSign")
        self.cannot_sign.addItem(t("能签名"), "")
        for reason in CANNOT_SIGN:
            self.cannot_sign.addItem(t("不能签名：") + label(reason), str(reason))
        self.phone_note: QLabel = find(QLabel, "phoneNote")
        self.cash_note: QLabel = find(QLabel, "cashNote")
        self.transfer_due: QCheckBox = find(QCheckBox, "transferDue")
        self.transfer_due.toggled.connect(lambda _on: self._choice_changed())
        self.texts["goods"].textChanged.connect(lambda _t: self._update_button())
        self.revisit: QDateEdit = find(QDateEdit, "revisitOn")
        self.save_button: QPushButton = find(QPushButton, "saveButton")
        self._autosave = QTimer(self, singleShot=True, interval=1000)
        self._autosave.timeout.connect(self.save_draft_now)
        for widget in self.texts.values():
            widget.textChanged.connect(self._autosave.start)
        self.cannot_sign.currentIndexChanged.connect(lambda _i: self._choice_changed())
        self.revisit.dateChanged.connect(lambda _d: self._choice_changed())
        self.save_button.clicked.connect(self.save)
        find(QPushButton, "backButton").clicked.connect(self.leave)
        QShortcut(QKeySequence("Ctrl+S"), self).activated.connect(self.save_draft_now)
        self.aids = self._set_up_aids()
        self.household: HouseholdCard | None = None
        self.payment = Payment.CASH  # the household's, as the assignment bundle carried it
        self.error_text = ""

    def _set_up_aids(self) -> FormAids:
        """The form translated, its choices sized, and its aids (keys, rail, messages)."""
        aids = FormAids(self.form, self.groups, lambda name: self.form.findChild(QWidget, name))
        for widget in self.texts.values():
            widget.textChanged.connect(self._show_rail)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._focus_moved)
        translate_tree(self.form)
        for name, group in self.groups.items():
            fit_bold(group.buttons())
            wrap_wide(self.form, name, group.buttons())
        return aids

    def _group(self, name: str, values: tuple[StrEnum, ...]) -> QButtonGroup:
        group = QButtonGroup(self)
        group.setExclusive(True)
        for n, value in enumerate(values, start=1):
            button: QPushButton = self.form.findChild(QPushButton, f"{name}{n}")
            button.setProperty("value", str(value))
            group.addButton(button, n)
        group.idClicked.connect(lambda _id: self._choice_changed())
        return group

    # --- opening and the draft -------------------------------------------------------------

    def open(self, household: HouseholdCard, start_from: VisitInput | None = None) -> None:
        """The form for ``household``: its draft, or the values of ``start_from`` (a voided
        record being entered again), or the defaults."""
        self.household = household
        self.payment = payment_of(self.store, household.id)
        self.title.setText(t("走访：{name}（身份证尾号{tail}）", name=household.name,
                             tail=household.id_number[-4:]))  # fmt: skip
        draft = load_draft(self.store, household.id)
        again = _form_values(start_from) if start_from is not None and not draft else {}
        values = self._defaults() | again | (draft or {})
        for name, group in self.groups.items():
            choices = {"mode": MODES, "outcome": OUTCOMES, "met": ROLES, "answered": ANSWERS}
            index = choices[name].index(values[name])
            group.button(index + 1).setChecked(True)
        for name, widget in self.texts.items():
            widget.blockSignals(True)
            if isinstance(widget, QPlainTextEdit):
                widget.setPlainText(values.get(name, ""))
            else:
                widget.setText(values.get(name, ""))
            widget.blockSignals(False)
        for other in (self.cannot_sign, self.revisit, self.transfer_due):
            other.blockSignals(True)
        self.transfer_due.setChecked(bool(values["transferDue"]))
        self.cannot_sign.setCurrentIndex(max(self.cannot_sign.findData(values["cannotSign"]), 0))
        self.revisit.setDate(QDate.fromString(values["revisitOn"], "yyyy-MM-dd"))
        for other in (self.cannot_sign, self.revisit, self.transfer_due):
            other.blockSignals(False)
        self.phone_note.setText(self._phone_note())
        self.saved_label.setText(t("已恢复草稿") if draft else "")
        self.aids.clear_error()
        self._choice_changed(save=False)
        self.groups["mode"].checkedButton().setFocus()

    def _defaults(self) -> dict[str, Any]:
        card = self.household
        # A household paid by transfer gets no cash by hand: the field stays empty.
        cash = card.cash_fen if card and not self._by_transfer() else None
        mode = planned_mode(self.store, card.id) if card else VisitMode.HOME
        return {
            "mode": str(mode), "outcome": str(DONE), "met": str(RecipientRole.SELF),
            "answered": str(PhoneAnswer.SELF),
            "cash": format_yuan(cash) if cash is not None else "",
            "goods": (card.goods if card else None) or "",
            "visitors": default_visitors(self.store), "cannotSign": "",
            "attemptedAt": "", "transferDue": self._by_transfer(),
            "revisitOn": (clock.today() + timedelta(days=1)).isoformat(),
        }  # fmt: skip

    def values(self) -> dict[str, Any]:
        result: dict[str, Any] = {
            name: group.checkedButton().property("value") for name, group in self.groups.items()
        }
        for name, widget in self.texts.items():
            result[name] = (
                widget.toPlainText() if isinstance(widget, QPlainTextEdit) else widget.text()
            )
        result["cannotSign"] = self.cannot_sign.currentData() or ""
        result["transferDue"] = self.transfer_due.isChecked()
        result["revisitOn"] = self.revisit.date().toString("yyyy-MM-dd")
        return result

    def _show_row(self, label: str, widgets: tuple[QWidget, ...], visible: bool) -> None:
        self.form.findChild(QLabel, label).setVisible(visible)
        for widget in widgets:
            widget.setVisible(visible)

    def _phone_note(self) -> str:
        note = t("电话慰问不当面发放慰问金（品），也不签名；慰问金可另行转账。")
        if self.household and must_reach_rule(self.store).of(self.household.id):
            note += t("这一户须联系到本人：家属接听或无人接听不算已慰问。")
        return note

    def _choice_changed(self, *, save: bool = True) -> None:
        chosen = {name: g.checkedButton().property("value") for name, g in self.groups.items()}
        phone = chosen["mode"] == VisitMode.PHONE
        # By phone nobody is met and nothing is handed over or signed (UX: 保存, never the
        # recipient screen); who answered is asked instead.
        self._show_row("phoneLabel", (*self.groups["answered"].buttons(), self.phone_note), phone)
        self._show_row("metLabel", tuple(self.groups["met"].buttons()), not phone)
        proxy = chosen["met"] == RecipientRole.PROXY and not phone
        for name in ("proxyName", "proxyRelation", "proxyReason"):
            self._show_row(f"{name}Label", (self.texts[name],), proxy)
        done = chosen["outcome"] == DONE
        by_hand = done and not phone
        for name in ("cash", "goods", "offReason"):
            self._show_row(f"{name}Label", (self.texts[name],), by_hand)
        self._show_row("signLabel", (self.cannot_sign,), by_hand)
        self._show_payment(done, by_hand)
        again = chosen["outcome"] in NOT_MET
        self._show_row(
            "attemptLabel",
            (self.texts["attemptedAt"], self.revisit, self.form.findChild(QLabel, "revisitLabel")),
            again,
        )
        self._update_button()
        self._show_rail()
        if save:
            self.save_draft_now()

    def _show_rail(self) -> None:
        """The side rail: each section that applies now, 已填 or 未填, and where focus is."""
        if getattr(self, "household", None) is None:  # not opened (or still being built)
            return
        v = self.values()
        phone = v["mode"] == VisitMode.PHONE
        by_hand = v["outcome"] == DONE and not phone
        proxy = v["met"] == RecipientRole.PROXY and not phone
        met = all(v[n].strip() for n in ("proxyName", "proxyRelation", "proxyReason"))
        state: dict[str, bool | None] = {
            "mode": True, "answered": True if phone else None, "outcome": True,
            "met": None if phone else (met or not proxy),
            "attempt": bool(v["attemptedAt"].strip()) if v["outcome"] in NOT_MET else None,
            "conditions": bool(v["conditions"].strip()), "opinions": bool(v["opinions"].strip()),
            "handover": (bool(v["cash"].strip() or v["goods"].strip() or v["transferDue"])
                         if by_hand else None),
        }  # fmt: skip
        targets: dict[str, QWidget] = {n: g.checkedButton() for n, g in self.groups.items()}
        targets |= {"attempt": self.texts["attemptedAt"], "conditions": self.texts["conditions"],
                    "opinions": self.texts["opinions"],
                    "handover": self.texts["cash"] if self.texts["cash"].isEnabled()
                    else self.texts["goods"]}  # fmt: skip
        if proxy and not met:
            targets["met"] = next(self.texts[n] for n in ("proxyName", "proxyRelation",
                                  "proxyReason") if not v[n].strip())  # fmt: skip
        focused = QApplication.focusWidget()
        here = next((n for n, g in self.groups.items() if focused in g.buttons()), "")
        here = here or next((s for s, w in targets.items() if w is focused), "")
        self.aids.rail.targets = targets
        self.aids.rail.show_state(state, here)

    def _focus_moved(self, _old: QWidget | None, _new: QWidget | None) -> None:
        self._show_rail()  # the section with the focus is marked ▶

    def _by_transfer(self) -> bool:
        return self.payment == Payment.TRANSFER

    def _show_payment(self, done: bool, by_hand: bool) -> None:
        """A household paid by transfer: its money goes to its card, so the cash field is
        disabled with the reason, and the visit (in person or by phone) can mark the transfer
        due. Goods by hand are still handed over and signed for."""
        transfer = self._by_transfer()
        self.texts["cash"].setEnabled(not transfer)
        self.cash_note.setText(
            t("此户慰问金由财务转账到本人银行卡，慰问组不发现金") if transfer else ""
        )
        self.cash_note.setVisible(transfer and by_hand)
        self._show_row("transferLabel", (self.transfer_due,), transfer and done)

    def _handed_by_hand(self) -> bool:
        """Whether the visit as chosen hands something over by hand (then it is signed for)."""
        v = self.values()
        if v["outcome"] != DONE or v["mode"] == VisitMode.PHONE:
            return False
        if not (self.household and self.household.category_code):
            return False
        return not self._by_transfer() or bool(v["goods"].strip())

    def _update_button(self) -> None:
        handover = self._handed_by_hand()
        self.save_button.setText(t("交受助人确认") if handover else t("保存(&S)"))

    def save_draft_now(self) -> None:
        if self.household:
            saved = save_draft(self.store, self.household.id, self.values())
            self.saved_label.setText(t("已自动保存 {time}", time=saved.strftime("%H:%M:%S")))

    # --- saving the visit ----------------------------------------------------------------

    def visit_input(self) -> VisitInput:
        v = self.values()
        handovers: tuple[Handover, ...] = ()
        card = self.household
        if card is None:
            raise RuntimeError("visit_input before open")  # the form is shown only once opened
        phone = v["mode"] == VisitMode.PHONE
        if v["outcome"] == DONE and card.category_code and (not phone or self._by_transfer()):
            handovers = self._handovers(v, card.category_code, card.goods_fen or 0, phone)
        again = v["outcome"] in NOT_MET
        visitors = v["visitors"].replace("，", "、").replace(",", "、").split("、")
        return VisitInput(
            household_id=card.id, day=clock.today(), mode=VisitMode(v["mode"]),
            outcome=Outcome(v["outcome"]),
            recipient_role=RecipientRole.SELF if phone else RecipientRole(v["met"]),
            proxy_name="" if phone else v["proxyName"].strip(),
            proxy_relation="" if phone else v["proxyRelation"].strip(),
            proxy_reason="" if phone else v["proxyReason"].strip(),
            answered=PhoneAnswer(v["answered"]) if phone else None,
            visitors=tuple(n.strip() for n in visitors if n.strip()),
            conditions=v["conditions"], opinions=v["opinions"], handovers=handovers,
            attempted_at=v["attemptedAt"].strip() if again else "",
            revisit_on=date.fromisoformat(v["revisitOn"]) if again else None,
            cannot_sign=CannotSign(v["cannotSign"])
            if v["outcome"] == DONE and v["cannotSign"] and not phone else None,
        )  # fmt: skip

    def _handovers(self, v: dict[str, Any], code: str, standard_goods: int,
                   phone: bool) -> tuple[Handover, ...]:  # fmt: skip
        """What 已慰问 hands over: cash and goods by hand; to a household paid by transfer,
        goods by hand (not by phone) and the transfer marked due, with no amount."""
        transfer = self._by_transfer()
        try:
            cash = 0 if transfer else parse_optional_money(v["cash"]) or 0
        except InvalidInput as error:
            self.texts["cash"].setFocus()
            raise error
        goods = "" if phone else v["goods"].strip()
        due = transfer and bool(v["transferDue"])
        if transfer and not goods and not due:
            return ()
        return (Handover(
            category_code=code, cash_fen=cash, goods=goods,
            goods_fen=standard_goods if goods else 0, transfer=due,
            off_standard_reason="" if phone else v["offReason"],
        ),)  # fmt: skip

    def _show_error(self, error: WarmVisitError) -> None:
        self.error_text = render(error, language())
        # Beside the field that answers it, which takes the focus; else next to the button.
        beside = self.aids.show_error(error.key, self.error_text)
        self.saved_label.setText("" if beside else self.error_text)

    def save(self) -> None:
        """保存, or 交受助人确认 when something is handed over (Ctrl+Enter)."""
        self.aids.clear_error()  # checked again now: a sentence shown stays only if still true
        self.save_draft_now()
        try:
            prepared = prepare_visit(self.store, self.visit_input())
            if prepared.needs_signature:
                self.sign_requested.emit(prepared)
                return
            record_visit(self.store, prepared.visit, prepared=prepared)
        except WarmVisitError as error:
            self._show_error(error)
            return
        if self.household:
            discard_draft(self.store, self.household.id)
        self.household = None
        self.finished.emit(True)

    def signing_ended(self, end: SigningEnd) -> None:
        """Signed: the visit is stored and its draft gone. Else the form is intact; the ink
        is gone, and why it did not count is said next to the button."""
        if end.outcome is SigningOutcome.SIGNED:
            self.household = None
        elif end.outcome is SigningOutcome.IDLE:
            self.saved_label.setText(t("签名未完成，已清除，请重新交受助人签名"))
        elif end.outcome is SigningOutcome.REFUSED and isinstance(end.error, WarmVisitError):
            self._show_error(end.error)

    def stop_autosave(self) -> None:
        self._autosave.stop()

    def leave(self) -> None:
        """Back to the list: the draft stays (Esc never discards)."""
        self._autosave.stop()
        self.save_draft_now()
        self.household = None
        self.finished.emit(False)

    def keyPressEvent(self, event: Any) -> None:  # noqa: N802
        key = event.key()
        focused = self.focusWidget()
        for group in self.groups.values():
            if focused in group.buttons() and Qt.Key.Key_1 <= key <= Qt.Key.Key_9:
                button = group.button(key - Qt.Key.Key_0)
                if button is not None:
                    button.setChecked(True)
                    button.setFocus()
                    self._choice_changed()
                return
        if key == Qt.Key.Key_Escape:
            self.leave()
            return
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
                self.save()
            else:  # a field let Enter through (a note keeps it for its newline): next field
                self.aids.next_field(focused)
            return
        super().keyPressEvent(event)
