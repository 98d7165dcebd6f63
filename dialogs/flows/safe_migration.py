"""Safe travel and work abroad: advice before going and at the destination, contacts by
country, and a safety card to keep.

Every advice message is listed in content/advice.toml with its source, the source's date
and a confidence; a test keeps the two in step. Contacts come from the sourced directory
(content/contacts.toml) and show their own source and date.
"""

from __future__ import annotations

from collections.abc import Mapping

from dialogs.contacts import active_directory, display_date
from dialogs.flow import Answers, Flow, Option, Step
from dialogs.flows.common import OTHER_COUNTRY, contacts_arg, country_arg, country_options
from dialogs.flows.subscribe import offer
from dialogs.types import Answer, Arg, Effect, Fragment, Items, Reply

__all__ = ["ADVICE_MESSAGES", "AT_DESTINATION", "BEFORE_GOING", "SAFE_MIGRATION", "safety_card"]

BEFORE_GOING = ("employer", "contract", "documents", "visas", "money", "tell", "contacts")
AT_DESTINATION = ("rights", "taken", "unpaid", "threats", "help")
_CARD_SERVICES = ("emergency", "hotline", "police", "embassy", "labour_inspectorate")

#: Message ids that carry advice and therefore need a sourced entry in content/advice.toml.
ADVICE_MESSAGES: tuple[str, ...] = tuple(f"advice-{t}" for t in BEFORE_GOING + AT_DESTINATION)


def _topic_steps(topics: tuple[str, ...], menu: str) -> tuple[Step, ...]:
    return tuple(Step(f"a_{topic}", f"advice-{topic}", back=menu) for topic in topics)


def _topic_options(topics: tuple[str, ...]) -> tuple[Option, ...]:
    return tuple(Option(t, f"migration-t-{t}", f"a_{t}") for t in topics)


def _card_args(answers: Answers) -> Mapping[str, Arg]:
    return {"country": country_arg(answers)}


def safety_card(country: str) -> Reply:
    """A compact card of numbers for one country, worded so it draws no attention."""
    found = active_directory().for_country(country.upper(), _CARD_SERVICES, limit=6)
    lines = tuple(
        Fragment(
            "card-line",
            {
                "phones": " / ".join(c.phones),
                "service": Fragment(f"service-{c.services[0].replace('_', '-')}"),
                "date": display_date(c.reviewed()),
            },
        )
        for c in found
    )
    body: Arg = Items(lines) if lines else Fragment("contacts-none")
    code = country.lower() if country else OTHER_COUNTRY
    # The one message with contacts that is NOT protected: the person asked for it ("Save my
    # safety card" or the button under a country's contacts) in order to keep it: pin it,
    # forward it to Saved Messages or to someone they trust, take a screenshot. It is a
    # message of its own, worded as travel notes, so nothing else leaves with it.
    return Reply(
        "safety-card", {"country": Fragment(f"country-{code}"), "lines": body}, separate=True
    )


def _send_card(answers: Answers) -> tuple[Effect, ...]:
    return (safety_card(str(answers.get("card_country", OTHER_COUNTRY))),)


def _same_country(answers: Answers) -> dict[str, Answer]:
    return {**answers, "card_country": answers.get("country", OTHER_COUNTRY)}


SAFE_MIGRATION = Flow(
    name="safe_migration",
    version=2,
    renames={"before_offer": "a_employer", "before_leaving": "a_documents"},
    steps=(
        Step(
            "topics",
            "migration-topics",
            options=(
                Option("before", "migration-topic-before", "before"),
                Option("destination", "migration-topic-destination", "destination"),
                Option("countries", "migration-topic-countries", "countries"),
                Option("card", "migration-topic-card", "card_country"),
            ),
        ),
        Step("before", "migration-before", options=_topic_options(BEFORE_GOING), back="topics"),
        Step(
            "destination",
            "migration-destination",
            options=_topic_options(AT_DESTINATION),
            back="topics",
        ),
        *_topic_steps(BEFORE_GOING, "before"),
        *_topic_steps(AT_DESTINATION, "destination"),
        Step(
            "countries",
            "migration-countries",
            options=country_options("country_card"),
            back="topics",
            columns=2,
        ),
        Step(
            "country_card",
            "migration-country-card",
            args=lambda a: {"country": country_arg(a), "contacts": contacts_arg(a)},
            options=(
                Option(
                    "card",
                    "migration-topic-card",
                    "card_sent",
                    update=_same_country,
                    effects=_send_card,
                ),
            ),
            back="countries",
            protect=True,
        ),
        Step(
            "card_country",
            "migration-card-country",
            options=country_options("card_sent", key="card_country", effects=_send_card),
            back="topics",
            columns=2,
        ),
        Step(
            "card_sent",
            "migration-card-sent",
            args=_card_args,
            options=(offer(),),
            back="card_country",
            final=True,
        ),
    ),
)
