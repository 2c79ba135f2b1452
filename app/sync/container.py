"""The bundle file that travels on a USB stick: a signed header and an encrypted payload.

The threat is ordinary: a stick lost on a bus must reveal nothing, and a changed byte — a
failing stick, a half-copied file, a meddler — must be caught, never imported. So:

* the payload is framed as a zlib stream, then encrypted with AES-256-GCM to the receiver
  (the team's credential, or the central office's X25519 key); the header, which stays
  readable and so must never hold personal data, is bound to the ciphertext as associated data;
* the header is signed with the sender's Ed25519 key and checked before anything is
  decrypted, and it pins the ciphertext by SHA-256 and length;
* the ZIP layout is fixed byte for byte, and the reader rebuilds it and compares, so no byte
  of the file (timestamps, padding, comments) is left that could change unnoticed;
* everything read from the file is bounded before it is allocated.

Bad input raises ``BundleRefused`` with a message key, never a raw exception. Which signer
to trust (pinned, looked up by team, or the one in the header) is the caller's decision.
Layout and reasons: docs/bundle-format.md.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import io
import json
import os
import re
import struct
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, TypeVar

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from app.domain.errors import BundleRefused
from app.sync.keys import box_public, credential_keys, fingerprint, sign, signing_public, verify

# 2: enumerated values are ASCII codes (mode, outcome, status …) in what is written now; a
# format-1 bundle (before the first release) is still read, its words read as the codes
# (docs/bundle-format.md).
FORMAT_VERSION = 2
MAGIC_KIND = frozenset({"assignment", "result"})
MAX_FILE_SIZE = 512 * 2**20
MAX_HEADER_SIZE = 64 * 2**10
MAX_PLAIN_SIZE = 2**30

HEADER, SIGNATURE, PAYLOAD = "header.json", "header.sig", "payload.bin"
MEMBERS = (HEADER, SIGNATURE, PAYLOAD)
WRAP_CREDENTIAL, WRAP_X25519 = "scrypt-credential", "x25519"
RESERVED_FIELDS = frozenset(
    {"format_version", "signer_public", "wrap", "payload_sha256", "payload_size", "plain_size"}
)

_SIG_SIZE, _TAG_SIZE, _NONCE_SIZE, _SALT_SIZE, _KEY_SIZE = 64, 16, 12, 16, 32
_WRAP_FIELDS = {
    WRAP_CREDENTIAL: {"method", "salt", "nonce"},
    WRAP_X25519: {"method", "ephemeral_public", "nonce", "recipient"},
}
_AAD_PREFIX = b"warmvisit/bundle/v1/header\n"
_X25519_INFO = b"warmvisit/bundle/v1/x25519"
_FLAT_NAME = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.-]{0,63}")
_HEX = re.compile(r"[0-9a-f]*")

AtomicWriter = Callable[[Path, Callable[[IO[bytes]], None]], None]
T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Sealed:
    """A bundle whose structure was checked; not yet verified, not yet decrypted."""

    header: dict[str, Any]
    header_bytes: bytes
    signature: bytes
    ciphertext: bytes


@dataclass(frozen=True, slots=True)
class Opened:
    header: dict[str, Any]
    payload: bytes


def canonical_json(obj: Any) -> bytes:
    """The one byte form of a JSON value: what is signed is exactly what is compared."""
    return json.dumps(
        obj, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False
    ).encode("utf-8")


# --- sealing ------------------------------------------------------------------------------


def seal_for_credential(
    payload: bytes, header_fields: dict[str, Any], *, signing_key: bytes, credential: str
) -> bytes:
    """An assignment bundle (central → team), readable with the team credential."""
    salt = os.urandom(_SALT_SIZE)  # fresh per bundle, so every bundle has its own key
    key, _mac_key = credential_keys(credential, salt)
    wrap = {"method": WRAP_CREDENTIAL, "salt": salt.hex()}
    return _seal(payload, header_fields, wrap, key, signing_key)


def seal_for_public_key(
    payload: bytes,
    header_fields: dict[str, Any],
    *,
    signing_key: bytes,
    recipient_box_public: bytes,
) -> bytes:
    """A result bundle (team → central), readable only with the central office's box key.
    The laptop holds no secret that could open it again: the ephemeral key is thrown away."""
    ephemeral = X25519PrivateKey.generate()
    ephemeral_public = ephemeral.public_key().public_bytes_raw()
    shared = ephemeral.exchange(X25519PublicKey.from_public_bytes(recipient_box_public))
    key = _box_key(shared, ephemeral_public, recipient_box_public)
    wrap = {
        "method": WRAP_X25519,
        "ephemeral_public": ephemeral_public.hex(),
        "recipient": fingerprint(recipient_box_public),
    }
    return _seal(payload, header_fields, wrap, key, signing_key)


def _seal(payload: bytes, fields: dict[str, Any], wrap: dict[str, str], key: bytes,
          signing_key: bytes) -> bytes:  # fmt: skip
    if len(payload) > MAX_PLAIN_SIZE:
        raise BundleRefused("bundle.too_large", limit=_size_text(MAX_PLAIN_SIZE))
    # A zlib stream of stored blocks (level 0): the format's framing and checksum without the
    # squeezing. A team's bundle is a few MB on a stick of GBs, and its bulk, the packed
    # signature strokes, shrinks by less than half while inflating it costs a good part of a
    # merge (docs/bundle-format.md). Readers inflate any level.
    return _seal_compressed(zlib.compress(payload, 0), len(payload), fields, wrap, key,
                            signing_key)  # fmt: skip


def _seal_compressed(compressed: bytes, plain_size: int, fields: dict[str, Any],
                     wrap: dict[str, str], key: bytes, signing_key: bytes) -> bytes:  # fmt: skip
    """Encrypt, then sign. Split from ``_seal`` so tests can build a lying plain_size."""
    clash = RESERVED_FIELDS & set(fields)
    if clash:  # the container owns these; a caller "setting" format_version is a bug
        raise ValueError(f"header fields reserved for the container: {sorted(clash)}")
    if fields.get("kind") not in MAGIC_KIND:
        raise ValueError(f"header kind must be one of {sorted(MAGIC_KIND)}")
    nonce = os.urandom(_NONCE_SIZE)
    header = {
        **fields,
        "format_version": FORMAT_VERSION,
        "signer_public": signing_public(signing_key).hex(),
        "wrap": {**wrap, "nonce": nonce.hex()},
        "payload_size": len(compressed) + _TAG_SIZE,
        "plain_size": plain_size,
    }
    ciphertext = AESGCM(key).encrypt(nonce, compressed, _associated_data(header))
    if len(ciphertext) > MAX_FILE_SIZE - MAX_HEADER_SIZE:
        raise BundleRefused("bundle.too_large", limit=_size_text(MAX_FILE_SIZE))
    header["payload_sha256"] = hashlib.sha256(ciphertext).hexdigest()
    header_bytes = canonical_json(header)
    if len(header_bytes) > MAX_HEADER_SIZE:
        raise ValueError("the bundle header is too large; put the data in the payload")
    return b"".join(_archive_parts(header_bytes, sign(signing_key, header_bytes), ciphertext))


def _associated_data(header: dict[str, Any]) -> bytes:
    """The header as AEAD associated data. payload_sha256 is left out because it is computed
    from the ciphertext; the signature over header.json covers it instead."""
    rest = {name: value for name, value in header.items() if name != "payload_sha256"}
    return _AAD_PREFIX + canonical_json(rest)


def _box_key(shared: bytes, ephemeral_public: bytes, recipient_public: bytes) -> bytes:
    # Both public keys go into the label so the key is bound to this exact exchange.
    info = _X25519_INFO + ephemeral_public + recipient_public
    return HKDF(algorithm=hashes.SHA256(), length=_KEY_SIZE, salt=None, info=info).derive(shared)


# --- the fixed ZIP layout -----------------------------------------------------------------

_LOCAL = struct.Struct("<IHHHHHIIIHH")
_CENTRAL = struct.Struct("<IHHHHHHIIIHHHHHII")
_END = struct.Struct("<IHHHHIIH")
_DOS_DATE = (1 << 5) | 1  # 1980-01-01: the file carries no clock, so sealing is reproducible


def _archive_parts(header_bytes: bytes, signature: bytes, ciphertext: bytes) -> list[bytes]:
    """The one ZIP (stored, no extras, no comment, fixed order and dates) a version-1 bundle
    may be. Written by hand rather than by ``zipfile`` so that the bytes never depend on the
    Python version, and the reader can demand exactly these bytes back."""
    parts: list[bytes] = []
    central: list[bytes] = []
    offset = 0
    for name, content in zip(MEMBERS, (header_bytes, signature, ciphertext), strict=True):
        raw, crc, size = name.encode("ascii"), zlib.crc32(content), len(content)
        local = _LOCAL.pack(0x04034B50, 20, 0, 0, 0, _DOS_DATE, crc, size, size, len(raw), 0)
        central.append(_CENTRAL.pack(0x02014B50, 20, 20, 0, 0, 0, _DOS_DATE, crc, size, size,
                                     len(raw), 0, 0, 0, 0, 0, offset) + raw)  # fmt: skip
        parts += [local + raw, content]
        offset += len(local) + len(raw) + size
    directory = b"".join(central)
    end = _END.pack(0x06054B50, 0, 0, len(MEMBERS), len(MEMBERS), len(directory), offset, 0)
    return [*parts, directory, end]


# --- reading ------------------------------------------------------------------------------


def read_header(data: bytes, *, max_file_size: int = MAX_FILE_SIZE) -> tuple[dict[str, Any], bytes]:
    """The header (parsed, and as signed), checked as ``read_sealed`` checks it but without
    reading the payload: enough to decide whose signature the bundle must carry."""
    archive, infos = _open_archive(data, max_file_size)
    return _wrapped(lambda: _read_header(archive, infos))


def read_sealed(data: bytes, *, max_file_size: int = MAX_FILE_SIZE) -> Sealed:
    """Check the file's structure — before any crypto, and without trusting any size it
    claims. Does not verify the signature: see ``verify_sealed``."""
    data = bytes(data)
    archive, infos = _open_archive(data, max_file_size)
    return _wrapped(lambda: _read_archive(archive, infos, data, max_file_size))


def _open_archive(
    data: bytes, max_file_size: int
) -> tuple[zipfile.ZipFile, dict[str, zipfile.ZipInfo]]:
    if len(data) > max_file_size:
        raise BundleRefused("bundle.too_large", limit=_size_text(max_file_size))
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except Exception as exc:
        key = "bundle.corrupt" if data.startswith(b"PK") else "bundle.not_a_bundle"
        raise BundleRefused(key) from exc
    return archive, _wrapped(lambda: _members(archive))


def _wrapped(read: Callable[[], T]) -> T:
    try:
        return read()
    except BundleRefused:
        raise
    except Exception as exc:  # zipfile meeting hostile bytes: whatever it trips on is damage
        raise BundleRefused("bundle.corrupt") from exc


def _members(archive: zipfile.ZipFile) -> dict[str, zipfile.ZipInfo]:
    infos: dict[str, zipfile.ZipInfo] = {}
    for info in archive.infolist():
        name = info.orig_filename  # as stored: zipfile's cleaned-up filename could hide a trick
        if not _FLAT_NAME.fullmatch(name) or ".." in name or name in infos:
            raise BundleRefused("bundle.bad_member", name=_shown(name))
        infos[name] = info
    return infos


def _read_header(
    archive: zipfile.ZipFile, infos: dict[str, zipfile.ZipInfo]
) -> tuple[dict[str, Any], bytes]:
    if HEADER not in infos:
        raise BundleRefused("bundle.missing_member", name=HEADER)
    header_bytes = _read_member(archive, infos[HEADER], MAX_HEADER_SIZE)
    header = _parse_header(header_bytes)  # format_version first: a newer file says "update"
    for name in infos:
        if name not in MEMBERS:
            raise BundleRefused("bundle.bad_member", name=_shown(name))
    for name in MEMBERS:
        if name not in infos:
            raise BundleRefused("bundle.missing_member", name=name)
    _check_header(header)
    return header, header_bytes


def _read_archive(
    archive: zipfile.ZipFile, infos: dict[str, zipfile.ZipInfo], data: bytes, max_file_size: int
) -> Sealed:
    header, header_bytes = _read_header(archive, infos)
    signature = _read_member(archive, infos[SIGNATURE], _SIG_SIZE)
    ciphertext = _read_member(archive, infos[PAYLOAD], max_file_size)
    if len(signature) != _SIG_SIZE:
        raise BundleRefused("bundle.corrupt")
    if not _same_bytes(data, _archive_parts(header_bytes, signature, ciphertext)):
        raise BundleRefused("bundle.corrupt")
    return Sealed(header, header_bytes, signature, ciphertext)


def _read_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int) -> bytes:
    if info.file_size > limit or info.compress_size > limit:
        raise BundleRefused("bundle.too_large", limit=_size_text(limit))
    if info.compress_type != zipfile.ZIP_STORED or info.flag_bits & 0x1:
        raise BundleRefused("bundle.corrupt")  # a v1 bundle is stored and never zip-encrypted
    with archive.open(info) as member:
        content = member.read(limit + 1)  # bounded: the directory's sizes may be lies
    if len(content) > limit:
        raise BundleRefused("bundle.too_large", limit=_size_text(limit))
    if len(content) != info.file_size:
        raise BundleRefused("bundle.corrupt")
    return content


def _parse_header(header_bytes: bytes) -> dict[str, Any]:
    try:
        header = json.loads(header_bytes.decode("utf-8"), parse_constant=_no_constant)
    except (ValueError, RecursionError) as exc:
        raise BundleRefused("bundle.bad_header", field=HEADER) from exc
    if not isinstance(header, dict):
        raise BundleRefused("bundle.bad_header", field=HEADER)
    version = header.get("format_version")
    if type(version) is not int or version < 1:
        raise BundleRefused("bundle.bad_header", field="format_version")
    if version > FORMAT_VERSION:
        raise BundleRefused("bundle.too_new", version=version, supported=FORMAT_VERSION)
    try:  # one byte form only: no duplicate keys, no whitespace, nothing two parsers may differ on
        canonical = canonical_json(header) == header_bytes
    except ValueError:
        canonical = False
    if not canonical:
        raise BundleRefused("bundle.bad_header", field=HEADER)
    return header


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


def _check_header(header: dict[str, Any]) -> None:
    kind = header.get("kind")
    if not isinstance(kind, str) or kind not in MAGIC_KIND:
        raise BundleRefused("bundle.unknown_kind", kind=_shown(kind))
    _hex_field(header, "signer_public", 32, "signer_public")
    _hex_field(header, "payload_sha256", 32, "payload_sha256")
    for name in ("payload_size", "plain_size"):
        if type(header.get(name)) is not int or header[name] < 0:
            raise BundleRefused("bundle.bad_header", field=name)
    wrap = header.get("wrap")
    if not isinstance(wrap, dict):
        raise BundleRefused("bundle.bad_header", field="wrap")
    method = wrap.get("method")
    expected = _WRAP_FIELDS.get(method) if isinstance(method, str) else None
    if expected is None or set(wrap) != expected:
        raise BundleRefused("bundle.bad_header", field="wrap")
    _hex_field(wrap, "nonce", _NONCE_SIZE, "wrap.nonce")
    if wrap["method"] == WRAP_CREDENTIAL:
        _hex_field(wrap, "salt", _SALT_SIZE, "wrap.salt")
    else:
        _hex_field(wrap, "ephemeral_public", 32, "wrap.ephemeral_public")
        if not isinstance(wrap["recipient"], str):
            raise BundleRefused("bundle.bad_header", field="wrap.recipient")


def _hex_field(obj: dict[str, Any], name: str, size: int, shown: str) -> bytes:
    value = obj.get(name)
    if not isinstance(value, str) or len(value) != 2 * size or not _HEX.fullmatch(value):
        raise BundleRefused("bundle.bad_header", field=shown)
    return bytes.fromhex(value)


def _same_bytes(data: bytes, parts: list[bytes]) -> bool:
    if len(data) != sum(map(len, parts)):
        return False
    offset = 0
    for part in parts:  # piece by piece, no copy (a memoryview compares byte by byte: 10× slower)
        if not data.startswith(part, offset):
            return False
        offset += len(part)
    return True


# --- verifying and opening ----------------------------------------------------------------


def header_signer(sealed: Sealed) -> bytes:
    """The Ed25519 public key the header claims signed it. Only a claim: trust it only after
    comparing it with a key the caller already knows (pinned, or looked up by team)."""
    return bytes.fromhex(sealed.header["signer_public"])


def verify_sealed(sealed: Sealed, signer_public: bytes) -> None:
    """The header is ``signer_public``'s, and the payload is the one the header names."""
    if not verify(signer_public, sealed.header_bytes, sealed.signature):
        raise BundleRefused("bundle.bad_signature")
    if (
        len(sealed.ciphertext) != sealed.header["payload_size"]
        or hashlib.sha256(sealed.ciphertext).hexdigest() != sealed.header["payload_sha256"]
    ):
        raise BundleRefused("bundle.payload_mismatch")


def open_with_credential(
    sealed: Sealed, credential: str, *, max_plain_size: int = MAX_PLAIN_SIZE
) -> Opened:
    """Decrypt an assignment bundle. Call ``verify_sealed`` first. A credential typed in a
    wrong format raises ``InvalidInput("bundle.credential_format")``."""
    wrap = _wrap(sealed, WRAP_CREDENTIAL)
    _check_plain_size(sealed, max_plain_size)  # before paying for scrypt
    key, _mac_key = credential_keys(credential, bytes.fromhex(wrap["salt"]))
    return _decrypt(sealed, key, max_plain_size)


def open_with_box_key(
    sealed: Sealed, box_private: bytes, *, max_plain_size: int = MAX_PLAIN_SIZE
) -> Opened:
    """Decrypt a result bundle with the central office's X25519 key. Call ``verify_sealed``
    first."""
    wrap = _wrap(sealed, WRAP_X25519)
    _check_plain_size(sealed, max_plain_size)
    ours = box_public(box_private)
    if wrap["recipient"] != fingerprint(ours):
        raise BundleRefused("bundle.wrong_key")
    ephemeral_public = bytes.fromhex(wrap["ephemeral_public"])
    try:
        shared = X25519PrivateKey.from_private_bytes(box_private).exchange(
            X25519PublicKey.from_public_bytes(ephemeral_public)
        )
    except ValueError as exc:  # a low-order point: crafted, not merely damaged
        raise BundleRefused("bundle.wrong_key") from exc
    return _decrypt(sealed, _box_key(shared, ephemeral_public, ours), max_plain_size)


def _wrap(sealed: Sealed, method: str) -> dict[str, str]:
    wrap: dict[str, str] = sealed.header["wrap"]  # its fields checked by _check_header
    if wrap["method"] != method:
        raise BundleRefused("bundle.wrong_lock")
    return wrap


def _check_plain_size(sealed: Sealed, limit: int) -> None:
    if sealed.header["plain_size"] > limit:
        raise BundleRefused("bundle.too_large", limit=_size_text(limit))


def _decrypt(sealed: Sealed, key: bytes, limit: int) -> Opened:
    nonce = bytes.fromhex(sealed.header["wrap"]["nonce"])
    try:
        compressed = AESGCM(key).decrypt(nonce, sealed.ciphertext, _associated_data(sealed.header))
    except InvalidTag as exc:  # the wrong credential or key, or a changed header or payload
        raise BundleRefused("bundle.wrong_key") from exc
    declared = sealed.header["plain_size"]
    inflater = zlib.decompressobj()
    try:  # never more than one byte past what the header promised, whatever the stream says
        payload = inflater.decompress(compressed, declared + 1)
    except zlib.error as exc:
        raise BundleRefused("bundle.corrupt") from exc
    if len(payload) > declared:  # the signed size was a lie: a zip bomb
        raise BundleRefused("bundle.too_large", limit=_size_text(limit))
    if not inflater.eof or inflater.unused_data or len(payload) != declared:
        raise BundleRefused("bundle.corrupt")
    return Opened(sealed.header, payload)


# --- writing to the stick -----------------------------------------------------------------

_CHUNK = 2**20


def write_bundle_file(path: Path, data: bytes, *, write_atomically: AtomicWriter) -> None:
    """Write ``data`` to ``path`` whole or not at all, then read it back from the device.

    ``write_atomically`` is ``app.documents.atomic.write_atomically``, passed in by the
    service layer because the layer contract keeps app.sync and app.documents apart."""
    try:
        write_atomically(path, lambda out: _copy_into(out, data))
    except OSError as exc:  # a full or pulled stick; the previous file is still whole
        # The common causes in the user's words (the system's text is English on most boxes).
        if exc.errno == errno.ENOSPC:
            raise BundleRefused("bundle.stick_full", file=str(path)) from exc
        if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
            raise BundleRefused("bundle.stick_read_only", file=str(path)) from exc
        reason = exc.strerror or str(exc)
        raise BundleRefused("bundle.write_failed", file=str(path), reason=reason) from exc
    if not _on_disk_equals(path, data):
        raise BundleRefused("bundle.verify_failed", file=str(path))


def _copy_into(out: IO[bytes], data: bytes) -> None:
    view = memoryview(data)
    for start in range(0, len(view), _CHUNK):
        out.write(view[start : start + _CHUNK])


def _on_disk_equals(path: Path, data: bytes) -> bool:
    view = memoryview(data)
    try:
        with open(path, "rb") as written:
            if hasattr(os, "posix_fadvise"):  # drop the cached pages: read the stick itself
                with contextlib.suppress(OSError):
                    os.posix_fadvise(written.fileno(), 0, 0, os.POSIX_FADV_DONTNEED)
            for start in range(0, len(view), _CHUNK):
                if written.read(_CHUNK) != view[start : start + _CHUNK]:
                    return False
            return written.read(1) == b""
    except OSError:
        return False


def _shown(value: object) -> str:
    """A value from the file, safe to put in a sentence: plain ASCII and short. A damaged name
    is mostly noise; braces are replaced too, so nothing in it looks like a placeholder."""
    text = "".join(
        ch if ch.isascii() and ch.isprintable() and ch not in "{}" else "?" for ch in str(value)
    )
    return text if len(text) <= 60 else text[:57] + "…"


def _size_text(size: int) -> str:
    for unit, scale in (("GiB", 2**30), ("MiB", 2**20), ("KiB", 2**10)):
        if size >= scale and size % scale == 0:
            return f"{size // scale} {unit}"
    return f"{size} B"
