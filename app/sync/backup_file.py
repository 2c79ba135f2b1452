"""An encrypted copy of a store, for a backup that leaves the data folder (a stick, a share).

The key comes from a passphrase the office chooses, not from the office's own keys: those live
in the store being backed up, and a backup must open on a new computer after the old one is
lost. scrypt makes each guess at the passphrase cost ~0.1 s (app.sync.keys' cost, which the
tests lower).

File: MAGIC, a 4-byte header length, the header (JSON: the scrypt salt and cost, the nonce
prefix, what the copy is), then chunks of zlib-compressed store, each AES-256-GCM sealed with
a nonce of (prefix, chunk number) and the header, its number and whether it is the last as
associated data: a changed header, a chunk moved, dropped or cut off, or a wrong passphrase
all fail to open, and nothing half-opened is kept.
"""

from __future__ import annotations

import hmac
import json
import os
import struct
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from app.domain.errors import InvalidInput
from app.sync import keys

MAGIC = b"WarmVisit backup 1\n"
CHUNK = 2**20
_LENGTH = struct.Struct(">I")
_MAX_HEADER = 64 * 1024


def is_sealed(path: Path) -> bool:
    with open(path, "rb") as f:
        return f.read(len(MAGIC)) == MAGIC


def _key(passphrase: str, salt: bytes, n: int, r: int, p: int) -> tuple[bytes, str]:
    """The AES key, and a check value kept in the header (the other half of the scrypt
    output), so a wrong passphrase is told apart from a damaged file."""
    out = Scrypt(salt=salt, length=64, n=n, r=r, p=p).derive(passphrase.encode("utf-8"))
    return out[:32], out[32:].hex()


def _aad(header: bytes, number: int, last: bool) -> bytes:
    return header + struct.pack(">Q?", number, last)


def _compressed(source: IO[bytes]) -> Iterator[bytes]:
    packer = zlib.compressobj(6)
    while block := source.read(CHUNK):
        if out := packer.compress(block):
            yield out
    yield packer.flush()


def seal(source: Path, out: IO[bytes], passphrase: str, about: dict[str, Any]) -> None:
    """Write ``source`` compressed and encrypted to ``out``; ``about`` goes in the header
    (readable without the passphrase, and covered by it: nothing personal)."""
    salt, prefix = os.urandom(16), os.urandom(4)
    key, check = _key(passphrase, salt, keys.SCRYPT_N, keys.SCRYPT_R, keys.SCRYPT_P)
    header = json.dumps(
        {"kdf": "scrypt", "salt": salt.hex(), "n": keys.SCRYPT_N, "r": keys.SCRYPT_R,
         "p": keys.SCRYPT_P, "check": check, "nonce": prefix.hex(), **about},
        ensure_ascii=False, sort_keys=True,
    ).encode()  # fmt: skip
    box = AESGCM(key)
    out.write(MAGIC + _LENGTH.pack(len(header)) + header)
    pending = b""
    number = 0
    with open(source, "rb") as raw:
        for piece in _compressed(raw):
            pending += piece
            while len(pending) > CHUNK:
                _write_chunk(out, box, prefix, header, number, pending[:CHUNK], last=False)
                pending, number = pending[CHUNK:], number + 1
    _write_chunk(out, box, prefix, header, number, pending, last=True)


def _write_chunk(out: IO[bytes], box: AESGCM, prefix: bytes, header: bytes, number: int,
                 data: bytes, *, last: bool) -> None:  # fmt: skip
    nonce = prefix + struct.pack(">Q", number)
    sealed = box.encrypt(nonce, data, _aad(header, number, last))
    out.write(_LENGTH.pack(len(sealed)) + sealed)


def read_header(path: Path) -> dict[str, Any]:
    """The header of a sealed copy (no passphrase needed)."""
    with open(path, "rb") as f:
        return json.loads(_header_bytes(f, path))  # type: ignore[no-any-return]


def _header_bytes(f: IO[bytes], path: Path) -> bytes:
    if f.read(len(MAGIC)) != MAGIC:
        raise InvalidInput("backup.not_backup", file=str(path))
    size_bytes = f.read(4)
    size = _LENGTH.unpack(size_bytes)[0] if len(size_bytes) == 4 else _MAX_HEADER + 1
    header = f.read(size) if size <= _MAX_HEADER else b""
    try:
        json.loads(header)
    except ValueError:
        raise InvalidInput("backup.damaged", file=str(path)) from None
    return header


def unseal(path: Path, target: Path, passphrase: str) -> None:
    """Decrypt the sealed copy ``path`` into the new file ``target``; refused whole (target
    removed) when the passphrase is wrong or the file was changed or cut short."""
    try:
        with open(path, "rb") as f, open(target, "wb") as out:
            _unseal_into(f, out, path, passphrase)
    except BaseException:
        target.unlink(missing_ok=True)
        raise


def _unseal_into(f: IO[bytes], out: IO[bytes], path: Path, passphrase: str) -> None:
    header = _header_bytes(f, path)
    about = json.loads(header)
    try:
        key, check = _key(passphrase, bytes.fromhex(about["salt"]), int(about["n"]),
                          int(about["r"]), int(about["p"]))  # fmt: skip
        prefix = bytes.fromhex(about["nonce"])
        wrong = not hmac.compare_digest(check, str(about["check"]))
    except (KeyError, ValueError, TypeError):
        raise InvalidInput("backup.damaged", file=str(path)) from None
    if wrong:
        raise InvalidInput("backup.wrong_passphrase", file=str(path))
    box, unpacker, number, last = AESGCM(key), zlib.decompressobj(), 0, False
    while not last:
        size_bytes = f.read(4)
        if len(size_bytes) < 4:
            raise InvalidInput("backup.damaged", file=str(path))  # cut short
        sealed = f.read(_LENGTH.unpack(size_bytes)[0])
        nonce = prefix + struct.pack(">Q", number)
        for last in (False, True):
            try:
                data = box.decrypt(nonce, sealed, _aad(header, number, last))
                break
            except InvalidTag:
                continue
        else:
            raise InvalidInput("backup.damaged", file=str(path))
        try:
            out.write(unpacker.decompress(data))
        except zlib.error:
            raise InvalidInput("backup.damaged", file=str(path)) from None
        number += 1
    if f.read(1) or not unpacker.eof:
        raise InvalidInput("backup.damaged", file=str(path))
    out.write(unpacker.flush())
