"""About Lastivka and what it keeps about a person (R54: a transparency page)."""

from __future__ import annotations

from dialogs.flow import Flow, Option, Step

__all__ = ["ABOUT"]

ABOUT = Flow(
    name="about",
    version=1,
    steps=(
        Step(
            "about",
            "about-text",
            options=(Option("privacy", "about-privacy-button", "privacy"),),
        ),
        Step("privacy", "privacy-policy", back="about"),
    ),
)
