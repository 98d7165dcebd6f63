"""Campaign broadcasts against the Bot API double: pace, correctness, and dialogs meanwhile.

The double (``tests.fakes.FakeBotApi``) enforces Telegram's flood limits with token buckets
(429 with retry_after when one runs dry): 30 messages a second for the bot (burst 30), 1 a
second per chat (burst 3), and 1,000 a second for paid broadcasts (burst 1,000). It runs in
a process of its own (started with multiprocessing "spawn"; ``--double-in-process`` keeps it
in ours), so the sender's process has a core to itself on a two-core machine and the
double's work is not charged to the sender. That process freezes its heap twice a second
(``gc.freeze``): the double keeps every call and message, and full collections over that
record stalled it for 200-500 ms by 20,000 calls, which would be charged to the sender.
The double's call record is read back at the end of each scenario as (method, chat_id,
status, time); its times are ``time.monotonic`` of its own process, the same clock as ours
on Linux (checked at start: the double's clock must fall between our readings before and
after asking it).

Each scenario gets a fresh database (SQLite in a temporary directory, or PostgreSQL with
``--postgres``: its public schema is dropped and recreated). Recipients are made in bulk
(5,000 people per insert statement and transaction: subject with its HMAC pseudonym and its
chat id encrypted by the column type, conversation with the settings "sub_jobs", a "jobs"
subscription), then the example campaign tests/data/campaigns/spring.toml is created,
approved and scheduled for now, and ``CampaignSender.work_once`` sends it over the real
``HttpTransport``, as ``lastivka run`` wires them.

Scenarios:

1. free: ``-n`` recipients (``--large``: 100,000) at the bot-wide limit: sender rate 30 and
   ``SendGate(30)``, the double at 30/s. Achieved rate = (delivered - 1) / (last delivery -
   first delivery), from the double's times of the 200 answers (n messages span n - 1
   intervals); its ratio to 30 (target >= 0.97); 429 answers (target 0); duplicates
   (messages beyond the first per chat) and misses (recipients with no message), targets 0.
2. paid: ``--paid-n`` recipients of the same campaign marked paid: sender paid_rate 1,000,
   the double's paid bucket 1,000/s. The same figures, ratio to 1,000 (target >= 0.95), and
   the CPU each process used (time.process_time over the wall time: our process holds the
   sender, its database thread and its HTTP client; the other holds the double).
3. dialogs: the whole bot (``build_core``, ``build_dispatcher``, an ``OutboxSender`` with its
   background loop) shares one ``SendGate(30)`` with a free broadcast; aiogram's Bot talks
   to the double over HTTP. Ten chats write once a second each (/start, then texts and
   /menu; the chats a tenth of a second apart) for ``--dialog-seconds`` (60), fed with
   ``Dispatcher.feed_raw_update``; the broadcast has min(n, 30 x (seconds + 10)) recipients,
   starts 2 s before the first message and is stopped after the last reply. Reply delay =
   from feeding an update to the double's record of the first sendMessage to that chat made
   while that update was processed (the dispatcher handles a chat's updates one at a time,
   so that is after the previous update's feed returned); p50 / p95 / p99 / max and
   p99 / 2 s (target <= 1). The stopped broadcast is checked too: what the double delivered
   is what the database marks sent, nothing is left "sending", nobody got it twice.

Beside the figures: the CPU the whole machine used meanwhile (/proc/stat; other processes
on a shared machine show there), deliveries per whole second (min, median, max), and the
garbage collector's pauses in our process (a full collection over the start-up heap, the
imported aiogram, pydantic and SQLAlchemy objects above all, stops the event loop for about
0.2-0.4 s here). ``--gc-freeze`` calls ``gc.freeze()`` in our process before each scenario
sends, to see what that would change.

    python -m bench.broadcast [-n 10000] [--large] [--paid-n 20000] [--postgres]
        [--dialog-seconds 60] [--skip-free] [--skip-paid] [--skip-dialogs]
        [--gc-freeze] [--double-in-process]

A full default run takes about 7.5 minutes (10,000 at 30/s is 5.6 minutes by itself).
Targets are printed with PASS or FAIL. The run ends with checks (no duplicates, no misses,
the database agrees with the double, every dialog update answered, nothing logged at ERROR)
and exits with status 1 when one fails, so a broken pipeline cannot look fast.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import dataclasses
import gc
import itertools
import logging
import math
import multiprocessing
import multiprocessing.connection
import os
import platform
import sys
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import AsyncIterator, Awaitable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any, Protocol

import aiogram
import aiohttp
import sqlalchemy
from aiogram import Bot
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from sqlalchemy import insert

from bench.updates import PG_URL, TOKEN, bench_settings, percentile, positive, reset_postgres
from bot.campaigns import store
from bot.campaigns.sender import CampaignSender, SenderConfig
from bot.campaigns.spec import CampaignSpec, load_campaign
from bot.campaigns.transport import HttpTransport
from bot.core import Core
from bot.db.migrate import upgrade
from bot.db.tables import ConversationRow, SubjectRow, SubscriptionRow
from bot.outbox import OutboxSender
from bot.rate import SendGate
from bot.runtime import build_core, build_dispatcher
from tests.fakes import FakeBotApi, message_update

__all__ = ["main"]

ROOT = Path(__file__).resolve().parent.parent
CAMPAIGN_FILE = ROOT / "tests" / "data" / "campaigns" / "spring.toml"
BOT_USERNAME = "lastivka_bot"

#: Telegram's limits as the double enforces them.
FREE_LIMIT = 30.0
PAID_LIMIT = 1000.0

#: The targets this benchmark reports against.
TARGET_FREE_RATIO = 0.97
TARGET_PAID_RATIO = 0.95
TARGET_429 = 0
TARGET_REPLY_P99_S = 2.0

LARGE_N = 100_000
#: People per insert statement (and transaction) when making recipients.
POPULATE_CHUNK = 5_000
#: Recipients' chat ids (and user ids); the dialog chats are apart from them.
FIRST_RECIPIENT = 5_000_000_000
FIRST_DIALOG_CHAT = 8_000_000_000
DIALOG_CHATS = 10
#: The broadcast runs alone this long before the first dialog message.
DIALOG_LEAD_S = 2.0
RECIPIENT_LOCALES = ("uk", "ru", "lv", "en")
DIALOG_TEXTS = ("Добрий день", "мені потрібна допомога", "/menu", "hello?", "дякую", "а що далі?")
#: How often the double's process freezes its heap (see ``_freeze_heap``).
DOUBLE_FREEZE_EVERY_S = 0.5
#: Seconds between progress lines on stderr during a long broadcast.
PROGRESS_EVERY_S = 30.0

log = logging.getLogger("bench.broadcast")


# --------------------------------------------------------------------------------------------
# The double, in a process of its own (or in ours)
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Record:
    """One call the double answered, trimmed to what the figures need."""

    method: str
    chat_id: int | None
    status: int
    at: float
    paid: bool


def _records(calls: Sequence[Any]) -> list[Record]:
    out = []
    for call in calls:
        chat = call.params.get("chat_id")
        out.append(
            Record(
                call.method,
                chat if isinstance(chat, int) else None,
                call.status,
                call.at,
                bool(call.params.get("allow_paid_broadcast")),
            )
        )
    return out


def _serve_double(conn: Connection, options: dict[str, Any]) -> None:
    """The double's process: serve until told to stop; answer questions on ``conn``."""
    asyncio.run(_double_loop(conn, options))


async def _freeze_heap(every: float) -> None:
    """Keep the double's garbage collections short: its record of every call and message
    grows its heap, and full collections over it stalled it for 200-500 ms by 20,000
    calls, which the sender would be charged with. Frozen objects are never collected
    (a leak of whatever cycles there are, for the few minutes a run lasts)."""
    while True:
        await asyncio.sleep(every)
        gc.freeze()


async def _double_loop(conn: Connection, options: dict[str, Any]) -> None:
    loop = asyncio.get_running_loop()
    gc.collect()
    gc.freeze()
    freezer = asyncio.create_task(_freeze_heap(DOUBLE_FREEZE_EVERY_S))
    freezer.add_done_callback(lambda _t: None)
    async with FakeBotApi(**options) as fake:
        conn.send(fake.base_url)
        while True:
            kind, argument = await loop.run_in_executor(None, conn.recv)
            if kind == "stop":
                conn.send(None)
                return
            if kind == "records":
                conn.send(_records(fake.calls[int(argument) :]))
            elif kind == "cpu":
                conn.send(time.process_time())
            elif kind == "clock":
                conn.send(time.monotonic())
            else:
                conn.send(ValueError(f"unknown question {kind!r}"))


class Double(Protocol):
    base_url: str
    where: str

    async def records(self) -> list[Record]: ...

    async def cpu(self) -> float | None: ...


class RemoteDouble:
    """``FakeBotApi`` in a child process (multiprocessing, spawn), asked over a pipe."""

    where = "own process"

    def __init__(self, options: dict[str, Any]) -> None:
        self.options = options
        self.base_url = ""
        self._conn: Connection | None = None
        self._process: Any = None

    async def _ask(self, kind: str, argument: Any = None) -> Any:
        assert self._conn is not None
        conn = self._conn
        loop = asyncio.get_running_loop()

        def exchange() -> Any:
            conn.send((kind, argument))
            return conn.recv()

        answer = await loop.run_in_executor(None, exchange)
        if isinstance(answer, Exception):
            raise answer
        return answer

    async def __aenter__(self) -> RemoteDouble:
        context = multiprocessing.get_context("spawn")
        ours, theirs = context.Pipe()
        self._process = context.Process(
            target=_serve_double, args=(theirs, self.options), name="bot-api-double", daemon=True
        )
        self._process.start()
        self._conn = ours
        loop = asyncio.get_running_loop()
        process = self._process
        ready = await loop.run_in_executor(
            None, lambda: multiprocessing.connection.wait([ours, process.sentinel], 120.0)
        )
        if ours not in ready:
            raise RuntimeError(
                "the Bot API double did not start (its process "
                f"{'ended with ' + str(process.exitcode) if not process.is_alive() else 'hangs'})"
            )
        self.base_url = ours.recv()
        before = time.monotonic()
        theirs_now = await self._ask("clock")
        after = time.monotonic()
        if not before <= theirs_now <= after:
            raise RuntimeError(
                "the double's clock is not ours (time.monotonic differs between processes "
                "here); run with --double-in-process"
            )
        return self

    async def __aexit__(self, *exc: object) -> None:
        with contextlib.suppress(Exception):
            await asyncio.wait_for(self._ask("stop"), timeout=10)
        process = self._process
        if process is not None:
            await asyncio.get_running_loop().run_in_executor(None, process.join, 10.0)
            if process.is_alive():
                process.terminate()
                process.join(5.0)
        if self._conn is not None:
            self._conn.close()

    async def records(self) -> list[Record]:
        records: list[Record] = await self._ask("records", 0)
        return records

    async def cpu(self) -> float | None:
        seconds: float = await self._ask("cpu")
        return seconds


class LocalDouble:
    """``FakeBotApi`` in this process and event loop (``--double-in-process``)."""

    where = "this process"

    def __init__(self, options: dict[str, Any]) -> None:
        self.fake = FakeBotApi(**options)
        self.base_url = ""

    async def __aenter__(self) -> LocalDouble:
        await self.fake.start()
        self.base_url = self.fake.base_url
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.fake.stop()

    async def records(self) -> list[Record]:
        return _records(self.fake.calls)

    async def cpu(self) -> float | None:
        return None


@contextlib.asynccontextmanager
async def bot_api_double(in_process: bool, **options: Any) -> AsyncIterator[Double]:
    double: RemoteDouble | LocalDouble
    double = LocalDouble(options) if in_process else RemoteDouble(options)
    async with double:
        yield double


# --------------------------------------------------------------------------------------------
# Database, recipients, campaign
# --------------------------------------------------------------------------------------------


@contextlib.asynccontextmanager
async def fresh_core(database_url: str | None) -> AsyncIterator[Core]:
    with tempfile.TemporaryDirectory(prefix="lastivka-bench-") as tmp:
        core = build_core(bench_settings(Path(tmp), database_url))
        try:
            if not core.db.is_sqlite:
                await reset_postgres(core.db)
            await upgrade(core.db)
            yield core
        finally:
            await core.db.dispose()


async def populate(core: Core, first_chat: int, count: int, now: datetime) -> float:
    """``count`` subscribers to "jobs" with chat ids from ``first_chat``; seconds taken.

    Bulk: one insert statement per table and chunk, one transaction per chunk. The chat id
    is encrypted by the column type (``Encrypted``), the settings by ``EncryptedJSON``.
    """
    started = time.perf_counter()
    keyring = core.keyring
    kid = keyring.current_kid
    for start in range(0, count, POPULATE_CHUNK):
        chats = range(first_chat + start, first_chat + min(count, start + POPULATE_CHUNK))
        subjects: list[dict[str, Any]] = []
        conversations: list[dict[str, Any]] = []
        subscriptions: list[dict[str, Any]] = []
        for chat in chats:
            sid = keyring.pseudonym("tg", chat)
            subjects.append(
                {"id": sid, "created_at": now, "chat_ref": str(chat).encode(), "kid": kid}
            )
            conversations.append(
                {
                    "subject_id": sid,
                    "flow": "menu",
                    "flow_version": 1,
                    "state": "menu",
                    "answers": {},
                    "locale": RECIPIENT_LOCALES[chat % len(RECIPIENT_LOCALES)],
                    "steps": 1,
                    "updated_at": now,
                    "settings": {"sub_jobs": True},
                }
            )
            subscriptions.append(
                {"subject_id": sid, "topic": "jobs", "country": "", "created_at": now}
            )

        async def job(
            session: Any,
            subjects: list[dict[str, Any]] = subjects,
            conversations: list[dict[str, Any]] = conversations,
            subscriptions: list[dict[str, Any]] = subscriptions,
        ) -> None:
            await session.execute(insert(SubjectRow), subjects)
            await session.execute(insert(ConversationRow), conversations)
            await session.execute(insert(SubscriptionRow), subscriptions)

        await core.db.run(job)
    return time.perf_counter() - started


def campaign_spec(*, paid: bool) -> CampaignSpec:
    spec = load_campaign(CAMPAIGN_FILE)
    return dataclasses.replace(spec, paid=paid)


async def schedule_campaign(core: Core, spec: CampaignSpec, now: datetime) -> int:
    async def job(session: Any) -> int:
        row, _ = await store.create(
            session, slug=spec.name, spec=spec.to_json(), author="anna", now=now
        )
        await store.approve(session, row, approver="olha", now=now)
        await store.schedule(session, row, at=now, by="olha", now=now)
        return int(row.id)

    return await core.db.run(job)


async def campaign_figures(core: Core, campaign_id: int) -> store.Figures:
    async def job(session: Any) -> store.Figures:
        row = await store.find(session, str(campaign_id))
        assert row is not None
        return await store.figures(session, row)

    return await core.db.run(job)


def campaign_sender(core: Core, url: str, gate: SendGate) -> tuple[CampaignSender, HttpTransport]:
    transport = HttpTransport(url, TOKEN)
    config = SenderConfig(bot_username=BOT_USERNAME, rate=FREE_LIMIT, paid_rate=PAID_LIMIT)
    return CampaignSender(core.db, transport, core.translator, gate=gate, config=config), transport


@contextlib.asynccontextmanager
async def progress(label: str, sender: CampaignSender, total: int) -> AsyncIterator[None]:
    """A line on stderr every ``PROGRESS_EVERY_S`` while a long broadcast runs."""

    async def tick() -> None:
        started = time.monotonic()
        while True:
            await asyncio.sleep(PROGRESS_EVERY_S)
            sent = sender.counters["sent"]
            print(
                f"  [{label}] {sent:,}/{total:,} sent after {time.monotonic() - started:.0f} s",
                file=sys.stderr,
                flush=True,
            )

    task = asyncio.create_task(tick())
    try:
        yield
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task


# --------------------------------------------------------------------------------------------
# Figures from the double's record
# --------------------------------------------------------------------------------------------


@dataclass
class Delivery:
    """What the double saw of a broadcast to ``recipients``."""

    recipients: int
    delivered: int = 0
    duplicates: int = 0
    duplicated_chats: int = 0
    misses: int = 0
    too_many: int = 0
    other_errors: Counter[int] = field(default_factory=Counter)
    strangers: int = 0
    first: float = 0.0
    last: float = 0.0
    #: Deliveries in each whole second from the first one (the last, partial second left out).
    per_second: list[int] = field(default_factory=list)

    @property
    def span(self) -> float:
        return self.last - self.first

    @property
    def rate(self) -> float:
        return (self.delivered - 1) / self.span if self.delivered > 1 and self.span > 0 else 0.0


def tally(records: Iterable[Record], recipients: range, *, others: Iterable[int] = ()) -> Delivery:
    """Broadcast figures: sends to ``recipients``; ``others`` are chats expected besides."""
    expected_elsewhere = set(others)
    result = Delivery(len(recipients))
    per_chat: Counter[int] = Counter()
    times: list[float] = []
    for record in records:
        if record.method != "sendMessage" or record.chat_id is None:
            continue
        if record.chat_id not in recipients:
            if record.chat_id not in expected_elsewhere:
                result.strangers += 1
            continue
        if record.status == 200:
            per_chat[record.chat_id] += 1
            times.append(record.at)
        elif record.status == 429:
            result.too_many += 1
        else:
            result.other_errors[record.status] += 1
    result.delivered = sum(per_chat.values())
    result.duplicates = sum(n - 1 for n in per_chat.values() if n > 1)
    result.duplicated_chats = sum(1 for n in per_chat.values() if n > 1)
    result.misses = len(recipients) - len(per_chat)
    if times:
        result.first, result.last = min(times), max(times)
        seconds = Counter(int(at - result.first) for at in times)
        result.per_second = [seconds[i] for i in range(int(result.span))]
    return result


# --------------------------------------------------------------------------------------------
# Scenarios 1 and 2: a whole broadcast
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Options:
    """How every scenario runs (from the command line)."""

    database_url: str | None
    double_in_process: bool
    gc_freeze: bool


class GcWatch:
    """The garbage collector's pauses in this process while a scenario runs (a full
    collection stops the event loop: no message goes out, no reply either)."""

    def __init__(self) -> None:
        self.pauses: list[tuple[int, float]] = []
        self._began = 0.0

    def _callback(self, phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            self._began = time.perf_counter()
        else:
            self.pauses.append((info["generation"], time.perf_counter() - self._began))

    def __enter__(self) -> GcWatch:
        gc.callbacks.append(self._callback)
        return self

    def __exit__(self, *exc: object) -> None:
        gc.callbacks.remove(self._callback)

    def describe(self) -> str:
        full = [d * 1000 for g, d in self.pauses if g == 2]
        young = [d * 1000 for g, d in self.pauses if g < 2]
        return (
            f"{len(full)} full collections (max {max(full, default=0):.0f} ms, "
            f"total {sum(full):.0f} ms), {len(young)} young ones (max "
            f"{max(young, default=0):.1f} ms)"
        )


@contextlib.contextmanager
def frozen_heap(enabled: bool) -> Iterator[None]:
    """``--gc-freeze``: what the bot's process could do after start-up (``gc.freeze``
    keeps the start-up heap out of every later collection)."""
    if not enabled:
        yield
        return
    gc.collect()
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


@dataclass(frozen=True, slots=True)
class MachineCpu:
    """CPU seconds the whole machine used (all processes) and lost to steal (Linux)."""

    busy: float
    steal: float

    @staticmethod
    def read() -> MachineCpu | None:
        """Since boot, from /proc/stat; None where there is none."""
        try:
            fields = Path("/proc/stat").read_text().splitlines()[0].split()
        except (OSError, IndexError):
            return None
        if not fields or fields[0] != "cpu":
            return None
        ticks = [int(v) for v in fields[1:9]]
        # user nice system idle iowait irq softirq steal
        hz = os.sysconf("SC_CLK_TCK")
        busy = ticks[0] + ticks[1] + ticks[2] + ticks[5] + ticks[6]
        return MachineCpu(busy / hz, ticks[7] / hz)

    def since(self, earlier: MachineCpu | None) -> MachineCpu | None:
        if earlier is None:
            return None
        return MachineCpu(self.busy - earlier.busy, self.steal - earlier.steal)


@dataclass
class Broadcast:
    name: str
    limit: float
    target_ratio: float
    delivery: Delivery
    figures: store.Figures
    populate_s: float
    wall_s: float
    counters: Counter[str]
    sender_cpu_s: float
    double_cpu_s: float | None
    double_where: str
    machine: MachineCpu | None
    gc: GcWatch


async def run_broadcast(name: str, count: int, *, paid: bool, options: Options) -> Broadcast:
    limit = PAID_LIMIT if paid else FREE_LIMIT
    limits: dict[str, Any] = {"global_rate": FREE_LIMIT, "global_burst": int(FREE_LIMIT)}
    if paid:
        limits |= {"paid_rate": PAID_LIMIT, "paid_burst": int(PAID_LIMIT)}
    now = datetime.now(UTC)
    async with fresh_core(options.database_url) as core:
        populate_s = await populate(core, FIRST_RECIPIENT, count, now)
        campaign_id = await schedule_campaign(core, campaign_spec(paid=paid), now)
        async with bot_api_double(options.double_in_process, **limits) as double:
            sender, transport = campaign_sender(core, double.base_url, SendGate(FREE_LIMIT))
            await transport.start()
            try:
                double_cpu_before = await double.cpu()
                machine_before = MachineCpu.read()
                cpu_before = time.process_time()
                started = time.monotonic()
                with frozen_heap(options.gc_freeze), GcWatch() as watch:
                    async with progress(name, sender, count):
                        worked = await sender.work_once()
                wall = time.monotonic() - started
                sender_cpu = time.process_time() - cpu_before
                machine_after = MachineCpu.read()
                double_cpu_after = await double.cpu()
            finally:
                await transport.close()
            if not worked:
                raise RuntimeError(f"{name}: the sender found no campaign due")
            records = await double.records()
            figures = await campaign_figures(core, campaign_id)
        double_cpu = (
            double_cpu_after - double_cpu_before
            if double_cpu_after is not None and double_cpu_before is not None
            else None
        )
        return Broadcast(
            name=name,
            limit=limit,
            target_ratio=TARGET_PAID_RATIO if paid else TARGET_FREE_RATIO,
            delivery=tally(records, range(FIRST_RECIPIENT, FIRST_RECIPIENT + count)),
            figures=figures,
            populate_s=populate_s,
            wall_s=wall,
            counters=Counter(sender.counters),
            sender_cpu_s=sender_cpu,
            double_cpu_s=double_cpu,
            double_where=double.where,
            machine=machine_after.since(machine_before) if machine_after is not None else None,
            gc=watch,
        )


# --------------------------------------------------------------------------------------------
# Scenario 3: dialog replies during a broadcast
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Fed:
    chat: int
    index: int
    fed: float
    done: float


@dataclass
class Dialogs:
    seconds: int
    fed: list[Fed]
    delays: list[float]
    unanswered: int
    late: int
    reply_429: int
    reply_sent: int
    broadcast: Delivery
    broadcast_in_window: int
    window_s: float
    broadcast_ended_at: float | None
    figures: store.Figures
    population: int
    broadcast_stopped: bool
    gc: GcWatch


def match_replies(fed: Sequence[Fed], records: Sequence[Record]) -> tuple[list[float], int, int]:
    """Each fed update's reply delay; also how many got none, and how many got theirs only
    after their feed returned (a reply postponed to the outbox's background loop)."""
    sends: dict[int, list[float]] = defaultdict(list)
    for record in records:
        if record.method == "sendMessage" and record.status == 200 and record.chat_id is not None:
            sends[record.chat_id].append(record.at)
    by_chat: dict[int, list[Fed]] = defaultdict(list)
    for item in fed:
        by_chat[item.chat].append(item)
    delays: list[float] = []
    unanswered = late = 0
    for chat, items in by_chat.items():
        times = sorted(sends.get(chat, []))
        items.sort(key=lambda f: f.fed)
        used = -1  # index of the last send already given to an update
        previous_done = -math.inf
        for item in items:
            start = max(item.fed, previous_done)
            previous_done = item.done
            reply = next((i for i in range(used + 1, len(times)) if times[i] >= start), None)
            if reply is None:
                unanswered += 1
                continue
            if times[reply] > item.done:
                late += 1
            used = reply
            delays.append(times[reply] - item.fed)
    return delays, unanswered, late


async def run_dialogs(count: int, seconds: int, *, options: Options) -> Dialogs:
    population = min(count, int(FREE_LIMIT * (seconds + 10)))
    limits: dict[str, Any] = {"global_rate": FREE_LIMIT, "global_burst": int(FREE_LIMIT)}
    now = datetime.now(UTC)
    chats = [FIRST_DIALOG_CHAT + i for i in range(DIALOG_CHATS)]
    watch = GcWatch()
    async with fresh_core(options.database_url) as core:
        await populate(core, FIRST_RECIPIENT, population, now)
        campaign_id = await schedule_campaign(core, campaign_spec(paid=False), now)
        async with bot_api_double(options.double_in_process, **limits) as double:
            session = AiohttpSession(api=TelegramAPIServer.from_base(double.base_url))
            bot = Bot(TOKEN, session=session)
            gate = SendGate(FREE_LIMIT)
            outbox = OutboxSender(core.db, bot, gate=gate)
            dispatcher = build_dispatcher(core, outbox)
            sender, transport = campaign_sender(core, double.base_url, gate)
            await transport.start()
            stop_outbox, stop_broadcast = asyncio.Event(), asyncio.Event()
            outbox_task = asyncio.create_task(outbox.run(stop_outbox, idle=0.2))
            broadcast_task = asyncio.create_task(sender.work_once(stop_broadcast))
            broadcast_ended: list[float] = []
            broadcast_task.add_done_callback(lambda _t: broadcast_ended.append(time.monotonic()))
            fed: list[Fed] = []
            update_ids = itertools.count(1)
            message_ids = itertools.count(1_000)
            try:
                with frozen_heap(options.gc_freeze), watch:
                    await asyncio.sleep(DIALOG_LEAD_S)
                    origin = time.monotonic()

                    async def feed(chat: int, index: int, at: float) -> None:
                        await asyncio.sleep(max(0.0, at - time.monotonic()))
                        text = "/start" if index == 0 else DIALOG_TEXTS[index % len(DIALOG_TEXTS)]
                        update = {
                            "update_id": next(update_ids),
                            **message_update(chat, text, message_id=next(message_ids)),
                        }
                        started = time.monotonic()
                        await dispatcher.feed_raw_update(bot, update)
                        fed.append(Fed(chat, index, started, time.monotonic()))

                    feeds = [
                        feed(chat, second, origin + second + position / DIALOG_CHATS)
                        for second in range(seconds)
                        for position, chat in enumerate(chats)
                    ]
                    await asyncio.gather(*feeds)
                    window_end = time.monotonic()
                    broadcast_stopped = not broadcast_task.done()
                    stop_broadcast.set()
                    await broadcast_task
                # let replies postponed to the background loop go out before it stops
                await asyncio.sleep(1.0)
            finally:
                stop_broadcast.set()
                stop_outbox.set()
                with contextlib.suppress(Exception):
                    await broadcast_task
                with contextlib.suppress(Exception):
                    await outbox_task
                await transport.close()
                await bot.session.close()
            records = await double.records()
            figures = await campaign_figures(core, campaign_id)
    dialog_records = [r for r in records if r.chat_id in set(chats)]
    delays, unanswered, late = match_replies(fed, dialog_records)
    recipients = range(FIRST_RECIPIENT, FIRST_RECIPIENT + population)
    broadcast = tally(records, recipients, others=chats)
    in_window = sum(
        1
        for r in records
        if r.status == 200
        and r.method == "sendMessage"
        and r.chat_id in recipients
        and origin <= r.at <= window_end
    )
    return Dialogs(
        seconds=seconds,
        fed=fed,
        delays=delays,
        unanswered=unanswered,
        late=late,
        reply_429=sum(1 for r in dialog_records if r.status == 429),
        reply_sent=sum(1 for r in dialog_records if r.status == 200),
        broadcast=broadcast,
        broadcast_in_window=in_window,
        window_s=window_end - origin,
        broadcast_ended_at=(
            broadcast_ended[0] - origin if broadcast_ended and not broadcast_stopped else None
        ),
        figures=figures,
        population=population,
        broadcast_stopped=broadcast_stopped,
        gc=watch,
    )


# --------------------------------------------------------------------------------------------
# Report
# --------------------------------------------------------------------------------------------


class _Counting(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.seen: Counter[str] = Counter()

    def emit(self, record: logging.LogRecord) -> None:
        self.seen[f"{record.levelname} {record.name}"] += 1


def _cpu_model() -> str:
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    return platform.processor() or "unknown CPU"


def machine_line(args: argparse.Namespace) -> str:
    try:
        usable = len(os.sched_getaffinity(0))
    except AttributeError:  # not on every platform
        usable = os.cpu_count() or 0
    return (
        f"machine: {platform.platform()}, {_cpu_model()}, {os.cpu_count()} CPUs "
        f"({usable} usable); Python {platform.python_version()}, aiogram {aiogram.__version__}, "
        f"aiohttp {aiohttp.__version__}, SQLAlchemy {sqlalchemy.__version__}; database "
        f"{'PostgreSQL ' + PG_URL.split('@')[-1] if args.postgres else 'SQLite (WAL)'}; "
        f"Bot API double in {'this process' if args.double_in_process else 'its own process'}; "
        f"gc.freeze() in the bot's process: {'yes (--gc-freeze)' if args.gc_freeze else 'no'}"
    )


Row = tuple[str, float, str, float]


def verdict(figure: float, op: str, target: float) -> str:
    met = figure >= target if op == ">=" else figure <= target
    return "PASS" if met else "FAIL"


def print_targets(rows: Sequence[Row]) -> None:
    width = max(len(r[0]) for r in rows) + 2
    head = f"{'figure':<{width}}{'value':>12}{'':>4}{'target':>9}{'ratio':>9}  verdict"
    print(head)
    print("-" * len(head))
    for label, figure, op, target in rows:
        ratio = f"{figure / target:>9.3f}" if target else f"{'':>9}"
        print(
            f"{label:<{width}}{figure:>12,.3f}{op:>4}{target:>9g}{ratio}  "
            f"{verdict(figure, op, target)}"
        )


def broadcast_rows(b: Broadcast) -> list[Row]:
    d = b.delivery
    return [
        (f"{b.name}: achieved msg/s / limit {b.limit:g}", d.rate / b.limit, ">=", b.target_ratio),
        (f"{b.name}: 429 answers", float(d.too_many), "<=", TARGET_429),
        (f"{b.name}: duplicates", float(d.duplicates), "<=", 0),
        (f"{b.name}: misses", float(d.misses), "<=", 0),
    ]


def print_broadcast(b: Broadcast) -> None:
    d, f = b.delivery, b.figures
    print(
        f"{b.name}: {d.recipients:,} recipients made in {b.populate_s:.1f} s "
        f"({d.recipients / b.populate_s:,.0f}/s); sent in {b.wall_s:.1f} s (work_once)"
    )
    print(
        f"  delivered {d.delivered:,} in {d.span:.2f} s from first to last -> "
        f"{d.rate:.2f} msg/s (limit {b.limit:g}); 429: {d.too_many}; other errors: "
        f"{dict(d.other_errors) or 'none'}; duplicates {d.duplicates} "
        f"({d.duplicated_chats} chats); misses {d.misses}; sends to strangers {d.strangers}"
    )
    print(
        f"  database: audience {f.audience:,}, sent {f.sent:,}, queued {f.queued}, "
        f"sending {f.sending}, failed {f.failed}, blocked {f.blocked}; sender counters "
        f"{dict(sorted(b.counters.items()))}"
    )
    double = (
        f"{b.double_cpu_s:.1f} s CPU ({b.double_cpu_s / b.wall_s:.0%} of a core)"
        if b.double_cpu_s is not None
        else "in this process (its CPU is in ours)"
    )
    print(
        f"  CPU over {b.wall_s:.1f} s: sender process {b.sender_cpu_s:.1f} s "
        f"({b.sender_cpu_s / b.wall_s:.0%} of a core); double {double}"
    )
    if b.machine is not None:
        others = b.machine.busy - b.sender_cpu_s - (b.double_cpu_s or 0.0)
        print(
            f"  the whole machine: {b.machine.busy:.1f} s CPU busy, of which other processes "
            f"~{max(0.0, others):.1f} s ({max(0.0, others) / b.wall_s:.0%} of a core); "
            f"steal {b.machine.steal:.1f} s"
        )
    print(f"  GC in the sender's process: {b.gc.describe()}")
    if d.per_second:
        ordered = sorted(d.per_second)
        slow = sum(1 for v in d.per_second if v < TARGET_PAID_RATIO * b.limit)
        print(
            f"  deliveries per whole second ({len(ordered)} s): min {ordered[0]}, "
            f"median {ordered[len(ordered) // 2]}, max {ordered[-1]}; {slow} s below "
            f"{TARGET_PAID_RATIO:.0%} of the limit"
        )


def print_dialogs(r: Dialogs) -> None:
    ms = [d * 1000 for d in r.delays]
    combined = (r.broadcast_in_window + r.reply_sent) / r.window_s if r.window_s else 0.0
    print(
        f"dialogs: {DIALOG_CHATS} chats x 1 message/s for {r.seconds} s "
        f"({len(r.fed)} updates) during a free broadcast to {r.population:,} "
        f"(sender rate {FREE_LIMIT:g}, SendGate {FREE_LIMIT:g}, double {FREE_LIMIT:g}/s)"
    )
    if ms:
        print(
            f"  reply delay ms: p50 {percentile(ms, 50):.1f}  p95 {percentile(ms, 95):.1f}  "
            f"p99 {percentile(ms, 99):.1f}  max {max(ms):.1f}  ({len(ms)} replies; "
            f"{r.late} only after their update's feed returned; {r.unanswered} unanswered)"
        )
    ended = (
        f"the broadcast ended {r.broadcast_ended_at:.1f} s into the window (the rest of the "
        "window had no broadcast)"
        if r.broadcast_ended_at is not None
        else "the broadcast ran through the whole window and was stopped after it"
    )
    print(
        f"  in the {r.window_s:.1f} s window: {r.broadcast_in_window:,} broadcast messages "
        f"({r.broadcast_in_window / r.window_s:.2f}/s) + {r.reply_sent} replies = "
        f"{combined:.2f} msg/s of {FREE_LIMIT:g}; 429 to replies {r.reply_429}, to the "
        f"broadcast {r.broadcast.too_many}; {ended}"
    )
    print(f"  GC in the bot's process: {r.gc.describe()}")
    f = r.figures
    print(
        f"  broadcast: delivered {r.broadcast.delivered:,} to {r.population:,} recipients; "
        f"database: sent {f.sent:,}, queued {f.queued:,}, sending {f.sending}, "
        f"failed {f.failed}, blocked {f.blocked}"
    )


def dialog_rows(r: Dialogs) -> list[Row]:
    p99 = percentile(r.delays, 99) if r.delays else math.inf
    return [
        ("dialogs: reply delay p99 s", p99, "<=", TARGET_REPLY_P99_S),
        ("dialogs: 429 answers to replies", float(r.reply_429), "<=", TARGET_429),
    ]


def print_checks(
    broadcasts: Sequence[Broadcast], dialogs: Dialogs | None, logged: _Counting
) -> bool:
    ok = True

    def check(label: str, passed: bool) -> None:
        nonlocal ok
        ok = ok and passed
        print(f"{'ok  ' if passed else 'FAIL'} {label}")

    for b in broadcasts:
        d, f = b.delivery, b.figures
        check(
            f"{b.name}: every recipient got the campaign once ({d.recipients - d.misses:,}/"
            f"{d.recipients:,} reached, {d.duplicates} duplicates, {d.strangers} sends to "
            "other chats)",
            d.misses == 0 and d.duplicates == 0 and d.strangers == 0 and d.recipients > 0,
        )
        check(
            f"{b.name}: the database agrees (audience {f.audience:,} = sent {f.sent:,} = "
            f"delivered {d.delivered:,}; nothing queued, sending, failed or blocked)",
            f.audience == f.sent == d.delivered == d.recipients
            and f.queued == f.sending == f.failed == f.blocked == 0,
        )
    if dialogs is not None:
        fed = len(dialogs.fed)
        check(
            f"dialogs: every fed update got a reply ({fed - dialogs.unanswered}/{fed}; "
            f"want {DIALOG_CHATS * dialogs.seconds})",
            dialogs.unanswered == 0 and fed == DIALOG_CHATS * dialogs.seconds,
        )
        d, f = dialogs.broadcast, dialogs.figures
        check(
            f"dialogs: the broadcast meanwhile is consistent (delivered {d.delivered:,} = sent "
            f"{f.sent:,}; sent + queued = {f.sent + f.queued:,} of {dialogs.population:,}; "
            f"{f.sending} left sending; {d.duplicates} duplicates; {d.strangers} sends to "
            "other chats)",
            d.delivered == f.sent
            and f.sent + f.queued == dialogs.population == f.audience
            and f.sending == f.failed == f.blocked == 0
            and d.duplicates == 0
            and d.strangers == 0
            and d.delivered > 0,
        )
    warnings = {k: n for k, n in logged.seen.items() if k.startswith("WARNING")}
    errors = {k: n for k, n in logged.seen.items() if k not in warnings}
    check(
        f"nothing logged at ERROR or above ({errors or 'none'}); warnings: {warnings or 'none'}",
        not errors,
    )
    return ok


# --------------------------------------------------------------------------------------------
# Entry point
# --------------------------------------------------------------------------------------------


async def _timed(label: str, work: Awaitable[Any]) -> Any:
    print(f"[{label}] running...", file=sys.stderr, flush=True)
    started = time.monotonic()
    result = await work
    print(f"[{label}] done in {time.monotonic() - started:.1f} s", file=sys.stderr, flush=True)
    return result


async def _main(args: argparse.Namespace) -> int:
    counting = _Counting()
    root = logging.getLogger()
    root.addHandler(counting)
    options = Options(
        database_url=PG_URL if args.postgres else None,
        double_in_process=args.double_in_process,
        gc_freeze=args.gc_freeze,
    )
    n = LARGE_N if args.large else args.n
    started = time.monotonic()
    broadcasts: list[Broadcast] = []
    dialogs: Dialogs | None = None
    try:
        if not args.skip_free:
            free = run_broadcast("free", n, paid=False, options=options)
            broadcasts.append(await _timed("free", free))
        if not args.skip_paid:
            paid = run_broadcast("paid", args.paid_n, paid=True, options=options)
            broadcasts.append(await _timed("paid", paid))
        if not args.skip_dialogs:
            dialogs = await _timed("dialogs", run_dialogs(n, args.dialog_seconds, options=options))
    finally:
        root.removeHandler(counting)
    wall = time.monotonic() - started

    print(f"bench.broadcast: n={n:,}, paid n={args.paid_n:,}, {wall:.1f} s in all")
    print(machine_line(args))
    print()
    rows: list[Row] = []
    for b in broadcasts:
        print_broadcast(b)
        rows += broadcast_rows(b)
    if dialogs is not None:
        print_dialogs(dialogs)
        rows += dialog_rows(dialogs)
    if rows:
        print()
        print_targets(rows)
    print()
    ok = print_checks(broadcasts, dialogs, counting)
    return 0 if ok else 1


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.broadcast",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("-n", type=positive, default=10_000, help="recipients of the free run")
    parser.add_argument(
        "--large", action="store_true", help=f"{LARGE_N:,} recipients (overrides -n)"
    )
    parser.add_argument(
        "--paid-n", type=positive, default=20_000, help="recipients of the paid run"
    )
    parser.add_argument(
        "--postgres",
        action="store_true",
        help="PostgreSQL instead of SQLite (LASTIVKA_TEST_PG_URL; its schema is reset)",
    )
    parser.add_argument(
        "--dialog-seconds", type=positive, default=60, help="length of the dialog scenario"
    )
    parser.add_argument("--skip-free", action="store_true")
    parser.add_argument("--skip-paid", action="store_true")
    parser.add_argument("--skip-dialogs", action="store_true")
    parser.add_argument(
        "--gc-freeze",
        action="store_true",
        help="gc.freeze() in this process before each scenario sends (a fix to try)",
    )
    parser.add_argument(
        "--double-in-process",
        action="store_true",
        help="run the Bot API double in this process (its CPU then counts as the sender's)",
    )
    return asyncio.run(_main(parser.parse_args(argv)))


if __name__ == "__main__":
    raise SystemExit(main())
