"""Phone visits and contradictory choices: who answered agrees with the outcome, nothing is handed
over by hand or signed by phone, and only 本人 counts where the plan says the person must be
reached."""

from __future__ import annotations

from datetime import date

import pytest

from app.domain.errors import InvalidInput
from app.domain.visits import (
    Handover,
    Outcome,
    PhoneAnswer,
    RecipientRole,
    VisitInput,
    VisitMode,
    check_visit,
    counts_as_visited,
    normalise_answer,
    visit_body,
)
from app.i18n import render

STANDARDS = {"KN": (100_000, 0), "NMG": (50_000, 10_000)}
DAY = date(2027, 1, 21)


def phone(**kwargs: object) -> VisitInput:
    fields: dict[str, object] = {
        "household_id": "h1", "day": DAY, "mode": VisitMode.PHONE, "outcome": Outcome.VISITED,
        "answered": PhoneAnswer.SELF,
    }  # fmt: skip
    return VisitInput(**{**fields, **kwargs})  # type: ignore[arg-type]


def refused(visit: VisitInput) -> str:
    with pytest.raises(InvalidInput) as caught:
        check_visit(visit, STANDARDS)
    return render(caught.value)


def test_a_phone_visit_answered_by_the_person_with_a_transfer_is_accepted() -> None:
    check_visit(phone(handovers=(Handover("KN", cash_fen=100_000, transfer=True),)), STANDARDS)
    check_visit(phone(answered=PhoneAnswer.FAMILY), STANDARDS)
    check_visit(phone(answered=PhoneAnswer.NO_ANSWER, outcome=Outcome.UNREACHABLE), STANDARDS)


@pytest.mark.parametrize(
    ("visit", "sentence"),
    [
        (phone(outcome=Outcome.UNREACHABLE), "“本人”接听了电话，结果不能是“联系不上”"),
        (phone(answered=PhoneAnswer.FAMILY, outcome=Outcome.UNREACHABLE),
         "“家属”接听了电话，结果不能是“联系不上”"),
        (phone(answered=PhoneAnswer.NO_ANSWER), "无人接听时结果不能是“已慰问”"),
        (phone(answered=None), "电话慰问须写明接听人：本人、家属或无人接听"),
        (phone(handovers=(Handover("KN", cash_fen=100_000),)),
         "电话慰问不能当面发放慰问金（品）；慰问金可转账"),
        (phone(handovers=(Handover("NMG", goods="大米", goods_fen=10_000),)),
         "电话慰问不能当面发放慰问金（品）；慰问金可转账"),
        (phone(paper_signed=True), "电话慰问没有签名"),
        (phone(recipient_role=RecipientRole.PROXY, proxy_name="张小明", proxy_relation="儿子",
               proxy_reason="住院"), "电话走访不能代领"),
        (phone(mode=VisitMode.HOME), "接听人只用于电话走访，本次方式是“上门”"),
        (phone(mode=VisitMode.HOME, answered=None, outcome=Outcome.NOT_HOME,
               recipient_role=RecipientRole.PROXY, proxy_name="张小明", proxy_relation="儿子",
               proxy_reason="住院"), "结果为“不在家”时没有见到人，不能代领"),
    ],
)  # fmt: skip
def test_contradictions_are_refused_with_a_sentence(visit: VisitInput, sentence: str) -> None:
    assert refused(visit) == sentence


def test_who_answered_as_people_write_it() -> None:
    assert normalise_answer("本人接听") == PhoneAnswer.SELF
    assert normalise_answer("家人") == PhoneAnswer.FAMILY
    assert normalise_answer("未接通") == PhoneAnswer.NO_ANSWER
    with pytest.raises(InvalidInput) as caught:
        normalise_answer("邻居")
    assert render(caught.value) == "接听人“邻居”无效，可用：本人、家属、无人接听"


@pytest.mark.parametrize(
    ("answered", "must_reach", "counted"),
    [(PhoneAnswer.SELF, True, True), (PhoneAnswer.FAMILY, True, False),
     (PhoneAnswer.FAMILY, False, True)],
)  # fmt: skip
def test_only_the_person_counts_where_the_plan_says_so(
    answered: PhoneAnswer, must_reach: bool, counted: bool
) -> None:
    body = visit_body(phone(answered=answered), "v1")
    assert counts_as_visited(body, phone_must_reach=must_reach) is counted
    home = visit_body(phone(mode=VisitMode.HOME, answered=None), "v2")
    assert counts_as_visited(home, phone_must_reach=True)


def test_a_body_written_before_who_answered_still_counts_by_reached_in_person() -> None:
    old = {"mode": "phone", "outcome": "visited", "reached_in_person": True}
    assert counts_as_visited(old, phone_must_reach=True)
    assert not counts_as_visited({**old, "reached_in_person": False}, phone_must_reach=True)
