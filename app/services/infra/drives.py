"""Where the USB stick is, and whether a path is on one (or on a network share).

Bundles are read and written on sticks: the command line suggests them and the window's file
dialogs open there. The store must not live on one: SQLite's WAL needs shared memory and
locks that a stick pulled mid-write or a network share does not give (app/services/infra/
lock.py refuses it).

Linux: mounts under /media and /run/media (where desktops put sticks), and any mount whose
block device says it is removable (/proc/mounts and /sys/block/*/removable). Windows: the
drive letters whose GetDriveTypeW is DRIVE_REMOVABLE (DRIVE_REMOTE for a share). Each reader
takes what it reads as a parameter, so the tests give it a made-up machine.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path, PureWindowsPath
from typing import Protocol, cast

DRIVE_REMOVABLE = 2  # GetDriveTypeW's answers (winbase.h)
DRIVE_REMOTE = 4
NETWORK_FS = frozenset(
    ("nfs", "nfs4", "cifs", "smb3", "smbfs", "fuse.sshfs", "sshfs", "9p", "afs", "ncpfs",
     "fuse.gvfsd-fuse", "davfs", "fuse.davfs2", "glusterfs", "ceph")
)  # fmt: skip
MEDIA_ROOTS = ("/media", "/run/media")

LOCAL, REMOVABLE, NETWORK = "local", "removable", "network"


class Kernel32(Protocol):
    """What is used of ctypes.windll.kernel32 (Windows' names)."""

    def GetLogicalDrives(self) -> int: ...  # noqa: N802

    def GetDriveTypeW(self, root: str) -> int: ...  # noqa: N802


@dataclass(frozen=True, slots=True)
class Mount:
    device: str
    point: str
    fs: str


def parse_mounts(text: str) -> tuple[Mount, ...]:
    """/proc/mounts' lines; a space in a mount point is written \\040 there."""
    found = []
    for line in text.splitlines():
        parts = line.split()
        if len(parts) >= 3:
            point = parts[1].encode().decode("unicode_escape").encode("latin-1").decode()
            found.append(Mount(parts[0], point, parts[2]))
    return tuple(found)


def _linux_mounts() -> tuple[Mount, ...]:
    try:
        return parse_mounts(Path("/proc/mounts").read_text(encoding="utf-8", errors="replace"))
    except OSError:
        return ()


def _block_removable(device: str, sys_root: Path) -> bool:
    """/dev/sdb1 → /sys/class/block/sdb1 (its disk, if it is a partition) → removable = 1."""
    if not device.startswith("/dev/"):
        return False
    entry = sys_root / "class" / "block" / Path(device).name
    try:
        entry = entry.resolve()
        disk = entry.parent if (entry / "partition").exists() else entry
        return (disk / "removable").read_text().strip() == "1"
    except OSError:
        return False


def linux_removable(
    mounts: Sequence[Mount], sys_root: Path = Path("/sys"), media_roots: Sequence[str] = MEDIA_ROOTS
) -> tuple[Path, ...]:
    """Mount points of sticks: under a media root, or on a removable block device."""
    found: list[Path] = []
    for m in mounts:
        under_media = any(m.point.startswith(root.rstrip("/") + "/") for root in media_roots)
        if (under_media or _block_removable(m.device, sys_root)) and m.point != "/":
            found.append(Path(m.point))
    return tuple(dict.fromkeys(found))


def windows_drives(kernel32: Kernel32, wanted: int = DRIVE_REMOVABLE) -> tuple[Path, ...]:
    """The drive letters of the type ``wanted`` (``kernel32`` is ctypes.windll.kernel32)."""
    mask = int(kernel32.GetLogicalDrives())
    found = []
    for n in range(26):
        if mask & (1 << n):
            root = f"{chr(ord('A') + n)}:\\"
            if int(kernel32.GetDriveTypeW(root)) == wanted:
                found.append(Path(root))
    return tuple(found)


def _kernel32() -> Kernel32:
    import ctypes

    return cast(Kernel32, ctypes.windll.kernel32)  # type: ignore[attr-defined]  # Windows only


def removable_drives(platform: str = sys.platform) -> tuple[Path, ...]:
    """The sticks plugged in now, in drive or mount order (none found: empty)."""
    if platform == "win32":
        return windows_drives(_kernel32())
    return tuple(p for p in linux_removable(_linux_mounts()) if os.access(p, os.R_OK))


def bundle_folders(platform: str = sys.platform) -> tuple[Path, ...]:
    """Where to offer to read or write a bundle: the sticks first, then the user's folder."""
    return (*removable_drives(platform), Path.home())


def start_folder() -> Path:
    """Where a file dialog for a bundle opens: the first stick, else the user's folder."""
    return bundle_folders()[0]


def _mount_of(path: Path, mounts: Sequence[Mount]) -> Mount | None:
    best: Mount | None = None
    for m in mounts:
        point = Path(m.point)
        if (path == point or point in path.parents) and (
            best is None or len(m.point) > len(best.point)
        ):
            best = m
    return best


def linux_place(path: Path, mounts: Sequence[Mount], sys_root: Path = Path("/sys")) -> str:
    mount = _mount_of(path, mounts)
    if mount is None:
        return LOCAL
    if mount.fs in NETWORK_FS or mount.device.startswith("//"):
        return NETWORK
    if linux_removable([mount], sys_root):
        return REMOVABLE
    return LOCAL


def windows_place(path: PureWindowsPath, kernel32: Kernel32) -> str:
    if path.drive.startswith("\\\\"):  # \\server\share
        return NETWORK
    if not path.drive:
        return LOCAL
    kind = int(kernel32.GetDriveTypeW(path.drive + "\\"))
    return {DRIVE_REMOVABLE: REMOVABLE, DRIVE_REMOTE: NETWORK}.get(kind, LOCAL)


def place_of(path: Path, platform: str = sys.platform) -> str:
    """LOCAL, REMOVABLE (a stick) or NETWORK (a share) for the folder ``path`` is in."""
    if platform == "win32":
        return windows_place(PureWindowsPath(os.path.abspath(path)), _kernel32())
    return linux_place(Path(os.path.abspath(path)), _linux_mounts())
