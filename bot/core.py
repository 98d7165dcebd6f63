"""Everything but Telegram: settings in, a key ring, database, translations, dialog engine
and conversation service out. What ``chat``, the admin commands and ``run`` share; it
imports no aiogram, so the terminal chat and the admin commands start in about a second.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from pathlib import Path

from bot.config import Settings, SettingsError, decode_key
from bot.conversations import ConversationService
from bot.crypto import KeyRing, generate_secret, install_keyring
from bot.db import staff
from bot.db.database import Database
from bot.i18n import Translator
from dialogs.contacts import Directory, install_directory, load_directory
from dialogs.engine import Engine
from dialogs.flows import FLOWS
from dialogs.offer_check import load_patterns
from dialogs.risk import default_bank
from dialogs.safety import privacy_args
from handoff.sla import parse_sla

__all__ = ["Core", "build_core", "install_contacts", "load_keyring"]

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
