"""Opt-in topics and campaign deep links, as values the dialogs and the bot share.

A person is subscribed only by choosing topics themselves (``/subscribe`` or the offer at
the end of a flow); nothing is inferred from their answers. Their choice lives in their
settings as ``sub_<topic>`` (and ``sub_country`` for safe travel to one country); the bot
mirrors it into the subscriptions table that campaign audiences are selected from.

A campaign button may start a flow: ``t.me/<bot>?start=c<campaign id>-<flow code>``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from dialogs.types import Answer

__all__ = [
    "COUNTRY_KEY",
    "DEEP_LINK_FLOWS",
    "STOP_PREFIX",
    "TOPICS",
    "deep_link_payload",
    "parse_start_payload",
    "stop_campaign",
    "subscribed_topics",
    "topic_key",
    "without_subscriptions",
]

#: The topics a person may subscribe to, in the order the picker shows them.
TOPICS: tuple[str, ...] = ("jobs", "travel", "rights", "news")
#: The settings key of the one country a "travel" subscription is about.
COUNTRY_KEY = "sub_country"
#: Deep-link flow codes a campaign button may use, and the flow each one starts.
DEEP_LINK_FLOWS: Mapping[str, str] = {
    "screening": "risk_screening",
    "migration": "safe_migration",
    "help": "help_request",
    "human": "human",
    "subscribe": "subscribe",
}
#: The value of the "stop these messages" button under a broadcast: ``stop_<campaign id>``.
STOP_PREFIX = "stop_"

_PAYLOAD = re.compile(r"^c([1-9][0-9]{0,9})-([a-z]{1,16})$")


def topic_key(topic: str) -> str:
    return f"sub_{topic}"


def subscribed_topics(settings: Mapping[str, Answer]) -> tuple[str, ...]:
    """The topics a person chose, in picker order."""
    return tuple(topic for topic in TOPICS if settings.get(topic_key(topic)))


def without_subscriptions(settings: Mapping[str, Answer]) -> dict[str, Answer]:
    """The settings with every subscription removed."""
    return {key: value for key, value in settings.items() if not key.startswith("sub_")}


def deep_link_payload(campaign_id: int, flow_code: str) -> str:
    """The ``start`` parameter of a campaign button (Telegram allows [A-Za-z0-9_-], 64)."""
    if flow_code not in DEEP_LINK_FLOWS:
        raise ValueError(f"unknown deep-link flow {flow_code!r}")
    return f"c{campaign_id}-{flow_code}"


def parse_start_payload(arg: str) -> tuple[int, str] | None:
    """(campaign id, flow name) from a ``/start`` parameter, or None if it is not ours."""
    found = _PAYLOAD.match(arg.strip())
    if found is None or found.group(2) not in DEEP_LINK_FLOWS:
        return None
    return int(found.group(1)), DEEP_LINK_FLOWS[found.group(2)]


def stop_campaign(value: str) -> int | None:
    """The campaign id of a "stop these messages" button value, else None."""
    if value.startswith(STOP_PREFIX) and value[len(STOP_PREFIX) :].isdigit():
        return int(value[len(STOP_PREFIX) :])
    return None
