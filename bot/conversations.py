"""One input for one person: load, step the engine, persist, render.

Channel-neutral: the Telegram adapter and the terminal chat both call ``handle`` inside a
unit of work, so what a content editor sees in the terminal is what Telegram users get.

Before the engine sees a text, two secrets are checked here (the engine never sees them):
the person's code word (an ordinary-looking answer; an URGENT case opens or rises) and,
in a cover-menu deployment, the phrase that unlocks the real menu. A quick exit and an
erasure come back from the engine as effects and are carried out here, in the same
transaction as the rest of the step.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.campaigns.subscriptions import record_link_start, sync_subscriptions
from bot.db import repo
from bot.db.erasure import CaseNotice, erase_subject
from bot.db.tables import CaseRequestRow
from bot.i18n import Translator
from bot.render import Rendered, render
from dialogs.engine import PENDING_FLOW, Engine
from dialogs.flows.risk_screening import assessment_of
from dialogs.flows.settings import normalise_phrase
from dialogs.flows.subscribe import topics_arg
from dialogs.safety import SETTING
from dialogs.subscriptions import parse_start_payload, subscribed_topics
from dialogs.types import (
    Command,
    Conversation,
    Effect,
    Erase,
    Fragment,
    Input,
    Items,
    OpenCase,
    Priority,
    QuickExit,
    Reply,
    StepResult,
    Text,
)

__all__ = ["ConversationService", "Outcome", "utcnow"]

#: Screens whose arrival is counted with the screening's level (statistics only).
_LEVEL_STATES = frozenset({"result", "urgent"})


def utcnow() -> datetime:
    return datetime.now(UTC)


def _day(moment: datetime | None) -> str:
    return moment.strftime("%d.%m.%Y") if moment is not None else "—"


@dataclass(frozen=True, slots=True)
class Outcome:
    """What one input led to. ``cleared``: message ids of the person's chat to delete
    (quick exit, erasure); ``final``: the messages are the last word of an exit or an
    erasure (their ids are not kept); ``notices``: news for the operator group."""

    messages: list[Rendered]
    conversation: Conversation
    locale: str
    case_codes: tuple[str, ...]
    cleared: tuple[int, ...] = ()
    final: bool = False
    notices: tuple[CaseNotice, ...] = ()


class ConversationService:
    def __init__(
        self,
        engine: Engine,
        translator: Translator,
        *,
        clock: Callable[[], datetime] = utcnow,
        wait_minutes: Mapping[Priority, int] | None = None,
        exit_lines: Mapping[str, str] | None = None,
        cover_phrase: str | None = None,
    ) -> None:
        self.engine = engine
        self.translator = translator
        self.clock = clock
        #: The usual wait per priority (the time to claim), told to someone who asks again.
        self.wait_minutes: Mapping[Priority, int] = wait_minutes or {}
        self.exit_lines: Mapping[str, str] = exit_lines or {}
        self._cover_phrase = normalise_phrase(cover_phrase) if cover_phrase else None

    async def handle(
        self,
        session: AsyncSession,
        *,
        subject_id: str,
        given: Input,
        locale_hint: str,
        chat_ref: bytes | None = None,
        update_id: int | None = None,
        message_id: int | None = None,
        chat_key: str | None = None,
        kid: str | None = None,
    ) -> Outcome:
        """Apply one input. ``message_id``: the person's message (a quick exit deletes it
        with the rest; the channel keeps the ids of other messages, see ``Outcome.final``);
        ``chat_key``: their chat's outbox key (an erasure drops what still waits there)."""
        now = self.clock()
        before = await repo.load_conversation(session, subject_id)
        if before is not None and isinstance(given, Text) and self.is_codeword(before, given.text):
            return await self._panic(session, subject_id, before, now, update_id)
        locked = self.engine.locked(before)
        if given == Command("mydata") and before is not None and before.locale and not locked:
            return await self._my_data(session, subject_id, before)
        result = await self._step(before, given, locale_hint, locked=locked)
        if any(isinstance(e, QuickExit | Erase) for e in result.effects):
            return await self._leave(
                session, subject_id, before, result, now, message_id, chat_key, update_id
            )
        after = result.conversation
        await repo.save_conversation(
            session,
            subject_id,
            after,
            chat_ref=chat_ref,
            now=now,
            existed=before is not None,
            kid=kid,
        )
        await self._event(session, subject_id, before, after, result.event, now, update_id)
        await sync_subscriptions(
            session, subject_id, before.settings if before else {}, after.settings, now=now
        )
        if isinstance(given, Command) and given.name == "start" and given.arg:
            linked = parse_start_payload(given.arg)
            # counted only when the link did start (or, for a new person, will start once
            # they chose a language) its flow: not behind a cover menu, not a flow not served
            accepted = result.event == "deep_link" or PENDING_FLOW in after.answers
            if linked is not None and accepted:
                await record_link_start(session, linked[0], subject_id)
        codes: list[str] = []
        notices: list[CaseNotice] = []
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
                back = await repo.resume_case(session, subject_id)
                if back is not None:
                    notices.append(CaseNotice(back[0], back[1], "returned"))
                # The person gets the code with the confirmation (the engine cannot know it);
                # asking again while a case is open says so, with the usual wait.
                if earlier is None:
                    effects.append(Reply("case-code", {"code": code}))
                else:
                    minutes = self.wait_minutes.get(effect.priority, 0)
                    effects.append(Reply("case-in-queue", {"code": code, "minutes": minutes}))
        locale = after.locale or locale_hint
        messages = render(self.translator, locale, effects)
        return Outcome(messages, after, locale, tuple(codes), notices=tuple(notices))

    async def _step(
        self, before: Conversation | None, given: Input, hint: str, *, locked: bool
    ) -> StepResult:
        if (
            locked
            and self._cover_phrase is not None
            and isinstance(given, Text)
            and normalise_phrase(given.text) == self._cover_phrase
        ):
            return self.engine.unlock(before, hint)
        return await self.engine.step(before, given, locale_hint=hint)

    async def _event(
        self,
        session: AsyncSession,
        subject_id: str,
        before: Conversation | None,
        after: Conversation,
        kind: str,
        now: datetime,
        update_id: int | None,
    ) -> None:
        """The step in the trail, with the dimensions statistics keep after retention."""
        country = after.answers.get("country")
        level = None
        arrived = before is None or before.state != after.state
        if after.flow == "risk_screening" and after.state in _LEVEL_STATES and arrived:
            level = assessment_of(after.answers).level.label
        await repo.add_event(
            session,
            subject_id=subject_id,
            update_id=update_id,
            kind=kind,
            flow=after.flow,
            state_from=before.state if before is not None else None,
            state_to=after.state,
            now=now,
            locale=after.locale,
            country=country if isinstance(country, str) else None,
            level=level,
        )

    # -- the code word ------------------------------------------------------------------

    @staticmethod
    def is_codeword(conversation: Conversation | None, text: str) -> bool:
        """True when ``text`` is the person's code word (not while they are choosing one)."""
        if conversation is None:
            return False
        word = conversation.settings.get("codeword")
        if not isinstance(word, str) or not word:
            return False
        if conversation.flow == "settings" and conversation.state == "codeword":
            return False  # choosing a new word is not using it
        return normalise_phrase(text) == word

    async def _panic(
        self,
        session: AsyncSession,
        subject_id: str,
        conversation: Conversation,
        now: datetime,
        update_id: int | None,
    ) -> Outcome:
        """An ordinary-looking line on screen; an URGENT case for the team, quietly."""
        earlier = await repo.open_case_code(session, subject_id)
        facts = None
        if earlier is None:
            # Only what identifies nobody: answers the person has not agreed to pass on
            # (a declined request's note) must not reach the consultants this way.
            country = conversation.answers.get("country")
            kept = {"country": country} if isinstance(country, str) else {}
            facts = {"locale": conversation.locale, "answers": kept}
        code = await repo.record_case_request(
            session,
            subject_id=subject_id,
            priority=Priority.URGENT,
            reason="panic",
            now=now,
            facts=facts,
        )
        notices: tuple[CaseNotice, ...] = ()
        if earlier is not None:
            # whoever holds the case must be able to answer: a quick exit does not stand
            await repo.resume_case(session, subject_id)
            topic = await session.scalar(
                select(CaseRequestRow.topic_id).where(CaseRequestRow.code == code)
            )
            notices = (CaseNotice(code, topic, "panic"),)
        await repo.add_event(
            session,
            subject_id=subject_id,
            update_id=update_id,
            kind="panic",
            flow=conversation.flow,
            state_from=conversation.state,
            state_to=conversation.state,
            now=now,
            locale=conversation.locale,
        )
        locale = conversation.locale or "en"
        messages = render(self.translator, locale, [Reply("panic-ack")])
        return Outcome(messages, conversation, locale, (code,), notices=notices)

    # -- leaving: quick exit and erasure ------------------------------------------------

    async def _leave(
        self,
        session: AsyncSession,
        subject_id: str,
        before: Conversation | None,
        result: StepResult,
        now: datetime,
        message_id: int | None,
        chat_key: str | None,
        update_id: int | None,
    ) -> Outcome:
        after = result.conversation
        locale = (before.locale if before is not None else None) or after.locale or "en"
        cleared = await repo.take_recent_messages(session, subject_id, now=now)
        if message_id is not None:
            cleared.append(message_id)
        exiting = any(isinstance(e, QuickExit) for e in result.effects)
        erasing = not exiting or bool(before is not None and before.settings.get("exit_erases"))
        notices: tuple[CaseNotice, ...] = ()
        effects: list[Effect] = [e for e in result.effects if isinstance(e, Reply)]
        if erasing:
            erased = await erase_subject(session, subject_id, now=now, chat_key=chat_key)
            notices = erased.notices
            if erased.held and not exiting:
                effects.append(Reply("forget-held", {"codes": ", ".join(erased.held)}))
        else:
            await repo.save_conversation(
                session, subject_id, after, chat_ref=None, now=now, existed=before is not None
            )
            await self._event(session, subject_id, before, after, result.event, now, update_id)
            await sync_subscriptions(
                session, subject_id, before.settings if before else {}, after.settings, now=now
            )
            notices = await self._person_left(session, subject_id)
        line = self.exit_lines.get(locale) if exiting else None
        if line:
            messages = [Rendered(html.escape(line))]
        else:
            messages = render(self.translator, locale, effects)
        return Outcome(
            messages, after, locale, (), cleared=tuple(cleared), final=True, notices=notices
        )

    @staticmethod
    async def _person_left(session: AsyncSession, subject_id: str) -> tuple[CaseNotice, ...]:
        """After a quick exit nothing more reaches the person's screen from a consultant;
        the team is told, and the case waits for them to close it."""
        rows = await session.scalars(
            select(CaseRequestRow).where(
                CaseRequestRow.subject_id == subject_id, CaseRequestRow.status != "closed"
            )
        )
        notices = []
        for row in rows:
            row.person_ended = True
            notices.append(CaseNotice(row.code, row.topic_id, "exited"))
        return tuple(notices)

    async def _my_data(
        self, session: AsyncSession, subject_id: str, conversation: Conversation
    ) -> Outcome:
        """/mydata: what is stored about the person, in their language; nothing changes."""
        kept = await repo.what_is_kept(session, subject_id)
        locale = conversation.locale or "en"
        cases = tuple(
            Fragment(
                "mydata-case-hold" if hold else "mydata-case",
                {"code": code, "status": Fragment(f"mydata-status-{status}")},
            )
            for code, status, hold in kept["cases"]
        )
        settings = conversation.settings
        mine = Reply(
            "mydata-settings",
            {
                "codeword": Fragment(
                    "settings-codeword-" + ("on" if settings.get("codeword") else "off")
                ),
                "erases": Fragment(
                    "settings-erases-" + ("on" if settings.get("exit_erases") else "off")
                ),
            },
            protect=True,
        )
        topics = {SETTING + key: value for key, value in settings.items()}
        tips = Reply(
            "mydata-subscriptions",
            {"topics": topics_arg(topics)},
            protect=True,
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
        effects = [reply, mine]
        if subscribed_topics(settings):
            effects.append(tips)
        effects.append(self.engine.render(conversation))
        return Outcome(render(self.translator, locale, effects), conversation, locale, ())

    async def current(self, session: AsyncSession, subject_id: str) -> Conversation | None:
        return await repo.load_conversation(session, subject_id)
