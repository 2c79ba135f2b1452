"""The payment list for finance and the bank's result file, for N households paid by transfer
(default 100,000): print the seconds of each (aim: under 5 s each) and the lines and total.

Setup (not measured): a campaign, a roster of N retirees with salary cards imported, their
category paid by transfer, all confirmed. Then ``transfers list`` (a batch of N transfer events
and its XLSX) and ``transfers result`` on the bank's CSV answer (N lines, 1 in 1,000 failed).
CPU seconds are printed beside the wall-clock ones: on a shared machine the wall clock varies
by a factor of two or three from run to run. Beside each, a bare baseline of the same run: the
floor no implementation gets under. For the list: the batch's N event rows inserted again by
one ``executemany`` (new ids, rolled back, so without the commit) and the list's sheet XML
zipped again; for the result: the bank's CSV read by ``csv.reader`` and the same insert.
Run: .venv/bin/python bench/transfers.py [N]
"""

from __future__ import annotations

import csv
import io
import os
import sys
import tempfile
import time
import zipfile
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app.domain.bank_cards import luhn_ok  # noqa: E402
from app.domain.campaign import new_ids  # noqa: E402
from app.domain.id_number import check_digit  # noqa: E402
from app.services.campaign import setup as campaigns  # noqa: E402
from app.services.households.status import advance_everyone  # noqa: E402
from app.services.rosters.importing import import_roster  # noqa: E402
from app.services.transfers import accounts, batches, ledger, results  # noqa: E402
from app.store import transfers as store_transfers  # noqa: E402
from app.store.db import Store  # noqa: E402


def card(i: int) -> str:
    base = f"6222020{i:011d}"
    return next(base + d for d in "0123456789" if luhn_ok(base + d))


def roster(path: Path, n: int) -> Path:
    born = date(1940, 1, 1)
    with path.open("w", newline="", encoding="utf-8-sig") as f:
        w = csv.writer(f)
        w.writerow(["姓名", "身份证号", "慰问类别", "开户行", "开户网点", "银行卡号"])
        for i in range(n):
            first17 = (
                "120116"
                + (born + timedelta(days=i // 900)).strftime("%Y%m%d")
                + f"{i % 900 + 100:03d}"
            )
            name = "王" + "甲乙丙丁戊己庚辛壬癸"[i % 10] + "子丑寅卯辰巳午未申酉戌亥"[i // 10 % 12]
            w.writerow(
                [name, first17 + check_digit(first17), "LT", "中国工商银行", "滨海支行", card(i)]
            )
    return path


def answer(store: Store, path: Path, code: str) -> Path:
    campaign_id = store.conn.execute("SELECT id FROM campaign").fetchone()[0]
    cards = store_transfers.accounts_by_id(store, campaign_id)
    states = [s for s in ledger.read_book(store).states.values() if s.batch_code == code]
    with path.open("w", newline="", encoding="utf-8-sig") as f:
        w = csv.writer(f)
        w.writerow(["收款账号", "金额", "处理结果", "失败原因", "摘要"])
        for k, s in enumerate(states):
            failed = k % 1000 == 999
            w.writerow(
                [
                    cards[s.account_id].card,
                    f"{s.amount_fen / 100:.2f}",
                    "失败" if failed else "成功",
                    "账户已销户" if failed else "",
                    code,
                ]
            )
    return path


def n_rows(store: Store, kind: str) -> int:
    return int(
        store.conn.execute("SELECT count(*) FROM event WHERE kind = ?", [kind]).fetchone()[0]
    )


def bare_insert(store: Store, kind: str) -> float:
    """Seconds to insert the desk's events of ``kind`` again as plain rows (new ids, another
    device), rolled back: what SQLite takes for the rows alone."""
    written = store.conn.execute("SELECT * FROM event WHERE kind = ?", [kind]).fetchall()
    ids = new_ids(len(written))
    rows = [(ids[n], "bare", n + 1, *row[3:]) for n, row in enumerate(written)]
    marks = ", ".join("?" * len(rows[0]))
    store.conn.execute("SAVEPOINT bare")
    start = time.perf_counter()
    store.conn.executemany(f"INSERT INTO event VALUES ({marks})", rows)
    took = time.perf_counter() - start
    store.conn.execute("ROLLBACK TO bare")
    store.conn.execute("RELEASE bare")
    return took


def bare_zip(xlsx: Path) -> float:
    """Seconds to zip the list's sheet XML again, as the writer does (deflate level 1)."""
    with zipfile.ZipFile(xlsx) as z:
        xml = z.read("xl/worksheets/sheet1.xml")
    start = time.perf_counter()
    with zipfile.ZipFile(io.BytesIO(), "w", zipfile.ZIP_DEFLATED, compresslevel=1) as z:
        z.writestr("sheet1.xml", xml)
    return time.perf_counter() - start


def bare_csv(path: Path) -> float:
    start = time.perf_counter()
    with path.open(newline="", encoding="utf-8-sig") as f:
        lines = sum(1 for _ in csv.reader(f))
    assert lines
    return time.perf_counter() - start


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        with Store(work / "t.db") as store:
            start = time.perf_counter()
            campaigns.init_campaign(
                store,
                name="基准",
                organizer="工会",
                start=date(2027, 1, 20),
                end=date(2027, 1, 28),
                min_living="780",
            )
            campaigns.add_category(store, code="LT", name="离退休", cash="2000")
            done = import_roster(store, roster(work / "r.csv", n), unit="基准单位")
            assert done.applied and done.accounts == n, done.rejected[:3]
            accounts.set_category_payment(store, "LT", "转账")
            advance_everyone(store, status="确定", reason="基准", despite_missing=True)
            print(f"setup ({n:,} households with cards): {time.perf_counter() - start:.1f} s")

            start, cpu = time.perf_counter(), time.process_time()
            made = batches.list_transfers(store, work / "list.xlsx")
            listed, cpu = time.perf_counter() - start, time.process_time() - cpu
            assert made.file is not None
            print(
                f"transfers list:   {listed:.2f} s ({cpu:.2f} s CPU)  {made.count:,} lines, "
                f"¥{made.total_fen / 100:,.2f}, {made.file.stat().st_size / 1e6:.1f} MB"
            )
            insert = bare_insert(store, "transfer")
            print(f"  bare: insert of the {made.count:,} rows {insert:.2f} s, "
                  f"zip of the sheet XML {bare_zip(made.file):.2f} s")  # fmt: skip

            bank = answer(store, work / "bank.csv", made.code)
            start, cpu = time.perf_counter(), time.process_time()
            read = results.read_bank_result(store, bank)
            took, cpu = time.perf_counter() - start, time.process_time() - cpu
            print(
                f"transfers result: {took:.2f} s ({cpu:.2f} s CPU)  {read.file_lines:,} lines, "
                f"{read.paid:,} paid ¥{read.paid_fen / 100:,.2f}, {len(read.failed)} failed"
            )
            assert read.applied and read.paid + len(read.failed) == n
            insert = bare_insert(store, "transfer_result")
            print(f"  bare: csv.reader of the file {bare_csv(bank):.2f} s, "
                  f"insert of the {n:,} rows {insert:.2f} s")  # fmt: skip
            print(f"load average (1 min): {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")


if __name__ == "__main__":
    main()
