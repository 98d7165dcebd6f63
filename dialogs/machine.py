"""Flows as transitions machines: one shared ``AsyncMachine`` per flow.

Every option becomes one transition per destination it may lead to, guarded by its route,
so the machine and the diagrams know every edge in advance. The per-input ``Model`` carries
the answers as they will be (``pending``) so routes can choose from them; the ``after``
callback makes them the answers. Callbacks only compute; nothing is sent or stored here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from transitions.extensions.asyncio import AsyncMachine

from dialogs.flow import Condition, EffectMaker, Flow, Goto, Route, jump_target, targets
from dialogs.types import Answer, Effect

__all__ = ["BACK", "TEXT", "Compiled", "Model", "compile_flow"]

#: The trigger of a step's Back button and of its text rule (never a button value: those
#: are checked ids without a leading underscore, and "back" is reserved).
BACK = "back"
TEXT = "_text"


@dataclass(eq=False)
class Model:
    """The ephemeral per-input model the shared machine drives (never kept).

    ``pending`` holds the answers as they will be if the trigger succeeds: routes choose
    their destination from it, and the ``after`` callback makes it the answers.
    """

    state: str
    answers: dict[str, Answer]
    pending: dict[str, Answer] = field(default_factory=dict)
    effects: list[Effect] = field(default_factory=list)
    jump: str | None = None


@dataclass(frozen=True, slots=True)
class Compiled:
    flow: Flow
    machine: AsyncMachine


def _route_guard(goto: Goto, dest: str, when: Condition | None = None) -> Any:
    def check(event: Any) -> bool:
        model: Model = event.model
        if when is not None and not when(model.answers):
            return False
        if isinstance(goto, Route):
            chosen = goto.choose(model.pending)
            if chosen not in goto.targets:
                raise ValueError(f"route chose {chosen!r}, not one of {goto.targets}")
            return chosen == dest
        return True

    return check


def _commit(dest: str, effects: EffectMaker | None = None) -> Any:
    def callback(event: Any) -> None:
        model: Model = event.model
        model.answers = model.pending
        if effects is not None:
            model.effects.extend(effects(model.answers))
        target = jump_target(dest)
        if target is not None:
            model.jump = target

    return callback


def _transitions(trigger: str, source: str, goto: Goto, **kwargs: Any) -> list[dict[str, Any]]:
    """One transition per possible destination, each guarded by its route."""
    when = kwargs.pop("when", None)
    effects = kwargs.pop("effects", None)
    return [
        {
            "trigger": trigger,
            "source": source,
            "dest": None if jump_target(dest) is not None else dest,
            "conditions": [_route_guard(goto, dest, when)],
            "after": [_commit(dest, effects)],
        }
        for dest in targets(goto)
    ]


def compile_flow(flow: Flow) -> Compiled:
    transitions: list[dict[str, Any]] = []
    for step in flow.steps:
        for option in step.options:
            transitions += _transitions(
                option.value, step.name, option.goto, when=option.when, effects=option.effects
            )
        if step.back is not None:
            transitions += _transitions(BACK, step.name, step.back)
        if step.text is not None:
            transitions += _transitions(TEXT, step.name, step.text.goto)
    machine = AsyncMachine(
        model=None,
        states=[step.name for step in flow.steps],
        transitions=transitions,
        initial=flow.initial,
        auto_transitions=False,
        queued="model",
        send_event=True,
    )
    return Compiled(flow=flow, machine=machine)
