"""Retention on SQLite and PostgreSQL: each data class goes at its limit and not before,
its rows survive as counters, the purge is idempotent and resumable, cases under legal hold
or still open keep their person, the audit chain still verifies; ``lastivka purge`` and
``lastivka stats`` with small-cell suppression."""

from __future__ import annotations

import asyncio
import base64
import csv
import io
import logging
import os
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import delete, func, select
from sqlalchemy.ext.asyncio import AsyncSession
from typer.testing import CliRunner

from bot.cli import app
from bot.config import Settings
from bot.db import staff
from bot.db.database import Database
from bot.db.migrate import upgrade
from bot.db.tables import (
    AuditAnchorRow,
    AuditRow,
    CaseRequestRow,
    ConversationRow,
    EventRow,
    RecentMessageRow,
    StatRow,
    SubjectRow,
)
from bot.housekeeping import housekeeping
from bot.retention import (
    PurgeReport,
    RetentionPolicy,
    StatKey,
    counted,
    due,
    purge,
    tally_events_of,
)
from bot.stats_cli import Period, shown, summarise
from tests.conftest import TEST_SECRET

NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)
POLICY = RetentionPolicy(
    transcripts=timedelta(days=90),
    answers=timedelta(days=30),
    cases=timedelta(days=365),
    audit=timedelta(days=730),
)
SECOND = timedelta(seconds=1)


def older(limit: timedelta, extra: timedelta = timedelta()) -> datetime:
    """Just past the limit (plus ``extra``): due."""
    return NOW - limit - SECOND - extra


def younger(limit: timedelta) -> datetime:
    """Just inside the limit: kept."""
    return NOW - limit + SECOND


# -- building data -------------------------------------------------------------------------


def person(sid: str, *, updated_at: datetime, locale: str | None = "uk") -> list[Any]:
    return [
        SubjectRow(id=sid, created_at=updated_at, chat_ref=b"7001"),
        ConversationRow(
            subject_id=sid,
            flow="menu",
            flow_version=1,
            state="home",
            answers={"country": "PL"},
            locale=locale,
            steps=3,
            updated_at=updated_at,
        ),
    ]


def event(at: datetime, **dims: Any) -> EventRow:
    values = {"kind": "step", "flow": "risk_screening", "subject_id": "s-any", **dims}
    return EventRow(at=at, update_id=None, state_from=None, state_to="next", **values)


def case(code: str, *, subject: str, created_at: datetime, **fields: Any) -> CaseRequestRow:
    values: dict[str, Any] = {
        "priority": 1,
        "reason": "help_request",
        "status": "closed",
        "outcome": "helped",
        "closed_at": created_at + timedelta(days=1),
        "facts": {"locale": "uk", "answers": {"country": "PL"}},
        "legal_hold": False,
        **fields,
    }
    return CaseRequestRow(code=code, subject_id=subject, created_at=created_at, **values)


def message(subject: str, at: datetime) -> RecentMessageRow:
    return RecentMessageRow(subject_id=subject, message_id=b"4242", at=at)


async def add(db: Database, rows: list[Any]) -> None:
    async def job(session: AsyncSession) -> None:
        # no ORM relationships: the unit of work does not order by foreign key
        session.add_all([row for row in rows if isinstance(row, SubjectRow)])
        await session.flush()
        session.add_all([row for row in rows if not isinstance(row, SubjectRow)])

    await db.run(job)


async def audit_rows(db: Database, times: Sequence[datetime]) -> None:
    for number, at in enumerate(times):
        await db.run(
            lambda s, at=at, n=number: staff.append_audit(
                s, actor="cli", action="operator_added", now=at, detail=f"op{n}"
            )
        )


async def count(db: Database, table: Any) -> int:
    return int(await db.run(lambda s: s.scalar(select(func.count()).select_from(table))) or 0)


async def stats(db: Database) -> Counter[StatKey]:
    async def job(session: AsyncSession) -> Counter[StatKey]:
        rows = await session.scalars(select(StatRow))
        return Counter(
            {
                StatKey(r.day, r.metric, r.flow, r.level, r.outcome, r.country, r.locale): r.count
                for r in rows
            }
        )

    return await db.run(job)


def day(at: datetime) -> str:
    return at.date().isoformat()


# -- a varied data set, and the counters it must leave -------------------------------------


@dataclass
class Seeded:
    """What ``seed`` stored, and the counters purging it must produce."""

    expected: Counter[StatKey] = field(default_factory=Counter)
    old_events: int = 0
    old_messages: int = 0
    idle_people: int = 0
    old_cases: int = 0
    old_audit: int = 0


KINDS = ("start", "step", "finish")
FLOWS = ("risk_screening", "help_request", "safe_migration")
LEVELS = (None, "high", "urgent", None)
COUNTRIES = (None, "PL", "LV")
LOCALES = ("uk", "ru", None, "lv")


async def seed(db: Database) -> Seeded:
    seeded = Seeded()
    rows: list[Any] = []
    for i in range(23):
        at = older(POLICY.transcripts, timedelta(days=i % 5, hours=i))
        dims = {
            "kind": KINDS[i % 3],
            "flow": FLOWS[i % 3 if i % 2 else 0],
            "level": LEVELS[i % 4],
            "country": COUNTRIES[i % 3],
            "locale": LOCALES[i % 4],
        }
        rows.append(event(at, **dims))
        key = StatKey(
            day(at),
            "event:" + dims["kind"],
            dims["flow"],
            dims["level"] or "",
            "",
            dims["country"] or "",
            dims["locale"] or "",
        )
        seeded.expected[key] += 1
    seeded.old_events = 23
    rows += [event(younger(POLICY.transcripts)) for _ in range(4)]
    rows += [message("s-active-0", older(POLICY.messages, timedelta(hours=i))) for i in range(7)]
    rows += [message("s-active-1", younger(POLICY.messages)) for _ in range(2)]
    seeded.old_messages = 7
    for i in range(6):
        updated = older(POLICY.answers, timedelta(days=i % 2))
        locale = LOCALES[i % 4]
        rows += person(f"s-idle-{i}", updated_at=updated, locale=locale)
        rows.append(message(f"s-idle-{i}", younger(POLICY.messages)))
        seeded.expected[StatKey(day(updated), "person_expired", locale=locale or "")] += 1
    seeded.idle_people = 6
    for i in range(2):
        rows += person(f"s-active-{i}", updated_at=younger(POLICY.answers))
    cases = [
        # reason, facts answers, expected level, outcome
        ("screening", {"country": "PL", "i.documents_taken": "yes"}, "high", "helped"),
        ("screening_urgent", {"country": "LV", "i.cannot_leave": "yes"}, "urgent", "referred"),
        ("screening", {"country": "PL", "i.upfront_fee": "yes"}, "medium", None),
        ("help_request", {"country": "PL", "topic": "documents"}, "", "helped"),
        ("human", {}, "", "no_reply"),
    ]
    for i, (reason, answers, level, outcome) in enumerate(cases):
        created = older(POLICY.cases, timedelta(days=30 + i))
        rows.append(
            case(
                f"K-OLD{i}",
                subject="s-gone",
                created_at=created,
                closed_at=older(POLICY.cases),
                reason=reason,
                outcome=outcome,
                facts={"locale": LOCALES[i % 4], "answers": answers},
            )
        )
        key = StatKey(
            day(created),
            "case_closed",
            reason,
            level,
            outcome or "",
            str(answers.get("country", "")),
            LOCALES[i % 4] or "",
        )
        seeded.expected[key] += 1
    seeded.old_cases = len(cases)
    rows.append(case("K-YOUNG", subject="s-gone", created_at=NOW - timedelta(days=400),
                     closed_at=younger(POLICY.cases)))  # fmt: skip
    await add(db, rows)
    await audit_rows(db, [older(POLICY.audit, timedelta(days=9 - i)) for i in range(9)])
    await audit_rows(db, [younger(POLICY.audit), NOW])
    seeded.old_audit = 9
    return seeded


# -- the policy --------------------------------------------------------------------------


def test_policy_comes_from_the_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    for key in list(os.environ):
        if key.startswith("LASTIVKA_"):
            monkeypatch.delenv(key)
    defaults = RetentionPolicy.from_settings(Settings(_env_file=None))  # type: ignore[call-arg]
    assert defaults == POLICY
    assert defaults.messages == timedelta(hours=48)
    monkeypatch.setenv("LASTIVKA_RETENTION_TRANSCRIPT_DAYS", "7")
    monkeypatch.setenv("LASTIVKA_RETENTION_AUDIT_DAYS", "400")
    custom = RetentionPolicy.from_settings(Settings(_env_file=None))  # type: ignore[call-arg]
    assert (custom.transcripts, custom.audit) == (timedelta(days=7), timedelta(days=400))
    assert custom.limit("events") == timedelta(days=7)
    assert custom.limit("people") == timedelta(days=30)


# -- each data class at its limit ---------------------------------------------------------


async def test_each_data_class_goes_at_its_limit_and_not_before(db: Database) -> None:
    rows: list[Any] = [
        event(older(POLICY.transcripts), locale="uk"),
        event(younger(POLICY.transcripts), locale="uk"),
        message("s-new", older(POLICY.messages)),
        message("s-new", younger(POLICY.messages)),
        *person("s-old", updated_at=older(POLICY.answers)),
        message("s-old", younger(POLICY.messages)),  # goes with its person
        *person("s-new", updated_at=younger(POLICY.answers)),
        case("K-OLD", subject="s-x", created_at=NOW - timedelta(days=400),
             closed_at=older(POLICY.cases)),
        case("K-NEW", subject="s-x", created_at=NOW - timedelta(days=400),
             closed_at=younger(POLICY.cases)),
    ]  # fmt: skip
    await add(db, rows)
    await audit_rows(db, [older(POLICY.audit), younger(POLICY.audit)])
    assert await due(db, POLICY, now=NOW) == PurgeReport(1, 1, 1, 1, 1)

    report = await purge(db, POLICY, now=NOW)

    assert report == PurgeReport(events=1, messages=1, people=1, cases=1, audit=1)
    assert list(await db.run(lambda s: s.scalars(select(EventRow.at)))) == [
        younger(POLICY.transcripts)
    ]
    assert list(await db.run(lambda s: s.scalars(select(RecentMessageRow.at)))) == [
        younger(POLICY.messages)
    ]
    assert list(await db.run(lambda s: s.scalars(select(SubjectRow.id)))) == ["s-new"]
    assert list(await db.run(lambda s: s.scalars(select(ConversationRow.subject_id)))) == ["s-new"]
    assert list(await db.run(lambda s: s.scalars(select(CaseRequestRow.code)))) == ["K-NEW"]
    actions = list(await db.run(lambda s: s.scalars(select(AuditRow.action).order_by(AuditRow.id))))
    assert actions == ["operator_added", "purge"]
    assert await db.run(staff.verify_audit) is None


async def test_a_second_purge_changes_nothing(db: Database) -> None:
    seeded = await seed(db)
    first = await purge(db, POLICY, now=NOW, batch=4)
    assert first == PurgeReport(
        seeded.old_events, seeded.old_messages, seeded.idle_people, seeded.old_cases, 9
    )
    counters, audit = await stats(db), await count(db, AuditRow)
    assert await due(db, POLICY, now=NOW) == PurgeReport()

    again = await purge(db, POLICY, now=NOW, batch=4)

    assert again == PurgeReport()
    assert await stats(db) == counters
    assert await count(db, AuditRow) == audit  # nothing removed, nothing to record


async def test_counters_equal_the_rows_removed(db: Database) -> None:
    seeded = await seed(db)
    await purge(db, POLICY, now=NOW, batch=4)
    assert await stats(db) == seeded.expected
    assert await count(db, EventRow) == 4
    assert await count(db, RecentMessageRow) == 2
    assert await count(db, SubjectRow) == 2
    assert await count(db, CaseRequestRow) == 1


# -- interrupted and resumed -------------------------------------------------------------


class Interrupted(Exception):
    pass


def fail_after(batches: int) -> Callable[[str], None]:
    done = 0

    def hook(data_class: str) -> None:
        nonlocal done
        done += 1
        if done > batches:
            raise Interrupted(data_class)

    return hook


@pytest.mark.parametrize("batches", [None, 1, 7, 9, 11, 13])
async def test_an_interrupted_purge_is_consistent_and_a_rerun_finishes_it(
    db: Database, batches: int | None
) -> None:
    seeded = await seed(db)
    if batches is not None:
        with pytest.raises(Interrupted):
            await purge(db, POLICY, now=NOW, batch=4, before_commit=fail_after(batches))
        # Every row removed so far is in a counter, and no counter counts a row still there.
        counters = await stats(db)
        removed_events = seeded.old_events - (await count(db, EventRow) - 4)
        events = sum(n for k, n in counters.items() if k.metric.startswith("event:"))
        assert events == removed_events
        expired = sum(n for k, n in counters.items() if k.metric == "person_expired")
        assert expired == seeded.idle_people - (await count(db, SubjectRow) - 2)
        closed = sum(n for k, n in counters.items() if k.metric == "case_closed")
        assert closed == seeded.old_cases - (await count(db, CaseRequestRow) - 1)
        assert await db.run(staff.verify_audit) is None
        if batches == 1:  # the second batch was rolled back with its counters
            assert events == 4
    await purge(db, POLICY, now=NOW, batch=4)
    assert await stats(db) == seeded.expected
    assert await db.run(staff.verify_audit) is None
    assert await due(db, POLICY, now=NOW) == PurgeReport()


# -- what is kept --------------------------------------------------------------------------


async def test_open_and_legal_hold_cases_keep_the_person_and_the_case(db: Database) -> None:
    idle = older(POLICY.answers)
    long_ago = NOW - timedelta(days=800)
    rows: list[Any] = [
        *person("s-open", updated_at=idle),
        case("K-OPEN", subject="s-open", created_at=long_ago, status="queued", closed_at=None),
        *person("s-held", updated_at=idle),
        case("K-HELD", subject="s-held", created_at=long_ago, status="held", closed_at=None),
        *person("s-hold", updated_at=idle),
        case("K-HOLD", subject="s-hold", created_at=long_ago, closed_at=older(POLICY.cases),
             legal_hold=True),
        *person("s-done", updated_at=idle),
        case("K-DONE", subject="s-done", created_at=long_ago, closed_at=older(POLICY.cases)),
    ]  # fmt: skip
    await add(db, rows)

    report = await purge(db, POLICY, now=NOW)

    assert (report.people, report.cases) == (1, 1)
    subjects = set(await db.run(lambda s: s.scalars(select(SubjectRow.id))))
    assert subjects == {"s-open", "s-held", "s-hold"}
    codes = set(await db.run(lambda s: s.scalars(select(CaseRequestRow.code))))
    assert codes == {"K-OPEN", "K-HELD", "K-HOLD"}


# -- the audit chain -----------------------------------------------------------------------


async def test_the_audit_chain_verifies_after_a_purge_and_a_removed_row_still_shows(
    db: Database,
) -> None:
    await audit_rows(db, [older(POLICY.audit, timedelta(days=20 - i)) for i in range(10)])
    await audit_rows(db, [younger(POLICY.audit), NOW - timedelta(days=1), NOW])

    report = await purge(db, POLICY, now=NOW, batch=4)

    assert report.audit == 10
    anchor = await db.run(lambda s: s.get(AuditAnchorRow, 1))
    assert anchor is not None
    assert anchor.last_id == 10
    rows = list(await db.run(lambda s: s.scalars(select(AuditRow).order_by(AuditRow.id))))
    assert [r.id for r in rows] == [11, 12, 13, 14]
    assert (rows[-1].actor, rows[-1].action) == ("system", "purge")
    assert "audit=10" in rows[-1].detail
    assert len(rows[-1].detail) <= 64
    assert await db.run(staff.verify_audit) is None

    await db.run(lambda s: s.execute(delete(AuditRow).where(AuditRow.id == 12)))
    assert await db.run(staff.verify_audit) == 13


async def test_removing_the_first_row_after_the_anchor_still_shows(db: Database) -> None:
    await audit_rows(db, [older(POLICY.audit)] * 3 + [NOW, NOW])
    await purge(db, POLICY, now=NOW)
    assert await db.run(staff.verify_audit) is None
    await db.run(lambda s: s.execute(delete(AuditRow).where(AuditRow.id == 4)))
    assert await db.run(staff.verify_audit) == 5


async def test_a_chain_purged_to_the_last_row_goes_on_from_the_anchor(db: Database) -> None:
    await audit_rows(db, [older(POLICY.audit)] * 3)
    await purge(db, POLICY, now=NOW)
    rows = list(await db.run(lambda s: s.scalars(select(AuditRow))))
    assert [r.action for r in rows] == ["purge"]
    assert await db.run(staff.verify_audit) is None
    await db.run(lambda s: staff.append_audit(s, actor="cli", action="x", now=NOW))
    assert await db.run(staff.verify_audit) is None


# -- erasure's helper and the live statistics -----------------------------------------------


async def test_tally_events_of_counts_one_person_and_deletes_their_events(db: Database) -> None:
    at = NOW - timedelta(days=2)
    await add(
        db,
        [
            event(at, subject_id="s-gone", kind="finish", level="high", country="PL", locale="uk"),
            event(at, subject_id="s-gone", kind="finish", level="high", country="PL", locale="uk"),
            event(at, subject_id="s-stays"),
        ],
    )
    assert await db.run(lambda s: tally_events_of(s, "s-gone")) == 2
    assert await stats(db) == Counter(
        {StatKey(day(at), "event:finish", "risk_screening", "high", "", "PL", "uk"): 2}
    )
    assert list(await db.run(lambda s: s.scalars(select(EventRow.subject_id)))) == ["s-stays"]


async def test_live_statistics_do_not_change_when_rows_move_into_counters(
    db: Database,
) -> None:
    seeded = await seed(db)
    await add(db, [event(NOW - timedelta(days=1), kind="start"),
                   case("K-LIVE", subject="s-x", created_at=NOW - timedelta(days=3),
                        closed_at=NOW - timedelta(days=2))])  # fmt: skip
    before = await counted(db)
    await purge(db, POLICY, now=NOW, batch=4)
    after = await counted(db)
    expired = Counter({k: n for k, n in after.items() if k.metric == "person_expired"})
    assert after - expired == before
    assert sum(expired.values()) == seeded.idle_people
    recent = await counted(db, since=(NOW - timedelta(days=5)).date(), until=NOW.date())
    assert sum(recent.values()) == 2  # the live event and the live closed case


async def test_housekeeping_purges_at_start_and_then_once_a_day(
    db: Database, caplog: pytest.LogCaptureFixture
) -> None:
    limit = POLICY.transcripts
    await add(
        db,
        [
            event(older(limit)),  # due at start
            event(NOW - limit + timedelta(minutes=30)),  # due an hour later
            event(NOW - limit + timedelta(hours=12)),  # due the next day
        ],
    )
    times = [NOW, NOW + timedelta(hours=1), NOW + timedelta(hours=25), NOW + timedelta(hours=26)]
    stop = asyncio.Event()
    calls = iter(times)

    def clock() -> datetime:
        now = next(calls)
        if now == times[-1]:
            stop.set()
        return now

    with caplog.at_level(logging.INFO, logger="bot.housekeeping"):
        await housekeeping(db, stop, every=0, clock=clock, retention=POLICY)

    assert await count(db, EventRow) == 0
    details = list(
        await db.run(
            lambda s: s.scalars(
                select(AuditRow.detail).where(AuditRow.action == "purge").order_by(AuditRow.id)
            )
        )
    )
    assert [d.split()[0] for d in details] == ["events=1", "events=2"]
    assert sum("retention purge done" in r.getMessage() for r in caplog.records) == 2


# -- suppression -------------------------------------------------------------------------


def test_small_cells_are_shown_as_under_five() -> None:
    assert [shown(n) for n in (1, 2, 4, 5, 6, 120)] == ["<5", "<5", "<5", "5", "6", "120"]


def test_summaries_group_by_month_and_chosen_dimensions() -> None:
    counts = Counter(
        {
            StatKey("2026-10-01", "case_closed", "help_request", country="PL", locale="uk"): 3,
            StatKey("2026-10-20", "case_closed", "human", country="PL", locale="ru"): 4,
            StatKey("2026-11-02", "case_closed", "human", country="LV", locale="ru"): 2,
            StatKey("2026-11-02", "event:start", "menu", locale="ru"): 9,
        }
    )
    rows = summarise(counts, by=Period.month, dims=("country",), metrics=["case_closed"])
    assert rows == [
        (("2026-10", "case_closed", "PL"), 7),
        (("2026-11", "case_closed", "LV"), 2),
    ]
    events = summarise(counts, dims=(), metrics=["event:*"])
    assert events == [(("2026-11-02", "event:start"), 9)]
    assert summarise(counts, dims=("locale",), metrics=["case_closed", "event:start"]) == [
        (("2026-10-01", "case_closed", "uk"), 3),
        (("2026-10-20", "case_closed", "ru"), 4),
        (("2026-11-02", "case_closed", "ru"), 2),
        (("2026-11-02", "event:start", "ru"), 9),
    ]


# -- the command line ----------------------------------------------------------------------


@pytest.fixture
def runner(runner: CliRunner, monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    """The shared command runner (tests/conftest.py), with the test secret key set."""
    monkeypatch.setenv("LASTIVKA_SECRET_KEY", base64.urlsafe_b64encode(TEST_SECRET).decode())
    return runner


def _seed_file(path: Path, rows: list[Any], audit: tuple[datetime, ...] = ()) -> None:
    async def main() -> None:
        database = Database(f"sqlite+aiosqlite:///{path}")
        try:
            await upgrade(database)
            await add(database, rows)
            await audit_rows(database, audit)
        finally:
            await database.dispose()

    asyncio.run(main())


def _csv(output: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(output)))


def test_purge_and_stats_commands(runner: CliRunner, tmp_path: Path) -> None:
    old = datetime.now(UTC) - timedelta(days=120)
    rows: list[Any] = [event(old, kind="start", locale="uk", country="PL") for _ in range(8)]
    rows += [event(old, kind="start", locale="ru", country="PL") for _ in range(2)]
    rows.append(event(datetime.now(UTC) - timedelta(days=1), kind="finish", locale="uk"))
    _seed_file(tmp_path / "lastivka.db", rows, audit=(old - timedelta(days=800),) * 3)

    before = runner.invoke(app, ["stats", "--csv", "-"])
    assert before.exit_code == 0, before.output
    dry = runner.invoke(app, ["purge", "--dry-run"])
    assert dry.exit_code == 0, dry.output
    assert "dry run" in dry.output
    assert "10" in dry.output
    assert runner.invoke(app, ["stats", "--csv", "-"]).stdout == before.stdout

    done = runner.invoke(app, ["purge"])
    assert done.exit_code == 0, done.output
    assert "removed" in done.output
    assert "dialog events (transcripts)" in done.output
    assert "90 days" in done.output

    after = runner.invoke(app, ["stats", "--csv", "-"])
    assert after.exit_code == 0, after.output
    assert after.stdout == before.stdout  # the same counts, now from the counters
    table = _csv(after.stdout)
    assert list(table[0]) == ["day", "metric", "flow", "level", "outcome", "country", "locale",
                              "count"]  # fmt: skip
    by_locale = {(r["metric"], r["locale"]): r["count"] for r in table}
    assert by_locale == {("event:start", "uk"): "8", ("event:start", "ru"): "<5",
                         ("event:finish", "uk"): "<5"}  # fmt: skip
    assert "2" not in {r["count"] for r in table}

    monthly = runner.invoke(app, ["stats", "--by", "month", "--dims", "country", "--csv", "-"])
    assert _csv(monthly.stdout)[0] == {
        "month": old.strftime("%Y-%m"),
        "metric": "event:start",
        "country": "PL",
        "count": "10",
    }
    shown_table = runner.invoke(app, ["stats", "--metric", "event:start"])
    assert shown_table.exit_code == 0, shown_table.output
    assert "<5" in shown_table.output
    assert "event:start: withheld" in shown_table.output  # 8 + "<5" = total would tell
    assert "event:finish" not in shown_table.output
    out_file = tmp_path / "stats.csv"
    written = runner.invoke(app, ["stats", "--dims", "country", "--csv", str(out_file)])
    assert written.exit_code == 0, written.output
    assert {r["count"] for r in _csv(out_file.read_text(encoding="utf-8"))} == {"10", "<5"}

    trail = runner.invoke(app, ["audit", "--limit", "3"])
    assert "stats_export" in trail.output  # each CSV export is on the record
    verify = runner.invoke(app, ["audit", "verify"])
    assert verify.exit_code == 0, verify.output
    assert "the chain starts after row 3" in verify.output
    assert "intact" in verify.output
    again = runner.invoke(app, ["purge"])
    assert again.exit_code == 0, again.output


def test_stats_refuses_bad_options(runner: CliRunner) -> None:
    since = runner.invoke(app, ["stats", "--since", "25.11.2026"])
    assert since.exit_code == 2
    assert "--since" in since.output
    dims = runner.invoke(app, ["stats", "--dims", "name"])
    assert dims.exit_code == 2
    assert "--dims" in dims.output
