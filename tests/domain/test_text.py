"""Cleaning what people type into spreadsheets; names survive exactly, rare characters too."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.domain.text import clean, clean_name, squeeze, to_halfwidth


def test_halfwidth() -> None:
    assert to_halfwidth("ＡＢＣ１２３（）－，．") == "ABC123()-,."
    assert to_halfwidth("\u3000") == " "
    assert to_halfwidth("侯平") == "侯平"


@pytest.mark.parametrize(
    ("raw", "value"),
    [
        (" 侯平\u3000", "侯平"),
        ("ＡＢＣ\u3000\u3000１２３", "ABC 123"),
        ("a\u00a0\u2003\tb\n", "a b"),
        ("王\u200b小明", "王 小明"),
        ("\ufeff张三", "张三"),
        (None, ""),
        (13800000000.0, "13800000000"),  # Excel keeps whole numbers as floats
        (1.5, "1.5"),
        (42, "42"),
    ],
)
def test_clean(raw: object, value: str) -> None:
    assert clean(raw) == value


def test_squeeze() -> None:
    assert squeeze(" 120116 1985\u30000101 4698 ") == "120116198501014698"
    assert squeeze(None) == ""


@pytest.mark.parametrize(
    ("raw", "value"),
    [
        (" 侯平　", "侯平"),
        ("侯 平", "侯平"),
        ("\u3000王\u3000小\u3000明\u3000", "王小明"),
        ("  John   SMITH ", "John SMITH"),
        ("J. Smith", "J. Smith"),
        ("阿依古丽·买买提", "阿依古丽·买买提"),
        ("阿依古丽•买买提", "阿依古丽·买买提"),
        ("阿依古丽・买买提", "阿依古丽·买买提"),
        # The full-width full stop became "." in clean() and was kept as "." before.
        ("阿依古丽．买买提", "阿依古丽·买买提"),
        ("阿依古丽.买买提", "阿依古丽·买买提"),
        (None, ""),
    ],
)
def test_clean_name(raw: object, value: str) -> None:
    assert clean_name(raw) == value


# 䶮 (U+4DAE, Extension A), 𠇔 (U+201D4, Extension B), 𪚥 (U+2A6A5) and compatibility
# ideographs, which NFC/NFKC would rewrite to another code point: 隆 U+F9DC → U+9686,
# 﨑 U+FA11 (a unified ideograph in the compatibility block), U+2F800 (supplement).
RARE = ["刘䶮", "𠇔", "王𪚥", "李\uf9dc", "\ufa11本", "\U0002f800"]


@pytest.mark.parametrize("name", RARE)
def test_rare_characters_survive_exactly(name: str) -> None:
    assert clean_name(f" {name}\u3000") == name
    assert clean(name) == name
    assert squeeze(f"{name} ") == name


def test_compatibility_ideographs_are_what_nfkc_would_change() -> None:
    # Guards the reason text.py does not use NFKC: these would not survive it.
    assert unicodedata.normalize("NFKC", "\uf9dc") != "\uf9dc"
    assert unicodedata.normalize("NFKC", "\U0002f800") != "\U0002f800"


CJK = st.characters(
    codec="utf-8",
    categories=["Lo"],
    exclude_characters="·•・",
)


@given(st.text(CJK, min_size=1, max_size=6))
def test_names_of_letters_keep_every_code_point(name: str) -> None:
    # Letters outside ASCII (any script, any plane) are never rewritten.
    assert clean_name(f"\u3000{name} ") == name
