"""Case codes and the order of the operator queue.

Operators see a case code, never who the person is. Codes avoid letters and digits that
are easy to confuse on a phone screen or over the phone (0/O, 1/I/L, 5/S, 8/B, 2/Z).
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime

from dialogs.types import Priority

__all__ = ["CODE_ALPHABET", "QueueEntry", "new_case_code", "queue_order"]

CODE_ALPHABET = "34679ACDEFGHJKMNPQRTUVWXY"
_CODE_LENGTH = 4


def new_case_code(choice: object = secrets) -> str:
    """A case code such as ``K-7Q3F``; ``choice`` is injectable for reproducible tests."""
    pick = getattr(choice, "choice")  # noqa: B009 - accepts the secrets module or a Random
    return "K-" + "".join(pick(CODE_ALPHABET) for _ in range(_CODE_LENGTH))


@dataclass(frozen=True, slots=True)
class QueueEntry:
    code: str
    priority: Priority
    waiting_since: datetime


def queue_order(entries: list[QueueEntry]) -> list[QueueEntry]:
    """Most urgent first; within a priority, whoever has waited longest first."""
    return sorted(entries, key=lambda entry: (-int(entry.priority), entry.waiting_since))
