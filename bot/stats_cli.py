"""``lastivka purge`` and ``lastivka stats``: retention on demand, and the counters it keeps.

``purge`` removes what is older than its retention limit (the same purge ``lastivka run``
does daily) and prints the rows removed per data class; ``--dry-run`` only counts.
``stats`` prints the aggregate counters plus the rows not yet purged, counted the same way,
as a table or CSV. Every count under 5 is shown as ``<5`` (small-cell suppression), and no
total is printed that would let a suppressed cell be worked out from the others.
"""

from __future__ import annotations

import asyncio
import csv
import sys
from collections import Counter
from collections.abc import Iterable, Sequence
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, TextIO

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn
from rich.table import Table

from bot.config import Settings, SettingsError

if TYPE_CHECKING:
    from bot.retention import PurgeReport, RetentionPolicy, StatKey

__all__ = ["DIMENSIONS", "SMALL_CELL", "register_retention_commands", "shown", "summarise"]

out = Console(highlight=False)
err = Console(stderr=True, highlight=False, soft_wrap=True)

#: Counts below this are shown as "<5".
SMALL_CELL = 5
DIMENSIONS = ("flow", "level", "outcome", "country", "locale")
#: The data classes in the order the purge takes them (``bot.retention.DATA_CLASSES``).
_LABELS = {
    "events": "dialog events (transcripts)",
    "messages": "message ids for the quick exit",
    "people": "idle people with their answers",
    "cases": "closed cases",
    "audit": "audit rows",
}


class Period(StrEnum):
    day = "day"
    month = "month"


def shown(count: int) -> str:
    """A count as it may be shown: ``<5`` for 1 to 4."""
    return f"<{SMALL_CELL}" if 0 < count < SMALL_CELL else str(count)


def summarise(
    counts: Counter[StatKey],
    *,
    by: Period = Period.day,
    dims: Sequence[str] = DIMENSIONS,
    metrics: Iterable[str] = (),
) -> list[tuple[tuple[str, ...], int]]:
    """Rows of (period, metric, *dims) and their count, sorted; other dimensions summed."""
    wanted = tuple(metrics)
    rows: Counter[tuple[str, ...]] = Counter()
    for key, count in counts.items():
        if wanted and not any(_matches(key.metric, pattern) for pattern in wanted):
            continue
        period = key.day[:7] if by is Period.month else key.day
        rows[(period, key.metric, *(getattr(key, d) for d in dims))] += count
    return sorted((row, n) for row, n in rows.items() if n > 0)


def _matches(metric: str, pattern: str) -> bool:
    """``case_closed`` matches itself; ``event:*`` every dialog event kind."""
    if pattern.endswith("*"):
        return metric.startswith(pattern[:-1])
    return metric == pattern


def _limit(policy: RetentionPolicy, name: str) -> str:
    limit = policy.limit(name)
    return f"{limit.days} days" if limit.days else f"{limit.seconds // 3600} hours"


def _installed_keyring(settings: Settings) -> None:
    """Closed cases' facts are encrypted: counting them needs the key."""
    from bot.core import load_keyring
    from bot.crypto import install_keyring

    try:
        install_keyring(load_keyring(settings))
    except SettingsError as exc:
        err.print(f"lastivka: {exc}", markup=False)
        raise typer.Exit(2) from None


def purge_command(
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Count what is due, remove nothing.")
    ] = False,
) -> None:
    """Remove what is older than its retention limit, counting it into the statistics."""
    from bot.cli import _settings
    from bot.retention import RetentionPolicy

    settings = _settings()
    _installed_keyring(settings)
    policy = RetentionPolicy.from_settings(settings)
    report = asyncio.run(_purge(settings, policy, dry_run=dry_run))
    table = Table(title="purge (dry run: nothing removed)" if dry_run else "purge")
    for column in ("data", "kept for", "due" if dry_run else "removed"):
        table.add_column(column)
    for name in _LABELS:
        table.add_row(_LABELS[name], _limit(policy, name), str(getattr(report, name)))
    out.print(table)


async def _purge(settings: Settings, policy: RetentionPolicy, *, dry_run: bool) -> PurgeReport:
    from bot.conversations import utcnow
    from bot.db.database import Database
    from bot.db.migrate import upgrade
    from bot.retention import due, purge

    db = Database(settings.db_url)
    try:
        await upgrade(db)
        now = utcnow()
        todo = await due(db, policy, now=now)
        if dry_run:
            return todo
        with Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            console=err,
            transient=True,
        ) as bars:
            tasks = {
                name: bars.add_task(_LABELS[name], total=getattr(todo, name)) for name in _LABELS
            }
            return await purge(
                db, policy, now=now, progress=lambda name, n: bars.advance(tasks[name], n)
            )
    finally:
        await db.dispose()


def _day(value: str | None, option: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        err.print(f"{option} must look like 2026-11-25")
        raise typer.Exit(2) from None


def _dims(value: str) -> tuple[str, ...]:
    dims = tuple(d.strip() for d in value.split(",") if d.strip())
    unknown = [d for d in dims if d not in DIMENSIONS]
    if unknown:
        err.print(f"--dims takes {', '.join(DIMENSIONS)} (not {', '.join(unknown)})")
        raise typer.Exit(2)
    return dims


def _write_csv(
    stream: TextIO, header: Sequence[str], rows: list[tuple[tuple[str, ...], int]]
) -> None:
    writer = csv.writer(stream, lineterminator="\n")
    writer.writerow(header)
    for cells, count in rows:
        writer.writerow([*cells, shown(count)])


def stats_command(
    since: Annotated[str | None, typer.Option("--since", help="First day, YYYY-MM-DD.")] = None,
    until: Annotated[str | None, typer.Option("--until", help="Last day, YYYY-MM-DD.")] = None,
    by: Annotated[Period, typer.Option("--by", help="One row per day or per month.")] = (
        Period.day
    ),
    metric: Annotated[
        list[str] | None,
        typer.Option(
            "--metric", help="Only this metric, e.g. case_closed or 'event:*' (repeatable)."
        ),
    ] = None,
    dims: Annotated[
        str, typer.Option("--dims", help="Dimensions to keep apart; the others are summed.")
    ] = ",".join(DIMENSIONS),
    to_csv: Annotated[
        str | None, typer.Option("--csv", metavar="PATH|-", help="Write CSV (- for stdout).")
    ] = None,
) -> None:
    """Aggregate statistics (counts under 5 shown as <5): counters plus rows not yet purged."""
    from bot.cli import _settings

    first, last = _day(since, "--since"), _day(until, "--until")
    columns = _dims(dims)
    settings = _settings()
    _installed_keyring(settings)
    counts = asyncio.run(_counted(settings, first, last))
    rows = summarise(counts, by=by, dims=columns, metrics=metric or ())
    header = (by.value, "metric", *columns, "count")
    if to_csv is not None:
        # an export leaves the database: the trail records that it happened (never what)
        detail = f"rows={len(rows)} by={by.value} dims={','.join(columns)}"[:64]
        asyncio.run(_audit_export(settings, detail))
    if to_csv == "-":
        _write_csv(sys.stdout, header, rows)
        return
    if to_csv is not None:
        with Path(to_csv).open("w", encoding="utf-8", newline="") as handle:
            _write_csv(handle, header, rows)
        out.print(f"wrote {len(rows)} rows to {to_csv}")
        return
    plural = "" if len(rows) == 1 else "s"
    table = Table(title=f"statistics ({len(rows)} row{plural}; counts under 5 shown as <5)")
    for column in header:
        fixed = column not in DIMENSIONS  # day, metric and count stay on one line
        table.add_column(
            column, justify="right" if column == "count" else "left", no_wrap=fixed, overflow="fold"
        )
    for cells, count in rows:
        table.add_row(*(cell or "—" for cell in cells), shown(count))
    table.caption = _totals(rows)
    out.print(table)


def _totals(rows: list[tuple[tuple[str, ...], int]]) -> str:
    """A total per metric, withheld where one of its cells is shown as <5: the total minus
    the visible cells would give that cell away."""
    sums: Counter[str] = Counter()
    small: set[str] = set()
    for (_, name, *_dims), count in rows:
        sums[name] += count
        if count < SMALL_CELL:
            small.add(name)
    parts = [
        f"{name}: {'withheld (cells under 5)' if name in small else total}"
        for name, total in sorted(sums.items())
    ]
    return "totals: " + "; ".join(parts) if parts else "no statistics in this period"


async def _audit_export(settings: Settings, detail: str) -> None:
    from datetime import UTC, datetime

    from bot.db import staff
    from bot.db.database import Database

    db = Database(settings.db_url)
    try:
        await db.run(
            lambda session: staff.append_audit(
                session, actor="cli", action="stats_export", now=datetime.now(UTC), detail=detail
            )
        )
    finally:
        await db.dispose()


async def _counted(settings: Settings, since: date | None, until: date | None) -> Counter[StatKey]:
    from bot.db.database import Database
    from bot.db.migrate import upgrade
    from bot.retention import counted

    db = Database(settings.db_url)
    try:
        await upgrade(db)
        return await counted(db, since=since, until=until)
    finally:
        await db.dispose()


def register_retention_commands(app: typer.Typer) -> None:
    app.command("purge")(purge_command)
    app.command("stats")(stats_command)
