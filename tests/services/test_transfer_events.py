"""Transfer events merge as a set union: any order of the desk's events, with repeats, gives
the same transfers, totals and flags; every body passes the office's door check."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.domain.bank_cards import luhn_ok
from app.domain.campaign import new_id
from app.domain.event_bodies import check_bodies
from app.domain.events import (
    TRANSFER_RESULT,
    VOID,
    Event,
    canonical,
    check_chains,
    hash_is_valid,
    live_records,
)
from app.domain.flags import transfer_flags
from app.domain.id_number import check_digit
from app.domain.transfers import (
    TransferOutcome,
    desk_states,
    result_bodies,
    result_body,
    totals,
    transfer_states,
)
from app.services.bundles.devices import NewEvent
from app.services.campaign import setup as campaigns
from app.services.rosters.importing import import_roster
from app.services.transfers import accounts, batches, ledger, results
from app.store import households as store_households
from app.store import transfers as store_transfers
from app.store.db import Store
from tests.builders import ACTOR, confirm_all


def _card(i: int, prefix: str = "6222020") -> str:
    base = f"{prefix}{i:011d}"
    return next(base + d for d in "0123456789" if luhn_ok(base + d))


def _roster(path: Path) -> Path:
    with path.open("w", newline="", encoding="utf-8-sig") as f:
        w = csv.writer(f)
        w.writerow(["姓名", "身份证号", "慰问类别", "开户行", "银行卡号"])
        for i in range(6):
            first17 = f"12011619500{i + 1}0{i + 1}00{i}"
            w.writerow(["张" + "一二三四五六"[i], first17 + check_digit(first17), "LT", "工商银行",
                        _card(i)])  # fmt: skip
    return path


def _answer(s: Store, path: Path, code: str, failing: tuple[int, ...]) -> Path:
    states = [x for x in ledger.read_book(s).states.values() if x.batch_code == code]
    cards = store_transfers.accounts_by_id(s, str(s.conn.execute("SELECT id FROM campaign")
                                                  .fetchone()[0]))  # fmt: skip
    with path.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["账号", "金额", "状态", "原因"])
        for k, x in enumerate(states):
            w.writerow(
                [
                    cards[x.account_id].card,
                    x.amount_fen / 100,
                    "失败" if k in failing else "成功",
                    "户名不符" if k in failing else "",
                ]
            )
    return path


@pytest.fixture(scope="module")
def desk(tmp_path_factory: pytest.TempPathFactory) -> list[Event]:
    """Two batches (two failures re-sent) and a stray second answer that contradicts one."""
    folder = tmp_path_factory.mktemp("desk")
    with Store(folder / "t.db") as s:
        campaigns.init_campaign(s, name="春节", organizer="工会", start=date(2027, 1, 20),
                                end=date(2027, 1, 28), min_living="780", actor=ACTOR)  # fmt: skip
        campaigns.add_category(s, code="LT", name="离退休", cash="2000", actor=ACTOR)
        assert import_roster(s, _roster(folder / "r.csv"), unit="学校", actor=ACTOR).applied
        accounts.set_category_payment(s, "LT", "transfer")
        confirm_all(s, actor=ACTOR)
        first = batches.list_transfers(s, folder / "1.xlsx", actor=ACTOR)
        results.read_bank_result(s, _answer(s, folder / "1.csv", first.code, (1, 4)), actor=ACTOR)
        for n, f in enumerate(results_failed := [x for x in ledger.read_book(s).states.values()
                                                 if x.outcome == "failed"]):  # fmt: skip
            number = store_households.household_names(s, [f.household_id])[f.household_id][1]
            accounts.set_card(s, number, bank="建设银行", card=_card(n, "6217000"), actor=ACTOR)
        assert len(results_failed) == 2
        second = batches.list_transfers(s, folder / "2.xlsx", actor=ACTOR)
        results.read_bank_result(s, _answer(s, folder / "2.csv", second.code, ()), actor=ACTOR)
        paid = next(x for x in ledger.read_book(s).states.values() if x.paid)
        with s.transaction():  # a second answer for a paid one, as another file might say
            ledger.write(s, [NewEvent(TRANSFER_RESULT, new_id(), paid.household_id, "",
                                      result_body(transfer_id=paid.transfer_id,
                                                  outcome=TransferOutcome.FAILED, reason="退票",
                                                  file_sha256="0" * 64, file="x.csv", line=2,
                                                  day=date(2027, 1, 21)))], ACTOR)  # fmt: skip
        return ledger.desk_events(s)


def _figures(events: list[Event]) -> tuple[object, ...]:
    records = live_records(events)
    states = transfer_states(records)
    return (sorted((k, v.outcome, v.result_id, v.contradicted) for k, v in states.items()),
            totals(states.values()), sorted(transfer_flags(records), key=repr))  # fmt: skip


def test_the_desk_s_events_pass_the_door_and_add_up(desk: list[Event]) -> None:
    assert check_bodies(desk)[1] is None
    # Written in bulk: the canonical body and the format's hash, chained.
    assert all(e.body == canonical(e.data()) and hash_is_valid(e) for e in desk)
    assert check_chains(desk)[1] == []
    figures = totals(transfer_states(live_records(desk)).values())
    assert (figures.paid, figures.paid_fen, figures.pending, figures.failed) == (6, 1_200_000, 0, 0)


@st.composite
def orders_with_repeats(draw: st.DrawFn, size: int) -> list[int]:
    order = list(draw(st.permutations(range(size))))
    for extra in draw(st.lists(st.integers(0, size - 1), max_size=6)):
        order.insert(draw(st.integers(0, len(order))), extra)
    return order


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow,
          HealthCheck.function_scoped_fixture])  # fmt: skip
@given(data=st.data())
def test_any_order_with_repeats_gives_the_same_transfers(
    desk: list[Event], data: st.DataObject
) -> None:
    order = data.draw(orders_with_repeats(len(desk)))
    assert _figures([desk[i] for i in order]) == _figures(desk)
    # The stray failed answer never undoes a confirmed payment.
    assert _figures(desk)[1].paid == 6


def _rows(events: list[Event]) -> list[tuple[str, str, str, str]]:
    return [(e.kind, e.record_id, e.household_id, e.body) for e in events]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow,
          HealthCheck.function_scoped_fixture])  # fmt: skip
@given(data=st.data())
def test_the_desk_s_own_fold_is_the_general_one(desk: list[Event], data: st.DataObject) -> None:
    """The bank file's reader folds the desk's events directly: in any order the same states
    as through live_records; a repeat or another kind hands them to the general fold."""
    order = list(data.draw(st.permutations(range(len(desk)))))
    events = [desk[i] for i in order]
    assert desk_states(_rows(events)) == transfer_states(live_records(events))
    assert desk_states(_rows([*events, events[0]])) is None
    void = events[0]._replace(kind=VOID, record_id=new_id())
    assert desk_states(_rows([*events, void])) is None


def test_a_file_s_answers_in_bulk_are_each_answer_s_body() -> None:
    same = {"file_sha256": "a" * 64, "file": "回单.csv", "day": date(2027, 1, 21)}
    answers = [("t1", TransferOutcome.PAID, "", 2), ("t2", TransferOutcome.FAILED, "已销户", 3)]
    assert result_bodies(**same, answers=answers) == [  # type: ignore[arg-type]
        result_body(transfer_id=t, outcome=o, reason=r, line=n, **same)  # type: ignore[arg-type]
        for t, o, r, n in answers
    ]
