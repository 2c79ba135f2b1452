"""Long work off the GUI thread: one QThread per job, its own store connection (WAL lets the
window keep reading), results and errors handed back as signals."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QThread, Signal


class Job(QObject):
    progressed = Signal(int, int)
    succeeded = Signal(object)
    failed = Signal(object)

    def __init__(self, work: Callable[[Callable[[int, int], None]], Any]) -> None:
        super().__init__()
        self._work = work

    def run(self) -> None:
        try:
            result = self._work(self.progressed.emit)
        except Exception as error:  # handed to the window, which shows a sentence
            self.failed.emit(error)
        else:
            self.succeeded.emit(result)


def start_job(
    parent: QObject,
    work: Callable[[Callable[[int, int], None]], Any],
    on_done: Callable[[Any], None],
    on_error: Callable[[Any], None],
) -> QThread:
    thread = QThread(parent)
    job = Job(work)
    job.moveToThread(thread)
    thread.started.connect(job.run)
    job.succeeded.connect(on_done)
    job.failed.connect(on_error)
    job.succeeded.connect(thread.quit)
    job.failed.connect(thread.quit)
    thread.finished.connect(job.deleteLater)
    thread._job = job  # type: ignore[attr-defined]  # keep it alive while the thread runs
    thread.start()
    return thread
