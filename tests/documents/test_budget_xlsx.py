"""The budget workbook: the counts and standards as numbers, the sums as formulas that add up.

openpyxl does not calculate formulas, so ``evaluate`` below does, for the few shapes the
workbook uses (``=C3*D3``, ``=G3+H3``, ``=SUM(I3:I6)+I9``).
"""

from __future__ import annotations

import csv
import re
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from app.documents.budget_xlsx import write_budget_xlsx
from app.domain.id_number import check_digit
from app.services.campaign import revisions
from app.services.campaign import setup as campaigns
from app.services.campaign.budget import Budget, BudgetLine, compute_budget
from app.services.infra.context import Actor
from app.services.rosters.importing import import_roster
from app.store.db import Store

ZH_HEADERS = ["类别代码", "慰问类别", "户数", "每户慰问金", "慰问品", "每户慰问品价值",
              "慰问金合计", "慰问品合计", "小计"]  # fmt: skip
EN_HEADERS = ["Code", "Category", "Households", "Cash each", "Goods", "Goods value each",
              "Cash total", "Goods total", "Subtotal"]  # fmt: skip
YUAN_FORMAT = '#,##0.00"元"'
CELL = re.compile(r"^([A-Z]+)(\d+)$")
SUM = re.compile(r"^SUM\(([A-Z]+)(\d+):([A-Z]+)(\d+)\)$")


def evaluate(ws: Worksheet, ref: str) -> Decimal:
    """The value of a cell, calculating ``=``, ``+``, ``*`` and ``SUM(X1:X9)`` formulas."""
    value = ws[ref].value
    if value is None:
        return Decimal(0)
    if isinstance(value, int | float):
        return Decimal(str(value))
    assert isinstance(value, str) and value.startswith("="), (ref, value)
    total = Decimal(0)
    for term in value[1:].split("+"):
        if m := SUM.match(term):
            col, top, col2, bottom = m.group(1), int(m.group(2)), m.group(3), int(m.group(4))
            assert col == col2
            total += sum((evaluate(ws, f"{col}{r}") for r in range(top, bottom + 1)), Decimal(0))
        elif "*" in term:
            left, right = term.split("*")
            total += evaluate(ws, left) * evaluate(ws, right)
        elif CELL.match(term):
            total += evaluate(ws, term)
        else:
            total += Decimal(term)  # a constant: "=0" when there is nothing to add
    return total


def yuan(fen: int) -> Decimal:
    return Decimal(fen) / 100


def rows_by_first_cells(ws: Worksheet) -> dict[str, int]:
    """Row number by the text of column A (category code) or B (other cost, 合计)."""
    found = {}
    for row in ws.iter_rows():
        for cell in row[:2]:
            if isinstance(cell.value, str) and cell.value:
                found.setdefault(cell.value, cell.row)
    return found


@pytest.fixture(scope="module")
def vector_budget() -> Budget:
    """DESIGN.md step 4 through the services: 15×100 + 3×150 + 2×450 + 1×250 + 180 元."""
    actor = Actor(user="tester")
    store = Store(":memory:")
    campaigns.init_campaign(
        store, name="2027年春节送温暖", organizer="区总工会", start=date(2027, 1, 20),
        end=date(2027, 1, 28), min_living="780", actor=actor,
    )  # fmt: skip
    counts = {"A": 15, "B": 3, "C": 2, "D": 1}
    for code, name, cash, goods_value in (
        ("A", "困难职工", "100", None), ("B", "单亲家庭", "100", "50"),
        ("C", "重大疾病", "400", "50"), ("D", "意外致困", "200", "50"),
    ):  # fmt: skip
        campaigns.add_category(
            store, code=code, name=name, cash=cash, goods="大米10kg" if goods_value else "",
            goods_value=goods_value, actor=actor,
        )  # fmt: skip
    revisions.add_cost(store, name="工作餐", amount="180", actor=actor)
    return _import_counts(store, counts, actor)


def _import_counts(store: Store, counts: dict[str, int], actor: Actor) -> Budget:
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "roster.csv"
        with open(path, "w", encoding="utf-8", newline="") as f:
            writer = csv.writer(f)
            writer.writerow(["姓名", "身份证号", "慰问类别"])
            i = 0
            for code, n in counts.items():
                for _ in range(n):
                    first17 = f"12011619700101{i * 2 + 1:03d}"
                    writer.writerow(["张三", first17 + check_digit(first17), code])
                    i += 1
        result = import_roster(store, path, unit="甲单位", actor=actor)
        assert result.applied and result.imported == sum(counts.values())
    return compute_budget(store)


def test_vector_budget_is_3280_yuan(vector_budget: Budget) -> None:
    assert vector_budget.total_fen == 328000


def test_headers_counts_and_standards(vector_budget: Budget, tmp_path: Path) -> None:
    target = tmp_path / "预算.xlsx"
    write_budget_xlsx(target, vector_budget, lang="zh")
    ws = load_workbook(target).active
    assert ws.title == "预算"
    assert ws["A1"].value == "2027年春节送温暖 经费预算"
    assert [c.value for c in ws[2]] == ZH_HEADERS
    at = rows_by_first_cells(ws)
    expected = {  # code: (name, count, cash each, goods, goods each)
        "A": ("困难职工", 15, 100, None, 0),
        "B": ("单亲家庭", 3, 100, "大米10kg", 50),
        "C": ("重大疾病", 2, 400, "大米10kg", 50),
        "D": ("意外致困", 1, 200, "大米10kg", 50),
    }
    for code, (name, count, cash, goods, goods_each) in expected.items():
        r = at[code]
        assert ws[f"B{r}"].value == name
        assert ws[f"C{r}"].value == count
        assert isinstance(ws[f"C{r}"].value, int)
        assert ws[f"D{r}"].value == cash
        assert ws[f"E{r}"].value in (goods, "" if goods is None else goods)
        assert ws[f"F{r}"].value == goods_each
    assert [at[c] for c in "ABCD"] == [3, 4, 5, 6]  # the lines follow the header directly


def test_sums_are_formulas_that_add_up(vector_budget: Budget, tmp_path: Path) -> None:
    target = tmp_path / "预算.xlsx"
    write_budget_xlsx(target, vector_budget, lang="zh")
    ws = load_workbook(target).active
    at = rows_by_first_cells(ws)
    for line in vector_budget.lines:
        r = at[line.code]
        for col in "GHI":
            assert str(ws[f"{col}{r}"].value).startswith("="), f"{col}{r}"
        assert evaluate(ws, f"G{r}") == yuan(line.cash_fen)
        assert evaluate(ws, f"H{r}") == yuan(line.goods_fen)
        assert evaluate(ws, f"I{r}") == yuan(line.subtotal_fen)

    assert ws.cell(at["工作餐"], 9).value == 180
    total = at["合计"]
    assert total > at["工作餐"]
    assert str(ws[f"I{total}"].value).startswith("=SUM(")
    assert str(ws[f"C{total}"].value).startswith("=SUM(")
    assert evaluate(ws, f"I{total}") == Decimal("3280")
    assert evaluate(ws, f"C{total}") == 21
    assert ws[f"I{total}"].font.b


def test_yuan_columns_are_formatted_with_two_decimals(tmp_path: Path) -> None:
    budget = Budget(
        "测试",
        (BudgetLine("A", "困难职工", 3, 123456, 9999, "慰问品"),),
        (("车辆燃油", 12345),),
        0,
    )
    target = tmp_path / "b.xlsx"
    write_budget_xlsx(target, budget, lang="zh")
    ws = load_workbook(target).active
    assert ws["D3"].value == pytest.approx(1234.56)
    assert ws["F3"].value == pytest.approx(99.99)
    for ref in ("D3", "F3", "G3", "H3", "I3"):
        assert ws[ref].number_format == YUAN_FORMAT, ref
    assert ws["C3"].number_format == "General"  # a count, not money
    at = rows_by_first_cells(ws)
    assert ws.cell(at["车辆燃油"], 9).value == pytest.approx(123.45)
    assert ws.cell(at["车辆燃油"], 9).number_format == YUAN_FORMAT
    # 3 × (1,234.56 + 99.99) + 123.45, exact in yuan
    assert evaluate(ws, f"I{at['合计']}") == yuan(budget.total_fen) == Decimal("4127.10")
    assert ws.cell(at["合计"], 9).number_format == YUAN_FORMAT  # the total too


def test_english_and_an_empty_budget(tmp_path: Path) -> None:
    target = tmp_path / "empty.xlsx"
    write_budget_xlsx(target, Budget("Spring visits", (), (), 0), lang="en")
    ws = load_workbook(target).active
    assert ws.title == "Budget"
    assert ws["A1"].value == "Spring visits budget"
    assert [c.value for c in ws[2]] == EN_HEADERS
    at = rows_by_first_cells(ws)
    assert evaluate(ws, f"I{at['Total']}") == 0
    assert evaluate(ws, f"C{at['Total']}") == 0


def test_other_costs_only(tmp_path: Path) -> None:
    target = tmp_path / "costs.xlsx"
    write_budget_xlsx(target, Budget("x", (), (("工作餐", 18000), ("燃油", 50)), 0), lang="zh")
    ws = load_workbook(target).active
    at = rows_by_first_cells(ws)
    assert evaluate(ws, f"I{at['合计']}") == Decimal("180.50")


def test_writing_again_replaces_the_file_whole(vector_budget: Budget, tmp_path: Path) -> None:
    target = tmp_path / "预算.xlsx"
    target.write_bytes(b"old")
    write_budget_xlsx(target, vector_budget, lang="zh")
    write_budget_xlsx(target, vector_budget, lang="zh")
    assert load_workbook(target).active["A1"].value.endswith("经费预算")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["预算.xlsx"]  # no temp file left
