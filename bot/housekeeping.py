"""Periodic clean-up inside ``lastivka run``.

Processed update ids are kept (without content) only as long as Telegram may deliver an
update again (it keeps undelivered updates for 24 hours); two days is a safe margin.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable
from datetime import datetime, timedelta

from bot.conversations import utcnow
from bot.db import repo
from bot.db.database import Database

__all__ = ["INBOX_MEMORY", "housekeeping", "tidy_once"]

log = logging.getLogger(__name__)

INBOX_MEMORY = timedelta(days=2)


async def tidy_once(db: Database, *, now: datetime) -> int:
    pruned = await db.run(lambda session: repo.prune_inbox(session, before=now - INBOX_MEMORY))
    if pruned:
        log.info("forgot %d processed update id(s)", pruned)
    return pruned


async def housekeeping(
    db: Database,
    stop: asyncio.Event,
    *,
    every: float = 3600.0,
    clock: Callable[[], datetime] = utcnow,
) -> None:
    while not stop.is_set():
        try:
            await tidy_once(db, now=clock())
        except Exception as exc:  # housekeeping must never stop the bot
            log.warning("housekeeping failed (%s)", type(exc).__name__)
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), timeout=every)
