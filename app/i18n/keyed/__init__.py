"""The keyed sentences (errors, row problems, flags, reasons), declared by feature.

Each module declares ``K(key, Chinese source)``; importing this package declares them all.
"""

from app.i18n.keyed import (
    bundles,
    campaign,
    cli,
    decisions,
    general,
    history,
    money,
    opinions,
    printing,
    rosters,
    transfers,
    upkeep,
    visits,
)

__all__ = [
    "bundles",
    "campaign",
    "cli",
    "decisions",
    "general",
    "history",
    "money",
    "opinions",
    "printing",
    "rosters",
    "transfers",
    "upkeep",
    "visits",
]
