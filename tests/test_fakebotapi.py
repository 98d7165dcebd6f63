"""Tests of the Bot API test double (tests/fakes.py): it must accept what Telegram accepts and
refuse what Telegram refuses, so the bot's own tests can trust it.

Most tests drive the fake through a real aiogram ``Bot``; raw aiohttp is used where aiogram
would not send the malformed request under test.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import re
import sys
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from aiogram import Bot, Dispatcher
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.exceptions import (
    ClientDecodeError,
    TelegramBadRequest,
    TelegramConflictError,
    TelegramForbiddenError,
    TelegramRetryAfter,
    TelegramServerError,
    TelegramUnauthorizedError,
)
from aiogram.types import (
    BotCommand,
    BufferedInputFile,
    ChatMemberAdministrator,
    ChatMemberLeft,
    ChatMemberMember,
    ChatMemberOwner,
    ForumTopic,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    InputMediaPhoto,
    KeyboardButton,
    Message,
    ReplyKeyboardMarkup,
    ReplyKeyboardRemove,
    ReplyParameters,
)

from tests.fakes import (
    GENERAL_TOPIC_ID,
    FakeBotApi,
    callback_update,
    group_callback_update,
    group_message_update,
    media_update,
    message_update,
    parse_html,
    parse_markdown_v2,
    photo_update,
    sticker_update,
    utf16_len,
    voice_update,
)

__all__: list[str] = []

TOKEN = "123456:TEST-TOKEN"
PROJECT_ROOT = Path(__file__).resolve().parents[1]


class ManualClock:
    """A clock the test moves by hand, so rate-limit tests never depend on wall time."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


class PlainHttpSession(AiohttpSession):
    """aiogram's session, minus the 250 ms pause on close.

    aiogram waits after closing so SSL transports can shut down; the fake speaks plain HTTP, and
    that pause per test would make this file several times slower.
    """

    async def close(self) -> None:
        if self._session is not None and not self._session.closed:
            await self._session.close()


def make_bot(base_url: str, token: str = TOKEN) -> Bot:
    session = PlainHttpSession(api=TelegramAPIServer.from_base(base_url))
    return Bot(token, session=session)


@contextlib.asynccontextmanager
async def running_bot(fake: FakeBotApi, token: str = TOKEN) -> AsyncIterator[Bot]:
    bot = make_bot(fake.base_url, token)
    try:
        yield bot
    finally:
        await bot.session.close()


@pytest.fixture
async def fake() -> AsyncIterator[FakeBotApi]:
    async with FakeBotApi() as api:
        yield api


@pytest.fixture
async def bot(fake: FakeBotApi) -> AsyncIterator[Bot]:
    async with running_bot(fake) as client:
        yield client


async def raw_call(
    fake: FakeBotApi,
    method: str,
    *,
    form: dict[str, str] | None = None,
    json_body: dict[str, Any] | None = None,
    query: dict[str, str] | None = None,
) -> tuple[int, dict[str, Any]]:
    url = f"{fake.base_url}/bot{TOKEN}/{method}"
    async with (
        aiohttp.ClientSession() as http,
        http.post(url, data=form, json=json_body, params=query) as response,
    ):
        body = await response.json()
        return response.status, body


# ---- basic answers ---------------------------------------------------------------------------


async def test_send_message_returns_a_message_aiogram_parses(fake: FakeBotApi, bot: Bot) -> None:
    me = await bot.get_me()
    assert me.is_bot
    assert me.username == "lastivka_test_bot"

    first = await bot.send_message(42, "Привіт")
    second = await bot.send_message(42, "ще раз")
    other_chat = await bot.send_message(43, "hi")

    assert isinstance(first, Message)
    assert (first.message_id, second.message_id, other_chat.message_id) == (1, 2, 1)
    assert first.chat.id == 42
    assert first.chat.type == "private"
    assert first.from_user is not None
    assert first.from_user.id == me.id
    assert first.text == "Привіт"
    assert fake.sent_texts(42) == ["Привіт", "ще раз"]
    call = fake.calls_to("sendmessage")[0]
    assert call.method == "sendMessage"
    assert call.params == {"chat_id": 42, "text": "Привіт"}
    assert call.status == 200


async def test_html_entities_come_back_with_utf16_offsets(bot: Bot) -> None:
    sent = await bot.send_message(
        5, '<b>Привіт</b> 😀 <i>x</i> <a href="https://example.org">link</a>', parse_mode="HTML"
    )
    assert sent.text == "Привіт 😀 x link"
    assert sent.entities is not None
    spans = [(e.type, e.offset, e.length) for e in sent.entities]
    assert spans == [("bold", 0, 6), ("italic", 10, 1), ("text_link", 12, 4)]
    assert sent.entities[2].url == "https://example.org"


async def test_unknown_method_is_404(fake: FakeBotApi) -> None:
    status, body = await raw_call(fake, "sendMesage", form={"chat_id": "1", "text": "x"})
    assert status == 404
    assert body == {"ok": False, "error_code": 404, "description": "Not Found"}


async def test_method_names_are_case_insensitive(fake: FakeBotApi) -> None:
    status, body = await raw_call(fake, "SENDMESSAGE", form={"chat_id": "1", "text": "x"})
    assert status == 200
    assert body["result"]["text"] == "x"
    assert fake.calls[-1].method == "sendMessage"


async def test_unknown_parameter_is_refused(fake: FakeBotApi) -> None:
    status, body = await raw_call(fake, "sendMessage", form={"chat_id": "1", "txt": "x"})
    assert status == 400
    assert body["description"] == 'Bad Request: unknown parameter "txt"'


async def test_missing_required_parameter_is_refused(fake: FakeBotApi) -> None:
    status, body = await raw_call(fake, "sendMessage", form={"text": "x"})
    assert status == 400
    assert body["description"] == 'Bad Request: parameter "chat_id" is required'


async def test_parameter_types_are_checked(fake: FakeBotApi) -> None:
    status, body = await raw_call(
        fake, "deleteMessage", form={"chat_id": "1", "message_id": "first"}
    )
    assert status == 400
    assert body["description"] == (
        'Bad Request: parameter "message_id" must be of type Integer, got a string'
    )
    status, body = await raw_call(
        fake, "sendMessage", form={"chat_id": "1", "text": "x", "disable_notification": "yes"}
    )
    assert status == 400
    assert "disable_notification" in body["description"]
    status, body = await raw_call(
        fake, "sendMessage", form={"chat_id": "1", "text": "x", "reply_markup": "{not json"}
    )
    assert status == 400
    assert body["description"] == "Bad Request: can't parse reply keyboard markup JSON object"
    markup = {"inline_keyboard": [[{"text": "a", "callback_date": "x"}]]}
    status, body = await raw_call(
        fake, "sendMessage", json_body={"chat_id": 1, "text": "x", "reply_markup": markup}
    )
    assert status == 400
    assert 'inline_keyboard[0][0] has an unknown field "callback_date"' in body["description"]


async def test_json_urlencoded_and_query_string_bodies_are_accepted(fake: FakeBotApi) -> None:
    markup = {"inline_keyboard": [[{"text": "a", "callback_data": "x"}]]}
    status, body = await raw_call(
        fake, "sendMessage", json_body={"chat_id": 7, "text": "json", "reply_markup": markup}
    )
    assert status == 200
    assert body["result"]["reply_markup"] == markup
    status, _ = await raw_call(fake, "sendMessage", form={"chat_id": "7", "text": "form"})
    assert status == 200
    status, _ = await raw_call(fake, "sendMessage", query={"chat_id": "7", "text": "query"})
    assert status == 200
    assert fake.sent_texts(7) == ["json", "form", "query"]
    assert fake.calls[0].params["reply_markup"] == markup


async def test_token_is_checked_when_configured() -> None:
    async with FakeBotApi(token=TOKEN) as api:
        async with running_bot(api) as good:
            assert (await good.get_me()).id == 123456
        async with running_bot(api, "999:OTHER") as wrong:
            with pytest.raises(TelegramUnauthorizedError, match="Unauthorized"):
                await wrong.get_me()


# ---- texts -----------------------------------------------------------------------------------


async def test_text_limit_is_4096_utf16_units(bot: Bot) -> None:
    await bot.send_message(1, "я" * 4096)
    with pytest.raises(TelegramBadRequest, match="message is too long"):
        await bot.send_message(1, "я" * 4097)
    # An emoji outside the BMP is two UTF-16 code units, as Telegram counts it.
    await bot.send_message(1, "😀" * 2048)
    with pytest.raises(TelegramBadRequest, match="message is too long"):
        await bot.send_message(1, "😀" * 2048 + "a")


async def test_text_length_is_measured_after_html_parsing(bot: Bot) -> None:
    sent = await bot.send_message(1, "<b>" + "x" * 4096 + "</b>", parse_mode="HTML")
    assert sent.text == "x" * 4096
    await bot.send_message(1, "&lt;" * 4096, parse_mode="HTML")
    with pytest.raises(TelegramBadRequest, match="message is too long"):
        await bot.send_message(1, "<i>" + "x" * 4097 + "</i>", parse_mode="HTML")


async def test_empty_text_is_refused(fake: FakeBotApi, bot: Bot) -> None:
    with pytest.raises(TelegramBadRequest, match="message text is empty"):
        await bot.send_message(1, "   ")
    with pytest.raises(TelegramBadRequest, match="message text is empty"):
        await bot.send_message(1, "<b></b>", parse_mode="HTML")
    # aiogram leaves an empty string out of the request; Telegram's answer is the same.
    with pytest.raises(TelegramBadRequest, match="message text is empty"):
        await bot.send_message(1, "")


async def test_caption_limit_is_1024(bot: Bot) -> None:
    photo = BufferedInputFile(b"\x89PNG fake", filename="p.png")
    sent = await bot.send_photo(1, photo, caption="c" * 1024)
    assert sent.photo
    assert sent.caption == "c" * 1024
    with pytest.raises(TelegramBadRequest, match="message caption is too long"):
        await bot.send_photo(1, "AgACAgIAAxkBAAE", caption="c" * 1025)


@pytest.mark.parametrize(
    ("text", "detail"),
    [
        ("<b>x", 'Can\'t find end tag corresponding to start tag "b"'),
        ("a < b", 'Unsupported start tag "" at byte offset 2'),
        ("<foo>x</foo>", 'Unsupported start tag "foo" at byte offset 0'),
        ("<b>x</i>", 'Unmatched end tag at byte offset 4, expected "</b>", found "</i>"'),
        ("x</b>", "Unexpected end tag at byte offset 1"),
        ("AT&T", 'Unescaped "&" at byte offset 2'),
        ('<span class="x">s</span>', 'Tag "span" must have class "tg-spoiler"'),
        ("<a>x</a>", 'Tag "a" must have a non-empty attribute "href"'),
        ("Привіт <b", "Unclosed start tag at byte offset 13"),
    ],
)
async def test_malformed_html_is_refused(bot: Bot, text: str, detail: str) -> None:
    with pytest.raises(TelegramBadRequest, match="can't parse entities") as caught:
        await bot.send_message(1, text, parse_mode="HTML")
    assert detail in caught.value.message


async def test_escaped_and_supported_html_is_accepted(bot: Bot) -> None:
    sent = await bot.send_message(
        1, "&lt;b&gt; &amp; &quot;q&quot; &#1071; &#x44F;", parse_mode="HTML"
    )
    assert sent.text == '<b> & "q" Я я'
    rich = (
        "<strong>b</strong><em>i</em><ins>u</ins><del>s</del>"
        '<span class="tg-spoiler">sp</span><tg-spoiler>sp</tg-spoiler>'
        '<pre><code class="language-python">print(1)</code></pre>'
        "<blockquote expandable>quote</blockquote>"
        '<tg-emoji emoji-id="5368324170671202286">👍</tg-emoji>'
    )
    sent = await bot.send_message(1, rich, parse_mode="HTML")
    assert sent.entities is not None
    types = [e.type for e in sent.entities]
    assert types == [
        "bold",
        "italic",
        "underline",
        "strikethrough",
        "spoiler",
        "spoiler",
        "pre",
        "expandable_blockquote",
        "custom_emoji",
    ]
    assert sent.entities[6].language == "python"


def test_parse_html_directly() -> None:
    text, entities = parse_html("<b>a<i>b</i></b>")
    assert text == "ab"
    assert entities == [
        {"type": "bold", "offset": 0, "length": 2},
        {"type": "italic", "offset": 1, "length": 1},
    ]
    assert parse_html("AT&T", strict_ampersand=False) == ("AT&T", [])
    assert utf16_len("😀a") == 3


async def test_markdown_v2_is_checked(bot: Bot) -> None:
    sent = await bot.send_message(1, r"*bold* _it_ \. [l](https://e.org)", parse_mode="MarkdownV2")
    assert sent.text == "bold it . l"
    with pytest.raises(TelegramBadRequest, match=r"Character '\.' is reserved"):
        await bot.send_message(1, "Hello.", parse_mode="MarkdownV2")
    with pytest.raises(TelegramBadRequest, match="Can't find end of Bold entity"):
        await bot.send_message(1, "*bold", parse_mode="MarkdownV2")
    assert parse_markdown_v2("`a*b`") == ("a*b", [{"type": "code", "offset": 0, "length": 3}])


# ---- keyboards -------------------------------------------------------------------------------


def one_button(**fields: Any) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(inline_keyboard=[[InlineKeyboardButton(**fields)]])


async def test_callback_data_is_1_to_64_bytes(bot: Bot) -> None:
    await bot.send_message(1, "ok", reply_markup=one_button(text="a", callback_data="x" * 64))
    # Cyrillic letters are two bytes in UTF-8: 32 letters fill the 64 bytes.
    await bot.send_message(1, "ok", reply_markup=one_button(text="a", callback_data="я" * 32))
    for data in ("x" * 65, "я" * 32 + "x", ""):
        with pytest.raises(TelegramBadRequest, match="BUTTON_DATA_INVALID"):
            await bot.send_message(1, "no", reply_markup=one_button(text="a", callback_data=data))


async def test_inline_buttons_need_exactly_one_action(bot: Bot) -> None:
    with pytest.raises(TelegramBadRequest, match="Text buttons are unallowed"):
        await bot.send_message(1, "no", reply_markup=one_button(text="a"))
    with pytest.raises(TelegramBadRequest, match="exactly one of the optional fields"):
        await bot.send_message(
            1, "no", reply_markup=one_button(text="a", callback_data="x", url="https://e.org")
        )
    with pytest.raises(TelegramBadRequest, match="Text must be non-empty"):
        await bot.send_message(1, "no", reply_markup=one_button(text=" ", callback_data="x"))
    await bot.send_message(1, "ok", reply_markup=one_button(text="a", url="https://e.org/x"))


async def test_reply_keyboards_are_checked(fake: FakeBotApi, bot: Bot) -> None:
    keyboard = ReplyKeyboardMarkup(keyboard=[[KeyboardButton(text="Так")]], resize_keyboard=True)
    sent = await bot.send_message(1, "ok", reply_markup=keyboard)
    assert sent.reply_markup is None  # Telegram echoes only inline keyboards
    await bot.send_message(1, "ok", reply_markup=ReplyKeyboardRemove())
    status, body = await raw_call(
        fake,
        "sendMessage",
        form={"chat_id": "1", "text": "x", "reply_markup": json.dumps({"keyboard": [[]]})},
    )
    assert status == 400
    assert body["description"] == "Bad Request: keyboard must be non-empty"


# ---- chats -----------------------------------------------------------------------------------


async def test_blocked_and_unknown_chats(fake: FakeBotApi, bot: Bot) -> None:
    fake.block_chat(10)
    with pytest.raises(TelegramForbiddenError, match="bot was blocked by the user"):
        await bot.send_message(10, "hi")
    fake.forget_chat(11)
    with pytest.raises(TelegramBadRequest, match="chat not found"):
        await bot.send_message(11, "hi")
    status, body = await raw_call(fake, "sendMessage", form={"chat_id": "10", "text": "x"})
    assert (status, body["error_code"]) == (403, 403)
    assert body["description"] == "Forbidden: bot was blocked by the user"


async def test_chat_and_member_answers_parse(bot: Bot) -> None:
    chat = await bot.get_chat(5)
    assert (chat.id, chat.type) == (5, "private")
    group = await bot.get_chat(-1001234)
    assert group.type == "supergroup"
    member = await bot.get_chat_member(-1001234, 123456)
    assert isinstance(member, ChatMemberAdministrator)
    info = await bot.get_webhook_info()
    assert (info.url, info.pending_update_count) == ("", 0)
    assert await bot.send_chat_action(5, "typing")
    assert await bot.delete_webhook(drop_pending_updates=True)


# ---- edits and deletions ---------------------------------------------------------------------


async def test_edits_follow_telegram_rules(fake: FakeBotApi, bot: Bot) -> None:
    keyboard = one_button(text="a", callback_data="x")
    sent = await bot.send_message(3, "<b>one</b>", parse_mode="HTML", reply_markup=keyboard)
    with pytest.raises(TelegramBadRequest, match="message is not modified"):
        await bot.edit_message_text(
            "<b>one</b>",
            chat_id=3,
            message_id=sent.message_id,
            parse_mode="HTML",
            reply_markup=keyboard,
        )
    edited = await bot.edit_message_text("two", chat_id=3, message_id=sent.message_id)
    assert isinstance(edited, Message)
    assert edited.text == "two"
    assert edited.reply_markup is None  # an edit without reply_markup drops the keyboard
    assert fake.sent_texts(3) == ["one", "two"]
    assert fake.sent_texts(3, raw=True) == ["<b>one</b>", "two"]
    with pytest.raises(TelegramBadRequest, match="message to edit not found"):
        await bot.edit_message_text("x", chat_id=3, message_id=99)
    marked = await bot.edit_message_reply_markup(
        chat_id=3, message_id=sent.message_id, reply_markup=keyboard
    )
    assert isinstance(marked, Message)
    assert marked.reply_markup is not None
    assert marked.reply_markup.model_dump() == keyboard.model_dump()
    assert await bot.edit_message_text("inline", inline_message_id="abc")

    assert await bot.delete_message(3, sent.message_id)
    with pytest.raises(TelegramBadRequest, match="message to delete not found"):
        await bot.delete_message(3, sent.message_id)
    assert await bot.delete_messages(3, [1, 2, 3])


async def test_user_messages_share_the_chat_counter_and_cannot_be_edited(
    fake: FakeBotApi, bot: Bot
) -> None:
    fake.push_update(message_update(8, "hello"))
    fake.push_update(sticker_update(8))
    sent = await bot.send_message(8, "reply", reply_parameters=ReplyParameters(message_id=2))
    assert sent.message_id == 3
    assert sent.reply_to_message is not None
    assert sent.reply_to_message.sticker is not None
    with pytest.raises(TelegramBadRequest, match="message can't be edited"):
        await bot.edit_message_text("x", chat_id=8, message_id=1)
    with pytest.raises(TelegramBadRequest, match="message to be replied not found"):
        await bot.send_message(8, "reply", reply_parameters=ReplyParameters(message_id=77))
    copied = await bot.copy_message(9, from_chat_id=8, message_id=1)
    assert copied.message_id == 1
    assert fake.message(9, 1) is not None
    assert [m["message_id"] for m in fake.messages(8)] == [1, 2, 3]


async def test_callback_queries_are_answered_once(fake: FakeBotApi, bot: Bot) -> None:
    await bot.send_message(4, "pick", reply_markup=one_button(text="a", callback_data="pick:a"))
    fake.push_update(callback_update(4, "pick:a", message_id=1))
    [update] = await bot.get_updates()
    query = update.callback_query
    assert query is not None
    assert query.data == "pick:a"
    assert isinstance(query.message, Message)
    assert query.message.text == "pick"  # the stored message, as Telegram sends it
    with pytest.raises(TelegramBadRequest, match="MESSAGE_TOO_LONG"):
        await bot.answer_callback_query(query.id, text="x" * 201)
    assert await bot.answer_callback_query(query.id, text="x" * 200)
    with pytest.raises(TelegramBadRequest, match="query is too old"):
        await bot.answer_callback_query(query.id)
    with pytest.raises(TelegramBadRequest, match="query ID is invalid"):
        await bot.answer_callback_query("made-up")
    # A query built for a test that feeds the dispatcher directly is known without a push.
    direct = callback_update(4, "pick:a")["callback_query"]["id"]
    assert await bot.answer_callback_query(direct)


# ---- rate limits -----------------------------------------------------------------------------


async def test_global_rate_limit_answers_429() -> None:
    clock = ManualClock()
    async with FakeBotApi(clock=clock, per_chat_rate=None) as api, running_bot(api) as bot:
        for chat_id in range(1, 31):
            await bot.send_message(chat_id, "burst")
        with pytest.raises(TelegramRetryAfter) as caught:
            await bot.send_message(31, "one too many")
        assert caught.value.retry_after >= 1
        assert api.stats["429"] == 1
        assert api.calls[-1].description == "Too Many Requests: retry after 1"
        # Edits are not counted against the limit.
        await bot.edit_message_text("edited", chat_id=1, message_id=1)
        clock.now += 1.0
        await bot.send_message(31, "after the wait")


async def test_per_chat_and_group_limits() -> None:
    clock = ManualClock()
    async with FakeBotApi(clock=clock, global_rate=None) as api, running_bot(api) as bot:
        for _ in range(3):
            await bot.send_message(5, "burst of three")
        with pytest.raises(TelegramRetryAfter) as caught:
            await bot.send_message(5, "fourth")
        assert caught.value.retry_after == 1
        await bot.send_message(6, "another chat is fine")
        clock.now += 1.0
        await bot.send_message(5, "one more after a second")

        assert api.stats["429"] == 1

    async with (
        FakeBotApi(clock=clock, global_rate=None, per_chat_rate=None) as api,
        running_bot(api) as bot,
    ):
        for step in range(20):
            await bot.send_message(-1001, f"group {step}")
        await bot.send_message(5, "private chats have no per-minute limit")
        with pytest.raises(TelegramRetryAfter) as caught:
            await bot.send_message(-1001, "21st in a minute")
        assert caught.value.retry_after == 3  # one message per 3 s refills 20 per minute
        clock.now += 3.0
        await bot.send_message(-1001, "after the wait")


async def test_rate_limits_can_be_disabled() -> None:
    unlimited = FakeBotApi(global_rate=None, per_chat_rate=None, group_rate_per_minute=None)
    async with unlimited as api, running_bot(api) as bot:
        for _ in range(40):
            await bot.send_message(1, "x")
            await bot.send_message(-1001, "x")
        assert api.stats["429"] == 0
    # The former name of the option still works.
    assert FakeBotApi(group_per_minute=None).group_rate_per_minute is None


# ---- updates ---------------------------------------------------------------------------------


async def test_get_updates_confirms_by_offset(fake: FakeBotApi, bot: Bot) -> None:
    first = fake.push_update(message_update(1, "/start"))
    second = fake.push_update(voice_update(1))
    third = fake.push_update(photo_update(1, caption="фото"))
    assert (first, second, third) == (1, 2, 3)

    updates = await bot.get_updates()
    assert [u.update_id for u in updates] == [1, 2, 3]
    assert updates[0].message is not None
    assert updates[0].message.entities is not None
    assert updates[0].message.entities[0].type == "bot_command"
    assert fake.confirmed_update_ids == set()  # returning updates does not confirm them

    updates = await bot.get_updates(offset=2, limit=1)
    assert [u.update_id for u in updates] == [2]
    assert fake.confirmed_update_ids == {1}
    assert [u["update_id"] for u in fake.pending_updates()] == [2, 3]

    assert await bot.get_updates(offset=4) == []
    assert fake.confirmed_update_ids == {1, 2, 3}
    assert fake.pending_updates() == []
    assert fake.push_update(message_update(1, "later")) == 4


async def test_long_poll_wakes_up_on_push(fake: FakeBotApi, bot: Bot) -> None:
    poll = asyncio.create_task(bot.get_updates(offset=1, timeout=30))
    await fake.wait_for(lambda f: f.waiting_long_polls == 1, timeout=5)
    fake.push_update(message_update(2, "wake up"))
    async with asyncio.timeout(5):
        updates = await poll
    assert [u.message.text for u in updates if u.message] == ["wake up"]


async def test_long_poll_times_out_empty(fake: FakeBotApi, bot: Bot) -> None:
    async with asyncio.timeout(5):
        assert await bot.get_updates(timeout=1) == []


async def test_a_second_poller_terminates_the_first(fake: FakeBotApi, bot: Bot) -> None:
    first = asyncio.create_task(bot.get_updates(timeout=30))
    await fake.wait_for(lambda f: f.waiting_long_polls == 1, timeout=5)
    second = asyncio.create_task(bot.get_updates(timeout=30))
    with pytest.raises(TelegramConflictError, match="terminated by other getUpdates"):
        async with asyncio.timeout(5):
            await first
    fake.push_update(message_update(1, "to the survivor"))
    async with asyncio.timeout(5):
        assert len(await second) == 1


async def test_aiogram_polling_end_to_end(fake: FakeBotApi, bot: Bot) -> None:
    dispatcher = Dispatcher()

    @dispatcher.message()
    async def echo(message: Message) -> None:
        await message.answer(f"echo: {message.text}")

    polling = asyncio.create_task(dispatcher.start_polling(bot, handle_signals=False))
    try:
        fake.push_update(message_update(12, "ping"))
        await fake.wait_for(lambda f: f.sent_texts(12) == ["echo: ping"], timeout=5)
        # The dispatcher confirms the update with its next getUpdates.
        await fake.wait_for(lambda f: 1 in f.confirmed_update_ids, timeout=5)
    finally:
        await dispatcher.stop_polling()
        async with asyncio.timeout(5):
            await polling


# ---- fault injection and waiting -------------------------------------------------------------


async def test_fail_next_with_an_html_502(fake: FakeBotApi, bot: Bot) -> None:
    fake.fail_next("sendMessage", status=502, body="<html><h1>502 Bad Gateway</h1></html>")
    with pytest.raises(ClientDecodeError):
        await bot.send_message(1, "lost")
    sent = await bot.send_message(1, "delivered")
    assert sent.message_id == 1  # the failed call did not create a message
    assert [c.status for c in fake.calls] == [502, 200]


async def test_fail_next_with_json_errors(fake: FakeBotApi, bot: Bot) -> None:
    fake.fail_next(
        "sendMessage",
        status=429,
        body={
            "ok": False,
            "error_code": 429,
            "description": "Too Many Requests: retry after 7",
            "parameters": {"retry_after": 7},
        },
    )
    fake.fail_next(
        "getMe",
        status=500,
        body={"ok": False, "error_code": 500, "description": "Internal Server Error"},
        count=2,
    )
    with pytest.raises(TelegramRetryAfter) as caught:
        await bot.send_message(1, "x")
    assert caught.value.retry_after == 7
    for _ in range(2):
        with pytest.raises(TelegramServerError):
            await bot.get_me()
    assert (await bot.get_me()).is_bot
    with pytest.raises(ValueError, match="not a Bot API method"):
        fake.fail_next("sendMesage", status=500, body="x")


async def test_delay_next_holds_the_answer(fake: FakeBotApi, bot: Bot) -> None:
    fake.delay_next("sendMessage", 30)
    slow = asyncio.create_task(bot.send_message(1, "slow"))
    fast = await bot.get_me()  # other methods are not held
    assert fast.is_bot
    assert not slow.done()
    slow.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await slow


async def test_wait_for(fake: FakeBotApi, bot: Bot) -> None:
    async def later() -> None:
        await bot.send_message(7, "first")
        await bot.send_message(7, "second")

    task = asyncio.create_task(later())
    await fake.wait_for(lambda f: "second" in f.sent_texts(7), timeout=5)
    await task
    with pytest.raises(TimeoutError, match=r"wait_for\(never\).*sendMessage->200"):
        await fake.wait_for(lambda f: False, timeout=0.05, description="never")


# ---- bot settings ----------------------------------------------------------------------------


async def test_set_my_commands_is_validated(bot: Bot) -> None:
    commands = [
        BotCommand(command="start", description="Почати"),
        BotCommand(command="help_2", description="Допомога"),
    ]
    assert await bot.set_my_commands(commands, language_code="uk")
    stored = await bot.get_my_commands(language_code="uk")
    assert [c.command for c in stored] == ["start", "help_2"]
    assert await bot.get_my_commands() == []

    bad = [
        (BotCommand(command="Start", description="x"), "BOT_COMMAND_INVALID"),
        (BotCommand(command="/start", description="x"), "BOT_COMMAND_INVALID"),
        (BotCommand(command="c" * 33, description="x"), "BOT_COMMAND_INVALID"),
        (BotCommand(command="start", description=" "), "BOT_COMMAND_DESCRIPTION_INVALID"),
        (BotCommand(command="start", description="d" * 257), "BOT_COMMAND_DESCRIPTION_INVALID"),
    ]
    for command, error in bad:
        with pytest.raises(TelegramBadRequest, match=error):
            await bot.set_my_commands([command])
    too_many = [BotCommand(command=f"c{i}", description="x") for i in range(101)]
    with pytest.raises(TelegramBadRequest, match="BOT_COMMANDS_TOO_MUCH"):
        await bot.set_my_commands(too_many)


async def test_bot_texts_are_limited(bot: Bot) -> None:
    assert await bot.set_my_description("d" * 512)
    with pytest.raises(TelegramBadRequest, match="description is too long"):
        await bot.set_my_description("d" * 513)
    assert await bot.set_my_short_description("s" * 120, language_code="uk")
    assert (await bot.get_my_short_description("uk")).short_description == "s" * 120
    with pytest.raises(TelegramBadRequest, match="short description is too long"):
        await bot.set_my_short_description("s" * 121)
    assert await bot.set_my_name("Ластівка")
    assert (await bot.get_my_name()).name == "Ластівка"
    with pytest.raises(TelegramBadRequest, match="name is too long"):
        await bot.set_my_name("n" * 65)
    assert await bot.close()
    assert await bot.log_out()


# ---- forum groups: registration and members ---------------------------------------------------

FORUM = -1001234567890
OPERATOR = 501
PERSON = 77


def forum(fake: FakeBotApi, **options: Any) -> int:
    """Register the operators' forum; ``options`` go to add_forum_group."""
    fake.add_forum_group(FORUM, title="Hotline shift", **options)
    return FORUM


def without_flood_limits(fake: FakeBotApi) -> None:
    """For tests that send more than the limits allow and are not about them."""
    fake.global_rate = fake.per_chat_rate = fake.group_rate_per_minute = None


async def test_forum_group_members_and_rights(fake: FakeBotApi, bot: Bot) -> None:
    rights = {"can_manage_topics": True, "can_delete_messages": True, "can_pin_messages": True}
    chat = fake.add_forum_group(FORUM, title="Hotline shift", bot_rights=rights)
    assert chat == {"id": FORUM, "type": "supergroup", "title": "Hotline shift", "is_forum": True}
    fake.add_group_member(FORUM, 500, status="creator", first_name="Olena")
    fake.add_group_member(FORUM, OPERATOR, status="administrator", custom_title="operator")
    fake.add_group_member(FORUM, 502)
    fake.add_group_member(FORUM, 999, status="administrator", is_bot=True)

    info = await bot.get_chat(FORUM)
    assert (info.type, info.title, info.is_forum) == ("supergroup", "Hotline shift", True)
    me = await bot.get_chat_member(FORUM, fake.bot_id)
    assert isinstance(me, ChatMemberAdministrator)
    assert (me.can_manage_topics, me.can_delete_messages, me.can_pin_messages) == (True,) * 3
    # Rights the test did not name are off, except can_manage_chat, which every admin has.
    assert (me.can_restrict_members, me.can_invite_users, me.can_manage_chat) == (
        False,
        False,
        True,
    )
    assert me.can_post_messages is None  # channel-only rights are not in a supergroup's answer
    owner = await bot.get_chat_member(FORUM, 500)
    assert isinstance(owner, ChatMemberOwner)
    assert owner.user.first_name == "Olena"
    operator = await bot.get_chat_member(FORUM, OPERATOR)
    assert isinstance(operator, ChatMemberAdministrator)
    assert operator.custom_title == "operator"
    assert operator.can_manage_topics  # default rights of an administrator
    assert isinstance(await bot.get_chat_member(FORUM, 502), ChatMemberMember)
    assert isinstance(await bot.get_chat_member(FORUM, 12345), ChatMemberLeft)

    admins = await bot.get_chat_administrators(FORUM)
    assert [a.user.id for a in admins] == [500, fake.bot_id, OPERATOR]  # other bots omitted
    with_bots = await bot.get_chat_administrators(FORUM, return_bots=True)
    assert [a.user.id for a in with_bots] == [500, fake.bot_id, OPERATOR, 999]
    with pytest.raises(TelegramBadRequest, match="no administrators in the private chat"):
        await bot.get_chat_administrators(5)

    # The bot's rights can change mid-test.
    fake.add_group_member(FORUM, fake.bot_id, status="administrator", rights={})
    demoted = await bot.get_chat_member(FORUM, fake.bot_id)
    assert isinstance(demoted, ChatMemberAdministrator)
    assert not demoted.can_manage_topics
    with pytest.raises(ValueError, match="can_manage_topic"):
        fake.add_forum_group(-1002, bot_rights={"can_manage_topic": True})
    with pytest.raises(ValueError, match="not registered"):
        fake.add_group_member(-1003, 1)
    with pytest.raises(ValueError, match="negative"):
        fake.add_forum_group(5)


async def test_a_bot_outside_the_group_cannot_send(fake: FakeBotApi, bot: Bot) -> None:
    fake.add_forum_group(-1001, bot_status="kicked")
    with pytest.raises(TelegramForbiddenError, match="bot was kicked from the supergroup chat"):
        await bot.send_message(-1001, "hi")
    fake.add_forum_group(-1002, bot_status="left")
    with pytest.raises(TelegramForbiddenError, match="bot is not a member of the supergroup"):
        await bot.send_message(-1002, "hi")


# ---- forum topics --------------------------------------------------------------------------------


async def test_create_forum_topic(fake: FakeBotApi, bot: Bot) -> None:
    chat_id = forum(fake)
    topic = await bot.create_forum_topic(chat_id, "  Case 17  ")
    assert isinstance(topic, ForumTopic)
    # Message 1 is the group's creation (and General's thread id); topics come after it.
    assert topic.message_thread_id > GENERAL_TOPIC_ID
    assert (topic.name, topic.icon_color) == ("Case 17", 7322096)
    second = await bot.create_forum_topic(chat_id, "Case 18", icon_color=16478047)
    assert second.icon_color == 16478047
    assert second.message_thread_id > topic.message_thread_id
    # As in Telegram, the thread id is the id of the topic's forum_topic_created message.
    created = fake.message(chat_id, topic.message_thread_id)
    assert created is not None
    assert created["forum_topic_created"] == {"name": "Case 17", "icon_color": 7322096}
    assert (created["message_thread_id"], created["is_topic_message"]) == (
        topic.message_thread_id,
        True,
    )
    assert [(t["name"], t["is_closed"], t["created_by"]) for t in fake.topics(chat_id)] == [
        ("Case 17", False, fake.bot_id),
        ("Case 18", False, fake.bot_id),
    ]
    assert fake.topic_messages(chat_id, topic.message_thread_id) == []  # service messages left out
    assert len(fake.topic_messages(chat_id, topic.message_thread_id, include_service=True)) == 1


async def test_create_forum_topic_refusals(fake: FakeBotApi, bot: Bot) -> None:
    fake.add_forum_group(-1001, is_forum=False)
    for not_a_forum in (-1001, -1009, 5):  # registered, made up on first use, private
        with pytest.raises(TelegramBadRequest, match="the chat is not a forum"):
            await bot.create_forum_topic(not_a_forum, "Case")
    fake.add_forum_group(-1002, bot_rights={"can_pin_messages": True})
    with pytest.raises(TelegramBadRequest, match="not enough rights to create a topic"):
        await bot.create_forum_topic(-1002, "Case")
    fake.add_forum_group(-1003, bot_status="member")
    with pytest.raises(TelegramBadRequest, match="not enough rights to create a topic"):
        await bot.create_forum_topic(-1003, "Case")

    chat_id = forum(fake)
    for empty in ("", "   "):  # aiogram leaves "" out of the request; the answer is the same
        with pytest.raises(TelegramBadRequest, match="name must be non-empty"):
            await bot.create_forum_topic(chat_id, empty)
    assert (await bot.create_forum_topic(chat_id, "я" * 128)).name == "я" * 128
    with pytest.raises(TelegramBadRequest, match="topic name is too long") as caught:
        await bot.create_forum_topic(chat_id, "я" * 129)
    assert "stricter" in caught.value.message
    with pytest.raises(TelegramBadRequest, match="invalid icon color"):
        await bot.create_forum_topic(chat_id, "Case", icon_color=0x123456)
    assert len(fake.topics(chat_id)) == 1


async def test_edit_close_reopen_forum_topic(fake: FakeBotApi, bot: Bot) -> None:
    chat_id = forum(fake)
    thread = (await bot.create_forum_topic(chat_id, "Case 17")).message_thread_id
    assert await bot.edit_forum_topic(chat_id, thread, name="Case 17: closed soon")
    assert fake.topics(chat_id)[0]["name"] == "Case 17: closed soon"
    with pytest.raises(TelegramBadRequest, match="TOPIC_NOT_MODIFIED"):
        await bot.edit_forum_topic(chat_id, thread, name="Case 17: closed soon")
    assert await bot.edit_forum_topic(chat_id, thread)  # nothing to change: no service message
    with pytest.raises(TelegramBadRequest, match="topic name is too long"):
        await bot.edit_forum_topic(chat_id, thread, name="n" * 129)

    assert await bot.close_forum_topic(chat_id, thread)
    assert fake.topic(chat_id, thread) == {
        "message_thread_id": thread,
        "name": "Case 17: closed soon",
        "icon_color": 7322096,
        "is_closed": True,
        "is_deleted": False,
        "created_by": fake.bot_id,
    }
    with pytest.raises(TelegramBadRequest, match="TOPIC_NOT_MODIFIED"):
        await bot.close_forum_topic(chat_id, thread)
    assert await bot.reopen_forum_topic(chat_id, thread)
    with pytest.raises(TelegramBadRequest, match="TOPIC_NOT_MODIFIED"):
        await bot.reopen_forum_topic(chat_id, thread)
    service = fake.topic_messages(chat_id, thread, include_service=True)
    assert [next(k for k in m if k.startswith("forum_topic")) for m in service] == [
        "forum_topic_created",
        "forum_topic_edited",
        "forum_topic_closed",
        "forum_topic_reopened",
    ]
    assert service[1]["forum_topic_edited"] == {"name": "Case 17: closed soon"}

    for unknown in (999, GENERAL_TOPIC_ID):
        with pytest.raises(TelegramBadRequest, match="TOPIC_ID_INVALID"):
            await bot.close_forum_topic(chat_id, unknown)
    with pytest.raises(TelegramBadRequest, match="invalid forum topic identifier"):
        await bot.edit_forum_topic(chat_id, 0, name="x")
    with pytest.raises(TelegramBadRequest, match="the chat is not a forum"):
        await bot.close_forum_topic(-1009, thread)


async def test_topic_rights_depend_on_who_created_the_topic(fake: FakeBotApi, bot: Bot) -> None:
    chat_id = forum(fake)
    own = (await bot.create_forum_topic(chat_id, "Made by the bot")).message_thread_id
    human = fake.add_forum_topic(chat_id, "Made by an operator", created_by=OPERATOR)
    # Now the bot loses its rights: it may still manage the topic it created, not the other.
    fake.add_group_member(chat_id, fake.bot_id, status="administrator", rights={})
    with pytest.raises(TelegramBadRequest, match="not enough rights to edit the topic"):
        await bot.edit_forum_topic(chat_id, human, name="Renamed")
    with pytest.raises(TelegramBadRequest, match="not enough rights to close or open the topic"):
        await bot.close_forum_topic(chat_id, human)
    with pytest.raises(TelegramBadRequest, match="not enough rights to delete the topic"):
        await bot.delete_forum_topic(chat_id, human)
    assert await bot.edit_forum_topic(chat_id, own, name="Renamed")
    assert await bot.close_forum_topic(chat_id, own)
    assert await bot.delete_forum_topic(chat_id, own)
    with pytest.raises(TelegramBadRequest, match="not enough rights to create a topic"):
        await bot.create_forum_topic(chat_id, "Case")


async def test_delete_forum_topic_takes_its_messages(fake: FakeBotApi, bot: Bot) -> None:
    chat_id = forum(fake)
    thread = (await bot.create_forum_topic(chat_id, "Case 17")).message_thread_id
    other = (await bot.create_forum_topic(chat_id, "Case 18")).message_thread_id
    in_topic = await bot.send_message(chat_id, "case notes", message_thread_id=thread)
    await bot.send_message(chat_id, "other case", message_thread_id=other)
    await bot.send_message(chat_id, "queue")
    assert await bot.delete_forum_topic(chat_id, thread)

    assert fake.topic_messages(chat_id, thread, include_service=True) == []
    assert [m["text"] for m in fake.topic_messages(chat_id, other)] == ["other case"]
    assert [m["text"] for m in fake.topic_messages(chat_id, GENERAL_TOPIC_ID)] == ["queue"]
    assert [t["name"] for t in fake.topics(chat_id)] == ["Case 18"]
    assert fake.topics(chat_id, include_deleted=True)[0]["is_deleted"] is True
    with pytest.raises(TelegramBadRequest, match="message thread not found"):
        await bot.send_message(chat_id, "too late", message_thread_id=thread)
    with pytest.raises(TelegramBadRequest, match="message to edit not found"):
        await bot.edit_message_text("x", chat_id=chat_id, message_id=in_topic.message_id)
    with pytest.raises(TelegramBadRequest, match="TOPIC_ID_INVALID"):
        await bot.delete_forum_topic(chat_id, thread)


# ---- messages in topics ------------------------------------------------------------------------


async def test_messages_go_to_topics_or_general(fake: FakeBotApi, bot: Bot) -> None:
    without_flood_limits(fake)
    chat_id = forum(fake)
    thread = (await bot.create_forum_topic(chat_id, "Case 17")).message_thread_id
    sent = await bot.send_message(
        chat_id, "<b>new case</b>", parse_mode="HTML", message_thread_id=thread
    )
    assert (sent.message_thread_id, sent.is_topic_message) == (thread, True)
    assert sent.chat.is_forum
    general = await bot.send_message(chat_id, "queue: 1 case")
    assert (general.message_thread_id, general.is_topic_message) == (None, None)
    photo = await bot.send_photo(
        chat_id, "AgACAgIAAxkBAAE", caption="scan", message_thread_id=thread
    )
    assert photo.message_thread_id == thread
    album = await bot.send_media_group(
        chat_id,
        [InputMediaPhoto(media="AgACAgIAAxkBAAE"), InputMediaPhoto(media="AgACAgIAAxkBAAF")],
        message_thread_id=thread,
    )
    assert {m.message_thread_id for m in album} == {thread}

    # Edits keep the topic (editMessageText has no message_thread_id of its own).
    edited = await bot.edit_message_text(
        "queue: 0 cases", chat_id=chat_id, message_id=general.message_id
    )
    assert isinstance(edited, Message)
    assert edited.message_thread_id is None
    edited = await bot.edit_message_text("case taken", chat_id=chat_id, message_id=sent.message_id)
    assert isinstance(edited, Message)
    assert edited.message_thread_id == thread
    status, body = await raw_call(
        fake,
        "editMessageText",
        form={"chat_id": str(chat_id), "message_id": "2", "text": "x", "message_thread_id": "2"},
    )
    assert (status, body["description"]) == (
        400,
        'Bad Request: unknown parameter "message_thread_id"',
    )

    assert fake.sent_texts(chat_id, thread_id=thread) == ["new case", "case taken"]
    assert fake.sent_texts(chat_id, thread_id=GENERAL_TOPIC_ID) == [
        "queue: 1 case",
        "queue: 0 cases",
    ]
    assert [m.get("text", m.get("caption")) for m in fake.topic_messages(chat_id, thread)] == [
        "case taken",
        "scan",
        None,
        None,
    ]
    assert [c.thread_id for c in fake.calls_to("sendMessage")] == [thread, None]
    assert fake.calls_to("sendMessage")[0].chat_id == chat_id


async def test_unknown_general_and_private_threads_are_refused(fake: FakeBotApi, bot: Bot) -> None:
    chat_id = forum(fake)
    thread = (await bot.create_forum_topic(chat_id, "Case 17")).message_thread_id
    fake.push_update(message_update(PERSON, "help"))
    # General has thread id 1, but the Bot API refuses it: messages for General omit the id.
    for wrong in (999, GENERAL_TOPIC_ID):
        with pytest.raises(TelegramBadRequest, match="message thread not found"):
            await bot.send_message(chat_id, "x", message_thread_id=wrong)
        with pytest.raises(TelegramBadRequest, match="message thread not found"):
            await bot.copy_message(chat_id, PERSON, 1, message_thread_id=wrong)
        with pytest.raises(TelegramBadRequest, match="message thread not found"):
            await bot.send_photo(chat_id, "AgACAgIAAxkBAAE", message_thread_id=wrong)
    with pytest.raises(TelegramBadRequest, match="message thread not found"):
        await bot.send_message(PERSON, "x", message_thread_id=thread)
    # In a supergroup that is not a forum, Telegram ignores the thread id.
    plain = await bot.send_message(-1009, "x", message_thread_id=thread)
    assert plain.message_thread_id is None
    assert fake.topic_messages(chat_id, thread) == []


async def test_closed_topics_take_messages_only_from_those_allowed(
    fake: FakeBotApi, bot: Bot
) -> None:
    chat_id = forum(fake, bot_rights={"can_pin_messages": True})
    human = fake.add_forum_topic(chat_id, "Closed by an operator", created_by=OPERATOR, closed=True)
    with pytest.raises(TelegramBadRequest, match="TOPIC_CLOSED"):
        await bot.send_message(chat_id, "x", message_thread_id=human)
    fake.push_update(message_update(PERSON, "help"))
    with pytest.raises(TelegramBadRequest, match="TOPIC_CLOSED"):
        await bot.copy_message(chat_id, PERSON, 1, message_thread_id=human)
    # An administrator with can_manage_topics may post in a closed topic ...
    fake.add_group_member(
        chat_id, fake.bot_id, status="administrator", rights={"can_manage_topics": True}
    )
    assert (await bot.send_message(chat_id, "x", message_thread_id=human)).message_thread_id
    # ... and so may the creator of the topic, whatever its rights.
    own = (await bot.create_forum_topic(chat_id, "Case 17")).message_thread_id
    assert await bot.close_forum_topic(chat_id, own)
    fake.add_group_member(chat_id, fake.bot_id, status="administrator", rights={})
    assert (await bot.send_message(chat_id, "x", message_thread_id=own)).message_thread_id == own
    with pytest.raises(TelegramBadRequest, match="TOPIC_CLOSED"):
        await bot.send_message(chat_id, "x", message_thread_id=human)


async def test_copy_private_messages_into_a_topic(fake: FakeBotApi, bot: Bot) -> None:
    without_flood_limits(fake)
    chat_id = forum(fake)
    thread = (await bot.create_forum_topic(chat_id, "Case 17")).message_thread_id
    kinds = ["photo", "voice", "document", "video", "video_note", "sticker", "location", "contact"]
    fake.push_update(message_update(PERSON, "Мене не відпускають додому"))
    for kind in kinds:
        fake.push_update(media_update(PERSON, kind))
    fake.push_update(media_update(PERSON, "photo", caption="паспорт"))
    originals = fake.messages(PERSON)
    assert len(originals) == 10

    copied_ids = []
    for original in originals:
        copied = await bot.copy_message(
            chat_id, PERSON, original["message_id"], message_thread_id=thread
        )
        copied_ids.append(copied.message_id)
    copies = fake.topic_messages(chat_id, thread)
    assert [m["message_id"] for m in copies] == copied_ids
    content_keys = {"text", "caption", *kinds}
    for original, copy_ in zip(originals, copies, strict=True):
        assert copy_["from"]["id"] == fake.bot_id
        assert "forward_origin" not in copy_  # a copy has no forward header
        assert copy_["message_thread_id"] == thread
        assert {k: v for k, v in copy_.items() if k in content_keys} == {
            k: v for k, v in original.items() if k in content_keys
        }

    # A new caption replaces the old one; on a text Telegram has nowhere to put it.
    recaptioned = await bot.copy_message(
        chat_id,
        PERSON,
        10,
        message_thread_id=thread,
        caption="<b>Case 17</b>: паспорт",
        parse_mode="HTML",
        protect_content=True,
    )
    stored = fake.message(chat_id, recaptioned.message_id)
    assert stored is not None
    assert stored["caption"] == "Case 17: паспорт"
    assert stored["caption_entities"] == [{"type": "bold", "offset": 0, "length": 7}]
    assert stored["has_protected_content"] is True
    text_copy = await bot.copy_message(
        chat_id, PERSON, 1, message_thread_id=thread, caption="ignored"
    )
    stored = fake.message(chat_id, text_copy.message_id)
    assert stored is not None
    assert (stored["text"], "caption" in stored) == ("Мене не відпускають додому", False)
    with pytest.raises(TelegramBadRequest, match="message caption is too long"):
        await bot.copy_message(chat_id, PERSON, 10, caption="c" * 1025)

    with pytest.raises(TelegramBadRequest, match="message to copy not found"):
        await bot.copy_message(chat_id, PERSON, 99, message_thread_id=thread)
    with pytest.raises(TelegramBadRequest, match="the message can't be copied"):
        await bot.copy_message(PERSON, chat_id, thread)  # the forum_topic_created message
    # Bots may copy a protected message but not forward it.
    assert await bot.copy_message(PERSON, chat_id, recaptioned.message_id)
    with pytest.raises(TelegramBadRequest, match="the message can't be forwarded"):
        await bot.forward_message(PERSON, chat_id, recaptioned.message_id)


async def test_operator_replies_come_from_the_topic(fake: FakeBotApi, bot: Bot) -> None:
    chat_id = forum(fake)
    thread = (await bot.create_forum_topic(chat_id, "Case 17")).message_thread_id
    queue = await bot.send_message(
        chat_id,
        "Case 17 waits",
        message_thread_id=thread,
        reply_markup=one_button(text="Take", callback_data="take:17"),
    )
    fake.push_update(
        group_message_update(
            chat_id,
            OPERATOR,
            "Ми поруч.",
            thread_id=thread,
            first_name="Olena",
            title="builder's title",
        )
    )
    fake.push_update(group_message_update(chat_id, OPERATOR, "/cases"))
    fake.push_update(
        group_callback_update(
            chat_id, OPERATOR, "take:17", message_id=queue.message_id, thread_id=thread
        )
    )
    reply, command, press = await bot.get_updates()

    assert reply.message is not None
    assert (reply.message.message_thread_id, reply.message.is_topic_message) == (thread, True)
    assert reply.message.from_user is not None
    assert (reply.message.from_user.id, reply.message.from_user.first_name) == (OPERATOR, "Olena")
    assert reply.message.chat.title == "Hotline shift"  # the registered chat, as Telegram sends it
    assert reply.message.chat.is_forum
    assert command.message is not None
    assert command.message.message_thread_id is None  # General
    assert command.message.entities is not None
    assert command.message.entities[0].type == "bot_command"
    query = press.callback_query
    assert query is not None
    assert isinstance(query.message, Message)
    assert (query.message.text, query.message.message_thread_id) == ("Case 17 waits", thread)
    assert await bot.answer_callback_query(query.id)

    # The operator's reply goes back to the person as a copy, with no topic.
    relayed = await bot.copy_message(PERSON, chat_id, reply.message.message_id)
    stored = fake.message(PERSON, relayed.message_id)
    assert stored is not None
    assert (stored["text"], "message_thread_id" in stored) == ("Ми поруч.", False)

    with pytest.raises(ValueError, match="has no topic 999"):
        fake.push_update(group_message_update(chat_id, OPERATOR, "x", thread_id=999))
    direct = group_message_update(-1005, OPERATOR, "hi", thread_id=7, message_id=3)
    assert direct["message"]["chat"]["is_forum"] is True
    assert (direct["message"]["message_thread_id"], direct["message"]["is_topic_message"]) == (
        7,
        True,
    )


async def test_pins_and_unpin_all_forum_topic_messages(fake: FakeBotApi, bot: Bot) -> None:
    chat_id = forum(fake)
    case = (await bot.create_forum_topic(chat_id, "Case 17")).message_thread_id
    other = (await bot.create_forum_topic(chat_id, "Case 18")).message_thread_id
    first = await bot.send_message(chat_id, "summary 17", message_thread_id=case)
    second = await bot.send_message(chat_id, "summary 18", message_thread_id=other)
    assert await bot.pin_chat_message(chat_id, first.message_id)
    assert await bot.pin_chat_message(chat_id, second.message_id)
    assert fake.pinned_message_ids(chat_id) == [first.message_id, second.message_id]
    pinned = fake.topic_messages(chat_id, case, include_service=True)[-1]
    assert pinned["pinned_message"]["text"] == "summary 17"

    assert await bot.unpin_all_forum_topic_messages(chat_id, case)
    assert fake.pinned_message_ids(chat_id) == [second.message_id]
    with pytest.raises(TelegramBadRequest, match="TOPIC_ID_INVALID"):
        await bot.unpin_all_forum_topic_messages(chat_id, 999)
    with pytest.raises(TelegramBadRequest, match="message to pin not found"):
        await bot.pin_chat_message(chat_id, 999)

    fake.add_group_member(
        chat_id, fake.bot_id, status="administrator", rights={"can_manage_topics": True}
    )
    with pytest.raises(TelegramBadRequest, match="not enough rights to manage pinned messages"):
        await bot.unpin_all_forum_topic_messages(chat_id, other)
    with pytest.raises(TelegramBadRequest, match="not enough rights to manage pinned messages"):
        await bot.pin_chat_message(chat_id, first.message_id)


# ---- group flood limit ---------------------------------------------------------------------------


async def test_group_limit_counts_sends_and_edits() -> None:
    clock = ManualClock()
    async with (
        FakeBotApi(clock=clock, global_rate=None, per_chat_rate=None) as api,
        running_bot(api) as bot,
    ):
        chat_id = forum(api)
        thread = (await bot.create_forum_topic(chat_id, "Case 17")).message_thread_id
        queue = await bot.send_message(chat_id, "queue: 0")
        for step in range(1, 19):
            await bot.edit_message_text(
                f"queue: {step}", chat_id=chat_id, message_id=queue.message_id
            )
        await bot.send_message(chat_id, "20th in a minute", message_thread_id=thread)
        with pytest.raises(TelegramRetryAfter) as caught:
            await bot.edit_message_text("21st", chat_id=chat_id, message_id=queue.message_id)
        assert caught.value.retry_after == 3
        with pytest.raises(TelegramRetryAfter):
            await bot.copy_message(chat_id, chat_id, queue.message_id, message_thread_id=thread)
        assert api.calls[-1].description == "Too Many Requests: retry after 3"
        # Private chats have no per-minute limit, and edits there are free.
        private = await bot.send_message(PERSON, "x")
        for step in range(25):
            await bot.edit_message_text(f"x{step}", chat_id=PERSON, message_id=private.message_id)
        clock.now += 3.0
        await bot.send_message(chat_id, "after the wait", message_thread_id=thread)

    async with (
        FakeBotApi(
            clock=clock,
            global_rate=None,
            per_chat_rate=None,
            group_rate_per_minute=6,
            group_burst=2,
        ) as api,
        running_bot(api) as bot,
    ):
        await bot.send_message(-1001, "one")
        await bot.send_message(-1001, "two")
        with pytest.raises(TelegramRetryAfter) as caught:
            await bot.send_message(-1001, "three")
        assert caught.value.retry_after == 10  # 6 per minute: one every 10 s


# ---- standalone set-up of groups -------------------------------------------------------------


async def test_control_api_sets_up_a_forum() -> None:
    async with FakeBotApi(control_api=True) as api, running_bot(api) as bot:
        async with aiohttp.ClientSession() as http:
            url = f"{api.base_url}/_control"
            async with http.post(
                f"{url}/add_forum_group", json={"chat_id": FORUM, "title": "Shift"}
            ) as response:
                assert (await response.json())["result"]["is_forum"] is True
            async with http.post(
                f"{url}/add_group_member",
                json={"chat_id": FORUM, "user": OPERATOR, "status": "administrator"},
            ) as response:
                assert (await response.json())["result"]["status"] == "administrator"
            async with http.post(
                f"{url}/add_forum_topic", json={"chat_id": FORUM, "name": "Case 1"}
            ) as response:
                thread = (await response.json())["result"]
            async with http.post(f"{url}/add_forum_topic", json={"chat_id": 5}) as response:
                assert response.status == 400
        sent = await bot.send_message(FORUM, "hi", message_thread_id=thread)
        assert sent.message_thread_id == thread


# ---- standalone mode -------------------------------------------------------------------------


async def test_standalone_process_with_control_api() -> None:
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "tests.fakes",
        "--port",
        "0",
        cwd=PROJECT_ROOT,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    assert process.stdout is not None
    assert process.stderr is not None
    try:
        async with asyncio.timeout(10):
            line = await process.stdout.readline()
        base_url = line.decode().strip()
        assert re.fullmatch(r"http://127\.0\.0\.1:[0-9]+", base_url), line

        async with aiohttp.ClientSession() as http:
            async with http.post(
                f"{base_url}/_control/push_update", json=message_update(21, "/start")
            ) as response:
                assert await response.json() == {"update_id": 1}
            async with http.post(f"{base_url}/_control/block_chat", json={"chat_id": 22}) as r:
                assert r.status == 200

            bot = make_bot(base_url)
            try:
                [update] = await bot.get_updates(timeout=5)
                assert update.message is not None
                assert update.message.text == "/start"
                await bot.send_message(21, "вітаю")
                with pytest.raises(TelegramForbiddenError):
                    await bot.send_message(22, "blocked")
                await bot.get_updates(offset=2)
            finally:
                await bot.session.close()

            async with http.get(f"{base_url}/_control/pending") as response:
                assert await response.json() == []
            async with http.get(f"{base_url}/_control/calls") as response:
                calls = await response.json()
        assert [(c["method"], c["status"]) for c in calls] == [
            ("getUpdates", 200),
            ("sendMessage", 200),
            ("sendMessage", 403),
            ("getUpdates", 200),
        ]
        assert calls[1]["params"] == {"chat_id": 21, "text": "вітаю"}
    finally:
        if process.returncode is None:
            process.terminate()
        async with asyncio.timeout(10):
            returncode = await process.wait()
        stderr = await process.stderr.read()
    assert returncode == 0, stderr.decode()
