"""`warmvisit settings`, `backup` and `restore` as a clerk types them, and one window per
store: a restore while the window has the store is refused with a sentence."""

from __future__ import annotations

import json
import logging
import shutil
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from app.cli import main
from app.i18n import catalogue
from app.logs import LOGGER
from app.services.infra.store_lock import lock_store
from app.settings import settings_file
from tests import bundle_world

pytestmark = pytest.mark.usefixtures("cheap_scrypt")


@pytest.fixture(autouse=True)
def _own(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setitem(catalogue._state, "lang", catalogue._state["lang"])
    monkeypatch.setenv("WARMVISIT_SETTINGS", str(tmp_path / "config" / "settings.json"))
    monkeypatch.setattr(logging.getLogger(LOGGER), "handlers", [])  # the log follows the folder
    monkeypatch.delenv("WARMVISIT_HOME", raising=False)  # the settings' data folder counts
    place = tmp_path / "config" / "settings.json"
    place.parent.mkdir()
    place.write_text(f'{{"data_folder": "{(tmp_path / "home").as_posix()}"}}', encoding="utf-8")
    monkeypatch.delenv("WARMVISIT_LANG", raising=False)
    monkeypatch.delenv("WARMVISIT_DB", raising=False)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    capsys.readouterr()
    try:
        code = main(list(argv))
    except SystemExit as e:
        code = e.code if isinstance(e.code, int) else 1
    out, err = capsys.readouterr()
    return code, out, err


def test_settings_show_set_and_are_read_at_start(tmp_path, capsys) -> None:
    code, out, _err = run(capsys, "settings")
    assert code == 0 and f"设置文件：{settings_file()}" in out and "language = zh" in out
    folder = tmp_path / "我的 数据"
    assert run(capsys, "settings", "data_folder", str(folder))[0] == 0
    assert run(capsys, "settings", "paper_size", "a5")[1] == "paper_size = A5\n"
    assert run(capsys, "settings", "idle_lock_minutes", "60")[1:] == ("", "“60”不在 2 到 15 之间\n")
    code, _out, err = run(capsys, "settings", "colour", "red")
    assert code == 1 and err.startswith("没有名为“colour”的设置项。可用的有：data_folder, language")
    assert run(capsys, "settings", "language", "en")[0] == 0
    # the next start: English, and the store in the chosen data folder
    code, _out, err = run(capsys, "campaign", "show")
    assert (folder / "warmvisit.db").is_file()
    assert code == 1 and err.startswith("There is no campaign yet")


def test_backup_to_a_stick_and_restore(tmp_path, capsys, world) -> None:
    (tmp_path / "data").mkdir()
    db = bundle_world.copy_db(world.template.central, tmp_path / "data" / "warmvisit.db")
    stick = tmp_path / "U盘"
    stick.mkdir()
    code, _out, err = run(capsys, "--db", str(db), "backup", "--out", str(stick))
    assert code == 1 and "需要加密" in err
    code, out, _err = run(capsys, "--db", str(db), "backup", "--out", str(stick),
                          "--passphrase", "春节走访2027")  # fmt: skip
    [sealed] = stick.iterdir()
    assert code == 0 and out == f"已加密备份到：{sealed}（恢复时要用同一个口令）\n"
    with closing(sqlite3.connect(db)) as conn, conn:
        conn.execute("UPDATE campaign SET organizer = '改过的'")
    with lock_store(db):  # the window is open on it
        code, _out, err = run(capsys, "--db", str(db), "restore", str(sealed),
                              "--passphrase", "春节走访2027")  # fmt: skip
    assert (
        code == 1
        and err == f"数据库“{db}”已在另一个窗口中打开：请使用那个窗口（每个数据库只能开一个窗口）\n"
    )
    code, out, _err = run(capsys, "--db", str(db), "restore", str(sealed),
                          "--passphrase", "春节走访2027")  # fmt: skip
    assert code == 0 and "已从备份" in out and "原来的数据库保留在：" in out
    with closing(sqlite3.connect(db)) as conn:
        assert conn.execute("SELECT organizer FROM campaign").fetchone() == ("区总工会",)


def test_bundle_export_without_out_names_the_sticks(tmp_path, capsys, monkeypatch) -> None:
    from app.services.infra import drives

    monkeypatch.setattr(drives, "removable_drives", lambda platform="linux": ())
    code, _out, err = run(capsys, "--db", str(tmp_path / "c.db"), "bundle", "export",
                          "--team", "T1")  # fmt: skip
    assert code == 1 and err == "请用 --out 指明写到哪个文件夹（找到的U盘：—）\n"


def test_letters_take_the_paper_of_the_settings(printing_world, tmp_path, capsys) -> None:
    from pypdf import PdfReader

    from tests.documents import world

    db = tmp_path / "world.db"
    shutil.copy(printing_world, db)
    assert run(capsys, "settings", "paper_size", "A5")[0] == 0
    out = tmp_path / "letter.pdf"
    assert run(capsys, "--db", str(db), "letters", "--household", world.ZHANG, "--out",
               str(out))[0] == 0  # fmt: skip
    box = PdfReader(out).pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (420, 595)  # A5, in points


def test_bundle_import_without_files_reads_the_stick(tmp_path, capsys, world, monkeypatch) -> None:
    from app.services.infra import drives

    stick = world.stick("t1")
    monkeypatch.setattr(drives, "removable_drives", lambda platform="linux": (stick,))
    central = world.folder / "central.db"
    code, _out, err = run(capsys, "--db", str(central), "bundle", "import")
    assert code == 1 and err.endswith(
        f"在U盘“{stick}”上没有找到数据包（.wvb 文件）：请写明要导入的文件\n"
    )
    assert run(capsys, "--db", str(world.folder / "t1.db"), "bundle", "export")[0] == 0
    [written] = stick.glob("WV-结果-T1-*.wvb")
    code, out, _err = run(capsys, "--db", str(central), "--json", "bundle", "import")
    assert code == 0 and json.loads(out)["bundles"][0]["file"] == str(written)
