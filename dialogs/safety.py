"""The safety parts of the dialogs, as values: the settings a person keeps across dialogs,
the quick exit, erasure's confirmation, the cover flow's name and the privacy notice's
arguments. The engine uses them on every screen; flows use ``SETTING`` to change a setting.
"""

from __future__ import annotations

import html
from collections.abc import Mapping
from dataclasses import replace

from dialogs.types import Answer, Arg, Conversation, Fragment

__all__ = [
    "COVER_FLOW",
    "EXIT",
    "EXIT_LINE",
    "FORGET_NO",
    "FORGET_YES",
    "PRIVACY",
    "SETTING",
    "privacy_args",
    "split",
    "view",
]

#: Answers whose key starts with this are the person's settings: the engine moves them out
#: of the answers into ``Conversation.settings`` ("" or False removes one), and steps see
#: the settings under this prefix.
SETTING = "set."
#: The flow a deployment with a cover menu shows until the unlock phrase is sent.
COVER_FLOW = "cover"
#: The quick-exit button's value (on every screen) and the erasure confirmation's.
EXIT = "exit"
FORGET_YES = "forget_yes"
FORGET_NO = "forget_no"
#: The one ordinary line a quick exit leaves (a deployment may set its own per locale).
EXIT_LINE = "exit-line"
#: The privacy notice; its arguments describe the deployment (``privacy_args``).
PRIVACY = "privacy-policy"


def privacy_args(
    *,
    org: str = "",
    contact: str = "",
    answers_days: int = 30,
    transcript_days: int = 90,
    cases_days: int = 365,
) -> dict[str, Arg]:
    """What the privacy notice says about the deployment (its settings)."""
    return {
        "org": html.escape(org) if org else Fragment("privacy-org-missing"),
        "contact": html.escape(contact) if contact else "—",
        "answers": answers_days,
        "transcripts": transcript_days,
        "cases": cases_days,
    }


def view(conv: Conversation) -> dict[str, Answer]:
    """What a step's conditions see: the answers and, prefixed, the settings."""
    seen = dict(conv.answers)
    seen.update({SETTING + key: value for key, value in conv.settings.items()})
    return seen


def split(conv: Conversation, answers: Mapping[str, Answer]) -> Conversation:
    """Answers back from a step: setting keys go to the settings, the rest stay."""
    settings = dict(conv.settings)
    kept: dict[str, Answer] = {}
    for key, value in answers.items():
        if key.startswith(SETTING):
            name = key[len(SETTING) :]
            if value in ("", False):
                settings.pop(name, None)
            else:
                settings[name] = value
        else:
            kept[key] = value
    return replace(conv, answers=kept, settings=settings)
