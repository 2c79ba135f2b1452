"""Every sentence exists in both languages with the same placeholders, and every key the code
uses has a sentence (a missing key shows the clerk "row.size_invalid {'max': 20}")."""

from __future__ import annotations

import ast
import functools
import importlib
import pkgutil
import re
import string
from pathlib import Path

import pytest

import app
from app import messages

APP_DIR = Path(app.__file__).resolve().parent
KEY = re.compile(
    r"^(id|money|phone|roster|row|elig|campaign|category|cost|unit|status|household|member"
    r"|material|override|cli|col)\.[a-z0-9_.]+$"
)
# Calls whose first argument is a message key (``super().__init__("cancelled")`` included).
KEY_CALLS = {"InvalidInput", "NotFound", "Conflict", "BundleRefused", "WarmVisitError", "text",
             "t", "__init__"}  # fmt: skip


def _load_every_module() -> None:
    """Modules may ``messages.register`` their own keys at import time: import them all."""
    for info in pkgutil.walk_packages([str(APP_DIR)], prefix="app."):
        if not info.name.endswith(".__main__"):  # runs the program when imported
            importlib.import_module(info.name)


_load_every_module()


def placeholders(template: str) -> set[str]:
    return {field for _lit, field, _spec, _conv in string.Formatter().parse(template) if field}


@pytest.mark.parametrize("key", sorted(messages.MESSAGES))
def test_both_languages_with_the_same_placeholders(key: str) -> None:
    entry = messages.MESSAGES[key]
    assert set(entry) == {"zh", "en"}, key
    zh, en = entry["zh"], entry["en"]
    assert zh.strip() and en.strip(), key
    assert placeholders(zh) == placeholders(en), key
    # Both render with their placeholders filled (no stray braces, no positional fields).
    params = {name: "X" for name in placeholders(zh)}
    assert "{" not in zh.format(**params) and "{" not in en.format(**params), key


def _parents(tree: ast.AST) -> dict[ast.AST, ast.AST]:
    return {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}


def _call_name(func: ast.expr) -> str | None:
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return None


@functools.cache
def used_keys() -> dict[str, list[str]]:
    """key → places ("app/x.py:12") where the source names it."""
    found: dict[str, list[str]] = {}
    for path in sorted(APP_DIR.rglob("*.py")):
        if path == APP_DIR / "messages.py":  # where the keys are defined, not used
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        parents = _parents(tree)
        place = path.relative_to(APP_DIR.parent).as_posix()
        for node in ast.walk(tree):
            name = _call_name(node.func) if isinstance(node, ast.Call) else None
            if name == "t" and place.startswith("app/ui/"):
                continue  # the window's t() takes the Chinese sentence itself (app/ui/lang.py)
            if isinstance(node, ast.Call) and name in KEY_CALLS and node.args:
                first = node.args[0]
                if isinstance(first, ast.Constant) and isinstance(first.value, str):
                    found.setdefault(first.value, []).append(f"{place}:{node.lineno}")
            elif (
                isinstance(node, ast.Constant)
                and isinstance(node.value, str)
                and KEY.match(node.value)
                and not isinstance(parents.get(node), ast.JoinedStr)  # a piece of an f-string
            ):
                found.setdefault(node.value, []).append(f"{place}:{node.lineno}")
    return found


def test_the_scan_finds_keys_of_every_kind() -> None:
    keys = used_keys()
    for expected in ("campaign.exists", "id.check_digit", "row.duplicate_in_file",
                     "elig.basis.1", "cli.campaign_created", "col.total", "unexpected",
                     "cancelled", "money.invalid", "phone.invalid"):  # fmt: skip
        assert expected in keys, expected


def test_every_key_the_code_uses_has_a_sentence() -> None:
    missing = {k: places for k, places in used_keys().items() if k not in messages.MESSAGES}
    assert missing == {}


def test_text_fills_the_placeholders_in_the_language_asked() -> None:
    assert messages.text("id.length", "zh", length=17) == "身份证号应为18位，这里是17位"
    assert messages.text("id.length", "en", length=17) == (
        "an ID number has 18 characters, this one has 17"
    )
