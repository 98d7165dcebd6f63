"""The operator group: buttons on case messages and messages in case topics.

Handlers are thin: they hand the update to bot.console_actions inside the unit of work.
This router is included before the dialog router so that group buttons never reach the
dialogs.
"""

from __future__ import annotations

from aiogram import F, Router
from aiogram.types import CallbackQuery, Message

from bot.console_actions import ConsoleConfig, act, relay_from_operator
from bot.console_views import ACTION_PREFIX
from bot.telegram.unit_of_work import UnitOfWork

__all__ = ["build_console_router"]


def build_console_router(config: ConsoleConfig) -> Router:
    router = Router(name="console")

    async def on_action(query: CallbackQuery, uow: UnitOfWork) -> None:
        text, alert = await act(uow, config, query.from_user, query.data or "")
        uow.answer_callback(query.id, text, alert=alert)

    async def on_topic_message(message: Message, uow: UnitOfWork) -> None:
        await relay_from_operator(uow, config, message)

    in_group = F.message.chat.id == config.chat_id
    router.callback_query.register(on_action, in_group, F.data.startswith(f"{ACTION_PREFIX}:"))
    router.message.register(on_topic_message, F.chat.id == config.chat_id)
    return router
