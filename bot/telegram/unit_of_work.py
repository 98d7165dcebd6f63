"""Exactly-once processing of one update: the inbox middleware and its unit of work.

For every update, in one transaction: skip it if its update_id was processed before; run
the handler (engine step, new state, events, outbox rows); mark the update done. Only after
the commit are the outbox rows sent. A crash before the commit leaves the update pending in
the inbox (it is replayed at start-up); a crash after it leaves the rows in the outbox (they
are sent at start-up). A handler that fails is retried, then given up with a short apology
to the person, so a poison update never blocks their chat.
"""

from __future__ import annotations

import logging
import traceback
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from aiogram import BaseMiddleware
from aiogram.methods import AnswerCallbackQuery
from aiogram.types import Contact, TelegramObject, Update, User
from sqlalchemy.ext.asyncio import AsyncSession

from bot.conversations import ConversationService
from bot.crypto import KeyRing
from bot.db import cases, inbox, repo, staff
from bot.db.database import Database
from bot.db.erasure import CaseNotice
from bot.outbox import FINAL, LANE_REPLY, LEASE, SENT_BATCH, OutboxSender, Queued
from bot.render import Rendered
from bot.rotation import resolve_subject
from bot.telegram.callbacks import encode_choice
from dialogs.types import LOCALES, Input, Text, Unsupported

__all__ = ["Deps", "InboxMiddleware", "UnitOfWork", "locale_hint", "send_message_params"]

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 3
#: deleteMessages takes 1 to 100 ids.
_DELETE_BATCH = 100


def locale_hint(language_code: str | None, default: str) -> str:
    """Telegram's language_code (``uk``, ``ru``, ``lv``, ``en-GB``...) to one of ours."""
    base = (language_code or "").split("-")[0].lower()
    return base if base in LOCALES else default


def send_message_params(chat_id: int, message: Rendered) -> dict[str, Any]:
    params: dict[str, Any] = {"chat_id": chat_id, "text": message.text, "parse_mode": "HTML"}
    if message.protect:
        params["protect_content"] = True
    if message.rows:
        params["reply_markup"] = {
            "inline_keyboard": [
                [{"text": b.label, "callback_data": b.data or encode_choice(b.choice)} for b in row]
                for row in message.rows
            ]
        }
    return params


@dataclass(frozen=True, slots=True)
class Deps:
    """What handlers need, built once by the composition root."""

    db: Database
    service: ConversationService
    keyring: KeyRing
    sender: OutboxSender
    default_locale: str
    operator_chat_id: int | None = None
    operator_locale: str = "uk"


@dataclass
class UnitOfWork:
    deps: Deps
    session: AsyncSession
    update_id: int
    outgoing: list[Queued] = field(default_factory=list)
    ephemeral: list[AnswerCallbackQuery] = field(default_factory=list)
    _subjects: dict[int, str] = field(default_factory=dict)

    async def dialog(
        self, user: User, chat_id: int, given: Input, *, message_id: int | None = None
    ) -> None:
        """Step the person's dialog and queue the replies (``message_id``: theirs, if the
        input was a message, kept so a quick exit can delete it)."""
        deps = self.deps
        subject = await self.subject(user.id)
        outcome = await deps.service.handle(
            self.session,
            subject_id=subject,
            given=given,
            locale_hint=locale_hint(user.language_code, deps.default_locale),
            chat_ref=str(chat_id).encode(),
            update_id=self.update_id,
            message_id=message_id,
            chat_key=deps.keyring.pseudonym("chat", chat_id),
            kid=deps.keyring.current_kid,
        )
        # Deleting first: the one line left after an exit must not be deleted with the rest.
        ids = list(outcome.cleared)
        for start in range(0, len(ids), _DELETE_BATCH):
            batch = ids[start : start + _DELETE_BATCH]
            await self.queue_call(
                chat_id, "deleteMessages", {"chat_id": chat_id, "message_ids": batch}
            )
        if message_id is not None and not outcome.final:
            deps.sender.keep_recent(subject, message_id, deps.service.clock())
        await self.queue(chat_id, outcome.messages, final=outcome.final)
        for notice in outcome.notices:
            await self.tell_group(notice)

    async def tell_group(self, notice: CaseNotice) -> None:
        """News about a case for its topic in the operator group (no topic yet: the
        queue view shows the case's state when the console opens it)."""
        group = self.deps.operator_chat_id
        if group is None or notice.topic_id is None:
            return
        translator = self.deps.service.translator
        key = {
            "panic": "op-panic",
            "exited": "op-person-exited",
            "erased": "op-person-erased",
            "returned": "op-person-returned",
        }
        text = translator.format(self.deps.operator_locale, key[notice.kind], {"code": notice.code})
        await self.queue(group, [Rendered(text)], thread_id=notice.topic_id)
        if notice.kind == "erased":
            params = {"chat_id": group, "message_thread_id": notice.topic_id}
            await self.queue_call(group, "closeForumTopic", params)

    async def subject(self, telegram_id: int) -> str:
        """The person's pseudonym under the current key. While old keys are in the ring, a
        person still under an old one is moved first (``lastivka keys rotate`` mid-way)."""
        known = self._subjects.get(telegram_id)
        if known is None:
            known = await resolve_subject(self.session, self.deps.keyring, telegram_id)
            self._subjects[telegram_id] = known
        return known

    async def queue(
        self,
        chat_id: int,
        messages: list[Rendered],
        *,
        thread_id: int | None = None,
        final: bool = False,
    ) -> None:
        for message in messages:
            params = send_message_params(chat_id, message)
            if thread_id is not None:
                params["message_thread_id"] = thread_id
            await self.queue_call(chat_id, FINAL if final else "sendMessage", params)

    async def queue_call(self, chat_id: int, method: str, params: dict[str, Any]) -> None:
        """Any outbox method (sendMessage, copyMessage...) to a chat, in that chat's order."""
        now = self.deps.service.clock()
        chat_key = self.deps.keyring.pseudonym("chat", chat_id)
        outbox_id = await repo.enqueue(
            self.session,
            lane=LANE_REPLY,
            chat_key=chat_key,
            method=method,
            payload=params,
            update_id=self.update_id,
            now=now,
            not_before=now + LEASE,
        )
        self.outgoing.append(Queued(outbox_id, chat_key, method, params))

    async def relay_to_case(
        self,
        user: User,
        chat_id: int,
        message_id: int,
        given: Input | None = None,
        *,
        contact: Contact | None = None,
    ) -> bool:
        """Copy the person's message into their case topic if a consultant holds the case.

        A copy carries no forward header and no profile: the group sees the content only.
        The person's code word is not relayed: the dialog answers it like anywhere else.
        A contact card the person shares goes as the number and name they shared, without
        the Telegram account a copy would carry (and the sharing is audited).
        """
        group = self.deps.operator_chat_id
        if group is None:
            return False
        subject = await self.subject(user.id)
        row = await cases.held_case_of(self.session, subject)
        if row is None or row.topic_id is None:
            return False
        if isinstance(given, Text):
            conversation = await repo.load_conversation(self.session, subject)
            if self.deps.service.is_codeword(conversation, given.text):
                return False
        now = self.deps.service.clock()
        self.deps.sender.keep_recent(subject, message_id, now)
        if isinstance(given, Unsupported) and given.kind == "contact":
            # the person chose to give the consultant their phone number: audited, no content
            await staff.append_audit(
                self.session, actor="person", action="identity_shared", now=now, case_code=row.code
            )
        if contact is not None:
            card: dict[str, Any] = {
                "chat_id": group,
                "message_thread_id": row.topic_id,
                "phone_number": contact.phone_number,
                "first_name": contact.first_name,
            }
            if contact.last_name:
                card["last_name"] = contact.last_name
            await self.queue_call(group, "sendContact", card)
            return True
        params = {
            "chat_id": group,
            "from_chat_id": chat_id,
            "message_id": message_id,
            "message_thread_id": row.topic_id,
        }
        await self.queue_call(group, "copyMessage", params)
        return True

    def answer_callback(self, query_id: str, text: str = "", *, alert: bool = False) -> None:
        """Stop the button's spinner (with a short note); losing this in a crash costs nothing."""
        if text:
            self.ephemeral.append(
                AnswerCallbackQuery(callback_query_id=query_id, text=text[:200], show_alert=alert)
            )
        else:
            self.ephemeral.append(AnswerCallbackQuery(callback_query_id=query_id))


def _private_chat(update: Update) -> tuple[User, int] | None:
    """The person and their private chat, if the update came from one (never a group)."""
    message = update.message
    if message is not None and message.from_user is not None:
        return (message.from_user, message.chat.id) if message.chat.type == "private" else None
    query = update.callback_query
    if query is not None:
        if query.message is not None and query.message.chat.type != "private":
            return None
        chat_id = query.message.chat.id if query.message is not None else query.from_user.id
        return query.from_user, chat_id
    return None


class InboxMiddleware(BaseMiddleware):
    """Outer middleware on updates; see the module docstring."""

    def __init__(self, deps: Deps) -> None:
        self.deps = deps

    async def __call__(
        self,
        handler: Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]],
        event: TelegramObject,
        data: dict[str, Any],
    ) -> Any:
        assert isinstance(event, Update)
        update_id = event.update_id
        clock = self.deps.service.clock

        sender = self.deps.sender
        taken: list[int] = []
        recent: list[tuple[str, int, datetime]] = []

        async def job(session: AsyncSession) -> UnitOfWork | None:
            # Under the writer lock: delete a batch of rows sent since earlier commits, and
            # keep the ids of messages sent to people (a quick exit in this very update
            # must see them).
            taken.extend(sender.take_sent(at_least=SENT_BATCH))
            recent.extend(sender.take_recent())
            await repo.forget_outbox(session, taken)
            await repo.remember_messages(session, recent)
            if not await inbox.claim_update(session, update_id, now=clock()):
                return None
            uow = UnitOfWork(self.deps, session, update_id)
            data["uow"] = uow
            await handler(event, data)
            return uow

        for attempt in range(1, MAX_ATTEMPTS + 1):
            try:
                uow = await self.deps.db.run(job)
                break
            except Exception as exc:
                sender.return_sent(taken)
                taken.clear()
                sender.return_recent(recent)
                recent.clear()
                # Type and frames only: an exception's message may quote a person's words.
                frames = "".join(traceback.format_tb(exc.__traceback__))
                log.error(
                    "update %s attempt %s failed: %s\n%s",
                    update_id,
                    attempt,
                    type(exc).__name__,
                    frames,
                )
        else:
            await self._give_up(event, update_id)
            return None
        if uow is not None:
            await self.deps.sender.deliver(uow.outgoing)
            for method in uow.ephemeral:
                try:
                    await self.deps.sender.bot(method)
                except Exception as exc:
                    log.info(
                        "update %s: callback answer failed (%s)", update_id, type(exc).__name__
                    )
        return None

    async def _give_up(self, update: Update, update_id: int) -> None:
        clock = self.deps.service.clock
        target = _private_chat(update)
        outgoing: list[Queued] = []

        async def job(session: AsyncSession) -> None:
            await inbox.remember_update(session, update_id, now=clock(), status="dead")
            if target is None:
                return
            user, chat_id = target
            locale = locale_hint(user.language_code, self.deps.default_locale)
            subject = self.deps.keyring.pseudonym("tg", user.id)
            conversation = await repo.load_conversation(session, subject)
            if conversation is not None and conversation.locale:
                locale = conversation.locale
            uow = UnitOfWork(self.deps, session, update_id)
            text = self.deps.service.translator.format(locale, "error-generic")
            await uow.queue(chat_id, [Rendered(text)])
            outgoing.extend(uow.outgoing)

        await self.deps.db.run(job)
        await self.deps.sender.deliver(outgoing)
