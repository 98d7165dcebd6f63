"""Is the operator group fit for the console? A forum, with the bot an administrator that may
manage topics (and delete and pin messages, for the queue view).

``lastivka check`` shows the answer; ``lastivka run`` refuses to start the console without
it (people are still served: their requests wait as case requests until the group is fixed).
"""

from __future__ import annotations

from dataclasses import dataclass

from aiogram import Bot
from aiogram.exceptions import TelegramAPIError
from aiogram.types import ChatMemberAdministrator, ChatMemberOwner

__all__ = ["GroupCheck", "check_operator_group"]

#: Rights the console needs, and what each is for.
REQUIRED_RIGHTS = {
    "can_manage_topics": "open a topic per case",
    "can_delete_messages": "keep the queue view tidy",
    "can_pin_messages": "pin the queue view",
}


@dataclass(frozen=True, slots=True)
class GroupCheck:
    ok: bool
    detail: str


async def check_operator_group(bot: Bot, chat_id: int) -> GroupCheck:
    """One line an admin can act on; never raises for a Telegram refusal."""
    try:
        chat = await bot.get_chat(chat_id)
    except TelegramAPIError as exc:
        return GroupCheck(
            False,
            f"the bot cannot see group {chat_id} ({type(exc).__name__}): add it to the group",
        )
    if chat.type != "supergroup" or not chat.is_forum:
        return GroupCheck(False, "the operator group must have Topics switched on (a forum)")
    me = await bot.get_me()
    try:
        member = await bot.get_chat_member(chat_id, me.id)
    except TelegramAPIError as exc:
        return GroupCheck(False, f"cannot read the bot's rights ({type(exc).__name__})")
    if isinstance(member, ChatMemberOwner):
        return GroupCheck(True, f"forum '{chat.title}', the bot owns it")
    if not isinstance(member, ChatMemberAdministrator):
        return GroupCheck(False, "make the bot an administrator of the operator group")
    missing = [
        f"{right.removeprefix('can_').replace('_', ' ')} ({why})"
        for right, why in REQUIRED_RIGHTS.items()
        if not getattr(member, right, False)
    ]
    if missing:
        return GroupCheck(False, "the bot needs the right to " + "; ".join(missing))
    return GroupCheck(True, f"forum '{chat.title}', the bot may manage topics")
