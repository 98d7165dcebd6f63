"""The engine alone: golden transcripts per flow, global inputs, stale buttons, versions."""

from __future__ import annotations

import asyncio
from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dialogs.engine import MAX_TEXT, Engine
from dialogs.flow import Flow, Option, Step
from dialogs.flows import FLOWS
from dialogs.types import (
    Choice,
    Command,
    Conversation,
    Input,
    Reply,
    SetLocale,
    StepResult,
    Text,
    Unsupported,
)

ENGINE = Engine(FLOWS)


def replies(result: StepResult) -> list[str]:
    return [e.message_id for e in result.effects if isinstance(e, Reply)]


def last_buttons(result: StepResult) -> dict[str, Choice]:
    reply = [e for e in result.effects if isinstance(e, Reply)][-1]
    return {b.label: Choice(b.value, b.token) for row in reply.buttons for b in row}


async def start_in(locale: str = "uk") -> StepResult:
    first = await ENGINE.step(None, Command("start"), locale_hint=locale)
    return await ENGINE.step(first.conversation, Choice(f"lang_{locale}"), locale_hint=locale)


async def press(result: StepResult, label: str) -> StepResult:
    return await ENGINE.step(result.conversation, last_buttons(result)[label], locale_hint="uk")


async def test_first_contact_greets_and_offers_language_preselected_from_telegram() -> None:
    result = await ENGINE.step(None, Command("start"), locale_hint="lv")
    assert replies(result) == ["welcome", "choose-language"]
    picker = result.effects[-1]
    assert isinstance(picker, Reply)
    first = picker.buttons[0][0]
    assert (first.value, first.selected) == ("lang_lv", True)
    assert [row[0].value for row in picker.buttons] == [
        "lang_lv",
        "lang_uk",
        "lang_ru",
        "lang_en",
        "exit",
    ]
    assert result.conversation.locale is None


async def test_unknown_telegram_language_preselects_english() -> None:
    result = await ENGINE.step(None, Text("hi"), locale_hint="de")
    picker = result.effects[-1]
    assert isinstance(picker, Reply)
    assert picker.buttons[0][0].value == "lang_en"


async def test_choosing_language_sets_locale_and_shows_menu() -> None:
    result = await start_in("ru")
    assert SetLocale("ru") in result.effects
    assert replies(result) == ["language-set", "menu-title"]
    assert result.conversation.flow == "menu"
    assert set(last_buttons(result)) == {
        "menu-screening",
        "menu-migration",
        "menu-settings",
        "menu-subscribe",
        "button-exit",
        "menu-help",
        "menu-human",
        "menu-language",
        "menu-about",
    }


@pytest.mark.parametrize(
    ("entry", "flow", "message"),
    [
        ("menu-screening", "risk_screening", "screening-mode"),
        ("menu-migration", "safe_migration", "migration-topics"),
        ("menu-help", "help_request", "help-for-whom"),
        ("menu-about", "about", "about-text"),
    ],
)
async def test_every_menu_entry_starts_its_flow_with_a_way_back(
    entry: str, flow: str, message: str
) -> None:
    menu = await start_in()
    result = await press(menu, entry)
    assert result.conversation.flow == flow
    assert replies(result) == [message]
    back = await press(result, "button-menu")
    assert back.conversation.flow == "menu"


async def test_language_entry_opens_picker_and_keeps_the_place() -> None:
    menu = await start_in()
    picker = await press(menu, "menu-language")
    assert replies(picker) == ["choose-language"]
    changed = await press(picker, "language-name-lv")
    assert changed.conversation.locale == "lv"
    assert changed.conversation.flow == "menu"


@pytest.mark.parametrize(
    ("given", "hint"),
    [
        (Unsupported("sticker"), "unsupported-input"),
        (Unsupported("voice"), "unsupported-input"),
        (Command("frobnicate"), "unknown-command"),
        (Text("hello"), "use-buttons"),
        (Text("x" * (MAX_TEXT + 1)), "text-too-long"),
        (Command("help"), "help-text"),
    ],
)
async def test_unexpected_input_gets_hint_and_current_step_without_moving(
    given: Input, hint: str
) -> None:
    screening = await press(await press(await start_in(), "menu-screening"), "screening-mode-offer")
    result = await ENGINE.step(screening.conversation, given, locale_hint="uk")
    assert replies(result) == [hint, "screening-for-whom"]
    assert result.conversation == screening.conversation


async def test_stale_button_from_an_earlier_step_has_expired() -> None:
    mode = await press(await start_in(), "menu-screening")
    old = last_buttons(mode)["screening-mode-offer"]
    moved = await ENGINE.step(mode.conversation, old, locale_hint="uk")
    again = await ENGINE.step(moved.conversation, old, locale_hint="uk")
    assert replies(again) == ["button-expired", "screening-for-whom"]
    assert again.conversation == moved.conversation


@pytest.mark.parametrize(
    "choice",
    [Choice("offer", "forged"), Choice("nope", ""), Choice("", "forged"), Choice("lang_xx")],
)
async def test_forged_buttons_have_expired(choice: Choice) -> None:
    mode = await press(await start_in(), "menu-screening")
    result = await ENGINE.step(mode.conversation, choice, locale_hint="uk")
    assert replies(result)[0] == "button-expired"
    assert result.conversation == mode.conversation


async def test_option_value_from_another_step_with_right_token_is_refused() -> None:
    mode = await press(await start_in(), "menu-screening")
    token = ENGINE.token(mode.conversation)
    result = await ENGINE.step(mode.conversation, Choice("self", token), locale_hint="uk")
    assert replies(result)[0] == "button-expired"


async def test_language_switch_mid_flow_keeps_the_place() -> None:
    step = await press(await press(await start_in(), "menu-help"), "help-for-self")
    picker = await ENGINE.step(step.conversation, Command("language"), locale_hint="uk")
    assert picker.conversation == step.conversation
    switched = await ENGINE.step(picker.conversation, Choice("lang_en"), locale_hint="uk")
    assert switched.conversation.locale == "en"
    assert (switched.conversation.flow, switched.conversation.state) == ("help_request", "topic")
    assert replies(switched) == ["language-set", "help-topic"]


async def test_start_for_a_known_person_resets_to_menu_keeping_language() -> None:
    step = await press(await start_in("lv"), "menu-help")
    again = await ENGINE.step(step.conversation, Command("start"), locale_hint="uk")
    assert again.conversation.flow == "menu"
    assert again.conversation.locale == "lv"
    assert replies(again) == ["welcome", "menu-title"]


async def test_stored_conversation_of_an_old_flow_version_is_migrated() -> None:
    old = Conversation("risk_screening", 0, "removed_step", {"mode": "offer"}, "uk")
    result = await ENGINE.step(old, Command("menu"), locale_hint="uk")
    assert result.conversation.flow == "menu"
    kept = await ENGINE.step(replace(old, state="for_whom"), Text("x"), locale_hint="uk")
    assert (kept.conversation.state, kept.conversation.flow_version) == ("for_whom", 2)
    # a step that is gone starts the flow again, dropping answers that no longer fit
    gone = await ENGINE.step(old, Text("x"), locale_hint="uk")
    assert (gone.conversation.state, gone.conversation.answers) == ("mode", {})
    unknown = await ENGINE.step(replace(old, flow="gone"), Text("x"), locale_hint="uk")
    assert unknown.conversation.flow == "menu"


def test_flows_that_point_nowhere_are_refused_at_start() -> None:
    broken = Flow("broken", 1, (Step("a", "m", options=(Option("go", "l", "nowhere"),)),))
    with pytest.raises(ValueError, match="unknown step"):
        Engine([*FLOWS, broken])
    jump = Flow("jump", 1, (Step("a", "m", options=(Option("go", "l", "@missing"),)),))
    with pytest.raises(ValueError, match="unknown flow"):
        Engine([*FLOWS, jump])


async def test_concurrent_steps_on_the_shared_machine_do_not_interfere() -> None:
    menu = await start_in()
    screening = await press(menu, "menu-screening")
    choice = last_buttons(screening)["screening-mode-offer"]
    results = await asyncio.gather(
        *(ENGINE.step(screening.conversation, choice, locale_hint="uk") for _ in range(50))
    )
    assert {r.conversation.state for r in results} == {"for_whom"}
    assert not ENGINE.machine("risk_screening").models  # every model was detached


_inputs = st.one_of(
    st.builds(Text, st.text(max_size=1200)),
    st.builds(Command, st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=12)),
    st.builds(Unsupported, st.sampled_from(["sticker", "voice", "photo"])),
    st.builds(Choice, st.text(max_size=30), st.text(max_size=8)),
)


@settings(max_examples=60, deadline=None)
@given(st.lists(_inputs, max_size=12))
def test_any_input_sequence_keeps_a_valid_state_and_always_answers(inputs: list[Input]) -> None:
    async def run() -> None:
        result = await start_in()
        for given_input in inputs:
            result = await ENGINE.step(result.conversation, given_input, locale_hint="uk")
            assert replies(result), "every input gets an answer"
            flow = ENGINE.flows[result.conversation.flow]
            flow.step(result.conversation.state)
            # From anywhere the menu is one tap away.
            back = await ENGINE.step(result.conversation, Choice("menu"), locale_hint="uk")
            assert back.conversation.flow == "menu"

    asyncio.run(run())
