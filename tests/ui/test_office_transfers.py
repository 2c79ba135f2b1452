"""The office window's 转账, driven as the clerk would, on DESIGN.md's vector: 287 retirees ×
2,000 元 = 574,000 元 by transfer; the bank returns three; one gets a new card, one goes to
cash. The bank's file is previewed and nothing is recorded before 记入."""

from __future__ import annotations

import csv
from collections.abc import Iterator, Sequence
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication

from app.domain.bank_cards import luhn_ok
from app.domain.id_number import check_digit
from app.services.campaign import setup
from app.services.rosters.importing import import_roster
from app.services.transfers import accounts, ledger, status
from app.store import households as store_households
from app.store import transfers as store_transfers
from app.store.db import Store
from app.ui.office.read_table import cells
from app.ui.office.transfers_page import TransfersPage
from tests.builders import ACTOR, confirm_all

FAILING = (5, 50, 200)


def card(i: int, prefix: str = "6222020") -> str:
    base = f"{prefix}{i:011d}"
    return next(base + d for d in "0123456789" if luhn_ok(base + d))


def write_csv(path: Path, header: Sequence[str], rows: Sequence[Sequence[object]]) -> Path:
    with path.open("w", newline="", encoding="utf-8-sig") as f:
        writer = csv.writer(f)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def ime(widget: Any, text: str) -> None:
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


@pytest.fixture
def page(qtbot: Any, tmp_path: Path) -> Iterator[TransfersPage]:
    store = Store(tmp_path / "office.db")
    setup.init_campaign(store, name="2027年春节送温暖", organizer="学校工会",
                        start=date(2027, 1, 20), end=date(2027, 1, 28), min_living="780",
                        actor=ACTOR)  # fmt: skip
    setup.add_category(store, code="LT", name="离退休", cash="2000", actor=ACTOR)
    rows = []
    for i in range(287):
        first17 = f"1201161950{i % 12 + 1:02d}{i % 28 + 1:02d}{i % 1000:03d}"
        name = "王" + "甲乙丙丁戊己庚辛壬癸"[i % 10] + "子丑寅卯辰巳午未申酉戌亥"[i // 10 % 12] + \
            "一二三四五"[i // 120]  # fmt: skip
        rows.append([name, first17 + check_digit(first17), "离退休", "中国工商银行", card(i)])
    roster = write_csv(tmp_path / "r.csv", ["姓名", "身份证号", "慰问类别", "开户行", "工资卡号"],
                       rows)  # fmt: skip
    assert import_roster(store, roster, unit="学校", actor=ACTOR).accounts == 287
    accounts.set_category_payment(store, "LT", "转账")
    confirm_all(store, actor=ACTOR)
    p = TransfersPage(store)
    qtbot.addWidget(p)
    p.resize(1246, 700)
    p.show()
    yield p
    store.close()


def bank_file(s: Store, path: Path, code: str) -> Path:
    """The bank's answer to batch ``code``: the lines in FAILING failed (account closed)."""
    book = ledger.read_book(s)
    campaign_id = s.conn.execute("SELECT id FROM campaign").fetchone()[0]
    cards = store_transfers.accounts_by_id(s, campaign_id)
    states = [x for x in book.states.values() if x.batch_code == code]
    names = store_households.household_names(s, [x.household_id for x in states])
    rows = [[names[x.household_id][0], cards[x.account_id].card, f"{x.amount_fen / 100:.2f}",
             "失败" if k in FAILING else "成功", "账户已销户" if k in FAILING else "", code]
            for k, x in enumerate(states)]  # fmt: skip
    return write_csv(path, ["户名", "收款账号", "金额", "处理结果", "失败原因", "摘要"], rows)


def idle(qtbot: Any, p: TransfersPage) -> None:
    qtbot.waitUntil(lambda: p.job is None, timeout=20000)


def click(qtbot: Any, button: Any) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_list_bank_answer_and_failures_resent(
    qtbot: Any, page: TransfersPage, tmp_path: Path, monkeypatch: Any
) -> None:
    p, store = page, page.store
    assert p.overview.text() == "已到账 0笔 ¥0.00 · 在途 0笔 ¥0.00 · 失败 0笔 ¥0.00"
    monkeypatch.setattr(p, "ask_list_path", lambda: tmp_path / "第1批.xlsx")
    click(qtbot, p.list_button)
    idle(qtbot, p)
    assert "共287笔 ¥574,000.00" in p.list_message.text()
    assert p.overview.text() == "已到账 0笔 ¥0.00 · 在途 287笔 ¥574,000.00 · 失败 0笔 ¥0.00"

    [code] = {x.batch_code for x in ledger.read_book(store).states.values()}
    answer = bank_file(store, tmp_path / "回单.csv", code)
    monkeypatch.setattr(p, "ask_result_path", lambda: answer)
    p.tabs.setCurrentIndex(1)
    click(qtbot, p.read_button)
    idle(qtbot, p)
    assert "已到账284笔 ¥568,000.00 · 失败3笔 · 合计核对✓" in p.result_summary.text()
    assert cells(p.result_table, 3) == ["账户已销户"] * 3
    assert status.transfer_overview(store).paid == 0  # previewed, not recorded
    assert p.record_button.isEnabled()
    click(qtbot, p.record_button)
    idle(qtbot, p)
    assert p.overview.text() == ("已到账 284笔 ¥568,000.00 · 在途 0笔 ¥0.00 · 失败 3笔 ¥6,000.00")
    assert p.tabs.tabText(2) == "失败 3" and not p.record_button.isEnabled()

    p.tabs.setCurrentIndex(2)
    p.failed_table.selectRow(0)
    ime(p.bank, "中国建设银行")
    qtbot.keyClicks(p.card, card(1, "6217000"))
    ime(p.reason, "原卡已销户")
    click(qtbot, p.card_button)
    first = status.failed_transfers(store)[0]
    assert first.new_card and p.failed_message.text().endswith("下一批转账付到新卡")
    p.failed_table.selectRow(1)
    click(qtbot, p.cash_button)
    assert p.failed_message.text().endswith("改为现金，由慰问组发放（随下次分派包）")
    assert cells(p.failed_table, 6)[0].startswith("6217")  # the next batch pays to it
