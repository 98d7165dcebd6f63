"""The operator console's background work in the operator group.

- A forum topic per new case, named with its code and priority ("🔴 K-7Q3F urgent"), whose
  first message is the structured summary (handoff.summary). The topic id is stored with
  the case; the summary goes through the outbox, so a flood-limited or unreachable group
  loses nothing.
- The queue view: one pinned message in a topic of its own that the bot keeps edited
  (open cases by priority, then waiting time, with who holds each, overdue ones marked).
  It is edited only when its text changes and at most every ``QUEUE_EVERY`` (the group
  limit is about 20 messages a minute).

Creating a topic needs Telegram's answer (the topic id), so it is a direct call: a crash
between the call and the commit can leave one empty topic behind, never a case without one.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from aiogram import Bot
from aiogram.exceptions import TelegramAPIError, TelegramBadRequest, TelegramRetryAfter
from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.console_views import case_buttons, queue_reply, render_console
from bot.conversations import utcnow
from bot.crypto import KeyRing
from bot.db import cases as case_store
from bot.db import repo, staff
from bot.db.database import Database
from bot.db.tables import CaseRequestRow
from bot.i18n import Markup, Translator
from bot.outbox import LANE_REPLY, LEASE, OutboxSender, Queued
from bot.render import Rendered, render, render_reply
from bot.telegram.unit_of_work import send_message_params
from dialogs.contacts import active_directory, contact_items
from dialogs.types import Fragment, Priority, Reply
from handoff.lifecycle import Status
from handoff.sla import Hours, SlaPolicy
from handoff.summary import MARKERS, CaseFacts, case_summary, topic_name

__all__ = ["LANE_OPERATORS", "QUEUE_EVERY", "Console"]

log = logging.getLogger(__name__)

#: After replies to people, before broadcasts.
LANE_OPERATORS = 1
QUEUE_EVERY = timedelta(seconds=10)
#: Telegram's limit for a topic name.
TOPIC_NAME_LIMIT = 128


@dataclass(frozen=True, slots=True)
class _Pending:
    id: int
    facts: CaseFacts


class Console:
    """Build once in ``lastivka run`` when the operator group passed its check."""

    def __init__(
        self,
        *,
        db: Database,
        bot: Bot,
        translator: Translator,
        keyring: KeyRing,
        sender: OutboxSender,
        chat_id: int,
        locale: str,
        sla: SlaPolicy,
        hours: Hours | None = None,
        clock: Callable[[], datetime] = utcnow,
    ) -> None:
        self.db = db
        self.bot = bot
        self.translator = translator
        self.sender = sender
        self.chat_id = chat_id
        self.locale = locale
        self.sla = sla
        self.hours = hours
        self.clock = clock
        self.keyring = keyring
        self.chat_key = keyring.pseudonym("chat", chat_id)
        self._queue_digest = ""
        self._queue_at: datetime | None = None

    # -- topics ---------------------------------------------------------------------------

    async def _pending(self, session: AsyncSession, limit: int) -> list[_Pending]:
        rows = await session.scalars(
            select(CaseRequestRow)
            .where(CaseRequestRow.topic_id.is_(None), CaseRequestRow.status != Status.CLOSED)
            .order_by(CaseRequestRow.priority.desc(), CaseRequestRow.created_at)
            .limit(limit)
        )
        pending = []
        for row in rows:
            facts = row.facts or {}
            pending.append(
                _Pending(
                    row.id,
                    CaseFacts(
                        row.code,
                        Priority(row.priority),
                        row.reason,
                        row.created_at,
                        str(facts.get("locale", self.locale)),
                        dict(facts.get("answers", {})),
                    ),
                )
            )
        return pending

    async def open_topics(self, limit: int = 10) -> int:
        """A topic and a summary for each case that has none yet; returns how many."""
        opened = 0
        for pending in await self.db.run(lambda s: self._pending(s, limit)):
            name = render_reply(self.translator, self.locale, topic_name(pending.facts))
            try:
                topic = await self.bot.create_forum_topic(self.chat_id, name[:TOPIC_NAME_LIMIT])
            except TelegramRetryAfter as exc:
                log.warning("operator group busy: topics wait %s s", exc.retry_after)
                break
            except TelegramAPIError as exc:
                log.error("cannot open a case topic (%s)", type(exc).__name__)
                break
            await self._post_summary(pending, topic.message_thread_id)
            opened += 1
        return opened

    async def _post_summary(self, pending: _Pending, thread_id: int) -> None:
        now = self.clock()
        zone = self.hours.zone if self.hours is not None else UTC
        summary = case_summary(pending.facts, zone)
        buttons = case_buttons(pending.facts.code, Status.QUEUED)
        message = render_console(
            self.translator, self.locale, Reply(summary.message_id, summary.args, buttons)
        )

        async def job(session: AsyncSession) -> Queued:
            await session.execute(
                update(CaseRequestRow)
                .where(CaseRequestRow.id == pending.id)
                .values(topic_id=thread_id)
            )
            await staff.append_audit(
                session,
                actor="system",
                action="case_opened",
                now=now,
                case_code=pending.facts.code,
            )
            return await self._enqueue(session, self.chat_id, message, now, thread_id=thread_id)

        queued = await self.db.run(job)
        await self.sender.deliver([queued])

    # -- the queue view -------------------------------------------------------------------

    async def _queue_reply(self, session: AsyncSession) -> Reply:
        return await queue_reply(session, self.sla, self.clock())

    async def _queue_place(self) -> tuple[int, int | None]:
        """The queue topic (created once, remembered across restarts) and its message."""
        topic = await self.db.run(lambda s: case_store.console_state(s, "queue_topic"))
        if topic is None:
            name = self.translator.format(self.locale, "op-queue-topic")
            created = await self.bot.create_forum_topic(self.chat_id, name[:TOPIC_NAME_LIMIT])
            topic = created.message_thread_id
            await self.db.run(lambda s: case_store.set_console_state(s, "queue_topic", topic))
        message = await self.db.run(lambda s: case_store.console_state(s, "queue_message"))
        return topic, message

    async def refresh_queue(self, *, force: bool = False) -> bool:
        """Edit (or first post, and pin) the queue view in its own topic if its text changed;
        True when sent."""
        now = self.clock()
        if not force and self._queue_at is not None and now - self._queue_at < QUEUE_EVERY:
            return False
        reply = await self.db.run(self._queue_reply)
        text = render_reply(self.translator, self.locale, reply)
        digest = hashlib.blake2s(text.encode(), digest_size=8).hexdigest()
        if digest == self._queue_digest and not force:
            return False
        try:
            topic, message = await self._queue_place()
            if message is not None:
                try:
                    await self.bot.edit_message_text(
                        text, chat_id=self.chat_id, message_id=message, parse_mode="HTML"
                    )
                except TelegramBadRequest as exc:
                    if "not modified" not in str(exc).lower():
                        message = None  # deleted by someone: post a new one
            if message is None:
                sent = await self.bot.send_message(
                    self.chat_id, text, parse_mode="HTML", message_thread_id=topic
                )
                await self.db.run(
                    lambda s: case_store.set_console_state(s, "queue_message", sent.message_id)
                )
                with contextlib.suppress(TelegramAPIError):
                    await self.bot.pin_chat_message(
                        self.chat_id, sent.message_id, disable_notification=True
                    )
        except TelegramRetryAfter as exc:
            log.warning("operator group busy: queue view waits %s s", exc.retry_after)
            return False
        except TelegramAPIError as exc:
            log.warning("queue view not updated (%s)", type(exc).__name__)
            return False
        self._queue_digest, self._queue_at = digest, now
        return True

    # -- time to claim ---------------------------------------------------------------------

    async def _overdue(self, session: AsyncSession) -> list[Queued]:
        now = self.clock()
        rows = await session.scalars(
            select(CaseRequestRow).where(
                CaseRequestRow.status == Status.QUEUED,
                CaseRequestRow.overdue_told.is_(False),
                CaseRequestRow.topic_id.is_not(None),
            )
        )
        outgoing: list[Queued] = []
        mentions = await case_store.supervisor_mentions(session)
        for row in rows:
            case = case_store.case_of(row)
            if not self.sla.overdue(case, now):
                continue
            row.overdue_told = True
            minutes = max(int((now - row.created_at).total_seconds() // 60), 0)
            alert = Reply(
                "op-overdue",
                {
                    "marker": MARKERS[case.priority],
                    "code": case.code,
                    "minutes": minutes,
                    "supervisors": Markup(mentions) if mentions else Fragment("op-no-supervisors"),
                },
            )
            outgoing.append(
                await self._enqueue(
                    session,
                    self.chat_id,
                    render(self.translator, self.locale, [alert])[0],
                    now,
                    thread_id=await case_store.console_state(session, "queue_topic"),
                )
            )
            person = await self._person_notice(session, row, now)
            if person is not None:
                outgoing.append(person)
            await staff.append_audit(
                session, actor="system", action="case_overdue", now=now, case_code=case.code
            )
        return outgoing

    async def _person_notice(
        self, session: AsyncSession, row: CaseRequestRow, now: datetime
    ) -> Queued | None:
        chat_id = await case_store.chat_of(session, row.subject_id)
        if chat_id is None:
            return None
        facts = row.facts or {}
        locale = str(facts.get("locale", "uk"))
        answers = dict(facts.get("answers", {}))
        country = str(answers.get("country", "other")).upper()
        directory = active_directory()
        around_the_clock = [
            c for c in directory.for_country(country, ("hotline", "emergency")) if c.hours == "24/7"
        ]
        lines = contact_items(around_the_clock) if around_the_clock else Fragment("contacts-none")
        if self.hours is None or self.hours.is_open(now):
            notice = Reply("case-wait", {"contacts": lines}, protect=True)
        else:
            opening = self.hours.next_open(now).astimezone(self.hours.zone)
            notice = Reply(
                "case-wait-closed",
                {"when": opening.strftime("%d.%m %H:%M"), "contacts": lines},
                protect=True,
            )
        message = render(self.translator, locale, [notice])[0]
        return await self._enqueue(session, chat_id, message, now, lane=LANE_REPLY)

    async def _enqueue(
        self,
        session: AsyncSession,
        chat_id: int,
        message: Rendered,
        now: datetime,
        *,
        lane: int = LANE_OPERATORS,
        thread_id: int | None = None,
    ) -> Queued:
        """One message into the outbox (sent after the commit, kept until Telegram has it)."""
        chat_key = self.keyring.pseudonym("chat", chat_id)
        params: dict[str, Any] = send_message_params(chat_id, message)
        if thread_id is not None:
            params["message_thread_id"] = thread_id
        outbox_id = await repo.enqueue(
            session,
            lane=lane,
            chat_key=chat_key,
            method="sendMessage",
            payload=params,
            update_id=None,
            now=now,
            not_before=now + LEASE,
        )
        return Queued(outbox_id, chat_key, "sendMessage", params)

    async def alert_overdue(self) -> int:
        """Tell the group (mentioning supervisors) and the person, once, when a case waits
        past its time to claim; returns how many cases."""
        outgoing = await self.db.run(self._overdue)
        await self.sender.deliver(outgoing)
        return len([q for q in outgoing if q.chat_key == self.chat_key])

    # -- the loop -------------------------------------------------------------------------

    async def run(self, stop: asyncio.Event, *, every: float = 2.0) -> None:
        while not stop.is_set():
            try:
                await self.open_topics()
                await self.alert_overdue()
                await self.refresh_queue()
            except Exception as exc:  # the console must never stop the bot
                log.warning("console round failed (%s)", type(exc).__name__)
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), timeout=every)
