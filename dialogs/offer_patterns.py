"""Reading ``content/offer_flags.toml``: checking, folding and compiling the NGO's patterns.

The file is edited by NGO staff, so every mistake is refused with the flag and the pattern
named. Shorthands are expanded here ({gap3}, {sent8}, {money}, the shared word lists of
``[words]``), non-ASCII letters are folded like the text (``dialogs.offer_text``), and all
patterns of all flags are put in one ``Matcher`` that runs them in a single pass.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from dialogs.offer_matcher import Matcher, pattern_starts, trie
from dialogs.offer_text import fold_pattern, mixed_script_words

__all__ = [
    "FLAG_IDS",
    "FlagRule",
    "PatternSet",
    "PayRule",
    "explicit_key",
    "read_patterns",
    "unless_key",
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

# {gapN}: up to N words within a clause; {sentN}: up to N words within a sentence, so
# across commas and dashes but not across . ! ? ; or a line break.
_GAP = r"(?:[^\w.,!?;\n]{1,3}+\w++){0,%d}?[^\w.,!?;\n]{1,3}+"
_SENT = r"(?:[^\w.!?;\n]{1,6}+\w++){0,%d}?[^\w.!?;\n]{1,6}+"
_SHORTHAND = re.compile(r"\{([a-z_]+)(\d*)\}")
_NUMBER = r"\d(?:[\d.,]|\s(?=\d{3}(?!\d)))*"
_THOUSANDS = r"(?:\s?(?:k|к|тис|тыс|tukst|thousand)(?![^\W\d_])\.?)"
_PERIODS = ("hour", "day", "week", "month", "year")
_RESERVED = ("gap", "sent", "place", "country")
_FLAG_KEYS = frozenset(
    ("id", "description", "patterns", "explicit", "unless", "exclude", "unless_identified")
) | {"implies"}


def explicit_key(flag_id: str) -> str:
    """The matcher group of a flag's ``explicit`` patterns."""
    return flag_id + "!"


def unless_key(flag_id: str) -> str:
    """The matcher group of a flag's ``unless`` patterns."""
    return flag_id + "?"


@dataclass(frozen=True, slots=True)
class FlagRule:
    """One flag as the TOML file defines it, compiled."""

    id: str
    description: str
    exclude: re.Pattern[str] | None
    unless_identified: bool
    pattern_count: int
    explicit_count: int = 0
    unless_count: int = 0
    implies: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class PayRule:
    """``[pay]``: how to read an amount, its currency and its period, and the thresholds."""

    amount: re.Pattern[str]
    currency_before: re.Pattern[str]
    currencies: tuple[tuple[re.Pattern[str], float], ...]
    after: tuple[tuple[str, re.Pattern[str]], ...]
    before: tuple[tuple[str, re.Pattern[str]], ...]
    thresholds: Mapping[str, float]
    hour_max: float


@dataclass(frozen=True, slots=True)
class PatternSet:
    """Everything the file defines, compiled once."""

    rules: tuple[FlagRule, ...]
    matcher: Matcher
    identity: Matcher
    pay: PayRule
    home: frozenset[str]


class _Expander:
    """Folds a pattern and expands its shorthands; knows the file's word lists."""

    def __init__(self, words: Mapping[str, Any], money: str) -> None:
        self.words: dict[str, str] = {"money": money}
        for name, source in words.items():  # a list may use the lists defined before it
            if not re.fullmatch(r"[a-z_]+", name) or name in (*self.words, *_RESERVED):
                raise ValueError(f"[words]: {name!r} is not a usable name")
            self.words[name] = "(?:" + self.prepare(source, f"[words] {name}") + ")"

    def prepare(self, source: object, where: str, *, places: bool = False) -> str:
        """One pattern folded, checked and with its shorthands expanded; {place} and
        {country} are left for the caller when ``places`` (templates of [third_country])."""
        if not isinstance(source, str) or not source.strip():
            raise ValueError(f"{where}: patterns must be non-empty strings")
        if mixed := mixed_script_words(source):
            raise ValueError(f"{where}: {mixed[0]!r} mixes Latin and Cyrillic letters")

        def expand(match: re.Match[str]) -> str:
            name, number = match.groups()
            if number and name in _RESERVED[:2]:
                return (_GAP if name == "gap" else _SENT) % int(number)
            if not number and places and name in _RESERVED[2:]:
                return match.group()
            if not number and name in self.words:
                return self.words[name]
            raise ValueError(f"{where}: unknown shorthand {match.group()} in {source!r}")

        pattern = _SHORTHAND.sub(expand, fold_pattern(source))
        try:
            re.compile(pattern.replace("{place}", "").replace("{country}", ""))
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


def _read_pay(table: Mapping[str, Any]) -> tuple[PayRule, str]:
    currencies: list[tuple[re.Pattern[str], float]] = []
    for entry in table.get("currency", []):
        currencies.append((re.compile(fold_pattern(entry["pattern"])), float(entry["rate"])))
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
        PayRule(
            amount=amount,
            currency_before=re.compile(rf"(?<!\w)(?P<cur>{cur})\s?$"),
            currencies=tuple(currencies),
            after=tuple(
                (p, re.compile(rf"\W{{0,3}}{words}(?:{fold_pattern(periods[p])})(?![^\W\d_])"))
                for p in _PERIODS
            ),
            before=tuple(
                (p, re.compile(rf"(?<!\w)(?:{fold_pattern(periods[p])})\W{{1,3}}{words}$"))
                for p in _PERIODS
            ),
            thresholds={p: float(table[p]) for p in _PERIODS},
            hour_max=float(table.get("hour_max", 200)),
        ),
        rf"(?:{cur}\s?{_NUMBER}|{_NUMBER}{_THOUSANDS}?\s?{cur})",
    )


def _country_groups(table: Mapping[str, Any], expander: _Expander) -> Iterable[tuple[str, str]]:
    """Groups "@paper", "@work" and "@meet" (one named group per country), and "@named"."""
    entries = table.get("country", [])
    if not entries:
        raise ValueError("[third_country]: at least one [[third_country.country]] is needed")
    for entry in entries:
        if mixed := mixed_script_words(f"{entry['names']} {entry.get('adjectives', '')}"):
            raise ValueError(f"[third_country] {entry['key']}: {mixed[0]!r} mixes scripts")
    places = "|".join(f"(?P<{e['key']}>{fold_pattern(e['names'])})" for e in entries)
    countries = "|".join(
        f"(?P<{e['key']}>{fold_pattern(e['names'])}|{fold_pattern(e['adjectives'])})"
        if e.get("adjectives")
        else f"(?P<{e['key']}>{fold_pattern(e['names'])})"
        for e in entries
    )
    # A quick look at how the word begins before trying every named group.
    guards = {
        names: f"(?={trie(starts)})"
        if (starts := pattern_starts(re.sub(r"\?P<\w+>", "", names)))
        else ""
        for names in (places, countries)
    }
    yield "@named", rf"{guards[countries]}(?:{countries})\w*"
    for key in ("paper", "work", "meet"):
        for template in _strings(table, key, "[third_country]"):
            if template.count("{place}") + template.count("{country}") != 1:
                raise ValueError(f"[third_country]: {key} needs one {{place}} or {{country}}")
            names = places if "{place}" in template else countries
            pattern = expander.prepare(template, "[third_country]", places=True)
            pattern = pattern.replace("{place}", "@@").replace("{country}", "@@")
            yield "@" + key, pattern.replace("@@", rf"{guards[names]}(?:{names})\w*")


def _cue_groups(data: Mapping[str, Any], expander: _Expander) -> Iterable[tuple[str, str]]:
    """The cue groups of [pay] and [offer] the code's own rules read."""
    pay, offer = data.get("pay", {}), data.get("offer", {})
    for key, table, where, needed in (
        ("@no_experience", pay, "[pay] no_experience", True),
        ("@high_pay", pay, "[pay] high_pay", False),
        ("@job", offer, "[offer] job", True),
        ("@contact", offer, "[offer] contact", True),
    ):
        patterns = _strings(table, key[1:], where)
        if not patterns and needed:
            raise ValueError(f"{where}: needs at least one pattern")
        yield from ((key, expander.prepare(p, where)) for p in patterns)


def _read_flag(
    entry: Mapping[str, Any], expander: _Expander, groups: list[tuple[str, str]]
) -> FlagRule:
    flag_id = entry.get("id")
    where = f"flag {flag_id!r}"
    unknown = set(entry) - _FLAG_KEYS
    if flag_id not in FLAG_IDS or unknown:
        raise ValueError(f"{where}: unknown or repeated id, or unknown keys {sorted(unknown)}")
    counts: dict[str, int] = {}
    for key, group in (
        ("patterns", flag_id),
        ("explicit", explicit_key(flag_id)),
        ("unless", unless_key(flag_id)),
    ):
        patterns = _strings(entry, key, where)
        groups += [(group, expander.prepare(p, where)) for p in patterns]
        counts[key] = len(patterns)
    implies = _strings(entry, "implies", where)
    if bad := [i for i in implies if i not in FLAG_IDS or i == flag_id]:
        raise ValueError(f"{where}: implies unknown flags {bad}")
    return FlagRule(
        id=flag_id,
        description=str(entry.get("description", "")),
        exclude=_join([expander.prepare(p, where) for p in _strings(entry, "exclude", where)]),
        unless_identified=bool(entry.get("unless_identified", False)),
        pattern_count=counts["patterns"] + counts["explicit"],
        explicit_count=counts["explicit"],
        unless_count=counts["unless"],
        implies=tuple(implies),
    )


def read_patterns(path: Path) -> PatternSet:
    """The file at ``path`` compiled; ``ValueError`` naming the flag and pattern if wrong."""
    with path.open("rb") as handle:
        data = tomllib.load(handle)
    pay, money = _read_pay(data.get("pay", {}))
    expander = _Expander(data.get("words", {}), money)
    third = data.get("third_country", {})
    groups: list[tuple[str, str]] = list(_country_groups(third, expander))
    groups += _cue_groups(data, expander)
    identity = [
        expander.prepare(p, "[identity]")
        for p in _strings(data.get("identity", {}), "patterns", "[identity]")
    ]
    if not identity:
        raise ValueError("[identity]: needs at least one pattern")
    rules: dict[str, FlagRule] = {}
    for entry in data.get("flag", []):
        if entry.get("id") in rules:
            raise ValueError(f"flag {entry.get('id')!r}: unknown or repeated id")
        rule = _read_flag(entry, expander, groups)
        rules[rule.id] = rule
    missing = [i for i in FLAG_IDS if i not in rules]
    if missing:
        raise ValueError(f"{path.name}: no [[flag]] for {missing}")
    return PatternSet(
        rules=tuple(rules[i] for i in FLAG_IDS),
        matcher=Matcher.build(groups),
        identity=Matcher.build(("@identity", p) for p in identity),
        pay=pay,
        home=frozenset(e["key"] for e in third.get("country", []) if e.get("home", False)),
    )
