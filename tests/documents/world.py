"""A small campaign with teams, visits, signatures and a cash count, for the printing tests.

Built once per session (``printing_world`` in conftest) and copied per test. Signature events are
appended here the way ``record_visit`` appends visits (a body from ``signature_body``, strokes from
``pack_strokes``), so these tests do not depend on the window's signing flow.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from app.domain.campaign import new_id
from app.domain.events import CASH_COUNT, DISBURSEMENT, SIGNATURE, VISIT
from app.domain.id_number import check_digit
from app.domain.money import fen_to_capitals
from app.domain.signature import (
    SignatureRecord,
    content_sha256,
    pack_strokes,
    signature_body,
    signed_content,
    strokes_sha256,
)
from app.domain.visits import (
    CannotSign,
    Handover,
    Outcome,
    RecipientRole,
    VisitInput,
    VisitMode,
    disbursement_body,
    visit_body,
)
from app.services.bundles.devices import (
    CENTRAL,
    NewEvent,
    append_events,
    create_device,
    local_device,
)
from app.services.campaign import setup as campaigns
from app.services.infra.context import Actor
from app.services.rosters.importing import import_roster
from app.services.teams import assignment as teams
from app.store.db import Store
from tests.builders import confirm_all

BEIJING = timezone(timedelta(hours=8))
DAY1 = date(2027, 1, 21)
DAY2 = date(2027, 1, 22)


def clock(hour: int, minute: int = 0, day: date = DAY1) -> Actor:
    moment = datetime(day.year, day.month, day.day, hour, minute, tzinfo=BEIJING)
    return Actor(user="组员甲", clock=lambda: moment)


ACTOR = clock(9)


def make_id(first17: str) -> str:
    return first17 + check_digit(first17)


# name, ID, unit, category, street, causes, phone
PEOPLE = [
    ("张三", make_id("12011619630715469"), "区供热公司", "困难职工", "新港街道", "患病、子女上学",
     "13812345678"),
    ("李四", make_id("12010119811125604"), "区供热公司", "困难职工", "新港街道", "单亲", ""),
    ("王䶮", make_id("42030219560303074"), "区教育局", "困难退休职工", "大沽街道", "残疾",
     "022-23456789"),
    ("赵㛃", make_id("12010519700101002"), "区教育局", "困难职工", "大沽街道", "失业", ""),
    ("钱五", make_id("12010519750505005"), "区环卫所", "困难职工", "大沽街道", "患病", ""),
    ("孙六", make_id("12010519800808008"), "区环卫所", "困难退休职工", "新港街道", "", ""),
]  # fmt: skip
ZHANG, LI, WANG, ZHAO, QIAN, SUN = (p[1] for p in PEOPLE)


def strokes(shift: int = 0) -> list[list[tuple[int, int, int, int | None]]]:
    """Two made-up strokes in pad px ×10 (a 张-ish zigzag and a hook)."""
    first = [((40 + i * 12) * 10 + shift, (60 + (i % 3) * 18) * 10, i * 16, 400 + i * 20)
             for i in range(14)]  # fmt: skip
    second = [((70 + i * 8) * 10, (120 + i * 5) * 10, 300 + i * 16, 700) for i in range(9)]
    return [first, second]


@dataclass
class Visit:
    visit_id: str
    household_id: str


def household_id(store: Store, id_number: str) -> str:
    return store.conn.execute(
        "SELECT id FROM household WHERE id_number = ?", [id_number]
    ).fetchone()[0]


def team_id(store: Store, code: str) -> str:
    return store.conn.execute("SELECT id FROM team WHERE code = ?", [code]).fetchone()[0]


def record(
    store: Store,
    id_number: str,
    *,
    team: str = "T1",
    day: date = DAY1,
    hour: int = 10,
    outcome: Outcome = Outcome.VISITED,
    cash_fen: int = 100_000,
    goods: str = "大米10kg×1袋，食用油5L×1桶",
    goods_fen: int = 15_000,
    category: str = "KN",
    signer: str = "recipient",
    proxy: tuple[str, str] | None = None,
    thumbprint: bool = False,
    opinions: str = "",
    tamper: str = "",  # "cash" or "strokes": the stored signature no longer verifies
    transfer: bool = False,
) -> Visit:
    """A visit (and a handover with its signature when the outcome is 已慰问)."""
    hid = household_id(store, id_number)
    tid = team_id(store, team)
    actor = clock(hour, 5, day)
    device = local_device(store) or create_device(store, CENTRAL, None, actor)
    visit_id, disb_id = new_id(), new_id()
    done = outcome == Outcome.VISITED
    handovers = (Handover(category, cash_fen=cash_fen, goods=goods, goods_fen=goods_fen,
                          transfer=transfer),) if done else ()  # fmt: skip
    visit = VisitInput(
        household_id=hid, day=day, mode=VisitMode.HOME, outcome=outcome,
        recipient_role=RecipientRole.PROXY if proxy else RecipientRole.SELF,
        proxy_name=proxy[0] if proxy else "", proxy_relation=proxy[1] if proxy else "",
        proxy_reason="本人住院" if proxy else "",
        visitors=("王强", "刘芳"), conditions="家中整洁，老人卧床" if done else "",
        opinions=opinions, handovers=handovers,
        cannot_sign=CannotSign.ILLITERATE if thumbprint else None,
    )  # fmt: skip
    specs = [NewEvent(VISIT, visit_id, hid, tid, visit_body(visit, visit_id))]
    for h in handovers:
        specs.append(NewEvent(DISBURSEMENT, disb_id, hid, tid,
                              disbursement_body(h, visit_id, hid, day)))  # fmt: skip
    if done:
        name = store.conn.execute("SELECT name FROM household WHERE id = ?", [hid]).fetchone()[0]
        content = signed_content(
            campaign="2027年春节送温暖", visit=visit_id, disbursement=disb_id, household=hid,
            recipient_name=name, id_tail=id_number[-4:], cash_fen=cash_fen,
            cash_capitals=fen_to_capitals(cash_fen), goods=[goods] if goods else [],
            organiser="滨海新区总工会", team="第一慰问组", date=day.isoformat(),
            statement_version="v1", proxy_name=proxy[0] if proxy else "",
            proxy_relation=proxy[1] if proxy else "",
        )  # fmt: skip
        signers: list[tuple[str, str, str]] = []
        if thumbprint:
            signers = [("witness", "刘芳", "慰问组成员"), ("witness", "周社区", "社区干部")]
        elif proxy:
            signers = [("proxy", proxy[0], proxy[1])]
        else:
            signers = [(signer, name, "本人")]
        for n, (role, who, relation) in enumerate(signers):
            packed = pack_strokes(strokes(shift=n * 30))
            extra: dict[str, Any] = {}
            if thumbprint:
                extra = {"method": "thumbprint", "reason": "illiterate", "slip_number": "T1-0007"}
            rec = SignatureRecord(
                pad_width=800, pad_height=240, device_pixel_ratio_x100=100, device_type="mouse",
                device_name="test mouse", strokes=packed, started_at=actor.now(),
                ended_at=actor.now(), signer_role=role, signer_name=who,
                signer_relation=relation, strokes_sha256=strokes_sha256(packed),
                content_sha256=content_sha256(content), **extra,
            )  # fmt: skip
            body = signature_body(rec, content)
            if tamper == "cash":
                body["content"]["cash_fen"] = cash_fen + 100
            elif tamper == "strokes":
                body["strokes"] = pack_strokes(strokes(shift=7))
            specs.append(NewEvent(SIGNATURE, new_id(), hid, tid, body))
    with store.transaction():
        append_events(store, device, specs, actor)
    return Visit(visit_id, hid)


def cash_count(store: Store, *, team: str = "T1", day: date = DAY1, expected: int = 300_000,
               counted: int = 290_000, note: str = "找零差额，已报组长") -> None:  # fmt: skip
    actor = clock(18, 0, day)
    device = local_device(store) or create_device(store, CENTRAL, None, actor)
    body = {"date": day.isoformat(), "float_fen": 500_000, "paid_fen": 200_000,
            "expected_fen": expected, "counted_fen": counted,
            "difference_fen": counted - expected, "goods_left": "大米2袋", "note": note,
            "by": "王强", "at": actor.now()}  # fmt: skip
    with store.transaction():
        append_events(store, device, [NewEvent(CASH_COUNT, new_id(), "", team_id(store, team),
                                               body)], actor)  # fmt: skip


def build(path: Path) -> Path:
    """The printing world, written to ``path``."""
    store = Store(path)
    campaigns.init_campaign(
        store, name="2027年春节送温暖", organizer="滨海新区总工会", start=date(2027, 1, 20),
        end=date(2027, 1, 28), min_living="780", actor=ACTOR,
    )  # fmt: skip
    campaigns.add_category(store, code="KN", name="困难职工", cash="1000",
                           goods="大米10kg×1袋，食用油5L×1桶", goods_value="150",
                           actor=ACTOR)  # fmt: skip
    campaigns.add_category(store, code="TX", name="困难退休职工", cash="800", goods="米面油礼包",
                           goods_value="100", actor=ACTOR)  # fmt: skip
    roster = path.parent / "roster.csv"
    lines = ["姓名,身份证号,报送单位,慰问类别,所属街道,致困原因,联系电话,家庭月收入,家庭人口"]
    for name, number, unit, cat, street, causes, phone in PEOPLE:
        lines.append(f'{name},{number},{unit},{cat},{street},"{causes}",{phone},1500,3')
    roster.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = import_roster(store, roster, actor=ACTOR)
    assert result.applied and result.imported == len(PEOPLE), result
    confirm_all(store, ACTOR)
    teams.add_team(store, code="T1", name="第一慰问组", leader="王强", members=["刘芳"],
                   area="新港街道", actor=ACTOR)  # fmt: skip
    teams.add_team(store, code="T2", name="第二慰问组", leader="陈明", area="大沽街道",
                   actor=ACTOR)  # fmt: skip
    teams.assign_households(store, "T1", [ZHANG, LI, SUN], actor=ACTOR)
    teams.assign_households(store, "T2", [WANG, ZHAO, QIAN], actor=ACTOR)
    record(store, ZHANG, hour=9, opinions="希望帮助孩子联系助学金")
    record(store, LI, hour=10, proxy=("李小明", "户主之子"), cash_fen=100_050)
    record(store, SUN, hour=11, outcome=Outcome.NOT_HOME)
    record(store, SUN, day=DAY2, hour=9, category="TX", cash_fen=80_000, goods="米面油礼包",
           goods_fen=10_000, thumbprint=True)  # fmt: skip
    record(store, WANG, team="T2", hour=10, category="TX", cash_fen=80_000, goods="米面油礼包",
           goods_fen=10_000, opinions="希望上门体检", transfer=True)  # fmt: skip
    cash_count(store)
    store.close()
    return path
