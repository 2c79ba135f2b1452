"""Keys for bundles: Ed25519 to sign, X25519 to encrypt to the central office, and the team
credential (a printed 25-character code) that locks assignment bundles.

Every primitive comes from ``cryptography``; this module only chooses parameters and
encodings. Keys are raw 32-byte strings so the store can keep them as BLOBs and the
bundle header as hex.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import unicodedata
from collections.abc import Mapping
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from app.domain.errors import InvalidInput

# Digits and capitals without 0/O, 1/I/L: a code read off paper or over the phone has no
# pair of characters that look alike, so normalising never has to guess.
CREDENTIAL_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
CREDENTIAL_LENGTH = 25  # 25 × log2(31) ≈ 124 bits: out of reach of guessing, even offline
CREDENTIAL_GROUP = 5

# scrypt cost. 2**15 × r=8 takes ~32 MiB and ~0.1 s per derivation: cheap for a clerk, costly
# for someone trying codes against a stick found on a bus. Tests lower SCRYPT_N through the
# module attribute; a bundle does not record it, so changing the default needs a new
# container format_version.
SCRYPT_N = 2**15
SCRYPT_R = 8
SCRYPT_P = 1
SCRYPT_LENGTH = 64

_INFO_ENCRYPT = b"warmvisit/bundle/v1/credential/encrypt"
_INFO_MAC = b"warmvisit/bundle/v1/credential/mac"

# Separators people type between groups: ASCII and typographic dashes, underscores, dots.
# (NFKC has already turned full-width "－" and the ideographic space into ASCII.)
_SEPARATORS = set(" \t\r\n-_.·‐‑‒–—―−")


def generate_signing_key() -> bytes:
    """A new Ed25519 private key, raw 32 bytes."""
    return Ed25519PrivateKey.generate().private_bytes_raw()


def signing_public(priv: bytes) -> bytes:
    """The raw 32-byte Ed25519 public key of ``priv``."""
    return Ed25519PrivateKey.from_private_bytes(priv).public_key().public_bytes_raw()


def sign(priv: bytes, data: bytes) -> bytes:
    """A 64-byte Ed25519 signature of ``data``."""
    return Ed25519PrivateKey.from_private_bytes(priv).sign(data)


def verify(pub: bytes, data: bytes, sig: bytes) -> bool:
    """True only if ``sig`` is ``pub``'s signature of ``data``. A malformed key or signature is
    just "not verified": the bytes come from a stick, so they are never a reason to crash."""
    try:
        Ed25519PublicKey.from_public_bytes(bytes(pub)).verify(bytes(sig), bytes(data))
    except (InvalidSignature, ValueError, TypeError):
        return False
    return True


def generate_box_key() -> bytes:
    """A new X25519 private key, raw 32 bytes (the central office's decryption key)."""
    return X25519PrivateKey.generate().private_bytes_raw()


def box_public(priv: bytes) -> bytes:
    """The raw 32-byte X25519 public key of ``priv``."""
    return X25519PrivateKey.from_private_bytes(priv).public_key().public_bytes_raw()


def new_credential() -> str:
    """A fresh team credential, e.g. ``K7M2Q-9XH4T-…`` (5 groups of 5)."""
    chars = "".join(secrets.choice(CREDENTIAL_ALPHABET) for _ in range(CREDENTIAL_LENGTH))
    return _grouped(chars)


def normalise_credential(text: str) -> str:
    """The credential as printed (``XXXXX-XXXXX-XXXXX-XXXXX-XXXXX``) from what a person typed:
    lower case, spaces, missing or extra dashes and full-width characters are accepted.
    Anything else (a wrong length, 0/O/1/I/L, punctuation) is refused rather than guessed."""
    folded = unicodedata.normalize("NFKC", str(text)).upper()
    chars = "".join(ch for ch in folded if ch not in _SEPARATORS)
    if len(chars) != CREDENTIAL_LENGTH or any(ch not in CREDENTIAL_ALPHABET for ch in chars):
        raise InvalidInput("bundle.credential_format")
    return _grouped(chars)


def credential_keys(credential: str, salt: bytes) -> tuple[bytes, bytes]:
    """(encryption key, MAC key), 32 bytes each, derived from the credential and a per-bundle
    salt. scrypt makes each guess expensive; HKDF with distinct labels splits its output so
    the two keys are independent. Nothing is cached: the credential should not outlive the
    call in memory longer than needed."""
    password = normalise_credential(credential).replace("-", "").encode("ascii")
    master = Scrypt(salt=bytes(salt), length=SCRYPT_LENGTH, n=SCRYPT_N, r=SCRYPT_R, p=SCRYPT_P)
    ikm = master.derive(password)
    return _hkdf(ikm, _INFO_ENCRYPT), _hkdf(ikm, _INFO_MAC)


def fingerprint(pub: bytes) -> str:
    """A short form of a public key for a person to compare, e.g. ``3F2A-91C0-7B44-E0D1``:
    the first 64 bits of its SHA-256."""
    digest = hashlib.sha256(bytes(pub)).hexdigest()[:16].upper()
    return "-".join(digest[i : i + 4] for i in range(0, 16, 4))


def _grouped(chars: str) -> str:
    return "-".join(chars[i : i + CREDENTIAL_GROUP] for i in range(0, len(chars), CREDENTIAL_GROUP))


def _hkdf(ikm: bytes, info: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=info).derive(ikm)


# --- a team's keys, from its credential ---------------------------------------------------------


def _team_salt(campaign_id: str, team_id: str) -> bytes:
    # Deterministic, so the central office and the laptop derive the same keys from the
    # credential without exchanging anything else.
    return hashlib.sha256(f"warmvisit|{campaign_id}|{team_id}".encode()).digest()[:16]


def team_mac_key(credential: str, campaign_id: str, team_id: str) -> bytes:
    return credential_keys(credential, _team_salt(campaign_id, team_id))[1]


def enrolment_mac(mac_key: bytes, device_id: str, device_public: bytes, team_id: str,
                   campaign_id: str) -> str:  # fmt: skip
    """Proof that a laptop's new signing key belongs to someone holding the team credential."""
    message = f"{device_id}|{device_public.hex()}|{team_id}|{campaign_id}".encode()
    return hmac.new(mac_key, message, hashlib.sha256).hexdigest()


def enrolment_ok(mac_key: bytes, header: Mapping[str, Any]) -> bool:
    expected = enrolment_mac(
        mac_key, header["device_id"], bytes.fromhex(header["device_public"]),
        header["team_id"], header["campaign_id"],
    )  # fmt: skip
    return hmac.compare_digest(expected, str(header.get("enrolment", "")))
