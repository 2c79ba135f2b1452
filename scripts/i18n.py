"""The catalogue's build steps (Babel), run by the set-up script, the package build and tests.

    python scripts/i18n.py update    extract every string from app/ and forms/, merge them into
                                     each resources/locale/<lang>/LC_MESSAGES/warmvisit.po (new
                                     ones untranslated, gone ones kept as obsolete), then compile
    python scripts/i18n.py compile   .po → .mo (what the app reads), for every language
    python scripts/i18n.py check     every string extracted has a translation with the same
                                     {placeholders} in every .po, and every .mo is current;
                                     prints what is wrong and exits 1

Chinese is the source language: the code holds the Chinese, each .po the other language.
Strings are marked with _(), pgettext(), N_() and, in app/ui, t(); K(key, source) (keyed
sentences, the key is the context), L(code, context, source) (labels of codes), and in the Qt
Designer forms by being a <string> not marked notr.
"""

from __future__ import annotations

import ast
import io
import re
import string
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
LOCALE = ROOT / "resources" / "locale"
DOMAIN = "warmvisit"
CJK = re.compile(r"[\u3400-\u9fff]")
KEYWORDS: dict[str, Any] = {
    "_": None, "N_": None,
    "pgettext": ((1, "c"), 2),
    "K": ((1, "c"), 2),
    "L": ((2, "c"), 3),
}  # fmt: skip


def extract_ui(fileobj: Any, keywords: Any, comment_tags: Any, options: Any) -> Iterator[Any]:
    """Babel extractor for Qt Designer forms: each <string> with Chinese in it and not marked
    notr (formats such as yyyy-MM-dd and sample text such as 14:30 are not words; a choice
    button's number badge "1 上门" is not part of its words)."""
    for element in ElementTree.parse(fileobj).iter("string"):
        text = element.text or ""
        if not CJK.search(text) or element.get("notr") == "true":
            continue
        badge, _, rest = text.partition(" ")
        yield 0, "_", rest if badge.isdigit() and rest else text, []


def extract_python(fileobj: Any, keywords: Any, comment_tags: Any, options: Any) -> Iterator[Any]:
    """Babel extractor for Python by its syntax tree, so that a call inside an f-string
    (f"{t('校验码')} …") is found too (Babel's own reads tokens, and before Python 3.12 an
    f-string is one token)."""
    tree = ast.parse(fileobj.read().decode("utf-8"))
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)
        if name not in keywords:
            continue
        args = tuple(a.value if isinstance(a, ast.Constant) and isinstance(a.value, str)
                     else None for a in node.args)  # fmt: skip
        if any(a is not None for a in args):
            yield node.lineno, name, args if len(args) > 1 else args[0], []


PYTHON = "scripts.i18n:extract_python"


def template() -> Catalog:
    pot = Catalog(domain=DOMAIN, project="WarmVisit", charset="utf-8")
    # The window's t() is a keyword only in app/ui: elsewhere t is a team or a time.
    passes = [
        ("app", [("ui/**.py", "ignore"), ("**.py", PYTHON)], KEYWORDS),
        ("app/ui", [("compiled_forms/**.py", "ignore"), ("**.py", PYTHON)],
         {**KEYWORDS, "t": None}),
        ("forms", [("**.ui", "scripts.i18n:extract_ui")], KEYWORDS),
    ]  # fmt: skip
    for dirname, methods, keywords in passes:
        for filename, lineno, message, comments, context in extract_from_dir(
            ROOT / dirname, methods, keywords=keywords
        ):
            msgid = message[0] if isinstance(message, tuple | list) else message
            if msgid:
                pot.add(msgid, locations=[(f"{dirname}/{filename}", lineno)],
                        auto_comments=comments, context=context)  # fmt: skip
    return pot


def po_files() -> list[Path]:
    return sorted(LOCALE.glob(f"*/LC_MESSAGES/{DOMAIN}.po"))


def read(path: Path) -> Catalog:
    with path.open("rb") as f:
        return read_po(f, locale=path.parts[-3], domain=DOMAIN)


def write(path: Path, catalog: Catalog) -> None:
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=100, sort_output=False, omit_header=False, ignore_obsolete=True)
    path.write_bytes(buffer.getvalue())


def update() -> None:
    pot = template()
    for path in po_files():
        catalog = read(path)
        # A string moved into or out of a context (or back from obsolete) keeps its
        # translation where the Chinese is the same.
        known = {m.id: m.string for m in [*catalog, *catalog.obsolete.values()]
                 if m.id and m.string and not m.fuzzy}  # fmt: skip
        catalog.update(pot, no_fuzzy_matching=True, update_header_comment=False)
        for message in catalog:
            if message.id and not message.string and message.id in known:
                message.string = known[message.id]
        write(path, catalog)
        untranslated = [m.id for m in catalog if m.id and not m.string]
        print(f"{path.relative_to(ROOT)}: {len(catalog)} strings, {len(untranslated)} to translate")
    compile_all()


def mo_path(po: Path) -> Path:
    return po.with_suffix(".mo")


def compile_all() -> None:
    for path in po_files():
        buffer = io.BytesIO()
        write_mo(buffer, read(path), use_fuzzy=False)
        target = mo_path(path)
        if not target.exists() or target.read_bytes() != buffer.getvalue():
            target.write_bytes(buffer.getvalue())


def placeholders(text: str) -> set[str]:
    return {field for _lit, field, _spec, _conv in string.Formatter().parse(text) if field}


def problems() -> list[str]:
    """What keeps the catalogue from being whole, one line each."""
    found = []
    pot = template()
    for path in po_files():
        name = path.relative_to(ROOT).as_posix()
        catalog = read(path)
        for message in pot:
            if not message.id:
                continue
            have = catalog.get(message.id, context=message.context)
            where = f"{message.context}: " if message.context else ""
            if have is None or not have.string or have.fuzzy:
                found.append(f"{name}: no translation for {where}{message.id!r}")
                continue
            try:
                same = placeholders(message.id) == placeholders(have.string)
            except ValueError:
                same = False
            if not same:
                found.append(f"{name}: placeholders differ for {where}{message.id!r}")
        buffer = io.BytesIO()
        write_mo(buffer, catalog, use_fuzzy=False)
        if not mo_path(path).exists() or mo_path(path).read_bytes() != buffer.getvalue():
            found.append(f"{name}: the .mo is missing or stale (python scripts/i18n.py compile)")
    return found


def main(argv: list[str]) -> int:
    command = argv[1] if len(argv) > 1 else ""
    if command == "update":
        update()
    elif command == "compile":
        compile_all()
    elif command == "check":
        lines = problems()
        print("\n".join(lines) or "catalogue complete")
        return 1 if lines else 0
    else:
        print(__doc__)
        return 2
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    sys.exit(main(sys.argv))
