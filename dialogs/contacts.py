"""The contacts directory (content/contacts.toml): who to call, per country, with sources.

People see only entries from official or intergovernmental sources that carry a date (or
that the deploying NGO has verified); a deployment may restrict them to verified entries.
Nothing missing is ever filled in: a country without entries says so.

Verification dates live outside the shipped file (the NGO records them with
``lastivka contacts verify``); the runtime installs them with ``install_directory``.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from content import CONTENT_DIR
from dialogs.types import Fragment, Items

__all__ = [
    "COUNTRIES",
    "EU_MEMBERS",
    "SERVICES",
    "Contact",
    "Directory",
    "active_directory",
    "contact_items",
    "display_date",
    "install_directory",
    "load_directory",
    "parse_directory",
]

#: Countries the bot offers in its pickers, in the order shown.
COUNTRIES = (
    "UA", "LV", "PL", "DE", "CZ", "LT", "IT", "ES", "NL", "GB", "FI", "MD", "IL", "TR", "AE",
    "RU",
)  # fmt: skip
EU_MEMBERS = frozenset({"LV", "PL", "DE", "CZ", "LT", "IT", "ES", "NL", "FI"})
#: Service types, in the order a country card shows them.
SERVICES = (
    "emergency",
    "hotline",
    "police",
    "shelter",
    "legal_aid",
    "psychological",
    "return_reintegration",
    "labour_inspectorate",
    "embassy",
    "migration_service",
    "information",
    "children",
    "victim_support",
)
CONFIDENCES = ("official", "intergovernmental", "other")
AUDIENCES = ("", "women", "children", "ukrainians", "citizens")
SHOWN = frozenset({"official", "intergovernmental"})
_ID = re.compile(r"^[a-z]{2}-[a-z0-9-]{2,40}$")
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_HOURS = re.compile(r"^(|24/7|daily|(daily|weekdays) \d{2}:\d{2}-\d{2}:\d{2})$")


@dataclass(frozen=True, slots=True)
class Contact:
    id: str
    country: str
    organisation: str
    services: tuple[str, ...]
    phones: tuple[str, ...]
    hours: str
    languages: tuple[str, ...]
    audience: str
    free: bool
    source_organisation: str
    url: str
    source_date: str
    confidence: str
    countries: tuple[str, ...] = ()
    verified: str = ""

    def reviewed(self) -> str:
        """The date a person can rely on: the NGO's check, else the source's date."""
        return self.verified or self.source_date


@dataclass(frozen=True, slots=True)
class Directory:
    contacts: tuple[Contact, ...]
    verified_only: bool = False

    def get(self, contact_id: str) -> Contact | None:
        return next((c for c in self.contacts if c.id == contact_id), None)

    def visible(self, contact: Contact) -> bool:
        """May a person see this entry? Official or intergovernmental, and dated."""
        if contact.confidence not in SHOWN:
            return False
        if self.verified_only:
            return bool(contact.verified)
        return bool(contact.reviewed())

    def for_country(
        self, country: str, services: Iterable[str] | None = None, *, limit: int = 8
    ) -> tuple[Contact, ...]:
        """Entries a person in ``country`` may use, most pressing services first."""
        wanted = tuple(services) if services is not None else SERVICES
        found: list[tuple[int, int, int, Contact]] = []
        for position, contact in enumerate(self.contacts):
            if not self.visible(contact):
                continue
            local = contact.country == country
            europe = contact.country == "EU" and country in EU_MEMBERS
            if contact.countries:
                europe = europe and country in contact.countries
            if not (local or europe):
                continue
            ranks = [wanted.index(s) for s in contact.services if s in wanted]
            if not ranks:
                continue
            found.append((min(ranks), 0 if local else 1, position, contact))
        chosen: list[Contact] = []
        phones: set[tuple[str, ...]] = set()
        for *_, contact in sorted(found, key=lambda t: t[:3]):
            # The same number from a national and a Europe-wide entry is shown once.
            if contact.phones not in phones:
                phones.add(contact.phones)
                chosen.append(contact)
        return tuple(chosen[:limit])

    def with_verified(self, verified: Mapping[str, str], *, verified_only: bool) -> Directory:
        contacts = tuple(replace(c, verified=verified.get(c.id, "")) for c in self.contacts)
        return Directory(contacts, verified_only)

    def stale(self, today: date, max_age_days: int) -> tuple[Contact, ...]:
        """Entries whose newest date (verification or source) is older than the limit."""
        old: list[Contact] = []
        for contact in self.contacts:
            newest = contact.reviewed()
            if not newest or (today - _as_date(newest)).days > max_age_days:
                old.append(contact)
        return tuple(old)


def _as_date(text: str) -> date:
    """The earliest day a partial date can mean (staleness errs on the old side)."""
    parts = [int(p) for p in text.split("-")] + [1, 1]
    return date(parts[0], parts[1], parts[2])


def display_date(text: str) -> str:
    """``2025-06-17`` -> ``17.06.2025`` (the form all four locales use)."""
    return ".".join(reversed(text.split("-"))) if text else ""


def _check(entry: Mapping[str, Any], position: int) -> Contact:
    where = f"contact #{position + 1}"
    contact_id = entry.get("id", "")
    if not isinstance(contact_id, str) or not _ID.match(contact_id):
        raise ValueError(f"{where}: id {contact_id!r} is not like 'ua-some-line'")
    where = f"contact {contact_id}"
    country = entry.get("country", "")
    if country not in (*COUNTRIES, "EU"):
        raise ValueError(f"{where}: country {country!r} is not offered")
    services = tuple(entry.get("services", []))
    if not services or any(s not in SERVICES for s in services):
        raise ValueError(f"{where}: services must be some of {', '.join(SERVICES)}")
    phones = tuple(entry.get("phones", []))
    if not phones or not all(isinstance(p, str) and p.strip() for p in phones):
        raise ValueError(f"{where}: at least one phone number is needed")
    confidence = entry.get("confidence", "")
    if confidence not in CONFIDENCES:
        raise ValueError(f"{where}: confidence must be one of {', '.join(CONFIDENCES)}")
    source_date = entry.get("source_date", "")
    if source_date and not _DATE.match(source_date):
        raise ValueError(f"{where}: source_date must be YYYY, YYYY-MM or YYYY-MM-DD")
    hours = entry.get("hours", "")
    if not _HOURS.match(hours):
        raise ValueError(f"{where}: hours {hours!r} is not a known form")
    audience = entry.get("audience", "")
    if audience not in AUDIENCES:
        raise ValueError(f"{where}: audience {audience!r} is not known")
    if not entry.get("url") or not entry.get("source_organisation"):
        raise ValueError(f"{where}: the source (url, source_organisation) is required")
    return Contact(
        id=contact_id,
        country=country,
        organisation=entry.get("organisation", ""),
        services=services,
        phones=phones,
        hours=hours,
        languages=tuple(entry.get("languages", [])),
        audience=audience,
        free=bool(entry.get("free", False)),
        source_organisation=entry["source_organisation"],
        url=entry["url"],
        source_date=source_date,
        confidence=confidence,
        countries=tuple(entry.get("countries", [])),
    )


def parse_directory(data: Mapping[str, Any]) -> Directory:
    contacts = tuple(_check(entry, n) for n, entry in enumerate(data.get("contact", [])))
    ids = [c.id for c in contacts]
    if len(set(ids)) != len(ids):
        raise ValueError("contacts: duplicate ids")
    return Directory(contacts)


def load_directory(path: Path | None = None) -> Directory:
    with (path or CONTENT_DIR / "contacts.toml").open("rb") as handle:
        return parse_directory(tomllib.load(handle))


@cache
def _shipped() -> Directory:
    return load_directory()


_installed: list[Directory] = []


def install_directory(directory: Directory | None) -> None:
    """Use this directory (with the NGO's verification dates) from now on; None resets."""
    _installed.clear()
    if directory is not None:
        _installed.append(directory)


def active_directory() -> Directory:
    return _installed[0] if _installed else _shipped()


# -- what a person sees -------------------------------------------------------------------


def _hours(hours: str) -> Fragment | None:
    if hours == "24/7":
        return Fragment("hours-247")
    if hours == "daily":
        return Fragment("hours-daily")
    if " " in hours:
        kind, span = hours.split(" ", 1)
        start, end = span.split("-")
        return Fragment(f"hours-{kind}-range", {"from": start, "to": end})
    return None


def contact_items(contacts: Iterable[Contact]) -> Items:
    """Contacts as message fragments: one line each, then its source and date."""
    lines: list[Fragment] = []
    for contact in contacts:
        details: list[Fragment] = []
        hours = _hours(contact.hours)
        if hours is not None:
            details.append(hours)
        if contact.free:
            details.append(Fragment("contact-free"))
        if contact.audience:
            details.append(Fragment(f"audience-{contact.audience}"))
        service = contact.services[0].replace("_", "-")
        lines.append(
            Fragment(
                "contact-line",
                {
                    "phones": " / ".join(contact.phones),
                    "organisation": contact.organisation,
                    "service": Fragment(f"service-{service}"),
                    "details": Items(tuple(details), ", ", prefix=", "),
                },
            )
        )
        if contact.verified:
            lines.append(Fragment("contact-verified", {"date": display_date(contact.verified)}))
        else:
            lines.append(
                Fragment(
                    "contact-source",
                    {
                        "source": contact.source_organisation,
                        "date": display_date(contact.source_date),
                    },
                )
            )
    return Items(tuple(lines))
