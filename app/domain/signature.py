"""A captured signature: its samples, their compact text, the hashes that bind it, its curves.

A signature is vector strokes, never a bitmap (UX.md §5). Each sample is four integers so the
encoding is canonical: ``(x×10, y×10, t_ms, pressure×1024 | None)`` in logical pixels of the pad,
milliseconds since the first sample, and pressure only when the device reports it.

The 校验码 printed beside a signature is derived from two hashes: one over the content the signer
was shown, one over the packed strokes. Printing recomputes both (``verify``), so a later change
to either is visible (电子签名法 art. 13).
"""

from __future__ import annotations

import binascii
import hashlib
import json
import struct
import sys
from array import array
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from itertools import accumulate, repeat
from typing import Any

from app.domain.events import canonical

Sample = tuple[int, int, int, int | None]
Point = tuple[float, float]
Cubic = tuple[Point, Point, Point, Point]  # start, control 1, control 2, end (logical px)

SIGNER_ROLES = ("recipient", "proxy", "witness")


class SignatureMethod(StrEnum):
    PAD = "pad"  # signed on the pad
    THUMBPRINT = "thumbprint"  # 按手印: the print is on a paper slip, witnesses sign the pad


METHOD_PAD = SignatureMethod.PAD
METHOD_THUMBPRINT = SignatureMethod.THUMBPRINT
METHODS = tuple(SignatureMethod)
# A signature body that may be a print on paper holds one of these (the word: bundle format 1);
# the rest of a body is 3 KB of strokes that most readers pass over unparsed.
THUMBPRINT_MARKERS = (f'"{SignatureMethod.THUMBPRINT}"', "按手印")


def may_be_thumbprint(body: str) -> bool:
    return any(marker in body for marker in THUMBPRINT_MARKERS)


PRESSURE_SCALE = 1024
MIN_INK_CM = 1.5
CM_PER_INCH = 2.54

# What a signer is shown, and so what content_sha256 covers (see ``signed_content``).
CONTENT_KEYS = (
    "campaign", "visit", "disbursement", "household", "recipient_name", "id_tail",
    "proxy_name", "proxy_relation", "cash_fen", "cash_capitals", "goods", "organiser", "team",
    "date", "statement_version",
)  # fmt: skip


# --- packing -----------------------------------------------------------------------------------
#
# Two forms, chosen by ``pack_strokes`` so one list of strokes has exactly one text (the hash is
# over the text):
#
# "b1." + base64 of little-endian binary, used whenever it can hold the strokes (always, for
#   anything a pad produces):
#     4 × u8   byte width of the x, y, t and pressure delta columns: 1, 2, 4 or 8 (pressure: 0
#              when no sample has one)
#     u32      number of strokes k
#     4 × i64  the first sample (x, y, t, pressure; zeros when there is no sample or no pressure)
#     k × u32  samples per stroke
#     columns  x deltas, y deltas, t deltas, pressure deltas: one value per sample after the first
#   The deltas run through the whole signature (the first sample of a stroke is a delta from the
#   last sample of the one before), so unpacking is one C-level ``accumulate`` per column rather
#   than one per stroke; each column takes the narrowest width its deltas fit.
#
# "t1." + text, for what the binary form cannot hold (integers or deltas beyond 64 bits, pressure
#   present on some samples and not others): strokes split by ";", samples by ",", fields by " ";
#   per stroke the first sample is absolute and the rest are differences; "_" is a missing
#   pressure, and the pressure chain skips it.
#
# Nested JSON lists ([[x, y, t, p], …]) are what this replaces. They are ~2× larger, and every
# bundle parse would build every sample: a bundle holding packed strings parses ~20× faster, and
# merging and ``verify`` never unpack (the hash is over the text). Unpacking a whole signature
# is hardly faster than json.loads of its nested lists (both build the same Python ints), so
# it is done when drawing.

_BINARY = "b1."
_TEXT = "t1."
_HEAD = struct.Struct("<4BI4q")
_TYPECODES = {array(code).itemsize: code for code in "qlihb"}  # width → native typecode
_WIDTHS = (1, 2, 4, 8)
_INT64 = (-(2**63), 2**63 - 1)
_BIG_ENDIAN = sys.byteorder == "big"
if any(w not in _TYPECODES for w in _WIDTHS):
    raise ImportError("this platform's array module lacks 1, 2, 4 or 8 byte integers")


def _width(values: Sequence[int]) -> int:
    low, high = (min(values), max(values)) if values else (0, 0)
    for width in _WIDTHS:
        bound = 1 << (8 * width - 1)
        if -bound <= low and high < bound:
            return width
    return 0  # does not fit 64 bits


def _check_sample(sample: Sequence[Any]) -> None:
    if len(sample) != 4:
        raise ValueError(f"a sample has four fields, not {len(sample)}: {sample!r}")
    *xyt, pressure = sample
    if any(type(v) is not int for v in xyt) or not (pressure is None or type(pressure) is int):
        raise ValueError(f"sample fields are integers (pressure may be None): {sample!r}")


def pack_strokes(strokes: Sequence[Sequence[Sample]]) -> str:
    """One compact ASCII text for a signature; ``unpack_strokes`` gives the strokes back exactly."""
    flat = [s for stroke in strokes for s in stroke]
    for sample in flat:
        _check_sample(sample)
    packed = _pack_binary(strokes, flat)
    return packed if packed is not None else _pack_text(strokes)


def _pack_binary(strokes: Sequence[Sequence[Sample]], flat: list[Sample]) -> str | None:
    with_pressure = [s[3] is not None for s in flat]
    if any(with_pressure) and not all(with_pressure):
        return None
    lengths = [len(stroke) for stroke in strokes]
    if len(lengths) >= 2**32 or any(n >= 2**32 for n in lengths):
        return None
    first = (*flat[0][:3], flat[0][3] or 0) if flat else (0, 0, 0, 0)
    if any(not _INT64[0] <= v <= _INT64[1] for v in first):
        return None
    fields = 4 if flat and all(with_pressure) else 3
    columns = [
        [b - a for a, b in zip(values, values[1:], strict=False)]
        # s[3] is None only when ``fields`` is 3, which leaves it out.
        for values in ([s[i] or 0 for s in flat] for i in range(fields))
    ]
    widths = [_width(column) for column in columns]
    if 0 in widths:
        return None
    parts = [_HEAD.pack(*widths, *[0] * (4 - len(widths)), len(lengths), *first)]
    parts.append(struct.pack(f"<{len(lengths)}I", *lengths))
    for width, column in zip(widths, columns, strict=True):
        values = array(_TYPECODES[width], column)
        if _BIG_ENDIAN:
            values.byteswap()
        parts.append(values.tobytes())
    return _BINARY + binascii.b2a_base64(b"".join(parts), newline=False).decode("ascii")


def _pack_text(strokes: Sequence[Sequence[Sample]]) -> str:
    texts = []
    for stroke in strokes:
        fields = []
        px = py = pt = pp = 0
        for x, y, t, p in stroke:
            if p is None:
                fields.append(f"{x - px} {y - py} {t - pt} _")
            else:
                fields.append(f"{x - px} {y - py} {t - pt} {p - pp}")
                pp = p
            px, py, pt = x, y, t
        texts.append(",".join(fields))
    return _TEXT + ";".join(texts)


def unpack_strokes(text: str) -> list[list[Sample]]:
    """The strokes ``pack_strokes`` packed. ValueError when the text is not a packed signature."""
    if text.startswith(_BINARY):
        return _unpack_binary(text[len(_BINARY) :])
    if text.startswith(_TEXT):
        return _unpack_text(text[len(_TEXT) :])
    raise ValueError("not a packed signature (unknown prefix)")


def _column(raw: bytes, offset: int, width: int, count: int) -> tuple[array[int], int]:
    end = offset + width * count
    values = array(_TYPECODES[width], raw[offset:end])
    if _BIG_ENDIAN:
        values.byteswap()
    return values, end


def _unpack_binary(body: str) -> list[list[Sample]]:
    try:
        raw = binascii.a2b_base64(body, strict_mode=True)
        wx, wy, wt, wp, k, x0, y0, t0, p0 = _HEAD.unpack_from(raw)
        if _HEAD.size + 4 * k > len(raw):
            raise ValueError("more strokes than bytes")
        lengths = struct.unpack_from(f"<{k}I", raw, _HEAD.size)
    except (binascii.Error, struct.error, ValueError) as exc:
        raise ValueError(f"packed signature is damaged: {exc}") from None
    if any(w not in _WIDTHS for w in (wx, wy, wt)) or wp not in (0, *_WIDTHS):
        raise ValueError("packed signature is damaged: bad column width")
    total = sum(lengths)
    deltas = max(total - 1, 0)
    offset = _HEAD.size + 4 * k
    if len(raw) != offset + (wx + wy + wt + wp) * deltas:
        raise ValueError("packed signature is damaged: wrong length")
    if total == 0:
        return [[] for _ in lengths]
    dx, offset = _column(raw, offset, wx, deltas)
    dy, offset = _column(raw, offset, wy, deltas)
    dt, offset = _column(raw, offset, wt, deltas)
    if wp:
        dp, offset = _column(raw, offset, wp, deltas)
        pressures: Any = accumulate(dp, initial=p0)
    else:
        pressures = repeat(None, total)
    samples = list(
        zip(
            accumulate(dx, initial=x0),
            accumulate(dy, initial=y0),
            accumulate(dt, initial=t0),
            pressures,
            strict=True,
        )
    )
    strokes: list[list[Sample]] = []
    start = 0
    for n in lengths:
        strokes.append(samples[start : start + n])
        start += n
    return strokes


def _unpack_text(body: str) -> list[list[Sample]]:
    strokes: list[list[Sample]] = []
    try:
        for stroke_text in body.split(";"):
            stroke: list[Sample] = []
            x = y = t = p = 0
            for sample_text in stroke_text.split(",") if stroke_text else ():
                dx, dy, dt, dp = sample_text.split(" ")
                x, y, t = x + int(dx), y + int(dy), t + int(dt)
                if dp == "_":
                    stroke.append((x, y, t, None))
                else:
                    p += int(dp)
                    stroke.append((x, y, t, p))
            strokes.append(stroke)
    except ValueError as exc:
        raise ValueError(f"packed signature is damaged: {exc}") from None
    return strokes


# --- hashes and the check code -----------------------------------------------------------------


def strokes_sha256(packed: str) -> str:
    """SHA-256 (hex) of the packed text: the stored string is what is bound, byte for byte."""
    return hashlib.sha256(packed.encode("ascii")).hexdigest()


def _reject_floats(value: Any, where: str = "content") -> None:
    # Floats have no single text (0.1 + 0.2); money is fen and everything else is text.
    if isinstance(value, float):
        raise ValueError(f"{where} holds a float; use integers (fen) or text")
    if isinstance(value, Mapping):
        for key, item in value.items():
            _reject_floats(item, f"{where}.{key}")
    elif isinstance(value, list | tuple):
        for index, item in enumerate(value):
            _reject_floats(item, f"{where}[{index}]")


def content_sha256(content: Mapping[str, Any]) -> str:
    """SHA-256 (hex) of the canonical JSON of what the signer was shown."""
    _reject_floats(content)
    return hashlib.sha256(canonical(content).encode("utf-8")).hexdigest()


def _no_float(text: str) -> Any:
    raise ValueError(f"content holds a float ({text}); use integers (fen) or text")


def read_content(text: str) -> tuple[Any, str]:
    """Content stored as JSON text, and its ``content_sha256``: floats are refused as it is
    parsed (ValueError), not walked after, which costs more than the hash itself."""
    content = json.loads(text, parse_float=_no_float)
    return content, hashlib.sha256(canonical(content).encode("utf-8")).hexdigest()


def signed_content(
    *,
    campaign: str,
    visit: str,
    disbursement: str,
    household: str,
    recipient_name: str,
    id_tail: str,
    cash_fen: int,
    cash_capitals: str,
    goods: Sequence[str],
    organiser: str,
    team: str,
    date: str,
    statement_version: str,
    proxy_name: str = "",
    proxy_relation: str = "",
) -> dict[str, Any]:
    """The content shown on the recipient screen, under the keys ``content_sha256`` covers."""
    content = {
        "campaign": campaign, "visit": visit, "disbursement": disbursement,
        "household": household, "recipient_name": recipient_name, "id_tail": id_tail,
        "proxy_name": proxy_name, "proxy_relation": proxy_relation, "cash_fen": cash_fen,
        "cash_capitals": cash_capitals, "goods": list(goods), "organiser": organiser,
        "team": team, "date": date, "statement_version": statement_version,
    }  # fmt: skip
    if type(cash_fen) is not int:
        raise ValueError("cash_fen is an integer number of fen")
    return content


def check_code(content_hash: str, strokes_hash: str) -> str:
    """校验码: the first 8 hex of SHA-256 over the two hex digests, e.g. ``3F9A-12C0``."""
    digest = hashlib.sha256((content_hash + strokes_hash).encode("ascii")).hexdigest().upper()
    return f"{digest[:4]}-{digest[4:8]}"


@dataclass(frozen=True, slots=True)
class SignatureRecord:
    """One signing act on the pad, as stored in a ``signature`` event (integers and text only)."""

    pad_width: int  # logical px
    pad_height: int
    device_pixel_ratio_x100: int
    device_type: str
    device_name: str
    strokes: str  # pack_strokes(...)
    started_at: str  # ISO 8601 with offset
    ended_at: str
    signer_role: str  # recipient / proxy / witness
    signer_name: str
    signer_relation: str
    strokes_sha256: str
    content_sha256: str
    method: str = METHOD_PAD  # or THUMBPRINT: the recipient's print is on paper, witnesses sign
    reason: str = ""  # why a thumbprint: a CannotSign code
    slip_number: str = ""  # the numbered paper slip carrying the print

    def __post_init__(self) -> None:
        if self.signer_role not in SIGNER_ROLES:
            raise ValueError(f"signer_role is one of {SIGNER_ROLES}, not {self.signer_role!r}")
        if self.method not in METHODS:
            raise ValueError(f"method is one of {METHODS}, not {self.method!r}")
        if self.method == METHOD_THUMBPRINT and not (self.reason and self.slip_number):
            raise ValueError("a thumbprint needs the reason and the slip number")

    @property
    def check_code(self) -> str:
        return check_code(self.content_sha256, self.strokes_sha256)


def verify(record: SignatureRecord, content: Mapping[str, Any]) -> bool:
    """Both hashes recomputed match: the strokes and the shown content are what was signed."""
    return (
        strokes_sha256(record.strokes) == record.strokes_sha256
        and content_sha256(content) == record.content_sha256
    )


# --- ink and curves ----------------------------------------------------------------------------


def has_enough_ink(strokes: Sequence[Sequence[Sample]], dpi_x: float) -> bool:
    """At least one stroke, and the ink at least 1.5 cm wide (``dpi_x``: logical px per inch)."""
    xs = [s[0] for stroke in strokes for s in stroke]
    if not xs:
        return False
    width_cm = (max(xs) - min(xs)) / 10 / dpi_x * CM_PER_INCH
    return width_cm >= MIN_INK_CM


def _point(sample: Sample) -> Point:
    return (sample[0] / 10, sample[1] / 10)


def _mid(a: Point, b: Point) -> Point:
    return ((a[0] + b[0]) / 2, (a[1] + b[1]) / 2)


def quad_to_cubic(p0: Point, q: Point, p2: Point) -> Cubic:
    """The cubic equal to the quadratic (p0, q, p2): controls p0+⅔(q−p0) and p2+⅔(q−p2)."""
    return (
        p0,
        (p0[0] + 2 * (q[0] - p0[0]) / 3, p0[1] + 2 * (q[1] - p0[1]) / 3),
        (p2[0] + 2 * (q[0] - p2[0]) / 3, p2[1] + 2 * (q[1] - p2[1]) / 3),
        p2,
    )


def _line(a: Point, b: Point) -> Cubic:
    return quad_to_cubic(a, _mid(a, b), b)


def bezier_segments(stroke: Sequence[Sample]) -> list[Cubic]:
    """Cubic segments (logical px) for a stroke of n samples: n − 1 of them, or one dot.

    Quadratics run midpoint to midpoint with the raw sample as control; the first starts at the
    first sample and a straight piece ends at the last, so the curve passes through both ends.
    A single sample is a dot: a segment whose four points coincide (drawn with a round cap).
    """
    points = [_point(s) for s in stroke]
    if not points:
        return []
    if len(points) == 1:
        return [(points[0],) * 4]
    segments = []
    start = points[0]
    for i in range(1, len(points) - 1):
        end = _mid(points[i], points[i + 1])
        segments.append(quad_to_cubic(start, points[i], end))
        start = end
    segments.append(_line(start, points[-1]))
    return segments


def settled_segment(stroke: Sequence[Sample]) -> Cubic | None:
    """The segment the last sample has just fixed: ``bezier_segments(stroke)[-2]``, in O(1).

    A pad paints it into its cache when a sample arrives; only the last segment still moves.
    """
    n = len(stroke)
    if n < 3:
        return None
    control = _point(stroke[-2])
    start = _point(stroke[0]) if n == 3 else _mid(_point(stroke[-3]), control)
    return quad_to_cubic(start, control, _mid(control, _point(stroke[-1])))


def open_segment(stroke: Sequence[Sample]) -> Cubic | None:
    """The last segment, which the next sample still changes: ``bezier_segments(stroke)[-1]``."""
    n = len(stroke)
    if n == 0:
        return None
    last = _point(stroke[-1])
    if n == 1:
        return (last,) * 4
    start = _point(stroke[0]) if n == 2 else _mid(_point(stroke[-2]), last)
    return _line(start, last)


def pressure_width(pressure: int | None, min_pt: float = 0.6, max_pt: float = 2.2) -> float:
    """Line width for one sample: from its pressure, or the middle width when there is none."""
    if pressure is None:
        return (min_pt + max_pt) / 2
    share = min(max(pressure / PRESSURE_SCALE, 0.0), 1.0)
    return min_pt + (max_pt - min_pt) * share


def stroke_widths(
    stroke: Sequence[Sample], min_pt: float = 0.6, max_pt: float = 2.2
) -> list[float]:
    """One width per ``bezier_segments`` segment, from the sample that controls or ends it."""
    if len(stroke) <= 1:
        return [pressure_width(s[3], min_pt, max_pt) for s in stroke]
    return [pressure_width(s[3], min_pt, max_pt) for s in stroke[1:]]


# --- the signature event ----------------------------------------------------------------------

# The statement the signer reads above the pad, by version; its words are the catalogue's
# (sign.statement.v1: 本人已收到上述慰问金和慰问品。), the version is in what is signed.
STATEMENT_VERSION = "v1"
# Goods by hand, the money to the bank card by finance (a household paid by transfer): nobody
# signs for cash they did not receive.
STATEMENT_TRANSFER = "transfer"


def statement_version(cash_by_hand_fen: int, transfer: bool) -> str:
    """The statement a visit's recipient signs: v1, or the transfer one when the money goes
    to the card and no cash changes hands."""
    return STATEMENT_TRANSFER if transfer and cash_by_hand_fen == 0 else STATEMENT_VERSION


def signature_body(record: SignatureRecord, content: Mapping[str, Any]) -> dict[str, Any]:
    """A ``signature`` event's body: the record's fields and the content it is bound to.

    The content travels with the record so that printing and the central office can recompute
    ``content_sha256`` without rebuilding what the screen showed from other records.
    """
    if content_sha256(content) != record.content_sha256:
        raise ValueError("the content is not what the signature was bound to")
    body = {name: getattr(record, name) for name in SignatureRecord.__dataclass_fields__}
    body["content"] = dict(content)
    body["visit"] = content["visit"]
    body["disbursement"] = content["disbursement"]
    return body


def signature_from_body(body: Mapping[str, Any]) -> tuple[SignatureRecord, dict[str, Any]]:
    """The record and the content of a ``signature`` event body (``verify`` them before use)."""
    fields = {name: body[name] for name in SignatureRecord.__dataclass_fields__ if name in body}
    return SignatureRecord(**fields), dict(body.get("content") or {})
