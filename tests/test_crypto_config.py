"""Keys, encryption, pseudonyms, and settings that fail in one clear line."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from bot.config import EXAMPLE_SECRET, SettingsError, load_settings
from bot.crypto import DecryptionError, KeyRing, generate_secret

K1, K2 = b"\x01" * 32, b"\x02" * 32


def test_encryption_round_trips_and_is_randomised() -> None:
    ring = KeyRing(K1)
    a, b = ring.encrypt(b"secret", b"t.c"), ring.encrypt(b"secret", b"t.c")
    assert a != b
    assert b"secret" not in a
    assert ring.decrypt(a, b"t.c") == b"secret"


def test_ciphertext_is_bound_to_its_column() -> None:
    ring = KeyRing(K1)
    blob = ring.encrypt(b"secret", b"subjects.chat_ref")
    with pytest.raises(DecryptionError):
        ring.decrypt(blob, b"outbox.payload")


def test_tampering_is_detected() -> None:
    ring = KeyRing(K1)
    blob = bytearray(ring.encrypt(b"secret", b"t.c"))
    blob[-1] ^= 1
    with pytest.raises(DecryptionError):
        ring.decrypt(bytes(blob), b"t.c")


def test_old_keys_still_decrypt_and_unknown_keys_are_reported() -> None:
    old = KeyRing(K1).encrypt(b"x", b"t.c")
    assert KeyRing(K2, [K1]).decrypt(old, b"t.c") == b"x"
    with pytest.raises(DecryptionError, match="not in the key ring"):
        KeyRing(K2).decrypt(old, b"t.c")


def test_pseudonyms_are_stable_keyed_and_namespaced() -> None:
    ring = KeyRing(K1)
    assert ring.pseudonym("tg", 42) == ring.pseudonym("tg", 42)
    assert ring.pseudonym("tg", 42) != KeyRing(K2).pseudonym("tg", 42)
    assert ring.pseudonym("tg", 42) != ring.pseudonym("chat", 42)
    assert "42" not in ring.pseudonym("tg", 42)


def test_generated_secret_is_accepted(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LASTIVKA_SECRET_KEY", generate_secret())
    assert load_settings().secret_key is not None


@pytest.mark.parametrize(
    ("name", "value", "expected"),
    [
        ("LASTIVKA_SECRET_KEY", "short", "LASTIVKA_SECRET_KEY"),
        ("LASTIVKA_SECRET_KEY", EXAMPLE_SECRET, "example value"),
        ("LASTIVKA_TELEGRAM_TOKEN", "not a token", "LASTIVKA_TELEGRAM_TOKEN"),
        ("LASTIVKA_DEFAULT_LOCALE", "ua", "LASTIVKA_DEFAULT_LOCALE"),
        ("LASTIVKA_DATABASE_URL", "mysql://x", "LASTIVKA_DATABASE_URL"),
        ("LASTIVKA_OPERATOR_CHAT_ID", "abc", "LASTIVKA_OPERATOR_CHAT_ID"),
        ("LASTIVKA_TELEGRAM_API_URL", "ftp://x", "LASTIVKA_TELEGRAM_API_URL"),
        ("LASTIVKA_OPERATOR_SLA", "urgent=5m", "no time to claim for normal, high"),
        ("LASTIVKA_OPERATOR_HOURS", "Mon-Fri 9-18", "LASTIVKA_OPERATOR_HOURS"),
        ("LASTIVKA_OPERATOR_TIMEZONE", "Kyiv", "unknown time zone"),
        ("LASTIVKA_ABANDON_AFTER_HOURS", "0", "LASTIVKA_ABANDON_AFTER_HOURS"),
    ],
)
def test_invalid_setting_names_itself(
    monkeypatch: pytest.MonkeyPatch, name: str, value: str, expected: str
) -> None:
    monkeypatch.setenv(name, value)
    with pytest.raises(SettingsError, match=expected):
        load_settings()


def _cli(*args: str, env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess[str]:
    full = {k: v for k, v in os.environ.items() if not k.startswith("LASTIVKA_")} | env
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        capture_output=True,
        text=True,
        env=full,
        cwd=cwd,
        timeout=120,
        check=False,
    )


def test_cli_bad_setting_is_one_line_and_exit_2(tmp_path: Path) -> None:
    done = _cli("check", env={"LASTIVKA_DEFAULT_LOCALE": "ua"}, cwd=tmp_path)
    assert done.returncode == 1  # check reports it in its table
    done = _cli("run", env={"LASTIVKA_DEFAULT_LOCALE": "ua"}, cwd=tmp_path)
    assert done.returncode == 2
    assert done.stderr.strip().count("\n") == 0
    assert "LASTIVKA_DEFAULT_LOCALE" in done.stderr
    assert "Traceback" not in done.stderr


def test_cli_run_without_token_explains_and_suggests_chat(tmp_path: Path) -> None:
    done = _cli("run", env={}, cwd=tmp_path)
    assert done.returncode == 2
    assert "@BotFather" in done.stderr
    assert "lastivka chat" in done.stderr
    assert "Traceback" not in done.stderr


def test_cli_run_without_secret_is_refused(tmp_path: Path) -> None:
    done = _cli(
        "run",
        env={"LASTIVKA_TELEGRAM_TOKEN": "123:abc", "LASTIVKA_DATA_DIR": str(tmp_path)},
        cwd=tmp_path,
    )
    assert done.returncode == 2
    assert "LASTIVKA_SECRET_KEY is missing" in done.stderr
    assert "Traceback" not in done.stderr


def test_cli_version_and_keys() -> None:
    version = _cli("--version", env={}, cwd=Path.cwd())
    assert version.returncode == 0
    assert version.stdout.startswith("lastivka ")
    key = _cli("keys", "generate", env={}, cwd=Path.cwd()).stdout.strip()
    assert len(key) == 43
    assert _cli("keys", "generate", env={}, cwd=Path.cwd()).stdout.strip() != key
