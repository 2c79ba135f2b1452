"""File dialogs that open on the USB stick (app/services/infra/drives.py): bundles, rosters and
bank files come and go on sticks, so the first stick plugged in is where each dialog starts
(else the user's folder), as the team window's 写回传包 and 导入分派包 do. Each reads the
drives when it opens: a stick plugged in meanwhile is found."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QFileDialog, QWidget

from app.services.infra import drives


def sticks() -> tuple[Path, ...]:
    """The sticks plugged in now (none: empty)."""
    return drives.removable_drives()


def pick_folder(parent: QWidget, title: str) -> Path | None:
    folder = QFileDialog.getExistingDirectory(parent, title, str(drives.start_folder()))
    return Path(folder) if folder else None


def pick_files(parent: QWidget, title: str, kinds: str) -> list[Path]:
    names, _ = QFileDialog.getOpenFileNames(parent, title, str(drives.start_folder()), kinds)
    return [Path(n) for n in names]


def pick_file(parent: QWidget, title: str, kinds: str) -> Path | None:
    name, _ = QFileDialog.getOpenFileName(parent, title, str(drives.start_folder()), kinds)
    return Path(name) if name else None


def save_path(parent: QWidget, title: str, file_name: str, kinds: str) -> Path | None:
    """Where to write ``file_name``: the dialog suggests it on the first stick."""
    suggested = drives.start_folder() / file_name
    name, _ = QFileDialog.getSaveFileName(parent, title, str(suggested), kinds)
    return Path(name) if name else None


def accept_file_drag(event: Any) -> None:
    """dragEnterEvent of a widget that takes files: files and folders are welcome."""
    if event.mimeData().hasUrls():
        event.acceptProposedAction()


def dropped_paths(event: Any) -> list[Path]:
    """dropEvent: the local files and folders dropped (the drop accepted when there are any)."""
    paths = [Path(u.toLocalFile()) for u in event.mimeData().urls() if u.isLocalFile()]
    if paths:
        event.acceptProposedAction()
    return paths
