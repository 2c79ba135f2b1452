"""The log of a whole campaign's work holds no person: a roster imported, a bank card set, a
visit recorded on the laptop, the bundle to the office and merged, letters and receipts
printed, an unexpected error quoting a household, a library logging a row. Then every name,
ID number, phone and card of the roster is looked for in the log file."""

from __future__ import annotations

import csv
import logging
import sys
from pathlib import Path

import pytest

from app.cli import main
from app.domain.visits import Outcome, VisitInput, VisitMode
from app.i18n import catalogue
from app.logs import LOGGER, configure_logging, mask_personal
from app.services.infra import backup
from app.services.visits import recording as visits
from tests.builders import SAMPLE_CSV, fixture_path
from tests.bundle_world import DAY, TEAM_ACTOR, World, standard_handover, team_households

pytestmark = pytest.mark.usefixtures("cheap_scrypt")
CARD = "6222020200112233446"  # Luhn-valid
INIT = ["campaign", "init", "--name", "2027年春节送温暖", "--organizer", "区总工会",
        "--start", "2027-01-20", "--end", "2027-01-28", "--min-living", "780"]  # fmt: skip


@pytest.fixture
def log_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setattr(logging.getLogger(LOGGER), "handlers", [])
    monkeypatch.setitem(catalogue._state, "lang", catalogue._state["lang"])
    place = tmp_path / "logs" / "warmvisit.log"
    place.parent.mkdir()
    configure_logging(place)
    yield place
    for handler in logging.getLogger(LOGGER).handlers:
        handler.close()


def cli(*argv: str | Path) -> int:
    try:
        return main([str(a) for a in argv])
    except SystemExit as e:
        return e.code if isinstance(e.code, int) else 1


def roster_people() -> list[dict[str, str]]:
    with open(fixture_path(SAMPLE_CSV), encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def test_the_log_of_a_whole_scenario_names_nobody(
    tmp_path: Path, world: World, log_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    people = roster_people()
    office = tmp_path / "office.db"
    assert cli("--db", office, *INIT) == 0
    assert cli("--db", office, "category", "add", "--code", "ZB", "--name", "重大疾病",
               "--cash", "2000") == 0  # fmt: skip
    assert cli("--db", office, "roster", "import", fixture_path(SAMPLE_CSV), "--unit", "单位A",
               "--skip-invalid") == 0  # fmt: skip
    first = people[0]
    assert cli("--db", office, "transfers", "card", first["身份证号"], "--bank", "中国工商银行",
               "--card", CARD) == 0  # fmt: skip

    # the laptop: a visit, the result bundle on the stick, merged at the office
    household = team_households(world.t1, "T1")[0]
    visits.record_visit(world.t1, VisitInput(
        household_id=household["id"], day=DAY, mode=VisitMode.HOME, outcome=Outcome.VISITED,
        visitors=("王一", "李二"), handovers=(standard_handover(household),),
    ), actor=TEAM_ACTOR)  # fmt: skip
    stick = world.stick("t1")
    assert cli("--db", world.folder / "t1.db", "bundle", "export", "--out", stick) == 0
    [bundle] = stick.glob("*.wvb")
    central = world.folder / "central.db"
    assert cli("--db", central, "bundle", "import", bundle) == 0
    assert backup.automatic_backups(central, "merge")
    assert cli("--db", central, "letters", "--team", "T1", "--out", tmp_path / "信.pdf") == 0
    assert cli("--db", central, "receipts", "--team", "T1", "--out", tmp_path / "签收.pdf") == 0

    # an unexpected error quoting the household, and a library logging a row
    def broken(*_args: object, **_kw: object) -> None:
        raise ValueError(f"bad row {first['姓名']} {first['身份证号']} {first['联系电话']} {CARD}")

    monkeypatch.setattr("app.services.teams.assignment.list_teams", broken)
    assert cli("--db", central, "team", "list") == 2
    logging.getLogger("warmvisit.rows").warning(
        "row %s %s %s card %s", first["姓名"], first["身份证号"], first["联系电话"], CARD
    )
    try:
        broken()
    except ValueError:
        logging.getLogger(LOGGER).exception("while reading %s", first["家庭住址"])

    written = log_file.read_text(encoding="utf-8")
    assert "command roster import: exit 0" in written and "command bundle import: exit 0" in written
    assert "automatic backup before merge" in written and "ValueError" in written
    assert "row <text> <number> <phone> card <number>" in written
    for person in people:
        for field in ("姓名", "身份证号", "联系电话", "家庭住址"):
            value = person[field].strip()
            assert not value or value not in written, (field, value)
    assert CARD not in written and "6222 0202 0011 2233 445" not in mask_personal(
        "6222 0202 0011 2233 445"
    )
    assert str(Path.home()) not in written or sys.platform == "win32"


@pytest.mark.parametrize(
    ("raw", "masked"),
    [
        ("ID 12011619630715469X.", "ID <number>."),
        ("card 6222 0202 0011 2233 445 ok", "card <number> ok"),
        ("call +86 139-3786-5797 or 022-25801234", "call <phone> or <phone>"),
        ("mobile 13937865797", "mobile <phone>"),
        ("张三 at 新港街道幸福里28号楼", "<text> at <text>28<text>"),
        ("line 12 of app/x.py, 2027-01-21, 3f2a9c", "line 12 of app/x.py, 2027-01-21, 3f2a9c"),
    ],
)  # fmt: skip
def test_what_looks_personal_is_masked(raw: str, masked: str) -> None:
    assert mask_personal(raw) == masked
