"""One window per store, and the store kept on this computer's own disk.

Two windows on one store would each keep their own idea of the visit under way; a plain OS
lock on a file beside the store (``warmvisit.db.lock``) says who has it. The OS lets go of it
when the program ends, however it ends, so a crash never leaves the store locked. No Qt
(QLockFile): the command line's ``restore`` takes the same lock.

A store on a USB stick or a network share is refused: SQLite's WAL needs the shared memory
and byte-range locks of a local disk, and a stick pulled mid-commit loses the day.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import IO

from app.domain.errors import Conflict, InvalidInput
from app.paths import data_dir
from app.services.infra import drives


def lock_file(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + ".lock")


def _try_lock(handle: IO[bytes], platform: str) -> bool:
    """An exclusive lock without waiting: False when another program holds it."""
    if platform == "win32":
        import msvcrt  # Windows only

        try:  # one byte at offset 0, as every holder locks the same byte
            handle.seek(0)
            msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)  # type: ignore[attr-defined]
        except OSError:
            return False
        return True
    import fcntl

    try:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


@dataclass
class StoreLock:
    """Held while the window (or a restore) has the store; ``release`` or the program's end
    lets go."""

    path: Path
    handle: IO[bytes] | None

    def release(self) -> None:
        if self.handle is not None:
            self.handle.close()  # closing the file drops the lock, on POSIX and Windows
            self.handle = None

    def __enter__(self) -> StoreLock:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 tb: TracebackType | None) -> None:  # fmt: skip
        self.release()


def lock_store(db_path: Path, *, platform: str = sys.platform) -> StoreLock:
    """The store's lock, or Conflict("store.in_use") naming the file when another window
    (or a restore) has it. A store in memory needs none."""
    place = lock_file(db_path)
    if str(db_path) == ":memory:":
        return StoreLock(place, None)
    try:
        place.parent.mkdir(parents=True, exist_ok=True)
        handle = open(place, "a+b")  # noqa: SIM115 (held open while the lock is)
    except OSError as exc:
        raise InvalidInput("store.lock_unwritable", file=str(place),
                           detail=exc.strerror or type(exc).__name__) from exc  # fmt: skip
    if not _try_lock(handle, platform):
        handle.close()
        raise Conflict("store.in_use", file=str(db_path))
    handle.seek(0)
    handle.truncate()
    handle.write(f"{os.getpid()}\n".encode())  # for whoever looks; the lock is what counts
    handle.flush()
    return StoreLock(place, handle)


def check_store_place(db_path: Path, *, platform: str = sys.platform) -> None:
    """Refuse a store on a USB stick or a network share, saying where to keep it."""
    if str(db_path) == ":memory:":
        return
    place = drives.place_of(db_path.parent, platform)
    if place == drives.REMOVABLE:
        raise InvalidInput("store.on_removable", file=str(db_path), folder=str(data_dir()))
    if place == drives.NETWORK:
        raise InvalidInput("store.on_network", file=str(db_path), folder=str(data_dir()))


def take_store(db_path: Path, *, platform: str = sys.platform) -> StoreLock:
    """What the window does before it opens a store: the place checked, then the lock."""
    check_store_place(db_path, platform=platform)
    return lock_store(db_path, platform=platform)
