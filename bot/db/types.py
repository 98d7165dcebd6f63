"""Column types: AES-256-GCM encrypted values and UTC timestamps.

Every sensitive column goes through ``Encrypted``; its associated data is the column's
``table.column`` name, so ciphertexts cannot be moved between columns. A test lists the
sensitive columns and checks each one uses this type.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import DateTime, LargeBinary
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator

from bot.crypto import active_keyring

__all__ = ["Encrypted", "EncryptedJSON", "UTCDateTime"]


class Encrypted(TypeDecorator[Any]):
    """Bytes in Python; ``kid || nonce || ciphertext+tag`` in the database."""

    impl = LargeBinary
    cache_ok = True

    def __init__(self, purpose: str) -> None:
        super().__init__()
        self.purpose = purpose

    def encode(self, value: Any) -> bytes:
        return bytes(value)

    def decode(self, raw: bytes) -> Any:
        return raw

    def process_bind_param(self, value: Any, dialect: Dialect) -> bytes | None:
        if value is None:
            return None
        return active_keyring().encrypt(self.encode(value), self.purpose.encode())

    def process_result_value(self, value: bytes | None, dialect: Dialect) -> Any:
        if value is None:
            return None
        return self.decode(active_keyring().decrypt(value, self.purpose.encode()))


class EncryptedJSON(Encrypted):
    """A JSON value, encrypted like ``Encrypted``."""

    cache_ok = True

    def encode(self, value: Any) -> bytes:
        return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode()

    def decode(self, raw: bytes) -> Any:
        return json.loads(raw)


class UTCDateTime(TypeDecorator[datetime]):
    """Aware UTC datetimes in Python on every backend (SQLite stores them naive)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime: store aware UTC datetimes only")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)
