"""Commands for NGO staff who work with content: ``check-offer`` and ``contacts``.

``check-offer`` reads job ads in bulk (one per text, or several separated by a line
``---``) and prints, per ad, the risk level and the red flags with the phrase behind each.
``contacts`` lists the directory, shows stale entries and records verification dates.
"""

from __future__ import annotations

import asyncio
import json
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from bot.config import Settings
from dialogs.contacts import Directory

__all__ = ["register_content_commands", "split_ads"]

out = Console(highlight=False)
err = Console(stderr=True, highlight=False, soft_wrap=True)

contacts_app = typer.Typer(
    help="The contacts directory: list, stale entries, verification.",
    invoke_without_command=True,
)


def split_ads(text: str) -> Iterator[str]:
    """Texts separated by a line that is exactly ``---``; blank texts are skipped."""
    chunk: list[str] = []
    for line in text.splitlines():
        if line.strip() == "---":
            if "".join(chunk).strip():
                yield "\n".join(chunk).strip()
            chunk = []
        else:
            chunk.append(line)
    if "".join(chunk).strip():
        yield "\n".join(chunk).strip()


def check_offer(
    source: Annotated[
        str, typer.Argument(metavar="[FILE|-]", help="A text file of ads, or - for stdin.")
    ] = "-",
    locale: Annotated[
        str, typer.Option("--locale", "-l", help="Language of flag names: uk, ru, lv, en.")
    ] = "en",
    as_json: Annotated[
        bool, typer.Option("--json", help="One JSON object per ad, one per line.")
    ] = False,
) -> None:
    """Check job ads for red flags of trafficking and exploitation."""
    from bot.i18n import Translator
    from dialogs.offer_check import check_offer as check
    from dialogs.risk import assess_flags, default_bank
    from dialogs.types import LOCALES

    if locale not in LOCALES:
        err.print(f"--locale must be one of {', '.join(LOCALES)}")
        raise typer.Exit(2)
    if source == "-":
        text = sys.stdin.read()
    else:
        path = Path(source)
        if not path.is_file():
            err.print(f"no such file: {source}")
            raise typer.Exit(2)
        text = path.read_text(encoding="utf-8", errors="replace")
    bank = default_bank()
    translator = Translator(strict=False)
    for number, ad in enumerate(split_ads(text), start=1):
        flags = check(ad).flags
        risk = assess_flags(bank, (f.id for f in flags)).level.label
        if as_json:
            record = {"risk": risk, "flags": [{"id": f.id, "evidence": f.evidence} for f in flags]}
            out.print(json.dumps(record, ensure_ascii=False), markup=False, soft_wrap=True)
            continue
        table = Table(title=f"ad {number}: {risk}", title_justify="left")
        table.add_column("flag")
        table.add_column("evidence")
        for flag in flags:
            name = translator.format(locale, "flag-" + flag.id.replace("_", "-"))
            table.add_row(name, flag.evidence)
        if not flags:
            table.add_row("—", "no known red flags found (this does not make an ad safe)")
        out.print(table)


@contacts_app.callback()
def contacts(
    ctx: typer.Context,
    stale: Annotated[
        bool, typer.Option("--stale", help="Only entries older than the age limit.")
    ] = False,
    country: Annotated[str | None, typer.Option("--country", help="e.g. UA, LV, PL.")] = None,
    max_age: Annotated[
        int | None,
        typer.Option("--max-age", help="Days; default LASTIVKA_CONTACTS_MAX_AGE_DAYS."),
    ] = None,
) -> None:
    """List the directory: what people see, sources, dates, verification."""
    if ctx.invoked_subcommand is not None:
        return
    from bot.cli import _settings

    settings = _settings()
    directory = asyncio.run(_directory(settings))
    limit = max_age if max_age is not None else settings.contacts_max_age_days
    entries = directory.stale(date.today(), limit) if stale else directory.contacts
    if country:
        entries = tuple(c for c in entries if c.country == country.upper())
    title = f"contacts older than {limit} days" if stale else "contacts"
    table = Table(title=f"{title} ({len(entries)})")
    for column in ("id", "phones", "source date", "confidence", "verified", "shown"):
        table.add_column(column)
    for contact in entries:
        table.add_row(
            contact.id,
            " / ".join(contact.phones),
            contact.source_date or "not visible",
            contact.confidence,
            contact.verified or "—",
            "yes" if directory.visible(contact) else "no",
        )
    out.print(table)


@contacts_app.command("verify")
def contacts_verify(
    contact_id: Annotated[str, typer.Argument(metavar="ID", help="An id from `contacts`.")],
    on: Annotated[str | None, typer.Option("--date", help="YYYY-MM-DD; default today.")] = None,
    by: Annotated[str, typer.Option("--by", help="Who checked (staff name or role).")] = "",
) -> None:
    """Record that the NGO checked an entry against its live source."""
    from bot.cli import _settings
    from dialogs.contacts import load_directory

    settings = _settings()
    if load_directory().get(contact_id) is None:
        err.print(f"no contact with id {contact_id}; `lastivka contacts` lists them")
        raise typer.Exit(2)
    try:
        checked = date.fromisoformat(on) if on else date.today()
    except ValueError:
        err.print("--date must look like 2026-11-25")
        raise typer.Exit(2) from None
    if checked > date.today():
        err.print("--date cannot be in the future")
        raise typer.Exit(2)
    asyncio.run(_verify(settings, contact_id, checked.isoformat(), by[:64]))
    out.print(f"{contact_id}: verified on {checked.isoformat()}")


async def _directory(settings: Settings) -> Directory:
    from bot.core import install_contacts
    from bot.db.database import Database
    from bot.db.migrate import upgrade

    db = Database(settings.db_url)
    try:
        await upgrade(db)
        return await install_contacts(db, settings)
    finally:
        await db.dispose()


async def _verify(settings: Settings, contact_id: str, checked_on: str, by: str) -> None:
    from bot.conversations import utcnow
    from bot.db import staff
    from bot.db.database import Database
    from bot.db.migrate import upgrade

    db = Database(settings.db_url)
    try:
        await upgrade(db)
        await db.run(
            lambda session: staff.record_contact_check(
                session, contact_id, checked_on=checked_on, checked_by=by, now=utcnow()
            )
        )
    finally:
        await db.dispose()


def register_content_commands(app: typer.Typer) -> None:
    app.command("check-offer")(check_offer)
    app.add_typer(contacts_app, name="contacts")
