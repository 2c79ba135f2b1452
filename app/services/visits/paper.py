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
from app.domain.campaign import new_id
from app.domain.errors import InvalidInput, NotFound
from app.domain.events import DISBURSEMENT, REVISE, SIGNATURE, VISIT, record_fields
from app.domain.id_number import normalise_id
from app.domain.money import parse_optional_money
from app.domain.roster_columns import find_layout, parse_mapping
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
    categories = {c.code: c for c in list_categories(store, campaign.id)}
    by_name = {c.name: c for c in categories.values()}
    problems: list[RowProblem] = []
    visits: list[VisitInput] = []
    seen: dict[tuple[str, str], int] = {}
    for index in range(layout.header_row + 1, len(sheet.rows)):
        cells = sheet.rows[index]
        if is_footer_or_blank(cells):
            continue
        row = index + 1
        width = len(cells)
        raw = {f: cells[c] for f, c in layout.columns.items() if c < width}.get

        def report(name: str, key: str, row: int = row, raw: Any = raw, **params: Any) -> None:
            col = layout.columns.get(name)
            header = layout.headers[col] if col is not None else VISIT_FIELDS[name][0]
            problems.append(RowProblem(row, header, clean(raw(name)), key, params))

        before = len(problems)
        household = store_households.find_household(
            store, campaign.id, normalise_id(raw("id_number"))
        )
        if household is None:
            report("id_number", "visit.household_unknown")
            continue
        day = _date(raw("date"))
        if day is None:
            report("date", "visit.date_invalid")
        try:
            mode = normalise_mode(clean(raw("mode"))) if clean(raw("mode")) else VisitMode.HOME
        except InvalidInput as e:
            report("mode", e.key, **e.params)
            mode = VisitMode.HOME
        try:
            outcome: Outcome | None = normalise_outcome(clean(raw("outcome")))
        except InvalidInput as e:
            report("outcome", e.key, **e.params)
            outcome = None
        label = clean(raw("category")) or household["category_label"]
        category = categories.get(label) or by_name.get(label)
        if category is None and household["category_id"]:
            category = next(
                (c for c in categories.values() if c.id == household["category_id"]), None
            )
        handovers: tuple[Handover, ...] = ()
        if outcome == DONE:
            try:
                cash = parse_optional_money(raw("cash"))
            except InvalidInput as e:
                report("cash", e.key, **e.params)
                cash = None
            if category is None:
                report("category", "visit.category_missing")
            elif cash is not None or clean(raw("goods")):
                goods_text = clean(raw("goods"))
                no_goods = goods_text in ("无", "没有", "-", "0")
                handovers = (
                    Handover(
                        category.code,
                        cash_fen=cash or 0,
                        goods="" if no_goods else (goods_text or category.goods),
                        goods_fen=0 if no_goods else category.goods_fen,
                    ),
                )
                key = (household["id"], category.code)
                if key in seen:
                    report("id_number", "visit.paid_twice_in_sheet", first_row=seen[key])
                seen[key] = row
                if day_paid := paid_on(store, household["id"], category.code):
                    report("id_number", "visit.already_paid", date=day_paid.isoformat(),
                           category=category.code)  # fmt: skip
        if len(problems) > before or day is None or outcome is None:
            continue
        visit = VisitInput(
            household_id=household["id"],
            day=day,
            mode=mode,
            outcome=outcome,
            recipient_role=RecipientRole.PROXY if clean(raw("proxy_name")) else RecipientRole.SELF,
            proxy_name=clean_name(raw("proxy_name")),
            proxy_relation=clean(raw("proxy_relation")),
            proxy_reason=clean(raw("proxy_reason")) or "纸质签收表",
            visitors=tuple(v for v in clean(raw("visitors")).replace("，", "、").split("、") if v),
            notes=clean(raw("notes")),
            opinions=clean(raw("opinions")),
            paper_signed=squeeze(raw("paper_signed")).lower() in _YES,
            handovers=handovers,
            source="paper",
        )
        try:
            check_visit(visit, {c.code: (c.cash_fen, c.goods_fen) for c in categories.values()})
        except InvalidInput as e:
            report("outcome", e.key, **e.params)
            continue
        visits.append(visit)
    if problems:
        return VisitsImport(0, tuple(problems))
    with store.transaction():
        device = writing_device(store, actor)
        for visit in visits:
            team_id = store_teams.current_team_of(store, [visit.household_id]).get(
                visit.household_id
            )
            visit_id = new_id()
            specs = [NewEvent(VISIT, visit_id, visit.household_id, team_id or "",
                              visit_body(visit, visit_id))]  # fmt: skip
            for handover in visit.handovers:
                body = disbursement_body(handover, visit_id, visit.household_id, visit.day)
                specs.append(NewEvent(DISBURSEMENT, new_id(), visit.household_id,
                                      team_id or "", body))  # fmt: skip
            append_events(store, device, specs, actor)
    return VisitsImport(len(visits), ())


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
        body = record_fields(visit) | {"supersedes": visit.event.id,
                                       "slip_received": {"by": actor.user, "at": actor.now()}}
        spec = NewEvent(REVISE, visit.record_id, household["id"], visit.event.team_id, body)
        with store.transaction():
            append_events(store, central_device(store, actor), [spec], actor)
        return household["name"], fields.get("slip_number", "")
    raise InvalidInput("slip.not_pending")
