"""The contacts directory: what people may see, per country, with sources and dates."""

from __future__ import annotations

import tomllib
from datetime import date
from typing import Any

import pytest

from bot.i18n import Translator
from bot.render import render
from content import CONTENT_DIR
from dialogs.contacts import (
    COUNTRIES,
    EU_MEMBERS,
    Directory,
    contact_items,
    display_date,
    load_directory,
    parse_directory,
)
from dialogs.types import LOCALES, Reply

SHIPPED = load_directory()


def entry(**overrides: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "id": "pl-test-line",
        "country": "PL",
        "organisation": "Test line",
        "services": ["hotline"],
        "phones": ["800 000 000"],
        "hours": "24/7",
        "languages": [],
        "audience": "",
        "free": True,
        "source_organisation": "A ministry",
        "url": "https://example.gov/page",
        "source_date": "2025-06-17",
        "confidence": "official",
    }
    base.update(overrides)
    return base


def directory(*entries: dict[str, Any]) -> Directory:
    return parse_directory({"contact": list(entries)})


def test_people_see_only_dated_official_or_intergovernmental_entries() -> None:
    d = directory(
        entry(id="pl-official"),
        entry(id="pl-igo", confidence="intergovernmental", phones=["1"]),
        entry(id="pl-news", confidence="other", phones=["2"]),
        entry(id="pl-undated", source_date="", phones=["3"]),
    )
    assert [c.id for c in d.for_country("PL")] == ["pl-official", "pl-igo"]


def test_a_verified_undated_entry_is_shown_and_verified_only_hides_the_rest() -> None:
    d = directory(entry(id="pl-undated", source_date=""), entry(id="pl-dated", phones=["9"]))
    checked = d.with_verified({"pl-undated": "2026-11-20"}, verified_only=False)
    assert [c.id for c in checked.for_country("PL")] == ["pl-undated", "pl-dated"]
    strict = d.with_verified({"pl-undated": "2026-11-20"}, verified_only=True)
    assert [c.id for c in strict.for_country("PL")] == ["pl-undated"]
    # "other" sources stay hidden even when someone verified them: the rule is the source.
    news = directory(entry(id="pl-news", confidence="other"))
    assert news.with_verified({"pl-news": "2026-11-20"}, verified_only=True).for_country("PL") == ()


def test_europe_wide_entries_reach_member_states_only_and_one_number_shows_once() -> None:
    d = directory(
        entry(id="eu-112", country="EU", services=["emergency"], phones=["112"]),
        entry(id="lt-112", country="LT", services=["emergency"], phones=["112"]),
        entry(id="lt-line", country="LT", phones=["8 800"]),
    )
    assert [c.id for c in d.for_country("LT")] == ["lt-112", "lt-line"]
    assert [c.id for c in d.for_country("PL")] == ["eu-112"]
    assert d.for_country("UA") == ()
    assert [c.id for c in d.for_country("LT", ("hotline",))] == ["lt-line"]


def test_stale_lists_entries_older_than_the_limit_by_their_newest_date() -> None:
    d = directory(
        entry(id="pl-old", source_date="2019"),
        entry(id="pl-new", source_date="2026-10-01"),
        entry(id="pl-none", source_date=""),
    ).with_verified({"pl-old": "2026-11-01"}, verified_only=False)
    assert [c.id for c in d.stale(date(2026, 11, 25), 365)] == ["pl-none"]
    assert [c.id for c in d.stale(date(2026, 11, 25), 10)] == ["pl-old", "pl-new", "pl-none"]


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("id", "Bad Id", "is not like"),
        ("country", "XX", "not offered"),
        ("services", ["taxi"], "services"),
        ("phones", [], "phone"),
        ("confidence", "high", "confidence"),
        ("source_date", "17.06.2025", "source_date"),
        ("hours", "Mon-Fri", "hours"),
        ("url", "", "source"),
    ],
)
def test_a_malformed_entry_fails_at_load_naming_the_field(
    field: str, value: Any, message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        directory(entry(**{field: value}))


def test_display_dates_read_day_month_year() -> None:
    assert display_date("2025-06-17") == "17.06.2025"
    assert display_date("2023-11") == "11.2023"
    assert display_date("2022") == "2022"


def test_shipped_directory_honours_the_known_conflicts() -> None:
    data = tomllib.loads((CONTENT_DIR / "contacts.toml").read_text(encoding="utf-8"))
    phones = {p.replace(" ", "") for c in data["contact"] for p in c["phones"]}
    # C1: the Latvian shelter line is not promised 24/7.
    helpline = next(c for c in SHIPPED.contacts if "28612120" in "".join(c.phones))
    assert helpline.hours != "24/7"
    # C4: no landline for IOM Ukraine's 527; C9: the old German number is gone;
    # "800 SAVE" has no digits in any source.
    assert "527" in phones
    assert not {"0800505501", "08000116016"} & phones
    assert not any("SAVE" in p for p in phones)
    # Russia: nothing found in sources, nothing shown.
    assert SHIPPED.for_country("RU") == ()
    ids = [c.id for c in SHIPPED.contacts]
    assert len(ids) == len(set(ids))


def test_every_offered_country_has_a_name_and_each_shown_entry_renders_everywhere() -> None:
    translator = Translator(strict=True)
    for locale in LOCALES:
        for code in [*COUNTRIES, "EU"]:
            assert translator.has(locale, f"country-{code.lower()}")
        for country in COUNTRIES:
            found = SHIPPED.for_country(country)
            text = render(
                translator,
                locale,
                [
                    Reply(
                        "migration-country-card",
                        {"country": country, "contacts": contact_items(found)},
                    )
                ],
            )[0].text
            for contact in found:
                assert contact.phones[0] in text
                assert display_date(contact.reviewed()) in text


def test_member_states_get_the_european_emergency_number() -> None:
    for country in EU_MEMBERS:
        numbers = [p for c in SHIPPED.for_country(country, ("emergency",)) for p in c.phones]
        assert "112" in numbers, country
