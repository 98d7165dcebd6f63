"""Private chats with people: every message and button goes to their dialog.

Handlers are thin: they turn a Telegram object into an ``Input`` and hand it on.
"""

from __future__ import annotations

from aiogram import F, Router
from aiogram.enums import ChatType, ContentType
from aiogram.types import CallbackQuery, Message

from bot.console_actions import end_by_person, feedback_from_person
from bot.console_views import END_CHAT
from bot.telegram.callbacks import decode_choice
from bot.telegram.unit_of_work import UnitOfWork
from dialogs.types import Choice, Command, Input, Text, Unsupported

__all__ = ["build_router", "message_input"]


_ORIGINS = {"user": "user", "hidden_user": "hidden", "chat": "chat", "channel": "channel"}


def message_input(message: Message) -> Input:
    """What the person sent, as the engine sees it.

    A forwarded message keeps only the kind of its origin, never who sent it; a photo
    with a caption (a screenshot of an ad with its text) counts as text.
    """
    origin = message.forward_origin
    forwarded = ""
    if origin is not None:
        kind = getattr(origin.type, "value", origin.type)
        forwarded = _ORIGINS.get(str(kind), "hidden")
    text = message.text if message.text is not None else message.caption
    if text is None:
        kind = message.content_type
        return Unsupported(str(kind.value if isinstance(kind, ContentType) else kind))
    if text.startswith("/") and origin is None and message.text is not None:
        head, _, arg = text[1:].partition(" ")
        name = head.split("@", 1)[0].lower()
        return Command(name, arg.strip()) if name else Text(text)
    return Text(text, forwarded)


async def on_message(message: Message, uow: UnitOfWork) -> None:
    if message.from_user is None or message.from_user.is_bot:
        return
    given = message_input(message)
    # While a consultant holds the person's case, what they write goes to the consultant
    # (commands such as /menu still reach the bot, and so does the code word).
    if not isinstance(given, Command) and await uow.relay_to_case(
        message.from_user, message.chat.id, message.message_id, given, contact=message.contact
    ):
        return
    await uow.dialog(message.from_user, message.chat.id, given, message_id=message.message_id)


async def on_button(query: CallbackQuery, uow: UnitOfWork) -> None:
    uow.answer_callback(query.id)
    message = query.message
    if message is not None and message.chat.type != ChatType.PRIVATE:
        return
    chat_id = message.chat.id if message is not None else query.from_user.id
    choice = decode_choice(query.data)
    if choice == Choice(END_CHAT) and await end_by_person(uow, query.from_user, chat_id):
        return
    if not choice.token and await feedback_from_person(uow, query.from_user, chat_id, choice.value):
        return
    await uow.dialog(query.from_user, chat_id, choice)


def build_router() -> Router:
    """A fresh router (a router can belong to one dispatcher only)."""
    router = Router(name="dialog")
    router.message.register(on_message, F.chat.type == ChatType.PRIVATE)
    router.callback_query.register(on_button)
    return router
