"""A visit and what is handed over in it: the words, the checks, the event bodies.

The same checks run for the team window and for a paper sheet entered later, so a record is
never valid in one and refused in the other.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any

from app.domain.codes import parse_code
from app.domain.errors import InvalidInput


class VisitMode(StrEnum):
    HOME = "home"  # 上门
    PHONE = "phone"  # 电话
    WORKPLACE = "workplace"  # 单位


class Outcome(StrEnum):
    VISITED = "visited"  # 已慰问: the outcome that hands money over
    NOT_HOME = "not_home"  # 不在家
    REFUSED = "refused"  # 拒收
    MOVED_OUT = "moved_out"  # 迁出
    DECEASED = "deceased"  # 去世
    UNREACHABLE = "unreachable"  # 联系不上


class RecipientRole(StrEnum):
    """Who received: the person (本人) or someone for them (代领)."""

    SELF = "self"
    PROXY = "proxy"


class PhoneAnswer(StrEnum):
    """Who answered a phone visit (电话): only the person counts where the plan says
    实行电话慰问的，务必联系到本人."""

    # Not "self": a code is its own catalogue entry, and RecipientRole.SELF has that one.
    SELF = "person"  # 本人
    FAMILY = "family"  # 家属
    NO_ANSWER = "no_answer"  # 无人接听


class PlanScope(StrEnum):
    """Who a planned visit mode is decided for: newest of the household's own, its unit's, the
    campaign's (else 上门)."""

    CAMPAIGN = "campaign"
    UNIT = "unit"
    HOUSEHOLD = "household"


class CannotSign(StrEnum):
    """Why a recipient cannot sign on the pad (UX.md §6): a print on paper, witnesses sign."""

    ILLITERATE = "illiterate"  # 不识字
    HAND = "hand_impaired"  # 手部不便
    SIGHT = "sight_impaired"  # 视力
    BEDRIDDEN = "bedridden"  # 卧床
    OTHER = "other"  # 其他


MODES = tuple(VisitMode)
OUTCOMES = tuple(Outcome)
DONE = Outcome.VISITED
ROLES = tuple(RecipientRole)
ANSWERS = tuple(PhoneAnswer)
CANNOT_SIGN = tuple(CannotSign)
NOT_MET = (Outcome.NOT_HOME, Outcome.UNREACHABLE)  # outcomes that call for another attempt

# The words clerks write on paper sheets and in rosters.
_MODE_WORDS = {"上门": VisitMode.HOME, "入户": VisitMode.HOME, "家访": VisitMode.HOME,
               "电话": VisitMode.PHONE, "单位": VisitMode.WORKPLACE,
               "工作单位": VisitMode.WORKPLACE}  # fmt: skip
_OUTCOME_WORDS = {"已慰问": DONE, "慰问": DONE, "完成": DONE, "done": DONE,
                  "不在家": Outcome.NOT_HOME, "未在家": Outcome.NOT_HOME,
                  "拒收": Outcome.REFUSED, "拒绝": Outcome.REFUSED, "迁出": Outcome.MOVED_OUT,
                  "搬走": Outcome.MOVED_OUT, "去世": Outcome.DECEASED, "已故": Outcome.DECEASED,
                  "联系不上": Outcome.UNREACHABLE, "失联": Outcome.UNREACHABLE}  # fmt: skip
_ROLE_WORDS = {"本人": RecipientRole.SELF, "代领": RecipientRole.PROXY}
_ANSWER_WORDS = {"本人": PhoneAnswer.SELF, "本人接听": PhoneAnswer.SELF,
                 "家属": PhoneAnswer.FAMILY, "家属接听": PhoneAnswer.FAMILY,
                 "家人": PhoneAnswer.FAMILY, "亲属": PhoneAnswer.FAMILY,
                 "无人接听": PhoneAnswer.NO_ANSWER, "无人接": PhoneAnswer.NO_ANSWER,
                 "未接通": PhoneAnswer.NO_ANSWER, "没人接": PhoneAnswer.NO_ANSWER}  # fmt: skip
_CANNOT_SIGN_WORDS = {"不识字": CannotSign.ILLITERATE, "手部不便": CannotSign.HAND,
                      "视力": CannotSign.SIGHT, "视力不便": CannotSign.SIGHT,
                      "卧床": CannotSign.BEDRIDDEN, "其他": CannotSign.OTHER}  # fmt: skip
# Bodies written before codes (bundle format 1) hold the words (app.domain.legacy).
LEGACY_WORDS: dict[str, dict[str, StrEnum]] = {
    "mode": dict(_MODE_WORDS), "outcome": dict(_OUTCOME_WORDS),
    "recipient_role": dict(_ROLE_WORDS), "cannot_sign": dict(_CANNOT_SIGN_WORDS),
    "reason": dict(_CANNOT_SIGN_WORDS),  # a thumbprint signature's reason
    "method": {"按手印": "thumbprint"},  # type: ignore[dict-item]  # SignatureMethod.THUMBPRINT
}  # fmt: skip


def normalise_mode(text: str) -> VisitMode:
    mode = parse_code(VisitMode, text, _MODE_WORDS)
    if mode is None:
        raise InvalidInput("visit.mode", value=text, known=MODES)
    return mode


def normalise_outcome(text: str) -> Outcome:
    outcome = parse_code(Outcome, text, _OUTCOME_WORDS)
    if outcome is None:
        raise InvalidInput("visit.outcome", value=text, known=OUTCOMES)
    return outcome


def normalise_answer(text: str) -> PhoneAnswer:
    answer = parse_code(PhoneAnswer, text, _ANSWER_WORDS)
    if answer is None:
        raise InvalidInput("visit.answered", value=text, known=ANSWERS)
    return answer


def normalise_cannot_sign(text: str) -> CannotSign:
    reason = parse_code(CannotSign, text, _CANNOT_SIGN_WORDS)
    if reason is None:
        raise InvalidInput("visit.cannot_sign", value=text, known=CANNOT_SIGN)
    return reason


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
    mode: VisitMode
    outcome: Outcome
    recipient_role: RecipientRole = RecipientRole.SELF
    proxy_name: str = ""
    proxy_relation: str = ""
    proxy_reason: str = ""
    answered: PhoneAnswer | None = None  # a phone visit: who answered
    visitors: tuple[str, ...] = ()
    conditions: str = ""
    opinions: str = ""  # 意见建议
    notes: str = ""
    paper_signed: bool = False  # signed a paper 签收表 (the paper fallback)
    handovers: tuple[Handover, ...] = field(default_factory=tuple)
    source: str = "window"  # window | paper
    attempted_at: str = ""  # HH:MM of the attempt (not at home, phone not answered)
    revisit_on: date | None = None  # the next attempt, planned
    cannot_sign: CannotSign | None = None  # the recipient gives a print on paper

    @property
    def reached_in_person(self) -> bool:
        """A phone visit that reached the person (本人接听)."""
        return self.mode == VisitMode.PHONE and self.answered == PhoneAnswer.SELF


def check_visit(visit: VisitInput, standard_fen: dict[str, tuple[int, int]]) -> None:
    """Refuse what can never be right; ``standard_fen``: category code → (cash, goods)."""
    if visit.mode not in MODES:
        raise InvalidInput("visit.mode", value=visit.mode, known=MODES)
    if visit.outcome not in OUTCOMES:
        raise InvalidInput("visit.outcome", value=visit.outcome, known=OUTCOMES)
    if visit.recipient_role not in ROLES:
        raise InvalidInput("visit.role", value=visit.recipient_role, known=ROLES)
    if visit.recipient_role == RecipientRole.PROXY and not (
        visit.proxy_name.strip() and visit.proxy_relation.strip() and visit.proxy_reason.strip()
    ):
        raise InvalidInput("visit.proxy_missing")
    if visit.outcome != DONE and visit.handovers:
        raise InvalidInput("visit.handover_without_visit", outcome=visit.outcome)
    if visit.attempted_at and not _is_clock_time(visit.attempted_at):
        raise InvalidInput("visit.attempted_at", value=visit.attempted_at)
    if visit.revisit_on is not None and visit.revisit_on < visit.day:
        raise InvalidInput("visit.revisit_past", date=visit.revisit_on.isoformat())
    if visit.cannot_sign is not None and visit.cannot_sign not in CANNOT_SIGN:
        raise InvalidInput("visit.cannot_sign", value=visit.cannot_sign, known=CANNOT_SIGN)
    check_combination(visit)
    _check_handovers(visit, standard_fen)


def check_combination(visit: VisitInput) -> None:
    """Refuse choices that contradict each other (docs/decisions.md lists them): nobody met
    and yet a proxy, a phone call and a hand-over, nobody reached and yet someone answered."""
    phone = visit.mode == VisitMode.PHONE
    if visit.answered is not None and visit.answered not in ANSWERS:
        raise InvalidInput("visit.answered", value=visit.answered, known=ANSWERS)
    if visit.answered is not None and not phone:
        raise InvalidInput("visit.answered_not_phone", mode=visit.mode)
    if visit.recipient_role == RecipientRole.PROXY and phone:
        raise InvalidInput("visit.phone_proxy")
    if visit.recipient_role == RecipientRole.PROXY and visit.outcome in NOT_MET:
        raise InvalidInput("visit.proxy_not_met", outcome=visit.outcome)
    if phone:
        _check_phone(visit)


def _check_phone(visit: VisitInput) -> None:
    """A phone visit: who answered agrees with the outcome; nothing is handed over by hand
    and nothing signed (a transfer to the salary card can be due)."""
    answered, outcome = visit.answered, visit.outcome
    if answered is None and outcome == DONE:
        raise InvalidInput("visit.answered_missing")
    if answered in (PhoneAnswer.SELF, PhoneAnswer.FAMILY) and outcome == Outcome.UNREACHABLE:
        raise InvalidInput("visit.answered_unreachable", answered=answered, outcome=outcome)
    if answered == PhoneAnswer.NO_ANSWER and outcome in (DONE, Outcome.REFUSED):
        raise InvalidInput("visit.no_answer_outcome", answered=answered, outcome=outcome)
    if by_hand(visit):
        raise InvalidInput("visit.phone_handover")
    if visit.paper_signed or visit.cannot_sign is not None:
        raise InvalidInput("visit.phone_signed")


def _is_clock_time(text: str) -> bool:
    """HH:MM on a 24-hour clock (9:05 too)."""
    hours, _, minutes = text.partition(":")
    return (
        hours.isdigit()
        and minutes.isdigit()
        and len(minutes) == 2
        and int(hours) < 24
        and int(minutes) < 60
    )


def _check_handovers(visit: VisitInput, standard_fen: dict[str, tuple[int, int]]) -> None:
    """A known category, no negative amount; off the standard only with a reason (window)."""
    for handover in visit.handovers:
        if handover.category_code not in standard_fen:
            raise InvalidInput("visit.category", code=handover.category_code)
        if handover.cash_fen < 0 or handover.goods_fen < 0:
            raise InvalidInput("visit.negative")
        cash, goods = standard_fen[handover.category_code]
        # Goods never go by phone (refused above): there only the cash is held to the standard.
        by_phone = visit.mode == VisitMode.PHONE
        off = handover.cash_fen != cash or (handover.goods_fen != goods and not by_phone)
        if off and not handover.off_standard_reason.strip() and visit.source == "window":
            raise InvalidInput("visit.off_standard_reason")


def by_hand(visit: VisitInput) -> bool:
    """Whether anything is handed over by hand (cash not marked for a transfer, or goods): what
    a signature is for. A transfer to the card needs none: the bank's answer is its proof."""
    return any(h.goods or h.goods_fen or (h.cash_fen and not h.transfer) for h in visit.handovers)


def visit_body(visit: VisitInput, visit_id: str) -> dict[str, Any]:
    body = {
        "visit_id": visit_id,
        "household_id": visit.household_id,
        "date": visit.day.isoformat(),
        "mode": str(visit.mode),
        "outcome": str(visit.outcome),
        "recipient_role": str(visit.recipient_role),
        "proxy": {"name": visit.proxy_name, "relation": visit.proxy_relation,
                  "reason": visit.proxy_reason}
        if visit.recipient_role == RecipientRole.PROXY else None,
        "reached_in_person": visit.reached_in_person,
        "visitors": list(visit.visitors),
        "conditions": visit.conditions,
        "opinions": visit.opinions,
        "notes": visit.notes,
        "paper_signed": visit.paper_signed,
        "source": visit.source,
    }  # fmt: skip
    # Only when used, so a plain visit's body (and its hash) holds no empty fields.
    extra = {
        "answered": str(visit.answered or "") if visit.mode == VisitMode.PHONE else "",
        "attempted_at": visit.attempted_at,
        "cannot_sign": str(visit.cannot_sign or ""),
        "revisit_on": visit.revisit_on.isoformat() if visit.revisit_on else "",
    }
    body.update({k: v for k, v in extra.items() if v})
    return body


def answered_of(fields: Mapping[str, Any]) -> PhoneAnswer | None:
    """Who answered a recorded phone visit; a body written before ``answered`` knew only
    whether the person was reached."""
    if fields.get("mode") != VisitMode.PHONE:
        return None
    if written := fields.get("answered"):
        return PhoneAnswer(written)
    return PhoneAnswer.SELF if fields.get("reached_in_person") else None


def counts_as_visited(fields: Mapping[str, Any], *, phone_must_reach: bool) -> bool:
    """已慰问 as progress, the summary and the window count it: a phone visit only when the
    person answered, where the plan says the person must be reached."""
    if fields.get("outcome") != DONE:
        return False
    if not phone_must_reach or fields.get("mode") != VisitMode.PHONE:
        return True
    return answered_of(fields) == PhoneAnswer.SELF


def disbursement_body(
    handover: Handover, visit_id: str, household_id: str, day: date
) -> dict[str, Any]:
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
