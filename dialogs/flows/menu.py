"""The first contact (language choice) and the main menu."""

from __future__ import annotations

from dialogs.engine import CARRY
from dialogs.flow import Answers, Flow, Option, Route, Step, TextRule
from dialogs.flows.risk_screening import AD_MIN_LENGTH, PREFIX, ad_answers, ad_findings
from dialogs.types import Answer, Effect, Reply, Text

__all__ = ["MENU_FLOW", "START_FLOW"]

#: A new person sees a greeting and the language picker; the engine draws its buttons.
START_FLOW = Flow(name="start", version=1, steps=(Step("language", "choose-language"),))


def _pasted(answers: Answers, given: Text) -> tuple[dict[str, Answer], tuple[Effect, ...]]:
    """A job ad pasted or forwarded in the menu is read at once; chat gets the usual hint."""
    if len(given.text.strip()) < AD_MIN_LENGTH and not given.forwarded:
        return {}, (Reply("use-buttons"),)
    filled, flags = ad_answers(given.text)
    if not flags:
        return {}, (ad_findings(flags),)
    carried: dict[str, Answer] = {CARRY + PREFIX + key: value for key, value in filled.items()}
    carried[CARRY + "ad"] = True
    if given.forwarded:
        carried[CARRY + "ad_origin"] = given.forwarded
    return carried, (ad_findings(flags), Reply("ad-continue"))


def _after_paste(answers: Answers) -> str:
    return "@risk_screening" if answers else "menu"


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
                Option("human", "menu-human", "@human"),
                Option("language", "menu-language", "!language"),
                Option("subscribe", "menu-subscribe", "@subscribe"),
                Option("settings", "menu-settings", "@settings"),
                Option("about", "menu-about", "@about"),
            ),
            text=TextRule(_pasted, Route(_after_paste, ("menu", "@risk_screening"))),
        ),
    ),
)
