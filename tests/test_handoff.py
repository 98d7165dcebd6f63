"""The operator-queue domain: case codes and queue order."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

from dialogs.types import Priority
from handoff.cases import CODE_ALPHABET, QueueEntry, new_case_code, queue_order

T0 = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)


def test_case_codes_avoid_confusable_characters() -> None:
    codes = {new_case_code() for _ in range(500)}
    assert len(codes) > 450  # random, rarely repeating
    for code in codes:
        assert code.startswith("K-")
        assert len(code) == 6
        assert set(code[2:]) <= set(CODE_ALPHABET)
    assert not set("01258BILOSZ") & set(CODE_ALPHABET)


def test_case_codes_are_reproducible_with_a_seeded_source() -> None:
    assert new_case_code(random.Random(7)) == new_case_code(random.Random(7))


def test_queue_puts_the_most_urgent_first_then_the_longest_waiting() -> None:
    entries = [
        QueueEntry("K-AAAA", Priority.NORMAL, T0),
        QueueEntry("K-CCCC", Priority.URGENT, T0 + timedelta(minutes=5)),
        QueueEntry("K-DDDD", Priority.HIGH, T0 + timedelta(minutes=1)),
        QueueEntry("K-EEEE", Priority.URGENT, T0 + timedelta(minutes=2)),
    ]
    assert [e.code for e in queue_order(entries)] == ["K-EEEE", "K-CCCC", "K-DDDD", "K-AAAA"]
