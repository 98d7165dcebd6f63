"""The one way the bot sends: a persistent outbox and one sender.

Messages are written to the outbox in the same transaction as the state change they
follow, then sent right after the commit (the fast path). A row is deleted once Telegram
has it. A row left behind (429, network trouble, a crash between commit and send) is sent
by the background loop; at start-up every leftover row is due at once. A person's messages
keep their order: while a chat has a message waiting for a retry, later ones wait too.

Duplicates are possible only for messages in flight at a crash (sent, not yet deleted).
"""

from __future__ import annotations

import asyncio
import functools
import logging
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from aiogram import Bot
from aiogram.exceptions import (
    ClientDecodeError,
    TelegramBadRequest,
    TelegramForbiddenError,
    TelegramNetworkError,
    TelegramNotFound,
    TelegramRetryAfter,
    TelegramServerError,
    TelegramUnauthorizedError,
)
from aiogram.methods import (
    AnswerCallbackQuery,
    CloseForumTopic,
    CopyMessage,
    DeleteMessages,
    SendContact,
    SendMessage,
    TelegramMethod,
)
from aiogram.methods.base import Response
from aiogram.types import Message, MessageId
from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.conversations import utcnow
from bot.crypto import active_keyring
from bot.db import repo
from bot.db.database import Database
from bot.db.tables import OutboxRow
from bot.rate import SendGate

__all__ = ["FINAL", "LANE_REPLY", "LEASE", "SENT_BATCH", "OutboxSender", "Queued"]

log = logging.getLogger(__name__)

#: Lanes: lower goes first. Replies to a person in a dialog come before anything else.
LANE_REPLY = 0
#: How long the fast path owns a fresh row before the background loop may take it. Longer
#: than any Bot API request can take (aiogram's default timeout is 60 s), so the two never
#: send the same row at once; a row left by a crash is taken at start-up, not after this.
LEASE = timedelta(minutes=5)
#: A sendMessage whose id is not kept: the last line of a quick exit or an erasure.
FINAL = "sendMessage.final"
_METHODS: dict[str, type[TelegramMethod[Any]]] = {
    "sendMessage": SendMessage,
    FINAL: SendMessage,
    "copyMessage": CopyMessage,
    "closeForumTopic": CloseForumTopic,
    "answerCallbackQuery": AnswerCallbackQuery,
    "deleteMessages": DeleteMessages,
    "sendContact": SendContact,
}
#: Messages to a person whose ids are kept (for 48 h) so the quick exit can delete them.
_KEPT = frozenset({"sendMessage", "copyMessage"})
_MAX_BACKOFF = 60.0
#: A unit of work deletes sent rows once this many have piled up. Measured: 16 gives about
#: 7 % more updates/s than 1 but re-sends up to ~10x more replies after a crash (11 vs 1
#: in the kill test); a person in trouble should not get the same message twice.
SENT_BATCH = 1
# aiogram parametrises Response[...] per call and pydantic caches it only weakly; keeping
# one reference avoids rebuilding the model (milliseconds) after each garbage collection.
_RESPONSE_TYPES = (Response[Message], Response[bool], Response[MessageId])


@dataclass(frozen=True, slots=True)
class Queued:
    """An outbox row as the fast path holds it."""

    id: int
    chat_key: str
    method: str
    payload: dict[str, Any]
    attempts: int = 0


class OutboxSender:
    def __init__(
        self,
        db: Database,
        bot: Bot,
        *,
        rate: float | None = 30.0,
        clock: Callable[[], datetime] = utcnow,
        subject_of: Callable[[int], str] | None = None,
        gate: SendGate | None = None,
    ) -> None:
        self.db = db
        self.bot = bot
        self.clock = clock
        #: The person a private chat belongs to (their pseudonym under the active key ring).
        self.subject_of = subject_of or (lambda chat: active_keyring().pseudonym("tg", chat))
        self._recent: list[tuple[str, int, datetime]] = []
        #: The bot's send budget, shared with the campaign sender (which yields to us).
        self.gate = gate if gate is not None else SendGate(rate)
        self._waiting_chats: set[str] = set()
        self._wake = asyncio.Event()
        # Sent rows are deleted by the next unit of work (or by the background loop within
        # a second), not in a transaction of their own: one commit per update instead of
        # two. A crash in between re-sends at most these rows.
        self._sent: list[int] = []

    async def _call(self, method: str, payload: dict[str, Any]) -> None:
        request = _METHODS[method].model_validate(payload)
        await self.gate.reply()
        result = await self.bot(request)
        chat_id = payload.get("chat_id")
        if (
            method in _KEPT
            and isinstance(chat_id, int)
            and chat_id > 0  # a private chat: the person's own
            and isinstance(result, Message | MessageId)
        ):
            self._recent.append((self.subject_of(chat_id), result.message_id, self.clock()))

    def keep_recent(self, subject: str, message_id: int, at: datetime) -> None:
        """A person's own message, kept with the bot's: stored by the next unit of work (or
        the background loop within a second), one insert for both sides."""
        self._recent.append((subject, message_id, at))

    def take_recent(self) -> list[tuple[str, int, datetime]]:
        """Hand over the ids of messages sent to people since the last call, for storing."""
        recent, self._recent = self._recent, []
        return recent

    def return_recent(self, rows: list[tuple[str, int, datetime]]) -> None:
        """The caller's transaction rolled back: the ids still need storing."""
        self._recent.extend(rows)

    async def deliver(self, items: Sequence[Queued]) -> None:
        """Send rows in order; whatever is not done is left to the background loop."""
        postponed: list[tuple[int, datetime, int]] = []
        for item in items:
            if item.chat_key in self._waiting_chats:
                # An earlier message to this chat waits for a retry: queue behind it, due now,
                # so the background loop sends it right after that one.
                postponed.append((item.id, self.clock(), item.attempts))
                continue
            verdict = await self._attempt(item)
            if verdict is None:
                self._sent.append(item.id)
            else:
                postponed.append((item.id, verdict, item.attempts + 1))
                self._waiting_chats.add(item.chat_key)
        if postponed:
            await self.db.run(functools.partial(self._settle, done=[], postponed=postponed))
            self._wake.set()

    def take_sent(self, at_least: int = 1) -> list[int]:
        """Hand over the ids of sent rows (once there are ``at_least``) for deletion."""
        if len(self._sent) < at_least:
            return []
        sent, self._sent = self._sent, []
        return sent

    def return_sent(self, ids: list[int]) -> None:
        """The caller's transaction rolled back: the rows still need deleting."""
        self._sent.extend(ids)

    async def flush_sent(self) -> None:
        sent = self.take_sent()
        recent = self.take_recent()
        if sent or recent:

            async def job(session: AsyncSession) -> None:
                await repo.forget_outbox(session, sent)
                await repo.remember_messages(session, recent)

            try:
                await self.db.run(job)
            except BaseException:
                self.return_sent(sent)
                self.return_recent(recent)
                raise

    async def _settle(
        self,
        session: AsyncSession,
        done: list[int],
        postponed: list[tuple[int, datetime, int]],
    ) -> None:
        await repo.forget_outbox(session, done)
        for outbox_id, until, attempts in postponed:
            await repo.postpone_outbox(session, outbox_id, until=until, attempts=attempts)

    async def _attempt(self, item: Queued) -> datetime | None:
        """None when the row is finished with (sent or refused for good), else retry time."""
        try:
            await self._call(item.method, item.payload)
        except TelegramRetryAfter as exc:
            return self.clock() + timedelta(seconds=exc.retry_after)
        except (TelegramForbiddenError, TelegramNotFound) as exc:
            log.warning(
                "outbox %s: %s refused for good (%s)", item.id, item.method, type(exc).__name__
            )
            return None
        except TelegramBadRequest as exc:
            # The request itself is wrong (a bug, or a chat that is gone): retrying will not
            # help, and keeping it would block the person's later messages.
            log.error("outbox %s: %s bad request (%s)", item.id, item.method, type(exc).__name__)
            return None
        except (
            TelegramNetworkError,
            TelegramServerError,
            ClientDecodeError,
            TelegramUnauthorizedError,
            TimeoutError,
            OSError,
        ) as exc:
            delay = min(_MAX_BACKOFF, 2.0 ** min(item.attempts, 6)) * (0.5 + random.random())  # noqa: S311
            log.warning("outbox %s: %s will retry (%s)", item.id, item.method, type(exc).__name__)
            return self.clock() + timedelta(seconds=delay)
        return None

    async def recover(self) -> int:
        """At start-up: whatever a previous process left is due now."""
        now = self.clock()

        async def job(session: Any) -> int:
            result = await session.execute(update(OutboxRow).values(not_before=now))
            return int(result.rowcount or 0)

        count = await self.db.run(job)
        if count:
            log.info("outbox: %d message(s) left by the previous run will be sent", count)
            self._wake.set()
        return count

    async def run(self, stop: asyncio.Event, *, idle: float = 1.0) -> None:
        """The background loop: sends due rows until ``stop`` is set."""
        while not stop.is_set():
            await self.flush_sent()
            sent_any = await self.drain_once()
            if sent_any:
                continue
            self._wake.clear()
            waiter = asyncio.ensure_future(self._wake.wait())
            stopper = asyncio.ensure_future(stop.wait())
            await asyncio.wait({waiter, stopper}, timeout=idle, return_when=asyncio.FIRST_COMPLETED)
            for task in (waiter, stopper):
                task.cancel()
        await self.flush_sent()

    async def drain_once(self, limit: int = 500) -> bool:
        """One pass over the outbox; True if it finished any row."""
        now = self.clock()
        rows = await self.db.run(lambda session: repo.outbox_rows(session, limit=limit))
        blocked: set[str] = set()
        finished = 0
        for row in rows:
            item = Queued(row.id, row.chat_key, row.method, row.payload, row.attempts)
            if row.not_before > now:
                # attempts == 0: a fresh row the fast path is sending right now.
                if row.attempts > 0:
                    blocked.add(item.chat_key)
                continue
            if item.chat_key in blocked:
                continue
            verdict = await self._attempt(item)
            if verdict is None:
                finished += 1
                await self.db.run(functools.partial(self._settle, done=[item.id], postponed=[]))
            else:
                blocked.add(item.chat_key)
                retry = [(item.id, verdict, item.attempts + 1)]
                await self.db.run(functools.partial(self._settle, done=[], postponed=retry))
        self._waiting_chats = blocked
        return finished > 0
