"""Mermaid state diagrams of the flows, generated from the same definitions the engine runs.

docs/flows/<flow>.mmd is written by ``lastivka flows diagrams``; a test fails when a
checked-in diagram no longer matches its flow.
"""

from __future__ import annotations

from transitions.extensions import GraphMachine

from dialogs.flow import Flow, jump_target, targets
from dialogs.flows import FLOWS

__all__ = ["mermaid", "mermaid_diagrams"]


def _edges(flow: Flow) -> list[tuple[str, str, str]]:
    """(trigger, source, destination) for every edge the engine can take."""
    edges: list[tuple[str, str, str]] = []
    for step in flow.steps:
        for option in step.options:
            # the country picker's buttons all lead the same way: one edge, "c_*"
            trigger = "c_*" if option.value.startswith("c_") else option.value
            for dest in targets(option.goto):
                if (trigger, step.name, dest) not in edges:
                    edges.append((trigger, step.name, dest))
        if step.back is not None:
            edges += [("back", step.name, dest) for dest in targets(step.back)]
        if step.text is not None:
            edges += [("text", step.name, dest) for dest in targets(step.text.goto)]
    return edges


def mermaid(flow: Flow) -> str:
    """The flow as a Mermaid ``stateDiagram-v2``; jumps to other flows are shown as states."""
    states = [step.name for step in flow.steps]
    edges = _edges(flow)
    exits = sorted({dest for _, _, dest in edges if jump_target(dest) is not None})
    transitions = [
        {"trigger": trigger, "source": source, "dest": dest} for trigger, source, dest in edges
    ]
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
