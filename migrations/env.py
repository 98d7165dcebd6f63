"""Alembic environment: runs on a connection handed over by bot.db.migrate, or on its own.

Batch mode is on so the same migrations work on SQLite, which has almost no ALTER TABLE.
"""

from __future__ import annotations

import asyncio

from alembic import context
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import create_async_engine

from bot.db.tables import Base

target_metadata = Base.metadata


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=True,
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


async def _run_async(url: str) -> None:
    engine = create_async_engine(url)
    async with engine.begin() as connection:
        await connection.run_sync(_run)
    await engine.dispose()


connection = context.config.attributes.get("connection")
if connection is not None:
    _run(connection)
else:
    from bot.config import load_settings

    asyncio.run(
        _run_async(context.config.get_main_option("sqlalchemy.url") or load_settings().db_url)
    )
