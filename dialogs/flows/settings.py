"""The person's safety settings: a code word, "exit also deletes my data", delete my data.

The code word is the person's own: sent at any time, it gets an ordinary-looking answer
while a consultant is alerted (bot.conversations checks it; nothing here says so on screen).
Settings live apart from answers (engine ``SETTING`` keys) so they outlive a dialog.
"""

from __future__ import annotations

import re
import unicodedata

from dialogs.flow import Answers, Condition, Flow, Option, Route, Step, TextRule
from dialogs.safety import SETTING
from dialogs.types import Answer, Arg, Effect, Erase, Fragment, Reply, Text

__all__ = ["CODEWORD_MAX", "CODEWORD_MIN", "SETTINGS", "normalise_phrase"]

CODEWORD_MIN = 3
CODEWORD_MAX = 40
_SPACES = re.compile(r"\s+")
_EDGE = " \t\n.,!?;:…\"'«»()-"


def normalise_phrase(text: str) -> str:
    """How a code word (or a cover phrase) is compared: case, spacing, edge punctuation
    and Unicode forms do not matter, so a hurried message still matches."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    return _SPACES.sub(" ", folded).strip(_EDGE)


def _has(name: str) -> Condition:
    return lambda answers: bool(answers.get(SETTING + name))


def _lacks(name: str) -> Condition:
    return lambda answers: not answers.get(SETTING + name)


def _status(answers: Answers) -> dict[str, Arg]:
    word = "on" if answers.get(SETTING + "codeword") else "off"
    erase = "on" if answers.get(SETTING + "exit_erases") else "off"
    return {
        "codeword": Fragment(f"settings-codeword-{word}"),
        "erases": Fragment(f"settings-erases-{erase}"),
    }


def _codeword(answers: Answers, given: Text) -> tuple[dict[str, Answer], tuple[Effect, ...]]:
    word = normalise_phrase(given.text)
    result = {key: value for key, value in answers.items() if not key.startswith(SETTING)}
    if given.forwarded or not CODEWORD_MIN <= len(word) <= CODEWORD_MAX or word.startswith("/"):
        result["_codeword"] = "bad"
        args: dict[str, Arg] = {"min": CODEWORD_MIN, "max": CODEWORD_MAX}
        return result, (Reply("codeword-invalid", args),)
    result["_codeword"] = "ok"
    result[SETTING + "codeword"] = word
    return result, (Reply("codeword-saved"),)


def _after_codeword(answers: Answers) -> str:
    return "main" if answers.get("_codeword") == "ok" else "codeword"


def _erase(answers: Answers) -> tuple[Effect, ...]:
    return (Erase(),)


SETTINGS = Flow(
    name="settings",
    version=1,
    steps=(
        Step(
            "main",
            "settings-title",
            args=_status,
            options=(
                Option("codeword", "settings-codeword-set", "codeword"),
                Option(
                    "codeword_off",
                    "settings-codeword-remove",
                    "main",
                    record=(SETTING + "codeword", ""),
                    when=_has("codeword"),
                ),
                Option(
                    "erases_on",
                    "settings-erases-turn-on",
                    "main",
                    record=(SETTING + "exit_erases", True),
                    when=_lacks("exit_erases"),
                ),
                Option(
                    "erases_off",
                    "settings-erases-turn-off",
                    "main",
                    record=(SETTING + "exit_erases", False),
                    when=_has("exit_erases"),
                ),
                Option("privacy", "settings-privacy", "privacy"),
                Option("forget", "settings-forget", "forget"),
            ),
        ),
        Step(
            "codeword",
            "codeword-ask",
            back="main",
            text=TextRule(
                _codeword, Route(_after_codeword, ("main", "codeword")), limit=CODEWORD_MAX * 4
            ),
        ),
        Step("privacy", "privacy-policy", back="main"),
        Step(
            "forget",
            "forget-confirm",
            back="main",
            options=(
                Option("yes", "forget-yes", "main", effects=_erase),
                Option("no", "forget-no", "main"),
            ),
        ),
    ),
)
