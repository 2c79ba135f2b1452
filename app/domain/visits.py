"""A visit and what is handed over in it: the words, the checks, the event bodies.

The same checks run for the team window and for a paper sheet entered later, so a record is
never valid in one and refused in the other.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from app.domain.errors import InvalidInput

MODES = ("上门", "电话", "单位")
OUTCOMES = ("已慰问", "不在家", "拒收", "迁出", "去世", "联系不上")
DONE = "已慰问"  # the outcome that hands money over
ROLES = ("本人", "代领")
# Why a recipient cannot sign on the pad (UX.md §6): a print on a paper slip, witnesses sign.
CANNOT_SIGN = ("不识字", "手部不便", "视力", "卧床", "其他")
NOT_MET = ("不在家", "联系不上")  # outcomes that call for another attempt

_MODE_WORDS = {"上门": "上门", "入户": "上门", "家访": "上门", "电话": "电话", "单位": "单位",
               "工作单位": "单位", "home": "上门", "phone": "电话",
               "workplace": "单位"}  # fmt: skip
_OUTCOME_WORDS = {o: o for o in OUTCOMES} | {"慰问": DONE, "完成": DONE, "done": DONE,
                  "未在家": "不在家", "拒绝": "拒收", "搬走": "迁出", "已故": "去世",
                  "失联": "联系不上"}  # fmt: skip


def normalise_mode(text: str) -> str:
    value = text.strip()
    mode = _MODE_WORDS.get(value) or _MODE_WORDS.get(value.lower())
    if mode is None:
        raise InvalidInput("visit.mode", value=text, known="、".join(MODES))
    return mode


def normalise_outcome(text: str) -> str:
    value = text.strip()
    outcome = _OUTCOME_WORDS.get(value) or _OUTCOME_WORDS.get(value.lower())
    if outcome is None:
        raise InvalidInput("visit.outcome", value=text, known="、".join(OUTCOMES))
    return outcome


@dataclass(frozen=True, slots=True)
class Handover:
    """Cash, goods and/or a bank transfer handed over for one category."""

    category_code: str
    cash_fen: int = 0
    goods: str = ""
    goods_fen: int = 0
    transfer: bool = False  # cash_fen goes to the salary card instead of by hand
    off_standard_reason: str = ""


@dataclass(frozen=True, slots=True)
class VisitInput:
    household_id: str
    day: date
    mode: str
    outcome: str
    recipient_role: str = "本人"
    proxy_name: str = ""
    proxy_relation: str = ""
    proxy_reason: str = ""
    reached_in_person: bool = False  # a phone visit: the person was reached on the line
    visitors: tuple[str, ...] = ()
    conditions: str = ""
    opinions: str = ""  # 意见建议
    notes: str = ""
    paper_signed: bool = False  # signed a paper 签收表 (the paper fallback)
    handovers: tuple[Handover, ...] = field(default_factory=tuple)
    source: str = "window"  # window | paper
    attempted_at: str = ""  # HH:MM of the attempt (not at home, phone not answered)
    revisit_on: date | None = None  # the next attempt, planned
    cannot_sign: str = ""  # one of CANNOT_SIGN: the recipient gives a print on paper


def check_visit(visit: VisitInput, standard_fen: dict[str, tuple[int, int]]) -> None:
    """Refuse what can never be right; ``standard_fen``: category code → (cash, goods)."""
    if visit.mode not in MODES:
        raise InvalidInput("visit.mode", value=visit.mode, known="、".join(MODES))
    if visit.outcome not in OUTCOMES:
        raise InvalidInput("visit.outcome", value=visit.outcome, known="、".join(OUTCOMES))
    if visit.recipient_role == "代领" and not (
        visit.proxy_name.strip() and visit.proxy_relation.strip() and visit.proxy_reason.strip()
    ):
        raise InvalidInput("visit.proxy_missing")
    if visit.outcome != DONE and visit.handovers:
        raise InvalidInput("visit.handover_without_visit", outcome=visit.outcome)
    hours, _, minutes = visit.attempted_at.partition(":")
    if visit.attempted_at and not (hours.isdigit() and minutes.isdigit() and len(minutes) == 2
                                   and int(hours) < 24 and int(minutes) < 60):  # fmt: skip
        raise InvalidInput("visit.attempted_at", value=visit.attempted_at)
    if visit.revisit_on is not None and visit.revisit_on < visit.day:
        raise InvalidInput("visit.revisit_past", date=visit.revisit_on.isoformat())
    if visit.cannot_sign and visit.cannot_sign not in CANNOT_SIGN:
        known = "、".join(CANNOT_SIGN)
        raise InvalidInput("visit.cannot_sign", value=visit.cannot_sign, known=known)
    for handover in visit.handovers:
        if handover.category_code not in standard_fen:
            raise InvalidInput("visit.category", code=handover.category_code)
        if handover.cash_fen < 0 or handover.goods_fen < 0:
            raise InvalidInput("visit.negative")
        cash, goods = standard_fen[handover.category_code]
        off = (handover.cash_fen, handover.goods_fen) != (cash, goods)
        if off and not handover.off_standard_reason.strip() and visit.source == "window":
            raise InvalidInput("visit.off_standard_reason")


def visit_body(visit: VisitInput, visit_id: str) -> dict[str, Any]:
    body = {
        "visit_id": visit_id,
        "household_id": visit.household_id,
        "date": visit.day.isoformat(),
        "mode": visit.mode,
        "outcome": visit.outcome,
        "recipient_role": visit.recipient_role,
        "proxy": {"name": visit.proxy_name, "relation": visit.proxy_relation,
                  "reason": visit.proxy_reason} if visit.recipient_role == "代领" else None,
        "reached_in_person": visit.reached_in_person,
        "visitors": list(visit.visitors),
        "conditions": visit.conditions,
        "opinions": visit.opinions,
        "notes": visit.notes,
        "paper_signed": visit.paper_signed,
        "source": visit.source,
    }  # fmt: skip
    # Only when used, so a plain visit's body (and its hash) is as before.
    extra = {"attempted_at": visit.attempted_at, "cannot_sign": visit.cannot_sign,
             "revisit_on": visit.revisit_on.isoformat() if visit.revisit_on else ""}
    body.update({k: v for k, v in extra.items() if v})
    return body


def disbursement_body(handover: Handover, visit_id: str, household_id: str, day: date) -> dict:
    return {
        "visit_id": visit_id,
        "household_id": household_id,
        "date": day.isoformat(),
        "category_code": handover.category_code,
        "cash_fen": handover.cash_fen,
        "goods": handover.goods,
        "goods_fen": handover.goods_fen,
        "transfer": handover.transfer,
        "off_standard_reason": handover.off_standard_reason,
    }
