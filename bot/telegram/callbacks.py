"""Button payloads: short, validated, and never trusted.

``s:<step token>:<value>`` for a step's options and ``g:<value>`` for global actions
(menu, language). Anything else, or anything that does not match the patterns, decodes to
a choice no step accepts, which the engine answers with "this button has expired".
"""

from __future__ import annotations

import re

from aiogram.filters.callback_data import CallbackData

from dialogs.types import Choice

__all__ = ["FORGED", "GlobalData", "StepData", "decode_choice", "encode_choice"]

_TOKEN = re.compile(r"^[0-9a-f]{6}$")
_VALUE = re.compile(r"^[a-z][a-z0-9_]{0,23}$")
#: What a forged or unreadable payload becomes: no step has this token.
FORGED = Choice(value="", token="forged")  # noqa: S106 - a step token, not a secret


class StepData(CallbackData, prefix="s"):
    t: str
    v: str


class GlobalData(CallbackData, prefix="g"):
    v: str


def encode_choice(choice: Choice) -> str:
    if choice.token:
        return StepData(t=choice.token, v=choice.value).pack()
    return GlobalData(v=choice.value).pack()


def decode_choice(data: str | None) -> Choice:
    if not data or len(data.encode()) > 64:
        return FORGED
    try:
        if data.startswith("s:"):
            step = StepData.unpack(data)
            if _TOKEN.match(step.t) and _VALUE.match(step.v):
                return Choice(step.v, step.t)
        elif data.startswith("g:"):
            action = GlobalData.unpack(data)
            if _VALUE.match(action.v):
                return Choice(action.v)
    except (ValueError, TypeError):
        return FORGED
    return FORGED
