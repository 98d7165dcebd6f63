"""Periodic clean-up inside ``lastivka run``.

Processed update ids are kept (without content) only as long as Telegram may deliver an
update again (it keeps undelivered updates for 24 hours); two days is a safe margin.
A dialog left half-finished longer than ``LASTIVKA_ABANDON_AFTER_HOURS`` goes back to the
menu and its answers are dropped. Once a day (first at start) the retention purge removes
what is older than its limit (bot.retention); the last run is remembered in memory only,
so a restart purges again, which is harmless: the purge is idempotent.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable
from datetime import datetime, timedelta

from bot.conversations import utcnow
from bot.db import inbox, repo
from bot.db.database import Database
from bot.retention import RetentionPolicy, purge
from dialogs.flows.menu import MENU_FLOW
from dialogs.types import Conversation

__all__ = ["INBOX_MEMORY", "PURGE_EVERY", "housekeeping", "tidy_once"]

log = logging.getLogger(__name__)

INBOX_MEMORY = timedelta(days=2)
PURGE_EVERY = timedelta(days=1)


#: Flows nobody "abandons": the menu and the language choice hold no answers.
_RESTING = ("menu", "start")


async def tidy_once(
    db: Database, *, now: datetime, abandon_after: timedelta = timedelta(hours=72)
) -> int:
    pruned = await db.run(lambda session: inbox.prune_inbox(session, before=now - INBOX_MEMORY))
    if pruned:
        log.info("forgot %d processed update id(s)", pruned)
    menu = MENU_FLOW
    home = Conversation(menu.name, menu.version, menu.initial)
    cleared = await db.run(
        lambda session: repo.abandon_conversations(
            session, before=now - abandon_after, keep=_RESTING, to=home
        )
    )
    if cleared:
        log.info("cleared %d abandoned dialog(s)", cleared)
    return pruned + cleared


async def housekeeping(
    db: Database,
    stop: asyncio.Event,
    *,
    every: float = 3600.0,
    clock: Callable[[], datetime] = utcnow,
    abandon_after: timedelta = timedelta(hours=72),
    retention: RetentionPolicy | None = None,
) -> None:
    purged_at: datetime | None = None
    while not stop.is_set():
        now = clock()
        try:
            await tidy_once(db, now=now, abandon_after=abandon_after)
        except Exception as exc:  # housekeeping must never stop the bot
            log.warning("housekeeping failed (%s)", type(exc).__name__)
        if retention is not None and (purged_at is None or now - purged_at >= PURGE_EVERY):
            try:
                report = await purge(db, retention, now=now, stop=stop)
                purged_at = now
                log.info("retention purge done (%s)", report.detail())
            except Exception as exc:  # tried again at the next round
                log.warning("retention purge failed (%s)", type(exc).__name__)
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), timeout=every)
