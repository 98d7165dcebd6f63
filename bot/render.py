"""Effects to text: Fluent messages and button rows, channel-neutral.

Consecutive replies without buttons are merged into the message that follows them, so a
step becomes one chat message where it can (fewer notifications, and Telegram allows a
private chat about one message per second).
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from bot.i18n import Markup, Translator
from dialogs.types import Arg, Choice, Effect, Fragment, Items, Reply

__all__ = ["Rendered", "RenderedButton", "render", "render_reply"]

_SELECTED = "✓ "


@dataclass(frozen=True, slots=True)
class RenderedButton:
    """A button; ``data`` is raw callback data for buttons outside the dialogs (the
    operator console), else the choice is encoded."""

    label: str
    choice: Choice
    data: str = ""


@dataclass(frozen=True, slots=True)
class Rendered:
    """One message: HTML text (Telegram's subset) and rows of buttons."""

    text: str
    rows: tuple[tuple[RenderedButton, ...], ...] = ()
    protect: bool = False


def _value(translator: Translator, locale: str, value: Arg) -> str | int:
    match value:
        case Fragment(message_id=message_id, args=args):
            return Markup(translator.format(locale, message_id, _args(translator, locale, args)))
        case Items(parts=parts, separator=separator, prefix=prefix):
            rendered = [str(_value(translator, locale, part)) for part in parts]
            if not rendered:
                return Markup("")
            joined = html.escape(separator, quote=False).join(rendered)
            return Markup(html.escape(prefix, quote=False) + joined)
    return value


def _args(translator: Translator, locale: str, args: Mapping[str, Arg]) -> dict[str, str | int]:
    return {key: _value(translator, locale, value) for key, value in args.items()}


def render_reply(translator: Translator, locale: str, reply: Reply) -> str:
    """The text of one reply, fragments rendered in the same locale."""
    return translator.format(locale, reply.message_id, _args(translator, locale, reply.args))


def render(translator: Translator, locale: str, effects: Iterable[Effect]) -> list[Rendered]:
    messages: list[Rendered] = []
    pending: list[str] = []
    protect = False
    for effect in effects:
        if not isinstance(effect, Reply):
            continue
        if effect.separate:
            if pending:
                messages.append(Rendered("\n\n".join(pending), (), protect))
                pending, protect = [], False
            messages.append(Rendered(render_reply(translator, locale, effect), (), effect.protect))
            continue
        pending.append(render_reply(translator, locale, effect))
        protect = protect or effect.protect
        if effect.buttons:
            rows = tuple(
                tuple(
                    RenderedButton(
                        (_SELECTED if button.selected else "")
                        + translator.format(locale, button.label),
                        Choice(button.value, button.token),
                    )
                    for button in row
                )
                for row in effect.buttons
            )
            messages.append(Rendered("\n\n".join(pending), rows, protect))
            pending = []
            protect = False
    if pending:
        messages.append(Rendered("\n\n".join(pending), (), protect))
    return messages
