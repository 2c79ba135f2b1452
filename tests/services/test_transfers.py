"""Bank transfers through the services and the command line: the card read from the roster,
a category paid by transfer, the payment list for finance, the bank's result file read back,
the failed ones re-sent. Test vector: 287 × 2,000 元 = 574,000 元, three failures re-sent."""

from __future__ import annotations

import csv
import json
from collections.abc import Sequence
from datetime import date
from pathlib import Path

import openpyxl
import pytest

from app.cli import main
from app.domain.bank_cards import luhn_ok
from app.domain.errors import InvalidInput
from app.domain.id_number import check_digit
from app.i18n import render
from app.services.campaign import setup as campaigns
from app.services.oversight.audit import run_audit
from app.services.oversight.flags import campaign_flags
from app.services.printing.summary import build_summary
from app.services.rosters.importing import import_roster
from app.services.transfers import accounts, batches, ledger, results, status
from app.store import households as store_households
from app.store import transfers as store_transfers
from app.store.db import Store
from tests.builders import ACTOR, confirm_all

HEADER = ["姓名", "身份证号", "慰问类别", "开户行", "开户网点", "工资卡号"]
FAILING = (5, 50, 200)  # the three lines the bank returns
ZODIAC = "子丑寅卯辰巳午未申酉戌亥"


def card(i: int, prefix: str = "6222020") -> str:
    """A card number with a right Luhn check digit."""
    base = f"{prefix}{i:011d}"
    return next(base + d for d in "0123456789" if luhn_ok(base + d))


def person(i: int) -> tuple[str, str]:
    first17 = f"1201161950{i % 12 + 1:02d}{i % 28 + 1:02d}{i % 1000:03d}"
    return "王" + "甲乙丙丁戊己庚辛壬癸"[i % 10] + ZODIAC[i // 10 % 12] + "一二三四五"[i // 120], \
        first17 + check_digit(first17)  # fmt: skip


def write_csv(path: Path, header: Sequence[str], rows: Sequence[Sequence[object]]) -> Path:
    with path.open("w", newline="", encoding="utf-8-sig") as f:
        writer = csv.writer(f)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def roster_rows(n: int) -> list[list[object]]:
    return [[*person(i), "离退休", "中国工商银行", "滨海支行", card(i)] for i in range(n)]


@pytest.fixture
def store(tmp_path: Path) -> Store:
    """287 retirees, 2,000 元 each by transfer, confirmed, their salary cards from the roster."""
    s = Store(tmp_path / "t.db")
    campaigns.init_campaign(
        s, name="2027年春节送温暖", organizer="学校工会", start=date(2027, 1, 20),
        end=date(2027, 1, 28), min_living="780", actor=ACTOR,
    )  # fmt: skip
    campaigns.add_category(s, code="LT", name="离退休", cash="2000", actor=ACTOR)
    done = import_roster(s, write_csv(tmp_path / "r.csv", HEADER, roster_rows(287)),
                         unit="学校", actor=ACTOR)  # fmt: skip
    assert done.applied and done.imported == 287 and done.accounts == 287
    accounts.set_category_payment(s, "LT", "转账")
    confirm_all(s, actor=ACTOR)
    return s


def bank_file(
    s: Store, path: Path, code: str, failing: Sequence[int] = FAILING, batch: int | None = None
) -> Path:
    """The bank's result file for a batch: one line per transfer, those in ``failing`` failed."""
    book = ledger.read_book(s)
    campaign_id = s.conn.execute("SELECT id FROM campaign").fetchone()[0]
    cards = store_transfers.accounts_by_id(s, campaign_id)
    states = [x for x in book.states.values() if x.batch_code == code]
    names = store_households.household_names(s, [x.household_id for x in states])
    rows = [[names[x.household_id][0], cards[x.account_id].card, f"{x.amount_fen / 100:.2f}",
             "失败" if k in failing else "成功", "账户已销户" if k in failing else "", code]
            for k, x in enumerate(states)]  # fmt: skip
    return write_csv(path, ["户名", "收款账号", "金额", "处理结果", "失败原因", "摘要"], rows)


def test_roster_to_bank_and_back_pays_574000_with_three_failures_resent(
    store: Store, tmp_path: Path
) -> None:
    first = batches.list_transfers(store, tmp_path / "第1批.xlsx", actor=ACTOR)
    assert (first.number, first.count, first.total_fen) == (1, 287, 57_400_000)
    # A transfer counts only once the bank confirms it.
    assert status.transfer_overview(store).paid_fen == 0
    assert status.transfer_overview(store).pending_fen == 57_400_000
    sheet = list(openpyxl.load_workbook(first.file).worksheets[0].iter_rows(values_only=True))
    assert sheet[-1][:2] == ("合计", "共287笔 ¥574,000.00") and sheet[-1][6] == 574000
    assert all("*" in str(row[5]) for row in sheet[3:-1])  # masked by default

    assert _summary_transfers(store) == {"离退休": 0}  # sent is not paid
    audit = run_audit(store)  # owed, not spent: listed, and no fen without proof
    assert audit.ok and audit.handed.total_fen == 0
    assert sum(u.money.transfer_fen for u in audit.awaiting_bank) == 57_400_000
    answer = results.read_bank_result(store, bank_file(store, tmp_path / "回单1.csv", first.code),
                                      actor=ACTOR)  # fmt: skip
    assert _summary_transfers(store) == {"离退休": 56_800_000}
    assert answer.applied and (answer.paid, answer.paid_fen, len(answer.failed)) == (
        284, 56_800_000, 3)  # fmt: skip
    assert {f.reason for f in answer.failed} == {"账户已销户"}
    failed = status.failed_transfers(store)
    assert len(failed) == 3 and all(f.new_card == "" for f in failed)
    flagged = [f for f in campaign_flags(store) if f.kind == "transfer_failed"]
    assert len(flagged) == 3
    assert "转账失败（批次 " + first.code + "，账户已销户）" in render(flagged[0].reason)
    # Nobody to re-send until their cards are corrected.
    assert batches.list_transfers(store, tmp_path / "x.xlsx", actor=ACTOR).number is None

    for n, f in enumerate(failed):
        hid = next(h for h, (name, _i) in _names(store).items() if name == f.name)
        number = _names(store)[hid][1]
        accounts.set_card(store, number, bank="中国建设银行", card=card(n, "6217000"),
                          reason="原卡已销户", actor=ACTOR)  # fmt: skip
    second = batches.list_transfers(store, tmp_path / "第2批.xlsx", actor=ACTOR)
    assert (second.number, second.count, second.total_fen, second.already) == (2, 3, 600_000, 284)
    again = results.read_bank_result(
        store, bank_file(store, tmp_path / "回单2.csv", second.code, failing=()), actor=ACTOR
    )
    assert again.applied and again.paid == 3
    totals = status.transfer_overview(store)
    assert (totals.paid, totals.paid_fen, totals.pending, totals.failed) == (287, 57_400_000, 0, 0)
    assert [f for f in campaign_flags(store) if f.kind == "transfer_failed"] == []
    assert status.failed_transfers(store) == ()
    confirmed = store_transfers.confirmed_transfers(store)
    assert len(confirmed) == 287
    audit = run_audit(store)  # every fen out by the bank, proven by its answer
    assert audit.ok and audit.awaiting_bank == () and audit.households == 287
    assert [(str(p), m.transfer_fen) for p, m in audit.by_proof] == [("bank", 57_400_000)]
    assert sum(t.amount_fen for ts in confirmed.values() for t in ts) == 57_400_000


def _summary_transfers(s: Store) -> dict[str, int]:
    """The 汇总表's transfer column, by category."""
    lines = build_summary(s, "category", date(2027, 1, 29)).lines
    return {line.group: line.transfer_fen for line in lines}


def _names(s: Store) -> dict[str, tuple[str, str]]:
    ids = [r[0] for r in s.conn.execute("SELECT id FROM household")]
    return store_households.household_names(s, ids)


def _result_problems(s: Store, path: Path) -> list[tuple[int, str]]:
    before = status.transfer_overview(s)
    answer = results.read_bank_result(s, path, actor=ACTOR)
    assert not answer.applied and status.transfer_overview(s) == before  # nothing changed
    return [(p.row, render(p)) for p in answer.problems]


def test_bad_bank_file_names_the_line_and_changes_nothing(store: Store, tmp_path: Path) -> None:
    first = batches.list_transfers(store, tmp_path / "l.xlsx", actor=ACTOR)
    good = bank_file(store, tmp_path / "good.csv", first.code)
    lines = good.read_text(encoding="utf-8-sig").splitlines()
    # line 3: an unknown card; line 4: line 2 again; line 5: a wrong amount
    lines[2] = lines[2].replace(lines[2].split(",")[1], card(9999, "6228480"))
    lines[3] = lines[1]
    lines[4] = lines[4].replace("2000.00", "200.00")
    bad = tmp_path / "bad.csv"
    bad.write_text("\n".join(lines), encoding="utf-8-sig")
    assert _result_problems(store, bad) == [
        (3, "该卡号不是本活动任何一户的卡号"),
        (4, "该卡号与第2行重复"),
        (5, "金额¥200.00与转账清单的¥2,000.00不符"),
    ]
    other = tmp_path / "other.csv"
    other.write_text(good.read_text(encoding="utf-8-sig").replace(first.code, "WVAAAA-001"),
                     encoding="utf-8-sig")  # fmt: skip
    with pytest.raises(InvalidInput) as refused:
        results.read_bank_result(store, other, actor=ACTOR)
    assert render(refused.value) == (
        "第2行的批次“WVAAAA-001”不是本活动的转账批次：是否是其他活动的回单？"
    )
    assert status.transfer_overview(store).paid == 0
    # The good file goes in once; the same file again changes nothing.
    assert results.read_bank_result(store, good, actor=ACTOR).paid == 284
    repeat = results.read_bank_result(store, good, actor=ACTOR)
    assert repeat.already and not repeat.applied and repeat.paid == 0
    assert status.transfer_overview(store).paid == 284


def test_unreadable_cells_of_a_bank_file_name_the_line_and_change_nothing(
    store: Store, tmp_path: Path
) -> None:
    """Cells read by position: a line that is not plain goes through the checks that name it;
    a card typed with spaces is still that card."""
    first = batches.list_transfers(store, tmp_path / "l.xlsx", actor=ACTOR)
    lines = bank_file(store, tmp_path / "good.csv", first.code).read_text(
        encoding="utf-8-sig").splitlines()  # fmt: skip
    spaced = lines[2].split(",")[1]
    lines[2] = lines[2].replace(spaced, " ".join([spaced[:4], spaced[4:]]))  # still readable
    lines[3] = lines[3].replace(lines[3].split(",")[1], "6222x0")
    lines[4] = lines[4].replace("2000.00", "2000.0O")
    lines[5] = lines[5].replace("成功", "")
    lines[7] = lines[7].replace("成功", "处理中")
    bad = tmp_path / "bad.csv"
    bad.write_text("\n".join(lines), encoding="utf-8-sig")
    assert _result_problems(store, bad) == [
        (4, "卡号只能是数字"),
        (5, "金额“2000.0O”无法识别"),
        (6, "没有处理状态"),
        (8, "处理状态“处理中”不认识：应为成功或失败"),
    ]


def test_full_card_numbers_only_when_asked_and_it_is_recorded(store: Store, tmp_path: Path) -> None:
    first = batches.list_transfers(store, tmp_path / "masked.xlsx", actor=ACTOR)
    full = batches.rewrite_list(store, 1, tmp_path / "full.xlsx", full_cards=True, actor=ACTOR)
    assert (full.count, full.total_fen) == (first.count, first.total_fen)
    sheet = list(openpyxl.load_workbook(full.file).worksheets[0].iter_rows(values_only=True))
    assert sheet[3][5] == card(0)  # kept as text: all 19 digits
    files = store_transfers.list_files(store, store_transfers.batches(store, _cid(store))[0]["id"])
    assert [(f["file_name"], f["full_cards"], f["written_by"]) for f in files] == [
        ("masked.xlsx", 0, "clerk"), ("full.xlsx", 1, "clerk")]  # fmt: skip


def _cid(s: Store) -> str:
    return str(s.conn.execute("SELECT id FROM campaign").fetchone()[0])


def test_bad_card_in_the_roster_is_a_row_problem_with_the_value_masked(
    store: Store, tmp_path: Path
) -> None:
    rows = [[*person(400), "离退休", "中国工商银行", "", "6222020000000004001"],  # Luhn wrong
            [*person(401), "离退休", "中国农业银行", "", "62284800123"],  # too short
            [*person(402), "离退休", "滨海农村信用社", "", "6230000000000000001"]]  # fmt: skip
    refused = import_roster(store, write_csv(tmp_path / "bad.csv", HEADER, rows), unit="学校",
                            actor=ACTOR)  # fmt: skip
    assert not refused.applied
    assert [(p.row, p.column, p.value, render(p)) for p in refused.rejected] == [
        (2, "工资卡号", "6222***********4001", "银行卡号校验位不对，可能抄错了一位，请核对"),
        (3, "工资卡号", "6228***0123", "银行卡号应为16至19位数字，这里是11位"),
    ]
    # A rural credit cooperative's card carries no check digit: kept, with a warning.
    kept = import_roster(store, write_csv(tmp_path / "bad.csv", HEADER, rows), unit="学校",
                         skip_invalid=True, actor=ACTOR)  # fmt: skip
    assert kept.applied and kept.imported == 1 and kept.accounts == 1
    assert [render(p) for p in kept.warnings] == [
        "“滨海农村信用社”的卡号不用校验位，未能校验，请核对"
    ]
    info = accounts.household_payment(store, person(402)[1])
    assert info.account is not None and info.account.card_masked == "6230***********0001"


def test_a_corrected_card_in_a_roster_is_a_new_account_and_the_old_one_stays(
    store: Store, tmp_path: Path
) -> None:
    rows = roster_rows(287)
    rows[0][5] = card(7000)
    again = import_roster(store, write_csv(tmp_path / "r2.csv", HEADER, rows), unit="学校",
                          actor=ACTOR)  # fmt: skip
    assert again.applied and (again.imported, again.updated, again.accounts) == (0, 0, 1)
    info = accounts.household_payment(store, person(0)[1])
    assert [a.card_masked[-4:] for a in info.accounts] == [card(0)[-4:], card(7000)[-4:]]


def test_a_household_apart_and_no_way_back_to_cash_once_sent(store: Store, tmp_path: Path) -> None:
    name, number = person(3)
    changed = accounts.set_household_payment(store, number, "现金", reason="本人要求领现金",
                                             actor=ACTOR)  # fmt: skip
    assert (changed.name, str(changed.before), str(changed.after)) == (name, "transfer", "cash")
    made = batches.list_transfers(store, tmp_path / "l.xlsx", actor=ACTOR)
    assert (made.count, made.total_fen) == (286, 57_200_000)
    with pytest.raises(InvalidInput) as refused:
        accounts.set_household_payment(store, person(4)[1], "现金", actor=ACTOR)
    assert render(refused.value).endswith("银行尚未回复，不能改为现金")


# --- the command line --------------------------------------------------------------------------


def run(capsys: pytest.CaptureFixture[str], db: Path, *args: str) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main(["--db", str(db), *args])
    out = capsys.readouterr()
    return code, out.out, out.err


def test_cli_list_result_failed_and_status(
    store: Store, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = Path(store.path)
    store.close()
    code, out, _e = run(capsys, db, "transfers", "list", str(tmp_path / "l.xlsx"))
    assert code == 0 and "第1批" in out and "287笔，合计 ¥574,000.00" in out and "卡号已遮蔽" in out
    with Store(db) as s:
        result = bank_file(s, tmp_path / "回单.csv", s.conn.execute(
            "SELECT code FROM transfer_batch").fetchone()[0])  # fmt: skip
    code, out, _e = run(capsys, db, "transfers", "result", str(result))
    assert code == 0 and "已到账 284笔 ¥568,000.00；失败 3笔" in out
    code, out, _e = run(capsys, db, "--json", "transfers", "failed")
    assert code == 0 and len(json.loads(out)["failed"]) == 3
    code, out, _e = run(capsys, db, "transfers", "show", person(0)[1])
    assert out.splitlines()[0] == "发放方式：转账" and card(0)[:4] + "*" * 11 + card(0)[-4:] in out
    assert card(0) not in out
    code, out, _e = run(capsys, db, "progress")
    assert "财务转账：已转账 284笔 ¥568,000.00，待转账 0笔 ¥0.00，失败待重转 3户 ¥6,000.00" in out
    code, out, _e = run(capsys, db, "transfers", "status")
    assert out.strip() == ("已转账 284笔 ¥568,000.00；待转账 0笔 ¥0.00；失败待重转 3户 ¥6,000.00")
    bad = tmp_path / "bad.csv"
    bad.write_text("户名,收款账号,金额,处理结果\n张三,6228480000000000018,2000,成功\n",
                   encoding="utf-8")  # fmt: skip
    code, out, err = run(capsys, db, "transfers", "result", str(bad))
    assert code == 1 and "卡号都不在任何转账批次中" in err


def test_bank_xlsx_with_its_own_headers_read_through_a_mapping(
    store: Store, tmp_path: Path
) -> None:
    first = batches.list_transfers(store, tmp_path / "l.xlsx", actor=ACTOR)
    lines = list(csv.reader(bank_file(store, tmp_path / "b.csv", first.code, failing=())
                            .read_text(encoding="utf-8-sig").splitlines()))  # fmt: skip
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["代发结果明细"])
    sheet.append(["Acct", "Amt", "Result"])
    for _name, number, amount, outcome, _why, _code in lines[1:]:
        sheet.append([number, float(amount), outcome])  # the card as text, as banks write it
    book.save(tmp_path / "bank.xlsx")
    with pytest.raises(InvalidInput):  # no header it knows
        results.read_bank_result(store, tmp_path / "bank.xlsx", actor=ACTOR)
    mapping = ["Acct=card", "Amt=amount", "Result=status"]
    read = results.read_bank_result(store, tmp_path / "bank.xlsx", batch=1, mapping=mapping,
                                    actor=ACTOR)  # fmt: skip
    assert read.applied and (read.paid, read.paid_fen) == (287, 57_400_000)


def test_typed_text_on_the_transfer_list_stays_text(store: Store, tmp_path: Path) -> None:
    link = '=HYPERLINK("http://evil","点我")'
    store.conn.execute("UPDATE household SET name = ? WHERE id_number = ?", [link, person(0)[1]])
    store.conn.execute("UPDATE bank_account SET bank = '=cmd|calc' WHERE rowid = 1")
    made = batches.list_transfers(store, tmp_path / "l.xlsx", actor=ACTOR)
    cells = [c for row in openpyxl.load_workbook(made.file).worksheets[0].iter_rows() for c in row]
    hostile = [(c.value, c.data_type) for c in cells if str(c.value).startswith("=")]
    assert sorted(hostile) == [(link, "s"), ("=cmd|calc", "s")]
