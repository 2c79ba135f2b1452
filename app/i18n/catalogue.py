"""The one catalogue: gettext, with the sentences written in Chinese in the code.

Chinese is the source language, so it needs no catalogue of its own; every other language is a
``resources/locale/<lang>/LC_MESSAGES/warmvisit.po`` file, compiled to ``.mo`` by
``scripts/i18n.py compile`` (the set-up script and the package build run it; nobody edits a
``.mo``). Three ways in:

- ``_("中文")`` and ``pgettext(context, "中文")`` for text written where it is shown (the window,
  the command line, documents); a context where one Chinese word means two things (确定 the
  status, 确定 the button).
- ``text(key, **params)`` for a sentence that travels as data: an error, a row problem, a flag,
  a quarantine reason. Services and the store keep the key and its parameters, never the
  sentence; ``keyed(key, source)`` declares the Chinese source, and the catalogue holds it with
  the key as its context, so a translator sees both.
- ``label(code)`` (app.i18n.labels) for an enumerated value's word.

The language is the process's (``set_language``; WARMVISIT_LANG by default), or given per call.
"""

from __future__ import annotations

import gettext
import os
import string
from collections.abc import Callable, Iterable, Mapping
from datetime import date
from enum import StrEnum
from functools import cache
from typing import Any, Protocol

from app.paths import asset

DOMAIN = "warmvisit"
SOURCE = "zh"  # the language the code is written in (Simplified Chinese): no catalogue needed

_state = {"lang": ""}
_KEYED: dict[str, str] = {}
_param_hooks: list[Callable[[Any, str], Any]] = []


@cache
def languages() -> tuple[str, ...]:
    """Chinese, then every language with a catalogue under resources/locale (a folder each: en,
    zh_TW …): adding a language is adding its .po file."""
    folder = asset("resources", "locale")
    found = sorted(p.parent.parent.name for p in folder.glob(f"*/LC_MESSAGES/{DOMAIN}.po"))
    compiled = sorted(p.parent.parent.name for p in folder.glob(f"*/LC_MESSAGES/{DOMAIN}.mo"))
    return (SOURCE, *dict.fromkeys(found + compiled))


def _normalised(lang: str | None) -> str:
    """zh, en, zh_TW … as given (zh-TW and zh_tw too); unknown: Chinese."""
    value = (lang or "").strip().replace("-", "_")
    language, _, region = value.partition("_")
    value = f"{language.lower()}_{region.upper()}" if region else language.lower()
    if value in ("zh_CN", "zh_SG"):
        return SOURCE
    return value if value in languages() else SOURCE


def default_language() -> str:
    """The language setting: WARMVISIT_LANG (zh|en), else the settings file's, else Chinese."""
    from app.settings import get_setting

    return _normalised(os.environ.get("WARMVISIT_LANG") or get_setting("language"))


def current_language() -> str:
    """The process's language: what ``set_language`` chose, else the setting."""
    return _state["lang"] or default_language()


def set_language(lang: str | None) -> str:
    _state["lang"] = _normalised(lang)
    return _state["lang"]


@cache
def translations(lang: str) -> gettext.NullTranslations:
    if lang == SOURCE or lang not in languages():
        return gettext.NullTranslations()
    mo = asset("resources", "locale", lang, "LC_MESSAGES", f"{DOMAIN}.mo")
    try:
        with mo.open("rb") as f:
            return gettext.GNUTranslations(f)
    except OSError:
        # Not compiled (a checkout where scripts/i18n.py compile has not run): Chinese, rather
        # than no window at all. tests/test_catalogue.py fails on a stale or missing file.
        return gettext.NullTranslations()


def _(message: str, lang: str | None = None) -> str:
    return translations(lang or current_language()).gettext(message)


def pgettext(context: str, message: str, lang: str | None = None) -> str:
    return translations(lang or current_language()).pgettext(context, message)


def N_(message: str) -> str:  # noqa: N802  (gettext's name for "mark, translate later")
    return message


def keyed(key: str, source: str) -> None:
    """Declare the Chinese source of a keyed sentence (at import of an app.i18n.keyed module)."""
    if _KEYED.setdefault(key, source) != source:
        raise ValueError(f"message key {key!r} declared twice")


def keyed_source(key: str) -> str | None:
    return _KEYED.get(key)


def keyed_keys() -> tuple[str, ...]:
    return tuple(_KEYED)


def add_param_hook(hook: Callable[[Any, str], Any]) -> None:
    """A parameter's value as shown (e.g. an enumerated code as its word); see labels.py."""
    _param_hooks.append(hook)


def _shown(value: Any, lang: str) -> Any:
    for hook in _param_hooks:
        value = hook(value, lang)
    return value


def text(key: str, lang: str | None = None, /, **params: Any) -> str:
    """The sentence for ``key`` in ``lang`` with ``params`` filled in."""
    lang = lang or current_language()
    source = _KEYED.get(key)
    if source is None:
        # A missing key is a programming error (tests/test_catalogue.py looks for them), but the
        # clerk still deserves the key rather than a crash.
        return f"{key} {params}" if params else key
    template = translations(lang).pgettext(key, source)
    shown = {name: _shown(value, lang) for name, value in params.items()}
    try:
        return template.format(**shown)
    except (KeyError, IndexError, ValueError):
        return template


class Keyed(Protocol):
    """An error, a reason, a row problem: a message key and its parameters (a mapping, or
    (name, value) pairs as frozen results keep them)."""

    @property
    def key(self) -> str: ...

    @property
    def params(self) -> Mapping[str, Any] | tuple[tuple[str, Any], ...]: ...


def render(what: Keyed, lang: str | None = None) -> str:
    """The sentence of an error, a reason or a row problem."""
    return text(what.key, lang, **dict(what.params))


def placeholders(template: str) -> set[str]:
    return {field for _lit, field, _spec, _conv in string.Formatter().parse(template) if field}


def is_code(value: Any) -> bool:
    return isinstance(value, StrEnum)


def listed(items: Iterable[object], lang: str | None = None) -> str:
    """Values as a list is written: 王强、刘芳 / 王强, 刘芳 (empty ones left out)."""
    separator = pgettext("list separator", "、", lang)
    return separator.join(str(i) for i in items if i not in ("", None))


def field(name: str, value: object, lang: str | None = None) -> str:
    """A labelled value: 电话：1380… / Phone: 1380… (``name`` already in the language)."""
    return pgettext("field", "{name}：{value}", lang).format(name=name, value=value)


_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def long_date(day: date, lang: str | None = None) -> str:
    """2027年1月20日, or 20 Jan 2027 (CLDR's medium dates for the two languages)."""
    if (lang or current_language()).startswith("zh"):
        return f"{day.year}年{day.month}月{day.day}日"
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"
