"""Storage of cases as the operator console sees them: by code, by topic, by person."""

from __future__ import annotations

import html

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.db.tables import CaseRequestRow, ConsoleStateRow, OperatorRow, SubjectRow
from dialogs.types import Priority
from handoff.lifecycle import Case, Status

__all__ = [
    "active_operator",
    "case_by_code",
    "case_by_topic",
    "case_of",
    "chat_of",
    "console_state",
    "held_case_of",
    "last_closed_case_of",
    "operator_alias",
    "operator_named",
    "save_case",
    "set_console_state",
    "supervisor_mentions",
]


async def case_by_code(session: AsyncSession, code: str) -> CaseRequestRow | None:
    return await session.scalar(select(CaseRequestRow).where(CaseRequestRow.code == code))


async def case_by_topic(session: AsyncSession, topic_id: int) -> CaseRequestRow | None:
    return await session.scalar(
        select(CaseRequestRow).where(
            CaseRequestRow.topic_id == topic_id, CaseRequestRow.status != Status.CLOSED
        )
    )


async def held_case_of(session: AsyncSession, subject_id: str) -> CaseRequestRow | None:
    """The person's case while a consultant holds it (their messages are relayed then)."""
    return await session.scalar(
        select(CaseRequestRow).where(
            CaseRequestRow.subject_id == subject_id,
            CaseRequestRow.status == Status.HELD,
            CaseRequestRow.person_ended.is_(False),
        )
    )


async def supervisor_mentions(session: AsyncSession) -> str:
    """HTML mentions of the active supervisors and admins (staff, not the people helped)."""
    rows = await session.scalars(
        select(OperatorRow).where(
            OperatorRow.active.is_(True), OperatorRow.role.in_(["supervisor", "admin"])
        )
    )
    return ", ".join(
        f'<a href="tg://user?id={int(r.telegram_ref.decode())}">{html.escape(r.alias)}</a>'
        for r in rows
    )


async def last_closed_case_of(session: AsyncSession, subject_id: str) -> CaseRequestRow | None:
    return await session.scalar(
        select(CaseRequestRow)
        .where(CaseRequestRow.subject_id == subject_id, CaseRequestRow.status == Status.CLOSED)
        .order_by(CaseRequestRow.closed_at.desc())
        .limit(1)
    )


async def active_operator(session: AsyncSession, lookup: str) -> OperatorRow | None:
    """An active operator by their pseudonym under the current key (``OperatorRow.lookup``)."""
    return await session.scalar(
        select(OperatorRow).where(OperatorRow.lookup == lookup, OperatorRow.active.is_(True))
    )


async def operator_named(session: AsyncSession, alias: str) -> OperatorRow | None:
    """An active operator by the name people see (case-insensitive)."""
    wanted = alias.strip().casefold()
    for row in await session.scalars(select(OperatorRow).where(OperatorRow.active.is_(True))):
        if row.alias.casefold() == wanted:
            return row
    return None


async def operator_alias(session: AsyncSession, ref: str | None) -> str:
    if ref is None:
        return ""
    row = await session.scalar(select(OperatorRow.alias).where(OperatorRow.ref == ref))
    return row or ""


async def chat_of(session: AsyncSession, subject_id: str) -> int | None:
    """The person's private chat id (decrypted), to write to them."""
    ref = await session.scalar(select(SubjectRow.chat_ref).where(SubjectRow.id == subject_id))
    return int(ref.decode()) if ref else None


async def console_state(session: AsyncSession, key: str) -> int | None:
    return await session.scalar(select(ConsoleStateRow.value).where(ConsoleStateRow.key == key))


async def set_console_state(session: AsyncSession, key: str, value: int) -> None:
    row = await session.get(ConsoleStateRow, key)
    if row is None:
        session.add(ConsoleStateRow(key=key, value=value))
    else:
        row.value = value


def case_of(row: CaseRequestRow) -> Case:
    """A stored case as the lifecycle rules see it."""
    return Case(
        code=row.code,
        priority=Priority(row.priority),
        status=Status(row.status),
        opened_at=row.created_at,
        holder=row.holder_ref,
        claimed_at=row.claimed_at,
        escalated=row.escalated,
    )


def save_case(row: CaseRequestRow, case: Case) -> None:
    """Copy a lifecycle result onto its row (the session writes it at commit)."""
    row.status = case.status.value
    row.holder_ref = case.holder
    row.claimed_at = case.claimed_at
    row.escalated = case.escalated
    row.outcome = case.outcome.value if case.outcome is not None else None
    row.closed_at = case.closed_at
