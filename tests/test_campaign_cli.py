"""``lastivka campaign``: create, preview, the two-person rule, the lifecycle, figures, CSV.

Every command runs in-process (Typer's CliRunner); the tests are plain functions because
each command runs its own event loop (``asyncio.run``). What a test must see in the
database it writes or reads with ``Cli.db``, on the same database the commands use:
SQLite in the data directory, or the PostgreSQL test database (schema reset first).
"""

from __future__ import annotations

import asyncio
import base64
import csv
import io
import re
import time
import types
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TypeVar

import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession
from typer.testing import CliRunner, Result

from bot.campaigns import cli as campaign_cli
from bot.cli import app
from bot.db import staff
from bot.db.database import Database
from bot.db.migrate import upgrade
from bot.db.tables import (
    AuditRow,
    CampaignRow,
    ConversationRow,
    DeliveryRow,
    SubjectRow,
    SubscriptionRow,
)
from tests.conftest import PG_URL, TEST_SECRET, _reset_postgres, require_postgres

T = TypeVar("T")

DATA = Path(__file__).parent / "data" / "campaigns"
SPRING = DATA / "spring.toml"
RIGHTS = DATA / "rights.yaml"
SPRING_NAME = "spring-jobs-2027"
RIGHTS_NAME = "rights-at-work"
#: spring.toml's [schedule] at = 2027-03-01T09:00:00+02:00
SPRING_AT = datetime(2027, 3, 1, 7, 0, tzinfo=UTC)
#: The bold first line of each locale in spring.toml.
SPRING_HEADLINES = {
    "uk": "Їдете працювати за кордон цієї весни?",
    "ru": "Едете работать за границу этой весной?",
    "lv": "Šopavasar dodaties strādāt uz ārzemēm?",
    "en": "Going to work abroad this spring?",
}
BOT = "lastivka_test_bot"
CSV_HEADER = [
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
]

BACKENDS = ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]


class Cli:
    """``lastivka campaign …`` in-process, and direct access to the same database."""

    def __init__(self, runner: CliRunner, url: str) -> None:
        self.runner = runner
        self.url = url

    def __call__(self, *args: str | Path) -> Result:
        return self.runner.invoke(app, ["campaign", *map(str, args)])

    def ok(self, *args: str | Path) -> Result:
        result = self(*args)
        assert result.exit_code == 0, result.output
        return result

    def refused(self, *args: str | Path, code: int = 2) -> str:
        """A refusal: the given exit code and one clear line, never a traceback."""
        result = self(*args)
        assert result.exit_code == code, result.output
        assert "Traceback" not in result.output
        assert result.exception is None or isinstance(result.exception, SystemExit), repr(
            result.exception
        )
        assert "lastivka: " in result.output, result.output
        return result.output

    def db(self, job: Callable[[AsyncSession], Awaitable[T]]) -> T:
        async def main() -> T:
            database = Database(self.url)
            try:
                await upgrade(database)
                return await database.run(job)
            finally:
                await database.dispose()

        return asyncio.run(main())

    def campaign(self, name: str) -> CampaignRow:
        async def job(session: AsyncSession) -> CampaignRow:
            row = await session.scalar(select(CampaignRow).where(CampaignRow.slug == name))
            assert row is not None, name
            session.expunge(row)
            return row

        return self.db(job)

    def audit(self, action: str | None = None) -> list[tuple[str, str, str]]:
        """(actor, action, detail) of every audit row, oldest first."""

        async def job(session: AsyncSession) -> list[tuple[str, str, str]]:
            query = select(AuditRow.actor, AuditRow.action, AuditRow.detail).order_by(AuditRow.id)
            if action is not None:
                query = query.where(AuditRow.action == action)
            return [(a, b, c) for a, b, c in (await session.execute(query)).all()]

        return self.db(job)

    def chain_intact(self) -> bool:
        return self.db(staff.verify_audit) is None


@pytest.fixture(params=BACKENDS)
def cli(
    request: pytest.FixtureRequest,
    runner: CliRunner,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> Cli:
    """The shared runner (tests/conftest.py) with the test secret key, on SQLite in the
    data directory or on a freshly emptied PostgreSQL test database."""
    monkeypatch.setenv("LASTIVKA_SECRET_KEY", base64.urlsafe_b64encode(TEST_SECRET).decode())
    if request.param == "postgres":
        require_postgres()

        async def reset() -> None:
            database = Database(PG_URL)
            try:
                await _reset_postgres(database)
            finally:
                await database.dispose()

        asyncio.run(reset())
        monkeypatch.setenv("LASTIVKA_DATABASE_URL", PG_URL)
        return Cli(runner, PG_URL)
    return Cli(runner, f"sqlite+aiosqlite:///{(tmp_path / 'lastivka.db').resolve()}")


@pytest.fixture
def sqlite_cli(runner: CliRunner, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Cli:
    """The same, on SQLite only (for what does not depend on the database)."""
    monkeypatch.setenv("LASTIVKA_SECRET_KEY", base64.urlsafe_b64encode(TEST_SECRET).decode())
    return Cli(runner, f"sqlite+aiosqlite:///{(tmp_path / 'lastivka.db').resolve()}")


def campaign_id(created: Result) -> int:
    found = re.search(r"\(#(\d+)\)", created.output)
    assert found, created.output
    return int(found.group(1))


def figure(output: str, label: str) -> str:
    """The value in ``campaign status``'s table row that starts with ``label``."""
    for line in output.splitlines():
        cells = [cell.strip() for cell in re.split(r"[│┃|]", line) if cell.strip()]
        if len(cells) == 2 and cells[0] == label:
            return cells[1]
    raise AssertionError(f"no row {label!r} in:\n{output}")


def spring_variant(tmp_path: Path, name: str, **changes: str) -> Path:
    """spring.toml under another name, with text replaced (old=new pairs as a dict)."""
    text = SPRING.read_text(encoding="utf-8").replace(f'"{SPRING_NAME}"', f'"{name}"')
    for old, new in changes.items():
        assert old in text, old
        text = text.replace(old, new)
    path = tmp_path / f"{name}.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_example_schedule_is_still_in_the_future() -> None:
    """Several tests schedule spring.toml at its own time; it must not have passed."""
    assert datetime.now(UTC) + timedelta(days=1) < SPRING_AT, (
        "tests/data/campaigns/spring.toml's schedule has passed: move it (and SPRING_AT)"
    )
    assert "2027-03-01T09:00:00+02:00" in SPRING.read_text(encoding="utf-8")


# -- create and preview ----------------------------------------------------------------------


async def _subscribers(session: AsyncSession) -> None:
    """Five people; two of them are spring.toml's audience (jobs or travel to pl/de, any
    locale, with a chat): uk/jobs and en/travel-pl. Not: en/travel-fr (another country),
    lv/news (another topic), ru/jobs without a chat (erased, or never reached)."""
    now = datetime.now(UTC)
    people = [
        ("p-uk-jobs", "uk", "jobs", "", b"chat-1"),
        ("p-en-travel-pl", "en", "travel", "pl", b"chat-2"),
        ("p-en-travel-fr", "en", "travel", "fr", b"chat-3"),
        ("p-lv-news", "lv", "news", "", b"chat-4"),
        ("p-ru-jobs-gone", "ru", "jobs", "", None),
    ]
    for sid, locale, topic, country, chat in people:
        session.add(SubjectRow(id=sid, created_at=now, chat_ref=chat))
        await session.flush()
        session.add(
            ConversationRow(
                subject_id=sid,
                flow="menu",
                flow_version=1,
                state="start",
                answers={},
                locale=locale,
                steps=0,
                updated_at=now,
            )
        )
        session.add(SubscriptionRow(subject_id=sid, topic=topic, country=country, created_at=now))
    await session.flush()


def test_preview_shows_every_locale_its_links_the_stop_button_and_the_audience(
    cli: Cli,
) -> None:
    cli.db(_subscribers)
    created = cli.ok("create", SPRING, "--as", "Olha")
    assert f"campaign {SPRING_NAME} (#" in created.output
    assert "saved as a draft by Olha" in created.output
    number = campaign_id(created)

    shown = cli.ok("preview", SPRING_NAME, "--bot", BOT).output
    for locale, headline in SPRING_HEADLINES.items():
        assert headline in shown, locale
        assert f"─ {locale} ─" in shown  # each locale's panel title
    assert "<b>" not in shown
    assert "</b>" not in shown
    assert "Ніколи не платіть за пропозицію роботи." in shown  # beyond the first line
    link = f"t.me/{BOT}?start=c{number}-screening"
    assert shown.count(link) == 4  # the flow button, once per locale
    assert shown.count("https://example.org/tips") == 4
    for label in ("Перевірити вакансію", "Проверить вакансию", "Pārbaudīt piedāvājumu"):
        assert f"[ {label} ]" in shown
    assert shown.count("[ stop these messages ]") == 4
    assert (
        "audience now: 2 person(s) subscribed to jobs, travel in uk, ru, lv, en, "
        "travelling to pl, de"
    ) in shown
    assert "warning" not in shown  # every locale is there

    by_number = cli.ok("preview", str(number), "--bot", f"@{BOT}").output
    assert link in by_number  # the number names it too; "@" is not part of the link

    # the file itself, before it is stored, has no number to put in the link yet
    unstored = cli.ok("preview", SPRING, "--bot", BOT).output
    assert f"t.me/{BOT}?start=c…-screening" in unstored
    assert "audience now: 2 person(s)" in unstored


def test_preview_names_the_missing_locales_and_still_succeeds(sqlite_cli: Cli) -> None:
    result = sqlite_cli.ok("preview", RIGHTS, "--bot", BOT)
    lines = result.output.splitlines()
    assert any("warning" in line and "missing locale ru" in line for line in lines)
    assert any("warning" in line and "missing locale lv" in line for line in lines)
    assert "missing locale uk" not in result.output
    assert "missing locale en" not in result.output
    assert "Що варто пам’ятати на роботі" in result.output
    assert "Worth remembering at work" in result.output
    assert result.output.count("(no text: not sent to people who use this language)") == 2
    assert f"t.me/{BOT}?start=c…-human" in result.output
    assert "audience now: 0 person(s) subscribed to rights in uk, en" in result.output
    assert "error" not in result.output


def test_a_file_with_an_html_error_is_not_stored(cli: Cli, tmp_path: Path) -> None:
    broken = spring_variant(
        tmp_path,
        "broken-html",
        **{"<b>Going to work abroad this spring?</b>": "<b>Going to work abroad this spring?"},
    )
    output = cli.refused("create", broken, "--as", "Olha", code=1)
    assert "error: [en]" in output
    assert "<b> is never closed" in output
    assert "nothing was saved" in output
    listed = cli.ok("list").output
    assert "no campaigns yet" in listed
    assert cli.db(lambda s: s.scalar(select(func.count()).select_from(CampaignRow))) == 0
    assert cli.audit() == []
    # the stored campaign is looked up by name, and there is none
    assert "no campaign named broken-html" in cli.refused("preview", "broken-html")


def test_an_unreadable_file_is_one_clear_line(sqlite_cli: Cli, tmp_path: Path) -> None:
    missing = sqlite_cli.refused("create", tmp_path / "nowhere.toml", "--as", "Olha")
    assert "nowhere.toml" in missing
    wrong = tmp_path / "campaign.txt"
    wrong.write_text("name = 'x'", encoding="utf-8")
    assert ".toml, .yaml or .yml" in sqlite_cli.refused("create", wrong, "--as", "Olha")
    assert "no campaigns yet" in sqlite_cli.ok("list").output


# -- the two-person rule -----------------------------------------------------------------------


def test_the_author_cannot_approve_their_own_campaign(
    cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LASTIVKA_ADMIN", "Olha Kovalenko")
    created = cli.ok("create", SPRING)  # no --as: LASTIVKA_ADMIN
    assert "by Olha Kovalenko" in created.output
    assert cli.campaign(SPRING_NAME).author == "Olha Kovalenko"

    for same in ("Olha Kovalenko", "olha kovalenko", "  OLHA   Kovalenko ", "olha\tKOVALENKO"):
        output = cli.refused("approve", SPRING_NAME, "--as", same)
        assert "two-person rule" in output
        assert "another admin must approve it" in output
    # without --as the approver is LASTIVKA_ADMIN, still the author
    assert "two-person rule" in cli.refused("approve", SPRING_NAME)
    monkeypatch.setenv("LASTIVKA_ADMIN", " OLHA kovalenko")
    assert "two-person rule" in cli.refused("approve", SPRING_NAME)

    row = cli.campaign(SPRING_NAME)
    assert row.status == "draft"
    assert row.approver is None
    assert cli.audit("campaign_approved") == []

    monkeypatch.setenv("LASTIVKA_ADMIN", "Ivan")
    approved = cli.ok("approve", SPRING_NAME)  # no --as: LASTIVKA_ADMIN
    assert f"campaign {SPRING_NAME} approved by Ivan." in approved.output
    row = cli.campaign(SPRING_NAME)
    assert row.status == "approved"
    assert row.approver == "Ivan"
    assert row.approved_at is not None
    assert cli.audit("campaign_approved") == [("admin:Ivan", "campaign_approved", SPRING_NAME)]
    assert cli.audit("campaign_created") == [
        ("admin:Olha Kovalenko", "campaign_created", SPRING_NAME)
    ]
    assert cli.chain_intact()


def test_an_explicit_as_wins_over_lastivka_admin(
    sqlite_cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LASTIVKA_ADMIN", "Olha")
    sqlite_cli.ok("create", SPRING)
    approved = sqlite_cli.ok("approve", SPRING_NAME, "--as", "  Mariia   Shevchenko ")
    assert "approved by Mariia Shevchenko." in approved.output
    assert sqlite_cli.audit("campaign_approved") == [
        ("admin:Mariia Shevchenko", "campaign_approved", SPRING_NAME)
    ]
    assert "--as" in sqlite_cli.refused("approve", SPRING_NAME, "--as", "   ")
    assert "--as" in sqlite_cli.refused("approve", SPRING_NAME, "--as", "x" * 49)


# -- the lifecycle -----------------------------------------------------------------------------


def test_transitions_follow_the_lifecycle(cli: Cli) -> None:
    cli.ok("create", SPRING, "--as", "Olha")
    draft = "is draft; only a campaign that is approved, scheduled can be scheduled"
    assert draft in cli.refused("schedule", SPRING_NAME, "--as", "Olha")
    assert draft in cli.refused("send", SPRING_NAME, "--as", "Olha")
    assert cli.campaign(SPRING_NAME).status == "draft"
    assert cli.campaign(SPRING_NAME).send_at is None

    cli.ok("approve", SPRING_NAME, "--as", "Ivan")
    past = cli.refused("schedule", SPRING_NAME, "--at", "2020-01-01T09:00+02:00", "--as", "Ivan")
    assert "2020-01-01 07:00 UTC has passed" in past
    assert "campaign send" in past
    naive = cli.refused("schedule", SPRING_NAME, "--at", "2027-03-01T09:00", "--as", "Ivan")
    assert "needs a UTC offset" in naive
    garbage = cli.refused("schedule", SPRING_NAME, "--at", "next tuesday", "--as", "Ivan")
    assert "is not an ISO time" in garbage
    row = cli.campaign(SPRING_NAME)
    assert (row.status, row.send_at) == ("approved", None)
    assert cli.audit("campaign_scheduled") == []

    scheduled = cli.ok("schedule", SPRING_NAME, "--as", "Ivan")  # the file's own time
    assert "will be sent from 2027-03-01 07:00 UTC" in scheduled.output
    row = cli.campaign(SPRING_NAME)
    assert row.status == "scheduled"
    assert row.send_at == SPRING_AT
    assert cli.audit("campaign_scheduled") == [
        ("admin:Ivan", "campaign_scheduled", f"{SPRING_NAME} 2027-03-01T07:00Z")
    ]
    listed = cli.ok("list").output
    assert "scheduled" in listed
    assert "2027-03-01 07:00" in listed

    cancelled = cli.ok("cancel", SPRING_NAME, "--as", "Ivan")
    assert "cancelled; 0 recipient(s) will not get it" in cancelled.output
    row = cli.campaign(SPRING_NAME)
    assert row.status == "cancelled"
    assert row.finished_at is not None
    assert "is cancelled; only a campaign that is draft can be approved" in cli.refused(
        "approve", SPRING_NAME, "--as", "Mariia"
    )
    assert "is cancelled" in cli.refused("send", SPRING_NAME, "--as", "Ivan")
    assert "is cancelled" in cli.refused("schedule", SPRING_NAME, "--as", "Ivan")
    assert "is cancelled" in cli.refused("cancel", SPRING_NAME, "--as", "Ivan")
    assert "can no longer change" in cli.refused("create", SPRING, "--as", "Olha")
    assert cli.campaign(SPRING_NAME).status == "cancelled"

    actions = [action for _, action, _ in cli.audit()]
    assert actions == [
        "campaign_created",
        "campaign_approved",
        "campaign_scheduled",
        "campaign_cancelled",
    ]
    assert cli.chain_intact()


def test_send_makes_an_approved_campaign_due_now(cli: Cli) -> None:
    cli.ok("create", RIGHTS, "--as", "Olha")
    cli.ok("approve", RIGHTS_NAME, "--as", "Ivan")
    assert "give --at" in cli.refused("schedule", RIGHTS_NAME, "--as", "Ivan")  # no [schedule]
    before = datetime.now(UTC)
    sent = cli.ok("send", RIGHTS_NAME, "--as", "Ivan")
    assert "is due now" in sent.output
    row = cli.campaign(RIGHTS_NAME)
    assert row.status == "scheduled"
    assert row.send_at is not None
    assert before - timedelta(seconds=1) <= row.send_at <= datetime.now(UTC)


def test_create_again_updates_a_draft_and_refuses_once_approved(cli: Cli, tmp_path: Path) -> None:
    path = spring_variant(tmp_path, "spring-update")
    first = cli.ok("create", path, "--as", "Olha")
    assert "saved as a draft" in first.output
    number = campaign_id(first)

    path.write_text(
        path.read_text(encoding="utf-8").replace(
            "Going to work abroad this spring?", "Working abroad this spring?"
        ),
        encoding="utf-8",
    )
    second = cli.ok("create", path, "--as", "Olha")
    assert "updated as a draft" in second.output
    assert campaign_id(second) == number  # the same campaign
    assert "Working abroad this spring?" in cli.campaign("spring-update").spec["text"]["en"]
    shown = cli.ok("preview", "spring-update").output
    assert "Working abroad this spring?" in shown
    assert "Going to work abroad" not in shown
    assert [action for _, action, _ in cli.audit()] == ["campaign_created", "campaign_updated"]

    cli.ok("approve", "spring-update", "--as", "Ivan")
    path.write_text(
        path.read_text(encoding="utf-8").replace("Working abroad", "Changed after approval"),
        encoding="utf-8",
    )
    refused = cli.refused("create", path, "--as", "Olha")
    assert "spring-update is approved: it can no longer change" in refused
    row = cli.campaign("spring-update")
    assert row.status == "approved"
    assert "Changed after approval" not in row.spec["text"]["en"]
    assert cli.chain_intact()


# -- figures, CSV, watch and list ------------------------------------------------------------

#: (state, unsubscribed, started) of each delivery inserted; 2 sent, 3 failed, 4 blocked,
#: 0 queued, 1 sending.
DELIVERIES = [
    (2, False, True),
    (2, False, True),
    (2, True, False),
    (2, False, False),
    (2, True, True),
    (3, False, False),
    (3, False, False),
    (4, True, False),
    (4, False, False),
    (4, False, False),
    (0, False, False),
    (1, False, False),
]
LINK_STARTS = 7
EXPECTED = {
    "audience": 12,
    "sent": 5,
    "failed": 2,
    "blocked": 3,
    "waiting": 2,
    "unsubscribed_after": 3,
    "started_from_message": 3,
    "deep_link_starts": LINK_STARTS,
}


def _deliver(
    name: str, status: str, deliveries: list[tuple[int, bool, bool]]
) -> Callable[[AsyncSession], Awaitable[None]]:
    """As if the sender had drawn the audience and got this far."""

    async def job(session: AsyncSession) -> None:
        row = await session.scalar(select(CampaignRow).where(CampaignRow.slug == name))
        assert row is not None
        now = datetime.now(UTC)
        for number, (state, unsubscribed, started) in enumerate(deliveries):
            session.add(
                DeliveryRow(
                    campaign_id=row.id,
                    subject_id=f"{name}-{number}",
                    locale="uk",
                    state=state,
                    attempts=1 if state else 0,
                    sent_at=now if state == 2 else None,
                    unsubscribed=unsubscribed,
                    started=started,
                )
            )
        row.audience = len(deliveries)
        row.link_starts = LINK_STARTS if deliveries else 0
        row.status = status
        row.started_at = now - timedelta(minutes=5)
        if status == "done":
            row.finished_at = now

    return job


def test_status_and_csv_show_what_was_delivered(cli: Cli, tmp_path: Path) -> None:
    cli.ok("create", SPRING, "--as", "Olha")
    cli.ok("approve", SPRING_NAME, "--as", "Ivan")
    cli.ok("send", SPRING_NAME, "--as", "Ivan")
    cli.db(_deliver(SPRING_NAME, "sending", DELIVERIES))
    cli.ok("create", RIGHTS, "--as", "Mariia")  # a second campaign, nothing delivered

    shown = cli.ok("status", SPRING_NAME).output
    assert f"campaign {SPRING_NAME} (#1): sending" in shown
    assert figure(shown, "written by") == "Olha"
    assert figure(shown, "approved by") == "Ivan"
    assert figure(shown, "audience") == "12"
    assert figure(shown, "sent") == "5"
    assert figure(shown, "failed") == "2"
    assert figure(shown, "blocked the bot / chat gone (unsubscribed)") == "3"
    assert figure(shown, "still to send") == "2"
    assert figure(shown, "unsubscribed within a week") == "3"
    assert figure(shown, "recipients who started a flow from it") == "3"
    assert figure(shown, "flows started from its links (anyone)") == str(LINK_STARTS)

    every = cli.ok("status").output  # no name: every campaign
    assert f"campaign {SPRING_NAME} (#1): sending" in every
    assert f"campaign {RIGHTS_NAME} (#2): draft" in every

    exports = len(cli.audit("campaign_export"))
    printed = cli.ok("status", "--csv", "-").output
    rows = list(csv.reader(io.StringIO(printed)))
    assert rows[0] == CSV_HEADER
    assert len(rows) == 3  # the header and one row per campaign
    spring, rights = (dict(zip(CSV_HEADER, row, strict=True)) for row in rows[1:])
    assert (spring["campaign"], spring["status"]) == (SPRING_NAME, "sending")
    assert (spring["author"], spring["approver"]) == ("Olha", "Ivan")
    assert spring["started"]
    assert datetime.fromisoformat(spring["started"]).tzinfo is not None
    assert spring["finished"] == ""
    assert {key: int(spring[key]) for key in EXPECTED} == EXPECTED
    assert (rights["campaign"], rights["status"], rights["approver"]) == (
        RIGHTS_NAME,
        "draft",
        "",
    )
    assert {key: int(rights[key]) for key in EXPECTED} == dict.fromkeys(EXPECTED, 0)
    assert len(cli.audit("campaign_export")) == exports + 1

    one = list(csv.reader(io.StringIO(cli.ok("status", SPRING_NAME, "--csv", "-").output)))
    assert [row[0] for row in one] == ["campaign", SPRING_NAME]

    target = tmp_path / "figures.csv"
    before = cli.audit()
    written = cli.ok("status", "--csv", target, "--as", "Ｍarta ")
    assert f"wrote 2 campaign(s) to {target}" in written.output
    assert list(csv.reader(io.StringIO(target.read_text(encoding="utf-8")))) == rows
    after = cli.audit()
    assert after[: len(before)] == before
    # who took the figures out, named as the admin (full-width letters folded)
    assert after[len(before) :] == [("admin:Marta", "campaign_export", "all")]
    assert cli.chain_intact()


def test_watch_on_a_finished_campaign_returns_with_the_final_figures(
    cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    def never(_: float) -> None:
        raise AssertionError("--watch waited on a campaign that had ended")

    monkeypatch.setattr(
        campaign_cli,
        "time",
        types.SimpleNamespace(monotonic=time.monotonic, sleep=never),
    )
    cli.ok("create", SPRING, "--as", "Olha")
    cli.ok("approve", SPRING_NAME, "--as", "Ivan")
    cli.ok("send", SPRING_NAME, "--as", "Ivan")
    cli.db(_deliver(SPRING_NAME, "done", [d for d in DELIVERIES if d[0] >= 2]))

    watched = cli.ok("status", SPRING_NAME, "--watch").output
    assert f"campaign {SPRING_NAME} (#1): done" in watched
    assert figure(watched, "audience") == "10"
    assert figure(watched, "sent") == "5"
    assert figure(watched, "failed") == "2"
    assert figure(watched, "blocked the bot / chat gone (unsubscribed)") == "3"
    assert figure(watched, "still to send") == "0"
    assert "10/10" in watched  # the progress bar, complete

    assert "--watch needs a campaign name" in cli.refused("status", "--watch")


def test_send_wait_follows_the_campaign_until_it_is_done(
    sqlite_cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``send --wait``: the bar is read from the database until the sender finishes."""
    naps: list[float] = []

    def nap(seconds: float) -> None:
        naps.append(seconds)
        assert len(naps) < 5, "--wait did not notice the campaign ended"
        if len(naps) == 2:  # meanwhile, the running bot sends it
            sqlite_cli.db(_deliver(SPRING_NAME, "done", [(2, False, False)] * 4))

    monkeypatch.setattr(
        campaign_cli,
        "time",
        types.SimpleNamespace(monotonic=time.monotonic, sleep=nap),
    )
    sqlite_cli.ok("create", SPRING, "--as", "Olha")
    sqlite_cli.ok("approve", SPRING_NAME, "--as", "Ivan")
    waited = sqlite_cli.ok("send", SPRING_NAME, "--as", "Ivan", "--wait").output
    assert "is due now" in waited
    assert len(naps) == 2
    assert f"campaign {SPRING_NAME} (#1): done" in waited
    assert figure(waited, "sent") == "4"
    assert figure(waited, "still to send") == "0"


def test_list_shows_every_campaign_in_order_with_its_status(cli: Cli, tmp_path: Path) -> None:
    assert "no campaigns yet" in cli.ok("list").output
    cli.ok("create", SPRING, "--as", "Olha")
    cli.ok("create", RIGHTS, "--as", "Olha")
    third = spring_variant(tmp_path, "winter-jobs-2027")
    cli.ok("create", third, "--as", "Mariia")
    cli.ok("approve", RIGHTS_NAME, "--as", "Ivan")
    cli.ok("approve", "winter-jobs-2027", "--as", "Ivan")
    cli.ok("cancel", "winter-jobs-2027", "--as", "Ivan")
    cli.ok("approve", SPRING_NAME, "--as", "Ivan")
    cli.ok("schedule", SPRING_NAME, "--as", "Ivan")

    listed = cli.ok("list").output
    rows = [
        [cell.strip() for cell in line.split("│")[1:-1]]
        for line in listed.splitlines()
        if line.startswith("│")
    ]
    assert [row[:5] for row in rows] == [
        ["1", SPRING_NAME, "scheduled", "Olha", "Ivan"],
        ["2", RIGHTS_NAME, "approved", "Olha", "Ivan"],
        ["3", "winter-jobs-2027", "cancelled", "Mariia", "Ivan"],
    ]
    assert [row[5] for row in rows] == ["2027-03-01 07:00", "—", "—"]


# -- paid broadcasts ---------------------------------------------------------------------------


def test_a_paid_campaign_needs_paid_broadcasts_switched_on(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    paid = spring_variant(tmp_path, "paid-spring", **{"paid = false": "paid = true"})
    cli.ok("create", paid, "--as", "Olha")
    assert cli.campaign("paid-spring").spec["paid"] is True

    output = cli.refused("approve", "paid-spring", "--as", "Ivan")  # the rate is 0 by default
    assert "paid broadcasts are off" in output
    assert "LASTIVKA_PAID_BROADCAST_RATE" in output
    monkeypatch.setenv("LASTIVKA_PAID_BROADCAST_RATE", "0")
    assert "paid broadcasts are off" in cli.refused("approve", "paid-spring", "--as", "Ivan")
    assert cli.campaign("paid-spring").status == "draft"
    assert cli.audit("campaign_approved") == []

    monkeypatch.setenv("LASTIVKA_PAID_BROADCAST_RATE", "100")
    cli.ok("approve", "paid-spring", "--as", "Ivan")
    assert cli.campaign("paid-spring").status == "approved"
    assert cli.audit("campaign_approved") == [("admin:Ivan", "campaign_approved", "paid-spring")]


def test_unknown_campaigns_are_one_clear_line(sqlite_cli: Cli) -> None:
    for command in ("approve", "schedule", "send", "cancel"):
        output = sqlite_cli.refused(command, "no-such-campaign", "--as", "Ivan")
        assert "no campaign named no-such-campaign" in output
    assert "no campaign named 42" in sqlite_cli.refused("status", "42")
    assert "no campaign named x" in sqlite_cli.refused("preview", "x")


def test_a_csv_path_that_cannot_be_written_is_one_clear_line_and_not_audited(
    sqlite_cli: Cli, tmp_path: Path
) -> None:
    sqlite_cli.ok("create", SPRING, "--as", "Olha")
    output = sqlite_cli.refused("status", "--csv", tmp_path / "no-such-dir" / "figures.csv")
    assert "no-such-dir" in output
    assert sqlite_cli.audit("campaign_export") == []


def test_full_width_letters_do_not_make_a_second_admin() -> None:
    from bot.campaigns.store import admin_actor, same_admin

    assert same_admin("Olha", "Ｏｌｈａ")
    assert same_admin("olha  k", " OLHA K")
    assert not same_admin("Olha", "Olga")
    assert admin_actor("Ｏｌｈａ") == "admin:Olha"


def test_names_in_the_csv_cannot_become_spreadsheet_formulas() -> None:
    from bot.campaigns.cli import _cell

    assert _cell("=HYPERLINK(1)") == "'=HYPERLINK(1)"
    assert _cell("@SUM(A1)") == "'@SUM(A1)"
    assert _cell("Olha") == "Olha"
    assert _cell(12) == 12
