"""Phone numbers as rosters carry them."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.domain.errors import InvalidInput
from app.domain.phone import normalise_phone, phone_tail
from app.i18n.catalogue import keyed_keys


@pytest.mark.parametrize(
    ("raw", "value"),
    [
        ("13800000000", "13800000000"),
        ("+86 138 0000 0000", "13800000000"),
        ("+8613800000000", "13800000000"),
        ("86-13800000000", "13800000000"),
        ("+86-138-0000-0000", "13800000000"),
        ("138-0000-0000", "13800000000"),
        ("１３８００００００００", "13800000000"),
        ("\u3000139 1234 5678 ", "13912345678"),
        (13800000000.0, "13800000000"),  # an Excel number cell
        (19912345678, "19912345678"),
    ],
)
def test_mobiles(raw: object, value: str) -> None:
    assert normalise_phone(raw) == value


@pytest.mark.parametrize(
    ("raw", "value"),
    [
        ("022-23456789", "022-23456789"),
        ("(022)23456789", "022-23456789"),
        ("（０２２）２３４５６７８９", "022-23456789"),
        ("022 2345 6789", "022-23456789"),
        # Without a separator the area code is read by the numbering plan: 010 and 02x have
        # three digits, every other code four. (This read 0222-3456789 before.)
        ("02223456789", "022-23456789"),
        ("01062345678", "010-62345678"),
        ("075523456789", "0755-23456789"),
        ("07552345678", "0755-2345678"),
        ("0755-2345678", "0755-2345678"),
        # A local number alone, 7 or 8 digits.
        ("23456789", "23456789"),
        ("2345678", "2345678"),
        # Extensions.
        ("022-23456789-123", "022-23456789-123"),
        ("022-23456789转123", "022-23456789-123"),
        ("022-23456789 ext. 12", "022-23456789-12"),
        ("022-23456789EXT12", "022-23456789-12"),
    ],
)
def test_landlines(raw: str, value: str) -> None:
    assert normalise_phone(raw) == value


@pytest.mark.parametrize(
    ("raw", "value"),
    [
        ("13800000000/022-23456789", "13800000000 / 022-23456789"),
        ("13800000000，13900000000", "13800000000 / 13900000000"),
        ("13800000000、13900000000", "13800000000 / 13900000000"),
        ("13800000000 或 022-23456789", "13800000000 / 022-23456789"),
        ("13800000000;", "13800000000"),
    ],
)
def test_several_numbers(raw: str, value: str) -> None:
    assert normalise_phone(raw) == value


def test_empty_stays_empty() -> None:
    assert normalise_phone(None) == ""
    assert normalise_phone("") == ""
    assert normalise_phone(" \u3000") == ""


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("123", "123"),
        ("2345", "2345"),
        ("138000000001", "138000000001"),  # 12 digits
        ("1380000000", "1380000000"),  # 10 digits
        ("12800000000", "12800000000"),  # no mobile network starts 12
        # Local numbers never start with 1 (service numbers) or 0 (trunk prefix), so these
        # placeholder-looking numbers are refused rather than stored.
        ("12345678", "12345678"),
        ("022-12345678", "022-12345678"),
        ("022-02345678", "022-02345678"),
        ("0221-2345678", "0221-2345678"),  # no area code 0221
        ("0100-2345678", "0100-2345678"),
        ("13800000000 13900000000", "1380000000013900000000"),  # spaces do not separate
        ("tel 13800000000", "tel13800000000"),
        ("１３８", "138"),
    ],
)
def test_invalid(raw: str, shown: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        normalise_phone(raw)
    assert caught.value.key == "phone.invalid"
    assert caught.value.params == {"value": shown}
    assert "phone.invalid" in keyed_keys()


def test_second_number_wrong_names_it() -> None:
    with pytest.raises(InvalidInput) as caught:
        normalise_phone("13800000000/123")
    assert caught.value.params == {"value": "123"}


def test_tail() -> None:
    assert phone_tail("13800001234 / 022-23456789") == "1234"
    assert phone_tail("022-23456789", 6) == "456789"


MOBILES = st.from_regex(r"1[3-9][0-9]{9}", fullmatch=True)
LANDLINES = st.from_regex(r"(010|02[0-9]|0[3-9][0-9]{2})-[2-9][0-9]{6,7}", fullmatch=True)


@given(st.lists(MOBILES | LANDLINES, min_size=1, max_size=3))
def test_normalised_numbers_are_stable(numbers: list[str]) -> None:
    joined = " / ".join(numbers)
    assert normalise_phone(joined) == joined
    assert normalise_phone(joined.replace("-", "")) == joined  # area code found without "-"


@given(MOBILES)
def test_a_plain_mobile_reads_as_it_does_written_any_other_way(number: str) -> None:
    full_width = "".join(chr(ord(c) + 0xFEE0) for c in number)
    assert normalise_phone(number) == number
    assert normalise_phone(f" {number[:3]} {number[3:]}") == number
    assert normalise_phone(full_width) == number
    assert normalise_phone(f"+86{number}") == number
