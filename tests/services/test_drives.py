"""Finding the stick: Linux from a made-up /proc/mounts and /sys, Windows from a made-up
kernel32 that answers GetLogicalDrives and GetDriveTypeW as Windows does."""

from pathlib import Path, PureWindowsPath

from app.services.infra import drives

MOUNTS = (
    "/dev/sda2 / ext4 rw,relatime 0 0\n"
    "/dev/sdb1 /mnt/U\\040盘 vfat rw 0 0\n"  # removable per /sys, mounted by hand
    "/dev/sdc1 /media/clerk/KINGSTON vfat rw 0 0\n"  # a desktop's automount
    "/dev/sdd1 /run/media/clerk/备份 exfat rw 0 0\n"
    "//nas/union /srv/share cifs rw 0 0\n"
    "nas:/export /srv/nfs nfs4 rw 0 0\n"
    "tmpfs /tmp tmpfs rw 0 0\n"
)


def fake_sys(root: Path) -> Path:
    """sda fixed, sdb removable; sdb1 a partition of sdb (symlinked as the kernel does)."""
    for disk, removable in (("sda", "0"), ("sdb", "1")):
        d = root / "devices" / disk
        (d / f"{disk}1").mkdir(parents=True)
        (d / "removable").write_text(removable + "\n")
        (d / f"{disk}1" / "partition").write_text("1\n")
        (root / "class" / "block").mkdir(parents=True, exist_ok=True)
        (root / "class" / "block" / f"{disk}1").symlink_to(d / f"{disk}1")
    return root


def test_linux_sticks_are_media_mounts_and_removable_devices(tmp_path: Path) -> None:
    mounts = drives.parse_mounts(MOUNTS)
    assert mounts[1].point == "/mnt/U 盘"
    found = drives.linux_removable(mounts, fake_sys(tmp_path))
    assert found == (Path("/mnt/U 盘"), Path("/media/clerk/KINGSTON"),
                     Path("/run/media/clerk/备份"))  # fmt: skip


def test_linux_place_of_a_store(tmp_path: Path) -> None:
    mounts, sys_root = drives.parse_mounts(MOUNTS), fake_sys(tmp_path)
    place = lambda p: drives.linux_place(Path(p), mounts, sys_root)  # noqa: E731
    assert place("/home/clerk/.local/share/WarmVisit/warmvisit.db") == drives.LOCAL
    assert place("/mnt/U 盘/warmvisit.db") == drives.REMOVABLE
    assert place("/media/clerk/KINGSTON/a/warmvisit.db") == drives.REMOVABLE
    assert place("/srv/share/warmvisit.db") == drives.NETWORK
    assert place("/srv/nfs/x/warmvisit.db") == drives.NETWORK


class FakeKernel32:
    """A laptop with C: (fixed), E: (a stick), Z: (a mapped share)."""

    TYPES = {"C:\\": 3, "E:\\": drives.DRIVE_REMOVABLE, "Z:\\": drives.DRIVE_REMOTE}

    def GetLogicalDrives(self) -> int:  # noqa: N802 (Windows' name)
        return sum(1 << (ord(root[0]) - ord("A")) for root in self.TYPES)

    def GetDriveTypeW(self, root: str) -> int:  # noqa: N802
        return self.TYPES.get(root, 1)  # DRIVE_NO_ROOT_DIR


def test_windows_sticks_by_drive_type(monkeypatch) -> None:
    kernel32 = FakeKernel32()
    assert drives.windows_drives(kernel32) == (Path("E:\\"),)
    monkeypatch.setattr(drives, "_kernel32", lambda: kernel32)
    assert drives.removable_drives("win32") == (Path("E:\\"),)
    assert drives.bundle_folders("win32")[0] == Path("E:\\")


def test_windows_place_of_a_store() -> None:
    kernel32 = FakeKernel32()
    place = lambda p: drives.windows_place(PureWindowsPath(p), kernel32)  # noqa: E731
    assert place(r"C:\Users\clerk\AppData\Local\WarmVisit\warmvisit.db") == drives.LOCAL
    assert place(r"E:\warmvisit.db") == drives.REMOVABLE
    assert place(r"Z:\union\warmvisit.db") == drives.NETWORK
    assert place(r"\\nas\union\warmvisit.db") == drives.NETWORK


def test_no_stick_offers_the_home_folder(monkeypatch) -> None:
    monkeypatch.setattr(drives, "_linux_mounts", lambda: ())
    assert drives.bundle_folders("linux") == (Path.home(),)
    assert drives.start_folder() == Path.home()
