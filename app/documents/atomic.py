"""Writing a file so that it is either whole or not there: temp name, fsync, rename.

A pulled USB stick or a crash mid-write leaves the previous file intact, never half a file.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import IO

from app.domain.errors import InvalidInput

# Windows refuses to replace a file another program has open (Excel, WPS, a PDF viewer, also
# an antivirus scan for a moment): ERROR_ACCESS_DENIED or ERROR_SHARING_VIOLATION, raised as
# PermissionError. A few short retries outlast a scan; a program holding it, they do not.
RETRIES = 5
RETRY_WAIT = 0.2  # seconds


def write_atomically(target: Path, write: Callable[[IO[bytes]], None]) -> None:
    """Run ``write`` on a temporary file beside ``target``, make it durable, then rename it
    over ``target``. Same folder, so the rename never crosses file systems; os.replace is
    atomic on POSIX and Windows alike."""
    target.parent.mkdir(parents=True, exist_ok=True)
    _remove_leftovers(target)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as raw:
            write(raw)
            raw.flush()
            os.fsync(raw.fileno())  # data on disk before the name points at it
        _replace(tmp_name, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp_name)
        raise
    if os.name == "posix":
        # Make the rename itself survive a power cut (not possible, nor needed, on Windows).
        dir_fd = os.open(target.parent, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)


def _replace(tmp_name: str, target: Path) -> None:
    """Rename over ``target``; a target held open elsewhere gives the sentence that names it
    and says to close it (the temporary file, in the same folder, proved the folder writable)."""
    for attempt in range(RETRIES):
        try:
            os.replace(tmp_name, target)
            return
        except PermissionError:
            if attempt == RETRIES - 1:
                raise InvalidInput("file.in_use", file=str(target)) from None
            time.sleep(RETRY_WAIT)


LEFTOVER_AGE = 60  # seconds: a temporary file this old is not another write under way


def _remove_leftovers(target: Path) -> None:
    """Temporary files of an earlier write of ``target`` that was killed (a half bundle on
    the stick, half a workbook of names): gone before this write, not left for ever."""
    now = time.time()
    for leftover in target.parent.glob(f".{glob_escape(target.name)}.*.tmp"):
        with contextlib.suppress(OSError):
            if now - leftover.stat().st_mtime > LEFTOVER_AGE:
                leftover.unlink()


def glob_escape(name: str) -> str:
    """``name`` as a glob pattern that matches only itself ([ ] * ? are literal)."""
    return "".join(f"[{c}]" if c in "[]*?" else c for c in name)
