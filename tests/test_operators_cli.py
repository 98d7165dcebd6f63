"""``lastivka operators``: registering who may act in the operator group."""

from __future__ import annotations

import base64
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bot.cli import app
from tests.conftest import TEST_SECRET


@pytest.fixture
def runner(runner: CliRunner, monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    """The shared command runner (tests/conftest.py), with the test secret key set."""
    monkeypatch.setenv("LASTIVKA_SECRET_KEY", base64.urlsafe_b64encode(TEST_SECRET).decode())
    return runner


def test_add_list_change_and_remove_operators(runner: CliRunner, tmp_path: Path) -> None:
    added = runner.invoke(
        app,
        ["operators", "add", "--telegram-id", "5550001", "--name", "Olha", "--role", "operator"],
    )
    assert added.exit_code == 0, added.output
    assert "added: Olha (operator)" in added.output
    runner.invoke(app, ["operators", "add", "--telegram-id", "5550002", "--name", "Ivan"])
    changed = runner.invoke(
        app,
        ["operators", "add", "--telegram-id", "5550001", "--name", "Olha", "--role", "supervisor"],
    )
    assert "updated: Olha (supervisor)" in changed.output
    listed = runner.invoke(app, ["operators", "list"])
    assert listed.exit_code == 0, listed.output
    assert "Olha" in listed.output
    assert "supervisor" in listed.output
    assert "Ivan" in listed.output
    assert "5550001" not in listed.output  # the Telegram id is never printed
    removed = runner.invoke(app, ["operators", "remove", "--telegram-id", "5550002"])
    assert removed.exit_code == 0, removed.output
    assert "Ivan" not in runner.invoke(app, ["operators", "list"]).output
    again = runner.invoke(app, ["operators", "remove", "--telegram-id", "5550002"])
    assert again.exit_code == 1
    raw = b"".join(p.read_bytes() for p in tmp_path.glob("lastivka.db*"))
    assert b"5550001" not in raw


def test_bad_arguments_and_a_missing_key_are_one_clear_line(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    role = runner.invoke(
        app, ["operators", "add", "--telegram-id", "1", "--name", "X", "--role", "boss"]
    )
    assert role.exit_code == 2
    name = runner.invoke(app, ["operators", "add", "--telegram-id", "1", "--name", " "])
    assert name.exit_code == 2
    assert "--name" in name.output
    monkeypatch.delenv("LASTIVKA_SECRET_KEY")
    keyless = runner.invoke(app, ["operators", "add", "--telegram-id", "1", "--name", "Olha"])
    assert keyless.exit_code == 2
    assert "LASTIVKA_SECRET_KEY" in keyless.output
    assert "Traceback" not in keyless.output


def test_audit_lists_changes_and_verify_catches_tampering(
    runner: CliRunner, tmp_path: Path
) -> None:
    import sqlite3

    runner.invoke(app, ["operators", "add", "--telegram-id", "5550001", "--name", "Olha"])
    runner.invoke(app, ["operators", "remove", "--telegram-id", "5550001"])
    listed = runner.invoke(app, ["audit"])
    assert listed.exit_code == 0, listed.output
    assert "operator_added" in listed.output
    assert "operator_removed" in listed.output
    assert "5550001" not in listed.output
    ok = runner.invoke(app, ["audit", "verify"])
    assert ok.exit_code == 0
    assert "intact" in ok.output
    with sqlite3.connect(tmp_path / "lastivka.db") as connection:
        connection.execute("UPDATE audit SET action = 'nothing' WHERE id = 1")
    broken = runner.invoke(app, ["audit", "verify"])
    assert broken.exit_code == 1
    assert "row 1" in broken.output
