"""Red flags in a job ad or a recruiter's message: fold the text, run the NGO's patterns.

A person pastes or forwards an offer; NGO staff run many through ``lastivka check-offer``.
The patterns live in ``content/offer_flags.toml`` so staff can change them without code;
this module owns the folding that both the text and the patterns go through, the rules
that need arithmetic (pay per period; the country of the papers against the country of
the work), and the evidence: every flag quotes the original text it was found in.

Speed: every pattern must start at a word start, so the literal text each one begins
with ("паспорт", "без ", "t.me/") is worked out once from the parsed pattern; one scan
finds the words where any of them begins and only those patterns run there. A pattern
whose beginning cannot be worked out is scanned over the whole text instead.

Pure code: the only I/O is reading the TOML once. The risk level is computed elsewhere
(``dialogs.risk`` maps flags to the indicator bank).
"""

from __future__ import annotations

import importlib
import re
import tomllib
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from content import CONTENT_DIR

__all__ = [
    "DEFAULT_PATH",
    "FLAG_IDS",
    "Flag",
    "FlagRule",
    "OfferCheck",
    "OfferPatterns",
    "check_offer",
    "load_patterns",
    "normalize",
]

FLAG_IDS: tuple[str, ...] = (
    "upfront_fee",
    "document_retention",
    "debt_bondage",
    "ticket_deduction",
    "no_contract",
    "tourist_visa_work",
    "unrealistic_pay",
    "vague_employer",
    "messenger_only",
    "urgency_pressure",
    "secrecy",
    "restricted_movement",
    "sexual_exploitation_hint",
    "minors_targeted",
    "marriage_agency",
    "recruiter_third_country",
    "fines_penalties",
)

DEFAULT_PATH = CONTENT_DIR / "offer_flags.toml"
_EVIDENCE_LIMIT = 80
_EXCLUDE_RADIUS = 40  # folded characters either side of a match, within its sentence


@dataclass(frozen=True, slots=True)
class Flag:
    """One red flag and the phrase of the original text behind it."""

    id: str
    evidence: str


@dataclass(frozen=True, slots=True)
class OfferCheck:
    """The flags found in one text: at most one per id, in the order of ``FLAG_IDS``."""

    flags: tuple[Flag, ...]

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(flag.id for flag in self.flags)


# --- folding -------------------------------------------------------------------------------

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


def _fold_pattern(source: str) -> str:
    """A pattern folded like the text: non-ASCII letters folded, a space means whitespace."""
    folded = "".join(c if c < "\x80" else _fold_char(c) for c in source)
    return re.sub(r"(?<!\\) ", r"\\s", folded)


# --- what each pattern starts with -----------------------------------------------------------

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


def _starts(pattern: str) -> set[str] | None:
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


def _trie(words: Iterable[str]) -> str:
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
class _Matcher:
    """Patterns of several groups (flags, pay cues, countries) run in one pass."""

    trigger: re.Pattern[str] | None
    by_start: Mapping[str, tuple[tuple[str, re.Pattern[str]], ...]]
    scanned: tuple[tuple[str, re.Pattern[str]], ...]

    @classmethod
    def build(cls, groups: Iterable[tuple[str, str]]) -> _Matcher:
        own: dict[str, list[tuple[str, re.Pattern[str]]]] = {}
        scanned: list[tuple[str, re.Pattern[str]]] = []
        for key, pattern in groups:
            starts = _starts(pattern)
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
        trigger = re.compile(rf"(?<!\w)(?=({_trie(own)}))") if own else None
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


# --- the rules -----------------------------------------------------------------------------

_GAP = r"(?:[^\w.,!?;\n]{1,3}+\w++){0,%d}?[^\w.,!?;\n]{1,3}+"
_MACRO = re.compile(r"\{(gap\d{1,2}|money)\}")
_UNKNOWN_MACRO = re.compile(r"\{[a-z_]+\d*\}")
_NUMBER = r"\d(?:[\d.,]|\s(?=\d{3}(?!\d)))*"
_THOUSANDS = r"(?:\s?(?:k|к|тис|тыс|tukst|thousand)(?![^\W\d_])\.?)"
_BOUNDARIES = ".!?;\n"
_PERIODS = ("hour", "day", "week", "month", "year")


@dataclass(frozen=True, slots=True)
class FlagRule:
    """One flag as the TOML file defines it, compiled."""

    id: str
    description: str
    exclude: re.Pattern[str] | None
    unless_identified: bool
    pattern_count: int


@dataclass(frozen=True, slots=True)
class _Pay:
    amount: re.Pattern[str]
    currency_before: re.Pattern[str]
    currencies: tuple[tuple[re.Pattern[str], float], ...]
    after: tuple[tuple[str, re.Pattern[str]], ...]
    before: tuple[tuple[str, re.Pattern[str]], ...]
    thresholds: Mapping[str, float]
    hour_max: float


@dataclass(frozen=True, slots=True)
class _Source:
    original: str
    folded: str
    index: list[int]
    found: dict[str, list[re.Match[str]]]


@dataclass(frozen=True, slots=True)
class OfferPatterns:
    """Everything ``content/offer_flags.toml`` defines, compiled once."""

    rules: tuple[FlagRule, ...]
    matcher: _Matcher
    identity: _Matcher
    pay: _Pay
    home: frozenset[str]

    def check(self, text: str) -> OfferCheck:
        """Flags found in one text, in any of uk/ru/lv/en."""
        folded, index = normalize(text)
        source = _Source(text, folded, index, self.matcher.run(folded))
        identified: bool | None = None  # worked out only when a flag depends on it
        flags: list[Flag] = []
        for rule in self.rules:
            span = None
            if rule.id == "unrealistic_pay":
                span = self._pay_span(source, rule)
            elif rule.id == "recruiter_third_country":
                span = self._country_span(source)
            if span is None:
                # unrealistic_pay's exclude list names prices and fees: it only concerns amounts
                span = _first_kept(rule, source, check=rule.id != "unrealistic_pay")
            if span is not None and rule.unless_identified:
                if identified is None:
                    identified = bool(self.identity.run(folded))
                if identified:
                    continue
            if span is not None:
                flags.append(Flag(rule.id, _evidence(source, *span)))
        return OfferCheck(tuple(flags))

    def _pay_span(self, source: _Source, rule: FlagRule) -> tuple[int, int] | None:
        if not source.found.get("@no_experience"):
            return None
        folded = source.folded
        for match in self.pay.amount.finditer(folded):
            span = self._high_amount(match, folded)
            if span is not None and not _fee_before(rule, folded, span[0]):
                return span
        return _first_kept(rule, source, "@high_pay", check=False)

    def _high_amount(self, match: re.Match[str], folded: str) -> tuple[int, int] | None:
        """The span of amount, currency and period if above the period's threshold."""
        pay, start, end = self.pay, match.start(), match.end()
        if start and folded[start - 1] in "0123456789.,":
            return None
        currency = match.group("cur")
        if not currency:
            before = pay.currency_before.search(folded, max(0, start - 8), start)
            if before is None:
                return None
            currency, start = before.group("cur"), before.start()
        rate = next((r for p, r in pay.currencies if p.fullmatch(currency)), None)
        if rate is None:
            return None
        values = [
            _number(match.group(n), bool(match.group(k)))
            for n, k in (("n1", "k1"), ("n2", "k2"))
            if match.group(n)
        ]
        amount = max(values) * rate
        period = None
        for name, regex in pay.after:
            if found := regex.match(folded[end : end + 40]):
                period, end = name, end + found.end()
                break
        if period is None:
            head = folded[max(0, start - 40) : start]
            period = next((name for name, regex in pay.before if regex.search(head)), "month")
        if period == "hour" and amount > pay.hour_max:
            period = "year"  # Russian "год" is a year; nobody pays 300 € an hour for picking
        return (start, end) if amount >= pay.thresholds[period] else None

    def _country_span(self, source: _Source) -> tuple[int, int] | None:
        work = {m.lastgroup for m in source.found.get("@work", ())}
        if not work:
            return None
        for match in sorted(source.found.get("@paper", ()), key=lambda m: m.start()):
            country = match.lastgroup
            if country is not None and country not in work and country not in self.home:
                return match.span()
        return None


def _number(raw: str, thousands: bool) -> float:
    digits = raw.replace(" ", "").rstrip(".,")
    parts = re.fullmatch(r"(\d+(?:[.,]\d{3})*)(?:[.,](\d{1,2}))?", digits)
    if parts is None:
        whole = re.match(r"\d+", digits)
        value = float(whole.group()) if whole else 0.0
    else:
        value = float(re.sub(r"[.,]", "", parts.group(1)) + "." + (parts.group(2) or "0"))
    return value * 1000 if thousands else value


def _first_kept(
    rule: FlagRule, source: _Source, key: str = "", *, check: bool = True
) -> tuple[int, int] | None:
    """The first match of the rule's patterns (or of group ``key``) not cancelled by exclude."""
    for match in source.found.get(key or rule.id, ()):
        if not (check and _excluded(rule, source.folded, *match.span())):
            return match.span()
    return None


def _fee_before(rule: FlagRule, folded: str, start: int) -> bool:
    """Whether an exclude pattern hits just before an amount, in its clause: a price, a fee."""
    if rule.exclude is None:
        return False
    lo = max(0, start - 30)
    for mark in _BOUNDARIES + ",":
        lo = max(lo, folded.rfind(mark, lo, start) + 1)
    return rule.exclude.search(folded, lo, start) is not None


def _excluded(rule: FlagRule, folded: str, start: int, end: int) -> bool:
    """Whether an exclude pattern starts within the radius, in the same sentence or line."""
    if rule.exclude is None:
        return False
    lo, hi = max(0, start - _EXCLUDE_RADIUS), min(len(folded), end + _EXCLUDE_RADIUS)
    stop = len(folded)
    for mark in _BOUNDARIES:
        left = folded.rfind(mark, lo, start)
        if left >= 0:
            lo = left + 1
        right = folded.find(mark, end)
        if right >= 0:
            stop = min(stop, right)
    found = rule.exclude.search(folded, lo, stop)
    return found is not None and found.start() < hi


def _evidence(source: _Source, start: int, end: int) -> str:
    """The original text behind a folded span, trimmed, at most about 80 characters."""
    index, original = source.index, source.original
    last = index[end] if end < len(index) else len(original)
    quote = original[index[start] : last].strip()
    if len(quote) > _EVIDENCE_LIMIT:
        cut = quote[:_EVIDENCE_LIMIT]
        space = cut.rfind(" ")
        quote = (cut[:space] if space > _EVIDENCE_LIMIT // 2 else cut).rstrip()
    return quote


# --- loading -------------------------------------------------------------------------------


def _prepare(source: object, where: str, money: str) -> str:
    """One pattern folded, checked and with its shorthands expanded."""
    if not isinstance(source, str) or not source.strip():
        raise ValueError(f"{where}: patterns must be non-empty strings")
    for word in _WORD.findall(re.sub(r"\\.", " ", source)):
        if _LATIN.search(word) and _CYRILLIC.search(word):
            raise ValueError(f"{where}: {word!r} mixes Latin and Cyrillic letters")
    pattern = _MACRO.sub(
        lambda m: money if m.group(1) == "money" else _GAP % int(m.group(1)[3:]),
        _fold_pattern(source),
    )
    if unknown := _UNKNOWN_MACRO.search(pattern.replace("{place}", "").replace("{country}", "")):
        raise ValueError(f"{where}: unknown shorthand {unknown.group()} in {source!r}")
    try:
        re.compile(pattern)
    except re.error as exc:
        raise ValueError(f"{where}: bad pattern {source!r}: {exc}") from exc
    return pattern


def _strings(table: Mapping[str, Any], key: str, where: str) -> list[str]:
    value = table.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ValueError(f"{where}: {key} must be a list of strings")
    return list(value)


def _join(patterns: list[str]) -> re.Pattern[str] | None:
    if not patterns:
        return None
    return re.compile(r"(?<!\w)(?:" + "|".join(f"(?:{p})" for p in patterns) + ")")


def _load_pay(table: Mapping[str, Any]) -> tuple[_Pay, str]:
    currencies: list[tuple[re.Pattern[str], float]] = []
    for entry in table.get("currency", []):
        currencies.append((re.compile(_fold_pattern(entry["pattern"])), float(entry["rate"])))
    if not currencies:
        raise ValueError("[pay]: at least one [[pay.currency]] is needed")
    cur = "(?:(?:" + "|".join(p.pattern for p, _ in currencies) + r")(?![^\W\d_]))"
    amount = re.compile(
        rf"(?P<n1>{_NUMBER})(?P<k1>{_THOUSANDS})?"
        rf"(?:\s?(?:-|до|to|lidz)\s?(?P<n2>{_NUMBER})(?P<k2>{_THOUSANDS})?)?"
        rf"(?:\s?(?P<cur>{cur}))?"
    )
    periods = table.get("periods", {})
    missing = [p for p in _PERIODS if p not in periods or p not in table]
    if missing:
        raise ValueError(f"[pay]: thresholds and [pay.periods] needed for {missing}")
    words = r"(?:\w+\W{1,3}){0,2}?"
    return (
        _Pay(
            amount=amount,
            currency_before=re.compile(rf"(?<!\w)(?P<cur>{cur})\s?$"),
            currencies=tuple(currencies),
            after=tuple(
                (p, re.compile(rf"\W{{0,3}}{words}(?:{_fold_pattern(periods[p])})(?![^\W\d_])"))
                for p in _PERIODS
            ),
            before=tuple(
                (p, re.compile(rf"(?<!\w)(?:{_fold_pattern(periods[p])})\W{{1,3}}{words}$"))
                for p in _PERIODS
            ),
            thresholds={p: float(table[p]) for p in _PERIODS},
            hour_max=float(table.get("hour_max", 200)),
        ),
        rf"(?:{cur}\s?{_NUMBER}|{_NUMBER}{_THOUSANDS}?\s?{cur})",
    )


def _country_patterns(table: Mapping[str, Any], money: str) -> Iterable[tuple[str, str]]:
    entries = table.get("country", [])
    if not entries:
        raise ValueError("[third_country]: at least one [[third_country.country]] is needed")
    places = "|".join(f"(?P<{e['key']}>{_fold_pattern(e['names'])})" for e in entries)
    countries = "|".join(
        f"(?P<{e['key']}>{_fold_pattern(e['names'])}|{_fold_pattern(e['adjectives'])})"
        if e.get("adjectives")
        else f"(?P<{e['key']}>{_fold_pattern(e['names'])})"
        for e in entries
    )
    # A quick look at how the word begins before trying every named group.
    guards = {
        names: f"(?={_trie(starts)})" if (starts := _starts(re.sub(r"\?P<\w+>", "", names))) else ""
        for names in (places, countries)
    }
    for key in ("paper", "work"):
        for template in _strings(table, key, "[third_country]"):
            if template.count("{place}") + template.count("{country}") != 1:
                raise ValueError(f"[third_country]: {key} needs one {{place}} or {{country}}")
            marked = template.replace("{place}", "@@").replace("{country}", "@@")
            names = places if "{place}" in template else countries
            pattern = _prepare(marked, "[third_country]", money)
            yield "@" + key, pattern.replace("@@", rf"{guards[names]}(?:{names})\w*")


@lru_cache(maxsize=8)
def _load(path: Path) -> OfferPatterns:
    with path.open("rb") as handle:
        data = tomllib.load(handle)
    pay, money = _load_pay(data.get("pay", {}))
    third = data.get("third_country", {})
    groups: list[tuple[str, str]] = list(_country_patterns(third, money))
    identity = [
        _prepare(p, "[identity]", money)
        for p in _strings(data.get("identity", {}), "patterns", "[identity]")
    ]
    if not identity:
        raise ValueError("[identity]: needs at least one pattern")
    for key, table, where in (
        ("@no_experience", {"patterns": data.get("pay", {}).get("no_experience", [])}, "[pay]"),
        ("@high_pay", {"patterns": data.get("pay", {}).get("high_pay", [])}, "[pay]"),
    ):
        patterns = _strings(table, "patterns", where)
        if not patterns and key != "@high_pay":
            raise ValueError(f"{where}: needs at least one pattern")
        groups += [(key, _prepare(p, where, money)) for p in patterns]
    rules: dict[str, FlagRule] = {}
    for entry in data.get("flag", []):
        flag_id = entry.get("id")
        where = f"flag {flag_id!r}"
        unknown = set(entry) - {"id", "description", "patterns", "exclude", "unless_identified"}
        if flag_id not in FLAG_IDS or flag_id in rules or unknown:
            raise ValueError(f"{where}: unknown or repeated id, or unknown keys {sorted(unknown)}")
        patterns = _strings(entry, "patterns", where)
        groups += [(flag_id, _prepare(p, where, money)) for p in patterns]
        rules[flag_id] = FlagRule(
            id=flag_id,
            description=str(entry.get("description", "")),
            exclude=_join([_prepare(p, where, money) for p in _strings(entry, "exclude", where)]),
            unless_identified=bool(entry.get("unless_identified", False)),
            pattern_count=len(patterns),
        )
    missing = [i for i in FLAG_IDS if i not in rules]
    if missing:
        raise ValueError(f"{path.name}: no [[flag]] for {missing}")
    return OfferPatterns(
        rules=tuple(rules[i] for i in FLAG_IDS),
        matcher=_Matcher.build(groups),
        identity=_Matcher.build(("@identity", p) for p in identity),
        pay=pay,
        home=frozenset(e["key"] for e in third.get("country", []) if e.get("home", False)),
    )


def load_patterns(path: Path | None = None) -> OfferPatterns:
    """Compiled patterns from ``content/offer_flags.toml`` (or ``path``), cached per path.

    Raises ``ValueError`` naming the flag and the pattern when the file is wrong.
    """
    return _load((path or DEFAULT_PATH).resolve())


def check_offer(text: str) -> OfferCheck:
    """Flags found in one text, in any of uk/ru/lv/en (language auto: patterns of all four run)."""
    return load_patterns().check(text)
