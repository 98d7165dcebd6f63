"""The three dialogs end to end on the engine: golden transcripts, every edge, every locale.

Golden transcripts (tests/golden/*.txt) list, for scripted paths, each input and what the
engine answered: the state, the message ids and the buttons. Each path runs in every
locale, and every message is rendered by the strict translator and parsed as Telegram HTML,
so a missing translation or variable fails here. ``LASTIVKA_UPDATE_GOLDEN=1`` rewrites the
files from the current behaviour (review the diff before committing it).
"""

from __future__ import annotations

import asyncio
import os
from collections import deque
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.i18n import Translator
from bot.render import render
from dialogs.engine import Engine
from dialogs.flows import FLOWS
from dialogs.flows.help_request import DETAILS_LIMIT
from dialogs.flows.risk_screening import assessment_of
from dialogs.risk import Level, default_bank
from dialogs.types import (
    LOCALES,
    Choice,
    Command,
    Conversation,
    Erase,
    Input,
    OpenCase,
    Priority,
    QuickExit,
    Reply,
    StepResult,
    Text,
    Unsupported,
)
from tests.fakes import parse_html

ENGINE = Engine(FLOWS)
STRICT = Translator(strict=True)
GOLDEN = Path(__file__).parent / "golden"
UPDATE = os.environ.get("LASTIVKA_UPDATE_GOLDEN") == "1"

RED_AD = (
    "Робота в Польщі на складі, 4500 євро на місяць, без досвіду. "
    "Оплата за оформлення документів 300 євро до виїзду. Паспорт залишаєте у роботодавця. "
    "Пишіть тільки в Telegram."
)


def replies(result: StepResult) -> list[Reply]:
    return [e for e in result.effects if isinstance(e, Reply)]


def buttons(result: StepResult) -> dict[str, Choice]:
    last = replies(result)[-1]
    return {b.label: Choice(b.value, b.token) for row in last.buttons for b in row}


def check_rendered(result: StepResult) -> None:
    """Every locale renders every reply, within Telegram's limits, as valid HTML."""
    for locale in LOCALES:
        for message in render(STRICT, locale, result.effects):
            assert 0 < len(message.text) <= 4096
            plain, _ = parse_html(message.text)
            assert plain.strip()
            for row in message.rows:
                for button in row:
                    assert 0 < len(button.label) <= 64


async def begin(locale: str = "uk") -> StepResult:
    first = await ENGINE.step(None, Command("start"), locale_hint=locale)
    return await ENGINE.step(first.conversation, Choice(f"lang_{locale}"), locale_hint=locale)


def parse_input(spec: str, result: StepResult) -> Input:
    kind, _, rest = spec.partition(":")
    if kind == "tap":
        available = buttons(result)
        assert rest in available, f"no button {rest} in {sorted(available)}"
        return available[rest]
    if kind == "text":
        return Text(RED_AD if rest == "RED_AD" else rest)
    if kind == "fwd":
        origin, _, text = rest.partition(":")
        return Text(RED_AD if text == "RED_AD" else text, forwarded=origin)
    if kind == "cmd":
        return Command(rest)
    if kind == "sticker":
        return Unsupported("sticker")
    raise ValueError(spec)


def describe(result: StepResult) -> str:
    conv = result.conversation
    messages = ", ".join(r.message_id for r in replies(result))
    rows = " / ".join(" ".join(b.label for b in row) for row in replies(result)[-1].buttons if row)
    cases = [
        f"case {e.priority.name}:{e.reason}" for e in result.effects if isinstance(e, OpenCase)
    ]
    cases += [type(e).__name__ for e in result.effects if isinstance(e, QuickExit | Erase)]
    extra = f" [{'; '.join(cases)}]" if cases else ""
    return f"{conv.flow}.{conv.state}: {messages} | {rows}{extra}".rstrip()


async def run_script(inputs: list[str], locale: str) -> list[str]:
    result = await begin(locale)
    lines: list[str] = []
    for spec in inputs:
        if spec.startswith("repeat:"):
            label = spec.removeprefix("repeat:")
            while result.conversation.state == "question":
                result = await ENGINE.step(
                    result.conversation, buttons(result)[label], locale_hint=locale
                )
                check_rendered(result)
                lines.append(f"> tap:{label}\n{describe(result)}")
            continue
        given = parse_input(spec, result)
        result = await ENGINE.step(result.conversation, given, locale_hint=locale)
        check_rendered(result)
        lines.append(f"> {spec}\n{describe(result)}")
    return lines


def golden_cases() -> list[tuple[str, str, list[str]]]:
    cases = []
    for path in sorted(GOLDEN.glob("*.txt")):
        name = ""
        inputs: list[str] = []
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.startswith("## "):
                if name:
                    cases.append((path.stem, name, inputs))
                name, inputs = line[3:].strip(), []
            elif line.startswith("> "):
                inputs.append(line[2:])
        if name:
            cases.append((path.stem, name, inputs))
    return cases


def expected_for(file: str, name: str) -> list[str]:
    text = (GOLDEN / f"{file}.txt").read_text(encoding="utf-8")
    block = text.split(f"## {name}\n", 1)[1].split("\n## ", 1)[0]
    return [chunk.strip() for chunk in block.strip().split("\n\n")]


@pytest.mark.parametrize("locale", LOCALES)
@pytest.mark.parametrize(("file", "name", "inputs"), golden_cases())
async def test_golden_transcripts(file: str, name: str, inputs: list[str], locale: str) -> None:
    lines = await run_script(inputs, locale)
    if UPDATE:
        if locale != "en":
            return
        path = GOLDEN / f"{file}.txt"
        text = path.read_text(encoding="utf-8")
        head, rest = text.split(f"## {name}\n", 1)
        tail = rest.split("\n## ", 1)
        after = "\n## " + tail[1] if len(tail) > 1 else "\n"
        path.write_text(f"{head}## {name}\n" + "\n\n".join(lines) + "\n" + after, "utf-8")
        return
    assert lines == expected_for(file, name)


# -- every edge ---------------------------------------------------------------------------


async def test_every_option_of_every_step_works_and_renders_in_every_locale() -> None:
    """Breadth-first over screens: each button of each screen is pressed at least once."""
    start = await begin("en")
    queue: deque[StepResult] = deque([start])
    seen_screens: set[tuple[str, str]] = set()
    seen_keys: set[tuple[str, str, str, frozenset[str]]] = set()
    pressed = 0
    while queue:
        result = queue.popleft()
        conv = result.conversation
        # a screen is its step, its question and the buttons it shows (some depend on answers)
        key = (conv.flow, conv.state, str(conv.answers.get("_q", "")), frozenset(buttons(result)))
        if key in seen_keys:
            continue
        seen_keys.add(key)
        seen_screens.add((conv.flow, conv.state))
        for label, choice in buttons(result).items():
            after = await ENGINE.step(conv, choice, locale_hint="en")
            pressed += 1
            assert "button-expired" not in [r.message_id for r in replies(after)], (key[:2], label)
            check_rendered(after)
            queue.append(after)
    # the cover flow shows only in a cover-menu deployment: tests/test_cover.py walks it
    expected = {
        (flow.name, step.name)
        for flow in FLOWS
        for step in flow.steps
        if flow.name not in ("start", "cover")
    }
    # numbers-after-a-request shows only when the request said "danger now": breadth-first
    # reaches the request screens by a shorter path first; the golden transcript goes there.
    missing = expected - seen_screens - {("help_request", "numbers")}
    assert not missing, f"unreachable by buttons: {sorted(missing)}"
    assert pressed > 150


def test_every_indicator_question_and_reason_renders_in_every_locale() -> None:
    for indicator in default_bank().indicators:
        for locale in LOCALES:
            for who in ("self", "other"):
                text = STRICT.format(locale, indicator.message, {"who": who})
                assert 10 < len(text) <= 300, (indicator.id, locale)
                parse_html(text)
            assert STRICT.format(locale, indicator.why)


# -- behaviours ---------------------------------------------------------------------------


async def tap(result: StepResult, *labels: str) -> StepResult:
    for label in labels:
        result = await ENGINE.step(result.conversation, buttons(result)[label], locale_hint="uk")
    return result


async def screening(mode: str, age: str = "screening-age-age-26-plus") -> StepResult:
    result = await tap(await begin(), "menu-screening", mode, "screening-for-self", age)
    return await tap(result, "country-pl")


async def test_a_pasted_ad_prefills_the_screening_and_its_questions_are_not_asked() -> None:
    ad_step = await screening("screening-mode-offer")
    assert ad_step.conversation.state == "ad"
    read = await ENGINE.step(ad_step.conversation, Text(RED_AD), locale_hint="uk")
    found = replies(read)[0]
    assert found.message_id == "ad-flags-found"
    assert found.protect
    answers = read.conversation.answers
    filled = {k for k, v in answers.items() if v == "ad"}
    assert {"i.upfront_fee", "i.documents_taken"} <= filled
    asked: list[str] = []
    result = read
    while result.conversation.state == "question":
        asked.append(str(result.conversation.answers["_q"]))
        result = await tap(result, "answer-no")
    assert not {"upfront_fee", "documents_taken"} & set(asked)
    assert result.conversation.state == "result"
    assessment = assessment_of(result.conversation.answers)
    assert assessment.level >= Level.HIGH
    # the evidence is shown once, never stored
    assert not any("залишаєте" in str(v) for v in result.conversation.answers.values())


async def test_a_forwarded_ad_keeps_only_the_kind_of_origin() -> None:
    ad_step = await screening("screening-mode-offer")
    read = await ENGINE.step(
        ad_step.conversation, Text(RED_AD, forwarded="channel"), locale_hint="uk"
    )
    assert read.conversation.answers["ad_origin"] == "channel"
    stored = " ".join(f"{k}={v}" for k, v in read.conversation.answers.items())
    assert "Telegram" not in stored
    assert "євро" not in stored


async def test_an_ad_pasted_in_the_menu_starts_a_prefilled_screening() -> None:
    menu = await begin()
    result = await ENGINE.step(menu.conversation, Text(RED_AD), locale_hint="uk")
    ids = [r.message_id for r in replies(result)]
    assert ids == ["ad-flags-found", "ad-continue", "screening-mode"]
    assert result.conversation.flow == "risk_screening"
    assert result.conversation.answers.get("i.upfront_fee") == "ad"
    assert not any(k.startswith("carry.") for k in result.conversation.answers)
    # after mode, whom, age and country the ad step is skipped: the ad is already read
    after = await tap(
        result,
        "screening-mode-offer",
        "screening-for-self",
        "screening-age-age-18-25",
        "country-de",
    )
    assert after.conversation.state == "question"
    # short chat in the menu is not taken for an ad
    chat = await ENGINE.step(menu.conversation, Text("привіт"), locale_hint="uk")
    assert [r.message_id for r in replies(chat)] == ["use-buttons", "menu-title"]


async def test_an_urgent_answer_interrupts_with_numbers_and_the_offer_of_a_person() -> None:
    result = await screening("screening-mode-abroad")
    while result.conversation.answers.get("_q") != "cannot_leave":
        result = await tap(result, "answer-no")
    urgent = await tap(result, "answer-yes")
    assert urgent.conversation.state == "urgent"
    message = replies(urgent)[-1]
    assert message.message_id == "screening-urgent"
    assert message.protect
    text = render(STRICT, "uk", urgent.effects)[-1].text
    assert "112" in text  # Poland: the European emergency number, with its source
    sent = await tap(urgent, "screening-urgent-person")
    assert OpenCase(Priority.URGENT, "screening_urgent") in sent.effects
    # going on: the rest of the questions, and the urgent screen does not come back
    result = await tap(sent, "screening-urgent-continue")
    while result.conversation.state == "question":
        result = await tap(result, "answer-no")
    assert result.conversation.state == "result"
    assert assessment_of(result.conversation.answers).level is Level.URGENT


async def test_under_18_any_sign_is_high_risk_and_the_result_says_why() -> None:
    result = await screening("screening-mode-offer", "screening-age-under-18")
    result = await tap(result, "screening-ad-skip", "answer-unsure")
    while result.conversation.state == "question":
        result = await tap(result, "answer-no")
    assert assessment_of(result.conversation.answers).level >= Level.HIGH
    reply = replies(result)[-1]
    assert reply.args["child"] != ""
    assert "screening-person" in buttons(result)


async def test_back_in_the_questions_undoes_the_last_answer() -> None:
    result = await tap(await screening("screening-mode-offer"), "screening-ad-skip")
    first = result.conversation.answers["_q"]
    second = await tap(result, "answer-yes")
    assert second.conversation.answers[f"i.{first}"] == "yes"
    back = await tap(second, "button-back")
    assert back.conversation.answers["_q"] == first
    assert f"i.{first}" not in back.conversation.answers
    back_again = await tap(back, "button-back")
    assert back_again.conversation.state == "ad"


async def test_a_button_of_an_earlier_question_cannot_answer_the_current_one() -> None:
    result = await tap(await screening("screening-mode-offer"), "screening-ad-skip")
    stale = buttons(result)["answer-yes"]
    moved = await tap(result, "answer-no")
    again = await ENGINE.step(moved.conversation, stale, locale_hint="uk")
    assert replies(again)[0].message_id == "button-expired"
    assert again.conversation == moved.conversation


async def test_a_low_result_offers_no_case_but_keeps_advice_and_a_new_check() -> None:
    result = await tap(await screening("screening-mode-offer"), "screening-ad-skip")
    while result.conversation.state == "question":
        result = await tap(result, "answer-no")
    assert assessment_of(result.conversation.answers).level is Level.LOW
    assert set(buttons(result)) >= {"screening-advice", "screening-again"}
    assert "screening-person" not in buttons(result)
    again = await tap(result, "screening-again")
    assert again.conversation.state == "mode"
    assert again.conversation.answers == {}


async def test_help_request_passes_nothing_without_consent_and_keeps_the_note_encrypted_only() -> (
    None
):
    result = await tap(
        await begin(),
        "menu-help",
        "help-for-other",
        "help-topic-labour",
        "country-lv",
        "help-urgency-soon",
        "help-reply-evening",
    )
    noted = await ENGINE.step(
        result.conversation, Text("  Не платять третій місяць  "), locale_hint="uk"
    )
    assert noted.conversation.answers["details"] == "Не платять третій місяць"
    declined = await tap(noted, "help-consent-no")
    assert not any(isinstance(e, OpenCase) for e in declined.effects)
    agreed = await tap(declined, "help-again", "help-consent-yes")
    assert OpenCase(Priority.HIGH, "help_request") in agreed.effects
    too_long = await ENGINE.step(
        result.conversation, Text("x" * (DETAILS_LIMIT + 1)), locale_hint="uk"
    )
    assert replies(too_long)[0].message_id == "text-too-long"
    assert too_long.conversation == result.conversation


async def test_no_topic_is_turned_away_and_exploitation_is_at_least_high() -> None:
    for topic in ("exploitation", "job-offer", "violence", "labour", "migration", "other"):
        result = await tap(
            await begin(),
            "menu-help",
            "help-for-self",
            f"help-topic-{topic}",
            "country-other",
            "help-urgency-question",
            "help-reply-anytime",
            "help-details-skip",
            "help-consent-yes",
        )
        cases = [e for e in result.effects if isinstance(e, OpenCase)]
        expected = Priority.HIGH if topic == "exploitation" else Priority.NORMAL
        assert cases == [OpenCase(expected, "help_request")], topic


async def test_start_on_a_half_finished_flow_asks_to_continue_or_start_again() -> None:
    half = await tap(await begin(), "menu-help", "help-for-self")
    asked = await ENGINE.step(half.conversation, Command("start"), locale_hint="uk")
    assert [r.message_id for r in replies(asked)] == ["resume-question"]
    assert asked.conversation == half.conversation
    going_on = await tap(asked, "resume-continue")
    assert going_on.conversation == half.conversation
    assert replies(going_on)[-1].message_id == "help-topic"
    fresh = await tap(asked, "resume-restart")
    assert fresh.conversation.flow == "menu"
    # at the first screen or an end screen /start goes straight to the menu
    first = await tap(await begin(), "menu-help")
    direct = await ENGINE.step(first.conversation, Command("start"), locale_hint="uk")
    assert replies(direct)[-1].message_id == "menu-title"


async def test_the_safety_card_is_a_separate_message_people_can_keep() -> None:
    result = await tap(await begin(), "menu-migration", "migration-topic-card", "country-lt")
    card = replies(result)[0]
    assert card.message_id == "safety-card"
    assert card.separate
    assert not card.protect
    messages = render(STRICT, "uk", result.effects)
    assert len(messages) == 2
    assert not messages[0].rows
    assert "112" in messages[0].text
    country = await tap(await begin(), "menu-migration", "migration-topic-countries", "country-ua")
    assert replies(country)[-1].protect
    kept = await tap(country, "migration-topic-card")
    assert replies(kept)[0].message_id == "safety-card"
    assert "102" in render(STRICT, "uk", kept.effects)[0].text


# -- anything at all ----------------------------------------------------------------------

_text = st.one_of(
    st.text(max_size=200),
    st.text(alphabet=st.characters(categories=["Lo", "Mn", "So", "Cf"]), max_size=80),
    st.just("مرحبا بالعالم، أحتاج المساعدة في العمل " * 3),
    st.just("🆘" * 200),
    st.just("x" * 4096),
    st.just(RED_AD),
)
_inputs = st.one_of(
    st.builds(Text, _text, st.sampled_from(["", "user", "hidden", "channel"])),
    st.builds(Command, st.sampled_from(["start", "menu", "language", "help", "about", "x"])),
    st.builds(Unsupported, st.sampled_from(["sticker", "voice", "photo"])),
    # presses are the common input: weigh them three to one against the rest
    *[st.integers(min_value=0, max_value=40)] * 9,  # index of a button on the current screen
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(locale=st.sampled_from(LOCALES), inputs=st.lists(_inputs, min_size=3, max_size=60))
def test_no_sequence_of_presses_and_texts_breaks_the_dialogs(
    locale: str, inputs: list[Input | int]
) -> None:
    async def run() -> None:
        result = await begin(locale)
        for item in inputs:
            if isinstance(item, int):
                options = list(buttons(result).values())
                given_input: Input = options[item % len(options)] if options else Command("menu")
            else:
                given_input = item
            result = await ENGINE.step(result.conversation, given_input, locale_hint=locale)
            assert replies(result), "every input gets an answer"
            conv = result.conversation
            ENGINE.flows[conv.flow].step(conv.state)  # a state that exists
            if conv.state == "question":
                assert conv.answers.get("_q"), "a question screen always has a question"
            for message in render(STRICT, locale, result.effects):
                assert len(message.text) <= 4096
            # help stays reachable: a person and contacts, from anywhere, in two taps
            menu = await ENGINE.step(conv, Choice("menu"), locale_hint=locale)
            help_flow = await ENGINE.step(
                menu.conversation, buttons(menu)["menu-help"], locale_hint=locale
            )
            assert help_flow.conversation.flow == "help_request"

    asyncio.run(run())


def test_state_of_a_conversation_survives_json() -> None:
    """Answers are stored as JSON: every value a flow writes must round-trip."""
    import json

    async def run() -> Conversation:
        result = await tap(await screening("screening-mode-offer"), "screening-ad-skip")
        return (await tap(result, "answer-unsure")).conversation

    conv = asyncio.run(run())
    assert json.loads(json.dumps(dict(conv.answers))) == dict(conv.answers)
