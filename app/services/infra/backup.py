"""Backups of the store, and putting one back.

- ``backup_store``: one action (the CLI's ``backup``, a window's menu) writes a consistent copy
  (SQLite's backup API) to a chosen folder. Inside the store's own folder (the data folder) it
  is a plain copy; anywhere else (a stick, a share) it is encrypted with a passphrase
  (app/sync/backup_file.py), as it carries every household's ID number.
- ``automatic_backup``: a plain copy in ``<store folder>/backups``, taken when the window
  starts, before each merge (bundle import) and before each migration; the last KEEP of each
  kind are kept.
- ``restore_store``: checks a copy (integrity_check, that it is a WarmVisit store of this
  program's schema or older, its campaign) before replacing anything; the store it replaces is
  moved aside into the backups folder, never deleted.
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import time
import uuid
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from types import ModuleType

from app.documents.atomic import LEFTOVER_AGE, write_atomically
from app.domain.errors import Conflict, InvalidInput
from app.store import copies

KEEP = 5  # automatic backups of each kind
REASONS = ("start", "merge", "migration")
MIN_PASSPHRASE = 8
PLAIN, SEALED = ".db", ".wvbak"
_log = logging.getLogger("warmvisit")


def _sealer() -> ModuleType:
    """app.sync.backup_file, imported when a backup is sealed or opened: cryptography's import
    is not paid by each start of the window (which only makes plain copies)."""
    from app.sync import backup_file

    return backup_file


@dataclass(frozen=True, slots=True)
class BackupMade:
    file: Path
    encrypted: bool
    size: int  # bytes


@dataclass(frozen=True, slots=True)
class Restored:
    store: Path
    set_aside: Path | None  # the store that was replaced, kept
    campaign: str | None  # the restored campaign's name
    migrations_to_apply: bool  # an older copy: migrated when next opened


def backup_folder(db_path: Path) -> Path:
    return db_path.parent / "backups"


def _stamp() -> str:
    return datetime.now().strftime("%Y%m%d-%H%M%S-%f")


def _inside(folder: Path, root: Path) -> bool:
    folder, root = folder.resolve(), root.resolve()
    return folder == root or root in folder.parents


def _plain_copy(db_path: Path, target: Path) -> None:
    """A consistent copy at ``target``, whole or not there."""
    tmp = target.with_name(f".{target.name}.{uuid.uuid4().hex[:8]}.tmp")
    try:
        copies.copy_database(db_path, tmp)
        with open(tmp, "rb+") as f:
            os.fsync(f.fileno())
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)


def _unwritable(path: Path, exc: OSError) -> InvalidInput:
    return InvalidInput("backup.unwritable", file=str(path),
                        detail=exc.strerror or type(exc).__name__)  # fmt: skip


def backup_store(db_path: Path, out_dir: Path, *, passphrase: str | None = None) -> BackupMade:
    """Back the store up into ``out_dir``: plain inside the store's folder, encrypted with
    ``passphrase`` anywhere else (refused without one)."""
    if not db_path.is_file():
        raise InvalidInput("backup.no_store", file=str(db_path))
    if not out_dir.is_dir():
        raise InvalidInput("backup.out_dir", folder=str(out_dir))
    stem = f"WarmVisit-{db_path.stem}-{_stamp()[:15]}"
    try:
        if _inside(out_dir, db_path.parent):
            target = out_dir / f"{stem}{PLAIN}"
            _plain_copy(db_path, target)
            return BackupMade(target, False, target.stat().st_size)
        if not passphrase or len(passphrase) < MIN_PASSPHRASE:
            key = "backup.passphrase_needed" if not passphrase else "backup.passphrase_short"
            raise InvalidInput(key, folder=str(out_dir), n=MIN_PASSPHRASE)
        secret: str = passphrase
        target = out_dir / f"{stem}{SEALED}"
        # The plain copy stays in the store's folder: only the sealed one leaves it.
        plain = db_path.parent / f".{stem}.{uuid.uuid4().hex[:8]}.plain"
        try:
            copies.copy_database(db_path, plain)
            about = {"made": datetime.now().astimezone().isoformat(timespec="seconds"),
                     "store": db_path.name}  # fmt: skip
            write_atomically(target, lambda out: _sealer().seal(plain, out, secret, about))
        finally:
            plain.unlink(missing_ok=True)
    except OSError as exc:
        raise _unwritable(out_dir, exc) from exc
    if not _reads_back(target, secret, db_path.parent):
        raise InvalidInput("backup.verify_failed", file=str(target))
    _log.info("backup written (encrypted, %d bytes)", target.stat().st_size)
    return BackupMade(target, True, target.stat().st_size)


def _reads_back(target: Path, passphrase: str, home: Path) -> bool:
    """The sealed copy opens with the passphrase and holds an intact store (opened into the
    store's folder: never in clear on the stick)."""
    check = home / f".{target.name}.{uuid.uuid4().hex[:8]}.check"
    try:
        _sealer().unseal(target, check, passphrase)
        return copies.copy_facts(check).intact
    except (InvalidInput, OSError):
        return False
    finally:
        check.unlink(missing_ok=True)


def remove_leftovers(db_path: Path) -> None:
    """What a copy killed midway left (a half copy in backups/, a plain copy awaiting
    encryption or a restore's copy beside the store): all hold people in clear, so they go
    at the next copy, once old enough not to be another copy under way."""
    patterns = ((backup_folder(db_path), ".*.tmp"), (db_path.parent, ".*.plain"),
                (db_path.parent, ".restore-*.db"), (db_path.parent, ".*.check"))  # fmt: skip
    now = time.time()
    for folder, pattern in patterns:
        for leftover in folder.glob(pattern) if folder.is_dir() else ():
            with contextlib.suppress(OSError):
                if now - leftover.stat().st_mtime > LEFTOVER_AGE:
                    leftover.unlink()


def automatic_backup(db_path: Path, reason: str) -> Path | None:
    """A plain copy in the backups folder before something that changes much (or at start);
    the oldest of that kind beyond KEEP removed. None when there is no store yet."""
    if reason not in REASONS:
        raise ValueError(reason)
    if not db_path.is_file() or db_path.stat().st_size == 0:
        return None
    remove_leftovers(db_path)
    folder = backup_folder(db_path)
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{db_path.stem}-{reason}-{_stamp()}{PLAIN}"
    _plain_copy(db_path, target)
    for old in automatic_backups(db_path, reason)[KEEP:]:
        with contextlib.suppress(OSError):
            old.unlink()
    _log.info("automatic backup before %s", reason)
    return target


def automatic_backups(db_path: Path, reason: str | None = None) -> list[Path]:
    """The automatic backups of this store, newest first."""
    kinds = "|".join(REASONS) if reason is None else re.escape(reason)
    pattern = re.compile(rf"{re.escape(db_path.stem)}-({kinds})-\d{{8}}-\d{{6}}-\d{{6}}\.db")
    folder = backup_folder(db_path)
    found = [p for p in folder.glob("*.db") if pattern.fullmatch(p.name)] if folder.is_dir() else []
    return sorted(found, key=lambda p: p.name[-25:], reverse=True)


def backup_before_migration(db_path: Path) -> Path | None:
    """Called before a store is opened: a copy first when opening it would migrate it."""
    if copies.needs_migration(db_path):
        return automatic_backup(db_path, "migration")
    return None


def restore_store(db_path: Path, copy: Path, *, passphrase: str | None = None,
                  other_campaign: bool = False) -> Restored:  # fmt: skip
    """Put the backup ``copy`` in place of the store at ``db_path``, after checking it. The
    caller holds the store's lock (app/services/infra/store_lock.py)."""
    if not copy.is_file():
        raise InvalidInput("backup.missing", file=str(copy))
    db_path.parent.mkdir(parents=True, exist_ok=True)
    incoming = db_path.parent / f".restore-{uuid.uuid4().hex[:8]}.db"
    try:
        _bring_in(copy, incoming, passphrase)
        facts = _checked(copy, incoming, db_path, other_campaign)
        aside = _set_aside(db_path)
        os.replace(incoming, db_path)
    finally:
        incoming.unlink(missing_ok=True)
    _log.info("store restored from a backup")
    return Restored(db_path, aside, facts.campaign_name,
                    migrations_to_apply=copies.needs_migration(db_path))  # fmt: skip


def _bring_in(copy: Path, incoming: Path, passphrase: str | None) -> None:
    sealer = _sealer()
    if sealer.is_sealed(copy):
        if not passphrase:
            raise InvalidInput("backup.passphrase_to_open", file=str(copy))
        sealer.unseal(copy, incoming, passphrase)
        return
    try:
        copies.copy_database(copy, incoming)
    except Exception as exc:  # sqlite3.DatabaseError: not a database at all
        raise InvalidInput("backup.not_backup", file=str(copy)) from exc


def _checked(copy: Path, incoming: Path, db_path: Path,
             other_campaign: bool) -> copies.CopyFacts:  # fmt: skip
    facts = copies.copy_facts(incoming)
    if not facts.is_store:
        raise InvalidInput("backup.not_backup", file=str(copy))
    if not facts.intact:
        raise InvalidInput("backup.damaged", file=str(copy))
    if facts.unknown_migrations:
        raise InvalidInput("backup.newer", file=str(copy))
    current = copies.campaign_of(db_path)
    if current and facts.campaign_id != current[0] and not other_campaign:
        raise Conflict("backup.other_campaign", file=str(copy), theirs=facts.campaign_name or "—",
                       ours=current[1])  # fmt: skip
    return facts


def _set_aside(db_path: Path) -> Path | None:
    """The current store, whole (its WAL folded in), moved into the backups folder."""
    if not db_path.exists():
        return None
    if not copies.settle(db_path):
        raise Conflict("store.in_use", file=str(db_path))
    aside = backup_folder(db_path) / f"{db_path.stem}-before-restore-{_stamp()}{PLAIN}"
    aside.parent.mkdir(parents=True, exist_ok=True)
    os.replace(db_path, aside)
    for extra in ("-wal", "-shm"):  # emptied by settle(); a stale WAL must not meet the copy
        Path(f"{db_path}{extra}").unlink(missing_ok=True)
    return aside
