"""The Qt Designer forms: every compiled form is the current one, and every form loads."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from app.ui.forms import load_form

ROOT = Path(__file__).resolve().parents[2]
FORMS = sorted((ROOT / "forms").glob("*.ui"))


def _compiler():  # noqa: ANN202
    spec = importlib.util.spec_from_file_location("compile_forms", ROOT / "scripts" /
                                                  "compile_forms.py")  # fmt: skip
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("ui", FORMS, ids=lambda p: p.name)
def test_the_compiled_form_is_the_current_one(ui: Path) -> None:
    compiler = _compiler()
    committed = compiler.target(ui)
    assert committed.exists(), f"run scripts/compile_forms.py: {committed.name} is missing"
    assert committed.read_text(encoding="utf-8") == compiler.compiled(ui), (
        f"forms/{ui.name} changed: run scripts/compile_forms.py"
    )


@pytest.mark.parametrize("ui", FORMS, ids=lambda p: p.name)
def test_every_form_loads(qtbot, ui: Path) -> None:  # noqa: ANN001
    widget = load_form(ui.name)
    qtbot.addWidget(widget)
    assert widget.findChildren(object)  # a layout and its widgets
