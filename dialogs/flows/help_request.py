"""Anonymous help request: for whom, how urgent, consent, then a case request.

Nothing here asks for a name or a phone number. The request is passed on only after the
person agrees (ARCHITECTURE.md section 4: consent before any handoff).
"""

from __future__ import annotations

from collections.abc import Mapping

from dialogs.flow import Flow, Option, Step
from dialogs.types import Answer, Effect, OpenCase, Priority

__all__ = ["HELP_REQUEST", "priority_of"]

_PRIORITY = {"danger": Priority.URGENT, "soon": Priority.HIGH, "question": Priority.NORMAL}


def priority_of(answers: Mapping[str, Answer]) -> Priority:
    """The case priority a help request gets from its urgency answer."""
    return _PRIORITY.get(str(answers.get("urgency", "question")), Priority.NORMAL)


def _open_case(answers: Mapping[str, Answer]) -> tuple[Effect, ...]:
    return (OpenCase(priority_of(answers), "help_request"),)


def _in_danger(answers: Mapping[str, Answer]) -> bool:
    return answers.get("urgency") == "danger"


HELP_REQUEST = Flow(
    name="help_request",
    version=1,
    steps=(
        Step(
            "for_whom",
            "help-for-whom",
            options=(
                Option("self", "help-for-self", "urgency", record=("for_whom", "self")),
                Option("other", "help-for-other", "urgency", record=("for_whom", "other")),
            ),
        ),
        Step(
            "urgency",
            "help-urgency",
            options=(
                Option("danger", "help-urgency-danger", "danger", record=("urgency", "danger")),
                Option("soon", "help-urgency-soon", "consent", record=("urgency", "soon")),
                Option(
                    "question", "help-urgency-question", "consent", record=("urgency", "question")
                ),
            ),
            back="for_whom",
        ),
        Step(
            "danger",
            "help-danger",
            options=(Option("continue", "help-continue", "consent"),),
            back="urgency",
        ),
        Step(
            "consent",
            "help-consent",
            options=(
                Option("yes", "help-consent-yes", "recorded", effects=_open_case),
                Option("no", "help-consent-no", "declined"),
            ),
            back="urgency",
        ),
        Step(
            "recorded",
            "help-recorded",
            options=(Option("urgent_info", "help-danger-button", "danger", when=_in_danger),),
        ),
        Step(
            "declined",
            "help-declined",
            options=(Option("again", "help-again", "consent"),),
        ),
    ),
)
