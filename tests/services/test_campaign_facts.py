"""The campaign's facts changed after init (issue 18, 活动设置): one field at a time with a reason,
the value before and after kept (never changed), and what depends on a fact follows it —
eligibility the 低保标准, the flags and the teams' next assignment bundle the window."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from app.domain.errors import InvalidInput
from app.domain.visits import Outcome, VisitInput, VisitMode
from app.services.bundles import exchange as bundles
from app.services.campaign import facts
from app.services.campaign import setup as campaigns
from app.services.households.eligibility import evaluate_eligibility
from app.services.infra.context import Actor, require_campaign
from app.services.oversight.flags import campaign_flags
from app.services.visits import recording as visits
from app.store.db import Store
from tests.bundle_world import ACTOR, DAY, TEAM_ACTOR, World, export, merge, team_households

CLERK = Actor(user="clerk")
pytestmark = pytest.mark.usefixtures("cheap_scrypt")


@pytest.fixture
def campaign(tmp_path: Path) -> Iterator[Store]:
    store = Store(tmp_path / "wv.db")
    campaigns.init_campaign(
        store, name="2027年春节送温暖", organizer="区总工会", start=date(2027, 1, 20),
        end=date(2027, 1, 28), min_living="780", actor=CLERK,
    )  # fmt: skip
    yield store
    store.close()


@pytest.mark.parametrize(
    ("field", "value", "reason", "key"),
    [
        ("end", "2027-01-19", "延后", "campaign.dates"),
        ("start", "2027-01-29", "推迟", "campaign.dates"),
        ("min_living", "0", "调整", "campaign.min_living"),
        ("min_living", "-5", "调整", "money.negative"),
        ("end", "2027-02-30", "延后", "campaign.date_invalid"),
        ("rule1_pct", "250", "调整", "campaign.percentages"),
        ("rule2_pct", "两百", "调整", "campaign.pct_invalid"),
        ("hardship_cost", "0", "调整", "campaign.hardship_cost"),
        ("name", "  ", "改名", "campaign.name_missing"),
        ("budget", "1", "调整", "campaign.field_unknown"),
        ("end", "2027-01-30", "  ", "campaign.reason_missing"),
        ("end", "2027-01-28", "没变", "campaign.unchanged"),
    ],
)
def test_a_bad_change_is_refused_and_changes_nothing(
    campaign: Store, field: str, value: str, reason: str, key: str
) -> None:
    before = require_campaign(campaign)
    with pytest.raises(InvalidInput) as refused:
        facts.change_campaign(campaign, field, value, reason, CLERK)
    assert refused.value.key == key
    assert require_campaign(campaign) == before
    assert facts.campaign_history(campaign) == ()


def test_a_change_keeps_what_it_was_and_the_history_is_never_changed(campaign: Store) -> None:
    done = facts.change_campaign(campaign, "end", "2027-02-03", "春节延后走访", CLERK)
    facts.change_campaign(campaign, "min-living", "820", "新低保标准", CLERK)
    facts.change_campaign(campaign, "organizer", "市总工会", "主办单位调整", CLERK)
    assert done.consequence.visits_outside == 0
    now = require_campaign(campaign)
    assert (now.end, now.thresholds.min_living_fen, now.organizer) == (
        date(2027, 2, 3), 82_000, "市总工会")  # fmt: skip
    assert [(c.field.value, c.before, c.after, c.reason, c.by)
            for c in facts.campaign_history(campaign)] == [
        ("end", "2027-01-28", "2027-02-03", "春节延后走访", "clerk"),
        ("min_living", "78000", "82000", "新低保标准", "clerk"),
        ("organizer", "区总工会", "市总工会", "主办单位调整", "clerk"),
    ]  # fmt: skip
    for sql in ("UPDATE campaign_change SET after = 'x'", "DELETE FROM campaign_change"):
        with pytest.raises(sqlite3.IntegrityError, match="appended"):
            campaign.conn.execute(sql)
    assert len(facts.campaign_history(campaign)) == 3


def test_eligibility_follows_the_minimum_living_standard(world: World) -> None:
    central = world.central
    before = {r.id: r.rule for r in evaluate_eligibility(central)}
    preview = facts.preview_change(central, "min_living", "2000")
    assert {r.id: r.rule for r in evaluate_eligibility(central)} == before  # nothing written
    done = facts.change_campaign(central, "min_living", "2000", "低保标准上调", ACTOR)
    after = {r.id: r.rule for r in evaluate_eligibility(central)}
    changed = sum(1 for h in before if before[h] != after[h])
    assert changed > 0
    assert preview.rules_changed == done.consequence.rules_changed == changed


def test_a_window_that_leaves_visits_outside_is_allowed_flagged_and_reaches_the_team(
    world: World,
) -> None:
    household = team_households(world.t1, "T1")[0]
    visits.record_visit(
        world.t1,
        VisitInput(household_id=household["id"], day=DAY, mode=VisitMode.HOME,
                   outcome=Outcome.NOT_HOME, visitors=("王一",)),
        actor=TEAM_ACTOR,
    )  # fmt: skip
    assert merge(world.central, export(world, world.t1)).outcome == "applied"
    assert [f for f in campaign_flags(world.central) if f.kind == "outside_window"] == []

    done = facts.change_campaign(world.central, "start", "2027-01-22", "延后开始", ACTOR)
    assert done.consequence.visits_outside == 1
    [flag] = [f for f in campaign_flags(world.central) if f.kind == "outside_window"]
    assert flag.household_id == household["id"]

    newer = bundles.export_assignment(world.central, "T1", world.stick("central"), actor=ACTOR)
    applied = bundles.import_bundle(world.t1, newer.file, credential=world.template.t1_credential,
                                    actor=TEAM_ACTOR)  # fmt: skip
    assert applied.outcome == "applied"
    laptop = require_campaign(world.t1)
    assert (laptop.start, laptop.end) == (date(2027, 1, 22), date(2027, 1, 28))
