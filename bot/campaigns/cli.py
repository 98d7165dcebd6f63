"""``lastivka campaign create|preview|approve|schedule|send|cancel|status|list``.

An NGO writes a campaign file, previews it in every language, and a second admin approves
it (two-person rule: the approver must not be the author). Scheduling or sending marks it
due; the running bot (``lastivka run``) sends it. ``status --watch`` follows it live.
Admins are named with ``--as`` (default: LASTIVKA_ADMIN, else the login name); every change
is audited under that name.
"""

from __future__ import annotations

import csv
import getpass
import os
import sys
import time
import unicodedata
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, TextIO, TypeVar

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table

from bot.cli_db import with_db
from bot.config import Settings

if TYPE_CHECKING:
    from sqlalchemy.ext.asyncio import AsyncSession

    from bot.campaigns.spec import CampaignSpec, Problem
    from bot.campaigns.store import Campaign, Figures
    from bot.db.tables import CampaignRow

__all__ = ["campaign_app"]

T = TypeVar("T")

out = Console(highlight=False)
err = Console(stderr=True, highlight=False, soft_wrap=True)

campaign_app = typer.Typer(
    help="Prevention campaigns to people who opted in.", no_args_is_help=True
)

AdminOption = Annotated[
    str | None,
    typer.Option(
        "--as", help="Your name as an admin (default: LASTIVKA_ADMIN, else your login name)."
    ),
]
_CSV_FIELDS = (
    "campaign",
    "status",
    "author",
    "approver",
    "started",
    "finished",
    "audience",
    "sent",
    "failed",
    "blocked",
    "waiting",
    "unsubscribed_after",
    "started_from_message",
    "deep_link_starts",
)


def _admin(given: str | None) -> str:
    name = given or os.environ.get("LASTIVKA_ADMIN")
    if not name:
        try:
            name = getpass.getuser()
        except (KeyError, OSError):
            raise _fail("give --as NAME (or set LASTIVKA_ADMIN)") from None
    name = " ".join(unicodedata.normalize("NFKC", name).split())
    if not name or len(name) > 48:
        raise _fail("--as must be a name of 1 to 48 characters")
    return name


def _fail(message: str, code: int = 2) -> typer.Exit:
    err.print(f"lastivka: {message}", markup=False)
    return typer.Exit(code)


def _settings() -> Settings:
    from bot.cli import _settings as load

    return load()


def _now() -> datetime:
    return datetime.now(UTC)


def _print_problems(problems: list[Problem]) -> int:
    errors = 0
    for problem in problems:
        where = f"[{problem.locale}] " if problem.locale else ""
        if problem.level == "error":
            errors += 1
            err.print(f"error: {where}{problem.message}", markup=False, style="red")
        else:
            err.print(f"warning: {where}{problem.message}", markup=False, style="yellow")
    return errors


def _load_file(path: Path) -> CampaignSpec:
    from bot.campaigns.spec import CampaignError, load_campaign

    try:
        return load_campaign(path)
    except CampaignError as exc:
        raise _fail(str(exc)) from None


def _stored(settings: Settings, key: str, *, migrate: bool = True) -> tuple[Campaign, Figures]:
    from bot.campaigns import store

    async def job(session: AsyncSession) -> tuple[Campaign, Figures] | None:
        row = await store.find(session, key)
        if row is None:
            return None
        return store.Campaign.of(row), await store.figures(session, row)

    found = with_db(settings, job, migrate=migrate)
    if found is None:
        raise _fail(f"no campaign named {key} (see `lastivka campaign list`)")
    return found


def _change(
    settings: Settings, key: str, act: Callable[[AsyncSession, CampaignRow], Awaitable[T]]
) -> T:
    from bot.campaigns import store

    async def job(session: AsyncSession) -> T:
        row = await store.find(session, key)
        if row is None:
            raise _fail(f"no campaign named {key} (see `lastivka campaign list`)")
        return await act(session, row)

    try:
        return with_db(settings, job)
    except store.CampaignStateError as exc:
        raise _fail(str(exc)) from None


@campaign_app.command("create")
def create(
    file: Annotated[Path, typer.Argument(help="The campaign file (.toml, .yaml or .yml).")],
    admin: AdminOption = None,
) -> None:
    """Save a campaign file as a draft (again while it is a draft: its new content)."""
    from bot.campaigns import store
    from bot.campaigns.spec import check_campaign

    author = _admin(admin)
    spec = _load_file(file)
    if _print_problems(check_campaign(spec)):
        raise _fail("the campaign has errors; nothing was saved", 1)
    settings = _settings()

    async def job(session: AsyncSession) -> tuple[int, bool]:
        row, replaced = await store.create(
            session, slug=spec.name, spec=spec.to_json(), author=author, now=_now()
        )
        return row.id, replaced

    try:
        number, replaced = with_db(settings, job)
    except store.CampaignStateError as exc:
        raise _fail(str(exc)) from None
    verb = "updated" if replaced else "saved"
    out.print(f"campaign {spec.name} (#{number}) {verb} as a draft by {author}.")
    out.print(
        f"Next: `lastivka campaign preview {spec.name}`, then another admin runs "
        f"`lastivka campaign approve {spec.name} --as NAME`."
    )


@campaign_app.command("preview")
def preview(
    key: Annotated[str, typer.Argument(help="A campaign's name or number, or a campaign file.")],
    bot: Annotated[
        str | None, typer.Option("--bot", help="The bot's username, for the deep links.")
    ] = None,
) -> None:
    """Show the campaign in every language, with its buttons, problems and audience."""
    from bot.campaigns.spec import CampaignSpec, check_campaign
    from bot.campaigns.spec import preview as render

    settings = _settings()
    number: int | None = None
    if Path(key).suffix.lower() in {".toml", ".yaml", ".yml"} and Path(key).exists():
        spec = _load_file(Path(key))
    else:
        campaign, _ = _stored(settings, key)
        spec, number = CampaignSpec.from_json(campaign.spec), campaign.id
    username = bot or settings.bot_username or "your_bot"
    out.print(render(spec, bot_username=username, campaign_id=number))
    errors = _print_problems(check_campaign(spec))
    audience = with_db(settings, lambda session: _audience_size(session, spec))
    out.print(
        f"audience now: {audience} person(s) subscribed to {', '.join(spec.audience.topics)} "
        f"in {', '.join(spec.audience.locales)}"
        + (
            f", travelling to {', '.join(spec.audience.countries)}"
            if spec.audience.countries
            else ""
        )
    )
    if errors:
        raise typer.Exit(1)


async def _audience_size(session: AsyncSession, spec: CampaignSpec) -> int:
    from sqlalchemy import func, select

    from bot.campaigns.store import audience_query

    audience = {
        "topics": spec.audience.topics,
        "locales": spec.audience.locales,
        "countries": spec.audience.countries,
    }
    query = audience_query(0, audience)
    count = await session.scalar(select(func.count()).select_from(query.subquery()))
    return int(count or 0)


@campaign_app.command("approve")
def approve(
    key: Annotated[str, typer.Argument(help="The campaign's name or number.")],
    admin: AdminOption = None,
) -> None:
    """Approve a draft: only an admin other than its author may (two-person rule)."""
    from bot.campaigns import store
    from bot.campaigns.spec import CampaignSpec, check_campaign

    approver = _admin(admin)
    settings = _settings()

    async def act(session: AsyncSession, row: CampaignRow) -> str:
        spec = CampaignSpec.from_json(row.spec)
        if _print_problems([p for p in check_campaign(spec) if p.level == "error"]):
            raise _fail(f"campaign {row.slug} has errors: it cannot be approved")
        if spec.paid and settings.paid_broadcast_rate <= 0:
            raise _fail(
                f"campaign {row.slug} asks for a paid broadcast, and paid broadcasts are off "
                "(set LASTIVKA_PAID_BROADCAST_RATE; each message costs 0.1 Telegram Star)"
            )
        await store.approve(session, row, approver=approver, now=_now())
        return row.slug

    slug = _change(settings, key, act)
    out.print(f"campaign {slug} approved by {approver}.")
    out.print(
        f"Next: `lastivka campaign schedule {slug} --at TIME` or `lastivka campaign send {slug}`."
    )


@campaign_app.command("schedule")
def schedule(
    key: Annotated[str, typer.Argument(help="The campaign's name or number.")],
    at: Annotated[
        str | None,
        typer.Option(
            "--at",
            help="ISO time with its offset, e.g. 2027-03-01T09:00+02:00 "
            "(default: the schedule in the campaign file).",
        ),
    ] = None,
    admin: AdminOption = None,
) -> None:
    """Send an approved campaign at a given time (the running bot sends it)."""
    from bot.campaigns import store

    by = _admin(admin)
    settings = _settings()

    async def act(session: AsyncSession, row: CampaignRow) -> datetime:
        when = _parse_time(at) if at is not None else _file_schedule(row.spec)
        if when is None:
            raise _fail("give --at (the campaign file has no schedule)")
        if when <= _now():
            raise _fail(f"{when:%Y-%m-%d %H:%M} UTC has passed: use `campaign send` to send now")
        await store.schedule(session, row, at=when, by=by, now=_now())
        return when

    when = _change(settings, key, act)
    out.print(f"campaign {key} will be sent from {when:%Y-%m-%d %H:%M} UTC by the running bot.")


def _parse_time(value: str) -> datetime:
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise _fail(f"--at {value!r} is not an ISO time such as 2027-03-01T09:00+02:00") from None
    if moment.tzinfo is None:
        raise _fail("--at needs a UTC offset (e.g. +02:00), so the time is not ambiguous")
    return moment.astimezone(UTC)


def _file_schedule(spec: object) -> datetime | None:
    from bot.campaigns.spec import CampaignSpec

    if not isinstance(spec, dict):
        return None
    return CampaignSpec.from_json(spec).schedule_at


@campaign_app.command("send")
def send(
    key: Annotated[str, typer.Argument(help="The campaign's name or number.")],
    admin: AdminOption = None,
    wait: Annotated[
        bool, typer.Option("--wait", help="Follow the sending live until it ends.")
    ] = False,
) -> None:
    """Send an approved campaign now (the running bot sends it)."""
    from bot.campaigns import store

    by = _admin(admin)
    settings = _settings()

    async def act(session: AsyncSession, row: CampaignRow) -> str:
        await store.schedule(session, row, at=_now(), by=by, now=_now())
        return row.slug

    slug = _change(settings, key, act)
    out.print(f"campaign {slug} is due now: `lastivka run` sends it at Telegram's pace.")
    if wait:
        _watch(settings, slug)


@campaign_app.command("cancel")
def cancel(
    key: Annotated[str, typer.Argument(help="The campaign's name or number.")],
    admin: AdminOption = None,
) -> None:
    """Stop a campaign (what was sent stays sent)."""
    from bot.campaigns import store

    by = _admin(admin)
    settings = _settings()

    async def act(session: AsyncSession, row: CampaignRow) -> int:
        return await store.cancel(session, row, by=by, now=_now())

    left = _change(settings, key, act)
    out.print(f"campaign {key} cancelled; {left} recipient(s) will not get it.")


@campaign_app.command("status")
def status(
    key: Annotated[
        str | None, typer.Argument(help="A campaign's name or number (default: all).")
    ] = None,
    watch: Annotated[
        bool, typer.Option("--watch", help="A live progress bar until the sending ends.")
    ] = False,
    to_csv: Annotated[
        str | None, typer.Option("--csv", metavar="PATH|-", help="Write CSV (- for stdout).")
    ] = None,
    admin: AdminOption = None,
) -> None:
    """A campaign's figures: audience, sent, failed, blocked, unsubscribed, deep-link starts."""
    settings = _settings()
    if watch:
        if key is None:
            raise _fail("--watch needs a campaign name")
        _watch(settings, key)  # ends with the figures
        if to_csv is None:
            return
    rows = _figures(settings, key)
    if to_csv is not None:
        by = _admin(admin)
        if to_csv == "-":
            _audit_export(settings, key, by)
            _write_csv(sys.stdout, rows)
            return
        try:
            with Path(to_csv).open("w", encoding="utf-8", newline="") as handle:
                _write_csv(handle, rows)
        except OSError as exc:
            raise _fail(f"cannot write {to_csv}: {exc.strerror or exc}") from None
        _audit_export(settings, key, by)
        out.print(f"wrote {len(rows)} campaign(s) to {to_csv}")
        return
    for campaign, figures in rows:
        _show(campaign, figures)


@campaign_app.command("list")
def list_() -> None:
    """Every campaign, newest last."""
    settings = _settings()
    rows = _figures(settings, None)
    if not rows:
        out.print("no campaigns yet: write a file and run `lastivka campaign create FILE`")
        return
    table = Table("#", "name", "status", "author", "approver", "send at", "audience", "sent")
    for campaign, figures in rows:
        table.add_row(
            str(campaign.id),
            campaign.slug,
            campaign.status,
            campaign.author,
            campaign.approver or "—",
            f"{campaign.send_at:%Y-%m-%d %H:%M}" if campaign.send_at else "—",
            str(figures.audience),
            str(figures.sent),
        )
    out.print(table)


def _figures(settings: Settings, key: str | None) -> list[tuple[Campaign, Figures]]:
    from bot.campaigns import store

    if key is not None:
        return [_stored(settings, key)]
    return with_db(settings, store.list_campaigns)


def _show(campaign: Campaign, figures: Figures) -> None:
    table = Table(title=f"campaign {campaign.slug} (#{campaign.id}): {campaign.status}")
    table.add_column("")
    table.add_column("", justify="right")
    waiting = figures.queued + figures.sending
    for label, value in (
        ("written by", campaign.author),
        ("approved by", campaign.approver or "—"),
        ("audience", figures.audience),
        ("sent", figures.sent),
        ("failed", figures.failed),
        ("blocked the bot / chat gone (unsubscribed)", figures.blocked),
        ("still to send", waiting),
        ("unsubscribed within a week", figures.unsubscribed),
        ("recipients who started a flow from it", figures.started),
        ("flows started from its links (anyone)", figures.link_starts),
    ):
        table.add_row(label, str(value))
    out.print(table)


def _write_csv(stream: TextIO, rows: list[tuple[Campaign, Figures]]) -> None:
    writer = csv.writer(stream, lineterminator="\n")
    writer.writerow(_CSV_FIELDS)
    for campaign, figures in rows:
        writer.writerow(
            (
                campaign.slug,
                campaign.status,
                _cell(campaign.author),
                _cell(campaign.approver or ""),
                campaign.started_at.isoformat() if campaign.started_at else "",
                campaign.finished_at.isoformat() if campaign.finished_at else "",
                figures.audience,
                figures.sent,
                figures.failed,
                figures.blocked,
                figures.queued + figures.sending,
                figures.unsubscribed,
                figures.started,
                figures.link_starts,
            )
        )


def _audit_export(settings: Settings, key: str | None, by: str) -> None:
    from bot.campaigns.store import admin_actor
    from bot.db import staff

    with_db(
        settings,
        lambda session: staff.append_audit(
            session,
            actor=admin_actor(by),
            action="campaign_export",
            now=_now(),
            detail=key or "all",
        ),
    )


def _cell(value: object) -> object:
    """A name as a CSV cell that a spreadsheet will not run as a formula."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def _watch(settings: Settings, key: str, *, every: float = 0.5) -> None:
    """A live progress bar, read from the database, until the campaign is done or stopped."""
    from bot.campaigns.store import Status

    campaign, figures = _stored(settings, key)
    columns = (
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[rate]:>6.1f}/s"),
        TimeRemainingColumn(),
    )
    with Progress(*columns, console=out) as progress:
        task = progress.add_task(campaign.slug, total=figures.audience or None, rate=0.0)
        last, since = figures.done, time.monotonic()
        while True:
            campaign, figures = _stored(settings, key, migrate=False)
            now = time.monotonic()
            rate = (figures.done - last) / max(now - since, 1e-6)
            last, since = figures.done, now
            progress.update(
                task,
                total=figures.audience or None,
                completed=figures.done,
                rate=rate,
                description=f"{campaign.slug} ({campaign.status})",
            )
            if campaign.status in (Status.DONE, Status.CANCELLED):
                break
            time.sleep(every)
    _show(campaign, figures)
