"""The rows of a paper sheet of visits: the columns a sheet may have, one row's cells and the
problems it reports, and the household a row names — by full ID number, or by the masked ID
number and the name that the app's own sheets print (签收表, 分组安排表).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

from app.domain.id_number import normalise_id
from app.domain.roster_columns import Layout
from app.domain.roster_rows import RowProblem
from app.domain.text import clean, clean_name, squeeze
from app.store import households as store_households
from app.store.db import Store

# field → (label for messages, header words). A field the import does not read still has its
# words, so that its column is not taken for another: 计划日期 is not the visit's 日期.
VISIT_FIELDS: dict[str, tuple[str, tuple[str, ...]]] = {
    "id_number": ("身份证号", ("身份证号", "身份证号码", "证件号码", "公民身份号码", "身份证")),
    "name": ("姓名", ("姓名", "慰问对象")),
    "date": ("日期", ("日期", "走访日期", "慰问日期", "发放日期")),
    "mode": ("方式", ("方式", "走访方式", "慰问方式")),
    "outcome": ("结果", ("结果", "走访结果", "慰问结果")),
    "answered": ("接听人", ("接听人", "接听", "接听情况", "电话接听人")),
    "cash": ("现金", ("现金", "慰问金", "金额", "发放金额")),
    "transfer": ("转账", ("转账", "是否转账", "转账发放", "转账至工资卡")),
    "goods": ("物品", ("物品", "慰问品")),
    "category": ("慰问类别", ("慰问类别", "类别")),
    "off_standard_reason": (
        "金额不同的原因",
        ("金额不同的原因", "金额不同原因", "差额原因", "调整原因", "少发原因"),
    ),
    "attempted_at": ("走访时间", ("走访时间", "时间", "本次时间", "拨打时间", "联系时间")),
    "notes": ("备注", ("备注", "情况", "说明")),
    "opinions": ("意见建议", ("意见建议", "意见", "建议")),
    "paper_signed": ("纸质签名", ("纸质签名", "已签名", "签名")),
    "proxy_name": ("代领人", ("代领人", "代领人姓名")),
    "proxy_relation": ("代领关系", ("代领关系", "与户主关系", "关系")),
    "proxy_reason": ("代领原因", ("代领原因",)),
    "visitors": ("走访人", ("走访人", "慰问人", "经办人")),
    "planned_date": ("计划日期", ("计划日期", "计划走访日期")),  # the schedule's: not read
}
REQUIRED = ("id_number", "date")
# What a team writes about the visit; a row with none of it (a household on the schedule not
# yet visited) is left out, not refused.
VISIT_PART = ("date", "mode", "outcome", "answered", "cash", "transfer", "goods",
              "off_standard_reason", "attempted_at", "notes", "opinions", "paper_signed",
              "proxy_name", "proxy_relation", "proxy_reason")  # fmt: skip
_NO = {"否", "无", "没有", "未签", "未签名", "n", "no", "0", "×", "✗", "false", "-", "／", "/"}
_MASKED = re.compile(r"([0-9]*)[*＊xX]{2,}([0-9]{3}[0-9X])")


@dataclass(frozen=True, slots=True)
class SheetRow:
    """One row of a sheet: its cells by field, and the list its problems go to."""

    number: int  # as the spreadsheet numbers it
    cells: dict[str, object]
    layout: Layout
    problems: list[RowProblem]
    sheet: str = ""  # named in the column when the workbook had several sheets of visits

    def raw(self, name: str) -> object:
        return self.cells.get(name)

    def text(self, name: str) -> str:
        return clean(self.cells.get(name))

    def has(self, name: str) -> bool:
        return bool(self.text(name))

    def yes(self, name: str) -> bool:
        """A tick, a 是, or (a signature cell) the name someone signed: anything but a no."""
        written = squeeze(self.cells.get(name)).lower()
        return bool(written) and written not in _NO

    def blank_visit(self) -> bool:
        return not any(self.has(name) for name in VISIT_PART)

    def report(self, name: str, key: str, /, **params: object) -> None:
        column = self.layout.columns.get(name)
        header = self.layout.headers[column] if column is not None else VISIT_FIELDS[name][0]
        if self.sheet:
            header = f"{self.sheet}!{header}"
        self.problems.append(RowProblem(self.number, header, self.text(name), key, params))


def day_of(value: object) -> date | None:
    """A date as a cell holds it, or as people write it (2027-1-21, 2027年1月21日, 2027/1/21)."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = squeeze(value).replace("/", "-").replace(".", "-")
    text = text.replace("年", "-").replace("月", "-").replace("日", "")
    parts = text.split("-")
    if len(parts) == 3 and all(p.isdigit() for p in parts):
        try:
            return date(int(parts[0]), int(parts[1]), int(parts[2]))
        except ValueError:
            return None
    return None


def clock_time(value: object) -> str:
    """HH:MM from a time cell (Excel's) or as written; checked later with the visit."""
    if isinstance(value, datetime | time):
        return f"{value.hour}:{value.minute:02d}"
    return squeeze(value).replace("：", ":")


@dataclass(frozen=True, slots=True)
class SheetHousehold:
    """The household a row names, as the import needs it."""

    id: str
    name: str
    status: str
    category_id: str | None
    category_label: str


def _sheet_household(row: Mapping[str, Any]) -> SheetHousehold:
    return SheetHousehold(row["id"], row["name"], row["status"], row["category_id"],
                          row["category_label"])  # fmt: skip


class Households:
    """The households a sheet names: by full ID number, or by masked ID and name (the app's
    own sheets mask the number: its first 6 and last 4 digits stay)."""

    def __init__(self, store: Store, campaign_id: str, names: Iterable[str]) -> None:
        self.store, self.campaign_id = store, campaign_id
        named = store_households.households_named(store, campaign_id, list(names))
        self.by_name: dict[str, list[dict[str, Any]]] = {}
        for row in named:
            self.by_name.setdefault(clean_name(row["name"]), []).append(row)

    def find(self, row: SheetRow) -> SheetHousehold | None:
        """The row's household, or None when a problem was reported."""
        written = squeeze(row.raw("id_number")).upper()
        name = clean_name(row.raw("name"))
        masked = _MASKED.fullmatch(written)
        if masked is None:
            household = store_households.find_household(
                self.store, self.campaign_id, normalise_id(written)
            )
            if household is None:
                row.report("id_number", "visit.household_unknown")
                return None
            if name and clean_name(household["name"]) != name:
                row.report("name", "visit.name_mismatch", name=household["name"])
                return None
            return _sheet_household(household)
        if not name:
            row.report("name", "visit.masked_needs_name", id_number=written)
            return None
        head, tail = masked.groups()
        found = [h for h in self.by_name.get(name, ())
                 if h["id_number"].startswith(head) and h["id_number"].endswith(tail)]  # fmt: skip
        if len(found) == 1:
            return _sheet_household(found[0])
        if not found:
            row.report("id_number", "visit.household_unknown_masked", name=name)
        else:
            row.report("id_number", "visit.household_ambiguous", name=name,
                       candidates=tuple(_candidate(h) for h in found))  # fmt: skip
        return None


def _candidate(household: Mapping[str, Any]) -> str:
    """A household among several with one name and masked ID: what tells them apart."""
    where = household["address"] or household["street"]
    return "，".join(p for p in (household["name"], household["unit"], where) if p)


def masked_names(cells_by_field: Iterable[Mapping[str, object]]) -> list[str]:
    """The names of rows that give a masked ID number (looked up together, once)."""
    return [
        clean_name(c.get("name"))
        for c in cells_by_field
        if _MASKED.fullmatch(squeeze(c.get("id_number")).upper()) and clean_name(c.get("name"))
    ]
