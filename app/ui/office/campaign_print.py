"""活动设置 → 信函与公示: the print settings the letters and the 公示 read (festival, honorific,
the letters' date, the notice period, contact, phone and masks), saved through the printing
service one by one, and which letter template each category's letters take (the shipped 职工 /
退休职工 ones, or a clerk's edit of the same name; chosen from the category's name)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.letter_template import template_for_category
from app.services.campaign import setup
from app.services.printing import settings
from app.store.db import Store
from app.ui.lang import t
from app.ui.office.campaign_parts import Part
from app.ui.office.read_table import fill, read_table


def _fields() -> tuple[tuple[str, str, str], ...]:
    """(setting, the form's words, what applies when it is empty)."""
    return (
        ("festival", t("节日："), t("按活动名称（如 春节）")),
        ("honorific", t("称谓："), t("按模板（同志）")),
        ("letter_date", t("落款日期："), t("打印当天（如 2027年1月20日）")),
        ("notice_start", t("公示开始（YYYY-MM-DD）："), t("打印当天")),
        ("notice_days", t("公示天数："), "5"),
        ("notice_contact", t("反映意见联系人："), t("主办单位")),
        ("notice_phone", t("联系电话："), t("留空待填")),
        ("letter_font", t("信函字体文件："), t("内置字体")),
        ("table_font", t("表格字体文件："), t("内置字体")),
    )


class PrintPart(Part):
    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(store, parent)
        self.edits: dict[str, QLineEdit] = {}
        # Two columns (letters | notice): at 125 % one column of eleven rows is too tall.
        letters, notice = QFormLayout(), QFormLayout()
        for name, words, default in _fields():
            edit = QLineEdit()
            edit.setObjectName(name)
            edit.setPlaceholderText(default)
            self.edits[name] = edit
            (notice if name.startswith("notice_") else letters).addRow(words, edit)
        self.masks: dict[str, QComboBox] = {}
        mask_words = {"mask": t("部分遮盖"), "tail": t("只显示后四位"), "none": t("不列出")}
        for name, words in (("notice_id_mask", t("公示中的身份证号：")),
                            ("notice_phone_mask", t("公示中的电话：")),):  # fmt: skip
            combo = QComboBox()
            combo.setObjectName(name)
            for code in settings.MASKS[name]:
                combo.addItem(mask_words[code], code)
            self.masks[name] = combo
            notice.addRow(words, combo)
        self.save_button = QPushButton(t("保存打印设置(&P)"))
        self.save_button.clicked.connect(self.save)
        self.templates = read_table()
        self.templates.setObjectName("templates")
        heading = QLabel(t("各类别的慰问信模板（按类别名称：含“退休”的用退休职工模板）："))
        heading.setWordWrap(True)
        left = QVBoxLayout()
        left.addLayout(letters)
        left.addWidget(heading)
        left.addWidget(self.templates, 1)
        right = QVBoxLayout()
        right.addLayout(notice)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addStretch(1)
        right.addLayout(buttons)
        right.addWidget(self.message)
        right.addStretch(1)
        layout = QHBoxLayout(self)
        layout.addLayout(left, 1)
        layout.addLayout(right, 1)
        self.saved: dict[str, str] = {}

    def refresh(self) -> None:
        self.saved = settings.print_settings(self.store)
        for name, edit in self.edits.items():
            edit.setText(self.saved.get(name, ""))
        defaults = {"notice_id_mask": "mask", "notice_phone_mask": "none"}
        for name, combo in self.masks.items():
            combo.setCurrentIndex(max(combo.findData(self.saved.get(name, defaults[name])), 0))
        known = settings.letter_templates(self.store)
        rows = []
        for c in setup.list_categories(self.store):
            name = template_for_category(c.name)
            rows.append((c.code, c.name, name if name in known else t("{name}（缺）", name=name)))
        fill(self.templates, [t("代码"), t("类别"), t("信函模板")], rows)

    def values(self) -> dict[str, str]:
        typed = {name: edit.text().strip() for name, edit in self.edits.items()}
        return {**typed, **{name: str(c.currentData()) for name, c in self.masks.items()}}

    def save(self) -> None:
        """Each setting that changed, through ``set_print_setting`` (it checks the value)."""
        changed = {n: v for n, v in self.values().items() if v != self.saved.get(n, "")}
        defaults = {"notice_id_mask": "mask", "notice_phone_mask": "none"}
        changed = {n: v for n, v in changed.items()
                   if not (n in defaults and v == defaults[n] and n not in self.saved)}  # fmt: skip

        def write() -> None:
            for name, value in changed.items():  # all checked first: a refusal keeps none
                settings.check_print_setting(name, value.strip())
            for name, value in changed.items():
                settings.set_print_setting(self.store, name, value)

        self.attempt(write, t("已保存 {n} 项打印设置", n=len(changed)))
