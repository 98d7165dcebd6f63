"""Folding of job-ad text and of the patterns run over it, with the map back to the original.

Both the ad and the NGO's patterns go through the same folding, so a pattern written as
"līgum" finds "LIGUMS", and "паспорт" finds a "пaспорт" typed with a Latin a. ``normalize``
also returns, for every folded character, its index in the original text: a flag's
evidence is quoted from what the person wrote, not from the folded copy.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["fold_pattern", "mixed_script_words", "normalize"]

_DELETED, _EXPANDED, _BREVE = "\x00", "\x01", "\x02"  # placeholders during normalize
_LINE_BREAKS = "\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029"
_SPECIAL: dict[str, str] = {
    "й": "й",  # a letter of its own in Ukrainian and Russian, not и with a breve
    "ґ": "г",
    "є": "е",
    **dict.fromkeys("'’‘ʼʹ`´′", ""),  # apostrophes
    **dict.fromkeys("‐‑‒–—―−", "-"),  # dashes
}
# Latin letters that look like Cyrillic ones, in the case they were typed (a capital H
# looks like Н, a small h does not), and the reverse.
_LAT_TO_CYR = dict(zip("aeopcxyikAEOPCXYIBKMHT", "аеорсхуікАЕОРСХУІВКМНТ", strict=True))
_CYR_TO_LAT = {cyr: lat for lat, cyr in _LAT_TO_CYR.items()}
_WORD = re.compile(r"[^\W\d_]+")
# A Latin letter next to a Cyrillic one: every mixed-script word has one.
_SEAM = re.compile(
    r"[A-Za-z\u00c0-\u024f](?=[\u0400-\u04ff])|[\u0400-\u04ff](?=[A-Za-z\u00c0-\u024f])"
)
_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
# HTML entities and tags (ads copied from web pages) read as spaces.
_MARKUP = re.compile(r"&(?:[a-z]{2,8}|#\d{1,7}|#x[0-9a-f]{1,6});|<[^<>\n]{1,200}>")
_SQUEEZE = re.compile("^[ \n\x00\x02]+|[ \n\x00\x02]{2,}|[\x00\x01\x02]")
_UNESCAPED_SPACE = re.compile(r"(?<!\\) ")


def _fold_char(ch: str) -> str:
    """One character folded: casefold, NFKD, marks and control characters dropped."""
    if ch.isspace():
        return "\n" if ch in _LINE_BREAKS else " "
    out: list[str] = []
    for c in ch.casefold():
        if c in _SPECIAL:
            out.append(_SPECIAL[c])
            continue
        for d in unicodedata.normalize("NFKD", c):
            if unicodedata.category(d) in ("Mn", "Me", "Mc", "Cf", "Cc", "Cs", "Co", "Cn"):
                continue
            out.extend(_SPECIAL.get(e, e) for e in d.casefold())
    return "".join(out)


class _Table(dict[int, str]):
    """``str.translate`` table filled on demand: one character in, one character out."""

    def __missing__(self, code: int) -> str:
        folded = _fold_char(chr(code))
        if code == 0x0306:
            value = _BREVE
        elif len(folded) == 1:
            value = folded
        else:
            value = _EXPANDED if folded else _DELETED
        if len(self) < 50_000:
            self[code] = value
        return value


_TABLE = _Table()


def _lookalike_swaps(text: str) -> str:
    """The text with look-alike letters of mixed-script words put in the word's script."""
    chars: list[str] | None = None
    done = 0
    for seam in _SEAM.finditer(text):
        if seam.start() < done:
            continue
        start = seam.start()
        while start > 0 and text[start - 1].isalpha():
            start -= 1
        match = _WORD.match(text, start)
        if match is None:
            continue
        done = match.end()
        word = match.group()
        cyr = sum(1 for c in word if "\u0400" <= c <= "\u04ff")
        cyr_only = sum(1 for c in word if "\u0400" <= c <= "\u04ff" and c not in _CYR_TO_LAT)
        lat_only = sum(1 for c in word if not "\u0400" <= c <= "\u04ff" and c not in _LAT_TO_CYR)
        if cyr_only and not lat_only:
            table = _LAT_TO_CYR
        elif lat_only and not cyr_only:
            table = _CYR_TO_LAT
        elif 2 * cyr != len(word):
            table = _LAT_TO_CYR if 2 * cyr > len(word) else _CYR_TO_LAT
        else:
            continue
        chars = chars if chars is not None else list(text)
        for offset, c in enumerate(word, start=match.start()):
            chars[offset] = table.get(c, c)
    return text if chars is None else "".join(chars)


def normalize(text: str) -> tuple[str, list[int]]:
    """Lower-case, fold variants, and return the folded text plus, for each folded char,
    its index in the original.

    Casefold and NFKC; combining marks dropped (ā→a, š→s, ї→і, ё→е; й stays); ґ→г, є→е;
    apostrophes, zero-width and control characters removed; HTML tags and entities read
    as spaces; dashes become "-"; Latin look-alikes in a mostly Cyrillic word become
    Cyrillic and the other way round; a run of whitespace becomes one space, or one line
    break if it held one; leading whitespace is dropped.
    """
    text = _lookalike_swaps(text)
    once = text.translate(_TABLE)  # same length as text: placeholders mark the odd ones
    if "&" in once or "<" in once:
        once = _MARKUP.sub(lambda m: " " * len(m.group()), once)
    parts: list[str] = []
    index: list[int] = []
    done = 0
    for run in _SQUEEZE.finditer(once):
        start, end = run.span()
        if start > done:
            parts.append(once[done:start])
            index.extend(range(done, start))
        done = end
        got = run.group()
        if got == _EXPANDED:
            folded = " ".join(_fold_char(text[start]).split())
            parts.append(folded)
            index.extend([start] * len(folded))
            continue
        if got[0] == _BREVE and parts and parts[-1].endswith("и"):
            parts[-1] = parts[-1][:-1] + "й"  # и + combining breve typed apart
        if index and got.strip(_DELETED + _BREVE):
            first = next(i for i, c in enumerate(got) if c in " \n")
            parts.append("\n" if "\n" in got else " ")
            index.append(start + first)
    parts.append(once[done:])
    index.extend(range(done, len(once)))
    return "".join(parts), index


def fold_pattern(source: str) -> str:
    """A pattern folded like the text: non-ASCII letters folded, a space means whitespace."""
    folded = "".join(c if c < "\x80" else _fold_char(c) for c in source)
    return _UNESCAPED_SPACE.sub(r"\\s", folded)


def mixed_script_words(source: str) -> list[str]:
    """The words of a pattern that mix Latin and Cyrillic letters (they could never match)."""
    return [
        word
        for word in _WORD.findall(re.sub(r"\\.", " ", source))
        if _LATIN.search(word) and _CYRILLIC.search(word)
    ]
