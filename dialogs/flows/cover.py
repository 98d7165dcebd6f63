"""The cover menu: ordinary travel notes shown instead of the real menu, until the person
sends the phrase their NGO gave them (``LASTIVKA_COVER_MENU``; bot.conversations checks it).

Nothing here may hint at the real purpose: no help, consultant or privacy buttons (the
engine draws only Back and the exit on these screens). The notes are everyday travel
habits, not advice that could hurt if it were wrong: no numbers, laws or addresses.
"""

from __future__ import annotations

from dialogs.flow import Flow, Option, Step

__all__ = ["COVER"]

_TOPICS = ("packing", "money", "phone")

COVER = Flow(
    name="cover",
    version=1,
    steps=(
        Step(
            "tips",
            "cover-title",
            options=tuple(Option(t, f"cover-{t}-button", t) for t in _TOPICS),
        ),
        *(Step(t, f"cover-{t}", back="tips") for t in _TOPICS),
    ),
)
