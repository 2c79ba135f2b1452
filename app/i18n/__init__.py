"""Every word a person reads, in one gettext catalogue (see catalogue.py), and the labels of
enumerated codes (labels.py). No Qt: the window, the command line and the documents share it.
Services and the store never import it: they hand over keys, parameters and codes."""

from app.i18n import keyed as _keyed  # noqa: F401  (declares the keyed sentences)
from app.i18n import labels as _labels  # noqa: F401  (shows codes in parameters as words)
from app.i18n import record_words as _record_words  # noqa: F401  (fields and kinds as words)
from app.i18n.catalogue import (
    N_,
    _,
    current_language,
    default_language,
    field,
    languages,
    listed,
    long_date,
    pgettext,
    render,
    set_language,
    text,
)
from app.i18n.labels import label, labels

__all__ = [
    "N_",
    "_",
    "current_language",
    "default_language",
    "label",
    "labels",
    "languages",
    "field",
    "listed",
    "long_date",
    "pgettext",
    "render",
    "set_language",
    "text",
]
