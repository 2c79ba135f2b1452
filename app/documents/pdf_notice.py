"""The public notice (公示名单): who is proposed for a visit and with how much, the notice
period and where to object. ID numbers and phones come masked (the service applies the
setting); a notice board is public, so nothing else personal is on it."""

from __future__ import annotations

from dataclasses import dataclass

from app.documents.pdf_fonts import FontChain
from app.documents.pdf_layout import MM, Column, Layout, Table


@dataclass(frozen=True, slots=True)
class NoticeRow:
    name: str
    unit: str
    category: str
    reason: str
    amount: str
    id_shown: str  # masked per setting, or ""
    phone_shown: str


@dataclass(frozen=True, slots=True)
class Notice:
    campaign: str
    organiser: str
    scope: str  # the unit, or the district
    period: str  # 2027年1月10日至2027年1月16日
    contact: str  # who takes objections
    phone: str
    issued: str  # date of the notice
    rows: tuple[NoticeRow, ...]
    show_id: bool
    show_phone: bool


def notice_layout(notice: Notice, chain: FontChain) -> Layout:
    lay = Layout(chain, margins=(15 * MM, 15 * MM, 16 * MM, 14 * MM),
                 title=f"{notice.campaign} 慰问对象公示名单")  # fmt: skip
    lay.title_line(f"{notice.campaign}", 15)
    lay.title_line("慰问对象公示名单", 18, spaced=True)
    if notice.scope:
        lay.paragraph(f"（{notice.scope}）", 11, align="center")
    lay.space(2 * MM)
    intro = (f"经本人申请、单位审核，{notice.scope or notice.organiser}拟慰问对象共"
             f"{len(notice.rows)}户，现将名单予以公示。公示期为{notice.period}。"
             f"如对名单有异议，请于公示期内向{notice.contact}反映"
             f"（联系电话：{notice.phone or '________'}），反映情况须实事求是。")  # fmt: skip
    lay.paragraph(intro, 10.5, indent_chars=2, leading=1.7)
    lay.space(2 * MM)
    columns = [Column("序号", 1.2, "center"), Column("姓名", 2.2), Column("单位", 4),
               Column("慰问类别", 2.6), Column("困难原因", 3.2), Column("慰问金", 2.4, "right")]
    if notice.show_id:
        columns.append(Column("身份证号", 4.2, "center"))
    if notice.show_phone:
        columns.append(Column("联系电话", 3, "center"))
    rows = []
    for n, r in enumerate(notice.rows, start=1):
        row = [str(n), r.name, r.unit, r.category, r.reason, r.amount]
        if notice.show_id:
            row.append(r.id_shown)
        if notice.show_phone:
            row.append(r.phone_shown)
        rows.append(row)
    if not rows:
        rows.append(["", "（无）"] + [""] * (len(columns) - 2))
    lay.table(Table(columns, rows, size=9))
    lay.space(8 * MM)
    lay.paragraph(notice.organiser, 11, align="right")
    lay.paragraph(notice.issued, 11, align="right")
    return lay
