"""Money: parsing what clerks type, formatting, and capitals checked against cn2an."""

from __future__ import annotations

import math
from decimal import Decimal

import cn2an
import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.domain.errors import InvalidInput
from app.domain.money import (
    _to_fen,
    fen_to_capitals,
    format_fen,
    format_yuan,
    parse_money,
    parse_optional_money,
    yuan_to_fen,
)
from app.i18n import text
from app.i18n.catalogue import keyed_keys

AMOUNTS = st.integers(min_value=0, max_value=10**12 - 1)


def cn2an_capitals(fen: int) -> str:
    return cn2an.an2cn(f"{fen // 100}.{fen % 100:02d}", "rmb")


@pytest.mark.parametrize(
    ("raw", "fen"),
    [
        (1170, 117000),
        (0, 0),
        (1170.1, 117010),
        (0.1 + 0.2, 30),  # Excel shows 0.3; the float noise is not a third decimal
        (1287.0000000000002, 128700),
        (Decimal("12.34"), 1234),
        ("1170", 117000),
        ("1,170.00元", 117000),
        ("¥1,170.00", 117000),
        ("￥100", 10000),
        ("¥ 1,170.00", 117000),
        ("人民币1,170.00元", 117000),
        ("1170.5", 117050),
        ("  1 170 元 ", 117000),
        ("１１７０", 117000),
        ("１，１７０．００元", 117000),
        ("1.2万", 1200000),
        ("1.2万元", 1200000),
        ("100元整", 10000),
        ("1.230", 123),  # judged by value: still a whole number of fen
        ("-0", 0),
        ("一千一百七十元", 117000),
        ("壹仟壹佰柒拾元整", 117000),
        ("贰仟元", 200000),
        ("一百元五角", 10050),
        ("壹佰元伍角陆分", 10056),
        ("两千", 200000),
        ("一万二千", 1200000),
        ("十五元", 1500),
        ("拾元整", 1000),
        ("一千零五元", 100500),
        ("一千零十元", 101000),
        ("二十五万元", 25000000),
        ("零元整", 0),
        ("伍分", 5),
        ("伍角", 50),
        ("壹元零伍分", 105),
        ("壹拾元零伍角", 1050),
        ("人民币壹佰元正", 10000),
        ("壹亿零壹佰万元整", 10100000000),
        ("壹亿壹仟元整", 10000100000),
        ("貳仟圓整", 200000),
    ],
)
def test_parse_money(raw: object, fen: int) -> None:
    assert parse_money(raw) == fen


@pytest.mark.parametrize(
    ("raw", "key"),
    [
        ("abc", "money.invalid"),
        ("1.2.3", "money.invalid"),
        ("1e5", "money.invalid"),
        ("11 70", "money.invalid"),  # spaces only between groups of three
        ("1,17", "money.invalid"),
        ("1,170 000", "money.invalid"),  # one kind of separator
        ("一千二", "money.invalid"),  # speech for 1200; a typo must not become money
        ("一万五", "money.invalid"),
        ("五五", "money.invalid"),
        ("十十", "money.invalid"),
        ("一百千", "money.invalid"),
        ("一千零", "money.invalid"),
        ("元伍角", "money.invalid"),
        ("整", "money.invalid"),
        (float("nan"), "money.invalid"),
        (float("inf"), "money.invalid"),
        (True, "money.invalid"),
        ("-5", "money.negative"),
        ("-¥5.00", "money.negative"),
        ("负五元", "money.negative"),
        (-5, "money.negative"),
        (-0.5, "money.negative"),
        ("1.234", "money.precision"),
        (1.234, "money.precision"),
        ("1.23456789万", "money.precision"),
        ("", "money.missing"),
        ("  　 ", "money.missing"),
        (None, "money.missing"),
    ],
)
def test_parse_money_errors(raw: object, key: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        parse_money(raw)
    assert caught.value.key == key
    assert key in keyed_keys()


def test_error_carries_the_text_the_clerk_typed() -> None:
    with pytest.raises(InvalidInput) as caught:
        parse_money(" abc元 ")
    assert caught.value.params == {"value": "abc元"}
    assert text("money.invalid", "zh", **caught.value.params) == "金额“abc元”无法识别"
    assert text("money.invalid", "en", **caught.value.params) == "“abc元” is not an amount"


def test_parse_optional_money() -> None:
    assert parse_optional_money(None) is None
    assert parse_optional_money("") is None
    assert parse_optional_money(" \u3000") is None
    assert parse_optional_money("0") == 0
    assert parse_optional_money("12.5") == 1250
    with pytest.raises(InvalidInput):
        parse_optional_money("abc")


def test_format() -> None:
    assert format_fen(117000) == "¥1,170.00"
    assert format_fen(0) == "¥0.00"
    assert format_fen(5) == "¥0.05"
    assert format_fen(-500) == "-¥5.00"
    assert format_fen(123456789012) == "¥1,234,567,890.12"
    assert format_yuan(117000) == "1,170.00"
    assert format_yuan(-500) == "-5.00"
    assert yuan_to_fen(1170) == 117000


@pytest.mark.parametrize(
    ("fen", "capitals"),
    [
        (0, "零元整"),
        (5, "伍分"),
        (50, "伍角"),
        (56, "伍角陆分"),
        (105, "壹元零伍分"),
        (1000, "壹拾元整"),
        (10050, "壹佰元伍角"),
        (100000, "壹仟元整"),
        (100500, "壹仟零伍元整"),
        (117000, "壹仟壹佰柒拾元整"),
        (168032, "壹仟陆佰捌拾元叁角贰分"),
        (10700053, "壹拾万柒仟元伍角叁分"),
        (1000100000, "壹仟万壹仟元整"),
        (10000000000, "壹亿元整"),
        (10000100000, "壹亿壹仟元整"),
        (10010000000, "壹亿零壹拾万元整"),
        (10100000000, "壹亿零壹佰万元整"),
        (10000000100, "壹亿零壹元整"),
        (10**12, "壹佰亿元整"),
    ],
)
def test_fen_to_capitals(fen: int, capitals: str) -> None:
    assert fen_to_capitals(fen) == capitals
    assert cn2an_capitals(fen) == capitals


def test_fen_to_capitals_refuses_negative() -> None:
    with pytest.raises(ValueError):
        fen_to_capitals(-1)


@given(AMOUNTS)
def test_capitals_agree_with_cn2an(fen: int) -> None:
    assert fen_to_capitals(fen) == cn2an_capitals(fen)


# Amounts built from few non-zero digits hit the 零 rules far more often than uniform ones.
SPARSE = st.lists(st.sampled_from("0000015"), min_size=1, max_size=12).map(
    lambda digits: int("".join(digits))
)


@given(SPARSE)
def test_sparse_capitals_agree_with_cn2an(fen: int) -> None:
    assert fen_to_capitals(fen) == cn2an_capitals(fen)
    assert parse_money(fen_to_capitals(fen)) == fen


@given(AMOUNTS)
def test_round_trips(fen: int) -> None:
    assert parse_money(format_fen(fen)) == fen
    assert parse_money(format_yuan(fen)) == fen
    assert parse_money(fen_to_capitals(fen)) == fen
    assert parse_money(fen / 100) == fen  # a float cell holding the yuan amount


@given(st.integers(min_value=1, max_value=10**12))
def test_negative_formatted_amounts_are_refused(fen: int) -> None:
    with pytest.raises(InvalidInput) as caught:
        parse_money(format_fen(-fen))
    assert caught.value.key == "money.negative"


def _by_decimal(raw: float) -> int | str:
    """What a number cell read as Decimal gives: the fen, or the refusal's key."""
    shown = format(raw, ".15g")
    try:
        if not math.isfinite(raw):
            raise InvalidInput("money.invalid", value=shown)
        return _to_fen(Decimal(shown), shown)
    except InvalidInput as e:
        return e.key


@given(st.one_of(st.floats(), st.floats(0, 10**6).map(lambda x: round(x, 2)),
                 st.integers(0, 10**15).map(lambda fen: fen / 100)))  # fmt: skip
def test_a_number_cell_reads_as_its_decimal_would(raw: float) -> None:
    try:
        got: int | str | None = parse_optional_money(raw)
    except InvalidInput as e:
        got = e.key
    assert got == _by_decimal(raw)


@given(st.integers(0, 10**15 - 1), st.sampled_from(["", ".5", ".05", ".50", ".0"]))
def test_a_plain_amount_reads_as_it_does_written_any_other_way(yuan: int, cents: str) -> None:
    text = f"{yuan}{cents}"
    fen = yuan * 100 + int(cents[1:].ljust(2, "0") if cents else "0")
    assert parse_optional_money(text) == fen
    assert parse_optional_money(f" {text} 元") == fen
    assert parse_optional_money(f"¥{text}") == fen
