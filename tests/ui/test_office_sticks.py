"""The office window reads and writes bundles and files on the USB stick first: 读取U盘 reads
every stick plugged in without a dialog, 写到 is the first stick, and every file dialog
(bundles, rosters, the bank's file, the transfer list, backups) opens there. The drives
service is faked: a folder stands for the stick."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt, QThread
from PySide6.QtWidgets import QFileDialog

from app.domain.visits import Outcome, VisitInput, VisitMode
from app.services.infra import drives
from app.services.visits import recording as visits
from app.ui.backup_action import BackupAction
from app.ui.office.bundles_page import BundlesPage
from app.ui.office.read_table import cells
from app.ui.office.rosters_page import RostersPage
from app.ui.office.transfers_page import TransfersPage
from tests.bundle_world import DAY, TEAM_ACTOR, World, export, standard_handover, team_households

pytestmark = pytest.mark.usefixtures("cheap_scrypt")


def plug(monkeypatch: Any, *sticks: Path) -> None:
    monkeypatch.setattr(drives, "removable_drives", lambda platform="linux": tuple(sticks))


def dialogs(monkeypatch: Any) -> list[tuple[str, str]]:
    """Every file dialog opened: (its title, the folder or file it starts at); all cancelled."""
    opened: list[tuple[str, str]] = []

    def fake(answer: Any) -> Any:
        return lambda _parent, title, start, *_a, **_k: opened.append((title, start)) or answer

    monkeypatch.setattr(QFileDialog, "getExistingDirectory", fake(""))
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", fake(([], "")))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", fake(("", "")))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", fake(("", "")))
    return opened


def settle(qtbot: Any, page: Any) -> None:
    """The page's worker threads ended and their objects deleted (deleteLater) before the page
    is: a job deleted after its page crashed the test run."""
    for thread in page.findChildren(QThread):
        thread.wait(10000)
    qtbot.wait(100)


def click(qtbot: Any, button: Any) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_read_the_stick_with_one_click_and_write_to_it(
    qtbot: Any, world: World, monkeypatch: Any
) -> None:  # fmt: skip
    [first, *_rest] = team_households(world.t1, "T1")
    visits.record_visit(
        world.t1,
        VisitInput(household_id=first["id"], day=DAY, mode=VisitMode.HOME,
                   outcome=Outcome.VISITED, visitors=("王一",),
                   handovers=(standard_handover(first),)),
        actor=TEAM_ACTOR,
    )  # fmt: skip
    stick = export(world, world.t1).parent
    plug(monkeypatch, stick)
    page = BundlesPage(world.central)
    qtbot.addWidget(page)
    page.resize(1246, 700)
    page.show()
    assert page.stick_button.isEnabled() and page.stick_button.text() == f"读取U盘 {stick}(&U)"
    click(qtbot, page.stick_button)
    qtbot.waitUntil(lambda: page.job is None and page.table.rowCount() == 1, timeout=20000)
    assert cells(page.table, 1) == ["T1"] and cells(page.table, 9) == ["可合并"]
    assert page.export.folder.text() == str(stick)  # 写到: the stick, before anything is typed
    settle(qtbot, page)


def test_without_a_stick_the_button_says_so_and_dialogs_open_in_the_home_folder(
    qtbot: Any, world: World, monkeypatch: Any
) -> None:  # fmt: skip
    plug(monkeypatch)
    opened = dialogs(monkeypatch)
    page = BundlesPage(world.central)
    qtbot.addWidget(page)
    page.show()
    assert not page.stick_button.isEnabled() and page.stick_button.text() == "没有插U盘"
    assert page.export.folder.text() == ""
    click(qtbot, page.pick_files)
    assert opened == [("选择回传包", str(Path.home()))]


def test_every_file_dialog_of_the_office_opens_on_the_stick(
    qtbot: Any, world: World, monkeypatch: Any, tmp_path: Path
) -> None:  # fmt: skip
    stick = tmp_path / "stick"
    stick.mkdir()
    plug(monkeypatch, stick, tmp_path / "second")
    opened = dialogs(monkeypatch)
    bundles = BundlesPage(world.central)
    rosters = RostersPage(world.central)
    transfers = TransfersPage(world.central)
    for page in (bundles, rosters, transfers):
        qtbot.addWidget(page)
        page.show()
    click(qtbot, bundles.pick)
    click(qtbot, bundles.pick_files)
    bundles.export.folder.clear()
    export_browse = [b for b in bundles.export.findChildren(type(bundles.pick))
                     if b.text() == "选择(&B)…"]  # fmt: skip
    click(qtbot, export_browse[0])
    click(qtbot, rosters.pick)
    click(qtbot, transfers.list_button)
    click(qtbot, transfers.read_button)
    BackupAction(bundles, world.central.path).run()  # 文件 → 备份…
    assert opened == [
        ("选择U盘或文件夹", str(stick)),
        ("选择回传包", str(stick)),
        ("选择U盘或文件夹", str(stick)),
        ("选择名单文件", str(stick)),
        ("转账清单", str(stick / "转账清单.xlsx")),
        ("银行结果文件", str(stick)),
        ("选择备份到哪个文件夹（U盘）", str(stick)),
    ]
    for page in (bundles, rosters, transfers):
        settle(qtbot, page)
