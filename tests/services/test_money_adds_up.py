"""The money adds up: a household moved from T1 to T2 after T1 paid keeps T1's payment on T1's
lines (progress, the 汇总表 by team, the receipts, the daily log, T1's own window) and T2's
on T2's; payments without proof and 已慰问 with nothing handed over are flagged; the office
cannot pay a household off the list; the office's decisions close flags, travel as events
and merge in any order; ``audit`` reconciles the campaign to the fen."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from app.domain.errors import Conflict, InvalidInput
from app.domain.events import Event
from app.domain.signature import SignatureRecord, content_sha256, pack_strokes, strokes_sha256
from app.domain.visits import Outcome, VisitInput, VisitMode
from app.i18n import render
from app.services.bundles import exchange as bundles
from app.services.households import status
from app.services.oversight import decisions, progress
from app.services.oversight.audit import run_audit
from app.services.oversight.flags import FlagView, campaign_flags
from app.services.printing.daily_log import print_daily_log
from app.services.printing.receipts import print_receipts
from app.services.printing.summary import build_summary
from app.services.teams import assignment as teams
from app.services.visits import day as team_day
from app.services.visits import paper, signing
from app.services.visits import recording as visits
from app.store import events as store_events
from app.store.db import Store
from tests.bundle_world import (
    ACTOR,
    DAY,
    TEAM_ACTOR,
    World,
    copy_db,
    export,
    merge,
    open_world,
    standard_handover,
    team_households,
)

pytestmark = pytest.mark.usefixtures("cheap_scrypt")
STROKES = [[(100, 200, 0, None), (900, 260, 16, None), (1800, 240, 33, None)]]


def signed_pay(laptop: Store, household: dict[str, Any], day: date = DAY) -> visits.RecordedVisit:
    """A visit at home, the category's standard handed over and signed on the pad."""
    visit = VisitInput(household_id=household["id"], day=day, mode=VisitMode.HOME,
                       outcome=Outcome.VISITED, visitors=("王一",),
                       handovers=(standard_handover(household),))  # fmt: skip
    prepared = signing.prepare_visit(laptop, visit)
    packed = pack_strokes(STROKES)
    signature = SignatureRecord(
        pad_width=800, pad_height=240, device_pixel_ratio_x100=100, device_type="mouse",
        device_name="test mouse", strokes=packed, started_at="2027-01-21T10:00:00+08:00",
        ended_at="2027-01-21T10:00:03+08:00", signer_role="recipient",
        signer_name=household["name"], signer_relation="", strokes_sha256=strokes_sha256(packed),
        content_sha256=content_sha256(prepared.content),
    )  # fmt: skip
    return visits.record_visit(laptop, prepared.visit, prepared=prepared, signatures=[signature],
                               actor=TEAM_ACTOR)  # fmt: skip


def unsigned_pay(laptop: Store, household: dict[str, Any]) -> visits.RecordedVisit:
    visit = VisitInput(household_id=household["id"], day=DAY, mode=VisitMode.HOME,
                       outcome=Outcome.VISITED, visitors=("王一",),
                       handovers=(standard_handover(household),))  # fmt: skip
    return visits.record_visit(laptop, visit, actor=TEAM_ACTOR)


@dataclass
class Moved:
    """T1 paid three households; the office moved the first to T2; T2 paid it and another."""

    world: World
    t2: Store
    one: list[dict[str, Any]]
    two: list[dict[str, Any]]


@pytest.fixture
def moved(world: World) -> Moved:
    return move_story(world)


def move_story(world: World) -> Moved:
    one = team_households(world.t1, "T1")[:3]
    for household in one:
        signed_pay(world.t1, household)
    assert merge(world.central, export(world, world.t1)).outcome == "applied"
    assert teams.assign_households(world.central, "T2", [one[0]["id_number"]], actor=ACTOR) == 1
    t2 = world.laptop("t2.db", world.template.t2_bundle, world.template.t2_credential)
    newer = bundles.export_assignment(world.central, "T2", world.stick("c2"), actor=ACTOR)
    bundles.import_bundle(t2, newer.file, credential=world.template.t2_credential,
                          actor=TEAM_ACTOR)  # fmt: skip
    two = team_households(world.central, "T2")
    other = next(h for h in two if h["id"] != one[0]["id"])
    signed_pay(t2, one[0])
    signed_pay(t2, other)
    assert merge(world.central, export(world, t2, "t2")).outcome == "applied"
    return Moved(world, t2, one, [one[0], other])


# The households' categories in the sample roster, as the fixture picks them: T1 paid two
# 农民工 (¥500 + ¥100 of rice each) and a 困难退休教师 (¥800); T2 paid the moved 农民工
# household again (¥500 + ¥100) and a 重大疾病 household of its own (¥2,000 + ¥200 of goods).
T1_CASH, T1_GOODS = 180_000, 20_000
T2_CASH, T2_GOODS = 250_000, 30_000


def _double(store: Store, *, include_resolved: bool = False) -> list[FlagView]:
    """The double payment (T1's visit before the move is not flagged: it had the household)."""
    found = campaign_flags(store, include_resolved=include_resolved)
    assert {f.kind for f in found} <= {"double_payment"}
    return [f for f in found if f.kind == "double_payment"]


def test_the_fixture_pays_the_categories_the_figures_say(moved: Moved) -> None:
    assert [h["category"] for h in moved.one] == ["NMG", "TX", "NMG"]
    assert [h["category"] for h in moved.two] == ["NMG", "ZB"]


def test_money_stays_with_the_team_that_handed_it_over(moved: Moved) -> None:
    central = moved.world.central
    got = {t.code: t for t in progress.compute_progress(central)[0]}
    assert (got["T1"].cash_fen, got["T1"].goods_fen) == (T1_CASH, T1_GOODS)
    assert (got["T2"].cash_fen, got["T2"].goods_fen) == (T2_CASH, T2_GOODS)
    # the households are where they are now: T1 has two of its three left
    assert (got["T1"].assigned, got["T2"].assigned) == (27, 29)

    lines = {line.group: line for line in build_summary(central, "team", DAY).lines}
    assert (lines["第一组"].cash_fen, lines["第一组"].goods_fen) == (T1_CASH, T1_GOODS)
    assert (lines["第二组"].cash_fen, lines["第二组"].goods_fen) == (T2_CASH, T2_GOODS)
    by_unit = build_summary(central, "unit", DAY).lines
    assert sum(line.cash_fen for line in by_unit) == T1_CASH + T2_CASH

    # T1's own window (its laptop) says what T1 handed over
    assert team_day.day_summary(moved.world.t1, DAY).paid_fen == T1_CASH


def test_receipts_and_daily_logs_agree_with_the_teams_lines(moved: Moved, tmp_path: Path) -> None:
    central = moved.world.central
    for code, rows, cash in (("T1", 3, T1_CASH), ("T2", 2, T2_CASH)):
        sheet = print_receipts(central, tmp_path / f"{code}.pdf", team=code, day=DAY)
        assert sheet.count == rows and sheet.problems == ()
        text = "".join(p.extract_text() for p in PdfReader(sheet.path).pages)
        assert f"{cash // 100:,}.00" in text.replace("¥", "")
        log = print_daily_log(central, tmp_path / f"{code}.xlsx", team=code, day=DAY)
        assert log.count == rows
        cells = [c for row in openpyxl.load_workbook(log.path).active.iter_rows(values_only=True)
                 for c in row]  # fmt: skip
        assert moved.one[0]["name"] in [str(c) for c in cells if c]


def test_the_audit_reconciles_the_moved_household_to_the_fen(moved: Moved) -> None:
    done = run_audit(moved.world.central)
    assert done.ok, [render(d) for d in done.differences]
    assert (done.handed.cash_fen, done.handed.goods_fen, done.handed.transfer_fen) == (
        T1_CASH + T2_CASH, T1_GOODS + T2_GOODS, 0)  # fmt: skip
    teams_ = {code: m for code, _name, m in done.by_team}
    assert (teams_["T1"].cash_fen, teams_["T2"].cash_fen) == (T1_CASH, T2_CASH)
    assert [(str(p), m.total_fen) for p, m in done.by_proof] == [
        ("signature", T1_CASH + T2_CASH + T1_GOODS + T2_GOODS)]  # fmt: skip
    assert done.households == 4
    # T1's visit before the move is not flagged: the household was on T1's list
    assert sorted(f.kind for f in done.open_flags) == ["double_payment"]
    [flag] = [f for f in done.open_flags if f.kind == "double_payment"]
    assert (flag.name, flag.team_codes, flag.category_name) == (
        moved.one[0]["name"], ("T1", "T2"), "农民工")  # fmt: skip


def test_a_recovery_closes_the_double_payment_and_nets_the_money(moved: Moved) -> None:
    central = moved.world.central
    [flag] = _double(central)
    refused = pytest.raises(InvalidInput)
    with refused as caught:
        decisions.resolve_flag(central, flag=flag.id[:6], decision="recovered", note="退回",
                               actor=ACTOR)  # fmt: skip
    assert caught.value.key == "flag.recovery_needs"
    done = decisions.resolve_flag(
        central, flag=flag.id[:6], decision="已追回", note="第二组重复发放，已退回",
        amount_fen=50_000, day=date(2027, 1, 25), receipt="SJ-0031", actor=ACTOR,
    )  # fmt: skip
    assert done.flag.id == flag.id and str(done.decision) == "recovered"
    assert _double(central) == []
    [closed] = _double(central, include_resolved=True)
    assert closed.resolution is not None
    assert (closed.resolution.amount_fen, closed.resolution.receipt) == (50_000, "SJ-0031")
    with pytest.raises(Conflict):
        decisions.resolve_flag(central, flag=flag.id, decision="两笔都对", note="x", actor=ACTOR)
    audit = run_audit(central)
    handed = T1_CASH + T2_CASH + T1_GOODS + T2_GOODS
    assert (audit.recovered_fen, audit.net_fen) == (50_000, handed - 50_000)
    assert audit.open_flags == ()
    assert [f.id for f in audit.resolved_flags] == [flag.id]
    assert progress.compute_progress(central)[1] == 0  # no flag left open


def test_a_payment_the_decision_did_not_see_reopens_the_flag(moved: Moved) -> None:
    central = moved.world.central
    [flag] = _double(central)
    decisions.resolve_flag(central, flag=flag.id, decision="both_right", note="两次慰问都经批准",
                           actor=ACTOR)  # fmt: skip
    assert _double(central) == []
    # A second laptop of T1, started before the move, pays the household a third time.
    spare = moved.world.laptop("t1-spare.db")
    signed_pay(spare, moved.one[0])
    merge(central, export(moved.world, spare, "spare"))
    [reopened] = _double(central)
    assert reopened.kind == "double_payment" and reopened.resolution is None
    assert dict(reopened.reason.params)["times"] == "3"


def test_cash_without_a_signature_and_nothing_handed_over_are_flagged(
    world: World, tmp_path: Path
) -> None:
    one = team_households(world.t1, "T1")
    unsigned_pay(world.t1, one[0])
    visits.record_visit(world.t1, VisitInput(one[1]["id"], DAY, VisitMode.HOME, Outcome.VISITED),
                        actor=TEAM_ACTOR)  # fmt: skip
    merge(world.central, export(world, world.t1))
    found = {f.kind: f for f in campaign_flags(world.central)}
    assert set(found) == {"no_proof", "nothing_handed"}
    assert found["no_proof"].name == one[0]["name"] and found["no_proof"].team_codes == ("T1",)
    assert render(found["nothing_handed"].reason) == (
        "记为已慰问，但没有发放任何慰问金（品），该类别标准为¥800.00"
    )
    # its row on the 签收表 says so, never a blank cell to fill in later
    sheet = print_receipts(world.central, tmp_path / "T1.pdf", team="T1", day=DAY)
    assert "无签名" in "".join(p.extract_text() for p in PdfReader(sheet.path).pages)
    audit = run_audit(world.central)
    assert not audit.ok
    [lacking] = audit.unproven
    assert (lacking.name, lacking.team_code, lacking.money.cash_fen, lacking.money.goods_fen) == (
        one[0]["name"], "T1", 50_000, 10_000)  # fmt: skip


def _sheet(tmp_path: Path, household: dict[str, Any], cash: str) -> Path:
    path = tmp_path / "签收表.csv"
    path.write_text(
        "公民身份号码,姓名,走访日期,走访方式,走访结果,慰问金,慰问品,已签名\n"
        f"{household['id_number']},{household['name']},2027-01-21,上门,已慰问,{cash},,是\n",
        encoding="utf-8-sig",
    )
    return path


def test_the_office_cannot_pay_a_declined_household_on_paper(world: World, tmp_path: Path) -> None:
    household = team_households(world.central, "T1")[0]
    status.set_status(world.central, status="不予", households=[household["id_number"]],
                      reason="收入超过标准", actor=ACTOR)  # fmt: skip
    before = store_events.all_events(world.central)
    done = paper.import_visits(world.central, _sheet(tmp_path, household, "1000"), actor=ACTOR)
    [problem] = done.rejected
    assert done.imported == 0 and problem.key == "visit.not_on_list"
    assert (
        render(problem) == f"{household['name']}的状态是“不予”，不在慰问名单上，不能录入走访或发放"
    )
    assert store_events.all_events(world.central) == before


def test_a_laptops_payment_to_a_household_declined_since_is_flagged(world: World) -> None:
    household = team_households(world.t1, "T1")[0]
    signed_pay(world.t1, household)
    status.set_status(world.central, status="不予", households=[household["id_number"]],
                      reason="收入超过标准", actor=ACTOR)  # fmt: skip
    applied = merge(world.central, export(world, world.t1))
    assert [(f.kind, f.name, f.category_name) for f in applied.flags] == [
        ("not_confirmed", household["name"], "农民工")]  # fmt: skip
    assert [f.kind for f in campaign_flags(world.central)] == ["not_confirmed"]


def test_paper_entered_at_the_office_is_proven_and_on_a_laptop_awaits_the_sheet(
    world: World, tmp_path: Path
) -> None:
    one = team_households(world.central, "T1")
    done = paper.import_visits(world.central, _sheet(tmp_path, one[0], "500"), actor=ACTOR)
    assert done.imported == 1
    assert campaign_flags(world.central) == []
    audit = run_audit(world.central)
    assert audit.ok and [(str(p), m.cash_fen) for p, m in audit.by_proof] == [("paper", 50_000)]

    done = paper.import_visits(world.t1, _sheet(tmp_path, one[1], "800"), actor=TEAM_ACTOR)
    assert done.imported == 1
    merge(world.central, export(world, world.t1))
    [pending] = campaign_flags(world.central)
    assert (pending.kind, pending.name) == ("paper_pending", one[1]["name"])
    assert not run_audit(world.central).ok
    paper.receive_slip(world.central, one[1]["id_number"], actor=ACTOR)
    assert campaign_flags(world.central) == [] and run_audit(world.central).ok


# --- decisions merge as a set union --------------------------------------------------------


@pytest.fixture(scope="module")
def decided(
    bundle_template: Any, tmp_path_factory: pytest.TempPathFactory
) -> tuple[Path, list[Event], str, Any]:
    """A central store before any merge, and every event of the moved-household story after it:
    both teams' payments, a decision, its void, a recovery."""
    folder = tmp_path_factory.mktemp("decided")
    with open_world(bundle_template, folder) as world:
        before = {e.id for e in store_events.all_events(world.central)}
        base = copy_db(world.central.path, folder / "base.db")  # type: ignore[arg-type]
        story = move_story(world)
        central = story.world.central
        [flag] = _double(central)
        first = decisions.resolve_flag(central, flag=flag.id, decision="both_right", note="误判",
                                       actor=ACTOR)  # fmt: skip
        visits.void_record(central, first.record_id, reason="处理有误", actor=ACTOR)
        decisions.resolve_flag(central, flag=flag.id, decision="recovered", note="已退回",
                               amount_fen=50_000, day=date(2027, 1, 25), receipt="SJ-0031",
                               actor=ACTOR)  # fmt: skip
        events = [e for e in store_events.all_events(central) if e.id not in before]
        return base, events, story.one[0]["id_number"], _figures(central)


def _figures(store: Store) -> Any:
    flags = sorted((f.id, f.kind, f.resolution.decision if f.resolution else None)
                   for f in campaign_flags(store, include_resolved=True))  # fmt: skip
    audit = run_audit(store)
    return flags, audit.recovered_fen, audit.handed, audit.by_team


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow,
          HealthCheck.function_scoped_fixture])  # fmt: skip
@given(data=st.data())
def test_decisions_merge_in_any_order_with_repeats(decided: Any, data: st.DataObject,
                                                   tmp_path: Path) -> None:  # fmt: skip
    base, events, moved_id, reference = decided
    order = list(data.draw(st.permutations(events)))
    for extra in data.draw(st.lists(st.sampled_from(events), max_size=5)):
        order.insert(data.draw(st.integers(0, len(order))), extra)
    target = tmp_path / f"o{abs(hash(tuple(e.id for e in order)))}.db"
    with Store(copy_db(base, target)) as store:
        teams.assign_households(store, "T2", [moved_id], actor=ACTOR)
        for event in order:
            with store.transaction():
                store_events.insert_events(store, [event], "2027-01-26T09:00:00+08:00",
                                           skip_known_ids=True)  # fmt: skip
        assert _figures(store) == reference
    assert reference[1] == 50_000
    assert sorted((kind, decision) for _id, kind, decision in reference[0]) == [
        ("double_payment", "recovered")]  # fmt: skip


def test_a_decision_travels_to_the_team_and_back_unchanged(moved: Moved) -> None:
    """The decision is written under the team of the payment the flag is raised on, and goes
    to that team's laptop in its next assignment bundle, as the office's voids do."""
    central, world = moved.world.central, moved.world
    [flag] = _double(central)
    done = decisions.resolve_flag(central, flag=flag.id, decision="both_right",
                                  note="两次慰问都经批准", actor=ACTOR)  # fmt: skip
    [written] = store_events.events_where(central, "record_id = ?", [done.record_id])
    code = "T1" if written.team_id == _team_id(central, "T1") else "T2"
    laptop, credential = ((world.t1, world.template.t1_credential) if code == "T1"
                          else (moved.t2, world.template.t2_credential))  # fmt: skip
    newer = bundles.export_assignment(central, code, world.stick("c3"), actor=ACTOR)
    applied = bundles.import_bundle(laptop, newer.file, credential=credential, actor=TEAM_ACTOR)
    assert applied.outcome == "applied"
    on_laptop = store_events.events_where(laptop, "record_id = ?", [done.record_id])
    assert [e.kind for e in on_laptop] == ["resolution"]
    before = _figures(central)
    # its next result bundle brings the decision back among what the office has already
    assert merge(central, export(world, laptop, "back")).outcome == "unchanged"
    assert _figures(central) == before


def _team_id(store: Store, code: str) -> str:
    return str(store.conn.execute("SELECT id FROM team WHERE code = ?", [code]).fetchone()[0])
