"""``flags``, ``flags resolve``, ``flags --all`` and ``audit`` as a clerk runs them: what they
print, what --json holds, and the exit code (non-zero while a fen has no proof)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from app.cli import main
from app.domain.id_number import mask_id
from app.domain.visits import Outcome, VisitInput, VisitMode
from app.services.visits import paper
from app.services.visits import recording as visits
from tests.bundle_world import (
    DAY,
    TEAM_ACTOR,
    World,
    export,
    merge,
    standard_handover,
    team_households,
)

pytestmark = pytest.mark.usefixtures("cheap_scrypt")


@pytest.fixture(autouse=True)
def environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WARMVISIT_USER", "出纳")
    monkeypatch.delenv("WARMVISIT_LANG", raising=False)


def run(capsys: pytest.CaptureFixture[str], db: Path, *args: str) -> tuple[int, str]:
    capsys.readouterr()
    code = main(["--db", str(db), *args])
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def paid_unsigned(world: World) -> dict[str, Any]:
    household = team_households(world.t1, "T1")[0]
    visits.record_visit(world.t1, VisitInput(
        household_id=household["id"], day=DAY, mode=VisitMode.HOME, outcome=Outcome.VISITED,
        handovers=(standard_handover(household),)), actor=TEAM_ACTOR)  # fmt: skip
    merge(world.central, export(world, world.t1))
    return household


def test_a_fen_without_proof_fails_the_audit_until_the_paper_is_in(
    capsys: pytest.CaptureFixture[str], world: World
) -> None:
    household = paid_unsigned(world)
    db = world.central.path
    assert db is not None
    masked = mask_id(household["id_number"])

    code, out = run(capsys, db, "audit")
    assert code == 1
    assert f"没有凭证：{household['name']}（{masked}）T1 2027-01-21 ¥600.00" in out
    assert "审计未通过" in out

    code, out = run(capsys, db, "--json", "flags")
    [flag] = json.loads(out)["flags"]
    shown = [flag[k] for k in ("kind", "name", "household", "teams", "category_name")]
    assert shown == ["no_proof", household["name"], masked, ["T1"], "农民工"]
    code, out = run(capsys, db, "flags")
    assert f"[{flag['id']}] {household['name']}（{masked}）第一组 农民工：" in out

    code, out = run(capsys, db, "flags", "resolve", flag["id"][:5], "--decision", "两笔都对",
                    "--note", "x")  # fmt: skip
    assert code == 1 and "不是这类问题可用的处理方式" in out and "已收到纸质凭证" in out
    code, out = run(capsys, db, "flags", "resolve", flag["id"][:5], "--decision", "已收到纸质凭证",
                    "--note", "组长补交了签字的签收表")  # fmt: skip
    assert code == 0 and f"问题 {flag['id']}（{household['name']}）已处理：已收到纸质凭证" in out

    code, out = run(capsys, db, "flags")
    assert code == 0 and "没有需要处理的问题" in out
    code, out = run(capsys, db, "flags", "--all")
    assert "已处理：已收到纸质凭证，组长补交了签字的签收表（出纳" in out

    code, out = run(capsys, db, "--json", "audit")
    report = json.loads(out)
    assert code == 0 and report["ok"] is True and report["unproven"] == []
    assert report["handed"] == {"cash_fen": 50_000, "transfer_fen": 0, "goods_fen": 10_000,
                                "total_fen": 60_000}  # fmt: skip
    assert report["proofs"] == {"paper": report["handed"]}
    assert [f["resolution"]["decision"] for f in report["resolved_flags"]] == ["paper_received"]
    code, out = run(capsys, db, "audit")
    assert code == 0 and "审计通过" in out


def test_a_signed_sheet_received_is_said_as_a_sheet_not_an_empty_slip(
    capsys: pytest.CaptureFixture[str], world: World, tmp_path: Path
) -> None:
    household = team_households(world.t1, "T1")[1]
    sheet = tmp_path / "签收表.csv"
    sheet.write_text(
        "公民身份号码,姓名,走访日期,走访方式,走访结果,慰问金,慰问品,已签名\n"
        f"{household['id_number']},{household['name']},2027-01-21,上门,已慰问,800,,是\n",
        encoding="utf-8-sig",
    )
    assert paper.import_visits(world.t1, sheet, actor=TEAM_ACTOR).imported == 1
    merge(world.central, export(world, world.t1))
    db = world.central.path
    assert db is not None
    code, out = run(capsys, db, "visits", "receive-slip", household["name"])
    assert (code, out) == (0, f"已登记收回签字的纸质签收表：{household['name']}\n")
