"""The user's settings: a small JSON file in the platform's usual place for settings.

Settings are the user's, not the campaign's: they live beside the program (platformdirs'
user_config_dir: %LOCALAPPDATA%\\WarmVisit on Windows, ~/.config/WarmVisit on Linux), never in
the store, so changing one needs no migration and a restored store keeps them. WARMVISIT_SETTINGS
names another file (tests, a portable install). Read at start: the data folder (the default
--db), the language, the window's font, the idle lock, the default paper.

A missing or damaged file gives the defaults; nothing here refuses to start the app.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import platformdirs

from app.domain.errors import InvalidInput

APP = "WarmVisit"
FILE_NAME = "settings.json"


def _language(value: str) -> str:
    value = value.strip()
    if value not in ("zh", "en"):
        raise InvalidInput("setting.language", value=value)
    return value


def _whole(low: int, high: int) -> Callable[[str], str]:
    def check(value: str) -> str:
        value = value.strip()
        if not (value.isascii() and value.isdigit() and low <= int(value) <= high):
            raise InvalidInput("setting.range", value=value, low=low, high=high)
        return str(int(value))

    return check


def _paper(value: str) -> str:
    value = value.strip().upper()
    if value not in ("A4", "A5"):
        raise InvalidInput("setting.paper", value=value)
    return value


def _folder(value: str) -> str:
    value = value.strip()
    return str(Path(value).expanduser().absolute()) if value else ""


def _text(value: str) -> str:
    return value.strip()


@dataclass(frozen=True, slots=True)
class Setting:
    key: str
    default: str
    check: Callable[[str], str]


# In the order `warmvisit settings` lists them. An empty data folder or font: the platform's.
SETTINGS = (
    Setting("data_folder", "", _folder),
    Setting("language", "zh", _language),
    Setting("font", "", _text),
    Setting("font_size", "18", _whole(12, 32)),
    Setting("idle_lock_minutes", "5", _whole(2, 15)),
    Setting("paper_size", "A4", _paper),
)
_BY_KEY = {s.key: s for s in SETTINGS}


def settings_file() -> Path:
    if env := os.environ.get("WARMVISIT_SETTINGS"):
        return Path(env)
    return Path(platformdirs.user_config_dir(APP, appauthor=False)) / FILE_NAME


_read: dict[tuple[str, int], dict[str, str]] = {}


def _stored() -> dict[str, str]:
    """The file's values, read again only when the file changed (the language is asked for
    at every sentence)."""
    path = settings_file()
    try:
        stamp = (str(path), path.stat().st_mtime_ns)
    except OSError:  # none yet: the defaults
        return {}
    if stamp not in _read:
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):  # damaged: the defaults
            raw = {}
        _read.clear()
        _read[stamp] = (
            {k: str(v) for k, v in raw.items() if k in _BY_KEY} if isinstance(raw, dict) else {}
        )
    return dict(_read[stamp])


def all_settings() -> dict[str, str]:
    """Every setting, the stored value or its default (a stored value that no longer passes
    its check, e.g. edited by hand, gives the default)."""
    stored = _stored()
    values: dict[str, str] = {}
    for s in SETTINGS:
        try:
            values[s.key] = s.check(stored[s.key]) if s.key in stored else s.default
        except InvalidInput:
            values[s.key] = s.default
    return values


def get_setting(key: str) -> str:
    if key not in _BY_KEY:
        raise InvalidInput("setting.unknown", key=key, known=", ".join(_BY_KEY))
    return all_settings()[key]


def set_setting(key: str, value: str) -> str:
    """Check and store one setting; the value as stored. An empty value: back to the default."""
    if key not in _BY_KEY:
        raise InvalidInput("setting.unknown", key=key, known=", ".join(_BY_KEY))
    stored = _stored()
    checked = _BY_KEY[key].check(value) if value.strip() else ""
    if checked:
        stored[key] = checked
    else:
        stored.pop(key, None)
    _write(stored)
    return checked or _BY_KEY[key].default


def _write(values: dict[str, str]) -> None:
    target = settings_file()
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".settings.", suffix=".tmp", dir=target.parent)
    except OSError as exc:
        raise _unwritable(target, exc) from exc
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            json.dump(values, out, ensure_ascii=False, indent=1, sort_keys=True)
        os.replace(tmp, target)
        _read.clear()
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise _unwritable(target, exc) from exc


def _unwritable(target: Path, exc: OSError) -> InvalidInput:
    return InvalidInput(
        "setting.unwritable", file=str(target), detail=exc.strerror or type(exc).__name__
    )
