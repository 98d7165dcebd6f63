"""The campaign sender against the Bot API double, on SQLite and PostgreSQL.

Who is reached (exactly the opted-in audience, each in their own language, with the stop
button and deep links), what Telegram's answers do (429, 403, "chat not found", 5xx, an
HTML error page, a bad request, a dead network), a kill -9 half-way and the resume, replies
keeping priority over a broadcast, one sender at a time, cancelling and scheduling, images
and paid broadcasts.

No test waits on wall time to pass judgement: they wait on conditions (the double's calls,
the database) under a deadline, and compare counts and orders. Retries and backoffs are
made due by a clock the test controls; only the gate's pause after a 429 (Telegram's
retry_after, on the monotonic clock) passes in real time, one second.
"""

from __future__ import annotations

import asyncio
import os
import signal
import struct
import sys
import time
import zlib
from collections import Counter
from collections.abc import AsyncIterator, Awaitable, Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.campaigns import store
from bot.campaigns.lock import FileLock, PostgresLock, SenderLock, sender_lock
from bot.campaigns.sender import MAX_ATTEMPTS, CampaignSender, SenderConfig
from bot.campaigns.spec import CampaignSpec
from bot.campaigns.store import State, Status
from bot.campaigns.subscriptions import sync_subscriptions, topics_of
from bot.campaigns.transport import HttpTransport
from bot.db import repo
from bot.db.database import Database
from bot.db.tables import AuditRow, CampaignRow, DeliveryRow
from bot.i18n import Translator
from bot.rate import SendGate
from dialogs.types import Conversation
from tests.conftest import TEST_SECRET
from tests.fakes import Call, FakeBotApi, UploadedFile

ROOT = Path(__file__).resolve().parents[1]
TOKEN = "123456:CAMPAIGN-TEST"
BOT = "lastivka_test_bot"
T0 = datetime(2027, 3, 1, 9, 0, tzinfo=UTC)
LOCALES = ("uk", "ru", "lv", "en")
#: The stop button's label per locale, as locales/*/subscribe.ftl words it.
STOP_LABELS = {
    "uk": "🔕 Більше не надсилати",
    "ru": "🔕 Больше не присылать",
    "lv": "🔕 Vairs nesūtīt",
    "en": "🔕 Stop these messages",
}
URL_BUTTON = "https://example.org/tips"


# ---- clocks ------------------------------------------------------------------------------


class ManualClock:
    """Stands still until the test moves it."""

    def __init__(self, now: datetime = T0) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def advance(self, delta: timedelta) -> None:
        self.now += delta


class SteppingClock:
    """Moves ten minutes each time it is read: longer than any backoff or retry_after the
    sender sets (at most 450 s), so a delivery put back is due at the sender's next claim
    and no test waits for a backoff to pass."""

    def __init__(self, start: datetime = T0, step: timedelta = timedelta(minutes=10)) -> None:
        self.now = start
        self.step = step

    def __call__(self) -> datetime:
        self.now += self.step
        return self.now


# ---- people ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Person:
    subject: str
    chat: int | None
    locale: str | None
    #: The topics (and travel country) they are subscribed to now.
    topics: tuple[str, ...] = ()
    country: str = ""
    #: Earlier choices, applied in order before the current one (an unsubscription is a
    #: history with topics and a current choice without).
    history: tuple[tuple[tuple[str, ...], str], ...] = ()


def settings_of(topics: Iterable[str], country: str) -> dict[str, Any]:
    settings: dict[str, Any] = {f"sub_{topic}": True for topic in topics}
    if country:
        settings["sub_country"] = country
    return settings


async def add_people(db: Database, people: Sequence[Person], *, now: datetime = T0) -> None:
    """As the bot makes them: a conversation (and subject), then each choice in turn."""

    async def job(session: AsyncSession) -> None:
        for person in people:
            chat_ref = str(person.chat).encode() if person.chat is not None else None
            before: dict[str, Any] = {}
            existed = False
            for topics, country in (*person.history, (person.topics, person.country)):
                after = settings_of(topics, country)
                conversation = Conversation("menu", 1, "menu", {}, person.locale, after)
                await repo.save_conversation(
                    session,
                    person.subject,
                    conversation,
                    chat_ref=chat_ref,
                    now=now,
                    existed=existed,
                )
                await sync_subscriptions(session, person.subject, before, after, now=now)
                before, existed = after, True

    await db.run(job)


def subscribers(
    count: int, *, start: int = 1000, topics: tuple[str, ...] = ("jobs",)
) -> list[Person]:
    """``count`` people subscribed to ``topics``, locales taken in turn."""
    return [
        Person(f"subject-{start + i}", start + i, LOCALES[i % len(LOCALES)], topics)
        for i in range(count)
    ]


# ---- campaigns ---------------------------------------------------------------------------


def text_of(name: str, locale: str) -> str:
    return f"<b>{name}</b> in {locale}: keep your passport with you."


def campaign_spec(
    name: str,
    *,
    topics: Sequence[str] = ("jobs",),
    locales: Sequence[str] = LOCALES,
    countries: Sequence[str] = (),
    image: str | None = None,
    paid: bool = False,
) -> CampaignSpec:
    data: dict[str, Any] = {
        "name": name,
        "text": {locale: text_of(name, locale) for locale in locales},
        "buttons": [
            {"label": {locale: f"Check ({locale})" for locale in locales}, "flow": "screening"},
            {"label": {locale: f"Tips ({locale})" for locale in locales}, "url": URL_BUTTON},
        ],
        "audience": {
            "topics": list(topics),
            "locales": list(locales),
            "countries": list(countries),
        },
        "paid": paid,
    }
    if image is not None:
        data["image"] = image
    return CampaignSpec.from_json(data)


async def add_campaign(
    db: Database, spec: CampaignSpec, *, at: datetime = T0, now: datetime = T0
) -> int:
    """Created by one admin, approved by another, scheduled."""

    async def job(session: AsyncSession) -> int:
        row, _ = await store.create(
            session, slug=spec.name, spec=spec.to_json(), author="anna", now=now
        )
        await store.approve(session, row, approver="olha", now=now)
        await store.schedule(session, row, at=at, by="olha", now=now)
        return row.id

    return await db.run(job)


async def figures(db: Database, campaign_id: int) -> store.Figures:
    async def job(session: AsyncSession) -> store.Figures:
        row = await session.get(CampaignRow, campaign_id)
        assert row is not None
        return await store.figures(session, row)

    return await db.run(job)


async def status(db: Database, campaign_id: int) -> str:
    async def job(session: AsyncSession) -> str:
        value = await session.scalar(
            select(CampaignRow.status).where(CampaignRow.id == campaign_id)
        )
        return str(value)

    return await db.run(job)


async def count_state(db: Database, campaign_id: int, state: int) -> int:
    async def job(session: AsyncSession) -> int:
        value = await session.scalar(
            select(func.count())
            .select_from(DeliveryRow)
            .where(DeliveryRow.campaign_id == campaign_id, DeliveryRow.state == state)
        )
        return int(value or 0)

    return await db.run(job)


async def deliveries(db: Database, campaign_id: int) -> dict[str, DeliveryRow]:
    async def job(session: AsyncSession) -> dict[str, DeliveryRow]:
        rows = await session.scalars(
            select(DeliveryRow).where(DeliveryRow.campaign_id == campaign_id)
        )
        return {str(row.subject_id): row for row in rows}

    return await db.run(job)


# ---- the double's side ---------------------------------------------------------------------


def sent(fake: FakeBotApi, method: str = "sendMessage") -> list[Call]:
    """Messages the double accepted (delivered), in arrival order."""
    return [call for call in fake.calls_to(method) if call.ok]


def per_chat(calls: Iterable[Call]) -> Counter[int]:
    return Counter(int(call.chat_id) for call in calls)


async def eventually(
    check: Callable[[], Awaitable[bool]], what: str, *, within: float = 30.0
) -> None:
    """Poll ``check`` until it holds; fail naming ``what`` past the deadline."""
    deadline = time.monotonic() + within
    while True:
        if await check():
            return
        if time.monotonic() > deadline:
            raise AssertionError(f"not reached within {within}s: {what}")
        await asyncio.sleep(0.02)


async def work_once(sender: CampaignSender, *, within: float = 60.0) -> bool:
    """``sender.work_once()``, failing rather than hanging if it never finishes."""
    try:
        return await asyncio.wait_for(sender.work_once(), timeout=within)
    except TimeoutError:
        raise AssertionError(f"work_once still running after {within}s") from None


def make_sender(
    db: Database,
    transport: HttpTransport,
    translator: Translator,
    *,
    gate: SendGate | None = None,
    clock: Callable[[], datetime] | None = None,
    rate: float = 200.0,
    paid_rate: float = 0.0,
    lock: SenderLock | None = None,
) -> CampaignSender:
    return CampaignSender(
        db,
        transport,
        translator,
        gate=gate if gate is not None else SendGate(None),
        config=SenderConfig(bot_username=BOT, rate=rate, paid_rate=paid_rate),
        lock=lock,
        clock=clock if clock is not None else SteppingClock(),
    )


@pytest.fixture
async def fake() -> AsyncIterator[FakeBotApi]:
    async with FakeBotApi(
        token=TOKEN, bot_username=BOT, global_rate=None, per_chat_rate=None
    ) as server:
        yield server


@pytest.fixture
async def transport(fake: FakeBotApi) -> AsyncIterator[HttpTransport]:
    client = HttpTransport(fake.base_url, TOKEN)
    yield client
    await client.close()


def api_error(code: int, description: str, **parameters: Any) -> dict[str, Any]:
    body: dict[str, Any] = {"ok": False, "error_code": code, "description": description}
    if parameters:
        body["parameters"] = parameters
    return body


# ---- 1. exactly the opted-in audience ------------------------------------------------------


def population() -> list[Person]:
    """Every mix of topic, locale and travel country, and the people who must not be reached:
    never subscribed, unsubscribed, moved away from the campaign's topics, no chat, no locale."""
    people: list[Person] = []
    chat = 5000

    def add(**kwargs: Any) -> None:
        nonlocal chat
        chat += 1
        kwargs.setdefault("chat", chat)
        people.append(Person(subject=f"subject-{chat}", **kwargs))

    choices: list[tuple[tuple[str, ...], str]] = [
        (("jobs",), ""),
        (("rights",), ""),
        (("news",), ""),
        (("rights", "news"), ""),
        (("travel",), ""),
        (("travel",), "pl"),
        (("travel",), "de"),
        (("travel",), "it"),
        (("jobs", "travel"), "it"),
        (("news", "travel"), "de"),
    ]
    for locale in LOCALES:
        for topics, country in choices:
            add(locale=locale, topics=topics, country=country)
        add(locale=locale)  # talked to the bot, never subscribed
        add(locale=locale, history=((("jobs",), ""),))  # subscribed, then stopped
        add(locale=locale, topics=("news",), history=((("jobs", "travel"), "pl"),))
        add(locale=locale, topics=("travel",), country="pl", history=((("travel",), "it"),))
    add(locale="uk", topics=("jobs",), chat=None)  # no chat to send to
    add(locale=None, topics=("jobs",))  # no language chosen
    return people


async def test_reaches_exactly_the_opted_in_audience_in_their_locale(
    db: Database, fake: FakeBotApi, transport: HttpTransport, translator: Translator
) -> None:
    people = population()
    await add_people(db, people)
    locales = ("uk", "ru", "en")
    spec = campaign_spec(
        "spring-jobs", topics=("jobs", "travel"), locales=locales, countries=("PL", "de")
    )
    campaign_id = await add_campaign(db, spec)

    def wanted(person: Person) -> bool:
        travel = "travel" in person.topics and person.country in ("pl", "de")
        return (
            person.chat is not None
            and person.locale in locales
            and ("jobs" in person.topics or travel)
        )

    expected = {p.chat: p for p in people if wanted(p)}
    # per locale: jobs, travel pl, travel de, jobs+travel it, news+travel de, moved it->pl
    assert len(expected) == 18
    sender = make_sender(db, transport, translator)
    assert await work_once(sender) is True

    calls = fake.calls_to("sendMessage")
    assert all(call.ok for call in calls)
    counts = per_chat(calls)
    assert set(counts) == set(expected)
    assert set(counts.values()) == {1}
    for call in calls:
        person = expected[int(call.chat_id)]
        locale = str(person.locale)
        assert call.params["text"] == text_of("spring-jobs", locale)
        assert call.params["parse_mode"] == "HTML"
        assert "allow_paid_broadcast" not in call.params
        keyboard = call.params["reply_markup"]["inline_keyboard"]
        assert keyboard == [
            [
                {
                    "text": f"Check ({locale})",
                    "url": f"https://t.me/{BOT}?start=c{campaign_id}-screening",
                }
            ],
            [{"text": f"Tips ({locale})", "url": URL_BUTTON}],
            [{"text": STOP_LABELS[locale], "callback_data": f"g:stop_{campaign_id}"}],
        ]
    rows = await deliveries(db, campaign_id)
    assert {row.subject_id: row.locale for row in rows.values()} == {
        p.subject: p.locale for p in expected.values()
    }
    assert await status(db, campaign_id) == Status.DONE
    result = await figures(db, campaign_id)
    assert (result.audience, result.sent, result.queued, result.sending) == (18, 18, 0, 0)
    assert sender.counters["sent"] == 18
    assert await work_once(sender) is False  # nothing else is due

    # without countries, every travel subscriber is in, whichever country (or none)
    first = len(fake.calls)
    await add_campaign(db, campaign_spec("any-country", topics=("travel",)))
    assert await work_once(sender) is True
    travellers = {
        p.chat for p in people if "travel" in p.topics and p.chat is not None and p.locale
    }
    assert len(travellers) == 4 * 7
    assert per_chat(c for c in fake.calls[first:] if c.method == "sendMessage") == Counter(
        dict.fromkeys(travellers, 1)
    )


# ---- 2. flood waits ------------------------------------------------------------------------


async def test_flood_wait_puts_messages_back_and_everyone_gets_one(
    db: Database, fake: FakeBotApi, transport: HttpTransport, translator: Translator
) -> None:
    people = subscribers(24)
    await add_people(db, people)
    campaign_id = await add_campaign(db, campaign_spec("flood-wait"))
    waits = 4
    fake.fail_next(
        "sendMessage",
        status=429,
        body=api_error(429, "Too Many Requests: retry after 1", retry_after=1),
        count=waits,
    )
    sender = make_sender(db, transport, translator)
    assert await work_once(sender) is True

    refused = [call for call in fake.calls_to("sendMessage") if call.status == 429]
    assert len(refused) == waits
    counts = per_chat(sent(fake))
    assert counts == Counter({p.chat: 1 for p in people})
    assert sender.counters["wait"] == waits
    assert sender.counters["sent"] == len(people)
    result = await figures(db, campaign_id)
    assert result.sent == result.audience == len(people)
    # a flood wait is not the message's fault: the try is not counted
    rows = await deliveries(db, campaign_id)
    assert {row.attempts for row in rows.values()} == {1}


# ---- 3. blocked and gone -------------------------------------------------------------------


async def test_blocked_and_forgotten_chats_are_dropped_from_subscribers(
    db: Database, fake: FakeBotApi, transport: HttpTransport, translator: Translator
) -> None:
    people = subscribers(12, topics=("jobs", "news"))
    await add_people(db, people)
    blocked = {1001, 1004, 1009}  # subscribers' chats are 1000 and up
    forgotten = {1002, 1007}
    for chat in blocked:
        fake.block_chat(chat)
    for chat in forgotten:
        fake.forget_chat(chat)
    gone = blocked | forgotten
    campaign_id = await add_campaign(db, campaign_spec("blocked-chats"))
    sender = make_sender(db, transport, translator)
    assert await work_once(sender) is True

    calls = fake.calls_to("sendMessage")
    assert per_chat(calls) == Counter({p.chat: 1 for p in people})  # nobody tried twice
    assert {int(c.chat_id) for c in calls if c.status == 403} == blocked
    assert {int(c.chat_id) for c in calls if c.status == 400} == forgotten
    result = await figures(db, campaign_id)
    assert (result.sent, result.blocked, result.failed) == (7, 5, 0)
    rows = await deliveries(db, campaign_id)

    async def state_of(session: AsyncSession) -> dict[str, tuple[list[Any], dict[str, Any]]]:
        found = {}
        for person in people:
            conversation = await repo.load_conversation(session, person.subject)
            assert conversation is not None
            found[person.subject] = (
                await topics_of(session, person.subject),
                dict(conversation.settings),
            )
        return found

    after = await db.run(state_of)
    for person in people:
        topics, settings = after[person.subject]
        if person.chat in gone:
            assert rows[person.subject].state == State.BLOCKED
            assert topics == []
            assert not [key for key in settings if key.startswith("sub_")]
        else:
            assert rows[person.subject].state == State.SENT
            assert topics == [("jobs", ""), ("news", "")]
            assert settings == {"sub_jobs": True, "sub_news": True}

    # the next campaign's audience no longer has them
    first = len(fake.calls)
    later = await add_campaign(db, campaign_spec("next-campaign", topics=("news",)))
    assert await work_once(sender) is True
    assert per_chat(c for c in fake.calls[first:] if c.method == "sendMessage") == Counter(
        {p.chat: 1 for p in people if p.chat not in gone}
    )
    assert (await figures(db, later)).audience == 7


# ---- 4. server errors, bad requests, a dead network --------------------------------------


async def test_server_errors_and_html_pages_are_retried_after_a_backoff(
    db: Database, fake: FakeBotApi, transport: HttpTransport, translator: Translator
) -> None:
    people = subscribers(6, topics=("rights",))
    await add_people(db, people)
    campaign_id = await add_campaign(db, campaign_spec("server-errors", topics=("rights",)))
    page = "<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>"
    fake.fail_next("sendMessage", status=502, body=page)
    fake.fail_next("sendMessage", status=500, body=api_error(500, "Internal Server Error"))
    clock = ManualClock()
    sender = make_sender(db, transport, translator, clock=clock)
    work = asyncio.create_task(work_once(sender))
    try:

        async def four_sent_two_waiting() -> bool:
            rows = (await deliveries(db, campaign_id)).values()
            states = Counter(row.state for row in rows)
            return states == Counter({State.SENT: 4, State.QUEUED: 2})

        await eventually(four_sent_two_waiting, "4 sent, 2 put back")
        # the clock stands still: the two wait for their backoff (2 s, jittered)
        rows = [r for r in (await deliveries(db, campaign_id)).values() if r.state == State.QUEUED]
        for row in rows:
            assert row.attempts == 1
            assert row.not_before is not None
            assert T0 + timedelta(seconds=1) <= row.not_before <= T0 + timedelta(seconds=3)
        failed_chats = {int(c.chat_id) for c in fake.calls_to("sendMessage") if not c.ok}
        assert sorted(c.status for c in fake.calls_to("sendMessage") if not c.ok) == [500, 502]
        assert len(fake.calls_to("sendMessage")) == 6
        assert not work.done()
        clock.advance(timedelta(hours=1))
        assert await asyncio.wait_for(work, timeout=30) is True
    finally:
        work.cancel()
    calls = fake.calls_to("sendMessage")
    assert per_chat(sent(fake)) == Counter({p.chat: 1 for p in people})
    assert per_chat(calls) == Counter({p.chat: 2 if p.chat in failed_chats else 1 for p in people})
    assert sender.counters["retry"] == 2
    result = await figures(db, campaign_id)
    assert (result.sent, result.failed, result.queued) == (6, 0, 0)
    assert await status(db, campaign_id) == Status.DONE


async def test_a_bad_request_fails_without_retrying(
    db: Database, fake: FakeBotApi, transport: HttpTransport, translator: Translator
) -> None:
    people = subscribers(4)
    await add_people(db, people)
    campaign_id = await add_campaign(db, campaign_spec("bad-request"))
    fake.fail_next(
        "sendMessage",
        status=400,
        body=api_error(400, "Bad Request: can't parse entities: unsupported start tag"),
    )
    sender = make_sender(db, transport, translator)
    assert await work_once(sender) is True

    calls = fake.calls_to("sendMessage")
    refused = [c for c in calls if c.status == 400]
    assert len(refused) == 1
    assert per_chat(calls) == Counter({p.chat: 1 for p in people})  # not tried again
    rows = await deliveries(db, campaign_id)
    by_chat = {p.chat: rows[p.subject] for p in people}
    failed = by_chat[int(refused[0].chat_id)]
    assert (failed.state, failed.attempts) == (State.FAILED, 1)
    result = await figures(db, campaign_id)
    assert (result.sent, result.failed, result.blocked) == (3, 1, 0)
    assert await status(db, campaign_id) == Status.DONE


async def test_a_dead_network_fails_after_max_attempts(
    db: Database, translator: Translator
) -> None:
    people = subscribers(2)
    await add_people(db, people)
    campaign_id = await add_campaign(db, campaign_spec("no-network"))
    dead = HttpTransport("http://127.0.0.1:9", TOKEN, timeout=5)  # nothing listens there
    try:
        sender = make_sender(db, dead, translator)
        assert await work_once(sender) is True
    finally:
        await dead.close()
    rows = await deliveries(db, campaign_id)
    assert {(row.state, row.attempts) for row in rows.values()} == {(State.FAILED, MAX_ATTEMPTS)}
    assert sender.counters["retry"] == 2 * MAX_ATTEMPTS
    result = await figures(db, campaign_id)
    assert (result.sent, result.failed) == (0, 2)
    assert await status(db, campaign_id) == Status.DONE


# ---- 5. kill -9 and resume -------------------------------------------------------------------


async def test_kill_9_mid_campaign_then_resume_misses_nobody(
    db: Database, translator: Translator, tmp_path: Path
) -> None:
    audience = 600
    people = subscribers(audience)
    await add_people(db, people)
    # the worker reads the real clock
    now = datetime.now(UTC)
    campaign_id = await add_campaign(db, campaign_spec("kill-nine"), at=now, now=now)
    async with FakeBotApi(
        token=TOKEN, bot_username=BOT, global_rate=200, global_burst=20, per_chat_rate=None
    ) as fake:
        log = (tmp_path / "worker.log").open("wb")
        worker = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "tests.campaign_worker",
            db.url,
            fake.base_url,
            TOKEN,
            BOT,
            "150",
            TEST_SECRET.hex(),
            cwd=ROOT,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
            stdout=log,
            stderr=log,
        )
        log.close()
        try:

            async def a_third_sent() -> bool:
                return len(sent(fake)) >= audience // 3 or worker.returncode is not None

            await eventually(a_third_sent, "a third of the campaign sent", within=60)
        finally:
            if worker.returncode is None:
                worker.send_signal(signal.SIGKILL)
            await worker.wait()
        assert worker.returncode == -signal.SIGKILL, (tmp_path / "worker.log").read_text()
        before = per_chat(sent(fake))
        assert audience // 3 <= sum(before.values()) < audience
        in_flight = await count_state(db, campaign_id, State.SENDING)
        assert await status(db, campaign_id) == Status.SENDING

        transport = HttpTransport(fake.base_url, TOKEN)
        sender = make_sender(db, transport, translator, rate=150)
        try:
            # the dead process held the one-sender lock; the kill released it
            async def got_lock() -> bool:
                return await sender.lock.acquire()

            await eventually(got_lock, "the killed sender's lock is free", within=20)
            assert await work_once(sender) is True
        finally:
            await sender.lock.release()
            await transport.close()

        counts = per_chat(sent(fake))
    missed = {p.chat for p in people} - set(counts)
    duplicates = sum(counts.values()) - len(counts)
    assert missed == set()
    assert set(counts) == {p.chat for p in people}
    assert duplicates <= in_flight
    assert sender.counters["resent_after_stop"] == in_flight
    assert await status(db, campaign_id) == Status.DONE
    result = await figures(db, campaign_id)
    assert (result.sent, result.sending, result.queued) == (audience, 0, 0)


# ---- 6. replies first ----------------------------------------------------------------------


class RecordingGate(SendGate):
    """The real gate, writing down each broadcast token it hands out."""

    def __init__(self, rate: float) -> None:
        super().__init__(rate)
        self.events: list[str] = []

    async def broadcast(self, *, counted: bool = True) -> None:
        await super().broadcast(counted=counted)
        self.events.append("broadcast")


async def test_replies_go_before_the_broadcasts_next_message(
    db: Database, fake: FakeBotApi, transport: HttpTransport, translator: Translator
) -> None:
    people = subscribers(30)
    await add_people(db, people)
    campaign_id = await add_campaign(db, campaign_spec("replies-first"))
    gate = RecordingGate(rate=15)
    sender = make_sender(db, transport, translator, gate=gate, rate=100)

    async def reply(number: int, after: int) -> None:
        """An OutboxSender-like caller: waits for its turn at the shared gate, then sends."""

        async def broadcast_under_way() -> bool:
            return gate.events.count("broadcast") >= after

        await eventually(broadcast_under_way, f"{after} broadcast messages")
        gate.events.append(f"wants {number}")
        await gate.reply()
        gate.events.append(f"reply {number}")
        verdict = await transport.call(
            "sendMessage", f'{{"chat_id": {900 + number}, "text": "reply {number}"}}'.encode()
        )
        assert verdict.kind == "sent"

    replies = [reply(1, 3), reply(2, 10), reply(3, 18)]
    results = await asyncio.gather(work_once(sender), *replies)
    assert results[0] is True

    events = gate.events
    for number in (1, 2, 3):
        asked, given = events.index(f"wants {number}"), events.index(f"reply {number}")
        between = events[asked:given].count("broadcast")
        assert between <= 1, events
        # and the broadcast was still going on: it was not simply over
        assert "broadcast" in events[given:], events
    replies_sent = [c for c in sent(fake) if int(c.chat_id) < 1000]
    assert sorted(int(c.chat_id) for c in replies_sent) == [901, 902, 903]
    assert per_chat(c for c in sent(fake) if int(c.chat_id) >= 1000) == Counter(
        {p.chat: 1 for p in people}
    )
    assert (await figures(db, campaign_id)).sent == len(people)


async def test_a_paid_broadcast_stops_while_a_reply_waits_for_its_token(
    db: Database, fake: FakeBotApi, transport: HttpTransport, translator: Translator
) -> None:
    """Paid messages take no token of the bot-wide limit, so only the gate's priority keeps
    them behind a reply: while the reply waits for its token (half a second at 2 a second),
    a paid broadcast at 100 a second would otherwise send dozens."""
    people = subscribers(80)
    await add_people(db, people)
    campaign_id = await add_campaign(db, campaign_spec("paid-replies", paid=True))
    gate = RecordingGate(rate=2)
    sender = make_sender(db, transport, translator, gate=gate, rate=2, paid_rate=100)

    async def replies() -> None:
        async def under_way() -> bool:
            return gate.events.count("broadcast") >= 10

        await eventually(under_way, "10 paid messages")
        for number in (1, 2):  # the second finds the bucket empty: it waits for a token
            gate.events.append(f"wants {number}")
            await gate.reply()
            gate.events.append(f"reply {number}")

    results = await asyncio.gather(work_once(sender), replies())
    assert results[0] is True
    events = gate.events
    for number in (1, 2):
        asked, given = events.index(f"wants {number}"), events.index(f"reply {number}")
        assert events[asked:given].count("broadcast") <= 1, events
    assert "broadcast" in events[events.index("reply 2") :], events
    assert per_chat(sent(fake)) == Counter({p.chat: 1 for p in people})
    assert (await figures(db, campaign_id)).sent == len(people)


# ---- 7. one sender at a time -----------------------------------------------------------------


class CountingLock:
    """A sender lock that remembers what each acquire answered."""

    def __init__(self, inner: SenderLock) -> None:
        self.inner = inner
        self.answers: list[bool] = []

    async def acquire(self) -> bool:
        got = await self.inner.acquire()
        self.answers.append(got)
        return got

    async def release(self) -> None:
        await self.inner.release()


async def test_only_one_sender_sends(
    db: Database, fake: FakeBotApi, transport: HttpTransport, translator: Translator
) -> None:
    people = subscribers(60)
    await add_people(db, people)
    campaign_id = await add_campaign(db, campaign_spec("one-sender"))
    other_db = Database(db.url)
    other_transport = HttpTransport(fake.base_url, TOKEN)
    locks = [CountingLock(sender_lock(db)), CountingLock(sender_lock(other_db))]
    kind = FileLock if db.is_sqlite else PostgresLock
    assert all(isinstance(lock.inner, kind) for lock in locks)
    senders = [
        make_sender(db, transport, translator, rate=100, lock=locks[0]),
        make_sender(other_db, other_transport, translator, rate=100, lock=locks[1]),
    ]
    stop = asyncio.Event()
    runs = [asyncio.create_task(s.run(stop, idle=0.05)) for s in senders]
    try:

        async def done() -> bool:
            return await status(db, campaign_id) == Status.DONE

        await eventually(done, "the campaign is done")

        async def loser_tried() -> bool:
            return all(lock.answers for lock in locks)

        await eventually(loser_tried, "both senders asked for the lock")
    finally:
        stop.set()
        await asyncio.gather(*runs)
        await other_transport.close()
        await other_db.dispose()

    counts = per_chat(fake.calls_to("sendMessage"))
    assert counts == Counter({p.chat: 1 for p in people})
    active = [s for s in senders if s.counters["sent"]]
    assert len(active) == 1
    assert active[0].counters["sent"] == len(people)
    idle = next(s for s in senders if s is not active[0])
    assert sum(idle.counters.values()) == 0
    idle_lock = locks[senders.index(idle)]
    assert idle_lock.answers
    assert not any(idle_lock.answers)
    assert (await figures(db, campaign_id)).sent == len(people)


# ---- 8. cancel and schedule ----------------------------------------------------------------


async def test_cancel_while_sending_stops_the_sender(
    db: Database, fake: FakeBotApi, transport: HttpTransport, translator: Translator
) -> None:
    people = subscribers(40)
    await add_people(db, people)
    campaign_id = await add_campaign(db, campaign_spec("cancel-me"))
    rate = 20.0
    batch = int(rate / 4)  # what the sender claims at a time
    sender = make_sender(db, transport, translator, gate=SendGate(rate), rate=rate)
    work = asyncio.create_task(work_once(sender))
    try:
        await fake.wait_for(lambda f: len(sent(f)) >= 8, timeout=30)

        async def cancel(session: AsyncSession) -> tuple[int, int, int]:
            row = await session.get(CampaignRow, campaign_id)
            assert row is not None
            left = await store.cancel(session, row, by="olha", now=T0)
            in_flight = await session.scalar(
                select(func.count())
                .select_from(DeliveryRow)
                .where(DeliveryRow.campaign_id == campaign_id, DeliveryRow.state == State.SENDING)
            )
            return left, int(in_flight or 0), len(sent(fake))

        left, in_flight, seen = await db.run(cancel)
        assert await asyncio.wait_for(work, timeout=30) is True
    finally:
        work.cancel()
    delivered = len(sent(fake))
    assert delivered - seen <= in_flight + batch
    assert delivered < len(people)
    assert set(per_chat(sent(fake)).values()) == {1}
    result = await figures(db, campaign_id)
    assert result.sent == delivered
    assert result.sending == 0
    assert result.queued == len(people) - delivered >= left - in_flight - batch
    assert await status(db, campaign_id) == Status.CANCELLED
    assert await work_once(sender) is False
    assert len(sent(fake)) == delivered


async def test_a_campaign_waits_for_its_time(
    db: Database, fake: FakeBotApi, transport: HttpTransport, translator: Translator
) -> None:
    people = subscribers(5)
    await add_people(db, people)
    campaign_id = await add_campaign(db, campaign_spec("later-on"), at=T0 + timedelta(hours=3))
    clock = ManualClock()
    sender = make_sender(db, transport, translator, clock=clock)
    assert await work_once(sender) is False
    clock.advance(timedelta(hours=2, minutes=59))
    assert await work_once(sender) is False
    assert fake.calls_to("sendMessage") == []
    assert await status(db, campaign_id) == Status.SCHEDULED
    clock.advance(timedelta(minutes=1))
    assert await work_once(sender) is True
    assert per_chat(sent(fake)) == Counter({p.chat: 1 for p in people})
    assert await status(db, campaign_id) == Status.DONE


# ---- 9. images ----------------------------------------------------------------------------


def tiny_png() -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = zlib.crc32(kind + data) & 0xFFFFFFFF
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)  # 1x1, 8-bit RGB
    pixels = zlib.compress(b"\x00\xc0\x40\x20")
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


def is_upload(call: Call) -> bool:
    return isinstance(call.params.get("photo"), UploadedFile)


async def test_a_local_image_is_uploaded_once_then_sent_by_file_id(
    db: Database, fake: FakeBotApi, transport: HttpTransport, translator: Translator, tmp_path: Path
) -> None:
    image = tmp_path / "swallow.png"
    image.write_bytes(tiny_png())
    people = subscribers(12)
    await add_people(db, people)
    spec = campaign_spec("with-image", locales=("uk",), image=str(image))
    campaign_id = await add_campaign(db, spec)
    sender = make_sender(db, transport, translator)
    assert await work_once(sender) is True

    calls = fake.calls_to("sendPhoto")
    assert fake.calls_to("sendMessage") == []
    assert all(call.ok for call in calls)
    expected = [p for p in people if p.locale == "uk"]
    assert per_chat(calls) == Counter({p.chat: 1 for p in expected})
    assert is_upload(calls[0])
    upload = calls[0].params["photo"]
    assert upload.data == image.read_bytes()
    file_id = calls[0].result["photo"][-1]["file_id"]
    assert [call.params["photo"] for call in calls[1:]] == [file_id] * (len(expected) - 1)
    for call in calls:
        assert call.params["caption"] == text_of("with-image", "uk")
        stop = call.params["reply_markup"]["inline_keyboard"][-1]
        assert stop == [{"text": STOP_LABELS["uk"], "callback_data": f"g:stop_{campaign_id}"}]
    assert (await figures(db, campaign_id)).sent == len(expected)


async def test_a_local_image_is_uploaded_once_for_all_locales(
    db: Database, fake: FakeBotApi, transport: HttpTransport, translator: Translator, tmp_path: Path
) -> None:
    image = tmp_path / "swallow.png"
    image.write_bytes(tiny_png())
    await add_people(db, subscribers(8))
    await add_campaign(db, campaign_spec("image-locales", image=str(image)))
    sender = make_sender(db, transport, translator)
    assert await work_once(sender) is True
    calls = fake.calls_to("sendPhoto")
    assert len(calls) == 8
    assert sum(is_upload(call) for call in calls) == 1


# ---- 10. paid broadcasts -------------------------------------------------------------------


async def test_a_paid_campaign_uses_paid_broadcasts(db: Database, translator: Translator) -> None:
    people = subscribers(40)
    await add_people(db, people)
    campaign_id = await add_campaign(db, campaign_spec("paid-news", paid=True))
    # the bot-wide limit is 5 a second, in the double and in the gate: only messages sent
    # as paid broadcasts (counted apart) can all go through without a flood wait
    async with FakeBotApi(
        token=TOKEN, bot_username=BOT, global_rate=5, global_burst=5, per_chat_rate=None
    ) as fake:
        transport = HttpTransport(fake.base_url, TOKEN)
        try:
            sender = make_sender(db, transport, translator, gate=SendGate(5), rate=5, paid_rate=500)
            assert await work_once(sender) is True
        finally:
            await transport.close()
        calls = fake.calls_to("sendMessage")
    assert [c.status for c in calls] == [200] * len(people)
    assert all(call.params["allow_paid_broadcast"] is True for call in calls)
    assert per_chat(calls) == Counter({p.chat: 1 for p in people})
    assert sender.counters["wait"] == 0
    assert (await figures(db, campaign_id)).sent == len(people)


async def test_a_paid_campaign_is_cancelled_when_paid_broadcasts_are_off(
    db: Database, fake: FakeBotApi, transport: HttpTransport, translator: Translator
) -> None:
    await add_people(db, subscribers(6))
    campaign_id = await add_campaign(db, campaign_spec("paid-off", paid=True))
    sender = make_sender(db, transport, translator, paid_rate=0)
    assert await work_once(sender) is False
    assert await status(db, campaign_id) == Status.CANCELLED
    assert fake.calls == []
    assert (await figures(db, campaign_id)).sent == 0
    assert await work_once(sender) is False
    assert fake.calls == []


async def test_a_paid_campaign_cancelled_by_the_sender_is_audited(
    db: Database, fake: FakeBotApi, transport: HttpTransport, translator: Translator
) -> None:
    await add_people(db, subscribers(3))
    await add_campaign(db, campaign_spec("paid-audit", paid=True))
    sender = make_sender(db, transport, translator, paid_rate=0)
    assert await work_once(sender) is False

    async def actions(session: AsyncSession) -> list[str]:
        return list(await session.scalars(select(AuditRow.action).order_by(AuditRow.id)))

    found = await db.run(actions)
    assert found[-1] == "campaign_cancelled", found
