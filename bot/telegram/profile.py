"""What Telegram shows about the bot: name, descriptions and commands per language.

The default (no language_code) is English; uk, ru and lv get their own. The texts come from
the locales like everything else a person reads, so they stay neutral (discreet by design):
the name shows in the chat list and on every notification, the descriptions on the bot's
profile, the commands in the menu, all without opening the chat. tests/test_discretion.py
lints them against content/sensitive_words.toml and Telegram's limits.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from aiogram import Bot
from aiogram.exceptions import TelegramAPIError
from aiogram.types import BotCommand

from bot.i18n import Translator
from dialogs.types import LOCALES

__all__ = [
    "COMMANDS",
    "COVER_COMMANDS",
    "LIMITS",
    "ProfileTexts",
    "profile_texts",
    "publish_profile",
]

log = logging.getLogger(__name__)

COMMANDS: tuple[str, ...] = (
    "start",
    "menu",
    "human",
    "language",
    "settings",
    "subscribe",
    "unsubscribe",
    "mydata",
    "privacy",
    "forget",
    "exit",
    "about",
    "help",
)
#: A cover-menu deployment lists only what an ordinary travel bot would.
COVER_COMMANDS: tuple[str, ...] = ("start", "exit")

#: The locale published without a language_code: what everyone else sees.
DEFAULT = "en"
#: Telegram's length limits (characters) for setMyName, setMyDescription,
#: setMyShortDescription and a command's description.
LIMITS = {"name": 64, "description": 512, "short_description": 120, "command": 256}


@dataclass(frozen=True, slots=True)
class ProfileTexts:
    """One locale's profile, as published."""

    name: str
    description: str
    short_description: str
    commands: tuple[tuple[str, str], ...]


def profile_texts(translator: Translator, locale: str, *, cover: bool = False) -> ProfileTexts:
    names = COVER_COMMANDS if cover else COMMANDS
    return ProfileTexts(
        name=translator.format(locale, "bot-name"),
        description=translator.format(locale, "bot-description"),
        short_description=translator.format(locale, "bot-short-description"),
        commands=tuple((name, translator.format(locale, f"command-{name}")) for name in names),
    )


async def publish_profile(bot: Bot, translator: Translator, *, cover: bool = False) -> int:
    """Set what differs from what Telegram has; returns how many texts were set.

    Telegram limits how often a bot may change its name and descriptions (setMyName answers
    429 for hours after a few changes), so a restart that changes nothing sets nothing. A
    refusal is logged and the bot starts anyway: people must not wait for a profile.
    """
    changed = 0
    # the default first: a language without its own text shows the default one
    for locale in sorted(LOCALES, key=lambda locale: locale != DEFAULT):
        code = None if locale == DEFAULT else locale
        texts = profile_texts(translator, locale, cover=cover)
        try:
            changed += await _publish(bot, texts, code)
        except TelegramAPIError as exc:
            log.warning("profile for %s not published (%s)", locale, type(exc).__name__)
    return changed


async def _publish(bot: Bot, texts: ProfileTexts, code: str | None) -> int:
    changed = 0
    commands = [BotCommand(command=name, description=text) for name, text in texts.commands]
    current = await bot.get_my_commands(language_code=code)
    if [(c.command, c.description) for c in current] != list(texts.commands):
        await bot.set_my_commands(commands, language_code=code)
        changed += 1
    if (await bot.get_my_name(language_code=code)).name != texts.name:
        await bot.set_my_name(texts.name, language_code=code)
        changed += 1
    description = (await bot.get_my_description(language_code=code)).description
    if description != texts.description:
        await bot.set_my_description(texts.description, language_code=code)
        changed += 1
    short = (await bot.get_my_short_description(language_code=code)).short_description
    if short != texts.short_description:
        await bot.set_my_short_description(texts.short_description, language_code=code)
        changed += 1
    return changed
