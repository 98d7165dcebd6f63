"""Pieces several flows share: the country picker and the contacts of a country."""

from __future__ import annotations

from collections.abc import Iterable

from dialogs.contacts import COUNTRIES, active_directory, contact_items
from dialogs.flow import Answers, EffectMaker, Goto, Option, Update
from dialogs.types import Arg, Fragment

__all__ = ["OTHER_COUNTRY", "contacts_arg", "country_arg", "country_options"]

OTHER_COUNTRY = "other"


def country_options(
    goto: Goto,
    key: str = "country",
    update: Update | None = None,
    effects: EffectMaker | None = None,
) -> tuple[Option, ...]:
    """One button per country the directory covers, then "another country"."""
    codes = [code.lower() for code in COUNTRIES] + [OTHER_COUNTRY]
    return tuple(
        Option(
            f"c_{code}",
            f"country-{code}",
            goto,
            record=(key, code),
            update=update,
            effects=effects,
        )
        for code in codes
    )


def country_arg(answers: Answers, key: str = "country") -> Fragment:
    return Fragment(f"country-{answers.get(key, OTHER_COUNTRY)}")


def contacts_arg(
    answers: Answers, services: Iterable[str] | None = None, *, key: str = "country", limit: int = 8
) -> Arg:
    """The sourced contacts for the chosen country, or a line saying there are none."""
    country = str(answers.get(key, OTHER_COUNTRY)).upper()
    found = active_directory().for_country(country, services, limit=limit)
    return contact_items(found) if found else Fragment("contacts-none")
