"""The ``lastivka`` command line (Typer + Rich).

Every command reads settings the same way; a bad setting prints one line naming it and
exits with status 2, never a traceback.
"""

from __future__ import annotations

import asyncio
import gc
import signal
from collections.abc import Awaitable, Callable
from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, TypeVar

import typer
from rich.console import Console
from rich.table import Table

from bot import __version__
from bot.audit_cli import audit_app
from bot.campaigns.cli import campaign_app
from bot.config import Settings, SettingsError, load_settings
from bot.content_cli import register_content_commands
from bot.keys_cli import keys_app
from bot.operators_cli import operators_app
from bot.stats_cli import register_retention_commands

if TYPE_CHECKING:
    from aiogram import Bot

    from bot.console import Console as OperatorConsole
    from bot.core import Core
    from bot.outbox import OutboxSender

__all__ = ["app", "main"]

T = TypeVar("T")

app = typer.Typer(
    name="lastivka",
    help="Lastivka: a confidential chat bot for anti-trafficking hotlines and NGOs.",
    no_args_is_help=True,
    add_completion=False,
)
db_app = typer.Typer(help="Database schema.", no_args_is_help=True)
flows_app = typer.Typer(help="Dialog flows.", no_args_is_help=True)
app.add_typer(db_app, name="db")
app.add_typer(keys_app, name="keys")
app.add_typer(flows_app, name="flows")
register_content_commands(app)
register_retention_commands(app)
app.add_typer(operators_app, name="operators")
app.add_typer(audit_app, name="audit")
app.add_typer(campaign_app, name="campaign")

out = Console(highlight=False)
err = Console(stderr=True, highlight=False, soft_wrap=True)


def _fail(message: str, code: int = 2) -> typer.Exit:
    err.print(f"lastivka: {message}", markup=False, soft_wrap=True)
    return typer.Exit(code)


def _settings() -> Settings:
    try:
        return load_settings()
    except SettingsError as exc:
        raise _fail(str(exc)) from None


def _run(factory: Callable[[], Awaitable[T]]) -> T:
    try:
        return asyncio.run(factory())  # type: ignore[arg-type]
    except SettingsError as exc:
        raise _fail(str(exc)) from None


def _version(value: bool) -> None:
    if value:
        out.print(f"lastivka {__version__}")
        raise typer.Exit


@app.callback()
def _root(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version.")
    ] = False,
) -> None:
    """Lastivka: a confidential chat bot for anti-trafficking hotlines and NGOs."""


@app.command()
def chat(
    locale: Annotated[str | None, typer.Option("--locale", "-l", help="uk, ru, lv or en.")] = None,
) -> None:
    """Talk to the bot in this terminal (SQLite, no Telegram token needed)."""
    from bot.core import build_core, install_contacts
    from bot.db.migrate import upgrade
    from bot.logs import configure_logging
    from bot.terminal import TerminalChat
    from dialogs.types import LOCALES

    if locale is not None and locale not in LOCALES:
        raise _fail(f"--locale must be one of {', '.join(LOCALES)}")
    settings = _settings()
    configure_logging("WARNING")

    async def main() -> None:
        core = build_core(settings, create_key=True)
        try:
            await upgrade(core.db)
            await install_contacts(core.db, settings)
            terminal = TerminalChat(core)
            await terminal.open(locale)
            await terminal.loop()
        finally:
            await core.db.dispose()

    _run(main)


@app.command()
def run() -> None:
    """Run the Telegram bot (long polling)."""
    settings = _settings()
    if settings.telegram_token is None:
        err.print(
            "lastivka: setting LASTIVKA_TELEGRAM_TOKEN is missing. Create a bot with "
            "@BotFather in Telegram (/newbot), then:\n"
            "  export LASTIVKA_TELEGRAM_TOKEN=123456:ABC...\n"
            "To try the dialogs without Telegram: lastivka chat --locale uk",
            markup=False,
        )
        raise typer.Exit(2)
    from bot.logs import configure_logging

    configure_logging(settings.log_level)
    _run(lambda: _serve(settings))


async def _serve(settings: Settings) -> None:
    import logging

    from bot.campaigns.sender import CampaignSender, SenderConfig
    from bot.campaigns.transport import HttpTransport
    from bot.db.migrate import upgrade
    from bot.housekeeping import housekeeping
    from bot.outbox import OutboxSender
    from bot.rate import TELEGRAM_RATE, SendGate
    from bot.retention import RetentionPolicy
    from bot.runtime import build_core, build_dispatcher, build_telegram_bot, install_contacts
    from bot.telegram.polling import DurablePolling
    from bot.telegram.profile import publish_profile

    log = logging.getLogger("lastivka")
    core = build_core(settings)
    bot = build_telegram_bot(settings)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    try:
        await upgrade(core.db)
        await install_contacts(core.db, settings)
        problems = _locale_problems()
        for problem in problems:
            log.error("locales: %s", problem)
        me = await bot.get_me()
        log.info("connected as bot id %s", me.id)
        await bot.delete_webhook(drop_pending_updates=False)
        await publish_profile(bot, core.translator, cover=settings.cover_menu)
        gate = SendGate(TELEGRAM_RATE)
        sender = OutboxSender(core.db, bot, gate=gate)
        # What a previous run left in the outbox goes out before any new reply.
        if await sender.recover():
            await sender.drain_once()
        dispatcher = build_dispatcher(core, sender)
        polling = DurablePolling(
            bot=bot,
            dispatcher=dispatcher,
            db=core.db,
            max_concurrent=settings.max_concurrent_updates,
        )
        # The sender outlives polling: updates still in flight at a stop signal finish
        # and hand their sent rows to the sender's last flush.
        finished = asyncio.Event()
        console = await _console(settings, core, bot, sender)
        background = [
            asyncio.create_task(sender.run(finished)),
            asyncio.create_task(
                housekeeping(
                    core.db,
                    finished,
                    abandon_after=timedelta(hours=settings.abandon_after_hours),
                    retention=RetentionPolicy.from_settings(settings),
                )
            ),
        ]
        if console is not None:
            background.append(asyncio.create_task(console.run(finished)))
        token = settings.telegram_token.get_secret_value() if settings.telegram_token else ""
        transport = HttpTransport(settings.telegram_api_url, token)
        campaigns = CampaignSender(
            core.db,
            transport,
            core.translator,
            gate=gate,
            config=SenderConfig(
                bot_username=me.username or settings.bot_username,
                rate=settings.broadcast_rate,
                paid_rate=settings.paid_broadcast_rate,
            ),
        )
        background.append(asyncio.create_task(campaigns.run(stop)))
        # The start-up heap (aiogram, pydantic, SQLAlchemy) never goes away: frozen, full
        # collections skip it. Measured by bench/broadcast.py: they stopped the event loop
        # for 210-240 ms each (a paid broadcast fell to ~870 msg/s in those seconds,
        # replies waited as long); frozen, 3 ms.
        gc.collect()
        gc.freeze()
        log.info("polling for updates")
        try:
            await polling.run(stop)
        finally:
            finished.set()
            await asyncio.gather(*background)
            await transport.close()
        log.info("stopped")
    finally:
        await bot.session.close()
        await core.db.dispose()


async def _console(
    settings: Settings, core: Core, bot: Bot, sender: OutboxSender
) -> OperatorConsole | None:
    """The operator console, if a group is configured and fit; people are served either way."""
    import logging

    from bot.console import Console as OperatorConsole
    from bot.telegram.operator_group import check_operator_group
    from handoff.sla import parse_hours, parse_sla

    log = logging.getLogger("lastivka")
    if settings.operator_chat_id is None:
        log.info("no operator group set: help requests are recorded only")
        return None
    group = await check_operator_group(bot, settings.operator_chat_id)
    if not group.ok:
        log.error("operator console not started: %s", group.detail)
        return None
    log.info("operator console on: %s", group.detail)
    return OperatorConsole(
        db=core.db,
        bot=bot,
        translator=core.translator,
        keyring=core.keyring,
        sender=sender,
        chat_id=settings.operator_chat_id,
        locale=settings.operator_locale,
        sla=parse_sla(settings.operator_sla),
        hours=parse_hours(settings.operator_hours, settings.operator_timezone),
    )


def _locale_problems() -> list[str]:
    from bot.i18n import check_locales

    return check_locales()


@db_app.command("upgrade")
def db_upgrade() -> None:
    """Apply database migrations (also done at every start)."""
    from bot.db.database import Database
    from bot.db.migrate import current_revision, upgrade

    settings = _settings()

    async def main() -> str | None:
        db = Database(settings.db_url)
        try:
            await upgrade(db)
            return await current_revision(db)
        finally:
            await db.dispose()

    revision = _run(main)
    out.print(f"database at revision {revision}")


@flows_app.command("diagrams")
def flows_diagrams(
    directory: Annotated[Path, typer.Option(help="Where the .mmd files go.")] = Path("docs/flows"),
) -> None:
    """Write a Mermaid diagram of every flow."""
    from dialogs.diagrams import mermaid_diagrams

    directory.mkdir(parents=True, exist_ok=True)
    for name, text in mermaid_diagrams().items():
        path = directory / f"{name}.mmd"
        path.write_text(text, encoding="utf-8")
        out.print(f"wrote {path}")


@app.command()
def check() -> None:
    """Check settings, database, locales, flows and (with a token) the Bot API."""
    table = Table(title="lastivka check")
    table.add_column("check")
    table.add_column("result")
    table.add_column("detail")
    failed = False

    def row(name: str, ok: bool, detail: str) -> None:
        nonlocal failed
        failed = failed or not ok
        table.add_row(name, "[green]ok[/green]" if ok else "[red]problem[/red]", detail)

    try:
        settings: Settings | None = load_settings()
        row("settings", True, "read")
    except SettingsError as exc:
        settings = None
        row("settings", False, str(exc))
    problems = _locale_problems()
    row("locales", not problems, "; ".join(problems[:5]) or "every id in uk, ru, lv, en")
    try:
        from dialogs.engine import Engine
        from dialogs.flows import FLOWS

        Engine(FLOWS)
        row("flows", True, ", ".join(f"{f.name} v{f.version}" for f in FLOWS))
    except ValueError as exc:
        row("flows", False, str(exc))
    row(*_content_check())
    if settings is not None:
        # not a failure (people are served), but /privacy must say who runs the service
        who = settings.org_name or "not set: /privacy says so; set LASTIVKA_ORG_NAME"
        row("privacy notice", True, f"organisation: {who}")
        for name, ok, detail in asyncio.run(_check_services(settings)):
            row(name, ok, detail)
    out.print(table)
    if failed:
        raise typer.Exit(1)


def _content_check() -> tuple[str, bool, str]:
    """The editable content loads and fits together (the bank names real ad flags)."""
    try:
        from content import CONTENT_DIR
        from dialogs.contacts import load_directory
        from dialogs.offer_check import FLAG_IDS, load_patterns
        from dialogs.risk import load_bank

        load_patterns()
        bank = load_bank(CONTENT_DIR / "indicators.toml", flag_ids=FLAG_IDS)
        directory = load_directory()
    except (ValueError, OSError) as exc:
        return ("content", False, str(exc))
    shown = sum(1 for c in directory.contacts if directory.visible(c))
    detail = (
        f"{len(bank.indicators)} indicators, {len(FLAG_IDS)} ad flags, "
        f"{len(directory.contacts)} contacts ({shown} shown before verification)"
    )
    return ("content", True, detail)


async def _check_services(settings: Settings) -> list[tuple[str, bool, str]]:
    from sqlalchemy import text

    from bot.db.database import Database
    from bot.db.migrate import current_revision, head_revision
    from bot.runtime import build_telegram_bot, load_keyring
    from bot.telegram.operator_group import check_operator_group

    results: list[tuple[str, bool, str]] = []
    try:
        load_keyring(settings)
        results.append(("secret key", True, "present and valid"))
    except SettingsError as exc:
        results.append(("secret key", False, str(exc)))
    db = Database(settings.db_url)
    try:
        async with db.engine.connect() as connection:
            await connection.execute(text("SELECT 1"))
        revision, head = await current_revision(db), head_revision()
        results.append(
            (
                "database",
                revision == head,
                f"revision {revision}, latest {head}"
                + ("" if revision == head else ": run `lastivka db upgrade`"),
            )
        )
    except Exception as exc:
        results.append(("database", False, f"unreachable ({type(exc).__name__})"))
    finally:
        await db.dispose()
    if settings.telegram_token is None:
        results.append(("Bot API", True, "no token set: skipped (lastivka chat needs none)"))
        return results
    bot = build_telegram_bot(settings)
    try:
        me = await bot.get_me()
        results.append(("Bot API", True, f"reachable, bot @{me.username}"))
        if settings.operator_chat_id is None:
            results.append(("operator group", True, "not set: help requests are recorded only"))
        else:
            group = await check_operator_group(bot, settings.operator_chat_id)
            results.append(("operator group", group.ok, group.detail))
    except Exception as exc:
        results.append(("Bot API", False, f"{settings.telegram_api_url}: {type(exc).__name__}"))
    finally:
        await bot.session.close()
    return results


def main() -> None:
    app()
