"""The public notice (公示名单): who is proposed for a visit and with how much, the notice
period and where to object. ID numbers and phones come masked (the service applies the
setting); a notice board is public, so nothing else personal is on it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from app.documents.pdf_fonts import FontChain
from app.documents.pdf_layout import MM, Column, Layout, Table
from app.documents.words import none_row, yuan
from app.i18n import _, long_date, pgettext


@dataclass(frozen=True, slots=True)
class NoticeRow:
    name: str
    unit: str
    category: str
    reason: str  # the main cause, as the roster names it
    amount_fen: int | None  # the category's cash standard
    id_shown: str  # masked per setting, or ""
    phone_shown: str


@dataclass(frozen=True, slots=True)
class Notice:
    campaign: str
    organiser: str
    scope: str  # the unit, or "" for the district
    start: date  # the notice period
    end: date
    contact: str  # who takes objections
    phone: str
    issued: date  # date of the notice
    rows: tuple[NoticeRow, ...]
    show_id: bool
    show_phone: bool


def notice_layout(notice: Notice, chain: FontChain, *, lang: str) -> Layout:
    heading = _("慰问对象公示名单", lang)
    lay = Layout(chain, margins=(15 * MM, 15 * MM, 16 * MM, 14 * MM),
                 title=f"{notice.campaign} {heading}", lang=lang)  # fmt: skip
    lay.title_line(notice.campaign, 15)
    lay.title_line(heading, 18, spaced=True)
    if notice.scope:
        lay.paragraph(_("（{unit}）", lang).format(unit=notice.scope), 11, align="center")
    lay.space(2 * MM)
    intro = _("经本人申请、单位审核，{who}拟慰问对象共{count}户，现将名单予以公示。"
              "公示期为{start}至{end}。如对名单有异议，请于公示期内向{contact}反映"
              "（联系电话：{phone}），反映情况须实事求是。", lang).format(
        who=notice.scope or notice.organiser, count=len(notice.rows),
        start=long_date(notice.start, lang), end=long_date(notice.end, lang),
        contact=notice.contact, phone=notice.phone or "________",
    )  # fmt: skip
    lay.paragraph(intro, 10.5, indent_chars=2, leading=1.7)
    lay.space(2 * MM)
    columns = [
        Column(_("序号", lang), 1.2, "center"),
        Column(_("姓名", lang), 2.2),
        Column(pgettext("work unit", "单位", lang), 4),
        Column(_("慰问类别", lang), 2.6),
        Column(_("困难原因", lang), 3.2),
        Column(_("慰问金", lang), 2.4, "right"),
    ]
    if notice.show_id:
        columns.append(Column(_("身份证号", lang), 4.2, "center"))
    if notice.show_phone:
        columns.append(Column(_("联系电话", lang), 3, "center"))
    rows = []
    for n, r in enumerate(notice.rows, start=1):
        row = [str(n), r.name, r.unit, r.category, r.reason, yuan(r.amount_fen)]
        if notice.show_id:
            row.append(r.id_shown)
        if notice.show_phone:
            row.append(r.phone_shown)
        rows.append(row)
    lay.table(Table(columns, rows or [none_row(len(columns), lang)], size=9))
    lay.space(8 * MM)
    lay.paragraph(notice.organiser, 11, align="right")
    lay.paragraph(long_date(notice.issued, lang), 11, align="right")
    return lay
