"""The operator console in a forum group, against the Bot API test double.

A person's screening or help request becomes a case; the console opens a topic named with
the case code and priority, posts the summary there, and keeps one queue message edited.
Nothing sent to the group carries the person's name, username, id or phone.
"""

from __future__ import annotations

import base64
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from aiogram import Bot
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from sqlalchemy import text

from bot.config import Settings
from bot.console import QUEUE_EVERY, Console
from bot.db import staff
from bot.db.migrate import upgrade
from bot.outbox import OutboxSender
from bot.runtime import build_core, build_dispatcher
from bot.telegram.callbacks import decode_choice
from bot.telegram.operator_group import check_operator_group
from handoff.sla import parse_hours, parse_sla
from tests.conftest import TEST_SECRET
from tests.fakes import (
    FakeBotApi,
    callback_update,
    group_callback_update,
    group_message_update,
    media_update,
    message_update,
)

TOKEN = "123456:TEST-TOKEN"
GROUP = -1001234567890
CANARY_NAME = "Zhuzhelytsia"
CANARY_USERNAME = "kanarka_user_77"
CANARY_ID = 7_123_456_789
CANARY_PHONE = "+380501234567"


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
async def fake() -> AsyncIterator[FakeBotApi]:
    async with FakeBotApi(global_rate=None, per_chat_rate=None) as server:
        server.add_forum_group(GROUP, title="Hotline shift")
        yield server


@pytest.fixture
async def parts(tmp_path: Path, fake: FakeBotApi) -> AsyncIterator[dict[str, Any]]:
    async with console_parts(tmp_path, fake) as wired:
        yield wired


@asynccontextmanager
async def console_parts(
    tmp_path: Path, fake: FakeBotApi, *, database_url: str | None = None
) -> AsyncIterator[dict[str, Any]]:
    """The bot and its operator console wired as in ``lastivka run``, on one clock; SQLite
    in ``tmp_path`` unless ``database_url`` names a (migrated here) database."""
    settings = Settings(
        telegram_token=TOKEN,
        telegram_api_url=fake.base_url,
        data_dir=tmp_path,
        database_url=database_url,
        secret_key=base64.urlsafe_b64encode(TEST_SECRET).decode(),
        strict_i18n=True,
        operator_chat_id=GROUP,
        operator_locale="en",
    )
    core = build_core(settings)
    await upgrade(core.db)
    bot = Bot(TOKEN, session=AiohttpSession(api=TelegramAPIServer.from_base(fake.base_url)))
    clock = Clock()
    core.service.clock = clock  # cases open on the same clock the console reads
    sender = OutboxSender(core.db, bot, rate=None, clock=clock)
    console = Console(
        db=core.db,
        bot=bot,
        translator=core.translator,
        keyring=core.keyring,
        sender=sender,
        chat_id=GROUP,
        locale="en",
        sla=parse_sla("urgent=5m,high=30m,normal=4h"),
        clock=clock,
    )
    try:
        yield {
            "core": core,
            "bot": bot,
            "console": console,
            "clock": clock,
            "dispatcher": build_dispatcher(core, sender),
            "sender": sender,
        }
    finally:
        await bot.session.close()
        await core.db.dispose()


async def ask_for_help(parts: dict[str, Any], fake: FakeBotApi, user: int, danger: bool) -> None:
    """A person (with canary identity) walks the help request to consent."""
    dispatcher, bot = parts["dispatcher"], parts["bot"]
    counter = iter(range(user * 100, user * 100 + 100))

    async def feed(update: dict[str, Any]) -> None:
        await dispatcher.feed_raw_update(bot, {**update, "update_id": next(counter)})

    def msg(text: str) -> dict[str, Any]:
        update = message_update(
            user, text, language_code="uk", first_name=CANARY_NAME, username=CANARY_USERNAME
        )
        update["message"]["message_id"] = next(counter)
        return update

    async def tap(value: str) -> None:
        sends = [c for c in fake.calls_to("sendMessage") if c.ok and c.params["chat_id"] == user]
        rows = sends[-1].params["reply_markup"]["inline_keyboard"]
        data = next(
            b["callback_data"]
            for row in rows
            for b in row
            if decode_choice(b["callback_data"]).value == value
        )
        await feed(callback_update(user, data, message_id=1))

    await feed(msg("/start"))
    await tap("lang_uk")
    steps = ["help", "self", "exploitation", "c_pl", "danger" if danger else "soon"]
    for value in steps:
        await tap(value)
    if danger:
        await tap("continue")
    await tap("evening")
    await feed(msg(f"Мене звати {CANARY_NAME}, мій номер {CANARY_PHONE}"))
    await tap("yes")


def group_texts(fake: FakeBotApi) -> str:
    calls = [c for c in fake.calls if c.ok and str(c.params.get("chat_id")) == str(GROUP)]
    return "\n".join(str(c.params) for c in calls)


async def test_the_group_check_names_what_is_missing(
    fake: FakeBotApi, parts: dict[str, Any]
) -> None:
    bot = parts["bot"]
    assert (await check_operator_group(bot, GROUP)).ok
    fake.add_forum_group(GROUP, title="Hotline shift", is_forum=False)
    assert "Topics" in (await check_operator_group(bot, GROUP)).detail
    fake.add_forum_group(GROUP, bot_rights={"can_delete_messages": True, "can_pin_messages": True})
    result = await check_operator_group(bot, GROUP)
    assert not result.ok
    assert "manage topics" in result.detail
    fake.add_forum_group(GROUP, bot_status="member")
    assert "administrator" in (await check_operator_group(bot, GROUP)).detail
    assert not (await check_operator_group(bot, -1009999999999)).ok


async def test_each_case_gets_a_topic_with_a_summary_and_the_queue_orders_them(
    fake: FakeBotApi, parts: dict[str, Any]
) -> None:
    console: Console = parts["console"]
    clock: Clock = parts["clock"]
    await ask_for_help(parts, fake, 5001, danger=False)
    clock.now += timedelta(minutes=1)
    await ask_for_help(parts, fake, 5002, danger=True)
    assert await console.open_topics() == 2
    assert await console.open_topics() == 0  # once per case
    topics = fake.topics(GROUP)
    names = [t["name"] for t in topics]
    assert len(names) == 2
    assert names[0].startswith("🔴 K-")
    assert names[0].endswith(" urgent")
    assert names[1].startswith("🟠 K-")
    assert names[1].endswith(" high")
    for topic in topics:
        messages = fake.topic_messages(GROUP, topic["message_thread_id"])
        assert len(messages) == 1
        summary = messages[0]["text"]
        assert topic["name"].split()[1] in summary  # the case code
        assert "Ukrainian" in summary or "Українська" in summary
        assert "Poland" in summary
    rows = await parts["core"].db.run(
        lambda s: s.execute(text("SELECT code, topic_id FROM case_requests ORDER BY id"))
    )
    assert all(topic_id for _, topic_id in rows)
    # the queue view: posted once, then edited only when something changed
    assert await console.refresh_queue(force=True)
    view = fake.topic_messages(GROUP, queue_topic(fake))[-1]["text"]
    assert view.index("🔴") < view.index("🟠")
    clock.now += QUEUE_EVERY
    assert not await console.refresh_queue()  # nothing changed
    clock.now += timedelta(minutes=10)
    assert await console.refresh_queue()  # waiting times and the urgent SLA moved on
    assert "⏰" in fake.topic_messages(GROUP, queue_topic(fake))[-1]["text"]
    assert len(fake.topic_messages(GROUP, queue_topic(fake))) == 1  # edited, not re-posted
    assert fake.topic_messages(GROUP, queue_topic(fake))[0]["message_id"] in (
        fake.pinned_message_ids(GROUP)
    )
    audit = await parts["core"].db.run(staff.verify_audit)
    assert audit is None


async def test_nothing_sent_to_the_group_identifies_the_person(
    fake: FakeBotApi, parts: dict[str, Any]
) -> None:
    await ask_for_help(parts, fake, CANARY_ID, danger=True)
    await parts["console"].open_topics()
    await parts["console"].refresh_queue(force=True)
    sent = group_texts(fake)
    assert "K-" in sent
    for canary in (CANARY_USERNAME, str(CANARY_ID)):
        assert canary not in sent
    # the person's own note is passed on as written (they were told not to put names in it);
    # nothing the bot adds carries their Telegram name
    assert sent.count(CANARY_NAME) == 1


async def test_a_flooded_group_loses_no_summary(fake: FakeBotApi, parts: dict[str, Any]) -> None:
    await ask_for_help(parts, fake, 5003, danger=False)
    fake.fail_next(
        "sendMessage",
        status=429,
        body={
            "ok": False,
            "error_code": 429,
            "description": "Too Many Requests: retry after 1",
            "parameters": {"retry_after": 1},
        },
    )
    assert await parts["console"].open_topics() == 1
    topic = fake.topics(GROUP)[0]["message_thread_id"]
    assert fake.topic_messages(GROUP, topic) == []
    parts["clock"].now += timedelta(seconds=2)
    await parts["sender"].drain_once()
    assert len(fake.topic_messages(GROUP, topic)) == 1


OLHA = 6_000_001
IVAN = 6_000_002
STRANGER = 6_000_099


async def register(parts: dict[str, Any], user_id: int, alias: str, role: str) -> None:
    core = parts["core"]
    await core.db.run(
        lambda s: staff.add_operator(
            s,
            ref=core.keyring.pseudonym("operator", user_id),
            telegram_ref=str(user_id).encode(),
            alias=alias,
            role=role,
            now=parts["clock"](),
        )
    )


async def deliver(parts: dict[str, Any], fake: FakeBotApi, update: dict[str, Any]) -> None:
    """Through the double (so it knows the message, as Telegram would) into the dispatcher."""
    update_id = fake.push_update(update)
    queued = next(u for u in fake.pending_updates() if u["update_id"] == update_id)
    await parts["dispatcher"].feed_raw_update(parts["bot"], queued)


def queue_topic(fake: FakeBotApi) -> int:
    return next(t["message_thread_id"] for t in fake.topics(GROUP) if t["name"] == "📋 Queue")


def buttons_of(message: dict[str, Any]) -> dict[str, str]:
    rows = message.get("reply_markup", {}).get("inline_keyboard", [])
    return {b["text"]: b["callback_data"] for row in rows for b in row}


async def case_taken_by_olha(parts: dict[str, Any], fake: FakeBotApi, person: int) -> int:
    """A help request from ``person`` whose topic Olha (registered) has taken; its thread."""
    await register(parts, OLHA, "Olha", "operator")
    await ask_for_help(parts, fake, person, danger=False)
    await parts["console"].open_topics()
    topic: int = fake.topics(GROUP)[0]["message_thread_id"]
    take = buttons_of(fake.topic_messages(GROUP, topic)[0])["✋ Take the case"]
    await deliver(
        parts, fake, group_callback_update(GROUP, OLHA, take, message_id=1, thread_id=topic)
    )
    return topic


async def test_claim_relay_notes_and_close_with_an_outcome(
    fake: FakeBotApi, parts: dict[str, Any]
) -> None:
    person = 5004
    await register(parts, OLHA, "Olha", "operator")
    await register(parts, IVAN, "Ivan", "operator")
    await ask_for_help(parts, fake, person, danger=False)
    await parts["console"].open_topics()
    topic = fake.topics(GROUP)[0]["message_thread_id"]
    summary = fake.topic_messages(GROUP, topic)[0]
    claim_data = buttons_of(summary)["✋ Take the case"]

    # a stranger in the group cannot act: refused, audited
    await deliver(
        parts,
        fake,
        group_callback_update(
            GROUP, STRANGER, claim_data, message_id=summary["message_id"], thread_id=topic
        ),
    )
    answer = fake.calls_to("answerCallbackQuery")[-1].params
    assert answer.get("show_alert") is True
    assert "registered" in answer["text"]

    await deliver(
        parts,
        fake,
        group_callback_update(
            GROUP, OLHA, claim_data, message_id=summary["message_id"], thread_id=topic
        ),
    )
    assert "Olha" in fake.sent_texts(person)[-1]  # the person is told who joined
    await deliver(
        parts,
        fake,
        group_callback_update(
            GROUP, IVAN, claim_data, message_id=summary["message_id"], thread_id=topic
        ),
    )
    assert "Olha already holds" in fake.calls_to("answerCallbackQuery")[-1].params["text"]

    # the person writes and sends a photo: copies reach the topic, no forward header
    await deliver(parts, fake, message_update(person, "Мені не платять", language_code="uk"))
    await deliver(parts, fake, media_update(person, "photo", caption="договір"))
    copies = fake.topic_messages(GROUP, topic)[-2:]
    assert copies[0]["text"] == "Мені не платять"
    assert "photo" in copies[1]
    assert all("forward_origin" not in m for m in copies)

    # Olha answers in the topic: the person gets it under her alias, protected
    await deliver(
        parts,
        fake,
        group_message_update(GROUP, OLHA, "Ми допоможемо. <b>Де</b> ви зараз?", thread_id=topic),
    )
    last = [c for c in fake.calls_to("sendMessage") if c.ok and c.params["chat_id"] == person][-1]
    assert last.params["text"].startswith("<b>Olha:</b> Ми допоможемо. &lt;b&gt;Де&lt;/b&gt;")
    assert last.params["protect_content"] is True
    before = len(fake.sent_texts(person))
    # notes and other operators' messages stay in the group
    await deliver(
        parts, fake, group_message_update(GROUP, OLHA, "/note перевірити PIP", thread_id=topic)
    )
    await deliver(
        parts, fake, group_message_update(GROUP, OLHA, "! подзвонити завтра", thread_id=topic)
    )
    await deliver(
        parts, fake, group_message_update(GROUP, IVAN, "я можу підмінити", thread_id=topic)
    )
    await deliver(parts, fake, group_message_update(GROUP, STRANGER, "hello", thread_id=topic))
    assert len(fake.sent_texts(person)) == before

    # close needs an outcome; then the person gets the bot back
    claimed = fake.topic_messages(GROUP, topic)
    close_data = next(
        d for m in claimed for label, d in buttons_of(m).items() if label.startswith("✅")
    )
    await deliver(
        parts,
        fake,
        group_callback_update(
            GROUP, OLHA, close_data, message_id=claimed[-1]["message_id"], thread_id=topic
        ),
    )
    outcomes = buttons_of(fake.topic_messages(GROUP, topic)[-1])
    assert "Referred to a service" in outcomes
    assert len(outcomes) == 7
    await deliver(
        parts,
        fake,
        group_callback_update(
            GROUP, OLHA, outcomes["Referred to a service"], message_id=1, thread_id=topic
        ),
    )
    assert "/menu" in fake.sent_texts(person)[-1]
    # one optional feedback question, answered with one tap
    closed = [c for c in fake.calls_to("sendMessage") if c.ok and c.params["chat_id"] == person]
    helped = buttons_of(closed[-1].params)["Так, допомогло"]
    await deliver(parts, fake, callback_update(person, helped, message_id=1))
    assert "Дякуємо, що сказали" in fake.sent_texts(person)[-1]
    rows = list(
        await parts["core"].db.run(
            lambda s: s.execute(text("SELECT status, outcome, feedback FROM case_requests"))
        )
    )
    assert [tuple(r) for r in rows] == [("closed", "referred", "yes")]
    # after closing, the person's messages go to the bot again, not to the group
    in_topic = len(fake.topic_messages(GROUP, topic))
    await deliver(parts, fake, message_update(person, "дякую", language_code="uk"))
    assert len(fake.topic_messages(GROUP, topic)) == in_topic
    audit = list(
        await parts["core"].db.run(
            lambda s: s.execute(text("SELECT actor, action FROM audit ORDER BY id"))
        )
    )
    actions = [a for _, a in audit]
    assert "refused_claim" in actions
    assert "case_claim" in actions
    assert "case_close" in actions
    assert await parts["core"].db.run(staff.verify_audit) is None


async def test_a_case_past_its_time_to_claim_alerts_supervisors_and_tells_the_person_once(
    fake: FakeBotApi, parts: dict[str, Any]
) -> None:
    person = 5005
    await register(parts, OLHA, "Olha", "supervisor")
    console: Console = parts["console"]
    console.hours = parse_hours("Mon-Fri 09:00-18:00", "Europe/Kyiv")
    clock: Clock = parts["clock"]
    clock.now = datetime(2026, 11, 27, 15, 0, tzinfo=UTC)  # Friday 17:00 in Kyiv
    await ask_for_help(parts, fake, person, danger=False)  # high: 30 min to claim
    await console.open_topics()
    clock.now += timedelta(minutes=29)
    assert await console.alert_overdue() == 0
    await console.refresh_queue(force=True)  # the queue topic exists from the start in run
    clock.now += timedelta(minutes=2)  # Friday 17:31 in Kyiv: past due, still on duty
    assert await console.alert_overdue() == 1
    alert = fake.topic_messages(GROUP, queue_topic(fake))[-1]
    assert "⏰" in alert["text"]
    mentions = [e for e in alert.get("entities", []) if e["type"] == "text_mention"]
    assert [m["user"]["id"] for m in mentions] == [OLHA]
    told = fake.sent_texts(person)[-1]
    assert "around the clock" in told or "цілодобово" in told
    assert "116 123" not in told  # the person is in Poland: Polish lines, not Ukrainian ones
    clock.now += timedelta(hours=1)
    assert await console.alert_overdue() == 0  # once per case


async def test_outside_working_hours_the_person_is_told_when(
    fake: FakeBotApi, parts: dict[str, Any]
) -> None:
    person = 5006
    console: Console = parts["console"]
    console.hours = parse_hours("Mon-Fri 09:00-18:00", "Europe/Kyiv")
    clock: Clock = parts["clock"]
    clock.now = datetime(2026, 11, 28, 10, 0, tzinfo=UTC)  # Saturday
    await ask_for_help(parts, fake, person, danger=False)
    await console.open_topics()
    clock.now += timedelta(minutes=31)
    assert await console.alert_overdue() == 1
    assert "30.11 09:00" in fake.sent_texts(person)[-1]  # Monday morning, Kyiv time


async def test_transfer_by_name_queue_command_and_the_topic_closes_with_the_case(
    fake: FakeBotApi, parts: dict[str, Any]
) -> None:
    person = 5007
    await register(parts, OLHA, "Olha", "operator")
    await register(parts, IVAN, "Ivan", "operator")
    await ask_for_help(parts, fake, person, danger=True)
    await parts["console"].open_topics()
    topic = fake.topics(GROUP)[0]["message_thread_id"]
    summary = fake.topic_messages(GROUP, topic)[0]
    claim_data = buttons_of(summary)["✋ Take the case"]
    await deliver(
        parts,
        fake,
        group_callback_update(
            GROUP, OLHA, claim_data, message_id=summary["message_id"], thread_id=topic
        ),
    )
    # /queue in a topic shows the queue there, with who holds each case
    await deliver(parts, fake, group_message_update(GROUP, IVAN, "/queue", thread_id=topic))
    assert "with Olha" in fake.topic_messages(GROUP, topic)[-1]["text"]
    # only the holder or a supervisor hands over; an unknown name is explained
    await deliver(parts, fake, group_message_update(GROUP, IVAN, "/transfer Ivan", thread_id=topic))
    assert "Only Olha" in fake.topic_messages(GROUP, topic)[-1]["text"]
    await deliver(
        parts, fake, group_message_update(GROUP, OLHA, "/transfer Petro", thread_id=topic)
    )
    assert "Petro" in fake.topic_messages(GROUP, topic)[-1]["text"]
    await deliver(parts, fake, group_message_update(GROUP, OLHA, "/transfer ivan", thread_id=topic))
    assert "Ivan" in fake.sent_texts(person)[-1]  # the person meets the new consultant
    # now Ivan's replies reach the person and Olha's do not
    await deliver(parts, fake, group_message_update(GROUP, OLHA, "ще тут", thread_id=topic))
    await deliver(parts, fake, group_message_update(GROUP, IVAN, "Добрий день", thread_id=topic))
    assert fake.sent_texts(person)[-1].startswith("Ivan:")
    close_data = next(
        d
        for m in fake.topic_messages(GROUP, topic)
        for label, d in buttons_of(m).items()
        if label.startswith("✅")
    )
    await deliver(
        parts, fake, group_callback_update(GROUP, IVAN, close_data, message_id=1, thread_id=topic)
    )
    outcome = buttons_of(fake.topic_messages(GROUP, topic)[-1])["Information given"]
    await deliver(
        parts, fake, group_callback_update(GROUP, IVAN, outcome, message_id=1, thread_id=topic)
    )
    assert fake.topic(GROUP, topic)["is_closed"] is True


async def test_the_person_can_end_the_conversation_and_escalation_mentions_supervisors(
    fake: FakeBotApi, parts: dict[str, Any]
) -> None:
    person = 5008
    await register(parts, OLHA, "Olha", "operator")
    await register(parts, IVAN, "Ivan", "supervisor")
    await ask_for_help(parts, fake, person, danger=False)
    await parts["console"].open_topics()
    topic = fake.topics(GROUP)[0]["message_thread_id"]
    summary = fake.topic_messages(GROUP, topic)[0]
    buttons = buttons_of(summary)
    await deliver(
        parts,
        fake,
        group_callback_update(
            GROUP, OLHA, buttons["⬆ Ask a supervisor"], message_id=1, thread_id=topic
        ),
    )
    escalated = fake.topic_messages(GROUP, topic)[-1]
    assert [
        e["user"]["id"] for e in escalated.get("entities", []) if e["type"] == "text_mention"
    ] == [IVAN]
    await deliver(
        parts,
        fake,
        group_callback_update(
            GROUP, OLHA, buttons["✋ Take the case"], message_id=1, thread_id=topic
        ),
    )
    joined = [c for c in fake.calls_to("sendMessage") if c.ok and c.params["chat_id"] == person][-1]
    end = next(iter(buttons_of(joined.params).values()))
    await deliver(parts, fake, callback_update(person, end, message_id=1))
    assert "/menu" in fake.sent_texts(person)[-1]
    assert "ended the conversation" in fake.topic_messages(GROUP, topic)[-1]["text"]
    # what the person writes now goes to the bot, not to the topic
    in_topic = len(fake.topic_messages(GROUP, topic))
    await deliver(parts, fake, message_update(person, "ще одне", language_code="uk"))
    assert len(fake.topic_messages(GROUP, topic)) == in_topic
    # the consultant's replies no longer reach them; the case is still Olha's to close
    told = len(fake.sent_texts(person))
    await deliver(parts, fake, group_message_update(GROUP, OLHA, "Ви тут?", thread_id=topic))
    assert len(fake.sent_texts(person)) == told
    rows = list(
        await parts["core"].db.run(
            lambda s: s.execute(text("SELECT status, person_ended FROM case_requests"))
        )
    )
    assert [tuple(r) for r in rows] == [("held", True)]


async def test_canned_replies_go_out_in_the_persons_language(
    fake: FakeBotApi, parts: dict[str, Any]
) -> None:
    person = 5009
    topic = await case_taken_by_olha(parts, fake, person)  # the person speaks Ukrainian
    await deliver(parts, fake, group_message_update(GROUP, OLHA, "/canned", thread_id=topic))
    menu = buttons_of(fake.topic_messages(GROUP, topic)[-1])
    assert len(menu) == 5
    await deliver(
        parts,
        fake,
        group_callback_update(
            GROUP, OLHA, menu["Is it safe to talk?"], message_id=1, thread_id=topic
        ),
    )
    sent = [c for c in fake.calls_to("sendMessage") if c.ok and c.params["chat_id"] == person][-1]
    assert "Чи безпечно вам зараз писати?" in sent.params["text"]
    assert sent.params["protect_content"] is True
    assert "Is it safe for you to write now?" in fake.topic_messages(GROUP, topic)[-1]["text"]


async def test_voice_and_photos_cross_both_ways_and_relay_survives_a_restart(
    fake: FakeBotApi, parts: dict[str, Any], tmp_path: Path
) -> None:
    person = 5010
    topic = await case_taken_by_olha(parts, fake, person)
    await deliver(parts, fake, media_update(person, "voice"))
    assert "voice" in fake.topic_messages(GROUP, topic)[-1]
    photo = group_message_update(
        GROUP,
        OLHA,
        None,
        thread_id=topic,
        extra={"photo": [{"file_id": "g", "file_unique_id": "gu", "width": 9, "height": 9}]},
    )
    await deliver(parts, fake, photo)
    copy = [c for c in fake.calls_to("copyMessage") if c.ok][-1]
    assert copy.params["chat_id"] == person
    assert copy.params["protect_content"] is True
    assert "Olha" in copy.params["caption"]
    # a new process on the same database: the relay goes on
    await parts["bot"].session.close()
    await parts["core"].db.dispose()
    settings = parts["core"].settings
    core = build_core(settings)
    bot = Bot(TOKEN, session=AiohttpSession(api=TelegramAPIServer.from_base(fake.base_url)))
    try:
        parts.update(
            core=core,
            bot=bot,
            dispatcher=build_dispatcher(core, OutboxSender(core.db, bot, rate=None)),
        )
        await deliver(parts, fake, message_update(person, "ви тут?", language_code="uk"))
        assert fake.topic_messages(GROUP, topic)[-1]["text"] == "ви тут?"
    finally:
        await bot.session.close()
        await core.db.dispose()


async def test_a_flooded_group_keeps_the_persons_messages_in_order(
    fake: FakeBotApi, parts: dict[str, Any]
) -> None:
    person = 5011
    topic = await case_taken_by_olha(parts, fake, person)
    fake.fail_next(
        "copyMessage",
        status=429,
        body={
            "ok": False,
            "error_code": 429,
            "description": "Too Many Requests: retry after 3",
            "parameters": {"retry_after": 3},
        },
    )
    for text_ in ("один", "два", "три"):
        await deliver(parts, fake, message_update(person, text_, language_code="uk"))
    assert [m.get("text") for m in fake.topic_messages(GROUP, topic)][-1] != "три"
    parts["clock"].now += timedelta(seconds=4)
    while await parts["sender"].drain_once():
        pass
    texts = [m.get("text") for m in fake.topic_messages(GROUP, topic)]
    assert texts[-3:] == ["один", "два", "три"]


async def test_forged_console_buttons_are_refused_and_audit_only_known_actions(
    fake: FakeBotApi, parts: dict[str, Any]
) -> None:
    await register(parts, OLHA, "Olha", "operator")
    for data in ("o:drop_tables:K-AAAA", "o:claim:K-NOPE", "o:claim"):
        await deliver(parts, fake, group_callback_update(GROUP, OLHA, data, message_id=1))
        answer = fake.calls_to("answerCallbackQuery")[-1].params
        assert answer.get("show_alert") is True
    # not a console button at all: the spinner stops, nothing else happens
    await deliver(parts, fake, group_callback_update(GROUP, OLHA, "x:claim:K-AAAA", message_id=1))
    assert "show_alert" not in fake.calls_to("answerCallbackQuery")[-1].params
    await deliver(
        parts, fake, group_callback_update(GROUP, STRANGER, "o:evil'--:K-A", message_id=1)
    )
    actions = [
        a
        for (a,) in await parts["core"].db.run(
            lambda s: s.execute(text("SELECT action FROM audit"))
        )
    ]
    assert all(a in {"refused_claim", "operator_added"} for a in actions)
