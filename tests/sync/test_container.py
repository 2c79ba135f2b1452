"""The bundle envelope: what a stick carries is unreadable without the key, and any change to
it — a flipped bit, a cut-off copy, a swapped part, a hostile ZIP — is refused with a message,
never a traceback, and never yields a payload other than the one sealed."""

from __future__ import annotations

import dataclasses
import errno
import hashlib
import io
import json
import os
import tracemalloc
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.documents.atomic import write_atomically
from app.domain.errors import BundleRefused, InvalidInput
from app.i18n import render
from app.sync import container, keys
from app.sync.container import (
    FORMAT_VERSION,
    canonical_json,
    header_signer,
    open_with_box_key,
    open_with_credential,
    read_sealed,
    seal_for_credential,
    seal_for_public_key,
    verify_sealed,
    write_bundle_file,
)

PAYLOAD = json.dumps({"households": ["王秀英", "李建国"], "note": "x" * 500}).encode()
FIELDS = {"kind": "assignment", "team": "T01", "campaign": "c-2025", "sequence": 3}
RESULT_FIELDS = {"kind": "result", "team": "T01", "device": "d-1", "sequence": 7}
SIGNING = keys.generate_signing_key()
SIGNER = keys.signing_public(SIGNING)
BOX = keys.generate_box_key()
CREDENTIAL = keys.new_credential()


@pytest.fixture(scope="module", autouse=True)
def cheap_scrypt() -> object:
    """2**15 costs ~0.1 s a derivation; the property tests derive hundreds of times.
    One test below uses the real cost."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(keys, "SCRYPT_N", 2**8)
        yield


@pytest.fixture(scope="module")
def assignment() -> bytes:
    return seal_for_credential(PAYLOAD, FIELDS, signing_key=SIGNING, credential=CREDENTIAL)


@pytest.fixture(scope="module")
def result() -> bytes:
    return seal_for_public_key(
        PAYLOAD, RESULT_FIELDS, signing_key=SIGNING, recipient_box_public=keys.box_public(BOX)
    )


def refused(key: str, call: Callable[[], object]) -> BundleRefused:
    with pytest.raises(BundleRefused) as caught:
        call()
    assert caught.value.key == key, caught.value
    return caught.value


def open_assignment(data: bytes, *, signer: bytes = SIGNER, **limits: int) -> bytes:
    sealed = read_sealed(data)
    verify_sealed(sealed, signer)
    return open_with_credential(sealed, CREDENTIAL, **limits).payload


def open_result(data: bytes) -> bytes:
    sealed = read_sealed(data)
    verify_sealed(sealed, SIGNER)
    return open_with_box_key(sealed, BOX).payload


def rezip(members: list[tuple[str, bytes]]) -> bytes:
    """A ZIP written by the ordinary library, as a meddler would."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as archive:
        for name, content in members:
            archive.writestr(zipfile.ZipInfo(name), content)
    return out.getvalue()


def members(data: bytes) -> list[tuple[str, bytes]]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return [(info.filename, archive.read(info)) for info in archive.infolist()]


def layout(header: dict, signature: bytes, ciphertext: bytes) -> bytes:
    """The exact layout WarmVisit writes — what a careful meddler would copy."""
    return b"".join(container._archive_parts(canonical_json(header), signature, ciphertext))


# --- round trips -------------------------------------------------------------------------


@settings(max_examples=25, deadline=None)
@given(payload=st.binary(max_size=4096))
def test_a_credential_bundle_opens_to_what_was_sealed(payload: bytes) -> None:
    data = seal_for_credential(payload, FIELDS, signing_key=SIGNING, credential=CREDENTIAL)
    assert open_assignment(data) == payload


@settings(max_examples=25, deadline=None)
@given(payload=st.binary(max_size=4096))
def test_a_public_key_bundle_opens_to_what_was_sealed(payload: bytes) -> None:
    data = seal_for_public_key(
        payload, RESULT_FIELDS, signing_key=SIGNING, recipient_box_public=keys.box_public(BOX)
    )
    assert open_result(data) == payload


def test_the_real_scrypt_cost_round_trips_and_a_typed_credential_opens_it() -> None:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(keys, "SCRYPT_N", 2**15)
        data = seal_for_credential(PAYLOAD, FIELDS, signing_key=SIGNING, credential=CREDENTIAL)
        sealed = read_sealed(data)
        verify_sealed(sealed, SIGNER)
        typed = f"  {CREDENTIAL.lower().replace('-', ' ')} "
        assert open_with_credential(sealed, typed).payload == PAYLOAD


def test_the_header_carries_the_envelope_fields(assignment: bytes, result: bytes) -> None:
    names = [name for name, _content in members(assignment)]
    assert names == ["header.json", "header.sig", "payload.bin"]
    sealed = read_sealed(assignment)
    header = sealed.header
    assert {k: header[k] for k in FIELDS} == FIELDS
    assert header["format_version"] == FORMAT_VERSION
    assert header_signer(sealed) == SIGNER
    assert set(header["wrap"]) == {"method", "salt", "nonce"}
    assert header["wrap"]["method"] == "scrypt-credential"
    assert header["payload_sha256"] == hashlib.sha256(sealed.ciphertext).hexdigest()
    assert header["payload_size"] == len(sealed.ciphertext)
    assert header["plain_size"] == len(PAYLOAD)
    assert sealed.header_bytes == canonical_json(header) and len(sealed.signature) == 64
    wrap = read_sealed(result).header["wrap"]
    assert wrap["method"] == "x25519"
    assert wrap["recipient"] == keys.fingerprint(keys.box_public(BOX))


def test_a_lost_stick_shows_no_payload_and_no_two_seals_are_alike(assignment: bytes) -> None:
    again = seal_for_credential(PAYLOAD, FIELDS, signing_key=SIGNING, credential=CREDENTIAL)
    assert again != assignment  # fresh salt and nonce each time
    for data in (assignment, again):
        assert "王秀英".encode() not in data and b"xxxxxxxx" not in data


def test_seal_refuses_to_let_the_caller_set_envelope_fields_or_an_unknown_kind() -> None:
    for clash in ("format_version", "signer_public", "wrap", "payload_sha256", "plain_size"):
        with pytest.raises(ValueError, match=clash):
            seal_for_credential(
                b"", {**FIELDS, clash: 2}, signing_key=SIGNING, credential=CREDENTIAL
            )
    with pytest.raises(ValueError, match="kind"):
        seal_for_credential(b"", {"kind": "x"}, signing_key=SIGNING, credential=CREDENTIAL)


# --- damage anywhere ---------------------------------------------------------------------


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(which=st.sampled_from(["assignment", "result"]), where=st.floats(0, 1, exclude_max=True),
       mask=st.integers(1, 255))  # fmt: skip
def test_a_flipped_byte_anywhere_is_refused(
    which: str, where: float, mask: int, assignment: bytes, result: bytes
) -> None:
    data = bytearray(assignment if which == "assignment" else result)
    data[int(where * len(data))] ^= mask
    with pytest.raises(BundleRefused):
        got = (open_assignment if which == "assignment" else open_result)(bytes(data))
        assert got == PAYLOAD, "a changed file gave a different payload"


def test_every_single_byte_position_is_covered(assignment: bytes, result: bytes) -> None:
    """Not left to chance: each position of either file, flipped in its lowest bit."""
    for sealed, opener in ((assignment, open_assignment), (result, open_result)):
        for position in range(len(sealed)):
            data = bytearray(sealed)
            data[position] ^= 0x01
            with pytest.raises(BundleRefused):
                opener(bytes(data))


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(where=st.floats(0, 1, exclude_max=True))
def test_a_truncated_file_is_refused(where: float, assignment: bytes) -> None:
    cut = assignment[: int(where * len(assignment))]
    with pytest.raises(BundleRefused) as caught:
        open_assignment(cut)
    assert caught.value.key in {"bundle.corrupt", "bundle.not_a_bundle"}


def test_a_swapped_payload_is_refused(assignment: bytes) -> None:
    sealed = read_sealed(assignment)
    other = read_sealed(
        seal_for_credential(b"other", FIELDS, signing_key=SIGNING, credential=CREDENTIAL)
    )
    swapped = layout(sealed.header, sealed.signature, other.ciphertext)
    refused("bundle.payload_mismatch", lambda: verify_sealed(read_sealed(swapped), SIGNER))
    # Fixing the header to name the new payload breaks the signature instead.
    header = {**sealed.header, "payload_sha256": other.header["payload_sha256"],
              "payload_size": other.header["payload_size"]}  # fmt: skip
    fixed = layout(header, sealed.signature, other.ciphertext)
    refused("bundle.bad_signature", lambda: verify_sealed(read_sealed(fixed), SIGNER))
    # Re-zipped with the ordinary library: not the layout WarmVisit writes.
    loose = rezip([(n, other.ciphertext if n == "payload.bin" else c)
                   for n, c in members(assignment)])  # fmt: skip
    refused("bundle.corrupt", lambda: read_sealed(loose))


def test_a_header_re_signed_by_another_key_fails_the_pinned_key(assignment: bytes) -> None:
    sealed = read_sealed(assignment)
    forger = keys.generate_signing_key()
    header = {**sealed.header, "team": "T99", "signer_public": keys.signing_public(forger).hex()}
    header_bytes = canonical_json(header)
    forged = read_sealed(layout(header, keys.sign(forger, header_bytes), sealed.ciphertext))
    verify_sealed(forged, header_signer(forged))  # self-consistent: so never trust the header
    refused("bundle.bad_signature", lambda: verify_sealed(forged, SIGNER))


def test_decryption_itself_catches_a_changed_header_or_payload(assignment: bytes) -> None:
    """Even a caller that skipped verify_sealed gets no altered data: the header is the
    AEAD's associated data."""
    sealed = read_sealed(assignment)
    changed = dataclasses.replace(sealed, header={**sealed.header, "team": "T99"})
    refused("bundle.wrong_key", lambda: open_with_credential(changed, CREDENTIAL))
    flipped = bytes([sealed.ciphertext[0] ^ 1]) + sealed.ciphertext[1:]
    bad = dataclasses.replace(sealed, ciphertext=flipped)
    refused("bundle.wrong_key", lambda: open_with_credential(bad, CREDENTIAL))


# --- the wrong key -----------------------------------------------------------------------


def test_the_wrong_credential_is_refused(assignment: bytes) -> None:
    sealed = read_sealed(assignment)
    refused("bundle.wrong_key", lambda: open_with_credential(sealed, keys.new_credential()))
    with pytest.raises(InvalidInput) as caught:
        open_with_credential(sealed, "not a credential")
    assert caught.value.key == "bundle.credential_format"


def test_the_wrong_box_key_is_refused(result: bytes) -> None:
    sealed = read_sealed(result)
    refused("bundle.wrong_key", lambda: open_with_box_key(sealed, keys.generate_box_key()))
    # The right fingerprint in the header but a different key: the AEAD still says no.
    other = keys.generate_box_key()
    wrap = {**sealed.header["wrap"], "recipient": keys.fingerprint(keys.box_public(other))}
    relabelled = dataclasses.replace(sealed, header={**sealed.header, "wrap": wrap})
    refused("bundle.wrong_key", lambda: open_with_box_key(relabelled, other))


def test_each_kind_opens_only_its_own_way(assignment: bytes, result: bytes) -> None:
    refused("bundle.wrong_lock", lambda: open_with_box_key(read_sealed(assignment), BOX))
    refused("bundle.wrong_lock", lambda: open_with_credential(read_sealed(result), CREDENTIAL))


# --- structure ---------------------------------------------------------------------------


def test_a_newer_format_says_update(assignment: bytes) -> None:
    sealed = read_sealed(assignment)
    header = canonical_json({**sealed.header, "format_version": FORMAT_VERSION + 1})
    newer = rezip([("header.json", header), ("header.sig", sealed.signature),
                   ("payload.bin", sealed.ciphertext), ("index.json", b"{}")])  # fmt: skip
    error = refused("bundle.too_new", lambda: read_sealed(newer))
    assert error.params == {"version": FORMAT_VERSION + 1, "supported": FORMAT_VERSION}


@pytest.mark.parametrize("version", ["1", 0, -1, True, None, 1.0])
def test_a_nonsense_format_version_is_refused(version: object, assignment: bytes) -> None:
    sealed = read_sealed(assignment)
    header = {**sealed.header, "format_version": version}
    refused("bundle.bad_header", lambda: read_sealed(layout(header, b"s" * 64, b"")))


@pytest.mark.parametrize("kind", ["letter", "", None, 3])
def test_an_unknown_kind_is_refused(kind: object, assignment: bytes) -> None:
    sealed = read_sealed(assignment)
    header = {**sealed.header, "kind": kind}
    refused("bundle.unknown_kind", lambda: read_sealed(layout(header, sealed.signature, b"")))


@pytest.mark.parametrize(
    ("field", "value"),
    [("signer_public", "AB" * 32), ("payload_sha256", "00"), ("payload_size", -1),
     ("plain_size", "5"), ("wrap", {"method": "rot13"}), ("wrap", "x"),
     ("wrap", {"method": ["x25519"]}), ("wrap", {"method": "x25519", "nonce": "00" * 12})],
)  # fmt: skip
def test_a_malformed_header_field_is_refused(field: str, value: object, assignment: bytes) -> None:
    sealed = read_sealed(assignment)
    header = {**sealed.header, field: value}
    error = refused("bundle.bad_header", lambda: read_sealed(layout(header, b"s" * 64, b"")))
    assert error.params["field"] == field


@pytest.mark.parametrize(
    "header_bytes",
    [b"not json", b"[1]", b'{"format_version": 1}', b"\xff\xfe{}", b"[" * 5000 + b"]" * 5000,
     b'{"format_version":1,"format_version":1,"kind":"result"}'],
)  # fmt: skip
def test_a_header_that_is_not_canonical_json_is_refused(header_bytes: bytes) -> None:
    data = b"".join(container._archive_parts(header_bytes, b"s" * 64, b""))
    refused("bundle.bad_header", lambda: read_sealed(data))


@pytest.mark.parametrize("name", ["../x", "/etc/passwd", "C:\\x", "a/../../b", "..", "c:x",
                                  "header.json/", "\\header.json", "dir/header.json"])  # fmt: skip
def test_a_zip_slip_member_name_is_refused(name: str, assignment: bytes) -> None:
    hostile = rezip([(name, b"boom"), *members(assignment)])
    error = refused("bundle.bad_member", lambda: read_sealed(hostile))
    assert error.params["name"] == name


def test_an_extra_a_missing_or_a_doubled_member_is_refused(assignment: bytes) -> None:
    parts = members(assignment)
    error = refused("bundle.bad_member", lambda: read_sealed(rezip([*parts, ("notes.txt", b"")])))
    assert error.params["name"] == "notes.txt"
    error = refused("bundle.missing_member", lambda: read_sealed(rezip(parts[:2])))
    assert error.params["name"] == "payload.bin"
    error = refused("bundle.missing_member", lambda: read_sealed(rezip(parts[1:])))
    assert error.params["name"] == "header.json"
    with pytest.warns(UserWarning, match="Duplicate"):
        doubled = rezip([*parts, parts[2]])
    refused("bundle.bad_member", lambda: read_sealed(doubled))


def test_a_compressed_or_oversized_member_is_refused(assignment: bytes) -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in members(assignment):
            archive.writestr(name, content)
    refused("bundle.corrupt", lambda: read_sealed(out.getvalue()))
    big = rezip([("header.json", b" " * (container.MAX_HEADER_SIZE + 1)), *members(assignment)[1:]])
    refused("bundle.too_large", lambda: read_sealed(big))
    refused("bundle.too_large", lambda: read_sealed(assignment, max_file_size=len(assignment) - 1))


def test_a_directory_entry_that_lies_about_a_size_is_refused(assignment: bytes) -> None:
    """The sizes in the ZIP directory are the file's word, not a fact: never allocate by them."""
    directory = int.from_bytes(assignment[-6:-2], "little")  # where the end record says it is

    def lying(size: int) -> bytes:
        data = bytearray(assignment)
        data[directory + 20 : directory + 28] = size.to_bytes(4, "little") * 2  # header.json
        return bytes(data)

    error = refused("bundle.too_large", lambda: read_sealed(lying(2**32 - 1)))
    assert error.params == {"limit": "64 KiB"}
    with pytest.raises(BundleRefused):
        read_sealed(lying(5))


def test_a_zip_bomb_is_refused_without_inflating_it() -> None:
    """The signed header says 10 bytes; the stream inflates to 256 MiB of zeros."""
    deflater, chunk, pieces = zlib.compressobj(9), bytes(2**20), []
    for _ in range(256):
        pieces.append(deflater.compress(chunk))
    bomb = b"".join(pieces) + deflater.flush()
    salt = os.urandom(16)
    key, _mac = keys.credential_keys(CREDENTIAL, salt)
    wrap = {"method": "scrypt-credential", "salt": salt.hex()}
    data = container._seal_compressed(bomb, 10, FIELDS, wrap, key, SIGNING)
    tracemalloc.start()
    try:
        refused("bundle.too_large", lambda: open_assignment(data))
        _now, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 16 * 2**20


def test_an_honest_payload_over_the_limit_is_refused_before_decrypting() -> None:
    data = seal_for_credential(bytes(2 * 2**20), FIELDS, signing_key=SIGNING, credential=CREDENTIAL)
    refused("bundle.too_large", lambda: open_assignment(data, max_plain_size=2**20))
    assert open_assignment(data, max_plain_size=2 * 2**20) == bytes(2 * 2**20)


@pytest.mark.parametrize(
    "data", [b"", b"household,name\n1,Wang\n", "送温暖".encode(), b"PK", os.urandom(300)]
)
def test_a_file_that_is_not_a_bundle_is_refused(data: bytes) -> None:
    error = refused("bundle.corrupt" if data.startswith(b"PK") else "bundle.not_a_bundle",
                    lambda: read_sealed(data))  # fmt: skip
    assert error.params == {}


def test_another_zip_file_is_refused() -> None:
    error = refused("bundle.missing_member", lambda: read_sealed(rezip([("word.xml", b"<w/>")])))
    assert error.params == {"name": "header.json"}


# --- writing to the stick ----------------------------------------------------------------


def test_a_bundle_file_is_written_and_read_back(tmp_path: Path, assignment: bytes) -> None:
    target = tmp_path / "stick" / "T01-3.wvb"
    write_bundle_file(target, assignment, write_atomically=write_atomically)
    assert target.read_bytes() == assignment
    assert open_assignment(target.read_bytes()) == PAYLOAD


def test_a_failed_write_leaves_the_old_file_and_no_temp_file(
    tmp_path: Path, assignment: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "T01.wvb"
    target.write_bytes(b"the previous bundle")

    def pulled_out(out: object, data: bytes) -> None:
        out.write(data[: len(data) // 2])  # type: ignore[attr-defined]
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(container, "_copy_into", pulled_out)
    error = refused("bundle.write_failed", lambda: write_bundle_file(
        target, assignment, write_atomically=write_atomically))  # fmt: skip
    assert error.params == {"file": str(target), "reason": "Input/output error"}
    assert target.read_bytes() == b"the previous bundle"
    assert [p.name for p in tmp_path.iterdir()] == ["T01.wvb"]


def test_a_read_back_that_differs_is_reported(
    tmp_path: Path, assignment: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    def failing_stick(out: object, data: bytes) -> None:
        out.write(data[:-1] + b"?")  # type: ignore[attr-defined]

    monkeypatch.setattr(container, "_copy_into", failing_stick)
    target = tmp_path / "T01.wvb"
    error = refused("bundle.verify_failed", lambda: write_bundle_file(
        target, assignment, write_atomically=write_atomically))  # fmt: skip
    assert error.params == {"file": str(target)}


# --- keys and credentials ----------------------------------------------------------------


def test_a_new_credential_is_five_groups_of_five_unambiguous_characters() -> None:
    made = {keys.new_credential() for _ in range(200)}
    assert len(made) == 200
    for credential in made:
        groups = credential.split("-")
        assert [len(g) for g in groups] == [5] * 5
        assert not set("".join(groups)) & set("0O1IL")
        assert keys.normalise_credential(credential) == credential


def test_a_typed_credential_is_normalised() -> None:
    printed = "K7M2Q-9XH4T-ABCDE-FGHJK-MNPQR"
    full_width = "Ｋ７Ｍ２Ｑ－９ＸＨ４Ｔ　ＡＢＣＤＥ　ＦＧＨＪＫ　ＭＮＰＱＲ"
    for typed in ("k7m2q9xh4tabcdefghjkmnpqr", " k7m2q 9xh4t abcde fghjk mnpqr ",
                  "K7M2Q--9XH4T-ABCDE-FGHJK-MNPQR-", "K7M2Q—9XH4T—ABCDE—FGHJK—MNPQR",
                  full_width):  # fmt: skip
        assert keys.normalise_credential(typed) == printed


STEM = "K7M2Q-9XH4T-ABCDE-FGHJK-MNPQ"


@pytest.mark.parametrize(
    "typed",
    ["", STEM, STEM + "RS", STEM + "O", STEM + "0", STEM + "1", STEM + "I", STEM + "L",
     STEM + "!", "K7M2Q/9XH4T/ABCDE/FGHJK/MNPQR", "王秀英" * 8 + "王"],
)  # fmt: skip
def test_a_malformed_credential_is_refused(typed: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        keys.normalise_credential(typed)
    assert caught.value.key == "bundle.credential_format"


def test_credential_keys_depend_on_the_credential_and_salt_only() -> None:
    salt = bytes(16)
    enc, mac = keys.credential_keys(CREDENTIAL, salt)
    assert len(enc) == len(mac) == 32 and enc != mac
    assert keys.credential_keys(CREDENTIAL.lower().replace("-", " "), salt) == (enc, mac)
    assert keys.credential_keys(CREDENTIAL, bytes(15) + b"\1")[0] != enc
    assert keys.credential_keys(keys.new_credential(), salt)[0] != enc


def test_signatures_verify_and_a_bad_one_is_just_false() -> None:
    sig = keys.sign(SIGNING, b"header")
    assert len(SIGNER) == 32 and len(sig) == 64
    assert keys.verify(SIGNER, b"header", sig)
    assert not keys.verify(SIGNER, b"headeR", sig)
    assert not keys.verify(keys.signing_public(keys.generate_signing_key()), b"header", sig)
    assert not keys.verify(SIGNER, b"header", sig[:-1])
    assert not keys.verify(b"short", b"header", sig)


def test_a_fingerprint_is_short_and_stable() -> None:
    pub = keys.box_public(BOX)
    assert len(pub) == 32 and keys.box_public(BOX) == pub
    shown = keys.fingerprint(pub)
    assert len(shown) == 19 and shown.count("-") == 3 and shown == shown.upper()
    assert keys.fingerprint(keys.box_public(keys.generate_box_key())) != shown


@pytest.mark.parametrize(
    ("code", "key", "words"),
    [(errno.ENOSPC, "bundle.stick_full", "U盘已满"),
     (errno.EROFS, "bundle.stick_read_only", "写保护")],
)  # fmt: skip
def test_a_full_or_read_only_stick_is_said_in_the_users_words(
    tmp_path: Path, assignment: bytes, monkeypatch: pytest.MonkeyPatch, code: int, key: str,
    words: str,
) -> None:  # fmt: skip
    def failing(out: object, data: bytes) -> None:
        raise OSError(code, "No space left on device")

    monkeypatch.setattr(container, "_copy_into", failing)
    error = refused(key, lambda: write_bundle_file(
        tmp_path / "T01.wvb", assignment, write_atomically=write_atomically))  # fmt: skip
    sentence = render(error, "zh")
    assert words in sentence and "No space" not in sentence
    assert "No space" not in render(error, "en") and "T01.wvb" in render(error, "en")
