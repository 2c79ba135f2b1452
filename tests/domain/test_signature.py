"""Signatures: packing round trips, the hashes and 校验码 that bind them, ink rule, curves."""

from __future__ import annotations

import dataclasses
import json
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.domain.signature import (
    CONTENT_KEYS,
    SignatureRecord,
    bezier_segments,
    check_code,
    content_sha256,
    has_enough_ink,
    open_segment,
    pack_strokes,
    quad_to_cubic,
    settled_segment,
    signed_content,
    stroke_widths,
    strokes_sha256,
    unpack_strokes,
    verify,
)

SMALL = st.integers(-(2**15), 2**15)  # around what a pad produces, negative deltas included
ANY_INT = st.integers() | st.integers(-(2**70), 2**70)


def samples(ints: st.SearchStrategy[int], pressure: st.SearchStrategy[int | None]):
    return st.tuples(ints, ints, ints, pressure)


def signatures(ints: st.SearchStrategy[int], pressure: st.SearchStrategy[int | None]):
    return st.lists(st.lists(samples(ints, pressure), max_size=30), max_size=8)


def content(**changes: object) -> dict[str, object]:
    base = signed_content(
        campaign="2027春节", visit="v-1", disbursement="d-1", household="h-1",
        recipient_name="张三", id_tail="1234", cash_fen=100000, cash_capitals="人民币壹仟元整",
        goods=["大米10kg×1袋", "食用油5L×1桶"], organiser="XX区总工会", team="第一慰问组",
        date="2027-01-20", statement_version="1",
    )  # fmt: skip
    return {**base, **changes}


def stroke_across(width_px: float, n: int = 20) -> list[tuple[int, int, int, None]]:
    return [(round(width_px * 10 * i / (n - 1)), 500, 8 * i, None) for i in range(n)]


def make_record(
    strokes: list[list[tuple[int, int, int, int | None]]], shown: dict
) -> SignatureRecord:
    packed = pack_strokes(strokes)
    return SignatureRecord(
        pad_width=900, pad_height=260, device_pixel_ratio_x100=125, device_type="mouse",
        device_name="core pointer", strokes=packed, started_at="2027-01-20T14:31:05+08:00",
        ended_at="2027-01-20T14:31:09+08:00", signer_role="recipient", signer_name="张三",
        signer_relation="", strokes_sha256=strokes_sha256(packed),
        content_sha256=content_sha256(shown),
    )  # fmt: skip


SIGNATURE = [
    [(1200, 800, 0, 300), (1260, 790, 8, 340), (1330, 770, 16, 420), (1400, 760, 25, 400)],
    [(2000, 900, 410, 380), (2010, 1100, 418, 500)],
    [(2500, 1000, 800, 200)],
]


# --- packing -----------------------------------------------------------------------------------


@given(signatures(SMALL, st.integers(0, 1024)))
def test_pad_strokes_with_pressure_round_trip(strokes):
    packed = pack_strokes(strokes)
    assert packed.isascii() and packed.isprintable()
    assert unpack_strokes(packed) == strokes
    assert pack_strokes(unpack_strokes(packed)) == packed  # one text for one signature


@given(signatures(SMALL, st.none()))
def test_strokes_without_pressure_round_trip(strokes):
    assert unpack_strokes(pack_strokes(strokes)) == strokes


@given(signatures(ANY_INT, st.integers() | st.none()))
def test_any_integers_and_mixed_pressure_round_trip(strokes):
    packed = pack_strokes(strokes)
    assert unpack_strokes(packed) == strokes
    assert pack_strokes(unpack_strokes(packed)) == packed


@pytest.mark.parametrize(
    "strokes",
    [
        [],
        [[]],
        [[], [(1, 2, 3, None)], []],
        [[(5, 5, 0, None)]],
        [[(10_000, 20, 0, 7), (-30_000, 40_000, 5, -3)]],  # big negative deltas
        [[(0, 0, 0, None), (0, 0, 1, 512)]],  # pressure on some samples only: the text form
        [[(2**63, -(2**63) - 1, 0, None)]],  # beyond 64 bits: the text form
    ],
)
def test_edge_cases_round_trip(strokes):
    assert unpack_strokes(pack_strokes(strokes)) == strokes


def test_pad_strokes_use_the_compact_form():
    assert pack_strokes(SIGNATURE).startswith("b1.")
    long = [stroke_across(300, 300)]
    assert len(pack_strokes(long)) < len(json.dumps(long, separators=(",", ":"))) / 2


@pytest.mark.parametrize(
    "sample", [(1, 2, 3), (1.5, 2, 3, None), (1, 2, 3, 0.5), (True, 2, 3, None), ("1", 2, 3, 4)]
)
def test_packing_takes_only_integer_samples(sample):
    with pytest.raises(ValueError):
        pack_strokes([[sample]])


@pytest.mark.parametrize(
    "text", ["", "[[1,2,3,null]]", "b1.!!!", "b1.AAAA", "t1.1 2 3", "t1.a b c d"]
)
def test_damaged_text_is_refused(text):
    with pytest.raises(ValueError):
        unpack_strokes(text)


def test_truncated_binary_is_refused():
    packed = pack_strokes(SIGNATURE)
    with pytest.raises(ValueError):
        unpack_strokes(packed[:-8])


# --- hashes and the check code -----------------------------------------------------------------


def test_check_code_format():
    code = check_code("a" * 64, "b" * 64)
    assert re.fullmatch(r"[0-9A-F]{4}-[0-9A-F]{4}", code)
    assert code == check_code("a" * 64, "b" * 64)


def test_one_changed_coordinate_changes_the_strokes_hash_and_check_code():
    shown = content()
    moved = [list(stroke) for stroke in SIGNATURE]
    x, y, t, p = moved[0][2]
    moved[0][2] = (x + 1, y, t, p)  # 0.1 px
    a, b = make_record(SIGNATURE, shown), make_record(moved, shown)
    assert a.strokes_sha256 != b.strokes_sha256
    assert a.content_sha256 == b.content_sha256
    assert a.check_code != b.check_code


def test_one_changed_fen_changes_the_content_hash_and_check_code():
    a = make_record(SIGNATURE, content())
    b = make_record(SIGNATURE, content(cash_fen=100001))
    assert a.content_sha256 != b.content_sha256
    assert a.check_code != b.check_code


def test_content_hash_is_canonical():
    shown = content()
    reordered = dict(reversed(list(shown.items())))
    assert content_sha256(reordered) == content_sha256(shown)
    assert set(shown) == set(CONTENT_KEYS)


def test_content_refuses_floats():
    with pytest.raises(ValueError):
        content_sha256(content(cash_fen=1000.0))
    with pytest.raises(ValueError):
        content_sha256(content(goods=[{"fen": 0.1}]))


def test_verify_detects_tampering():
    shown = content()
    record = make_record(SIGNATURE, shown)
    assert verify(record, shown)
    assert not verify(record, content(recipient_name="张四"))
    assert not verify(record, content(cash_fen=200000))
    other = pack_strokes([SIGNATURE[0]])
    assert not verify(dataclasses.replace(record, strokes=other), shown)
    swapped = dataclasses.replace(record, strokes=other, strokes_sha256=strokes_sha256(other))
    assert verify(swapped, shown)  # both hashes recomputed match …
    assert swapped.check_code != record.check_code  # … but the printed 校验码 no longer does


def test_record_checks_role_and_method():
    shown = content()
    record = make_record(SIGNATURE, shown)
    with pytest.raises(ValueError):
        dataclasses.replace(record, signer_role="boss")
    with pytest.raises(ValueError):
        dataclasses.replace(record, method="stamp")
    with pytest.raises(ValueError):
        dataclasses.replace(record, method="thumbprint", signer_role="witness")
    witness = dataclasses.replace(
        record, method="thumbprint", signer_role="witness", reason="illiterate", slip_number="0007"
    )
    assert witness.method == "thumbprint"


# --- ink -----------------------------------------------------------------------------------------


def test_empty_pad_has_no_ink():
    assert not has_enough_ink([], 96)
    assert not has_enough_ink([[]], 96)


@pytest.mark.parametrize(("dpi", "min_px"), [(96, 1.5 / 2.54 * 96), (89.6, 1.5 / 2.54 * 89.6)])
def test_ink_must_be_one_and_a_half_centimetres_wide(dpi, min_px):
    enough = round(min_px * 10) + 1  # x is stored ×10
    short = enough - 2
    assert has_enough_ink([[(1000, 0, 0, None), (1000 + enough, 0, 9, None)]], dpi)
    assert not has_enough_ink([[(1000, 0, 0, None), (1000 + short, 0, 9, None)]], dpi)


def test_ink_width_spans_strokes():
    left = [(1000, 500, 0, None)]
    right = [(1000 + 600, 900, 300, None)]  # 60 px apart at 96 dpi ≈ 1.59 cm
    assert not has_enough_ink([left], 96)
    assert has_enough_ink([left, right], 96)


def test_a_tall_narrow_mark_is_not_enough():
    assert not has_enough_ink([[(1000, 0, 0, None), (1100, 3000, 50, None)]], 96)


def flat(points) -> list[float]:
    return [c for point in points for c in point]


# --- curves --------------------------------------------------------------------------------------


def test_bezier_controls_for_a_three_point_stroke():
    stroke = [(0, 0, 0, None), (300, 300, 8, None), (600, 0, 16, None)]  # (0,0) (30,30) (60,0)
    first, last = bezier_segments(stroke)
    # quadratic (0,0) → mid((30,30),(60,0)) = (45,15), control (30,30)
    assert flat(first) == pytest.approx(flat(((0, 0), (20, 20), (35, 25), (45, 15))))
    # straight to the last sample: controls at a third and two thirds
    assert flat(last) == pytest.approx(flat(((45, 15), (50, 10), (55, 5), (60, 0))))


def test_quad_to_cubic():
    cubic = quad_to_cubic((0, 0), (3, 6), (9, 0))
    assert flat(cubic) == pytest.approx(flat(((0, 0), (2, 4), (5, 4), (9, 0))))


def test_single_sample_is_a_dot_and_two_are_a_line():
    assert bezier_segments([(100, 200, 0, None)]) == [((10, 20),) * 4]
    (line,) = bezier_segments([(0, 0, 0, None), (90, 0, 5, None)])
    assert flat(line) == pytest.approx(flat(((0, 0), (3, 0), (6, 0), (9, 0))))
    assert bezier_segments([]) == []


@given(st.lists(samples(SMALL, st.none()), min_size=1, max_size=40))
def test_incremental_segments_match_the_whole(stroke):
    """What a pad paints sample by sample is the curve drawn from the stored strokes."""
    segments = bezier_segments(stroke)
    assert len(segments) == max(len(stroke) - 1, 1)
    assert open_segment(stroke) == segments[-1]
    for n in range(3, len(stroke) + 1):
        assert settled_segment(stroke[:n]) == segments[n - 3]
    assert settled_segment(stroke[:2]) is None


def test_widths_from_pressure_or_constant():
    stroke = [(0, 0, 0, 0), (10, 0, 5, 512), (20, 0, 9, 1024)]
    assert stroke_widths(stroke) == pytest.approx([1.4, 2.2])
    assert stroke_widths([(0, 0, 0, None), (10, 0, 5, None)]) == pytest.approx([1.4])
    assert stroke_widths([(0, 0, 0, 0)]) == pytest.approx([0.6])
    assert stroke_widths(stroke, min_pt=1, max_pt=3) == pytest.approx([2, 3])
    assert len(stroke_widths(SIGNATURE[0])) == len(bezier_segments(SIGNATURE[0]))
