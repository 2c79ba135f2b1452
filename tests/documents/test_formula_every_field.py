"""Every text field a user can set, holding ``=1+1…`` or ``=HYPERLINK(…)``, reaches every XLSX
output as text, never as a live formula (issue 17). Each field carries its own tag, so the test
says which field showed where; test_formula_injection.py keeps the first cases (a household
name, a cost, an opinion, the roster writer) and test_transfers.py the transfer list's.

Everything goes in through the services a clerk or a team uses (campaign, categories, roster,
teams, costs, visits at the office, a void), not by writing into the store.
"""

from __future__ import annotations

import csv
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook

from app.domain.visits import Handover, Outcome, RecipientRole, VisitInput, VisitMode
from app.services.campaign import revisions
from app.services.campaign import setup as campaigns
from app.services.campaign.budget import compute_budget, write_budget
from app.services.oversight import opinions
from app.services.printing.daily_log import print_daily_log
from app.services.printing.summary import print_summary
from app.services.rosters.importing import import_roster
from app.services.teams import assignment as teams
from app.services.visits import recording as visits
from app.store.db import Store
from tests.builders import ACTOR, SAMPLE_CSV, confirm_all, fixture_path

DAY = date(2027, 1, 21)
FORMS: dict[str, Callable[[str], str]] = {
    "sum": lambda tag: f'=1+1&"{tag}"',
    # short: a household's name may have 30 characters and no digit
    "link": lambda tag: f'=HYPERLINK("//e/{tag}","{tag}")',
}
# Where a field is shown: which workbooks must carry its text (as text).
SUMMARIES = {"summary-unit", "summary-team", "summary-category"}
SHOWN = {
    "campaign": {"budget", "schedule", "daily", "opinions", *SUMMARIES},
    "organizer": SUMMARIES,
    "category": {"budget", *SUMMARIES},
    "goods": {"budget", "daily"},
    "cost": {"budget", *SUMMARIES},
    "nm": {"schedule", "daily", "opinions", *SUMMARIES},  # the household's name
    "unit": {"opinions", *SUMMARIES},
    "address": {"schedule"},
    "street": {"schedule"},
    "team": {"schedule", "daily", "opinions", *SUMMARIES},
    "leader": {"schedule", "daily"},
    "member": {"schedule"},
    "area": {"schedule"},
    "visitor": {"daily"},
    "proxy": {"daily"},
    "conditions": {"daily"},
    "opinion": {"daily", "opinions", *SUMMARIES},
    "note": {"daily"},
}  # fmt: skip
NOT_IN_ANY_WORKBOOK = {"employer", "cause", "roster-note", "off-standard", "void"}


def build(store: Store, folder: Path, h: Callable[[str], str]) -> None:
    campaigns.init_campaign(store, name=h("campaign"), organizer=h("organizer"),
                            start=date(2027, 1, 20), end=date(2027, 1, 28), min_living="780",
                            actor=ACTOR)  # fmt: skip
    campaigns.add_category(store, code="KN", name=h("category"), cash="1000", goods=h("goods"),
                           goods_value="100", actor=ACTOR)  # fmt: skip
    with fixture_path(SAMPLE_CSV).open(encoding="utf-8-sig", newline="") as f:
        header, *rows = list(csv.reader(f))[:5]
    col = {name: header.index(name) for name in header}
    for row in rows:
        row[col["慰问类别"]] = h("category")
    first = rows[0]
    for column, tag in (("姓名", "nm"), ("工作单位", "employer"), ("家庭住址", "address"),
                        ("所属街道", "street"), ("致困原因", "cause"),
                        ("备注", "roster-note")):  # fmt: skip
        first[col[column]] = h(tag)
    roster = folder / "名单.csv"
    if any(ch.isdigit() for ch in h("nm")):  # a name with a digit is refused: not a name
        with roster.open("w", encoding="utf-8-sig", newline="") as f:
            csv.writer(f).writerows([header, first])
        refused = import_roster(store, roster, unit=h("unit"), actor=ACTOR)
        assert not refused.applied
        assert [(p.column, p.key) for p in refused.rejected] == [("姓名", "row.name_invalid")]
        first[col["姓名"]] = "一加一"
    with roster.open("w", encoding="utf-8-sig", newline="") as f:
        csv.writer(f).writerows([header, *rows])
    done = import_roster(store, roster, unit=h("unit"), actor=ACTOR)
    assert (done.imported, done.rejected) == (4, ()), done
    confirm_all(store, ACTOR)
    teams.add_team(store, code="T1", name=h("team"), leader=h("leader"), members=[h("member")],
                   area=h("area"), actor=ACTOR)  # fmt: skip
    teams.assign_by(store, "balanced", actor=ACTOR)
    revisions.add_cost(store, name=h("cost"), amount="10", actor=ACTOR)
    _visit(store, h)


def _visit(store: Store, h: Callable[[str], str]) -> None:
    """At the office (paper visits are recorded as the office's own): the hostile household
    visited by a proxy, paid off the standard; another paid and the payment voided."""
    people = list(store.query("SELECT id FROM household ORDER BY rowid"))
    paid = visits.record_visit(store, VisitInput(
        household_id=people[0]["id"], day=DAY, mode=VisitMode.HOME, outcome=Outcome.VISITED,
        recipient_role=RecipientRole.PROXY, proxy_name=h("proxy"), proxy_relation="配偶",
        proxy_reason="住院", visitors=(h("visitor"),), conditions=h("conditions"),
        opinions=h("opinion"), notes=h("note"),
        handovers=(Handover("KN", cash_fen=90_000, goods=h("goods"), goods_fen=10_000,
                            off_standard_reason=h("off-standard")),),
    ), actor=ACTOR)  # fmt: skip
    assert paid.disbursement_ids
    other = visits.record_visit(store, VisitInput(
        household_id=people[1]["id"], day=DAY, mode=VisitMode.HOME, outcome=Outcome.VISITED,
        visitors=(h("visitor"),), handovers=(Handover("KN", cash_fen=100_000, goods=h("goods"),
                                                      goods_fen=10_000),),
    ), actor=ACTOR)  # fmt: skip
    visits.void_record(store, other.disbursement_ids[0], reason=h("void"), actor=ACTOR)


def outputs(store: Store, folder: Path) -> dict[str, Path]:
    written = {"budget": folder / "budget.xlsx", "schedule": folder / "schedule.xlsx"}
    write_budget(written["budget"], compute_budget(store), lang="zh")
    teams.write_schedule(store, written["schedule"])
    for by in ("unit", "team", "category"):
        written[f"summary-{by}"] = print_summary(store, folder / f"summary-{by}.xlsx", by=by,
                                                 actor=ACTOR).path  # fmt: skip
    written["daily"] = print_daily_log(store, folder / "daily.xlsx", team="T1", day=DAY).path
    written["opinions"] = opinions.print_opinions(store, folder / "opinions.xlsx").path
    return written


@pytest.mark.parametrize("form", sorted(FORMS))
def test_every_field_a_user_sets_is_text_in_every_workbook(form: str, tmp_path: Path) -> None:
    h = FORMS[form]
    with Store(tmp_path / "office.db") as store:
        build(store, tmp_path, h)
        written = outputs(store, tmp_path)
    tags = set(SHOWN) | NOT_IN_ANY_WORKBOOK
    shown: dict[str, set[str]] = {tag: set() for tag in tags}
    for name, path in written.items():
        for sheet in load_workbook(path).worksheets:
            for row in sheet.iter_rows():
                for cell in row:
                    value = str(cell.value)
                    if cell.data_type == "f":  # the app's own sums only
                        assert "1+1" not in value and "HYPERLINK" not in value, (name, value)
                        continue
                    for tag in tags:
                        if h(tag) in value:
                            assert cell.data_type == "s", (name, tag, cell.data_type)
                            shown[tag].add(name)
    expected = {tag: where for tag, where in SHOWN.items()
                if tag != "nm" or not any(ch.isdigit() for ch in h(tag))}  # fmt: skip
    assert {tag: where for tag, where in shown.items() if where} == expected
