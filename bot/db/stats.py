"""Aggregate counters: what survives retention, and how they are read.

A counter is a count per day, metric and dimensions (flow, risk level, outcome, country,
language); it names no person. Retention and erasure add rows to the counters in the
transaction that deletes them (``add_counts``, ``tally_events_of``); ``counted`` reads the
counters together with the rows not yet purged, counted the same way, so recent activity
shows before it is purged and nothing is counted twice.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import asdict, dataclass, fields
from datetime import UTC, date, datetime, time, timedelta
from typing import Any, cast

from sqlalchemy import ColumnElement, String, Table, delete, func, select, text
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncSession

from bot.db.database import Database
from bot.db.tables import CaseRequestRow, EventRow, StatRow
from dialogs.flows.risk_screening import assessment_of

__all__ = [
    "StatKey",
    "add_counts",
    "case_key",
    "counted",
    "day_of",
    "dialect",
    "event_key",
    "stat_key",
    "tally_events",
    "tally_events_of",
]

_EVENTS = cast(Table, EventRow.__table__)
_CASES = cast(Table, CaseRequestRow.__table__)
_STATS = cast(Table, StatRow.__table__)


@dataclass(frozen=True, slots=True, order=True)
class StatKey:
    """One counter's dimensions; empty strings stand for "not applicable"."""

    day: str
    metric: str
    flow: str = ""
    level: str = ""
    outcome: str = ""
    country: str = ""
    locale: str = ""


def day_of(at: datetime) -> str:
    return at.astimezone(UTC).date().isoformat()


def _text(value: object, size: int) -> str:
    return "" if value is None else str(value)[:size]


def stat_key(day: str, metric: str, **dims: object) -> StatKey:
    """Clipped to the columns' sizes, so a live row and its counter get the same key."""
    sizes = {"flow": 40, "level": 8, "outcome": 20, "country": 8, "locale": 8}
    clipped = {name: _text(dims.get(name), size) for name, size in sizes.items()}
    return StatKey(day=day, metric=_text(metric, 32), **clipped)


def event_key(row: Any) -> StatKey:
    """The counter an event goes into: ``event:<kind>`` per day, flow and dimensions."""
    return stat_key(
        day_of(row.at),
        "event:" + str(row.kind),
        flow=row.flow,
        level=row.level,
        country=row.country,
        locale=row.locale,
    )


def _case_level(reason: str, answers: Mapping[str, Any]) -> str:
    """The screening's risk level from its stored answers (the scoring the flow uses)."""
    if not reason.startswith("screening") or not answers:
        return ""
    return assessment_of(answers).level.label


def case_key(row: Any) -> StatKey:
    """The counter a closed case goes into: ``case_closed`` per day it was opened."""
    facts = row.facts if isinstance(row.facts, Mapping) else {}
    answers = facts.get("answers")
    answers = answers if isinstance(answers, Mapping) else {}
    return stat_key(
        day_of(row.created_at),
        "case_closed",
        flow=row.reason,
        level=_case_level(str(row.reason), answers),
        outcome=row.outcome,
        country=answers.get("country"),
        locale=facts.get("locale"),
    )


def _upsert(insert: Any) -> Any:
    statement = insert(_STATS)
    return statement.on_conflict_do_update(
        index_elements=[_STATS.c[name] for name in (f.name for f in fields(StatKey))],
        set_={"count": _STATS.c["count"] + statement.excluded["count"]},
    )


_UPSERT = {"sqlite": _upsert(sqlite_insert), "postgresql": _upsert(pg_insert)}


def dialect(session: AsyncSession) -> str:
    return session.bind.dialect.name if session.bind is not None else "sqlite"


async def add_counts(session: AsyncSession, counts: Mapping[StatKey, int]) -> None:
    """Add to the counters (insert or increment), in the caller's transaction."""
    # key order is lock order: two transactions incrementing the same rows cannot deadlock
    rows = [{**asdict(key), "count": n} for key, n in sorted(counts.items()) if n]
    if rows:
        await session.execute(_UPSERT[dialect(session)], rows)


_EVENT_FIELDS = (
    _EVENTS.c.at,
    _EVENTS.c.kind,
    _EVENTS.c.flow,
    _EVENTS.c.level,
    _EVENTS.c.country,
    _EVENTS.c.locale,
)


async def tally_events(session: AsyncSession, *where: ColumnElement[bool]) -> int:
    """Delete the events matching ``where`` and count exactly those into the counters
    (``RETURNING``: a row another transaction removed first is not counted here)."""
    rows = await session.execute(delete(_EVENTS).where(*where).returning(*_EVENT_FIELDS))
    removed = rows.all()
    await add_counts(session, Counter(event_key(row) for row in removed))
    return len(removed)


async def tally_events_of(session: AsyncSession, subject_id: str) -> int:
    """Count all events of one person into the counters and delete them (erasure)."""
    return await tally_events(session, _EVENTS.c.subject_id == subject_id)


# -- reading the counters together with the rows not yet counted --------------------------


def _day_sql(column: Any, backend: str) -> Any:
    """The UTC day of a timestamp column, as 'YYYY-MM-DD', computed by the database."""
    if backend == "postgresql":
        return func.to_char(func.timezone("UTC", column), "YYYY-MM-DD", type_=String)
    # SQLite keeps UTC timestamps as 'YYYY-MM-DD HH:MM:SS.ffffff' text
    return func.substr(column, 1, 10, type_=String)


async def _consistent_read(session: AsyncSession) -> None:
    """One snapshot for the reads that follow, so a purge batch committing between them
    is seen either before or after, never half (counted twice or not at all)."""
    if dialect(session) == "postgresql":
        await session.execute(text("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ"))
    else:
        # the sqlite3 driver opens no transaction for reads: open one (a read snapshot)
        await session.execute(text("BEGIN"))


def _window(column: Any, since: date | None, until: date | None) -> list[ColumnElement[bool]]:
    where = []
    if since is not None:
        where.append(column >= datetime.combine(since, time(), UTC))
    if until is not None:
        where.append(column < datetime.combine(until + timedelta(days=1), time(), UTC))
    return where


async def _counters(
    session: AsyncSession, since: date | None, until: date | None
) -> Counter[StatKey]:
    query = select(_STATS)
    if since is not None:
        query = query.where(_STATS.c.day >= since.isoformat())
    if until is not None:
        query = query.where(_STATS.c.day <= until.isoformat())
    total: Counter[StatKey] = Counter()
    for row in (await session.execute(query)).mappings():
        total[StatKey(**{f.name: row[f.name] for f in fields(StatKey)})] += int(row["count"])
    return total


async def _live_events(
    session: AsyncSession, since: date | None, until: date | None
) -> Counter[StatKey]:
    day = _day_sql(_EVENTS.c.at, dialect(session)).label("day")
    dims = (_EVENTS.c.kind, _EVENTS.c.flow, _EVENTS.c.level, _EVENTS.c.country, _EVENTS.c.locale)
    query = (
        select(day, *dims, func.count().label("n"))
        .where(*_window(_EVENTS.c.at, since, until))
        .group_by(day, *dims)
    )
    total: Counter[StatKey] = Counter()
    for row in await session.execute(query):
        key = stat_key(
            row.day,
            "event:" + str(row.kind),
            flow=row.flow,
            level=row.level,
            country=row.country,
            locale=row.locale,
        )
        total[key] += int(row.n)
    return total


async def counted(
    db: Database, *, since: date | None = None, until: date | None = None
) -> Counter[StatKey]:
    """The counters plus what is still live, counted the same way (events and closed
    cases not yet purged), days ``since`` to ``until`` inclusive.

    Every row is either live or in a counter, never both: the purge moves it from one to
    the other in one transaction, and this reads everything in one snapshot.
    """

    async def job(session: AsyncSession) -> Counter[StatKey]:
        await _consistent_read(session)
        total = await _counters(session, since, until)
        total += await _live_events(session, since, until)
        cases = select(
            _CASES.c.created_at, _CASES.c.reason, _CASES.c.outcome, _CASES.c.facts
        ).where(_CASES.c.status == "closed", *_window(_CASES.c.created_at, since, until))
        for row in await session.execute(cases):
            total[case_key(row)] += 1
        return total

    return await db.run(job)
