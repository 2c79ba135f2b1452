"""The office window's roster preview: what 导入 would do, nothing stored; the rejected rows
written back for the unit with their Excel row numbers."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import openpyxl

from app.services.campaign.units import set_units
from app.services.rosters.importing import import_roster
from app.services.rosters.preview import preview_roster, write_returned
from app.store.db import Store
from tests.builders import ACTOR, SAMPLE_CSV, count, fixture_path, make_id, write


def _dump(store: Store) -> list[tuple[object, ...]]:
    return list(store.conn.execute("SELECT * FROM household ORDER BY id")) + list(
        store.conn.execute("SELECT * FROM roster_import ORDER BY id")
    )


def test_preview_of_the_sample_shows_what_import_does_and_stores_nothing(store: Store) -> None:
    set_units(store, name="单位A", quota=50, deadline=date(2026, 11, 30), actor=ACTOR)
    before = _dump(store)
    seen = preview_roster(store, fixture_path(SAMPLE_CSV), unit="单位A", actor=ACTOR)
    assert _dump(store) == before and count(store) == 0
    assert seen.outcome is not None and not seen.ready
    assert seen.problem_rows == 3 and seen.outcome.imported == 56
    assert [(d.row, d.first_seen) for d in seen.outcome.duplicates] == [(15, 12)]
    marks = {m.mark.value for m in seen.outcome.marked}
    assert marks == {"over_quota", "late"}
    assert {c.field for c in seen.columns} >= {"name", "id_number"}
    done = import_roster(store, fixture_path(SAMPLE_CSV), unit="单位A", skip_invalid=True,
                         actor=ACTOR)  # fmt: skip
    assert (done.imported, len(done.marked)) == (56, len(seen.outcome.marked))


def test_a_missing_id_column_is_named_and_mapped_in_the_preview(
    store: Store, tmp_path: Path
) -> None:
    path = write(tmp_path, "r.csv", f"姓名,证件\n张三,{make_id('12011619800101003')}\n")
    seen = preview_roster(store, path, unit="单位B", actor=ACTOR)
    assert seen.outcome is None and seen.refusal is not None
    assert seen.refusal.key == "roster.missing_columns"
    assert [(c.letter, c.header, c.field) for c in seen.columns] == [
        ("A", "姓名", "name"),
        ("B", "证件", None),
    ]
    mapped = preview_roster(store, path, unit="单位B", mapping=["证件=id_number"], actor=ACTOR)
    assert mapped.ready and mapped.outcome is not None and mapped.outcome.imported == 1
    assert count(store) == 0


def test_rejected_rows_go_back_with_the_units_columns_and_row_numbers(
    store: Store, tmp_path: Path
) -> None:
    seen = preview_roster(store, fixture_path(SAMPLE_CSV), unit="单位A", actor=ACTOR)
    assert seen.outcome is not None
    target = write_returned(fixture_path(SAMPLE_CSV), seen.outcome.rejected,
                            tmp_path / "单位A_退回.xlsx", lang="zh")  # fmt: skip
    sheet = openpyxl.load_workbook(target).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "原行号" and rows[0][-1] == "问题" and "姓名" in rows[0]
    assert [r[0] for r in rows[1:]] == [10, 31, 35]
    assert rows[1][rows[0].index("姓名")] == "覃芳"
    assert rows[3][-1] == "身份证号：身份证号校验位错误（可能有数字录错）"
