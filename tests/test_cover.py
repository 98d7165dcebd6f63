"""The cover menu: ordinary travel notes until the phrase is sent; the exit locks it again.

Run through the conversation service on a real database, as the terminal chat and the
Telegram adapter both do.
"""

from __future__ import annotations

from typing import Any

import pytest

from bot.conversations import ConversationService
from bot.db.database import Database
from bot.i18n import Translator
from bot.telegram.profile import profile_texts
from dialogs.engine import Engine
from dialogs.flows import FLOWS
from dialogs.flows.cover import COVER
from dialogs.types import Choice, Command, Input, Text

SUBJECT = "c" * 64


async def send(db: Database, service: ConversationService, given: Input) -> Any:
    return await db.run(
        lambda s: service.handle(s, subject_id=SUBJECT, given=given, locale_hint="uk")
    )


def shown(outcome: Any) -> str:
    return "\n".join(m.text for m in outcome.messages)


def values(outcome: Any) -> set[str]:
    return {b.choice.value for m in outcome.messages for row in m.rows for b in row}


async def test_locked_until_the_phrase_then_the_real_menu_and_the_exit_locks_again(
    db: Database, translator: Translator
) -> None:
    service = ConversationService(
        Engine(FLOWS, cover=True), translator, cover_phrase="Сонячний ранок"
    )
    cover_title = translator.format("uk", "cover-title")
    menu_title = translator.format("uk", "menu-title")
    first = await send(db, service, Command("start"))
    assert cover_title in shown(first)
    assert values(first) == {"packing", "money", "phone", "exit"}
    for probe in (Command("human"), Command("mydata"), Command("menu"), Choice("human")):
        out = await send(db, service, probe)
        assert cover_title in shown(out), probe
        assert menu_title not in shown(out)
    tip = await send(db, service, Choice("money", service.engine.token(first.conversation)))
    assert translator.format("uk", "cover-money") in shown(tip)
    assert values(tip) == {"back", "exit"}
    chatter = await send(db, service, Text("Привіт"))  # any other text: the same screen
    assert shown(chatter) == shown(tip)

    opened = await send(db, service, Text("сонячний   РАНОК!"))
    assert menu_title in shown(opened)
    assert "human" in values(opened)
    assert (await send(db, service, Command("menu"))).conversation.flow == "menu"

    left = await send(db, service, Command("exit"))
    assert shown(left) == translator.format("uk", "exit-line")
    again = await send(db, service, Command("start"))
    assert cover_title in shown(again)


def test_a_cover_engine_needs_its_flow() -> None:
    with pytest.raises(ValueError, match="cover"):
        Engine([f for f in FLOWS if f is not COVER], cover=True)


def test_a_cover_deployment_lists_only_ordinary_commands(translator: Translator) -> None:
    for locale in ("uk", "ru", "lv", "en"):
        texts = profile_texts(translator, locale, cover=True)
        assert [name for name, _ in texts.commands] == ["start", "exit"]
        full = profile_texts(translator, locale)
        assert {"forget", "privacy", "settings", "human"} <= {n for n, _ in full.commands}
