"""Receipts read back: amounts in figures and capitals, masked IDs, totals, signatures checked
again before they are drawn."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest
from cn2an import an2cn

from app.documents.pdf_fonts import font_chain
from app.documents.pdf_layout import write_layout
from app.documents.pdf_receipts import ReceiptHead, ReceiptRow, single_layout
from app.domain.campaign import new_id
from app.domain.errors import InvalidInput
from app.domain.events import SIGNATURE, VOID
from app.domain.signature import signature_from_body
from app.i18n import render
from app.services.bundles.devices import NewEvent, append_events, local_device
from app.services.printing import receipts as printing
from app.store.db import Store
from tests.documents import world
from tests.documents.pdftext import flat, pages

FULL_ID = re.compile(r"\d{17}[\dX]")


def check_codes(store: Store) -> dict[str, str]:
    """signer name → 校验码 of the stored signatures."""
    codes = {}
    for (body,) in store.conn.execute("SELECT body FROM event WHERE kind = ?", [SIGNATURE]):
        record, _content = signature_from_body(json.loads(body))
        codes[record.signer_name] = record.check_code
    return codes


def test_the_teams_sheet(store: Store, tmp_path: Path) -> None:
    out = tmp_path / "receipts.pdf"
    done = printing.print_receipts(store, out, team="T1")
    text = flat(out)
    assert done.pages == 1 and done.count == 3 and done.problems == ()
    assert "第1页共1页" in text
    for name in ("张三", "李四", "孙六"):
        assert name in text
    assert "120116********4698" in text and not FULL_ID.search(text)
    assert "¥1,000.50" in text and an2cn("1000.50", "rmb") in text  # 壹仟元伍角
    assert "¥2,800.50" in text and "贰仟捌佰元伍角" == an2cn("2800.50", "rmb")
    assert "贰仟捌佰元伍角" in text and "合计3户" in text
    assert "代领人签名：李小明（户主之子）" in text
    assert "按手印（纸质凭证编号T1-0007）" in text and "见证人周社区" in text
    for signer, code in check_codes(store).items():
        assert (f"校验码{code}" in text) == (signer != "王䶮"), signer  # 王䶮 is in team T2
    assert "4" in text  # the blank row for paper signing is numbered


def test_one_day_and_a_day_without_visits(store: Store, tmp_path: Path) -> None:
    out = tmp_path / "day2.pdf"
    done = printing.print_receipts(store, out, team="T1", day="2027-01-22")
    text = flat(out)
    assert done.count == 1 and "孙六" in text and "张三" not in text
    assert "日期：2027年1月22日" in text
    empty = tmp_path / "empty.pdf"
    done = printing.print_receipts(store, empty, team="T1", day="2027-01-25")
    assert done.count == 0 and done.pages == 1 and "当日没有发放记录" in flat(empty)


@pytest.mark.parametrize("tamper", ["cash", "strokes"])
def test_a_changed_signature_is_not_printed_and_is_reported(
    store: Store, tmp_path: Path, tamper: str
) -> None:
    visit = world.record(store, world.ZHAO, team="T2", hour=14, tamper=tamper)
    out = tmp_path / "t2.pdf"
    done = printing.print_receipts(store, out, team="T2", day="2027-01-21")
    text = flat(out)
    assert "签名校验不符，未打印" in text
    assert [p.key for p in done.problems] == ["print.signature_refused"]
    assert "赵㛃" in render(done.problems[0], "zh")
    assert check_codes(store)["赵㛃"] not in text.replace(check_codes(store)["王䶮"], "")
    with pytest.raises(InvalidInput) as caught:
        printing.print_visit_receipt(store, visit.visit_id, tmp_path / "one.pdf")
    assert caught.value.key == "print.signature_refused"
    assert not (tmp_path / "one.pdf").exists()


def test_one_visits_receipt(store: Store, tmp_path: Path) -> None:
    visit = world.record(store, world.QIAN, team="T2", hour=15)
    out = tmp_path / "one.pdf"
    done = printing.print_visit_receipt(store, visit.visit_id, out)
    text = flat(out)
    assert done.pages == 1
    assert "钱五" in text and "人民币壹仟元整" in text and "本人已收到上述慰问金和慰问品。" in text
    assert f"校验码{check_codes(store)['钱五']}" in text
    assert f"编号：{visit.visit_id[:8].upper()}" in text


def test_a_voided_visit_does_not_print_as_paid(store: Store, tmp_path: Path) -> None:
    visit = world.record(store, world.QIAN, team="T2", hour=16)
    device = local_device(store)
    assert device is not None
    body = {"target": visit.visit_id, "reason": "金额录错", "by": "王强", "at": "2027-01-21T17:00"}
    with store.transaction():
        append_events(store, device, [NewEvent(VOID, new_id(), visit.household_id,
                                               world.team_id(store, "T2"), body)],
                      world.ACTOR)  # fmt: skip
    out = tmp_path / "t2.pdf"
    printing.print_receipts(store, out, team="T2", day="2027-01-21")
    assert "钱五" not in flat(out)
    with pytest.raises(InvalidInput):
        printing.print_visit_receipt(store, visit.visit_id, tmp_path / "void.pdf")


def test_unknown_team_and_bad_output_are_refused(store: Store, tmp_path: Path) -> None:
    with pytest.raises(Exception) as caught:
        printing.print_receipts(store, tmp_path / "x.pdf", team="T9")
    assert getattr(caught.value, "key", "") == "print.team_unknown"
    with pytest.raises(InvalidInput) as bad:
        printing.print_receipts(store, tmp_path / "x.docx", team="T1")
    assert bad.value.key == "print.out_suffix"
    blocker = tmp_path / "file"
    blocker.write_text("")
    with pytest.raises(InvalidInput) as unwritable:
        printing.print_receipts(store, blocker / "x.pdf", team="T1")
    assert unwritable.value.key == "print.out_unwritable"
    assert list(tmp_path.rglob("*.pdf")) == []


def test_receipt_text_matches_cn2an_for_every_amount_on_the_sheet(
    store: Store, tmp_path: Path
) -> None:
    out = tmp_path / "r.pdf"
    printing.print_receipts(store, out, team="T1")
    text = "".join(pages(out))
    for fen in (100_000, 100_050, 80_000, 280_050):
        assert an2cn(f"{fen / 100:.2f}", "rmb") in "".join(text.split()), fen


def test_a_receipt_says_where_the_money_of_a_transfer_household_goes(tmp_path: Path) -> None:
    head = ReceiptHead("2027年春节送温暖", "区总工会", "第一组", "王一", date(2027, 1, 21))
    row = ReceiptRow("AB12CD34", "张三", "单位A", "120116********0012", ("离退休",), 0, 0,
                     ("慰问品",), date(2027, 1, 21), ("王一",), (), transfer=True)  # fmt: skip
    pdf = tmp_path / "单据.pdf"
    write_layout(pdf, single_layout(head, row, font_chain(), lang="zh"))
    printed = flat(pdf)
    assert "本人已收到上述慰问品；慰问金由财务转账到本人银行卡。" in printed
    assert "本人已收到上述慰问金和慰问品" not in printed
