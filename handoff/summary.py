"""What operators see about a case: its topic name and the first message of its topic.

Built only from the case and the person's stored answers: language, country, the flow and
its result (level and the signs answered yes), the help-request fields, consent, the time
waiting since. Never a name, username, Telegram id, phone number or profile link: nothing of the
kind is in the answers to begin with (the dialogs never ask), and the note the person wrote
for the consultant is passed as text (escaped when rendered).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, tzinfo

from dialogs.flows.risk_screening import PREFIX, assessment_of
from dialogs.risk import default_bank
from dialogs.types import Answer, Fragment, Items, Priority, Reply

__all__ = ["MARKERS", "CaseFacts", "case_summary", "topic_name"]

#: The marker in front of a topic name, so the group's topic list reads by urgency.
MARKERS = {Priority.URGENT: "🔴", Priority.HIGH: "🟠", Priority.NORMAL: "🟢"}
_FLOW_OF_REASON = {
    "help_request": "help_request",
    "screening": "risk_screening",
    "screening_urgent": "risk_screening",
}


@dataclass(frozen=True, slots=True)
class CaseFacts:
    code: str
    priority: Priority
    reason: str
    opened_at: datetime
    #: The person's language and stored answers at the time the case was opened.
    locale: str
    answers: Mapping[str, Answer]


def topic_name(facts: CaseFacts) -> Reply:
    """E.g. ``🔴 K-7Q3F urgent`` (the word in the operators' language)."""
    return Reply(
        "op-topic-name",
        {
            "marker": MARKERS[facts.priority],
            "code": facts.code,
            "priority": Fragment(f"op-priority-{facts.priority.name.lower()}"),
        },
    )


def _screening_lines(answers: Mapping[str, Answer]) -> list[Fragment]:
    result = assessment_of(answers)
    lines = [Fragment("op-line-level", {"level": Fragment(f"level-{result.level.label}")})]
    bank = default_bank()
    signs = []
    for reason in result.reasons:
        indicator = bank.get(reason)
        if indicator is None:
            continue
        answer = str(answers.get(PREFIX + reason, ""))
        signs.append(Fragment(f"op-sign-{answer}", {"sign": Fragment(indicator.why)}))
    if signs:
        lines.append(Fragment("op-line-signs", {"signs": Items(tuple(signs))}))
    if answers.get("age"):
        lines.append(
            Fragment(
                "op-line-age",
                {"age": Fragment(f"screening-age-{str(answers['age']).replace('_', '-')}")},
            )
        )
    if answers.get("ad"):
        origin = str(answers.get("ad_origin", "typed"))
        lines.append(Fragment("op-line-ad", {"origin": Fragment(f"op-origin-{origin}")}))
    return lines


def _help_lines(answers: Mapping[str, Answer]) -> list[Fragment]:
    lines: list[Fragment] = []
    for key, prefix in (
        ("topic", "help-topic"),
        ("urgency", "help-urgency"),
        ("reply", "help-reply"),
    ):
        value = answers.get(key)
        if value:
            label = Fragment(f"{prefix}-{str(value).replace('_', '-')}")
            lines.append(Fragment(f"op-line-{key}", {"value": label}))
    note = answers.get("details")
    if isinstance(note, str) and note:
        lines.append(Fragment("op-line-note", {"note": note}))
    return lines


def case_summary(facts: CaseFacts, zone: tzinfo = UTC) -> Reply:
    """The structured first message of a case topic; "waiting since" in the team's zone."""
    answers = facts.answers
    flow = _FLOW_OF_REASON.get(facts.reason, facts.reason)
    lines = [
        Fragment("op-line-language", {"language": Fragment(f"language-name-{facts.locale}")}),
        Fragment("op-line-for", {"who": Fragment(f"op-for-{answers.get('for_whom', 'self')}")}),
    ]
    country = answers.get("country")
    if country:
        lines.append(Fragment("op-line-country", {"country": Fragment(f"country-{country}")}))
    lines.append(Fragment("op-line-flow", {"flow": Fragment(f"op-flow-{flow.replace('_', '-')}")}))
    if flow == "risk_screening":
        lines += _screening_lines(answers)
    else:
        lines += _help_lines(answers)
    lines.append(Fragment("op-line-consent"))
    since = facts.opened_at.astimezone(zone).strftime("%d.%m.%Y %H:%M")
    return Reply(
        "op-summary",
        {
            "marker": MARKERS[facts.priority],
            "code": facts.code,
            "priority": Fragment(f"op-priority-{facts.priority.name.lower()}"),
            "lines": Items(tuple(lines)),
            "since": since,
        },
    )
