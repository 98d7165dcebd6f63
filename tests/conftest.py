"""Shared fixtures: a key ring, strict translations, and a database on SQLite or PostgreSQL.

PostgreSQL tests use LASTIVKA_TEST_PG_URL (default: the project machines' server at
127.0.0.1:5432, user postgres, database test). A plain local ``pytest`` skips them with a
reason when the server is down; under CI (CI=true) an unreachable server is a failure.
"""

from __future__ import annotations

import asyncio
import logging
import os
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest
from sqlalchemy import text
from typer.testing import CliRunner

from bot.crypto import KeyRing, install_keyring
from bot.db.database import Database
from bot.db.migrate import upgrade
from bot.i18n import Translator

PG_URL = os.environ.get("LASTIVKA_TEST_PG_URL", "postgresql+asyncpg://postgres@127.0.0.1:5432/test")
TEST_SECRET = b"\x01" * 32


async def _pg_reachable() -> str | None:
    db = Database(PG_URL)
    try:
        async with db.engine.connect() as connection:
            await connection.execute(text("SELECT 1"))
        return None
    except Exception as exc:
        return f"{type(exc).__name__}: {exc}"
    finally:
        await db.dispose()


_PG_PROBLEM: str | None = asyncio.run(_pg_reachable())


def require_postgres() -> None:
    if _PG_PROBLEM is None:
        return
    if os.environ.get("CI"):
        pytest.fail(f"PostgreSQL must be reachable in CI at {PG_URL}: {_PG_PROBLEM}")
    pytest.skip(f"PostgreSQL not reachable at {PG_URL} ({_PG_PROBLEM})")


@pytest.fixture
def runner(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[CliRunner]:
    """``lastivka`` commands in-process, with no LASTIVKA_ setting but a data directory in
    ``tmp_path`` (also the working directory) and a Bot API URL that is never the internet;
    the logging a command configures is undone afterwards."""
    for key in list(os.environ):
        if key.startswith("LASTIVKA_"):
            monkeypatch.delenv(key)
    monkeypatch.setenv("LASTIVKA_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("LASTIVKA_TELEGRAM_API_URL", "http://127.0.0.1:9")
    monkeypatch.setenv("COLUMNS", "200")
    monkeypatch.chdir(tmp_path)
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    yield CliRunner()
    root.handlers[:], root.level = handlers, level


@pytest.fixture(autouse=True)
def keyring() -> KeyRing:
    ring = KeyRing(TEST_SECRET)
    install_keyring(ring)
    return ring


@pytest.fixture(scope="session")
def translator() -> Translator:
    return Translator(strict=True)


async def _reset_postgres(db: Database) -> None:
    async with db.engine.begin() as connection:
        await connection.execute(text("DROP SCHEMA IF EXISTS public CASCADE"))
        await connection.execute(text("CREATE SCHEMA public"))


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
async def db(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[Database]:
    """A migrated, empty database: SQLite file in tmp_path, or the PostgreSQL test database."""
    if request.param == "postgres":
        require_postgres()
        database = Database(PG_URL)
        await _reset_postgres(database)
    else:
        database = Database(f"sqlite+aiosqlite:///{tmp_path / 'test.db'}")
    await upgrade(database)
    try:
        yield database
    finally:
        await database.dispose()
