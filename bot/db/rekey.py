"""The SQL of key rotation: reading ciphertexts as stored, and moving a person's rows.

Encrypted columns are read and written here through "raw" views of their tables, in which
they are plain bytes: a value's key id is checked (in SQL or Python) without decrypting it,
and a ciphertext is copied between rows of the same column as it is. ``bot.rotation``
decides what to do with the pages these functions return.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import (
    ColumnElement,
    LargeBinary,
    Table,
    bindparam,
    column,
    delete,
    func,
    literal,
    or_,
    select,
    table,
    update,
)
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import RowMapping
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.sql.expression import TableClause

from bot.crypto import KeyRing
from bot.db.tables import Base
from bot.db.types import Encrypted

__all__ = [
    "SEALED",
    "Page",
    "Sealed",
    "count_stale",
    "count_stale_subjects",
    "mark_subject",
    "move_subject",
    "operator_lookups",
    "outbox_chat_keys",
    "reencrypt_page",
    "reseal",
    "set_chat_keys",
    "set_lookups",
    "stale_subjects",
    "subjects_named",
]

_KID_LEN = 4


def _raw(source: Table) -> TableClause:
    """The table with its encrypted columns as plain bytes."""
    return table(
        source.name,
        *(
            column(c.name, LargeBinary() if isinstance(c.type, Encrypted) else c.type)
            for c in source.c
        ),
    )


def _sealed_type(source: Table, name: str) -> Encrypted:
    kind = source.c[name].type
    if not isinstance(kind, Encrypted):
        raise TypeError(f"{source.name}.{name} is not an encrypted column")
    return kind


@dataclass(frozen=True, slots=True)
class Sealed:
    """A table with encrypted columns: each column's name and associated data, and the
    one-column primary key its pages are walked by."""

    name: str
    raw: TableClause
    key: str
    columns: tuple[tuple[str, bytes], ...]


def _sealed_tables() -> tuple[Sealed, ...]:
    found = []
    for source in Base.metadata.sorted_tables:
        sealed = tuple(
            (c.name, _sealed_type(source, c.name).purpose.encode())
            for c in source.c
            if isinstance(c.type, Encrypted)
        )
        if sealed:
            (key,) = source.primary_key.columns
            found.append(Sealed(source.name, _raw(source), key.name, sealed))
    return tuple(found)


_TABLES = Base.metadata.tables
#: Every table with encrypted columns, found from the schema (a new column is included).
SEALED = _sealed_tables()
_SUBJECTS = _raw(_TABLES["subjects"])
_CONVERSATIONS = _raw(_TABLES["conversations"])
_OPERATORS = _raw(_TABLES["operators"])
_OUTBOX = _raw(_TABLES["outbox"])
#: Rows that name a person by subject id, besides their conversation (moved on its own).
_CHILDREN = tuple(
    _raw(t)
    for t in Base.metadata.sorted_tables
    if "subject_id" in t.c and t.name != "conversations"
)
_CHAT_REF = _sealed_type(_TABLES["subjects"], "chat_ref").purpose.encode()
_TELEGRAM_REF = _sealed_type(_TABLES["operators"], "telegram_ref").purpose.encode()
_PAYLOAD = _sealed_type(_TABLES["outbox"], "payload")


@dataclass(frozen=True, slots=True)
class Page:
    """One page of a walk: ``after`` is the key to go on from (None: the walk is done)."""

    after: Any
    seen: int
    changed: int = 0
    skipped: int = 0


def _page(query: Any, key: Any, after: Any, batch: int) -> Any:
    if after is not None:
        query = query.where(key > after)
    return query.order_by(key).limit(batch)


def _after(keys: Sequence[Any], batch: int) -> Any:
    return keys[-1] if len(keys) == batch else None


def reseal(keyring: KeyRing, blob: bytes, aad: bytes) -> bytes:
    """The value under the current key (as it is when it already is)."""
    if keyring.key_id_of(blob) == keyring.current_kid:
        return bytes(blob)
    return keyring.encrypt(keyring.decrypt(blob, aad), aad)


# -- encrypted values ---------------------------------------------------------------------


def _stale(sealed: Sealed, kid: str) -> ColumnElement[bool]:
    """Some value of the row is under another key (checked in SQL, on the raw bytes)."""
    current = literal(kid.encode(), LargeBinary())
    return or_(
        *(
            func.substr(sealed.raw.c[name], 1, _KID_LEN, type_=LargeBinary()) != current
            for name, _ in sealed.columns
        )
    )


async def count_stale(session: AsyncSession, sealed: Sealed, kid: str) -> int:
    query = select(func.count()).select_from(sealed.raw).where(_stale(sealed, kid))
    return int(await session.scalar(query) or 0)


async def reencrypt_page(
    session: AsyncSession, keyring: KeyRing, sealed: Sealed, after: Any, batch: int
) -> Page:
    """Re-encrypt the values of the next ``batch`` rows that have one under another key.
    A value is written only if it is still the one read: the bot's newer value (already
    under the current key) is never overwritten."""
    raw, key = sealed.raw, sealed.raw.c[sealed.key]
    names = [name for name, _ in sealed.columns]
    query = select(key, *(raw.c[n] for n in names)).where(_stale(sealed, keyring.current_kid))
    rows = (await session.execute(_page(query, key, after, batch))).all()
    changed = 0
    for index, (name, aad) in enumerate(sealed.columns, start=1):
        params = [
            {"_key": row[0], "_old": row[index], "_new": reseal(keyring, row[index], aad)}
            for row in rows
            if row[index] is not None and keyring.key_id_of(row[index]) != keyring.current_kid
        ]
        if params:
            await session.execute(
                update(raw)
                .where(key == bindparam("_key"), raw.c[name] == bindparam("_old"))
                .values({name: bindparam("_new")}),
                params,
            )
            changed += len(params)
    return Page(_after([r[0] for r in rows], batch), len(rows), changed)


# -- subjects -----------------------------------------------------------------------------


def _unmarked(kid: str) -> ColumnElement[bool]:
    return or_(_SUBJECTS.c.kid.is_(None), _SUBJECTS.c.kid != kid)


async def count_stale_subjects(session: AsyncSession, kid: str) -> int:
    query = select(func.count()).select_from(_SUBJECTS).where(_unmarked(kid))
    return int(await session.scalar(query) or 0)


def _target(keyring: KeyRing, row: RowMapping) -> str | None:
    """The current pseudonym of a subject, from its chat id (a private chat's id is the
    person's user id); None when it has none (the terminal's person)."""
    if row["chat_ref"] is None:
        return None
    try:
        return keyring.pseudonym("tg", int(keyring.decrypt(row["chat_ref"], _CHAT_REF)))
    except ValueError:
        return None


async def stale_subjects(
    session: AsyncSession, keyring: KeyRing, after: Any, batch: int
) -> tuple[Any, list[tuple[RowMapping, str | None]]]:
    """The next subjects without the current kid, each with its current pseudonym."""
    query = select(_SUBJECTS).where(_unmarked(keyring.current_kid))
    rows = (await session.execute(_page(query, _SUBJECTS.c.id, after, batch))).mappings().all()
    return _after([r["id"] for r in rows], batch), [(r, _target(keyring, r)) for r in rows]


async def subjects_named(session: AsyncSession, ids: Sequence[str]) -> list[RowMapping]:
    """Subjects by id (one indexed query)."""
    found = await session.execute(select(_SUBJECTS).where(_SUBJECTS.c.id.in_(ids)))
    return list(found.mappings().all())


async def mark_subject(session: AsyncSession, subject_id: str, kid: str) -> None:
    """Its id is the current key's pseudonym already: record the kid."""
    await session.execute(update(_SUBJECTS).where(_SUBJECTS.c.id == subject_id).values(kid=kid))


async def move_subject(
    session: AsyncSession, keyring: KeyRing, row: RowMapping, target: str
) -> None:
    """Move a subject and every row naming it to ``target``. Idempotent: two movers of the
    same person (a batch and the person's own update) end in the same state."""
    source, chat_ref = row["id"], row["chat_ref"]
    values = dict(row) | {
        "id": target,
        "kid": keyring.current_kid,
        "chat_ref": None if chat_ref is None else reseal(keyring, chat_ref, _CHAT_REF),
    }
    insert = pg_insert if _postgres(session) else sqlite_insert
    inserted = await session.execute(insert(_SUBJECTS).values(values).on_conflict_do_nothing())
    if not getattr(inserted, "rowcount", 0):
        # the person wrote under the new key before their old rows were moved: the
        # subject keeps the date of their first message
        await mark_subject(session, target, keyring.current_kid)
        await session.execute(
            update(_SUBJECTS)
            .where(_SUBJECTS.c.id == target, _SUBJECTS.c.created_at > row["created_at"])
            .values(created_at=row["created_at"])
        )
    await _move_conversation(session, source, target)
    await _drop_clashes(session, source, target)
    for child in _CHILDREN:
        await session.execute(
            update(child).where(child.c.subject_id == source).values(subject_id=target)
        )
    await session.execute(delete(_SUBJECTS).where(_SUBJECTS.c.id == source))


async def _drop_clashes(session: AsyncSession, source: str, target: str) -> None:
    """Rows that would collide with the target's own (the person subscribed, or got a
    campaign, under the new key already): the target's stand."""
    subs, deliveries = _TABLES["subscriptions"], _TABLES["campaign_deliveries"]
    theirs = select(subs.c.topic).where(subs.c.subject_id == target)
    await session.execute(delete(subs).where(subs.c.subject_id == source, subs.c.topic.in_(theirs)))
    got = select(deliveries.c.campaign_id).where(deliveries.c.subject_id == target)
    await session.execute(
        delete(deliveries).where(
            deliveries.c.subject_id == source, deliveries.c.campaign_id.in_(got)
        )
    )


async def _move_conversation(session: AsyncSession, source: str, target: str) -> None:
    c = _CONVERSATIONS
    found = await session.execute(select(c).where(c.c.subject_id.in_([source, target])))
    rows = {r["subject_id"]: r for r in found.mappings().all()}
    old, new = rows.get(source), rows.get(target)
    if old is None:
        return
    if new is None:
        await session.execute(update(c).where(c.c.subject_id == source).values(subject_id=target))
        return
    # Both exist: the dialog changed last wins; the person's safety settings survive either
    # way. Ciphertexts are copied as they are (same column, same associated data).
    keep, other = (new, old) if new["updated_at"] >= old["updated_at"] else (old, new)
    values = {k: v for k, v in keep.items() if k != "subject_id"}
    if values.get("settings") is None:
        values["settings"] = other["settings"]
    await session.execute(update(c).where(c.c.subject_id == target).values(values))
    await session.execute(delete(c).where(c.c.subject_id == source))


def _postgres(session: AsyncSession) -> bool:
    return session.bind is not None and session.bind.dialect.name == "postgresql"


# -- operators and the outbox -------------------------------------------------------------


async def operator_lookups(
    session: AsyncSession, keyring: KeyRing, after: Any, batch: int
) -> tuple[Any, int, list[tuple[int, str]]]:
    """Of the next operators, those whose lookup is not the current key's, with the right one."""
    o = _OPERATORS
    query = select(o.c.id, o.c.lookup, o.c.telegram_ref)
    rows = (await session.execute(_page(query, o.c.id, after, batch))).all()
    wrong = []
    for key, lookup, telegram_ref in rows:
        wanted = keyring.pseudonym("operator", int(keyring.decrypt(telegram_ref, _TELEGRAM_REF)))
        if lookup != wanted:
            wrong.append((key, wanted))
    return _after([r[0] for r in rows], batch), len(rows), wrong


async def set_lookups(session: AsyncSession, lookups: Sequence[tuple[int, str]]) -> None:
    for key, lookup in lookups:
        await session.execute(
            update(_OPERATORS).where(_OPERATORS.c.id == key).values(lookup=lookup)
        )


async def outbox_chat_keys(
    session: AsyncSession, keyring: KeyRing, after: Any, batch: int
) -> tuple[Any, int, list[tuple[int, str]]]:
    """Of the next outbox rows, those whose chat key is not the current key's, with the
    right one (made from the chat id in the payload)."""
    o, aad = _OUTBOX, _PAYLOAD.purpose.encode()
    query = select(o.c.id, o.c.chat_key, o.c.payload)
    rows = (await session.execute(_page(query, o.c.id, after, batch))).all()
    wrong = []
    for key, chat_key, payload in rows:
        chat_id = _PAYLOAD.decode(keyring.decrypt(payload, aad)).get("chat_id")
        if chat_id is not None and chat_key != keyring.pseudonym("chat", chat_id):
            wrong.append((key, keyring.pseudonym("chat", chat_id)))
    return _after([r[0] for r in rows], batch), len(rows), wrong


async def set_chat_keys(session: AsyncSession, chat_keys: Sequence[tuple[int, str]]) -> None:
    for key, chat_key in chat_keys:
        await session.execute(update(_OUTBOX).where(_OUTBOX.c.id == key).values(chat_key=chat_key))
