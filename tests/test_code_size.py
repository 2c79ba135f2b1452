"""Sizes ruff does not count: lines per function and per module under app/ (STYLE.md §7).

ruff counts a function's branches, returns and statements (PLR0911/0912/0915, C901); a long
run of simple statements passes those, so lines are measured here. A function or module listed
below is allowed its length for the reason given; an entry that is no longer needed fails too,
so the list only ever holds what is long now.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
APP = ROOT / "app"
GENERATED = APP / "ui" / "compiled_forms"  # written by pyside6-uic

MAX_FUNCTION_LINES = 60
MAX_MODULE_LINES = 600

# (module path, qualified name) → why it is clearer whole.
LONG_FUNCTIONS = {
    ("app/store/schema.py", "_central_core"):
        "a released migration's DDL, never edited: the tables read whole as one statement",
    ("app/store/schema.py", "_sync"):
        "a released migration's DDL, never edited: the tables read whole as one statement",
}  # fmt: skip
LONG_MODULES: dict[str, str] = {}


def function_lengths(source: str) -> dict[str, int]:
    """Qualified name (``Class.method``, ``outer.inner``) → lines from its first decorator or
    ``def`` to its last line, docstring and comments included: what a reader scrolls through."""
    lengths: dict[str, int] = {}

    def visit(node: ast.AST, prefix: str) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
                name = f"{prefix}{child.name}"
                if not isinstance(child, ast.ClassDef):
                    first = min([child.lineno, *(d.lineno for d in child.decorator_list)])
                    lengths[name] = (child.end_lineno or child.lineno) - first + 1
                visit(child, f"{name}.")
            else:
                visit(child, prefix)

    visit(ast.parse(source), "")
    return lengths


def _modules() -> list[Path]:
    return sorted(p for p in APP.rglob("*.py") if GENERATED not in p.parents)


def _name(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


def test_lengths_are_counted_from_def_to_last_line() -> None:
    source = "class A:\n    @staticmethod\n    def f():\n        def g():\n            pass\n" \
             "        return g\n\n\ndef h(): pass\n"  # fmt: skip
    assert function_lengths(source) == {"A.f": 5, "A.f.g": 2, "h": 1}


def test_no_function_is_longer_than_60_lines() -> None:
    too_long = {}
    for path in _modules():
        for name, lines in function_lengths(path.read_text(encoding="utf-8")).items():
            if lines > MAX_FUNCTION_LINES:
                too_long[(_name(path), name)] = lines
    unlisted = {place: n for place, n in too_long.items() if place not in LONG_FUNCTIONS}
    assert not unlisted, f"split these into helpers named for what they do: {unlisted}"
    stale = set(LONG_FUNCTIONS) - set(too_long)
    assert not stale, f"no longer long, take them off LONG_FUNCTIONS: {stale}"


def test_no_module_is_longer_than_600_lines() -> None:
    too_long = {}
    for path in _modules():
        lines = len(path.read_text(encoding="utf-8").splitlines())
        if lines > MAX_MODULE_LINES:
            too_long[_name(path)] = lines
    unlisted = {place: n for place, n in too_long.items() if place not in LONG_MODULES}
    assert not unlisted, f"split these modules (a window moves its dialogs out): {unlisted}"
    stale = set(LONG_MODULES) - set(too_long)
    assert not stale, f"no longer long, take them off LONG_MODULES: {stale}"
