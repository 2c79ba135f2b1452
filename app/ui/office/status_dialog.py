"""Changing the status of the households selected (UX-OFFICE.md §2–3): the service's preview
first — how many change, who is left alone and why, what 确定 still lacks — then the same
decision applied; and a household's rule decided by the clerk (认定依据), with a reason.

Both the preview and the change run on a worker's own connection: a select-all over
100,000 households takes seconds there, and the window keeps answering."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.campaign import STATUSES, Status
from app.domain.eligibility import Rule
from app.domain.errors import WarmVisitError
from app.i18n import N_, label, render, text
from app.services.households.office import override_rule
from app.services.households.status import (
    StatusPreview,
    apply_status_change,
    preview_selected,
)
from app.services.infra.context import open_store
from app.store.db import Store
from app.ui.lang import language, t
from app.ui.worker import start_job

# The preview's refusals, in the window's words (the command line's name its options).
_BLOCKED = {
    "status.decline_reason": N_("改为不予须写明原因"),
    "status.despite_missing_reason": N_("照常确定须写明原因"),
    "status.back_reason": N_("{n}户将退回到“{status}”：退回须写明原因"),
    "status.missing": N_("{n}户资格未定或材料未齐：补齐后再确定，或勾选“照常确定”并写明原因"),
}


def preview_lines(preview: StatusPreview) -> list[str]:
    """What the preview says, line by line, in the window's language."""
    lang = language()
    status = label(preview.request.status)
    lines = [t("所选{selected}户：将改为“{status}”的{n}户", selected=f"{preview.selected:,}",
               status=status, n=f"{len(preview.changing):,}")]  # fmt: skip
    first = {(h.skip, h.from_status): h for h in reversed(preview.skipped)}
    groups = []
    for g in preview.skip_groups:
        h = first[(g.skip, g.status)]
        shown = h.to_status if g.skip.value == "already" else h.from_status
        after = h.next_step
        groups.append(text(f"status.skip.{g.skip.value}", lang, n=g.count, status=label(shown),
                           next=label(after) if after else "-"))  # fmt: skip
    if groups:
        lines.append(t("跳过{n}户：", n=f"{len(preview.skipped):,}") + " · ".join(groups))
    if preview.incomplete:
        lines.append(t("{n}户资格未定或材料未齐", n=f"{len(preview.incomplete):,}"))
    blocked = preview.blocked
    if blocked is not None:
        params = dict(blocked.kwargs)
        if "status" in params:
            params["status"] = label(Status(params["status"]))
        lines.append("⚠ " + t(_BLOCKED[blocked.key], **params) if blocked.key in _BLOCKED
                     else "⚠ " + render(blocked, lang))  # fmt: skip
    return lines


class StatusDialog(QDialog):
    applied = Signal()

    def __init__(self, store: Store, household_ids: Sequence[str], parent: QWidget) -> None:
        super().__init__(parent)
        self.setWindowTitle(t("改状态"))
        self.setMinimumWidth(560)
        self.store = store
        self.ids = list(household_ids)
        self.preview: StatusPreview | None = None
        self._asked = 0  # the newest preview asked for; older answers are dropped
        self._jobs: list[object] = []
        self.status = QComboBox()
        for s in STATUSES:
            self.status.addItem(label(s), s.value)
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(t("不予、退回、照常确定须写明原因"))
        self.despite = QCheckBox(t("照常确定（材料未齐也确定）"))
        self.summary = QLabel(t("正在预览…"))
        self.summary.setObjectName("previewText")
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        form = QFormLayout()
        form.addRow(t("改为"), self.status)
        form.addRow(t("原因"), self.reason)
        form.addRow("", self.despite)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.apply_button = QPushButton(t("改状态"))
        self.apply_button.setEnabled(False)
        buttons.addButton(self.apply_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.rejected.connect(self.reject)
        self.apply_button.clicked.connect(self.apply)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.summary)
        layout.addWidget(buttons)
        self.status.currentIndexChanged.connect(lambda _i: self.ask())
        self.reason.textChanged.connect(lambda _text: self.ask())
        self.despite.toggled.connect(lambda _on: self.ask())
        self.ask()

    def chosen(self) -> Status:
        return Status(self.status.currentData())

    def ask(self) -> None:
        """A new preview for what the dialog says now."""
        self._asked += 1
        asked, status = self._asked, self.chosen().value
        reason, despite, ids = self.reason.text(), self.despite.isChecked(), self.ids
        self.despite.setVisible(self.chosen() == Status.CONFIRMED)
        self.apply_button.setEnabled(False)

        def work(store: Store) -> StatusPreview:
            return preview_selected(store, status=status, household_ids=ids, reason=reason,
                                    despite_missing=despite)  # fmt: skip

        self._run(work, lambda preview: self._previewed(asked, preview))

    def _run(self, work, done) -> None:  # noqa: ANN001
        path = self.store.path
        if path is None:
            try:
                done(work(self.store))
            except WarmVisitError as error:
                self._failed(error)
            return

        def own(_progress: object) -> object:
            with open_store(Path(path)) as store:
                return work(store)

        self._jobs.append(start_job(self, own, done, self._failed))

    def _previewed(self, asked: int, preview: StatusPreview) -> None:
        if asked != self._asked:
            return
        self.preview = preview
        self.summary.setText("\n".join(preview_lines(preview)))
        self.adjustSize()  # the lines may wrap (English): the dialog grows to show them
        n = len(preview.changing)
        self.apply_button.setText(t("改为“{status}”（{n}户）", status=label(self.chosen()),
                                    n=f"{n:,}"))  # fmt: skip
        self.apply_button.setEnabled(preview.blocked is None and n > 0)

    def apply(self) -> None:
        preview = self.preview
        if preview is None or preview.blocked is not None:
            return
        self.apply_button.setEnabled(False)
        self.summary.setText(t("正在修改…"))
        self._run(lambda store: apply_status_change(store, preview=preview), self._done)

    def _done(self, result: object) -> None:
        self.result_changed = getattr(result, "changed", 0)
        self.applied.emit()
        self.accept()

    def _failed(self, error: object) -> None:
        message = render(error, language()) if isinstance(error, WarmVisitError) else str(error)
        self.summary.setText("⚠ " + message)

    def done(self, code: int) -> None:
        for job in self._jobs:  # a preview still running finishes first (its own connection)
            job.quit()  # type: ignore[attr-defined]
            job.wait()  # type: ignore[attr-defined]
        super().done(code)


class OverrideDialog(QDialog):
    """认定依据: the clerk decides the rule (or not eligible) and says why."""

    applied = Signal()

    def __init__(self, store: Store, household_id: str, parent: QWidget) -> None:
        super().__init__(parent)
        self.setWindowTitle(t("认定依据"))
        self.store, self.household_id = store, household_id
        self.rule = QComboBox()
        for r in Rule:
            self.rule.addItem(label(r), r.value)
        self.rule.addItem(t("不符合"), "")
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(t("须写明原因"))
        self.message = QLabel()
        self.message.setWordWrap(True)
        form = QFormLayout(self)
        form.addRow(t("依据"), self.rule)
        form.addRow(t("原因"), self.reason)
        form.addRow(self.message)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)  # fmt: skip
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def save(self) -> None:
        rule = self.rule.currentData() or None
        try:
            override_rule(self.store, self.household_id, rule=rule, reason=self.reason.text())
        except WarmVisitError as error:
            self.message.setText("⚠ " + render(error, language()))
            return
        self.applied.emit()
        self.accept()
