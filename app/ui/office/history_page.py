"""户的历史: one household's audit trail, read only and newest first — who did what, when, on
which laptop or from which roster row, and the money each line moved. ``show(typed)`` opens a
household from elsewhere (the households table's detail pane)."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from app.domain.errors import WarmVisitError
from app.domain.money import format_fen
from app.i18n import pgettext, render
from app.services.oversight.household_history import household_history
from app.store.db import Store
from app.ui.lang import language, t
from app.ui.office.page import OfficePage
from app.ui.office.read_table import fill, read_table


class HistoryPage(OfficePage):
    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(store, parent)
        self.typed = ""
        self.search = QLineEdit()
        self.search.setObjectName("find")
        self.search.setPlaceholderText(t("身份证号、姓名，或姓名加身份证后4位"))
        self.search.returnPressed.connect(lambda: self.show_household(self.search.text()))
        go = QPushButton(t("查看(&V)"))
        go.clicked.connect(lambda: self.show_household(self.search.text()))
        row = QHBoxLayout()
        row.addWidget(QLabel(t("户：")))
        row.addWidget(self.search, 1)
        row.addWidget(go)
        self.heading = QLabel(t("输入一户，查看它的全部记录（只读）"))
        self.heading.setObjectName("heading")
        self.heading.setStyleSheet("font-size: 16px; font-weight: bold;")
        self.heading.setWordWrap(True)
        self.table = read_table()
        self.table.setObjectName("history")
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.heading)
        layout.addWidget(self.table, 1)

    def title(self) -> str:
        return pgettext("page", "户的历史")

    def refresh(self) -> None:
        if self.typed:
            self.show_household(self.typed)

    def show_household(self, typed: str) -> None:
        typed = typed.strip()
        if not typed:
            return
        lang = language()
        try:
            found = household_history(self.store, typed)
        except WarmVisitError as error:
            self.heading.setText(render(error, lang))
            fill(self.table, [], [])
            return
        self.typed = typed
        self.heading.setText(t("{name} {id} · {n}条记录，最新的在上", name=found.name,
                               id=found.id_number_masked, n=len(found.entries)))  # fmt: skip
        fill(self.table, [t("时间"), t("谁"), t("做了什么"), t("来源"), t("金额")],
             [(e.at[:16].replace("T", " "), e.by, render(e.what, lang), e.where,
               format_fen(e.amount_fen) if e.amount_fen else "")
              for e in found.entries])  # fmt: skip
