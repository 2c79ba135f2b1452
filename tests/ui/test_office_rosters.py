"""The office window's 名单导入 page, driven as the clerk would: files dropped or picked, each
previewed with what 导入 would do, nothing stored before 导入, the problem rows sent back."""

from __future__ import annotations

import shutil
import threading
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QComboBox, QFileDialog, QPushButton, QTableWidget

from app.services.campaign import setup as campaigns
from app.services.campaign.units import set_units
from app.services.rosters import importing
from app.services.rosters.importing import import_roster
from app.store.db import Store
from app.ui.office import rosters_page as page_module
from app.ui.office.rosters_page import RostersPage
from tests.builders import ACTOR, SAMPLE_CSV, fixture_path, make_id

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


@pytest.fixture
def office(tmp_path: Path) -> Iterator[Store]:
    """A campaign with 困难职工, and 单位A allowed 50 households by 30 Nov 2026 (ACTOR's day is
    1 Dec: the sample's households are late, and six over the quota)."""
    s = Store(tmp_path / "office.db")
    campaigns.init_campaign(s, name="春节送温暖", organizer="区总工会", start=date(2027, 1, 20),
                            end=date(2027, 1, 28), min_living="780", actor=ACTOR)  # fmt: skip
    campaigns.add_category(s, code="KN", name="困难职工", cash="1000", actor=ACTOR)
    set_units(s, name="单位A", quota=50, deadline=date(2026, 11, 30), actor=ACTOR)
    yield s
    s.close()


@pytest.fixture
def page(qtbot: Any, office: Store) -> RostersPage:
    p = RostersPage(office)
    qtbot.addWidget(p)
    p.resize(1246, 700)
    p.show()
    return p


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    return Path(shutil.copy(fixture_path(SAMPLE_CSV), tmp_path / "单位A.csv"))


def idle(qtbot: Any, p: RostersPage) -> None:
    qtbot.waitUntil(lambda: p.job is None and p._check_job is None and not p._queue, timeout=10000)


def stored(store: Store) -> tuple[int, int]:
    one = store.conn.execute
    return (one("SELECT count(*) FROM household").fetchone()[0],
            one("SELECT count(*) FROM roster_import").fetchone()[0])  # fmt: skip


def drop(p: RostersPage, paths: list[Path]) -> None:
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(x)) for x in paths])
    event = QDropEvent(QPointF(100, 100), Qt.DropAction.CopyAction, data,
                       Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier)  # fmt: skip
    p.dropEvent(event)  # as Qt delivers it after a drag entered (sendEvent skips drops)
    assert event.isAccepted()


def cells(table: QTableWidget, column: int) -> list[str]:
    return [table.item(r, column).text() for r in range(table.rowCount())]


def click(qtbot: Any, button: QPushButton) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_a_dropped_roster_is_previewed_and_nothing_is_stored(
    qtbot: Any, page: RostersPage, office: Store, sample: Path
) -> None:
    assert page.stack.currentIndex() == 0  # the empty page says where files go
    drop(page, [sample])
    idle(qtbot, page)
    assert stored(office) == (0, 0)
    assert page.view.summary.text() == (
        "单位A · 表头第1行 · 新增56 · 更新0 · 重复1 · 问题3行 · 超额6 · 逾期56"
    )
    assert page.list.item(0).text() == "单位A.csv\n有3行问题"
    problems = page.view.findChild(QTableWidget, "problems")
    assert cells(problems, 0) == ["10", "31", "35"]
    assert cells(problems, 3)[2] == "身份证号校验位错误（可能有数字录错）"
    duplicates = page.view.findChild(QTableWidget, "duplicates")
    assert cells(duplicates, 0) == ["15"] and cells(duplicates, 4) == ["12"]
    marked = page.view.findChild(QTableWidget, "marked")
    assert cells(marked, 3).count("超额") == 6 and cells(marked, 3).count("逾期") == 56
    assert not page.do_import.isEnabled()
    assert "还有3行问题" in page.do_import.toolTip()
    qtbot.keyClick(page, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    idle(qtbot, page)
    assert stored(office) == (0, 0)  # 导入 stays shut while problems remain


def test_skipping_the_problem_rows_imports_the_rest_and_tells_the_window(
    qtbot: Any, page: RostersPage, office: Store, sample: Path
) -> None:
    page.add_files([sample])
    idle(qtbot, page)
    with qtbot.waitSignal(page.changed, timeout=10000):
        click(qtbot, page.skip_import)
    idle(qtbot, page)
    assert stored(office) == (56, 1)
    assert page.message.text() == "已导入 单位A.csv：新增56户，更新0户"
    assert page.list.item(0).text() == "单位A.csv\n已导入 · 新增56 · 更新0"
    assert not page.skip_import.isEnabled() and not page.do_import.isEnabled()


def test_a_missing_column_is_mapped_in_the_preview_then_imported_with_ctrl_enter(
    qtbot: Any, page: RostersPage, office: Store, tmp_path: Path, monkeypatch: Any
) -> None:
    roster = tmp_path / "单位B.csv"
    roster.write_text(f"姓名,证件\n张三,{make_id('12011619800101003')}\n", encoding="utf-8")
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *a, **k: ([str(roster)], ""))
    qtbot.keyClick(page, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier)
    idle(qtbot, page)
    assert "找不到必需的列：身份证号" in page.view.refusal.text()
    assert page.view.tabs.tabText(page.view.tabs.currentIndex()) == "列对应"
    box = page.view.findChild(QComboBox, "column_B")
    box.setFocus()
    while box.currentData() != "id_number":
        qtbot.keyClick(box, Qt.Key.Key_Down)
    idle(qtbot, page)
    assert page.view.refusal.isHidden()
    assert "新增1" in page.view.summary.text() and page.do_import.isEnabled()
    qtbot.keyClick(page, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    idle(qtbot, page)
    assert stored(office) == (1, 1)


def test_the_problem_rows_go_back_to_the_unit_as_xlsx(
    qtbot: Any, page: RostersPage, sample: Path, tmp_path: Path, monkeypatch: Any
) -> None:
    page.add_files([sample])
    idle(qtbot, page)
    monkeypatch.setattr(page_module.clock, "today", lambda: date(2026, 12, 2))
    asked: list[Path] = []
    target = tmp_path / "out.xlsx"
    monkeypatch.setattr(page, "ask_save_path", lambda s: asked.append(s) or target)
    click(qtbot, page.export)
    idle(qtbot, page)
    assert asked == [tmp_path / "单位A_退回_20261202.xlsx"]
    assert page.message.text() == f"已写入 {target}" and page.open_folder.isVisible()
    rows = list(openpyxl.load_workbook(target).active.iter_rows(values_only=True))
    assert [r[0] for r in rows] == ["原行号", 10, 31, 35]
    assert rows[2][-1] == "身份证号：缺少身份证号"


def test_cancel_during_import_leaves_the_store_as_it_was(
    qtbot: Any, page: RostersPage, office: Store, tmp_path: Path, monkeypatch: Any
) -> None:
    roster = tmp_path / "单位B.csv"
    roster.write_text(f"姓名,身份证号\n张三,{make_id('12011619800101003')}\n", encoding="utf-8")
    page.add_files([roster])
    idle(qtbot, page)
    real = importing.import_roster
    cancelled = threading.Event()

    def slow(*args: Any, **kwargs: Any) -> Any:
        cancelled.wait(10)  # the clerk presses 取消 while it works
        return real(*args, **kwargs)

    monkeypatch.setattr(page_module.rosters, "import_roster", slow)
    click(qtbot, page.do_import)
    dialog = page.import_dialog
    qtbot.waitUntil(lambda: dialog is not None and dialog.isVisible(), timeout=5000)
    qtbot.mouseClick(dialog.findChild(QPushButton), Qt.MouseButton.LeftButton)
    cancelled.set()
    idle(qtbot, page)
    assert page.message.text() == "已取消，没有写入任何内容"
    assert stored(office) == (0, 0)


def test_previews_are_checked_again_when_shown_after_the_store_changed(
    qtbot: Any, page: RostersPage, office: Store, sample: Path, tmp_path: Path
) -> None:
    page.add_files([sample])
    idle(qtbot, page)
    assert page.view.summary.text().startswith("单位A · 表头第1行 · 新增56")
    page.hide()
    import_roster(office, sample, unit="单位A", skip_invalid=True, actor=ACTOR)  # elsewhere
    page.refresh()  # the window says the store changed: nothing is read while hidden
    assert page._check_job is None and not page._queue
    page.show()
    idle(qtbot, page)
    assert page.view.summary.text().startswith("单位A · 表头第1行 · 新增0 · 更新0 · 未变56")
