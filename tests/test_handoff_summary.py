"""What operators see about a case: the topic name and the structured summary."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from bot.i18n import Translator
from bot.render import render
from dialogs.types import LOCALES, Priority
from handoff.summary import CaseFacts, case_summary, topic_name
from tests.fakes import parse_html

T0 = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)
STRICT = Translator(strict=True)

SCREENING = {
    "mode": "offer",
    "for_whom": "other",
    "age": "under_18",
    "country": "pl",
    "ad": True,
    "ad_origin": "channel",
    "i.upfront_fee": "ad",
    "i.documents_taken": "yes",
    "i.cannot_leave": "unsure",
    "i.threats": "no",
    "_q": "violence",
    "_path": "documents_taken,threats",
}
HELP = {
    "for_whom": "self",
    "topic": "labour",
    "country": "lv",
    "urgency": "soon",
    "reply": "evening",
    "details": "Не платять <b>третій</b> місяць & погрожують",
}


def text_of(reply: object, locale: str) -> str:
    return render(STRICT, locale, [reply])[0].text  # type: ignore[list-item]


@pytest.mark.parametrize("locale", LOCALES)
def test_a_screening_case_shows_level_signs_and_origin_in_every_locale(locale: str) -> None:
    facts = CaseFacts("K-7Q3F", Priority.URGENT, "screening_urgent", T0, "ru", SCREENING)
    text = text_of(case_summary(facts, ZoneInfo("Europe/Kyiv")), locale)
    plain, _ = parse_html(text)
    assert "K-7Q3F" in plain
    assert "24.11.2026 11:00" in plain  # opened 09:00 UTC: waiting since, in the team's zone
    for message in (
        "level-urgent",
        "ind-documents-taken-why",
        "ind-upfront-fee-why",
        "ind-cannot-leave-why",
        "country-pl",
        "language-name-ru",
        "op-origin-channel",
        "screening-age-under-18",
    ):
        assert STRICT.format(locale, message) in plain, message
    assert STRICT.format(locale, "ind-threats-why") not in plain  # answered "no"


def test_a_help_request_shows_its_fields_and_the_note_escaped() -> None:
    facts = CaseFacts("K-AAAA", Priority.HIGH, "help_request", T0, "uk", HELP)
    text = text_of(case_summary(facts), "uk")
    assert "&lt;b&gt;третій&lt;/b&gt;" in text
    assert "&amp;" in text
    plain, _ = parse_html(text)
    for message in ("help-topic-labour", "help-urgency-soon", "help-reply-evening", "country-lv"):
        assert STRICT.format("uk", message) in plain, message
    assert STRICT.format("uk", "op-line-consent") in plain


def test_the_topic_name_leads_with_a_marker_by_priority() -> None:
    for priority, marker in (
        (Priority.URGENT, "🔴"),
        (Priority.HIGH, "🟠"),
        (Priority.NORMAL, "🟢"),
    ):
        facts = CaseFacts("K-7Q3F", priority, "help_request", T0, "uk", HELP)
        name = text_of(topic_name(facts), "en")
        assert name.startswith(f"{marker} K-7Q3F ")
        assert len(name) <= 128  # Telegram's limit for a topic name


def test_nothing_identifying_can_reach_the_summary() -> None:
    """The summary is built from a closed list of answer keys: anything else is ignored."""
    answers = {
        **HELP,
        "name": "Oksana",
        "username": "@oksana",
        "phone": "+380501234567",
        "telegram_id": 7123456789,
    }
    facts = CaseFacts("K-AAAA", Priority.HIGH, "help_request", T0, "uk", answers)
    text = text_of(case_summary(facts), "en")
    for canary in ("Oksana", "@oksana", "+380501234567", "7123456789"):
        assert canary not in text
