"""Updates per second through the whole bot, beside bare aiogram with an echo handler.

Full pipeline: ``Dispatcher.feed_raw_update`` on the dispatcher of ``build_dispatcher`` ->
InboxMiddleware unit of work -> engine step -> encrypted persist (conversation, event,
inbox mark, outbox row) -> the rendered reply sent by the ``OutboxSender`` (rate=None) to a
recording aiogram session, and the outbox row deleted again. Echo baseline: a bare
``Dispatcher()`` whose handlers answer every message and button, on the same kind of session,
fed the very same update dicts.

Workload: simulated people (1,000 by default, taken in turn) who send /start, pick Ukrainian,
then tap the buttons the bot actually sent them (callback data read from the recorded
sendMessage calls, so step tokens are real), now and then a sticker, a text or /menu.

Scenarios: sequential (each update awaited in turn) and N chats in flight (``asyncio.gather``
over batches of ``--concurrency`` updates from distinct people). Latency is per update, from
the start of ``feed_raw_update`` to its return (the reply has been sent by then). Throughput
is updates over the time spent feeding: the sum of latencies when sequential, the sum of the
batches' wall times when concurrent; building the next update dicts is not counted. The heap
is collected before each measured scenario (gc stays on during it); the echo, being short and
easily disturbed, runs three times and its median run is reported.

    python -m bench.updates [-n 1500] [--concurrency 100] [--postgres] [--profile FILE]

``--postgres`` runs PostgreSQL as well as SQLite (URL from LASTIVKA_TEST_PG_URL, default
postgresql+asyncpg://postgres@127.0.0.1:5432/test; its public schema is dropped and
recreated). The run ends with checks (every fed update got at least one sendMessage, the
inbox holds every update as done, the outbox is empty, nothing was logged at WARNING or
above) and exits with status 1 when one fails, so a broken pipeline cannot look fast.
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import cProfile
import gc
import itertools
import json
import logging
import math
import os
import platform
import pstats
import random
import sys
import tempfile
import time
from collections import Counter
from collections.abc import AsyncGenerator, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast
from urllib.parse import urlencode

import aiogram
import sqlalchemy
from aiogram import Bot, Dispatcher, F, Router
from aiogram.client.default import DefaultBotProperties
from aiogram.client.session.base import BaseSession
from aiogram.methods import AnswerCallbackQuery, SendMessage, TelegramMethod
from aiogram.methods.base import TelegramType
from aiogram.types import CallbackQuery, InputFile, Message
from sqlalchemy import func, select, text

from bot.config import Settings
from bot.db.database import Database
from bot.db.migrate import upgrade
from bot.db.tables import InboxRow, OutboxRow
from bot.outbox import OutboxSender
from bot.runtime import build_core, build_dispatcher
from tests.fakes import callback_update, message_update, sticker_update

__all__ = [
    "PG_URL",
    "TOKEN",
    "RecordingSession",
    "bench_settings",
    "main",
    "percentile",
    "positive",
    "reset_postgres",
]

TOKEN = "123456:BENCH-TOKEN"  # noqa: S105 - a fake bot token for a session that sends nothing
BOT_USER = {"id": 123456, "is_bot": True, "first_name": "Lastivka", "username": "lastivka_bot"}
SECRET = base64.urlsafe_b64encode(b"\x07" * 32).decode()
PG_URL = os.environ.get("LASTIVKA_TEST_PG_URL", "postgresql+asyncpg://postgres@127.0.0.1:5432/test")
FIRST_USER = 7_000_000_000
LANGUAGES = ("uk", "uk", "uk", "ru", "ru", "en", "lv", None)
TEXTS = ("Добрий день", "мені потрібна допомога", "hello?", "дякую", "а що далі?")
SEED = 20240611

#: The targets this benchmark reports against.
TARGET_UPDATES_PER_S = 1_000.0
TARGET_ECHO_RATIO = 0.35
TARGET_P99_SEQUENTIAL_MS = 10.0
TARGET_P99_IN_FLIGHT_MS = 50.0
#: Echo runs per scenario; the median is reported.
ECHO_REPEATS = 3


# --------------------------------------------------------------------------------------------
# The recording session: serialises like a real one, answers like Telegram, sends nothing
# --------------------------------------------------------------------------------------------


class RecordingSession(BaseSession):
    """An aiogram session that records calls and returns canned Bot API answers.

    Each request is serialised as ``AiohttpSession`` does (``prepare_value`` per field, then a
    urlencoded form body), and each answer is JSON text parsed by ``check_response``, so the
    cost of both directions is part of what is measured; only the network is missing.
    """

    def __init__(self) -> None:
        super().__init__()
        self.calls: Counter[str] = Counter()
        #: sendMessage calls per chat id.
        self.sends: Counter[int] = Counter()
        #: The callback data of the last keyboard each chat was sent, and that message's id.
        self.keyboards: dict[int, list[str]] = {}
        self.keyboard_message: dict[int, int] = {}
        self.bytes_sent = 0
        self._message_ids = itertools.count(1)
        self._date = int(time.time())

    def _form(self, bot: Bot, method: TelegramMethod[Any]) -> dict[str, str]:
        files: dict[str, InputFile] = {}
        form: dict[str, str] = {}
        for key, value in method.model_dump(warnings=False).items():
            prepared = self.prepare_value(value, bot=bot, files=files)
            if prepared:
                form[key] = prepared
        if files:
            raise NotImplementedError("the benchmark sends no files")
        return form

    async def make_request(
        self,
        bot: Bot,
        method: TelegramMethod[TelegramType],
        timeout: int | None = None,  # noqa: ASYNC109 - BaseSession's signature
    ) -> TelegramType:
        request: TelegramMethod[TelegramType] = method  # keeps its type past the isinstance
        form = self._form(bot, method)
        self.bytes_sent += len(urlencode(form))
        self.calls[method.__api_method__] += 1
        result: Any
        if isinstance(method, SendMessage):
            chat_id = int(form["chat_id"])
            message_id = next(self._message_ids)
            result = {
                "message_id": message_id,
                "from": BOT_USER,
                "chat": {"id": chat_id, "type": "private", "first_name": "Test"},
                "date": self._date,
                "text": form["text"],
            }
            markup = form.get("reply_markup")
            if markup is not None:
                result["reply_markup"] = json.loads(markup)
                self.keyboards[chat_id] = [
                    button["callback_data"]
                    for row in result["reply_markup"]["inline_keyboard"]
                    for button in row
                    if "callback_data" in button
                ]
                self.keyboard_message[chat_id] = message_id
            self.sends[chat_id] += 1
        elif isinstance(method, AnswerCallbackQuery):
            result = True
        else:
            raise NotImplementedError(f"the benchmark does not expect {method.__api_method__}")
        content = self.json_dumps({"ok": True, "result": result})
        response = self.check_response(bot=bot, method=request, status_code=200, content=content)
        return cast(TelegramType, response.result)

    async def stream_content(
        self,
        url: str,
        headers: dict[str, Any] | None = None,
        timeout: int = 30,  # noqa: ASYNC109 - BaseSession's signature
        chunk_size: int = 65536,
        raise_for_status: bool = True,
    ) -> AsyncGenerator[bytes, None]:
        raise NotImplementedError("the benchmark downloads nothing")
        yield b""  # pragma: no cover - makes this an async generator

    async def close(self) -> None:
        return None


def recording_bot(session: RecordingSession) -> Bot:
    return Bot(TOKEN, session=session, default=DefaultBotProperties(parse_mode=None))


# --------------------------------------------------------------------------------------------
# The workload: people who follow the buttons they were sent
# --------------------------------------------------------------------------------------------


@dataclass
class Person:
    user_id: int
    language_code: str | None
    started: bool = False


class Workload:
    """Makes each person's next update from what the bot last sent them."""

    def __init__(self, session: RecordingSession, people: int, seed: int = SEED) -> None:
        self.session = session
        self.rng = random.Random(seed)
        self.people = [Person(FIRST_USER + i, self.rng.choice(LANGUAGES)) for i in range(people)]
        self.cursor = 0
        self.update_ids = itertools.count(1)
        self.message_ids = itertools.count(1_000_000)
        self.kinds: Counter[str] = Counter()

    def take(self, count: int) -> list[Person]:
        """The next ``count`` people in turn (distinct while count <= people)."""
        chosen = [self.people[(self.cursor + i) % len(self.people)] for i in range(count)]
        self.cursor += count
        return chosen

    def next_update(self, person: Person) -> dict[str, Any]:
        uid, lang, rng = person.user_id, person.language_code, self.rng
        keyboard = self.session.keyboards.get(uid, [])
        shown = self.session.keyboard_message.get(uid, 1)
        if not person.started:
            person.started = True
            kind, update = "/start", message_update(uid, "/start", language_code=lang)
        elif "g:lang_uk" in keyboard:
            kind = "language"
            update = callback_update(uid, "g:lang_uk", message_id=shown, language_code=lang)
        else:
            roll = rng.random()
            if roll < 0.05:
                kind, update = "sticker", sticker_update(uid, language_code=lang)
            elif roll < 0.10:
                kind, update = "text", message_update(uid, rng.choice(TEXTS), language_code=lang)
            elif roll < 0.12 or not keyboard:
                kind, update = "/menu", message_update(uid, "/menu", language_code=lang)
            else:
                data = rng.choice(keyboard)
                kind = "button"
                update = callback_update(uid, data, message_id=shown, language_code=lang)
        message = update.get("message")
        if message is not None:
            message["message_id"] = next(self.message_ids)
        self.kinds[kind] += 1
        return {"update_id": next(self.update_ids), **update}

    def sequence(self, count: int) -> Iterator[dict[str, Any]]:
        """Lazily, so each update is made after the reply to the previous one arrived."""
        for _ in range(count):
            yield self.next_update(self.take(1)[0])

    def batches(self, count: int, size: int) -> Iterator[list[dict[str, Any]]]:
        done = 0
        while done < count:
            n = min(size, count - done)
            yield [self.next_update(person) for person in self.take(n)]
            done += n


def chat_of(update: dict[str, Any]) -> int:
    body = update.get("message") or update["callback_query"]["message"]
    return int(body["chat"]["id"])


# --------------------------------------------------------------------------------------------
# Scenarios
# --------------------------------------------------------------------------------------------


@dataclass
class Run:
    latencies: list[float] = field(default_factory=list)
    busy: float = 0.0
    fed: list[dict[str, Any]] = field(default_factory=list)
    batches: list[list[dict[str, Any]]] = field(default_factory=list)
    unanswered: int = 0

    @property
    def count(self) -> int:
        return len(self.latencies)

    @property
    def per_second(self) -> float:
        return self.count / self.busy if self.busy else 0.0

    def percentile_ms(self, q: float) -> float:
        return percentile(self.latencies, q) * 1000 if self.latencies else 0.0


async def sequential(
    dispatcher: Dispatcher,
    bot: Bot,
    session: RecordingSession,
    updates: Iterable[dict[str, Any]],
) -> Run:
    run = Run()
    perf = time.perf_counter
    for update in updates:
        chat = chat_of(update)
        before = session.sends[chat]
        started = perf()
        await dispatcher.feed_raw_update(bot, update)
        elapsed = perf() - started
        run.latencies.append(elapsed)
        run.busy += elapsed
        run.fed.append(update)
        if session.sends[chat] <= before:
            run.unanswered += 1
    return run


async def in_flight(
    dispatcher: Dispatcher,
    bot: Bot,
    session: RecordingSession,
    batches: Iterable[Sequence[dict[str, Any]]],
) -> Run:
    run = Run()
    perf = time.perf_counter

    async def timed(update: dict[str, Any]) -> float:
        started = perf()
        await dispatcher.feed_raw_update(bot, update)
        return perf() - started

    for batch in batches:
        chats = [chat_of(update) for update in batch]
        if len(set(chats)) != len(chats):
            raise ValueError("a batch must come from distinct chats")
        before = [session.sends[chat] for chat in chats]
        started = perf()
        latencies = await asyncio.gather(*(timed(update) for update in batch))
        run.busy += perf() - started
        run.latencies.extend(latencies)
        run.fed.extend(batch)
        run.batches.append(list(batch))
        run.unanswered += sum(
            session.sends[chat] <= was for chat, was in zip(chats, before, strict=True)
        )
    return run


def echo_dispatcher() -> Dispatcher:
    router = Router(name="echo")

    async def on_message(message: Message) -> None:
        await message.answer(message.text or "ok")

    async def on_button(query: CallbackQuery) -> None:
        await query.answer()
        assert query.message is not None
        await query.message.answer("ok")

    router.message.register(on_message, F.chat)
    router.callback_query.register(on_button)
    dispatcher = Dispatcher()
    dispatcher.include_router(router)
    return dispatcher


# --------------------------------------------------------------------------------------------
# One backend: the full pipeline, then the echo baseline on the same updates
# --------------------------------------------------------------------------------------------


@dataclass
class Backend:
    name: str
    full_seq: Run
    full_flight: Run
    echo_seq: Run
    echo_flight: Run
    full_fed: int
    full_unanswered: int
    echo_fed: int
    echo_unanswered: int
    inbox: dict[str, int]
    outbox_left: int
    events: int
    kinds: Counter[str]
    calls: Counter[str]


def _median(runs: Sequence[Run]) -> Run:
    return sorted(runs, key=lambda run: run.per_second)[len(runs) // 2]


def bench_settings(data_dir: Path, database_url: str | None) -> Settings:
    return Settings(
        _env_file=None,
        telegram_token=TOKEN,
        data_dir=data_dir,
        database_url=database_url,
        secret_key=SECRET,
        strict_i18n=False,
    )


async def reset_postgres(db: Database) -> None:
    async with db.engine.begin() as connection:
        await connection.execute(text("DROP SCHEMA IF EXISTS public CASCADE"))
        await connection.execute(text("CREATE SCHEMA public"))


async def db_counts(db: Database) -> tuple[dict[str, int], int, int]:
    async def job(session: Any) -> tuple[dict[str, int], int, int]:
        rows = await session.execute(
            select(InboxRow.status, func.count()).group_by(InboxRow.status)
        )
        inbox = {status: int(n) for status, n in rows}
        outbox = int(await session.scalar(select(func.count()).select_from(OutboxRow)))
        events = int(await session.scalar(text("SELECT count(*) FROM events")))
        return inbox, outbox, events

    return await db.run(job)


async def run_backend(
    name: str,
    database_url: str | None,
    *,
    count: int,
    warmup: int,
    concurrency: int,
    people: int,
    profile: cProfile.Profile | None,
) -> Backend:
    with tempfile.TemporaryDirectory(prefix="lastivka-bench-") as tmp:
        core = build_core(bench_settings(Path(tmp), database_url))
        try:
            if not core.db.is_sqlite:
                await reset_postgres(core.db)
            await upgrade(core.db)
            session = RecordingSession()
            bot = recording_bot(session)
            sender = OutboxSender(core.db, bot, rate=None)
            dispatcher = build_dispatcher(core, sender)
            workload = Workload(session, max(people, concurrency))

            warm = await sequential(dispatcher, bot, session, workload.sequence(warmup))
            gc.collect()
            if profile is not None:
                profile.enable()
            full_seq = await sequential(dispatcher, bot, session, workload.sequence(count))
            if profile is not None:
                profile.disable()
            gc.collect()
            full_flight = await in_flight(
                dispatcher, bot, session, workload.batches(count, concurrency)
            )
            # Sent rows may be deleted lazily (by the next unit of work or the sender's
            # background loop, which this benchmark does not run): let that happen first.
            flush_sent = getattr(sender, "flush_sent", None)
            if flush_sent is not None:
                await flush_sent()
            inbox, outbox_left, events = await db_counts(core.db)

            echo_session = RecordingSession()
            echo_bot = recording_bot(echo_session)
            echo = echo_dispatcher()
            echo_runs = [await sequential(echo, echo_bot, echo_session, warm.fed)]
            # The echo is short (a fraction of a second), so one collection or a busy database
            # server next door moves it a lot: take the median of a few runs.
            seq_runs, flight_runs = [], []
            for _ in range(ECHO_REPEATS):
                gc.collect()
                seq_runs.append(await sequential(echo, echo_bot, echo_session, full_seq.fed))
                gc.collect()
                flight_runs.append(
                    await in_flight(echo, echo_bot, echo_session, full_flight.batches)
                )
            echo_runs += seq_runs + flight_runs
            echo_seq, echo_flight = _median(seq_runs), _median(flight_runs)
        finally:
            await core.db.dispose()
    return Backend(
        name=name,
        full_seq=full_seq,
        full_flight=full_flight,
        echo_seq=echo_seq,
        echo_flight=echo_flight,
        full_fed=warm.count + full_seq.count + full_flight.count,
        full_unanswered=warm.unanswered + full_seq.unanswered + full_flight.unanswered,
        echo_fed=sum(run.count for run in echo_runs),
        echo_unanswered=sum(run.unanswered for run in echo_runs),
        inbox=inbox,
        outbox_left=outbox_left,
        events=events,
        kinds=workload.kinds,
        calls=session.calls,
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


def _ratio(a: float, b: float) -> float:
    return a / b if b else 0.0


def print_figures(backends: Sequence[Backend], concurrency: int) -> None:
    head = (
        f"{'backend':<9}{'scenario':<17}{'n':>6}  "
        f"{'full upd/s':>10}{'p50 ms':>8}{'p99 ms':>8}  "
        f"{'echo upd/s':>10}{'p50 ms':>8}{'p99 ms':>8}  {'full/echo':>9}"
    )
    print(head)
    print("-" * len(head))
    for b in backends:
        for label, full, echo in (
            ("sequential", b.full_seq, b.echo_seq),
            (f"{concurrency} in flight", b.full_flight, b.echo_flight),
        ):
            print(
                f"{b.name:<9}{label:<17}{full.count:>6}  "
                f"{full.per_second:>10.1f}{full.percentile_ms(50):>8.2f}"
                f"{full.percentile_ms(99):>8.2f}  "
                f"{echo.per_second:>10.1f}{echo.percentile_ms(50):>8.2f}"
                f"{echo.percentile_ms(99):>8.2f}  "
                f"{_ratio(full.per_second, echo.per_second):>9.3f}"
            )


def print_targets(backends: Sequence[Backend], concurrency: int) -> None:
    rows: list[tuple[str, float, str, float]] = []
    for b in backends:
        seq, flight = b.full_seq, b.full_flight
        scope = "" if b.name == "sqlite" else " (SQLite target)"
        rows += [
            (f"{b.name}: full sequential upd/s{scope}", seq.per_second, ">=", TARGET_UPDATES_PER_S),
            (
                f"{b.name}: full/echo upd/s, sequential",
                _ratio(seq.per_second, b.echo_seq.per_second),
                ">=",
                TARGET_ECHO_RATIO,
            ),
            (
                f"{b.name}: full/echo upd/s, {concurrency} in flight",
                _ratio(flight.per_second, b.echo_flight.per_second),
                ">=",
                TARGET_ECHO_RATIO,
            ),
            (
                f"{b.name}: p99 ms, sequential",
                seq.percentile_ms(99),
                "<=",
                TARGET_P99_SEQUENTIAL_MS,
            ),
            (
                f"{b.name}: p99 ms, {concurrency} in flight",
                flight.percentile_ms(99),
                "<=",
                TARGET_P99_IN_FLIGHT_MS,
            ),
        ]
    width = max(len(r[0]) for r in rows) + 2
    head = f"{'target':<{width}}{'figure':>10}{'':>4}{'target':>8}{'figure/target':>15}  verdict"
    print(head)
    print("-" * len(head))
    for label, figure, op, target in rows:
        met = figure >= target if op == ">=" else figure <= target
        verdict = "target met" if met else "below target"
        print(
            f"{label:<{width}}{figure:>10.3f}{op:>4}{target:>8g}"
            f"{_ratio(figure, target):>15.3f}  {verdict}"
        )


def print_checks(backends: Sequence[Backend], logged: Counter[str]) -> bool:
    ok = True

    def check(label: str, passed: bool) -> None:
        nonlocal ok
        ok = ok and passed
        print(f"{'ok  ' if passed else 'FAIL'} {label}")

    for b in backends:
        answered = b.full_fed - b.full_unanswered
        check(
            f"{b.name}: full pipeline: {answered}/{b.full_fed} fed updates got >= 1 "
            f"sendMessage ({b.calls['sendMessage']} sendMessage calls recorded)",
            b.full_unanswered == 0 and b.full_fed > 0,
        )
        taps = b.kinds["language"] + b.kinds["button"]
        check(
            f"{b.name}: full pipeline: {b.calls['answerCallbackQuery']} answerCallbackQuery "
            f"calls for {taps} button taps",
            b.calls["answerCallbackQuery"] == taps,
        )
        check(
            f"{b.name}: echo: {b.echo_fed - b.echo_unanswered}/{b.echo_fed} fed updates got "
            f">= 1 sendMessage (the same updates, measured runs {ECHO_REPEATS} times)",
            b.echo_unanswered == 0
            and b.echo_fed
            == b.full_fed + (ECHO_REPEATS - 1) * (b.full_seq.count + b.full_flight.count),
        )
        done = b.inbox.get("done", 0)
        check(
            f"{b.name}: inbox {dict(sorted(b.inbox.items()))}, {b.events} events, "
            f"{b.outbox_left} outbox rows left (want {b.full_fed} done, none dead, 0 left)",
            done == b.full_fed == b.events and len(b.inbox) == 1 and b.outbox_left == 0,
        )
        mix = ", ".join(f"{k} {v}" for k, v in b.kinds.most_common())
        print(f"     {b.name}: update mix: {mix}")
    check(
        f"nothing logged at WARNING or above ({dict(logged) or 'none'})",
        not logged,
    )
    return ok


def _profile_report(profile: cProfile.Profile, count: int, path: str) -> None:
    profile.dump_stats(path)
    stats = pstats.Stats(profile, stream=sys.stdout)
    total = stats.total_tt  # type: ignore[attr-defined]
    print(
        f"\nprofile of the full sequential run ({count} updates, "
        f"{total / count * 1000:.3f} ms/update under cProfile), saved to {path}; "
        "top 30 by own time (cProfile inflates Python-heavy code; use it for shares):"
    )
    stats.sort_stats("tottime").print_stats(30)


# --------------------------------------------------------------------------------------------
# Entry point
# --------------------------------------------------------------------------------------------


def percentile(values: Sequence[float], q: float) -> float:
    """The nearest-rank percentile (NaN for no values)."""
    ordered = sorted(values)
    if not ordered:
        return math.nan
    index = min(len(ordered) - 1, max(0, math.ceil(q / 100 * len(ordered)) - 1))
    return ordered[index]


def positive(value: str) -> int:
    """An argparse type: a whole number of at least 1."""
    number = int(value)
    if number < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return number


async def _main(args: argparse.Namespace) -> int:
    counting = _Counting()
    root = logging.getLogger()
    root.addHandler(counting)
    profile = cProfile.Profile() if args.profile else None
    targets: list[tuple[str, str | None]] = [("sqlite", None)]
    if args.postgres:
        targets.append(("postgres", PG_URL))
    backends: list[Backend] = []
    started = time.perf_counter()
    for name, url in targets:
        backends.append(
            await run_backend(
                name,
                url,
                count=args.n,
                warmup=args.warmup,
                concurrency=args.concurrency,
                people=args.people,
                profile=profile if name == targets[0][0] else None,
            )
        )
    wall = time.perf_counter() - started
    root.removeHandler(counting)

    print(
        f"bench.updates: n={args.n} per scenario, warm-up {args.warmup}, "
        f"{max(args.people, args.concurrency)} people, "
        f"Python {platform.python_version()}, aiogram {aiogram.__version__}, "
        f"SQLAlchemy {sqlalchemy.__version__}, {os.cpu_count()} CPUs, gc "
        f"{'on' if gc.isenabled() else 'off'}, {wall:.1f} s in all"
    )
    if args.postgres:
        print(f"PostgreSQL: {PG_URL.split('@')[-1]}")
    if profile is not None:
        print("NOTE: --profile: the sqlite full sequential figures include cProfile's overhead")
    print()
    print_figures(backends, args.concurrency)
    print()
    print_targets(backends, args.concurrency)
    print()
    ok = print_checks(backends, counting.seen)
    if profile is not None:
        _profile_report(profile, args.n, args.profile)
    return 0 if ok else 1


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.updates",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("-n", type=positive, default=1500, help="updates per scenario")
    parser.add_argument("--warmup", type=int, default=200, help="unmeasured updates first")
    parser.add_argument("--concurrency", type=positive, default=100, help="chats in flight")
    parser.add_argument("--people", type=positive, default=1000, help="simulated people")
    parser.add_argument("--postgres", action="store_true", help="also run on PostgreSQL")
    parser.add_argument(
        "--profile", metavar="FILE", help="cProfile the full sequential run (SQLite) into FILE"
    )
    return asyncio.run(_main(parser.parse_args(argv)))


if __name__ == "__main__":
    raise SystemExit(main())
