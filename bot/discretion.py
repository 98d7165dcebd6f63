"""Discreet mode: the words a notification preview or the bot's profile must not show.

content/sensitive_words.toml lists word stems per language (its header documents how they
were chosen and matched). ``SensitiveWords.hits`` finds them in a text; ``first_line`` is
the part of a message a phone shows without opening the chat. The locale lint
(tests/test_discretion.py) checks every first line and the bot's profile texts with them.
"""

from __future__ import annotations

import html
import re
import tomllib
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from content import CONTENT_DIR

__all__ = ["SENSITIVE_WORDS", "SensitiveWords", "first_line", "load_sensitive_words", "normalise"]

SENSITIVE_WORDS = CONTENT_DIR / "sensitive_words.toml"
#: Checked for every locale besides its own list: mixed-language text happens.
SHARED_LANGUAGE = "en"

_TAG = re.compile(r"<[^>]*>")
_SAME = str.maketrans({"ё": "е", "ґ": "г", "’": "'", "ʼ": "'", "`": "'"})


def normalise(text: str) -> str:
    """Plain, case-folded text: tags removed, entities decoded, look-alike letters merged."""
    plain = html.unescape(_TAG.sub("", text))
    return unicodedata.normalize("NFKC", plain).casefold().translate(_SAME)


def first_line(text: str) -> str:
    """The first non-empty line of a rendered message, tags removed: what a preview shows."""
    for line in html.unescape(_TAG.sub("", text)).splitlines():
        if line.strip():
            return line.strip()
    return ""


@dataclass(frozen=True, slots=True)
class SensitiveWords:
    """Compiled stems per language code."""

    patterns: Mapping[str, tuple[re.Pattern[str], ...]]

    def hits(self, text: str, languages: Iterable[str]) -> list[str]:
        """The words of ``text`` that match a stem of any of ``languages`` (in order)."""
        plain = normalise(text)
        found: list[str] = []
        for language in languages:
            for pattern in self.patterns.get(language, ()):
                found.extend(m.group(0) for m in pattern.finditer(plain))
        return list(dict.fromkeys(found))

    def for_locale(self, text: str, locale: str) -> list[str]:
        """Hits of the locale's own list and of the shared English one."""
        return self.hits(text, dict.fromkeys((locale, SHARED_LANGUAGE)))


def _compile(stem: str) -> re.Pattern[str]:
    # (?<!\w): a stem matches at the start of a word only; \w* shows the whole word in a hit
    # stems are written in lower case; only the look-alike letters need merging
    plain = unicodedata.normalize("NFKC", stem).translate(_SAME)
    return re.compile(rf"(?<!\w)(?:{plain})\w*", re.IGNORECASE)


@cache
def load_sensitive_words(path: Path = SENSITIVE_WORDS) -> SensitiveWords:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    patterns = {
        language: tuple(_compile(stem) for stem in section["stems"])
        for language, section in data.items()
    }
    return SensitiveWords(patterns)
