"""Checking one roster row: every field normalised, every problem reported with its place.

A row yields either a ``HouseholdRow`` or all of its problems at once, so the clerk fixes a
file in one pass instead of one error per run.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, fields
from datetime import date
from typing import Any

from app.domain.errors import InvalidInput
from app.domain.id_number import parse_id
from app.domain.money import parse_optional_money
from app.domain.phone import normalise_phone
from app.domain.roster_columns import Layout
from app.domain.text import clean, clean_name, squeeze

MAX_HOUSEHOLD_SIZE = 20
_FOOTER = re.compile(r"^(合计|总计|小计|共计|制表|填表|审核|负责人|单位盖章|盖章|注[:：])")
_CAUSE_SPLIT = re.compile(r"[、,，;；/|]+|\s+")
_YES = {"是", "单亲", "y", "yes", "1", "true", "√", "✓"}
_NO = {"否", "n", "no", "0", "false", "×", ""}


@dataclass(frozen=True, slots=True)
class RowProblem:
    """A rejected cell: where (Excel row, column header), what was there, why (message key)."""

    row: int
    column: str
    value: str
    key: str
    params: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class HouseholdRow:
    """A roster row, checked and normalised. Money in fen; optional numbers None when blank."""

    row: int
    name: str
    id_number: str
    sex: str
    birth_date: date
    unit: str
    employer: str
    street: str
    address: str
    phone: str
    household_size: int | None
    monthly_income_fen: int | None
    medical_cost_fen: int | None
    disaster_loss_fen: int | None
    causes: tuple[str, ...]
    special_cause: str
    single_parent: bool | None
    marital_status: str
    ethnicity: str
    health: str
    category_label: str
    notes: str

    def content_hash(self) -> str:
        """What the row says, without where it stood: equal hashes mean nothing changed."""
        # repr() keeps None apart from "" and 3 apart from "3"; cheaper than a canonical JSON.
        values = [repr(getattr(self, name)) for name in _CONTENT_FIELDS]
        return hashlib.sha256("\x1f".join(values).encode("utf-8")).hexdigest()


_CONTENT_FIELDS = tuple(f.name for f in fields(HouseholdRow) if f.name != "row")


def is_footer_or_blank(cells: Sequence[object]) -> bool:
    for cell in cells:
        if cell is None or cell == "":
            continue
        first = squeeze(cell)
        if first:
            return bool(_FOOTER.match(first))
    return True


def check_row(
    cells: Sequence[object], excel_row: int, layout: Layout, *, default_unit: str, today: date
) -> HouseholdRow | list[RowProblem]:
    problems: list[RowProblem] = []
    width = len(cells)
    raw = {f: cells[c] for f, c in layout.columns.items() if c < width}.get

    def report(name: str, key: str, **params: Any) -> None:
        col = layout.columns.get(name)
        header = layout.headers[col] if col is not None else ""
        problems.append(RowProblem(excel_row, header, clean(raw(name)), key, params))

    name = clean_name(raw("name"))
    if not name:
        report("name", "row.name_missing")
    elif len(name) > 30 or any(ch.isdigit() for ch in name):
        report("name", "row.name_invalid")

    id_number, birth, sex = "", date.min, ""
    raw_id = raw("id_number")
    if isinstance(raw_id, float) and raw_id >= 1e14:
        # Excel keeps 15 significant digits: an ID typed as a number has lost its tail.
        report("id_number", "id.excel_number")
    else:
        try:
            parsed = parse_id(raw_id, today=today)
            id_number, birth, sex = parsed.value, parsed.birth_date, parsed.sex
        except InvalidInput as e:
            report("id_number", e.key, **e.params)

    stated_sex = squeeze(raw("sex"))
    if sex and stated_sex and stated_sex not in (sex, sex + "性"):
        report("sex", "row.sex_mismatch", sex=sex)

    phone = ""
    try:
        phone = normalise_phone(raw("phone"))
    except InvalidInput as e:
        report("phone", e.key, **e.params)

    size = _household_size(raw("household_size"))
    if size == -1:
        report("household_size", "row.size_invalid", max=MAX_HOUSEHOLD_SIZE)

    amounts: dict[str, int | None] = {}
    for money_field in ("monthly_income", "per_capita_income", "medical_cost", "disaster_loss"):
        try:
            amounts[money_field] = parse_optional_money(raw(money_field))
        except InvalidInput as e:
            report(money_field, e.key, **e.params)
            amounts[money_field] = None
    income = amounts["monthly_income"]
    if income is None and amounts["per_capita_income"] is not None and size and size > 0:
        income = amounts["per_capita_income"] * size

    single = _yes_no(raw("single_parent"))
    if single == "bad":
        report("single_parent", "row.yes_no_invalid")

    if problems:
        return problems
    causes = tuple(c for c in _CAUSE_SPLIT.split(clean(raw("causes"))) if c)
    return HouseholdRow(
        row=excel_row,
        name=name,
        id_number=id_number,
        sex=sex,
        birth_date=birth,
        unit=clean(raw("unit")) or default_unit,
        employer=clean(raw("employer")),
        street=clean(raw("street")),
        address=clean(raw("address")),
        phone=phone,
        household_size=size if size and size > 0 else None,
        monthly_income_fen=income,
        medical_cost_fen=amounts["medical_cost"],
        disaster_loss_fen=amounts["disaster_loss"],
        causes=causes,
        special_cause=clean(raw("special_cause")),
        single_parent=single if isinstance(single, bool) else None,
        marital_status=clean(raw("marital_status")),
        ethnicity=clean(raw("ethnicity")),
        health=clean(raw("health")),
        category_label=clean(raw("category")),
        notes=clean(raw("notes")),
    )


def _household_size(value: object) -> int | None:
    """None when blank; -1 when not a count of at least one person."""
    text = squeeze(value).removesuffix("人").removesuffix("口")
    if not text:
        return None
    try:
        number = float(text)
    except ValueError:
        return -1
    if not number.is_integer() or not 1 <= number <= MAX_HOUSEHOLD_SIZE:
        return -1
    return int(number)


def _yes_no(value: object) -> bool | None | str:
    text = squeeze(value).lower()
    if not text:
        return None
    if text in _YES:
        return True
    if text in _NO:
        return False
    return "bad"
