"""慰问信: edit a letter template with a live preview, and print the team's letters in one PDF.

The preview beside the text is the merged letter for the selected household (or a made-up one),
laid out as the letter is: title, salutation, indented paragraphs, the sign-off at the right.
PDF预览 writes the real page and opens it. Printing a batch runs off the GUI thread with a
progress bar and Cancel; a cancelled batch leaves no file.
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QProgressDialog,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from app.domain.errors import Cancelled, WarmVisitError
from app.domain.long_work import CancelFlag
from app.i18n import N_, render
from app.services.infra.context import open_store
from app.services.printing import letters as printing
from app.services.printing import settings as print_settings
from app.store.db import Store
from app.ui.lang import language, t
from app.ui.print_jobs import open_document, print_folder
from app.ui.worker import start_job


class LetterEditor(QDialog):
    def __init__(self, store: Store, db_path: Path, team_code: str | None,
                 id_number: str | None = None, parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.store, self.db_path, self.team_code, self.id_number = (
            store,
            db_path,
            team_code,
            id_number,
        )
        self.setWindowTitle(t("慰问信"))
        self.resize(1200, 640)
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        top.addWidget(QLabel(t("模板")))
        self.templates = QComboBox()
        self.templates.setMinimumHeight(44)
        self.templates.addItems(list(print_settings.letter_templates(store)))
        top.addWidget(self.templates, 1)
        layout.addLayout(top)
        panes = QHBoxLayout()
        self.text = QPlainTextEdit()
        self.text.setObjectName("templateText")
        self.preview = QTextBrowser()
        self.preview.setObjectName("preview")
        panes.addWidget(self.text, 1)
        panes.addWidget(self.preview, 1)
        layout.addLayout(panes, 1)
        self.message = QLabel()
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        row = QHBoxLayout()
        self.buttons: dict[str, QPushButton] = {}
        for name, label in (("save", N_("保存模板")), ("reset", N_("恢复原样")),
                            ("pdf", N_("PDF预览")), ("printTeam", N_("打印本组慰问信")),
                            ("close", N_("关闭"))):  # fmt: skip
            button = QPushButton(t(label))
            button.setMinimumSize(140, 48)
            row.addWidget(button)
            self.buttons[name] = button
        layout.addLayout(row)
        self.buttons["printTeam"].setEnabled(bool(team_code))
        self._timer = QTimer(self, singleShot=True, interval=300)
        self._timer.timeout.connect(self.refresh_preview)
        self.text.textChanged.connect(self._timer.start)
        self.templates.currentTextChanged.connect(self.load)
        self.buttons["save"].clicked.connect(self.save)
        self.buttons["reset"].clicked.connect(self.reset)
        self.buttons["pdf"].clicked.connect(self.pdf_preview)
        self.buttons["printTeam"].clicked.connect(self.print_team)
        self.buttons["close"].clicked.connect(self.accept)
        self.load(self.templates.currentText())

    def hideEvent(self, event: Any) -> None:  # noqa: N802
        # Closed, or its window closed: a preview due later must not read a store now shut.
        self._timer.stop()
        super().hideEvent(event)

    def load(self, name: str) -> None:
        if name:
            self.text.setPlainText(print_settings.letter_templates(self.store)[name])
            self.refresh_preview()

    def _say(self, error: WarmVisitError) -> None:
        self.message.setText(render(error, language()))

    def refresh_preview(self) -> None:
        try:
            letter = printing.letter_preview_merged(self.store, self.text.toPlainText(),
                                                    id_number=self.id_number)  # fmt: skip
        except WarmVisitError as error:
            self._say(error)
            return
        self.message.clear()
        esc = html.escape
        body = "".join(f"<p style='text-indent:2em'>{esc(p)}</p>"
                       for p in (*letter.body, *letter.closing))  # fmt: skip
        sign = "".join(f"<p align='right'>{esc(s)}</p>" for s in letter.sign_off)
        self.preview.setHtml(
            f"<h2 align='center'>{esc(letter.title)}</h2><p>{esc(letter.salutation)}</p>"
            f"{body}{sign}"
        )

    def save(self) -> None:
        try:
            print_settings.save_letter_template(self.store, self.templates.currentText(),
                                                self.text.toPlainText())  # fmt: skip
        except WarmVisitError as error:
            self._say(error)
            return
        self.message.setText(t("记录已保存"))

    def reset(self) -> None:
        print_settings.reset_letter_template(self.store, self.templates.currentText())
        self.load(self.templates.currentText())

    def _open(self, path: Path) -> None:
        self.last_file = path
        self.message.setText(t("已保存 {file}", file=path))
        open_document(path)

    def pdf_preview(self) -> None:
        try:
            data, _pages = printing.letter_preview(self.store, self.text.toPlainText(),
                                                   id_number=self.id_number,
                                                   lang=language())  # fmt: skip
        except WarmVisitError as error:
            self._say(error)
            return
        folder = print_folder(self.db_path)
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / t("慰问信预览.pdf")
        path.write_bytes(data)
        self._open(path)

    def print_team(self) -> None:
        """The whole team's letters in one PDF, with the template shown (saved first)."""
        self.save()
        if self.message.text() != t("记录已保存"):
            return
        folder = print_folder(self.db_path)
        target = folder / t("慰问信-{name}.pdf", name=self.team_code)
        dialog = QProgressDialog(t("正在生成慰问信…"), t("取消"), 0, 0, self)
        dialog.setWindowTitle(t("请稍候"))
        dialog.setMinimumDuration(500)
        flag = CancelFlag()
        dialog.canceled.connect(flag.set)
        db_path, team, template = self.db_path, self.team_code, self.templates.currentText()
        lang = language()

        def work(progress: Any) -> Any:
            folder.mkdir(parents=True, exist_ok=True)
            with open_store(db_path) as own:
                return printing.print_letters(own, target, team=team, template=template,
                                              lang=lang, progress=progress,
                                              cancel=flag)  # fmt: skip

        def done(printed: Any) -> None:
            dialog.reset()
            self._open(printed.path)

        def failed(error: object) -> None:
            dialog.reset()
            if isinstance(error, Cancelled):
                self.message.setText(render(error, language()))
            elif isinstance(error, WarmVisitError):
                self._say(error)
            else:
                self.message.setText(str(error))

        def progressed(done_: int, total: int) -> None:
            dialog.setMaximum(total)
            dialog.setValue(done_)

        self.job = start_job(self, work, done, failed, progressed)
