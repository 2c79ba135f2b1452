"""One household's audit trail, newest first: the roster row that brought it and each
correction, its statuses with their reasons, the marks and their decisions, the teams it was
given to, and every record about it — visits, payments with their amounts, signatures,
corrections, voids, transfers and the office's decisions — with who, when and on which laptop.
Read only; each line is a key and parameters for app.i18n to word."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from app.domain.errors import Reason
from app.domain.event_bounds import KindName
from app.domain.events import (
    DISBURSEMENT,
    RESOLUTION,
    REVISE,
    SIGNATURE,
    TRANSFER,
    TRANSFER_RESULT,
    VISIT,
    VOID,
    Event,
)
from app.domain.id_number import mask_id
from app.domain.money import format_fen
from app.domain.resolutions import Decision
from app.domain.visits import Outcome, VisitMode
from app.services.households.application import show_household
from app.store import events as store_events
from app.store import history as store_history
from app.store import teams as store_teams
from app.store.campaigns import list_categories
from app.store.db import Store


@dataclass(frozen=True, slots=True)
class HistoryEntry:
    at: str  # ISO time
    by: str  # the clerk's login, or the team that recorded it
    what: Reason
    where: str = ""  # roster file and row, or laptop and record (ids shortened)
    amount_fen: int = 0  # money this line moved (a payment, a recovery), else 0


@dataclass(frozen=True, slots=True)
class HouseholdHistory:
    name: str
    id_number_masked: str
    entries: tuple[HistoryEntry, ...]  # newest first


def household_history(store: Store, typed: str) -> HouseholdHistory:
    """The household named by ``typed`` (ID number, name, or name and ID tail)."""
    detail = show_household(store, typed)
    h = detail.household
    entries = [
        HistoryEntry(r["at"], r["by"], Reason.of("history.corrected" if r["corrected"]
                                                 else "history.roster", unit=r["unit"]),
                     f"{r['file']} {r['row'] or ''}".strip())
        for r in store_history.roster_trail(store, h.id)
    ]  # fmt: skip
    for c in detail.status_history:
        what = Reason.of("history.status", before=c.from_status, after=c.to_status,
                         reason=c.reason or "-")  # fmt: skip
        entries.append(HistoryEntry(c.changed_at.isoformat(), c.changed_by, what))
    for m in detail.marks:
        entries.append(HistoryEntry(m.received.isoformat(), "", Reason.of(
            "history.mark", mark=m.mark), f"{m.file} {m.row}"))  # fmt: skip
    for a in store_history.assignment_trail(store, h.id):
        key = "history.assigned" if a["team"] else "history.withdrawn"
        what = Reason.of(key, team=a["team"] or "", name=a["team_name"] or "")
        entries.append(HistoryEntry(a["at"], a["by"], what))
    teams = {t["id"]: t["code"] for t in store_teams.list_teams(store, h.campaign_id)}
    events = store_events.events_where(store, "household_id = ?", [h.id])
    names = {c.code: c.name for c in list_categories(store, h.campaign_id)}
    entries += [_event_entry(e, teams.get(e.team_id, ""), names) for e in events]
    entries.sort(key=lambda e: e.at)  # stable: what happened at one time keeps its order
    entries.reverse()
    return HouseholdHistory(h.name, mask_id(h.id_number), tuple(entries))


def _event_entry(e: Event, team: str, categories: dict[str, str]) -> HistoryEntry:
    data: dict[str, Any] = e.data()
    where = f"{e.device_id[:8]}#{e.seq} · {e.record_id[:8]}"
    by = team or e.device_id[:8]
    if e.kind == VISIT:
        what = Reason.of("history.visit", date=data["date"], mode=VisitMode(data["mode"]),
                         outcome=Outcome(data["outcome"]))  # fmt: skip
        return HistoryEntry(e.created_at, by, what, where)
    if e.kind == DISBURSEMENT:
        money = int(data["cash_fen"]) + int(data["goods_fen"])
        what = Reason.of("history.transfer_paid" if data.get("transfer") else "history.paid",
                         category=categories.get(data["category_code"], data["category_code"]),
                         cash=format_fen(data["cash_fen"]),
                         goods=format_fen(data["goods_fen"]))  # fmt: skip
        return HistoryEntry(e.created_at, by, what, where, money)
    if e.kind == RESOLUTION:
        what = Reason.of("history.resolution", decision=Decision(data["decision"]),
                         note=data.get("note", ""))  # fmt: skip
        return HistoryEntry(e.created_at, data.get("by") or by, what, where,
                            int(data.get("amount_fen") or 0))  # fmt: skip
    known = {SIGNATURE, REVISE, VOID, TRANSFER, TRANSFER_RESULT}
    key = f"history.{e.kind}" if e.kind in known else "history.other"
    return HistoryEntry(e.created_at, by, Reason.of(key, kind=KindName(e.kind)), where)
