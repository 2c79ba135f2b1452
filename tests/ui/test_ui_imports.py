"""The window's modules import one way: no module of app.ui reaches itself again through its
imports. Imports inside functions and under TYPE_CHECKING count too: a lazy import back into
the module that imported you is still a tangle, only hidden from the interpreter."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
UI = ROOT / "app" / "ui"


def _module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imported(node: ast.Import | ast.ImportFrom, module: str, is_package: bool) -> list[str]:
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    base = node.module or ""
    if node.level:  # relative: from the module's package, one level up per dot after the first
        package = module.split(".") if is_package else module.split(".")[:-1]
        parent = package[: len(package) - node.level + 1]
        base = ".".join([*parent, base] if base else parent)
    # `from app.ui import lang` imports the module app.ui.lang; `from app.ui.lang import t`
    # imports app.ui.lang: both are kept, the graph below drops names that are no module.
    return [base] + [f"{base}.{alias.name}" for alias in node.names]


def ui_import_graph() -> dict[str, set[str]]:
    """Each module of app.ui → the modules of app.ui it imports, anywhere in its text."""
    files = sorted(UI.rglob("*.py"))
    modules = {_module_name(p) for p in files}
    graph: dict[str, set[str]] = {}
    for path in files:
        name = _module_name(path)
        tree = ast.parse(path.read_text(encoding="utf-8"))
        targets: set[str] = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.Import | ast.ImportFrom):
                targets.update(_imported(node, name, path.name == "__init__.py"))
        # A package's __init__ is imported with each of its modules: not an edge of interest.
        graph[name] = {m for m in targets & modules if m not in (name, "app.ui")}
    return graph


def find_cycle(graph: dict[str, set[str]]) -> list[str]:
    """A cycle of the graph as [a, b, …, a], or [] if there is none (depth-first search)."""
    done: set[str] = set()
    path: list[str] = []
    on_path: set[str] = set()

    def visit(node: str) -> list[str]:
        path.append(node)
        on_path.add(node)
        for nxt in sorted(graph.get(node, ())):
            if nxt in on_path:
                return path[path.index(nxt) :] + [nxt]
            if nxt not in done and (cycle := visit(nxt)):
                return cycle
        on_path.discard(path.pop())
        done.add(node)
        return []

    for start in sorted(graph):
        if start not in done and (cycle := visit(start)):
            return cycle
    return []


def test_the_window_modules_form_no_import_cycle() -> None:
    graph = ui_import_graph()
    # The graph is read, not empty: the window imports its screens.
    assert "app.ui.screens" in graph["app.ui.main_window"]
    assert "app.ui.forms" in graph["app.ui.visit_page"]
    assert find_cycle(graph) == [], " → ".join(find_cycle(graph))


def test_the_check_finds_a_cycle_when_there_is_one() -> None:
    """What the old window had: main_window ↔ window_screens (one side inside a function)."""
    graph = {"app.ui.main_window": {"app.ui.window_screens", "app.ui.lang"},
             "app.ui.window_screens": {"app.ui.visit_page", "app.ui.main_window"},
             "app.ui.visit_page": {"app.ui.lang"}, "app.ui.lang": set()}  # fmt: skip
    assert find_cycle(graph) == ["app.ui.main_window", "app.ui.window_screens",
                                 "app.ui.main_window"]  # fmt: skip
    source = "def f():\n    from app.ui.main_window import load_form\n"
    node = next(n for n in ast.walk(ast.parse(source)) if isinstance(n, ast.ImportFrom))
    assert "app.ui.main_window" in _imported(node, "app.ui.window_screens", False)
    relative = ast.parse("from . import lang\nfrom .lock import LockScreen\n").body
    assert _imported(relative[0], "app.ui.screens", False) == ["app.ui", "app.ui.lang"]
    assert _imported(relative[1], "app.ui.screens", False)[0] == "app.ui.lock"
