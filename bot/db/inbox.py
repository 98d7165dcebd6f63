"""The inbox: every update is stored before Telegram is told it arrived, claimed once in
the transaction that handles it, and remembered (without content) so a redelivery is
recognised. See bot.telegram.polling and bot.telegram.unit_of_work."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any, cast

from sqlalchemy import Table, bindparam, delete, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncSession

from bot.db.repo import dialect_of, insert_ignore
from bot.db.tables import InboxRow

__all__ = [
    "claim_update",
    "inbox_status",
    "mark_update_done",
    "pending_updates",
    "prune_inbox",
    "remember_update",
    "store_updates",
]

_INBOX = cast(Table, InboxRow.__table__)


def _claim_statement(insert_: Any) -> Any:
    return (
        insert_(_INBOX)
        .values(
            update_id=bindparam("update_id"),
            received_at=bindparam("now", type_=_INBOX.c.received_at.type),
            payload=None,
            status="done",
            attempts=0,
            processed_at=bindparam("now", type_=_INBOX.c.processed_at.type),
        )
        .on_conflict_do_update(
            index_elements=[_INBOX.c.update_id],
            set_={
                "status": "done",
                "payload": None,
                "processed_at": bindparam("now", type_=_INBOX.c.processed_at.type),
            },
            where=_INBOX.c.status == "pending",
        )
        .returning(_INBOX.c.update_id)
    )


_CLAIM = {"sqlite": _claim_statement(sqlite_insert), "postgresql": _claim_statement(pg_insert)}


# -- inbox --------------------------------------------------------------------------------


async def store_updates(
    session: AsyncSession, updates: Sequence[tuple[int, bytes]], *, now: datetime
) -> None:
    """Store received updates; an update_id seen before is left as it is."""
    if not updates:
        return
    rows = [
        {
            "update_id": update_id,
            "received_at": now,
            "payload": payload,
            "status": "pending",
            "attempts": 0,
        }
        for update_id, payload in updates
    ]
    await session.execute(insert_ignore(session, InboxRow, rows))


async def inbox_status(session: AsyncSession, update_id: int) -> str | None:
    result: str | None = await session.scalar(
        select(InboxRow.status).where(InboxRow.update_id == update_id)
    )
    return result


async def mark_update_done(session: AsyncSession, update_id: int, *, now: datetime) -> None:
    """Processed: drop the payload, keep the id so a redelivery is recognised."""
    await session.execute(
        update(InboxRow)
        .where(InboxRow.update_id == update_id)
        .values(status="done", payload=None, processed_at=now)
    )


async def claim_update(session: AsyncSession, update_id: int, *, now: datetime) -> bool:
    """Mark an update done, in the caller's transaction, unless it was processed before.

    One statement: a new id is inserted as done, a pending one (stored by the poller) is
    switched to done and loses its payload, a done or dead one is left alone. True means
    "process it now"; if processing then fails, the rollback undoes the mark.
    """
    statement = _CLAIM["postgresql" if dialect_of(session) == "postgresql" else "sqlite"]
    result = await session.execute(statement, {"update_id": update_id, "now": now})
    return result.first() is not None


async def remember_update(
    session: AsyncSession, update_id: int, *, now: datetime, status: str = "done"
) -> None:
    """Mark an update processed (or given up), whether or not it passed through the inbox."""
    values = {"status": status, "payload": None, "processed_at": now}
    result = await session.execute(
        update(InboxRow).where(InboxRow.update_id == update_id).values(**values)
    )
    if not getattr(result, "rowcount", 0):
        session.add(InboxRow(update_id=update_id, received_at=now, attempts=0, **values))


async def pending_updates(session: AsyncSession, limit: int = 500) -> list[tuple[int, bytes]]:
    rows = await session.execute(
        select(InboxRow.update_id, InboxRow.payload)
        .where(InboxRow.status == "pending")
        .order_by(InboxRow.update_id)
        .limit(limit)
    )
    return [(update_id, payload) for update_id, payload in rows if payload is not None]


async def prune_inbox(session: AsyncSession, *, before: datetime) -> int:
    """Forget processed update ids older than Telegram's redelivery window."""
    result = await session.execute(
        delete(InboxRow).where(InboxRow.status != "pending", InboxRow.processed_at < before)
    )
    return int(getattr(result, "rowcount", 0) or 0)
