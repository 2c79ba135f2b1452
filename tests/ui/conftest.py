"""Stores and windows the window tests start from. The team laptop of the bundle world
(``world``) is in tests/conftest.py."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from app.services.campaign import setup as campaigns
from app.services.rosters.importing import import_roster
from app.store.db import Store
from app.ui import clock
from app.ui.main_window import MainWindow
from tests.builders import ACTOR, confirm_all, make_id, write
from tests.ui.builders import NAMES

LAPTOP_DAY = date(2027, 1, 21)  # inside the campaigns below (20–28 Jan 2027)


@pytest.fixture(autouse=True)
def laptop_date(monkeypatch: pytest.MonkeyPatch) -> date:
    """The laptop's date, inside the campaign as a team's should be: visits start without the
    question about the date. The tests of that question set another day."""
    monkeypatch.setattr(clock, "today", lambda: LAPTOP_DAY)
    return LAPTOP_DAY


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    """A campaign and the four households of NAMES (no category, status not yet decided)."""
    s = Store(tmp_path / "t.db")
    campaigns.init_campaign(s, name="春节送温暖", organizer="区总工会", start=date(2027, 1, 20),
                            end=date(2027, 1, 28), min_living="780", actor=ACTOR)  # fmt: skip
    lines = ["姓名,身份证号,家庭住址,联系电话"]
    for n, name in enumerate(NAMES):
        lines.append(f"{name},{make_id(f'12011619800101{n:02d}3')},大沽街道{n + 1}号,1380000000{n}")
    import_roster(s, write(tmp_path, "r.csv", "\n".join(lines) + "\n"), unit="单位A", actor=ACTOR)
    yield s
    s.close()


@pytest.fixture
def window(qtbot, store: Store) -> MainWindow:  # noqa: ANN001
    """The window on ``store`` with every household 确定 in 困难职工, searched down to 张三."""
    campaigns.add_category(store, code="KN", name="困难职工", cash="1000", goods="大米一袋",
                           goods_value="100")  # fmt: skip
    store.conn.execute("UPDATE household SET category_id = (SELECT id FROM category)")
    confirm_all(store)
    w = MainWindow(store, store.path)
    qtbot.addWidget(w)
    w.search.setText("张三")
    qtbot.waitUntil(lambda: w.model.rowCount() == 1, timeout=2000)
    return w
