"""Plain values that cross the engine boundary: inputs, effects, conversation state.

Everything here is a frozen dataclass so a step can be replayed, compared in golden
transcripts and persisted without surprises.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import IntEnum
from typing import TypeAlias

__all__ = [
    "LOCALES",
    "Answer",
    "Arg",
    "Button",
    "Choice",
    "Command",
    "Conversation",
    "Effect",
    "Erase",
    "Fragment",
    "Input",
    "Items",
    "OpenCase",
    "Priority",
    "QuickExit",
    "Reply",
    "SetLocale",
    "StepResult",
    "Text",
    "Unsupported",
]

#: Locales the product ships, in the order the language picker shows them.
LOCALES: tuple[str, ...] = ("uk", "ru", "lv", "en")

#: What a flow may store as an answer: small JSON-friendly values, never free text in clear
#: (the storage layer encrypts the whole answers mapping).
Answer: TypeAlias = str | int | bool


@dataclass(frozen=True, slots=True)
class Text:
    """The person typed (or forwarded) text.

    ``forwarded`` is only the kind of origin of a forwarded message (``user``, ``hidden``,
    ``chat`` or ``channel``), never who it was: empty when the person typed it.
    """

    text: str
    forwarded: str = ""


@dataclass(frozen=True, slots=True)
class Choice:
    """The person tapped a button.

    ``token`` identifies the step the button was rendered for; an empty token marks a global
    action (menu, language) that is valid on every step.
    """

    value: str
    token: str = ""


@dataclass(frozen=True, slots=True)
class Command:
    """A slash command such as ``/start`` (name without the slash, lower case)."""

    name: str
    arg: str = ""


@dataclass(frozen=True, slots=True)
class Unsupported:
    """Anything the dialogs cannot read: a sticker, voice, photo, document..."""

    kind: str


Input: TypeAlias = Text | Choice | Command | Unsupported


@dataclass(frozen=True, slots=True)
class Button:
    """One button: a message id for its label and the choice value it sends back."""

    label: str
    value: str
    token: str = ""
    selected: bool = False


@dataclass(frozen=True, slots=True)
class Fragment:
    """A piece of a message rendered in the person's language and put into an argument.

    Lists (reasons, contacts, flags) are built from fragments so that the engine stays
    language-free: it names message ids, the renderer turns them into text.
    """

    message_id: str
    args: Mapping[str, Arg] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Items:
    """Several fragments joined by ``separator`` (a new line by default).

    ``prefix`` goes before the joined text only when there is something to join.
    """

    parts: tuple[Fragment, ...]
    separator: str = "\n"
    prefix: str = ""


#: A message argument: plain values are escaped for HTML; fragments are rendered first.
Arg: TypeAlias = "str | int | Fragment | Items"


@dataclass(frozen=True, slots=True)
class Reply:
    """Send one message: a Fluent message id, its arguments and rows of buttons.

    ``protect`` asks the channel to stop forwarding and saving (Telegram's protect_content)
    for messages that could expose the person if someone else saw them forwarded;
    ``separate`` keeps a message on its own (a safety card the person keeps), never merged
    with the next one.
    """

    message_id: str
    args: Mapping[str, Arg] = field(default_factory=dict)
    buttons: tuple[tuple[Button, ...], ...] = ()
    protect: bool = False
    separate: bool = False


@dataclass(frozen=True, slots=True)
class SetLocale:
    """Remember the person's language."""

    locale: str


class Priority(IntEnum):
    """How soon a person needs a human; larger is more urgent."""

    NORMAL = 1
    HIGH = 2
    URGENT = 3


@dataclass(frozen=True, slots=True)
class OpenCase:
    """Ask for a human: the handoff layer records or opens a case from this."""

    priority: Priority
    reason: str


@dataclass(frozen=True, slots=True)
class QuickExit:
    """Leave fast: the chat's recent messages go, one ordinary line stays; the person's
    data goes too if they chose so once (setting ``exit_erases``)."""


@dataclass(frozen=True, slots=True)
class Erase:
    """The person confirmed "delete everything about me"."""


Effect: TypeAlias = Reply | SetLocale | OpenCase | QuickExit | Erase


@dataclass(frozen=True, slots=True)
class Conversation:
    """Where one person is: the only dialog state there is (it lives in the database)."""

    flow: str
    flow_version: int
    state: str
    answers: Mapping[str, Answer] = field(default_factory=dict)
    locale: str | None = None
    #: The person's own safety choices (code word, exit erases, cover unlocked): they
    #: outlive answers, which go when a dialog ends or is abandoned.
    settings: Mapping[str, Answer] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class StepResult:
    """What one input did: effects to render, the new conversation, and an event name."""

    effects: tuple[Effect, ...]
    conversation: Conversation
    event: str
