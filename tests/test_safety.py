"""Quick exit, erasure, the code word, settings and the privacy notice, through the real
dispatcher against the Bot API double (which keeps every chat's messages, so "what is left
on the person's screen" is checked, not assumed)."""

# The operator-group fixtures (``fake``, ``parts``) are shared with tests/test_console.py;
# pytest finds them by the imported names, which ruff reads as redefinitions.
# ruff: noqa: F811

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from bot.crypto import KeyRing, install_keyring
from bot.db import staff
from bot.db.database import Database
from bot.db.tables import (
    AuditRow,
    Base,
    CaseRequestRow,
    ConversationRow,
    EventRow,
    RecentMessageRow,
    StatRow,
    SubjectRow,
)
from bot.runtime import build_dispatcher
from bot.telegram.callbacks import decode_choice
from dialogs.types import Priority
from tests.conftest import PG_URL, TEST_SECRET, _reset_postgres, require_postgres
from tests.fakes import (
    FakeBotApi,
    callback_update,
    group_message_update,
    media_update,
    message_update,
    parse_html,
)
from tests.test_console import (  # noqa: F401 - the fixture ``fake`` is used by name
    GROUP,
    OLHA,
    case_taken_by_olha,
    console_parts,
    deliver,
    fake,
    register,
)


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
async def parts(
    request: pytest.FixtureRequest, tmp_path: Path, fake: FakeBotApi
) -> AsyncIterator[dict[str, Any]]:
    """The bot and its operator console, on SQLite and on PostgreSQL."""
    url = None
    if request.param == "postgres":
        require_postgres()
        url = PG_URL
        scratch = Database(url)
        await _reset_postgres(scratch)
        await scratch.dispose()
    async with console_parts(tmp_path, fake, database_url=url) as wired:
        yield wired


PERSON = 5_300_001
MARIA = 6_000_009


class Person:
    """Someone in a private chat: every update goes through the double, so the chat's
    messages (theirs and the bot's) exist there as they would in Telegram."""

    def __init__(self, parts: dict[str, Any], fake: FakeBotApi, user: int = PERSON) -> None:
        self.parts, self.fake, self.user = parts, fake, user

    async def say(self, text: str, locale: str = "uk") -> None:
        await deliver(self.parts, self.fake, message_update(self.user, text, language_code=locale))
        await self.parts["sender"].flush_sent()

    def buttons(self) -> dict[str, tuple[str, int]]:
        """Values of the buttons on the last keyboard in the chat -> (callback data, message)."""
        for message in reversed(self.fake.messages(self.user)):
            rows = message.get("reply_markup", {}).get("inline_keyboard", [])
            if rows:
                return {
                    decode_choice(b["callback_data"]).value: (
                        b["callback_data"],
                        message["message_id"],
                    )
                    for row in rows
                    for b in row
                }
        return {}

    async def tap(self, value: str) -> None:
        data, message_id = self.buttons()[value]
        update = callback_update(self.user, data, message_id=message_id)
        await deliver(self.parts, self.fake, update)
        await self.parts["sender"].flush_sent()

    def screen(self) -> list[str]:
        """The texts still visible in the chat, oldest first."""
        return [str(m.get("text", "")) for m in self.fake.messages(self.user)]

    @property
    def subject(self) -> str:
        return str(self.parts["core"].keyring.pseudonym("tg", self.user))


def line(parts: dict[str, Any], locale: str, message_id: str, **args: Any) -> str:
    """A message as the person sees it (Telegram shows the text without the HTML tags)."""
    return parse_html(str(parts["core"].translator.format(locale, message_id, args)))[0]


async def rows_about(parts: dict[str, Any], subject: str) -> dict[str, int]:
    """How many rows of each table name the person (every table with a subject column)."""

    async def job(session: Any) -> dict[str, int]:
        found: dict[str, int] = {}
        for table in Base.metadata.sorted_tables:
            column = table.c.get("subject_id")
            if column is None and table.name == "subjects":
                column = table.c.id
            if column is not None:
                count = await session.scalar(
                    select(func.count()).select_from(table).where(column == subject)
                )
                found[table.name] = int(count or 0)
        return found

    return dict(await parts["core"].db.run(job))


async def start_in(person: Person, locale: str = "uk") -> None:
    await person.say("/start", locale)
    await person.tap(f"lang_{locale}")


async def ask_for_help_with(person: Person, note: str) -> None:
    """A help request (forced work, Poland, answer in the evening) with a note, consented."""
    await start_in(person)
    await person.tap("help")
    for value in ("self", "exploitation", "c_pl", "soon", "evening"):
        await person.tap(value)
    await person.say(note)
    await person.tap("yes")


async def test_exit_from_the_middle_of_a_screening_leaves_one_ordinary_line(
    fake: FakeBotApi, parts: dict[str, Any]
) -> None:
    person = Person(parts, fake)
    await start_in(person)
    await person.tap("screening")
    for value in ("offer", "self", "age_18_25", "c_pl"):
        await person.tap(value)
    await person.say("Робота в Польщі, житло безкоштовно, паспорт віддати менеджеру")
    assert len(person.screen()) >= 6  # both sides of the conversation are there
    assert "exit" in person.buttons()  # on every screen

    await person.tap("exit")

    assert person.screen() == [line(parts, "uk", "exit-line")]
    deleted = [i for c in fake.calls_to("deleteMessages") if c.ok for i in c.params["message_ids"]]
    assert len(deleted) >= 6
    conversation = await parts["core"].db.run(lambda s: s.get(ConversationRow, person.subject))
    assert (conversation.flow, conversation.answers) == ("menu", {})
    found = await rows_about(parts, person.subject)
    assert found["recent_messages"] == 0  # the exit line's id is not kept either


async def test_exit_command_in_every_locale_and_a_configured_line(
    fake: FakeBotApi, parts: dict[str, Any]
) -> None:
    parts["core"].service.exit_lines = {"lv": "Laika prognoze: saulains."}
    for offset, locale in enumerate(("uk", "ru", "lv", "en")):
        person = Person(parts, fake, PERSON + offset)
        await start_in(person, locale)
        await person.tap("migration")
        await person.say("/exit", locale)
        expected = (
            "Laika prognoze: saulains." if locale == "lv" else line(parts, locale, "exit-line")
        )
        assert person.screen() == [expected], locale


async def test_exit_erases_everything_when_the_person_chose_so_once(
    fake: FakeBotApi, parts: dict[str, Any]
) -> None:
    person = Person(parts, fake)
    await start_in(person, "ru")
    await person.say("/settings", "ru")
    await person.tap("erases_on")
    assert "да" in person.screen()[-1]
    await person.tap("exit")
    assert person.screen() == [line(parts, "ru", "exit-line")]
    found = await rows_about(parts, person.subject)
    assert set(found.values()) == {0}, found
    # the next message is a first contact again
    await person.say("Привет", "ru")
    assert line(parts, "ru", "choose-language") in person.screen()[-1]


async def test_forget_deletes_every_row_closes_the_case_and_keeps_only_anonymous_counts(
    fake: FakeBotApi, parts: dict[str, Any]
) -> None:
    person = Person(parts, fake)
    await ask_for_help_with(person, "Нотатка для консультанта")
    code = await parts["core"].db.run(
        lambda s: s.scalar(
            select(CaseRequestRow.code).where(CaseRequestRow.subject_id == person.subject)
        )
    )
    assert code
    await person.say("/forget")
    assert person.buttons().keys() >= {"forget_yes", "forget_no"}
    await person.tap("forget_yes")

    assert person.screen() == [line(parts, "uk", "forget-done")]
    found = await rows_about(parts, person.subject)
    assert set(found.values()) == {0}, found

    async def check(session: Any) -> None:
        case = await session.scalar(select(CaseRequestRow).where(CaseRequestRow.code == code))
        assert (case.status, case.outcome, case.subject_id) == ("closed", "person_left", "")
        assert case.facts["erased"] is True
        assert "details" not in case.facts["answers"]
        assert case.facts["answers"]["country"] == "pl"
        assert set(case.facts["answers"]) <= {"country"} | {
            k for k in case.facts["answers"] if k.startswith("i.")
        }
        counted = await session.scalar(select(func.sum(StatRow.count)))
        assert counted is not None
        assert counted > 5  # the dialog's steps survive as counts
        actions = [a for (a,) in await session.execute(select(AuditRow.action))]
        assert "erasure" in actions
        assert await staff.verify_audit(session) is None

    await parts["core"].db.run(check)


async def test_forget_can_be_cancelled_and_keeps_everything(
    fake: FakeBotApi, parts: dict[str, Any]
) -> None:
    person = Person(parts, fake)
    await start_in(person, "lv")
    await person.say("/forget", "lv")
    await person.tap("forget_no")
    found = await rows_about(parts, person.subject)
    assert (found["subjects"], found["conversations"]) == (1, 1)
    assert line(parts, "lv", "menu-title").split("\n")[0] in person.screen()[-1]


async def test_the_code_word_gets_an_ordinary_answer_and_an_urgent_case(
    fake: FakeBotApi, parts: dict[str, Any]
) -> None:
    person = Person(parts, fake)
    await start_in(person)
    await person.tap("settings")
    await person.tap("codeword")
    await person.say("x")  # too short: asked again
    assert line(parts, "uk", "codeword-invalid", min=3, max=40) in person.screen()[-1]
    await person.say("  Яка сьогодні погода?  ")
    assert "задано" in person.screen()[-1]
    # choosing the word again is not using it
    await person.tap("codeword")
    await person.say("Яка сьогодні погода")
    assert (
        await parts["core"].db.run(
            lambda s: s.scalar(select(func.count()).select_from(CaseRequestRow))
        )
        == 0
    )

    await person.tap("exit")
    await person.say("яка СЬОГОДНІ погода")

    assert person.screen()[-1] == line(parts, "uk", "panic-ack")
    case = await parts["core"].db.run(lambda s: s.scalar(select(CaseRequestRow)))
    assert (case.priority, case.reason, case.status) == (Priority.URGENT, "panic", "queued")
    assert case.code not in "\n".join(person.screen())  # nothing on screen says help was called
    await parts["console"].open_topics()
    topic = fake.topics(GROUP)[0]
    assert topic["name"].startswith("🔴")
    summary = fake.topic_messages(GROUP, topic["message_thread_id"])[0]["text"]
    assert line(parts, "en", "op-flow-panic") in summary


async def test_the_code_word_during_a_handoff_is_not_relayed_and_alerts_the_topic(
    fake: FakeBotApi, parts: dict[str, Any]
) -> None:
    person = 5_300_077
    topic = await case_taken_by_olha(parts, fake, person)
    chat = Person(parts, fake, person)
    conversation = await parts["core"].db.run(lambda s: s.get(ConversationRow, chat.subject))
    conversation.settings = {"codeword": "добрий ранок"}  # set earlier through /settings
    await parts["core"].db.run(lambda s: s.merge(conversation))
    copies = len(fake.calls_to("copyMessage"))

    await chat.say("Добрий ранок!")

    assert len(fake.calls_to("copyMessage")) == copies
    assert chat.screen()[-1] == line(parts, "uk", "panic-ack")
    texts = [m.get("text", "") for m in fake.topic_messages(GROUP, topic)]
    case = await parts["core"].db.run(lambda s: s.scalar(select(CaseRequestRow)))
    assert line(parts, "en", "op-panic", code=case.code) in texts
    assert case.priority == Priority.URGENT


async def test_exit_during_a_handoff_stops_the_relay_and_tells_the_consultant(
    fake: FakeBotApi, parts: dict[str, Any]
) -> None:
    person = 5_300_078
    topic = await case_taken_by_olha(parts, fake, person)
    chat = Person(parts, fake, person)
    await chat.say("/exit")
    case = await parts["core"].db.run(lambda s: s.scalar(select(CaseRequestRow)))
    texts = [m.get("text", "") for m in fake.topic_messages(GROUP, topic)]
    assert line(parts, "en", "op-person-exited", code=case.code) in texts
    assert case.person_ended
    before = len(chat.screen())
    reply = group_message_update(GROUP, OLHA, "Are you safe?", thread_id=topic)
    await deliver(parts, fake, reply)
    await parts["sender"].flush_sent()
    assert len(chat.screen()) == before  # nothing more reaches the screen

    await chat.say("/human")  # back, and asking again: the same case relays again
    await chat.tap("yes")
    texts = [m.get("text", "") for m in fake.topic_messages(GROUP, topic)]
    assert line(parts, "en", "op-person-returned", code=case.code) in texts
    await deliver(parts, fake, group_message_update(GROUP, OLHA, "Welcome back", thread_id=topic))
    await parts["sender"].flush_sent()
    assert "Welcome back" in chat.screen()[-1]


async def test_forget_during_a_handoff_closes_the_case_and_its_topic(
    fake: FakeBotApi, parts: dict[str, Any]
) -> None:
    person = 5_300_079
    topic = await case_taken_by_olha(parts, fake, person)
    chat = Person(parts, fake, person)
    await chat.say("/forget")
    await chat.tap("forget_yes")
    case = await parts["core"].db.run(lambda s: s.scalar(select(CaseRequestRow)))
    assert (case.status, case.outcome) == ("closed", "person_left")
    texts = [m.get("text", "") for m in fake.topic_messages(GROUP, topic)]
    assert line(parts, "en", "op-person-erased", code=case.code) in texts
    assert fake.topic(GROUP, topic)["is_closed"]
    assert set((await rows_about(parts, chat.subject)).values()) == {0}


async def test_a_legal_hold_keeps_the_case_and_is_shown_to_the_person(
    fake: FakeBotApi, parts: dict[str, Any]
) -> None:
    person = 5_300_080
    topic = await case_taken_by_olha(parts, fake, person)
    await register(parts, MARIA, "Maria", "supervisor")

    async def in_topic(who: int, text: str) -> str:
        await deliver(parts, fake, group_message_update(GROUP, who, text, thread_id=topic))
        await parts["sender"].flush_sent()
        return str(fake.topic_messages(GROUP, topic)[-1].get("text", ""))

    assert await in_topic(MARIA, "/hold") == line(parts, "en", "op-hold-off")
    core = parts["core"]
    core.settings = core.settings.model_copy(update={"legal_hold": True})
    parts["dispatcher"] = build_dispatcher(core, parts["sender"])
    assert await in_topic(OLHA, "/hold") == line(parts, "en", "op-hold-refused")
    case = await core.db.run(lambda s: s.scalar(select(CaseRequestRow)))
    assert await in_topic(MARIA, "/hold") == line(parts, "en", "op-hold-placed", code=case.code)

    chat = Person(parts, fake, person)
    await chat.say("/mydata")
    assert "закону" in chat.screen()[-1]
    await chat.say("/forget")
    await chat.tap("forget_yes")
    assert line(parts, "uk", "forget-held", codes=case.code) in chat.screen()[-1]
    kept = await core.db.run(lambda s: s.scalar(select(CaseRequestRow)))
    assert (kept.subject_id, kept.status, kept.legal_hold) == (chat.subject, "held", True)
    assert await core.db.run(lambda s: s.get(SubjectRow, chat.subject)) is None
    actions = await core.db.run(
        lambda s: s.execute(select(AuditRow.actor, AuditRow.action, AuditRow.case_code))
    )
    trail = [(actor, action) for actor, action, code in actions if code == case.code]
    maria = core.keyring.pseudonym("operator", MARIA)
    assert (maria, "legal_hold") in trail
    assert await in_topic(MARIA, "/unhold") == line(parts, "en", "op-hold-lifted", code=case.code)


@pytest.mark.parametrize("locale", ["uk", "ru", "lv", "en"])
async def test_privacy_names_the_organisation_and_the_retention(
    fake: FakeBotApi, parts: dict[str, Any], locale: str
) -> None:
    person = Person(parts, fake)
    await start_in(person, locale)
    await person.say("/privacy", locale)
    notice = person.screen()[-1]
    for part in ("/forget", "/mydata", "30", "90", "365"):
        assert part in notice
    sends = [c for c in fake.calls_to("sendMessage") if c.ok and c.params["chat_id"] == PERSON]
    assert sends[-1].params.get("protect_content") is True


async def test_events_carry_country_language_and_level_for_statistics(
    fake: FakeBotApi, parts: dict[str, Any]
) -> None:
    person = Person(parts, fake)
    await start_in(person, "en")
    await person.tap("screening")
    for value in ("offer", "self", "age_26_plus", "c_pl", "questions"):
        await person.tap(value)
    while "result" not in {
        e for (e,) in await parts["core"].db.run(lambda s: s.execute(select(EventRow.state_to)))
    }:
        await person.tap("no" if "no" in person.buttons() else "skip")
    rows = await parts["core"].db.run(
        lambda s: s.execute(select(EventRow.level, EventRow.locale, EventRow.country))
    )
    levels = [(level, locale) for level, locale, _ in rows if level]
    assert levels == [("low", "en")]


async def test_recent_message_ids_are_kept_encrypted_for_both_sides(
    fake: FakeBotApi, parts: dict[str, Any]
) -> None:
    person = Person(parts, fake)
    await start_in(person)
    rows = await parts["core"].db.run(
        lambda s: s.scalars(
            select(RecentMessageRow).where(RecentMessageRow.subject_id == person.subject)
        )
    )
    ids = sorted(int(r.message_id) for r in rows)
    assert ids == sorted(m["message_id"] for m in fake.messages(PERSON))


async def test_sharing_a_contact_and_viewing_the_queue_are_audited_without_content(
    fake: FakeBotApi, parts: dict[str, Any]
) -> None:
    person = 5_300_081
    topic = await case_taken_by_olha(parts, fake, person)
    await deliver(parts, fake, media_update(person, "contact"))
    await deliver(parts, fake, group_message_update(GROUP, OLHA, "/queue", thread_id=topic))
    await parts["sender"].flush_sent()
    card = fake.calls_to("sendContact")[-1].params  # relayed: their choice, without the account
    assert card["chat_id"] == GROUP
    assert "user_id" not in card
    assert "vcard" not in card
    rows = await parts["core"].db.run(
        lambda s: s.execute(select(AuditRow.actor, AuditRow.action, AuditRow.detail))
    )
    trail = [(actor, action, detail) for actor, action, detail in rows]
    olha = parts["core"].keyring.pseudonym("operator", OLHA)
    assert ("person", "identity_shared", "") in trail
    assert (olha, "queue_viewed", "") in trail
    assert await parts["core"].db.run(staff.verify_audit) is None


async def test_a_new_key_mid_rotation_keeps_the_persons_place(
    fake: FakeBotApi, parts: dict[str, Any]
) -> None:
    person = Person(parts, fake)
    await start_in(person, "lv")
    await person.tap("settings")
    old_subject = person.subject
    core = parts["core"]
    core.keyring = KeyRing(b"\x02" * 32, [TEST_SECRET])  # the new key is set, old kept
    install_keyring(core.keyring)
    parts["dispatcher"] = build_dispatcher(core, parts["sender"])
    assert person.subject != old_subject

    await person.tap("erases_on")  # a button of the screen shown before the change

    assert line(parts, "lv", "settings-erases-on") in person.screen()[-1]
    assert await core.db.run(lambda s: s.get(SubjectRow, old_subject)) is None
    moved = await core.db.run(lambda s: s.get(ConversationRow, person.subject))
    assert (moved.flow, moved.settings) == ("settings", {"exit_erases": True})


async def test_asking_for_a_person_after_a_request_keeps_its_details_and_opens_a_topic(
    fake: FakeBotApi, parts: dict[str, Any]
) -> None:
    person = Person(parts, fake)
    await ask_for_help_with(person, "Нотатка")
    await person.say("/human")
    await person.tap("yes")
    case = await parts["core"].db.run(lambda s: s.scalar(select(CaseRequestRow)))
    assert case.facts["answers"]["details"] == "Нотатка"  # not wiped by the second request
    assert await parts["console"].open_topics() == 1

    other = Person(parts, fake, PERSON + 1)
    await start_in(other, "en")
    await other.say("/human", "en")
    await other.tap("yes")
    assert await parts["console"].open_topics() == 1
    topic = fake.topics(GROUP)[-1]["message_thread_id"]
    summary = fake.topic_messages(GROUP, topic)[0]["text"]
    assert line(parts, "en", "op-flow-human") in summary
