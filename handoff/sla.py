"""Time rules of the queue: how soon a case must be claimed, and when operators work.

``SlaPolicy`` gives each priority a time to claim; a queued case past it is overdue (the
console re-alerts it and mentions supervisors). ``Hours`` says whether the team is on duty
and, if not, when it will be, so the person can be told when to expect an answer.
Both parse from the one-line settings NGO staff write, and refuse anything unclear.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from dialogs.types import Priority
from handoff.lifecycle import Case, Status

__all__ = ["DAYS", "Hours", "SlaPolicy", "parse_hours", "parse_sla"]

DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_DURATION = re.compile(r"^(\d+)([mh])$")
_SPAN = re.compile(r"^(\d{2}):(\d{2})-(\d{2}):(\d{2})$")


@dataclass(frozen=True, slots=True)
class SlaPolicy:
    claim_within: Mapping[Priority, timedelta]

    def due_at(self, case: Case) -> datetime:
        return case.opened_at + self.claim_within[case.priority]

    def overdue(self, case: Case, now: datetime) -> bool:
        """Still waiting for a first (or new) holder after its time to claim."""
        return case.status is Status.QUEUED and now > self.due_at(case)


def parse_sla(text: str) -> SlaPolicy:
    """``urgent=5m,high=30m,normal=4h``: every priority must be named."""
    found: dict[Priority, timedelta] = {}
    for part in filter(None, (p.strip() for p in text.split(","))):
        name, _, value = part.partition("=")
        try:
            priority = Priority[name.strip().upper()]
        except KeyError:
            raise ValueError(f"unknown priority {name.strip()!r}") from None
        match = _DURATION.match(value.strip())
        if match is None or int(match.group(1)) == 0:
            raise ValueError(f"{name.strip()}: write a time like 5m or 4h, not {value!r}")
        amount = int(match.group(1))
        found[priority] = timedelta(minutes=amount if match.group(2) == "m" else amount * 60)
    missing = [p.name.lower() for p in Priority if p not in found]
    if missing:
        raise ValueError(f"no time to claim for {', '.join(missing)}")
    return SlaPolicy(found)


@dataclass(frozen=True, slots=True)
class Hours:
    """Working hours in the team's time zone; no spans at all means around the clock."""

    zone: ZoneInfo
    spans: Mapping[int, tuple[tuple[time, time], ...]] = field(default_factory=dict)

    @property
    def always(self) -> bool:
        return not self.spans

    def is_open(self, now: datetime) -> bool:
        if self.always:
            return True
        local = now.astimezone(self.zone)
        moment = local.time()
        return any(start <= moment < end for start, end in self.spans.get(local.weekday(), ()))

    def next_open(self, now: datetime) -> datetime:
        """When the team is next on duty (``now`` if it is)."""
        if self.is_open(now):
            return now
        local = now.astimezone(self.zone)
        for days_ahead in range(8):
            day = (local + timedelta(days=days_ahead)).date()
            for start, _end in sorted(self.spans.get(day.weekday(), ())):
                opening = datetime.combine(day, start, tzinfo=self.zone)
                if opening > local:
                    return opening
        raise ValueError("no working hours in a week")  # unreachable: spans are non-empty


def _days(text: str) -> list[int]:
    names = text.lower().split("-")
    if any(n not in DAYS for n in names) or len(names) > 2:
        raise ValueError(f"days {text!r}: use Mon, Tue, ... or a range like Mon-Fri")
    first, last = DAYS.index(names[0]), DAYS.index(names[-1])
    if last < first:
        raise ValueError(f"days {text!r}: a range runs forward, like Mon-Fri")
    return list(range(first, last + 1))


def parse_hours(text: str, zone: str) -> Hours:
    """``Mon-Fri 09:00-18:00; Sat 10:00-14:00`` or ``24/7``, in an IANA time zone."""
    try:
        tz = ZoneInfo(zone)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError(f"unknown time zone {zone!r} (e.g. Europe/Kyiv, Europe/Riga)") from None
    if text.strip().lower() in {"24/7", ""}:
        return Hours(tz)
    spans: dict[int, list[tuple[time, time]]] = {}
    for part in filter(None, (p.strip() for p in text.split(";"))):
        days, _, span = part.partition(" ")
        match = _SPAN.match(span.strip())
        if match is None:
            raise ValueError(f"{part!r}: write hours like Mon-Fri 09:00-18:00")
        h1, m1, h2, m2 = (int(g) for g in match.groups())
        if h1 > 23 or h2 > 24 or m1 > 59 or m2 > 59:
            raise ValueError(f"{part!r}: not a time of day")
        start = time(h1, m1)
        end = time.max if (h2, m2) == (24, 0) else time(h2, m2)
        if (h2, m2) != (24, 0) and end <= start:
            raise ValueError(
                f"{part!r}: the end must come after the start (no spans over midnight; split them)"
            )
        for day in _days(days):
            spans.setdefault(day, []).append((start, end))
    return Hours(tz, {day: tuple(v) for day, v in spans.items()})
