"""Teams and append-only assignment: the newest row of a household is its team, nobody is left
over unseen, the schedule's order, credentials and the cash float."""

from __future__ import annotations

from app.domain.campaign import CONFIRMED, DECLINED, new_id
from app.store import teams
from tests.store.builders import World


def test_teams_list_by_code_with_the_households_they_have_now(world: World) -> None:
    t2, t1 = world.team("T2"), world.team("T1")
    a, b, c = world.household("甲"), world.household("乙"), world.household("丙")
    world.assign(a, t1)
    world.assign(b, t1)
    world.assign(b, t2)  # moved
    world.assign(c, t2)
    world.assign(c, None)  # withdrawn
    listed = teams.list_teams(world.store, world.campaign_id)
    assert [(t["code"], t["households"]) for t in listed] == [("T1", 1), ("T2", 1)]
    assert listed[0]["id"] == t1 and listed[0]["leader"] == "周组长"


def test_the_newest_assignment_row_wins_and_the_older_are_kept(world: World) -> None:
    t1, t2 = world.team("T1"), world.team("T2")
    moved, withdrawn, stays = world.household("甲"), world.household("乙"), world.household("丙")
    world.assign(moved, t1, "2027-01-21")
    world.assign(withdrawn, t1)
    world.assign(stays, t2)
    world.assign(moved, t2, "2027-01-22")
    world.assign(withdrawn, None)
    # Inserted last, though stamped earlier: the order rows were written decides, not the clock.
    teams.insert_assignments(
        world.store,
        [
            {
                "id": new_id(),
                "household_id": stays,
                "team_id": t1,
                "planned_date": None,
                "assigned_at": "2000-01-01T00:00+08:00",
                "assigned_by": "王会计",
            }
        ],
    )
    assert teams.current_team_of(world.store, None) == {moved: t2, withdrawn: None, stays: t1}
    assert teams.current_team_of(world.store, [moved, world.household("丁")]) == {moved: t2}
    assert world.store.conn.execute("SELECT count(*) FROM assignment").fetchone()[0] == 6
    teams.insert_assignments(world.store, [])  # nothing: no statement
    assert teams.team_households(world.store, t2) == [(moved, None)]


def test_current_teams_and_id_numbers_of_more_households_than_a_chunk(world: World) -> None:
    team = world.team("T1")
    ids = world.households(1201)
    teams.insert_assignments(
        world.store,
        [
            {
                "id": new_id(),
                "household_id": h,
                "team_id": team,
                "planned_date": None,
                "assigned_at": world.now(),
                "assigned_by": "王会计",
            }
            for h in ids[::2]
        ],
    )
    current = teams.current_team_of(world.store, ids)
    assert current == {h: team for h in ids[::2]}
    numbers = teams.id_numbers(world.store, ids)
    assert len(numbers) == 1201 == len(set(numbers.values()))
    assert teams.id_numbers(world.store, None) == numbers
    assert teams.id_numbers(world.store, ids[:1]) == {ids[0]: numbers[ids[0]]}


def test_a_team_is_found_by_its_code_in_any_case(world: World) -> None:
    team = world.team("T1", area="新港街道")
    found = teams.team_by_code(world.store, world.campaign_id, "t1")
    assert found is not None and found["id"] == team and found["area"] == "新港街道"
    assert teams.team_by_code(world.store, world.campaign_id, "T9") is None
    assert teams.team_by_code(world.store, "other-campaign", "T1") is None
    by_id = teams.team_by_id(world.store, team)
    assert by_id is not None and by_id["code"] == "T1"
    assert teams.team_by_id(world.store, "no-such") is None


def test_unassigned_are_households_of_the_status_no_team_has_now(world: World) -> None:
    team = world.team("T1")
    never = world.household("甲", status=CONFIRMED, street="新港街道", address="2号")
    withdrawn = world.household("乙", status=CONFIRMED, street="大沽街道", address="9号")
    assigned = world.household("丙", status=CONFIRMED)
    world.household("丁", status=DECLINED)
    first_on_street = world.household("戊", status=CONFIRMED, street="新港街道", address="1号")
    world.assign(assigned, team)
    world.assign(withdrawn, team)
    world.assign(withdrawn, None)
    rows = teams.unassigned(world.store, world.campaign_id, CONFIRMED)
    assert [r["id"] for r in rows] == [withdrawn, first_on_street, never]  # street, address
    assert set(rows[0]) == {"id", "id_number", "name", "unit", "street", "address"}


def test_the_schedule_is_by_team_then_planned_date_then_street(world: World) -> None:
    t1, t2 = world.team("T1", members="吴一、郑二"), world.team("T2")
    rows = [
        ("甲", t2, "2027-01-21", "新港街道"),
        ("乙", t1, "2027-01-22", "大沽街道"),
        ("丙", t1, "2027-01-21", "新港街道"),
        ("丁", t1, "2027-01-21", "大沽街道"),
    ]
    for name, team, planned, street in rows:
        world.assign(world.household(name, street=street), team, planned)
    withdrawn = world.household("戊")
    world.assign(withdrawn, t1)
    world.assign(withdrawn, None)
    schedule = teams.schedule(world.store, world.campaign_id)
    assert [(r["team"], r["name"], r["planned_date"]) for r in schedule] == [
        ("T1", "丁", "2027-01-21"),
        ("T1", "丙", "2027-01-21"),
        ("T1", "乙", "2027-01-22"),
        ("T2", "甲", "2027-01-21"),
    ]
    assert schedule[0]["members"] == "吴一、郑二" and schedule[0]["leader"] == "周组长"


def _credential(world: World, team: str, credential: str, mac_key: str | None = None) -> None:
    teams.insert_team_credential(
        world.store,
        {"team_id": team, "credential": credential, "created_at": world.now(), "mac_key": mac_key},
    )


def test_credentials_by_team_code_with_the_derived_key(world: World) -> None:
    t1, t2 = world.team("T1"), world.team("T2")
    world.team("T3")  # never exported: no credential
    _credential(world, t1, "CP2Q5-6MXU8-RWWTC-J8SYY-38AN3")
    _credential(world, t2, "ABCDE-FGHJK-LMNPQ-RSTUV-WXYZ2", mac_key="ff" * 32)
    assert teams.credentials(world.store, world.campaign_id) == {
        "T1": "CP2Q5-6MXU8-RWWTC-J8SYY-38AN3",
        "T2": "ABCDE-FGHJK-LMNPQ-RSTUV-WXYZ2",
    }
    assert teams.team_credential(world.store, t1) == ("CP2Q5-6MXU8-RWWTC-J8SYY-38AN3", None)
    assert teams.team_credential(world.store, t2) == ("ABCDE-FGHJK-LMNPQ-RSTUV-WXYZ2", "ff" * 32)
    assert teams.team_credential(world.store, "no-such") is None


def test_the_latest_float_is_the_last_recorded(world: World) -> None:
    team = world.team("T1")
    assert teams.latest_float(world.store, team) is None
    for amount in (200000, 150000):
        teams.insert_float(
            world.store,
            {
                "id": new_id(),
                "team_id": team,
                "amount_fen": amount,
                "recorded_at": "2027-01-20T08:00+08:00",
                "recorded_by": "王会计",
            },
        )
    assert teams.latest_float(world.store, team) == 150000
    assert teams.latest_float(world.store, world.team("T2")) is None


def test_team_households_carry_their_category(world: World) -> None:
    category = world.category("A", "困难职工", 50000)
    team = world.team("T1")
    a, b = world.household("甲", category_id=category.id), world.household("乙")
    world.assign(a, team)
    world.assign(b, team)
    assert sorted(teams.team_households(world.store, team)) == sorted([(a, category.id), (b, None)])
