"""Long polling that never acknowledges an update before it is stored.

aiogram's own polling confirms each update to Telegram before it has been processed, so a
crash loses the updates in flight (8-30 % in research/perf-reliability.md section 3.5).
Here every batch from getUpdates is written to the inbox and committed first; the next
getUpdates call (with a higher offset) is what confirms it to Telegram. Updates left
pending by a previous run are replayed before polling starts.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from typing import Any

from aiogram import Bot, Dispatcher
from aiogram.exceptions import TelegramNetworkError, TelegramRetryAfter, TelegramServerError
from aiogram.methods import GetUpdates
from aiogram.types import Update

from bot.conversations import utcnow
from bot.db import inbox
from bot.db.database import Database

__all__ = ["ALLOWED_UPDATES", "DurablePolling"]

log = logging.getLogger(__name__)

ALLOWED_UPDATES = ["message", "callback_query"]
_POLL_TIMEOUT = 25


class DurablePolling:
    def __init__(
        self,
        *,
        bot: Bot,
        dispatcher: Dispatcher,
        db: Database,
        max_concurrent: int = 64,
        poll_timeout: int = _POLL_TIMEOUT,
    ) -> None:
        self.bot = bot
        self.dispatcher = dispatcher
        self.db = db
        self.poll_timeout = poll_timeout
        self._slots = asyncio.Semaphore(max_concurrent)
        self._tasks: set[asyncio.Task[None]] = set()

    async def _process(self, update: Update) -> None:
        try:
            await self.dispatcher.feed_update(self.bot, update)
        except Exception as exc:
            log.error("update %s crashed its task: %s", update.update_id, type(exc).__name__)
        finally:
            self._slots.release()

    async def _spawn(self, update: Update) -> None:
        # Spawned in update_id order; the per-person lock then keeps each person's order.
        await self._slots.acquire()
        task = asyncio.create_task(self._process(update))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def replay_pending(self) -> int:
        """Process what a previous run stored but did not finish."""
        replayed = 0
        seen: set[int] = set()
        while True:
            batch = await self.db.run(lambda session: inbox.pending_updates(session))
            fresh = [(i, p) for i, p in batch if i not in seen]
            if not fresh:
                break
            for update_id, payload in fresh:
                seen.add(update_id)
                update = Update.model_validate_json(payload, context={"bot": self.bot})
                await self._spawn(update)
                replayed += 1
            await self.drain()
        if replayed:
            log.info("replayed %d update(s) stored before the last stop", replayed)
        return replayed

    async def drain(self) -> None:
        if self._tasks:
            await asyncio.gather(*list(self._tasks), return_exceptions=True)

    async def _fetch(self, offset: int | None) -> list[Update]:
        request = GetUpdates(
            offset=offset, timeout=self.poll_timeout, allowed_updates=ALLOWED_UPDATES
        )
        return await self.bot(request, request_timeout=self.poll_timeout + 10)

    async def run(self, stop: asyncio.Event) -> None:
        await self.replay_pending()
        offset: int | None = None
        backoff = 1.0
        while not stop.is_set():
            fetch = asyncio.ensure_future(self._fetch(offset))
            stopper = asyncio.ensure_future(stop.wait())
            await asyncio.wait({fetch, stopper}, return_when=asyncio.FIRST_COMPLETED)
            stopper.cancel()
            if not fetch.done():
                # Nothing fetched is lost: unconfirmed updates are delivered again.
                fetch.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await fetch
                break
            try:
                updates = fetch.result()
            except TelegramRetryAfter as exc:
                await self._pause(stop, exc.retry_after)
                continue
            except (TelegramNetworkError, TelegramServerError, TimeoutError, OSError) as exc:
                log.warning(
                    "getUpdates failed (%s); retrying in %.0f s", type(exc).__name__, backoff
                )
                await self._pause(stop, backoff)
                backoff = min(backoff * 2, 30.0)
                continue
            backoff = 1.0
            if not updates:
                continue
            await self._store(updates)
            offset = updates[-1].update_id + 1
            for update in updates:
                await self._spawn(update)
        await self.drain()

    async def _store(self, updates: list[Update]) -> None:
        now = utcnow()
        rows: list[tuple[int, bytes]] = [
            (u.update_id, u.model_dump_json(exclude_none=True).encode()) for u in updates
        ]

        async def job(session: Any) -> None:
            await inbox.store_updates(session, rows, now=now)

        await self.db.run(job)

    @staticmethod
    async def _pause(stop: asyncio.Event, seconds: float) -> None:
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), timeout=seconds)
