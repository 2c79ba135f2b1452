"""The household form (困难职工档案表): the applicant, income and per-capita income, family
members, causes, the rule qualified under, materials on file, and the visits made.

It is the union's file copy (kept ten years after closing), so it carries the full ID numbers;
every other printed document masks them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from app.documents.pdf_fonts import FontChain
from app.documents.pdf_layout import MM, Column, Layout, Table


@dataclass(frozen=True, slots=True)
class HouseholdForm:
    campaign: str
    organiser: str
    facts: tuple[tuple[str, str], ...]  # (label, value) pairs, shown two to a row
    income: tuple[tuple[str, str], ...]
    causes: str
    rule: str  # 符合第（二）项：…, or 待复核：…
    members: tuple[tuple[str, ...], ...]  # name, relation, ID, health, income, school/employer
    materials: tuple[tuple[str, str], ...]  # material, received date or 未收到
    visits: tuple[tuple[str, ...], ...]  # date, mode, outcome, cash, goods, signature


MEMBER_COLUMNS = ("姓名", "与申请人关系", "身份证号", "健康状况", "月收入", "就读学校或工作单位")
VISIT_COLUMNS = ("日期", "方式", "结果", "慰问金", "慰问品", "签收（校验码）")


def _pairs(pairs: Sequence[tuple[str, str]]) -> list[list[str]]:
    rows = []
    for i in range(0, len(pairs), 2):
        left = pairs[i]
        right = pairs[i + 1] if i + 1 < len(pairs) else ("", "")
        rows.append([left[0], left[1], right[0], right[1]])
    return rows


def household_form_layout(form: HouseholdForm, chain: FontChain) -> Layout:
    lay = Layout(chain, title=f"困难职工档案表 {form.facts[0][1] if form.facts else ''}")
    lay.title_line("困难职工档案表", 18, spaced=True)
    lay.pair_line(f"{form.campaign}    {form.organiser}", "内部档案  注意保密", 9)
    four = [Column("", 2.2), Column("", 3.3), Column("", 2.2), Column("", 3.3)]
    two = [Column("", 2.2), Column("", 8.8)]
    lay.paragraph("一、申请人基本情况", 11)
    lay.table(Table(four, _pairs(form.facts), size=9, header=False))
    lay.space(3 * MM)
    lay.paragraph("二、家庭收入", 11)
    lay.table(Table(four, _pairs(form.income), size=9, header=False))
    lay.table(Table(two, [["致困原因", form.causes or "-"], ["认定条件", form.rule or "-"]],
                    size=9, header=False))  # fmt: skip
    lay.space(3 * MM)
    lay.paragraph("三、家庭成员", 11)
    member_cols = [Column(t, w) for t, w in zip(MEMBER_COLUMNS, (2, 2, 3.6, 2, 1.8, 3.5),
                                                strict=True)]  # fmt: skip
    members = [list(m) for m in form.members] or [["（未登记家庭成员）", "", "", "", "", ""]]
    lay.table(Table(member_cols, members, size=9))
    lay.space(3 * MM)
    lay.paragraph("四、申报材料", 11)
    lay.table(Table(four, _pairs(form.materials), size=9, header=False))
    lay.space(3 * MM)
    lay.paragraph("五、走访慰问记录", 11)
    visit_cols = [Column(t, w) for t, w in zip(VISIT_COLUMNS, (2.2, 1.5, 1.8, 2.2, 4, 3),
                                               strict=True)]  # fmt: skip
    visits = [list(v) for v in form.visits] or [["（尚未走访）", "", "", "", "", ""]]
    lay.table(Table(visit_cols, visits, size=9))
    lay.space(8 * MM)
    lay.pair_line("建档人：____________  日期：__________",
                  "审核人：____________  日期：__________")  # fmt: skip
    return lay
