"""The one catalogue: every string the code marks has its English with the same placeholders,
every key the code names has a Chinese source, and every code has its word in both languages."""

from __future__ import annotations

import ast
import functools
import importlib
import pkgutil
import re
import sys
from enum import StrEnum
from pathlib import Path

import pytest

import app
from app import i18n
from app.domain.campaign import Material, Status, normalise_material, normalise_status
from app.domain.eligibility import Rule, parse_rule
from app.domain.visits import CannotSign, Outcome, VisitMode, normalise_mode, normalise_outcome
from app.i18n.catalogue import keyed_keys, keyed_source, placeholders
from app.i18n.labels import labelled

ROOT = Path(app.__file__).resolve().parent.parent
APP_DIR = ROOT / "app"
sys.path.insert(0, str(ROOT))
from scripts import i18n as catalogue_build  # noqa: E402

KEY = re.compile(r"^[a-z_]+\.[a-z0-9_.]+$")
# Calls whose first argument is a message key (``super().__init__("cancelled")`` included).
KEY_CALLS = {"InvalidInput", "NotFound", "Conflict", "BundleRefused", "WarmVisitError", "text",
             "Reason", "of", "_Alarm", "__init__", "RowProblem"}  # fmt: skip


def _load_every_module() -> None:
    for info in pkgutil.walk_packages([str(APP_DIR)], prefix="app."):
        if not info.name.endswith(".__main__") and ".ui." not in info.name:
            importlib.import_module(info.name)


_load_every_module()


def test_every_string_has_its_english_and_the_mo_is_current() -> None:
    assert catalogue_build.problems() == []


@pytest.mark.parametrize("key", sorted(keyed_keys()))
def test_every_keyed_sentence_renders_in_both_languages(key: str) -> None:
    source = keyed_source(key)
    assert source and source.strip(), key
    params = {name: "X" for name in placeholders(source)}
    zh, en = i18n.text(key, "zh", **params), i18n.text(key, "en", **params)
    assert "{" not in zh and "{" not in en, key
    assert en != zh or not re.search(r"[\u4e00-\u9fff]", zh), key


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
    prefixes = {k.split(".")[0] for k in keyed_keys() if "." in k}
    for path in sorted(APP_DIR.rglob("*.py")):
        if "i18n" in path.parts or "compiled_forms" in path.parts:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        place = path.relative_to(ROOT).as_posix()
        parents = {child: n for n in ast.walk(tree) for child in ast.iter_child_nodes(n)}
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and _call_name(node.func) in KEY_CALLS and node.args:
                first = node.args[0]
                if (isinstance(first, ast.Constant) and isinstance(first.value, str)
                        and KEY.match(first.value)):  # fmt: skip
                    found.setdefault(first.value, []).append(f"{place}:{node.lineno}")
            elif (isinstance(node, ast.Constant) and isinstance(node.value, str)
                  and KEY.match(node.value) and node.value.split(".")[0] in prefixes
                  and not isinstance(parents.get(node), ast.JoinedStr)):  # fmt: skip
                found.setdefault(node.value, []).append(f"{place}:{node.lineno}")
    return found


def test_the_scan_finds_keys_of_every_kind() -> None:
    keys = used_keys()
    for expected in ("campaign.exists", "id.check_digit", "row.duplicate_in_file",
                     "cli.campaign_created", "col.total", "money.invalid", "phone.invalid",
                     "merge.off_chain"):  # fmt: skip
        assert expected in keys, expected


def test_every_key_the_code_uses_has_a_sentence() -> None:
    declared = set(keyed_keys())
    missing = {k: places for k, places in used_keys().items() if k not in declared}
    assert missing == {}


def test_text_fills_the_placeholders_in_the_language_asked() -> None:
    assert i18n.text("id.length", "zh", length=17) == "身份证号应为18位，这里是17位"
    assert i18n.text("id.length", "en", length=17) == (
        "an ID number has 18 characters, this one has 17"
    )


def test_a_code_in_a_parameter_is_shown_as_its_word() -> None:
    zh = i18n.text("status.unknown", "zh", status="确认了", known=(Status.APPLIED, Status.DECLINED))
    en = i18n.text("status.unknown", "en", status="确认了", known=(Status.APPLIED, Status.DECLINED))
    assert zh == "状态“确认了”无效，可用：申报、不予"
    assert en == "Unknown status “确认了”; use one of: applied, declined"


KINDS: list[type[StrEnum]] = [Status, Material, Rule, VisitMode, Outcome, CannotSign]


@pytest.mark.parametrize("kind", KINDS, ids=lambda k: k.__name__)
def test_every_code_has_a_word_in_both_languages(kind: type[StrEnum]) -> None:
    assert set(labelled(kind)) == set(kind)
    for code in kind:
        zh, en = i18n.label(code, "zh"), i18n.label(code, "en")
        assert zh and en and zh != str(code) and en != zh, code


def test_one_chinese_word_two_meanings_two_entries() -> None:
    # 确定 the status is "confirmed"; 确定 the button would be OK: the context keeps them apart.
    assert i18n.label(Status.CONFIRMED, "en") == "confirmed"
    assert i18n.pgettext("button", "确定", "en") in ("确定", "OK")


PARSERS = {Status: normalise_status, Material: normalise_material, Rule: parse_rule,
           VisitMode: normalise_mode, Outcome: normalise_outcome}  # fmt: skip


@pytest.mark.parametrize("kind", list(PARSERS), ids=lambda k: k.__name__)
def test_a_code_read_back_from_its_word_and_from_itself(kind: type[StrEnum]) -> None:
    parse = PARSERS[kind]
    for code in kind:
        assert parse(i18n.label(code, "zh")) == code
        assert parse(str(code)) == code
