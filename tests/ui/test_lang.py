"""The window speaks the catalogue's language: every Chinese string in app/ui goes through it,
`--lang en` shows the English, and Qt's own dialogs speak Chinese in a Chinese window."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QFileDialog

from app.i18n import set_language
from app.store.db import Store
from app.ui.lang import install_qt
from app.ui.main_window import MainWindow

ROOT = Path(__file__).resolve().parents[2]
CJK = re.compile(r"[\u3400-\u9fff]")
MARKS = {"t", "_", "N_", "pgettext", "L", "K"}
# Strings that are not words to translate: separators and marks between translated parts.
NOT_WORDS = {"、", "，", "：", "　", "（", "）"}


def _unmarked(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    parents = {child: n for n in ast.walk(tree) for child in ast.iter_child_nodes(n)}
    docstrings = {id(n.body[0].value) for n in ast.walk(tree)
                  if isinstance(n, ast.Module | ast.ClassDef | ast.FunctionDef)
                  and n.body and isinstance(n.body[0], ast.Expr)
                  and isinstance(n.body[0].value, ast.Constant)}  # fmt: skip
    found = []
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Constant) and isinstance(node.value, str)):
            continue
        if not CJK.search(node.value) or id(node) in docstrings:
            continue
        parent = parents.get(node)
        while isinstance(parent, ast.JoinedStr | ast.FormattedValue):
            parent = parents.get(parent)
        name = getattr(getattr(parent, "func", None), "id", None) or getattr(
            getattr(parent, "func", None), "attr", None
        )
        if isinstance(parent, ast.Call) and name in MARKS:
            continue
        if node.value.strip(" ".join(NOT_WORDS)) == "":
            continue
        found.append(f"{path.relative_to(ROOT)}:{node.lineno}: {node.value!r}")
    return found


def test_every_chinese_string_in_the_window_goes_through_the_catalogue() -> None:
    found = [line for path in sorted((ROOT / "app" / "ui").glob("*.py")) for line in
             _unmarked(path)]  # fmt: skip
    assert found == []


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


def test_qt_dialogs_speak_chinese_in_a_chinese_window(qtbot) -> None:  # noqa: ANN001
    set_language("zh")
    install_qt(QApplication.instance())
    dialog = QFileDialog(None, "选择分派包")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    qtbot.addWidget(dialog)
    texts = {w.text() for w in dialog.findChildren(type(dialog.findChild(object, "lookInLabel")))
             if hasattr(w, "text")}  # fmt: skip
    assert "Look in:" not in texts
    assert any(CJK.search(text) for text in texts)
