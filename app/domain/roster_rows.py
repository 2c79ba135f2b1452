"""Checking one roster row: every field normalised, every problem reported with its place.

A row yields either the row as the store keeps it or all of its problems at once, so the clerk
fixes a file in one pass instead of one error per run. One ``RowChecker`` is made per file and
checks every row of it; ``tests/domain/test_roster_rows.py`` holds the rules written plainly.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from operator import itemgetter
from typing import Any

from app.domain.errors import InvalidInput
from app.domain.id_number import IdNumber, Sex, parse_id, parse_sex
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
_NO = {"否", "n", "no", "0", "false", "×"}
_SIZES = {str(n): n for n in range(1, MAX_HOUSEHOLD_SIZE + 1)}


@dataclass(frozen=True, slots=True)
class RowProblem:
    """A rejected cell: where (Excel row, column header), what was there, why (message key)."""

    row: int
    column: str
    value: str
    key: str
    params: Mapping[str, Any] = field(default_factory=dict)


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


STORED_FIELDS = (
    "name", "id_number", "sex", "birth_date", "unit", "employer", "street", "address", "phone",
    "household_size", "monthly_income_fen", "medical_cost_fen", "disaster_loss_fen", "causes",
    "special_cause", "single_parent", "marital_status", "ethnicity", "health", "category_label",
    "notes", "content_hash", "source_row",
)  # fmt: skip
"""A checked row as the store keeps it, in this order (birth date in ISO form, causes joined
by "、", single parent 1/0/None), then its content hash and Excel row. Column positions for
callers: ``ID_NUMBER``, ``UNIT``, ``CATEGORY_LABEL``, ``CONTENT_HASH``, ``SOURCE_ROW``."""
StoredRow = tuple[Any, ...]
ID_NUMBER, UNIT, CATEGORY_LABEL, CONTENT_HASH, SOURCE_ROW = (
    STORED_FIELDS.index(f)
    for f in ("id_number", "unit", "category_label", "content_hash", "source_row")
)

# The cells a checker reads, in this order; a field the layout lacks reads as None. The first
# ten are checked, in the order their problems are reported.
_READ = (
    "name", "id_number", "sex", "phone", "household_size", "monthly_income",
    "per_capita_income", "medical_cost", "disaster_loss", "single_parent", "causes", "unit",
    "employer", "street", "address", "special_cause", "marital_status", "ethnicity", "health",
    "category", "notes",
)  # fmt: skip
_NAME, _ID, _SEX, _PHONE, _SIZE, _INCOME, _PER_CAPITA, _MEDICAL, _DISASTER, _SINGLE = range(10)
_AMOUNTS = (_INCOME, _PER_CAPITA, _MEDICAL, _DISASTER)


class RowChecker:
    """The check of a roster row, set up once per file: ``checker(cells, excel_row)`` → the
    row as the store keeps it (``STORED_FIELDS``), or every problem of the row."""

    def __init__(self, layout: Layout, *, default_unit: str, today: date) -> None:
        columns = layout.columns
        self._width = max((columns[f] for f in _READ if f in columns), default=-1) + 1
        # Every field's cell in _READ order, fetched in C; a field the layout lacks reads the
        # None appended after the widest column.
        self._fetch = itemgetter(*(columns.get(f, self._width) for f in _READ))
        self._headers = tuple(layout.headers[columns[f]] if f in columns else "" for f in _READ)
        self._default_unit = default_unit
        self._today = today
        # Units, employers, streets, causes, categories repeat from row to row: clean each
        # distinct text once.
        self._clean: dict[object, str] = _Memo(clean)
        self._causes: dict[object, tuple[str, ...]] = _Memo(_split_causes)

    def __call__(self, cells: Sequence[object], excel_row: int) -> StoredRow | list[RowProblem]:
        if len(cells) != self._width:
            cells = [*cells[: self._width], *(None,) * (self._width - len(cells))]
        raw = self._fetch([*cells, None])
        problems: list[RowProblem] = []
        id_number: IdNumber | None = None
        try:
            name = _name(raw[_NAME])
        except InvalidInput as e:
            problems.append(self._problem(excel_row, _NAME, raw, e))
        try:
            id_number = parse_id(raw[_ID], today=self._today)
        except InvalidInput as e:
            problems.append(self._problem(excel_row, _ID, raw, e))
        if id_number is not None and not _says_sex(raw[_SEX], id_number.sex):
            mismatch = InvalidInput("row.sex_mismatch", sex=id_number.sex)
            problems.append(self._problem(excel_row, _SEX, raw, mismatch))
        try:
            phone = normalise_phone(raw[_PHONE])
        except InvalidInput as e:
            problems.append(self._problem(excel_row, _PHONE, raw, e))
        try:
            size = _household_size(raw[_SIZE])
        except InvalidInput as e:
            problems.append(self._problem(excel_row, _SIZE, raw, e))
        amounts: list[int | None] = []
        for index in _AMOUNTS:
            try:
                amounts.append(parse_optional_money(raw[index]))
            except InvalidInput as e:
                problems.append(self._problem(excel_row, index, raw, e))
        try:
            single = _yes_no(raw[_SINGLE])
        except InvalidInput as e:
            problems.append(self._problem(excel_row, _SINGLE, raw, e))
        if problems or id_number is None:
            return problems
        income, per_capita, medical, disaster = amounts
        if income is None and per_capita is not None and size:
            income = per_capita * size
        return self._stored(raw, name, id_number, phone, size, income, medical, disaster, single,
                            excel_row)  # fmt: skip

    def _problem(self, row: int, index: int, raw: tuple[Any, ...], e: InvalidInput) -> RowProblem:
        return RowProblem(row, self._headers[index], clean(raw[index]), e.key, e.params)

    def _stored(
        self, raw: tuple[Any, ...], name: str, id_number: IdNumber, phone: str, size: int | None,
        income: int | None, medical: int | None, disaster: int | None, single: bool | None,
        excel_row: int,
    ) -> StoredRow:  # fmt: skip
        """The checked row as the store keeps it, the free text cleaned."""
        (raw_causes, raw_unit, raw_employer, raw_street, raw_address, raw_special, raw_marital,
         raw_ethnicity, raw_health, raw_category, raw_notes) = raw[_SINGLE + 1 :]  # fmt: skip
        cleaned = self._clean.__getitem__
        causes = self._causes[raw_causes]
        unit = cleaned(raw_unit) or self._default_unit
        employer, street, special, marital, ethnicity, health, category = map(
            cleaned, (raw_employer, raw_street, raw_special, raw_marital, raw_ethnicity,
                      raw_health, raw_category))  # fmt: skip
        address, notes = clean(raw_address), clean(raw_notes)  # one a household: not memoised
        number, born, sex = id_number.value, id_number.birth_date, id_number.sex.value
        digest = content_hash((name, number, sex, born, unit, employer, street, address, phone,
                               size, income, medical, disaster, causes, special, single, marital,
                               ethnicity, health, category, notes))  # fmt: skip
        return (name, number, sex, born.isoformat(), unit, employer, street, address, phone,
                size, income, medical, disaster, CAUSES_JOINER.join(causes), special,
                None if single is None else int(single), marital, ethnicity, health, category,
                notes, digest, excel_row)  # fmt: skip


# A name clean_name() keeps as it is: Chinese characters (none a digit or a space), perhaps a
# middle dot, at most 30.
_PLAIN_NAME = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\U00020000-\U0003134a·]{1,30}")


def _name(raw: object) -> str:
    if type(raw) is str and _PLAIN_NAME.fullmatch(raw):
        return raw
    name = clean_name(raw)
    if not name:
        raise InvalidInput("row.name_missing")
    # A right-to-left override (U+202E) or another invisible control shows a name other than
    # the one stored: refused, naming the code points.
    hidden = [ch for ch in name if unicodedata.category(ch) in ("Cc", "Cf")]
    if hidden:
        raise InvalidInput("row.name_control", chars=tuple(f"U+{ord(ch):04X}" for ch in hidden))
    if len(name) > 30 or any(ch.isdigit() for ch in name):
        raise InvalidInput("row.name_invalid")
    return name


def _says_sex(stated: object, sex: Sex) -> bool:
    """Whether the 性别 cell, if filled, says the sex the ID number gives."""
    if stated is None:
        return True
    text = squeeze(stated)
    return not text or parse_sex(text) == sex


def _household_size(value: object) -> int | None:
    """None when blank, else a whole number of people from 1 to ``MAX_HOUSEHOLD_SIZE``."""
    if type(value) is str and value in _SIZES:
        return _SIZES[value]  # most cells: "1" to "20" as they are
    text = squeeze(value).removesuffix("人").removesuffix("口")
    if not text:
        return None
    try:
        number = float(text)
    except ValueError:
        raise InvalidInput("row.size_invalid", max=MAX_HOUSEHOLD_SIZE) from None
    if not number.is_integer() or not 1 <= number <= MAX_HOUSEHOLD_SIZE:
        raise InvalidInput("row.size_invalid", max=MAX_HOUSEHOLD_SIZE)
    return int(number)


def _yes_no(value: object) -> bool | None:
    """是/否 as True/False, None when blank."""
    if value is None:
        return None  # most rosters have no such column
    text = squeeze(value).lower()
    if not text:
        return None
    if text in _YES:
        return True
    if text in _NO:
        return False
    raise InvalidInput("row.yes_no_invalid")


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


def content_hash(content: tuple[Any, ...]) -> str:
    """What a checked row says, without where it stood: equal hashes mean nothing changed.
    repr() keeps None apart from "" and 3 apart from "3"; a code is given as its plain text."""
    return hashlib.sha256("\x1f".join(map(repr, content)).encode("utf-8")).hexdigest()


def stored_content(row: Mapping[str, Any]) -> tuple[Any, ...]:
    """What ``content_hash`` is over, read back from a stored household (a migration rehashes
    rows whose stored values changed form)."""
    single = row["single_parent"]
    return (row["name"], row["id_number"], row["sex"], date.fromisoformat(row["birth_date"]),
            row["unit"], row["employer"], row["street"], row["address"], row["phone"],
            row["household_size"], row["monthly_income_fen"], row["medical_cost_fen"],
            row["disaster_loss_fen"], stored_causes(row["causes"]), row["special_cause"],
            None if single is None else bool(single), row["marital_status"], row["ethnicity"],
            row["health"], row["category_label"], row["notes"])  # fmt: skip
