"""Mutants of one genuine result bundle at the office's door (issue 17): bytes flipped,
inserted, deleted, the file cut or lengthened, header fields edited and re-serialised with and
without the laptop's own signature. Each import either applies the genuine events or is refused
or quarantined with a sentence; nothing else is ever raised, the command line never exits 2,
and a refusal leaves the store exactly as it was.

Bounded: a few dozen examples per property (a few seconds); the campaign of thousands that
found issue 17's faults is not repeated on every run.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, event, given, settings
from hypothesis import strategies as st

from app.cli import main
from app.domain.errors import WarmVisitError
from app.domain.visits import Outcome, VisitInput, VisitMode
from app.i18n import render, set_language
from app.services.bundles import exchange as bundles
from app.services.bundles.devices import local_device
from app.services.visits import recording as visits
from app.store.db import Store
from app.sync import container, keys
from tests.bundle_world import (
    ACTOR,
    DAY,
    TEAM_ACTOR,
    Template,
    copy_db,
    export,
    merge,
    open_world,
    standard_handover,
    team_households,
)

pytestmark = pytest.mark.usefixtures("cheap_scrypt")

HEADER_FAULTS = {f"refused bundle.{key}" for key in (
    "bad_signature", "payload_mismatch", "bad_header", "unknown_kind", "too_new")}  # fmt: skip
EVENT_COLUMNS = "id, device_id, seq, prev_hash, kind, record_id, household_id, team_id, body"


def fingerprint(store: Store) -> dict[str, list[str]]:
    """Every row of every table, sorted: equal fingerprints, the same stored data."""
    names = [r[0] for r in store.conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        " ORDER BY name")]  # fmt: skip
    return {n: sorted(repr(r) for r in store.conn.execute(f'SELECT * FROM "{n}"')) for n in names}


def events_of(store: Store) -> list[tuple[Any, ...]]:
    return sorted(store.conn.execute(f"SELECT {EVENT_COLUMNS} FROM event").fetchall())


@dataclass(frozen=True)
class Door:
    """The office's store (closed) with T1's laptop known from one merged bundle, and T1's next
    bundle, genuine, not merged: two new events (a visit and its payment)."""

    folder: Path
    central: Path
    good: Path
    second: Path  # T1's bundle after a third payment: applies after ``good``
    laptop_key: bytes
    box_private: bytes
    box_public: bytes
    payload: bytes  # ``good``'s, decrypted
    other_team_id: str  # T2's
    events_after: list[tuple[Any, ...]]  # the store's events once ``good`` is merged


def _pay(store: Store, household: dict[str, Any]) -> None:
    visit = VisitInput(household_id=household["id"], day=DAY, mode=VisitMode.HOME,
                       outcome=Outcome.VISITED, visitors=("王一",),
                       handovers=(standard_handover(household),))  # fmt: skip
    visits.record_visit(store, visit, actor=TEAM_ACTOR)


@pytest.fixture(scope="module")
def door(bundle_template: Template, tmp_path_factory: pytest.TempPathFactory) -> Door:
    folder = tmp_path_factory.mktemp("door")
    with open_world(bundle_template, folder) as world:
        hh = team_households(world.t1, "T1")
        _pay(world.t1, hh[0])
        assert merge(world.central, export(world, world.t1)).outcome == "applied"
        _pay(world.t1, hh[1])
        good = export(world, world.t1, "good")
        _pay(world.t1, hh[2])
        second = export(world, world.t1, "second")
        laptop, office = local_device(world.t1), local_device(world.central)
        assert laptop is not None and office is not None
        assert office.box_private is not None and office.box_public is not None
        sealed = container.read_sealed(good.read_bytes())
        payload = container.open_with_box_key(sealed, office.box_private).payload
        [t2] = world.central.query("SELECT id FROM team WHERE code = 'T2'")
    central = folder / "central.db"
    with Store(copy_db(central, folder / "reference.db")) as reference:
        assert merge(reference, good).new == 2
        after = events_of(reference)
    return Door(folder, central, good, second, laptop.signing_private, office.box_private,
                office.box_public, payload, t2["id"], after)  # fmt: skip


@pytest.fixture
def office(door: Door, tmp_path: Path) -> Callable[[], AbstractContextManager[Store]]:
    """A fresh copy of the office's store per example (hypothesis runs many in one test)."""
    counter = iter(range(10**6))

    @contextmanager
    def fresh() -> Iterator[Store]:
        with Store(copy_db(door.central, tmp_path / f"office-{next(counter)}.db")) as store:
            yield store

    return fresh


# --- the mutants ---------------------------------------------------------------------------------

_ABSENT = object()
# What a meddler might put in a header field: wrong types, huge and negative numbers, ids that
# exist elsewhere, nothing at all.
_VALUES = st.one_of(
    st.none(), st.booleans(),
    st.sampled_from([0, -1, 1, 2, 2**31, 2**53, 2**53 + 1, 2**63, 2**64 + 5, -(2**63)]),
    st.integers(), st.floats(allow_nan=False, allow_infinity=False), st.text(max_size=12),
    st.just(str(uuid.uuid4())), st.just("ab" * 32), st.lists(st.integers(), max_size=3),
    st.dictionaries(st.text(max_size=4), st.integers(), max_size=2),
    st.just({"x": {"seq": 1, "hash": "h"}}), st.just(_ABSENT),
)  # fmt: skip
_SIGNED_FIELDS = ["kind", "campaign_id", "team_id", "team_code", "device_id", "device_public",
                  "sequence", "created_at", "event_count", "heads", "enrolment"]  # fmt: skip
_CONTAINER_FIELDS = sorted(container.RESERVED_FIELDS)


def _edited(header: dict[str, Any], field: str, value: object) -> dict[str, Any]:
    changed = {k: v for k, v in header.items() if k != field}
    if value is not _ABSENT:
        changed[field] = value
    return changed


def _bytes_mutant(data: bytes, draw: st.DrawFn) -> tuple[str, bytes]:
    n = len(data)
    how = draw(st.sampled_from(["flip", "insert", "delete", "truncate", "append"]))
    if how == "flip":
        out = bytearray(data)
        flips = st.lists(st.tuples(st.integers(0, n - 1), st.integers(1, 255)), min_size=1,
                         max_size=4, unique_by=lambda f: f[0])  # fmt: skip
        for at, mask in draw(flips):
            out[at] ^= mask
        return how, bytes(out)
    if how == "insert":
        at = draw(st.integers(0, n))
        return how, data[:at] + draw(st.binary(min_size=1, max_size=32)) + data[at:]
    if how == "delete":
        at = draw(st.integers(0, n - 1))
        return how, data[:at] + data[at + draw(st.integers(1, 64)) :]
    if how == "truncate":
        return how, data[: draw(st.integers(0, n - 1))]
    return how, data + draw(st.binary(min_size=1, max_size=64))


def _plausible(  # noqa: PLR0911  (one value per field: a table would read no easier)
    door: Door, header: dict[str, Any], field: str
) -> st.SearchStrategy[object]:
    """A value of the field's own type and shape: what passes the type checks and reaches the
    later ones (campaign, team, laptop key, chain, signature)."""
    value = header.get(field)
    if field == "team_id":
        return st.sampled_from([door.other_team_id, str(uuid.uuid4())])
    if field == "heads":
        [(device, head)] = list(value.items())
        return st.sampled_from([{}, {device: {**head, "seq": head["seq"] + 1}},
                                {device: {**head, "hash": "0" * 64}},
                                {**value, str(uuid.uuid4()): head}])  # fmt: skip
    if isinstance(value, bool) or not isinstance(value, int | str):
        return _VALUES
    if isinstance(value, int):
        return st.integers(max(0, value - 3), value + 3)
    if field == "kind":
        return st.just("assignment")
    if field == "team_code":
        return st.sampled_from(["T2", "T9", ""])
    hexed = all(c in "0123456789abcdef" for c in value)
    if hexed:  # a key, a hash, a proof: another one of the same length
        return st.binary(min_size=len(value) // 2, max_size=len(value) // 2).map(bytes.hex)
    return st.sampled_from([str(uuid.uuid4()), value.upper(), value[:-1]])


def _header_mutant(door: Door, draw: st.DrawFn) -> tuple[str, bytes]:
    """A header field edited; re-serialised as it was signed, or not canonically; its signature
    left, made again with the laptop's key, or the whole bundle sealed again with that key."""
    sealed = container.read_sealed(door.good.read_bytes())
    how = draw(st.sampled_from(["unsigned", "loose-json", "signed", "resealed"]))
    fields = _SIGNED_FIELDS if how == "resealed" else _SIGNED_FIELDS + _CONTAINER_FIELDS
    field = draw(st.sampled_from(fields))
    value = draw(st.one_of(_plausible(door, sealed.header, field), _VALUES))
    if how == "resealed" and field != "kind":
        own = {k: v for k, v in sealed.header.items() if k not in container.RESERVED_FIELDS}
        return f"{how} {field}", container.seal_for_public_key(
            door.payload, _edited(own, field, value), signing_key=door.laptop_key,
            recipient_box_public=door.box_public)  # fmt: skip
    header = _edited(sealed.header, field, value)
    assume(header != sealed.header)  # an "edit" to the same value is the genuine bundle
    if how == "loose-json":
        header_bytes = json.dumps(header, indent=1).encode()
    else:
        header_bytes = container.canonical_json(header)
    signature = keys.sign(door.laptop_key, header_bytes) if how != "unsigned" else sealed.signature
    parts = container._archive_parts(header_bytes, signature, sealed.ciphertext)
    return f"{how} {field}", b"".join(parts)


@st.composite
def mutants(draw: st.DrawFn, door: Door) -> tuple[str, bytes]:
    if draw(st.booleans()):
        return _bytes_mutant(door.good.read_bytes(), draw)
    return _header_mutant(door, draw)


# --- the properties ------------------------------------------------------------------------------


def _import_one(door: Door, store: Store, path: Path) -> str:
    """Import ``path``; check what the door must guarantee; say what happened."""
    before = fingerprint(store)
    try:
        applied = bundles.import_bundle(store, path, actor=ACTOR)
    except WarmVisitError as refusal:
        said = render(refusal, "zh"), render(refusal, "en")
        assert all(s and "{" not in s for s in said), said
        assert fingerprint(store) == before
        return f"refused {refusal.key}"
    if applied.outcome == "quarantined":
        assert applied.quarantine_reason is not None
        assert "{" not in render(applied.quarantine_reason, "en")
        after = fingerprint(store)
        assert {k: v for k, v in after.items() if k not in ("bundle_log", "quarantine")} == {
            k: v for k, v in before.items() if k not in ("bundle_log", "quarantine")}  # fmt: skip
        return "quarantined"
    assert applied.outcome == "applied", applied
    assert (applied.new, applied.updated) == (2, 0)
    assert events_of(store) == door.events_after  # the genuine events, no others
    return "applied"


@settings(max_examples=100, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture,
                                 HealthCheck.too_slow])  # fmt: skip
@given(data=st.data())
def test_every_mutant_applies_the_genuine_events_or_is_refused_with_a_sentence(
    door: Door,
    office: Callable[[], AbstractContextManager[Store]],
    tmp_path: Path,
    data: st.DataObject,
) -> None:
    how, mutant = data.draw(mutants(door), label="mutant")
    path = tmp_path / "mutant.wvb"
    path.write_bytes(mutant)
    with office() as store:
        outcome = _import_one(door, store, path)
        event(f"{how.split()[0]}: {outcome}")
        if how.startswith("unsigned"):
            # edited after signing: refused for what is wrong with the header itself, else for
            # its signature; never for what the edited header claims (campaign, team, key)
            assert outcome in HEADER_FAULTS, (how, outcome)
        elif how.startswith("loose-json") or how in ("insert", "truncate"):
            assert outcome != "applied", how


def test_the_genuine_bundle_applies_through_the_same_check(
    door: Door, office: Callable[[], AbstractContextManager[Store]]
) -> None:
    with office() as store:
        assert _import_one(door, store, door.good) == "applied"


# --- the command line ----------------------------------------------------------------------------


def _cli(db: Path, *files: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    capsys.readouterr()
    try:
        code = main(["--db", str(db), "--lang", "en", "bundle", "import", *map(str, files)])
    except SystemExit as e:
        code = e.code if isinstance(e.code, int) else 1
    finally:
        set_language("zh")  # the command line set the process's language: other tests read zh
    return code, capsys.readouterr().err


@pytest.fixture(autouse=True)
def environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WARMVISIT_USER", "tester")
    monkeypatch.delenv("WARMVISIT_DB", raising=False)
    monkeypatch.delenv("WARMVISIT_CREDENTIAL", raising=False)


def _overflow(door: Door) -> bytes:
    """The file of issue 17 (4): a header sequence of 2**63, signed with the laptop's key."""
    sealed = container.read_sealed(door.good.read_bytes())
    own = {k: v for k, v in sealed.header.items() if k not in container.RESERVED_FIELDS}
    return container.seal_for_public_key(door.payload, {**own, "sequence": 2**63},
                                         signing_key=door.laptop_key,
                                         recipient_box_public=door.box_public)  # fmt: skip


def test_mutants_through_the_command_line_exit_1_with_a_sentence_never_2(
    door: Door, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = door.good.read_bytes()
    sealed = container.read_sealed(data)
    edited = container.canonical_json({**sealed.header, "team_id": str(uuid.uuid4())})
    files = {
        "flipped.wvb": data[:200] + bytes([data[200] ^ 0x40]) + data[201:],
        "cut.wvb": data[: len(data) // 3],
        "appended.wvb": data + b"\0" * 10,
        "edited.wvb": b"".join(
            container._archive_parts(edited, sealed.signature, sealed.ciphertext)
        ),  # fmt: skip
        "overflow.wvb": _overflow(door),
    }
    for name, content in files.items():
        db = copy_db(door.central, tmp_path / f"{name}.db")
        with Store(db) as store:
            before = fingerprint(store)
        path = tmp_path / name
        path.write_bytes(content)
        code, err = _cli(db, path, capsys=capsys)
        assert code == 1, (name, err)
        assert f"Refused {name}:" in err or "refused" in err.lower(), err
        assert "Traceback" not in err and "{" not in err
        with Store(db) as store:
            assert fingerprint(store) == before, name


# --- a pile with the overflow file ---------------------------------------------------------------


def test_a_pile_names_the_bad_file_and_applies_the_two_good_ones(
    door: Door, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "WV-结果-T1-overflow.wvb"
    bad.write_bytes(_overflow(door))
    pile = [door.good, bad, door.second]
    db = copy_db(door.central, tmp_path / "pile.db")
    with Store(db) as store:
        events_before = len(events_of(store))
    code, err = _cli(db, *pile, capsys=capsys)
    assert code == 1
    lines = [line for line in err.splitlines() if bad.name in line]
    said = "The bundle's header is invalid (sequence); it was refused and nothing was changed"
    assert lines == [f"Refused {bad.name}: {said}"], err
    with Store(db) as store:
        assert len(events_of(store)) == events_before + 4  # two visits with their payments
        logged = list(store.query(
            "SELECT file_name, outcome FROM bundle_log WHERE direction = 'import'"
            " ORDER BY rowid"))  # fmt: skip
    assert [(r["file_name"], r["outcome"]) for r in logged][-2:] == [
        (door.good.name, "applied"), (door.second.name, "applied")]  # fmt: skip
    # the same pile through the service, in the other order: the same
    with Store(copy_db(door.central, tmp_path / "pile-2.db")) as store:
        done = bundles.import_bundles(store, [door.second, bad, door.good], actor=ACTOR)
        assert [o.refused.key if o.refused else o.applied.outcome for o in done  # type: ignore[union-attr]
                ] == ["applied", "bundle.bad_header", "older"]  # fmt: skip
        assert done[1].refused is not None and done[1].refused.params == {"field": "sequence"}
        assert len(events_of(store)) == events_before + 4
