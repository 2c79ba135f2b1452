"""报表: every document of the printing services — letters, receipt sheets, daily logs, the
household form, the public notice, the summary tables — written off the GUI thread (progress,
取消) to the 打印 folder beside the database and opened in the system's viewer; and the audit,
the money reconciled (total = teams = proofs), read here.

``REPORTS`` is what a window's 报表 menu lists: ``ReportsPage.choose(kind)`` opens one."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QThread, QUrl
from PySide6.QtGui import QDesktopServices, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QProgressDialog,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.domain.errors import Cancelled
from app.domain.long_work import CancelFlag
from app.domain.money import format_fen
from app.i18n import N_, label, pgettext, render
from app.services.campaign import setup
from app.services.campaign.units import list_units
from app.services.households.office import office_detail
from app.services.infra.context import open_store
from app.services.oversight import audit as auditing
from app.services.teams import assignment as teams
from app.store.db import Store
from app.ui.errors import error_box
from app.ui.lang import language, t
from app.ui.office.campaign_parts import date_edit, day_of
from app.ui.office.page import OfficePage
from app.ui.office.read_table import fill, read_table
from app.ui.print_jobs import open_document, print_folder
from app.ui.worker import start_job

# kind → its name, and the settings it takes
REPORTS: dict[str, tuple[str, tuple[str, ...]]] = {
    "letters": (N_("慰问信"), ("team", "category")),
    "receipts": (N_("签收表"), ("team", "day")),
    "daily_log": (N_("走访日志"), ("team", "day", "format")),
    "household_form": (N_("困难职工档案表"), ("household",)),
    "notice": (N_("公示名单"), ("unit",)),
    "summary": (N_("汇总表"), ("by", "format")),
    "audit": (N_("审计：钱款核对"), ()),
}
BY_WORDS = {"category": N_("按类别"), "team": N_("按慰问组"), "unit": N_("按单位")}


def write_report(store: Store, kind: str, out: Path, opts: dict[str, Any], lang: str,
                 progress: Any, cancel: CancelFlag) -> Any:  # fmt: skip
    """The document ``kind`` written to ``out`` (worker thread, its own store)."""
    from app.services.printing import daily_log, household_form, letters, notice, receipts, summary

    if kind == "letters":
        return letters.print_letters(store, out, team=opts["team"] or None,
                                     category=opts["category"] or None, lang=lang,
                                     progress=progress)  # fmt: skip
    if kind == "receipts":
        return receipts.print_receipts(store, out, team=opts["team"], day=opts["day"], lang=lang,
                                       progress=progress, cancel=cancel)  # fmt: skip
    if kind == "daily_log":
        return daily_log.print_daily_log(store, out, team=opts["team"], day=opts["day"],
                                         lang=lang, progress=progress, cancel=cancel)  # fmt: skip
    if kind == "household_form":
        return household_form.print_household_form(store, opts["household"], out, lang=lang)
    if kind == "notice":
        return notice.print_notice(store, out, unit=opts["unit"] or None, lang=lang,
                                   progress=progress, cancel=cancel)  # fmt: skip
    return summary.print_summary(store, out, by=opts["by"], lang=lang, progress=progress,
                                 cancel=cancel)  # fmt: skip


class ReportsPage(OfficePage):
    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(store, parent)
        self.job: QThread | None = None
        self.written: Path | None = None
        self.kinds = QListWidget()
        self.kinds.setObjectName("reports")
        for _kind, (word, _opts) in REPORTS.items():
            self.kinds.addItem(t(word))
        self.kinds.currentRowChanged.connect(lambda _r: self._show_options())
        splitter = QSplitter()
        splitter.addWidget(self.kinds)
        splitter.addWidget(self._options())
        splitter.setSizes([220, 1000])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        QShortcut(QKeySequence("Ctrl+P"), self, self.make)
        self.refresh()
        self.kinds.setCurrentRow(0)

    def title(self) -> str:
        return pgettext("page", "报表")

    def _options(self) -> QWidget:
        self.team, self.category, self.unit = QComboBox(), QComboBox(), QComboBox()
        self.all_days = QCheckBox(t("全部日期"))
        self.day = date_edit()
        self.household = QLineEdit()
        self.household.setPlaceholderText(t("身份证号、姓名，或姓名加身份证后4位"))
        self.by, self.format = QComboBox(), QComboBox()
        for code, word in BY_WORDS.items():
            self.by.addItem(t(word), code)
        self.format.addItem("PDF", ".pdf")
        self.format.addItem("Excel (XLSX)", ".xlsx")
        day = QWidget()
        day_row = QHBoxLayout(day)
        day_row.setContentsMargins(0, 0, 0, 0)
        day_row.addWidget(self.day, 1)
        day_row.addWidget(self.all_days)
        self.rows = {"team": (t("慰问组："), self.team), "category": (t("类别："), self.category),
                     "day": (t("日期："), day), "household": (t("户："), self.household),
                     "unit": (t("单位："), self.unit), "by": (t("汇总："), self.by),
                     "format": (t("格式："), self.format)}  # fmt: skip
        form = QFormLayout()
        for text, field in self.rows.values():
            form.addRow(text, field)
        self.form = form
        self.make_button = QPushButton(t("生成并打开(&P)"))
        self.make_button.setToolTip("Ctrl+P")
        self.make_button.clicked.connect(self.make)
        self.open_folder = QPushButton(t("打开文件夹"))
        self.open_folder.clicked.connect(self._open_folder)
        self.open_folder.hide()
        self.message = QLabel()
        self.message.setObjectName("message")
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.audit = read_table()
        self.audit.setObjectName("audit")
        buttons = QHBoxLayout()
        buttons.addWidget(self.make_button)
        buttons.addWidget(self.open_folder)
        buttons.addStretch(1)
        side = QWidget()
        layout = QVBoxLayout(side)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(self.message)
        layout.addWidget(self.audit, 1)
        return side

    def refresh(self) -> None:
        """The teams, categories and units offered, read again."""
        self.team.clear()
        self.team.addItem(t("（全部）"), "")
        for load in teams.list_teams(self.store):
            self.team.addItem(f"{load.team.code} {load.team.name}", load.team.code)
        self.category.clear()
        self.category.addItem(t("（全部）"), "")
        for c in setup.list_categories(self.store):
            self.category.addItem(c.name, c.code)
        self.unit.clear()
        self.unit.addItem(t("（全区）"), "")
        for u in list_units(self.store):
            self.unit.addItem(u.name, u.name)

    def kind(self) -> str:
        return list(REPORTS)[max(self.kinds.currentRow(), 0)]

    def choose(self, kind: str) -> None:
        self.kinds.setCurrentRow(list(REPORTS).index(kind))

    def preset(self, chosen: dict[str, tuple[str, ...]], household_id: str | None) -> None:
        """The households page's filter as this document's settings: a team, category or unit
        chosen alone there is chosen here (else 全部), and its current household for the form."""
        for facet, combo in (("team", self.team), ("category", self.category),
                             ("unit", self.unit)):  # fmt: skip
            values = chosen.get(facet, ())
            found = -1
            if len(values) == 1:  # the category facet holds names, the others codes/names
                found = combo.findData(values[0])
                found = combo.findText(values[0]) if found < 0 else found
            combo.setCurrentIndex(max(found, 0))
        detail = office_detail(self.store, household_id) if household_id else None
        if detail is not None:
            self.household.setText(detail.detail.household.id_number)

    def _show_options(self) -> None:
        wanted = REPORTS[self.kind()][1]
        for name, (_text, field) in self.rows.items():
            self.form.setRowVisible(field, name in wanted)
        self.all_days.setVisible(self.kind() == "receipts")
        self.audit.setVisible(self.kind() == "audit")
        self.make_button.setText(t("核对(&P)") if self.kind() == "audit" else t("生成并打开(&P)"))
        self.message.clear()

    def options(self) -> dict[str, Any]:
        day = None if self.kind() == "receipts" and self.all_days.isChecked() else day_of(self.day)
        return {"team": self.team.currentData() or "", "category": self.category.currentData(),
                "day": day, "household": self.household.text().strip(),
                "unit": self.unit.currentData() or "", "by": self.by.currentData()}  # fmt: skip

    def target(self) -> Path:
        """打印/慰问信-T1.pdf …: the document's name and what it is of, in the 打印 folder."""
        assert self.store.path is not None, "the office window works on a store file"
        opts, kind = self.options(), self.kind()
        what = [opts["team"] if "team" in REPORTS[kind][1] else "",
                opts["unit"] if kind == "notice" else "",
                opts["day"].isoformat() if "day" in REPORTS[kind][1] and opts["day"] else "",
                opts["household"] if kind == "household_form" else ""]  # fmt: skip
        name = "-".join([t(REPORTS[kind][0]), *(w for w in what if w)])
        suffix = self.format.currentData() if "format" in REPORTS[kind][1] else ".pdf"
        return print_folder(self.store.path) / f"{name}{suffix}"

    def make(self) -> None:
        if self.job is not None:
            return
        if self.kind() == "audit":
            self._audit()
            return
        dialog = QProgressDialog(t("正在生成…"), t("取消"), 0, 0, self)
        dialog.setWindowTitle(t("请稍候"))
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(500)
        flag = CancelFlag()
        dialog.canceled.connect(flag.set)
        out, kind, opts, lang = self.target(), self.kind(), self.options(), language()
        assert self.store.path is not None, "the office window works on a store file"
        db_path = self.store.path

        def work(progress: Any) -> Any:
            out.parent.mkdir(parents=True, exist_ok=True)
            with open_store(db_path) as own:
                return write_report(own, kind, out, opts, lang, progress, flag)

        def done(printed: Any) -> None:
            dialog.reset()
            self.job = None
            self.written = printed.path
            said = t("已写入 {path}", path=str(printed.path))
            problems = [render(p, lang) for p in printed.problems]
            self.message.setText("\n".join([said, *problems]))
            self.open_folder.show()
            open_document(printed.path)

        def failed(error: object) -> None:
            dialog.reset()
            self.job = None
            if isinstance(error, Cancelled):
                self.message.setText(t("已取消"))
            else:
                error_box(self, error)

        def progressed(n: int, total: int) -> None:
            dialog.setMaximum(total)
            dialog.setValue(n)

        self.job = start_job(self, work, done, failed, progressed)

    def _audit(self) -> None:
        assert self.store.path is not None, "the office window works on a store file"
        db_path = self.store.path

        def work(_progress: Any) -> auditing.Audit:
            with open_store(db_path) as own:
                return auditing.run_audit(own)

        def failed(error: object) -> None:
            self.job = None
            error_box(self, error)

        self.message.setText(t("正在核对…"))
        self.job = start_job(self, work, self._show_audit, failed)

    def _show_audit(self, done: auditing.Audit) -> None:
        self.job = None
        lang = language()

        def cells(m: auditing.Money) -> tuple[str, ...]:
            return (format_fen(m.cash_fen), format_fen(m.transfer_fen), format_fen(m.goods_fen),
                    format_fen(m.total_fen))  # fmt: skip

        rows = [(t("汇总"), *cells(done.handed))]
        rows += [(name or t("中心"), *cells(m)) for _c, name, m in done.by_team]
        rows += [(label(p, lang), *cells(m)) for p, m in done.by_proof]
        fill(self.audit, [t("分组"), t("现金"), t("转账"), t("物品"), t("合计")], rows)
        recovered, net = format_fen(done.recovered_fen), format_fen(done.net_fen)
        lines = [t("发放{n:,}户，追回{recovered}，净额{net}", n=done.households,
                   recovered=recovered, net=net)]  # fmt: skip
        lines += [t("没有凭证：{name} {household} {amount}", name=u.name, household=u.household,
                    amount=format_fen(u.money.total_fen)) for u in done.unproven]  # fmt: skip
        lines += [render(d, lang) for d in done.differences]
        lines.append(t("待处理问题{open}条，已处理{resolved}条", open=len(done.open_flags),
                       resolved=len(done.resolved_flags)))  # fmt: skip
        lines.append(t("核对无误 ✓") if done.ok else t("核对有出入，见上"))
        self.message.setText("\n".join(lines))

    def _open_folder(self) -> None:
        if self.written is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.written.parent)))
