"""Resident ID numbers: normalising, each way of being wrong, and what is derived from them."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.domain.errors import InvalidInput
from app.domain.id_number import Sex, age_on, check_digit, mask_id, normalise_id, parse_id
from app.i18n.catalogue import keyed_keys

TODAY = date(2025, 6, 1)
BINHAI = "120116198501014698"  # 天津滨海新区: python-stdnum 2.2 rejects the region code
MAOJIAN = "42030219900307109X"  # 十堰茅箭区: likewise, and a check digit X
MAOJIAN_F = "420302199003071006"


@pytest.mark.parametrize("value", [BINHAI, MAOJIAN, MAOJIAN_F, "110101200001010010"])
def test_valid_numbers_whatever_the_region(value: str) -> None:
    assert parse_id(value, today=TODAY).value == value


@pytest.mark.parametrize(
    ("raw", "value"),
    [
        ("１２０１１６１９８５０１０１４６９８", BINHAI),  # full-width digits
        ("42030219900307109x", MAOJIAN),  # lower-case x
        ("42030219900307109ｘ", MAOJIAN),  # full-width lower-case x
        (" 120116 19850101 4698\u3000", BINHAI),  # spaces of every kind
    ],
)
def test_normalised(raw: str, value: str) -> None:
    assert normalise_id(raw) == value
    assert parse_id(raw, today=TODAY).value == value


def test_derived_birth_date_and_sex() -> None:
    man = parse_id(BINHAI, today=TODAY)
    assert man.birth_date == date(1985, 1, 1)
    assert man.sex == Sex.MALE  # 17th digit 9 is odd
    woman = parse_id(MAOJIAN_F, today=TODAY)
    assert woman.birth_date == date(1990, 3, 7)
    assert woman.sex == Sex.FEMALE  # 17th digit 0 is even
    assert parse_id(MAOJIAN, today=TODAY).sex == Sex.MALE


def test_age() -> None:
    person = parse_id(MAOJIAN_F, today=TODAY)
    assert age_on(person, date(2025, 3, 6)) == 34
    assert age_on(person, date(2025, 3, 7)) == 35


def test_masked() -> None:
    person = parse_id(BINHAI, today=TODAY)
    assert person.masked == "120116********4698"
    assert mask_id(BINHAI) == "120116********4698"
    assert person.tail4 == "4698"
    assert mask_id("1234") == "****"


@pytest.mark.parametrize(
    ("raw", "key", "params"),
    [
        ("", "id.missing", {}),
        (None, "id.missing", {}),
        (" \u3000", "id.missing", {}),
        ("120116850101469", "id.old15", {"value": "120116850101469"}),
        ("12011619850101469", "id.length", {"length": 17}),
        ("1201161985010146981", "id.length", {"length": 19}),
        ("12345", "id.length", {"length": 5}),
        ("12011619850101469A", "id.chars", {}),
        ("1201161985010146X8", "id.chars", {}),  # X only as the last character
        ("120116-19850101469", "id.chars", {}),
        ("١٢٠١١٦١٩٨٥٠١٠١٤٦٩٨", "id.chars", {}),  # Arabic-Indic digits are not normalised
        ("120116198502304697", "id.birth_date", {"date": "19850230"}),  # 30 February
        ("120116198513014698", "id.birth_date", {"date": "19851301"}),
        ("120116189912314690", "id.birth_date", {"date": "18991231"}),
        ("120116203001014695", "id.birth_date", {"date": "20300101"}),  # in the future
        ("120116202506024691", "id.birth_date", {"date": "20250602"}),  # tomorrow
        ("120116198501014697", "id.check_digit", {}),
        ("420302199003071090", "id.check_digit", {}),
        (1.20116198501015e17, "id.excel_number", {}),  # Excel kept 15 digits of it
        (12011619850101.0, "id.length", {"length": 14}),
    ],
)
def test_errors(raw: object, key: str, params: dict[str, object]) -> None:
    with pytest.raises(InvalidInput) as caught:
        parse_id(raw, today=TODAY)
    assert caught.value.key == key
    assert caught.value.params == params
    assert key in keyed_keys()


def test_born_today_is_valid() -> None:
    first17 = "12011620250601469"
    assert parse_id(first17 + check_digit(first17), today=TODAY).birth_date == TODAY


@st.composite
def valid_ids(draw: st.DrawFn) -> str:
    region = draw(st.from_regex(r"[0-9]{6}", fullmatch=True))
    born = draw(st.dates(min_value=date(1900, 1, 1), max_value=TODAY))
    serial = draw(st.from_regex(r"[0-9]{3}", fullmatch=True))
    first17 = f"{region}{born:%Y%m%d}{serial}"
    return first17 + check_digit(first17)


@given(valid_ids())
def test_random_valid_numbers_parse(value: str) -> None:
    person = parse_id(value, today=TODAY)
    assert person.value == value
    assert person.birth_date == date(int(value[6:10]), int(value[10:12]), int(value[12:14]))
    assert person.sex == (Sex.MALE if int(value[16]) % 2 else Sex.FEMALE)
    assert parse_id(value.lower(), today=TODAY) == person
    assert parse_id(f" {value[:6]} {value[6:]}\u3000", today=TODAY) == person


# GB 11643-1999's table of weights, position 1 to 17, as printed.
PRINTED_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)


@given(st.from_regex(r"[0-9]{17}", fullmatch=True))
def test_the_check_digit_is_the_standard_s(first17: str) -> None:
    total = sum(int(digit) * weight for digit, weight in zip(first17, PRINTED_WEIGHTS, strict=True))
    assert check_digit(first17) == "10X98765432"[total % 11]


@pytest.mark.parametrize(
    "first17",
    ["1201161985010146", "120116198501014698", "1201161985010146a", "+1201161985010146",
     "1_201161985010146", "１２０１１６１９８５０１０１４６９", "١٢٠١١٦١٩٨٥٠١٠١٤٦٩٨"[:17]],
)  # fmt: skip
def test_the_check_digit_needs_17_digits(first17: str) -> None:
    with pytest.raises(ValueError):
        check_digit(first17)


@given(valid_ids(), st.integers(min_value=0, max_value=17), st.integers(min_value=1, max_value=10))
def test_one_changed_character_is_caught(value: str, position: int, shift: int) -> None:
    # MOD 11-2 catches every single substitution; a changed date may fail the date check first.
    alphabet = "0123456789X" if position == 17 else "0123456789"
    old = alphabet.index(value[position])
    new = alphabet[(old + shift) % len(alphabet)]
    if new == value[position]:
        return  # shift == len(alphabet) for the 17 digits: no change
    changed = value[:position] + new + value[position + 1 :]
    with pytest.raises(InvalidInput) as caught:
        parse_id(changed, today=TODAY)
    assert caught.value.key in {"id.check_digit", "id.birth_date"}
