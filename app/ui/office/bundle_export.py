"""导出分派包: the teams' assignment bundles written to a chosen folder (the stick), one job for
the teams chosen; then each team's credential shown once, large, to hand to its leader (never
written on the stick), and the team schedule (分组安排表) written beside it on request."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QThread, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.errors import Cancelled
from app.domain.long_work import CancelFlag
from app.domain.money import parse_optional_money
from app.services.bundles import exchange as bundles
from app.services.bundles.ledger import Exported
from app.services.infra.context import open_store
from app.services.teams import assignment as teams
from app.store.db import Store
from app.ui import stick_dialogs
from app.ui.errors import error_box
from app.ui.lang import language, t
from app.ui.office.read_table import fill, read_table
from app.ui.worker import start_job


class AssignmentExport(QWidget):
    changed = Signal()  # bundles were written (the ledger has new rows)

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.codes: list[str] = []
        self.job: QThread | None = None
        self.credentials: CredentialDialog | None = None
        self.table = read_table()
        self.table.setObjectName("teams")
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.itemSelectionChanged.connect(self._update)
        self.folder = QLineEdit()
        self.folder.setPlaceholderText(t("U盘或文件夹"))
        self.folder.textChanged.connect(self._update)
        browse = QPushButton(t("选择(&B)…"))
        browse.clicked.connect(self.pick_folder)
        where = QHBoxLayout()
        where.addWidget(self.folder, 1)
        where.addWidget(browse)
        self.cash_float = QLineEdit()
        self.cash_float.setPlaceholderText(t("可不填"))
        form = QFormLayout()
        to_label, float_label = QLabel(t("写到(&W)：")), QLabel(t("备用金（元，每组）(&L)："))
        to_label.setBuddy(self.folder)
        float_label.setBuddy(self.cash_float)
        form.addRow(to_label, where)
        form.addRow(float_label, self.cash_float)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.button = QPushButton(t("导出所选组的分派包(&X)"))
        self.button.clicked.connect(self.export)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(t("选中一个或几个组（Ctrl、Shift 多选），写到U盘：")))
        layout.addWidget(self.table, 1)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.button)
        self._update()

    def refresh(self) -> None:
        found = teams.list_teams(self.store)
        self.codes = [n.team.code for n in found]
        fill(self.table, [t("组"), t("名称"), t("组长"), t("户数"), t("组员"), t("片区")],
             [(n.team.code, n.team.name, n.team.leader, n.households, n.team.members,
               n.team.area) for n in found])  # fmt: skip
        self._update()

    def chosen(self) -> list[str]:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        return [self.codes[r] for r in rows if r < len(self.codes)]

    def _update(self) -> None:
        chosen = self.chosen()
        self.button.setEnabled(bool(chosen) and bool(self.folder.text().strip()))
        self.button.setText(t("导出{n}个组的分派包(&X)", n=len(chosen)) if chosen
                            else t("导出所选组的分派包(&X)"))  # fmt: skip

    def pick_folder(self) -> None:
        folder = stick_dialogs.pick_folder(self, t("选择U盘或文件夹"))
        if folder:
            self.folder.setText(str(folder))

    def suggest_stick(self) -> None:
        """写到 the first stick plugged in, when the clerk has not named a folder yet."""
        found = stick_dialogs.sticks()
        if found and not self.folder.text().strip():
            self.folder.setText(str(found[0]))

    def export(self) -> None:
        codes, out = self.chosen(), Path(self.folder.text().strip())
        if not codes or self.job is not None:
            return
        if not out.is_dir():
            self.message.setText(t("找不到文件夹：{folder}", folder=str(out)))
            return
        try:
            cash = parse_optional_money(self.cash_float.text().strip())
        except Exception as error:  # a refusal with its sentence
            error_box(self, error)
            return
        assert self.store.path is not None, "the office window works on a store file"
        db_path, flag = self.store.path, CancelFlag()

        def work(progress: Any) -> list[tuple[str, Exported]]:
            done: list[tuple[str, Exported]] = []
            with open_store(db_path) as own:
                for code in codes:  # each bundle whole; a cancel stops between teams
                    flag.check()
                    done.append((code, bundles.export_assignment(own, code, out,
                                                                 cash_float=cash)))  # fmt: skip
                    progress(len(done), len(codes))
            return done

        def finished(done: Any) -> None:
            self.job = None
            self.message.setText(t("已写出{n}个分派包到 {folder}", n=len(done), folder=str(out)))
            self.changed.emit()
            self.credentials = CredentialDialog(self.store, done, out, self)
            self.credentials.open()

        def failed(error: object) -> None:
            self.job = None
            if isinstance(error, Cancelled):
                self.message.setText(t("已取消"))
            else:
                error_box(self, error)

        self.message.setText(t("正在写出…"))
        self.job = start_job(self, work, finished, failed)


class CredentialDialog(QDialog):
    """Each team's credential, large, shown once: the leader types it when the laptop starts."""

    def __init__(self, store: Store, done: list[tuple[str, Exported]], folder: Path,
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.store, self.folder = store, folder
        self.setWindowTitle(t("密钥：交给各组组长"))
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(t("密钥不写在U盘上。抄下或打印，当面交给组长：")))
        big = QFont(self.font())
        big.setPixelSize(28)
        big.setBold(True)
        self.lines: list[QLabel] = []
        for code, exported in done:
            line = QLabel(f"{code}　{exported.credential}　· {exported.file.name}")
            line.setFont(big)
            line.setObjectName(f"credential_{code}")
            self.lines.append(line)
            layout.addWidget(line)
        self.message = QLabel()
        layout.addWidget(self.message)
        copy = QPushButton(t("复制(&C)"))
        copy.clicked.connect(self.copy)
        schedule = QPushButton(t("写分组安排表(&S)…"))
        schedule.clicked.connect(self.write_schedule)
        close = QPushButton(t("关闭"))
        close.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addWidget(copy)
        buttons.addWidget(schedule)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout.addLayout(buttons)
        self.text = "\n".join(f"{code}\t{e.credential}" for code, e in done)

    def copy(self) -> None:
        QApplication.clipboard().setText(self.text)
        self.message.setText(t("已复制 ✓"))

    def schedule_path(self) -> Path | None:
        name, _ = QFileDialog.getSaveFileName(self, t("写分组安排表"),
                                              str(self.folder.parent / t("分组安排表.xlsx")),
                                              t("Excel 工作簿 (*.xlsx)"))  # fmt: skip
        return Path(name) if name else None

    def write_schedule(self) -> None:
        path = self.schedule_path()
        if path is None:
            return
        try:
            teams.write_schedule(self.store, path, lang=language())
        except Exception as error:  # a refusal (the file is open in Excel) says so
            error_box(self, error)
            return
        self.message.setText(t("已写入 {path}", path=str(path)))
