"""备份 in a window: a folder chosen (the stick first), a passphrase asked for when the copy
leaves the data folder, the copy made off the GUI thread (app/services/infra/backup.py).

The team window gets it as a button before 帮助 and Ctrl+Shift+B; the office window may call
``BackupAction(window, db_path).run()`` from its own menu.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QBoxLayout,
    QFileDialog,
    QInputDialog,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QWidget,
)

from app.domain.errors import InvalidInput
from app.services.infra import backup
from app.services.infra.drives import start_folder
from app.ui.errors import error_box
from app.ui.lang import t
from app.ui.worker import start_job


class BackupAction:
    def __init__(self, window: QWidget, db_path: Path) -> None:
        self.window = window
        self.db_path = db_path
        self.job: Any = None
        self.box: QMessageBox | None = None

    def run(self, folder: str | None = None, passphrase: str | None = None) -> None:
        """Ask where (and, off the data folder, a passphrase twice), then write the copy."""
        if folder is None:
            folder = QFileDialog.getExistingDirectory(
                self.window, t("选择备份到哪个文件夹（U盘）"), str(start_folder())
            )
            if not folder:
                return
        out = Path(folder)
        if passphrase is None and not _inside(out, self.db_path.parent):
            passphrase = self._ask_passphrase()
            if passphrase is None:
                return
        db_path = self.db_path

        def work(_progress: Any) -> backup.BackupMade:
            return backup.backup_store(db_path, out, passphrase=passphrase)

        self.job = start_job(self.window, work, self._done, self._failed)

    def _ask_passphrase(self) -> str | None:
        first, ok = QInputDialog.getText(
            self.window, t("备份口令"),
            t("备份要写到数据文件夹以外，需要加密。请设一个至少 {n} 个字符的口令"
              "（恢复时要用同一个口令，请另外记好）：", n=backup.MIN_PASSPHRASE),
            QLineEdit.EchoMode.Password,
        )  # fmt: skip
        if not ok or not first:
            return None
        again, ok = QInputDialog.getText(self.window, t("备份口令"), t("再输入一次口令："),
                                         QLineEdit.EchoMode.Password)  # fmt: skip
        if not ok:
            return None
        if again != first:
            self._failed(InvalidInput("cli.passphrase_differs"))
            return None
        return first

    def _done(self, made: backup.BackupMade) -> None:
        box = QMessageBox(self.window)
        box.setIcon(QMessageBox.Icon.Information)
        box.setWindowTitle(t("备份"))
        sentence = (
            t("已加密备份到：{file}（恢复时要用同一个口令）")
            if made.encrypted
            else t("已备份到：{file}")
        )
        box.setText(sentence.format(file=made.file))
        box.open()
        self.box = box

    def _failed(self, error: object) -> None:
        self.box = error_box(self.window, error)


def _inside(folder: Path, root: Path) -> bool:
    folder, root = folder.resolve(), root.resolve()
    return folder == root or root in folder.parents


def _layout_holding(widget: QWidget) -> QBoxLayout | None:
    """The row or column ``widget`` sits in (a form's nested layouts searched)."""
    parent = widget.parentWidget()
    todo = [parent.layout()] if parent is not None and parent.layout() is not None else []
    while todo:
        layout = todo.pop()
        if isinstance(layout, QBoxLayout) and layout.indexOf(widget) >= 0:
            return layout
        todo += [child for i in range(layout.count()) if (child := layout.itemAt(i).layout())]
    return None


def install_backup_action(window: QWidget, db_path: Path) -> BackupAction:
    """The 备份 button before 帮助 (when the window has one) and Ctrl+Shift+B."""
    action = BackupAction(window, db_path)
    helper = window.findChild(QPushButton, "helpButton")
    row = _layout_holding(helper) if helper is not None else None
    if row is not None and helper is not None:
        button = QPushButton(t("备份"), helper.parentWidget())
        button.setObjectName("backupButton")
        button.setMinimumSize(helper.minimumSize())
        button.setToolTip(t("把数据库备份到U盘或其他文件夹（Ctrl+Shift+B）"))
        button.clicked.connect(lambda: action.run())  # noqa: PLW0108 (not the bool)
        row.insertWidget(row.indexOf(helper), button)
    QShortcut(QKeySequence("Ctrl+Shift+B"), window).activated.connect(action.run)
    return action
