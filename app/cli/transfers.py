"""Bank transfers at the office: ``transfers mode|card|list|result|failed|status``.

How a category or a household is paid, a corrected card, the payment list for finance (card
numbers masked unless ``--full-cards``, which is kept on record), the bank's result file read
back, and the to-do list of failed transfers.
"""

from __future__ import annotations

import argparse
from typing import Any

from app.cli.args import Subparsers, command, group
from app.cli.output import OUT, table, under_way
from app.domain.money import format_fen
from app.services.transfers import accounts, batches, results, status
from app.store.db import Store


def register(sub: Subparsers) -> None:
    t = group(sub, "transfers", "转账 bank transfers")
    c = command(t, "mode", cmd_mode, "pay a category or households by transfer or in cash")
    c.add_argument("payment", help="转账 (transfer) or 现金 (cash)")
    c.add_argument("id_numbers", nargs="*", metavar="ID", help="households (ID numbers)")
    c.add_argument("--category", help="a whole category, by its code")
    c.add_argument("--reason", default="", help="why a household is paid apart")
    c = command(t, "card", cmd_card, "a household's new bank account (kept with the old ones)")
    c.add_argument("id_number", metavar="ID")
    c.add_argument("--bank", required=True)
    c.add_argument("--card", required=True)
    c.add_argument("--branch", default="")
    c.add_argument("--reason", default="")
    c = command(t, "list", cmd_list, "a new batch: the payment list for finance (XLSX)")
    c.add_argument("out", help="the .xlsx file to write")
    c.add_argument("--full-cards", action="store_true",
                   help="card numbers in full (recorded: who, when, which batch)")  # fmt: skip
    c.add_argument("--batch", type=int, help="write an existing batch's list again")
    c = command(t, "result", cmd_result, "read the bank's result file (CSV or XLSX)")
    c.add_argument("file")
    c.add_argument("--batch", type=int, help="the batch it answers (default: found in the file)")
    c.add_argument("--map", action="append", metavar="列名=field", help="column mapping")
    c = command(t, "show", cmd_show, "how a household is paid and its bank accounts (masked)")
    c.add_argument("id_number", metavar="ID")
    command(t, "failed", cmd_failed, "the failed transfers to deal with")
    command(t, "status", cmd_status, "paid (confirmed by the bank), pending, failed")


def cmd_mode(store: Store, a: argparse.Namespace) -> int:
    if bool(a.category) == bool(a.id_numbers):
        OUT.say_err(OUT.text("cli.transfer_mode_choose"))
        return 1
    if a.category:
        category = accounts.set_category_payment(store, a.category, a.payment)
        OUT.result({"category": category.code, "payment": str(category.payment)},
                   lambda: OUT.say(OUT.text("cli.transfer_mode_category", code=category.code,
                                            payment=category.payment)))  # fmt: skip
        return 0
    done = [accounts.set_household_payment(store, n, a.payment, reason=a.reason)
            for n in a.id_numbers]  # fmt: skip
    OUT.result(
        {"households": [{"name": d.name, "id_number_masked": d.id_number_masked,
                         "before": str(d.before), "payment": str(d.after)} for d in done]},
        lambda: OUT.say("\n".join(OUT.text("cli.transfer_mode_household", name=d.name,
                                            id=d.id_number_masked, payment=d.after)
                                   for d in done)),
    )  # fmt: skip
    return 0


def cmd_card(store: Store, a: argparse.Namespace) -> int:
    account = accounts.set_card(store, a.id_number, bank=a.bank, card=a.card, branch=a.branch,
                                reason=a.reason)  # fmt: skip
    OUT.result({"bank": account.bank, "branch": account.branch, "card_masked": account.card_masked,
                "luhn_checked": account.luhn_checked},
               lambda: OUT.say(OUT.text("cli.transfer_card", bank=account.bank,
                                        card=account.card_masked)))  # fmt: skip
    return 0


def cmd_list(store: Store, a: argparse.Namespace) -> int:
    if a.batch is not None:
        made = under_way(OUT.text("cli.transfers_listing"), lambda: batches.rewrite_list(
            store, a.batch, a.out, full_cards=a.full_cards, lang=OUT.lang))  # fmt: skip
    else:
        made = under_way(OUT.text("cli.transfers_listing"), lambda: batches.list_transfers(
            store, a.out, full_cards=a.full_cards, lang=OUT.lang))  # fmt: skip
    left = [
        {
            "name": x.name,
            "id_number_masked": x.id_number_masked,
            "category": x.category,
            "reason": OUT.text(x.reason.key, **x.reason.kwargs),
        }
        for x in made.left_out
    ]
    report = {"batch": made.number, "code": made.code, "file": str(made.file or ""),
              "count": made.count, "total_fen": made.total_fen, "full_cards": made.full_cards,
              "already": made.already, "left_out": left}  # fmt: skip

    def human() -> None:
        if made.number is None:
            OUT.say(OUT.text("cli.transfer_list_empty", already=made.already))
        else:
            cards = "cli.transfer_cards_full" if made.full_cards else "cli.transfer_cards_masked"
            OUT.say(OUT.text("cli.transfer_list", number=made.number, code=made.code,
                             n=made.count, total=format_fen(made.total_fen), file=made.file,
                             cards=OUT.text(cards)))  # fmt: skip
        if left:
            OUT.say(OUT.text("cli.transfer_left_head", n=len(left)))
            for x in left:
                OUT.say(OUT.text("cli.transfer_left_line", name=x["name"],
                                 id=x["id_number_masked"], reason=x["reason"]))  # fmt: skip

    OUT.result(report, human)
    return 0


def cmd_result(store: Store, a: argparse.Namespace) -> int:
    r = under_way(OUT.text("cli.transfers_reading"), lambda: results.read_bank_result(
        store, a.file, batch=a.batch, mapping=a.map or ()))  # fmt: skip
    report = _result_json(r)

    def human() -> None:
        OUT.say(OUT.text("cli.transfer_result", file=r.file, number=r.batch_number,
                         code=r.batch_code, lines=r.file_lines))  # fmt: skip
        for p in report["problems"]:
            OUT.say(OUT.text("cli.problem_line", row=p["line"], column=p["column"] or "-",
                             value=p["value"], reason=p["reason"]))  # fmt: skip
        if r.already:
            OUT.say(OUT.text("cli.transfer_result_already"))
        elif not r.applied:
            OUT.say(OUT.text("cli.transfer_result_refused", n=len(r.problems)))
        else:
            OUT.say(OUT.text("cli.transfer_result_counts", paid=r.paid,
                             paid_total=format_fen(r.paid_fen), failed=len(r.failed),
                             unchanged=r.unchanged))  # fmt: skip
            for f in r.failed:
                OUT.say(OUT.text("cli.transfer_failed_line", line=f.line, name=f.name,
                                 card=f.card_masked, amount=format_fen(f.amount_fen),
                                 reason=f.reason or "-"))  # fmt: skip
        for m in r.batch_not_in_file:
            OUT.say(OUT.text("cli.transfer_not_in_file", name=m.name, card=m.card_masked))
        for u in r.file_not_in_batch:
            OUT.say(OUT.text("cli.transfer_not_in_batch", line=u.line, card=u.card_masked))

    OUT.result(report, human)
    return 0 if r.applied or r.already else 1


def _result_json(r: results.BankResult) -> dict[str, Any]:
    return {
        "file": r.file, "batch": r.batch_number, "code": r.batch_code, "applied": r.applied,
        "already": r.already, "paid": r.paid, "paid_fen": r.paid_fen,
        "failed": [{"line": f.line, "name": f.name, "id_number_masked": f.id_number_masked,
                    "card_masked": f.card_masked, "amount_fen": f.amount_fen,
                    "reason": f.reason} for f in r.failed],
        "unchanged": r.unchanged,
        "problems": [{"line": p.row, "column": p.column, "value": p.value,
                      "reason": OUT.text(p.key, **p.params)} for p in r.problems],
        "file_not_in_batch": [{"line": u.line, "name": u.name, "card_masked": u.card_masked,
                               "amount_fen": u.amount_fen} for u in r.file_not_in_batch],
        "batch_not_in_file": [{"name": m.name, "id_number_masked": m.id_number_masked,
                               "card_masked": m.card_masked, "amount_fen": m.amount_fen}
                              for m in r.batch_not_in_file],
    }  # fmt: skip


def cmd_failed(store: Store, a: argparse.Namespace) -> int:
    failed = status.failed_transfers(store)
    OUT.result(
        {"failed": [{"name": f.name, "id_number_masked": f.id_number_masked,
                     "batch": f.batch_code, "amount_fen": f.amount_fen, "reason": f.reason,
                     "card_masked": f.card_masked, "new_card_masked": f.new_card}
                    for f in failed]},
        lambda: OUT.say(table(
            [OUT.text("col.name"), OUT.text("col.id_masked"), OUT.text("col.batch"),
             OUT.text("col.cash"), OUT.text("col.card"), OUT.text("col.bank_reason"),
             OUT.text("col.new_card")],
            [(f.name, f.id_number_masked, f.batch_code, format_fen(f.amount_fen), f.card_masked,
              f.reason or "-", f.new_card or "-") for f in failed], right=(3,))
            if failed else OUT.text("cli.transfer_none_failed")),
    )  # fmt: skip
    return 0


def cmd_status(store: Store, a: argparse.Namespace) -> int:
    t = status.transfer_overview(store)
    OUT.result(
        {"paid": t.paid, "paid_fen": t.paid_fen, "pending": t.pending,
         "pending_fen": t.pending_fen, "failed": t.failed, "failed_fen": t.failed_fen},
        lambda: OUT.say(OUT.text("cli.transfer_status", paid=t.paid,
                                 paid_total=format_fen(t.paid_fen), pending=t.pending,
                                 pending_total=format_fen(t.pending_fen), failed=t.failed,
                                 failed_total=format_fen(t.failed_fen))),
    )  # fmt: skip
    return 0


def cmd_show(store: Store, a: argparse.Namespace) -> int:
    info = accounts.household_payment(store, a.id_number)
    OUT.result(
        {"payment": str(info.payment), "own": info.own,
         "accounts": [{"bank": x.bank, "branch": x.branch, "card_masked": x.card_masked,
                       "luhn_checked": x.luhn_checked, "from_roster": x.from_roster,
                       "reason": x.reason, "recorded_at": x.recorded_at,
                       "recorded_by": x.recorded_by} for x in info.accounts]},
        lambda: OUT.say("\n".join([
            OUT.text("cli.transfer_show", payment=info.payment),
            *(OUT.text("cli.transfer_account", bank=x.bank, branch=x.branch or "-",
                       card=x.card_masked, at=x.recorded_at[:16].replace("T", " "),
                       by=x.recorded_by, reason=x.reason or "-") for x in info.accounts),
        ])),
    )  # fmt: skip
    return 0
