"""English UI: every Chinese sentence the window shows has its English, and `--lang en` uses it."""

from __future__ import annotations

import ast
import re
from pathlib import Path
from xml.etree import ElementTree

import pytest

from app.store.db import Store
from app.ui.lang import EN, set_language
from app.ui.main_window import MainWindow

ROOT = Path(__file__).resolve().parents[2]
CJK = re.compile(r"[\u4e00-\u9fff]")


def t_literals() -> set[str]:
    found = set()
    for path in (ROOT / "app" / "ui").glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and getattr(node.func, "id", "") == "t" and node.args
                    and isinstance(node.args[0], ast.Constant)):  # fmt: skip
                found.add(node.args[0].value)
    return found


def form_strings() -> set[str]:
    found = set()
    for path in (ROOT / "forms").glob("*.ui"):
        for element in ElementTree.parse(path).iter("string"):
            text = element.text or ""
            badge, _, rest = text.partition(" ")
            found.add(rest if badge.isdigit() and rest else text)
    return {s for s in found if CJK.search(s)}


def test_every_sentence_has_english() -> None:
    missing = sorted(s for s in t_literals() | form_strings() if CJK.search(s) and s not in EN)
    assert missing == []


def test_placeholders_match() -> None:
    for zh, en in EN.items():
        assert set(re.findall(r"{(\w+)}", zh)) == set(re.findall(r"{(\w+)}", en)), zh


@pytest.fixture
def english():
    set_language("en")
    yield
    set_language("zh")


def test_window_in_english(qtbot, store: Store, english: None) -> None:  # noqa: ANN001
    window = MainWindow(store, store.path)
    qtbot.addWidget(window)
    assert window.form.findChild(type(window.search).__mro__[1], "searchBox") is not None
    buttons = {b.objectName(): b.text() for b in window.form.findChildren(
        type(window.form.findChild(object, "startVisit")))}  # fmt: skip
    assert buttons["startVisit"] == "Start &visit" and buttons["dayButton"] == "&End of day"
    assert window.progress_line.text() == "Visited 0/4 · paid ¥0.00"
    window.start_visit(0)
    labels = [b.text() for b in window.visit_page.groups["mode"].buttons()]
    assert labels == ["1 At home", "2 Phone", "3 Workplace"]
