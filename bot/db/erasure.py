"""Erasure (/forget, or a quick exit the person set to erase): every row about one person.

What goes: the conversation and its settings, the subject, the dialog trail (counted into
the statistics first), recent message ids, messages still waiting in the outbox, the
person's subscriptions and campaign messages not yet sent to them (a sent one stays
counted for its campaign, naming nobody). Cases
stay only as rows that identify nobody: a case code, dates, outcome, the language, the
country and the indicators; an open case is closed as "person left". A case under a legal
hold is kept whole and named to the person. Each erased case is audited.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import delete, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.db import staff
from bot.db.tables import (
    CaseRequestRow,
    ConversationRow,
    DeliveryRow,
    DeliveryState,
    OutboxRow,
    RecentMessageRow,
    SubjectRow,
    SubscriptionRow,
)
from bot.retention import tally_events_of
from dialogs.flows.risk_screening import PREFIX
from handoff.lifecycle import Outcome, Status

__all__ = ["ERASED", "CaseNotice", "Erasure", "anonymous_facts", "erase_subject"]

#: What an erased case's ``subject_id`` becomes: it points at nobody.
ERASED = ""


@dataclass(frozen=True, slots=True)
class CaseNotice:
    """Something the operator group must hear about a case (``kind``: erased, exited,
    panic); ``topic_id`` is None while the case has no topic yet."""

    code: str
    topic_id: int | None
    kind: str


@dataclass(frozen=True, slots=True)
class Erasure:
    held: tuple[str, ...]
    notices: tuple[CaseNotice, ...]


def anonymous_facts(facts: Any) -> dict[str, Any]:
    """Only what identifies nobody: language, country, the indicators answered."""
    facts = facts if isinstance(facts, dict) else {}
    answers = facts.get("answers") if isinstance(facts.get("answers"), dict) else {}
    kept = {k: v for k, v in answers.items() if k.startswith(PREFIX) or k == "country"}
    return {"locale": facts.get("locale", ""), "answers": kept, "erased": True}


async def erase_subject(
    session: AsyncSession, subject_id: str, *, now: datetime, chat_key: str | None = None
) -> Erasure:
    """Erase one person in the caller's transaction (so a crash erases all or nothing)."""
    held: list[str] = []
    notices: list[CaseNotice] = []
    rows = await session.scalars(
        select(CaseRequestRow).where(CaseRequestRow.subject_id == subject_id)
    )
    for row in list(rows):
        if row.legal_hold:
            held.append(row.code)
            continue
        if row.status != Status.CLOSED:
            row.status = str(Status.CLOSED)
            row.outcome = str(Outcome.PERSON_LEFT)
            row.closed_at = now
            row.person_ended = True
            notices.append(CaseNotice(row.code, row.topic_id, "erased"))
        row.facts = anonymous_facts(row.facts)
        row.subject_id = ERASED
        await staff.append_audit(
            session, actor="person", action="erasure", now=now, case_code=row.code
        )
    if not notices and not held:
        await staff.append_audit(session, actor="person", action="erasure", now=now)
    await tally_events_of(session, subject_id)
    await session.execute(delete(RecentMessageRow).where(RecentMessageRow.subject_id == subject_id))
    await session.execute(delete(SubscriptionRow).where(SubscriptionRow.subject_id == subject_id))
    # A campaign not yet sent to the person is not sent; what was sent stays counted, naming
    # nobody.
    await session.execute(
        delete(DeliveryRow).where(
            DeliveryRow.subject_id == subject_id, DeliveryRow.state < DeliveryState.SENT
        )
    )
    await session.execute(
        update(DeliveryRow).where(DeliveryRow.subject_id == subject_id).values(subject_id=None)
    )
    await session.execute(delete(ConversationRow).where(ConversationRow.subject_id == subject_id))
    await session.execute(delete(SubjectRow).where(SubjectRow.id == subject_id))
    if chat_key is not None:
        await session.execute(delete(OutboxRow).where(OutboxRow.chat_key == chat_key))
    return Erasure(tuple(held), tuple(notices))
