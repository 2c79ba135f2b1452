"""What the printed documents show, gathered from the store: visits with what was handed over
and the signatures checked again, cash counts, fonts, the output file.

Printing reads; it never writes a record. A signature prints only when both of its hashes
verify and it is bound to the visit and the cash being printed (UX.md §5); otherwise the
document says so in its place and the caller gets a ``PrintProblem`` naming the household.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from app.documents.pdf_fonts import FontChain, FontUnusable, font_chain
from app.documents.pdf_signature import SignatureMark
from app.domain.campaign import CONFIRMED, DECLINED
from app.domain.errors import InvalidInput, NotFound
from app.domain.events import CASH_COUNT, DISBURSEMENT, SIGNATURE, VISIT, LiveRecord, record_fields
from app.domain.id_number import mask_id
from app.domain.signature import signature_from_body, unpack_strokes, verify
from app.domain.text import clean
from app.i18n import text
from app.services.infra import context
from app.store import documents as store_documents
from app.store import teams as store_teams
from app.store.db import Store


@dataclass(frozen=True, slots=True)
class PrintProblem:
    """Something printed differently from the record (a signature left out), for the clerk."""

    key: str
    params: tuple[tuple[str, str], ...]

    def text(self, lang: str | None = None) -> str:
        return text(self.key, lang, **dict(self.params))


@dataclass(frozen=True, slots=True)
class Printed:
    path: Path
    pages: int | None  # None for a workbook
    count: int  # letters, receipts, rows … printed
    problems: tuple[PrintProblem, ...] = ()


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
    def cash_fen(self) -> int:
        return sum(d["cash_fen"] for d in self.disbursements)

    @property
    def transfer_fen(self) -> int:
        return sum(d["cash_fen"] for d in self.disbursements if d.get("transfer"))

    @property
    def goods_fen(self) -> int:
        return sum(d["goods_fen"] for d in self.disbursements)

    @property
    def goods(self) -> str:
        return "，".join(d["goods"] for d in self.disbursements if d["goods"])

    @property
    def time(self) -> str:
        """HH:MM of the visit: the attempt time typed, else when it was saved."""
        return str(self.fields.get("attempted_at") or self.created_at[11:16])


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


def signature_marks(
    visit: VisitData, who: str, problems: list[PrintProblem]
) -> tuple[SignatureMark, ...]:
    """The visit's signatures, each verified again; a failure is drawn as refused and reported
    (``who``: the household's name and masked ID)."""
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
            problems.append(PrintProblem("print.signature_refused",
                                         (("household", who), ("date", visit.day))))  # fmt: skip
        marks.append(SignatureMark(
            role=record.signer_role, signer_name=record.signer_name, strokes=record.strokes,
            check_code=record.check_code, ok=ok, method=record.method,
            slip_number=record.slip_number, relation=record.signer_relation,
        ))  # fmt: skip
    if visit.bad_signatures:
        problems.append(PrintProblem("print.signature_refused",
                                     (("household", who), ("date", visit.day))))  # fmt: skip
    return tuple(marks)


def who(row: Mapping[str, Any]) -> str:
    return f"{row['name']}（{mask_id(row['id_number'])}）"


# --- inputs ------------------------------------------------------------------------------------


def find_team(store: Store, campaign_id: str, code: str) -> dict[str, Any]:
    team = store_teams.team_by_code(store, campaign_id, clean(code))
    if team is None:
        raise NotFound("print.team_unknown", team=code)
    return team


def team_label(team: Mapping[str, Any]) -> str:
    return f"{team['name']}（组长 {team['leader']}）"


def output(out: Path | str, suffixes: Iterable[str]) -> Path:
    """The --out file, checked before any work: a known ending, not a folder."""
    path = Path(out)
    allowed = tuple(suffixes)
    if path.suffix.lower() not in allowed:
        raise InvalidInput("print.out_suffix", file=str(path), allowed=tuple(allowed))
    if path.is_dir():
        raise InvalidInput("print.out_unwritable", file=str(path), detail="是文件夹 (a folder)")
    return path


def unwritable(path: Path, exc: OSError) -> InvalidInput:
    return context.unwritable(path, exc, key="print.out_unwritable")


def chain_for(store: Store, kind: str) -> FontChain:
    """The font chain for ``letter`` or ``table`` printing (a system font when set and present)."""
    setting = store_documents.print_settings(store).get(f"{kind}_font", "").strip()
    try:
        return font_chain(Path(setting) if setting else None)
    except FontUnusable as exc:
        raise InvalidInput("print.font_unusable", file=str(exc.path)) from None


def check_glyphs(chain: FontChain, items: Iterable[tuple[str, str]]) -> None:
    """Refuse before printing when a text holds a character no font can draw (never a blank
    box): ``items`` are (whose, text)."""
    for whose, value in items:
        if value and (missing := chain.missing(value)):
            raise InvalidInput("print.missing_glyph", who=whose, chars=tuple(missing))


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
