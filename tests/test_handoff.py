"""The operator-queue domain: case codes, queue order, the life of a case, time rules."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

import pytest

from dialogs.types import Priority
from handoff.cases import CODE_ALPHABET, QueueEntry, new_case_code, queue_order
from handoff.lifecycle import (
    Actor,
    Case,
    Outcome,
    Refusal,
    Role,
    Status,
    claim,
    close,
    escalate,
    release,
    transfer,
)
from handoff.sla import parse_hours, parse_sla

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


# -- the life of a case -------------------------------------------------------------------


OLHA = Actor("op-olha", Role.OPERATOR)
IVAN = Actor("op-ivan", Role.OPERATOR)
SUPER = Actor("op-sup", Role.SUPERVISOR)
NEW = Case("K-7Q3F", Priority.URGENT, Status.QUEUED, T0)


def held(by: Actor = OLHA) -> Case:
    result = claim(NEW, by, T0 + timedelta(minutes=1))
    assert isinstance(result, Case)
    return result


def test_one_holder_at_a_time() -> None:
    case = held()
    assert (case.status, case.holder, case.claimed_at) == (
        Status.HELD,
        "op-olha",
        T0 + timedelta(minutes=1),
    )
    assert claim(case, IVAN, T0) == Refusal("held_by_other")
    assert claim(case, SUPER, T0) == Refusal("held_by_other")
    assert claim(case, OLHA, T0) == Refusal("already_yours")


def test_only_the_holder_or_a_supervisor_releases_or_transfers() -> None:
    case = held()
    assert release(case, IVAN) == Refusal("not_holder")
    released = release(case, SUPER)
    assert isinstance(released, Case)
    assert (released.status, released.holder) == (Status.QUEUED, None)
    assert released.opened_at == T0  # waiting time keeps counting from the opening
    assert release(NEW, OLHA) == Refusal("not_held")
    moved = transfer(case, OLHA, IVAN, T0 + timedelta(minutes=3))
    assert isinstance(moved, Case)
    assert moved.holder == "op-ivan"
    assert transfer(moved, OLHA, OLHA, T0) == Refusal("not_holder")
    assert transfer(moved, IVAN, IVAN, T0) == Refusal("already_theirs")
    # a supervisor may assign a waiting case; an operator may only claim it
    assigned = transfer(NEW, SUPER, IVAN, T0)
    assert isinstance(assigned, Case)
    assert (assigned.status, assigned.holder) == (Status.HELD, "op-ivan")
    assert transfer(NEW, OLHA, IVAN, T0) == Refusal("not_held")


def test_a_case_never_closes_without_an_outcome_and_stays_closed() -> None:
    case = held()
    assert close(case, OLHA, None, T0) == Refusal("no_outcome")
    assert close(case, OLHA, Outcome.PERSON_LEFT, T0) == Refusal("system_outcome")
    assert close(case, IVAN, Outcome.REFERRED, T0) == Refusal("not_holder")
    closed = close(case, OLHA, Outcome.PRESUMED_VICTIM, T0 + timedelta(hours=1))
    assert isinstance(closed, Case)
    assert (closed.status, closed.outcome) == (Status.CLOSED, Outcome.PRESUMED_VICTIM)
    for refused in (
        claim(closed, IVAN, T0),
        release(closed, OLHA),
        transfer(closed, SUPER, IVAN, T0),
        escalate(closed, OLHA),
        close(closed, OLHA, Outcome.INFORMATION, T0),
    ):
        assert refused == Refusal("closed")


def test_escalation_happens_once_and_anyone_may_raise_it() -> None:
    raised = escalate(NEW, IVAN)
    assert isinstance(raised, Case)
    assert raised.escalated
    assert escalate(raised, OLHA) == Refusal("already_escalated")


def test_time_to_claim_per_priority() -> None:
    sla = parse_sla("urgent=5m, high=30m, normal=4h")
    assert sla.due_at(NEW) == T0 + timedelta(minutes=5)
    assert not sla.overdue(NEW, T0 + timedelta(minutes=5))
    assert sla.overdue(NEW, T0 + timedelta(minutes=6))
    assert not sla.overdue(held(), T0 + timedelta(hours=9))  # held cases are not waiting
    normal = Case("K-AAAA", Priority.NORMAL, Status.QUEUED, T0)
    assert not sla.overdue(normal, T0 + timedelta(hours=3))
    for bad, message in [
        ("urgent=5m,high=30m", "normal"),
        ("urgent=5x,high=30m,normal=4h", "urgent"),
        ("soon=5m", "unknown priority"),
        ("urgent=0m,high=1m,normal=1h", "urgent"),
    ]:
        with pytest.raises(ValueError, match=message):
            parse_sla(bad)


def test_operator_hours_in_the_team_time_zone() -> None:
    hours = parse_hours("Mon-Fri 09:00-18:00; Sat 10:00-14:00", "Europe/Kyiv")
    # 2026-11-24 is a Tuesday; Kyiv is UTC+2 in November
    assert hours.is_open(datetime(2026, 11, 24, 7, 0, tzinfo=UTC))  # 09:00 in Kyiv
    assert not hours.is_open(datetime(2026, 11, 24, 6, 59, tzinfo=UTC))
    assert not hours.is_open(datetime(2026, 11, 24, 16, 0, tzinfo=UTC))  # 18:00 in Kyiv
    friday_night = datetime(2026, 11, 27, 20, 0, tzinfo=UTC)
    assert hours.next_open(friday_night) == datetime(2026, 11, 28, 8, 0, tzinfo=UTC)
    saturday_after = datetime(2026, 11, 28, 13, 0, tzinfo=UTC)
    assert hours.next_open(saturday_after) == datetime(2026, 11, 30, 7, 0, tzinfo=UTC)
    always = parse_hours("24/7", "Europe/Riga")
    assert always.is_open(friday_night)
    assert always.next_open(friday_night) == friday_night
    for bad, message in [
        ("Mon-Fri 9-18", "write hours"),
        ("Fri-Mon 09:00-18:00", "runs forward"),
        ("Mon 18:00-09:00", "after the start"),
        ("Someday 09:00-10:00", "days"),
    ]:
        with pytest.raises(ValueError, match=message):
            parse_hours(bad, "Europe/Kyiv")
    with pytest.raises(ValueError, match="time zone"):
        parse_hours("24/7", "Mars/Olympus")
