"""End to end: the real ``lastivka run`` process against the Bot API test double on loopback.

Includes the crash test: a burst of updates from many chats, ``kill -9`` in the middle,
restart, and every update processed exactly once.
"""

from __future__ import annotations

import asyncio
import base64
import os
import signal
import sys
from collections import Counter
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from bot.db.database import Database
from bot.db.tables import EventRow, InboxRow, OutboxRow
from tests.conftest import TEST_SECRET
from tests.fakes import (
    FakeBotApi,
    callback_update,
    group_callback_update,
    group_message_update,
    message_update,
    sticker_update,
)

pytestmark = pytest.mark.e2e

TOKEN = "123456:TEST-TOKEN"
ROOT = Path(__file__).resolve().parents[1]


class BotProcess:
    def __init__(self, fake: FakeBotApi, data_dir: Path) -> None:
        self.fake = fake
        self.data_dir = data_dir
        self.process: asyncio.subprocess.Process | None = None
        self.extra_env: dict[str, str] = {}

    def env(self) -> dict[str, str]:
        base = {k: v for k, v in os.environ.items() if not k.startswith("LASTIVKA_")}
        return (
            base
            | {
                "LASTIVKA_TELEGRAM_TOKEN": TOKEN,
                "LASTIVKA_TELEGRAM_API_URL": self.fake.base_url,
                "LASTIVKA_DATA_DIR": str(self.data_dir),
                "LASTIVKA_SECRET_KEY": base64.urlsafe_b64encode(TEST_SECRET).decode(),
                "LASTIVKA_STRICT_I18N": "true",
                "LASTIVKA_LOG_LEVEL": "INFO",
            }
            | self.extra_env
        )

    async def start(self) -> None:
        log = (self.data_dir / "bot.log").open("ab")
        self.process = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "bot",
            "run",
            cwd=self.data_dir,
            env=self.env(),
            stdout=log,
            stderr=log,
        )
        log.close()

    async def kill(self) -> None:
        assert self.process is not None
        self.process.send_signal(signal.SIGKILL)
        await self.process.wait()

    async def stop(self) -> int:
        assert self.process is not None
        if self.process.returncode is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                await asyncio.wait_for(self.process.wait(), timeout=30)
            except TimeoutError:
                self.process.kill()
                await self.process.wait()
        assert self.process.returncode is not None
        return self.process.returncode

    def log(self) -> str:
        return (self.data_dir / "bot.log").read_text(encoding="utf-8", errors="replace")


@pytest.fixture
async def fake() -> AsyncIterator[FakeBotApi]:
    async with FakeBotApi(token=TOKEN, global_rate=None, per_chat_rate=None) as server:
        yield server


def sends(fake: FakeBotApi, chat_id: int | None = None) -> list[Any]:
    return [
        c
        for c in fake.calls_to("sendMessage")
        if c.ok and (chat_id is None or c.params["chat_id"] == chat_id)
    ]


async def tap_and_wait(fake: FakeBotApi, user: int, value: str) -> None:
    """Press the button sending ``value`` on the person's last message; wait for the answer."""
    count = len(sends(fake, user))
    data = next(d for d in keyboard(sends(fake, user)[-1]).values() if d.endswith(f":{value}"))
    fake.push_update(callback_update(user, data, message_id=1))
    await fake.wait_for(lambda f: len(sends(f, user)) > count, timeout=30)


def keyboard(call: Any) -> dict[str, str]:
    rows = call.params["reply_markup"]["inline_keyboard"]
    return {b["text"]: b["callback_data"] for row in rows for b in row}


async def test_a_person_talks_to_the_running_bot(fake: FakeBotApi, tmp_path: Path) -> None:
    bot = BotProcess(fake, tmp_path)
    await bot.start()
    try:
        user = 4242
        fake.push_update(message_update(user, "/start", language_code="ru"))
        await fake.wait_for(lambda f: len(sends(f, user)) >= 1, timeout=60)
        picker = keyboard(sends(fake, user)[-1])
        assert next(iter(picker)) == "✓ Русский"
        fake.push_update(callback_update(user, picker["✓ Русский"], message_id=1))
        await fake.wait_for(lambda f: len(sends(f, user)) >= 2, timeout=30)
        assert "Главное меню" in sends(fake, user)[-1].params["text"]
        fake.push_update(sticker_update(user))
        await fake.wait_for(lambda f: len(sends(f, user)) >= 3, timeout=30)
        assert "Главное меню" in sends(fake, user)[-1].params["text"]
        languages = {c.params.get("language_code") for c in fake.calls_to("setMyCommands") if c.ok}
        assert languages == {None, "uk", "ru", "lv"}
        assert {c.params.get("language_code") for c in fake.calls_to("setMyDescription")} == {
            None,
            "uk",
            "ru",
            "lv",
        }
    finally:
        code = await bot.stop()
    assert code == 0, bot.log()
    assert "Traceback" not in bot.log()


async def test_kill_mid_burst_then_restart_processes_every_update_exactly_once(
    fake: FakeBotApi, tmp_path: Path
) -> None:
    chats = 60
    per_chat = 8
    pushed: list[int] = []
    for round_ in range(per_chat):
        for chat in range(chats):
            user = 900_000 + chat
            if round_ == 0:
                update = message_update(user, "/start")
            elif round_ == 1:
                update = callback_update(user, "g:lang_uk", message_id=1)
            else:
                update = message_update(user, ["/menu", "/about", "hello", "/help"][round_ % 4])
            pushed.append(fake.push_update(update))
    total = len(pushed)

    bot = BotProcess(fake, tmp_path)
    await bot.start()
    await fake.wait_for(lambda f: len(sends(f)) >= total // 3, timeout=90)
    await bot.kill()
    sent_before_kill = len(sends(fake))
    assert sent_before_kill < total, "the kill came too late to test anything"

    await bot.start()
    try:
        await fake.wait_for(
            lambda f: not f.pending_updates() and len(sends(f)) >= total, timeout=120
        )
        await fake.wait_for(lambda f: f.waiting_long_polls > 0, timeout=30)
    finally:
        assert await bot.stop() == 0, bot.log()

    db = Database(f"sqlite+aiosqlite:///{tmp_path / 'lastivka.db'}")
    try:
        events = await db.run(lambda s: s.scalars(select(EventRow.update_id)))
        processed = Counter(list(events))
        inbox = await db.run(lambda s: s.scalars(select(InboxRow.status)))
        statuses = Counter(list(inbox))
        left = await db.run(lambda s: s.scalars(select(OutboxRow.id)))
        leftover = list(left)
    finally:
        await db.dispose()
    assert set(processed) == set(pushed), "every update processed"
    assert max(processed.values()) == 1, "none processed twice"
    assert statuses == {"done": total}
    assert leftover == []
    per_chat_sent = Counter(c.params["chat_id"] for c in sends(fake))
    missing = {chat: per_chat - n for chat, n in per_chat_sent.items() if n < per_chat}
    assert missing == {}, "every update was answered"
    duplicates = sum(per_chat_sent.values()) - total
    # Only replies in flight at the kill (sent, not yet marked) may go out twice.
    assert 0 <= duplicates <= 64, duplicates
    print(f"kill after {sent_before_kill}/{total} replies: lost 0, duplicated replies {duplicates}")


async def test_check_reports_problems_then_passes(fake: FakeBotApi, tmp_path: Path) -> None:
    bot = BotProcess(fake, tmp_path)

    async def cli(*args: str) -> tuple[int, str]:
        process = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "bot",
            *args,
            cwd=tmp_path,
            env=bot.env() | {"COLUMNS": "200"},
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.STDOUT,
        )
        out, _ = await process.communicate()
        assert process.returncode is not None
        return process.returncode, out.decode()

    code, table = await cli("check")
    assert code == 1
    assert "run `lastivka db upgrade`" in table
    assert (await cli("db", "upgrade"))[0] == 0
    code, table = await cli("check")
    assert code == 0, table
    assert "reachable, bot @" in table
    assert "every id in uk, ru, lv, en" in table


async def test_a_full_screening_and_a_verified_contact_in_the_running_bot(
    fake: FakeBotApi, tmp_path: Path
) -> None:
    bot = BotProcess(fake, tmp_path)
    verify = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        "contacts",
        "verify",
        "ua-iom-527",
        "--date",
        "2026-11-20",
        cwd=tmp_path,
        env=bot.env(),
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
    )
    out, _ = await verify.communicate()
    assert verify.returncode == 0, out.decode()
    await bot.start()
    user = 4343

    async def tap(value: str) -> None:
        await tap_and_wait(fake, user, value)

    async def say(text: str) -> None:
        count = len(sends(fake, user))
        fake.push_update(message_update(user, text, language_code="uk"))
        await fake.wait_for(lambda f: len(sends(f, user)) > count, timeout=60)

    try:
        await say("/start")
        await tap("lang_uk")
        for value in ("screening", "offer", "other", "under_18", "c_pl"):
            await tap(value)
        await say(
            "Робота в Польщі, 4000 євро без досвіду. Оплата за оформлення 200 євро до виїзду, "
            "паспорт залишаєте у роботодавця."
        )
        # under 18 with the passport kept: the child rule makes it danger now, at once
        urgent = sends(fake, user)[-1].params
        assert urgent["protect_content"] is True
        assert "112" in urgent["text"]
        await tap("go_on")
        answered = 0
        while any(d.endswith(":unsure") for d in keyboard(sends(fake, user)[-1]).values()):
            await tap("no")
            answered += 1
        assert answered <= 12
        result = sends(fake, user)[-1].params
        assert result["protect_content"] is True
        assert "Небезпека просто зараз" in result["text"]
        assert "Якщо ще немає 18" in result["text"]  # the child note
        await tap("menu")
        for value in ("migration", "countries", "c_ua"):
            await tap(value)
        card = sends(fake, user)[-1].params["text"]
        assert "527" in card
        assert "20.11.2026" in card
    finally:
        code = await bot.stop()
    assert code == 0, bot.log()
    assert "Traceback" not in bot.log()


async def test_a_shift_in_the_running_bot_topic_queue_claim_relay_note_close(
    fake: FakeBotApi, tmp_path: Path
) -> None:
    group = -1001234567890
    fake.add_forum_group(group, title="Hotline shift")
    bot = BotProcess(fake, tmp_path)
    bot.extra_env = {"LASTIVKA_OPERATOR_CHAT_ID": str(group)}
    operator = 6_000_001
    added = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        "operators",
        "add",
        "--telegram-id",
        str(operator),
        "--name",
        "Olha",
        cwd=tmp_path,
        env=bot.env(),
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
    )
    out, _ = await added.communicate()
    assert added.returncode == 0, out.decode()
    await bot.start()
    user = 4444

    async def tap(value: str) -> None:
        await tap_and_wait(fake, user, value)

    try:
        fake.push_update(message_update(user, "/start", language_code="uk"))
        await fake.wait_for(lambda f: len(sends(f, user)) >= 1, timeout=60)
        # a screening of work abroad, answered "not sure" throughout, then consent
        for value in ("lang_uk", "screening", "abroad", "self", "age_26_plus", "c_de"):
            await tap(value)

        def offered() -> set[str]:
            return {d.rsplit(":", 1)[-1] for d in keyboard(sends(fake, user)[-1]).values()}

        while "unsure" in offered() or "go_on" in offered():
            await tap("unsure" if "unsure" in offered() else "go_on")
        await tap("person")
        await tap("yes")
        await fake.wait_for(
            lambda f: any(t["name"].startswith(("🟠", "🔴")) for t in f.topics(group)),
            timeout=30,
        )
        topic = next(t for t in fake.topics(group) if t["name"].startswith(("🟠", "🔴")))
        thread = topic["message_thread_id"]
        await fake.wait_for(lambda f: len(f.topic_messages(group, thread)) == 1, timeout=30)
        summary = fake.topic_messages(group, thread)[0]["text"]
        assert topic["name"].split()[1] in summary
        assert "перевірка ризиків" in summary  # the flow, its level and the signs
        assert "Результат:" in summary
        assert "не знаю напевно" in summary
        assert topic["name"].split()[1] in sends(fake, user)[-1].params["text"]
        queue = next(t for t in fake.topics(group) if t["name"] == "📋 Черга")["message_thread_id"]
        code = topic["name"].split()[1]

        def queue_shows_the_case(f: FakeBotApi) -> bool:
            view = f.topic_messages(group, queue)
            return bool(view) and code in view[-1].get("text", "")

        # the queue view is edited at most every 10 s
        await fake.wait_for(queue_shows_the_case, timeout=30)

        def in_topic(f: FakeBotApi) -> list[dict[str, Any]]:
            return f.topic_messages(group, thread)

        # the operator takes the case: the person is told who joined
        take = next(
            b["callback_data"]
            for row in in_topic(fake)[0]["reply_markup"]["inline_keyboard"]
            for b in row
            if b["callback_data"].startswith("o:claim:")
        )
        told = len(sends(fake, user))
        fake.push_update(
            group_callback_update(group, operator, take, message_id=1, thread_id=thread)
        )
        await fake.wait_for(lambda f: len(sends(f, user)) > told, timeout=30)
        assert "Olha" in sends(fake, user)[-1].params["text"]
        # two-way relay; a note stays in the group
        fake.push_update(message_update(user, "Мені потрібна порада", language_code="uk"))
        await fake.wait_for(
            lambda f: in_topic(f)[-1].get("text") == "Мені потрібна порада", timeout=30
        )
        told = len(sends(fake, user))
        fake.push_update(
            group_message_update(group, operator, "/note перевірити", thread_id=thread)
        )
        fake.push_update(group_message_update(group, operator, "Я тут, пишіть", thread_id=thread))
        await fake.wait_for(lambda f: len(sends(f, user)) > told, timeout=30)
        assert sends(fake, user)[-1].params["text"].endswith("Я тут, пишіть")
        assert len(sends(fake, user)) == told + 1  # the note was not relayed
        # closing with an outcome gives the person back to the bot
        close = next(
            b["callback_data"]
            for m in in_topic(fake)
            for row in m.get("reply_markup", {}).get("inline_keyboard", [])
            for b in row
            if b["callback_data"].startswith("o:outcomes:")
        )
        fake.push_update(
            group_callback_update(group, operator, close, message_id=1, thread_id=thread)
        )
        await fake.wait_for(
            lambda f: "o:close:" in str(in_topic(f)[-1].get("reply_markup", "")), timeout=30
        )
        referred = next(
            b["callback_data"]
            for row in in_topic(fake)[-1]["reply_markup"]["inline_keyboard"]
            for b in row
            if b["callback_data"].endswith(":referred")
        )
        told = len(sends(fake, user))
        fake.push_update(
            group_callback_update(group, operator, referred, message_id=1, thread_id=thread)
        )
        await fake.wait_for(lambda f: len(sends(f, user)) > told, timeout=30)
        assert "/menu" in sends(fake, user)[-1].params["text"]
        await fake.wait_for(lambda f: f.topic(group, thread)["is_closed"], timeout=30)
    finally:
        code = await bot.stop()
    assert code == 0, bot.log()
    assert "operator console on" in bot.log()


async def _lastivka(bot: BotProcess, *args: str) -> tuple[int, str]:
    """An admin command beside the running bot (same data directory and key)."""
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        *args,
        cwd=bot.data_dir,
        env=bot.env() | {"COLUMNS": "200"},
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
    )
    output, _ = await process.communicate()
    assert process.returncode is not None
    return process.returncode, output.decode()


async def test_a_campaign_from_its_file_to_the_opted_in_people_in_the_running_bot(
    fake: FakeBotApi, tmp_path: Path
) -> None:
    """The whole way: people opt in through the bot, two admins write and approve a campaign,
    the running bot sends it to exactly those who chose its topic, one taps "stop"."""
    bot = BotProcess(fake, tmp_path)
    await bot.start()
    jobs, rights, nobody = 5101, 5102, 5103
    campaign_file = ROOT / "tests" / "data" / "campaigns" / "spring.toml"
    try:
        for user, locale in ((jobs, "uk"), (rights, "en"), (nobody, "ru")):
            fake.push_update(message_update(user, "/start", language_code=locale))
            await fake.wait_for(lambda f, u=user: len(sends(f, u)) >= 1, timeout=60)
            await tap_and_wait(fake, user, f"lang_{locale}")
        for user, topic in ((jobs, "jobs_on"), (rights, "rights_on")):
            for value in ("subscribe", topic, "done"):
                await tap_and_wait(fake, user, value)

        code, output = await _lastivka(
            bot, "campaign", "create", str(campaign_file), "--as", "Anna"
        )
        assert code == 0, output
        code, output = await _lastivka(
            bot, "campaign", "approve", "spring-jobs-2027", "--as", "anna"
        )
        assert code == 2, output
        assert "two-person rule" in output
        code, output = await _lastivka(
            bot, "campaign", "approve", "spring-jobs-2027", "--as", "Olha"
        )
        assert code == 0, output
        before = {user: len(sends(fake, user)) for user in (jobs, rights, nobody)}
        code, output = await _lastivka(bot, "campaign", "send", "spring-jobs-2027", "--as", "Olha")
        assert code == 0, output

        await fake.wait_for(lambda f: len(sends(f, jobs)) > before[jobs], timeout=60)
        message = sends(fake, jobs)[-1]
        assert message.params["text"].startswith("<b>Їдете працювати за кордон")
        buttons = [b for row in message.params["reply_markup"]["inline_keyboard"] for b in row]
        assert buttons[0]["url"] == "https://t.me/lastivka_test_bot?start=c1-screening"
        assert buttons[-1]["callback_data"] == "g:stop_1"
        code, output = await _lastivka(bot, "campaign", "status", "spring-jobs-2027", "--watch")
        assert code == 0, output
        assert "done" in output

        # one tap stops them; the deep link opens the screening and is counted
        count = len(sends(fake, jobs))
        fake.push_update(callback_update(jobs, "g:stop_1", message_id=message.result["message_id"]))
        await fake.wait_for(lambda f: len(sends(f, jobs)) > count, timeout=30)
        assert "розсилку порад вимкнено" in sends(fake, jobs)[-1].params["text"]
        count = len(sends(fake, jobs))
        fake.push_update(message_update(jobs, "/start c1-screening", language_code="uk"))
        await fake.wait_for(lambda f: len(sends(f, jobs)) > count, timeout=30)

        code, output = await _lastivka(bot, "campaign", "status", "spring-jobs-2027", "--csv", "-")
        assert code == 0, output
        header, row = output.strip().splitlines()[-2:]
        figures = dict(zip(header.split(","), row.split(","), strict=True))
        assert figures["status"] == "done"
        assert (figures["author"], figures["approver"]) == ("Anna", "Olha")
        assert (figures["audience"], figures["sent"], figures["failed"]) == ("1", "1", "0")
        assert figures["unsubscribed_after"] == "1"
        assert (figures["started_from_message"], figures["deep_link_starts"]) == ("1", "1")
    finally:
        code = await bot.stop()
    assert code == 0, bot.log()
    assert "Traceback" not in bot.log()
    # only the person who chose "job offers" got it: not the one who chose rights, not the
    # one who chose nothing
    assert len(sends(fake, rights)) == before[rights]
    assert len(sends(fake, nobody)) == before[nobody]
