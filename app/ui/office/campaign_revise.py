"""修改活动设置…: one of the campaign's facts changed after it was created, with a reason — the
value it had, a preview of what the change does (how many households' rule results change, for
低保标准 and the thresholds), and every change so far (app.services.campaign.facts)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.campaign import CampaignField
from app.domain.errors import WarmVisitError
from app.domain.money import format_fen
from app.i18n import label, render
from app.services.campaign import facts
from app.services.infra.context import require_campaign
from app.store.db import Store
from app.ui.lang import language, t
from app.ui.office.read_table import fill, read_table

_MONEY = (CampaignField.MIN_LIVING, CampaignField.HARDSHIP_COST)


def shown(field: CampaignField, stored: str) -> str:
    """A stored value as the clerk reads it (money in yuan)."""
    return format_fen(int(stored)) if field in _MONEY else stored


def editable(field: CampaignField, stored: str) -> str:
    """A stored value as the clerk would type it (money: yuan without the sign)."""
    return f"{int(stored) / 100:.2f}" if field in _MONEY else stored


class ReviseDialog(QDialog):
    """One form: which fact, the new value, the reason; 预览 and 保存; the history below.
    ``changed`` after a change is saved."""

    changed = Signal()

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.setWindowTitle(t("修改活动设置"))
        self.field = QComboBox()
        for f in CampaignField:
            self.field.addItem(label(f, language()), f.value)
        self.field.currentIndexChanged.connect(self._field_chosen)
        self.current = QLabel()
        self.current.setObjectName("current")
        self.value, self.reason = QLineEdit(), QLineEdit()
        self.reason.setPlaceholderText(t("必填：为什么改"))
        self.consequence = QLabel()
        self.consequence.setObjectName("consequence")
        self.consequence.setWordWrap(True)
        self.consequence.setStyleSheet("color: #14539a;")
        self.value.textChanged.connect(lambda _: self.consequence.clear())
        self.message = QLabel()
        self.message.setObjectName("message")
        self.message.setWordWrap(True)
        form = QFormLayout()
        rows = (
            (t("设置项(&F)："), self.field),
            (t("现在："), self.current),
            (t("改为(&V)："), self.value),
            (t("原因(&R)："), self.reason),
        )
        for text, widget in rows:
            row_label = QLabel(text)
            row_label.setBuddy(widget)
            form.addRow(row_label, widget)
        self.preview_button = QPushButton(t("预览影响(&P)"))
        self.save_button = QPushButton(t("保存修改(&S)"))
        self.close_button = QPushButton(t("关闭"))
        self.preview_button.clicked.connect(self.preview)
        self.save_button.clicked.connect(self.save)
        self.close_button.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        for button in (self.preview_button, self.save_button, self.close_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        self.history = read_table()
        self.history.setObjectName("history")
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.consequence)
        layout.addLayout(buttons)
        layout.addWidget(self.message)
        layout.addWidget(QLabel(t("修改记录（只增不改）：")))
        layout.addWidget(self.history, 1)
        self.resize(760, 480)
        self.refresh()

    def chosen(self) -> CampaignField:
        return CampaignField(self.field.currentData())

    def refresh(self) -> None:
        self._field_chosen()
        changes = facts.campaign_history(self.store)
        fill(self.history, [t("时间"), t("设置项"), t("改前"), t("改后"), t("原因"), t("操作人")],
             [(f"{c.at:%Y-%m-%d %H:%M}", label(c.field, language()), shown(c.field, c.before),
               shown(c.field, c.after), c.reason, c.by) for c in changes])  # fmt: skip

    def _field_chosen(self) -> None:
        field = self.chosen()
        stored = facts.current_value(require_campaign(self.store), field)
        self.current.setText(shown(field, stored))
        self.value.setText(editable(field, stored))
        self.consequence.clear()

    def _fail(self, error: WarmVisitError) -> None:
        self.message.setStyleSheet("color: #a11;")
        self.message.setText(render(error, language()))

    def preview(self) -> None:
        try:
            then = facts.preview_change(self.store, self.chosen().value, self.value.text())
        except WarmVisitError as error:
            self._fail(error)
            return
        self.message.clear()
        self.consequence.setText(
            t("改后有 {n:,} 户的符合条件结果会变", n=then.rules_changed)
            if then.rules_changed is not None else t("这一项不影响符合条件的计算"))  # fmt: skip

    def save(self) -> None:
        try:
            done = facts.change_campaign(self.store, self.chosen().value, self.value.text(),
                                         self.reason.text())  # fmt: skip
        except WarmVisitError as error:
            self._fail(error)
            return
        c, then = done.change, done.consequence
        text = t("已修改“{field}”：{before} → {after}", field=label(c.field, language()),
                 before=shown(c.field, c.before), after=shown(c.field, c.after))  # fmt: skip
        if then.rules_changed:
            text += t("；{n:,} 户的符合条件结果随之改变", n=then.rules_changed)
        if then.visits_outside:
            text += t("；注意：{n:,} 次已记录的走访在新的走访时间之外，已列入问题清单",
                      n=then.visits_outside)  # fmt: skip
        self.message.setStyleSheet("")
        self.message.setText(text)
        self.reason.clear()
        index = self.field.currentIndex()
        self.refresh()
        self.field.setCurrentIndex(index)
        self.changed.emit()
