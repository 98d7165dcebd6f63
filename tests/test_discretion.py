"""Discreet mode: neutral first lines, a neutral profile, protected results and contacts.

Someone who controls a person's phone may read the notification previews, the chat list and
the bot's profile without opening the chat. So:

- the FIRST LINE of every message a person can receive (what a preview shows: tags removed,
  first non-empty line) carries none of the words of content/sensitive_words.toml, in the
  locale's list or the English one; every message id of every resource in every locale is
  rendered with each variant of its selectors and checked;
- the bot's name, description, short description and command descriptions carry none of
  them anywhere, and fit Telegram's limits;
- results, contacts and everything a consultant sends go with protect_content; the safety
  card, which the person asks for in order to keep it, is the one exception.

What is not linted as a first line, and why:
- ``op-*`` messages: they are shown to hotline staff in their own group and never reach the
  person's phone. The console's messages to the person use other ids (``CONSOLE_TO_PERSON``,
  kept in step with bot/console*.py by a test) and are linted like every other message.
- ``PARTS``: pieces that are only ever put into another message after its first line (a
  "Police" contact in a list, a reason under a result). Each claim is proved: the test renders
  every host and fails if the piece could reach a first line.
- ``ALLOWED``: explicit opt-outs with a reason per id. Empty, and meant to stay so.
"""

from __future__ import annotations

import ast as pyast
import itertools
import re
from collections import deque
from collections.abc import AsyncIterator, Iterator, Mapping
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from aiogram import Bot
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from fluent.syntax import FluentParser, ast, visitor

from bot.console_views import CANNED, FEEDBACK
from bot.discretion import first_line, load_sensitive_words, normalise
from bot.i18n import Translator
from bot.render import render
from bot.telegram.profile import COMMANDS, DEFAULT, LIMITS, profile_texts, publish_profile
from dialogs.engine import Engine
from dialogs.flows import FLOWS
from dialogs.flows.risk_screening import PREFIX
from dialogs.risk import default_bank
from dialogs.types import (
    LOCALES,
    Answer,
    Choice,
    Command,
    Conversation,
    Fragment,
    Items,
    Reply,
    StepResult,
    Text,
)
from locales import LOCALES_DIR, RESOURCES
from tests.fakes import (
    FakeBotApi,
    callback_update,
    group_callback_update,
    group_message_update,
    message_update,
)
from tests.test_console import (
    GROUP,
    OLHA,
    ask_for_help,
    buttons_of,
    case_taken_by_olha,
    console_parts,
    deliver,
)
from tests.test_router import USER, close, make_harness, press_value

ROOT = Path(__file__).resolve().parent.parent
TOKEN = "123456:TEST-TOKEN"
STRICT = Translator(strict=True)
WORDS = load_sensitive_words()

#: Group-only messages: the hotline staff's own chat, never the person's phone.
OPERATOR_PREFIX = "op-"

#: What the console (bot/console.py, bot/console_actions.py) sends to the PERSON's chat:
#: linted like every dialog message, and protected (see the Bot API tests below).
CONSOLE_TO_PERSON: frozenset[str] = frozenset(
    {
        "consultant-joined",
        "consultant-end",
        "consultant-says",
        "consultant-sent",
        "consultant-away",
        "consultant-closed",
        "consultant-you-ended",
        "feedback-thanks",
        "case-wait",
        "case-wait-closed",
        "contacts-none",
        *(f"canned-{c.replace('_', '-')}" for c in CANNED),
        *(f"feedback-{v}" for v in FEEDBACK.values()),
    }
)

#: Message-id patterns that are only ever parts of another message, with where they go:
#: (host message id, variable). Host "*" means every message that has the variable.
#: A part is exempt from the first-line lint only because ``test_parts_never_reach_a_first_line``
#: proves that every host puts it after its first line (or is itself such a part, or is a
#: group-only ``op-`` message).
PARTS: dict[str, tuple[tuple[str, str], ...]] = {
    # the kind of service in one contact line or safety-card line ("Police", "Support for
    # victims of crime"): the contacts list must say what a number is
    r"service-[a-z-]+": (("contact-line", "service"), ("card-line", "service")),
    # one contact in a list, always under a heading (dialogs.contacts.contact_items)
    r"contact-line": (("*", "contacts"),),
    # one line of the safety card, under "Travel notes: <country>"
    r"card-line": (("safety-card", "lines"),),
    # why a result is what it is: a bullet under the result's heading, and in the team's
    # case summary (handoff.summary)
    r"ind-[a-z0-9-]+-why": (
        ("screening-reason", "reason"),
        ("screening-reason-ad", "reason"),
        ("screening-reason-unsure", "reason"),
        ("op-sign-yes", "sign"),
        ("op-sign-unsure", "sign"),
        ("op-sign-ad", "sign"),
    ),
    r"screening-reason(-ad|-unsure)?": (("screening-result", "reasons"),),
    # what to do next, under the result's heading and level
    r"screening-next-[a-z]+": (("screening-result", "next"),),
}

#: Explicit opt-outs: message id -> why it may carry a sensitive word in its first line.
ALLOWED: dict[str, str] = {}

#: Numbers that reach every CLDR plural category of uk, ru, lv and en.
_PLURAL_SAMPLES = (0, 1, 2, 5, 11, 21, 22, 101)
_PLURAL_KEYS = {"zero", "one", "two", "few", "many", "other"}


# -- the messages -------------------------------------------------------------------------


class _Variables(visitor.Visitor):
    """Every variable of a message and, for selectors, the keys of their variants."""

    def __init__(self) -> None:
        super().__init__()
        self.names: set[str] = set()
        self.keys: dict[str, set[str]] = {}

    def visit_VariableReference(self, node: ast.VariableReference) -> None:
        self.names.add(node.id.name)

    def visit_SelectExpression(self, node: ast.SelectExpression) -> None:
        if isinstance(node.selector, ast.VariableReference):
            keys = self.keys.setdefault(node.selector.id.name, set())
            for variant in node.variants:
                key = variant.key
                keys.add(key.name if isinstance(key, ast.Identifier) else key.value)
        self.generic_visit(node)


def _messages(locale: str) -> Iterator[tuple[str, ast.Message]]:
    for resource in RESOURCES:
        body = FluentParser().parse((LOCALES_DIR / locale / resource).read_text("utf-8")).body
        for entry in body:
            if isinstance(entry, ast.Message) and entry.value is not None:
                yield resource, entry


def _marker(name: str) -> str:
    return f"⟦{name}⟧"  # not a word character: never part of a hit


def _variants(message: ast.Message) -> Iterator[dict[str, str | int]]:
    """Representative arguments: each key of each selector (numbers for plurals), a marker
    for every other variable."""
    found = _Variables()
    found.visit(message)
    choices: dict[str, tuple[str | int, ...]] = {}
    for name in sorted(found.names):
        keys = found.keys.get(name)
        if keys and keys <= _PLURAL_KEYS:
            choices[name] = _PLURAL_SAMPLES
        elif keys:
            choices[name] = (*sorted(keys), _marker(name))
        else:
            choices[name] = (_marker(name),)
    names = list(choices)
    for values in itertools.product(*(choices[n] for n in names)):
        yield dict(zip(names, values, strict=True))


def _renderings(locale: str, message_id: str, message: ast.Message) -> Iterator[str]:
    for args in _variants(message):
        yield STRICT.format(locale, message_id, args)


def _part_of(message_id: str) -> str | None:
    return next((p for p in PARTS if re.fullmatch(p, message_id)), None)


def _hits(text: str, locale: str) -> list[str]:
    return WORDS.for_locale(text, locale)


# -- the word lists -----------------------------------------------------------------------


def test_every_locale_has_a_sensitive_word_list() -> None:
    assert set(LOCALES) <= set(WORDS.patterns)
    for locale in LOCALES:
        assert len(WORDS.patterns[locale]) >= 15, locale


@pytest.mark.parametrize(
    ("locale", "text"),
    [
        ("en", "Anti-Trafficking hotline"),
        ("en", "They were EXPLOITED"),
        ("en", "victims of forced labour"),
        ("en", "sexual abuse"),
        ("uk", "Протидія торгівлі людьми"),
        ("uk", "ознаки експлуатації"),
        ("uk", "зґвалтування"),
        ("uk", "Поліцію викликали"),
        ("uk", "постраждалим від насильства"),
        ("ru", "торговцы людьми"),
        ("ru", "изнасилование"),
        ("ru", "принудительный труд"),
        ("ru", "рабство"),
        ("ru", "Жертвы"),
        ("lv", "cilvēku tirdzniecības upuri"),
        ("lv", "vardarbība ģimenē"),
        ("lv", "policijā"),
        ("lv", "piespiedu darbs"),
        ("lv", "piespieda stāties dzimumattiecībās"),
        ("ru", "половые отношения"),
        ("uk", "You are a victim"),  # the English list applies to every locale
    ],
)
def test_the_lists_catch_inflected_forms(locale: str, text: str) -> None:
    assert _hits(text, locale), text


@pytest.mark.parametrize(
    ("locale", "text"),
    [
        ("en", "Traffic on the road; a grape; the privacy policy; Sussex; help"),
        ("uk", "Торгівля і робота; консультант; пожертва; допомога"),
        ("ru", "Работа, рабочий день, невольно, торговля, половина дня, помощь"),
        ("lv", "Darba piedāvājums, tirdzniecība, dzimums, palīdzība"),
    ],
)
def test_the_lists_leave_neutral_words_alone(locale: str, text: str) -> None:
    assert _hits(text, locale) == [], text


def test_first_line_is_what_a_preview_shows() -> None:
    assert first_line("\n  <b>Main &amp; menu</b>\nsecond") == "Main & menu"
    assert normalise("Ґ’Ё") == "г'е"


# -- first lines --------------------------------------------------------------------------


@pytest.mark.parametrize("locale", LOCALES)
def test_the_first_line_of_every_message_is_neutral(locale: str) -> None:
    problems: list[str] = []
    checked = 0
    for resource, message in _messages(locale):
        message_id = message.id.name
        if message_id.startswith(OPERATOR_PREFIX) or _part_of(message_id) or message_id in ALLOWED:
            continue
        for text in _renderings(locale, message_id, message):
            checked += 1
            line = first_line(text)
            hits = _hits(line, locale)
            if hits:
                problems.append(f"{locale}/{resource} {message_id}: {hits} in {line!r}")
    assert not problems, "\n".join(sorted(set(problems)))
    assert checked > 300


def test_only_operator_group_messages_are_left_out() -> None:
    en = {message.id.name: resource for resource, message in _messages("en")}
    operator_only = {m for m in en if m.startswith(OPERATOR_PREFIX)}
    assert operator_only
    assert {en[m] for m in operator_only} <= {"operators.ftl", "safety.ftl"}
    for message_id in CONSOLE_TO_PERSON:
        assert message_id in en, message_id
        assert not message_id.startswith(OPERATOR_PREFIX)
    # every id the console code names is either for the group (op-) or listed above
    for path in ("bot/console.py", "bot/console_actions.py", "bot/console_views.py"):
        tree = pyast.parse((ROOT / path).read_text("utf-8"))
        named = {
            node.value
            for node in pyast.walk(tree)
            if isinstance(node, pyast.Constant) and isinstance(node.value, str)
        }
        for message_id in named & set(en):
            assert message_id.startswith(OPERATOR_PREFIX) or message_id in CONSOLE_TO_PERSON, (
                f"{path} names {message_id}: add it to CONSOLE_TO_PERSON (if the person gets "
                "it) or give it an op- id (if only the group does)"
            )


def test_the_allow_list_is_tiny_and_names_real_messages() -> None:
    ids = {message.id.name for _, message in _messages("en")}
    assert len(ALLOWED) <= 3
    for message_id, reason in ALLOWED.items():
        assert message_id in ids
        assert len(reason) > 20


def _hosts(pattern: str, ids: Mapping[str, ast.Message]) -> Iterator[tuple[str, str]]:
    for host, variable in PARTS[pattern]:
        if host != "*":
            assert host in ids, f"{pattern}: no host {host}"
            yield host, variable
            continue
        for message_id, message in ids.items():
            found = _Variables()
            found.visit(message)
            if variable in found.names:
                yield message_id, variable


def _lands_after_first_line(
    locale: str, pattern: str, ids: Mapping[str, ast.Message], seen: frozenset[str]
) -> list[str]:
    problems: list[str] = []
    for host, variable in _hosts(pattern, ids):
        if host.startswith(OPERATOR_PREFIX):
            continue
        texts = list(_renderings(locale, host, ids[host]))
        assert any(_marker(variable) in t for t in texts), f"{host} has no ${variable}"
        if not any(_marker(variable) in first_line(t) for t in texts):
            continue
        outer = _part_of(host)
        if outer is None or outer in seen:
            problems.append(f"{locale}: {pattern} reaches the first line of {host}")
        else:
            problems += _lands_after_first_line(locale, outer, ids, seen | {outer})
    return problems


@pytest.mark.parametrize("locale", LOCALES)
def test_parts_never_reach_a_first_line(locale: str) -> None:
    ids = {message.id.name: message for _, message in _messages(locale)}
    problems: list[str] = []
    for pattern in PARTS:
        assert any(re.fullmatch(pattern, m) for m in ids), f"{pattern} matches no message"
        problems += _lands_after_first_line(locale, pattern, ids, frozenset({pattern}))
    assert not problems, "\n".join(problems)


# -- whole screens, as the engine builds them --------------------------------------------

ENGINE = Engine(FLOWS)
#: Replies that are results of a check: protected so they cannot be forwarded or saved.
RESULTS = frozenset(
    {
        "screening-result",
        "screening-urgent",
        "screening-urgent-sent",
        "ad-flags-found",
        "ad-no-flags",
    }
)
#: A job ad with warning signs, and one without.
ADS = (
    "Warehouse work in Poland, 4500 euro a month, no experience. Pay 300 euro for the "
    "documents before you leave; the employer keeps your passport. Write only in Telegram.",
    "Warehouse work in Poland, contract with the employer, visa arranged by us. " * 2,
)


def _carries_contacts(value: object) -> bool:
    match value:
        case Fragment(message_id=message_id, args=args):
            return message_id in {"contact-line", "card-line"} or any(
                _carries_contacts(v) for v in args.values()
            )
        case Items(parts=parts):
            return any(_carries_contacts(p) for p in parts)
    return False


def _check_screen(result: StepResult, problems: list[str]) -> None:
    replies = [e for e in result.effects if isinstance(e, Reply)]
    for reply in replies:
        contacts = any(_carries_contacts(v) for v in reply.args.values())
        if reply.message_id == "safety-card":
            # the person's explicit choice, sent on its own so nothing else leaves with it
            assert reply.separate
            assert not reply.protect
        elif (contacts or reply.message_id in RESULTS) and not reply.protect:
            problems.append(f"{reply.message_id} carries contacts or a result, unprotected")
    for locale in LOCALES:
        for message in render(STRICT, locale, result.effects):
            line = first_line(message.text)
            if _hits(line, locale):
                ids = [r.message_id for r in replies]
                problems.append(f"{locale} {ids}: {_hits(line, locale)} in {line!r}")


async def _begin(locale: str) -> StepResult:
    first = await ENGINE.step(None, Command("start"), locale_hint=locale)
    return await ENGINE.step(first.conversation, Choice(f"lang_{locale}"), locale_hint=locale)


async def test_every_screen_starts_neutral_and_protects_results_and_contacts() -> None:
    """Breadth-first over every button of every screen, then each indicator's result."""
    queue: deque[StepResult] = deque([await _begin("en")])
    seen: set[tuple[str, str, str, frozenset[str]]] = set()
    problems: list[str] = []
    screens = 0
    while queue:
        result = queue.popleft()
        conv = result.conversation
        last = [e for e in result.effects if isinstance(e, Reply)][-1]
        buttons = {b.label: Choice(b.value, b.token) for row in last.buttons for b in row}
        key = (conv.flow, conv.state, str(conv.answers.get("_q", "")), frozenset(buttons))
        if key in seen:
            continue
        seen.add(key)
        screens += 1
        _check_screen(result, problems)
        for choice in buttons.values():
            queue.append(await ENGINE.step(conv, choice, locale_hint="en"))
    assert screens > 50
    menu = (await _begin("en")).conversation
    for ad in ADS:
        _check_screen(await ENGINE.step(menu, Text(ad), locale_hint="en"), problems)
    screening = next(f for f in FLOWS if f.name == "risk_screening")
    for indicator in default_bank().indicators:
        for answer in ("yes", "unsure", "ad"):
            answers: dict[str, Answer] = {"mode": "abroad", "country": "pl", "_urgent": True}
            answers[PREFIX + indicator.id] = answer
            conv = Conversation(screening.name, screening.version, "result", answers, "en")
            reply = ENGINE.render(conv)
            _check_screen(StepResult((reply,), conv, "result"), problems)
    assert not problems, "\n".join(sorted(set(problems)))


def test_what_the_console_tells_the_person_starts_neutral() -> None:
    problems: list[str] = []
    contacts = Fragment("contacts-none")
    for locale in LOCALES:
        samples = [
            Reply("consultant-joined", {"name": "Olha"}),
            Reply("consultant-away"),
            Reply("consultant-closed"),
            Reply("consultant-you-ended"),
            Reply("feedback-thanks"),
            Reply("case-wait", {"contacts": contacts}),
            Reply("case-wait-closed", {"when": "30.11 09:00", "contacts": contacts}),
            *(
                Reply("consultant-says", {"name": "Olha", "text": Fragment(f"canned-{c}")})
                for c in (c.replace("_", "-") for c in CANNED)
            ),
        ]
        for message in render(STRICT, locale, samples):
            for text in message.text.split("\n\n"):
                if _hits(first_line(text), locale):
                    problems.append(f"{locale}: {first_line(text)!r}")
        caption = STRICT.format(locale, "consultant-sent", {"name": "Olha"})
        if _hits(caption, locale):
            problems.append(f"{locale}: {caption!r}")
    assert not problems, "\n".join(problems)


# -- the bot's profile --------------------------------------------------------------------


def _profile_problems(locale: str) -> list[str]:
    texts = profile_texts(STRICT, locale)
    problems: list[str] = []
    fields = {
        "name": texts.name,
        "description": texts.description,
        "short_description": texts.short_description,
    }
    for field, value in fields.items():
        if not 1 <= len(value) <= LIMITS[field]:
            problems.append(f"{locale} {field}: {len(value)} characters, limit {LIMITS[field]}")
    for command, description in texts.commands:
        if not re.fullmatch(r"[a-z0-9_]{1,32}", command):
            problems.append(f"/{command} is not a valid Telegram command")
        if not 1 <= len(description) <= LIMITS["command"]:
            problems.append(f"{locale} /{command}: {len(description)} characters")
        fields[f"/{command}"] = description
    for field, value in fields.items():
        # in full, not just a first line: the profile is read as a whole
        if hits := _hits(value, locale):
            problems.append(f"{locale} {field}: {hits} in {value!r}")
    return problems


@pytest.mark.parametrize("locale", LOCALES)
def test_profile_is_neutral_and_within_telegram_limits(locale: str) -> None:
    problems = _profile_problems(locale)
    assert not problems, "\n".join(problems)
    assert "help" in COMMANDS


@pytest.fixture
async def fake() -> AsyncIterator[FakeBotApi]:
    async with FakeBotApi(global_rate=None, per_chat_rate=None) as server:
        server.add_forum_group(GROUP, title="Hotline shift")
        yield server


async def test_publish_profile_sets_name_descriptions_and_commands_in_every_locale(
    fake: FakeBotApi,
) -> None:
    fake.bot_first_name = "New bot"  # as BotFather left it
    bot = Bot(TOKEN, session=AiohttpSession(api=TelegramAPIServer.from_base(fake.base_url)))
    try:
        assert await publish_profile(bot, STRICT) > 0
        for locale in LOCALES:
            code = None if locale == DEFAULT else locale
            texts = profile_texts(STRICT, locale)
            # what Telegram shows in each language, own text or the default's
            assert (await bot.get_my_name(language_code=code)).name == texts.name
            description = await bot.get_my_description(language_code=code)
            assert description.description == texts.description
            short = await bot.get_my_short_description(language_code=code)
            assert short.short_description == texts.short_description
            commands = await bot.get_my_commands(language_code=code)
            assert [(c.command, c.description) for c in commands] == list(texts.commands)
            assert not _profile_problems(locale)
        published = {c.params.get("language_code") for c in fake.calls_to("setMyCommands")}
        assert published == {None, "uk", "ru", "lv"}
        # the default first, so "Lastivka" in lv is the default's and needs no call of its own
        named = [c.params.get("language_code") for c in fake.calls_to("setMyName")]
        assert named == [None, "uk", "ru"]
        # Telegram rate-limits profile changes: a restart that changes nothing sets nothing
        sets = [c for c in fake.calls if c.method.startswith("setMy")]
        assert await publish_profile(bot, STRICT) == 0
        assert [c for c in fake.calls if c.method.startswith("setMy")] == sets
    finally:
        await bot.session.close()


async def test_a_refused_profile_does_not_stop_the_bot(fake: FakeBotApi) -> None:
    bot = Bot(TOKEN, session=AiohttpSession(api=TelegramAPIServer.from_base(fake.base_url)))
    try:
        fake.fail_next(
            "setMyName",
            status=429,
            body={
                "ok": False,
                "error_code": 429,
                "description": "Too Many Requests: retry after 3600",
                "parameters": {"retry_after": 3600},
            },
        )
        assert await publish_profile(bot, STRICT) > 0
        assert fake.calls_to("setMyShortDescription")  # the other locales went on
    finally:
        await bot.session.close()


# -- protect_content, through the Bot API -------------------------------------------------


def _sent_to(fake: FakeBotApi, chat_id: int) -> list[Any]:
    return [
        c
        for c in fake.calls
        if c.ok
        and c.method in ("sendMessage", "copyMessage")
        and c.params.get("chat_id") == chat_id
    ]


async def test_a_screening_result_and_a_contacts_card_go_out_protected(
    tmp_path: Path, fake: FakeBotApi
) -> None:
    h = await make_harness(tmp_path, fake)
    try:
        await h.feed(message_update(USER, "/start", language_code="uk"))
        await press_value(h, "lang_uk")
        for value in ("screening", "offer", "self", "age_26_plus", "c_pl", "questions"):
            await press_value(h, value)
        while any(v.startswith("s:") and v.endswith(":no") for v in h.last_keyboard().values()):
            await press_value(h, "no")
        result = _sent_to(fake, USER)[-1]
        assert "Ваш результат" in result.params["text"]
        assert result.params.get("protect_content") is True
        assert not _hits(first_line(result.params["text"]), "uk")

        await h.feed(message_update(USER, "/menu"))
        for value in ("migration", "countries", "c_pl"):
            await press_value(h, value)
        card = _sent_to(fake, USER)[-1]
        assert "112" in card.params["text"]
        assert card.params.get("protect_content") is True

        # the safety card: asked for, to be kept; on its own, unprotected; the rest protected
        before = len(_sent_to(fake, USER))
        await press_value(h, "card")
        kept, after = _sent_to(fake, USER)[before:]
        assert "112" in kept.params["text"]
        assert "protect_content" not in kept.params
        assert "reply_markup" not in kept.params
        assert "112" not in after.params["text"]
    finally:
        await close(h)


async def test_a_pasted_text_without_warning_signs_is_still_a_protected_result(
    tmp_path: Path, fake: FakeBotApi
) -> None:
    h = await make_harness(tmp_path, fake)
    try:
        await h.feed(message_update(USER, "/start", language_code="en"))
        await press_value(h, "lang_en")
        harmless = "Warehouse work in Poland, contract with the employer, visa arranged by us. " * 2
        await h.feed(message_update(USER, harmless, language_code="en"))
        sent = _sent_to(fake, USER)[-1]
        assert "did not find known warning signs" in sent.params["text"]
        assert sent.params.get("protect_content") is True
    finally:
        await close(h)


@pytest.fixture
async def console(tmp_path: Path, fake: FakeBotApi) -> AsyncIterator[dict[str, Any]]:
    """The operator console wired as in ``lastivka run`` (tests/test_console.py's parts)."""
    async with console_parts(tmp_path, fake) as wired:
        yield wired


async def test_everything_a_consultant_sends_the_person_is_protected(
    fake: FakeBotApi, console: dict[str, Any]
) -> None:
    person = 5101
    topic = await case_taken_by_olha(console, fake, person)
    joined = len(_sent_to(fake, person)) - 1
    assert "Olha" in _sent_to(fake, person)[joined].params["text"]

    # a typed reply, a photo and a ready answer
    async def operator(text: str | None, **extra: Any) -> None:
        update = group_message_update(GROUP, OLHA, text, thread_id=topic, extra=extra or None)
        await deliver(console, fake, update)

    async def tap(data: str) -> None:
        update = group_callback_update(GROUP, OLHA, data, message_id=1, thread_id=topic)
        await deliver(console, fake, update)

    await operator("Де ви зараз?")
    await operator(None, photo=[{"file_id": "g", "file_unique_id": "gu", "width": 9, "height": 9}])
    await operator("/canned")
    await tap(buttons_of(fake.topic_messages(GROUP, topic)[-1])["Is it safe to talk?"])
    # the close, its one feedback question and the thanks
    held = fake.topic_messages(GROUP, topic)
    await tap(next(d for m in held for label, d in buttons_of(m).items() if "✅" in label))
    await tap(buttons_of(fake.topic_messages(GROUP, topic)[-1])["Referred to a service"])
    closed = _sent_to(fake, person)[-1].params
    helped = buttons_of(closed)["Так, допомогло"]
    await deliver(console, fake, callback_update(person, helped, message_id=1))

    told = _sent_to(fake, person)[joined:]
    methods = [c.method for c in told]
    assert methods.count("copyMessage") == 1
    assert len(told) >= 6  # joined, reply, photo, ready answer, closed, thanks
    for call in told:
        assert call.params.get("protect_content") is True, call.params.get("text")
    assert "Чи безпечно вам зараз писати?" in told[3].params["text"]
    assert "Дякуємо" in told[-1].params["text"]


async def test_the_wait_notice_with_round_the_clock_numbers_is_protected(
    fake: FakeBotApi, console: dict[str, Any]
) -> None:
    person = 5102
    await ask_for_help(console, fake, person, danger=False)  # high: 30 minutes to claim
    await console["console"].open_topics()
    console["clock"].now += timedelta(minutes=31)
    assert await console["console"].alert_overdue() == 1
    notice = _sent_to(fake, person)[-1]
    assert "цілодобово" in notice.params["text"]
    assert notice.params.get("protect_content") is True
    assert not _hits(first_line(notice.params["text"]), "uk")
