"""活动设置: the campaign's facts, its categories with the budget beside them — the total
following the standard as the clerk types it, before anything is saved — other costs and the
reporting units. A category is added whole; a standard changes with a reason (kept as a
revision, sent to the teams with their next bundle); the payment mode is the category's."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
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
from app.domain.money import format_fen, parse_optional_money
from app.domain.payment import Payment
from app.i18n import label, pgettext
from app.services.campaign import budget as budgets
from app.services.campaign import revisions, setup
from app.services.transfers import accounts
from app.store.db import Store
from app.ui.lang import language, t
from app.ui.office.campaign_parts import CampaignFacts, CostsPart, Part, UnitsPart
from app.ui.office.campaign_print import PrintPart
from app.ui.office.page import OfficePage
from app.ui.office.read_table import fill, read_table


def budget_line(b: budgets.Budget) -> str:
    """合计 21户 · ¥3,280.00（类别 ¥3,100.00 + 其他 ¥180.00）"""
    return t("合计 {n:,}户 · {total}（类别 {cats} + 其他费用 {other}）", n=b.households,
             total=format_fen(b.total_fen), cats=format_fen(b.categories_fen),
             other=format_fen(b.other_costs_fen))  # fmt: skip


class CategoriesPart(Part):
    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(store, parent)
        self.budget: budgets.Budget | None = None
        self.table = read_table()
        self.table.setObjectName("categories")
        self.table.itemSelectionChanged.connect(self._chosen)
        self.total = QLabel()
        self.total.setObjectName("total")
        self.total.setStyleSheet("font-size: 20px; font-weight: bold;")
        self.what_if = QLabel()
        self.what_if.setObjectName("what_if")
        self.what_if.setStyleSheet("font-size: 16px; color: #14539a;")
        self.code, self.name, self.cash = QLineEdit(), QLineEdit(), QLineEdit()
        self.goods, self.goods_value, self.reason = QLineEdit(), QLineEdit(), QLineEdit()
        self.reason.setPlaceholderText(t("改标准时必填"))
        self.payment = QComboBox()
        for p in Payment:
            self.payment.addItem(label(p, language()), p.value)
        for edit in (self.code, self.cash, self.goods_value):
            edit.textChanged.connect(self._live)
        form = QFormLayout()
        for text, field in ((t("代码(&D)："), self.code), (t("名称："), self.name),
                            (t("慰问金（元/户）(&J)："), self.cash), (t("慰问品："), self.goods),
                            (t("慰问品价值（元/户）："), self.goods_value),
                            (t("发放方式："), self.payment),
                            (t("原因："), self.reason)):  # fmt: skip
            row_label = QLabel(text)
            row_label.setBuddy(field)
            form.addRow(row_label, field)
        self.add_button = QPushButton(t("新增类别(&A)"))
        self.save_button = QPushButton(t("保存修改(&S)"))
        self.add_button.clicked.connect(self.add)
        self.save_button.clicked.connect(self.save)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.message, 1)
        # The table and the totals on the left, the category's form beside them: at 125 % the
        # window has ~530 px of height, too little for both one above the other.
        left = QVBoxLayout()
        left.addWidget(self.table, 1)
        left.addWidget(self.total)
        left.addWidget(self.what_if)
        right = QVBoxLayout()
        right.addLayout(form)
        right.addLayout(buttons)
        right.addStretch(1)
        self.total.setWordWrap(True)
        layout = QHBoxLayout(self)
        layout.addLayout(left, 3)
        layout.addLayout(right, 2)

    def refresh(self) -> None:
        b = self.budget = budgets.compute_budget(self.store)
        self.categories = setup.list_categories(self.store)
        payment = {c.code: label(c.payment, language()) for c in self.categories}
        fill(self.table, [t("代码"), t("类别"), t("慰问金"), t("慰问品"), t("价值"), t("方式"),
                          t("户数"), t("小计")],
             [(line.code, line.name, format_fen(line.cash_each_fen), line.goods,
               format_fen(line.goods_each_fen), payment.get(line.code, ""), line.count,
               format_fen(line.subtotal_fen)) for line in b.lines])  # fmt: skip
        text = budget_line(b)
        if b.uncategorised:
            text += t("；另有{n:,}户未定类别，未计入", n=b.uncategorised)
        self.total.setText(text)
        self._live()

    def _chosen(self) -> None:
        row = self.table.currentRow()
        if not 0 <= row < len(self.categories):
            return
        c = self.categories[row]
        self.code.setText(c.code)
        self.name.setText(c.name)
        self.cash.setText(f"{c.cash_fen / 100:.2f}")
        self.goods.setText(c.goods)
        self.goods_value.setText(f"{c.goods_fen / 100:.2f}" if c.goods_fen else "")
        self.payment.setCurrentIndex(max(self.payment.findData(c.payment.value), 0))
        self.reason.clear()

    def _live(self) -> None:
        """The total were the standard typed saved: shown as the clerk types."""
        b, code = self.budget, self.code.text().strip()
        try:
            cash = parse_optional_money(self.cash.text().strip())
            goods = parse_optional_money(self.goods_value.text().strip()) or 0
        except WarmVisitError:
            self.what_if.setText(t("金额看不懂"))
            return
        if b is None or not code or cash is None:
            self.what_if.clear()
            return
        after = budgets.with_standard(b, code, cash, goods, name=self.name.text().strip())
        delta = after.total_fen - b.total_fen
        self.what_if.setText("" if not delta else t(
            "按此标准：{total}（{sign}{delta}）", total=format_fen(after.total_fen),
            sign="+" if delta > 0 else "-", delta=format_fen(abs(delta))))  # fmt: skip

    def add(self) -> None:
        code, payment = self.code.text(), self.payment.currentData()

        def write() -> None:
            setup.add_category(self.store, code=code, name=self.name.text(),
                               cash=self.cash.text(), goods=self.goods.text(),
                               goods_value=self.goods_value.text())  # fmt: skip
            if payment != Payment.CASH.value:
                accounts.set_category_payment(self.store, code, payment)

        self.attempt(write, t("已新增类别 {code}", code=code.strip()))

    def save(self) -> None:
        """The standard (with its reason) and the payment mode, each only if it changed."""
        row = self.table.currentRow()
        if not 0 <= row < len(self.categories):
            self.message.setText(t("先在表中选一个类别"))
            return
        c = self.categories[row]

        def write() -> None:
            cash, goods = self.cash.text().strip(), self.goods.text().strip()
            value = self.goods_value.text().strip() or "0"
            try:
                changed = (parse_optional_money(cash), goods, parse_optional_money(value)) != (
                    c.cash_fen, c.goods, c.goods_fen)  # fmt: skip
            except WarmVisitError:
                changed = True  # the service names what is wrong
            if changed:
                revisions.change_standard(self.store, code=c.code, cash=cash, goods=goods,
                                          goods_value=value, reason=self.reason.text())  # fmt: skip
            if self.payment.currentData() != c.payment.value:
                accounts.set_category_payment(self.store, c.code, self.payment.currentData())

        self.attempt(write, t("已保存类别 {code}", code=c.code))


class CampaignPage(OfficePage):
    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(store, parent)
        self.facts = CampaignFacts(store)
        self.categories = CategoriesPart(store)
        self.costs = CostsPart(store)
        self.units = UnitsPart(store)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.categories, t("类别与预算"))
        self.tabs.addTab(self.costs, t("其他费用"))
        self.tabs.addTab(self.units, t("报送单位"))
        self.printing = PrintPart(store)
        self.tabs.addTab(self.printing, t("信函与公示"))
        for part in (self.facts, self.categories, self.costs, self.units, self.printing):
            part.changed.connect(self._changed)
        layout = QVBoxLayout(self)
        layout.addWidget(self.facts)
        layout.addWidget(self.tabs, 1)
        self.refresh()

    def title(self) -> str:
        return pgettext("page", "活动设置")

    def refresh(self) -> None:
        self.facts.refresh()
        has_campaign = self.facts.form.isHidden()
        self.tabs.setEnabled(has_campaign)
        if has_campaign:
            for part in (self.categories, self.costs, self.units, self.printing):
                part.refresh()

    def _changed(self) -> None:
        self.refresh()
        self.changed.emit()
