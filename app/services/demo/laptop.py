"""A demo team laptop: what the team window looks like on the laptop a team carries.

From a demo central store: teams, the confirmed households split among them, team T1's
assignment bundle written and read into a new database, exactly as a central office and a team
leader would do it by hand. The PIN is set to 1234 for the demo (the README says so).
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from app.domain.campaign import Status
from app.services.bundles import exchange as bundles
from app.services.households.status import advance_everyone
from app.services.infra.context import Actor, require_campaign
from app.services.laptop.lock import set_pin
from app.services.teams import assignment as teams
from app.store.db import Store
from app.store.teams import team_by_code

DEMO_PIN = "1234"
DEMO_TEAMS = (
    ("T1", "第一慰问组", "王建国", ["李秀英", "张伟"], "新港街道、大沽街道"),
    ("T2", "第二慰问组", "刘芳", ["陈明"], "塘沽街道、杭州道街道"),
)
DEMO_FLOAT = 2_000_000  # fen: 20,000 元 handed to T1


def make_team_laptop(central: Store, laptop_path: Path, *, actor: Actor | None = None) -> str:
    """Set up the demo's teams (once) and start a team laptop for T1 at ``laptop_path``.
    Returns the credential that was used."""
    actor = actor or Actor()
    if team_by_code(central, require_campaign(central).id, "T1") is None:
        # The demo's clerk walks every household through the steps, confirming them although
        # no materials were ticked (made-up households).
        advance_everyone(central, status=Status.CONFIRMED, reason="演示数据", despite_missing=True,
                         actor=actor)  # fmt: skip
        for code, name, leader, members, area in DEMO_TEAMS:
            teams.add_team(central, code=code, name=name, leader=leader, members=members,
                           area=area, actor=actor)  # fmt: skip
        teams.assign_by(central, "balanced", actor=actor)
    with tempfile.TemporaryDirectory() as folder:
        exported = bundles.export_assignment(central, "T1", Path(folder), cash_float=DEMO_FLOAT,
                                             actor=actor)  # fmt: skip
        assert exported.credential is not None
        with Store(laptop_path) as laptop:
            bundles.import_bundle(laptop, exported.file, credential=exported.credential,
                                  actor=actor)  # fmt: skip
            set_pin(laptop, DEMO_PIN)
    return exported.credential
