"""One roster file's preview on the 名单导入 page: what 导入 would do, in tabs the clerk reads
before anything is stored — problem rows, duplicates beside the copy kept, households over the
unit's quota or after its deadline, other notes, and the columns as read (fixed here)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.domain.roster_columns import FIELDS
from app.domain.roster_rows import RowProblem
from app.i18n import N_, label, render
from app.services.rosters.preview import RosterPreview
from app.ui.lang import language, t
from app.ui.office.read_table import read_table

# The fields a column can be read as, in the clerk's words (FIELDS holds the domain's labels).
FIELD_WORDS = {
    "name": N_("姓名"), "sex": N_("性别"), "id_number": N_("身份证号"), "unit": N_("报送单位"),
    "employer": N_("工作单位"), "street": N_("所属街道"), "address": N_("家庭住址"),
    "phone": N_("联系电话"), "household_size": N_("家庭人口"), "monthly_income": N_("家庭月收入"),
    "per_capita_income": N_("人均月收入"), "causes": N_("致困原因"), "category": N_("慰问类别"),
    "medical_cost": N_("自付医疗费"), "disaster_loss": N_("灾害损失"),
    "special_cause": N_("特殊原因"), "single_parent": N_("是否单亲"),
    "marital_status": N_("婚姻状况"), "ethnicity": N_("民族"), "health": N_("健康状况"),
    "notes": N_("备注"), "bank": N_("开户行"), "branch": N_("开户网点"), "card": N_("银行卡号"),
}  # fmt: skip
assert set(FIELD_WORDS) == set(FIELDS)  # a field added to the domain needs its word here


def summary_line(unit: str, preview: RosterPreview) -> str:
    """区供热公司工会 · 表头第3行 · 新增1,180 · 更新12 · 重复8 · 问题30行 · 超额3 · 逾期2"""
    parts = [unit or preview.file]
    if preview.header_row:
        parts.append(t("表头第{n}行", n=preview.header_row))
    o = preview.outcome
    if o is None:
        return " · ".join(parts)
    parts += [t("新增{n:,}", n=o.imported), t("更新{n:,}", n=o.updated)]
    if o.unchanged:
        parts.append(t("未变{n:,}", n=o.unchanged))
    parts += [t("重复{n:,}", n=len(o.duplicates)), t("问题{n:,}行", n=o.rejected_rows)]
    over = sum(1 for m in o.marked if m.mark.value == "over_quota")
    late = sum(1 for m in o.marked if m.mark.value == "late")
    if over:
        parts.append(t("超额{n:,}", n=over))
    if late:
        parts.append(t("逾期{n:,}", n=late))
    return " · ".join(parts)


def _table(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> QTableWidget:
    return read_table(headers, rows)


class RosterPreviewView(QWidget):
    """The preview of one file. ``recheck`` asks the page to check it again with the unit and
    the column mapping the clerk set here."""

    recheck = Signal(str, list)  # unit, ["header=field", …]

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.summary = QLabel()
        self.summary.setObjectName("rosterSummary")
        self.summary.setStyleSheet("font-size: 16px; font-weight: bold;")
        self.summary.setWordWrap(True)
        self.refusal = QLabel()
        self.refusal.setWordWrap(True)
        self.refusal.setStyleSheet("color: #a11;")
        self.unit = QLineEdit()
        self.unit.setPlaceholderText(t("报送单位"))
        self.unit.returnPressed.connect(self._ask_recheck)
        unit_label = QLabel(t("报送单位(&U)："))
        unit_label.setBuddy(self.unit)
        self.recheck_button = QPushButton(t("重新检查(&R)"))
        self.recheck_button.clicked.connect(self._ask_recheck)
        unit_row = QHBoxLayout()
        unit_row.addWidget(unit_label)
        unit_row.addWidget(self.unit, 1)
        unit_row.addWidget(self.recheck_button)
        self.tabs = QTabWidget()
        self.mapping: dict[str, str] = {}  # header → field the clerk chose
        self._headers: dict[str, str] = {}  # column letter → header
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.summary)
        layout.addLayout(unit_row)
        layout.addWidget(self.refusal)
        layout.addWidget(self.tabs, 1)

    def show_preview(self, unit: str, preview: RosterPreview, mapping: Sequence[str]) -> None:
        self.unit.setText(unit)
        self.mapping = dict(pair.split("=", 1) for pair in mapping)
        self.summary.setText(summary_line(unit, preview))
        self.refusal.setText(
            render(preview.refusal, language())
            + "\n"
            + t("在“列对应”里选出每列读作什么，就会重新检查。")
            if preview.refusal
            else ""
        )
        self.refusal.setVisible(preview.refusal is not None)
        current = self.tabs.currentIndex()
        self.tabs.clear()
        o = preview.outcome
        if o is not None:
            self._add_problems(o.rejected)
            self._add_duplicates(preview)
            self._add_marked(preview)
        self.tabs.addTab(self._columns_table(preview), t("列对应"))
        if o is None:
            self.tabs.setCurrentIndex(self.tabs.count() - 1)  # the columns are what to fix
        elif 0 <= current < self.tabs.count():
            self.tabs.setCurrentIndex(current)

    def _add_problems(self, problems: Sequence[RowProblem]) -> None:
        lang = language()
        rows = [(p.row, p.column or "-", p.value, render(p, lang)) for p in problems]
        table = _table([t("Excel行号"), t("列"), t("值"), t("原因")], rows)
        table.setObjectName("problems")
        self.tabs.addTab(table, t("问题行 {n}", n=len({r[0] for r in rows})))

    def _add_duplicates(self, preview: RosterPreview) -> None:
        assert preview.outcome is not None
        lang = language()
        rows = [(d.row, d.id_number_masked, d.first_seen_unit, d.first_seen_file, d.first_seen,
                 render(d, lang)) for d in preview.outcome.duplicates]  # fmt: skip
        table = _table([t("本文件行号"), t("身份证号"), t("已有：单位"), t("文件"), t("行号"),
                        t("说明")], rows)  # fmt: skip
        table.setObjectName("duplicates")
        self.tabs.addTab(table, t("重复 {n}", n=len(rows)))

    def _add_marked(self, preview: RosterPreview) -> None:
        assert preview.outcome is not None
        lang = language()
        o = preview.outcome
        rows: list[tuple[object, ...]] = [
            (m.row, m.name, m.unit, label(m.mark, lang),
             t("名额{n}户", n=m.quota) if m.quota is not None
             else t("截止{d}", d=m.deadline.isoformat()) if m.deadline else "")
            for m in o.marked
        ]  # fmt: skip
        rows += [(w.row or "-", "", w.value, t("提示"), render(w, lang)) for w in o.warnings]
        table = _table([t("Excel行号"), t("姓名"), t("单位"), t("标记"), t("说明")], rows)
        table.setObjectName("marked")
        self.tabs.addTab(table, t("超额/逾期/提示 {n}", n=len(rows)))

    def _columns_table(self, preview: RosterPreview) -> QTableWidget:
        table = _table([t("列"), t("表头"), t("读作")],
                       [(c.letter, c.header, "") for c in preview.columns])  # fmt: skip
        table.setObjectName("columns")
        self._headers = {c.letter: c.header for c in preview.columns}
        for r, column in enumerate(preview.columns):
            box = QComboBox()
            box.setObjectName(f"column_{column.letter}")
            box.addItem(t("（不读）"), "")
            for name, word in FIELD_WORDS.items():
                box.addItem(t(word), name)
            box.setCurrentIndex(max(box.findData(column.field or ""), 0))
            box.activated.connect(lambda _i, b=box, h=column.header: self._map(h, b))
            table.setCellWidget(r, 2, box)
        table.horizontalHeader().setStretchLastSection(False)
        table.setColumnWidth(2, 180)
        return table

    def _map(self, header: str, box: QComboBox) -> None:
        field = box.currentData()
        if field:
            self.mapping[header] = field
        elif self.mapping.pop(header, None) is None:
            return  # the reader's own choice stays (a column is read when its header says so)
        self._ask_recheck()

    def mapping_pairs(self) -> list[str]:
        return [f"{h}={f}" for h, f in self.mapping.items()]

    def _ask_recheck(self) -> None:
        self.recheck.emit(self.unit.text().strip(), self.mapping_pairs())
