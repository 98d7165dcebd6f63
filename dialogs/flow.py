"""How a flow is written down: steps, options and where each option leads.

Flows are data (ARCHITECTURE.md section 5, rule 4). The engine turns each ``Flow`` into one
shared transitions machine; conditions are small pure named functions of the answers.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from dialogs.types import Answer, Arg, Effect, Text

__all__ = [
    "Answers",
    "Condition",
    "EffectMaker",
    "Flow",
    "Goto",
    "Option",
    "Route",
    "Step",
    "TextRule",
    "Update",
    "jump_target",
    "targets",
]

Answers = Mapping[str, Answer]
Condition = Callable[[Answers], bool]
EffectMaker = Callable[[Answers], tuple[Effect, ...]]
#: A pure change of the answers: returns the new mapping (the old one is never mutated).
Update = Callable[[Answers], dict[str, Answer]]


@dataclass(frozen=True, slots=True)
class Route:
    """A destination computed from the answers (after the option's changes).

    ``targets`` lists every step ``choose`` may return, so the machine (and the diagrams)
    know all edges in advance; choosing anything else is a bug caught at run time.
    """

    choose: Callable[[Answers], str]
    targets: tuple[str, ...]


Goto = str | Route


def targets(goto: Goto) -> tuple[str, ...]:
    """Every step or jump an option may lead to."""
    return goto.targets if isinstance(goto, Route) else (goto,)


@dataclass(frozen=True, slots=True)
class TextRule:
    """What a step does with typed or forwarded text instead of the generic hint.

    ``handle`` returns the new answers and the effects to show; ``goto`` is where the
    step leads afterwards; texts longer than ``limit`` get the "too long" hint.
    """

    handle: Callable[[Answers, Text], tuple[dict[str, Answer], tuple[Effect, ...]]]
    goto: Goto
    limit: int = 4096


_VALUE = re.compile(r"^[a-z][a-z0-9_]{0,23}$")


@dataclass(frozen=True, slots=True)
class Option:
    """A button on a step.

    ``goto`` is a step of the same flow, ``@flow`` to start another flow, ``!language``
    to open the language picker, or a ``Route`` computed from the answers. ``record``
    stores one answer and ``update`` changes the answers further; ``effects`` adds effects
    computed from the resulting answers; ``when`` hides the option and refuses its trigger
    unless it holds.
    """

    value: str
    label: str
    goto: Goto
    record: tuple[str, Answer] | None = None
    effects: EffectMaker | None = None
    when: Condition | None = None
    update: Update | None = None

    def apply(self, answers: Answers) -> dict[str, Answer]:
        """The answers after this option was chosen."""
        result = dict(answers)
        if self.record is not None:
            key, value = self.record
            result[key] = value
        if self.update is not None:
            result = self.update(result)
        return result

    def __post_init__(self) -> None:
        if not _VALUE.match(self.value) or self.value in {"back", "menu"}:
            raise ValueError(f"option value {self.value!r} is not a short reserved-free id")


@dataclass(frozen=True, slots=True)
class Step:
    """One screen: a message, its options, and the step that Back returns to.

    A step may depend on the answers: ``message`` may be computed, ``key`` tells apart
    screens of the same step (a question bank asks many questions from one step, and a
    button of an earlier question must not answer the current one), ``back`` may be a
    ``Route`` with ``back_update`` undoing the last answer. ``columns`` lays the options
    out in a grid; ``text`` accepts typed text; ``final`` marks an end screen (``/start``
    there goes straight to the menu instead of asking whether to continue).
    """

    name: str
    message: str | Callable[[Answers], str]
    options: tuple[Option, ...] = ()
    back: Goto | None = None
    args: Callable[[Answers], Mapping[str, Arg]] | None = None
    key: Callable[[Answers], str] | None = None
    back_update: Update | None = None
    columns: int = 1
    text: TextRule | None = None
    protect: bool = False
    final: bool = False

    def message_id(self, answers: Answers) -> str:
        return self.message if isinstance(self.message, str) else self.message(answers)


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
            for back in targets(step.back) if step.back is not None else ():
                if back not in names:
                    raise ValueError(f"{self.name}.{step.name}: back to unknown step {back}")
            values = [option.value for option in step.options]
            if len(set(values)) != len(values):
                raise ValueError(f"{self.name}.{step.name}: duplicate option values")
            gotos = [option.goto for option in step.options]
            if step.text is not None:
                gotos.append(step.text.goto)
            for goto in gotos:
                for dest in targets(goto):
                    target = jump_target(dest)
                    if target is None and dest not in names:
                        raise ValueError(f"{self.name}.{step.name}: unknown step {dest}")
                    if target is not None and target not in flow_names | {"!language"}:
                        raise ValueError(f"{self.name}.{step.name}: unknown flow {dest}")


def jump_target(goto: str) -> str | None:
    """The flow (or ``!language``) an option leaves for, or None for a step in the flow."""
    if goto.startswith("@"):
        return goto[1:]
    if goto.startswith("!"):
        return goto
    return None
