"""The schema. A person exists only as a pseudonym; their content only as ciphertext.

Sensitive columns (message payloads, answers, chat ids) use ``Encrypted``/``EncryptedJSON``;
the privacy test fails if a new column that holds a person's content is added in clear.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    SmallInteger,
    String,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from bot.db.types import Encrypted, EncryptedJSON, UTCDateTime

__all__ = [
    "AuditAnchorRow",
    "AuditRow",
    "Base",
    "CampaignRow",
    "CaseRequestRow",
    "ConsoleStateRow",
    "ContactCheckRow",
    "ConversationRow",
    "DeliveryRow",
    "DeliveryState",
    "EventRow",
    "InboxRow",
    "OperatorRow",
    "OutboxRow",
    "RecentMessageRow",
    "StatRow",
    "SubjectRow",
    "SubscriptionRow",
]

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class SubjectRow(Base):
    """A person, known only by ``HMAC(secret, telegram user id)``."""

    __tablename__ = "subjects"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    chat_ref: Mapped[bytes | None] = mapped_column(Encrypted("subjects.chat_ref"))
    #: The key id whose pseudonym secret made ``id`` (``lastivka keys rotate`` re-maps).
    kid: Mapped[str | None] = mapped_column(String(8))


class ConversationRow(Base):
    """Where a person is in which flow; the only dialog state there is."""

    __tablename__ = "conversations"

    subject_id: Mapped[str] = mapped_column(
        ForeignKey("subjects.id", ondelete="CASCADE"), primary_key=True
    )
    flow: Mapped[str] = mapped_column(String(40))
    flow_version: Mapped[int] = mapped_column(Integer)
    state: Mapped[str] = mapped_column(String(40))
    answers: Mapped[Any] = mapped_column(EncryptedJSON("conversations.answers"))
    locale: Mapped[str | None] = mapped_column(String(8))
    steps: Mapped[int] = mapped_column(Integer, default=0)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())
    #: The person's own safety choices (code word, exit also erases, cover unlocked);
    #: unlike ``answers`` they outlive a finished or abandoned dialog.
    settings: Mapped[Any] = mapped_column(EncryptedJSON("conversations.settings"), nullable=True)


class InboxRow(Base):
    """A received update, stored before Telegram is told it arrived.

    The payload is removed once the update is processed; the row stays (without content) for
    two days so a redelivered ``update_id`` is recognised and ignored.
    """

    __tablename__ = "inbox"

    update_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    received_at: Mapped[datetime] = mapped_column(UTCDateTime())
    payload: Mapped[bytes | None] = mapped_column(Encrypted("inbox.payload"))
    status: Mapped[str] = mapped_column(String(10), default="pending")
    attempts: Mapped[int] = mapped_column(SmallInteger, default=0)
    processed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    __table_args__ = (Index("ix_inbox_status", "status", "update_id"),)


class EventRow(Base):
    """What happened, for statistics and debugging: names and states, never content."""

    __tablename__ = "events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime())
    subject_id: Mapped[str] = mapped_column(String(64), index=True)
    update_id: Mapped[int | None] = mapped_column(BigInteger, unique=True)
    kind: Mapped[str] = mapped_column(String(32))
    flow: Mapped[str] = mapped_column(String(40))
    state_from: Mapped[str | None] = mapped_column(String(40))
    state_to: Mapped[str] = mapped_column(String(40))
    #: Identifying nobody, kept so retention can count before it deletes.
    locale: Mapped[str | None] = mapped_column(String(8))
    country: Mapped[str | None] = mapped_column(String(8))
    level: Mapped[str | None] = mapped_column(String(8))


class OutboxRow(Base):
    """A Bot API call to make; written in the same transaction as the state it follows."""

    __tablename__ = "outbox"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    lane: Mapped[int] = mapped_column(SmallInteger)
    chat_key: Mapped[str] = mapped_column(String(64))
    method: Mapped[str] = mapped_column(String(40))
    payload: Mapped[Any] = mapped_column(EncryptedJSON("outbox.payload"))
    update_id: Mapped[int | None] = mapped_column(BigInteger)
    attempts: Mapped[int] = mapped_column(SmallInteger, default=0)
    not_before: Mapped[datetime] = mapped_column(UTCDateTime())

    # AUTOINCREMENT on SQLite: ids never come back after a delete, so id order stays the
    # order rows were written in (sending order) and a remembered id never names a new row.
    __table_args__ = (
        Index("ix_outbox_due", "lane", "not_before", "id"),
        {"sqlite_autoincrement": True},
    )


class CaseRequestRow(Base):
    """A person asked for a human: a case in the operators' queue.

    ``status`` is queued, held or closed (handoff.lifecycle); ``holder_ref`` is the holding
    operator's pseudonym; ``topic_id`` the case's forum topic in the operator group.
    """

    __tablename__ = "case_requests"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    code: Mapped[str] = mapped_column(String(12), unique=True)
    subject_id: Mapped[str] = mapped_column(String(64), index=True)
    priority: Mapped[int] = mapped_column(SmallInteger)
    reason: Mapped[str] = mapped_column(String(32))
    status: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    holder_ref: Mapped[str | None] = mapped_column(String(64))
    claimed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    escalated: Mapped[bool] = mapped_column(Boolean, default=False)
    #: The time to claim passed and the group and the person were told (once).
    overdue_told: Mapped[bool] = mapped_column(Boolean, default=False)
    #: The person ended the conversation: their messages go to the bot again.
    person_ended: Mapped[bool] = mapped_column(Boolean, default=False)
    #: The person's one-tap answer after the close: helped, partly or not (optional).
    feedback: Mapped[str | None] = mapped_column(String(8))
    outcome: Mapped[str | None] = mapped_column(String(20))
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    topic_id: Mapped[int | None] = mapped_column(BigInteger)
    #: The person's language and answers when the case opened: what the summary shows.
    facts: Mapped[Any] = mapped_column(EncryptedJSON("case_requests.facts"), nullable=True)
    #: Placed by an operator where the deployment allows it: erasure and retention keep
    #: this case (audited, and shown to the person in /mydata and after /forget).
    legal_hold: Mapped[bool] = mapped_column(Boolean, default=False)


class ContactCheckRow(Base):
    """The deploying NGO checked a directory entry against its live source on this date."""

    __tablename__ = "contact_checks"

    contact_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    checked_on: Mapped[str] = mapped_column(String(10))
    checked_by: Mapped[str] = mapped_column(String(64), default="")
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime())


class OperatorRow(Base):
    """A hotline operator registered to act in the operator group.

    ``ref`` is the operator's stable pseudonym (how actions and holders are recorded; made
    from their Telegram id at registration and never changed); ``lookup`` is the pseudonym
    under the current key, re-made by ``lastivka keys rotate``, by which an operator acting
    in the group is recognised. The id itself is kept encrypted only to mention them.
    ``alias`` is what a person sees ("Consultant Olha"), never the account.
    """

    __tablename__ = "operators"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    ref: Mapped[str] = mapped_column(String(64), unique=True)
    lookup: Mapped[str | None] = mapped_column(String(64), unique=True)
    telegram_ref: Mapped[bytes] = mapped_column(Encrypted("operators.telegram_ref"))
    alias: Mapped[str] = mapped_column(String(64))
    role: Mapped[str] = mapped_column(String(16))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())


class AuditRow(Base):
    """Who did what to which case, and when; never content. Append-only, hash-chained:
    ``digest`` covers the row and the previous row's digest, so an edit or a gap shows."""

    __tablename__ = "audit"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime())
    actor: Mapped[str] = mapped_column(String(64))
    action: Mapped[str] = mapped_column(String(32))
    case_code: Mapped[str | None] = mapped_column(String(12))
    detail: Mapped[str] = mapped_column(String(64), default="")
    digest: Mapped[str] = mapped_column(String(64))

    __table_args__ = ({"sqlite_autoincrement": True},)


class ConsoleStateRow(Base):
    """Small facts the operator console keeps across restarts (the queue topic and message)."""

    __tablename__ = "console_state"

    key: Mapped[str] = mapped_column(String(32), primary_key=True)
    value: Mapped[int] = mapped_column(BigInteger)


class AuditAnchorRow(Base):
    """Where the audit chain starts after retention removed its oldest rows: the id and
    digest of the last row removed, so ``audit verify`` still notices a missing row."""

    __tablename__ = "audit_anchor"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    last_id: Mapped[int] = mapped_column(Integer)
    last_digest: Mapped[str] = mapped_column(String(64))


class RecentMessageRow(Base):
    """A message in a person's private chat (either side), kept for the quick exit only.

    Telegram lets a bot delete both sides of a private chat for 48 hours; ``message_id``
    is encrypted and the row goes after that window (or at the exit, or at erasure).
    """

    __tablename__ = "recent_messages"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    subject_id: Mapped[str] = mapped_column(String(64), index=True)
    message_id: Mapped[bytes] = mapped_column(Encrypted("recent_messages.message_id"))
    at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)


class StatRow(Base):
    """An aggregate counter that survives retention: no person, only dimensions.

    ``metric`` says what was counted (a dialog event kind, a case opened or closed);
    empty strings stand for "not applicable" so the unique key works on every backend.
    """

    __tablename__ = "stats"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    day: Mapped[str] = mapped_column(String(10))
    metric: Mapped[str] = mapped_column(String(32))
    flow: Mapped[str] = mapped_column(String(40), default="")
    level: Mapped[str] = mapped_column(String(8), default="")
    outcome: Mapped[str] = mapped_column(String(20), default="")
    country: Mapped[str] = mapped_column(String(8), default="")
    locale: Mapped[str] = mapped_column(String(8), default="")
    count: Mapped[int] = mapped_column(Integer, default=0)

    __table_args__ = (
        UniqueConstraint("day", "metric", "flow", "level", "outcome", "country", "locale"),
    )


class SubscriptionRow(Base):
    """A topic a person chose to get campaign messages about (opt-in only, never inferred).

    ``country`` is the one country a "travel" subscription is about ('' for other topics).
    The person's settings hold the same choice; ``bot.campaigns.subscriptions`` keeps the
    two in step, and this table is what audiences are selected from.
    """

    __tablename__ = "subscriptions"

    subject_id: Mapped[str] = mapped_column(
        ForeignKey("subjects.id", ondelete="CASCADE"), primary_key=True
    )
    topic: Mapped[str] = mapped_column(String(16), primary_key=True)
    country: Mapped[str] = mapped_column(String(8), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())

    __table_args__ = (Index("ix_subscriptions_topic", "topic", "country"),)


class CampaignRow(Base):
    """A prevention campaign: the NGO's file as read (``spec``, its ``name`` is ``slug``),
    its status and figures.

    Status: draft -> approved -> scheduled -> sending -> done, or cancelled before done.
    ``author`` and ``approver`` are the admins' names as given on the command line; the
    approver must differ from the author (two-person rule). The campaign text is the NGO's
    published content, not anybody's data, so it is stored in clear.
    """

    __tablename__ = "campaigns"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    slug: Mapped[str] = mapped_column(String(40), unique=True)
    status: Mapped[str] = mapped_column(String(12))
    spec: Mapped[Any] = mapped_column(JSON)
    author: Mapped[str] = mapped_column(String(64))
    approver: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    approved_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    #: When sending may begin (set by ``campaign schedule`` or ``campaign send``).
    send_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    started_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    #: Recipients, counted when the audience was drawn (at the start of sending).
    audience: Mapped[int] = mapped_column(Integer, default=0)
    #: Flows started from the campaign's deep links (by anyone the message reached).
    link_starts: Mapped[int] = mapped_column(Integer, default=0)

    __table_args__ = ({"sqlite_autoincrement": True},)


class DeliveryState:
    """``DeliveryRow.state``: queued, sending (marked before the call), then one of sent,
    failed for good, blocked (the person blocked the bot or the chat is gone)."""

    QUEUED = 0
    SENDING = 1
    SENT = 2
    FAILED = 3
    BLOCKED = 4


class DeliveryRow(Base):
    """One recipient of one campaign: the broadcast lane of the outbox.

    ``state`` is a ``DeliveryState``. A row found "sending" after a crash is sent again:
    the only way a person can get a campaign twice. ``subject_id`` becomes NULL when the
    person erases their data or is forgotten by retention; the counts stay.
    """

    __tablename__ = "campaign_deliveries"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    campaign_id: Mapped[int] = mapped_column(ForeignKey("campaigns.id", ondelete="CASCADE"))
    subject_id: Mapped[str | None] = mapped_column(String(64), index=True)
    locale: Mapped[str] = mapped_column(String(8))
    state: Mapped[int] = mapped_column(SmallInteger, default=0)
    attempts: Mapped[int] = mapped_column(SmallInteger, default=0)
    not_before: Mapped[datetime | None] = mapped_column(UTCDateTime())
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    #: The person unsubscribed within a week of this message (counted per campaign).
    unsubscribed: Mapped[bool] = mapped_column(Boolean, default=False)
    #: The person started a flow from this campaign's deep link.
    started: Mapped[bool] = mapped_column(Boolean, default=False)

    __table_args__ = (
        UniqueConstraint("campaign_id", "subject_id"),
        Index("ix_campaign_deliveries_due", "campaign_id", "state", "id"),
        {"sqlite_autoincrement": True},
    )
