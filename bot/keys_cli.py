"""``lastivka keys generate|rotate|status``: the secret key, and moving everything stored
to a new one (bot.rotation) with a progress bar, resumable after any interruption."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Annotated, TypeVar

import typer
from rich.console import Console
from rich.table import Table

from bot.config import SettingsError
from bot.crypto import generate_secret

if TYPE_CHECKING:
    from bot.crypto import KeyRing
    from bot.db.database import Database

__all__ = ["keys_app"]

T = TypeVar("T")

keys_app = typer.Typer(help="Encryption and pseudonym keys.", no_args_is_help=True)
out = Console(highlight=False)


@keys_app.command("generate")
def keys_generate() -> None:
    """Print a new secret key (32 random bytes, URL-safe base64)."""
    out.print(generate_secret(), markup=False)


_KEEP_OLD = (
    "Keep the old key in LASTIVKA_OLD_SECRET_KEYS until `lastivka keys status` reports "
    "0 left; then remove it and restart."
)


def _keys_job(job: Callable[[Database, KeyRing], Awaitable[T]]) -> tuple[KeyRing, T]:
    """Settings, key ring and a migrated database for a ``keys`` command; a missing key or
    a value under a key not in the ring is one line, exit 2."""
    from bot.cli import _fail, _run, _settings
    from bot.core import load_keyring
    from bot.crypto import DecryptionError, install_keyring
    from bot.db.database import Database
    from bot.db.migrate import upgrade

    settings = _settings()
    try:
        keyring = load_keyring(settings)
    except SettingsError as exc:
        raise _fail(str(exc)) from None
    install_keyring(keyring)

    async def main() -> T:
        db = Database(settings.db_url)
        try:
            await upgrade(db)
            return await job(db, keyring)
        finally:
            await db.dispose()

    try:
        return keyring, _run(main)
    except DecryptionError as exc:
        raise _fail(
            f"{exc}: add the key it was written with to LASTIVKA_OLD_SECRET_KEYS and run again"
        ) from None


@keys_app.command("rotate")
def keys_rotate(
    batch: Annotated[
        int, typer.Option("--batch", min=1, max=10_000, help="Rows per transaction.")
    ] = 200,
) -> None:
    """Move every encrypted value and pseudonym to the current key (run again to resume)."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskID, TextColumn

    from bot.rotation import Pending, RotationReport, pending, rotate

    with Progress(
        TextColumn("{task.description:<28}"), BarColumn(), MofNCompleteColumn(), console=out
    ) as bar:
        tasks: dict[str, TaskID] = {}

        def progress(step: str, done: int, total: int) -> None:
            if step not in tasks:
                tasks[step] = bar.add_task(step, total=total)
            bar.update(tasks[step], completed=done, total=total)

        async def job(db: Database, keyring: KeyRing) -> tuple[RotationReport, Pending]:
            report = await rotate(db, keyring, batch=batch, progress=progress)
            return report, await pending(db, keyring)

        keyring, (report, left) = _keys_job(job)
    table = Table(title=f"keys rotate: now under key {report.kid}")
    for name in ("step", "rows looked at", "changed"):
        table.add_column(name)
    for name, step in report.steps.items():
        table.add_row(name, str(step.done), str(step.changed))
    out.print(table)
    if report.kept:
        out.print(
            f"{report.kept} subject(s) without a chat id (the terminal chat) keep their "
            "pseudonym: the terminal starts afresh."
        )
    if not keyring.old_kids:
        out.print("No old key in LASTIVKA_OLD_SECRET_KEYS: nothing was under another key.")
    out.print(f"left under old keys: {left.left}")
    if left.left:
        out.print("Written while this ran: run `lastivka keys rotate` again.")
    out.print(
        "Keep the old key in LASTIVKA_OLD_SECRET_KEYS until every bot process runs with the "
        "new key and `lastivka keys status` reports 0 left; then remove it and restart."
    )


@keys_app.command("status")
def keys_status() -> None:
    """How many values, subjects, operators and outbox rows are still under old keys."""
    from bot.rotation import pending

    keyring, left = _keys_job(lambda db, ring: pending(db, ring))
    table = Table(title=f"keys status: current key {keyring.current_kid}")
    table.add_column("what")
    table.add_column("under an old key", justify="right")
    for name, count in left.values.items():
        table.add_row(f"values in {name}", str(count))
    table.add_row("subject pseudonyms", str(left.subjects))
    table.add_row("operator lookups", str(left.operators))
    table.add_row("outbox chat keys", str(left.chat_keys))
    out.print(table)
    if left.kept:
        out.print(f"{left.kept} subject(s) without a chat id (the terminal chat): not counted.")
    out.print(f"{left.left} left")
    if left.left:
        out.print("Run `lastivka keys rotate`. " + _KEEP_OLD)
    elif keyring.old_kids:
        out.print("Everything is under the current key: the old keys can be removed.")
