"""What may happen to a case, and who may do it: claim, release, transfer, escalate, close.

Pure rules over a ``Case`` value. Each operation returns the new case or a ``Refusal`` that
names why (the console shows it to the operator in their language); nothing is stored or
sent here. One holder at a time; only the holder (or a supervisor or admin) releases,
transfers or closes; a case never closes without an outcome; a closed case stays closed.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from enum import StrEnum

from dialogs.types import Priority

__all__ = [
    "Actor",
    "Case",
    "Outcome",
    "Refusal",
    "Role",
    "Status",
    "claim",
    "close",
    "escalate",
    "release",
    "transfer",
]


class Status(StrEnum):
    QUEUED = "queued"
    HELD = "held"
    CLOSED = "closed"


class Role(StrEnum):
    OPERATOR = "operator"
    SUPERVISOR = "supervisor"
    ADMIN = "admin"


class Outcome(StrEnum):
    """How a case ended (the codes hotlines report on)."""

    INFORMATION = "information"
    REFERRED = "referred"
    PRESUMED_VICTIM = "presumed_victim"
    OTHER_PROBLEM = "other_problem"
    DECLINED = "declined"
    NO_RESPONSE = "no_response"
    MISUSE = "misuse"
    #: The person erased their data or left; set by the system, not by an operator.
    PERSON_LEFT = "person_left"


@dataclass(frozen=True, slots=True)
class Actor:
    """A registered operator, known by a pseudonym (never their Telegram identity)."""

    ref: str
    role: Role

    @property
    def supervises(self) -> bool:
        return self.role in {Role.SUPERVISOR, Role.ADMIN}


@dataclass(frozen=True, slots=True)
class Case:
    code: str
    priority: Priority
    status: Status
    opened_at: datetime
    holder: str | None = None
    claimed_at: datetime | None = None
    escalated: bool = False
    outcome: Outcome | None = None
    closed_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class Refusal:
    """Why an action was refused: a message id suffix (``handoff-refused-<reason>``)."""

    reason: str


def _open(case: Case) -> Refusal | None:
    return Refusal("closed") if case.status is Status.CLOSED else None


def claim(case: Case, actor: Actor, now: datetime) -> Case | Refusal:
    """Take the case. A held case is refused (others see who holds it), even for supervisors:
    taking over a conversation is a transfer, made by the holder or a supervisor on purpose."""
    if refused := _open(case):
        return refused
    if case.holder == actor.ref:
        return Refusal("already_yours")
    if case.status is Status.HELD:
        return Refusal("held_by_other")
    return replace(case, status=Status.HELD, holder=actor.ref, claimed_at=now)


def _may_steer(case: Case, actor: Actor) -> Refusal | None:
    if refused := _open(case):
        return refused
    if case.status is not Status.HELD:
        return Refusal("not_held")
    if case.holder != actor.ref and not actor.supervises:
        return Refusal("not_holder")
    return None


def release(case: Case, actor: Actor) -> Case | Refusal:
    """Put the case back in the queue (its waiting time keeps counting from the opening)."""
    if refused := _may_steer(case, actor):
        return refused
    return replace(case, status=Status.QUEUED, holder=None, claimed_at=None)


def transfer(case: Case, actor: Actor, to: Actor, now: datetime) -> Case | Refusal:
    """Hand the case to a named operator, who holds it at once."""
    if case.status is Status.QUEUED and actor.supervises:
        # a supervisor may assign a waiting case directly
        return replace(case, status=Status.HELD, holder=to.ref, claimed_at=now)
    if refused := _may_steer(case, actor):
        return refused
    if to.ref == case.holder:
        return Refusal("already_theirs")
    return replace(case, holder=to.ref, claimed_at=now)


def escalate(case: Case, actor: Actor) -> Case | Refusal:
    """Ask supervisors to look at the case (any operator may, once)."""
    if refused := _open(case):
        return refused
    if case.escalated:
        return Refusal("already_escalated")
    return replace(case, escalated=True)


def close(case: Case, actor: Actor, outcome: Outcome | None, now: datetime) -> Case | Refusal:
    """Close with an outcome; without one the case stays open."""
    if outcome is None:
        return Refusal("no_outcome")
    if outcome is Outcome.PERSON_LEFT:
        return Refusal("system_outcome")
    if refused := _may_steer(case, actor):
        return refused
    return replace(case, status=Status.CLOSED, outcome=outcome, closed_at=now)
