"""The wiring, through ``Dispatcher.feed_raw_update`` against the Bot API test double.

Every call the bot makes goes over loopback to ``FakeBotApi``, which refuses what Telegram
would refuse (malformed HTML, oversized texts or callback data, unknown parameters).
"""

from __future__ import annotations

import asyncio
import io
import logging
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from aiogram import Bot, Dispatcher
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from sqlalchemy import select, text

from bot.config import Settings
from bot.conversations import utcnow
from bot.db import inbox, repo
from bot.db.migrate import upgrade
from bot.db.tables import EventRow, InboxRow
from bot.logs import configure_logging
from bot.outbox import OutboxSender
from bot.runtime import Core, build_core, build_dispatcher
from bot.telegram.callbacks import decode_choice, encode_choice
from dialogs.engine import Engine
from dialogs.flows import FLOWS
from dialogs.types import Choice, Conversation
from tests.conftest import TEST_SECRET
from tests.fakes import FakeBotApi, callback_update, message_update, sticker_update, voice_update

USER = 5551234567
TOKEN = "123456:TEST-TOKEN"


@dataclass
class Harness:
    fake: FakeBotApi
    core: Core
    bot: Bot
    dispatcher: Dispatcher
    sender: OutboxSender
    next_id: int = 1

    async def feed(self, update: dict[str, Any], *, update_id: int | None = None) -> int:
        if update_id is None:
            update_id = self.next_id
            self.next_id += 1
        message = update.get("message")
        if message is not None and "message_id" not in message:
            message["message_id"] = 10_000 + update_id
        await self.dispatcher.feed_raw_update(self.bot, {**update, "update_id": update_id})
        return update_id

    def texts(self) -> list[str]:
        return self.fake.sent_texts(USER)

    def last_keyboard(self) -> dict[str, str]:
        sends = [c for c in self.fake.calls_to("sendMessage") if c.ok]
        markup = sends[-1].params.get("reply_markup") or {}
        return {b["text"]: b["callback_data"] for row in markup["inline_keyboard"] for b in row}

    async def press(self, label_part: str) -> None:
        keyboard = self.last_keyboard()
        matches = [data for label, data in keyboard.items() if label_part in label]
        assert matches, f"no button with {label_part!r} in {list(keyboard)}"
        await self.feed(callback_update(USER, matches[0], message_id=1))


def flood(fake: FakeBotApi, *, seconds: int) -> None:
    """The next sendMessage gets Telegram's 429 with retry_after."""
    fake.fail_next(
        "sendMessage",
        status=429,
        body={
            "ok": False,
            "error_code": 429,
            "description": f"Too Many Requests: retry after {seconds}",
            "parameters": {"retry_after": seconds},
        },
    )


def settings_for(tmp_path: Path, fake: FakeBotApi) -> Settings:
    return Settings(
        telegram_token=TOKEN,
        telegram_api_url=fake.base_url,
        data_dir=tmp_path,
        secret_key=__import__("base64").urlsafe_b64encode(TEST_SECRET).decode(),
        strict_i18n=True,
    )


async def make_harness(tmp_path: Path, fake: FakeBotApi) -> Harness:
    core = build_core(settings_for(tmp_path, fake))
    await upgrade(core.db)
    bot = Bot(TOKEN, session=AiohttpSession(api=TelegramAPIServer.from_base(fake.base_url)))
    sender = OutboxSender(core.db, bot, rate=None)
    return Harness(fake, core, bot, build_dispatcher(core, sender), sender)


async def close(h: Harness) -> None:
    await h.bot.session.close()
    await h.core.db.dispose()


@pytest.fixture
async def fake() -> AsyncIterator[FakeBotApi]:
    async with FakeBotApi(global_rate=None, per_chat_rate=None) as server:
        yield server


@pytest.fixture
async def h(tmp_path: Path, fake: FakeBotApi) -> AsyncIterator[Harness]:
    harness = await make_harness(tmp_path, fake)
    yield harness
    await close(harness)


async def test_start_greets_and_preselects_telegram_language(h: Harness) -> None:
    await h.feed(message_update(USER, "/start", language_code="lv"))
    assert len(h.texts()) == 1  # greeting and picker arrive as one message
    assert "Lastivka" in h.texts()[0]
    keyboard = list(h.last_keyboard())
    assert keyboard[0] == "✓ Latviešu"
    assert set(keyboard[1:-1]) == {"Українська", "Русский", "English"}
    assert keyboard[-1] == "✖ Iziet"  # the quick exit, even before a language is chosen


async def test_language_choice_leads_to_localized_menu(h: Harness) -> None:
    await h.feed(message_update(USER, "/start", language_code="uk"))
    await h.press("Українська")
    assert "Головне меню" in h.texts()[-1]
    assert len(h.last_keyboard()) == 9  # eight entries and the quick exit


@pytest.mark.parametrize(
    "update",
    [
        sticker_update(USER),
        voice_update(USER),
        message_update(USER, "/frobnicate"),
        message_update(USER, "<b>bold</b> & <script>alert(1)</script>"),
        message_update(USER, "ї" * 5000),
    ],
    ids=["sticker", "voice", "unknown-command", "html", "long-text"],
)
async def test_unexpected_input_gets_a_localized_hint_and_the_step(
    h: Harness, update: dict[str, Any]
) -> None:
    await h.feed(message_update(USER, "/start"))
    await h.press("Українська")
    before = len(h.texts())
    await h.feed(update)
    assert len(h.texts()) == before + 1
    reply = h.texts()[-1]
    assert "Головне меню" in reply
    assert reply.split("\n")[0] != "Головне меню"  # a hint comes first


@pytest.mark.parametrize(
    "data",
    ["x" * 64, "s:zzzzzz:offer", "g:<script>", "s:000000:offer", "", "s:abc"],
)
async def test_forged_or_stale_buttons_answer_expired_and_show_the_step(
    h: Harness, data: str
) -> None:
    await h.feed(message_update(USER, "/start"))
    await h.press("Українська")
    await h.feed(callback_update(USER, data, message_id=1))
    assert "кнопка вже не діє" in h.texts()[-1]
    assert "Головне меню" in h.texts()[-1]
    assert h.fake.calls_to("answerCallbackQuery")


async def test_redelivered_update_changes_nothing_and_sends_nothing(h: Harness) -> None:
    await h.feed(message_update(USER, "/start"))
    update_id = await h.feed(callback_update(USER, "g:lang_uk", message_id=1))
    sent = len(h.fake.calls_to("sendMessage"))
    for _ in range(3):
        await h.feed(callback_update(USER, "g:lang_ru", message_id=1), update_id=update_id)
    assert len(h.fake.calls_to("sendMessage")) == sent
    subject = h.core.keyring.pseudonym("tg", USER)
    conv = await h.core.db.run(lambda s: repo.load_conversation(s, subject))
    assert conv is not None
    assert conv.locale == "uk"


async def test_restart_mid_dialog_continues_where_the_person_was(
    tmp_path: Path, fake: FakeBotApi
) -> None:
    first = await make_harness(tmp_path, fake)
    await first.feed(message_update(USER, "/start"))
    await first.press("Українська")
    await first.press("Перевірити")
    keyboard = first.last_keyboard()
    next_id = first.next_id
    await close(first)

    second = await make_harness(tmp_path, fake)
    second.next_id = next_id
    offer = next(data for label, data in keyboard.items() if "Пропозицію" in label)
    await second.feed(callback_update(USER, offer, message_id=1))
    assert "Для кого" in second.texts()[-1]
    await close(second)


async def test_one_persons_updates_are_processed_in_order(h: Harness) -> None:
    await h.feed(message_update(USER, "/start"))
    await h.feed(callback_update(USER, "g:lang_uk", message_id=1))
    base = h.next_id
    updates = []
    for i in range(20):
        update = message_update(USER, "/menu" if i % 2 else "/about")
        update["message"]["message_id"] = 20_000 + i
        updates.append(h.dispatcher.feed_raw_update(h.bot, {**update, "update_id": base + i}))
    await asyncio.gather(*updates)
    subject = h.core.keyring.pseudonym("tg", USER)
    rows = await h.core.db.run(
        lambda s: s.scalars(
            select(EventRow).where(EventRow.subject_id == subject).order_by(EventRow.id)
        )
    )
    ids = [r.update_id for r in rows][-20:]
    assert ids == sorted(ids) == list(range(base, base + 20))


async def test_a_failing_update_is_given_up_with_an_apology_and_the_chat_goes_on(
    h: Harness, monkeypatch: pytest.MonkeyPatch
) -> None:
    await h.feed(message_update(USER, "/start"))
    await h.press("Українська")
    original = h.core.service.handle
    calls = 0

    async def broken(*args: Any, **kwargs: Any) -> Any:
        nonlocal calls
        calls += 1
        raise RuntimeError("secret words of a person")

    monkeypatch.setattr(h.core.service, "handle", broken)
    poison = await h.feed(message_update(USER, "/menu"))
    assert calls == 3
    assert "спробуйте ще раз" in h.texts()[-1]
    assert await h.core.db.run(lambda s: inbox.inbox_status(s, poison)) == "dead"
    monkeypatch.setattr(h.core.service, "handle", original)
    await h.feed(message_update(USER, "/menu"))
    assert "Головне меню" in h.texts()[-1]


async def test_rate_limited_reply_is_kept_and_sent_after_retry_after(h: Harness) -> None:
    flood(h.fake, seconds=5)
    await h.feed(message_update(USER, "/start"))
    assert h.texts() == []
    rows = await h.core.db.run(lambda s: repo.outbox_rows(s, limit=10))
    assert len(rows) == 1
    assert rows[0].attempts == 1
    assert await h.sender.drain_once() is False  # not before retry_after
    later = utcnow() + timedelta(seconds=6)
    h.sender.clock = lambda: later
    assert await h.sender.drain_once() is True
    assert len(h.texts()) == 1
    assert await h.core.db.run(lambda s: repo.outbox_rows(s, limit=10)) == []


async def test_blocked_person_does_not_jam_the_outbox(h: Harness) -> None:
    h.fake.block_chat(USER)
    await h.feed(message_update(USER, "/start"))
    await h.sender.flush_sent()
    assert await h.core.db.run(lambda s: repo.outbox_rows(s, limit=10)) == []


def test_every_button_of_every_step_fits_in_callback_data() -> None:
    engine = Engine(FLOWS)
    for flow in FLOWS:
        for step in flow.steps:
            reply = engine.render(Conversation(flow.name, flow.version, step.name, {}, "uk"))
            for row in reply.buttons:
                for button in row:
                    data = encode_choice(Choice(button.value, button.token))
                    assert len(data.encode()) <= 64
                    assert decode_choice(data) == Choice(button.value, button.token)


CANARY_TEXT = "Kanarka-Oksana-shchodennyk"
CANARY_NAME = "Zhuzhelytsia"
CANARY_USERNAME = "kanarka_user_77"
CANARY_PHONE = "+380501234567"
CANARY_ID = 7_123_456_789


async def test_no_canary_reaches_logs_or_the_database_files(
    tmp_path: Path, fake: FakeBotApi
) -> None:
    stream = io.StringIO()
    handler = configure_logging("DEBUG", stream)
    try:
        harness = await make_harness(tmp_path, fake)
        user = CANARY_ID

        def msg(text: str) -> dict[str, Any]:
            return message_update(
                user, text, language_code="uk", first_name=CANARY_NAME, username=CANARY_USERNAME
            )

        await harness.feed(msg("/start"))
        await harness.feed(callback_update(user, "g:lang_uk", message_id=1))
        await harness.feed(msg(f"{CANARY_TEXT} {CANARY_PHONE}"))
        await harness.feed(msg("/" + CANARY_TEXT.lower()))
        contact = msg("x")
        del contact["message"]["text"]
        contact["message"]["contact"] = {"phone_number": CANARY_PHONE, "first_name": CANARY_NAME}
        await harness.feed(contact)
        await harness.feed(callback_update(user, f"s:{CANARY_TEXT[:6]}", message_id=1))
        # a job ad pasted in the menu, and a note in a help request: read, never kept in clear
        await harness.feed(msg(f"Робота, {CANARY_TEXT}, оплата 300 євро до виїзду, {CANARY_PHONE}"))

        async def tap(value: str) -> None:
            sends = [c for c in fake.calls_to("sendMessage") if c.params["chat_id"] == user]
            rows = sends[-1].params["reply_markup"]["inline_keyboard"]
            data = next(
                b["callback_data"]
                for row in rows
                for b in row
                if decode_choice(b["callback_data"]).value == value
            )
            await harness.feed(callback_update(user, data, message_id=1))

        await harness.feed(msg("/menu"))
        for value in ("help", "self", "exploitation", "c_ua", "soon", "wait"):
            await tap(value)
        await harness.feed(msg(f"{CANARY_TEXT} {CANARY_NAME} {CANARY_PHONE}"))
        await tap("yes")
        requests = await harness.core.db.run(
            lambda s: s.execute(text("SELECT count(*) FROM case_requests"))
        )
        assert requests.scalar_one() == 1  # the path really reached the consent
        await close(harness)
    finally:
        logging.getLogger().removeHandler(handler)
    logs = stream.getvalue()
    assert "update" in logs.lower()  # DEBUG logging really ran
    canaries = [CANARY_TEXT, CANARY_NAME, CANARY_USERNAME, CANARY_PHONE, str(CANARY_ID)]
    for canary in canaries:
        assert canary not in logs, canary
    raw = b"".join(p.read_bytes() for p in sorted(tmp_path.glob("lastivka.db*")))  # noqa: ASYNC240
    assert raw, "the database files exist"
    for canary in canaries:
        assert canary.encode() not in raw, canary
        assert canary.lower().encode() not in raw.lower(), canary


async def test_processed_updates_keep_no_payload(h: Harness) -> None:
    await h.feed(message_update(USER, "/start"))
    rows = await h.core.db.run(lambda s: s.scalars(select(InboxRow)))
    assert [(r.status, r.payload) for r in rows] == [("done", None)]
    await h.sender.flush_sent()
    async with h.core.db.engine.connect() as connection:
        count = (await connection.execute(text("SELECT count(*) FROM outbox"))).scalar_one()
    assert count == 0


@pytest.mark.postgres
async def test_dialog_and_redelivery_on_postgresql(tmp_path: Path, fake: FakeBotApi) -> None:
    from tests.conftest import PG_URL, _reset_postgres, require_postgres

    require_postgres()
    core_settings = settings_for(tmp_path, fake).model_copy(update={"database_url": PG_URL})
    core = build_core(core_settings)
    await _reset_postgres(core.db)
    await upgrade(core.db)
    bot = Bot(TOKEN, session=AiohttpSession(api=TelegramAPIServer.from_base(fake.base_url)))
    sender = OutboxSender(core.db, bot, rate=None)
    harness = Harness(fake, core, bot, build_dispatcher(core, sender), sender)
    try:
        await harness.feed(message_update(USER, "/start"))
        update_id = await harness.feed(callback_update(USER, "g:lang_lv", message_id=1))
        await harness.press("lūgt palīdzību")
        assert "Lūgt palīdzību" in harness.texts()[-1]
        sent = len(harness.texts())
        await harness.feed(callback_update(USER, "g:lang_ru", message_id=1), update_id=update_id)
        assert len(harness.texts()) == sent
        subject = core.keyring.pseudonym("tg", USER)
        conv = await core.db.run(lambda s: repo.load_conversation(s, subject))
        assert conv is not None
        assert (conv.flow, conv.locale) == ("help_request", "lv")
    finally:
        await close(harness)


async def test_replies_keep_their_order_while_one_waits_for_a_retry(h: Harness) -> None:
    await h.feed(message_update(USER, "/start"))
    await h.press("Українська")
    flood(h.fake, seconds=3)
    before = len(h.texts())
    await h.feed(message_update(USER, "/about"))
    await h.feed(message_update(USER, "/help"))
    assert len(h.texts()) == before, "the second reply must not overtake the first"
    later = utcnow() + timedelta(seconds=4)
    h.sender.clock = lambda: later
    await h.sender.drain_once()
    texts = h.texts()[before:]
    assert len(texts) == 2
    assert "Про Ластівку" in texts[0]
    assert "/menu" in texts[1]


async def press_value(h: Harness, value: str) -> None:
    """Tap the button that sends ``value`` on the last message (labels differ per locale)."""
    for data in h.last_keyboard().values():
        if decode_choice(data).value == value:
            await h.feed(callback_update(USER, data, message_id=1))
            return
    raise AssertionError(f"no button for {value!r}")


FULL_AD = (
    "Praca w Polsce na magazynie, 4500 euro miesięcznie, bez doświadczenia. "
    "За оформлення документів треба заплатити 300 євро до виїзду, паспорт залишаєте "
    "у роботодавця. Пишіть тільки в Telegram."
)


@pytest.mark.parametrize("locale", ["uk", "ru", "lv", "en"])
async def test_one_full_screening_per_locale_through_the_bot_api(h: Harness, locale: str) -> None:
    await h.feed(message_update(USER, "/start", language_code=locale))
    await press_value(h, f"lang_{locale}")
    for value in ("screening", "offer", "self", "age_18_25", "c_pl"):
        await press_value(h, value)
    await h.feed(message_update(USER, FULL_AD, language_code=locale))
    found = [c for c in h.fake.calls_to("sendMessage") if c.ok][-1]
    assert "«" in found.params["text"] or "“" in found.params["text"] or "„" in found.params["text"]
    assert found.params.get("protect_content") is True
    answered = 0
    while any(decode_choice(d).value == "unsure" for d in h.last_keyboard().values()):
        await press_value(h, "unsure")
        answered += 1
    assert 1 <= answered <= 12
    result = [c for c in h.fake.calls_to("sendMessage") if c.ok][-1]
    assert result.params.get("protect_content") is True
    assert "112" in result.params["text"]
    await press_value(h, "person")
    await press_value(h, "yes")
    codes = await h.core.db.run(
        lambda s: s.execute(text("SELECT code, priority, reason FROM case_requests"))
    )
    rows = list(codes)
    assert len(rows) == 1
    assert rows[0].reason == "screening"
    assert rows[0].priority >= 2
    assert rows[0].code in h.texts()[-1]


async def test_a_forwarded_ad_keeps_only_the_kind_of_origin(h: Harness) -> None:
    await h.feed(message_update(USER, "/start", language_code="uk"))
    await press_value(h, "lang_uk")
    origin = {
        "type": "channel",
        "chat": {"id": -1001234567890, "type": "channel", "title": "Vakansii-Kanarka"},
        "message_id": 77,
        "date": 1_700_000_000,
    }
    forwarded = message_update(USER, FULL_AD, extra={"forward_origin": origin})
    await h.feed(forwarded)
    found = [c for c in h.fake.calls_to("sendMessage") if c.ok][-2:]
    assert any("«" in c.params["text"] for c in found)
    subject = next(
        iter(await h.core.db.run(lambda s: s.execute(text("SELECT subject_id FROM conversations"))))
    ).subject_id
    conversation = await h.core.db.run(lambda s: repo.load_conversation(s, subject))
    assert conversation is not None
    assert conversation.flow == "risk_screening"
    assert conversation.answers["ad_origin"] == "channel"
    stored = repr(dict(conversation.answers))
    assert "Kanarka" not in stored
    assert "1234567890" not in stored
    # a screenshot of an ad with its text as the caption is read like text
    await h.feed(message_update(USER, "/menu"))
    photo = message_update(
        USER,
        None,
        extra={
            "photo": [{"file_id": "p", "file_unique_id": "u", "width": 9, "height": 9}],
            "caption": FULL_AD,
        },
    )
    await h.feed(photo)
    sent = [c for c in h.fake.calls_to("sendMessage") if c.ok][-1]
    assert "«" in sent.params["text"]


async def test_human_from_any_screen_with_consent_and_one_open_case(h: Harness) -> None:
    await h.feed(message_update(USER, "/start", language_code="en"))
    await press_value(h, "lang_en")
    await press_value(h, "migration")
    await h.feed(message_update(USER, "/human"))
    assert "Talk to a consultant" in h.texts()[-1]
    await press_value(h, "yes")
    first = h.texts()[-1]
    rows = list(
        await h.core.db.run(lambda s: s.execute(text("SELECT code, reason FROM case_requests")))
    )
    assert len(rows) == 1
    assert rows[0].reason == "human"
    assert rows[0].code in first
    # asking again while the case is open: the same case, and the usual wait
    await h.feed(message_update(USER, "/human"))
    await press_value(h, "yes")
    again = h.texts()[-1]
    assert rows[0].code in again
    assert "already with the hotline team" in again
    assert "240 minutes" in again  # normal priority: LASTIVKA_OPERATOR_SLA's 4 h
    count = await h.core.db.run(lambda s: s.execute(text("SELECT count(*) FROM case_requests")))
    assert count.scalar_one() == 1


async def test_mydata_says_what_is_kept_in_the_persons_language(h: Harness) -> None:
    await h.feed(message_update(USER, "/start", language_code="lv"))
    await press_value(h, "lang_lv")
    await h.feed(message_update(USER, "/human"))
    await press_value(h, "yes")
    await h.feed(message_update(USER, "/mydata"))
    kept = [c for c in h.fake.calls_to("sendMessage") if c.ok][-1]
    text_ = kept.params["text"]
    assert "Ko Lastivka glabā par jums" in text_
    assert "gaida konsultantu" in text_
    assert kept.params["protect_content"] is True
    assert str(USER) not in text_
    rows = await h.core.db.run(lambda s: s.execute(text("SELECT code FROM case_requests")))
    code = next(iter(rows)).code
    assert code in text_
