"""Effects to text: Fluent messages and button rows, channel-neutral.

Consecutive replies without buttons are merged into the message that follows them, so a
step becomes one chat message where it can (fewer notifications, and Telegram allows a
private chat about one message per second).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from bot.i18n import Translator
from dialogs.types import Choice, Effect, Reply

__all__ = ["Rendered", "RenderedButton", "render"]

_SELECTED = "✓ "


@dataclass(frozen=True, slots=True)
class RenderedButton:
    label: str
    choice: Choice


@dataclass(frozen=True, slots=True)
class Rendered:
    """One message: HTML text (Telegram's subset) and rows of buttons."""

    text: str
    rows: tuple[tuple[RenderedButton, ...], ...] = ()


def render(translator: Translator, locale: str, effects: Iterable[Effect]) -> list[Rendered]:
    messages: list[Rendered] = []
    pending: list[str] = []
    for effect in effects:
        if not isinstance(effect, Reply):
            continue
        pending.append(translator.format(locale, effect.message_id, effect.args))
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
            messages.append(Rendered("\n\n".join(pending), rows))
            pending = []
    if pending:
        messages.append(Rendered("\n\n".join(pending)))
    return messages
