"""Storage on SQLite and PostgreSQL: migrations, encryption at rest, inbox, outbox, isolation."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, select, text
from sqlalchemy.ext.asyncio import AsyncSession

from bot.db import inbox, repo, staff
from bot.db.database import Database
from bot.db.migrate import current_revision, downgrade, head_revision, upgrade
from bot.db.tables import Base, CaseRequestRow, ConversationRow, SubjectRow
from bot.db.types import Encrypted, EncryptedJSON
from bot.housekeeping import tidy_once
from dialogs.types import Conversation, Priority

NOW = datetime(2026, 11, 24, 12, 0, tzinfo=UTC)

#: Columns that can hold a person's words, answers or chat id: all must be encrypted.
SENSITIVE = {
    ("subjects", "chat_ref"),
    ("conversations", "answers"),
    ("inbox", "payload"),
    ("outbox", "payload"),
    ("operators", "telegram_ref"),
    ("case_requests", "facts"),
    ("conversations", "settings"),
    ("recent_messages", "message_id"),
}


def test_every_sensitive_column_is_encrypted() -> None:
    encrypted = {
        (table.name, column.name)
        for table in Base.metadata.tables.values()
        for column in table.columns
        if isinstance(column.type, Encrypted | EncryptedJSON)
    }
    assert encrypted == SENSITIVE
    for table, column in SENSITIVE:
        assert Base.metadata.tables[table].columns[column].type.purpose == f"{table}.{column}"


def test_no_column_stores_names_usernames_or_telegram_ids_in_clear() -> None:
    suspicious = {
        "name",
        "first_name",
        "last_name",
        "username",
        "phone",
        "user_id",
        "chat_id",
        "text",
    }
    columns = {c.name for t in Base.metadata.tables.values() for c in t.columns}
    assert columns & suspicious == set()


async def test_migrations_reach_head_and_match_the_models(db: Database) -> None:
    assert await current_revision(db) == head_revision()
    async with db.engine.connect() as connection:
        diff = await connection.run_sync(
            lambda sync: compare_metadata(
                MigrationContext.configure(sync, opts={"compare_type": True}), Base.metadata
            )
        )
    assert diff == []
    await downgrade(db, "base")
    async with db.engine.connect() as connection:
        tables = await connection.run_sync(lambda sync: inspect(sync).get_table_names())
    assert set(tables) <= {"alembic_version"}
    await upgrade(db)
    assert await current_revision(db) == head_revision()


async def test_conversation_round_trip_is_encrypted_at_rest(db: Database) -> None:
    conv = Conversation("help_request", 1, "urgency", {"for_whom": "other"}, "lv")

    async def save(session: AsyncSession) -> None:
        await repo.save_conversation(session, "s1", conv, chat_ref=b"777000111", now=NOW)

    await db.run(save)
    loaded = await db.run(lambda s: repo.load_conversation(s, "s1"))
    assert loaded == conv
    async with db.engine.connect() as connection:
        raw = (await connection.execute(text("SELECT answers FROM conversations"))).scalar_one()
        chat = (await connection.execute(text("SELECT chat_ref FROM subjects"))).scalar_one()
    assert b"other" not in bytes(raw)
    assert b"777000111" not in bytes(chat)


async def test_inbox_stores_once_and_remembers_processed_ids(db: Database) -> None:
    await db.run(lambda s: inbox.store_updates(s, [(1, b"a"), (2, b"b")], now=NOW))
    await db.run(lambda s: inbox.store_updates(s, [(2, b"changed"), (3, b"c")], now=NOW))
    assert await db.run(lambda s: inbox.pending_updates(s)) == [(1, b"a"), (2, b"b"), (3, b"c")]
    await db.run(lambda s: inbox.remember_update(s, 2, now=NOW))
    await db.run(lambda s: inbox.remember_update(s, 9, now=NOW))  # never went through the inbox
    assert await db.run(lambda s: inbox.inbox_status(s, 2)) == "done"
    assert await db.run(lambda s: inbox.inbox_status(s, 9)) == "done"
    assert [i for i, _ in await db.run(lambda s: inbox.pending_updates(s))] == [1, 3]
    assert await tidy_once(db, now=NOW + timedelta(days=1)) == 0
    assert await tidy_once(db, now=NOW + timedelta(days=3)) == 2
    assert [i for i, _ in await db.run(lambda s: inbox.pending_updates(s))] == [1, 3]


async def test_outbox_orders_by_lane_then_insertion(db: Database) -> None:
    async def fill(session: AsyncSession) -> None:
        for lane, key in [(5, "b"), (0, "a"), (0, "c")]:
            await repo.enqueue(
                session,
                lane=lane,
                chat_key=key,
                method="sendMessage",
                payload={"chat_id": 1, "text": key},
                update_id=None,
                now=NOW,
                not_before=NOW,
            )

    await db.run(fill)
    rows = await db.run(lambda s: repo.outbox_rows(s, limit=10))
    assert [r.chat_key for r in rows] == ["a", "c", "b"]
    await db.run(lambda s: repo.forget_outbox(s, [rows[0].id]))
    assert len(await db.run(lambda s: repo.outbox_rows(s, limit=10))) == 2


async def test_one_open_case_request_per_person(db: Database) -> None:
    async def ask(priority: Priority) -> str:
        return await db.run(
            lambda s: repo.record_case_request(
                s, subject_id="s1", priority=priority, reason="help_request", now=NOW
            )
        )

    first = await ask(Priority.NORMAL)
    again = await ask(Priority.URGENT)
    assert first == again
    assert first.startswith("K-")
    rows = await db.run(lambda s: _all(s, CaseRequestRow))
    assert [(r.code, r.priority) for r in rows] == [(first, int(Priority.URGENT))]


async def _all(session: AsyncSession, model: type[Base]) -> list:  # type: ignore[type-arg]
    return list(await session.scalars(select(model)))


async def test_units_of_work_are_isolated(db: Database) -> None:
    """A failing unit of work never has its writes committed by a concurrent one."""
    started = asyncio.Event()

    async def good(session: AsyncSession) -> None:
        session.add(SubjectRow(id="good", created_at=NOW, chat_ref=None))
        started.set()
        await asyncio.sleep(0)

    async def bad(session: AsyncSession) -> None:
        await started.wait()
        session.add(SubjectRow(id="bad", created_at=NOW, chat_ref=None))
        await session.flush()
        raise RuntimeError("boom")

    results = await asyncio.gather(db.run(good), db.run(bad), return_exceptions=True)
    assert isinstance(results[1], RuntimeError)
    ids = {r.id for r in await db.run(lambda s: _all(s, SubjectRow))}
    assert ids == {"good"}


async def test_deleting_a_subject_cascades_to_the_conversation(db: Database) -> None:
    conv = Conversation("menu", 1, "menu", {}, "uk")
    await db.run(lambda s: repo.save_conversation(s, "s1", conv, chat_ref=None, now=NOW))

    async def forget(session: AsyncSession) -> None:
        await session.delete(await session.get(SubjectRow, "s1"))

    await db.run(forget)
    assert await db.run(lambda s: _all(s, ConversationRow)) == []


@pytest.mark.parametrize("level", ["WAL"])
async def test_sqlite_runs_in_wal_mode(tmp_path: object, level: str) -> None:
    database = Database(f"sqlite+aiosqlite:///{tmp_path}/w.db")
    try:
        async with database.engine.connect() as connection:
            mode = (await connection.execute(text("PRAGMA journal_mode"))).scalar_one()
        assert str(mode).upper() == level
    finally:
        await database.dispose()


async def test_abandoned_dialogs_go_back_to_the_menu_without_their_answers(db: Database) -> None:
    half = Conversation(
        "help_request", 2, "details", {"details": "a note", "urgency": "soon"}, "uk"
    )
    resting = Conversation("menu", 1, "menu", {}, "lv")
    recent = Conversation("risk_screening", 2, "question", {"_q": "fees"}, "ru")

    async def save(session: AsyncSession) -> None:
        await repo.save_conversation(session, "old", half, chat_ref=None, now=NOW)
        await repo.save_conversation(session, "menu", resting, chat_ref=None, now=NOW)
        await repo.save_conversation(
            session, "new", recent, chat_ref=None, now=NOW + timedelta(hours=70)
        )

    await db.run(save)
    later = NOW + timedelta(hours=73)
    assert await tidy_once(db, now=later, abandon_after=timedelta(hours=72)) == 1
    cleared = await db.run(lambda s: repo.load_conversation(s, "old"))
    assert cleared == Conversation("menu", 1, "menu", {}, "uk")
    assert await db.run(lambda s: repo.load_conversation(s, "new")) == recent
    assert await db.run(lambda s: repo.load_conversation(s, "menu")) == resting
    assert await tidy_once(db, now=later, abandon_after=timedelta(hours=72)) == 0


async def test_contact_checks_are_recorded_once_per_entry(db: Database) -> None:
    async def record(day: str) -> None:
        await db.run(
            lambda s: staff.record_contact_check(
                s, "ua-iom-527", checked_on=day, checked_by="duty", now=NOW
            )
        )

    await record("2026-11-20")
    await record("2026-11-24")
    assert await db.run(staff.contact_checks) == {"ua-iom-527": "2026-11-24"}


async def test_operators_are_registered_by_pseudonym_and_deactivated_not_deleted(
    db: Database,
) -> None:
    async def add(alias: str, role: str) -> bool:
        return await db.run(
            lambda s: staff.add_operator(
                s, ref="op-1", telegram_ref=b"5550001", alias=alias, role=role, now=NOW
            )
        )

    assert await add("Olha", "operator") is True
    assert await add("Olha K.", "supervisor") is False  # an update, not a second operator
    rows = await db.run(staff.operators)
    assert [(r.ref, r.alias, r.role, r.active) for r in rows] == [
        ("op-1", "Olha K.", "supervisor", True)
    ]
    assert await db.run(lambda s: staff.deactivate_operator(s, "op-1")) is True
    assert await db.run(lambda s: staff.deactivate_operator(s, "op-1")) is False
    assert await db.run(staff.operators) == []
    everyone = await db.run(lambda s: staff.operators(s, active_only=False))
    assert [r.active for r in everyone] == [False]
    async with db.engine.connect() as connection:
        raw = (await connection.execute(text("SELECT telegram_ref FROM operators"))).scalar_one()
    assert b"5550001" not in bytes(raw)


async def test_the_audit_trail_is_a_hash_chain_that_shows_tampering(db: Database) -> None:
    for n, action in enumerate(["operator_added", "case_claimed", "case_closed"]):
        await db.run(
            lambda s, n=n, action=action: staff.append_audit(
                s,
                actor="op-1",
                action=action,
                now=NOW + timedelta(minutes=n),
                case_code="K-7Q3F",
            )
        )
    assert await db.run(staff.verify_audit) is None
    async with db.engine.begin() as connection:
        await connection.execute(text("UPDATE audit SET actor = 'op-2' WHERE id = 2"))
    assert await db.run(staff.verify_audit) == 2
    async with db.engine.begin() as connection:
        await connection.execute(text("UPDATE audit SET actor = 'op-1' WHERE id = 2"))
        await connection.execute(text("DELETE FROM audit WHERE id = 2"))
    assert await db.run(staff.verify_audit) == 3  # a missing row breaks the next link
