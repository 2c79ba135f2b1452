"""慰问组与分派: the teams (leader, members, area) with their households, a team added; the
confirmed households given to teams by street, by unit or evenly after a preview of the counts,
or the rows chosen to one team by hand; and the households no team has, always in view
(不漏户)."""

from __future__ import annotations

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.domain.errors import WarmVisitError
from app.domain.id_number import mask_id
from app.i18n import N_, pgettext, render
from app.services.teams import assignment as teams
from app.store.db import Store
from app.ui.lang import language, t
from app.ui.office.campaign_parts import Part
from app.ui.office.page import OfficePage
from app.ui.office.read_table import fill, read_table

MODES = (("area", N_("按街道(片区)")), ("unit", N_("按单位")), ("balanced", N_("平均分")))


class TeamsPart(Part):
    """The teams and the form that adds one."""

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(store, parent)
        self.table = read_table()
        self.table.setObjectName("teams")
        self.code, self.name, self.leader = QLineEdit(), QLineEdit(), QLineEdit()
        self.members, self.area, self.phone = QLineEdit(), QLineEdit(), QLineEdit()
        self.members.setPlaceholderText(t("用顿号或逗号隔开"))
        self.area.setPlaceholderText(t("如：新港街道、大沽街道"))
        form = QFormLayout()
        for text, field in ((t("代码(&D)："), self.code), (t("名称："), self.name),
                            (t("组长："), self.leader), (t("组员："), self.members),
                            (t("片区（街道）："), self.area),
                            (t("电话："), self.phone)):  # fmt: skip
            row_label = QLabel(text)
            row_label.setBuddy(field)
            form.addRow(row_label, field)
        self.add_button = QPushButton(t("新增慰问组(&N)"))
        self.add_button.clicked.connect(self.add)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.message, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table, 1)
        layout.addLayout(form)
        layout.addLayout(buttons)

    def refresh(self) -> None:
        self.loads = teams.list_teams(self.store)
        fill(self.table, [t("代码"), t("名称"), t("组长"), t("户数"), t("组员"), t("片区")],
             [(n.team.code, n.team.name, n.team.leader, n.households, n.team.members,
               n.team.area) for n in self.loads])  # fmt: skip

    def add(self) -> None:
        members = [m for m in self.members.text().replace("，", "、").replace(",", "、")
                   .split("、") if m.strip()]  # fmt: skip
        code = self.code.text().strip()
        if self.attempt(lambda: teams.add_team(
                self.store, code=code, name=self.name.text(), leader=self.leader.text(),
                members=members, area=self.area.text(), phone=self.phone.text()),
                t("已新增慰问组 {code}", code=code)):  # fmt: skip
            for edit in (self.code, self.name, self.leader, self.members, self.area, self.phone):
                edit.clear()


class TeamsPage(OfficePage):
    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(store, parent)
        self.open: tuple[teams.OpenHousehold, ...] = ()
        self.banner = QLabel()
        self.banner.setObjectName("unassigned")
        self.teams = TeamsPart(store)
        self.teams.changed.connect(self._changed)
        splitter = QSplitter()
        splitter.addWidget(self.teams)
        splitter.addWidget(self._assign_side())
        splitter.setSizes([560, 680])
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addWidget(splitter, 1)
        QShortcut(QKeySequence("Ctrl+Return"), self, self.assign)
        self.refresh()

    def title(self) -> str:
        return pgettext("page", "慰问组与分派")

    def _assign_side(self) -> QWidget:
        box = QGroupBox(t("自动分派未分组的确定户"))
        self.modes = []
        modes = QHBoxLayout()
        for code, word in MODES:
            radio = QRadioButton(t(word))
            radio.setProperty("mode", code)
            self.modes.append(radio)
            modes.addWidget(radio)
        self.modes[-1].setChecked(True)
        for radio in self.modes:
            radio.toggled.connect(lambda on: self.preview() if on else None)
        self.plan = QLabel()
        self.plan.setObjectName("plan")
        self.plan.setWordWrap(True)
        self.assign_button = QPushButton(t("分派(&A)"))
        self.assign_button.setToolTip("Ctrl+Enter")
        self.assign_button.clicked.connect(self.assign)
        inner = QVBoxLayout(box)
        inner.addLayout(modes)
        inner.addWidget(self.plan)
        inner.addWidget(self.assign_button)
        self.left = read_table()
        self.left.setObjectName("open")
        self.left.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.team_choice = QComboBox()
        self.by_hand = QPushButton(t("所选户分给(&H)"))
        self.by_hand.clicked.connect(self.assign_chosen)
        self.message = QLabel()
        self.message.setObjectName("message")
        self.message.setWordWrap(True)
        hand = QHBoxLayout()
        hand.addWidget(self.by_hand)
        hand.addWidget(self.team_choice, 1)
        side = QWidget()
        layout = QVBoxLayout(side)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(box)
        layout.addWidget(QLabel(t("未分组的确定户（可多选）：")))
        layout.addWidget(self.left, 1)
        layout.addLayout(hand)
        layout.addWidget(self.message)
        return side

    def refresh(self) -> None:
        self.teams.refresh()
        self.open = teams.unassigned_households(self.store)
        n = len(self.open)
        self.banner.setText(t("确定户中有{n:,}户未分组", n=n) if n else t("未分组 0 ✓"))
        self.banner.setStyleSheet("font-size: 18px; font-weight: bold; color: %s;"
                                  % ("#a11" if n else "#176b2c"))  # fmt: skip
        fill(self.left, [t("姓名"), t("身份证号"), t("单位"), t("街道"), t("地址")],
             [(h.name, mask_id(h.id_number), h.unit, h.street, h.address)
              for h in self.open])  # fmt: skip
        codes = [n.team.code for n in self.teams.loads]
        self.team_choice.clear()
        for load in self.teams.loads:
            self.team_choice.addItem(f"{load.team.code} {load.team.name}", load.team.code)
        self.by_hand.setEnabled(bool(codes) and bool(self.open))
        self.preview()

    def mode(self) -> str:
        return next(str(r.property("mode")) for r in self.modes if r.isChecked())

    def preview(self) -> None:
        """The counts the chosen mode would give, read from a rehearsal (nothing kept)."""
        if not self.open or not self.teams.loads:
            self.plan.setText(t("没有要分派的户") if not self.open else t("先新增慰问组"))
            self.assign_button.setEnabled(False)
            return
        try:
            done = teams.preview_assign(self.store, self.mode())
        except WarmVisitError as error:  # a refusal (no team has an area): its sentence
            self.plan.setText(render(error, language()))
            self.assign_button.setEnabled(False)
            return
        parts = [f"{code} +{n:,}" for code, n in done.assigned.items()]
        parts.append(t("仍未分组 {n:,}", n=len(done.unassigned)))
        self.plan.setText(t("将分派：") + " · ".join(parts))
        self.assign_button.setEnabled(any(done.assigned.values()))

    def assign(self) -> None:
        if not self.assign_button.isEnabled():
            return
        done = teams.assign_by(self.store, self.mode())
        self.message.setText(t("已分派：") + " · ".join(
            f"{code} +{n:,}" for code, n in done.assigned.items()))  # fmt: skip
        self._changed()

    def assign_chosen(self) -> None:
        rows = sorted({i.row() for i in self.left.selectionModel().selectedRows()})
        chosen = [self.open[r].id_number for r in rows if r < len(self.open)]
        code = self.team_choice.currentData()
        if not chosen or not code:
            self.message.setText(t("先在表中选中要分派的户"))
            return
        moved = teams.assign_households(self.store, code, chosen)
        self.message.setText(t("已把{n}户分给 {team}", n=moved, team=code))
        self._changed()

    def _changed(self) -> None:
        self.refresh()
        self.changed.emit()
