"""Repository functions for conversations, events, case requests, recent message ids and the
outbox; each takes the session first. (The inbox is bot.db.inbox; staff, audit and contact
checks are bot.db.staff; the console's case queries bot.db.cases.)"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime, timedelta
from typing import Any, cast

from sqlalchemy import Table, bindparam, delete, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncSession

from bot.db.tables import (
    CaseRequestRow,
    ConversationRow,
    EventRow,
    OutboxRow,
    RecentMessageRow,
    SubjectRow,
)
from dialogs.types import Conversation, Priority
from handoff.cases import new_case_code

__all__ = [
    "DELETABLE_FOR",
    "abandon_conversations",
    "add_event",
    "dialect_of",
    "enqueue",
    "forget_outbox",
    "insert_ignore",
    "load_conversation",
    "open_case_code",
    "outbox_rows",
    "postpone_outbox",
    "record_case_request",
    "remember_messages",
    "resume_case",
    "save_conversation",
    "take_recent_messages",
    "what_is_kept",
]


def insert_ignore(session: AsyncSession, table: Any, rows: list[dict[str, Any]]) -> Any:
    insert = pg_insert if dialect_of(session) == "postgresql" else sqlite_insert
    return insert(table).values(rows).on_conflict_do_nothing()


def dialect_of(session: AsyncSession) -> str:
    return session.bind.dialect.name if session.bind is not None else "sqlite"


# The hot path's statements are built once, on the Core tables, with bound parameters:
# building a statement and its cache key costs more than executing it on SQLite.
_CONV = cast(Table, ConversationRow.__table__)
_SELECT_CONVERSATION = select(
    _CONV.c.flow,
    _CONV.c.flow_version,
    _CONV.c.state,
    _CONV.c.answers,
    _CONV.c.locale,
    _CONV.c.settings,
).where(_CONV.c.subject_id == bindparam("sid"))
_UPDATE_CONVERSATION = (
    _CONV.update()
    .where(_CONV.c.subject_id == bindparam("sid"))
    .values(
        flow=bindparam("flow"),
        flow_version=bindparam("flow_version"),
        state=bindparam("state"),
        answers=bindparam("answers", type_=_CONV.c.answers.type),
        locale=bindparam("locale"),
        settings=bindparam("settings", type_=_CONV.c.settings.type),
        updated_at=bindparam("updated_at", type_=_CONV.c.updated_at.type),
        steps=_CONV.c.steps + 1,
    )
)
_INSERT_CONVERSATION = _CONV.insert()
_INSERT_EVENT = cast(Table, EventRow.__table__).insert()
_OUTBOX = cast(Table, OutboxRow.__table__)
_INSERT_OUTBOX = _OUTBOX.insert().returning(_OUTBOX.c.id)
_DELETE_OUTBOX = _OUTBOX.delete().where(_OUTBOX.c.id.in_(bindparam("ids", expanding=True)))
# -- conversations ------------------------------------------------------------------------


async def load_conversation(session: AsyncSession, subject_id: str) -> Conversation | None:
    row = (await session.execute(_SELECT_CONVERSATION, {"sid": subject_id})).first()
    if row is None:
        return None
    return Conversation(
        flow=row.flow,
        flow_version=row.flow_version,
        state=row.state,
        answers=row.answers,
        locale=row.locale,
        settings=row.settings or {},
    )


async def save_conversation(
    session: AsyncSession,
    subject_id: str,
    conversation: Conversation,
    *,
    chat_ref: bytes | None,
    now: datetime,
    existed: bool | None = None,
    kid: str | None = None,
) -> None:
    """Insert or update the person's conversation (and create the subject on first contact).

    ``existed`` says whether the caller just loaded a conversation; it saves a query.
    ``kid`` is the key id whose pseudonym secret made ``subject_id``.
    """
    values = {
        "flow": conversation.flow,
        "flow_version": conversation.flow_version,
        "state": conversation.state,
        "answers": dict(conversation.answers),
        "locale": conversation.locale,
        "settings": dict(conversation.settings) or None,
        "updated_at": now,
    }
    if existed is not False:
        result = await session.execute(_UPDATE_CONVERSATION, {"sid": subject_id, **values})
        if getattr(result, "rowcount", 0):
            return
    await session.execute(
        insert_ignore(
            session,
            SubjectRow,
            [{"id": subject_id, "created_at": now, "chat_ref": chat_ref, "kid": kid}],
        )
    )
    await session.execute(_INSERT_CONVERSATION, {"subject_id": subject_id, "steps": 1, **values})


async def add_event(
    session: AsyncSession,
    *,
    subject_id: str,
    update_id: int | None,
    kind: str,
    flow: str,
    state_from: str | None,
    state_to: str,
    now: datetime,
    locale: str | None = None,
    country: str | None = None,
    level: str | None = None,
) -> None:
    """One step of a dialog: names, states and dimensions that identify nobody."""
    await session.execute(
        _INSERT_EVENT,
        {
            "at": now,
            "subject_id": subject_id,
            "update_id": update_id,
            "kind": kind,
            "flow": flow,
            "state_from": state_from,
            "state_to": state_to,
            "locale": locale,
            "country": country,
            "level": level,
        },
    )


async def what_is_kept(session: AsyncSession, subject_id: str) -> dict[str, Any]:
    """What the database holds about one person, for /mydata (no content is read out)."""
    since = await session.scalar(select(SubjectRow.created_at).where(SubjectRow.id == subject_id))
    updated = await session.scalar(
        select(ConversationRow.updated_at).where(ConversationRow.subject_id == subject_id)
    )
    cases = [
        (row.code, row.status, row.legal_hold)
        for row in await session.execute(
            select(CaseRequestRow.code, CaseRequestRow.status, CaseRequestRow.legal_hold)
            .where(CaseRequestRow.subject_id == subject_id)
            .order_by(CaseRequestRow.created_at)
        )
    ]
    return {"since": since, "updated": updated, "cases": cases}


async def open_case_code(session: AsyncSession, subject_id: str) -> str | None:
    """The code of the person's case still in the queue or with a consultant, if any."""
    return await session.scalar(
        select(CaseRequestRow.code).where(
            CaseRequestRow.subject_id == subject_id, CaseRequestRow.status != "closed"
        )
    )


async def resume_case(session: AsyncSession, subject_id: str) -> tuple[str, int | None] | None:
    """The person who had left (quick exit, "end the conversation") asks again: their open
    case relays again. Returns its code and topic when it had been left, else None."""
    row = await session.scalar(
        select(CaseRequestRow).where(
            CaseRequestRow.subject_id == subject_id,
            CaseRequestRow.status != "closed",
            CaseRequestRow.person_ended.is_(True),
        )
    )
    if row is None:
        return None
    row.person_ended = False
    return row.code, row.topic_id


async def record_case_request(
    session: AsyncSession,
    *,
    subject_id: str,
    priority: Priority,
    reason: str,
    now: datetime,
    facts: dict[str, Any] | None = None,
) -> str:
    """Record a request for a human; one open request per person (a repeat raises priority
    and refreshes what the summary shows). ``facts``: the person's language and answers."""
    existing = await session.scalar(
        select(CaseRequestRow).where(
            CaseRequestRow.subject_id == subject_id, CaseRequestRow.status != "closed"
        )
    )
    if existing is not None:
        existing.priority = max(existing.priority, int(priority))
        if facts is not None:
            # a repeat request adds to what the summary shows, never wipes it
            old = existing.facts if isinstance(existing.facts, dict) else {}
            answers = {**dict(old.get("answers") or {}), **dict(facts.get("answers") or {})}
            existing.facts = {**old, **facts, "answers": answers}
        return existing.code
    while True:
        code = new_case_code()
        if await session.scalar(select(CaseRequestRow.id).where(CaseRequestRow.code == code)):
            continue
        session.add(
            CaseRequestRow(
                code=code,
                subject_id=subject_id,
                priority=int(priority),
                reason=reason,
                status="queued",
                created_at=now,
                facts=facts,
            )
        )
        return code


async def abandon_conversations(
    session: AsyncSession, *, before: datetime, keep: Iterable[str], to: Conversation
) -> int:
    """Send people idle since ``before`` back to ``to`` (the menu) and drop their answers.

    Half-finished answers are personal data with no use once the person has gone.
    """
    result = await session.execute(
        update(ConversationRow)
        .where(ConversationRow.updated_at < before, ConversationRow.flow.notin_(list(keep)))
        .values(flow=to.flow, flow_version=to.flow_version, state=to.state, answers={})
    )
    return int(getattr(result, "rowcount", 0) or 0)


# -- recent message ids (for the quick exit) ---------------------------------------------

#: How long Telegram lets a bot delete messages in a private chat (both sides).
DELETABLE_FOR = timedelta(hours=48)
_RECENT = cast(Table, RecentMessageRow.__table__)
_INSERT_RECENT = _RECENT.insert()


async def remember_messages(
    session: AsyncSession, rows: Sequence[tuple[str, int, datetime]]
) -> None:
    """Keep (subject, message id, when) for messages the quick exit may delete."""
    if rows:
        await session.execute(
            _INSERT_RECENT,
            [{"subject_id": s, "message_id": str(m).encode(), "at": at} for s, m, at in rows],
        )


async def take_recent_messages(
    session: AsyncSession, subject_id: str, *, now: datetime
) -> list[int]:
    """The person's message ids still deletable, oldest first; their rows are removed."""
    rows = await session.execute(
        select(RecentMessageRow.message_id, RecentMessageRow.at)
        .where(RecentMessageRow.subject_id == subject_id)
        .order_by(RecentMessageRow.id)
    )
    ids = [int(raw) for raw, at in rows if at > now - DELETABLE_FOR]
    await session.execute(delete(RecentMessageRow).where(RecentMessageRow.subject_id == subject_id))
    return list(dict.fromkeys(ids))


# -- outbox -------------------------------------------------------------------------------


async def enqueue(
    session: AsyncSession,
    *,
    lane: int,
    chat_key: str,
    method: str,
    payload: dict[str, Any],
    update_id: int | None,
    now: datetime,
    not_before: datetime,
) -> int:
    result = await session.execute(
        _INSERT_OUTBOX,
        {
            "created_at": now,
            "lane": lane,
            "chat_key": chat_key,
            "method": method,
            "payload": payload,
            "update_id": update_id,
            "attempts": 0,
            "not_before": not_before,
        },
    )
    return int(result.scalar_one())


async def forget_outbox(session: AsyncSession, ids: Iterable[int]) -> None:
    """Sent (or given up): the row and its content go."""
    id_list = list(ids)
    if id_list:
        await session.execute(_DELETE_OUTBOX, {"ids": id_list})


async def outbox_rows(session: AsyncSession, *, limit: int) -> list[OutboxRow]:
    """Rows in sending order: lane first, then the order they were written."""
    rows = await session.scalars(
        select(OutboxRow).order_by(OutboxRow.lane, OutboxRow.id).limit(limit)
    )
    return list(rows)


async def postpone_outbox(
    session: AsyncSession, outbox_id: int, *, until: datetime, attempts: int
) -> None:
    await session.execute(
        update(OutboxRow)
        .where(OutboxRow.id == outbox_id)
        .values(not_before=until, attempts=attempts)
    )
