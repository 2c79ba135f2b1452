"""The console a command runs in: output that never fails on a character a legacy code page
lacks, and Ctrl+C that ends in one sentence and exit 130.

Apart from app.cli so that the entry point can say the sentence even when Ctrl+C comes while
the command line's modules are still loading.
"""

from __future__ import annotations

import codecs
import io
import os
import signal
import sqlite3
import sys
from types import FrameType

INTERRUPTED = 130  # the exit code of a command stopped by Ctrl+C, as shells give it

# What a legacy code page (GBK, cp936: a Chinese Windows console redirected to a file or a
# pipe) lacks, written as the nearest character it has; anything else it lacks becomes "?".
_NEAREST = {"¥": "￥", "−": "-", "‑": "-", "‒": "-", "•": "·", "・": "·", "✓": "√"}


def _nearest(error: UnicodeError) -> tuple[str, int]:
    if not isinstance(error, UnicodeEncodeError):
        raise error
    written = []
    for char in error.object[error.start : error.end]:
        near = _NEAREST.get(char, "?")
        try:
            near.encode(error.encoding)
        except UnicodeEncodeError:
            near = "?"
        written.append(near)
    return "".join(written), error.end


codecs.register_error("warmvisit.nearest", _nearest)


class Interrupts:
    """The SIGINT handler of the command line.

    Ctrl+C reaches every process of the console: worker processes forked from this one
    inherit the handler and carry on, printing no traceback; this one stops them when it
    leaves their pool. Here it raises ``KeyboardInterrupt`` and notes whether the command had
    already written: inside a transaction (or before any write) nothing is kept, as the
    transaction rolls back; after one has committed (while the command prints its report, say),
    what it wrote stays, and the sentence must say so."""

    def __init__(self) -> None:
        self.watch(None)

    def watch(self, connection: sqlite3.Connection | None) -> None:
        """A command begins in this process; what it writes goes through ``connection`` (None
        until its store is open)."""
        self._pid = os.getpid()
        self._connection = connection
        self._changes = connection.total_changes if connection else 0
        self.after_write = False

    def __call__(self, _signum: int, _frame: FrameType | None) -> None:
        if os.getpid() != self._pid:
            return  # a forked worker
        db = self._connection
        try:
            self.after_write = bool(db and not db.in_transaction
                                    and db.total_changes > self._changes)  # fmt: skip
        except sqlite3.ProgrammingError:  # closed: the command is over
            self.after_write = False
        raise KeyboardInterrupt


INTERRUPTS = Interrupts()


def configure_console() -> None:
    """Output that never fails on a character, and Ctrl+C that ends in one sentence.

    stdout and stderr keep the encoding Python chose (UTF-8 on a console, the ANSI code page
    when redirected on Windows) but write what it lacks as its nearest character (¥ as ￥)
    instead of raising; JSON is written as UTF-8 bytes whatever it is (``emit_json``)."""
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(errors="warmvisit.nearest")
    INTERRUPTS.watch(None)
    if signal.getsignal(signal.SIGINT) is signal.default_int_handler:  # not ignored (nohup)
        signal.signal(signal.SIGINT, INTERRUPTS)


def say_interrupted(lang: str, *, after_write: bool = False) -> int:
    """The one sentence for Ctrl+C, and its exit code."""
    from app import i18n as messages  # here: the entry point may call this before any import

    print(messages.text("interrupted.kept" if after_write else "interrupted", lang),
          file=sys.stderr)  # fmt: skip
    return INTERRUPTED
