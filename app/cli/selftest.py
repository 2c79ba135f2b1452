"""``warmvisit --self-test``: does this installation work? Every part a campaign needs, once, in
a scratch folder that is deleted after: a store, a roster imported, a bundle written and read,
a visit, a letter and a receipt set in the shipped fonts, the window drawn offscreen.

Exit 0 when every step passed; else the first failing step is named in a sentence, and 1.
The scratch folder's name has Chinese and a space in it, as a Windows user's folders do.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from app import __version__
from app import i18n as messages
from app.cli.output import OUT
from app.domain.errors import WarmVisitError
from app.store.db import Store

# What a PDF set in a shipped font names (reportlab embeds a subset under the font's name).
SHIPPED_FONT_NAMES = (b"LXGWWenKai", b"DroidSans")


@dataclass
class Scratch:
    folder: Path
    central: Store | None = None
    laptop: Store | None = None
    household: str = ""  # the ID number of the household visited
    opened: list[Store] = field(default_factory=list)

    def open(self, name: str) -> Store:
        store = Store(self.folder / name)
        self.opened.append(store)
        return store


def _store(s: Scratch) -> None:
    from app.services.search.lookup import household_count

    s.central = s.open("中心 数据.db")  # opening makes and migrates it
    if household_count(s.central) != 0:
        raise RuntimeError("a new store holds households")


def _roster(s: Scratch) -> None:
    from app.services.demo.campaign import make_demo

    assert s.central is not None
    done = make_demo(s.central, households=6, seed=1)
    if done.households != 6:
        raise RuntimeError(f"6 households in the roster, {done.households} imported")


def _bundle(s: Scratch) -> None:
    from app.services.demo.laptop import make_team_laptop
    from app.services.search.lookup import household_count

    assert s.central is not None
    make_team_laptop(s.central, s.folder / "第一组 笔记本.db")
    s.laptop = s.open("第一组 笔记本.db")
    if not household_count(s.laptop):
        raise RuntimeError("the team's bundle brought no households")


def _visit(s: Scratch) -> None:
    from app.domain.visits import Handover, Outcome, VisitInput, VisitMode
    from app.services.infra.context import require_campaign
    from app.services.search.lookup import ensure_search_index, household_card, search_ids
    from app.services.visits.recording import record_visit

    assert s.laptop is not None
    ensure_search_index(s.laptop)  # the window's household list, as on its first start
    cards = [household_card(s.laptop, i) for i in search_ids(s.laptop, "", limit=20)]
    card = next(c for c in cards if c is not None and c.category_code and c.cash_fen)
    handover = Handover(card.category_code or "", cash_fen=card.cash_fen or 0,
                        goods=card.goods or "", goods_fen=card.goods_fen or 0)  # fmt: skip
    day = require_campaign(s.laptop).start
    record_visit(s.laptop, VisitInput(household_id=card.id, day=day, mode=VisitMode.HOME,
                                      outcome=Outcome.VISITED, visitors=("自检",),
                                      handovers=(handover,), paper_signed=True))  # fmt: skip
    s.household = card.id_number


def _in_shipped_font(pdf: Path, count: int) -> None:
    data = pdf.read_bytes()
    if count != 1 or not data.startswith(b"%PDF"):
        raise RuntimeError(f"{pdf.name}: {count} printed, not 1")
    if not any(name in data for name in SHIPPED_FONT_NAMES):
        raise RuntimeError(f"{pdf.name} does not embed the shipped fonts")


def _letter(s: Scratch) -> None:
    from app.services.printing.letters import print_letters

    assert s.laptop is not None
    printed = print_letters(s.laptop, s.folder / "慰问信 自检.pdf", households=[s.household],
                            lang=OUT.lang)  # fmt: skip
    _in_shipped_font(printed.path, printed.count)


def _receipt(s: Scratch) -> None:
    from app.services.printing.receipts import print_receipts

    assert s.laptop is not None
    printed = print_receipts(s.laptop, s.folder / "签收表 自检.pdf", team="T1", lang=OUT.lang)
    _in_shipped_font(printed.path, printed.count)


def _window(s: Scratch) -> None:
    from app.ui.app import draw_offscreen

    width, _height, title = draw_offscreen(s.folder / "第一组 笔记本.db", lang=OUT.lang)
    if width < 100 or __version__ not in title:
        raise RuntimeError(f"the window did not draw ({width} pixels wide, title {title!r})")


STEPS: tuple[tuple[str, Callable[[Scratch], None]], ...] = (
    ("selftest.store", _store),
    ("selftest.roster", _roster),
    ("selftest.bundle", _bundle),
    ("selftest.visit", _visit),
    ("selftest.letter", _letter),
    ("selftest.receipt", _receipt),
    ("selftest.window", _window),
)


def run_self_test() -> int:
    total = len(STEPS)
    # A file Windows still holds (an antivirus scanning the PDF) must not fail a passed test.
    with tempfile.TemporaryDirectory(prefix="送温暖 自检-", ignore_cleanup_errors=True) as folder:
        scratch = Scratch(Path(folder))
        try:
            for n, (key, step) in enumerate(STEPS, 1):
                name = OUT.text(key)
                try:
                    step(scratch)
                except Exception as error:  # every failure is the installation's to report
                    detail = _detail(error)
                    OUT.say_err(OUT.text("selftest.failed", n=n, total=total, step=name,
                                         detail=detail))  # fmt: skip
                    return 1
                OUT.say(OUT.text("selftest.passed_step", n=n, total=total, step=name))
        finally:
            for store in scratch.opened:
                store.close()
    OUT.say(OUT.text("selftest.passed", total=total, version=__version__))
    return 0


def _detail(error: Exception) -> str:
    if isinstance(error, WarmVisitError):
        return messages.render(error, OUT.lang)
    return f"{type(error).__name__}: {error}"
