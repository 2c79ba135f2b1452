"""The office window's 户的历史: one household's trail, read only, newest first — the roster row
that brought it, its status, the team it went to, the visit and the payment with the laptop
that recorded them."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt

from app.domain.visits import Outcome, VisitInput, VisitMode
from app.services.bundles import exchange as bundles
from app.services.visits import recording as visits
from app.ui.office.history_page import HistoryPage
from app.ui.office.read_table import cells
from tests.bundle_world import (
    ACTOR,
    DAY,
    TEAM_ACTOR,
    World,
    export,
    standard_handover,
    team_households,
)

pytestmark = pytest.mark.usefixtures("cheap_scrypt")


def test_a_households_trail_from_roster_to_payment(qtbot: Any, world: World) -> None:
    first = team_households(world.t1, "T1")[0]
    visits.record_visit(
        world.t1,
        VisitInput(household_id=first["id"], day=DAY, mode=VisitMode.HOME,
                   outcome=Outcome.VISITED, visitors=("王一",),
                   handovers=(standard_handover(first),)),
        actor=TEAM_ACTOR,
    )  # fmt: skip
    bundles.import_bundle(world.central, export(world, world.t1), actor=ACTOR)
    p = HistoryPage(world.central)
    qtbot.addWidget(p)
    p.resize(1246, 700)
    p.show()
    qtbot.keyClicks(p.search, first["id_number"])
    qtbot.keyClick(p.search, Qt.Key.Key_Return)
    assert p.heading.text().startswith(f"{first['name']} {first['id_number'][:6]}********")
    what = cells(p.table, 2)
    assert what[-1] == "由单位A的名单报送"
    assert "状态 上报 → 确定：测试" in what
    assert "分给慰问组 T1 第一组" in what
    assert "走访 2027-01-21（上门）：已慰问" in what
    assert what[0] == "发放（农民工）：现金¥500.00，慰问品¥100.00"  # newest first
    assert (cells(p.table, 1)[0], cells(p.table, 4)[0]) == ("T1", "¥600.00")
    assert cells(p.table, 3)[0].endswith("#2 · " + cells(p.table, 3)[0][-8:])  # laptop, record
    # not found: the sentence, nothing shown
    p.search.clear()
    qtbot.keyClicks(p.search, "999999")
    qtbot.keyClick(p.search, Qt.Key.Key_Return)
    assert p.table.rowCount() == 0 and p.heading.text()
