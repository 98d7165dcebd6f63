"""One input for one person: load, step the engine, persist, render.

Channel-neutral: the Telegram adapter and the terminal chat both call ``handle`` inside a
unit of work, so what a content editor sees in the terminal is what Telegram users get.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy.ext.asyncio import AsyncSession

from bot.db import repo
from bot.i18n import Translator
from bot.render import Rendered, render
from dialogs.engine import Engine
from dialogs.types import (
    Command,
    Conversation,
    Effect,
    Fragment,
    Input,
    Items,
    OpenCase,
    Priority,
    Reply,
)

__all__ = ["ConversationService", "Outcome", "utcnow"]


def utcnow() -> datetime:
    return datetime.now(UTC)


def _day(moment: datetime | None) -> str:
    return moment.strftime("%d.%m.%Y") if moment is not None else "—"


@dataclass(frozen=True, slots=True)
class Outcome:
    messages: list[Rendered]
    conversation: Conversation
    locale: str
    case_codes: tuple[str, ...]


class ConversationService:
    def __init__(
        self,
        engine: Engine,
        translator: Translator,
        *,
        clock: Callable[[], datetime] = utcnow,
        wait_minutes: Mapping[Priority, int] | None = None,
    ) -> None:
        self.engine = engine
        self.translator = translator
        self.clock = clock
        #: The usual wait per priority (the time to claim), told to someone who asks again.
        self.wait_minutes: Mapping[Priority, int] = wait_minutes or {}

    async def handle(
        self,
        session: AsyncSession,
        *,
        subject_id: str,
        given: Input,
        locale_hint: str,
        chat_ref: bytes | None = None,
        update_id: int | None = None,
    ) -> Outcome:
        now = self.clock()
        before = await repo.load_conversation(session, subject_id)
        if given == Command("mydata") and before is not None and before.locale:
            return await self._my_data(session, subject_id, before)
        result = await self.engine.step(before, given, locale_hint=locale_hint)
        after = result.conversation
        await repo.save_conversation(
            session, subject_id, after, chat_ref=chat_ref, now=now, existed=before is not None
        )
        await repo.add_event(
            session,
            subject_id=subject_id,
            update_id=update_id,
            kind=result.event,
            flow=after.flow,
            state_from=before.state if before is not None else None,
            state_to=after.state,
            now=now,
        )
        codes: list[str] = []
        effects: list[Effect] = []
        for effect in result.effects:
            effects.append(effect)
            if isinstance(effect, OpenCase):
                earlier = await repo.open_case_code(session, subject_id)
                code = await repo.record_case_request(
                    session,
                    subject_id=subject_id,
                    priority=effect.priority,
                    reason=effect.reason,
                    now=now,
                    facts={"locale": after.locale or locale_hint, "answers": dict(after.answers)},
                )
                codes.append(code)
                # The person gets the code with the confirmation (the engine cannot know it);
                # asking again while a case is open says so, with the usual wait.
                if earlier is None:
                    effects.append(Reply("case-code", {"code": code}))
                else:
                    minutes = self.wait_minutes.get(effect.priority, 0)
                    effects.append(Reply("case-in-queue", {"code": code, "minutes": minutes}))
        locale = after.locale or locale_hint
        return Outcome(render(self.translator, locale, effects), after, locale, tuple(codes))

    async def _my_data(
        self, session: AsyncSession, subject_id: str, conversation: Conversation
    ) -> Outcome:
        """/mydata: what is stored about the person, in their language; nothing changes."""
        kept = await repo.what_is_kept(session, subject_id)
        locale = conversation.locale or "en"
        cases = tuple(
            Fragment("mydata-case", {"code": code, "status": Fragment(f"mydata-status-{status}")})
            for code, status in kept["cases"]
        )
        answers = sum(1 for key in conversation.answers if not key.startswith("_"))
        reply = Reply(
            "mydata",
            {
                "since": _day(kept["since"]),
                "updated": _day(kept["updated"]),
                "place": Fragment(f"mydata-flow-{conversation.flow.replace('_', '-')}"),
                "answers": answers,
                "cases": Items(cases) if cases else Fragment("mydata-no-cases"),
            },
            protect=True,
        )
        effects = [reply, self.engine.render(conversation)]
        return Outcome(render(self.translator, locale, effects), conversation, locale, ())

    async def current(self, session: AsyncSession, subject_id: str) -> Conversation | None:
        return await repo.load_conversation(session, subject_id)
