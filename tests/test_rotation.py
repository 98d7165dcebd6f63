"""Key rotation on SQLite and PostgreSQL: values, pseudonyms, resumption, the CLI, a kill."""

from __future__ import annotations

import asyncio
import base64
import os
import re
import select as io_select
import signal
import sqlite3
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event, select, text
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.ext.asyncio import AsyncSession
from typer.testing import CliRunner

from bot.cli import app
from bot.config import EXAMPLE_SECRET
from bot.crypto import KeyRing, install_keyring
from bot.db import cases, staff
from bot.db.database import Database
from bot.db.migrate import upgrade
from bot.db.rekey import Page
from bot.db.tables import (
    AuditRow,
    Base,
    CaseRequestRow,
    ConversationRow,
    EventRow,
    InboxRow,
    OperatorRow,
    OutboxRow,
    RecentMessageRow,
    SubjectRow,
)
from bot.db.types import Encrypted
from bot.rotation import _attempt, pending, resolve_operator, resolve_subject, rotate

A, B = b"\xaa" * 32, b"\xbb" * 32
NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)
PEOPLE = (7001, 7002, 7003, 7004, 7005, 7006, 7007)
OPERATORS = {6001: "Olha", 6002: "Ivan"}
#: Every encrypted column, as ``(table, column)``; a new one must be rotated too.
SEALED = sorted(
    (t.name, c.name)
    for t in Base.metadata.sorted_tables
    for c in t.columns
    if isinstance(c.type, Encrypted)
)


def _b64(secret: bytes) -> str:
    return base64.urlsafe_b64encode(secret).decode()


def old_ring() -> KeyRing:
    return KeyRing(A)


def new_ring() -> KeyRing:
    return KeyRing(B, [A])


# -- data written under the old key -------------------------------------------------------


async def populate(db: Database, people: tuple[int, ...] = PEOPLE) -> None:
    """People with a conversation, events, a case, recent messages, outbox and inbox rows;
    operators (one holding a case); the terminal's person; all under the installed key."""
    ring = old_ring()
    install_keyring(ring)
    for user in OPERATORS:
        await db.run(
            lambda s, user=user: staff.add_operator(
                s,
                ref=ring.pseudonym("operator", user),
                telegram_ref=str(user).encode(),
                alias=OPERATORS[user],
                role="operator",
                now=NOW,
            )
        )

    async def write(session: AsyncSession) -> None:
        for n, user in enumerate(people):
            subject = ring.pseudonym("tg", user)
            # rows written by the bot before subjects recorded their kid, and after
            kid = ring.current_kid if n % 2 else None
            session.add(
                SubjectRow(id=subject, created_at=NOW, chat_ref=str(user).encode(), kid=kid)
            )
            await session.flush()  # the conversation refers to it
            session.add(
                ConversationRow(
                    subject_id=subject,
                    flow="help_request",
                    flow_version=1,
                    state="ask",
                    answers={"story": f"words of {user}"},
                    locale="uk",
                    steps=3,
                    updated_at=NOW,
                    settings={"code_word": f"swallow-{user}"} if n % 3 == 0 else None,
                )
            )
            session.add(
                EventRow(
                    at=NOW, subject_id=subject, kind="step", flow="help_request", state_to="ask"
                )
            )
            session.add(
                CaseRequestRow(
                    code=f"C-{user}",
                    subject_id=subject,
                    priority=1,
                    reason="help",
                    status="held" if n == 0 else "queued",
                    created_at=NOW,
                    holder_ref=ring.pseudonym("operator", 6001) if n == 0 else None,
                    facts={"locale": "uk", "answers": {"city": f"city {user}"}},
                )
            )
            session.add(
                RecentMessageRow(subject_id=subject, message_id=f"{user}01".encode(), at=NOW)
            )
            session.add(
                OutboxRow(
                    created_at=NOW,
                    lane=1,
                    chat_key=ring.pseudonym("chat", user),
                    method="sendMessage",
                    payload={"chat_id": user, "text": f"hello {user}"},
                    update_id=None,
                    attempts=0,
                    not_before=NOW,
                )
            )
            session.add(
                InboxRow(
                    update_id=user,
                    received_at=NOW,
                    payload=f'{{"update_id": {user}}}'.encode(),
                    status="pending",
                )
            )
        terminal = ring.pseudonym("terminal", "local")
        session.add(SubjectRow(id=terminal, created_at=NOW, chat_ref=None))
        await session.flush()
        session.add(
            ConversationRow(
                subject_id=terminal,
                flow="menu",
                flow_version=1,
                state="start",
                answers={"story": "typed in a terminal"},
                locale="en",
                steps=1,
                updated_at=NOW,
            )
        )

    await db.run(write)


async def content(db: Database, ring: KeyRing, people: tuple[int, ...] = PEOPLE) -> dict[str, Any]:
    """Everything a person or operator wrote, by who they are (not by pseudonym, whichever
    key of the ring made it), read through the ring: equal before, during and after."""
    install_keyring(ring)

    def chat_key_known(chat_id: int, chat_key: str) -> bool:
        return chat_key in [ring.pseudonym("chat", chat_id), *ring.old_pseudonyms("chat", chat_id)]

    async def read(session: AsyncSession) -> dict[str, Any]:
        found: dict[str, Any] = {}
        for user in people:
            ids = [ring.pseudonym("tg", user), *ring.old_pseudonyms("tg", user)]
            subject = await session.scalar(select(SubjectRow.id).where(SubjectRow.id.in_(ids)))
            row = await session.get(SubjectRow, subject)
            conversation = await session.get(ConversationRow, subject)
            found[f"person {user}"] = (
                None if row is None else row.chat_ref,
                None if conversation is None else (conversation.answers, conversation.settings),
                list(
                    await session.scalars(
                        select(EventRow.kind).where(EventRow.subject_id == subject)
                    )
                ),
                [
                    (c.code, c.facts, c.holder_ref)
                    for c in await session.scalars(
                        select(CaseRequestRow).where(CaseRequestRow.subject_id == subject)
                    )
                ],
                list(
                    await session.scalars(
                        select(RecentMessageRow.message_id).where(
                            RecentMessageRow.subject_id == subject
                        )
                    )
                ),
            )
        found["outbox"] = sorted(
            (chat_key_known(r.payload["chat_id"], r.chat_key), r.payload["text"])
            for r in await session.scalars(select(OutboxRow))
        )
        found["inbox"] = sorted(
            (r.update_id, r.payload) for r in await session.scalars(select(InboxRow))
        )
        found["operators"] = sorted(
            (int(r.telegram_ref), r.ref, r.alias, r.active)
            for r in await session.scalars(select(OperatorRow))
        )
        return found

    return await db.run(read)


async def key_ids(db: Database) -> set[str]:
    """The key id in front of every stored encrypted value (read raw, no decryption)."""
    kids: set[str] = set()
    async with db.engine.connect() as connection:
        for table, column in SEALED:
            rows = await connection.execute(text(f"SELECT {column} FROM {table}"))  # noqa: S608
            kids |= {bytes(value[:4]).decode() for (value,) in rows if value is not None}
    return kids


async def assert_rotated(db: Database, before: dict[str, Any]) -> None:
    """Everything under B, readable by B alone, the same content, pseudonyms re-made."""
    ring = KeyRing(B)
    assert await key_ids(db) == {ring.current_kid}
    assert await content(db, ring) == before
    assert (await pending(db, new_ring())).left == 0

    async def check(session: AsyncSession) -> None:
        subjects = {r.id: r for r in await session.scalars(select(SubjectRow))}
        expected = {ring.pseudonym("tg", user) for user in PEOPLE}
        terminal = KeyRing(A).pseudonym("terminal", "local")
        assert set(subjects) == expected | {terminal}  # the old rows are gone
        assert {subjects[s].kid for s in expected} == {ring.current_kid}
        for model in (ConversationRow, EventRow, CaseRequestRow, RecentMessageRow):
            owners = set(await session.scalars(select(model.subject_id)))
            assert owners <= set(subjects), model.__tablename__
        assert set(await session.scalars(select(ConversationRow.subject_id))) == set(subjects)
        for user, alias in OPERATORS.items():
            row = await cases.active_operator(session, ring.pseudonym("operator", user))
            assert row is not None
            assert row.alias == alias
            assert row.ref == KeyRing(A).pseudonym("operator", user)  # never changes
        held = await session.scalar(select(CaseRequestRow).where(CaseRequestRow.status == "held"))
        assert held is not None
        assert held.holder_ref == KeyRing(A).pseudonym("operator", 6001)
        assert await staff.verify_audit(session) is None

    await db.run(check)


async def audit_actions(db: Database) -> list[tuple[str, str, str]]:
    async def read(session: AsyncSession) -> list[tuple[str, str, str]]:
        rows = await session.scalars(select(AuditRow).order_by(AuditRow.id))
        return [(r.actor, r.action, r.detail) for r in rows]

    return await db.run(read)


# -- rotate -------------------------------------------------------------------------------


def test_the_key_ring_names_keys_and_the_pseudonyms_old_keys_made() -> None:
    ring = KeyRing(B, [A, B, A])  # the current key among the old ones is not an old key
    assert ring.old_kids == (KeyRing(A).current_kid,)
    blob = KeyRing(A).encrypt(b"x", b"t.c")
    assert ring.key_id_of(blob) == KeyRing(A).current_kid
    assert ring.key_id_of(ring.encrypt(b"x", b"t.c")) == ring.current_kid
    assert ring.old_pseudonyms("tg", 42) == [KeyRing(A).pseudonym("tg", 42)]
    assert ring.pseudonym("tg", 42) == KeyRing(B).pseudonym("tg", 42)
    assert KeyRing(B).old_pseudonyms("tg", 42) == []


async def test_every_encrypted_column_is_known_to_this_test() -> None:
    assert (
        sorted(
            [
                ("case_requests", "facts"),
                ("conversations", "answers"),
                ("conversations", "settings"),
                ("inbox", "payload"),
                ("operators", "telegram_ref"),
                ("outbox", "payload"),
                ("recent_messages", "message_id"),
                ("subjects", "chat_ref"),
            ]
        )
        == SEALED
    )


async def test_rotation_moves_every_value_and_pseudonym_to_the_new_key(db: Database) -> None:
    await populate(db)
    before = await content(db, old_ring())
    assert await key_ids(db) == {KeyRing(A).current_kid}
    install_keyring(new_ring())
    waiting = await pending(db, new_ring())
    assert waiting.subjects == len(PEOPLE)
    assert waiting.operators == len(OPERATORS)
    assert waiting.chat_keys == len(PEOPLE)
    assert waiting.kept == 1  # the terminal's person has no chat id

    seen: list[tuple[str, int, int]] = []
    report = await rotate(db, new_ring(), batch=3, progress=lambda *a: seen.append(a))

    assert report.finished
    assert report.kid == KeyRing(B).current_kid
    assert report.changed("subjects") == len(PEOPLE)
    assert report.changed("operators") == len(OPERATORS)
    assert report.changed("outbox") == len(PEOPLE)
    assert report.kept == 1
    # every answer (the terminal's too) and every safety setting, re-encrypted
    with_settings = len(PEOPLE[::3])
    assert report.steps["values in conversations"].changed == len(PEOPLE) + 1 + with_settings
    assert {step for step, _, _ in seen} == set(report.steps)
    assert all(done <= total for _, done, total in seen)
    await assert_rotated(db, before)
    actor, action, detail = (await audit_actions(db))[-1]
    assert (actor, action) == ("cli", "keys_rotated")
    assert len(detail) <= 64
    assert f"{len(PEOPLE)} subj" in detail

    again = await rotate(db, new_ring())  # nothing left: a second run changes nothing
    assert again.finished
    assert again.changed("") == 0
    await assert_rotated(db, before)


@pytest.mark.parametrize("stop_after", [1, 4, 9])
async def test_an_interrupted_rotation_is_finished_by_running_it_again(
    db: Database, stop_after: int
) -> None:
    await populate(db)
    before = await content(db, old_ring())
    total = (await pending(db, new_ring())).left
    report = await rotate(db, new_ring(), batch=2, stop_after_batches=stop_after)
    assert not report.finished
    assert report.batches == stop_after
    # stopped between batches: part done, and every value still readable with both keys
    left = (await pending(db, new_ring())).left
    assert 0 < left < total
    assert await content(db, new_ring()) == before
    assert [a for _, a, _ in await audit_actions(db)].count("keys_rotated") == 0

    assert (await rotate(db, new_ring(), batch=2)).finished
    await assert_rotated(db, before)


class FailingRing(KeyRing):
    """The new key ring, failing part-way like a crash: after ``ok`` encryptions."""

    def __init__(self, ok: int) -> None:
        super().__init__(B, [A])
        self.ok = ok

    def encrypt(self, plaintext: bytes, aad: bytes) -> bytes:
        if self.ok == 0:
            raise RuntimeError("crash")
        self.ok -= 1
        return super().encrypt(plaintext, aad)


@pytest.mark.parametrize("ok", [0, 5, 20])
async def test_a_rotation_that_fails_mid_batch_leaves_no_half_written_batch(
    db: Database, ok: int
) -> None:
    await populate(db)
    before = await content(db, old_ring())
    with pytest.raises(RuntimeError, match="crash"):
        await rotate(db, FailingRing(ok), batch=4)
    assert await content(db, new_ring()) == before
    assert (await rotate(db, new_ring(), batch=4)).finished
    await assert_rotated(db, before)


async def test_a_busy_database_is_tried_again_and_other_errors_are_not(db: Database) -> None:
    calls: list[Any] = []

    async def busy_once(session: AsyncSession, after: Any) -> Page:
        calls.append(after)
        if len(calls) == 1:
            raise OperationalError("UPDATE", {}, sqlite3.OperationalError("database is locked"))
        return Page(None, 0)

    assert (await _attempt(db, busy_once, "k")).after is None
    assert calls == ["k", "k"]

    async def broken(session: AsyncSession, after: Any) -> Page:
        calls.append(after)
        raise IntegrityError("INSERT", {}, sqlite3.IntegrityError("UNIQUE constraint failed"))

    calls.clear()
    with pytest.raises(IntegrityError):
        await _attempt(db, broken, None)
    assert calls == [None]


# -- one person or operator on demand -----------------------------------------------------


def count_statements(db: Database) -> list[str]:
    statements: list[str] = []

    def seen(*args: Any) -> None:
        statements.append(args[2])

    event.listen(db.engine.sync_engine, "before_cursor_execute", seen)
    return statements


async def test_resolve_subject_moves_one_person_on_demand_and_costs_one_query(
    db: Database,
) -> None:
    await populate(db)
    before = await content(db, old_ring())
    ring = new_ring()
    install_keyring(ring)
    person = PEOPLE[0]
    moved = await db.run(lambda s: resolve_subject(s, ring, person))
    assert moved == ring.pseudonym("tg", person)
    now = await content(db, ring, (person,))
    assert now[f"person {person}"] == before[f"person {person}"]

    async def subject_rows(session: AsyncSession) -> dict[str, str | None]:
        return {r.id: r.kid for r in await session.scalars(select(SubjectRow))}

    rows = await db.run(subject_rows)
    assert rows[moved] == ring.current_kid
    assert KeyRing(A).pseudonym("tg", person) not in rows
    assert KeyRing(A).pseudonym("tg", PEOPLE[1]) in rows  # the others wait for the batches

    statements = count_statements(db)
    assert await db.run(lambda s: resolve_subject(s, ring, person)) == moved
    assert len(statements) == 1  # already moved: one look-up by primary key
    assert statements[0].lstrip().upper().startswith("SELECT")
    statements.clear()
    assert await db.run(lambda s: resolve_subject(s, KeyRing(B), person)) == moved
    assert statements == []  # no old key in the ring: no query at all

    assert (await rotate(db, ring)).finished
    await assert_rotated(db, before)


async def test_a_person_who_wrote_under_the_new_key_keeps_their_settings(db: Database) -> None:
    """The bot made them a fresh subject and dialog before their old rows moved: the newer
    dialog wins, the safety settings from the old one survive, nothing is lost."""
    await populate(db)
    ring = new_ring()
    install_keyring(ring)
    person = PEOPLE[0]  # has a code word under the old key
    fresh = ring.pseudonym("tg", person)

    async def write_fresh(session: AsyncSession) -> None:
        session.add(SubjectRow(id=fresh, created_at=NOW + timedelta(days=1), chat_ref=b"7001"))
        await session.flush()
        session.add(
            ConversationRow(
                subject_id=fresh,
                flow="menu",
                flow_version=1,
                state="start",
                answers={"story": "written after the new key"},
                locale="uk",
                steps=1,
                updated_at=NOW + timedelta(days=1),
            )
        )

    await db.run(write_fresh)
    assert await db.run(lambda s: resolve_subject(s, ring, person)) == fresh

    async def read(session: AsyncSession) -> tuple[Any, ...]:
        conversation = await session.get(ConversationRow, fresh)
        subject = await session.get(SubjectRow, fresh)
        assert conversation is not None
        assert subject is not None
        codes = list(
            await session.scalars(
                select(CaseRequestRow.code).where(CaseRequestRow.subject_id == fresh)
            )
        )
        return conversation.answers, conversation.settings, subject.created_at, codes

    answers, settings, created, codes = await db.run(read)
    assert answers == {"story": "written after the new key"}
    assert settings == {"code_word": f"swallow-{person}"}
    assert created == NOW  # the person is as old as their first message
    assert codes == [f"C-{person}"]


async def test_resolve_operator_remakes_a_lookup_and_keeps_the_ref(db: Database) -> None:
    await populate(db)
    ring = new_ring()
    install_keyring(ring)
    row = await db.run(lambda s: resolve_operator(s, ring, 6002))
    assert row is not None
    assert row.ref == KeyRing(A).pseudonym("operator", 6002)
    assert row.lookup == ring.pseudonym("operator", 6002)
    again = await db.run(lambda s: cases.active_operator(s, ring.pseudonym("operator", 6002)))
    assert again is not None
    assert again.alias == "Ivan"
    assert await db.run(lambda s: resolve_operator(s, ring, 6099)) is None
    # re-registering after the new key updates the same operator, never a second row
    added = await db.run(
        lambda s: staff.add_operator(
            s,
            ref=ring.pseudonym("operator", 6002),
            telegram_ref=b"6002",
            alias="Ivan K.",
            role="supervisor",
            now=NOW,
        )
    )
    assert added is False
    everyone = await db.run(lambda s: staff.operators(s, active_only=False))
    assert sorted(r.alias for r in everyone) == ["Ivan K.", "Olha"]


# -- the command line ---------------------------------------------------------------------


def populate_file(tmp_path: Path, people: tuple[int, ...] = PEOPLE) -> Database:
    database = Database(f"sqlite+aiosqlite:///{(tmp_path / 'lastivka.db').resolve()}")

    async def main() -> None:
        await upgrade(database)
        await populate(database, people)
        await database.dispose()

    asyncio.run(main())
    return database


def test_keys_rotate_and_status_from_the_command_line(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    database = populate_file(tmp_path)
    before = asyncio.run(content(database, old_ring()))
    monkeypatch.setenv("LASTIVKA_SECRET_KEY", _b64(B))
    monkeypatch.setenv("LASTIVKA_OLD_SECRET_KEYS", _b64(A))

    status = runner.invoke(app, ["keys", "status"])
    assert status.exit_code == 0, status.output
    waiting = asyncio.run(pending(database, new_ring()))
    assert f"{waiting.left} left" in status.output
    assert waiting.left > 0
    assert "Run `lastivka keys rotate`" in status.output

    rotated = runner.invoke(app, ["keys", "rotate", "--batch", "3"])
    assert rotated.exit_code == 0, rotated.output
    assert "subjects" in rotated.output
    assert "left under old keys: 0" in rotated.output
    assert "LASTIVKA_OLD_SECRET_KEYS" in rotated.output
    assert "without a chat id" in rotated.output
    for user in PEOPLE:
        assert str(user) not in rotated.output

    done = runner.invoke(app, ["keys", "status"])
    assert done.exit_code == 0, done.output
    assert "0 left" in done.output
    assert "can be removed" in done.output

    monkeypatch.delenv("LASTIVKA_OLD_SECRET_KEYS")
    asyncio.run(assert_rotated(database, before))
    asyncio.run(database.dispose())


def test_keys_commands_need_the_keys(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    missing = runner.invoke(app, ["keys", "rotate"])
    assert missing.exit_code == 2
    assert "LASTIVKA_SECRET_KEY is missing" in missing.output
    assert "Traceback" not in missing.output
    populate_file(tmp_path)
    monkeypatch.setenv("LASTIVKA_SECRET_KEY", _b64(B))  # the old key forgotten
    lost = runner.invoke(app, ["keys", "rotate"])
    assert lost.exit_code == 2
    assert "LASTIVKA_OLD_SECRET_KEYS" in lost.output
    assert "Traceback" not in lost.output


@pytest.mark.parametrize("where", ["missing", "env", "file"])
def test_run_refuses_a_missing_or_example_secret_before_telegram(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, where: str
) -> None:
    monkeypatch.setenv("LASTIVKA_TELEGRAM_TOKEN", "123456:ABCdef")
    if where == "env":
        monkeypatch.setenv("LASTIVKA_SECRET_KEY", EXAMPLE_SECRET)
    elif where == "file":
        (tmp_path / "secret.key").write_text(EXAMPLE_SECRET + "\n", encoding="utf-8")
    done = runner.invoke(app, ["run"])
    assert done.exit_code == 2
    assert "LASTIVKA_SECRET_KEY" in done.output
    expected = "is missing" if where == "missing" else "example value"
    assert expected in done.output
    assert "Traceback" not in done.output
    assert not (tmp_path / "lastivka.db").exists()  # stopped before the database, too


# -- a real kill --------------------------------------------------------------------------


def test_a_killed_rotation_finishes_when_run_again(tmp_path: Path) -> None:
    """``keys rotate --batch 1`` killed with SIGKILL once it showed progress, then rerun."""
    people = tuple(range(8000, 8150))
    database = populate_file(tmp_path, people)
    before = asyncio.run(content(database, old_ring(), people))
    env = {k: v for k, v in os.environ.items() if not k.startswith("LASTIVKA_")} | {
        "LASTIVKA_DATA_DIR": str(tmp_path),
        "LASTIVKA_SECRET_KEY": _b64(B),
        "LASTIVKA_OLD_SECRET_KEYS": _b64(A),
        # Rich draws its progress bar into the pipe as into a terminal
        "TTY_COMPATIBLE": "1",
        "TTY_INTERACTIVE": "1",
        "COLUMNS": "120",
    }
    command = [sys.executable, "-m", "bot", "keys", "rotate", "--batch", "1"]
    process = subprocess.Popen(
        command, env=env, cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    assert process.stdout is not None
    shown = b""
    try:
        while not re.search(rb"\b([1-9]\d*)/\d+", shown):
            ready, _, _ = io_select.select([process.stdout], [], [], 60)
            assert ready, "no progress shown within a minute"
            chunk = os.read(process.stdout.fileno(), 65536)
            assert chunk, shown.decode(errors="replace") + process.stderr.read().decode()
            shown += chunk
        process.send_signal(signal.SIGKILL)
    finally:
        process.kill()
        process.wait()
        process.stdout.close()
        assert process.stderr is not None
        process.stderr.close()
    assert process.returncode == -signal.SIGKILL

    async def midway() -> int:
        left = (await pending(database, new_ring())).left
        assert await content(database, new_ring(), people) == before
        await database.dispose()
        return left

    assert asyncio.run(midway()) > 0  # killed part-way, everything still readable

    again = subprocess.run(
        [*command[:-1], "50"], env=env, cwd=tmp_path, capture_output=True, timeout=300, check=False
    )
    assert again.returncode == 0, again.stderr.decode()
    assert b"left under old keys: 0" in again.stdout

    async def finished() -> None:
        assert await key_ids(database) == {KeyRing(B).current_kid}
        assert await content(database, KeyRing(B), people) == before
        assert (await pending(database, new_ring())).left == 0
        await database.dispose()

    asyncio.run(finished())
