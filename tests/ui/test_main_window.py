"""The team window over a real store: list, search (also on IME pre-edit), first run, screenshot."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent

from app.store.db import Store
from app.ui.household_model import HouseholdTable
from app.ui.main_window import MainWindow
from tests.builders import ACTOR, make_id
from tests.ui.builders import NAMES


def names(window: MainWindow) -> list[str]:
    model = window.model
    return [model.data(model.index(r, HouseholdTable.NAME)) for r in range(model.rowCount())]


def test_list_shows_households_with_masked_ids(qtbot, store: Store) -> None:  # noqa: ANN001
    window = MainWindow(store, store.path)
    qtbot.addWidget(window)
    assert sorted(names(window)) == sorted(NAMES)
    model = window.model
    shown = [model.data(model.index(r, c)) for r in range(4) for c in range(model.columnCount())]
    assert not any(len(str(v)) == 18 and str(v)[:17].isdigit() for v in shown)  # no full IDs
    assert "○未走访" in shown
    assert window.progress_line.text() == "已慰问 0/4 户 · 已发 ¥0.00"


@pytest.mark.parametrize(
    ("typed", "found"),
    [("张", ["张三"]), ("三", ["张三", "曾三"]), ("zs", ["张三", "曾三"]), ("cs", ["曾三"]),
     ("zengsan", ["曾三"]), ("大沽街道3号", ["李四"])],
)  # fmt: skip
def test_search_as_you_type(qtbot, store: Store, typed: str, found: list[str]) -> None:  # noqa: ANN001
    window = MainWindow(store, store.path)
    qtbot.addWidget(window)
    if typed.isascii():
        qtbot.keyClicks(window.search, typed)  # key by key, as typed
    else:
        window.search.setText(typed)  # QTest cannot type CJK; the IME commits whole words
    qtbot.waitUntil(lambda: sorted(names(window)) == sorted(found), timeout=2000)


def test_id_tail_search(qtbot, store: Store) -> None:  # noqa: ANN001
    window = MainWindow(store, store.path)
    qtbot.addWidget(window)
    tail = make_id("12011619800101023")[-4:]
    window.search.setText(tail)
    qtbot.waitUntil(lambda: names(window) == ["李四"], timeout=2000)


def test_ime_preedit_letters_are_searched(qtbot, store: Store) -> None:  # noqa: ANN001
    """zs typed with the Chinese IME stays in pre-edit and never reaches text()."""
    window = MainWindow(store, store.path)
    qtbot.addWidget(window)
    window.search.inputMethodEvent(QInputMethodEvent("z's", []))
    assert window.search.text() == ""
    qtbot.waitUntil(lambda: sorted(names(window)) == ["张三", "曾三"], timeout=2000)


def test_nothing_found_says_what_to_try(qtbot, store: Store) -> None:  # noqa: ANN001
    window = MainWindow(store, store.path)
    qtbot.addWidget(window)
    window.search.setText("赵")
    qtbot.waitUntil(lambda: window.model.rowCount() == 0, timeout=2000)
    assert window.empty_hint.text().startswith("没有找到“赵”")
    qtbot.keyClick(window, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: window.model.rowCount() == 4, timeout=2000)


def test_empty_database_offers_the_assignment_bundle(qtbot, tmp_path: Path) -> None:  # noqa: ANN001
    with Store(tmp_path / "empty.db") as empty:
        window = MainWindow(empty, empty.path)
        qtbot.addWidget(window)
        assert window.pages.currentIndex() == 1
        assert window.form.findChild(type(window.heading), "firstRunText").text() == (
            "还没有导入分派包，请插入U盘"
        )


def test_gui_screenshot_command(store: Store, tmp_path: Path) -> None:
    """Through the real entry point, in its own process: the command quits its application."""
    import subprocess
    import sys

    shot = tmp_path / "shot.png"
    path = store.path
    store.close()
    run = subprocess.run(
        [sys.executable, "-m", "app", "--db", str(path), "gui", "--screenshot", str(shot),
         "--size", "1366x768"], capture_output=True, text=True, check=False,
        cwd=Path(__file__).parents[2],
    )  # fmt: skip
    assert run.returncode == 0, run.stderr
    assert "已写入" in run.stdout
    from PySide6.QtGui import QImage

    image = QImage(str(shot))
    assert (image.width(), image.height()) == (1366, 768)


def test_card_shows_members_rule_and_materials(qtbot, store: Store) -> None:  # noqa: ANN001
    from app.services.households import application as households

    zhang = make_id("12011619800101003")
    households.add_member(store, zhang, name="王芳", relation="妻子", actor=ACTOR)
    households.set_materials(store, zhang, received=["身份证"], actor=ACTOR)
    window = MainWindow(store, store.path)
    qtbot.addWidget(window)
    window.search.setText("张三")
    qtbot.waitUntil(lambda: names(window) == ["张三"], timeout=2000)
    qtbot.waitUntil(lambda: "王芳" in window.detail.toPlainText(), timeout=2000)
    card = window.detail.toPlainText()
    assert "家庭成员：王芳（配偶）" in card
    assert "待复核：缺少家庭月收入" in card  # the roster gave no income
    assert "✓身份证复印件" in card and "✕户口本复印件" in card
    assert zhang not in card  # the full ID never shows


def test_a_large_store_is_indexed_off_the_gui_thread(
    qtbot,
    store: Store,
    monkeypatch,  # noqa: ANN001
) -> None:
    """Past INLINE_INDEX households the pinyin keys are built by a worker with a progress bar;
    the window opens at once and pinyin search works when the worker is done."""
    from app.ui import main_window

    monkeypatch.setattr(main_window, "INLINE_INDEX", 1)  # our four households count as many
    window = MainWindow(store, store.path)
    qtbot.addWidget(window)
    # Started after the first paint, so the list shows before the check runs.
    qtbot.waitUntil(lambda: getattr(window, "_index_job", None) is not None
                    and not window._index_job.isRunning(), timeout=5000)  # fmt: skip
    window.search.setText("zs")
    qtbot.waitUntil(lambda: sorted(names(window)) == ["张三", "曾三"], timeout=2000)
