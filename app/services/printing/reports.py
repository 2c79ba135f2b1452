"""Printing for the office: the daily visit log, the household form, the public notice and the
summary tables (PDF, or XLSX where a clerk works on further)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from app.documents.pdf_daily_log import CashCount, DailyLog, LogRow, daily_log_layout
from app.documents.pdf_household_form import HouseholdForm, household_form_layout
from app.documents.pdf_layout import write_layout
from app.documents.pdf_notice import Notice, NoticeRow, notice_layout
from app.documents.pdf_summary import Summary, SummaryLine, summary_layout
from app.documents.xlsx_reports import write_daily_log_xlsx, write_summary_xlsx
from app.domain.campaign import DECLINED, MATERIALS, Campaign, Category, Status
from app.domain.errors import InvalidInput, NotFound, Reason
from app.domain.events import REVISE, Event, LiveRecord, live_records
from app.domain.flags import FlagContext, compute_flags
from app.domain.id_number import mask_id, normalise_id
from app.domain.letter_template import date_cn
from app.domain.long_work import Cancel, Progress, never, no_progress
from app.domain.money import format_fen
from app.domain.phone import phone_tail
from app.domain.text import clean
from app.domain.visits import DONE, Outcome, VisitMode
from app.i18n import label, render
from app.services.households.application import show_household
from app.services.households.eligibility import eligibility_of
from app.services.infra.context import Actor, require_campaign
from app.services.printing.data import (
    Printed,
    PrintProblem,
    chain_for,
    check_glyphs,
    collect,
    find_team,
    in_visit_list,
    output,
    parse_day,
    signature_marks,
    team_label,
    unwritable,
    who,
)
from app.services.printing.letters import live_state_of_team
from app.services.visits.recording import live_state
from app.store import documents as store_documents
from app.store import events as store_events
from app.store.campaigns import list_categories
from app.store.db import Store

GROUPINGS = ("category", "team", "unit")
_GROUP_WORDS = {"category": "慰问类别", "team": "慰问组", "unit": "单位"}

# --- daily log ---------------------------------------------------------------------------------


def _seen(fields: Mapping[str, Any]) -> str:
    parts = [fields.get("conditions") or "", fields.get("notes") or ""]
    proxy = fields.get("proxy") or {}
    if proxy.get("name"):
        why = "，".join(x for x in (proxy.get("relation"), proxy.get("reason")) if x)
        parts.append(f"代领：{proxy['name']}（{why}）")
    if fields.get("cannot_sign"):
        parts.append(f"按手印（{label(fields['cannot_sign'])}）")
    if fields.get("revisit_on"):
        parts.append(f"再访：{fields['revisit_on']}")
    if fields.get("source") == "paper":
        parts.append("纸质签收表补录")
    return "；".join(p for p in parts if p)


def print_daily_log(
    store: Store, out: Path | str, *, team: str, day: date | str,
    progress: Progress = no_progress, cancel: Cancel = never,
) -> Printed:  # fmt: skip
    """A team's 走访日志 for a day: .pdf or .xlsx by the ending of ``out``."""
    campaign = require_campaign(store)
    target = output(out, (".pdf", ".xlsx"))
    team_row = find_team(store, campaign.id, team)
    when = parse_day(day)
    assert when is not None
    iso = when.isoformat()
    records = collect(live_state_of_team(store, team_row["id"]))
    visits = sorted((v for v in records.visits.values() if not v.voided and v.day == iso),
                    key=lambda v: (v.time, v.created_at, v.visit_id))  # fmt: skip
    voided = sum(1 for v in records.visits.values() if v.voided and v.day == iso)
    households = {r["id"]: r for r in store_documents.print_households(
        store, campaign.id, household_ids=list(dict.fromkeys(v.household_id for v in visits)))}
    rows = []
    for v in visits:
        h = households[v.household_id]
        rows.append(LogRow(
            time=v.time, name=h["name"], id_tail=h["id_number"][-4:],
            mode=VisitMode(v.fields["mode"]), outcome=Outcome(v.fields["outcome"]), cash_fen=v.cash_fen, transfer_fen=v.transfer_fen,
            goods=v.goods, seen=_seen(v.fields), opinions=v.fields.get("opinions") or "",
            visitors="、".join(v.fields.get("visitors") or ()),
        ))  # fmt: skip
    counts = sorted((b for t, b in records.cash_counts if t == team_row["id"] and b["date"] == iso),
                    key=lambda b: b.get("at", ""))  # fmt: skip
    count = None
    if counts:
        b = counts[-1]  # a later count of the day is the day's figure
        count = CashCount(b.get("float_fen"), b["expected_fen"], b["counted_fen"],
                          b["difference_fen"], b.get("goods_left", ""), b.get("note", ""),
                          b.get("by", ""), b.get("at", ""))  # fmt: skip
    notes = []
    if not rows:
        notes.append("（当日没有走访记录）")
    if voided:
        notes.append(f"（另有 {voided} 条已作废的记录未列入）")
    log = DailyLog(campaign.name, campaign.organizer, team_label(team_row), date_cn(when),
                   tuple(rows), count, "".join(notes))  # fmt: skip
    try:
        if target.suffix.lower() == ".xlsx":
            write_daily_log_xlsx(target, log)
            return Printed(target, None, len(rows))
        chain = chain_for(store, "table")
        check_glyphs(chain, [(r.name, f"{r.name}{r.goods}{r.seen}{r.opinions}{r.visitors}")
                             for r in rows])  # fmt: skip
        pages = write_layout(target, daily_log_layout(log, chain), progress=progress,
                             cancel=cancel)  # fmt: skip
    except OSError as exc:
        raise unwritable(target, exc) from None
    return Printed(target, pages, len(rows))


# --- household form ----------------------------------------------------------------------------


def _yuan(fen: int | None) -> str:
    return format_fen(fen) if fen is not None else "-"


def print_household_form(store: Store, id_number: str, out: Path | str) -> Printed:
    """The 困难职工档案表 of one household (full ID numbers: it is the union's file copy)."""
    campaign = require_campaign(store)
    target = output(out, (".pdf",))
    number = normalise_id(id_number)
    detail = show_household(store, number)
    h = asdict(detail.household)
    elig = eligibility_of(store, number)
    [row] = store_documents.print_households(store, campaign.id, household_ids=[h["id"]])
    single = {1: "是", 0: "否"}.get(h["single_parent"], "-")
    facts = (
        ("姓名", h["name"]), ("性别", h["sex"]), ("民族", h["ethnicity"] or "-"),
        ("出生日期", h["birth_date"].isoformat()), ("身份证号", h["id_number"]),
        ("健康状况", h["health"] or "-"), ("工作单位", h["employer"] or "-"),
        ("报送单位", h["unit"]), ("所在街道", h["street"] or "-"),
        ("婚姻状况", h["marital_status"] or "-"), ("家庭住址", h["address"] or "-"),
        ("联系电话", h["phone"] or "-"), ("是否单亲", single),
        ("慰问类别", h["category_name"] or h["category_label"] or "-"),
        ("申报状态", label(Status(h["status"]))),
        ("慰问组", f"{row['team_name']}（组长 {row['team_leader']}）" if row["team_name"] else "-"),
    )  # fmt: skip
    sources = {"members": "按登记成员", "roster": "按名单", "default": "默认"}
    low = campaign.thresholds.min_living_fen
    income = (
        ("家庭月收入", _yuan(h["monthly_income_fen"])),
        ("家庭人口", f"{elig.size} 人（{sources.get(elig.size_source, elig.size_source)}）"),
        ("人均月收入", _yuan(elig.per_capita_fen)), ("低保标准", f"{format_fen(low)}/人·月"),
        ("自付医疗费", _yuan(h["medical_cost_fen"])), ("灾害损失", _yuan(h["disaster_loss_fen"])),
    )  # fmt: skip
    causes = "、".join(c for c in (h["causes"], h["special_cause"]) if c)
    reason = render(elig.reason)
    rule = (f"符合第（{label(elig.rule)}）项：{reason}" if elig.rule
            else f"未符合任何一项，待复核：{reason}")  # fmt: skip
    members = tuple(
        (m["name"], m["relation"], m["id_number"] or "-", m["health"] or "-",
         _yuan(m["income_fen"]), m["school_or_employer"] or "-")
        for m in map(asdict, detail.members)
    )  # fmt: skip
    materials = tuple((label(m), d.isoformat() if (d := detail.materials.get(m)) else "未收到")
                      for m in MATERIALS)  # fmt: skip
    problems: list[PrintProblem] = []
    visits = []
    records = collect(live_state(store, h["id"]))
    for v in sorted(records.visits.values(), key=lambda v: (v.day, v.created_at)):
        marks = signature_marks(v, who(h), problems)
        signed = "、".join(m.check_code if m.ok else "校验不符" for m in marks)
        if not signed:
            signed = "纸质签收" if v.fields.get("paper_signed") else "-"
        outcome = label(Outcome(v.fields["outcome"])) + ("（已作废）" if v.voided else "")
        visits.append((date_cn(date.fromisoformat(v.day)), label(VisitMode(v.fields["mode"])),
                       outcome,
                       format_fen(v.cash_fen) if v.disbursements else "-", v.goods or "-",
                       signed))  # fmt: skip
    form = HouseholdForm(campaign.name, campaign.organizer, facts, income, causes, rule,
                         members, materials, tuple(visits))  # fmt: skip
    chain = chain_for(store, "table")
    texts = " ".join(v for _k, v in facts) + causes + rule + " ".join(" ".join(m) for m in members)
    check_glyphs(chain, [(who(h), texts)])
    try:
        pages = write_layout(target, household_form_layout(form, chain))
    except OSError as exc:
        raise unwritable(target, exc) from None
    return Printed(target, pages, 1, tuple(problems))


# --- public notice -----------------------------------------------------------------------------

# Households that passed the unit's review are on the notice (DESIGN.md step 3).
NOTICE_STATUSES = (Status.UNIT_REVIEWED, Status.PUBLIC_NOTICE, Status.REPORTED,
                   Status.CONFIRMED)  # fmt: skip


def _mask_for_notice(value: str, how: str) -> str:
    if how == "none":
        return ""
    if how == "tail":
        return "*" * max(len(value) - 4, 0) + value[-4:]
    return mask_id(value)


def _mask_phone(value: str, how: str) -> str:
    if how == "none" or not value:
        return ""
    first = value.split(" / ", maxsplit=1)[0]
    if len(first) == 11 and first.isdigit():  # a mobile: 138****5678
        return first[:3] + "****" + first[-4:]
    return "*" * max(len(first) - 4, 0) + phone_tail(first)


def notice_settings(store: Store, campaign_organiser: str, today: date) -> dict[str, str]:
    """The notice's settings with their defaults (docs/decisions.md)."""
    s = store_documents.print_settings(store)
    start = parse_day(s.get("notice_start")) or today
    days = int(s.get("notice_days") or 5)
    return {
        "start": date_cn(start), "end": date_cn(start + timedelta(days=max(days, 1) - 1)),
        "contact": s.get("notice_contact") or campaign_organiser,
        "phone": s.get("notice_phone", ""),
        "id_mask": s.get("notice_id_mask", "mask"),  # mask (120116********4698) | tail | none
        "phone_mask": s.get("notice_phone_mask", "none"),  # mask (138****5678) | none
    }  # fmt: skip


def print_notice(
    store: Store, out: Path | str, *, unit: str | None = None, actor: Actor | None = None,
    progress: Progress = no_progress, cancel: Cancel = never,
) -> Printed:  # fmt: skip
    """The 公示名单 for a unit or the whole district."""
    actor = actor or Actor()
    campaign = require_campaign(store)
    target = output(out, (".pdf",))
    unit = clean(unit) or None
    if unit is not None and not store_documents.unit_exists(store, campaign.id, unit):
        raise NotFound("print.unit_unknown", unit=unit)
    settings = notice_settings(store, campaign.organizer, actor.today())
    rows = [r for r in store_documents.print_households(store, campaign.id, unit=unit)
            if r["status"] in NOTICE_STATUSES]  # fmt: skip
    rows.sort(key=lambda r: (r["unit"], r["category_code"] or "", r["name"]))
    notice_rows = tuple(
        NoticeRow(
            name=r["name"], unit=r["unit"], category=r["category_name"] or r["category_label"],
            reason=(r["causes"] or "").split("、")[0],  # the main cause only: a notice is public
            amount=format_fen(r["category_cash_fen"]) if r["category_cash_fen"] is not None
            else "-",
            id_shown=_mask_for_notice(r["id_number"], settings["id_mask"]),
            phone_shown=_mask_phone(r["phone"], settings["phone_mask"]),
        )
        for r in rows
    )  # fmt: skip
    notice = Notice(
        campaign.name, campaign.organizer, unit or "", f"{settings['start']}至{settings['end']}",
        settings["contact"], settings["phone"], date_cn(actor.today()), notice_rows,
        settings["id_mask"] != "none", settings["phone_mask"] != "none",
    )  # fmt: skip
    chain = chain_for(store, "table")
    check_glyphs(chain, [(r.name, f"{r.name}{r.unit}{r.category}{r.reason}") for r in notice_rows]
                 + [("公示", notice.contact + notice.organiser + notice.campaign)])  # fmt: skip
    try:
        pages = write_layout(target, notice_layout(notice, chain), progress=progress,
                             cancel=cancel)  # fmt: skip
    except OSError as exc:
        raise unwritable(target, exc) from None
    return Printed(target, pages, len(notice_rows))


# --- summary -----------------------------------------------------------------------------------


def build_summary(store: Store, by: str, today: date) -> Summary:
    campaign = require_campaign(store)
    if by not in GROUPINGS:
        raise InvalidInput("print.by", by=by, known=tuple(GROUPINGS))
    categories = {c.id: c for c in list_categories(store, campaign.id)}
    category_names = {c.code: c.name for c in categories.values()}
    households = store_documents.print_households(store, campaign.id)
    # Signatures (3 KB each) change no sum: not read, save a print on paper, which the flags
    # need (待收回纸质凭证). The events are read once for both the sums and the flags
    # (campaign_flags would read all of them again: half the time, twice the memory at
    # 100,000 households).
    events = store_events.flag_events(store)
    live = live_records(events)
    records = collect(live)

    def group_of(h: Mapping[str, Any]) -> str:
        if by == "category":
            return h["category_name"] or h["category_label"] or "未分类"
        if by == "team":
            return h["team_name"] or "未分组"
        return h["unit"] or "-"

    lines: dict[str, list[int]] = {}
    by_id = {h["id"]: h for h in households}
    for h in households:
        if h["status"] == DECLINED:
            continue
        line = lines.setdefault(group_of(h), [0] * 6)
        if in_visit_list(h):
            line[0] += 1
            cat = categories.get(h["category_id"])
            if cat is not None:
                line[5] += cat.cash_fen + cat.goods_fen
    visited: set[str] = set()
    last: dict[str, tuple[tuple[str, str], str]] = {}
    opinions: list[tuple[str, str, str, str]] = []
    for v in records.visits.values():
        if v.voided or v.household_id not in by_id:
            continue
        h = by_id[v.household_id]
        if v.fields["outcome"] == DONE:
            visited.add(v.household_id)
        key = (v.day, v.created_at)
        if v.household_id not in last or key > last[v.household_id][0]:
            last[v.household_id] = (key, f"{v.day} {v.fields['outcome']}")
        line = lines.setdefault(group_of(h), [0] * 6)
        for d in v.disbursements:
            line[2 if d.get("transfer") else 1] += d["cash_fen"]
            line[3] += d["goods_fen"]
        if (v.fields.get("opinions") or "").strip():
            opinions.append((group_of(h), h["name"], v.day, v.fields["opinions"].strip()))
    for hid in visited:
        h = by_id[hid]
        if in_visit_list(h):
            lines[group_of(h)][4] += 1
    summary_lines = tuple(
        SummaryLine(group, n[0], n[4], n[1], n[2], n[3], n[5])
        for group, n in sorted(lines.items(), key=lambda kv: _order(kv[0], by, category_names))
    )
    not_visited = tuple(
        (h["name"], h["unit"], h["team_name"] or "未分组",
         h["category_name"] or h["category_label"] or "未分类",
         last[h["id"]][1] if h["id"] in last else "未走访")
        for h in households if in_visit_list(h) and h["id"] not in visited
    )  # fmt: skip
    flags = _flags(campaign, categories.values(), events, live, households)
    del events, live, records
    opinions.sort()
    return Summary(campaign.name, campaign.organizer, _GROUP_WORDS[by], date_cn(today),
                   summary_lines, tuple(opinions), not_visited, flags)  # fmt: skip


def _flags(
    campaign: Campaign, categories: Iterable[Category], events: Sequence[Event],
    live: Mapping[str, LiveRecord], households: Sequence[Mapping[str, Any]],
) -> tuple[tuple[str, str, Reason], ...]:  # fmt: skip
    """The flags ``campaign_flags`` reports, from events already read (same rules)."""
    revised = frozenset(e.record_id for e in events if e.kind == REVISE)
    team_of = {h["id"]: h["team_id"] for h in households}
    standards = {c.code: (c.cash_fen, c.goods_fen) for c in categories}
    ctx = FlagContext(campaign.start, campaign.end, standards, team_of, revised)
    by_id = {h["id"]: h for h in households}
    result = []
    for flag in compute_flags(live, ctx):
        h = by_id.get(flag.household_id)
        result.append((mask_id(h["id_number"]) if h else "", h["name"] if h else "",
                       Reason(f"flag.{flag.kind}", flag.params)))  # fmt: skip
    return tuple(result)


def _order(group: str, by: str, category_names: Mapping[str, str]) -> tuple[int, int, str]:
    # Categories in their set-up order; 未分类 / 未分组 last.
    if group in ("未分类", "未分组"):
        return (2, 0, group)
    if by == "category":
        order = list(category_names.values())
        return (0, order.index(group), group) if group in order else (1, 0, group)
    return (0, 0, group)


def print_summary(
    store: Store, out: Path | str, *, by: str = "category", actor: Actor | None = None,
    progress: Progress = no_progress, cancel: Cancel = never,
) -> Printed:  # fmt: skip
    """汇总表 by category, team or unit: .pdf or .xlsx by the ending of ``out``."""
    actor = actor or Actor()
    target = output(out, (".pdf", ".xlsx"))
    summary = build_summary(store, by, actor.today())
    rows = len(summary.lines)
    try:
        if target.suffix.lower() == ".xlsx":
            write_summary_xlsx(target, summary, progress=progress, cancel=cancel)
            return Printed(target, None, rows)
        chain = chain_for(store, "table")
        check_glyphs(chain, [(line.group, line.group) for line in summary.lines]
                     + [(o[1], o[3]) for o in summary.opinions]
                     + [(n[0], "".join(n)) for n in summary.not_visited])  # fmt: skip
        pages = write_layout(target, summary_layout(summary, chain), progress=progress,
                             cancel=cancel)  # fmt: skip
    except OSError as exc:
        raise unwritable(target, exc) from None
    return Printed(target, pages, rows)


