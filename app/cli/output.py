"""Terminal output for the CLI: aligned tables with Chinese text, one JSON object, a progress bar.

Kept apart from the command modules so their handlers read as what they do, not how they print.
"""

from __future__ import annotations

import json
import sys
import time
import unicodedata
from collections.abc import Callable, Sequence
from typing import Any, TextIO, TypeVar

from app import i18n as messages

T = TypeVar("T")


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


def under_way(label: str, work: Callable[[], T]) -> T:
    """``work()`` of a few seconds with no steps to count (an audit, a bank file): the line
    ``label …`` on a terminal while it runs, so the clerk knows it has not stopped."""
    bar = TextProgress(label)
    bar(0, 0)
    try:
        return work()
    finally:
        bar.finish()


class Output:
    """Where a command's answer goes: a JSON object or sentences and tables for a person."""

    def __init__(self, as_json: bool, lang: str) -> None:
        self.set(as_json, lang)

    def set(self, as_json: bool, lang: str) -> None:
        self.json = as_json
        self.lang = messages.set_language(lang)  # documents written here speak it too

    def text(self, key: str, **params: Any) -> str:
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
