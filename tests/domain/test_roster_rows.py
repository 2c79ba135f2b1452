"""The roster row check against its specification, written here the plain way.

``RowChecker`` is built for 100,000 rows (cells fetched at once, repeated texts cleaned once,
common cells taken without a detour); ``spec_row`` below says what it must give, field by
field, as the design describes it. They must agree on every row, odd ones above all.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Sequence
from datetime import date
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.domain.errors import InvalidInput
from app.domain.id_number import Sex, check_digit, parse_id
from app.domain.money import parse_optional_money
from app.domain.phone import normalise_phone
from app.domain.roster_columns import Layout, find_layout
from app.domain.roster_rows import STORED_FIELDS, RowChecker, RowProblem
from app.domain.text import clean, clean_name, squeeze

TODAY = date(2026, 12, 1)
HEADER = [
    "姓名", "性别", "身份证号", "基层工会", "工作单位", "所属街道", "家庭住址", "联系电话",
    "家庭人口", "家庭月收入(元)", "人均月收入", "致困原因", "慰问类别", "自付医疗费", "灾害损失",
    "特殊原因", "是否单亲", "婚姻状况", "民族", "健康状况", "备注",
]  # fmt: skip
LAYOUT = find_layout([HEADER])
# Rows as the samples hold them: text as a CSV gives it, numbers as an XLSX gives them.
ROWS: list[list[Any]] = [
    ["姚秀英", "男", "120116196307154698", "", "区供热公司", "新城镇", "新港街道幸福里28号楼",
     "14186091390", "5", "2142", "", "意外灾害、本人患病", "重大疾病", "", "", "", "", "", "", "",
     ""],
    ["于磊强", "男", "120116196112127139", "甲单位", "华泰纺织", "新城镇", "新村街道幸福里36号",
     13937865797.0, 1.0, 5654.0, None, "单亲", "重大疾病", 1200.5, None, "", "否", "离异",
     "汉族", "良好", "电话常打不通"],
    ["阿依古丽·买买提", "女性", "65010219850304700x", None, "纺织厂", None, None,
     "022-28584684转123", "3人", "", "1,170.00元", "子女上学/失业", "C", "壹仟元整", "3000",
     "火灾", "是", None, None, "残疾", None],
    ["John Smith", "", "110105195001010012", "乙单位", " 区 医院 ", "街道", "地址",
     "13800000000 / 13900000000", "２", None, "800", "", "", 12.5, 2076.5, "", "y", "", "", "",
     "备注"],
]  # fmt: skip
ODD = [
    "", " ", None, 0, 1, 1.0, True, 3.5, 1e15, 1.2011619630715e17, "２０", "20人", "否", "x",
    "1,170.00元", "０２２-２８５８４６８４", "壹仟元整", "-5", "13800000000", "＊", "21", "05",
    "䶮", " 张 三 ", "男性", "女", "合计", "120116196307154691", "12011619630715469x",
    "１２０１１６１９６３０７１５４６９８", 3.0, 20.0, 21.0, 0.0, -2.0, 2076.5,
    1287.0000000000002, 0.125, "张" * 30, "张" * 31, "张3", "是", "√", "nan", float("nan"),
]  # fmt: skip


def spec_size(cell: object) -> int | None:
    """家庭人口: a whole number of people from 1 to 20, perhaps followed by 人 or 口."""
    text = squeeze(cell).removesuffix("人").removesuffix("口")
    if not text:
        return None
    try:
        number = float(text)
    except ValueError:
        raise InvalidInput("row.size_invalid", max=20) from None
    if not (number.is_integer() and 1 <= number <= 20):
        raise InvalidInput("row.size_invalid", max=20)
    return int(number)


def spec_single_parent(cell: object) -> bool | None:
    """是否单亲: yes, no, or not given."""
    text = squeeze(cell).lower()
    if text in {"是", "单亲", "y", "yes", "1", "true", "√", "✓"}:
        return True
    if text in {"否", "n", "no", "0", "false", "×"}:
        return False
    if text:
        raise InvalidInput("row.yes_no_invalid")
    return None


def spec_row(
    cells: Sequence[object], excel_row: int, layout: Layout, *, default_unit: str, today: date
) -> tuple[Any, ...] | list[RowProblem]:
    """What a row is: its stored tuple (``STORED_FIELDS``) or every problem, in column order of
    the design (name, ID number, sex, phone, household size, amounts, single parent)."""
    problems: list[RowProblem] = []

    def raw(name: str) -> object:
        column = layout.columns.get(name)
        return cells[column] if column is not None and column < len(cells) else None

    def report(name: str, key: str, params: dict[str, Any]) -> None:
        column = layout.columns.get(name)
        header = layout.headers[column] if column is not None else ""
        problems.append(RowProblem(excel_row, header, clean(raw(name)), key, params))

    def attempt(name: str, rule: Any, *args: Any) -> Any:
        try:
            return rule(raw(name), *args)
        except InvalidInput as e:
            report(name, e.key, e.params)
            return None

    name = clean_name(raw("name"))
    if not name:
        report("name", "row.name_missing", {})
    elif hidden := [f"U+{ord(c):04X}" for c in name if unicodedata.category(c) in ("Cc", "Cf")]:
        report("name", "row.name_control", {"chars": tuple(hidden)})
    elif len(name) > 30 or any(ch.isdigit() for ch in name):
        report("name", "row.name_invalid", {})
    person = attempt("id_number", lambda cell: parse_id(cell, today=today))
    stated = squeeze(raw("sex"))
    says = {Sex.MALE: ("男", "男性", "M"), Sex.FEMALE: ("女", "女性", "F")}
    if person and stated and stated not in says[person.sex]:
        report("sex", "row.sex_mismatch", {"sex": person.sex})
    phone = attempt("phone", normalise_phone)
    size = attempt("household_size", spec_size)
    income, per_capita, medical, disaster = (
        attempt(f, parse_optional_money)
        for f in ("monthly_income", "per_capita_income", "medical_cost", "disaster_loss")
    )
    single = attempt("single_parent", spec_single_parent)
    if problems:
        return problems

    if income is None and per_capita is not None and size:
        income = per_capita * size
    causes = tuple(c for c in re.split(r"[、,，;；/|]+|\s+", clean(raw("causes"))) if c)
    row = {
        "name": name, "id_number": person.value, "sex": str(person.sex),
        "birth_date": person.birth_date, "unit": clean(raw("unit")) or default_unit,
        "employer": clean(raw("employer")), "street": clean(raw("street")),
        "address": clean(raw("address")), "phone": phone, "household_size": size,
        "monthly_income_fen": income, "medical_cost_fen": medical, "disaster_loss_fen": disaster,
        "causes": causes, "special_cause": clean(raw("special_cause")), "single_parent": single,
        "marital_status": clean(raw("marital_status")), "ethnicity": clean(raw("ethnicity")),
        "health": clean(raw("health")), "category_label": clean(raw("category")),
        "notes": clean(raw("notes")),
    }  # fmt: skip
    # The content hash: repr() of each value but the row number, joined by U+001F.
    content = "\x1f".join(repr(row[f]) for f in STORED_FIELDS[:-2])
    row["content_hash"] = hashlib.sha256(content.encode("utf-8")).hexdigest()
    row["source_row"] = excel_row
    # As the store keeps them: the date in ISO form, causes joined by 、, single parent 1/0.
    row["birth_date"] = person.birth_date.isoformat()
    row["causes"] = "、".join(causes)
    row["single_parent"] = None if single is None else int(single)
    return tuple(row[f] for f in STORED_FIELDS)


def _agree(checker: RowChecker, cells: list[Any], excel_row: int) -> tuple[Any, ...] | list:
    expected = spec_row(cells, excel_row, LAYOUT, default_unit="单位A", today=TODAY)
    assert checker(cells, excel_row) == expected, cells
    return expected


def test_the_sample_rows_are_stored_as_the_specification_says() -> None:
    checker = RowChecker(LAYOUT, default_unit="单位A", today=TODAY)
    stored = [_agree(checker, row, n) for n, row in enumerate(ROWS, start=2)]
    assert all(isinstance(row, tuple) for row in stored)
    first, _second, third, fourth = stored
    assert first[:4] == ("姚秀英", "120116196307154698", "M", "1963-07-15")
    assert first[STORED_FIELDS.index("unit")] == "单位A"
    assert first[STORED_FIELDS.index("monthly_income_fen")] == 214200
    assert third[STORED_FIELDS.index("phone")] == "022-28584684-123"
    assert third[STORED_FIELDS.index("monthly_income_fen")] == 351000  # 3 × 1,170.00
    assert third[STORED_FIELDS.index("causes")] == "子女上学、失业"
    assert fourth[STORED_FIELDS.index("employer")] == "区 医院"
    assert fourth[STORED_FIELDS.index("household_size")] == 2


def test_every_problem_of_a_row_is_reported_with_its_column() -> None:
    checker = RowChecker(LAYOUT, default_unit="单位A", today=TODAY)
    cells = [*ROWS[0]]
    cells[1], cells[7], cells[8], cells[16] = "女", "12345", "21", "也许"
    problems = _agree(checker, cells, 9)
    assert [(p.row, p.column, p.value, p.key) for p in problems] == [
        (9, "性别", "女", "row.sex_mismatch"),
        (9, "联系电话", "12345", "phone.invalid"),
        (9, "家庭人口", "21", "row.size_invalid"),
        (9, "是否单亲", "也许", "row.yes_no_invalid"),
    ]
    cells[2] = 1.2011619630715e17  # an ID number Excel stored as a number
    problems = _agree(checker, cells, 9)
    assert [(p.column, p.key) for p in problems][0] == ("身份证号", "id.excel_number")


def test_every_cell_made_odd_gives_what_the_specification_gives() -> None:
    checker = RowChecker(LAYOUT, default_unit="单位A", today=TODAY)
    accepted = 0
    for row in ROWS:
        for column in range(len(row)):
            for value in ODD:
                cells = [*row[:column], value, *row[column + 1 :]]
                accepted += isinstance(_agree(checker, cells, 7), tuple)
        _agree(checker, row[: len(row) // 2], 7)  # a short row: the rest reads as empty
        _agree(checker, [*row, "多余"], 7)
    assert accepted > len(ROWS) * len(ROWS[0]) * len(ODD) // 2  # odd cells in free text pass


@st.composite
def valid_ids(draw: st.DrawFn) -> str:
    born = draw(st.dates(min_value=date(1900, 1, 1), max_value=TODAY))
    first17 = f"{draw(st.from_regex(r'[0-9]{6}', fullmatch=True))}{born:%Y%m%d}" + draw(
        st.from_regex(r"[0-9]{3}", fullmatch=True)
    )
    return first17 + check_digit(first17)


_CELL = st.one_of(
    st.sampled_from(ODD),
    st.sampled_from([c for row in ROWS for c in row]),
    st.text(max_size=6),
    st.integers(min_value=-50, max_value=10**16),
    st.floats(allow_nan=False, allow_infinity=False),
    valid_ids(),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(_CELL, min_size=0, max_size=len(HEADER) + 1), min_size=1, max_size=4))
def test_any_rows_give_what_the_specification_gives(rows: list[list[Any]]) -> None:
    checker = RowChecker(LAYOUT, default_unit="单位A", today=TODAY)  # its memos across rows
    for n, cells in enumerate(rows, start=2):
        _agree(checker, cells, n)


@given(st.sampled_from(ROWS), st.integers(min_value=0, max_value=len(HEADER) - 1), _CELL)
def test_one_changed_cell_gives_what_the_specification_gives(
    row: list[Any], column: int, value: object
) -> None:
    checker = RowChecker(LAYOUT, default_unit="单位A", today=TODAY)
    _agree(checker, [*row[:column], value, *row[column + 1 :]], 5)


def test_a_layout_without_optional_columns_reads_them_as_empty() -> None:
    layout = find_layout([["身份证号", "姓名"]])
    checker = RowChecker(layout, default_unit="单位B", today=TODAY)
    cells = ["120116196307154698", "姚秀英"]
    expected = spec_row(cells, 3, layout, default_unit="单位B", today=TODAY)
    assert checker(cells, 3) == expected
    assert isinstance(expected, tuple) and expected[STORED_FIELDS.index("unit")] == "单位B"
    assert checker(["1234"], 4) == spec_row(["1234"], 4, layout, default_unit="单位B", today=TODAY)


def test_two_columns_named_for_one_field_are_refused_naming_both() -> None:
    rows = [["姓名", "身份证号", "慰问类别", "配偶姓名", "身份证号"]]
    with pytest.raises(InvalidInput) as caught:
        find_layout(rows)
    assert caught.value.key == "roster.column_twice"
    assert caught.value.params == {"field": "身份证号", "columns": ("B:身份证号", "E:身份证号")}
    # 配偶姓名 only contains 姓名: not a second name column; a merged heading's borrowed text
    # does not count either
    assert find_layout([["姓名", "身份证号", "配偶姓名"]]).columns["name"] == 0
    layout = find_layout([["基本情况", "", "联系"], ["姓名", "身份证号", ""]])
    assert layout.columns["id_number"] == 1
    # headers that differ: the first, as the app's own 签收表 has the amount twice
    assert (
        find_layout([["姓名", "身份证号", "慰问金（小写）", "慰问金（大写）"]]).columns["name"] == 0
    )


@pytest.mark.parametrize("name", ["张\u202e三", "李\u200d四", "王\x07五", "\u2066赵六\u2069"])
def test_a_name_with_an_invisible_control_is_refused_naming_it(name: str) -> None:
    checker = RowChecker(find_layout([["姓名", "身份证号"]]), default_unit="甲单位",
                         today=date(2027, 1, 1))  # fmt: skip
    first17 = "12011619700101001"
    found = checker([name, first17 + check_digit(first17)], 2)
    assert isinstance(found, list)
    [problem] = found
    assert (problem.row, problem.column, problem.key) == (2, "姓名", "row.name_control")
    assert problem.params["chars"]
