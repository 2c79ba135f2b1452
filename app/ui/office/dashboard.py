"""统计 (UX-OFFICE.md §7): where the campaign stands, per team and overall — assigned,
visited, not at home, problems; money against the budget and the floats; visits per day.

One read of the store in a worker; the last figures stay on screen meanwhile, with the time
they were read."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.domain.money import format_fen
from app.i18n import N_, pgettext
from app.services.infra.context import open_store
from app.services.oversight.dashboard import Dashboard, dashboard
from app.store.db import Store
from app.ui.charts import BarChart, Series
from app.ui.lang import t
from app.ui.office.page import OfficePage
from app.ui.worker import start_job

TEAM_COLUMNS = (N_("慰问组"), N_("分派"), N_("已慰问"), N_("不在家等"), N_("未走访"), N_("问题"),
                N_("现金"), N_("物品"), N_("转账"), N_("预算"), N_("备用金"))  # fmt: skip


class DashboardPage(OfficePage):
    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(store, parent)
        self.figures: Dashboard | None = None
        self._jobs: list[object] = []
        self.cards: list[QLabel] = []
        grid = QGridLayout()
        for i in range(6):
            card = QLabel()
            card.setObjectName(f"card{i}")
            card.setTextFormat(Qt.TextFormat.RichText)
            card.setStyleSheet("QLabel { background: #f4f6f8; border: 1px solid #d0d5da;"
                               " border-radius: 4px; padding: 8px; }")  # fmt: skip
            grid.addWidget(card, i // 3, i % 3)
            self.cards.append(card)
        self.teams_chart = BarChart()
        self.days_chart = BarChart()
        self.days_chart.empty = t("还没有走访")
        charts = QHBoxLayout()
        charts.addWidget(self.teams_chart, 3)
        charts.addWidget(self.days_chart, 2)
        self.table = QTableWidget(0, len(TEAM_COLUMNS))
        self.table.setObjectName("teamTable")
        self.table.setHorizontalHeaderLabels([t(c) for c in TEAM_COLUMNS])
        # A row per team (a dozen at most): measuring every cell is cheap here.
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().hide()
        self.read_at = QLabel()
        again = QPushButton(t("重新统计"))
        again.clicked.connect(self.refresh)
        bottom = QHBoxLayout()
        bottom.addWidget(self.read_at, 1)
        bottom.addWidget(again)
        layout = QVBoxLayout(self)
        layout.addLayout(grid)
        layout.addLayout(charts, 2)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)
        self.refresh()

    def title(self) -> str:
        return pgettext("page", "统计")

    def refresh(self) -> None:
        path = self.store.path
        self.read_at.setText(t("正在统计…"))
        if path is None:
            self.show_figures(dashboard(self.store))
            return

        def work(_progress: object) -> Dashboard:
            with open_store(Path(path)) as own:
                return dashboard(own)

        self._jobs.append(start_job(self, work, self.show_figures, self._failed))

    def _failed(self, error: object) -> None:
        window = self.window()
        self.read_at.setText("")
        if hasattr(window, "show_error"):
            window.show_error(error)

    def show_figures(self, d: Dashboard) -> None:
        self.figures = d
        budget = d.budget.total_fen
        unassigned = d.households - d.assigned
        cards = [
            (t("已慰问"), f"{d.visited:,} / {d.assigned:,}", t("户（已分派）")),
            (t("已发放"), format_fen(d.paid_fen), t("预算 {amount}", amount=format_fen(budget))),
            (t("待处理问题"), f"{d.open_flags:,}", t("条") + (" ✓" if not d.open_flags else "")),
            (t("未分组"), f"{unassigned:,}", t("户") + (" ✓" if not unassigned else "")),
            (pgettext("page", "慰问对象"), f"{d.households:,}", t("户")),
            (t("走访天数"), f"{len(d.per_day):,}",
             t("最近 {day}", day=d.per_day[-1][0].isoformat()) if d.per_day else t("还没有走访")),
        ]  # fmt: skip
        for card, (name, figure, note) in zip(self.cards, cards, strict=True):
            card.setText(f"<span style='color:#555'>{name}</span><br><span style="
                         f"'font-size:24px; font-weight:bold'>{figure}</span> {note}")  # fmt: skip
        codes = tuple(team.code for team in d.teams)
        self.teams_chart.set_data(t("各组走访"), codes, (
            Series(t("已慰问"), tuple(x.visited for x in d.teams), "#4c9a5b"),
            Series(t("不在家等"), tuple(x.attempted for x in d.teams), "#e0a030",
                   Qt.BrushStyle.BDiagPattern),
            Series(t("未走访"), tuple(x.not_yet for x in d.teams), "#d9dde2",
                   Qt.BrushStyle.Dense6Pattern),
        ))  # fmt: skip
        days = tuple(day.strftime("%m-%d") for day, _n in d.per_day)
        visited = Series(t("户"), tuple(n for _d, n in d.per_day), "#4a78b5")
        self.days_chart.set_data(t("每日走访"), days, (visited,))
        self._fill_table(d)
        self.read_at.setText(t("截至 {time}", time=d.read_at.strftime("%H:%M")))

    def _fill_table(self, d: Dashboard) -> None:
        self.table.setRowCount(len(d.teams))
        for row, x in enumerate(d.teams):
            values = (f"{x.code} {x.name}", f"{x.assigned:,}", f"{x.visited:,}",
                      f"{x.attempted:,}", f"{x.not_yet:,}", f"{x.problem:,}",
                      format_fen(x.cash_fen), format_fen(x.goods_fen), format_fen(x.transfer_fen),
                      format_fen(x.budget_fen),
                      format_fen(x.float_fen) if x.float_fen is not None else "-")  # fmt: skip
            for column, value in enumerate(values):
                self.table.setItem(row, column, QTableWidgetItem(value))

    def closeEvent(self, event: object) -> None:  # noqa: N802
        for job in self._jobs:
            job.quit()  # type: ignore[attr-defined]
            job.wait()  # type: ignore[attr-defined]
        super().closeEvent(event)  # type: ignore[arg-type]
