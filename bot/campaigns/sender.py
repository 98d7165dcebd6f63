"""The campaign sender: one at a time, at Telegram's pace, resumable after any crash.

The deliveries table is the broadcast lane of the outbox (one row per recipient). The
sender claims a small batch (marking the rows "sending" before any request goes out),
sends each as its token comes (``SendGate``: replies in dialogs first; a campaign's own
rate on top), and marks the outcome after the answer, in the transaction of the next
claim. A process killed at any moment leaves rows queued (sent later), sent (done) or
sending: those are sent again at the next start, so nobody is missed and only messages in
flight at the kill can arrive twice.

One sender is active per deployment: a session advisory lock on PostgreSQL, a lock file
beside the SQLite database.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import json
import logging
import random
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any, Protocol

import aiohttp
from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.campaigns import store
from bot.campaigns.lock import FileLock, PostgresLock, SenderLock, sender_lock
from bot.campaigns.spec import CampaignSpec, deep_link
from bot.campaigns.store import State, Status
from bot.campaigns.subscriptions import drop_subscriber
from bot.campaigns.transport import Verdict
from bot.conversations import utcnow
from bot.db.database import Database
from bot.db.tables import CampaignRow, DeliveryRow, SubjectRow
from bot.i18n import Translator
from bot.rate import SendGate, smooth_limiter
from dialogs.subscriptions import STOP_PREFIX

__all__ = [
    "MAX_ATTEMPTS",
    "CampaignSender",
    "FileLock",
    "PostgresLock",
    "SenderConfig",
    "SenderLock",
    "Transport",
    "build_messages",
    "sender_lock",
    "stop_callback",
]

log = logging.getLogger(__name__)

#: After this many failed tries (network, 5xx) a delivery is given up as failed.
MAX_ATTEMPTS = 8
_MAX_BACKOFF = 300.0


class Transport(Protocol):
    async def call(self, method: str, body: bytes | aiohttp.FormData) -> Verdict: ...


@dataclass(frozen=True, slots=True)
class SenderConfig:
    """``rate``: messages a second for ordinary campaigns (Telegram allows about 30 for
    the whole bot; the default leaves room for dialogs). ``paid_rate``: for campaigns
    marked paid (Telegram's paid broadcasts, up to 1,000 a second, 0.1 Star each); 0
    refuses them."""

    bot_username: str
    rate: float = 25.0
    paid_rate: float = 0.0


@dataclass(frozen=True, slots=True)
class _Message:
    method: str
    payload: Mapping[str, Any]
    #: A local image to upload with the first message (then its file_id is reused).
    upload: Path | None = None


@dataclass(frozen=True, slots=True)
class _Item:
    id: int
    chat_id: int | None
    locale: str
    attempts: int
    subject_id: str | None


@dataclass
class _Run:
    """One campaign being sent by this process."""

    id: int
    messages: dict[str, _Message]
    counted: bool
    rate: float
    outcomes: list[tuple[_Item, Verdict]] = field(default_factory=list)
    tasks: set[asyncio.Task[None]] = field(default_factory=set)


def stop_callback(campaign_id: int) -> str:
    """The "stop these messages" button's callback data: ``g:stop_<id>``, the global-choice
    format of ``bot.telegram.callbacks`` (the dialog router hands it to the engine)."""
    return f"g:{STOP_PREFIX}{campaign_id}"


def build_messages(
    spec: CampaignSpec, campaign_id: int, translator: Translator, bot_username: str
) -> dict[str, _Message]:
    """One request payload per locale of the campaign (``chat_id`` filled per recipient)."""
    messages: dict[str, _Message] = {}
    for locale in spec.audience.locales:
        text_html = spec.texts[locale]
        rows: list[list[dict[str, str]]] = []
        for button in spec.buttons:
            label = button.labels[locale]
            if button.flow is not None:
                link = deep_link(bot_username, campaign_id, button.flow)
            else:
                link = str(button.url)
            rows.append([{"text": label, "url": link}])
        stop_label = translator.format(locale, "campaign-stop-button")
        rows.append([{"text": str(stop_label), "callback_data": stop_callback(campaign_id)}])
        payload: dict[str, Any] = {"parse_mode": "HTML", "reply_markup": {"inline_keyboard": rows}}
        if spec.paid:
            payload["allow_paid_broadcast"] = True
        upload = None
        if spec.image is None:
            method = "sendMessage"
            payload["text"] = text_html
            payload["link_preview_options"] = {"is_disabled": True}
        else:
            method = "sendPhoto"
            payload["caption"] = text_html
            if spec.image.startswith("https://"):
                payload["photo"] = spec.image
            else:
                upload = Path(spec.image)
        messages[locale] = _Message(method, payload, upload)
    return messages


class CampaignSender:
    """Sends due campaigns until stopped. ``counters`` are for logs and the benchmark."""

    def __init__(
        self,
        db: Database,
        transport: Transport,
        translator: Translator,
        *,
        gate: SendGate,
        config: SenderConfig,
        lock: SenderLock | None = None,
        clock: Callable[[], datetime] = utcnow,
    ) -> None:
        self.db = db
        self.transport = transport
        self.translator = translator
        self.gate = gate
        self.config = config
        self.lock = lock if lock is not None else sender_lock(db)
        self.clock = clock
        self.counters: Counter[str] = Counter()
        self._resumed: set[int] = set()

    # -- the loop -------------------------------------------------------------------------

    async def run(self, stop: asyncio.Event, *, idle: float = 5.0) -> None:
        """Work on due campaigns until ``stop``; another active sender makes this one wait."""
        try:
            while not stop.is_set():
                worked = False
                try:
                    if await self.lock.acquire():
                        worked = await self.work_once(stop)
                except asyncio.CancelledError:
                    raise
                except Exception as exc:
                    log.error("campaign sender: %s; trying again shortly", type(exc).__name__)
                if not worked:
                    with contextlib.suppress(TimeoutError):
                        await asyncio.wait_for(stop.wait(), timeout=idle)
        finally:
            await self.lock.release()

    async def work_once(self, stop: asyncio.Event | None = None) -> bool:
        """Send the campaign that is due (all of it, unless stopped); False if none is."""
        stop = stop or asyncio.Event()
        started = await self.db.run(self._start_due)
        if started is None:
            return False
        try:
            await self._send(started, stop)
        except BaseException:
            # rows this run marked "sending" are re-queued when it is taken up again
            self._resumed.discard(started.id)
            raise
        return True

    async def _start_due(self, session: AsyncSession) -> _Run | None:
        now = self.clock()
        row = await store.due_campaign(session, now=now)
        if row is None:
            return None
        spec = CampaignSpec.from_json(row.spec)
        paid = spec.paid
        rate = self.config.paid_rate if paid else self.config.rate
        if paid and rate <= 0:
            log.error("campaign %s is paid but paid broadcasts are off; cancelled", row.id)
            await store.cancel(session, row, by="system", now=now, detail="paid broadcasts off")
            return None
        if row.status == Status.SCHEDULED:
            count = await store.draw_audience(session, row, now=now)
            log.info("campaign %s: sending to %d recipient(s)", row.id, count)
        elif row.id not in self._resumed:
            again = await store.requeue_in_flight(session, row.id)
            if again:
                log.warning(
                    "campaign %s: %d message(s) in flight at the last stop are sent again",
                    row.id,
                    again,
                )
                self.counters["resent_after_stop"] += again
        self._resumed.add(row.id)
        messages = build_messages(spec, row.id, self.translator, self.config.bot_username)
        return _Run(row.id, messages, counted=not paid, rate=rate)

    async def _send(self, run: _Run, stop: asyncio.Event) -> None:
        try:
            await self._loop(run, stop)
        finally:
            if run.tasks:
                await asyncio.gather(*run.tasks, return_exceptions=True)
            if run.outcomes:
                outcomes, run.outcomes = run.outcomes, []
                await self.db.run(functools.partial(self._settle, outcomes))

    async def _loop(self, run: _Run, stop: asyncio.Event) -> None:
        batch = max(1, min(500, int(run.rate / 4)))
        window = asyncio.Semaphore(batch * 2)
        limiter = smooth_limiter(run.rate)
        while True:
            if stop.is_set():
                break
            outcomes, run.outcomes = run.outcomes, []
            try:
                claimed, status = await self.db.run(
                    functools.partial(self._claim, run.id, batch, outcomes)
                )
            except BaseException:
                run.outcomes[:0] = outcomes  # still to be marked
                raise
            if status != Status.SENDING:
                log.info("campaign %s: %s, sender stops", run.id, status)
                await self._release(claimed)
                break
            if not claimed:
                if run.tasks:
                    await asyncio.wait(run.tasks, return_when=asyncio.FIRST_COMPLETED)
                    continue
                later = await self.db.run(functools.partial(self._next_due, run.id))
                if later is None:
                    await self.db.run(functools.partial(self._finish, run.id))
                    log.info("campaign %s: done", run.id)
                    break
                wait = max(0.05, min(1.0, (later - self.clock()).total_seconds()))
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(stop.wait(), timeout=wait)
                continue
            for index, item in enumerate(claimed):
                if stop.is_set():
                    await self._release(claimed[index:])
                    break
                message = run.messages.get(item.locale)
                if message is not None and message.upload is not None:
                    # the first message with a local image uploads it, alone; the rest
                    # reuse Telegram's file id
                    await self.gate.broadcast(counted=run.counted)
                    await self._deliver(run, item)
                    continue
                await window.acquire()
                async with limiter:
                    await self.gate.broadcast(counted=run.counted)
                task = asyncio.create_task(self._deliver(run, item))
                run.tasks.add(task)
                task.add_done_callback(run.tasks.discard)
                task.add_done_callback(lambda _t: window.release())

    async def _release(self, items: list[_Item]) -> None:
        """Claimed but never sent (stopping): back to the queue, the try not counted."""
        if not items:
            return

        async def job(session: AsyncSession) -> None:
            for item in items:
                await session.execute(
                    update(DeliveryRow)
                    .where(DeliveryRow.id == item.id)
                    .values(state=State.QUEUED, attempts=item.attempts - 1)
                )

        await self.db.run(job)

    # -- one message ---------------------------------------------------------------------

    async def _deliver(self, run: _Run, item: _Item) -> None:
        message = run.messages.get(item.locale)
        if message is None or item.chat_id is None:
            verdict = Verdict("refused", reason="no message or chat")
        else:
            verdict = await self._call(run, item, message)
        if verdict.kind == "wait":
            self.gate.pause(verdict.retry_after)
        self.counters[verdict.kind] += 1
        run.outcomes.append((item, verdict))

    async def _call(self, run: _Run, item: _Item, message: _Message) -> Verdict:
        if message.upload is None:
            body = json.dumps({**message.payload, "chat_id": item.chat_id}).encode()
            return await self.transport.call(message.method, body)
        form = aiohttp.FormData()
        form.add_field("chat_id", str(item.chat_id))
        for key, value in message.payload.items():
            form.add_field(key, value if isinstance(value, str) else json.dumps(value))
        try:
            data = message.upload.read_bytes()
        except OSError as exc:
            log.error("campaign %s: the image cannot be read (%s)", run.id, type(exc).__name__)
            return Verdict("refused", reason="image unreadable")
        form.add_field("photo", data, filename=message.upload.name)
        verdict = await self.transport.call(message.method, form)
        file_id = _photo_file_id(verdict.result) if verdict.kind == "sent" else None
        if file_id is not None:
            # one upload for the whole campaign: every locale shows the same image
            for locale, other in list(run.messages.items()):
                if other.upload == message.upload:
                    run.messages[locale] = _Message(
                        other.method, {**other.payload, "photo": file_id}
                    )
        return verdict

    # -- the database side ---------------------------------------------------------------

    async def _claim(
        self, campaign_id: int, batch: int, outcomes: list[tuple[_Item, Verdict]], session: Any
    ) -> tuple[list[_Item], str]:
        """Mark what was answered, then the next rows "sending" (before any request)."""
        await self._settle(outcomes, session)
        status = await session.scalar(
            select(CampaignRow.status).where(CampaignRow.id == campaign_id)
        )
        if status != Status.SENDING:
            return [], str(status)
        now = self.clock()
        d = DeliveryRow
        due = (
            select(d.id)
            .where(
                d.campaign_id == campaign_id,
                d.state == State.QUEUED,
                (d.not_before.is_(None)) | (d.not_before <= now),
            )
            .order_by(d.id)
            .limit(batch)
        )
        rows = (
            await session.execute(
                update(d)
                .where(d.id.in_(due.scalar_subquery()))
                .values(state=State.SENDING, attempts=d.attempts + 1)
                .returning(d.id, d.subject_id, d.locale, d.attempts)
                .execution_options(synchronize_session=False)
            )
        ).all()
        subjects = [row.subject_id for row in rows if row.subject_id is not None]
        chats: dict[str, int | None] = {}
        if subjects:
            found = await session.execute(
                select(SubjectRow.id, SubjectRow.chat_ref).where(SubjectRow.id.in_(subjects))
            )
            for subject_id, chat_ref in found:
                chats[subject_id] = int(chat_ref.decode()) if chat_ref else None
        items = [
            _Item(
                row.id,
                chats.get(row.subject_id) if row.subject_id else None,
                row.locale,
                row.attempts,
                row.subject_id,
            )
            for row in sorted(rows, key=lambda r: r.id)
        ]
        return items, str(status)

    async def _settle(self, outcomes: list[tuple[_Item, Verdict]], session: Any) -> None:
        if not outcomes:
            return
        now = self.clock()
        d = DeliveryRow
        sent = [item.id for item, verdict in outcomes if verdict.kind == "sent"]
        if sent:
            await session.execute(
                update(d).where(d.id.in_(sent)).values(state=State.SENT, sent_at=now)
            )
        for item, verdict in outcomes:
            if verdict.kind == "sent":
                continue
            if verdict.kind == "gone":
                values: dict[str, Any] = {"state": State.BLOCKED}
                if item.subject_id is not None:
                    await drop_subscriber(session, item.subject_id, now=now)
            elif verdict.kind == "refused":
                log.error("campaign delivery %s refused (%s)", item.id, verdict.reason)
                values = {"state": State.FAILED}
            elif verdict.kind == "wait":
                # Telegram's flood wait is not the message's fault: the try is not counted
                values = {
                    "state": State.QUEUED,
                    "attempts": item.attempts - 1,
                    "not_before": now + timedelta(seconds=verdict.retry_after),
                }
            elif item.attempts >= MAX_ATTEMPTS:
                log.error("campaign delivery %s given up (%s)", item.id, verdict.reason)
                values = {"state": State.FAILED}
            else:
                delay = min(_MAX_BACKOFF, 2.0 ** min(item.attempts, 8))
                delay *= 0.5 + random.random()  # noqa: S311 - jitter, not security
                log.warning("campaign delivery %s will retry (%s)", item.id, verdict.reason)
                values = {"state": State.QUEUED, "not_before": now + timedelta(seconds=delay)}
            await session.execute(update(d).where(d.id == item.id).values(**values))

    async def _next_due(self, campaign_id: int, session: Any) -> datetime | None:
        """When the next queued delivery may go (None: nothing left to send)."""
        d = DeliveryRow
        row = (
            await session.execute(
                select(d.not_before)
                .where(d.campaign_id == campaign_id, d.state.in_([State.QUEUED, State.SENDING]))
                .order_by(d.not_before.asc().nulls_first())
                .limit(1)
            )
        ).first()
        if row is None:
            return None
        return row.not_before or self.clock()

    async def _finish(self, campaign_id: int, session: Any) -> None:
        row = await session.get(CampaignRow, campaign_id)
        if row is not None and row.status == Status.SENDING:
            await store.finish(session, row, now=self.clock())


def _photo_file_id(result: Any) -> str | None:
    if isinstance(result, dict):
        sizes = result.get("photo")
        if isinstance(sizes, list) and sizes and isinstance(sizes[-1], dict):
            file_id = sizes[-1].get("file_id")
            return file_id if isinstance(file_id, str) else None
    return None
