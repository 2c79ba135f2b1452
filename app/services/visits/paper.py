"""Visits on paper: a sheet entered later (the laptop died; the team used the paper), and the
paper slip of a thumbprint received at the office.

The sheets the app prints come back filled: the 慰问金（品）发放签收表 (typed up with its own
columns) and a team's sheet of the 分组安排表 with the team's columns added (日期, 结果,
慰问金 …). Their ID numbers are masked: a row names its household by the masked number and the
name (app/services/visits/paper_rows.py). A sheet is all rows or none: one bad row changes
nothing and every problem is reported with its row, column and value. The same checks run as
in the team window (app.domain.visits).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from app.documents.roster_reader import Sheet, read_sheets
from app.domain.campaign import Category, Status, new_id
from app.domain.errors import InvalidInput
from app.domain.events import DISBURSEMENT, VISIT
from app.domain.flags import on_visit_list
from app.domain.money import parse_optional_money
from app.domain.roster_columns import Layout, find_layout, parse_mapping
from app.domain.roster_rows import RowProblem, is_footer_or_blank
from app.domain.text import clean_name
from app.domain.visits import (
    DONE,
    Handover,
    Outcome,
    PhoneAnswer,
    RecipientRole,
    VisitInput,
    VisitMode,
    check_visit,
    disbursement_body,
    normalise_answer,
    normalise_mode,
    normalise_outcome,
    visit_body,
)
from app.services.bundles.devices import TEAM, NewEvent, append_events, writing_device
from app.services.bundles.devices import role as device_role
from app.services.infra.context import Actor, require_campaign
from app.services.visits.paper_rows import (
    REQUIRED,
    VISIT_FIELDS,
    Households,
    SheetHousehold,
    SheetRow,
    clock_time,
    day_of,
    masked_names,
)
from app.services.visits.payment import standards_for
from app.services.visits.receiving import receive_paper
from app.services.visits.recording import paid_on
from app.store import teams as store_teams
from app.store.campaigns import list_categories
from app.store.db import Store


@dataclass(frozen=True, slots=True)
class VisitsImport:
    imported: int
    rejected: tuple[RowProblem, ...]
    skipped: int = 0  # rows of households with nothing written about a visit (not yet visited)


def import_visits(
    store: Store, path: Path, *, mapping: Sequence[str] = (), actor: Actor | None = None
) -> VisitsImport:
    """All rows or none: a sheet with a bad row changes nothing and reports every problem.
    A workbook's sheets that have the columns of visits are all read (the 分组安排表 has one
    sheet a team, each filled by its team)."""
    actor = actor or Actor()
    campaign = require_campaign(store)
    explicit = parse_mapping(mapping, VISIT_FIELDS)
    sheets = _sheets_of_visits(read_sheets(path), explicit)
    several = len(sheets) > 1
    problems: list[RowProblem] = []
    rows = [
        SheetRow(index + 1, by_field, layout, problems, sheet.sheet_name if several else "")
        for sheet, layout in sheets
        for index, by_field in _cells(sheet, layout)
    ]
    households = Households(store, campaign.id, masked_names(r.cells for r in rows))
    reader = _VisitReader(store, list_categories(store, campaign.id), households)
    visits: list[VisitInput] = []
    skipped = 0
    for row in rows:
        if row.blank_visit():
            skipped += 1
        elif (visit := reader.visit(row)) is not None:
            visits.append(visit)
    if problems:
        return VisitsImport(0, tuple(problems), skipped)
    with store.transaction():
        _record_visits(store, visits, actor)
    return VisitsImport(len(visits), (), skipped)


def _sheets_of_visits(
    sheets: Sequence[Sheet], explicit: Mapping[str, str]
) -> list[tuple[Sheet, Layout]]:
    """The sheets whose header names the columns of visits; when none does, the first sheet's
    reason (the columns it lacks)."""
    found: list[tuple[Sheet, Layout]] = []
    first_error: InvalidInput | None = None
    for sheet in sheets:
        try:
            found.append((sheet, find_layout(sheet.rows, explicit, VISIT_FIELDS, REQUIRED)))
        except InvalidInput as e:
            first_error = first_error or e
    if not found and first_error is not None:
        raise first_error
    return found


def _cells(sheet: Sheet, layout: Layout) -> Iterator[tuple[int, dict[str, object]]]:
    """(row index, cells by field) of each row under the header that is not blank or a foot."""
    for index in range(layout.header_row + 1, len(sheet.rows)):
        cells = sheet.rows[index]
        if is_footer_or_blank(cells):
            continue
        width = len(cells)
        yield index, {f: cells[c] for f, c in layout.columns.items() if c < width}


# A refusal of ``check_visit`` is reported on the column it is about.
_COLUMN_OF = {
    "visit.attempted_at": "attempted_at", "visit.proxy_missing": "proxy_name",
    "visit.phone_proxy": "proxy_name", "visit.proxy_not_met": "proxy_name",
    "visit.answered": "answered", "visit.answered_not_phone": "answered",
    "visit.answered_missing": "answered", "visit.answered_unreachable": "answered",
    "visit.no_answer_outcome": "answered", "visit.phone_handover": "cash",
    "visit.phone_signed": "paper_signed", "visit.negative": "cash",
    "visit.handover_without_visit": "cash", "visit.category": "category",
    "visit.cash_to_transfer": "cash", "visit.transfer_amount": "cash",
}  # fmt: skip


class _VisitReader:
    """Turns sheet rows into visits, reporting each row's problems where the row says."""

    def __init__(self, store: Store, categories: Sequence[Category],
                 households: Households) -> None:  # fmt: skip
        self.store = store
        self.households = households
        self.by_code = {c.code: c for c in categories}
        self.by_name = {c.name: c for c in categories}
        self.standards = {c.code: (c.cash_fen, c.goods_fen) for c in categories}
        self.paid_in_sheet: dict[tuple[str, str], int] = {}  # (household, category) → row
        self.office = device_role(store) != TEAM

    def _listed(self, household: SheetHousehold) -> bool:
        team = store_teams.current_team_of(self.store, [household.id]).get(household.id)
        return on_visit_list(household.status, team)

    def visit(self, row: SheetRow) -> VisitInput | None:
        """The row's visit, or None when it has a problem (reported)."""
        household = self.households.find(row)
        if household is None:
            return None
        before = len(row.problems)
        day = day_of(row.raw("date"))
        if day is None:
            row.report("date", "visit.date_invalid")
        mode = _mode(row)
        outcome = _outcome(row)
        answered = _answered(row)
        handovers = self._handovers(row, household, mode) if outcome == DONE else ()
        if handovers and self.office and not self._listed(household):
            # 不予, or neither 确定 nor given to a team: the office pays nobody off the list (a
            # laptop's payment to one is flagged at the merge: the team may not have known).
            row.report("id_number", "visit.not_on_list", name=household.name,
                       status=Status(household.status))  # fmt: skip
        if len(row.problems) > before or day is None or outcome is None:
            return None
        visit = _visit_input(row, household.id, day, mode, outcome, handovers, answered)
        try:
            check_visit(visit, standards_for(self.store, visit, self.standards))
        except InvalidInput as e:
            row.report(_COLUMN_OF.get(e.key, "outcome"), e.key, **e.params)
            return None
        return visit

    def _handovers(self, row: SheetRow, household: SheetHousehold,
                   mode: VisitMode) -> tuple[Handover, ...]:  # fmt: skip
        """What a visit with the outcome 已慰问 handed over: cash (by hand, or by transfer to
        the salary card) and goods of one category. By phone nothing is handed over by hand:
        the category's goods are not assumed."""
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
        if cash is None and not goods_text and not row.yes("transfer"):
            return ()
        # Goods are not assumed by phone, nor on a row that only marks a transfer due.
        no_goods = goods_text in ("无", "没有", "-", "0") or (
            not goods_text and (mode == VisitMode.PHONE or cash is None)
        )
        handover = Handover(
            category.code,
            cash_fen=cash or 0,
            goods="" if no_goods else (goods_text or category.goods),
            goods_fen=0 if no_goods else category.goods_fen,
            transfer=row.yes("transfer"),
            off_standard_reason=row.text("off_standard_reason"),
        )
        self._check_paid_once(row, household.id, category.code)
        return (handover,)

    def _category(self, row: SheetRow, household: SheetHousehold) -> Category | None:
        """The sheet's category (code or name), else the household's own."""
        label = row.text("category") or household.category_label
        category = self.by_code.get(label) or self.by_name.get(label)
        if category is None and household.category_id:
            ids = (c for c in self.by_code.values() if c.id == household.category_id)
            category = next(ids, None)
        return category

    def _check_paid_once(self, row: SheetRow, household_id: str, code: str) -> None:
        """One payment per household and category: not twice in the sheet, nor again."""
        key = (household_id, code)
        if key in self.paid_in_sheet:
            row.report("id_number", "visit.paid_twice_in_sheet", first_row=self.paid_in_sheet[key])
        self.paid_in_sheet[key] = row.number
        if day_paid := paid_on(self.store, household_id, code):
            named = self.by_code.get(code)  # the name, never the code "KN"
            row.report("id_number", "visit.already_paid", date=day_paid.isoformat(),
                       category=named.name if named else code)  # fmt: skip


def _mode(row: SheetRow) -> VisitMode:
    """The mode written (上门 when blank); a word that is not one is reported."""
    written = row.text("mode")
    if not written:
        return VisitMode.HOME
    try:
        return normalise_mode(written)
    except InvalidInput as e:
        row.report("mode", e.key, **e.params)
        return VisitMode.HOME


def _outcome(row: SheetRow) -> Outcome | None:
    """The outcome written. A sheet without the column (the 签收表 lists what was handed
    over) is 已慰问 on every row."""
    if "outcome" not in row.layout.columns:
        return DONE
    try:
        return normalise_outcome(row.text("outcome"))
    except InvalidInput as e:
        row.report("outcome", e.key, **e.params)
        return None


def _answered(row: SheetRow) -> PhoneAnswer | None:
    written = row.text("answered")
    if not written:
        return None
    try:
        return normalise_answer(written)
    except InvalidInput as e:
        row.report("answered", e.key, **e.params)
        return None


def _visit_input(
    row: SheetRow,
    household_id: str,
    day: date,
    mode: VisitMode,
    outcome: Outcome,
    handovers: tuple[Handover, ...],
    answered: PhoneAnswer | None,
) -> VisitInput:
    """The row as a visit from paper; who collected it and who visited, as written."""
    proxy_name = row.text("proxy_name")
    visitors = row.text("visitors").replace("，", "、").replace(",", "、").split("、")
    return VisitInput(
        household_id=household_id,
        day=day,
        mode=mode,
        outcome=outcome,
        recipient_role=RecipientRole.PROXY if proxy_name else RecipientRole.SELF,
        proxy_name=clean_name(row.raw("proxy_name")),
        proxy_relation=row.text("proxy_relation"),
        proxy_reason=row.text("proxy_reason") or ("纸质签收表" if proxy_name else ""),
        answered=answered,
        visitors=tuple(v.strip() for v in visitors if v.strip()),
        notes=row.text("notes"),
        opinions=row.text("opinions"),
        paper_signed=row.yes("paper_signed"),
        handovers=handovers,
        source="paper",
        attempted_at=clock_time(row.raw("attempted_at")),
    )


def _record_visits(store: Store, visits: Sequence[VisitInput], actor: Actor) -> None:
    """Each visit and its disbursements as events of this device, under the household's team
    (the team that went with the paper sheet). Entered at the office, the signed sheet is in
    the clerk's hands: a row marked signed is proven as it is entered
    (app.services.visits.receiving); entered on a laptop, once the office receives it."""
    device = writing_device(store, actor)
    received = device_role(store) != TEAM
    for visit in visits:
        household_id = visit.household_id
        team_id = store_teams.current_team_of(store, [household_id]).get(household_id) or ""
        visit_id = new_id()
        body = visit_body(visit, visit_id)
        if received and visit.paper_signed and visit.handovers:
            body["slip_received"] = {"by": actor.user, "at": actor.now()}
        specs = [NewEvent(VISIT, visit_id, household_id, team_id, body)]
        for handover in visit.handovers:
            body = disbursement_body(handover, visit_id, household_id, visit.day)
            specs.append(NewEvent(DISBURSEMENT, new_id(), household_id, team_id, body))
        append_events(store, device, specs, actor)


def receive_slip(store: Store, id_number: str, *, actor: Actor | None = None) -> tuple[str, str]:
    """The office has the paper of a household's visit: a print's slip (first) or the signed
    签收表 (app.services.visits.receiving). Returns (name, slip number or "")."""
    done = receive_paper(store, id_number, actor=actor)
    return done.name, done.slip
