"""The first contact (language choice) and the main menu."""

from __future__ import annotations

from dialogs.flow import Flow, Option, Step

__all__ = ["MENU_FLOW", "START_FLOW"]

#: A new person sees a greeting and the language picker; the engine draws its buttons.
START_FLOW = Flow(name="start", version=1, steps=(Step("language", "choose-language"),))

MENU_FLOW = Flow(
    name="menu",
    version=1,
    steps=(
        Step(
            "menu",
            "menu-title",
            options=(
                Option("screening", "menu-screening", "@risk_screening"),
                Option("migration", "menu-migration", "@safe_migration"),
                Option("help", "menu-help", "@help_request"),
                Option("language", "menu-language", "!language"),
                Option("about", "menu-about", "@about"),
            ),
        ),
    ),
)
