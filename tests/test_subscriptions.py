"""Tips by message (opt-in prevention campaigns), through the real dispatcher against the
Bot API double: the topic picker in every language, nothing subscribed by default, the
one-tap stop button, quick exit and erasure, /mydata, campaign deep links, retention of
idle subscribers and the "unsubscribed within a week" count, on SQLite and PostgreSQL.

What is checked is what the person sees in the double's chat and what the tables hold.
"""

# The fixtures ``fake`` and ``parts`` are shared with tests/test_console.py and
# tests/test_safety.py; pytest finds them by the imported names, which ruff reads as
# unused imports or redefinitions.
# ruff: noqa: F811

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup
from sqlalchemy import select

from bot.campaigns.sender import stop_callback
from bot.db.tables import (
    CampaignRow,
    ConversationRow,
    DeliveryRow,
    SubjectRow,
    SubscriptionRow,
)
from bot.retention import RetentionPolicy, due, purge
from tests.fakes import FakeBotApi, callback_update
from tests.test_console import deliver, fake  # noqa: F401 - the fixture ``fake`` is used by name
from tests.test_safety import (  # noqa: F401 - the fixture ``parts`` is used by name
    PERSON,
    Person,
    line,
    parts,
    rows_about,
    start_in,
)

LOCALES = ("uk", "ru", "lv", "en")
SENT, QUEUED = 2, 0
POLICY = RetentionPolicy(
    transcripts=timedelta(days=90),
    answers=timedelta(days=30),
    cases=timedelta(days=365),
    audit=timedelta(days=730),
)


# -- reading what the person sees --------------------------------------------------------------


def head(parts: dict[str, Any], locale: str, message_id: str, arg: str = "topics") -> str:
    """The text of a message up to its one variable (what is on screen whatever its value)."""
    return line(parts, locale, message_id, **{arg: "§"}).split("§")[0]


class Chat(Person):
    """A ``Person`` that can also say what the bot answered to the last input."""

    def _mark(self, own: int) -> None:
        # the person's own message (``own``) comes first in the chat, then the answers
        self._seen = len(self.screen()) + own

    def replies(self) -> list[str]:
        """The bot's messages since the last input (replies before a keyboard share one)."""
        return self.screen()[self._seen :]

    def said(self) -> str:
        return "\n\n".join(self.replies())

    async def say(self, text: str, locale: str = "uk") -> None:
        self._mark(1)
        await super().say(text, locale)

    async def tap(self, value: str) -> None:
        self._mark(0)
        await super().tap(value)

    async def tap_data(self, data: str, message_id: int) -> None:
        """A button with this callback data on message ``message_id`` (maybe forged)."""
        self._mark(0)
        await deliver(
            self.parts, self.fake, callback_update(self.user, data, message_id=message_id)
        )
        await self.parts["sender"].flush_sent()


def assert_no_failure(chat: Chat, locale: str) -> None:
    """No generic error, unknown-command or expired-button line anywhere in the chat."""
    parts = chat.parts
    for message_id in ("error-generic", "unknown-command", "button-expired", "use-buttons"):
        unwanted = line(parts, locale, message_id).split("\n")[0]
        assert not any(unwanted in text for text in chat.screen()), (message_id, locale)


# -- the database ------------------------------------------------------------------------------


async def topics_of(parts: dict[str, Any], subject: str) -> list[tuple[str, str]]:
    rows = await parts["core"].db.run(
        lambda s: s.execute(
            select(SubscriptionRow.topic, SubscriptionRow.country)
            .where(SubscriptionRow.subject_id == subject)
            .order_by(SubscriptionRow.topic)
        )
    )
    return [(topic, country) for topic, country in rows]


async def all_subscriptions(parts: dict[str, Any]) -> int:
    rows = await parts["core"].db.run(lambda s: s.scalars(select(SubscriptionRow.subject_id)))
    return len(list(rows))


async def conversation_of(parts: dict[str, Any], subject: str) -> Any:
    return await parts["core"].db.run(lambda s: s.get(ConversationRow, subject))


async def add_campaign(parts: dict[str, Any], slug: str) -> int:
    async def job(session: Any) -> int:
        row = CampaignRow(
            slug=slug,
            status="done",
            spec={"name": slug},
            author="anna",
            approver="boris",
            created_at=parts["clock"].now - timedelta(days=30),
        )
        session.add(row)
        await session.flush()
        return int(row.id)

    return int(await parts["core"].db.run(job))


async def add_delivery(
    parts: dict[str, Any],
    campaign: int,
    subject: str,
    *,
    state: int = SENT,
    sent: timedelta | None = timedelta(days=1),
) -> int:
    """A recipient row as the sender leaves it (``sent``: how long ago it went out)."""

    async def job(session: Any) -> int:
        row = DeliveryRow(
            campaign_id=campaign,
            subject_id=subject,
            locale="uk",
            state=state,
            attempts=1 if state == SENT else 0,
            sent_at=parts["clock"].now - sent if sent is not None else None,
        )
        session.add(row)
        await session.flush()
        return int(row.id)

    return int(await parts["core"].db.run(job))


async def delivery(parts: dict[str, Any], row_id: int) -> Any:
    return await parts["core"].db.run(lambda s: s.get(DeliveryRow, row_id))


async def campaign(parts: dict[str, Any], row_id: int) -> Any:
    return await parts["core"].db.run(lambda s: s.get(CampaignRow, row_id))


# -- walking the dialogs -----------------------------------------------------------------------


async def subscribe_to(chat: Chat, *choices: str, locale: str = "uk") -> None:
    """/subscribe, tap each choice (``c_xx`` after ``travel_on``), then "done"."""
    await chat.say("/subscribe", locale)
    for value in choices:
        await chat.tap(value)
    await chat.tap("done")


async def screening(chat: Chat, answer: str) -> str:
    """From the menu to the result, answering every question ``answer``; the result text."""
    await chat.tap("screening")
    for value in ("offer", "self", "age_26_plus", "c_pl", "questions"):
        await chat.tap(value)
    for _ in range(40):
        shown = chat.buttons()
        if "again" in shown:  # the result screen
            return chat.screen()[-1]
        await chat.tap(answer if answer in shown else "go_on")
    raise AssertionError("the screening never reached its result")


async def card_for_poland(chat: Chat) -> None:
    """Safe travel: the safety card for Poland (the last screen of the flow)."""
    await chat.tap("migration")
    await chat.tap("card")
    await chat.tap("c_pl")


async def campaign_message(chat: Chat, campaign_id: int) -> int:
    """A campaign message with its stop button, as the sender leaves it in the chat."""
    stop = InlineKeyboardButton(text="🔕", callback_data=stop_callback(campaign_id))
    sent = await chat.parts["bot"].send_message(
        chat.user, "Tip of the week", reply_markup=InlineKeyboardMarkup(inline_keyboard=[[stop]])
    )
    return int(sent.message_id)


# -- 1. the picker in every language -----------------------------------------------------------


@pytest.mark.parametrize("locale", LOCALES)
async def test_subscribe_and_unsubscribe_in_every_locale(
    fake: FakeBotApi, parts: dict[str, Any], locale: str
) -> None:
    chat = Chat(parts, fake)
    await start_in(chat, locale)
    await chat.say("/subscribe", locale)

    picker = chat.screen()[-1]
    title = head(parts, locale, "subscribe-topics")
    assert picker == title + line(parts, locale, "subscribe-topics-none")
    if locale != "en":
        assert title != head(parts, "en", "subscribe-topics")
    shown = chat.buttons()
    assert {"jobs_on", "travel_on", "rights_on", "news_on", "done"} <= shown.keys()
    assert "stop_all" not in shown  # nothing to stop yet
    assert await topics_of(parts, chat.subject) == []

    await chat.tap("jobs_on")
    assert "jobs_off" in chat.buttons()
    assert await topics_of(parts, chat.subject) == [("jobs", "")]
    await chat.tap("travel_on")
    assert chat.screen()[-1] == line(parts, locale, "subscribe-country")
    await chat.tap("c_pl")
    assert {"jobs_off", "travel_off", "stop_all"} <= chat.buttons().keys()
    await chat.tap("done")

    poland = line(parts, locale, "country-pl")
    done = chat.screen()[-1]
    assert done.startswith(head(parts, locale, "subscribe-done").split("\n")[0])
    assert line(parts, locale, "subscribe-topic-jobs-name") in done
    assert line(parts, locale, "subscribe-topic-travel-name", country=poland) in done
    assert poland in done
    assert line(parts, locale, "subscribe-topic-news-name") not in done
    assert await topics_of(parts, chat.subject) == [("jobs", ""), ("travel", "pl")]
    assert_no_failure(chat, locale)

    await chat.say("/unsubscribe", locale)
    assert chat.said().startswith(line(parts, locale, "unsubscribe-done"))
    assert await topics_of(parts, chat.subject) == []
    settings = (await conversation_of(parts, chat.subject)).settings or {}
    assert not any(key.startswith("sub_") for key in settings), settings

    await chat.say("/unsubscribe", locale)
    assert chat.said().startswith(line(parts, locale, "unsubscribe-none"))
    assert line(parts, locale, "unsubscribe-done") not in chat.said()
    assert await topics_of(parts, chat.subject) == []
    assert_no_failure(chat, locale)


async def test_the_picker_turns_topics_off_and_changes_the_country(
    fake: FakeBotApi, parts: dict[str, Any]
) -> None:
    chat = Chat(parts, fake)
    await start_in(chat, "en")
    await subscribe_to(chat, "jobs_on", "news_on", "travel_on", "c_pl", locale="en")
    assert await topics_of(parts, chat.subject) == [
        ("jobs", ""),
        ("news", ""),
        ("travel", "pl"),
    ]
    await chat.tap("back")  # from "done" to the picker
    await chat.tap("jobs_off")
    await chat.tap("travel_off")
    await chat.tap("travel_on")
    await chat.tap("c_de")
    assert await topics_of(parts, chat.subject) == [("news", ""), ("travel", "de")]
    await chat.tap("stop_all")
    assert chat.screen()[-1] == line(parts, "en", "unsubscribe-done")
    assert await topics_of(parts, chat.subject) == []
    await chat.tap("back")
    await chat.tap("done")  # nothing chosen
    assert chat.screen()[-1] == line(parts, "en", "subscribe-nothing")
    assert await topics_of(parts, chat.subject) == []
    assert_no_failure(chat, "en")


# -- 2. never subscribed by default; the offer -------------------------------------------------


async def test_nobody_is_subscribed_by_their_answers_and_the_offer_is_shown_only_when_calm(
    fake: FakeBotApi, parts: dict[str, Any]
) -> None:
    chat = Chat(parts, fake)
    await start_in(chat)

    low = await screening(chat, "no")
    assert line(parts, "uk", "level-low") in low
    assert "subscribe" in chat.buttons()
    await chat.tap("menu")
    high = await screening(chat, "yes")
    assert line(parts, "uk", "level-low") not in high
    shown = chat.buttons()
    assert "person" in shown  # the result says a person should look at it ...
    assert "subscribe" not in shown  # ... and asks nothing else
    await chat.tap("menu")
    await card_for_poland(chat)
    assert "subscribe" in chat.buttons()
    await chat.tap("menu")
    await chat.tap("help")
    for value in ("self", "exploitation", "c_pl", "soon", "evening"):
        await chat.tap(value)
    await chat.say("Нотатка")
    await chat.tap("yes")

    assert await all_subscriptions(parts) == 0
    settings = (await conversation_of(parts, chat.subject)).settings or {}
    assert not any(key.startswith("sub_") for key in settings), settings

    # the offer at the end of safe travel opens the picker
    await chat.tap("menu")
    await card_for_poland(chat)
    await chat.tap("subscribe")
    assert chat.screen()[-1].startswith(head(parts, "uk", "subscribe-topics"))
    await chat.tap("jobs_on")
    await chat.tap("done")
    assert await topics_of(parts, chat.subject) == [("jobs", "")]

    # and once subscribed it is not offered again
    await chat.tap("menu")
    await card_for_poland(chat)
    assert "subscribe" not in chat.buttons()
    await chat.tap("menu")
    low = await screening(chat, "no")
    assert line(parts, "uk", "level-low") in low
    assert "subscribe" not in chat.buttons()
    assert_no_failure(chat, "uk")


# -- 3. the stop button under a campaign message -----------------------------------------------


async def test_the_stop_button_unsubscribes_in_one_tap_and_keeps_the_persons_place(
    fake: FakeBotApi, parts: dict[str, Any]
) -> None:
    chat = Chat(parts, fake)
    await start_in(chat, "ru")
    await subscribe_to(chat, "jobs_on", "travel_on", "c_pl", locale="ru")
    tips = await add_campaign(parts, "spring")
    await add_delivery(parts, tips, chat.subject)
    await chat.tap("menu")
    await chat.tap("screening")
    for value in ("abroad", "other", "age_18_25"):
        await chat.tap(value)
    here = chat.screen()[-1]  # the country question of the screening
    before = await conversation_of(parts, chat.subject)
    message = await campaign_message(chat, tips)

    await chat.tap(f"stop_{tips}")

    assert chat.replies() == [line(parts, "ru", "unsubscribe-done") + "\n\n" + here]
    assert await topics_of(parts, chat.subject) == []
    after = await conversation_of(parts, chat.subject)
    assert (after.flow, after.state, after.answers) == (before.flow, before.state, before.answers)
    assert not any(key.startswith("sub_") for key in after.settings or {})
    # the screening goes on from where it was
    await chat.tap("c_pl")
    assert (await conversation_of(parts, chat.subject)).answers.get("country") == "pl"

    # a second tap on the same button: nothing left to stop, said so
    await chat.tap_data(stop_callback(tips), message)
    assert chat.said().startswith(line(parts, "ru", "unsubscribe-none"))

    # a forged value is an expired button and changes nothing
    await subscribe_to(chat, "rights_on", locale="ru")
    shown = chat.screen()[-1]
    for forged in ("g:stop_x", "g:stop_", "g:stop_1x"):
        await chat.tap_data(forged, message)
        assert chat.replies() == [line(parts, "ru", "button-expired") + "\n\n" + shown], forged
        assert await topics_of(parts, chat.subject) == [("rights", "")]


@pytest.mark.parametrize("where", ["menu", "migration", "picker"])
async def test_the_stop_button_works_from_any_screen(
    fake: FakeBotApi, parts: dict[str, Any], where: str
) -> None:
    chat = Chat(parts, fake)
    await start_in(chat, "lv")
    await subscribe_to(chat, "news_on", locale="lv")
    if where == "menu":
        await chat.tap("menu")
    elif where == "migration":
        await chat.tap("menu")
        await chat.tap("migration")
        await chat.tap("before")
    else:
        await chat.tap("back")  # the picker, with "news" ticked
    flow = (await conversation_of(parts, chat.subject)).flow
    here = chat.screen()[-1]
    tips = await add_campaign(parts, "lv-news")
    await campaign_message(chat, tips)

    await chat.tap(f"stop_{tips}")

    stopped = line(parts, "lv", "unsubscribe-done") + "\n\n"
    assert await topics_of(parts, chat.subject) == []
    after = await conversation_of(parts, chat.subject)
    if where == "picker":
        # the ticks on the picker would be stale: the person is taken to the menu
        assert after.flow == "menu"
        assert chat.replies() == [stopped + line(parts, "lv", "menu-title")]
    else:
        assert after.flow == flow
        assert chat.replies() == [stopped + here]


# -- 4. quick exit and erasure -----------------------------------------------------------------


async def test_quick_exit_stops_the_tips(fake: FakeBotApi, parts: dict[str, Any]) -> None:
    chat = Chat(parts, fake)
    await start_in(chat)
    await subscribe_to(chat, "jobs_on", "travel_on", "c_pl")
    assert len(await topics_of(parts, chat.subject)) == 2
    await chat.say("/exit")
    assert chat.screen() == [line(parts, "uk", "exit-line")]
    assert await topics_of(parts, chat.subject) == []
    kept = await conversation_of(parts, chat.subject)
    assert kept is not None  # not erased: exit does not erase unless asked
    assert not any(key.startswith("sub_") for key in kept.settings or {}), kept.settings
    # back later: the picker starts from nothing
    await chat.say("/subscribe")
    assert chat.screen()[-1] == head(parts, "uk", "subscribe-topics") + line(
        parts, "uk", "subscribe-topics-none"
    )


async def test_forget_deletes_subscriptions_and_queued_tips_and_anonymises_sent_ones(
    fake: FakeBotApi, parts: dict[str, Any]
) -> None:
    chat = Chat(parts, fake)
    other = Chat(parts, fake, PERSON + 1)
    for person in (chat, other):
        await start_in(person, "en")
        await subscribe_to(person, "jobs_on", locale="en")
    sent_campaign = await add_campaign(parts, "sent")
    queued_campaign = await add_campaign(parts, "queued")
    sent = await add_delivery(parts, sent_campaign, chat.subject)
    queued = await add_delivery(parts, queued_campaign, chat.subject, state=QUEUED, sent=None)
    others = await add_delivery(parts, queued_campaign, other.subject, state=QUEUED, sent=None)
    others_sent = await add_delivery(parts, sent_campaign, other.subject)

    await chat.say("/forget", "en")
    await chat.tap("forget_yes")

    assert chat.screen() == [line(parts, "en", "forget-done")]
    found = await rows_about(parts, chat.subject)
    assert set(found.values()) == {0}, found  # subscriptions and deliveries included
    kept = await delivery(parts, sent)
    assert kept is not None
    assert (kept.campaign_id, kept.subject_id, kept.state) == (sent_campaign, None, SENT)
    assert await delivery(parts, queued) is None
    # nobody else is touched
    assert (await delivery(parts, others)).subject_id == other.subject
    assert await topics_of(parts, other.subject) == [("jobs", "")]

    # a second erased recipient of the same campaign: two rows naming nobody, both counted
    await other.say("/forget", "en")
    await other.tap("forget_yes")
    rows = await parts["core"].db.run(
        lambda s: s.execute(
            select(DeliveryRow.id, DeliveryRow.subject_id).where(
                DeliveryRow.campaign_id == sent_campaign
            )
        )
    )
    assert sorted(rows) == [(sent, None), (others_sent, None)]
    assert await all_subscriptions(parts) == 0


# -- 5. /mydata --------------------------------------------------------------------------------


async def test_mydata_lists_the_chosen_topics_and_only_when_there_are_some(
    fake: FakeBotApi, parts: dict[str, Any]
) -> None:
    chat = Chat(parts, fake)
    await start_in(chat, "en")
    tips = head(parts, "en", "mydata-subscriptions").split("\n")[0]
    await chat.say("/mydata", "en")
    title = line(parts, "en", "mydata", since="", updated="", place="", answers=0, cases="")
    assert title.split("\n")[0] in chat.said()
    assert tips not in chat.said()

    await subscribe_to(chat, "travel_on", "c_pl", "rights_on", locale="en")
    await chat.tap("menu")
    await chat.say("/mydata", "en")
    listed = [text for text in chat.replies() if tips in text]
    assert len(listed) == 1
    poland = line(parts, "en", "country-pl")
    assert line(parts, "en", "subscribe-topic-travel-name", country=poland) in listed[0]
    assert line(parts, "en", "subscribe-topic-rights-name") in listed[0]
    assert line(parts, "en", "subscribe-topic-jobs-name") not in listed[0]
    assert await topics_of(parts, chat.subject) == [("rights", ""), ("travel", "pl")]
    assert_no_failure(chat, "en")


async def test_mydata_from_the_topic_picker(fake: FakeBotApi, parts: dict[str, Any]) -> None:
    chat = Chat(parts, fake)
    await start_in(chat, "en")
    await subscribe_to(chat, "jobs_on", locale="en")  # still in the picker's flow
    await chat.say("/mydata", "en")
    tips = head(parts, "en", "mydata-subscriptions").split("\n")[0]
    assert tips in chat.said()
    assert_no_failure(chat, "en")


# -- 6. campaign deep links --------------------------------------------------------------------


async def test_a_deep_link_starts_its_flow_and_is_counted_for_its_campaign(
    fake: FakeBotApi, parts: dict[str, Any]
) -> None:
    chat = Chat(parts, fake)
    await start_in(chat)
    tips = await add_campaign(parts, "autumn")
    mine = await add_delivery(parts, tips, chat.subject)
    theirs = await add_delivery(parts, tips, "someone-else")

    await chat.say(f"/start c{tips}-screening")

    assert chat.screen()[-1] == line(parts, "uk", "screening-mode")
    assert (await conversation_of(parts, chat.subject)).flow == "risk_screening"
    assert (await campaign(parts, tips)).link_starts == 1
    assert (await delivery(parts, mine)).started is True
    assert (await delivery(parts, theirs)).started is False

    # someone the campaign never reached (a forwarded message): counted, nothing to mark
    newcomer = Chat(parts, fake, PERSON + 1)
    await newcomer.say(f"/start c{tips}-migration", "en")
    assert newcomer.replies() == [
        line(parts, "en", "welcome") + "\n\n" + line(parts, "en", "choose-language")
    ]
    assert (await conversation_of(parts, newcomer.subject)).flow == "start"
    await newcomer.tap("lang_lv")
    assert newcomer.replies() == [
        line(parts, "lv", "language-set") + "\n\n" + line(parts, "lv", "migration-topics")
    ]
    moved = await conversation_of(parts, newcomer.subject)
    assert (moved.flow, moved.locale, moved.answers) == ("safe_migration", "lv", {})
    assert (await campaign(parts, tips)).link_starts == 2  # the language choice is not a start
    assert (await delivery(parts, theirs)).started is False
    assert await all_subscriptions(parts) == 0  # a link subscribes nobody


async def test_a_malformed_deep_link_is_a_plain_start_and_counts_nothing(
    fake: FakeBotApi, parts: dict[str, Any]
) -> None:
    chat = Chat(parts, fake)
    await start_in(chat)
    tips = await add_campaign(parts, "winter")
    mine = await add_delivery(parts, tips, chat.subject)
    await chat.say("/start")
    plain = chat.replies()
    assert plain[-1].endswith(line(parts, "uk", "menu-title"))

    for payload in ("c0-screening", f"c{tips}-nope", "' or 1=1", f"c{tips}-screening-x"):
        await chat.say(f"/start {payload}")
        assert chat.replies() == plain, payload
        assert (await conversation_of(parts, chat.subject)).flow == "menu", payload

    assert (await campaign(parts, tips)).link_starts == 0
    assert (await delivery(parts, mine)).started is False

    newcomer = Chat(parts, fake, PERSON + 1)
    await newcomer.say(f"/start c{tips}-nope", "en")
    await newcomer.tap("lang_en")
    assert (await conversation_of(parts, newcomer.subject)).flow == "menu"
    assert (await campaign(parts, tips)).link_starts == 0


async def test_a_deep_link_into_the_flow_the_person_is_in_starts_it_afresh(
    fake: FakeBotApi, parts: dict[str, Any]
) -> None:
    chat = Chat(parts, fake)
    await start_in(chat)
    tips = await add_campaign(parts, "again")
    await chat.tap("screening")
    for value in ("offer", "self", "under_18", "c_pl"):
        await chat.tap(value)
    await chat.say("Робота в Польщі, житло безкоштовно, паспорт віддати менеджеру")
    assert (await conversation_of(parts, chat.subject)).answers.get("ad") is True

    await chat.say(f"/start c{tips}-screening")

    assert chat.replies() == [line(parts, "uk", "screening-mode")]
    for value in ("offer", "self", "age_26_plus", "c_pl"):
        await chat.tap(value)
    # as from the menu: a new job offer is asked for (the earlier one is not assumed) ...
    assert chat.replies() == [line(parts, "uk", "screening-ad")]
    # ... and nothing of the earlier check colours this one
    answers = (await conversation_of(parts, chat.subject)).answers
    assert not any(key.startswith("i.") or key == "ad" for key in answers), sorted(answers)


# -- 7. retention ------------------------------------------------------------------------------


async def test_retention_keeps_an_idle_subscriber_but_not_their_answers(
    fake: FakeBotApi, parts: dict[str, Any]
) -> None:
    subscriber, idle = Chat(parts, fake), Chat(parts, fake, PERSON + 1)
    await start_in(subscriber)
    await subscribe_to(subscriber, "jobs_on")
    await subscriber.tap("menu")
    await start_in(idle)
    for chat in (subscriber, idle):
        await chat.tap("screening")
        for value in ("offer", "self", "age_18_25", "c_pl"):
            await chat.tap(value)
        assert (await conversation_of(parts, chat.subject)).answers  # something to forget
    tips = await add_campaign(parts, "kept-figures")
    theirs = await add_delivery(parts, tips, idle.subject)
    kept = await add_delivery(parts, tips, subscriber.subject)

    later = parts["clock"].now + POLICY.answers + timedelta(days=1)
    assert (await due(parts["core"].db, POLICY, now=later)).people == 2
    report = await purge(parts["core"].db, POLICY, now=later)
    assert report.people == 2  # one reset, one removed

    assert await parts["core"].db.run(lambda s: s.get(SubjectRow, subscriber.subject))
    assert await topics_of(parts, subscriber.subject) == [("jobs", "")]
    reset = await conversation_of(parts, subscriber.subject)
    assert (reset.flow, reset.state, reset.answers) == ("menu", "menu", {})
    assert reset.settings.get("sub_jobs") is True  # the choice itself is kept
    assert await parts["core"].db.run(lambda s: s.get(SubjectRow, idle.subject)) is None
    assert await conversation_of(parts, idle.subject) is None

    # the campaign still counts the forgotten person's delivery, naming nobody
    async def deliveries(session: Any) -> list[tuple[int, str | None]]:
        found = await session.execute(
            select(DeliveryRow.id, DeliveryRow.subject_id).order_by(DeliveryRow.id)
        )
        return [tuple(row) for row in found]

    assert await parts["core"].db.run(deliveries) == [(theirs, None), (kept, subscriber.subject)]

    # nothing more is due, and a second run changes nothing
    assert (await due(parts["core"].db, POLICY, now=later)).people == 0
    assert (await purge(parts["core"].db, POLICY, now=later)).people == 0
    assert await topics_of(parts, subscriber.subject) == [("jobs", "")]

    # the subscriber comes back to the menu, not to a half-finished screening
    await subscriber.say("/start")
    assert subscriber.replies()[-1].endswith(line(parts, "uk", "menu-title"))
    assert line(parts, "uk", "resume-question") not in subscriber.said()


# -- 8. unsubscribing soon after a campaign message --------------------------------------------


async def test_unsubscribing_within_a_week_of_a_tip_is_counted_against_it(
    fake: FakeBotApi, parts: dict[str, Any]
) -> None:
    chat = Chat(parts, fake)
    await start_in(chat)
    await subscribe_to(chat, "jobs_on")
    recent_campaign = await add_campaign(parts, "recent")
    old_campaign = await add_campaign(parts, "old")
    queued_campaign = await add_campaign(parts, "next")
    recent = await add_delivery(parts, recent_campaign, chat.subject, sent=timedelta(days=6))
    old = await add_delivery(parts, old_campaign, chat.subject, sent=timedelta(days=8))
    queued = await add_delivery(parts, queued_campaign, chat.subject, state=QUEUED, sent=None)
    someone = await add_delivery(parts, recent_campaign, "someone-else", sent=timedelta(days=1))

    # changing topics is not unsubscribing
    await subscribe_to(chat, "news_on", "jobs_off")
    assert await topics_of(parts, chat.subject) == [("news", "")]
    assert (await delivery(parts, recent)).unsubscribed is False

    await chat.say("/unsubscribe")

    assert await topics_of(parts, chat.subject) == []
    assert (await delivery(parts, recent)).unsubscribed is True
    assert (await delivery(parts, old)).unsubscribed is False
    assert (await delivery(parts, queued)).unsubscribed is False
    assert (await delivery(parts, someone)).unsubscribed is False
