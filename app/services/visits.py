"""Recording visits as events: in the team window, or from a paper 签收表 entered later.

A visit and its disbursements are written in one transaction as events of this device. A second
live disbursement for one (household, category) is refused here; if two laptops both pay, the
merge raises the double-payment flag instead.
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
from app.domain.events import (
    DISBURSEMENT,
    SIGNATURE,
    VISIT,
    VOID,
    LiveRecord,
    live_records,
    record_fields,
)
from app.domain.id_number import normalise_id
from app.domain.money import parse_optional_money
from app.domain.roster_columns import find_layout, parse_mapping
from app.domain.roster_rows import RowProblem, is_footer_or_blank
from app.domain.signature import SignatureRecord, signature_body
from app.domain.signing import PreparedVisit, check_signatures
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
from app.services.context import Actor, require_campaign
from app.services.device import CENTRAL, TEAM, NewEvent, append_events, create_device, local_device
from app.services.device import role as device_role
from app.store import events as store_events
from app.store import households as store_households
from app.store import teams as store_teams
from app.store.campaigns import list_categories
from app.store.db import Store


@dataclass(frozen=True, slots=True)
class RecordedVisit:
    visit_id: str
    disbursement_ids: tuple[str, ...]


def _writer(store: Store, actor: Actor):  # -> Device
    device = local_device(store)
    if device is None:
        # A central store that has never exported: it records paper visits as itself.
        device = create_device(store, CENTRAL, None, actor)
    return device


def live_state(store: Store, household_id: str | None = None) -> dict[str, LiveRecord]:
    events = (
        store_events.events_where(store, "household_id = ?", [household_id])
        if household_id
        else store_events.all_events(store)
    )
    return live_records(events)


def paid_on(store: Store, household_id: str, category_code: str) -> str | None:
    """The date of a live disbursement for this household and category, if any."""
    for record in live_state(store, household_id).values():
        if record.kind == DISBURSEMENT and not record.voided:
            fields = record_fields(record)
            if fields["category_code"] == category_code:
                return fields["date"]
    return None


def record_visit(
    store: Store,
    visit: VisitInput,
    *,
    prepared: PreparedVisit | None = None,
    signatures: Sequence[SignatureRecord] = (),
    actor: Actor | None = None,
) -> RecordedVisit:
    """Store a visit, its disbursements and its signatures in one transaction.

    From the window, ``prepared`` (``signing.prepare_visit``) carries the ids and the content
    the recipient signed; the signatures must be bound to that content.
    """
    actor = actor or Actor()
    campaign = require_campaign(store)
    categories = list_categories(store, campaign.id)
    standards = {c.code: (c.cash_fen, c.goods_fen) for c in categories}
    check_visit(visit, standards)
    if prepared is not None:
        if prepared.visit != visit:
            raise InvalidInput("sign.content_changed")
        check_signatures(prepared, signatures)
    elif signatures:
        raise InvalidInput("sign.not_prepared")
    team_id = store_teams.current_team_of(store, [visit.household_id]).get(visit.household_id)
    if device_role(store) == TEAM and team_id is None:
        raise InvalidInput("visit.withdrawn")
    for handover in visit.handovers:
        if day := paid_on(store, visit.household_id, handover.category_code):
            raise InvalidInput("visit.already_paid", date=day, category=handover.category_code)
    visit_id = prepared.visit_id if prepared else new_id()
    team = team_id or ""
    specs = [NewEvent(VISIT, visit_id, visit.household_id, team, visit_body(visit, visit_id))]
    ids = list(prepared.disbursement_ids) if prepared else [new_id() for _ in visit.handovers]
    for record_id, handover in zip(ids, visit.handovers, strict=True):
        body = disbursement_body(handover, visit_id, visit.household_id, visit.day)
        specs.append(NewEvent(DISBURSEMENT, record_id, visit.household_id, team, body))
    for signature in signatures:
        body = signature_body(signature, prepared.content if prepared else {})
        specs.append(NewEvent(SIGNATURE, new_id(), visit.household_id, team, body))
    with store.transaction():
        append_events(store, _writer(store, actor), specs, actor)
    return RecordedVisit(visit_id, tuple(ids))


def void_visit(store: Store, visit_id: str, *, reason: str, actor: Actor | None = None) -> int:
    """作废: the visit and what was handed over in it, in one transaction; all stay, marked
    void with the reason, who and when. Returns how many records were voided."""
    actor = actor or Actor()
    if not clean(reason):
        raise InvalidInput("visit.void_reason")
    events = store_events.events_where(store, "record_id = ?", [visit_id])
    if not events or events[0].kind != VISIT:
        raise NotFound("visit.not_found", record=visit_id)
    household_id, team_id = events[0].household_id, events[0].team_id
    records = live_state(store, household_id)
    if visit_id in records and records[visit_id].voided:
        raise InvalidInput("visit.already_void")
    targets = [visit_id] + [
        r.record_id for r in records.values()
        if r.kind == DISBURSEMENT and not r.voided and record_fields(r)["visit_id"] == visit_id
    ]  # fmt: skip
    at = actor.now()
    specs = [
        NewEvent(VOID, new_id(), household_id, team_id,
                 {"target": target, "reason": clean(reason), "by": actor.user, "at": at})
        for target in targets
    ]  # fmt: skip
    with store.transaction():
        append_events(store, _writer(store, actor), specs, actor)
    return len(targets)


def void_record(store: Store, record_id: str, *, reason: str, actor: Actor | None = None) -> None:
    """Cancel a visit or disbursement; the record stays, marked void with reason, who and when."""
    actor = actor or Actor()
    if not clean(reason):
        raise InvalidInput("visit.void_reason")
    events = store_events.events_where(store, "record_id = ?", [record_id])
    if not events:
        raise NotFound("visit.not_found", record=record_id)
    first = events[0]
    body = {"target": record_id, "reason": clean(reason), "by": actor.user, "at": actor.now()}
    with store.transaction():
        spec = NewEvent(VOID, new_id(), first.household_id, first.team_id, body)
        append_events(store, _writer(store, actor), [spec], actor)


# --- a paper sheet of visits (the laptop died; the team used the paper 签收表) -----------------

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
                    report("id_number", "visit.already_paid", date=day_paid,
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
        device = _writer(store, actor)
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
