"""The composition root: settings in, a wired bot out. The one place parts meet."""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from pathlib import Path

from aiogram import Bot, Dispatcher
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.fsm.storage.memory import SimpleEventIsolation

from bot.config import Settings, SettingsError, decode_key
from bot.console_actions import ConsoleConfig
from bot.conversations import ConversationService
from bot.crypto import KeyRing, generate_secret, install_keyring
from bot.db import staff
from bot.db.database import Database
from bot.i18n import Translator
from bot.outbox import OutboxSender
from bot.telegram import dialog_router
from bot.telegram.console_router import build_console_router
from bot.telegram.unit_of_work import Deps, InboxMiddleware
from dialogs.contacts import Directory, install_directory, load_directory
from dialogs.engine import Engine, privacy_args
from dialogs.flows import FLOWS
from dialogs.offer_check import load_patterns
from dialogs.risk import default_bank
from handoff.sla import parse_sla

__all__ = [
    "Core",
    "build_core",
    "build_dispatcher",
    "build_telegram_bot",
    "install_contacts",
    "load_keyring",
]

log = logging.getLogger(__name__)


def load_keyring(settings: Settings, *, create: bool = False) -> KeyRing:
    """The key ring from LASTIVKA_SECRET_KEY, or from DATA_DIR/secret.key.

    ``create`` makes a key file on first use (the terminal chat on a laptop); ``run``
    never does: a production key is made on purpose and kept outside the database.
    """
    secret = settings.secret_key.get_secret_value() if settings.secret_key else None
    path: Path = settings.secret_file
    if secret is None and path.exists():
        secret = path.read_text(encoding="utf-8").strip()
    if secret is None and create:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(generate_secret() + "\n")
        log.info("created a new secret key file in the data directory")
        secret = path.read_text(encoding="utf-8").strip()
    if secret is None:
        raise SettingsError(
            "setting LASTIVKA_SECRET_KEY is missing: run `lastivka keys generate` and set it "
            f"(or put the key in {path})"
        )
    try:
        current = decode_key(secret)
    except ValueError as exc:
        raise SettingsError(f"setting LASTIVKA_SECRET_KEY {exc}") from None
    old = []
    if settings.old_secret_keys is not None:
        old = [decode_key(p) for p in settings.old_secret_keys.get_secret_value().split(",")]
    return KeyRing(current, old)


@dataclass
class Core:
    """Everything but Telegram: what both ``run`` and ``chat`` need."""

    settings: Settings
    keyring: KeyRing
    db: Database
    translator: Translator
    engine: Engine
    service: ConversationService


def build_core(settings: Settings, *, create_key: bool = False) -> Core:
    keyring = load_keyring(settings, create=create_key)
    install_keyring(keyring)
    translator = Translator(strict=settings.strict_i18n)
    privacy = privacy_args(
        org=settings.org_name,
        contact=settings.org_contact,
        answers_days=settings.retention_answers_days,
        transcript_days=settings.retention_transcript_days,
        cases_days=settings.retention_cases_days,
    )
    engine = Engine(FLOWS, cover=settings.cover_menu, privacy=privacy)
    # Compile the ad patterns and check the bank now, not in front of the first person.
    load_patterns()
    default_bank()
    return Core(
        settings=settings,
        keyring=keyring,
        db=Database(settings.db_url),
        translator=translator,
        engine=engine,
        service=ConversationService(
            engine,
            translator,
            wait_minutes={
                p: int(t.total_seconds() // 60)
                for p, t in parse_sla(settings.operator_sla).claim_within.items()
            },
            exit_lines=settings.exit_lines,
            cover_phrase=(
                settings.cover_phrase.get_secret_value() if settings.cover_phrase else None
            ),
        ),
    )


async def install_contacts(db: Database, settings: Settings) -> Directory:
    """The shipped directory with the NGO's verification dates, as the dialogs will use it."""
    checks = await db.run(staff.contact_checks)
    directory = load_directory().with_verified(
        checks, verified_only=settings.contacts_verified_only
    )
    install_directory(directory)
    return directory


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
