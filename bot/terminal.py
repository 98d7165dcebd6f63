"""``lastivka chat``: the same engine, content and storage, in a terminal.

Buttons become numbered choices; a number picks one, ``/command`` is a command, anything
else is text. Content editors and newcomers try the bot here without a token.
"""

from __future__ import annotations

import re
import sys
from typing import TextIO

from rich.console import Console
from rich.markup import escape
from sqlalchemy.ext.asyncio import AsyncSession

from bot.core import Core
from bot.render import Rendered, render
from dialogs.engine import LANGUAGE_PREFIX
from dialogs.types import Choice, Command, Input, Text

__all__ = ["TERMINAL_USER", "TerminalChat", "html_to_rich"]

#: The terminal's one person, kept apart from Telegram pseudonyms by its namespace.
TERMINAL_USER = "local"

_TAGS = {"b": "bold", "strong": "bold", "i": "italic", "em": "italic", "u": "underline"}
_TAG = re.compile(r"<(/?)(\w+)[^>]*>")


def html_to_rich(text: str) -> str:
    """Telegram's HTML subset to Rich markup (only the tags our messages use)."""
    out: list[str] = []
    position = 0
    for match in _TAG.finditer(text):
        out.append(escape(_unescape(text[position : match.start()])))
        closing, name = match.group(1), match.group(2).lower()
        style = _TAGS.get(name)
        if style:
            out.append(f"[/{style}]" if closing else f"[{style}]")
        position = match.end()
    out.append(escape(_unescape(text[position:])))
    return "".join(out)


def _unescape(text: str) -> str:
    return (
        text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"').replace("&amp;", "&")
    )


class TerminalChat:
    def __init__(self, core: Core, *, console: Console | None = None) -> None:
        self.core = core
        self.console = console or Console(highlight=False)
        self.subject = core.keyring.pseudonym("terminal", TERMINAL_USER)
        self.choices: list[Choice] = []
        self.locale: str = core.settings.default_locale

    def show(self, messages: list[Rendered]) -> None:
        self.choices = []
        for message in messages:
            self.console.print()
            self.console.print(html_to_rich(message.text))
            for row in message.rows:
                for button in row:
                    self.choices.append(button.choice)
                    self.console.print(
                        f"  [cyan]{len(self.choices)}.[/cyan] {escape(button.label)}"
                    )

    def parse(self, line: str) -> Input:
        stripped = line.strip()
        if stripped.isdigit() and 1 <= int(stripped) <= len(self.choices):
            return self.choices[int(stripped) - 1]
        if stripped.startswith("/") and len(stripped) > 1:
            name, _, arg = stripped[1:].partition(" ")
            return Command(name.lower(), arg.strip())
        return Text(line.rstrip("\n"))

    async def send(self, given: Input) -> None:
        core = self.core

        async def job(session: AsyncSession) -> list[Rendered]:
            outcome = await core.service.handle(
                session,
                subject_id=self.subject,
                given=given,
                locale_hint=self.locale,
            )
            self.locale = outcome.locale
            if outcome.final:
                # a quick exit or an erasure: the screen is wiped like the Telegram chat
                self.console.clear()
            return outcome.messages

        self.show(await core.db.run(job))

    async def open(self, locale: str | None) -> None:
        """First screen: the chosen language's menu, or where the person left off."""
        current = await self.core.db.run(lambda s: self.core.service.current(s, self.subject))
        if locale is not None:
            self.locale = locale
            if current is None or current.locale != locale:
                await self.send(Choice(f"{LANGUAGE_PREFIX}{locale}"))
                return
        if current is None:
            await self.send(Command("start"))
            return
        self.locale = current.locale or self.locale
        reply = self.core.engine.render(current)

        self.show(render(self.core.translator, self.locale, [reply]))

    async def loop(self, stream: TextIO = sys.stdin) -> None:
        prompt = self.core.translator.format(self.locale, "chat-prompt")
        self.console.print(f"[dim]{escape(prompt)}[/dim]")
        while True:
            self.console.print("[bold]>[/bold] ", end="")
            line = stream.readline()
            if not line:
                self.console.print()
                self.console.print(escape(self.core.translator.format(self.locale, "chat-bye")))
                return
            if not line.strip():
                continue
            await self.send(self.parse(line))
