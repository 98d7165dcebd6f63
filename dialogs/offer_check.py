"""Red flags in a job ad or a recruiter's message: fold the text, run the NGO's patterns.

A person pastes or forwards an offer; NGO staff run many through ``lastivka check-offer``.
The patterns live in ``content/offer_flags.toml`` so staff can change them without code
(read by ``dialogs.offer_patterns``; the folding is ``dialogs.offer_text``). This module
owns what a pattern alone cannot say: pay per period against a threshold, the country of
the papers against the country of the work, an offer that names no employer at all,
and the evidence: every flag quotes the original text it was found in.

Pure code: the only I/O is reading the TOML once. The risk level is computed elsewhere
(``dialogs.risk`` maps flags to the indicator bank).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from content import CONTENT_DIR
from dialogs.offer_patterns import (
    FLAG_IDS,
    FlagRule,
    PatternSet,
    explicit_key,
    read_patterns,
    unless_key,
)
from dialogs.offer_text import normalize

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

DEFAULT_PATH = CONTENT_DIR / "offer_flags.toml"
_EVIDENCE_LIMIT = 80
_EXCLUDE_RADIUS = 40  # folded characters either side of a match, within its sentence
_BOUNDARIES = ".!?;\n"
_Span = tuple[int, int]


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


@dataclass(frozen=True, slots=True)
class _Source:
    original: str
    folded: str
    index: list[int]
    found: dict[str, list[re.Match[str]]]


@dataclass(frozen=True, slots=True)
class OfferPatterns:
    """Everything ``content/offer_flags.toml`` defines, compiled once, and the check."""

    compiled: PatternSet

    @property
    def rules(self) -> tuple[FlagRule, ...]:
        return self.compiled.rules

    def check(self, text: str) -> OfferCheck:
        """Flags found in one text, in any of uk/ru/lv/en."""
        folded, index = normalize(text)
        source = _Source(text, folded, index, self.compiled.matcher.run(folded))
        identified: bool | None = None  # worked out only when a flag depends on it
        spans: dict[str, _Span] = {}
        for rule in self.compiled.rules:
            span = self._span(rule, source)
            if span is not None and rule.unless_identified:
                if identified is None:
                    identified = bool(self.compiled.identity.run(folded))
                if identified:
                    continue
            if span is not None:
                spans[rule.id] = span
        if "vague_employer" not in spans and (span := _nameless_offer(source, bool(spans))):
            if identified is None:
                identified = bool(self.compiled.identity.run(folded))
            if not identified:
                spans["vague_employer"] = span
        for rule in self.compiled.rules:
            if rule.id in spans:
                for implied in rule.implies:
                    spans.setdefault(implied, spans[rule.id])
        return OfferCheck(
            tuple(Flag(i, _evidence(source, *spans[i])) for i in FLAG_IDS if i in spans)
        )

    def _span(self, rule: FlagRule, source: _Source) -> _Span | None:
        """Where a flag is found first, or None."""
        if rule.id == "unrealistic_pay":
            span = self._pay_span(source, rule)
        elif rule.id == "recruiter_third_country":
            span = self._country_span(source)
        else:
            span = None
        if span is not None:
            return span
        # unrealistic_pay's exclude list names prices and fees: it only concerns amounts
        check = rule.id != "unrealistic_pay"
        found = [_first_kept(rule, source, explicit_key(rule.id), check=check)]
        if not source.found.get(unless_key(rule.id)):
            found.append(_first_kept(rule, source, check=check))
        return min((s for s in found if s is not None), default=None)

    def _pay_span(self, source: _Source, rule: FlagRule) -> _Span | None:
        if not source.found.get("@no_experience"):
            return None
        folded = source.folded
        for match in self.compiled.pay.amount.finditer(folded):
            span = self._high_amount(match, folded)
            if span is not None and not _fee_before(rule, folded, span[0]):
                return span
        return _first_kept(rule, source, "@high_pay", check=False)

    def _high_amount(self, match: re.Match[str], folded: str) -> _Span | None:
        """The span of amount, currency and period if above the period's threshold."""
        pay, start, end = self.compiled.pay, match.start(), match.end()
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

    def _country_span(self, source: _Source) -> _Span | None:
        """A paper country that is not a work country, or a meeting in a third country."""
        home = self.compiled.home
        work = {m.lastgroup for m in source.found.get("@work", ())}
        named = {m.lastgroup for m in source.found.get("@named", ())} - home
        candidates: list[_Span] = []
        if work:
            candidates += [
                m.span()
                for m in source.found.get("@paper", ())
                if m.lastgroup is not None and m.lastgroup not in work | home
            ]
        # Met by "our representative" in one country and taken on to another.
        candidates += [
            m.span()
            for m in source.found.get("@meet", ())
            if m.lastgroup is not None and m.lastgroup not in home and named - {m.lastgroup}
        ]
        return min(candidates, default=None)


def _nameless_offer(source: _Source, flagged: bool) -> _Span | None:
    """The line where an offer that names no employer shows it: the contact's line (the
    only "who" it gives), else the job's, else the first. An offer is a text with another
    flag, or with both a job and a contact."""
    contact = source.found.get("@contact")
    job = source.found.get("@job")
    if not (flagged or (contact and job)):
        return None
    folded = source.folded
    cue = contact or job
    at = cue[0].start() if cue else 0
    start = folded.rfind("\n", 0, at) + 1
    if at - start > _EVIDENCE_LIMIT // 2:
        start = at  # a long line: quote from the contact on
    end = folded.find("\n", at)
    return (start, end if end >= 0 else len(folded)) if folded.strip() else None


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
) -> _Span | None:
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


@lru_cache(maxsize=8)
def _load(path: Path) -> OfferPatterns:
    return OfferPatterns(read_patterns(path))


def load_patterns(path: Path | None = None) -> OfferPatterns:
    """Compiled patterns from ``content/offer_flags.toml`` (or ``path``), cached per path.

    Raises ``ValueError`` naming the flag and the pattern when the file is wrong.
    """
    return _load((path or DEFAULT_PATH).resolve())


def check_offer(text: str) -> OfferCheck:
    """Flags found in one text, in any of uk/ru/lv/en (language auto: patterns of all four run)."""
    return load_patterns().check(text)
