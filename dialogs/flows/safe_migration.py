"""Safe travel and work abroad: advice topics.

Every advice message is listed in content/advice.toml with its source, the source's date
and a confidence; a test keeps the two in step.
"""

from __future__ import annotations

from dialogs.flow import Flow, Option, Step

__all__ = ["ADVICE_MESSAGES", "SAFE_MIGRATION"]

SAFE_MIGRATION = Flow(
    name="safe_migration",
    version=1,
    steps=(
        Step(
            "topics",
            "migration-topics",
            options=(
                Option("before_offer", "migration-topic-offer", "before_offer"),
                Option("before_leaving", "migration-topic-leaving", "before_leaving"),
            ),
        ),
        Step("before_offer", "advice-before-offer", back="topics"),
        Step("before_leaving", "advice-before-leaving", back="topics"),
    ),
)

#: Message ids that carry advice and therefore need a sourced entry in content/advice.toml.
ADVICE_MESSAGES: tuple[str, ...] = ("advice-before-offer", "advice-before-leaving")
