"""One unit of work against the deployment's database, for the admin commands: the key
ring installed (a missing key is one clear line, exit 2), the schema migrated, the job run
in one transaction, the engine disposed."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, TypeVar

import typer
from rich.console import Console

from bot.config import Settings, SettingsError

if TYPE_CHECKING:
    from sqlalchemy.ext.asyncio import AsyncSession

__all__ = ["with_db"]

T = TypeVar("T")

err = Console(stderr=True, highlight=False, soft_wrap=True)


def with_db(
    settings: Settings, job: Callable[[AsyncSession], Awaitable[T]], *, migrate: bool = True
) -> T:
    """``migrate`` False: the schema is known to be current (a command polling the same
    database again), so the migration check is not repeated."""
    from bot.core import load_keyring
    from bot.crypto import install_keyring
    from bot.db.database import Database
    from bot.db.migrate import upgrade

    try:
        install_keyring(load_keyring(settings))
    except SettingsError as exc:
        err.print(f"lastivka: {exc}", markup=False)
        raise typer.Exit(2) from None

    async def main() -> T:
        db = Database(settings.db_url)
        try:
            if migrate:
                await upgrade(db)
            return await db.run(job)
        finally:
            await db.dispose()

    return asyncio.run(main())
