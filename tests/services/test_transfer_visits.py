"""A household paid by bank transfer, where a team meets it: the assignment bundle carries its
payment to the laptop, and the laptop and ``visits import`` (office and laptop) refuse cash by
hand to it, take goods by hand (signed for) and a transfer marked due (no amount, no
signature)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from app.cli import main
from app.domain.errors import InvalidInput
from app.domain.events import DISBURSEMENT, VISIT, record_fields
from app.domain.ledger import payments
from app.domain.payment import Payment
from app.domain.visits import Handover, Outcome, PhoneAnswer, VisitInput, VisitMode
from app.i18n import render, text
from app.services.bundles import exchange as bundles
from app.services.transfers import accounts
from app.services.visits.payment import apply_team_payments, payment_of
from app.services.visits.recording import live_state, record_visit
from app.services.visits.signing import prepare_visit
from app.store.db import Store
from app.sync import container
from app.sync.payload import decode_payload
from tests.builders import write
from tests.bundle_world import (
    ACTOR,
    DAY,
    TEAM_ACTOR,
    World,
    export,
    merge,
    standard_handover,
    team_households,
)

Cli = Callable[..., tuple[int, str]]
REFUSED = "{name}的慰问金由财务转账到本人银行卡，慰问组不能发放现金（慰问品照发，可记为转账待发）"


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]) -> Cli:
    def run(db: Path | None, *args: str) -> tuple[int, str]:
        capsys.readouterr()
        try:
            code = main(["--db", str(db), *args])
        except SystemExit as e:
            code = e.code if isinstance(e.code, int) else 1
        captured = capsys.readouterr()
        return code, captured.out + captured.err

    return run


def resend(world: World) -> dict[str, Any]:
    """T1's next assignment bundle, imported on its laptop; returns the bundle's snapshot."""
    sent = bundles.export_assignment(world.central, "T1", world.stick("office"), actor=ACTOR)
    sealed = container.read_sealed(sent.file.read_bytes())
    opened = container.open_with_credential(sealed, world.template.t1_credential)
    bundles.import_bundle(world.t1, sent.file, credential=world.template.t1_credential,
                          actor=TEAM_ACTOR)  # fmt: skip
    snapshot: dict[str, Any] = decode_payload(opened.payload)[0]["snapshot"]
    return snapshot


def by_category(store: Store, code: str) -> list[dict[str, Any]]:
    return [h for h in team_households(store, "T1") if h["category"] == code]


@pytest.fixture
def paid_by_transfer(world: World) -> World:
    """KN (1,000 元 cash) and ZB (2,000 元 and 慰问品 200 元) paid by transfer at the office, one
    ZB household set apart to cash; T1's laptop has the bundle sent after."""
    accounts.set_category_payment(world.central, "KN", "转账")
    accounts.set_category_payment(world.central, "ZB", "转账")
    apart = by_category(world.central, "ZB")[-1]
    accounts.set_household_payment(world.central, apart["id_number"], "现金",
                                   reason="本人要求领现金", actor=ACTOR)  # fmt: skip
    resend(world)
    return world


def events(store: Store) -> int:
    return int(store.conn.execute("SELECT count(*) FROM event").fetchone()[0])


HEAD = "姓名,身份证号,日期,方式,结果,接听人,慰问金,转账"


def line(household: dict[str, Any], cells: str) -> str:
    return f"{household['name']},{household['id_number']},2027-01-21,{cells}"


def visit(household: dict[str, Any], *handovers: Handover, **kwargs: Any) -> VisitInput:
    return VisitInput(household_id=household["id"], day=DAY, mode=VisitMode.HOME,
                      outcome=Outcome.VISITED, handovers=handovers, **kwargs)  # fmt: skip


def test_the_bundle_carries_each_households_payment_as_resolved(world: World) -> None:
    kn = by_category(world.central, "KN")
    assert payment_of(world.t1, kn[0]["id"]) == Payment.CASH  # started before the decision
    accounts.set_category_payment(world.central, "KN", "转账")
    accounts.set_household_payment(world.central, kn[-1]["id_number"], "现金",
                                   reason="本人要求领现金", actor=ACTOR)  # fmt: skip
    snapshot = resend(world)
    sent = snapshot["payments"]
    assert len(sent) == 28
    assert [sent[h["id"]] for h in kn] == ["transfer"] * (len(kn) - 1) + ["cash"]
    assert {sent[h["id"]] for h in by_category(world.central, "ZB")} == {"cash"}
    assert [payment_of(world.t1, h["id"]) for h in kn] == [Payment.TRANSFER] * (len(kn) - 1) + [
        Payment.CASH
    ]


def test_the_laptop_keeps_what_the_office_resolved_and_an_older_bundle_changes_nothing(
    world: World,
) -> None:
    first, second = by_category(world.t1, "KN")[:2]
    changes = "SELECT count(*) FROM payment_change"
    # Where the laptop resolves it otherwise, the office's word is the household's own, logged.
    assert apply_team_payments(world.t1, {first["id"]: "transfer"}, TEAM_ACTOR) == 1
    assert payment_of(world.t1, first["id"]) == Payment.TRANSFER
    assert world.t1.conn.execute(changes).fetchone()[0] == 1
    assert apply_team_payments(world.t1, {first["id"]: "transfer"}, TEAM_ACTOR) == 0
    # A bundle written before payments were carried has none; what is not a payment is left out.
    for old in (None, [], {second["id"]: "银行"}, {second["id"]: ["transfer"]}, {"x": "transfer"}):
        assert apply_team_payments(world.t1, old, TEAM_ACTOR) == 0
    assert payment_of(world.t1, second["id"]) == Payment.CASH
    assert world.t1.conn.execute(changes).fetchone()[0] == 1
    record_visit(world.t1, visit(second, standard_handover(second)), actor=TEAM_ACTOR)


def test_cash_by_hand_to_a_transfer_household_is_refused_on_the_laptop(
    paid_by_transfer: World,
) -> None:
    laptop = paid_by_transfer.t1
    zb = by_category(laptop, "ZB")[0]
    before = events(laptop)
    for attempt in (prepare_visit, record_visit):
        with pytest.raises(InvalidInput) as caught:
            attempt(laptop, visit(zb, standard_handover(zb)))
        assert render(caught.value) == REFUSED.format(name=zb["name"])
    # Nor the amount marked for a transfer: finance's list has it, the visit only marks it.
    with pytest.raises(InvalidInput) as marked:
        record_visit(laptop, visit(zb, standard_handover(zb, transfer=True)))
    assert render(marked.value) == (
        f"{zb['name']}的慰问金按转账名单由财务转到银行卡：走访只记“转账”，不填金额"
        "（这里填了¥2,000.00）"
    )
    assert events(laptop) == before
    apart = by_category(laptop, "ZB")[-1]  # set apart to cash: the team hands it over
    prepared = prepare_visit(laptop, visit(apart, standard_handover(apart)))
    assert prepared.needs_signature and prepared.content["cash_fen"] == 200_000


def test_goods_are_signed_for_and_a_transfer_due_needs_no_signature(
    paid_by_transfer: World,
) -> None:
    world = paid_by_transfer
    laptop = world.t1
    zb = by_category(laptop, "ZB")[0]
    home, phone = by_category(laptop, "KN")[:2]
    goods = Handover("ZB", goods="慰问品", goods_fen=20_000, transfer=True)
    prepared = prepare_visit(laptop, visit(zb, goods))
    assert prepared.needs_signature  # the goods by hand
    assert (prepared.content["cash_fen"], prepared.content["goods"]) == (0, ["慰问品"])
    # nobody signs for cash they did not receive: the statement says where the money goes
    assert prepared.content["statement_version"] == "transfer"
    assert (
        text("sign.statement.transfer", "zh")
        == "本人已收到上述慰问品；慰问金由财务转账到本人银行卡。"
    )
    apart = by_category(laptop, "ZB")[-1]  # set apart to cash: the usual statement
    assert prepare_visit(laptop, visit(apart, standard_handover(apart))).content[
        "statement_version"] == "v1"  # fmt: skip
    due = Handover("KN", transfer=True)
    at_home = prepare_visit(laptop, visit(home, due))
    assert not at_home.needs_signature
    record_visit(laptop, at_home.visit, prepared=at_home, actor=TEAM_ACTOR)
    by_phone = replace(visit(phone, due), mode=VisitMode.PHONE, answered=PhoneAnswer.SELF)
    assert not prepare_visit(laptop, by_phone).needs_signature
    record_visit(laptop, by_phone, actor=TEAM_ACTOR)
    merge(world.central, export(world, laptop))
    records = live_state(world.central)
    marked = [record_fields(r) for r in records.values() if r.kind == DISBURSEMENT]
    assert {(d["household_id"], d["cash_fen"], d["transfer"]) for d in marked} == {
        (home["id"], 0, True), (phone["id"], 0, True)}  # fmt: skip
    # Not money the team handed over: the bank's answer to finance's list will be.
    assert sum(p.cash_fen + p.transfer_fen for p in payments(records.values())) == 0


def test_visits_import_refuses_cash_for_a_transfer_household_naming_row_and_household(
    paid_by_transfer: World, cli: Cli
) -> None:
    world = paid_by_transfer
    cash_home = by_category(world.central, "TX")[0]
    kn, due = by_category(world.central, "KN")[:2]
    rows = [line(cash_home, "上门,已慰问,,800,"), line(kn, "上门,已慰问,,1000,"),
            line(due, "电话,已慰问,本人,,是")]  # fmt: skip
    sheet = write(world.folder, "走访.csv", "\n".join([HEAD, *rows, ""]))
    for store in (world.central, world.t1):
        before = events(store)
        code, out = cli(store.path, "visits", "import", str(sheet))
        assert (code, out) == (1, f"  第3行 慰问金“1000”：{REFUSED.format(name=kn['name'])}\n"
                                  "有 1 行有问题，本次没有录入任何走访\n")  # fmt: skip
        assert events(store) == before
    fixed = write(world.folder, "改正.csv", sheet.read_text(encoding="utf-8").replace(
        "上门,已慰问,,1000,", "上门,已慰问,,,是"
    ))  # fmt: skip
    code, out = cli(world.central.path, "visits", "import", str(fixed))
    assert (code, out) == (0, "已录入 3 次走访\n")
    records = live_state(world.central).values()
    handed = {f["household_id"]: (f["cash_fen"], f["goods"], f["transfer"])
              for r in records if r.kind == DISBURSEMENT and (f := record_fields(r))}  # fmt: skip
    assert handed == {cash_home["id"]: (80_000, "", False), kn["id"]: (0, "", True),
                      due["id"]: (0, "", True)}  # fmt: skip
    assert sum(1 for r in records if r.kind == VISIT) == 3
