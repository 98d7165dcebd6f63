"""``lastivka operators add|list|remove``: who may act in the operator group.

Operators are recorded by a pseudonym of their Telegram id; the id itself is stored
encrypted (to recognise them in the group), and the alias is what people see
("Consultant Olha"). Every change is written to the audit trail.
"""

from __future__ import annotations

from typing import Annotated, TypeVar

import typer
from rich.console import Console
from rich.table import Table
from sqlalchemy.ext.asyncio import AsyncSession

from bot.cli_db import with_db
from bot.config import Settings, SettingsError
from bot.crypto import KeyRing
from handoff.lifecycle import Role

__all__ = ["operators_app"]

T = TypeVar("T")

out = Console(highlight=False)
err = Console(stderr=True, highlight=False, soft_wrap=True)

operators_app = typer.Typer(help="Operators of the hotline team.", no_args_is_help=True)

#: Who acts when an admin changes the register from the command line.
CLI_ACTOR = "cli"


def _keyring(settings: Settings) -> KeyRing:
    """The key ring (operators' pseudonyms depend on it); a missing key is one clear line."""
    from bot.core import load_keyring

    try:
        return load_keyring(settings)
    except SettingsError as exc:
        err.print(str(exc))
        raise typer.Exit(2) from None


@operators_app.command("add")
def add(
    telegram_id: Annotated[int, typer.Option("--telegram-id", help="The operator's user id.")],
    name: Annotated[str, typer.Option("--name", help="Shown to people, e.g. Olha.")],
    role: Annotated[Role, typer.Option("--role", case_sensitive=False)] = Role.OPERATOR,
) -> None:
    """Register an operator (or change their name or role)."""
    from bot.cli import _settings
    from bot.conversations import utcnow
    from bot.db import staff
    from bot.rotation import resolve_operator

    alias = " ".join(name.split())
    if not alias or len(alias) > 32:
        err.print("--name must be 1 to 32 characters (a first name or a work name)")
        raise typer.Exit(2)
    if telegram_id <= 0:
        err.print("--telegram-id must be a person's Telegram user id (a positive number)")
        raise typer.Exit(2)
    settings = _settings()
    keyring = _keyring(settings)
    # A new operator's ref and lookup are both their pseudonym under the current key; an
    # existing one keeps the ref the audit trail knows them by.
    lookup = keyring.pseudonym("operator", telegram_id)

    async def job(session: AsyncSession) -> bool:
        now = utcnow()
        known = await resolve_operator(session, keyring, telegram_id)
        added = await staff.add_operator(
            session,
            ref=lookup,
            telegram_ref=str(telegram_id).encode(),
            alias=alias,
            role=role.value,
            now=now,
        )
        action = "operator_added" if added else "operator_changed"
        ref = lookup if known is None else known.ref
        await staff.append_audit(
            session, actor=CLI_ACTOR, action=action, now=now, detail=f"{ref[:12]} {role.value}"
        )
        return added

    added = with_db(settings, job)
    out.print(f"{'added' if added else 'updated'}: {alias} ({role.value})")


@operators_app.command("list")
def list_() -> None:
    """The active operators: name, role, pseudonym (never the Telegram id)."""
    from bot.cli import _settings
    from bot.db import staff

    rows = with_db(_settings(), staff.operators)
    table = Table(title=f"operators ({len(rows)})")
    for column in ("name", "role", "pseudonym", "since"):
        table.add_column(column)
    for row in rows:
        table.add_row(row.alias, row.role, row.ref[:12], row.created_at.date().isoformat())
    out.print(table)


@operators_app.command("remove")
def remove(
    telegram_id: Annotated[int, typer.Option("--telegram-id", help="The operator's user id.")],
) -> None:
    """Stop an operator from acting (kept in the audit trail)."""
    from bot.cli import _settings
    from bot.conversations import utcnow
    from bot.db import staff
    from bot.rotation import resolve_operator

    settings = _settings()
    keyring = _keyring(settings)
    lookup = keyring.pseudonym("operator", telegram_id)

    async def job(session: AsyncSession) -> bool:
        known = await resolve_operator(session, keyring, telegram_id)
        if known is None or not await staff.deactivate_operator(session, lookup):
            return False
        await staff.append_audit(
            session,
            actor=CLI_ACTOR,
            action="operator_removed",
            now=utcnow(),
            detail=known.ref[:12],
        )
        return True

    if not with_db(settings, job):
        err.print("no active operator with that Telegram id")
        raise typer.Exit(1)
    out.print("removed")
