"""The list in memory finds what the list table finds, in the same order, for any query."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.services.demo.campaign import ensure_demo_campaign, write_demo_roster
from app.services.rosters.importing import import_roster
from app.services.search.index import SearchIndex, load_search_index
from app.services.search.lookup import ensure_search_index, search_ids
from app.store.db import Store

# Households the demo does not make: a Latin name, letters and digits in an address, a landline
# with a dash, an ID number ending in X, a name outside the Basic Multilingual Plane.
ODD = [
    ["Mary Smith", "120116199001010038", "区供热公司", "新港街道", "新港三号路A座12-3",
     "022-28584684"],
    ["王𠇔", "12011619850505008X", "区供热公司", "杭州道街道", "福州道88号楼2门101",
     "13812345678"],
    ["李明", "120116197003030041", "区供热公司", "新港街道", "新港路B-7号", "13900001234"],
]  # fmt: skip
HEADER = ["姓名", "身份证号", "工作单位", "所属街道", "家庭住址", "联系电话"]


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    folder = tmp_path_factory.mktemp("search")
    s = Store(folder / "s.db")
    ensure_demo_campaign(s)
    import_roster(s, write_demo_roster(folder / "demo.csv", 1500, seed=5), unit="演示")
    odd = folder / "odd.csv"
    with odd.open("w", encoding="utf-8-sig", newline="") as f:
        csv.writer(f).writerows([HEADER, *ODD])
    assert import_roster(s, odd, unit="其他").imported == 3
    ensure_search_index(s)
    return s


@pytest.fixture(scope="module")
def index(store: Store) -> SearchIndex:
    found = load_search_index(store)
    assert found is not None and len(found) == 1503
    return found


def _both(store: Store, index: SearchIndex, query: str) -> tuple[list[str], list[str]]:
    return list(search_ids(store, query)), list(search_ids(store, query, index=index))


@pytest.mark.parametrize("query", [
    "", "王", "李明", "街道", "号楼", "zs", "wang", "m", "Mary", "A座", "12-3", "B-7", "022",
    "-", "4684", "1234", "008X", "008x", "0038", "88", "𠇔", "王𠇔", "Smith", "a", "x", "X",
])  # fmt: skip
def test_the_same_households_in_the_same_order(
    store: Store, index: SearchIndex, query: str
) -> None:
    from_sql, from_memory = _both(store, index, query)
    assert from_memory == from_sql


def test_what_a_clerk_types_finds_the_household(store: Store, index: SearchIndex) -> None:
    name = {r["id"]: r["name"] for r in store.query("SELECT id, name FROM household")}
    assert "Mary Smith" in [name[h] for h in search_ids(store, "Smith", index=index)]
    assert [name[h] for h in search_ids(store, "008X", index=index)] == ["王𠇔"]  # ID tail
    assert "李明" in [name[h] for h in search_ids(store, "1234", index=index)]  # phone tail
    assert "Mary Smith" in [name[h] for h in search_ids(store, "12-3", index=index)]


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(query=st.text(alphabet="王李张街道号楼门新港0123456789-xXabcdzswngAB 𠇔", max_size=4))
def test_any_query_finds_the_same(store: Store, index: SearchIndex, query: str) -> None:
    from_sql, from_memory = _both(store, index, query)
    assert from_memory == from_sql


def test_the_found_list_reads_like_a_list(store: Store, index: SearchIndex) -> None:
    found = search_ids(store, "王", index=index)
    ids = list(found)
    assert len(found) == len(ids) > 5
    assert found[0] == ids[0] and found[-1] == ids[-1] and found[2:5] == ids[2:5]


def test_written_before_ids_were_uuids_it_falls_back_to_sql(tmp_path: Path) -> None:
    s = Store(tmp_path / "odd.db")
    s.conn.execute(
        "INSERT INTO household_list (rank, household_id, hay, letters, phone, id_end)"
        " VALUES (1, 'short-id', 'x', '', '', '120116199001010022' || char(1))"
    )
    assert load_search_index(s) is None
