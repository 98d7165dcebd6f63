"""Opt-in prevention messages: the person picks topics, and can stop them in one tap.

Nothing here is inferred from a screening or any other answer: a topic is on only after
the person tapped it. The choice is kept in the person's settings (``set.sub_<topic>``
and ``set.sub_country``); the bot mirrors it into the table audiences are drawn from.
"""

from __future__ import annotations

from dialogs.flow import Answers, Condition, Flow, Option, Route, Step
from dialogs.flows.common import country_options
from dialogs.safety import SETTING
from dialogs.subscriptions import COUNTRY_KEY, TOPICS, topic_key
from dialogs.types import Answer, Arg, Fragment, Items

__all__ = ["SUBSCRIBE", "not_subscribed", "offer", "topics_arg"]

_COUNTRY = SETTING + COUNTRY_KEY


def _on(topic: str) -> Condition:
    return lambda answers: bool(answers.get(SETTING + topic_key(topic)))


def _off(topic: str) -> Condition:
    return lambda answers: not answers.get(SETTING + topic_key(topic))


def _any(answers: Answers) -> bool:
    return any(answers.get(SETTING + topic_key(topic)) for topic in TOPICS)


def not_subscribed(answers: Answers) -> bool:
    """No topic chosen yet: the end of a flow may offer the picker."""
    return not _any(answers)


def offer(when: Condition = not_subscribed) -> Option:
    """The end-of-flow offer of prevention messages (shown only to people not subscribed)."""
    return Option("subscribe", "offer-subscribe", "@subscribe", when=when)


def _none_at_all(answers: Answers) -> dict[str, Answer]:
    result = dict(answers)
    for topic in TOPICS:
        result[SETTING + topic_key(topic)] = False
    result[_COUNTRY] = ""
    return result


def _travel_off(answers: Answers) -> dict[str, Answer]:
    return {**answers, SETTING + topic_key("travel"): False, _COUNTRY: ""}


def _travel_on(answers: Answers) -> dict[str, Answer]:
    return {**answers, SETTING + topic_key("travel"): True}


def topics_arg(answers: Answers) -> Arg:
    """The chosen topics as a list (the travel topic names its country)."""
    parts = []
    for topic in TOPICS:
        if not answers.get(SETTING + topic_key(topic)):
            continue
        args: dict[str, Arg] = {}
        if topic == "travel":
            args["country"] = Fragment(f"country-{answers.get(_COUNTRY) or 'other'}")
        parts.append(Fragment(f"subscribe-topic-{topic}-name", args))
    return Items(tuple(parts), prefix="") if parts else Fragment("subscribe-topics-none")


def _status(answers: Answers) -> dict[str, Arg]:
    return {"topics": topics_arg(answers)}


def _topic_options() -> tuple[Option, ...]:
    options: list[Option] = []
    for topic in TOPICS:
        key = SETTING + topic_key(topic)
        if topic == "travel":
            on = Option("travel_on", "subscribe-topic-travel", "country", when=_off(topic))
            off = Option(
                "travel_off",
                "subscribe-topic-travel-on",
                "topics",
                when=_on(topic),
                update=_travel_off,
            )
        else:
            on = Option(
                f"{topic}_on",
                f"subscribe-topic-{topic}",
                "topics",
                record=(key, True),
                when=_off(topic),
            )
            off = Option(
                f"{topic}_off",
                f"subscribe-topic-{topic}-on",
                "topics",
                record=(key, False),
                when=_on(topic),
            )
        options += [on, off]
    return tuple(options)


def _after_done(answers: Answers) -> str:
    return "done" if _any(answers) else "nothing"


SUBSCRIBE = Flow(
    name="subscribe",
    version=1,
    steps=(
        Step(
            "topics",
            "subscribe-topics",
            args=_status,
            options=(
                *_topic_options(),
                Option("done", "subscribe-done-button", Route(_after_done, ("done", "nothing"))),
                Option("stop_all", "subscribe-stop-all", "stopped", when=_any, update=_none_at_all),
            ),
        ),
        Step(
            "country",
            "subscribe-country",
            options=country_options("topics", key=_COUNTRY, update=_travel_on),
            back="topics",
            columns=2,
        ),
        Step("done", "subscribe-done", args=_status, back="topics", final=True),
        Step("nothing", "subscribe-nothing", back="topics", final=True),
        Step("stopped", "unsubscribe-done", back="topics", final=True),
    ),
)
