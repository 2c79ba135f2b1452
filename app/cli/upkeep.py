"""Looking after the app: ``settings [KEY [VALUE]]``, ``backup --out DIR``, ``restore FILE``.

None of them opens the store through the usual path: settings need no store, a backup copies
the file with SQLite's backup API, and a restore replaces it (holding the window's lock, so it
never pulls a store from under an open window).
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from pathlib import Path

from app import settings as user_settings
from app.cli.args import Subparsers, command
from app.cli.output import OUT
from app.domain.errors import InvalidInput
from app.services.infra import backup, drives
from app.services.infra.store_lock import lock_store

PASSPHRASE_ENV = "WARMVISIT_BACKUP_PASSPHRASE"


def register(sub: Subparsers) -> None:
    c = command(sub, "settings", _no_handler,
                "show or change a setting (data_folder, language, font, …)")  # fmt: skip
    c.set_defaults(without_store=cmd_settings)
    c.add_argument("key", nargs="?")
    c.add_argument("value", nargs="?")
    sticks = ", ".join(str(p) for p in drives.removable_drives()) or "—"
    c = command(sub, "backup", _no_handler, "a consistent copy of the database (encrypted "
                "when it leaves the data folder)")  # fmt: skip
    c.set_defaults(without_store=cmd_backup)
    c.add_argument("--out", help=f"folder to write to (default: the USB stick; found: {sticks})")
    c.add_argument("--passphrase", help=f"to encrypt it (or ${PASSPHRASE_ENV})")
    c = command(sub, "restore", _no_handler, "replace the database by a backup (checked first; "
                "the database replaced is kept in backups/)")  # fmt: skip
    c.set_defaults(without_store=cmd_restore)
    c.add_argument("file", metavar="FILE")
    c.add_argument("--passphrase", help=f"of an encrypted backup (or ${PASSPHRASE_ENV})")
    c.add_argument("--other-campaign", action="store_true",
                   help="accept a backup of another campaign")  # fmt: skip


def _no_handler(*_args: object) -> int:  # these commands run without_store
    raise AssertionError


def cmd_settings(_db: Path, a: argparse.Namespace) -> int:
    if a.key is not None and a.value is not None:
        user_settings.set_setting(a.key, a.value)
    values = user_settings.all_settings()
    if a.key is not None:
        value = user_settings.get_setting(a.key)
        OUT.result({a.key: value}, lambda: OUT.say(f"{a.key} = {value}"))
        return 0
    place = user_settings.settings_file()
    lines = [OUT.text("cli.settings_file", file=place), *(f"{k} = {v}" for k, v in values.items())]
    OUT.result({"file": str(place), "settings": values}, lambda: OUT.say("\n".join(lines)))
    return 0


def default_stick() -> Path:
    """The one USB stick plugged in, for an --out left out."""
    found = drives.removable_drives()
    if len(found) != 1:
        raise InvalidInput("cli.stick_choose", found=", ".join(map(str, found)) or "—")
    return found[0]


def _passphrase(given: str | None, *, twice: bool) -> str | None:
    if given or os.environ.get(PASSPHRASE_ENV):
        return given or os.environ.get(PASSPHRASE_ENV)
    if not sys.stdin.isatty():
        return None
    first = getpass.getpass(OUT.text("cli.passphrase_prompt"))
    if twice and first and getpass.getpass(OUT.text("cli.passphrase_again")) != first:
        raise InvalidInput("cli.passphrase_differs")
    return first or None


def cmd_backup(db: Path, a: argparse.Namespace) -> int:
    out = Path(a.out) if a.out else default_stick()
    inside = out.is_dir() and backup.backup_folder(db).parent.resolve() in (
        out.resolve(), *out.resolve().parents)  # fmt: skip
    secret = None if inside else _passphrase(a.passphrase, twice=True)
    made = backup.backup_store(db, out, passphrase=secret)
    OUT.result({"file": str(made.file.resolve()), "encrypted": made.encrypted, "bytes": made.size},
               lambda: OUT.say(OUT.text("cli.backup_sealed" if made.encrypted else
                                        "cli.backup_plain", file=made.file)))  # fmt: skip
    return 0


def cmd_restore(db: Path, a: argparse.Namespace) -> int:
    copy = Path(a.file)
    secret = a.passphrase or os.environ.get(PASSPHRASE_ENV)
    if secret is None and copy.is_file() and copy.suffix == backup.SEALED:
        secret = _passphrase(None, twice=False)
    with lock_store(db):  # not while a window has it
        done = backup.restore_store(db, copy, passphrase=secret, other_campaign=a.other_campaign)
    aside = str(done.set_aside) if done.set_aside else ""
    OUT.result({"store": str(done.store), "set_aside": aside or None,
                "campaign": done.campaign},
               lambda: OUT.say(OUT.text("cli.restored", file=copy, campaign=done.campaign or "—")
                               + ("\n" + OUT.text("cli.set_aside", file=aside) if aside else "")),
               )  # fmt: skip
    return 0
