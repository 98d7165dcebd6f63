"""Retention: how long each class of data is kept, and the purge that removes what is older.

Data classes and their limits (``LASTIVKA_RETENTION_*_DAYS``): dialog events (the
transcript trail), idle conversations with their person, closed cases, audit rows; message
ids for the quick exit go after the 48 hours Telegram allows deleting them. Before a row
goes it is added to the ``stats`` counters (day, flow, risk level, outcome, country,
language; never a person), so statistics survive the data they were counted from.

The purge works in batches, one transaction each: a batch's counters are written in the
transaction that deletes its rows, so a killed purge loses at most the batch in progress
(rolled back with its counters) and the next run picks up where it stopped. Deleting with
``RETURNING`` counts exactly the rows this transaction removed, so two purges running at
once (several workers on PostgreSQL) never count a row twice.
"""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, fields
from datetime import datetime, timedelta
from typing import Any, cast

from sqlalchemy import (
    ColumnElement,
    FromClause,
    Table,
    delete,
    exists,
    func,
    or_,
    select,
    text,
    update,
)
from sqlalchemy.ext.asyncio import AsyncSession

from bot.config import Settings
from bot.db import staff
from bot.db.database import Database
from bot.db.stats import (
    StatKey,
    add_counts,
    case_key,
    counted,
    day_of,
    dialect,
    event_key,
    stat_key,
    tally_events,
    tally_events_of,
)
from bot.db.tables import (
    AuditAnchorRow,
    AuditRow,
    CaseRequestRow,
    ConversationRow,
    DeliveryRow,
    EventRow,
    RecentMessageRow,
    SubjectRow,
    SubscriptionRow,
)
from dialogs.flows.menu import MENU_FLOW

# StatKey, add_counts, case_key, counted, event_key and tally_events_of live in
# bot.db.stats; they are re-exported here, where retention's callers look for them.
__all__ = [
    "DATA_CLASSES",
    "MESSAGE_WINDOW",
    "PurgeReport",
    "RetentionPolicy",
    "StatKey",
    "add_counts",
    "case_key",
    "counted",
    "due",
    "event_key",
    "purge",
    "tally_events_of",
]

#: Telegram lets a bot delete messages of a private chat for 48 hours; ids are no use after.
MESSAGE_WINDOW = timedelta(hours=48)
#: The order the purge runs in, and the fields of ``PurgeReport``.
DATA_CLASSES = ("events", "messages", "people", "cases", "audit")

_EVENTS = cast(Table, EventRow.__table__)
_MESSAGES = cast(Table, RecentMessageRow.__table__)
_CONV = cast(Table, ConversationRow.__table__)
_SUBJECTS = cast(Table, SubjectRow.__table__)
_SUBSCRIPTIONS = cast(Table, SubscriptionRow.__table__)
_DELIVERIES = cast(Table, DeliveryRow.__table__)
_CASES = cast(Table, CaseRequestRow.__table__)
_AUDIT = cast(Table, AuditRow.__table__)
#: The advisory lock ``staff.append_audit`` takes: one writer at a time touches the chain.
_AUDIT_LOCK = text("SELECT pg_advisory_xact_lock(7415)")


@dataclass(frozen=True, slots=True)
class RetentionPolicy:
    """How long each data class is kept; a row older than its limit is purged."""

    transcripts: timedelta
    answers: timedelta
    cases: timedelta
    audit: timedelta
    messages: timedelta = MESSAGE_WINDOW

    @classmethod
    def from_settings(cls, settings: Settings) -> RetentionPolicy:
        return cls(
            transcripts=timedelta(days=settings.retention_transcript_days),
            answers=timedelta(days=settings.retention_answers_days),
            cases=timedelta(days=settings.retention_cases_days),
            audit=timedelta(days=settings.retention_audit_days),
        )

    def limit(self, data_class: str) -> timedelta:
        """The limit of one of ``DATA_CLASSES`` (people go with their answers)."""
        name = {"events": "transcripts", "people": "answers"}.get(data_class, data_class)
        return cast(timedelta, getattr(self, name))


@dataclass(frozen=True, slots=True)
class PurgeReport:
    """Rows removed (or, from ``due``, to be removed) per data class."""

    events: int = 0
    messages: int = 0
    people: int = 0
    cases: int = 0
    audit: int = 0

    @property
    def total(self) -> int:
        return sum(getattr(self, f.name) for f in fields(self))

    def detail(self) -> str:
        """The audit row's detail: counts only, within the column's 64 characters."""
        return " ".join(f"{name}={getattr(self, name)}" for name in DATA_CLASSES)[:64]


# -- one batch of each data class: remove up to ``batch`` rows older than ``cutoff`` ------


async def _events(session: AsyncSession, cutoff: datetime, batch: int) -> int:
    old = _EVENTS.c.at < cutoff
    ids = select(_EVENTS.c.id).where(old).order_by(_EVENTS.c.id).limit(batch)
    return await tally_events(session, _EVENTS.c.id.in_(ids), old)


async def _messages(session: AsyncSession, cutoff: datetime, batch: int) -> int:
    old = _MESSAGES.c.at < cutoff
    ids = select(_MESSAGES.c.id).where(old).order_by(_MESSAGES.c.id).limit(batch)
    rows = await session.execute(
        delete(_MESSAGES).where(_MESSAGES.c.id.in_(ids), old).returning(_MESSAGES.c.id)
    )
    return len(rows.all())


def _kept_by_a_case(subject_id: ColumnElement[str]) -> ColumnElement[bool]:
    """The person has a case still open, or one an operator placed under legal hold."""
    return exists().where(
        _CASES.c.subject_id == subject_id,
        or_(_CASES.c.status != "closed", _CASES.c.legal_hold.is_(True)),
    )


def _subscribed(subject_id: ColumnElement[str]) -> ColumnElement[bool]:
    """The person asked for prevention messages: their subject (and chat) must stay."""
    return exists().where(_SUBSCRIPTIONS.c.subject_id == subject_id)


def _idle_people(cutoff: datetime, batch: int) -> Any:
    conv = _CONV.alias("idle")
    return (
        select(conv.c.subject_id)
        .where(
            conv.c.updated_at < cutoff,
            ~_kept_by_a_case(conv.c.subject_id),
            ~_subscribed(conv.c.subject_id),
        )
        .order_by(conv.c.updated_at)
        .limit(batch)
    )


async def _idle_subscribers(session: AsyncSession, cutoff: datetime, batch: int) -> int:
    """Subscribers stay (their chat is needed to reach them), but their answers go like
    anyone's: the dialog is put back at the menu with nothing in it."""
    conv = _CONV.alias("idle_subscriber")
    idle = (
        select(conv.c.subject_id)
        .where(
            conv.c.updated_at < cutoff,
            _subscribed(conv.c.subject_id),
            ~_kept_by_a_case(conv.c.subject_id),
            or_(conv.c.flow != MENU_FLOW.name, conv.c.state != MENU_FLOW.initial),
        )
        .limit(batch)
    )
    result = await session.execute(
        update(_CONV)
        .where(_CONV.c.subject_id.in_(idle))
        .values(
            flow=MENU_FLOW.name, flow_version=MENU_FLOW.version, state=MENU_FLOW.initial, answers={}
        )
    )
    return int(getattr(result, "rowcount", 0) or 0)


async def _people(session: AsyncSession, cutoff: datetime, batch: int) -> int:
    reset = await _idle_subscribers(session, cutoff, batch)
    return reset + await _gone_people(session, cutoff, batch)


async def _gone_people(session: AsyncSession, cutoff: datetime, batch: int) -> int:
    rows = await session.execute(
        delete(_CONV)
        .where(_CONV.c.subject_id.in_(_idle_people(cutoff, batch)), _CONV.c.updated_at < cutoff)
        .returning(_CONV.c.subject_id, _CONV.c.updated_at, _CONV.c.locale)
    )
    removed = rows.all()
    if not removed:
        return 0
    ids = [row.subject_id for row in removed]
    await session.execute(delete(_MESSAGES).where(_MESSAGES.c.subject_id.in_(ids)))
    # campaign figures stay, naming nobody (as after an erasure)
    await session.execute(
        update(_DELIVERIES).where(_DELIVERIES.c.subject_id.in_(ids)).values(subject_id=None)
    )
    await session.execute(delete(_SUBJECTS).where(_SUBJECTS.c.id.in_(ids)))
    counts = Counter(
        stat_key(day_of(row.updated_at), "person_expired", locale=row.locale) for row in removed
    )
    await add_counts(session, counts)
    return len(removed)


def _expired_cases(cutoff: datetime) -> ColumnElement[bool]:
    return (
        (_CASES.c.status == "closed")
        & (_CASES.c.closed_at < cutoff)
        & _CASES.c.legal_hold.is_(False)
    )


async def _cases(session: AsyncSession, cutoff: datetime, batch: int) -> int:
    expired = _expired_cases(cutoff)
    ids = select(_CASES.c.id).where(expired).order_by(_CASES.c.id).limit(batch)
    rows = await session.execute(
        delete(_CASES)
        .where(_CASES.c.id.in_(ids), expired)
        .returning(_CASES.c.created_at, _CASES.c.reason, _CASES.c.outcome, _CASES.c.facts)
    )
    removed = rows.all()
    await add_counts(session, Counter(case_key(row) for row in removed))
    return len(removed)


async def _audit_prefix(session: AsyncSession, cutoff: datetime) -> Any:
    """The ids retention may remove: the oldest rows up to the first one that is recent.

    Only a prefix of the chain goes, never a row between two kept ones, so what is left
    still verifies from the anchor.
    """
    if dialect(session) == "postgresql":
        await session.execute(_AUDIT_LOCK)
    boundary = await session.scalar(select(func.min(_AUDIT.c.id)).where(_AUDIT.c.at >= cutoff))
    return _AUDIT.c.id < boundary if boundary is not None else _AUDIT.c.id.is_not(None)


async def _audit(session: AsyncSession, cutoff: datetime, batch: int) -> int:
    prefix = await _audit_prefix(session, cutoff)
    ids = select(_AUDIT.c.id).where(prefix).order_by(_AUDIT.c.id).limit(batch)
    rows = await session.execute(
        delete(_AUDIT).where(_AUDIT.c.id.in_(ids)).returning(_AUDIT.c.id, _AUDIT.c.digest)
    )
    removed = rows.all()
    if not removed:
        return 0
    last = max(removed, key=lambda row: int(row.id))
    anchor = await session.get(AuditAnchorRow, 1)
    if anchor is None:
        session.add(AuditAnchorRow(id=1, last_id=last.id, last_digest=last.digest))
    elif anchor.last_id < last.id:
        anchor.last_id, anchor.last_digest = last.id, last.digest
    await session.flush()
    return len(removed)


_STEPS = {
    "events": _events,
    "messages": _messages,
    "people": _people,
    "cases": _cases,
    "audit": _audit,
}


async def purge(
    db: Database,
    policy: RetentionPolicy,
    *,
    now: datetime,
    batch: int = 500,
    progress: Callable[[str, int], None] | None = None,
    before_commit: Callable[[str], None] | None = None,
    stop: asyncio.Event | None = None,
) -> PurgeReport:
    """Count, then delete, every row older than its limit; idempotent and resumable.

    ``progress(data_class, rows)`` is called after each committed batch.
    ``before_commit(data_class)`` is called inside each batch's transaction just before it
    commits (an exception there rolls the batch back: tests inject interruptions so).
    ``stop``, once set, ends the purge after the batch in progress (the next run resumes).
    """
    if batch < 1:
        raise ValueError("batch must be at least 1")
    removed = dict.fromkeys(DATA_CLASSES, 0)
    for name, step in _STEPS.items():
        cutoff = now - policy.limit(name)
        while stop is None or not stop.is_set():
            async with db.transaction() as session:
                count = await step(session, cutoff, batch)
                if count and before_commit is not None:
                    before_commit(name)
            removed[name] += count
            if count and progress is not None:
                progress(name, count)
            if count < batch:
                break
    report = PurgeReport(**removed)
    if report.total:
        await db.run(
            lambda session: staff.append_audit(
                session, actor="system", action="purge", now=now, detail=report.detail()
            )
        )
    return report


async def due(db: Database, policy: RetentionPolicy, *, now: datetime) -> PurgeReport:
    """What ``purge`` would remove now, per data class (``lastivka purge --dry-run``)."""

    async def job(session: AsyncSession) -> PurgeReport:
        def older(column: Any, name: str) -> ColumnElement[bool]:
            return cast(ColumnElement[bool], column < now - policy.limit(name))

        def count(table: FromClause, *where: ColumnElement[bool]) -> Any:
            return select(func.count()).select_from(table).where(*where)

        conv = _CONV.alias("idle")
        at_rest = (
            _subscribed(conv.c.subject_id)
            & (conv.c.flow == MENU_FLOW.name)
            & (conv.c.state == MENU_FLOW.initial)
        )
        people = count(
            conv,
            older(conv.c.updated_at, "people"),
            ~_kept_by_a_case(conv.c.subject_id),
            ~at_rest,
        )
        queries = {
            "events": count(_EVENTS, older(_EVENTS.c.at, "events")),
            "messages": count(_MESSAGES, older(_MESSAGES.c.at, "messages")),
            "people": people,
            "cases": count(_CASES, _expired_cases(now - policy.cases)),
            "audit": count(_AUDIT, await _audit_prefix(session, now - policy.audit)),
        }
        return PurgeReport(
            **{name: int(await session.scalar(q) or 0) for name, q in queries.items()}
        )

    return await db.run(job)
