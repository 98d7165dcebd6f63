"""One campaign sender per deployment: a session advisory lock on PostgreSQL, a lock file
beside the SQLite database. The sender works only while it holds the lock."""

from __future__ import annotations

import contextlib
import fcntl
import os
from pathlib import Path
from typing import Protocol

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncConnection

from bot.db.database import Database

__all__ = ["FileLock", "PostgresLock", "SenderLock", "sender_lock"]

#: The advisory lock key of the one campaign sender (the audit chain uses 7415).
_LOCK_KEY = 7416


class SenderLock(Protocol):
    async def acquire(self) -> bool: ...

    async def release(self) -> None: ...


class PostgresLock:
    """A session-level advisory lock, held on its own connection while the sender works."""

    def __init__(self, db: Database) -> None:
        self._db = db
        self._connection: AsyncConnection | None = None

    async def acquire(self) -> bool:
        if self._connection is not None:
            try:
                # a lost connection has lost the lock with it: another sender may have it
                await self._connection.execute(text("SELECT 1"))
                return True
            except Exception:
                with contextlib.suppress(Exception):
                    await self._connection.close()
                self._connection = None
        connection = await self._db.engine.connect()
        got = await connection.scalar(text(f"SELECT pg_try_advisory_lock({_LOCK_KEY})"))
        if got:
            self._connection = connection
            return True
        await connection.close()
        return False

    async def release(self) -> None:
        if self._connection is not None:
            with contextlib.suppress(Exception):
                await self._connection.execute(text(f"SELECT pg_advisory_unlock({_LOCK_KEY})"))
            await self._connection.close()
            self._connection = None


class FileLock:
    """``flock`` on a file beside the SQLite database (gone with the process)."""

    def __init__(self, path: Path) -> None:
        self._path = path
        self._fd: int | None = None

    async def acquire(self) -> bool:
        if self._fd is not None:
            return True
        self._path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self._path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            os.close(fd)
            return False
        self._fd = fd
        return True

    async def release(self) -> None:
        if self._fd is not None:
            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None


def sender_lock(db: Database) -> SenderLock:
    if db.is_sqlite:
        path = db.url.split(":///", 1)[1] if ":///" in db.url else ""
        where = Path(path).with_suffix(".sender.lock") if path and path != ":memory:" else None
        return FileLock(where or Path("lastivka.sender.lock"))
    return PostgresLock(db)
