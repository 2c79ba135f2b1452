"""Printing the summary (汇总表) by category, team or unit: households on the visit list, visited,
money handed out against the budget, the opinions heard, the households not visited and the
flags that need a person (PDF or XLSX).

A household counts in its group (its category, current team or unit); the money counts where
it was handed over: in the team that handed it over and the category it was paid under
(app.domain.ledger), in the household's unit. So every grouping adds up to the same
total, and a team's line agrees with its signed 签收表 even for a household moved since.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from app.documents.pdf_layout import write_layout
from app.documents.pdf_summary import NotVisited, Opinion, Summary, SummaryLine, summary_layout
from app.documents.xlsx_reports import write_summary_xlsx
from app.domain.campaign import DECLINED, Category, CategoryId
from app.domain.errors import InvalidInput, Reason
from app.domain.events import Event, LiveRecord, live_records
from app.domain.id_number import mask_id
from app.domain.ledger import Payment, payments
from app.domain.long_work import Cancel, Progress, never, no_progress
from app.domain.transfers import transfer_states
from app.domain.visits import Outcome, counts_as_visited
from app.services.infra.context import Actor, require_campaign
from app.services.oversight.flags import computed_flags, split_open
from app.services.printing.output import Printed, chain_for, check_glyphs, output, unwritable
from app.services.printing.records import VisitData, collect, in_visit_list
from app.services.visits.plan import MustReach, must_reach_rule
from app.store import documents as store_documents
from app.store import events as store_events
from app.store import money as store_money
from app.store import teams as store_teams
from app.store.campaigns import list_categories, list_costs
from app.store.db import Store

GROUPINGS = ("category", "team", "unit")
NO_GROUP = ""  # households in no category or team: 未分类 / 未分组 on paper


def _group_of(h: Mapping[str, Any], by: str) -> str:
    if by == "category":
        return h["category_name"] or h["category_label"] or NO_GROUP
    if by == "team":
        return h["team_name"] or NO_GROUP
    return h["unit"] or NO_GROUP


# A line's figures while counting: households on the list, cash by hand, cash by transfer,
# goods, visited, budget (SummaryLine's order differs: it is what the document reads).
HOUSEHOLDS, CASH, TRANSFER, GOODS, VISITED, BUDGET = range(6)
Last = tuple[tuple[str, str], tuple[date, Outcome]]  # (day, saved at) → (day, outcome)


def _list_lines(households: Sequence[Mapping[str, Any]], categories: Mapping[CategoryId, Category],
                by: str) -> dict[str, list[int]]:  # fmt: skip
    """Each group's households on the visit list, and its budget as ``budget`` counts it: every
    household not declined, at its category's standard."""
    lines: dict[str, list[int]] = {}
    for h in households:
        if h["status"] == DECLINED:
            continue
        line = lines.setdefault(_group_of(h, by), [0] * 6)
        if in_visit_list(h):
            line[HOUSEHOLDS] += 1
        cat = categories.get(h["category_id"])
        if cat is not None:
            line[BUDGET] += cat.cash_fen + cat.goods_fen
    return lines


def _count_money(
    paid: Iterable[Payment], by_id: Mapping[str, Mapping[str, Any]], by: str,
    names: Mapping[str, str], lines: dict[str, list[int]],
) -> None:  # fmt: skip
    """Money handed out into ``lines``: by the team that handed it over or the category it was
    paid under (``names``: team id or category code → the group's name), or the household's
    unit."""
    for p in paid:
        if by == "unit":
            household = by_id.get(p.household_id)
            group = (household["unit"] if household else "") or NO_GROUP
        else:
            key = p.team_id if by == "team" else p.category_code
            group = names.get(key) or NO_GROUP
        line = lines.setdefault(group, [0] * 6)
        line[CASH] += p.cash_fen
        line[TRANSFER] += p.transfer_fen
        line[GOODS] += p.goods_fen


def _count_visits(
    visits: Iterable[VisitData], by_id: Mapping[str, Mapping[str, Any]], by: str,
    lines: dict[str, list[int]], must_reach: MustReach,
) -> tuple[set[str], dict[str, Last], list[Opinion]]:  # fmt: skip
    """The households visited (into ``lines``; a phone call answered by someone else does not
    count where the person must be reached), each one's last attempt and the opinions heard."""
    visited: set[str] = set()
    last: dict[str, Last] = {}
    opinions: list[Opinion] = []
    for v in visits:
        household = by_id.get(v.household_id)
        if v.voided or household is None:
            continue
        if counts_as_visited(v.fields, phone_must_reach=must_reach.of(v.household_id)):
            visited.add(v.household_id)
        key = (v.day, v.created_at)
        if v.household_id not in last or key > last[v.household_id][0]:
            last[v.household_id] = (key, (v.when, Outcome(v.fields["outcome"])))
        if (v.fields.get("opinions") or "").strip():
            opinions.append(Opinion(_group_of(household, by), household["name"], v.when,
                                    v.fields["opinions"].strip()))  # fmt: skip
    for hid in visited:
        if in_visit_list(by_id[hid]):
            lines[_group_of(by_id[hid], by)][VISITED] += 1
    opinions.sort(key=lambda o: (o.group, o.name, o.day, o.text))
    return visited, last, opinions


def _count_transfers(
    live: Mapping[str, LiveRecord], by_id: Mapping[str, Mapping[str, Any]], by: str,
    lines: dict[str, list[int]],
) -> None:  # fmt: skip
    """Bank transfers into ``lines``: only those the bank confirmed (a pending or failed
    one is no money out)."""
    for state in transfer_states(live).values():
        household = by_id.get(state.household_id)
        if state.paid and household is not None:
            lines.setdefault(_group_of(household, by), [0] * 6)[TRANSFER] += state.amount_fen


def summary_money(
    store: Store, paid: Iterable[Payment], live: Mapping[str, LiveRecord]
) -> tuple[int, int, int]:
    """Cash by hand, transfer and goods of ``paid`` and of the bank's confirmed transfers
    among ``live``, as the 汇总表 by unit groups them, summed over its lines (the audit checks
    them against the total)."""
    units = {h: {"unit": u} for h, u in store_money.household_units(store).items()}
    lines: dict[str, list[int]] = {}
    _count_money(paid, units, "unit", {}, lines)
    _count_transfers(live, units, "unit", lines)
    return (sum(n[CASH] for n in lines.values()), sum(n[TRANSFER] for n in lines.values()),
            sum(n[GOODS] for n in lines.values()))  # fmt: skip


def build_summary(store: Store, by: str, today: date) -> Summary:
    campaign = require_campaign(store)
    if by not in GROUPINGS:
        raise InvalidInput("print.by", by=by, known=GROUPINGS)
    categories = {c.id: c for c in list_categories(store, campaign.id)}
    households = store_documents.print_households(store, campaign.id)
    by_id = {h["id"]: h for h in households}
    # Signatures (3 KB each) change no sum: not read, save a print on paper, which the flags
    # need (待收回纸质凭证). The events are read once for both the sums and the flags
    # (campaign_flags would read all of them again: twice the memory at 100,000 households).
    events = store_events.flag_events(store)
    live = live_records(events)
    lines = _list_lines(households, categories, by)
    teams = {t["id"]: t["name"] for t in store_teams.list_teams(store, campaign.id)}
    names = teams if by == "team" else {c.code: c.name for c in categories.values()}
    _count_money(payments(live.values()), by_id, by, names, lines)
    visited, last, opinions = _count_visits(collect(live).visits.values(), by_id, by, lines,
                                            must_reach_rule(store))  # fmt: skip
    _count_transfers(live, by_id, by, lines)
    order = _order(by, [c.name for c in categories.values()])
    summary_lines = tuple(
        SummaryLine(group, n[HOUSEHOLDS], n[VISITED], n[CASH], n[TRANSFER], n[GOODS], n[BUDGET])
        for group, n in sorted(lines.items(), key=lambda kv: order(kv[0]))
    )
    not_visited = tuple(
        NotVisited(h["name"], h["unit"], h["team_name"] or NO_GROUP,
                   h["category_name"] or h["category_label"] or NO_GROUP,
                   last[h["id"]][1] if h["id"] in last else None)
        for h in households if in_visit_list(h) and h["id"] not in visited
    )  # fmt: skip
    flags = _flags(store, events, live, by_id)
    return Summary(campaign.name, campaign.organizer, by, today, summary_lines, tuple(opinions),
                   not_visited, flags, tuple(list_costs(store, campaign.id)))  # fmt: skip


def _flags(
    store: Store, events: list[Event], live: Mapping[str, LiveRecord],
    by_id: Mapping[str, Mapping[str, Any]],
) -> tuple[tuple[str, str, Reason], ...]:  # fmt: skip
    """The open flags ``campaign_flags`` reports, from events already read (same rules)."""
    flags, resolutions = computed_flags(store, events, live, None)
    result = []
    for flag, closed in split_open(flags, resolutions):
        if closed is not None:
            continue
        h = by_id.get(flag.household_id)
        result.append((mask_id(h["id_number"]) if h else "", h["name"] if h else "",
                       Reason(f"flag.{flag.kind}", flag.params)))  # fmt: skip
    return tuple(result)


def _order(by: str, category_names: Sequence[str]) -> Any:
    """Categories in their set-up order, others by name; households in no group last."""
    place = {name: i for i, name in enumerate(category_names)}

    def key(group: str) -> tuple[int, int, str]:
        if group == NO_GROUP:
            return (2, 0, group)
        if by == "category":
            return (0, place[group], group) if group in place else (1, 0, group)
        return (0, 0, group)

    return key


def print_summary(
    store: Store, out: Path | str, *, by: str = "category", lang: str = "zh",
    actor: Actor | None = None, progress: Progress = no_progress, cancel: Cancel = never,
) -> Printed:  # fmt: skip
    """汇总表 by category, team or unit: .pdf or .xlsx by the ending of ``out``."""
    actor = actor or Actor()
    target = output(out, (".pdf", ".xlsx"))
    summary = build_summary(store, by, actor.today())
    rows = len(summary.lines)
    try:
        if target.suffix.lower() == ".xlsx":
            write_summary_xlsx(target, summary, lang=lang, progress=progress, cancel=cancel)
            return Printed(target, None, rows)
        chain = chain_for(store, "table")
        check_glyphs(chain, [(line.group, line.group) for line in summary.lines]
                     + [(o.name, o.text) for o in summary.opinions]
                     + [(n.name, f"{n.name}{n.unit}{n.team}{n.category}")
                        for n in summary.not_visited])  # fmt: skip
        pages = write_layout(target, summary_layout(summary, chain, lang=lang), progress=progress,
                             cancel=cancel)  # fmt: skip
    except OSError as exc:
        raise unwritable(target, exc) from None
    return Printed(target, pages, rows)
