"""Condolence letters read back from the PDF: names, honorifics, amounts, templates, fonts."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.domain.errors import Cancelled, InvalidInput, NotFound
from app.domain.long_work import CancelFlag
from app.services.printing import letters as printing
from app.services.printing import settings as print_settings
from app.store.db import Store
from tests.documents import world
from tests.documents.pdftext import flat, fonts, pages, size

AMOUNT_TEMPLATE = """[称呼]
尊敬的{recipient_name}{honorific}：
[正文]
{organiser}向您致以{festival}的问候，送上慰问金{amount}（{amount_capitals}）。
[落款]
{organiser}
{date}
"""


def test_a_teams_letters_one_page_each(store: Store, tmp_path: Path) -> None:
    out = tmp_path / "letters.pdf"
    done = printing.print_letters(store, out, team="T1", actor=world.ACTOR)
    texts = pages(out)
    assert done.pages == len(texts) == 3 and done.count == 3
    assert "尊敬的张三同志：" in texts[0] and "尊敬的李四同志：" in texts[1]
    # 孙六 is a 困难退休职工: the retirees' template, with its honorific.
    assert "尊敬的孙六老同志：" in texts[2]
    for page in texts:
        assert "滨海新区总工会" in page and "2027年1月21日" in page and "（盖章）" in page
        assert "值此春节" in "".join(page.split())
        assert "第 1 页" not in page  # a letter a family keeps carries no page number
    assert size(out) == pytest.approx((595.28, 841.89), abs=0.1)


def test_a5_and_one_household(store: Store, tmp_path: Path) -> None:
    out = tmp_path / "one.pdf"
    done = printing.print_letters(store, out, households=[world.WANG], paper="A5",
                                  actor=world.ACTOR)  # fmt: skip
    assert done.pages == 1
    assert "尊敬的王䶮老同志：" in pages(out)[0]  # 䶮 printed, and extracted back
    assert size(out) == pytest.approx((419.53, 595.28), abs=0.1)


def test_a_stored_template_with_the_amount_in_figures_and_capitals(
    store: Store, tmp_path: Path
) -> None:
    print_settings.save_letter_template(store, "带金额", AMOUNT_TEMPLATE)
    assert "带金额" in print_settings.letter_templates(store)
    out = tmp_path / "amount.pdf"
    printing.print_letters(store, out, category="困难职工", template="带金额", actor=world.ACTOR)
    texts = ["".join(p.split()) for p in pages(out)]
    by_name = {t.split("尊敬的")[1][:2]: t for t in texts}
    assert "慰问金¥1,000.50（壹仟元伍角）" in by_name["李四"]  # what was paid
    assert "慰问金¥1,000.00（壹仟元整）" in by_name["钱五"]  # not visited yet: the standard
    assert set(by_name) == {"张三", "李四", "赵㛃", "钱五"}


def test_unknown_template_and_field_are_refused(store: Store, tmp_path: Path) -> None:
    with pytest.raises(NotFound) as caught:
        printing.print_letters(store, tmp_path / "x.pdf", template="没有这个")
    assert caught.value.key == "print.template_unknown"
    assert "职工" in caught.value.params["known"]
    with pytest.raises(InvalidInput) as refused:
        print_settings.save_letter_template(store, "坏", "[正文]\n您好{姓名}")
    assert refused.value.key == "letter.unknown_field"
    assert not (tmp_path / "x.pdf").exists()


def test_a_character_no_font_has_refuses_the_batch(store: Store, tmp_path: Path) -> None:
    print_settings.save_letter_template(store, "生僻", "[正文]\n祝您𠀀年吉祥。")
    out = tmp_path / "rare.pdf"
    with pytest.raises(InvalidInput) as caught:
        printing.print_letters(store, out, team="T1", template="生僻")
    assert caught.value.key == "print.missing_glyph"
    assert caught.value.params["chars"] == ("𠀀",)
    assert "张三" in caught.value.params["who"]
    assert not out.exists()


def test_a_character_wenkai_lacks_prints_with_the_fallback_font(
    store: Store, tmp_path: Path
) -> None:
    print_settings.save_letter_template(store, "扩展A", "[正文]\n祝您㐀年吉祥。")
    out = tmp_path / "ext-a.pdf"
    printing.print_letters(store, out, households=[world.ZHANG], template="扩展A")
    assert "祝您㐀年吉祥。" in flat(out)
    used = " ".join(fonts(out))
    assert "LXGWWenKai" in used and "DroidSansFallback" in used


def test_cancel_leaves_no_file_and_progress_is_reported(store: Store, tmp_path: Path) -> None:
    out = tmp_path / "cancelled.pdf"
    flag = CancelFlag()
    seen: list[tuple[int, int]] = []

    def progress(done: int, total: int) -> None:
        seen.append((done, total))
        flag.set()

    with pytest.raises(Cancelled):
        printing.print_letters(store, out, team="T1", progress=progress, cancel=flag)
    assert seen and seen[0] == (1, 3)
    assert not out.exists() and list(tmp_path.glob("*.tmp")) == []


def test_preview_of_an_unsaved_template(store: Store) -> None:
    data, count = printing.letter_preview(store, AMOUNT_TEMPLATE, id_number=world.LI)
    assert data.startswith(b"%PDF") and count == 1
