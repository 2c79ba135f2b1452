"""Long work off the GUI thread: one QThread per job, its own store connection (WAL lets the
window keep reading), results, errors and progress handed back as signals.

The callbacks run on the GUI thread: the job's signals reach a relay object that lives there.
A signal connected straight to a plain function would run it on the worker thread, where the
window's widgets and store connection must not be touched.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Qt, QThread, Signal, Slot


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


class _Relay(QObject):
    """Lives on the GUI thread; queued connections deliver the job's signals here."""

    def __init__(self, parent: QObject, on_done: Callable[[Any], None],
                 on_error: Callable[[Any], None],
                 on_progress: Callable[[int, int], None] | None) -> None:  # fmt: skip
        super().__init__(parent)
        self._done, self._error, self._progress = on_done, on_error, on_progress

    @Slot(object)
    def done(self, result: object) -> None:
        self._done(result)

    @Slot(object)
    def error(self, error: object) -> None:
        self._error(error)

    @Slot(int, int)
    def progress(self, done: int, total: int) -> None:
        if self._progress is not None:
            self._progress(done, total)


class _Keeper(QObject):
    """Holds every running job's thread; lets each go once it has finished (on the GUI
    thread, after waiting for it to end, so it is never deleted while it runs)."""

    @Slot()
    def let_go(self) -> None:
        ended = self.sender()
        for thread in [t for t in _RUNNING if t is ended or t.isFinished()]:
            thread.wait()  # it has emitted finished: its run is over, the wait is short
            _RUNNING.discard(thread)


_RUNNING: set[QThread] = set()
_KEEPER = _Keeper()


def start_job(
    parent: QObject,
    work: Callable[[Callable[[int, int], None]], Any],
    on_done: Callable[[Any], None],
    on_error: Callable[[Any], None],
    on_progress: Callable[[int, int], None] | None = None,
) -> QThread:
    # Not the parent's child: a page deleted while its job runs would delete a running thread
    # (Qt aborts the process). The thread is kept here until it has finished, then let go on
    # the GUI thread; whoever holds the returned object keeps it as long as they like.
    thread = QThread()
    _RUNNING.add(thread)
    thread.finished.connect(_KEEPER.let_go, Qt.ConnectionType.QueuedConnection)
    job = Job(work)
    relay = _Relay(parent, on_done, on_error, on_progress)
    job.moveToThread(thread)
    thread.started.connect(job.run)
    job.succeeded.connect(relay.done)
    job.failed.connect(relay.error)
    job.progressed.connect(relay.progress)
    job.succeeded.connect(thread.quit)
    job.failed.connect(thread.quit)
    thread.finished.connect(job.deleteLater)
    thread.finished.connect(relay.deleteLater)
    thread._job = job  # type: ignore[attr-defined]  # keep it alive while the thread runs
    thread.start()
    return thread
