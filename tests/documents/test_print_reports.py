"""The daily log, household form, notice and summary read back (PDF text, XLSX cells)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from openpyxl import load_workbook

from app.domain.errors import InvalidInput, NotFound
from app.i18n import render
from app.services.oversight.flags import campaign_flags
from app.services.printing import daily_log, household_form, notice, summary
from app.store import documents as store_documents
from app.store.db import Store
from tests.documents import world
from tests.documents.pdftext import flat

FULL_ID = re.compile(r"\d{17}[\dX]")


def test_daily_log_pdf_with_the_cash_count(store: Store, tmp_path: Path) -> None:
    out = tmp_path / "log.pdf"
    done = daily_log.print_daily_log(store, out, team="T1", day="2027-01-21")
    text = flat(out)
    assert done.count == 3 and done.pages == 1
    assert text.index("09:05张三") < text.index("10:05李四") < text.index("11:05孙六")
    assert "不在家" in text and "希望帮助孩子联系助学金" in text
    assert "合计3户次" in text and "已慰问2" in text and "¥2,000.50" in text
    assert "实点现金¥2,900.00" in text and "差额-¥100.00（短款）" in text
    assert "第1页共1页" in text


def test_daily_log_without_a_count_says_so(store: Store, tmp_path: Path) -> None:
    out = tmp_path / "log2.pdf"
    daily_log.print_daily_log(store, out, team="T1", day="2027-01-22")
    assert "现金清点未清点" in flat(out)
    empty = tmp_path / "log3.pdf"
    done = daily_log.print_daily_log(store, empty, team="T2", day="2027-01-27")
    assert done.count == 0 and "当日没有走访记录" in flat(empty)


def test_daily_log_xlsx_has_numbers_and_formulas(store: Store, tmp_path: Path) -> None:
    out = tmp_path / "log.xlsx"
    done = daily_log.print_daily_log(store, out, team="T1", day="2027-01-21")
    assert done.pages is None
    ws = load_workbook(out).active
    rows = list(ws.iter_rows(values_only=True))
    header = rows[2]
    assert header[:3] == ("序号", "时间", "姓名")
    data = rows[3:6]
    assert [r[2] for r in data] == ["张三", "李四", "孙六"]
    assert data[1][6] == pytest.approx(1000.5) and isinstance(data[1][6], float)
    total = rows[6]
    assert total[1] == "合计" and total[6] == "=SUM(G4:G6)"
    labels = {r[0]: r[1] for r in rows[7:] if r and r[0]}
    assert labels["实点现金"] == 2900 and labels["应有现金"] == 3000
    assert str(labels["差额（实点−应有）"]).startswith("=B")


def test_household_form(store: Store, tmp_path: Path) -> None:
    out = tmp_path / "form.pdf"
    done = household_form.print_household_form(store, world.ZHANG, out)
    text = flat(out)
    assert done.pages == 1
    assert "困难职工档案表" in text
    assert world.ZHANG in text  # the file copy carries the full number
    assert "人均月收入¥500.00" in text and "家庭人口3人" in text
    assert "符合第（一）项" in text and "患病、子女上学" in text
    assert "身份证复印件未收到" in text and "2027年1月21日上门已慰问¥1,000.00" in text
    with pytest.raises(NotFound):
        household_form.print_household_form(store, world.make_id("11010519800101001"),
                                     tmp_path / "none.pdf")  # fmt: skip


def test_notice_masks_ids_and_follows_the_settings(store: Store, tmp_path: Path) -> None:
    out = tmp_path / "notice.pdf"
    done = notice.print_notice(store, out, actor=world.ACTOR)
    text = flat(out)
    assert done.count == 6 and not FULL_ID.search(text)
    assert "120116********4698" in text and "13812345678" not in text
    assert "公示期为2027年1月21日至2027年1月25日" in text and "滨海新区总工会反映" in text
    with store.transaction():
        store_documents.set_print_setting(store, "notice_id_mask", "none")
        store_documents.set_print_setting(store, "notice_phone_mask", "mask")
        store_documents.set_print_setting(store, "notice_start", "2027-01-10")
        store_documents.set_print_setting(store, "notice_days", "7")
        store_documents.set_print_setting(store, "notice_phone", "022-25201234")
    unit = tmp_path / "unit.pdf"
    done = notice.print_notice(store, unit, unit="区教育局", actor=world.ACTOR)
    text = flat(unit)
    assert done.count == 2 and "王䶮" in text and "张三" not in text
    assert "身份证号" not in text and "0744" not in text
    assert "公示期为2027年1月10日至2027年1月16日" in text and "022-25201234" in text
    with pytest.raises(NotFound):
        notice.print_notice(store, tmp_path / "x.pdf", unit="没有的单位")


@pytest.mark.parametrize(("by", "first"), [("category", "困难职工"), ("team", "第一慰问组"),
                                           ("unit", "区供热公司")])  # fmt: skip
def test_summary_pdf_adds_up(store: Store, tmp_path: Path, by: str, first: str) -> None:
    out = tmp_path / f"summary-{by}.pdf"
    summary.print_summary(store, out, by=by)
    text = flat(out)
    assert first in text
    # 6 households, 4 visited: cash 1,000 + 1,000.50 + 800 by hand, 800 to a card, goods 500.
    assert "合计642¥2,800.50¥800.00¥500.00¥4,100.50¥6,400.00¥2,299.50" in text
    assert "希望上门体检" in text and "未走访户（2户）" in text and "赵㛃" in text
    # the same flags as `warmvisit flags`: an amount off the standard, a paper slip not back
    assert "待处理问题（2项）" in text
    assert "与类别标准" in text and "纸质凭证（编号T1-0007）尚未收回中心" in text


def test_summary_xlsx_numbers_and_formulas(store: Store, tmp_path: Path) -> None:
    out = tmp_path / "summary.xlsx"
    done = summary.print_summary(store, out, by="team")
    assert done.pages is None and done.count == 2
    wb = load_workbook(out)
    ws = wb["汇总"]
    rows = list(ws.iter_rows(values_only=True))
    assert rows[2][0] == "慰问组"
    first, second, total = rows[3], rows[4], rows[5]
    assert first[:3] == ("第一慰问组", 3, 3) and first[4] == pytest.approx(2800.5)
    assert second[5] == 800 and second[8] == 3200
    assert first[3] == "=B4-C4" and first[7] == "=E4+F4+G4" and first[9] == "=I4-H4"
    assert total[0] == "合计" and total[4] == "=SUM(E4:E5)"
    assert [r[1] for r in wb["未走访户"].iter_rows(min_row=2, values_only=True)] == ["赵㛃", "钱五"]
    assert wb["意见建议汇总"].max_row == 3 and wb["待处理问题"].max_row == 3
    shown = sorted(r[2] for r in wb["待处理问题"].iter_rows(min_row=2, values_only=True))
    assert shown == sorted(render(f.reason) for f in campaign_flags(store))


def test_summary_refuses_an_unknown_grouping(store: Store, tmp_path: Path) -> None:
    with pytest.raises(InvalidInput) as caught:
        summary.print_summary(store, tmp_path / "x.pdf", by="street")
    assert caught.value.key == "print.by"
