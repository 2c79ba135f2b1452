"""The log file the command line and the window both write, set up one way (no Qt here).

It lives in the data folder (app/paths.py), rotated by size. Unexpected errors are logged
where they were raised, with the app's version and the platform; a few plain facts too (a
command run, a bundle written or merged, a backup made), never about a person. Never what an
error was about: an exception's message may quote the row or the person being handled (a
name, an ID number, an address), so the log keeps each exception's type and its frames, and
for our own errors the message key, never the text or the parameters. Behind that, a filter
on the file masks whatever still looks personal (``mask_personal``): ID numbers, phone and
card numbers, and Chinese text (names), whoever logged it.
"""

from __future__ import annotations

import logging
import os
import re
import sqlite3
import traceback
from collections.abc import Sequence
from pathlib import Path, PureWindowsPath

from app import __version__
from app.paths import log_path

LOGGER = "warmvisit"
HANDLER = "warmvisit-file"
MAX_BYTES = 1_000_000  # a few hundred tracebacks; older ones move to .1, .2, .3
BACKUPS = 3


# Long digit runs (ID numbers, cards: 12–19 digits, an ID's last X), phones (mobile with or
# without +86 and separators, landlines with their area code), and Han text (names,
# addresses): the log is read by whoever helps, who needs the code's path, not the people.
_PERSONAL = (
    (re.compile(r"(?<![\dA-Za-z])\d{12,19}[Xx]?(?![\dA-Za-z])"), "<number>"),
    (re.compile(r"(?<!\d)\d{4}(?:[ -]\d{4}){2,3}(?:[ -]\d{1,3})?(?!\d)"), "<number>"),
    (re.compile(r"(?<!\d)(?:\+?86[ -]?)?1[3-9]\d(?:[ -]?\d{4}){2}(?!\d)"), "<phone>"),
    (re.compile(r"(?<!\d)0\d{2,3}-\d{7,8}(?!\d)"), "<phone>"),
    (re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f·]+"), "<text>"),
)


def mask_personal(text: str) -> str:
    """``text`` with what may identify a person replaced by a placeholder."""
    for pattern, placeholder in _PERSONAL:
        text = pattern.sub(placeholder, text)
    return text


class PersonalDataFilter(logging.Filter):
    """On the file's handler: every record, ours or a library's, masked before it is written
    (its message with its arguments, and any traceback text)."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg, record.args = mask_personal(record.getMessage()), None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = mask_personal(record.exc_text)
        if record.stack_info:
            record.stack_info = mask_personal(record.stack_info)
        return True


def _our_handler() -> logging.FileHandler | None:
    for handler in logging.getLogger(LOGGER).handlers:
        if handler.get_name() == HANDLER and isinstance(handler, logging.FileHandler):
            return handler
    return None


def configure_logging(path: Path | None = None) -> Path:
    """Send the ``warmvisit`` logger to ``path`` (else paths.log_path()), rotated by size.

    Called again with the same file it changes nothing; with another file it moves there. The
    file is created at the first record, so a run without errors leaves none behind. The CLI
    and the window call it at their first unexpected error, through ``log_unexpected``: the
    handler's modules load only when there is something to write.
    """
    from logging.handlers import RotatingFileHandler

    place = Path(path) if path is not None else log_path()
    logger = logging.getLogger(LOGGER)
    old = _our_handler()
    if old is not None:
        if old.baseFilename == os.path.abspath(place):  # how the handler keeps its file
            return place
        logger.removeHandler(old)
        old.close()
    handler = RotatingFileHandler(place, maxBytes=MAX_BYTES, backupCount=BACKUPS,
                                  encoding="utf-8", delay=True)  # fmt: skip
    handler.set_name(HANDLER)
    handler.addFilter(PersonalDataFilter())
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s"))
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    return place


def logged_file() -> Path:
    """The file the log goes to, set up with the default place if nothing was set up yet."""
    handler = _our_handler()
    return Path(handler.baseFilename) if handler is not None else configure_logging()


def _short(filename: str) -> str:
    """A frame's file from its package down: the folders above it may hold the Windows user's
    name (C:\\Users\\…)."""
    parts = PureWindowsPath(filename).parts  # either separator, on any system
    for anchor in ("app", "site-packages", "Lib", "lib"):
        if anchor in parts[:-1]:
            at = len(parts) - 1 - parts[::-1].index(anchor)
            return "/".join(parts[at if anchor == "app" else at + 1 :])
    return parts[-1] if parts else filename


def _kind(error: BaseException) -> str:
    """The exception's type and what identifies the failure without quoting data."""
    name = type(error).__qualname__
    module = type(error).__module__
    kind = name if module == "builtins" else f"{module}.{name}"
    key = getattr(error, "key", None)
    if isinstance(key, str):  # WarmVisitError: a message key, never its parameters
        kind += f" [{key}]"
    elif isinstance(error, sqlite3.Error) and getattr(error, "sqlite_errorname", None):
        kind += f" [{error.sqlite_errorname}]"
    elif isinstance(error, OSError) and error.errno is not None:
        kind += f" [errno {error.errno}]"  # the file's name may be a person's
    return kind


def describe_error(error: BaseException, *, versions: Sequence[str] = ()) -> str:
    """Version, platform and the traceback of ``error`` and the errors it came from, each
    as its type and frames (the code, never the values)."""
    import platform

    chain: list[BaseException] = []
    current: BaseException | None = error
    while current is not None and all(current is not seen for seen in chain):
        chain.append(current)
        current = current.__cause__ or (
            None if current.__suppress_context__ else current.__context__
        )
    about = (f"WarmVisit {__version__}", f"Python {platform.python_version()}", *versions)
    lines = [" · ".join((*about, platform.platform()))]
    for n, each in enumerate(reversed(chain)):
        if n:
            lines.append("\nThe error above led to:")
        lines.append("Traceback (most recent call last):")
        frames = traceback.StackSummary.from_list([
            traceback.FrameSummary(_short(f.filename), f.lineno, f.name, line=f.line)
            for f in traceback.StackSummary.extract(traceback.walk_tb(each.__traceback__))
        ])  # fmt: skip
        lines.extend(frame.rstrip("\n") for frame in frames.format())
        lines.append(_kind(each))
    return "\n".join(lines)


def log_details(details: str) -> Path:
    """Write an unexpected error's ``describe_error`` text; the file, for the sentence that
    names it."""
    place = logged_file()
    logging.getLogger(LOGGER).error("unexpected error\n%s", details)
    return place


def log_unexpected(error: BaseException) -> Path:
    return log_details(describe_error(error))
