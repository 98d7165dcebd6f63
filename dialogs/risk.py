"""Risk screening as pure code: the indicator bank, the order of questions, the score.

The bank (content/indicators.toml) is data NGOs edit; this module checks it on load and
turns answers into a level with its reasons. Nothing here lowers a level: answers only add
weight (agreeing to a job, to sex work or to an irregular crossing is not a question and
never counts against the person), and every rule is monotone, which a property test checks.

Answers are ``yes``, ``unsure`` (a weaker yes: half the weight, and never urgent on its
own), ``no``, or ``ad`` (found in a job ad the person sent; counts as yes).
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import IntEnum
from functools import cache
from pathlib import Path
from typing import Any

from content import CONTENT_DIR

__all__ = [
    "FORMS",
    "GROUPS",
    "ILO_INDICATORS",
    "MAX_QUESTIONS",
    "MODES",
    "Assessment",
    "Bank",
    "Indicator",
    "Level",
    "assess",
    "assess_flags",
    "default_bank",
    "load_bank",
    "next_question",
    "parse_bank",
]

GROUPS = ("recruitment", "documents", "money", "movement", "conditions", "violence")
FORMS = (
    "labour",
    "sexual",
    "domestic_servitude",
    "forced_begging",
    "criminal_activity",
    "organ_removal",
    "sham_marriage",
)
MODES = ("offer", "abroad")
SEVERITIES = ("info", "high", "urgent")
ILO_INDICATORS = (
    "abuse_of_vulnerability",
    "deception",
    "restriction_of_movement",
    "isolation",
    "physical_sexual_violence",
    "intimidation_threats",
    "retention_of_documents",
    "withholding_of_wages",
    "debt_bondage",
    "abusive_conditions",
    "excessive_overtime",
)
#: At most this many indicator questions on one path (the issue's "about 12").
MAX_QUESTIONS = 12
#: Score thresholds (sum of weights; "not sure" counts half).
HIGH_SCORE = 8.0
MEDIUM_SCORE = 2.0

YES = frozenset({"yes", "ad"})
_ID = re.compile(r"^[a-z][a-z0-9_]{0,23}$")


class Level(IntEnum):
    """Risk levels in order; the names are what ``check-offer`` prints."""

    LOW = 0
    MEDIUM = 1
    HIGH = 2
    URGENT = 3

    @property
    def label(self) -> str:
        return self.name.lower()


@dataclass(frozen=True, slots=True)
class Indicator:
    id: str
    group: str
    forms: tuple[str, ...]
    modes: tuple[str, ...]
    weight: int
    severity: str
    parent: str
    ilo: tuple[str, ...]
    flags: tuple[str, ...]

    @property
    def message(self) -> str:
        """The Fluent id of the question (``$who`` = self | other)."""
        return "ind-" + self.id.replace("_", "-")

    @property
    def why(self) -> str:
        """The Fluent id of the plain-words reason shown in a result."""
        return self.message + "-why"


@dataclass(frozen=True, slots=True)
class Bank:
    indicators: tuple[Indicator, ...]
    urgent_when: tuple[frozenset[str], ...]

    def get(self, indicator_id: str) -> Indicator | None:
        for indicator in self.indicators:
            if indicator.id == indicator_id:
                return indicator
        return None

    def for_flags(self, flags: Iterable[str]) -> tuple[str, ...]:
        """Indicator ids a job ad's flags pre-fill, in bank order."""
        wanted = set(flags)
        return tuple(i.id for i in self.indicators if wanted & set(i.flags))


@dataclass(frozen=True, slots=True)
class Assessment:
    level: Level
    score: float
    #: Indicator ids that raised the level, most serious first.
    reasons: tuple[str, ...]
    forms: tuple[str, ...]
    child: bool


def _strings(
    entry: Mapping[str, Any], key: str, allowed: tuple[str, ...], where: str
) -> tuple[str, ...]:
    values = entry.get(key, [])
    if not isinstance(values, list) or any(v not in allowed for v in values):
        raise ValueError(f"{where}: {key} must be a list of {', '.join(allowed)}")
    return tuple(values)


def parse_bank(data: Mapping[str, Any], *, flag_ids: Iterable[str] | None = None) -> Bank:
    """Check and build a bank from parsed TOML; a mistake fails at start-up, not in a chat."""
    flags_allowed = tuple(flag_ids) if flag_ids is not None else None
    indicators: list[Indicator] = []
    seen: dict[str, Indicator] = {}
    for position, entry in enumerate(data.get("indicator", [])):
        where = f"indicator #{position + 1}"
        indicator_id = entry.get("id", "")
        if not isinstance(indicator_id, str) or not _ID.match(indicator_id):
            raise ValueError(f"{where}: id {indicator_id!r} is not a short lower-case id")
        where = f"indicator {indicator_id}"
        if indicator_id in seen:
            raise ValueError(f"{where}: duplicate id")
        group = entry.get("group")
        if group not in GROUPS:
            raise ValueError(f"{where}: group must be one of {', '.join(GROUPS)}")
        severity = entry.get("severity")
        if severity not in SEVERITIES:
            raise ValueError(f"{where}: severity must be one of {', '.join(SEVERITIES)}")
        weight = entry.get("weight")
        if not isinstance(weight, int) or isinstance(weight, bool) or not 1 <= weight <= 5:
            raise ValueError(f"{where}: weight must be an integer from 1 to 5")
        modes = _strings(entry, "modes", MODES, where)
        if not modes:
            raise ValueError(f"{where}: modes must name offer, abroad or both")
        parent = entry.get("parent", "")
        if parent:
            earlier = seen.get(parent)
            if earlier is None:
                raise ValueError(f"{where}: parent {parent} must come earlier in the bank")
            if not set(modes) & set(earlier.modes):
                raise ValueError(f"{where}: parent {parent} is never asked in its modes")
        flags = tuple(entry.get("flags", []))
        if flags_allowed is not None and any(f not in flags_allowed for f in flags):
            raise ValueError(f"{where}: unknown ad flag in {flags}")
        if not entry.get("source"):
            raise ValueError(f"{where}: every indicator needs a source")
        indicator = Indicator(
            id=indicator_id,
            group=group,
            forms=_strings(entry, "forms", FORMS, where),
            modes=modes,
            weight=weight,
            severity=severity,
            parent=parent,
            ilo=_strings(entry, "ilo", ILO_INDICATORS, where),
            flags=flags,
        )
        seen[indicator_id] = indicator
        indicators.append(indicator)
    if not indicators:
        raise ValueError("the indicator bank is empty")
    combos: list[frozenset[str]] = []
    for combo in data.get("urgent_when", []):
        ids = frozenset(combo.get("all", []))
        if len(ids) < 2 or not ids <= set(seen):
            raise ValueError(f"urgent_when {sorted(ids)}: needs two or more known ids")
        combos.append(ids)
    for mode in MODES:
        roots = [i for i in indicators if mode in i.modes and not i.parent]
        if len(roots) > MAX_QUESTIONS:
            raise ValueError(f"{mode}: {len(roots)} root questions; at most {MAX_QUESTIONS}")
    return Bank(tuple(indicators), tuple(combos))


def load_bank(path: Path, *, flag_ids: Iterable[str] | None = None) -> Bank:
    with path.open("rb") as handle:
        return parse_bank(tomllib.load(handle), flag_ids=flag_ids)


@cache
def default_bank() -> Bank:
    """The bank shipped in content/ (loaded once), its ad flags checked against the checker's."""
    from dialogs.offer_check import FLAG_IDS

    return load_bank(CONTENT_DIR / "indicators.toml", flag_ids=FLAG_IDS)


# -- asking -------------------------------------------------------------------------------


def _askable(indicator: Indicator, mode: str, answers: Mapping[str, str]) -> bool:
    if mode not in indicator.modes or indicator.id in answers:
        return False
    if indicator.parent:
        return answers.get(indicator.parent) in {"yes", "ad", "unsure"}
    return True


def next_question(bank: Bank, mode: str, answers: Mapping[str, str], *, asked: int) -> str | None:
    """The next indicator to ask, or None when the screening has enough.

    Root questions are always asked; a follow-up only when its parent was yes or not sure,
    and only while the remaining root questions still fit in ``MAX_QUESTIONS``.
    Indicators already answered (including those a job ad filled in) are skipped.
    """
    if asked >= MAX_QUESTIONS:
        return None
    order = bank.indicators
    for index, indicator in enumerate(order):
        if not _askable(indicator, mode, answers):
            continue
        if indicator.parent:
            roots_left = sum(
                1
                for later in order[index + 1 :]
                if not later.parent and _askable(later, mode, answers)
            )
            if asked + 1 + roots_left > MAX_QUESTIONS:
                continue
        return indicator.id
    return None


# -- scoring ------------------------------------------------------------------------------


def assess(bank: Bank, answers: Mapping[str, str], *, child: bool = False) -> Assessment:
    """The level and its reasons. Monotone: more "yes" never gives a lower level."""
    score = 0.0
    urgent = False
    high = False
    medium = False
    contributing: list[tuple[int, int, int, str]] = []
    for position, indicator in enumerate(bank.indicators):
        answer = answers.get(indicator.id)
        if answer in YES:
            factor = 1.0
            if indicator.severity == "urgent":
                urgent = True
            if indicator.severity in {"urgent", "high"}:
                high = True
                if child:
                    # The child rule: a child facing any serious sign is in danger.
                    urgent = True
        elif answer == "unsure":
            factor = 0.5
            if indicator.severity in {"urgent", "high"}:
                medium = True
        else:
            continue
        score += indicator.weight * factor
        rank = SEVERITIES.index(indicator.severity)
        contributing.append((-rank, -int(factor * 2), position, indicator.id))
    yes_ids = {i for i, a in answers.items() if a in YES}
    if any(combo <= yes_ids for combo in bank.urgent_when):
        urgent = True
    if child and contributing:
        # Recruitment or transport of a child for exploitation is high risk whatever the
        # means or the child's consent.
        high = True
    if urgent:
        level = Level.URGENT
    elif high or score >= HIGH_SCORE:
        level = Level.HIGH
    elif medium or score >= MEDIUM_SCORE:
        level = Level.MEDIUM
    else:
        level = Level.LOW
    reasons = tuple(item[3] for item in sorted(contributing))
    by_id = {indicator.id: indicator for indicator in bank.indicators}
    forms = tuple(form for form in FORMS if any(form in by_id[r].forms for r in reasons))
    return Assessment(level, score, reasons, forms, child)


def assess_flags(bank: Bank, flags: Iterable[str]) -> Assessment:
    """The level of a job ad from its red flags alone, scored like a screening.

    An ad that invites people under 18 is scored under the child rule.
    """
    found = tuple(flags)
    answers = dict.fromkeys(bank.for_flags(found), "ad")
    return assess(bank, answers, child="minors_targeted" in found)
