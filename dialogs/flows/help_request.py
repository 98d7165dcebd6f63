"""Anonymous help request: who, what about, where, how urgent, how to reply, consent.

Nothing here asks for a name or a phone number, and no topic is turned away as "not
trafficking": domestic violence, labour rights and migration questions are routed too.
Before anything is passed on, the person reads what is stored and who sees it, and
agrees (ARCHITECTURE.md section 4: consent before any handoff). The optional free text is
stored encrypted with the other answers.
"""

from __future__ import annotations

from collections.abc import Mapping

from dialogs.flow import Answers, Flow, Option, Step, TextRule
from dialogs.flows.common import contacts_arg, country_arg, country_options
from dialogs.types import Answer, Arg, Effect, OpenCase, Priority, Reply, Text

__all__ = ["DETAILS_LIMIT", "HELP_REQUEST", "TOPICS", "priority_of"]

TOPICS = ("exploitation", "job_offer", "violence", "labour", "migration", "other")
#: The free text is a short note for the consultant, not a statement.
DETAILS_LIMIT = 1000
_PRIORITY = {"danger": Priority.URGENT, "soon": Priority.HIGH, "question": Priority.NORMAL}
_EMERGENCY = ("emergency", "police", "hotline")


def priority_of(answers: Answers) -> Priority:
    """The case priority a help request gets: the urgency, raised for exploitation."""
    priority = _PRIORITY.get(str(answers.get("urgency", "question")), Priority.NORMAL)
    if answers.get("topic") == "exploitation":
        priority = max(priority, Priority.HIGH)
    return priority


def _open_case(answers: Answers) -> tuple[Effect, ...]:
    return (OpenCase(priority_of(answers), "help_request"),)


def _in_danger(answers: Answers) -> bool:
    return answers.get("urgency") == "danger"


def _who(answers: Answers) -> str:
    return "other" if answers.get("for_whom") == "other" else "self"


def _danger_args(answers: Answers) -> Mapping[str, Arg]:
    return {"country": country_arg(answers), "contacts": contacts_arg(answers, _EMERGENCY, limit=5)}


def _details(answers: Answers, given: Text) -> tuple[dict[str, Answer], tuple[Effect, ...]]:
    return {**answers, "details": given.text.strip()}, (Reply("help-details-saved"),)


def _skip_details(answers: Answers) -> dict[str, Answer]:
    result = dict(answers)
    result.pop("details", None)
    return result


HELP_REQUEST = Flow(
    name="help_request",
    version=2,
    steps=(
        Step(
            "for_whom",
            "help-for-whom",
            options=(
                Option("self", "help-for-self", "topic", record=("for_whom", "self")),
                Option("other", "help-for-other", "topic", record=("for_whom", "other")),
            ),
        ),
        Step(
            "topic",
            "help-topic",
            args=lambda a: {"who": _who(a)},
            options=tuple(
                Option(t, f"help-topic-{t.replace('_', '-')}", "country", record=("topic", t))
                for t in TOPICS
            ),
            back="for_whom",
        ),
        Step(
            "country",
            "help-country",
            args=lambda a: {"who": _who(a)},
            options=country_options("urgency"),
            back="topic",
            columns=2,
        ),
        Step(
            "urgency",
            "help-urgency",
            options=(
                Option("danger", "help-urgency-danger", "danger", record=("urgency", "danger")),
                Option("soon", "help-urgency-soon", "reply", record=("urgency", "soon")),
                Option(
                    "question", "help-urgency-question", "reply", record=("urgency", "question")
                ),
            ),
            back="country",
        ),
        Step(
            "danger",
            "help-danger",
            args=_danger_args,
            options=(Option("continue", "help-continue", "reply"),),
            back="urgency",
            protect=True,
        ),
        Step(
            "reply",
            "help-reply",
            options=tuple(
                Option(w, f"help-reply-{w}", "details", record=("reply", w))
                for w in ("anytime", "daytime", "evening", "wait")
            ),
            back="urgency",
        ),
        Step(
            "details",
            "help-details",
            options=(Option("skip", "help-details-skip", "consent", update=_skip_details),),
            back="reply",
            text=TextRule(_details, "consent", limit=DETAILS_LIMIT),
        ),
        Step(
            "consent",
            "help-consent",
            options=(
                Option("yes", "help-consent-yes", "recorded", effects=_open_case),
                Option("no", "help-consent-no", "declined"),
            ),
            back="details",
        ),
        Step(
            "recorded",
            "help-recorded",
            options=(Option("urgent_info", "help-danger-button", "numbers", when=_in_danger),),
            final=True,
        ),
        Step(
            "numbers", "help-danger", args=_danger_args, back="recorded", protect=True, final=True
        ),
        Step(
            "declined",
            "help-declined",
            options=(Option("again", "help-again", "consent"),),
            final=True,
        ),
    ),
)
