"""``lastivka audit`` and ``lastivka audit verify``: the append-only trail of who did what.

Rows name actors by pseudonym (operators) or role (``system``, ``cli``, ``person``), an
action and a case code; never content. Each row's digest covers the previous one, so an
edited or deleted row breaks the chain from there on, which ``verify`` reports.
"""

from __future__ import annotations

import asyncio
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.config import Settings

__all__ = ["audit_app"]

out = Console(highlight=False)
err = Console(stderr=True, highlight=False, soft_wrap=True)

audit_app = typer.Typer(
    help="The audit trail (who did what to which case; never content).",
    invoke_without_command=True,
)


async def _rows(settings: Settings, limit: int, case: str | None) -> list[tuple[object, ...]]:
    from bot.db.database import Database
    from bot.db.migrate import upgrade
    from bot.db.tables import AuditRow

    db = Database(settings.db_url)
    try:
        await upgrade(db)
        query = select(AuditRow).order_by(AuditRow.id.desc()).limit(limit)
        if case:
            query = query.where(AuditRow.case_code == case)

        async def job(session: AsyncSession) -> list[tuple[object, ...]]:
            rows = await session.scalars(query)
            return [(r.id, r.at, r.actor, r.action, r.case_code or "", r.detail) for r in rows]

        return list(reversed(await db.run(job)))
    finally:
        await db.dispose()


@audit_app.callback()
def audit(
    ctx: typer.Context,
    limit: Annotated[int, typer.Option("--limit", help="How many of the latest rows.")] = 50,
    case: Annotated[str | None, typer.Option("--case", help="Only this case, e.g. K-7Q3F.")] = None,
) -> None:
    """The latest rows of the audit trail."""
    if ctx.invoked_subcommand is not None:
        return
    from bot.cli import _settings

    rows = asyncio.run(_rows(_settings(), limit, case))
    table = Table(title=f"audit ({len(rows)} rows)")
    for column in ("#", "when (UTC)", "who", "what", "case", "detail"):
        table.add_column(column)
    for row_id, at, actor, action, code, detail in rows:
        when = at.strftime("%Y-%m-%d %H:%M:%S") if hasattr(at, "strftime") else str(at)
        table.add_row(str(row_id), when, str(actor)[:20], str(action), str(code), str(detail))
    out.print(table)


@audit_app.command("verify")
def verify() -> None:
    """Check the hash chain; exit 1 and name the first broken row if it was tampered with."""
    from bot.cli import _settings
    from bot.db import staff
    from bot.db.database import Database
    from bot.db.migrate import upgrade

    settings = _settings()

    async def check(session: AsyncSession) -> tuple[int | None, int | None]:
        from bot.db.tables import AuditAnchorRow

        anchor = await session.get(AuditAnchorRow, 1)
        return await staff.verify_audit(session), anchor.last_id if anchor else None

    async def main() -> tuple[int | None, int | None]:
        db = Database(settings.db_url)
        try:
            await upgrade(db)
            return await db.run(check)
        finally:
            await db.dispose()

    broken, purged = asyncio.run(main())
    if purged is not None:
        out.print(f"the chain starts after row {purged} (older rows purged by retention)")
    if broken is not None:
        err.print(f"the audit trail is broken at row {broken}: it was edited or a row was removed")
        raise typer.Exit(1)
    out.print("the audit trail is intact")
