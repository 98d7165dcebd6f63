"""Telegram's HTML subset (parse_mode=HTML): what it refuses, and what a person reads.

``telegram_html_problems`` lists why Telegram would refuse a text (a tag or attribute it
does not know, tags closed out of order, a bare "&" or "<", a ``<br>``); ``visible_text``
is the text with tags removed and entities decoded; ``TelegramHTML.pieces`` keeps the
tags around each piece so a preview can draw them.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from html.parser import HTMLParser
from typing import Final

from rich.style import Style

__all__ = ["STYLES", "TelegramHTML", "telegram_html_problems", "utf16_units", "visible_text"]


#: Tags Telegram's parse_mode=HTML accepts, with the attributes each may carry.
_TAGS: Final[Mapping[str, frozenset[str]]] = {
    **dict.fromkeys(
        ("b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "pre", "tg-spoiler"),
        frozenset[str](),
    ),
    "a": frozenset({"href"}),
    "code": frozenset({"class"}),  # class="language-…" inside <pre>
    "span": frozenset({"class"}),
    "blockquote": frozenset({"expandable"}),
    "tg-emoji": frozenset({"emoji-id"}),
}
_ALLOWED: Final = (
    'b, i, u, s, a, code, pre, span class="tg-spoiler", tg-spoiler, blockquote, tg-emoji'
)
_ENTITY: Final = re.compile(r"&(?:#[0-9]+|#[xX][0-9a-fA-F]+|([A-Za-z][A-Za-z0-9]*));")
_NAMED: Final = frozenset({"lt", "gt", "amp", "quot"})
STYLES: Final[Mapping[str, Style]] = {
    **dict.fromkeys(("b", "strong"), Style(bold=True)),
    **dict.fromkeys(("i", "em"), Style(italic=True)),
    **dict.fromkeys(("u", "ins"), Style(underline=True)),
    **dict.fromkeys(("s", "strike", "del"), Style(strike=True)),
    **dict.fromkeys(("code", "pre"), Style(color="cyan")),
    **dict.fromkeys(("span", "tg-spoiler"), Style(reverse=True)),
    "a": Style(color="blue", underline=True),
    "blockquote": Style(italic=True),
}


class TelegramHTML(HTMLParser):
    """One pass over a text: the problems Telegram would refuse it for, and the visible
    text in pieces with the tags around each."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self.pieces: list[tuple[str, tuple[str, ...]]] = []
        self._open: list[str] = []
        self._text = text
        self._lines = [0, *(match.end() for match in re.finditer("\n", text))]
        # where every event starts, and which are text: the raw text between tags is
        # checked for "&" and "<" after parsing (the parser hands over decoded text)
        self._starts: list[int] = []
        self._data: list[int] = []
        self.feed(text)
        self.close()
        self._check_raw_text()
        self.problems.extend(f"<{tag}> is never closed (add </{tag}>)" for tag in self._open[::-1])

    def _event(self, *, data: bool = False) -> None:
        line, column = self.getpos()
        if data:
            self._data.append(len(self._starts))
        self._starts.append(self._lines[line - 1] + column)

    def handle_data(self, data: str) -> None:
        self._event(data=True)
        self.pieces.append((data, tuple(self._open)))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._event()
        if self._accepts(tag):
            self._check_open(tag, dict(attrs))
            self._open.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._event()
        if self._accepts(tag):
            self.problems.append(f"<{tag}/>: no self-closing tags; write <{tag}>…</{tag}>")

    def handle_endtag(self, tag: str) -> None:
        self._event()
        if not self._accepts(tag):
            return
        if tag not in self._open:
            self.problems.append(f"</{tag}> has no opening <{tag}>")
            return
        if self._open[-1] != tag:
            inner = self._open[-1]
            self.problems.append(f"</{tag}> comes before </{inner}>: close <{inner}> first")
        del self._open[len(self._open) - 1 - self._open[::-1].index(tag)]

    def handle_comment(self, data: str) -> None:
        self._event()
        self.problems.append("<!-- comments --> are not allowed")

    def handle_decl(self, decl: str) -> None:
        self._event()
        self.problems.append(f"<!{decl}> is not allowed")

    def unknown_decl(self, data: str) -> None:
        self.handle_decl(data)

    def handle_pi(self, data: str) -> None:
        self._event()
        self.problems.append(f"<?{data}> is not allowed")

    def _accepts(self, tag: str) -> bool:
        if tag == "br":
            self.problems.append("<br> is not allowed: Telegram keeps line breaks, use a newline")
        elif tag not in _TAGS:
            self.problems.append(f"<{tag}> is not a tag Telegram accepts ({_ALLOWED})")
        return tag in _TAGS

    def _check_open(self, tag: str, attrs: Mapping[str, str | None]) -> None:
        found = self.problems.append
        if "code" in self._open:
            found(f"<{tag}> inside <code>: code shows its text as typed, no tags in it")
        elif "pre" in self._open and tag != "code":
            found(f"<{tag}> inside <pre>: only <code> may go there")
        elif tag in ("a", "blockquote") and tag in self._open:
            found(f"<{tag}> inside another <{tag}>")
        for name in attrs:
            if name not in _TAGS[tag]:
                found(f"<{tag}> does not take the attribute {name}")
        if tag == "a" and not attrs.get("href"):
            found("<a> needs href")
        elif tag == "span" and attrs.get("class") != "tg-spoiler":
            found('<span> needs class="tg-spoiler" (the only span Telegram accepts)')
        elif tag == "tg-emoji" and not attrs.get("emoji-id"):
            found("<tg-emoji> needs emoji-id")
        elif tag == "code" and not (attrs.get("class") or "language-").startswith("language-"):
            found('<code> takes only class="language-…"')

    def _check_raw_text(self) -> None:
        if "</>" in self._text:  # the parser drops it without a word
            self.problems.append("</> closes no tag")
        ends = [*self._starts[1:], len(self._text)]
        for index in self._data:
            raw = self._text[self._starts[index] : ends[index]]
            for match in re.finditer("[&<]", raw):
                if match.group() == "<":
                    self.problems.append('a "<" that does not start a tag: write &lt;')
                    continue
                entity = _ENTITY.match(raw, match.start())
                if entity is None:
                    self.problems.append('a bare "&": write &amp;')
                elif entity.group(1) and entity.group(1) not in _NAMED:
                    self.problems.append(
                        f"{entity.group()} is not an entity Telegram knows "
                        "(only &lt; &gt; &amp; &quot; and numeric ones)"
                    )


def telegram_html_problems(text: str) -> list[str]:
    """Why Telegram (parse_mode=HTML) would refuse ``text``; empty if it would not."""
    return list(dict.fromkeys(TelegramHTML(text).problems))


def visible_text(html_text: str) -> str:
    """What the person reads: tags removed, entities decoded."""
    return "".join(piece for piece, _ in TelegramHTML(html_text).pieces)


def utf16_units(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2
