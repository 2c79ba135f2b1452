"""The team schedule (分组安排表) as a workbook: a summary sheet and one sheet per team.

Each team's sheet carries that team's credential, for the page handed to its leader; the
summary sheet, which everyone sees, carries none.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import IO, Any

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.worksheet.worksheet import Worksheet

from app.documents.atomic import write_atomically
from app.documents.workbook import append, first_sheet
from app.i18n import N_, _, pgettext


def write_schedule_xlsx(
    path: Path,
    campaign: str,
    teams: Sequence[dict[str, Any]],
    rows: Sequence[dict[str, Any]],
    credentials: dict[str, str],
    *,
    lang: str,
) -> None:
    """``teams``: code, name, leader, members, phone, area, households; ``rows``: team, name,
    id_masked, street, address, phone, planned_date; ``credentials``: team code → credential."""
    wb = Workbook()
    by_team: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        by_team.setdefault(row["team"], []).append(row)
    _summary_sheet(first_sheet(wb), campaign, teams, by_team, lang)
    for team in teams:
        ws = wb.create_sheet(_sheet_name(team["code"], lang))
        _team_sheet(ws, campaign, team, by_team.get(team["code"], []),
                    credentials.get(team["code"]), lang)  # fmt: skip

    def write(raw: IO[bytes]) -> None:
        wb.save(raw)

    write_atomically(path, write)


def _bold_header(ws: Worksheet, headers: Sequence[str]) -> None:
    append(ws, list(headers))
    for cell in ws[ws.max_row]:
        cell.font = Font(bold=True)


def _summary_sheet(
    ws: Worksheet, campaign: str, teams: Sequence[dict[str, Any]],
    by_team: dict[str, list[dict[str, Any]]], lang: str,
) -> None:  # fmt: skip
    ws.title = pgettext("sheet", "分组安排表", lang)
    append(ws, [_("{campaign} 分组安排表", lang).format(campaign=campaign)])
    ws["A1"].font = Font(bold=True, size=14)
    _bold_header(ws, [_(h, lang) for h in (N_("组别"), N_("组名"), N_("组长"), N_("组员"),
                                           N_("联系电话"), N_("片区"), N_("户数"),
                                           N_("计划日期"))])  # fmt: skip
    for team in teams:
        dates = sorted({r["planned_date"] for r in by_team.get(team["code"], [])
                        if r["planned_date"]})  # fmt: skip
        span = _("{start} 至 {end}", lang).format(start=dates[0], end=dates[-1]) if dates else ""
        append(ws, [team["code"], team["name"], team["leader"], team["members"],
                   team["phone"], team["area"], team["households"], span])  # fmt: skip


def _team_sheet(
    ws: Worksheet, campaign: str, team: dict[str, Any], rows: Sequence[dict[str, Any]],
    credential: str | None, lang: str,
) -> None:  # fmt: skip
    title = _("{campaign} {team}（组长：{leader}）", lang)
    append(ws, [title.format(campaign=campaign, team=team["name"], leader=team["leader"])])
    ws["A1"].font = Font(bold=True, size=13)
    if credential:
        line = _("导入分派包的密钥（仅交组长本人）：{credential}", lang)
        append(ws, [line.format(credential=credential)])
    headers = (N_("序号"), N_("姓名"), N_("身份证号"), N_("街道"), N_("住址"), N_("联系电话"),
               N_("计划日期"))  # fmt: skip
    _bold_header(ws, [_(h, lang) for h in headers])
    for n, row in enumerate(rows, start=1):
        append(ws, [n, row["name"], row["id_masked"], row["street"], row["address"],
                   row["phone"], row["planned_date"] or ""])  # fmt: skip
    for letter, width in zip("ABCDEFG", (6, 10, 20, 14, 34, 16, 12), strict=True):
        ws.column_dimensions[letter].width = width


def _sheet_name(code: str, lang: str) -> str:
    # Excel forbids []:*?/\ in sheet names and cuts them at 31 characters.
    return "".join(c for c in code if c not in "[]:*?/\\")[:31] or pgettext("sheet", "组", lang)
