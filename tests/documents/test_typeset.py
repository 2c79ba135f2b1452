"""Chinese line breaking (禁则), fonts per character, and the table engine's pages."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.documents.pdf_fonts import font_chain
from app.documents.pdf_layout import Column, Layout, Table, write_layout
from app.documents.pdf_typeset import CLOSING, OPENING, break_lines, tokens
from app.domain.errors import InvalidInput
from app.domain.letter_template import parse_template
from tests.documents.pdftext import pages

CHAIN = font_chain()
SIZE = 10.0


def test_no_closing_punctuation_starts_a_line() -> None:
    # Ten characters fit; the eleventh is "，", which must not start the next line.
    text = "一二三四五六七八九十，十一十二十三。"
    lines = break_lines(text, CHAIN, SIZE, 10 * SIZE)
    assert "".join(lines) == text
    assert all(line[0] not in CLOSING for line in lines), lines
    assert lines[0] == "一二三四五六七八九"  # 十 was pulled down with the comma
    assert lines[1].startswith("十，")


def test_no_opening_punctuation_ends_a_line() -> None:
    text = "一二三四五六七八九《十一》十二"
    lines = break_lines(text, CHAIN, SIZE, 10 * SIZE)
    assert all(line[-1] not in OPENING for line in lines), lines
    assert lines[1].startswith("《")


def test_punctuation_hangs_when_nothing_can_be_pulled_down() -> None:
    lines = break_lines("一。", CHAIN, SIZE, 1 * SIZE)
    assert lines == ["一。"]


def test_runs_of_closing_punctuation_stay_together() -> None:
    text = "一二三四五六七八九十。”一"
    lines = break_lines(text, CHAIN, SIZE, 10 * SIZE)
    assert all(line[0] not in CLOSING for line in lines), lines


def test_amounts_and_latin_words_are_not_split() -> None:
    text = "发放慰问金¥1,000.00元和大米10kg×1袋"
    assert "¥1,000.00" in tokens(text)
    for width in range(6, 20):  # ¥1,000.00 is about five characters wide
        lines = break_lines(text, CHAIN, SIZE, width * SIZE)
        assert any("¥1,000.00" in line for line in lines), (width, lines)


def test_first_line_indent_of_two_characters() -> None:
    text = "一" * 20
    lines = break_lines(text, CHAIN, SIZE, 10 * SIZE, first_indent=2 * SIZE)
    assert [len(line) for line in lines] == [8, 10, 2]


def test_a_character_wenkai_lacks_is_drawn_with_the_fallback() -> None:
    runs = CHAIN.runs("王㐀明")  # U+3400 is in Droid Sans Fallback only
    assert len(runs) == 3 and runs[0][0] == runs[2][0] != runs[1][0]
    assert CHAIN.missing("王䶮㛃𠇔") == ""  # rare name characters DESIGN.md names
    assert CHAIN.missing("王𠀀") == "𠀀"  # in neither shipped font


def test_a_long_table_repeats_its_header_and_numbers_its_pages(tmp_path: Path) -> None:
    lay = Layout(CHAIN, lang="zh")
    rows = [[str(n), f"姓名{n}", "一段会换行的较长文字，" * 3] for n in range(1, 121)]
    lay.table(Table([Column("序号", 1), Column("姓名", 2), Column("情况说明", 4)], rows))
    out = tmp_path / "t.pdf"
    count = write_layout(out, lay)
    texts = pages(out)
    assert count == len(texts) > 2
    for number, page in enumerate(texts, start=1):
        assert "情况说明" in page  # the header on every page
        assert f"第 {number} 页 共 {count} 页" in page
    assert "姓名120" in texts[-1]


def test_a_template_with_an_unknown_field_is_refused() -> None:
    with pytest.raises(InvalidInput) as caught:
        parse_template("x", "[正文]\n尊敬的{name}：")
    assert caught.value.key == "letter.unknown_field"
    assert caught.value.params["field"] == "name"
    with pytest.raises(InvalidInput) as caught:
        parse_template("x", "[标题]\n慰问信")
    assert caught.value.key == "letter.no_body"
    with pytest.raises(InvalidInput) as caught:
        parse_template("x", "[正文]\n祝{recipient_name")
    assert caught.value.key == "letter.brace"
