"""Where files live: the user's database and log, and the app's own resources and forms.

Resources are found the same way from the source tree, an installed wheel and a PyInstaller
build (which unpacks to ``sys._MEIPASS``).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import platformdirs

APP = "WarmVisit"


def data_dir() -> Path:
    """WARMVISIT_HOME, else the data folder of the settings (app/settings.py), else the
    platform's (%LOCALAPPDATA%\\WarmVisit, ~/.local/share/WarmVisit)."""
    from app.settings import get_setting

    chosen = os.environ.get("WARMVISIT_HOME") or get_setting("data_folder")
    return Path(chosen or platformdirs.user_data_dir(APP, appauthor=False))


def default_db_path() -> Path:
    """WARMVISIT_DB, else warmvisit.db in the user's data folder."""
    if env := os.environ.get("WARMVISIT_DB"):
        return Path(env)
    return data_dir() / "warmvisit.db"


def log_path() -> Path:
    """The log, in the data folder (what a user sends with the data folder when asking for
    help): rotated, and kept free of personal data (app/logs.py)."""
    folder = data_dir() / "logs"
    folder.mkdir(parents=True, exist_ok=True)
    return folder / "warmvisit.log"


def asset(*parts: str) -> Path:
    """A file under the top-level ``resources/`` or ``forms/`` folder, wherever we run from."""
    bundle = getattr(sys, "_MEIPASS", None)
    roots = [Path(bundle)] if bundle else []
    roots += [Path(__file__).resolve().parent.parent, Path(__file__).resolve().parent / "_assets"]
    for root in roots:
        candidate = root.joinpath(*parts)
        if candidate.exists():
            return candidate
    return roots[0].joinpath(*parts)
