"""After import: members change the household size, materials are ticked, overrides are kept."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from app.domain.campaign import Material, Status
from app.domain.eligibility import Rule
from app.domain.errors import InvalidInput, NotFound
from app.i18n import render
from app.services.campaign import setup as campaigns
from app.services.households import application as households
from app.services.households import status
from app.services.households.eligibility import evaluate_eligibility
from app.services.rosters.importing import import_roster
from app.store.db import Store
from tests.builders import ACTOR, ID_A, ID_B, write


@pytest.fixture
def store(tmp_path: Path) -> Store:
    s = Store(tmp_path / "t.db")
    campaigns.init_campaign(
        s, name="春节送温暖", organizer="区总工会", start=date(2027, 1, 20),
        end=date(2027, 1, 28), min_living="780", actor=ACTOR,
    )  # fmt: skip
    # 张三: 3,000 元 for a reported household of 1 → 3,000 per person, needs review.
    text = f"姓名,身份证号,家庭人口,家庭月收入\n张三,{ID_A},1,3000\n李四,{ID_B},2,1000\n"
    import_roster(s, write(tmp_path, "a.csv", text), unit="单位A", actor=ACTOR)
    yield s
    s.close()


def rule_of(store: Store, id_number: str) -> tuple[str | None, int | None, int]:
    row = next(r for r in evaluate_eligibility(store) if r.id_number == id_number)
    return row.rule, row.per_capita_fen, row.size


def test_members_recorded_change_size_and_rule(store: Store) -> None:
    assert rule_of(store, ID_A) == (None, 300_000, 1)
    households.add_member(store, ID_A, name="王芳", relation="妻子", actor=ACTOR)
    households.add_member(store, ID_A, name="张小明", relation="儿子", actor=ACTOR)
    # three persons now: 1,000 per person, within 150 % of 780
    assert rule_of(store, ID_A) == (Rule.ONE, 100_000, 3)


def test_override_wins_and_is_kept_with_reason(store: Store) -> None:
    households.override_eligibility(store, ID_A, rule="二", reason="子女就读大学，材料后补",
                                    actor=ACTOR)  # fmt: skip
    row = next(r for r in evaluate_eligibility(store) if r.id_number == ID_A)
    assert row.rule == Rule.TWO and row.overridden and "子女就读大学" in render(row.reason)
    households.override_eligibility(store, ID_A, rule=None, reason="复核后不符合", actor=ACTOR)
    assert rule_of(store, ID_A)[0] is None
    assert store.conn.execute("SELECT count(*) FROM eligibility_override").fetchone()[0] == 2
    with pytest.raises(InvalidInput):
        households.override_eligibility(store, ID_A, rule="一", reason="  ", actor=ACTOR)


def test_materials_checklist_and_status_history(store: Store) -> None:
    checklist = households.set_materials(
        store, ID_B, received=["身份证", "银行卡复印件"], on=date(2026, 12, 2), actor=ACTOR
    )
    day = date(2026, 12, 2)
    assert checklist == {Material.ID_CARD_COPY: day, Material.BANK_CARD_COPY: day}
    with pytest.raises(InvalidInput):
        households.set_materials(store, ID_B, received=["护照"], actor=ACTOR)
    moved = status.set_status(store, status="单位审核", households=[ID_B], reason="单位已审",
                              actor=ACTOR)  # fmt: skip
    assert (moved.status, moved.changed) == (Status.UNIT_REVIEWED, 1)
    detail = households.show_household(store, ID_B)
    assert detail.household.status == Status.UNIT_REVIEWED
    [change] = detail.status_history
    assert (change.from_status, change.to_status, change.reason, change.changed_by) == (
        Status.APPLIED, Status.UNIT_REVIEWED, "单位已审", ACTOR.user)  # fmt: skip


def test_unknown_id_number_refuses_the_whole_list(store: Store) -> None:
    with pytest.raises(NotFound):
        status.set_status(store, status="单位审核", households=[ID_B, "110105197111259360"],
                          actor=ACTOR)  # fmt: skip
    assert households.list_households(store, status="单位审核") == []
