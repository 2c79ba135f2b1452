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
from operator import itemgetter, mul
from typing import Any

from app.domain.errors import InvalidInput
from app.domain.id_number import parse_id
from app.domain.money import parse_optional_money
from app.domain.phone import normalise_phone
from app.domain.roster_columns import Layout
from app.domain.text import clean, clean_name, squeeze

MAX_HOUSEHOLD_SIZE = 20
_FOOTER = re.compile(r"^(合计|总计|小计|共计|制表|填表|审核|负责人|单位盖章|盖章|注[:：])")
# What a footer word can start with, and the spaces squeeze() drops that isspace() misses.
_FOOTER_FIRST = frozenset("合总小共制填审负单盖注\u200b\ufeff")
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
        if type(cell) is str and cell[0] not in _FOOTER_FIRST and not cell[0].isspace():
            return False  # most rows: a name, which neither is blank nor starts a footer
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


# --- The fast path: a checker made once per file -----------------------------------------------
#
# check_row() above is the reference and the one that words problems. A 100,000-row roster
# spent most of its import in it (a dict, a closure and a 22-field dataclass per row, then a
# getattr loop for the hash), so clean rows take the path below: the same normalising
# functions, the same tests in the same order, but the cells fetched by one itemgetter and the
# result a plain tuple in the form the store keeps. A row this path does not accept is checked
# again by check_row(), which says what is wrong; tests compare both paths row by row.

STORED_FIELDS = (
    "name", "id_number", "sex", "birth_date", "unit", "employer", "street", "address", "phone",
    "household_size", "monthly_income_fen", "medical_cost_fen", "disaster_loss_fen", "causes",
    "special_cause", "single_parent", "marital_status", "ethnicity", "health", "category_label",
    "notes", "content_hash", "source_row",
)  # fmt: skip
"""What ``RowChecker`` returns for a clean row, in this order: the row as the store keeps it
(birth date in ISO form, causes joined by "、", single parent as 1/0/None), then its content
hash and Excel row. Column positions for callers: ``ID_NUMBER``, ``UNIT``, ``CATEGORY_LABEL``,
``CONTENT_HASH``, ``SOURCE_ROW``."""
ID_NUMBER, UNIT, CATEGORY_LABEL, CONTENT_HASH, SOURCE_ROW = (
    STORED_FIELDS.index(f)
    for f in ("id_number", "unit", "category_label", "content_hash", "source_row")
)

# The cells a checker reads, in this order; a field the layout lacks reads as None.
_READ = (
    "name", "id_number", "sex", "phone", "household_size", "monthly_income",
    "per_capita_income", "medical_cost", "disaster_loss", "single_parent", "causes", "unit",
    "employer", "street", "address", "special_cause", "marital_status", "ethnicity", "health",
    "category", "notes",
)  # fmt: skip
_CANONICAL_ID = re.compile(r"\d{17}[\dX]", re.ASCII)  # what parse_id() returns unchanged
# GB 11643's check digit over the ASCII codes: sum((code - 48) * w) = sum(code * w) - 48 * 100.
_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK = "10X98765432"
# A name clean_name() keeps as it is and check_row() accepts: Chinese characters (no digit and
# no space among them), perhaps a middle dot, at most 30.
_PLAIN_NAME = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\U00020000-\U0003134a·]{1,30}")
_MOBILE_CELL = re.compile(r"1[3-9]\d{9}", re.ASCII)  # what normalise_phone returns unchanged
_COUNTS = frozenset(map(float, range(1, MAX_HOUSEHOLD_SIZE + 1)))  # 3.0 as a number cell
_SMALL_COUNT = re.compile(r"[1-9]|1\d|20", re.ASCII)  # a household size _household_size keeps


class RowChecker:
    """``checker(cells, excel_row)`` → the stored tuple (``STORED_FIELDS``) of a clean row, or
    ``None`` when check_row() must say what is wrong with it."""

    def __init__(self, layout: Layout, *, default_unit: str, today: date) -> None:
        self._width = max((layout.columns[f] for f in _READ if f in layout.columns),
                          default=-1) + 1  # fmt: skip
        # Every field's cell in _READ order, fetched in C; a field the layout lacks reads the
        # None appended after the widest column.
        self._fetch = itemgetter(*(layout.columns.get(f, self._width) for f in _READ))
        self.default_unit = default_unit
        self.today = today
        # Units, employers, streets, causes, categories repeat from row to row: clean each
        # distinct text once.
        self._clean: dict[object, str] = _Memo(clean)
        self._causes: dict[object, tuple[str, ...]] = _Memo(_split_causes)
        self._births: dict[object, date | None] = _Memo(self._birth)

    def _birth(self, digits: str) -> date | None:
        """The birth date of an ID number's digits 7–14, None where parse_id() refuses it."""
        try:
            born = date(int(digits[:4]), int(digits[4:6]), int(digits[6:]))
        except ValueError:
            return None
        return born if born.year >= 1900 and born <= self.today else None

    def __call__(self, cells: Sequence[object], excel_row: int) -> tuple[Any, ...] | None:
        if len(cells) != self._width:
            cells = [*cells[: self._width], *(None,) * (self._width - len(cells))]
        (name, raw_id, raw_sex, raw_phone, raw_size, raw_income, raw_per_capita, raw_medical,
         raw_disaster, raw_single, raw_causes, raw_unit, raw_employer, raw_street, raw_address,
         raw_special, raw_marital, raw_ethnicity, raw_health, raw_category, raw_notes,
         ) = self._fetch([*cells, None])  # fmt: skip

        if type(name) is not str or not _PLAIN_NAME.fullmatch(name):
            name = clean_name(name)
            if not name or len(name) > 30 or any(map(str.isdigit, name)):
                return None
        if type(raw_id) is str and _CANONICAL_ID.fullmatch(raw_id):
            # Already as parse_id() would write it: only the date and the check digit to test,
            # the date of birth looked up once per distinct date.
            born = self._births[raw_id[6:14]]
            check = _CHECK[(sum(map(mul, raw_id.encode(), _WEIGHTS)) - 4800) % 11]
            if born is None or check != raw_id[17]:
                return None
            id_number, sex = raw_id, "男" if raw_id[16] in "13579" else "女"
        else:
            if isinstance(raw_id, float) and raw_id >= 1e14:
                return None
            try:
                parsed = parse_id(raw_id, today=self.today)
            except InvalidInput:
                return None
            id_number, born, sex = parsed.value, parsed.birth_date, parsed.sex
        if raw_sex is not None and raw_sex != sex:
            stated = squeeze(raw_sex)
            if stated and stated not in (sex, sex + "性"):
                return None
        if type(raw_phone) is str and _MOBILE_CELL.fullmatch(raw_phone):
            phone = raw_phone
        else:
            try:
                phone = normalise_phone(raw_phone)
            except InvalidInput:
                return None
        if type(raw_size) is str and _SMALL_COUNT.fullmatch(raw_size):
            size: int | None = int(raw_size)
        elif type(raw_size) is float and raw_size in _COUNTS:
            size = int(raw_size)  # a number cell, as Excel stores a count
        else:
            size = _household_size(raw_size)
            if size == -1:
                return None
        try:
            income = _money(raw_income)
            per_capita = _money(raw_per_capita)
            medical = _money(raw_medical)
            disaster = _money(raw_disaster)
        except InvalidInput:
            return None
        if income is None and per_capita is not None and size and size > 0:
            income = per_capita * size
        single = None if raw_single is None or raw_single == "" else _yes_no(raw_single)
        if single == "bad":
            return None

        cleaned = self._clean.__getitem__
        causes = self._causes[raw_causes]
        unit = cleaned(raw_unit) or self.default_unit
        employer, street, special, marital, ethnicity, health, category = map(
            cleaned, (raw_employer, raw_street, raw_special, raw_marital, raw_ethnicity,
                      raw_health, raw_category))  # fmt: skip
        address, notes = clean(raw_address), clean(raw_notes)
        size = size if size and size > 0 else None
        single_parent = single if isinstance(single, bool) else None
        # The same text HouseholdRow.content_hash() hashes, so stored hashes stay comparable.
        content = (name, id_number, sex, born, unit, employer, street, address, phone, size,
                   income, medical, disaster, causes, special, single_parent, marital,
                   ethnicity, health, category, notes)  # fmt: skip
        digest = hashlib.sha256("\x1f".join(map(repr, content)).encode("utf-8")).hexdigest()
        return (name, id_number, sex, born.isoformat(), unit, employer, street, address, phone,
                size, income, medical, disaster, "、".join(causes), special,
                None if single_parent is None else int(single_parent), marital, ethnicity,
                health, category, notes, digest, excel_row)  # fmt: skip

    @staticmethod
    def stored(row: HouseholdRow) -> tuple[Any, ...]:
        """check_row()'s result in the same form (``STORED_FIELDS``)."""
        return stored_row(row)


class _Memo(dict):  # type: ignore[type-arg]
    """``memo[cell]``: ``function(cell)``, computed once per distinct text. Only text (and
    None) is kept: 1, 1.0 and True are equal keys but clean() writes them differently."""

    def __init__(self, function: Any) -> None:
        super().__init__()
        self._function = function

    def __missing__(self, key: object) -> Any:
        value = self._function(key)
        if (type(key) is str or key is None) and len(self) < _MEMO_SIZE:
            self[key] = value
        return value


_MEMO_SIZE = 10_000


def _split_causes(raw: object) -> tuple[str, ...]:
    return tuple(c for c in _CAUSE_SPLIT.split(clean(raw)) if c)


CAUSES_JOINER = "、"  # the store keeps a household's causes in one text, joined by this


def stored_causes(text: str | None) -> tuple[str, ...]:
    """A household's causes as the store keeps them, one by one (the first is the main one)."""
    return tuple(c for c in (text or "").split(CAUSES_JOINER) if c)


def _money(raw: object) -> int | None:
    if raw is None or raw == "":
        return None
    if type(raw) is str and raw.isdigit() and raw.isascii() and len(raw) <= 15:
        return int(raw) * 100  # whole yuan, as parse_optional_money() reads them
    return parse_optional_money(raw)


def stored_row(row: HouseholdRow) -> tuple[Any, ...]:
    """check_row()'s result in the form ``RowChecker`` gives (``STORED_FIELDS``)."""
    return (row.name, row.id_number, row.sex, row.birth_date.isoformat(), row.unit,
            row.employer, row.street, row.address, row.phone, row.household_size,
            row.monthly_income_fen, row.medical_cost_fen, row.disaster_loss_fen,
            "、".join(row.causes), row.special_cause,
            None if row.single_parent is None else int(row.single_parent), row.marital_status,
            row.ethnicity, row.health, row.category_label, row.notes, row.content_hash(),
            row.row)  # fmt: skip
