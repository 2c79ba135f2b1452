"""Recording visits: the checks a team leader meets in the window, and a paper 签收表 entered
later (``visits import``) with the same checks, all rows or none."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest

from app.domain.errors import InvalidInput
from app.domain.events import DISBURSEMENT, VISIT, record_fields
from app.domain.visits import Handover, Outcome, RecipientRole, VisitInput, VisitMode
from app.i18n import render
from app.services.campaign import setup as campaigns
from app.services.rosters.importing import import_roster
from app.services.visits import paper
from app.services.visits import recording as visits
from app.store.db import Store
from tests.builders import ACTOR, ID_A, ID_B, ID_C, confirm_all, make_id

ID_UNKNOWN = make_id("11010519800101001")
DAY = date(2027, 1, 21)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    s = Store(tmp_path / "v.db")
    campaigns.init_campaign(
        s, name="2027年春节送温暖", organizer="区总工会", start=date(2027, 1, 20),
        end=date(2027, 1, 28), min_living="780", actor=ACTOR,
    )  # fmt: skip
    campaigns.add_category(s, code="KN", name="困难职工", cash="1000", actor=ACTOR)
    campaigns.add_category(s, code="NMG", name="农民工", cash="500", goods="大米",
                           goods_value="100", actor=ACTOR)  # fmt: skip
    roster = tmp_path / "roster.csv"
    roster.write_text(
        f"姓名,身份证号,慰问类别\n张三,{ID_A},困难职工\n李四,{ID_B},农民工\n王五,{ID_C},困难职工\n",
        encoding="utf-8",
    )
    assert import_roster(s, roster, unit="单位A", actor=ACTOR).imported == 3
    confirm_all(s, actor=ACTOR)
    yield s
    s.close()


def hid(store: Store, id_number: str) -> str:
    return store.conn.execute(
        "SELECT id FROM household WHERE id_number = ?", [id_number]
    ).fetchone()[0]


def event_count(store: Store) -> int:
    return store.conn.execute("SELECT count(*) FROM event").fetchone()[0]


def refused(key: str, call: object) -> InvalidInput:
    with pytest.raises(InvalidInput) as caught:
        call()  # type: ignore[operator]
    assert caught.value.key == key, caught.value
    return caught.value


def kn(cash: int = 100_000, **kwargs: object) -> Handover:
    return Handover("KN", cash_fen=cash, **kwargs)  # type: ignore[arg-type]


def visit(store: Store, id_number: str, **kwargs: object) -> VisitInput:
    fields: dict[str, object] = {
        "household_id": hid(store, id_number),
        "day": DAY,
        "mode": VisitMode.HOME,
        "outcome": Outcome.VISITED,
    }
    return VisitInput(**{**fields, **kwargs})  # type: ignore[arg-type]


def live(store: Store, kind: str) -> list[dict[str, object]]:
    return [record_fields(r) for r in visits.live_state(store).values()
            if r.kind == kind and not r.voided]  # fmt: skip


# --- recording a visit in the window -------------------------------------------------------------


@pytest.mark.parametrize("missing", ["proxy_name", "proxy_relation", "proxy_reason"])
def test_proxy_needs_name_relation_and_reason(store: Store, missing: str) -> None:
    proxy = {"proxy_name": "张小三", "proxy_relation": "儿子", "proxy_reason": "本人住院"}
    refused("visit.proxy_missing", lambda: visits.record_visit(
        store, visit(store, ID_A, recipient_role=RecipientRole.PROXY, handovers=(kn(),),
                     **{**proxy, missing: "  "}), actor=ACTOR))  # fmt: skip
    assert event_count(store) == 0
    visits.record_visit(
        store,
        visit(store, ID_A, recipient_role=RecipientRole.PROXY, handovers=(kn(),), **proxy),
        actor=ACTOR,
    )
    [body] = live(store, VISIT)
    assert body["proxy"] == {"name": "张小三", "relation": "儿子", "reason": "本人住院"}


def test_nothing_handed_over_when_nobody_was_home(store: Store) -> None:
    e = refused(
        "visit.handover_without_visit",
        lambda: visits.record_visit(
            store, visit(store, ID_A, outcome=Outcome.NOT_HOME, handovers=(kn(),)), actor=ACTOR
        ),
    )
    assert render(e) == "结果为“不在家”时不能发放慰问金（品）"
    assert event_count(store) == 0


def test_second_payment_refused_with_the_date_until_the_first_is_voided(store: Store) -> None:
    first = visits.record_visit(store, visit(store, ID_A, handovers=(kn(),)), actor=ACTOR)
    later = visit(store, ID_A, day=date(2027, 1, 25), handovers=(kn(),))
    e = refused("visit.already_paid", lambda: visits.record_visit(store, later, actor=ACTOR))
    assert "2027-01-21" in render(e) and "困难职工" in render(e)
    assert event_count(store) == 2
    # another category for the same household is another entitlement
    visits.record_visit(store, visit(store, ID_A, handovers=(Handover("NMG", cash_fen=50_000,
                        goods="大米", goods_fen=10_000),)), actor=ACTOR)  # fmt: skip

    refused("visit.void_reason", lambda: visits.void_record(store, first.disbursement_ids[0],
                                                            reason=" ", actor=ACTOR))  # fmt: skip
    visits.void_record(store, first.disbursement_ids[0], reason="金额录错", actor=ACTOR)
    visits.record_visit(store, later, actor=ACTOR)
    paid = sorted((d["category_code"], d["date"]) for d in live(store, DISBURSEMENT))
    assert paid == [("KN", "2027-01-25"), ("NMG", "2027-01-21")]


def test_off_standard_amount_needs_a_reason_in_the_window(store: Store) -> None:
    refused("visit.off_standard_reason", lambda: visits.record_visit(
        store, visit(store, ID_A, handovers=(kn(80_000),)), actor=ACTOR))  # fmt: skip
    assert event_count(store) == 0
    visits.record_visit(store, visit(store, ID_A, handovers=(kn(80_000,
                        off_standard_reason="经审批减发"),)), actor=ACTOR)  # fmt: skip
    # a paper sheet records what was signed for; the merge flags it for a person
    visits.record_visit(store, visit(store, ID_C, source="paper", handovers=(kn(80_000),)),
                        actor=ACTOR)  # fmt: skip
    assert sorted(d["cash_fen"] for d in live(store, DISBURSEMENT)) == [80_000, 80_000]


def test_cash_without_the_categorys_goods_needs_a_reason_in_the_window(store: Store) -> None:
    """农民工 is 500 元 and 大米 worth 100 元; handing over the cash only is off the standard.
    The window must ask for a reason, as the merge flags it as off-standard."""
    cash_only = visit(store, ID_B, handovers=(Handover("NMG", cash_fen=50_000),))
    refused("visit.off_standard_reason", lambda: visits.record_visit(store, cash_only,
                                                                     actor=ACTOR))  # fmt: skip
    assert event_count(store) == 0


# --- a paper sheet --------------------------------------------------------------------------------


def write_csv(tmp_path: Path, lines: list[str], name: str = "sheet.csv") -> Path:
    path = tmp_path / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8-sig")
    return path


def test_sheet_columns_found_by_header_words(store: Store, tmp_path: Path) -> None:
    sheet = write_csv(tmp_path, [
        "慰问组纸质签收表（第一组）,,,,,,,,",
        "序号,公民身份号码,姓名,走访日期,走访方式,走访结果,慰问金,慰问品,备注,已签名",
        f"1,{ID_A},张三,2027-01-21,入户,完成,1000,,老伴在家,是",
        f"2,{ID_B},李四,2027-01-22,电话,未在家,,,电话无人接,否",
        f"3,{ID_C},王五,2027-01-22,单位,已慰问,\"1,000.00元\",,,√",
    ])  # fmt: skip
    done = paper.import_visits(store, sheet, actor=ACTOR)
    assert (done.imported, done.rejected) == (3, ())
    by_household = {r["household_id"]: r for r in live(store, VISIT)}
    a = by_household[hid(store, ID_A)]
    assert (a["date"], a["mode"], a["outcome"], a["notes"], a["paper_signed"], a["source"]) == (
        "2027-01-21", "home", "visited", "老伴在家", True, "paper")  # fmt: skip
    b = by_household[hid(store, ID_B)]
    assert (b["mode"], b["outcome"], b["paper_signed"]) == ("phone", "not_home", False)
    assert by_household[hid(store, ID_C)]["paper_signed"] is True
    paid = sorted((d["household_id"], d["category_code"], d["cash_fen"])
                  for d in live(store, DISBURSEMENT))  # fmt: skip
    assert paid == sorted([(hid(store, ID_A), "KN", 100_000), (hid(store, ID_C), "KN", 100_000)])


def test_sheet_with_bad_rows_changes_nothing_and_reports_every_problem(
    store: Store, tmp_path: Path
) -> None:
    sheet = write_csv(tmp_path, [
        "身份证号,日期,方式,结果,现金,物品,备注,纸质签名",
        f"{ID_A},2027-01-21,上门,已慰问,1000,,,是",       # row 2: fine
        f"{ID_UNKNOWN},2027-01-21,上门,已慰问,1000,,,是",  # row 3: nobody with this ID
        f"{ID_C},2027-02-30,上门,已慰问,1000,,,是",       # row 4: no such date
        f"{ID_B},2027-01-21,上门,出差,,,,否",              # row 5: not an outcome
        f"{ID_A},2027-01-22,上门,已慰问,1000,,,是",       # row 6: pays row 2's household again
    ])  # fmt: skip
    done = paper.import_visits(store, sheet, actor=ACTOR)
    assert done.imported == 0 and event_count(store) == 0
    found = sorted((p.row, p.column, p.value, p.key) for p in done.rejected)
    assert found == [
        (3, "身份证号", ID_UNKNOWN, "visit.household_unknown"),
        (4, "日期", "2027-02-30", "visit.date_invalid"),
        (5, "结果", "出差", "visit.outcome"),
        (6, "身份证号", ID_A, "visit.paid_twice_in_sheet"),
    ]
    twice = next(p for p in done.rejected if p.row == 6)
    assert render(twice) == "与本表第2行重复发放同一户同一类别"
    assert "已慰问" in render(next(p for p in done.rejected if p.row == 5))


def test_sheet_paying_a_household_already_paid_is_refused_with_the_date(
    store: Store, tmp_path: Path
) -> None:
    visits.record_visit(store, visit(store, ID_A, handovers=(kn(),)), actor=ACTOR)
    sheet = write_csv(tmp_path, ["身份证号,日期,结果,现金", f"{ID_A},2027-01-23,已慰问,1000"])
    done = paper.import_visits(store, sheet, actor=ACTOR)
    [problem] = done.rejected
    assert (problem.row, problem.key) == (2, "visit.already_paid")
    assert "2027-01-21" in render(problem)
    assert event_count(store) == 2


@pytest.mark.parametrize("written", ["2027年1月21日", "2027/1/21", "2027.01.21", "2027-1-21"])
def test_dates_as_people_write_them(store: Store, tmp_path: Path, written: str) -> None:
    sheet = write_csv(tmp_path, ["身份证号,日期,结果", f"{ID_B},{written},不在家"])
    assert paper.import_visits(store, sheet, actor=ACTOR).imported == 1
    [body] = live(store, VISIT)
    assert body["date"] == "2027-01-21"


def test_excel_date_cells(store: Store, tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    ws = book.active
    ws.append(["身份证号", "日期", "方式", "结果", "慰问金", "纸质签名"])
    ws.append([ID_A, datetime(2027, 1, 21), "上门", "已慰问", 1000, "是"])
    ws.append([ID_B, date(2027, 1, 22), "上门", "不在家", None, "否"])
    ws.append([ID_C, "2027年1月23日", "上门", "已慰问", "1000元", "是"])
    ws["B2"].number_format = "yyyy/m/d"
    ws["B3"].number_format = "yyyy年m月d日"
    path = tmp_path / "签收表.xlsx"
    book.save(path)
    done = paper.import_visits(store, path, actor=ACTOR)
    assert (done.imported, done.rejected) == (3, ())
    dates = {r["household_id"]: r["date"] for r in live(store, VISIT)}
    assert dates == {hid(store, ID_A): "2027-01-21", hid(store, ID_B): "2027-01-22",
                     hid(store, ID_C): "2027-01-23"}  # fmt: skip
    assert sorted(d["cash_fen"] for d in live(store, DISBURSEMENT)) == [100_000, 100_000]
