"""The database handle: one code path for SQLite (embedded default) and PostgreSQL.

SQLite has one writer. Sharing an aiosqlite connection between tasks gives no transaction
isolation (one task's commit persists another's half-done writes: research/
perf-reliability.md section 3.4), so on SQLite every unit of work runs under one lock on a
single connection. PostgreSQL gets a pool and a connection per unit of work.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import event
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)
from sqlalchemy.pool import AsyncAdaptedQueuePool

__all__ = ["Database"]

T = TypeVar("T")


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    # WAL lets readers run beside the writer; NORMAL is safe against a process crash
    # (the kill tests) and loses at most the last commits on power loss.
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.close()


class Database:
    """Engine, sessions and the unit-of-work entry point ``run``."""

    def __init__(self, url: str, *, echo: bool = False) -> None:
        self.url = url
        self.is_sqlite = url.startswith("sqlite")
        if self.is_sqlite:
            path = url.split(":///", 1)[1] if ":///" in url else ""
            if path and path != ":memory:":
                Path(path).parent.mkdir(parents=True, exist_ok=True)
            self.engine: AsyncEngine = create_async_engine(
                url, echo=echo, poolclass=AsyncAdaptedQueuePool, pool_size=1, max_overflow=0
            )
            event.listen(self.engine.sync_engine, "connect", _sqlite_pragmas)
        else:
            self.engine = create_async_engine(url, echo=echo, pool_size=10, max_overflow=10)
        self.sessions = async_sessionmaker(self.engine, expire_on_commit=False)
        self._writer = asyncio.Lock() if self.is_sqlite else None

    @contextlib.asynccontextmanager
    async def transaction(self) -> AsyncIterator[AsyncSession]:
        """A session inside one transaction: committed on success, rolled back on error."""
        lock = self._writer if self._writer is not None else contextlib.nullcontext()
        async with lock, self.sessions() as session, session.begin():
            yield session

    async def run(self, job: Callable[[AsyncSession], Awaitable[T]]) -> T:
        """Run ``job`` as one unit of work."""
        async with self.transaction() as session:
            return await job(session)

    async def dispose(self) -> None:
        await self.engine.dispose()
