"""What Telegram shows about the bot: commands and descriptions per language.

The default (no language_code) is English; uk, ru and lv get their own. The texts come from
the locales like everything else a person reads, so they stay neutral (discreet by design).
"""

from __future__ import annotations

from aiogram import Bot
from aiogram.types import BotCommand

from bot.i18n import Translator
from dialogs.types import LOCALES

__all__ = ["COMMANDS", "publish_profile"]

COMMANDS: tuple[str, ...] = ("start", "menu", "human", "language", "mydata", "about", "help")


async def publish_profile(bot: Bot, translator: Translator) -> None:
    for locale in LOCALES:
        code = None if locale == "en" else locale
        commands = [
            BotCommand(command=name, description=translator.format(locale, f"command-{name}"))
            for name in COMMANDS
        ]
        await bot.set_my_commands(commands, language_code=code)
        await bot.set_my_description(
            translator.format(locale, "bot-description"), language_code=code
        )
        await bot.set_my_short_description(
            translator.format(locale, "bot-short-description"), language_code=code
        )
