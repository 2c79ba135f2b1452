"""The office's decisions on flags: a ``resolution`` event names the flag and what it saw.

A flag is known by a short id worked out from its kind, household and the record it is raised
on, so the same problem has the same id in every store and after every merge. A resolution
records the decision (a code), the note, who and when, and the records the flag was about
when it was decided. The flag stays closed while every record it is about is one the
resolution saw; a record it did not see (a third payment, a second 已慰问 with nothing handed
over) brings the flag back, open, until it is decided again. A revision of a record it saw
does not: the office's own revisions (a paper slip received) would reopen what it decided.
Resolutions are records like any other: a wrong one is voided with the ordinary void, and any
number of them in any order close the same flags (the closing one is the newest that covers).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from app.domain.events import RESOLUTION, LiveRecord, record_fields
from app.domain.flags import (
    CONFLICT,
    DOUBLE_PAYMENT,
    NO_PROOF,
    NOT_ASSIGNED,
    NOT_CONFIRMED,
    NOTHING_HANDED,
    OFF_STANDARD,
    OUTSIDE_WINDOW,
    PAPER_PENDING,
    REVISED_VOID,
    SLIP_PENDING,
    Flag,
)


class Decision(StrEnum):
    RECOVERED = "recovered"  # 已追回: the amount, the date and the receipt number; nets the money
    BOTH_RIGHT = "both_right"  # 两笔都对
    VOID_ONE = "void_one"  # 作废其一: one payment voided by the ordinary void
    PAPER_RECEIVED = "paper_received"  # 已收到纸质凭证: the office holds the signed paper
    VOID = "void"  # 作废: the visit voided by the ordinary void
    ACCEPTED = "accepted"  # 认可: right as it stands, for the reason in the note


D = Decision
# The decisions each kind of flag takes, the first the usual one. A kind not listed (added
# later) takes ``accepted``.
DECISIONS: dict[str, tuple[Decision, ...]] = {
    DOUBLE_PAYMENT: (D.RECOVERED, D.BOTH_RIGHT, D.VOID_ONE),
    NO_PROOF: (D.PAPER_RECEIVED, D.ACCEPTED, D.VOID),
    PAPER_PENDING: (D.PAPER_RECEIVED, D.VOID, D.ACCEPTED),
    SLIP_PENDING: (D.PAPER_RECEIVED, D.VOID, D.ACCEPTED),
    NOT_CONFIRMED: (D.RECOVERED, D.VOID, D.ACCEPTED),
    NOTHING_HANDED: (D.ACCEPTED, D.VOID),
    OFF_STANDARD: (D.ACCEPTED, D.VOID),
    OUTSIDE_WINDOW: (D.ACCEPTED, D.VOID),
    NOT_ASSIGNED: (D.ACCEPTED, D.VOID),
    CONFLICT: (D.ACCEPTED,),
    REVISED_VOID: (D.ACCEPTED,),
}
NEEDS_PAYMENT = frozenset({D.RECOVERED, D.VOID_ONE})  # a decision about one payment of the flag


def decisions_for(kind: str) -> tuple[Decision, ...]:
    return DECISIONS.get(kind, (Decision.ACCEPTED,))


ID_LENGTH = 10  # hex digits: 40 bits, no two flags alike among millions


def flag_id(flag: Flag) -> str:
    """The flag's short id, the same wherever and whenever it is worked out."""
    key = "\x1f".join((flag.kind, flag.household_id, flag.record_id)).encode()
    return hashlib.sha256(key).hexdigest()[:ID_LENGTH]


@dataclass(frozen=True, slots=True)
class Resolution:
    """A live resolution record."""

    record_id: str
    flag_id: str
    kind: str
    household_id: str
    team_id: str
    decision: str
    seen: frozenset[str]  # the ids of the records the flag was about when decided
    note: str
    by: str
    at: str
    amount_fen: int = 0  # recovered
    day: str = ""  # ISO date of the recovery
    receipt: str = ""  # the receipt number of the recovery
    target: str = ""  # the payment (or visit) recovered or voided


def resolution_body(
    flag: Flag, decision: Decision, note: str, by: str, at: str, extra: Mapping[str, Any]
) -> dict[str, Any]:
    """A resolution event's body."""
    return {
        "flag": flag_id(flag), "kind": flag.kind, "seen": sorted(flag.seen),
        "decision": str(decision), "note": note, "by": by, "at": at, **extra,
    }  # fmt: skip


def resolutions_in(records: Iterable[LiveRecord]) -> list[Resolution]:
    """The live, not voided resolutions among ``records``."""
    found = []
    for record in records:
        if record.kind != RESOLUTION or record.voided:
            continue
        f = record_fields(record)
        found.append(Resolution(
            record.record_id, f["flag"], f["kind"], record.event.household_id,
            record.event.team_id, f["decision"], frozenset(f["seen"]), f["note"], f["by"],
            f["at"], f.get("amount_fen", 0), f.get("date", ""), f.get("receipt", ""),
            f.get("target", ""),
        ))  # fmt: skip
    return found


def by_flag(resolutions: Iterable[Resolution]) -> dict[str, list[Resolution]]:
    found: dict[str, list[Resolution]] = {}
    for r in resolutions:
        found.setdefault(r.flag_id, []).append(r)
    return found


def closing(flag: Flag, resolutions: Mapping[str, list[Resolution]]) -> Resolution | None:
    """The resolution that closes the flag as it stands now: the newest of those that saw
    every record it is about; None while it is open."""
    seen = frozenset(flag.seen)
    covering = [r for r in resolutions.get(flag_id(flag), ()) if seen <= r.seen]
    return max(covering, key=lambda r: (r.at, r.record_id)) if covering else None
