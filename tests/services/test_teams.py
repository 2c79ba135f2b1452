"""Teams and assignment: by area, by unit, balanced, by hand; nobody left over (不漏户)."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.domain.assignment import Place, split_balanced, split_by_area, split_by_unit
from app.domain.errors import Conflict, NotFound
from app.services.rosters.importing import import_roster
from app.services.teams import assignment as teams
from app.store.db import Store
from tests.builders import ACTOR, ID_A, ID_B, SAMPLE_CSV, confirm, confirm_all, fixture_path, write


def test_split_by_area_prefers_the_street_and_reports_the_rest() -> None:
    places = [Place("a", "新港街道", "", "u"), Place("b", "", "大沽街道向阳里1号", "u"),
              Place("c", "北塘街道", "", "u")]  # fmt: skip
    chosen, left = split_by_area(places, [("T1", ("新港街道",)), ("T2", ("大沽街道",))])
    assert chosen == {"a": "T1", "b": "T2"} and [p.household_id for p in left] == ["c"]


def test_split_by_unit_keeps_units_whole_and_loads_even() -> None:
    places = [Place(f"{u}{i}", "", "", u) for u, n in (("甲", 5), ("乙", 3), ("丙", 2))
              for i in range(n)]  # fmt: skip
    chosen = split_by_unit(places, ["T1", "T2"])
    assert {chosen[f"甲{i}"] for i in range(5)} == {"T1"}
    assert {chosen[f"乙{i}"] for i in range(3)} == {"T2"} == {chosen["丙0"], chosen["丙1"]}


def test_split_balanced_counts_differ_by_at_most_one() -> None:
    places = [Place(str(i), f"街{i % 3}", f"{i}号", "u") for i in range(10)]
    chosen = split_balanced(places, ["T1", "T2", "T3"])
    counts = sorted(list(chosen.values()).count(t) for t in ("T1", "T2", "T3"))
    assert counts == [3, 3, 4] and len(chosen) == 10


def test_confirmed_households_assigned_and_none_left_over(tmp_path: Path) -> None:
    s = Store(tmp_path / "s.db")
    from datetime import date

    from app.services.campaign import setup as campaigns

    campaigns.init_campaign(s, name="春节", organizer="区总工会", start=date(2027, 1, 20),
                            end=date(2027, 1, 28), min_living="780", actor=ACTOR)  # fmt: skip
    import_roster(s, fixture_path(SAMPLE_CSV), unit="单位A", skip_invalid=True,
                  actor=ACTOR)  # fmt: skip
    confirm_all(s, ACTOR)
    teams.add_team(s, code="T1", name="第一组", leader="王一", area="新港街道、大沽街道",
                   actor=ACTOR)  # fmt: skip
    teams.add_team(s, code="T2", name="第二组", leader="赵二", area="泰达街道", actor=ACTOR)
    with pytest.raises(Conflict):
        teams.add_team(s, code="t1", name="重复", leader="某", actor=ACTOR)
    by_area = teams.assign_by(s, "area", actor=ACTOR)
    assert sum(by_area.assigned.values()) + len(by_area.unassigned) == 56
    assert by_area.unassigned  # streets no team covers are listed, not dropped
    rest = teams.assign_by(s, "balanced", actor=ACTOR)
    assert rest.unassigned == () and sum(rest.assigned.values()) == len(by_area.unassigned)
    assert sum(t.households for t in teams.list_teams(s)) == 56
    # move one household by hand; the earlier assignment row stays
    some = teams.team_schedule(s)[0]
    target = "T2" if some.team == "T1" else "T1"
    assert teams.assign_households(s, target, [some.id_number], actor=ACTOR) == 1
    assert teams.assign_households(s, target, [some.id_number], actor=ACTOR) == 0
    assert s.conn.execute("SELECT count(*) FROM assignment").fetchone()[0] == 57
    with pytest.raises(NotFound):
        teams.assign_households(s, "T9", [some.id_number], actor=ACTOR)
    s.close()


def test_only_confirmed_households_are_assigned(tmp_path: Path) -> None:
    from datetime import date

    from app.services.campaign import setup as campaigns

    store = Store(tmp_path / "t.db")
    campaigns.init_campaign(store, name="春节", organizer="区总工会", start=date(2027, 1, 20),
                            end=date(2027, 1, 28), min_living="780", actor=ACTOR)  # fmt: skip
    roster = write(tmp_path, "a.csv", f"姓名,身份证号\n张三,{ID_A}\n李四,{ID_B}\n")
    import_roster(store, roster, unit="单位A", actor=ACTOR)
    teams.add_team(store, code="T1", name="第一组", leader="王一", actor=ACTOR)
    assert teams.assign_by(store, "balanced", actor=ACTOR).assigned == {"T1": 0}
    confirm(store, ID_A)
    result = teams.assign_by(store, "balanced", actor=ACTOR)
    assert result.assigned == {"T1": 1} and result.unassigned == ()
    assert [r.id_number for r in teams.team_schedule(store)] == [ID_A]
    store.close()
