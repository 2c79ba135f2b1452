"""One window per store (a plain OS lock beside it, let go of when the program ends however
it ends) and no store on a stick or a network share."""

from __future__ import annotations

import subprocess
import sys
import types
from pathlib import Path

import pytest

from app.domain.errors import Conflict, InvalidInput
from app.i18n import render
from app.services.infra import drives, store_lock

ROOT = Path(__file__).resolve().parents[2]


def test_a_second_window_on_the_same_store_is_refused(tmp_path: Path) -> None:
    db = tmp_path / "warmvisit.db"
    with store_lock.lock_store(db):
        with pytest.raises(Conflict) as caught:
            store_lock.lock_store(db)
        assert render(caught.value, "zh") == (
            f"数据库“{db}”已在另一个窗口中打开：请使用那个窗口（每个数据库只能开一个窗口）"
        )
        store_lock.lock_store(tmp_path / "other.db").release()  # another store: its own lock
    store_lock.lock_store(db).release()  # let go of: free again


def test_a_lock_dies_with_its_program(tmp_path: Path) -> None:
    db = tmp_path / "warmvisit.db"
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sys, time; from pathlib import Path; "
         "from app.services.infra.store_lock import lock_store; "
         "held = lock_store(Path(sys.argv[1])); print('held', flush=True); time.sleep(60)",
         str(db)], cwd=ROOT, stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "held\n"
        with pytest.raises(Conflict):
            store_lock.lock_store(db)
    finally:
        holder.kill()  # a crash: no clean-up runs
        holder.wait()
    store_lock.lock_store(db).release()


def test_the_windows_lock_uses_msvcrt(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """msvcrt.locking as Windows answers it: a byte locked by one handle refuses another."""
    held: set[str] = set()

    def locking(fd: int, mode: int, size: int) -> None:
        name = Path(f"/proc/self/fd/{fd}").resolve().name
        if name in held:
            raise PermissionError(13, "Permission denied")
        held.add(name)

    fake = types.SimpleNamespace(locking=locking, LK_NBLCK=2)
    monkeypatch.setitem(sys.modules, "msvcrt", fake)
    db = tmp_path / "warmvisit.db"
    first = store_lock.lock_store(db, platform="win32")
    with pytest.raises(Conflict):
        store_lock.lock_store(db, platform="win32")
    first.release()


@pytest.mark.parametrize(("place", "says"), [(drives.REMOVABLE, "在U盘（可移动磁盘）上"),
                                             (drives.NETWORK, "在网络共享文件夹上")])  # fmt: skip
def test_a_store_on_a_stick_or_a_share_is_refused(tmp_path, monkeypatch, place, says) -> None:
    monkeypatch.setattr(drives, "place_of", lambda path, platform: place)
    monkeypatch.setenv("WARMVISIT_HOME", str(tmp_path / "home"))
    db = tmp_path / "stick" / "warmvisit.db"
    with pytest.raises(InvalidInput) as caught:
        store_lock.take_store(db)
    sentence = render(caught.value, "zh")
    assert says in sentence and f"数据文件夹：{tmp_path / 'home'}" in sentence
    assert not db.parent.exists()  # nothing made there


def test_the_idle_lock_follows_the_settings_unless_the_laptop_has_its_own(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from app.services.laptop import lock
    from app.settings import set_setting
    from app.store.db import Store

    monkeypatch.setenv("WARMVISIT_SETTINGS", str(tmp_path / "settings.json"))
    with Store(tmp_path / "t.db") as store:
        assert lock.idle_minutes(store) == 5
        set_setting("idle_lock_minutes", "10")
        assert lock.idle_minutes(store) == 10
        lock.set_idle_minutes(store, 3)
        assert lock.idle_minutes(store) == 3
