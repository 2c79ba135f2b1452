"""What a clerk sets for printing, kept among the store's settings: the print settings (fonts,
festival, notice period …, meanings in docs/printing.md) and letter templates. A clerk's edit
of a template replaces the shipped text of that name (resources/letters) until reset."""

from __future__ import annotations

from app.domain.errors import InvalidInput, NotFound
from app.domain.letter_template import LetterTemplate, parse_template
from app.domain.text import clean
from app.paths import asset
from app.services.printing.records import parse_day
from app.store import documents as store_documents
from app.store.db import Store


def _shipped_templates() -> dict[str, str]:
    folder = asset("resources", "letters")
    if not folder.is_dir():
        return {}
    return {p.stem: p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt"))}


def letter_templates(store: Store) -> dict[str, str]:
    """Every template by name: the shipped ones, replaced by a clerk's edit of the same name."""
    return {**_shipped_templates(), **store_documents.stored_templates(store)}


def letter_template(store: Store, name: str) -> LetterTemplate:
    templates = letter_templates(store)
    key = clean(name)
    if key not in templates:
        raise NotFound("print.template_unknown", name=name, known=tuple(templates))
    return parse_template(key, templates[key])


def save_letter_template(store: Store, name: str, text: str) -> LetterTemplate:
    """Keep a clerk's edited template (checked first: an unknown {field} is refused)."""
    key = clean(name)
    if not key:
        raise InvalidInput("print.template_name")
    template = parse_template(key, text)
    with store.transaction():
        store_documents.save_template(store, key, text)
    return template


def reset_letter_template(store: Store, name: str) -> None:
    """Drop a clerk's edit: the shipped template of that name applies again."""
    with store.transaction():
        store_documents.remove_template(store, clean(name))


PRINT_SETTINGS = ("letter_font", "table_font", "festival", "honorific", "letter_date",
                  "notice_start", "notice_days", "notice_contact", "notice_id_mask",
                  "notice_phone_mask", "notice_phone")  # fmt: skip
# The values the notice reads as codes (a wrong one would only show when the notice is printed).
MASKS = {"notice_id_mask": ("mask", "tail", "none"), "notice_phone_mask": ("mask", "none")}


def print_settings(store: Store) -> dict[str, str]:
    return store_documents.print_settings(store)


def set_print_setting(store: Store, name: str, value: str) -> None:
    """A printing setting by name (``print-setting NAME VALUE``); an empty value removes it."""
    if name not in PRINT_SETTINGS:
        raise InvalidInput("print.setting_unknown", name=name, known=tuple(PRINT_SETTINGS))
    value = clean(value)
    check_print_setting(name, value)
    with store.transaction():
        store_documents.set_print_setting(store, name, value)


def check_print_setting(name: str, value: str) -> None:
    """A value the notice can read (refused with a sentence naming it, before anything is kept)."""
    if not value:
        return
    if name == "notice_days" and not (value.isdigit() and 1 <= int(value) <= 366):
        raise InvalidInput("print.notice_days", value=value)
    if name == "notice_start":
        parse_day(value)
    if name in MASKS and value not in MASKS[name]:
        raise InvalidInput("print.mask_unknown", name=name, value=value, known=MASKS[name])
