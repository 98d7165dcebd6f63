"""Key rotation: every stored value and pseudonym moved to the current key.

A key protects two things. Each encrypted column value carries the id of the key that
encrypted it; pseudonyms are HMACs under the key: a person's subject id ("tg"), an
operator's lookup ("operator") and an outbox row's chat key ("chat"). Once a new key is
current (the old one kept in LASTIVKA_OLD_SECRET_KEYS), ``rotate`` walks each table by
primary key in batches, one transaction per batch:

1. operators: ``lookup`` re-made from the encrypted Telegram id (``ref`` never changes:
   the audit trail and case holders name operators by it);
2. subjects: re-mapped to the current pseudonym with their conversation, events, cases and
   recent messages (a subject without a chat id, the terminal's person, stays as it is);
3. outbox: ``chat_key`` re-made from the chat id in the payload;
4. every encrypted value not under the current key: decrypted and encrypted again with the
   same associated data. Values are read as raw bytes, so current ones are never decrypted.

No cursor is stored: whether a row is done is read from the row itself (a value's key id,
a subject's kid, a lookup equal to the current one), so a killed run is finished by running
it again, and a row is only ever under the old key or the new one. A re-encryption is
written only if the value is still the one read, so a row the bot changed meanwhile keeps
the bot's value. While a rotation is pending, ``resolve_subject`` and ``resolve_operator``
re-map one person or operator the moment they act. The SQL is in ``bot.db.rekey``.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import partial
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.ext.asyncio import AsyncSession

from bot.crypto import KeyRing
from bot.db import rekey, staff
from bot.db.database import Database
from bot.db.rekey import Page
from bot.db.tables import Base, OperatorRow

__all__ = [
    "Pending",
    "Progress",
    "RotationReport",
    "StepReport",
    "pending",
    "resolve_operator",
    "resolve_subject",
    "rotate",
]

#: Told ``(step, rows done, rows in the step)`` after every batch (and once at a step's start).
Progress = Callable[[str, int, int], None]

_ATTEMPTS = 3
_RETRY_SQLSTATES = frozenset({"40001", "40P01"})


# -- reports ------------------------------------------------------------------------------


@dataclass(slots=True)
class StepReport:
    """One step of a run: rows it looked at and rows it changed."""

    total: int
    done: int = 0
    changed: int = 0
    #: Rows that cannot be moved: subjects without a chat id.
    skipped: int = 0


@dataclass(slots=True)
class RotationReport:
    """What a run did. ``finished`` is False when it stopped early (run it again)."""

    kid: str
    steps: dict[str, StepReport] = field(default_factory=dict)
    batches: int = 0
    finished: bool = False

    def changed(self, prefix: str) -> int:
        return sum(s.changed for name, s in self.steps.items() if name.startswith(prefix))

    @property
    def kept(self) -> int:
        """Subjects without a chat id (the terminal's person): left under their pseudonym."""
        step = self.steps.get("subjects")
        return 0 if step is None else step.skipped

    @property
    def detail(self) -> str:
        """The audit row's detail: counts only (at most 64 characters)."""
        text = (
            f"kid {self.kid}: {self.changed('values')} val {self.changed('subjects')} subj "
            f"{self.changed('operators')} op {self.changed('outbox')} out {self.kept} kept"
        )
        return text[:64]


@dataclass(frozen=True, slots=True)
class Pending:
    """What is still under an old key (``lastivka keys status``)."""

    values: dict[str, int]
    subjects: int
    operators: int
    chat_keys: int
    #: Subjects without a chat id: they cannot be re-mapped and are not waited for.
    kept: int

    @property
    def left(self) -> int:
        return sum(self.values.values()) + self.subjects + self.operators + self.chat_keys


# -- one person or operator, on demand ----------------------------------------------------


async def resolve_subject(session: AsyncSession, keyring: KeyRing, telegram_id: int) -> str:
    """The person's subject id under the current key, their rows moved there first if they
    are still under an old key's pseudonym. One indexed query while old keys are in the
    ring, none otherwise."""
    current = keyring.pseudonym("tg", telegram_id)
    old = keyring.old_pseudonyms("tg", telegram_id)
    if not old:
        return current
    for row in await rekey.subjects_named(session, [current, *old]):
        if row["id"] != current:
            await rekey.move_subject(session, keyring, row, current)
    return current


async def resolve_operator(
    session: AsyncSession, keyring: KeyRing, telegram_id: int
) -> OperatorRow | None:
    """The registered operator (active or not) with this Telegram id, by their lookup; a
    lookup still under an old key is re-made on the spot. One indexed query."""
    lookup = keyring.pseudonym("operator", telegram_id)
    wanted = [lookup, *keyring.old_pseudonyms("operator", telegram_id)]
    rows = list(await session.scalars(select(OperatorRow).where(OperatorRow.lookup.in_(wanted))))
    if not rows:
        return None
    for row in rows:
        if row.lookup == lookup:
            return row
    rows[0].lookup = lookup
    await session.flush()
    return rows[0]


# -- the run ------------------------------------------------------------------------------

#: One batch: ``(session, after)`` to what it did.
_Batch = Callable[[AsyncSession, Any], Awaitable[Page]]


def _subjects_batch(keyring: KeyRing, batch: int) -> _Batch:
    async def run(session: AsyncSession, after: Any) -> Page:
        after, targets = await rekey.stale_subjects(session, keyring, after, batch)
        changed = kept = 0
        for row, target in targets:
            if target is None:
                kept += 1
            elif target == row["id"]:
                await rekey.mark_subject(session, target, keyring.current_kid)
            else:
                await rekey.move_subject(session, keyring, row, target)
                changed += 1
        return Page(after, len(targets), changed, kept)

    return run


def _operators_batch(keyring: KeyRing, batch: int) -> _Batch:
    async def run(session: AsyncSession, after: Any) -> Page:
        after, seen, wrong = await rekey.operator_lookups(session, keyring, after, batch)
        await rekey.set_lookups(session, wrong)
        return Page(after, seen, len(wrong))

    return run


def _outbox_batch(keyring: KeyRing, batch: int) -> _Batch:
    async def run(session: AsyncSession, after: Any) -> Page:
        after, seen, wrong = await rekey.outbox_chat_keys(session, keyring, after, batch)
        await rekey.set_chat_keys(session, wrong)
        return Page(after, seen, len(wrong))

    return run


def _values_batch(keyring: KeyRing, sealed: rekey.Sealed, batch: int) -> _Batch:
    async def run(session: AsyncSession, after: Any) -> Page:
        return await rekey.reencrypt_page(session, keyring, sealed, after, batch)

    return run


class _Stopped(Exception):
    pass


async def rotate(
    db: Database,
    keyring: KeyRing,
    *,
    batch: int = 200,
    progress: Progress | None = None,
    stop_after_batches: int | None = None,
    actor: str = "cli",
) -> RotationReport:
    """Move everything to the current key; see the module docstring. Safe to run again
    (and after a kill); ``stop_after_batches`` ends a run early, as a kill would. A
    finished run appends ``keys_rotated`` to the audit trail."""
    if batch < 1:
        raise ValueError("batch must be at least 1")
    kid = keyring.current_kid
    report = RotationReport(kid=kid)
    # operators first: a handful of rows, and operators are recognised again at once
    steps: list[tuple[str, Callable[[AsyncSession], Awaitable[int]], _Batch]] = [
        ("operators", partial(_count_rows, name="operators"), _operators_batch(keyring, batch)),
        (
            "subjects",
            partial(rekey.count_stale_subjects, kid=kid),
            _subjects_batch(keyring, batch),
        ),
        ("outbox chat keys", partial(_count_rows, name="outbox"), _outbox_batch(keyring, batch)),
    ]
    steps += [
        (
            f"values in {sealed.name}",
            partial(rekey.count_stale, sealed=sealed, kid=kid),
            _values_batch(keyring, sealed, batch),
        )
        for sealed in rekey.SEALED
    ]
    try:
        for name, count, run in steps:
            total = await db.run(count)
            await _step(db, report, name, total, run, progress, stop_after_batches)
    except _Stopped:
        return report
    report.finished = True

    async def audit(session: AsyncSession) -> None:
        await staff.append_audit(
            session, actor=actor, action="keys_rotated", now=datetime.now(UTC), detail=report.detail
        )

    await db.run(audit)
    return report


async def _count_rows(session: AsyncSession, name: str) -> int:
    table = Base.metadata.tables[name]
    return int(await session.scalar(select(func.count()).select_from(table)) or 0)


async def _step(
    db: Database,
    report: RotationReport,
    name: str,
    total: int,
    run: _Batch,
    progress: Progress | None,
    stop_after: int | None,
) -> None:
    step = report.steps[name] = StepReport(total=total)
    if progress is not None:
        progress(name, 0, total)
    after: Any = None
    while True:
        if stop_after is not None and report.batches >= stop_after:
            raise _Stopped
        page = await _attempt(db, run, after)
        report.batches += 1
        step.done += page.seen
        step.changed += page.changed
        step.skipped += page.skipped
        if progress is not None:
            # rows the bot added meanwhile may take a step past its count
            progress(name, step.done, max(total, step.done))
        after = page.after
        if after is None:
            return


async def _attempt(db: Database, run: _Batch, after: Any) -> Page:
    """One batch in one transaction, tried again if the database was busy (SQLite's other
    writer, a PostgreSQL deadlock): a batch can always simply be redone."""

    async def job(session: AsyncSession) -> Page:
        return await run(session, after)

    for attempt in range(1, _ATTEMPTS + 1):
        try:
            return await db.run(job)
        except DBAPIError as exc:
            if attempt == _ATTEMPTS or not _busy(exc):
                raise
    raise AssertionError("unreachable")


def _busy(exc: DBAPIError) -> bool:
    """SQLite's "database is locked"; PostgreSQL's deadlock or serialization failure."""
    sqlstate = getattr(exc.orig, "sqlstate", None)
    return isinstance(exc, OperationalError) or sqlstate in _RETRY_SQLSTATES


# -- what is left -------------------------------------------------------------------------


async def pending(db: Database, keyring: KeyRing, *, batch: int = 500) -> Pending:
    """Count what is still under an old key; reads only (``lastivka keys status``)."""
    kid = keyring.current_kid
    values = {
        sealed.name: await db.run(partial(rekey.count_stale, sealed=sealed, kid=kid))
        for sealed in rekey.SEALED
    }
    subjects = kept = 0
    after: Any = None
    while True:
        after, targets = await db.run(
            partial(rekey.stale_subjects, keyring=keyring, after=after, batch=batch)
        )
        kept += sum(1 for _, target in targets if target is None)
        # a subject made under the current key without its kid recorded is current already
        subjects += sum(1 for row, target in targets if target not in (None, row["id"]))
        if after is None:
            break
    operators = await _count_wrong(db, keyring, rekey.operator_lookups, batch)
    chat_keys = await _count_wrong(db, keyring, rekey.outbox_chat_keys, batch)
    return Pending(values, subjects, operators, chat_keys, kept)


async def _count_wrong(
    db: Database,
    keyring: KeyRing,
    read: Callable[..., Awaitable[tuple[Any, int, list[tuple[int, str]]]]],
    batch: int,
) -> int:
    wrong = 0
    after: Any = None
    while True:
        after, _, found = await db.run(partial(read, keyring=keyring, after=after, batch=batch))
        wrong += len(found)
        if after is None:
            return wrong
