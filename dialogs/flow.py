"""How a flow is written down: steps, options and where each option leads.

Flows are data (ARCHITECTURE.md section 5, rule 4). The engine turns each ``Flow`` into one
shared transitions machine; conditions are small pure named functions of the answers.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from dialogs.types import Answer, Effect

__all__ = ["Condition", "EffectMaker", "Flow", "Option", "Step", "jump_target"]

Condition = Callable[[Mapping[str, Answer]], bool]
EffectMaker = Callable[[Mapping[str, Answer]], tuple[Effect, ...]]

_VALUE = re.compile(r"^[a-z][a-z0-9_]{0,23}$")


@dataclass(frozen=True, slots=True)
class Option:
    """A button on a step.

    ``goto`` is a step of the same flow, ``@flow`` to start another flow, or ``!language``
    to open the language picker. ``record`` stores one answer; ``effects`` adds effects
    computed from the answers (after ``record`` is applied); ``when`` hides the option and
    refuses its trigger unless it holds.
    """

    value: str
    label: str
    goto: str
    record: tuple[str, Answer] | None = None
    effects: EffectMaker | None = None
    when: Condition | None = None

    def __post_init__(self) -> None:
        if not _VALUE.match(self.value) or self.value in {"back", "menu"}:
            raise ValueError(f"option value {self.value!r} is not a short reserved-free id")


@dataclass(frozen=True, slots=True)
class Step:
    """One screen: a message, its options, and the step that Back returns to."""

    name: str
    message: str
    options: tuple[Option, ...] = ()
    back: str | None = None
    args: Callable[[Mapping[str, Answer]], Mapping[str, str | int]] | None = None


@dataclass(frozen=True, slots=True)
class Flow:
    """A dialog. Bump ``version`` when steps change shape; ``renames`` maps old step names."""

    name: str
    version: int
    steps: tuple[Step, ...]
    renames: Mapping[str, str] = field(default_factory=dict)

    @property
    def initial(self) -> str:
        return self.steps[0].name

    def step(self, name: str) -> Step:
        for step in self.steps:
            if step.name == name:
                return step
        raise KeyError(f"{self.name} has no step {name!r}")

    def validate(self, flow_names: set[str]) -> None:
        """Fail at start-up, not in front of a person, when a flow points nowhere."""
        names = {step.name for step in self.steps}
        if len(names) != len(self.steps):
            raise ValueError(f"{self.name}: duplicate step names")
        for step in self.steps:
            if step.back is not None and step.back not in names:
                raise ValueError(f"{self.name}.{step.name}: back to unknown step {step.back}")
            values = [option.value for option in step.options]
            if len(set(values)) != len(values):
                raise ValueError(f"{self.name}.{step.name}: duplicate option values")
            for option in step.options:
                target = jump_target(option.goto)
                if target is None and option.goto not in names:
                    raise ValueError(f"{self.name}.{step.name}: unknown step {option.goto}")
                if target is not None and target not in flow_names | {"!language"}:
                    raise ValueError(f"{self.name}.{step.name}: unknown flow {option.goto}")


def jump_target(goto: str) -> str | None:
    """The flow (or ``!language``) an option leaves for, or None for a step in the flow."""
    if goto.startswith("@"):
        return goto[1:]
    if goto.startswith("!"):
        return goto
    return None
