"""Translations: parity across locales, strict errors, plurals, fallback, message lengths."""

from __future__ import annotations

import shutil
import tomllib
from datetime import date
from pathlib import Path

import pytest
from babel import Locale

from bot.i18n import TranslationError, Translator, check_locales
from bot.render import render_reply
from content import CONTENT_DIR
from dialogs.engine import Engine
from dialogs.flows import FLOWS
from dialogs.flows.safe_migration import ADVICE_MESSAGES
from dialogs.types import LOCALES
from locales import LOCALES_DIR


def test_every_locale_has_every_message_with_the_same_variables() -> None:
    assert check_locales() == []


def test_every_configured_locale_is_a_real_cldr_locale() -> None:
    for locale in LOCALES:
        assert Locale.parse(locale).language == locale


def _copy_locales(tmp_path: Path) -> Path:
    target = tmp_path / "locales"
    shutil.copytree(LOCALES_DIR, target, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    return target


def test_parity_check_catches_missing_ids_variables_plurals_and_junk(tmp_path: Path) -> None:
    broken = _copy_locales(tmp_path)
    uk = broken / "uk" / "common.ftl"
    text = uk.read_text(encoding="utf-8")
    text = text.replace("chat-bye =", "chat-byebye =")
    text = text.replace("{ $limit }", "{ $limmit }")
    uk.write_text(text + "\nbroken = { $x\n", encoding="utf-8")
    lv = broken / "lv" / "common.ftl"
    lv.write_text(lv.read_text(encoding="utf-8").replace("[zero]", "[two]"), encoding="utf-8")
    problems = "\n".join(check_locales(broken))
    assert "uk: missing message chat-bye" in problems
    assert "uk: obsolete message chat-byebye" in problems
    assert "uk: text-too-long variables" in problems
    assert "syntax error" in problems
    assert "lv: text-too-long lacks plural categories ['zero']" in problems


def test_strict_translator_raises_on_missing_variable_and_unknown_id(
    translator: Translator,
) -> None:
    with pytest.raises(TranslationError, match="text-too-long"):
        translator.format("uk", "text-too-long", {"length": 5})
    with pytest.raises(TranslationError, match="unknown message id"):
        translator.format("uk", "no-such-message")


def test_lenient_translator_logs_and_falls_back_per_message(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    broken = _copy_locales(tmp_path)
    lv = broken / "lv" / "common.ftl"
    lv.write_text(
        lv.read_text(encoding="utf-8").replace("use-buttons =", "use-buttons-old ="),
        encoding="utf-8",
    )
    lenient = Translator(broken, strict=False)
    english = lenient.format("en", "use-buttons")
    assert lenient.format("lv", "use-buttons") == english
    assert "use-buttons is missing in lv" in caplog.text
    # never uk -> ru: a Ukrainian gap is filled from English
    assert lenient.format("uk", "menu-title") != lenient.format("ru", "menu-title")


@pytest.mark.parametrize(
    ("locale", "count", "word"),
    [
        ("uk", 1, "символ"),
        ("uk", 3, "символи"),
        ("uk", 11, "символів"),
        ("uk", 21, "символ"),
        ("ru", 2, "символа"),
        ("ru", 25, "символов"),
        ("lv", 1, "rakstzīme"),
        ("lv", 11, "rakstzīmju"),
        ("lv", 21, "rakstzīme"),
        ("lv", 22, "rakstzīmes"),
        ("en", 1, "character"),
        ("en", 2, "characters"),
    ],
)
def test_plural_forms_follow_cldr(
    translator: Translator, locale: str, count: int, word: str
) -> None:
    text = translator.format(locale, "text-too-long", {"length": count, "limit": 1000})
    assert f"{count} {word}" in text.replace("\xa0", " ")


def test_arguments_are_html_escaped(translator: Translator) -> None:
    # No current message shows a person's words, so probe through the bundle API.
    from fluent.runtime import FluentBundle, FluentResource

    bundle = FluentBundle(["en"], use_isolating=False)
    bundle.add_resource(FluentResource("echo = You wrote: { $text }"))
    translator._bundles["en"] = bundle
    try:
        assert translator.format("en", "echo", {"text": "<b>hi</b> & bye"}) == (
            "You wrote: &lt;b&gt;hi&lt;/b&gt; &amp; bye"
        )
    finally:
        translator._bundles["en"] = Translator()._bundles["en"]


def test_every_message_renders_in_every_locale_within_telegram_limits() -> None:
    strict = Translator(strict=True)
    engine = Engine(FLOWS)
    for flow in FLOWS:
        if flow.name == "start":
            continue
        for step in flow.steps:
            from dialogs.types import Conversation

            reply = engine.render(Conversation(flow.name, flow.version, step.name, {}, "uk"))
            for locale in LOCALES:
                text = render_reply(strict, locale, reply)
                assert 0 < len(text) <= 4096
                for row in reply.buttons:
                    for button in row:
                        assert strict.format(locale, button.label)
    for locale in LOCALES:
        assert len(strict.format(locale, "bot-short-description")) <= 120
        assert len(strict.format(locale, "bot-description")) <= 512
        for command in ("start", "menu", "language", "about", "help"):
            assert 1 <= len(strict.format(locale, f"command-{command}")) <= 256


def test_advice_and_numbers_carry_an_official_dated_source() -> None:
    data = tomllib.loads((CONTENT_DIR / "advice.toml").read_text(encoding="utf-8"))
    entries = {entry["message"]: entry for entry in data["entry"]}
    for message in (*ADVICE_MESSAGES, "help-danger"):
        assert message in entries, f"{message} has no sourced entry in content/advice.toml"
        sources = entries[message]["source"]
        assert sources
        assert date.fromisoformat(entries[message]["reviewed"]) <= date.today()
        for source in sources:
            assert source["confidence"] in {"high", "medium"}, source
            assert source["url"].startswith("https://")
            assert source["organisation"]
            assert source["date"]


def test_every_screen_is_valid_telegram_html_in_every_locale() -> None:
    from bot.render import render
    from dialogs.types import Conversation
    from tests.fakes import parse_html

    strict = Translator(strict=True)
    engine = Engine(FLOWS)
    for flow in FLOWS:
        for step in flow.steps:
            reply = engine.render(Conversation(flow.name, flow.version, step.name, {}, "uk"))
            for locale in LOCALES:
                for message in render(strict, locale, [reply]):
                    plain, _entities = parse_html(message.text)
                    assert plain.strip()
    for locale in LOCALES:
        for message_id in (
            "welcome",
            "help-text",
            "unknown-command",
            "unsupported-input",
            "use-buttons",
            "error-generic",
            "button-expired",
            "language-set",
        ):
            parse_html(strict.format(locale, message_id))
        parse_html(strict.format(locale, "text-too-long", {"length": 5000, "limit": 1000}))


@pytest.mark.parametrize("locale", LOCALES)
def test_mydata_can_name_every_flow_a_person_can_be_in(locale: str) -> None:
    # /mydata says where the person is; the cover flow is never shown (it is locked there)
    translator = Translator(strict=True)
    missing = [
        flow.name
        for flow in FLOWS
        if flow.name != "cover"
        and not translator.has(locale, f"mydata-flow-{flow.name.replace('_', '-')}")
    ]
    assert missing == []
