"""What the team window asks at its start: the assignment bundle on the first run (chosen,
dropped on the window, or found in the stick's folder, then the credential), and the draft a
crash left (UX.md §8: asked, never restored or discarded silently; only the newest)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox

from app.domain.errors import InvalidInput
from app.services.bundles.sticks import assignment_bundle_in
from app.services.infra.context import open_store
from app.services.infra.drives import start_folder
from app.services.laptop.lock import has_pin
from app.services.visits.drafts import open_drafts
from app.services.visits.signing import locked_visit
from app.ui.lang import t
from app.ui.lock import SetPinDialog
from app.ui.worker import start_job

# ``window`` below is the team window (app/ui/main_window.py), which imports this module: it is
# not imported back, even for its type.
MainWindow = Any


def offer_drafts(window: MainWindow) -> None:
    """The newest draft of a household still to be recorded, offered once."""
    if window._closed or window.screens.showing("visit"):
        return  # scheduled before the window was closed, or a visit is open already
    drafts = [d for d in open_drafts(window.store)
              if locked_visit(window.store, d.household_id) is None]  # fmt: skip
    if not drafts:
        return
    newest = drafts[0]
    saved = newest.saved_at
    box = QMessageBox(window)
    box.setWindowTitle(t("未完成的走访"))
    box.setText(t("上次有未完成的走访：{name}（{month}月{day}日 {time}）",
                  name=newest.name, month=saved.month, day=saved.day,
                  time=saved.strftime("%H:%M")))  # fmt: skip
    resume = box.addButton(t("继续"), QMessageBox.ButtonRole.AcceptRole)
    box.addButton(t("稍后"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(resume)

    def answered(button: object) -> None:
        if button is resume:
            window.start_visit_for(newest.household_id)

    box.buttonClicked.connect(answered)
    window.draft_prompt = box
    box.open()


def import_bundle(window: MainWindow, path: str | None, credential: str | None) -> None:
    if path is None:
        path, _ = QFileDialog.getOpenFileName(window, t("选择分派包"), str(start_folder()),
                                              t("分派包 (*.wvb)"))  # fmt: skip
        if not path:
            return
    found = assignment_bundle_in(Path(path))
    if found is None:
        window.show_error(InvalidInput("bundle.none_in_folder", folder=str(path)))
        return
    if credential is None:
        credential, ok = QInputDialog.getText(window, t("密钥"),
                                              t("请输入中心交给组长的密钥："))  # fmt: skip
        if not ok or not credential.strip():
            return
    db_path = window.db_path

    def work(_progress: Any) -> Any:
        # here: its imports cost the window's start
        from app.services.bundles import exchange as bundles

        with open_store(db_path) as own:  # its own connection, on the worker thread
            return bundles.import_bundle(own, found, credential=credential)

    def imported(_result: object) -> None:
        window.reload()
        if not has_pin(window.store):  # the team sets its PIN once, when the laptop starts
            window.pin_dialog = SetPinDialog(window.store, window)
            window.pin_dialog.open()

    window._job = start_job(window, work, imported, window.show_error)
