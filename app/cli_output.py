"""Terminal output for the CLI: aligned tables with Chinese text, one JSON object, a progress bar.

Kept apart from ``app.cli`` so command handlers read as what they do, not how they print.
"""

from __future__ import annotations

import codecs
import io
import json
import os
import signal
import sqlite3
import sys
import time
import unicodedata
from collections.abc import Callable, Sequence
from types import FrameType
from typing import Any, TextIO

from app import messages

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
    print(messages.text("interrupted.kept" if after_write else "interrupted", lang),
          file=sys.stderr)  # fmt: skip
    return INTERRUPTED


def width(text: str) -> int:
    """Columns a string takes in a terminal: CJK characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def pad(text: str, columns: int, *, right: bool = False) -> str:
    fill = " " * max(columns - width(text), 0)
    return fill + text if right else text + fill


def table(
    headers: Sequence[str], rows: Sequence[Sequence[object]], *, right: Sequence[int] = ()
) -> str:
    """A plain table; columns whose index is in ``right`` are right-aligned (amounts, counts)."""
    cells = [[str(c) for c in headers]] + [[("" if c is None else str(c)) for c in r] for r in rows]
    widths = [max(width(row[i]) for row in cells) for i in range(len(headers))]
    lines = []
    for n, row in enumerate(cells):
        lines.append(
            "  ".join(pad(c, widths[i], right=i in right) for i, c in enumerate(row)).rstrip()
        )
        if n == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)


def emit_json(obj: dict[str, Any], stream: TextIO | None = None) -> None:
    """One JSON object, in UTF-8 whatever the console's code page: scripts read it as JSON
    (RFC 8259) is, not in GBK."""
    stream = stream or sys.stdout
    text = json.dumps(obj, ensure_ascii=False, indent=2) + "\n"
    buffer = getattr(stream, "buffer", None)
    if buffer is None:  # a text-only stream (a StringIO): no bytes to choose
        stream.write(text)
        return
    stream.flush()
    buffer.write(text.encode("utf-8", errors="replace"))  # a lone surrogate (a bad file name)
    buffer.flush()


class TextProgress:
    """``progress(done, total)`` drawn on stderr, at most ten times a second, only on a terminal."""

    def __init__(self, label: str, stream: TextIO | None = None) -> None:
        self.label = label
        self.stream = stream or sys.stderr
        self.enabled = self.stream.isatty()
        self._last = 0.0
        self._drawn = False

    def __call__(self, done: int, total: int) -> None:
        if not self.enabled:
            return
        now = time.monotonic()
        if now - self._last < 0.1 and done != total:
            return
        self._last = now
        if total:
            filled = int(30 * done / total)
            bar = "#" * filled + "." * (30 - filled)
            self.stream.write(f"\r{self.label} [{bar}] {done}/{total}")
        else:
            self.stream.write(f"\r{self.label} …")
        self.stream.flush()
        self._drawn = True

    def finish(self) -> None:
        if self._drawn:
            self.stream.write("\n")
            self.stream.flush()


class Output:
    """Where a command's answer goes: a JSON object or sentences and tables for a person."""

    def __init__(self, as_json: bool, lang: str) -> None:
        self.set(as_json, lang)

    def set(self, as_json: bool, lang: str) -> None:
        self.json = as_json
        self.lang = lang

    def t(self, key: str, **params: Any) -> str:
        return messages.text(key, self.lang, **params)

    def say_err(self, line: str) -> None:
        print(line, file=sys.stderr)

    def say(self, line: str = "") -> None:
        print(line, file=sys.stderr if self.json else sys.stdout)

    def result(self, obj: dict[str, Any], human: Callable[[], None]) -> None:
        if self.json:
            emit_json(obj)
        else:
            human()


OUT = Output(False, "zh")
"""The one answer of this process; ``main`` sets its mode and language from the flags."""
