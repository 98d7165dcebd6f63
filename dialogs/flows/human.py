"""Talk to a person: from the menu or ``/human`` on any screen, with consent first.

The request goes to the hotline team's queue like any other case; one open case per person
(asking again says it is already with the team).
"""

from __future__ import annotations

from dialogs.flow import Answers, Flow, Option, Step
from dialogs.types import Effect, OpenCase, Priority

__all__ = ["HUMAN"]


def _open_case(answers: Answers) -> tuple[Effect, ...]:
    return (OpenCase(Priority.NORMAL, "human"),)


HUMAN = Flow(
    name="human",
    version=1,
    steps=(
        Step(
            "consent",
            "human-consent",
            options=(
                Option("yes", "help-consent-yes", "sent", effects=_open_case),
                Option("no", "help-consent-no", "declined"),
            ),
        ),
        Step("sent", "human-sent", final=True),
        Step(
            "declined",
            "help-declined",
            options=(Option("again", "help-again", "consent"),),
            final=True,
        ),
    ),
)
