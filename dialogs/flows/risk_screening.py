"""Risk screening of a job offer or a situation: its opening steps.

The mode (an offer before going, or already working abroad) and whom the check is for are
asked first because every later question's wording depends on them. The indicator bank and
scoring build on these answers.
"""

from __future__ import annotations

from dialogs.flow import Flow, Option, Step

__all__ = ["RISK_SCREENING"]

RISK_SCREENING = Flow(
    name="risk_screening",
    version=1,
    steps=(
        Step(
            "mode",
            "screening-mode",
            options=(
                Option("offer", "screening-mode-offer", "for_whom", record=("mode", "offer")),
                Option("abroad", "screening-mode-abroad", "for_whom", record=("mode", "abroad")),
            ),
        ),
        Step(
            "for_whom",
            "screening-for-whom",
            options=(
                Option("self", "screening-for-self", "next", record=("for_whom", "self")),
                Option("other", "screening-for-other", "next", record=("for_whom", "other")),
            ),
            back="mode",
        ),
        Step(
            "next",
            "screening-next",
            options=(Option("ask_help", "screening-ask-help", "@help_request"),),
            back="for_whom",
        ),
    ),
)
