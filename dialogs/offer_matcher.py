"""Many patterns over one folded text in one pass, indexed by the literal they begin with.

Every pattern must start at a word start, so the literal text each one begins with
("паспорт", "без ", "t.me/") is worked out once from the parsed pattern; one scan finds
the words where any of them begins and only those patterns run there. A pattern whose
beginning cannot be worked out is scanned over the whole text instead: correct, slower.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

__all__ = ["Matcher", "pattern_starts", "trie"]

try:  # the parser behind re; without it every pattern is scanned, correct but slower
    _P: Any = importlib.import_module("re._parser")
except ImportError:  # pragma: no cover - Python versions before 3.11 or after a rename
    _P = None
_MAX_HEADS = 1024
_HEAD_LENGTH = 8
_CLASS_LIMIT = 10  # a character class of more characters is not worth expanding


def _class_chars(items: Sequence[Any]) -> set[str] | None:
    chars: set[str] = set()
    for op, av in items:
        if op == _P.LITERAL:
            chars.add(chr(av))
        elif op == _P.RANGE and av[1] - av[0] < _CLASS_LIMIT:
            chars.update(chr(c) for c in range(av[0], av[1] + 1))
        elif op == _P.CATEGORY and av == _P.CATEGORY_SPACE:
            chars.update(" \n")  # the only whitespace left in folded text
        elif op == _P.CATEGORY and av == _P.CATEGORY_DIGIT:
            chars.update("0123456789")
        else:
            return None
    return chars if len(chars) <= _CLASS_LIMIT else None


def _heads(items: Sequence[Any]) -> tuple[set[str], set[str]]:
    """How matches of the parsed ``items`` begin: (heads that end there, heads that go on)."""
    closed: set[str] = set()
    open_ = {""}
    repeats = (_P.MAX_REPEAT, _P.MIN_REPEAT, getattr(_P, "POSSESSIVE_REPEAT", None))
    for op, av in items:
        ends: set[str] = set()
        goes: set[str] = set()
        if op == _P.LITERAL:
            goes = {chr(av)}
        elif op in (_P.AT, _P.ASSERT, _P.ASSERT_NOT):
            goes = {""}  # zero-width
        elif op == _P.IN:
            chars = _class_chars(av)
            ends, goes = (set(), chars) if chars is not None else ({""}, set())
        elif op == _P.SUBPATTERN and not (av[1] or av[2]):  # (?i:...) and the like: unknown
            ends, goes = _heads(av[-1].data)
        elif op == _P.BRANCH:
            for alternative in av[1]:
                more_ends, more_goes = _heads(alternative.data)
                ends |= more_ends
                goes |= more_goes
        elif op in repeats:
            least, most, sub = av
            sub_ends, sub_goes = _heads(sub.data)
            ends = sub_ends if most == 1 else sub_ends | sub_goes
            goes = sub_goes if most == 1 else set()
            if least == 0:
                goes = goes | {""}
            elif least > 1:
                ends, goes = ends | goes, set()
        else:
            ends = {""}
        closed |= {a + b for a in open_ for b in ends}
        longer = {a + b for a in open_ for b in goes}
        if len(longer) > _MAX_HEADS:
            return closed | open_, set()
        done = {h for h in longer if len(h) >= _HEAD_LENGTH}
        closed |= done
        open_ = longer - done
        if not open_:
            break
    return closed, open_


def pattern_starts(pattern: str) -> set[str] | None:
    """The fewest strings one of which every match begins with, or None if unknown."""
    if _P is None:
        return None
    parsed = _P.parse(pattern)
    if parsed.state.flags & (re.IGNORECASE | re.DOTALL | re.MULTILINE):
        return None
    ends, goes = _heads(parsed.data)
    heads = {h[:_HEAD_LENGTH] for h in ends | goes}
    if "" in heads:
        return None
    kept: set[str] = set()
    for head in sorted(heads, key=len):
        if not any(head[:n] in kept for n in range(1, len(head) + 1)):
            kept.add(head)
    return kept


def trie(words: Iterable[str]) -> str:
    """A regular expression matching the longest of ``words`` that starts here (a trie)."""
    root: dict[str, Any] = {}
    for word in words:
        node = root
        for c in word:
            node = node.setdefault(c, {})
        node[""] = {}

    def emit(node: dict[str, Any]) -> str:
        alternatives = [re.escape(c) + emit(child) for c, child in sorted(node.items()) if c]
        if not alternatives:
            return ""
        body = alternatives[0] if len(alternatives) == 1 else f"(?:{'|'.join(alternatives)})"
        return f"(?:{body})?" if "" in node else body

    return emit(root)


@dataclass(frozen=True, slots=True)
class Matcher:
    """Patterns of several groups (flags, pay cues, countries) run in one pass."""

    trigger: re.Pattern[str] | None
    by_start: Mapping[str, tuple[tuple[str, re.Pattern[str]], ...]]
    scanned: tuple[tuple[str, re.Pattern[str]], ...]

    @classmethod
    def build(cls, groups: Iterable[tuple[str, str]]) -> Matcher:
        """One matcher for (group key, pattern) pairs; a key may have many patterns."""
        own: dict[str, list[tuple[str, re.Pattern[str]]]] = {}
        scanned: list[tuple[str, re.Pattern[str]]] = []
        for key, pattern in groups:
            starts = pattern_starts(pattern)
            if starts is None:
                scanned.append((key, re.compile(rf"(?<!\w)(?:{pattern})")))
                continue
            compiled = re.compile(pattern)
            for start in starts:
                own.setdefault(start, []).append((key, compiled))
        # The trigger finds the longest start at a word; the patterns of the shorter
        # starts it begins with must run there too.
        by_start = {
            start: tuple(e for n in range(1, len(start) + 1) for e in own.get(start[:n], ()))
            for start in own
        }
        trigger = re.compile(rf"(?<!\w)(?=({trie(own)}))") if own else None
        return cls(trigger=trigger, by_start=by_start, scanned=tuple(scanned))

    def run(self, folded: str) -> dict[str, list[re.Match[str]]]:
        """Every match of every pattern, per group, in text order."""
        found: dict[str, list[re.Match[str]]] = {}
        if self.trigger is not None:
            by_start = self.by_start
            for candidate in self.trigger.finditer(folded):
                at = candidate.start()
                for key, pattern in by_start[candidate.group(1)]:
                    match = pattern.match(folded, at)
                    if match is not None and match.end() > at:
                        found.setdefault(key, []).append(match)
        for key, pattern in self.scanned:
            matches = [m for m in pattern.finditer(folded) if m.end() > m.start()]
            if matches:
                found[key] = sorted([*found.get(key, []), *matches], key=lambda m: m.start())
        return found
