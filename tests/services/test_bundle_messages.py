"""Each refusal of a result or assignment bundle names its real cause, in Chinese and English
(issue 17, "Messages that name the wrong cause"): one test per class the mutation campaign
found misnamed — a broken signature, another campaign, a team the office really lacks, a known
laptop's id with another key, a missing or wrong credential, and where a restored laptop's
chain parts from the office's.
"""

from __future__ import annotations

import json
import uuid
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from app.domain.errors import WarmVisitError
from app.domain.visits import Outcome, VisitInput, VisitMode
from app.i18n import render
from app.services.bundles import exchange as bundles
from app.services.bundles.devices import local_device
from app.services.teams import assignment as teams
from app.services.visits import recording as visits
from app.store.db import Store
from app.sync import container, keys
from tests.bundle_world import (
    ACTOR,
    DAY,
    TEAM_ACTOR,
    Template,
    World,
    build_central,
    export,
    merge,
    standard_handover,
    team_households,
)

pytestmark = pytest.mark.usefixtures("cheap_scrypt")


def pay(store: Store, household: dict[str, Any], day: date = DAY) -> None:
    visit = VisitInput(household_id=household["id"], day=day, mode=VisitMode.HOME,
                       outcome=Outcome.VISITED, visitors=("王一",),
                       handovers=(standard_handover(household),))  # fmt: skip
    visits.record_visit(store, visit, actor=TEAM_ACTOR)


def dump(store: Store) -> dict[str, list[str]]:
    tables = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
    names = [r[0] for r in store.conn.execute(tables)]
    return {n: sorted(repr(r) for r in store.conn.execute(f'SELECT * FROM "{n}"')) for n in names}


def refusal(store: Store, call: Any) -> WarmVisitError:
    """The refusal ``call`` raises; nothing of the store changed."""
    before = dump(store)
    with pytest.raises(WarmVisitError) as caught:
        call()
    assert dump(store) == before
    return caught.value


def said(error: WarmVisitError) -> tuple[str, str]:
    return render(error, "zh"), render(error, "en")


def write(folder: Path, name: str, data: bytes) -> Path:
    folder.mkdir(exist_ok=True)
    (folder / name).write_bytes(data)
    return folder / name


@pytest.fixture
def merged(world: World) -> tuple[World, Path]:
    """T1's laptop known at the office (one bundle merged), and its next bundle, not merged."""
    hh = team_households(world.t1, "T1")
    pay(world.t1, hh[0])
    assert merge(world.central, export(world, world.t1)).outcome == "applied"
    pay(world.t1, hh[1])
    return world, export(world, world.t1)


# --- a broken signature ------------------------------------------------------------------------

SIGNATURE = (
    "文件包的签名对不上：它不是由预期的一方制作的，或者已被改动。已拒绝，没有做任何更改",
    "The bundle's signature does not match: it was not made by the expected sender, or it was "
    "changed. It was refused and nothing was changed",
)


@pytest.mark.parametrize(
    ("field", "value"),
    [("campaign_id", str(uuid.uuid4())), ("team_id", str(uuid.uuid4())),
     ("device_public", "ab" * 32), ("kind", "assignment"), ("sequence", 7)],
)  # fmt: skip
def test_a_header_edited_after_signing_is_refused_for_its_signature(
    merged: tuple[World, Path], field: str, value: object
) -> None:
    """Not "another campaign", "no team", "the laptop's key differs" or "an assignment bundle
    at the office": what the edited header claims is not what went wrong."""
    world, good = merged
    sealed = container.read_sealed(good.read_bytes())
    edited = container.canonical_json({**sealed.header, field: value})
    data = b"".join(container._archive_parts(edited, sealed.signature, sealed.ciphertext))
    path = write(world.stick("edited"), "edited.wvb", data)
    error = refusal(world.central, lambda: merge(world.central, path))
    assert said(error) == SIGNATURE


# --- another campaign, a team the office lacks -------------------------------------------------


def test_a_real_bundle_of_another_campaign_is_named_as_such(
    world: World, bundle_template: Template, tmp_path: Path
) -> None:
    build_central(tmp_path / "other.db")  # another office, another campaign, its own T1
    with Store(tmp_path / "other.db") as other:
        done = bundles.export_assignment(other, "T1", tmp_path, actor=ACTOR)
    with Store(tmp_path / "laptop.db") as laptop:
        bundles.import_bundle(laptop, done.file, credential=done.credential, actor=TEAM_ACTOR)
        pay(laptop, team_households(laptop, "T1")[0])
        path = bundles.export_result(laptop, world.stick("other"), actor=TEAM_ACTOR).file
    error = refusal(world.central, lambda: merge(world.central, path))
    assert said(error) == ("这是另一个慰问活动的数据包，已拒收",
                           "This bundle belongs to another campaign; refused")  # fmt: skip


def test_a_team_the_office_really_lacks_is_named(world: World) -> None:
    """A copy of the office's store (the same campaign and keys) made team T3 and sent it out;
    the office itself never had T3 (an old backup put back, say)."""
    elsewhere = world.copy(world.central, "elsewhere.db")
    teams.add_team(elsewhere, code="T3", name="第三组", leader="孙三", actor=ACTOR)
    done = bundles.export_assignment(elsewhere, "T3", world.stick("t3"), actor=ACTOR)
    t3 = world.laptop("t3.db", done.file, done.credential)
    path = export(world, t3, "t3")
    assert not world.central.conn.execute("SELECT 1 FROM team WHERE code = 'T3'").fetchall()
    error = refusal(world.central, lambda: merge(world.central, path))
    assert said(error) == ("中心没有慰问组 T3，已拒收", "The office has no team T3; refused")


# --- a known laptop's id with another key ------------------------------------------------------


def test_a_known_laptop_id_with_another_key_names_both_keys_and_what_to_do(
    merged: tuple[World, Path],
) -> None:
    world, good = merged
    laptop, office = local_device(world.t1), local_device(world.central)
    assert laptop is not None and office is not None and office.box_private and office.box_public
    sealed = container.read_sealed(good.read_bytes())
    payload = container.open_with_box_key(sealed, office.box_private).payload
    forger = keys.generate_signing_key()
    fields = {k: v for k, v in sealed.header.items() if k not in container.RESERVED_FIELDS}
    fields["device_public"] = keys.signing_public(forger).hex()
    path = write(world.stick("forged"), "forged.wvb", container.seal_for_public_key(
        payload, fields, signing_key=forger, recipient_box_public=office.box_public))  # fmt: skip
    error = refusal(world.central, lambda: merge(world.central, path))
    known = keys.fingerprint(laptop.signing_public)
    claimed = keys.fingerprint(keys.signing_public(forger))
    device = laptop.id[:8]
    assert said(error) == (
        f"数据包自称来自设备 {device}，但中心登记的这台电脑的密钥指纹是 {known}，数据包却由指纹为"
        f" {claimed} 的另一把密钥签名：同一设备编号换了密钥，它不是这台电脑写出的（可能被伪造），"
        "已拒收，没有做任何更改。请在这台电脑上重新导出回传包，并用 device list 核对指纹；"
        "如这台电脑已不可信，停用它并重新导出分派包",
        f"The bundle says it comes from laptop {device}, but that laptop's key on record has "
        f"fingerprint {known} and the bundle is signed by another key, fingerprint {claimed}: "
        "the same laptop id with another key, so that laptop did not write it (it may be "
        "forged). Refused, nothing was changed. Export the result bundle again on that laptop "
        "and compare the fingerprint with device list; if the laptop can no longer be trusted, "
        "revoke it and export a new assignment bundle",
    )
    assert "复制" not in said(error)[0] and "copied" not in said(error)[1]


# --- the team credential -----------------------------------------------------------------------


def test_an_assignment_bundle_without_its_credential_asks_for_it(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(bundles.CREDENTIAL_ENV, raising=False)
    laptop = world.open("new.db")
    error = refusal(laptop, lambda: bundles.import_bundle(
        laptop, world.template.t1_bundle, actor=TEAM_ACTOR))  # fmt: skip
    assert said(error) == (
        "这是分派包：请用 --credential 输入中心发给组长的密钥（或设 WARMVISIT_CREDENTIAL）",
        "This is an assignment bundle: give the team credential with --credential (or "
        "WARMVISIT_CREDENTIAL)",
    )


def test_an_assignment_bundle_with_another_teams_credential_cannot_be_opened(
    world: World,
) -> None:
    laptop = world.open("new.db")
    error = refusal(laptop, lambda: bundles.import_bundle(
        laptop, world.template.t1_bundle, credential=world.template.t2_credential,
        actor=TEAM_ACTOR))  # fmt: skip
    assert said(error) == (
        "无法打开文件包：口令或本机密钥不对，或文件已被改动。没有做任何更改",
        "The bundle cannot be opened: the credential or this computer's key is wrong, or the "
        "file was changed. Nothing was changed",
    )


def test_a_mistyped_credential_says_what_one_looks_like(world: World) -> None:
    laptop = world.open("new.db")
    error = refusal(laptop, lambda: bundles.import_bundle(
        laptop, world.template.t1_bundle, credential="K7M2Q-9XH4", actor=TEAM_ACTOR))  # fmt: skip
    assert said(error)[0].startswith("团队口令应为25个字符")
    assert said(error)[1].startswith("A team credential has 25 characters")


def test_an_assignment_bundle_at_the_office_is_named_before_any_credential(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(bundles.CREDENTIAL_ENV, raising=False)
    error = refusal(world.central, lambda: bundles.import_bundle(
        world.central, world.template.t2_bundle, actor=ACTOR))  # fmt: skip
    assert said(error) == (
        "这是中心数据库，不能导入分派包（分派包是给慰问组电脑的）",
        "This is the central database; assignment bundles are for team laptops",
    )


# --- a fork: where the chains part -------------------------------------------------------------


def test_a_restored_laptop_is_held_naming_the_first_record_that_differs(world: World) -> None:
    hh = team_households(world.t1, "T1")
    pay(world.t1, hh[0])
    merge(world.central, export(world, world.t1))
    backup = world.copy(world.t1, "backup.db")
    laptop = local_device(world.t1)
    assert laptop is not None
    [(shared,)] = world.central.conn.execute(
        "SELECT max(seq) FROM event WHERE device_id = ?", [laptop.id]).fetchall()  # fmt: skip
    for h in hh[1:4]:  # the original goes on: three more payments, six records
        pay(world.t1, h)
    merge(world.central, export(world, world.t1))
    pay(backup, hh[5])  # the restored copy writes other records under the same numbers
    stale = export(world, backup, "restored")

    applied = merge(world.central, stale)
    assert applied.outcome == "quarantined" and applied.quarantine_reason is not None
    first = shared + 1
    device = laptop.id[:8]
    assert (render(applied.quarantine_reason, "zh"), render(applied.quarantine_reason, "en")) == (
        f"设备 {device} 的第{first}条记录与中心已收到的不同（电脑可能从备份恢复或数据库被复制）",
        f"record {first} of device {device} differs from what the office already has (a laptop "
        "restored from a backup, or a copied database?)",
    )  # fmt: skip
    [row] = world.central.query("SELECT reason_params FROM quarantine")
    assert json.loads(row["reason_params"])["seq"] == first
