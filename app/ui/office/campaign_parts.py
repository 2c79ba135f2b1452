"""The parts of 活动设置: the campaign's own facts (a form to create it on a new store), other
costs and the reporting units — each change through the service that keeps it as a revision
with its reason (categories and the live budget: ``categories_tab``)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.domain.decisions import UnitKind
from app.domain.errors import WarmVisitError
from app.domain.money import format_fen
from app.domain.visits import VisitMode
from app.i18n import label, render
from app.services.campaign import revisions, setup, units
from app.services.infra.context import require_campaign
from app.services.visits import plan
from app.store.db import Store
from app.ui.lang import language, t
from app.ui.office.campaign_revise import ReviseDialog
from app.ui.office.read_table import fill, read_table


def date_edit(day: date | None = None) -> QDateEdit:
    edit = QDateEdit()
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    if day is not None:
        edit.setDate(QDate(day.year, day.month, day.day))
    return edit


def day_of(edit: QDateEdit) -> date:
    d = edit.date()
    return date(d.year(), d.month(), d.day())


class Part(QWidget):
    """A part that writes through a service: a refusal is shown as its sentence beside the
    buttons; ``changed`` after a write."""

    changed = Signal()

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.message = QLabel()
        self.message.setObjectName("message")
        self.message.setWordWrap(True)

    def attempt(self, write: Callable[[], object], done: str) -> bool:
        try:
            write()
        except WarmVisitError as error:
            self.message.setStyleSheet("color: #a11;")
            self.message.setText(render(error, language()))
            return False
        self.message.setStyleSheet("")
        self.message.setText(done)
        self.changed.emit()
        return True


class CampaignFacts(Part):
    """The campaign's name, organiser, window, 低保标准 and rule thresholds: shown; on a store
    with no campaign yet, the form that creates it."""

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(store, parent)
        self.facts = QLabel()
        self.facts.setObjectName("facts")
        self.facts.setStyleSheet("font-size: 16px; font-weight: bold;")
        self.facts.setWordWrap(True)
        self.form = QWidget()
        self.name, self.organizer = QLineEdit(), QLineEdit()
        self.start, self.end = date_edit(date.today()), date_edit(date.today())
        self.min_living, self.hardship = QLineEdit(), QLineEdit("20000")
        self.rules = [QSpinBox() for _ in range(3)]
        for spin, value in zip(self.rules, (150, 200, 300), strict=True):
            spin.setRange(1, 1000)
            spin.setValue(value)
            spin.setSuffix(" %")
        rules = QHBoxLayout()
        for spin in self.rules:
            rules.addWidget(spin)
        form = QFormLayout(self.form)
        for text, field in ((t("活动名称："), self.name), (t("主办："), self.organizer),
                            (t("走访开始："), self.start), (t("走访结束："), self.end),
                            (t("低保标准（元/人·月）："), self.min_living)):  # fmt: skip
            form.addRow(text, field)
        form.addRow(t("规则一、二、三（低保标准的倍数）："), rules)
        form.addRow(t("规则四：自付医疗费（元）："), self.hardship)
        self.create_button = QPushButton(t("建立活动(&C)"))
        self.create_button.clicked.connect(self.create_campaign)
        form.addRow(self.create_button, self.message)
        self.revise_button = QPushButton(t("修改活动设置…(&M)"))
        self.revise_button.clicked.connect(self.revise)
        self.revise_dialog: ReviseDialog | None = None
        top = QHBoxLayout()
        top.addWidget(self.facts, 1)
        top.addWidget(self.revise_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.form)

    def refresh(self) -> None:
        try:
            c = require_campaign(self.store)
        except WarmVisitError:
            self.facts.setText(t("还没有慰问活动：先填写下面的活动信息"))
            self.form.show()
            self.revise_button.hide()
            return
        self.revise_button.show()
        th = c.thresholds
        self.facts.setText(t(
            "{name} · {organizer} · 走访{start}至{end} · 低保标准{min} · "
            "规则{p1}%/{p2}%/{p3}% · 自付医疗费{cost}",
            name=c.name, organizer=c.organizer, start=c.start.isoformat(),
            end=c.end.isoformat(), min=format_fen(th.min_living_fen), p1=th.rule1_pct,
            p2=th.rule2_pct, p3=th.rule3_pct, cost=format_fen(th.hardship_cost_fen)))  # fmt: skip
        self.form.hide()

    def revise(self) -> None:
        """The form that changes a fact with its reason (window-modal, its history below)."""
        if self.revise_dialog is None:
            self.revise_dialog = ReviseDialog(self.store, self)
            self.revise_dialog.changed.connect(self.changed.emit)
        self.revise_dialog.refresh()
        self.revise_dialog.message.clear()
        self.revise_dialog.open()

    def create_campaign(self) -> None:
        p1, p2, p3 = (s.value() for s in self.rules)
        self.attempt(lambda: setup.init_campaign(
            self.store, name=self.name.text(), organizer=self.organizer.text(),
            start=day_of(self.start), end=day_of(self.end), min_living=self.min_living.text(),
            rule1_pct=p1, rule2_pct=p2, rule3_pct=p3, hardship_cost=self.hardship.text()),
            t("活动已建立"))  # fmt: skip


class CostsPart(Part):
    """Other costs (meals, fuel …): budgeted and spent, each change with a reason."""

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(store, parent)
        self.table = read_table()
        self.table.setObjectName("costs")
        self.table.itemSelectionChanged.connect(self._chosen)
        self.name, self.amount, self.actual = QLineEdit(), QLineEdit(), QLineEdit()
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(t("改动或移出时必填"))
        form = QFormLayout()
        for text, field in ((t("名称："), self.name), (t("预算（元）："), self.amount),
                            (t("实际支出（元，可空）："), self.actual),
                            (t("原因："), self.reason)):  # fmt: skip
            form.addRow(text, field)
        self.add_button = QPushButton(t("新增(&N)"))
        self.save_button = QPushButton(t("保存修改(&S)"))
        self.remove_button = QPushButton(t("移出预算(&R)"))
        self.add_button.clicked.connect(self.add)
        self.save_button.clicked.connect(self.save)
        self.remove_button.clicked.connect(self.remove)
        buttons = QHBoxLayout()
        for b in (self.add_button, self.save_button, self.remove_button):
            buttons.addWidget(b)
        buttons.addWidget(self.message, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(form)
        layout.addLayout(buttons)

    def refresh(self) -> None:
        self.lines = revisions.list_costs(self.store)
        fill(self.table, [t("名称"), t("预算"), t("实际支出")],
             [(c.name, format_fen(c.amount_fen),
               format_fen(c.actual_fen) if c.actual_fen is not None else "")
              for c in self.lines])  # fmt: skip

    def _chosen(self) -> None:
        row = self.table.currentRow()
        if 0 <= row < len(self.lines):
            line = self.lines[row]
            self.name.setText(line.name)
            self.amount.setText(f"{line.amount_fen / 100:.2f}")
            self.actual.setText(f"{line.actual_fen / 100:.2f}" if line.actual_fen else "")

    def add(self) -> None:
        name = self.name.text()
        self.attempt(lambda: revisions.add_cost(self.store, name=name, amount=self.amount.text()),
                     t("已新增 {name}", name=name.strip()))  # fmt: skip

    def save(self) -> None:
        name, actual = self.name.text(), self.actual.text().strip()
        self.attempt(lambda: revisions.set_cost(
            self.store, name=name, amount=self.amount.text().strip() or None,
            actual=actual or None, reason=self.reason.text()),
            t("已保存 {name}", name=name.strip()))  # fmt: skip

    def remove(self) -> None:
        name = self.name.text()
        self.attempt(lambda: revisions.remove_cost(self.store, name=name,
                                                   reason=self.reason.text()),
                     t("已移出 {name}", name=name.strip()))  # fmt: skip


class UnitsPart(Part):
    """Reporting units: kind, quota and deadline, for the unit chosen."""

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(store, parent)
        self.table = read_table()
        self.table.setObjectName("units")
        self.table.itemSelectionChanged.connect(self._chosen)
        self.kind = QComboBox()
        self.kind.addItem(t("（不设）"), "")
        for kind in UnitKind:
            self.kind.addItem(label(kind, language()), kind.value)
        self.quota = QSpinBox()
        self.quota.setRange(0, 1_000_000)
        self.quota.setSpecialValueText(t("不限"))
        self.has_deadline = QCheckBox(t("截止日期："))
        self.deadline = date_edit(date.today())
        deadline = QHBoxLayout()
        deadline.addWidget(self.has_deadline)
        deadline.addWidget(self.deadline, 1)
        self.mode = QComboBox()  # the unit's planned visit mode
        self.mode.addItem(t("（按全区）"), "")
        for mode in VisitMode:
            self.mode.addItem(label(mode, language()), mode.value)
        form = QFormLayout()
        form.addRow(t("类型："), self.kind)
        form.addRow(t("名额（户）："), self.quota)
        form.addRow(deadline)
        form.addRow(t("计划走访方式："), self.mode)
        self.save_button = QPushButton(t("保存所选单位(&S)"))
        self.save_button.clicked.connect(self.save)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.message, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(self._campaign_plan())
        layout.addWidget(self.table, 1)
        layout.addLayout(form)
        layout.addLayout(buttons)

    def _campaign_plan(self) -> QHBoxLayout:
        """The whole district's planned visit mode and the phone rule (a unit may differ)."""
        self.default_mode = QComboBox()
        for mode in VisitMode:
            self.default_mode.addItem(label(mode, language()), mode.value)
        self.must_reach = QCheckBox(t("电话走访须本人接听才算已慰问"))
        self.plan_button = QPushButton(t("保存全区走访方式"))
        self.plan_button.clicked.connect(self.save_plan)
        row = QHBoxLayout()
        row.addWidget(QLabel(t("全区计划走访方式：")))
        row.addWidget(self.default_mode)
        row.addWidget(self.must_reach)
        row.addStretch(1)
        row.addWidget(self.plan_button)
        return row

    def save_plan(self) -> None:
        mode, reach = self.default_mode.currentData(), self.must_reach.isChecked()

        def write() -> None:
            plan.set_planned_mode(self.store, mode, campaign=True)
            plan.set_phone_must_reach(self.store, reach)

        self.attempt(write, t("全区走访方式已保存"))

    def refresh(self) -> None:
        current = plan.visit_plan(self.store)
        self.default_mode.setCurrentIndex(max(self.default_mode.findData(
            current.default_mode.value), 0))  # fmt: skip
        self.must_reach.setChecked(current.phone_must_reach)
        self.own_modes = {u.name: u.mode for u in current.units if u.mode is not None}
        self.units = units.list_units(self.store)
        lang = language()
        fill(self.table, [t("单位"), t("类型"), t("名额"), t("截止"), t("户数"), t("占名额"),
                          t("待定标记"), t("走访方式")],
             [(u.name, label(u.kind, lang) if u.kind else "",
               u.quota if u.quota is not None else t("不限"),
               u.deadline.isoformat() if u.deadline else "", u.households, u.counted,
               u.open_marks, label(m, lang) if (m := self.own_modes.get(u.name)) else "")
              for u in self.units])  # fmt: skip

    def _chosen(self) -> None:
        row = self.table.currentRow()
        if 0 <= row < len(self.units):
            u = self.units[row]
            self.kind.setCurrentIndex(max(self.kind.findData(u.kind.value if u.kind else ""), 0))
            self.quota.setValue(u.quota or 0)
            self.has_deadline.setChecked(u.deadline is not None)
            if u.deadline:
                self.deadline.setDate(QDate(u.deadline.year, u.deadline.month, u.deadline.day))
            own = self.own_modes.get(u.name)
            self.mode.setCurrentIndex(max(self.mode.findData(own.value if own else ""), 0))

    def save(self) -> None:
        row = self.table.currentRow()
        if not 0 <= row < len(self.units):
            self.message.setText(t("先在表中选一个单位"))
            return
        name = self.units[row].name
        quota = self.quota.value() or None
        deadline = day_of(self.deadline) if self.has_deadline.isChecked() else None
        kind, mode = self.kind.currentData() or None, self.mode.currentData()
        own = self.own_modes.get(name)

        def write() -> None:
            units.set_units(self.store, name=name, kind=kind, quota=quota, deadline=deadline)
            if mode and (own is None or own.value != mode):  # a unit's own plan, kept as set
                plan.set_planned_mode(self.store, mode, units=[name])

        self.attempt(write, t("已保存 {name}", name=name))
