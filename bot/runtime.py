"""The composition root: settings in, a wired bot out. The one place parts meet.

What does not need Telegram (the key ring, database, engine, service) is built by
``bot.core``; this module adds the Bot API client and the dispatcher's routers.
"""

from __future__ import annotations

from aiogram import Bot, Dispatcher
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.fsm.storage.memory import SimpleEventIsolation

from bot.config import Settings, SettingsError
from bot.console_actions import ConsoleConfig
from bot.core import Core, build_core, install_contacts, load_keyring
from bot.outbox import OutboxSender
from bot.telegram import dialog_router
from bot.telegram.console_router import build_console_router
from bot.telegram.unit_of_work import Deps, InboxMiddleware
from handoff.sla import parse_sla

# Core, build_core, install_contacts and load_keyring are re-exported for callers that
# wire everything (tests, the benchmark); bot.core is where they live.
__all__ = [
    "Core",
    "build_core",
    "build_dispatcher",
    "build_telegram_bot",
    "install_contacts",
    "load_keyring",
]


def build_telegram_bot(settings: Settings) -> Bot:
    if settings.telegram_token is None:
        raise SettingsError("setting LASTIVKA_TELEGRAM_TOKEN is missing")
    session = AiohttpSession(api=TelegramAPIServer.from_base(settings.telegram_api_url))
    return Bot(settings.telegram_token.get_secret_value(), session=session)


def build_dispatcher(core: Core, sender: OutboxSender) -> Dispatcher:
    """Routers are composed here and only here."""
    dispatcher = Dispatcher(events_isolation=SimpleEventIsolation())
    deps = Deps(
        db=core.db,
        service=core.service,
        keyring=core.keyring,
        sender=sender,
        default_locale=core.settings.default_locale,
        operator_chat_id=core.settings.operator_chat_id,
        operator_locale=core.settings.operator_locale,
    )
    dispatcher.update.outer_middleware(InboxMiddleware(deps))
    settings = core.settings
    if settings.operator_chat_id is not None:
        config = ConsoleConfig(
            settings.operator_chat_id,
            settings.operator_locale,
            parse_sla(settings.operator_sla),
            legal_hold=settings.legal_hold,
        )
        dispatcher.include_router(build_console_router(config))
    dispatcher.include_router(dialog_router.build_router())
    return dispatcher
