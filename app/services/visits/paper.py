"""Visits on paper: a 签收表 entered later (the laptop died; the team used the paper sheet), and
the paper slip of a thumbprint received at the office.

A sheet is all rows or none: one bad row changes nothing and every problem is reported. The
same checks run as in the team window (app.domain.visits).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from app.documents.roster_reader import read_roster_file
from app.domain.campaign import Category, new_id
from app.domain.errors import InvalidInput, NotFound
from app.domain.events import DISBURSEMENT, REVISE, SIGNATURE, VISIT, record_fields
from app.domain.id_number import normalise_id
from app.domain.money import parse_optional_money
from app.domain.roster_columns import Layout, find_layout, parse_mapping
from app.domain.roster_rows import RowProblem, is_footer_or_blank
from app.domain.signature import METHOD_THUMBPRINT
from app.domain.text import clean, clean_name, squeeze
from app.domain.visits import (
    DONE,
    Handover,
    Outcome,
    RecipientRole,
    VisitInput,
    VisitMode,
    check_visit,
    disbursement_body,
    normalise_mode,
    normalise_outcome,
    visit_body,
)
from app.services.bundles.devices import NewEvent, append_events, central_device, writing_device
from app.services.infra.context import Actor, require_campaign
from app.services.visits.recording import live_state, paid_on
from app.store import households as store_households
from app.store import teams as store_teams
from app.store.campaigns import list_categories
from app.store.db import Store

VISIT_FIELDS: dict[str, tuple[str, tuple[str, ...]]] = {
    "id_number": ("身份证号", ("身份证号", "身份证号码", "证件号码", "公民身份号码", "身份证")),
    "name": ("姓名", ("姓名", "慰问对象")),
    "date": ("日期", ("日期", "走访日期", "慰问日期", "发放日期")),
    "mode": ("方式", ("方式", "走访方式", "慰问方式")),
    "outcome": ("结果", ("结果", "走访结果", "慰问结果")),
    "cash": ("现金", ("现金", "慰问金", "金额", "发放金额")),
    "goods": ("物品", ("物品", "慰问品")),
    "category": ("慰问类别", ("慰问类别", "类别")),
    "notes": ("备注", ("备注", "情况", "说明")),
    "opinions": ("意见建议", ("意见建议", "意见", "建议")),
    "paper_signed": ("纸质签名", ("纸质签名", "已签名", "签名")),
    "proxy_name": ("代领人", ("代领人", "代领人姓名")),
    "proxy_relation": ("代领关系", ("代领关系", "与户主关系", "关系")),
    "proxy_reason": ("代领原因", ("代领原因",)),
    "visitors": ("走访人", ("走访人", "慰问人", "经办人")),
}
_YES = {"是", "y", "yes", "1", "√", "✓", "true"}


@dataclass(frozen=True, slots=True)
class VisitsImport:
    imported: int
    rejected: tuple[RowProblem, ...]


def import_visits(
    store: Store, path: Path, *, mapping: Sequence[str] = (), actor: Actor | None = None
) -> VisitsImport:
    """All rows or none: a sheet with a bad row changes nothing and reports every problem."""
    actor = actor or Actor()
    campaign = require_campaign(store)
    sheet = read_roster_file(path)
    explicit = parse_mapping(mapping, VISIT_FIELDS)
    layout = find_layout(sheet.rows, explicit, VISIT_FIELDS, ("id_number", "date", "outcome"))
    reader = _VisitReader(store, campaign.id, list_categories(store, campaign.id))
    problems: list[RowProblem] = []
    visits: list[VisitInput] = []
    for index in range(layout.header_row + 1, len(sheet.rows)):
        cells = sheet.rows[index]
        if is_footer_or_blank(cells):
            continue
        width = len(cells)
        by_field = {f: cells[c] for f, c in layout.columns.items() if c < width}
        row = _SheetRow(index + 1, by_field, layout, problems)
        if (visit := reader.visit(row)) is not None:
            visits.append(visit)
    if problems:
        return VisitsImport(0, tuple(problems))
    with store.transaction():
        _record_visits(store, visits, actor)
    return VisitsImport(len(visits), ())


@dataclass(frozen=True, slots=True)
class _SheetRow:
    """One row of the sheet: its cells by field, and the list its problems go to."""

    number: int  # as the spreadsheet numbers it
    cells: dict[str, object]
    layout: Layout
    problems: list[RowProblem]

    def raw(self, name: str) -> object:
        return self.cells.get(name)

    def text(self, name: str) -> str:
        return clean(self.cells.get(name))

    def report(self, name: str, key: str, /, **params: Any) -> None:
        column = self.layout.columns.get(name)
        header = self.layout.headers[column] if column is not None else VISIT_FIELDS[name][0]
        self.problems.append(RowProblem(self.number, header, self.text(name), key, params))


class _VisitReader:
    """Turns sheet rows into visits, reporting each row's problems where the row says."""

    def __init__(self, store: Store, campaign_id: str, categories: Sequence[Category]) -> None:
        self.store = store
        self.campaign_id = campaign_id
        self.by_code = {c.code: c for c in categories}
        self.by_name = {c.name: c for c in categories}
        self.standards = {c.code: (c.cash_fen, c.goods_fen) for c in categories}
        self.paid_in_sheet: dict[tuple[str, str], int] = {}  # (household, category) → row

    def visit(self, row: _SheetRow) -> VisitInput | None:
        """The row's visit, or None when it has a problem (reported)."""
        id_number = normalise_id(row.raw("id_number"))
        household = store_households.find_household(self.store, self.campaign_id, id_number)
        if household is None:
            row.report("id_number", "visit.household_unknown")
            return None
        before = len(row.problems)
        day = _date(row.raw("date"))
        if day is None:
            row.report("date", "visit.date_invalid")
        mode = _mode(row)
        outcome = _outcome(row)
        handovers = self._handovers(row, household) if outcome == DONE else ()
        if len(row.problems) > before or day is None or outcome is None:
            return None
        visit = _visit_input(row, household["id"], day, mode, outcome, handovers)
        try:
            check_visit(visit, self.standards)
        except InvalidInput as e:
            row.report("outcome", e.key, **e.params)
            return None
        return visit

    def _handovers(self, row: _SheetRow, household: dict[str, Any]) -> tuple[Handover, ...]:
        """What a visit with the outcome 已慰问 handed over: cash and goods of one category."""
        try:
            cash = parse_optional_money(row.raw("cash"))
        except InvalidInput as e:
            row.report("cash", e.key, **e.params)
            cash = None
        category = self._category(row, household)
        if category is None:
            row.report("category", "visit.category_missing")
            return ()
        goods_text = row.text("goods")
        if cash is None and not goods_text:
            return ()
        no_goods = goods_text in ("无", "没有", "-", "0")
        handover = Handover(
            category.code,
            cash_fen=cash or 0,
            goods="" if no_goods else (goods_text or category.goods),
            goods_fen=0 if no_goods else category.goods_fen,
        )
        self._check_paid_once(row, household["id"], category.code)
        return (handover,)

    def _category(self, row: _SheetRow, household: dict[str, Any]) -> Category | None:
        """The sheet's category (code or name), else the household's own."""
        label = row.text("category") or household["category_label"]
        category = self.by_code.get(label) or self.by_name.get(label)
        if category is None and household["category_id"]:
            ids = (c for c in self.by_code.values() if c.id == household["category_id"])
            category = next(ids, None)
        return category

    def _check_paid_once(self, row: _SheetRow, household_id: str, code: str) -> None:
        """One payment per household and category: not twice in the sheet, nor again."""
        key = (household_id, code)
        if key in self.paid_in_sheet:
            row.report("id_number", "visit.paid_twice_in_sheet", first_row=self.paid_in_sheet[key])
        self.paid_in_sheet[key] = row.number
        if day_paid := paid_on(self.store, household_id, code):
            row.report("id_number", "visit.already_paid", date=day_paid.isoformat(), category=code)


def _mode(row: _SheetRow) -> VisitMode:
    """The mode written (上门 when blank); a word that is not one is reported."""
    written = row.text("mode")
    if not written:
        return VisitMode.HOME
    try:
        return normalise_mode(written)
    except InvalidInput as e:
        row.report("mode", e.key, **e.params)
        return VisitMode.HOME


def _outcome(row: _SheetRow) -> Outcome | None:
    try:
        return normalise_outcome(row.text("outcome"))
    except InvalidInput as e:
        row.report("outcome", e.key, **e.params)
        return None


def _visit_input(
    row: _SheetRow,
    household_id: str,
    day: date,
    mode: VisitMode,
    outcome: Outcome,
    handovers: tuple[Handover, ...],
) -> VisitInput:
    """The row as a visit from paper; who collected it and who visited, as written."""
    proxy_name = row.text("proxy_name")
    visitors = row.text("visitors").replace("，", "、").split("、")
    return VisitInput(
        household_id=household_id,
        day=day,
        mode=mode,
        outcome=outcome,
        recipient_role=RecipientRole.PROXY if proxy_name else RecipientRole.SELF,
        proxy_name=clean_name(row.raw("proxy_name")),
        proxy_relation=row.text("proxy_relation"),
        proxy_reason=row.text("proxy_reason") or "纸质签收表",
        visitors=tuple(v for v in visitors if v),
        notes=row.text("notes"),
        opinions=row.text("opinions"),
        paper_signed=squeeze(row.raw("paper_signed")).lower() in _YES,
        handovers=handovers,
        source="paper",
    )


def _record_visits(store: Store, visits: Sequence[VisitInput], actor: Actor) -> None:
    """Each visit and its disbursements as events of this device, under the household's team."""
    device = writing_device(store, actor)
    for visit in visits:
        household_id = visit.household_id
        team_id = store_teams.current_team_of(store, [household_id]).get(household_id) or ""
        visit_id = new_id()
        specs = [NewEvent(VISIT, visit_id, household_id, team_id, visit_body(visit, visit_id))]
        for handover in visit.handovers:
            body = disbursement_body(handover, visit_id, household_id, visit.day)
            specs.append(NewEvent(DISBURSEMENT, new_id(), household_id, team_id, body))
        append_events(store, device, specs, actor)


def _date(value: object) -> date | None:
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


def receive_slip(store: Store, id_number: str, *, actor: Actor | None = None) -> tuple[str, str]:
    """The office has the paper slip of a household's fingerprint visit: a revision of the
    visit says so (the original stays), which clears 待收回纸质凭证. Returns (name, slip)."""
    actor = actor or Actor()
    campaign = require_campaign(store)
    household = store_households.find_household(store, campaign.id, normalise_id(id_number))
    if household is None:
        raise NotFound("household.not_found", id_number=id_number)
    records = live_state(store, household["id"])
    for record in records.values():
        fields = record_fields(record)
        if record.kind != SIGNATURE or record.voided or fields.get("method") != METHOD_THUMBPRINT:
            continue
        visit = records.get(fields["visit"])
        if visit is None or visit.voided or record_fields(visit).get("slip_received"):
            continue
        body = record_fields(visit) | {
            "supersedes": visit.event.id,
            "slip_received": {"by": actor.user, "at": actor.now()},
        }
        spec = NewEvent(REVISE, visit.record_id, household["id"], visit.event.team_id, body)
        with store.transaction():
            append_events(store, central_device(store, actor), [spec], actor)
        return household["name"], fields.get("slip_number", "")
    raise InvalidInput("slip.not_pending")
