"""Campaigns in the database: their lifecycle, their audience and their figures.

Lifecycle: draft -> approved -> scheduled -> sending -> done; cancelled from any status
before done. The approver must not be the author (two-person rule). Every change is
written to the audit trail. The audience is drawn when sending starts: one delivery row
per person subscribed to one of the campaign's topics at that moment, in one of its
locales (and, for the travel topic, one of its countries when it names some).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import ColumnElement, and_, func, literal, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.db import staff
from bot.db.tables import (
    CampaignRow,
    ConversationRow,
    DeliveryRow,
    DeliveryState,
    SubjectRow,
    SubscriptionRow,
)

__all__ = [
    "Campaign",
    "CampaignStateError",
    "Figures",
    "State",
    "Status",
    "admin_actor",
    "approve",
    "audience_query",
    "cancel",
    "create",
    "draw_audience",
    "due_campaign",
    "figures",
    "find",
    "finish",
    "list_campaigns",
    "requeue_in_flight",
    "same_admin",
    "schedule",
]


class Status(StrEnum):
    DRAFT = "draft"
    APPROVED = "approved"
    SCHEDULED = "scheduled"
    SENDING = "sending"
    DONE = "done"
    CANCELLED = "cancelled"


#: A delivery's state, by the name the sender and the figures use.
State = DeliveryState


class CampaignStateError(ValueError):
    """The command does not fit the campaign's status (or the two-person rule)."""


@dataclass(frozen=True, slots=True)
class Campaign:
    """A campaign as the command line shows it."""

    id: int
    slug: str
    status: Status
    spec: Mapping[str, Any]
    author: str
    approver: str | None
    created_at: datetime
    send_at: datetime | None
    started_at: datetime | None
    finished_at: datetime | None

    @classmethod
    def of(cls, row: CampaignRow) -> Campaign:
        return cls(
            id=row.id,
            slug=row.slug,
            status=Status(row.status),
            spec=row.spec,
            author=row.author,
            approver=row.approver,
            created_at=row.created_at,
            send_at=row.send_at,
            started_at=row.started_at,
            finished_at=row.finished_at,
        )


@dataclass(frozen=True, slots=True)
class Figures:
    """What became of a campaign (``campaign status`` and its CSV)."""

    audience: int
    queued: int
    sending: int
    sent: int
    failed: int
    blocked: int
    unsubscribed: int
    started: int
    link_starts: int

    @property
    def done(self) -> int:
        return self.sent + self.failed + self.blocked


def _plain(name: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", name).split())


def same_admin(a: str, b: str) -> bool:
    """Names are compared as people would: case, spacing and full-width or other
    compatibility forms of the same letters do not make a second person."""
    return _plain(a).casefold() == _plain(b).casefold()


def admin_actor(name: str) -> str:
    """How an admin is named in the audit trail."""
    return f"admin:{_plain(name)}"[:64]


async def find(session: AsyncSession, key: str) -> CampaignRow | None:
    """A campaign by its name, or by its number."""
    row = await session.scalar(select(CampaignRow).where(CampaignRow.slug == key))
    if row is None and key.isdigit():
        row = await session.get(CampaignRow, int(key))
    return row


async def create(
    session: AsyncSession, *, slug: str, spec: Mapping[str, Any], author: str, now: datetime
) -> tuple[CampaignRow, bool]:
    """A new draft, or the same draft with the file's new content (True if it replaced
    one). A campaign past draft cannot be changed: cancel it and make a new one."""
    row = await session.scalar(select(CampaignRow).where(CampaignRow.slug == slug))
    if row is not None and row.status != Status.DRAFT:
        raise CampaignStateError(
            f"campaign {slug} is {row.status}: it can no longer change (cancel it and "
            "create one under a new name)"
        )
    replaced = row is not None
    if row is None:
        row = CampaignRow(
            slug=slug, status=str(Status.DRAFT), audience=0, link_starts=0, created_at=now
        )
        session.add(row)
    row.spec = dict(spec)
    row.author = _plain(author)
    await session.flush()
    await staff.append_audit(
        session,
        actor=admin_actor(author),
        action="campaign_updated" if replaced else "campaign_created",
        now=now,
        detail=slug,
    )
    return row, replaced


def _require(row: CampaignRow, *allowed: Status, doing: str) -> None:
    if row.status not in allowed:
        names = ", ".join(allowed)
        raise CampaignStateError(
            f"campaign {row.slug} is {row.status}; only a campaign that is {names} can be {doing}"
        )


async def approve(session: AsyncSession, row: CampaignRow, *, approver: str, now: datetime) -> None:
    _require(row, Status.DRAFT, doing="approved")
    if same_admin(approver, row.author):
        raise CampaignStateError(
            f"campaign {row.slug} was written by {row.author}: another admin must approve it "
            "(two-person rule)"
        )
    row.status = str(Status.APPROVED)
    row.approver = _plain(approver)
    row.approved_at = now
    await staff.append_audit(
        session, actor=admin_actor(approver), action="campaign_approved", now=now, detail=row.slug
    )


async def schedule(
    session: AsyncSession, row: CampaignRow, *, at: datetime, by: str, now: datetime
) -> None:
    """Send at ``at`` (now or later); an approved or scheduled campaign only."""
    _require(row, Status.APPROVED, Status.SCHEDULED, doing="scheduled")
    row.status = str(Status.SCHEDULED)
    row.send_at = max(at, now)
    await staff.append_audit(
        session,
        actor=admin_actor(by),
        action="campaign_scheduled",
        now=now,
        detail=f"{row.slug} {row.send_at:%Y-%m-%dT%H:%MZ}"[:64],
    )


async def cancel(
    session: AsyncSession, row: CampaignRow, *, by: str, now: datetime, detail: str = ""
) -> int:
    """Stop a campaign; returns how many recipients it will now not reach."""
    _require(
        row,
        Status.DRAFT,
        Status.APPROVED,
        Status.SCHEDULED,
        Status.SENDING,
        doing="cancelled",
    )
    row.status = str(Status.CANCELLED)
    row.finished_at = now
    left = await session.scalar(
        select(func.count())
        .select_from(DeliveryRow)
        .where(DeliveryRow.campaign_id == row.id, DeliveryRow.state == State.QUEUED)
    )
    actor = "system" if by == "system" else admin_actor(by)
    await staff.append_audit(
        session,
        actor=actor,
        action="campaign_cancelled",
        now=now,
        detail=f"{row.slug} {detail}".strip()[:64],
    )
    return int(left or 0)


async def list_campaigns(session: AsyncSession) -> list[tuple[Campaign, Figures]]:
    rows = (await session.scalars(select(CampaignRow).order_by(CampaignRow.id))).all()
    return [(Campaign.of(row), await figures(session, row)) for row in rows]


async def figures(session: AsyncSession, row: CampaignRow) -> Figures:
    d = DeliveryRow
    counts = dict(
        (
            await session.execute(
                select(d.state, func.count()).where(d.campaign_id == row.id).group_by(d.state)
            )
        ).all()
    )
    unsubscribed, started = (
        await session.execute(
            select(
                func.count().filter(d.unsubscribed.is_(True)),
                func.count().filter(d.started.is_(True)),
            ).where(d.campaign_id == row.id)
        )
    ).one()
    return Figures(
        audience=row.audience,
        queued=int(counts.get(State.QUEUED, 0)),
        sending=int(counts.get(State.SENDING, 0)),
        sent=int(counts.get(State.SENT, 0)),
        failed=int(counts.get(State.FAILED, 0)),
        blocked=int(counts.get(State.BLOCKED, 0)),
        unsubscribed=int(unsubscribed or 0),
        started=int(started or 0),
        link_starts=row.link_starts,
    )


def audience_query(campaign_id: int, audience: Mapping[str, Any]) -> Any:
    """Each subscribed person once, with the locale they use, ready to insert."""
    s, c, subject = SubscriptionRow, ConversationRow, SubjectRow
    topics = list(audience.get("topics", ()))
    locales = list(audience.get("locales", ()))
    countries = [code.lower() for code in audience.get("countries", ())]
    wanted: ColumnElement[bool] = s.topic.in_(topics)
    if countries:
        wanted = and_(wanted, or_(s.topic != "travel", s.country.in_(countries)))
    people = select(s.subject_id).where(wanted).group_by(s.subject_id).subquery("subscribed")
    return (
        select(
            literal(campaign_id).label("campaign_id"),
            c.subject_id,
            c.locale,
            literal(State.QUEUED).label("state"),
            literal(0).label("attempts"),
            literal(False).label("unsubscribed"),
            literal(False).label("started"),
        )
        .join(people, people.c.subject_id == c.subject_id)
        .join(subject, subject.id == c.subject_id)
        .where(c.locale.in_(locales), subject.chat_ref.is_not(None))
    )


async def draw_audience(session: AsyncSession, row: CampaignRow, *, now: datetime) -> int:
    """Sending begins: one queued delivery per recipient, in one statement; idempotent
    (a sender killed half-way through this transaction draws again from nothing)."""
    d = DeliveryRow.__table__
    query = audience_query(row.id, row.spec.get("audience", {}))
    columns = [
        "campaign_id",
        "subject_id",
        "locale",
        "state",
        "attempts",
        "unsubscribed",
        "started",
    ]
    existing = select(DeliveryRow.id).where(DeliveryRow.campaign_id == row.id).limit(1)
    if await session.scalar(existing) is None:
        await session.execute(d.insert().from_select(columns, query))  # type: ignore[attr-defined]
    count = await session.scalar(
        select(func.count()).select_from(DeliveryRow).where(DeliveryRow.campaign_id == row.id)
    )
    row.audience = int(count or 0)
    row.status = str(Status.SENDING)
    row.started_at = now
    await staff.append_audit(
        session,
        actor="system",
        action="campaign_started",
        now=now,
        detail=f"{row.slug} audience={row.audience}"[:64],
    )
    return row.audience


async def due_campaign(session: AsyncSession, *, now: datetime) -> CampaignRow | None:
    """The campaign to work on: one already sending, else the earliest one due."""
    sending = await session.scalar(
        select(CampaignRow).where(CampaignRow.status == Status.SENDING).order_by(CampaignRow.id)
    )
    if sending is not None:
        return sending
    return await session.scalar(
        select(CampaignRow)
        .where(CampaignRow.status == Status.SCHEDULED, CampaignRow.send_at <= now)
        .order_by(CampaignRow.send_at, CampaignRow.id)
    )


async def finish(session: AsyncSession, row: CampaignRow, *, now: datetime) -> None:
    row.status = str(Status.DONE)
    row.finished_at = now
    await staff.append_audit(
        session, actor="system", action="campaign_done", now=now, detail=row.slug
    )


async def requeue_in_flight(session: AsyncSession, campaign_id: int) -> int:
    """After a crash: deliveries marked "sending" may or may not have gone out; they are
    sent again (a recipient missed is worse than one message twice)."""
    result = await session.execute(
        update(DeliveryRow)
        .where(DeliveryRow.campaign_id == campaign_id, DeliveryRow.state == State.SENDING)
        .values(state=State.QUEUED)
    )
    return int(getattr(result, "rowcount", 0) or 0)
