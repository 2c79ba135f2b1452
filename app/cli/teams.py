"""Visit teams and who they visit: ``team add|list|schedule`` and ``assign``."""

from __future__ import annotations

import argparse
import re
from pathlib import Path

from app.cli.args import Subparsers, command, group, iso_date
from app.cli.output import OUT, table
from app.domain.errors import InvalidInput
from app.domain.id_number import mask_id
from app.services.teams import assignment as teams
from app.store.db import Store


def register(sub: Subparsers) -> None:
    team = group(sub, "team", "慰问组 teams")
    c = command(team, "add", cmd_team_add, "add a visit team")
    c.add_argument("--code", required=True)
    c.add_argument("--name", required=True)
    c.add_argument("--leader", required=True)
    c.add_argument("--members", help="names separated by commas")
    c.add_argument("--area", help="streets the team covers, e.g. 新港街道、大沽街道")
    c.add_argument("--phone")
    command(team, "list", cmd_team_list, "teams with their household counts")
    c = command(team, "schedule", cmd_team_schedule, "the team schedule (分组安排表)")
    c.add_argument("--xlsx", help="write it as XLSX, one sheet per team")
    c = command(sub, "assign", cmd_assign, "assign confirmed households to teams")
    c.add_argument("--by", choices=("area", "unit", "balanced"))
    c.add_argument("--teams", help="team codes, comma-separated (default: all)")
    c.add_argument("--team", help="assign by hand to this team")
    c.add_argument("--household", nargs="+", metavar="HOUSEHOLD",
                   help="ID number, name, or name and ID tail (张三 4698)")  # fmt: skip
    c.add_argument("--date", type=iso_date, help="planned visit date")


def cmd_team_add(store: Store, a: argparse.Namespace) -> int:
    members = [m for m in re.split(r"[,，、]", a.members or "") if m.strip()]
    t = teams.add_team(store, code=a.code, name=a.name, leader=a.leader, members=members,
                       area=a.area or "", phone=a.phone or "")  # fmt: skip
    OUT.result(
        {"id": t.id, "code": t.code, "name": t.name, "leader": t.leader, "members": t.members,
         "phone": t.phone, "area": t.area},
        lambda: OUT.say(OUT.text("cli.team_added", code=t.code, name=t.name, leader=t.leader)),
    )  # fmt: skip
    return 0


def _team_table(found: tuple[teams.TeamLoad, ...]) -> str:
    return table(
        [OUT.text("col.code"), OUT.text("col.team"), OUT.text("col.leader"),
         OUT.text("col.members"), OUT.text("col.area"), OUT.text("col.households")],
        [(t.code, t.name, t.leader, t.members, t.area, n.households)
         for n in found for t in (n.team,)],
        right=(5,),
    )  # fmt: skip


def cmd_team_list(store: Store, a: argparse.Namespace) -> int:
    found = teams.list_teams(store)
    left = teams.unassigned_households(store)

    def human() -> None:
        OUT.say(_team_table(found))
        OUT.say(OUT.text("cli.unassigned", n=len(left)))

    OUT.result(
        {"teams": [{"code": t.code, "name": t.name, "leader": t.leader, "members": t.members,
                    "phone": t.phone, "area": t.area, "households": n.households}
                   for n in found for t in (n.team,)],
         "unassigned": len(left)},
        human,
    )  # fmt: skip
    return 0


def cmd_assign(store: Store, a: argparse.Namespace) -> int:
    if a.by and not a.team and not a.household:
        codes = [c for c in re.split(r"[,，、]", a.teams or "") if c.strip()]
        result = teams.assign_by(store, a.by, teams=codes)
        counts, left = result.assigned, result.unassigned
    elif a.team and a.household and not a.by:
        moved = teams.assign_households(store, a.team, a.household, planned=a.date)
        counts, left = {a.team: moved}, teams.unassigned_households(store)
    else:
        raise InvalidInput("assign.choose")

    def human() -> None:
        for code, n in counts.items():
            OUT.say(OUT.text("cli.assigned", team=code, n=n))
        OUT.say(OUT.text("cli.unassigned", n=len(left)))
        for row in left[:20]:
            OUT.say(f"  {row.name} {mask_id(row.id_number)} {row.street}")

    OUT.result(
        {"assigned": counts,
         "unassigned": [{"id": r.id, "id_number": r.id_number, "name": r.name,
                         "street": r.street} for r in left]},
        human,
    )  # fmt: skip
    return 0


def cmd_team_schedule(store: Store, a: argparse.Namespace) -> int:
    found = teams.list_teams(store)
    rows = teams.team_schedule(store)
    written = teams.write_schedule(store, Path(a.xlsx), lang=OUT.lang) if a.xlsx else None

    def human() -> None:
        OUT.say(_team_table(found))
        if a.xlsx:
            OUT.say(OUT.text("cli.written", file=Path(a.xlsx).resolve()))

    OUT.result(
        {"teams": [{"code": t.code, "name": t.name, "leader": t.leader, "members": t.members,
                    "area": t.area, "households": n.households}
                   for n in found for t in (n.team,)],
         "households": [{"team": r.team, "name": r.name, "id_number": r.id_number,
                         "street": r.street,
                         "planned_date": r.planned_date.isoformat() if r.planned_date else None}
                        for r in rows],
         "file": str(Path(a.xlsx).resolve()) if written is not None else None},
        human,
    )  # fmt: skip
    return 0
