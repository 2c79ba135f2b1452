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

from app.documents.atomic import write_atomically
from app.documents.workbook import first_sheet
from app.i18n import _, pgettext


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
    summary = first_sheet(wb)
    summary.title = pgettext("sheet", "分组安排表", lang)
    summary.append([_("{campaign} 分组安排表", lang).format(campaign=campaign)])
    summary["A1"].font = Font(bold=True, size=14)
    summary.append([_("组别", lang), _("组名", lang), _("组长", lang), _("组员", lang),
                    _("联系电话", lang), _("片区", lang), _("户数", lang), _("计划日期", lang)])
    for cell in summary[2]:
        cell.font = Font(bold=True)
    by_team: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        by_team.setdefault(row["team"], []).append(row)
    for team in teams:
        dates = sorted(
            {r["planned_date"] for r in by_team.get(team["code"], []) if r["planned_date"]}
        )
        span = _("{start} 至 {end}", lang).format(start=dates[0], end=dates[-1]) if dates else ""
        summary.append([team["code"], team["name"], team["leader"], team["members"],
                        team["phone"], team["area"], team["households"], span])  # fmt: skip
    for team in teams:
        ws = wb.create_sheet(_sheet_name(team["code"], lang))
        ws.append([_("{campaign} {team}（组长：{leader}）", lang).format(
            campaign=campaign, team=team["name"], leader=team["leader"])])
        ws["A1"].font = Font(bold=True, size=13)
        if credential := credentials.get(team["code"]):
            ws.append([_("导入分派包的密钥（仅交组长本人）：{credential}", lang).format(
                credential=credential)])
        ws.append([_("序号", lang), _("姓名", lang), _("身份证号", lang), _("街道", lang),
                   _("住址", lang), _("联系电话", lang), _("计划日期", lang)])
        for cell in ws[ws.max_row]:
            cell.font = Font(bold=True)
        for n, row in enumerate(by_team.get(team["code"], []), start=1):
            ws.append([n, row["name"], row["id_masked"], row["street"], row["address"],
                       row["phone"], row["planned_date"] or ""])  # fmt: skip
        for letter, width in zip("ABCDEFG", (6, 10, 20, 14, 34, 16, 12), strict=True):
            ws.column_dimensions[letter].width = width

    def write(raw: IO[bytes]) -> None:
        wb.save(raw)

    write_atomically(path, write)


def _sheet_name(code: str, lang: str) -> str:
    # Excel forbids []:*?/\ in sheet names and cuts them at 31 characters.
    return "".join(c for c in code if c not in "[]:*?/\\")[:31] or pgettext("sheet", "组", lang)
