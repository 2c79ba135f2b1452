"""Screen 3, the visit record: one form, keyboard first, saved as it is typed (UX.md §3, §8).

Defaults are the common case (上门, 已慰问, 本人; cash and goods from the category standard).
Choice groups are big toggle buttons; keys 1–9 pick in the focused group. The draft is saved
1 s after typing stops and on every choice; a crash brings it back.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.errors import InvalidInput, WarmVisitError
from app.domain.money import format_yuan, parse_optional_money
from app.domain.visits import DONE, MODES, OUTCOMES, Handover, VisitInput
from app.messages import render
from app.services.drafts import discard_draft, load_draft, save_draft
from app.services.visits import record_visit
from app.store.db import Store

ROLES = ("本人", "代领")


class VisitPage(QWidget):
    finished = Signal(bool)  # True when a visit was saved

    def __init__(self, store: Store, load_form: Any, parent: QWidget | None = None) -> None:
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
        )
        self.saved_label: QLabel = find(QLabel, "savedLabel")
        self.groups = {
            "mode": self._group("mode", MODES),
            "outcome": self._group("outcome", OUTCOMES),
            "met": self._group("met", ROLES),
        }
        self.texts: dict[str, QLineEdit | QPlainTextEdit] = {
            name: find(QLineEdit, name) or find(QPlainTextEdit, name)
            for name in ("proxyName", "proxyRelation", "proxyReason", "conditions", "opinions",
                         "cash", "goods", "offReason")
        }  # fmt: skip
        cash = self.texts["cash"]
        cash.setAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled, False)  # amounts: no IME
        self._autosave = QTimer(self, singleShot=True, interval=1000)
        self._autosave.timeout.connect(self.save_draft_now)
        for widget in self.texts.values():
            widget.textChanged.connect(self._autosave.start)
        find(QPushButton, "saveButton").clicked.connect(self.save)
        find(QPushButton, "backButton").clicked.connect(self.leave)
        self.household: dict[str, Any] = {}

    def _group(self, name: str, values: tuple[str, ...]) -> QButtonGroup:
        group = QButtonGroup(self)
        group.setExclusive(True)
        for n, value in enumerate(values, start=1):
            button: QPushButton = self.form.findChild(QPushButton, f"{name}{n}")
            button.setProperty("value", value)
            group.addButton(button, n)
        group.idClicked.connect(lambda _id: self._choice_changed())
        return group

    # --- opening and the draft -------------------------------------------------------------

    def open(self, household: dict[str, Any]) -> None:
        self.household = household
        self.title.setText(f"走访：{household['name']}（身份证尾号{household['id_number'][-4:]}）")
        draft = load_draft(self.store, household["id"])
        values = draft or self._defaults()
        for name, group in self.groups.items():
            index = {"mode": MODES, "outcome": OUTCOMES, "met": ROLES}[name].index(values[name])
            group.button(index + 1).setChecked(True)
        for name, widget in self.texts.items():
            widget.blockSignals(True)
            if isinstance(widget, QPlainTextEdit):
                widget.setPlainText(values.get(name, ""))
            else:
                widget.setText(values.get(name, ""))
            widget.blockSignals(False)
        self.saved_label.setText("已恢复草稿" if draft else "")
        self._choice_changed(save=False)
        self.groups["mode"].button(1).setFocus()

    def _defaults(self) -> dict[str, Any]:
        cash = self.household.get("cash_fen")
        return {
            "mode": "上门", "outcome": DONE, "met": "本人",
            "cash": format_yuan(cash) if cash is not None else "",
            "goods": self.household.get("goods") or "",
        }  # fmt: skip

    def values(self) -> dict[str, Any]:
        result: dict[str, Any] = {
            name: group.checkedButton().property("value") for name, group in self.groups.items()
        }
        for name, widget in self.texts.items():
            result[name] = (
                widget.toPlainText() if isinstance(widget, QPlainTextEdit) else widget.text()
            )
        return result

    def _choice_changed(self, *, save: bool = True) -> None:
        proxy = self.groups["met"].checkedButton().property("value") == "代领"
        for name in ("proxyName", "proxyRelation", "proxyReason"):
            self.texts[name].setVisible(proxy)
            self.form.findChild(QLabel, f"{name}Label").setVisible(proxy)
        if save:
            self.save_draft_now()

    def save_draft_now(self) -> None:
        if self.household:
            saved = save_draft(self.store, self.household["id"], self.values())
            self.saved_label.setText(f"已自动保存 {saved[11:19]}")

    # --- saving the visit ----------------------------------------------------------------

    def visit_input(self) -> VisitInput:
        v = self.values()
        handovers: tuple[Handover, ...] = ()
        if v["outcome"] == DONE and self.household.get("category_code"):
            try:
                cash = parse_optional_money(v["cash"]) or 0
            except InvalidInput as error:
                self.texts["cash"].setFocus()
                raise error
            standard_goods = self.household.get("goods_fen") or 0
            goods = v["goods"].strip()
            handovers = (Handover(
                category_code=self.household["category_code"], cash_fen=cash, goods=goods,
                goods_fen=standard_goods if goods else 0, off_standard_reason=v["offReason"],
            ),)  # fmt: skip
        return VisitInput(
            household_id=self.household["id"], day=date.today(), mode=v["mode"],
            outcome=v["outcome"], recipient_role=v["met"], proxy_name=v["proxyName"],
            proxy_relation=v["proxyRelation"], proxy_reason=v["proxyReason"],
            conditions=v["conditions"], opinions=v["opinions"], handovers=handovers,
        )  # fmt: skip

    def save(self) -> None:
        try:
            record_visit(self.store, self.visit_input())
        except WarmVisitError as error:
            self.saved_label.setText(render(error))  # the sentence, next to the button
            return
        discard_draft(self.store, self.household["id"])
        self.household = {}
        self.finished.emit(True)

    def leave(self) -> None:
        """Back to the list: the draft stays (Esc never discards)."""
        self._autosave.stop()
        self.save_draft_now()
        self.household = {}
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
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and (
            event.modifiers() & Qt.KeyboardModifier.ControlModifier
        ):
            self.save()
            return
        super().keyPressEvent(event)
