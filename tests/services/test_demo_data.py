"""Demo households: deterministic, valid ID numbers, and the spread a demo needs."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from app.domain.id_number import parse_id, parse_sex
from app.services.demo.households import (
    DEMO_CATEGORIES,
    MIN_LIVING_STANDARD_FEN,
    ROSTER_HEADER,
    DemoHousehold,
    generate_households,
    roster_row,
    yuan_text,
)

CAUSES = set("本人患病 家属患病 子女上学 残疾 单亲 意外灾害 意外伤害 失业 低收入".split())
MOBILE = re.compile(r"1[3-9]\d{9}")
LANDLINE = re.compile(r"022-2\d{7}")


@pytest.fixture(scope="module")
def households() -> list[DemoHousehold]:
    return list(generate_households(20_000, seed=7))


def test_same_seed_gives_same_households_and_another_seed_others() -> None:
    first = list(generate_households(500, seed=3))
    assert first == list(generate_households(500, seed=3))
    other = list(generate_households(500, seed=4))
    assert sum(a == b for a, b in zip(first, other, strict=True)) == 0
    # A longer run starts with the shorter one: a benchmark's first rows are the demo's.
    assert list(generate_households(200, seed=3)) == first[:200]


def test_id_numbers_are_valid_unique_and_agree_with_sex(households: list[DemoHousehold]) -> None:
    ids = [h.id_number for h in households]
    assert len(set(ids)) == len(ids)
    for h in households:
        parsed = parse_id(h.id_number)  # raises on a bad check digit or date
        assert parsed.sex == parse_sex(h.sex), h  # the roster cell says it as a word
        assert 1940 <= parsed.birth_date.year <= 2005


def test_retired_teachers_are_old_enough_and_come_from_schools(
    households: list[DemoHousehold],
) -> None:
    teachers = [h for h in households if h.category_code == "TX"]
    assert teachers
    for h in teachers:
        assert int(h.id_number[6:10]) <= 1967
        assert h.employer.endswith(("中学", "小学", "中专", "幼儿园"))


def test_income_spread_around_the_eligibility_thresholds(households: list[DemoHousehold]) -> None:
    bands: Counter[str] = Counter()
    for h in households:
        ratio = h.monthly_income_fen / h.household_size / MIN_LIVING_STANDARD_FEN
        bands["≤150%" if ratio <= 1.5 else "≤300%" if ratio <= 3.0 else ">300%"] += 1
    share = {band: count / len(households) for band, count in bands.items()}
    assert share["≤150%"] == pytest.approx(0.60, abs=0.02)
    assert share["≤300%"] == pytest.approx(0.20, abs=0.02)
    assert share[">300%"] == pytest.approx(0.20, abs=0.02)
    assert all(h.monthly_income_fen % 50 == 0 for h in households)  # whole or half yuan


def test_household_sizes_mostly_two_to_four(households: list[DemoHousehold]) -> None:
    sizes = Counter(h.household_size for h in households)
    assert set(sizes) <= set(range(1, 7))
    assert (sizes[2] + sizes[3] + sizes[4]) / len(households) > 0.7
    for h in households:
        if h.household_size == 1:
            assert not {"家属患病", "子女上学", "单亲"} & set(h.causes), h


def test_causes_categories_and_medical_costs(households: list[DemoHousehold]) -> None:
    for h in households:
        assert 1 <= len(h.causes) <= 3
        assert len(set(h.causes)) == len(h.causes)
        assert set(h.causes) <= CAUSES
    categories = Counter(h.category_code for h in households)
    assert set(categories) == {c.code for c in DEMO_CATEGORIES}
    assert categories.most_common(1)[0][0] == "KN"
    costs = [h.medical_cost_fen for h in households if h.medical_cost_fen]
    assert len(costs) / len(households) == pytest.approx(0.08, abs=0.015)
    assert all(500_000 <= fen <= 6_000_000 for fen in costs)
    major = [h for h in households if h.category_code == "ZB"]
    assert all(h.causes[0] in {"本人患病", "家属患病", "意外伤害"} for h in major)


def test_names_phones_and_addresses_look_real(households: list[DemoHousehold]) -> None:
    rare = [h.name for h in households if any(ch in h.name for ch in "䶮㛃𠇔")]
    assert 10 <= len(rare) <= 100  # about 1 in 500
    compound = [h.name for h in households if h.name[:2] in {"欧阳", "司马", "上官", "诸葛"}]
    assert len(compound) / len(households) == pytest.approx(0.02, abs=0.006)
    for h in households:
        assert 2 <= len(h.name) <= 4
        assert MOBILE.fullmatch(h.phone) or LANDLINE.fullmatch(h.phone), h.phone
        assert re.fullmatch(r".+\d+号楼\d门\d{3,4}", h.address), h.address
        assert h.address.startswith(h.street)
        assert h.sex in {"男", "女"}
    assert 0 < sum(bool(LANDLINE.fullmatch(h.phone)) for h in households) < len(households) / 5
    assert len({h.employer for h in households}) >= 35
    assert len({h.street for h in households}) == 12
    assert 0 < sum(bool(h.notes) for h in households) < len(households) / 10


def test_roster_row_is_what_a_clerk_types() -> None:
    h = DemoHousehold(
        name="孙国珍",
        sex="女",
        id_number="420302195603030744",
        employer="华泰纺织有限公司",
        street="大沽街道",
        address="大沽街道向阳里23号楼1门1046",
        phone="15291703423",
        household_size=4,
        monthly_income_fen=117050,
        causes=("意外灾害", "本人患病"),
        category_code="TX",
        medical_cost_fen=0,
        notes="",
    )
    row = roster_row(h)
    assert len(row) == len(ROSTER_HEADER)
    cells = dict(zip(ROSTER_HEADER, row, strict=True))
    assert cells["家庭月收入(元)"] == "1170.5"
    assert cells["致困原因"] == "意外灾害、本人患病"
    assert cells["慰问类别"] == "困难退休教师"
    assert cells["自付医疗费(元)"] == ""
    assert cells["家庭人口"] == "4"
    assert cells["身份证号"] == "420302195603030744"
    with_bill = roster_row(
        DemoHousehold(**{**_fields(h), "monthly_income_fen": 214200, "medical_cost_fen": 2345678})
    )
    assert with_bill[8] == "2142"
    assert with_bill[11] == "23456.78"


@pytest.mark.parametrize(
    ("fen", "text"),
    [
        (0, "0"),
        (214200, "2142"),
        (117050, "1170.5"),
        (12345, "123.45"),
        (5, "0.05"),
        (-150, "-1.5"),
    ],
)
def test_yuan_text(fen: int, text: str) -> None:
    assert yuan_text(fen) == text


def test_demo_categories_have_positive_standards() -> None:
    assert [c.code for c in DEMO_CATEGORIES] == ["KN", "ZB", "TX", "NM"]
    for code, name, cash_fen, goods, goods_fen in DEMO_CATEGORIES:
        assert code and name and goods
        assert cash_fen > 0 and goods_fen > 0
        assert isinstance(cash_fen, int) and isinstance(goods_fen, int)


def _fields(h: DemoHousehold) -> dict[str, object]:
    return {name: getattr(h, name) for name in DemoHousehold.__slots__}
