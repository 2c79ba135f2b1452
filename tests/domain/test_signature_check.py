"""What a signature's body says of itself, worked out once as it arrives (signature_check)."""

from __future__ import annotations

from app.domain.events import canonical
from app.domain.signature import (
    SignatureRecord,
    content_sha256,
    pack_strokes,
    signature_body,
    signed_content,
    strokes_sha256,
)
from app.domain.signature_check import check_signature

PACKED = pack_strokes([[(100, 200, 0, None), (900, 260, 16, None), (1800, 240, 33, None)]])


def body(cash_fen: int = 50_000, **changed: object) -> str:
    content = signed_content(
        campaign="2027年春节送温暖", visit="v1", disbursement="d1", household="h1",
        recipient_name="张三", id_tail="1234", cash_fen=cash_fen, cash_capitals="伍佰元整",
        goods=[], organiser="滨海新区总工会", team="", date="2027-01-21",
        statement_version="v1",
    )  # fmt: skip
    record = SignatureRecord(
        pad_width=800, pad_height=240, device_pixel_ratio_x100=100, device_type="mouse",
        device_name="test", strokes=PACKED, started_at="2027-01-21T10:00:00+08:00",
        ended_at="2027-01-21T10:00:03+08:00", signer_role="recipient", signer_name="张三",
        signer_relation="", strokes_sha256=strokes_sha256(PACKED),
        content_sha256=content_sha256(content),
    )  # fmt: skip
    return canonical(signature_body(record, content) | changed)


def test_a_sound_signature_is_intact_with_its_visit_cash_and_method() -> None:
    check = check_signature("e1", "s1", body())
    assert (check.visit, check.intact, check.shown_cash, check.method, check.marked) == (
        "v1", True, 50_000, "pad", False,
    )  # fmt: skip


def test_strokes_or_a_visit_that_do_not_match_are_not_intact() -> None:
    other = pack_strokes([[(1, 2, 0, None), (3, 4, 5, None)]])
    assert not check_signature("e1", "s1", body(strokes=other)).intact
    moved = check_signature("e1", "s1", body(visit="v2"))
    assert (moved.visit, moved.intact, moved.shown_cash) == ("v2", False, None)


def test_a_body_that_cannot_be_read_names_no_visit() -> None:
    check = check_signature("e1", "s1", "{not json")
    assert (check.visit, check.intact, check.shown_cash, check.method) == (None, False, None, "")


def test_a_print_on_paper_is_marked_for_the_flags() -> None:
    assert check_signature("e1", "s1", body(method="thumbprint")).marked
