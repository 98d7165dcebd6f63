"""Storage for the people who run the service: operators, the audit trail, contact checks.

Kept apart from repo.py (the people the service is for). Operators are known by a
pseudonym of their Telegram id; the audit trail records ids, codes and actions, never
content, and each row's digest chains it to the one before.
"""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime

from sqlalchemy import select, text
from sqlalchemy.ext.asyncio import AsyncSession

from bot.db.tables import AuditAnchorRow, AuditRow, ContactCheckRow, OperatorRow

__all__ = [
    "add_operator",
    "append_audit",
    "audit_digest",
    "contact_checks",
    "deactivate_operator",
    "operators",
    "record_contact_check",
    "verify_audit",
]


# -- operators and the audit trail -------------------------------------------------------


async def add_operator(
    session: AsyncSession,
    *,
    ref: str,
    telegram_ref: bytes,
    alias: str,
    role: str,
    now: datetime,
) -> bool:
    """Register (or re-activate and update) an operator; True when newly added.

    ``ref`` is the operator's pseudonym under the current key: a new row keeps it as its
    stable ref and as its lookup; an existing row is found by its lookup (its ref, made
    under an older key, stays as it is).
    """
    row = await session.scalar(select(OperatorRow).where(OperatorRow.lookup == ref))
    if row is None:
        session.add(
            OperatorRow(
                ref=ref,
                lookup=ref,
                telegram_ref=telegram_ref,
                alias=alias,
                role=role,
                active=True,
                created_at=now,
            )
        )
        return True
    row.alias, row.role, row.active, row.telegram_ref = alias, role, True, telegram_ref
    return False


async def deactivate_operator(session: AsyncSession, lookup: str) -> bool:
    """Stop an operator from acting; the row stays so the audit trail still names them."""
    row = await session.scalar(
        select(OperatorRow).where(OperatorRow.lookup == lookup, OperatorRow.active.is_(True))
    )
    if row is None:
        return False
    row.active = False
    return True


async def operators(session: AsyncSession, *, active_only: bool = True) -> list[OperatorRow]:
    query = select(OperatorRow).order_by(OperatorRow.id)
    if active_only:
        query = query.where(OperatorRow.active.is_(True))
    return list(await session.scalars(query))


def audit_digest(
    previous: str, at: datetime, actor: str, action: str, case_code: str | None, detail: str
) -> str:
    """The chain link: SHA-256 over the previous digest and this row's fields."""
    fields = [previous, at.astimezone(UTC).isoformat(), actor, action, case_code or "", detail]
    return hashlib.sha256("\x1f".join(fields).encode()).hexdigest()


async def append_audit(
    session: AsyncSession,
    *,
    actor: str,
    action: str,
    now: datetime,
    case_code: str | None = None,
    detail: str = "",
) -> None:
    """Append one audit row chained to the last (never content: ids, codes, actions)."""
    if session.bind is not None and session.bind.dialect.name == "postgresql":
        # one writer at a time extends the chain
        await session.execute(text("SELECT pg_advisory_xact_lock(7415)"))
    previous = await session.scalar(select(AuditRow.digest).order_by(AuditRow.id.desc()).limit(1))
    if previous is None:  # retention may have removed every row: go on from the anchor
        previous = await session.scalar(
            select(AuditAnchorRow.last_digest).where(AuditAnchorRow.id == 1)
        )
    digest = audit_digest(previous or "", now, actor, action, case_code, detail)
    session.add(
        AuditRow(
            at=now, actor=actor, action=action, case_code=case_code, detail=detail, digest=digest
        )
    )
    await session.flush()


async def verify_audit(session: AsyncSession) -> int | None:
    """The id of the first row whose digest does not follow from the chain, or None.

    After retention removed the oldest rows the chain starts at the anchor (the digest of
    the last row removed): the first remaining row must follow it, so a removed row is
    still noticed anywhere but in the purged prefix. Ids are not required to be
    consecutive (a PostgreSQL sequence skips the ids of rolled-back inserts); the digests
    carry the proof.
    """
    anchor = await session.get(AuditAnchorRow, 1)
    previous = anchor.last_digest if anchor is not None else ""
    after = anchor.last_id if anchor is not None else 0
    for row in await session.scalars(select(AuditRow).order_by(AuditRow.id)):
        if row.id <= after:  # a row the anchor says was purged
            return row.id
        expected = audit_digest(previous, row.at, row.actor, row.action, row.case_code, row.detail)
        if row.digest != expected:
            return row.id
        previous = row.digest
    return None


# -- contact checks -----------------------------------------------------------------------


async def contact_checks(session: AsyncSession) -> dict[str, str]:
    rows = await session.execute(select(ContactCheckRow.contact_id, ContactCheckRow.checked_on))
    return {row.contact_id: row.checked_on for row in rows}


async def record_contact_check(
    session: AsyncSession, contact_id: str, *, checked_on: str, checked_by: str, now: datetime
) -> None:
    row = await session.get(ContactCheckRow, contact_id)
    if row is None:
        session.add(
            ContactCheckRow(
                contact_id=contact_id,
                checked_on=checked_on,
                checked_by=checked_by,
                recorded_at=now,
            )
        )
    else:
        row.checked_on, row.checked_by, row.recorded_at = checked_on, checked_by, now
