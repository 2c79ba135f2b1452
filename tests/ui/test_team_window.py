"""The window on a real team laptop (started from its assignment bundle): the float in the
progress line, the list filters, the end of day with its cash count and result bundle."""

from __future__ import annotations

import pytest

from app.domain.money import format_fen
from app.services.search.lookup import search_ids
from app.store.db import Store
from app.ui.household_model import HouseholdTable
from app.ui.main_window import MainWindow
from tests.bundle_world import FLOAT_T1, World

pytestmark = pytest.mark.usefixtures("cheap_scrypt")


def team_window(qtbot, laptop: Store) -> MainWindow:  # noqa: ANN001
    window = MainWindow(laptop, laptop.path)
    qtbot.addWidget(window)
    return window


def count(store: Store, kind: str) -> int:
    return store.conn.execute("SELECT count(*) FROM event WHERE kind = ?", [kind]).fetchone()[0]


def test_progress_line_shows_the_float_and_filters_narrow_the_list(
    qtbot,
    world: World,  # noqa: ANN001
) -> None:
    window = team_window(qtbot, world.t1)
    assert window.progress_line.text() == (
        f"已慰问 0/28 户 · 已发 ¥0.00 / 备用金 {format_fen(FLOAT_T1)}"
    )
    assert window.model.rowCount() == 28
    window.start_visit(0)
    page = window.visit_page
    name = page.household.name
    page.groups["outcome"].button(2).click()  # 不在家
    page.save()
    window.list_filter.setCurrentIndex(window.list_filter.findData("revisit"))
    model = window.model
    assert model.rowCount() == 1 and model.data(model.index(0, HouseholdTable.NAME)) == name
    tomorrow = page.revisit.date().toString("yyyy-MM-dd")
    assert model.data(model.index(0, HouseholdTable.PLANNED)) == tomorrow
    window.list_filter.setCurrentIndex(window.list_filter.findData("not_visited"))
    assert model.rowCount() == 27
    window.list_filter.setCurrentIndex(window.list_filter.findData("all"))
    assert model.rowCount() == len(search_ids(world.t1, "")) == 28


def test_end_of_day_count_and_result_bundle(qtbot, world: World) -> None:  # noqa: ANN001
    laptop = world.t1
    window = team_window(qtbot, laptop)
    window.show_day()
    day = window.day_page
    assert window.pages.currentWidget() is day
    figures = day.figures.text()
    assert f"备用金 {format_fen(FLOAT_T1)}" in figures and "应有现金 ¥5,000.00" in figures
    day.counted.setText("4,950")
    assert day.difference.text() == "✕ 差额 -¥50.00"
    day.save_count()
    assert "相差" in day.message.text() and count(laptop, "cash_count") == 0  # needs a note
    day.note.setText("找零用去50元")
    day.save_count()
    assert count(laptop, "cash_count") == 1
    assert "实点 ¥4,950.00，差额 -¥50.00" in day.last_count.text()
    stick = world.stick("day")
    day.export(str(stick))
    qtbot.waitUntil(lambda: "已写入" in day.message.text(), timeout=10_000)
    (written,) = stick.glob("*.wvb")
    assert written.name in day.message.text()
    assert "T1" in written.name and written.stat().st_size > 0


def test_end_of_day_on_a_central_store_says_why_not(qtbot, world: World) -> None:  # noqa: ANN001
    window = team_window(qtbot, world.central)
    window.show_day()
    assert window.day_page.figures.text() == "只有慰问组电脑才做日终清点"
    assert not window.day_page.buttons["saveCount"].isEnabled()


def test_daily_log_printed_from_the_end_of_day(qtbot, world: World) -> None:  # noqa: ANN001
    from pypdf import PdfReader

    window = team_window(qtbot, world.t1)
    window.show_day()
    window.day_page.buttons["printLog"].click()
    qtbot.waitUntil(lambda: window.day_page.message.text().startswith("已保存"), timeout=10_000)
    text = "".join(page.extract_text() for page in PdfReader(window.last_printed).pages)
    assert "走访日志" in text and "未清点" in text


def test_an_english_window_prints_the_log_in_english(qtbot, world: World) -> None:  # noqa: ANN001
    from pypdf import PdfReader

    from app.i18n import set_language

    set_language("en")
    try:
        window = team_window(qtbot, world.t1)
        window.show_day()
        window.day_page.buttons["printLog"].click()
        qtbot.waitUntil(lambda: window.day_page.message.text().startswith("Saved"),
                        timeout=10_000)  # fmt: skip
        text = "".join(page.extract_text() for page in PdfReader(window.last_printed).pages)
    finally:
        set_language("zh")
    assert "visit log" in text and "not counted" in text and "走访日志" not in text


def test_first_run_takes_the_bundle_from_the_sticks_folder(
    qtbot,
    world: World,
    tmp_path,  # noqa: ANN001
) -> None:
    import shutil

    stick = tmp_path / "stick"
    stick.mkdir()
    shutil.copy(world.template.t1_bundle, stick / world.template.t1_bundle.name)
    empty = Store(tmp_path / "new-laptop.db")
    window = team_window(qtbot, empty)
    assert window.pages.currentIndex() == 1  # 还没有导入分派包
    window.import_bundle(str(stick), world.template.t1_credential)
    qtbot.waitUntil(lambda: hasattr(window, "pin_dialog"), timeout=30_000)
    assert window.pages.currentIndex() == 0 and window.model.rowCount() == 28
    assert not window.pin_dialog.isHidden()  # the team sets its PIN now
    window.pin_dialog.reject()
    window.close()  # before its store: the window's timers must not outlive it
    empty.close()


def test_letter_editor_previews_and_prints_the_team(qtbot, world: World) -> None:  # noqa: ANN001
    from pypdf import PdfReader

    window = team_window(qtbot, world.t1)
    name = window.model.data(window.model.index(0, HouseholdTable.NAME))
    window.show_letters()
    editor = window.letter_editor
    assert name in editor.preview.toPlainText()  # the selected household's letter
    text = editor.text.toPlainText()
    editor.text.setPlainText(text + "\n{不存在}")
    editor.refresh_preview()
    assert "{不存在}" in editor.message.text() or "不存在" in editor.message.text()
    editor.text.setPlainText(text)
    editor.refresh_preview()
    assert editor.message.text() == ""
    editor.print_team()
    qtbot.waitUntil(lambda: editor.message.text().startswith("已保存"), timeout=20_000)
    pages = PdfReader(editor.last_file).pages
    assert len(pages) >= 28 and name in pages[0].extract_text() + pages[1].extract_text()
