"""Who asked for prevention messages: the subscriptions table, kept in step with the
person's settings (where the dialogs see the same choice).

Every change goes through here: the dialogs' topic picker, ``/unsubscribe`` and the
"stop these messages" button (via the conversation service), a 403 from Telegram (the
sender), the quick exit, erasure and key rotation.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from datetime import datetime, timedelta

from sqlalchemy import delete, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.db import repo
from bot.db.tables import CampaignRow, DeliveryRow, DeliveryState, SubscriptionRow
from dialogs.subscriptions import COUNTRY_KEY, subscribed_topics, without_subscriptions
from dialogs.types import Answer

__all__ = [
    "UNSUBSCRIBE_WINDOW",
    "chosen",
    "drop_subscriber",
    "record_link_start",
    "sync_subscriptions",
    "topics_of",
]

#: An unsubscription this soon after a campaign message is counted against that campaign.
UNSUBSCRIBE_WINDOW = timedelta(days=7)


def chosen(settings: Mapping[str, Answer]) -> dict[str, str]:
    """topic -> country ('' unless the topic is travel) as the settings hold them."""
    country = settings.get(COUNTRY_KEY)
    return {
        topic: (str(country) if topic == "travel" and country else "")
        for topic in subscribed_topics(settings)
    }


async def sync_subscriptions(
    session: AsyncSession,
    subject_id: str,
    before: Mapping[str, Answer],
    after: Mapping[str, Answer],
    *,
    now: datetime,
) -> None:
    """Make the table say what ``after`` says (nothing to do when the choice is unchanged).

    Going from some topics to none counts as unsubscribing from the campaigns that reached
    the person in the last week.
    """
    old, new = chosen(before), chosen(after)
    if old == new:
        return
    gone = [topic for topic, country in old.items() if new.get(topic) != country]
    if gone:
        await session.execute(
            delete(SubscriptionRow).where(
                SubscriptionRow.subject_id == subject_id, SubscriptionRow.topic.in_(gone)
            )
        )
    added = [
        {"subject_id": subject_id, "topic": topic, "country": country, "created_at": now}
        for topic, country in new.items()
        if old.get(topic) != country
    ]
    if added:
        await session.execute(repo.insert_ignore(session, SubscriptionRow, added))
    if old and not new:
        await session.execute(
            update(DeliveryRow)
            .where(
                DeliveryRow.subject_id == subject_id,
                DeliveryRow.state == DeliveryState.SENT,
                DeliveryRow.sent_at >= now - UNSUBSCRIBE_WINDOW,
            )
            .values(unsubscribed=True)
        )


async def drop_subscriber(session: AsyncSession, subject_id: str, *, now: datetime) -> None:
    """The person blocked the bot (or their chat is gone): no topic any more, in the table
    and in their settings, so a later ``/subscribe`` starts from nothing."""
    await session.execute(delete(SubscriptionRow).where(SubscriptionRow.subject_id == subject_id))
    conversation = await repo.load_conversation(session, subject_id)
    if conversation is not None and subscribed_topics(conversation.settings):
        settings = without_subscriptions(conversation.settings)
        await repo.save_conversation(
            session,
            subject_id,
            replace(conversation, settings=settings),
            chat_ref=None,
            now=now,
            existed=True,
        )


async def record_link_start(session: AsyncSession, campaign_id: int, subject_id: str) -> None:
    """A flow started from a campaign's deep link: counted for the campaign (anyone may
    have the link), and marked on the person's delivery if the campaign reached them."""
    result = await session.execute(
        update(CampaignRow)
        .where(CampaignRow.id == campaign_id)
        .values(link_starts=CampaignRow.link_starts + 1)
    )
    if not getattr(result, "rowcount", 0):
        return
    await session.execute(
        update(DeliveryRow)
        .where(DeliveryRow.campaign_id == campaign_id, DeliveryRow.subject_id == subject_id)
        .values(started=True)
    )


async def topics_of(session: AsyncSession, subject_id: str) -> list[tuple[str, str]]:
    """The person's rows (for tests and /mydata checks)."""
    rows = await session.execute(
        select(SubscriptionRow.topic, SubscriptionRow.country)
        .where(SubscriptionRow.subject_id == subject_id)
        .order_by(SubscriptionRow.topic)
    )
    return [(row.topic, row.country) for row in rows]
