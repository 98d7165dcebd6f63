"""Mermaid state diagrams of the flows, generated from the same definitions the engine runs.

docs/flows/<flow>.mmd is written by ``lastivka flows diagrams``; a test fails when a
checked-in diagram no longer matches its flow.
"""

from __future__ import annotations

from transitions.extensions import GraphMachine

from dialogs.flow import Flow, jump_target
from dialogs.flows import FLOWS

__all__ = ["mermaid", "mermaid_diagrams"]


def mermaid(flow: Flow) -> str:
    """The flow as a Mermaid ``stateDiagram-v2``; jumps to other flows are shown as states."""
    states = [step.name for step in flow.steps]
    exits = sorted(
        {
            target
            for step in flow.steps
            for option in step.options
            if (target := jump_target(option.goto)) is not None
        }
    )
    transitions = []
    for step in flow.steps:
        for option in step.options:
            target = jump_target(option.goto)
            transitions.append(
                {"trigger": option.value, "source": step.name, "dest": target or option.goto}
            )
        if step.back is not None:
            transitions.append({"trigger": "back", "source": step.name, "dest": step.back})
    machine = GraphMachine(
        states=states + exits,
        transitions=transitions,
        initial=flow.initial,
        auto_transitions=False,
        graph_engine="mermaid",
        title=f"{flow.name} v{flow.version}",
    )
    text: str = machine.get_graph().draw(None)
    return text.rstrip() + "\n"


def mermaid_diagrams() -> dict[str, str]:
    return {flow.name: mermaid(flow) for flow in FLOWS}
