"""Settings from the environment (prefix ``LASTIVKA_``) and an optional ``.env`` file.

A missing or invalid setting is reported in one line that names it, and the CLI exits with
status 2; nobody should have to read a traceback to find a typo in a token.
"""

from __future__ import annotations

import base64
import binascii
import re
from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr, ValidationError, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from handoff.sla import parse_hours, parse_sla

__all__ = [
    "EXAMPLE_SECRET",
    "Settings",
    "SettingsError",
    "decode_key",
    "load_settings",
]

ENV_PREFIX = "LASTIVKA_"
#: The value shown in documentation; refused everywhere so nobody runs with it.
EXAMPLE_SECRET = "REPLACE-ME-WITH-lastivka-keys-generate"  # noqa: S105 - refused, not used
_TOKEN = re.compile(r"^\d{1,20}:[A-Za-z0-9_-]{1,100}$")


class SettingsError(Exception):
    """A setting is missing or invalid; ``str()`` is the one line to print."""


def decode_key(value: str) -> bytes:
    """32 random bytes in URL-safe base64 (what ``lastivka keys generate`` prints)."""
    if value.strip() == EXAMPLE_SECRET:
        raise ValueError(
            "is the example value from the documentation; run `lastivka keys generate`"
        )
    try:
        raw = base64.urlsafe_b64decode(value.strip().encode() + b"=" * (-len(value.strip()) % 4))
    except (binascii.Error, ValueError) as exc:
        raise ValueError("is not URL-safe base64") from exc
    if len(raw) != 32:
        raise ValueError(f"must decode to 32 bytes, not {len(raw)}")
    return raw


class Settings(BaseSettings):
    """Every setting Lastivka reads; the README's configuration table lists the same."""

    model_config = SettingsConfigDict(
        env_prefix=ENV_PREFIX, env_file=".env", env_file_encoding="utf-8", extra="ignore"
    )

    telegram_token: SecretStr | None = None
    telegram_api_url: str = "https://api.telegram.org"
    data_dir: Path = Path("./data")
    database_url: str | None = None
    operator_chat_id: int | None = None
    secret_key: SecretStr | None = None
    old_secret_keys: SecretStr | None = None
    default_locale: Literal["uk", "ru", "lv", "en"] = "en"
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"
    strict_i18n: bool = False
    max_concurrent_updates: int = Field(default=64, ge=1, le=10_000)
    abandon_after_hours: int = Field(default=72, ge=1, le=24 * 365)
    contacts_verified_only: bool = False
    contacts_max_age_days: int = Field(default=365, ge=1)
    operator_locale: Literal["uk", "ru", "lv", "en"] = "uk"
    operator_sla: str = "urgent=5m,high=30m,normal=4h"
    operator_hours: str = "24/7"
    operator_timezone: str = "Europe/Kyiv"
    #: Who runs this deployment, as /privacy names them (organisation and a contact).
    org_name: str = ""
    org_contact: str = ""
    #: Retention, in days per data class (README "Privacy and safety").
    retention_transcript_days: int = Field(default=90, ge=1, le=3650)
    retention_answers_days: int = Field(default=30, ge=1, le=3650)
    retention_cases_days: int = Field(default=365, ge=1, le=3650)
    retention_audit_days: int = Field(default=730, ge=1, le=3650)
    #: The one line left in the chat after a quick exit, per locale (JSON object);
    #: a locale not listed gets the shipped line.
    exit_lines: dict[str, str] = Field(default_factory=dict)
    #: Cover menu: people see ordinary travel tips until they send the phrase.
    cover_menu: bool = False
    cover_phrase: SecretStr | None = None
    #: Whether operators may place a legal hold on a case (off unless a deployment needs it).
    legal_hold: bool = False
    #: Campaign messages per second (Telegram allows about 30 for the whole bot; the rest
    #: is left for dialogs, which always go first).
    broadcast_rate: float = Field(default=25.0, gt=0, le=30)
    #: Messages per second for campaigns marked ``paid`` (Telegram's paid broadcasts, up
    #: to 1,000 a second at 0.1 Star each, from the bot's balance); 0 refuses them.
    paid_broadcast_rate: float = Field(default=0.0, ge=0, le=1000)
    #: The bot's username, for campaign deep links in previews (``run`` asks Telegram).
    bot_username: str = ""

    @field_validator("telegram_token")
    @classmethod
    def _token_shape(cls, value: SecretStr | None) -> SecretStr | None:
        if value is not None and not value.get_secret_value():
            return None
        if value is not None and not _TOKEN.match(value.get_secret_value()):
            raise ValueError("does not look like a bot token from @BotFather (digits:letters)")
        return value

    @field_validator("exit_lines")
    @classmethod
    def _exit_lines(cls, value: dict[str, str]) -> dict[str, str]:
        for locale, line in value.items():
            if locale not in ("uk", "ru", "lv", "en"):
                raise ValueError(f"has a line for {locale!r}; use uk, ru, lv or en")
            if not line.strip() or len(line) > 200:
                raise ValueError(f"line for {locale} must be 1 to 200 characters")
        return value

    @model_validator(mode="after")
    def _cover(self) -> Settings:
        phrase = self.cover_phrase.get_secret_value().strip() if self.cover_phrase else ""
        if self.cover_menu and len(phrase) < 4:
            raise ValueError(
                "LASTIVKA_COVER_MENU is on: set LASTIVKA_COVER_PHRASE (4 characters or more)"
            )
        return self

    @field_validator("operator_sla")
    @classmethod
    def _sla(cls, value: str) -> str:
        parse_sla(value)
        return value

    @field_validator("operator_hours")
    @classmethod
    def _hours(cls, value: str) -> str:
        parse_hours(value, "UTC")
        return value

    @field_validator("operator_timezone")
    @classmethod
    def _timezone(cls, value: str) -> str:
        parse_hours("24/7", value)
        return value

    @field_validator("telegram_api_url")
    @classmethod
    def _api_url(cls, value: str) -> str:
        if not re.match(r"^https?://[^\s/]+", value):
            raise ValueError("must be an http(s) URL such as https://api.telegram.org")
        return value.rstrip("/")

    @field_validator("database_url")
    @classmethod
    def _database_url(cls, value: str | None) -> str | None:
        if value is None or not value.strip():
            return None
        if not value.startswith(("sqlite+aiosqlite://", "postgresql+asyncpg://")):
            raise ValueError("must start with sqlite+aiosqlite:// or postgresql+asyncpg://")
        return value

    @field_validator("secret_key", "old_secret_keys")
    @classmethod
    def _keys(cls, value: SecretStr | None) -> SecretStr | None:
        if value is None or not value.get_secret_value().strip():
            return None
        for part in value.get_secret_value().split(","):
            decode_key(part)
        return value

    @property
    def db_url(self) -> str:
        """The database URL: the setting, or a SQLite file in DATA_DIR."""
        if self.database_url:
            return self.database_url
        return f"sqlite+aiosqlite:///{(self.data_dir / 'lastivka.db').resolve()}"

    @property
    def secret_file(self) -> Path:
        return self.data_dir / "secret.key"


def load_settings() -> Settings:
    """Read settings or raise ``SettingsError`` naming the first bad one."""
    try:
        return Settings()
    except ValidationError as exc:
        error = exc.errors()[0]
        if not error["loc"]:
            message = str(error["msg"]).removeprefix("Value error, ")
            raise SettingsError(f"settings are invalid: {message}") from None
        name = ENV_PREFIX + str(error["loc"][0]).upper()
        message = str(error["msg"]).removeprefix("Value error, ")
        raise SettingsError(f"setting {name} is invalid: {message}") from None
