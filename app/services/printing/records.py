"""What the printed documents are made of, read from the store: the team and the day asked for,
the households on the visit list, and visits with what was handed over and their signatures
checked again.

Printing reads; it never writes a record. A signature prints only when both of its hashes
verify and it is bound to the visit and the cash being printed (UX.md §5); otherwise the
document says so in its place and the caller gets a problem (a ``Reason``) naming the household.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from app.documents.pdf_signature import SignatureMark
from app.documents.words import Proxy
from app.domain.campaign import CONFIRMED, DECLINED
from app.domain.errors import InvalidInput, NotFound, Reason
from app.domain.events import (
    CASH_COUNT,
    DISBURSEMENT,
    SIGNATURE,
    VISIT,
    LiveRecord,
    live_records,
    record_fields,
)
from app.domain.id_number import mask_id
from app.domain.signature import signature_from_body, unpack_strokes, verify
from app.domain.text import clean
from app.store import events as store_events
from app.store import teams as store_teams
from app.store.db import Store


@dataclass(slots=True)
class VisitData:
    visit_id: str
    household_id: str
    team_id: str
    created_at: str
    voided: bool
    fields: dict[str, Any]
    disbursements: list[dict[str, Any]] = field(default_factory=list)  # live, not voided
    signatures: list[tuple[Any, dict[str, Any]]] = field(default_factory=list)
    bad_signatures: int = 0  # signature events whose body could not be read at all

    @property
    def day(self) -> str:
        return str(self.fields["date"])

    @property
    def when(self) -> date:
        return date.fromisoformat(self.day)

    @property
    def cash_fen(self) -> int:
        return sum(d["cash_fen"] for d in self.disbursements)

    @property
    def transfer_fen(self) -> int:
        return sum(d["cash_fen"] for d in self.disbursements if d.get("transfer"))

    @property
    def goods_fen(self) -> int:
        return sum(d["goods_fen"] for d in self.disbursements)

    @property
    def goods(self) -> tuple[str, ...]:
        return tuple(d["goods"] for d in self.disbursements if d["goods"])

    @property
    def time(self) -> str:
        """HH:MM of the visit: the attempt time typed, else when it was saved."""
        return str(self.fields.get("attempted_at") or self.created_at[11:16])

    @property
    def visitors(self) -> tuple[str, ...]:
        return tuple(self.fields.get("visitors") or ())

    @property
    def proxy(self) -> Proxy | None:
        """Who collected for the household, when someone did."""
        proxy = self.fields.get("proxy") or {}
        if not proxy.get("name"):
            return None
        return Proxy(proxy["name"], proxy.get("relation") or "", proxy.get("reason") or "")


@dataclass(slots=True)
class Records:
    visits: dict[str, VisitData]
    cash_counts: list[tuple[str, dict[str, Any]]]  # (team id, body)


def collect(records: Mapping[str, LiveRecord]) -> Records:
    """Visits with their live disbursements and signatures, and the cash counts."""
    visits: dict[str, VisitData] = {}
    pending: list[LiveRecord] = []
    counts: list[tuple[str, dict[str, Any]]] = []
    for record in records.values():
        if record.kind == VISIT:
            fields = record_fields(record)
            event = record.event
            visits[record.record_id] = VisitData(
                record.record_id, event.household_id, event.team_id, event.created_at,
                record.voided, fields,
            )  # fmt: skip
        elif record.kind in (DISBURSEMENT, SIGNATURE):
            pending.append(record)
        elif record.kind == CASH_COUNT and not record.voided:
            counts.append((record.event.team_id, record_fields(record)))
    for record in pending:
        fields = record_fields(record)
        if record.kind == DISBURSEMENT:
            visit = visits.get(fields.get("visit_id", ""))
            if visit is not None and not record.voided:
                visit.disbursements.append(fields)
            continue
        visit = visits.get(str(fields.get("visit", "")))
        if visit is None:
            continue
        try:
            visit.signatures.append(signature_from_body(fields))
        except (TypeError, ValueError, KeyError):
            visit.bad_signatures += 1
    return Records(visits, counts)


def live_state_of_team(store: Store, team_id: str) -> dict[str, LiveRecord]:
    """The live records a team wrote (voids and revisions of them carry the same team)."""
    return live_records(store_events.team_events(store, team_id))


def refused_signature(visit: VisitData, row: Mapping[str, Any]) -> Reason:
    """The problem of a signature left out: whose (name and masked ID) and of which day."""
    return Reason.of("print.signature_refused", name=row["name"],
                     id=mask_id(row["id_number"]), date=visit.day)  # fmt: skip


def signature_marks(
    visit: VisitData, row: Mapping[str, Any], problems: list[Reason]
) -> tuple[SignatureMark, ...]:
    """The visit's signatures, each verified again; a failure is drawn as refused and reported
    (``row``: the household's)."""
    marks = []
    cash = visit.cash_fen
    for record, content in sorted(visit.signatures, key=lambda s: s[0].started_at):
        try:
            ok = (
                verify(record, content)
                and content.get("visit") == visit.visit_id
                and content.get("cash_fen") == cash
            )
            if ok:
                unpack_strokes(record.strokes)  # a damaged text refuses too, never a crash
        except (ValueError, TypeError):
            ok = False
        if not ok:
            problems.append(refused_signature(visit, row))
        marks.append(SignatureMark(
            role=record.signer_role, signer_name=record.signer_name, strokes=record.strokes,
            check_code=record.check_code, ok=ok, method=record.method,
            slip_number=record.slip_number, relation=record.signer_relation,
        ))  # fmt: skip
    if visit.bad_signatures:
        problems.append(refused_signature(visit, row))
    return tuple(marks)


# --- what was asked for --------------------------------------------------------------------------


def find_team(store: Store, campaign_id: str, code: str) -> dict[str, Any]:
    team = store_teams.team_by_code(store, campaign_id, clean(code))
    if team is None:
        raise NotFound("print.team_unknown", team=code)
    return team


def in_visit_list(row: Mapping[str, Any]) -> bool:
    """Households the campaign visits: confirmed, or given to a team (and not declined)."""
    return row["status"] != DECLINED and (row["status"] == CONFIRMED or bool(row["team_id"]))


def parse_day(value: date | str | None) -> date | None:
    if value is None or isinstance(value, date):
        return value
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise InvalidInput("print.bad_date", value=value) from None
