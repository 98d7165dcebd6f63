"""The dialog engine: ``step(conversation, input) -> StepResult``.

One shared transitions ``AsyncMachine`` per flow (``queued="model"``,
``auto_transitions=False``); for every input a short-lived model is attached, triggered and
detached, so memory is O(inputs in flight), not O(people), and the database stays the only
source of truth (research/stack.md section 2.5). Callbacks only compute: they fill the
model's answers and effects; nothing is sent or stored here.

Global inputs (``/start``, ``/menu``, ``/language``, unknown commands, stickers, long texts,
expired buttons) are handled before any flow sees them, the same way on every step.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from transitions import MachineError
from transitions.extensions.asyncio import AsyncMachine

from dialogs.flow import Flow, Option, jump_target
from dialogs.types import (
    LOCALES,
    Answer,
    Button,
    Choice,
    Command,
    Conversation,
    Effect,
    Input,
    Reply,
    SetLocale,
    StepResult,
    Text,
    Unsupported,
)

__all__ = [
    "LANGUAGE_PREFIX",
    "MAX_TEXT",
    "MENU",
    "START",
    "Engine",
    "step_token",
]

# transitions logs one line per skipped binding and per trigger at INFO/DEBUG; none of it
# is useful in production and some of it names states of a person's dialog.
logging.getLogger("transitions").setLevel(logging.ERROR)

#: The flow a new person starts in (language choice) and the main menu flow.
START = "start"
MENU = "menu"
#: Global choice values: ``menu`` and ``lang_<code>``.
LANGUAGE_PREFIX = "lang_"
#: Texts longer than this get a "too long" hint rather than the generic one.
MAX_TEXT = 1000

_NAV_BACK = "back"
_NAV_MENU = "menu"


def step_token(flow: str, version: int, state: str) -> str:
    """A short, stable id of one step; buttons carry it so stale ones can be told apart."""
    digest = hashlib.blake2s(f"{flow}:{version}:{state}".encode(), digest_size=3)
    return digest.hexdigest()


@dataclass(eq=False)
class _Model:
    """The ephemeral per-input model the shared machine drives (never kept)."""

    state: str
    answers: dict[str, Answer]
    effects: list[Effect] = field(default_factory=list)
    jump: str | None = None


@dataclass(frozen=True, slots=True)
class _Compiled:
    flow: Flow
    machine: AsyncMachine


def _record(option: Option) -> Any:
    def callback(event: Any) -> None:
        model: _Model = event.model
        if option.record is not None:
            key, value = option.record
            model.answers[key] = value
        if option.effects is not None:
            model.effects.extend(option.effects(model.answers))
        target = jump_target(option.goto)
        if target is not None:
            model.jump = target

    return callback


def _guard(option: Option) -> Any:
    condition = option.when

    def check(event: Any) -> bool:
        return condition is None or condition(event.model.answers)

    return check


class Engine:
    """Runs flows. Build it once at start-up; ``step`` is safe to call concurrently."""

    def __init__(self, flows: Iterable[Flow]) -> None:
        flow_list = list(flows)
        names = {flow.name for flow in flow_list}
        for required in (START, MENU):
            if required not in names:
                raise ValueError(f"the engine needs a {required!r} flow")
        for flow in flow_list:
            flow.validate(names)
        self._flows: dict[str, _Compiled] = {f.name: self._compile(f) for f in flow_list}

    @property
    def flows(self) -> Mapping[str, Flow]:
        return {name: compiled.flow for name, compiled in self._flows.items()}

    def machine(self, flow: str) -> AsyncMachine:
        """The shared machine of a flow (diagrams are generated from it)."""
        return self._flows[flow].machine

    @staticmethod
    def _compile(flow: Flow) -> _Compiled:
        transitions: list[dict[str, Any]] = []
        for step in flow.steps:
            for option in step.options:
                internal = jump_target(option.goto) is not None
                transitions.append(
                    {
                        "trigger": option.value,
                        "source": step.name,
                        "dest": None if internal else option.goto,
                        "conditions": [_guard(option)],
                        "after": [_record(option)],
                    }
                )
            if step.back is not None:
                transitions.append({"trigger": _NAV_BACK, "source": step.name, "dest": step.back})
        machine = AsyncMachine(
            model=None,
            states=[step.name for step in flow.steps],
            transitions=transitions,
            initial=flow.initial,
            auto_transitions=False,
            queued="model",
            send_event=True,
        )
        return _Compiled(flow=flow, machine=machine)

    # -- public API -------------------------------------------------------------------

    async def step(
        self, conversation: Conversation | None, given: Input, *, locale_hint: str
    ) -> StepResult:
        """Apply one input. Pure: the same arguments always give the same result."""
        hint = locale_hint if locale_hint in LOCALES else "en"
        if conversation is None or conversation.locale is None:
            return self._first_contact(conversation, given, hint)
        conv = self._upgrade(conversation)
        match given:
            case Command(name="start"):
                return self._enter(replace(conv, answers={}), MENU, "start", ("welcome",))
            case Command(name="menu"):
                return self._enter(conv, MENU, "menu")
            case Command(name="language"):
                return StepResult((self._language_picker(conv.locale),), conv, "language")
            case Command(name="about"):
                return self._enter(conv, "about", "about")
            case Command(name="help"):
                return self._hint(conv, "help-text", "help")
            case Command():
                return self._hint(conv, "unknown-command", "unknown_command")
            case Unsupported():
                return self._hint(conv, "unsupported-input", "unsupported")
            case Text(text=text) if len(text) > MAX_TEXT:
                too_long = Reply("text-too-long", {"length": len(text), "limit": MAX_TEXT})
                return StepResult((too_long, self.render(conv)), conv, "text_too_long")
            case Text():
                return self._hint(conv, "use-buttons", "text")
            case Choice(value=value, token=""):
                return self._global_choice(conv, value)
            case Choice(value=value, token=token):
                return await self._flow_choice(conv, value, token)
        raise TypeError(f"not an input: {type(given).__name__}")

    def render(self, conversation: Conversation) -> Reply:
        """The message that shows the person's current step."""
        if conversation.flow == START:
            return self._language_picker(conversation.locale)
        flow = self._flows[conversation.flow].flow
        step = flow.step(conversation.state)
        token = step_token(flow.name, flow.version, step.name)
        rows: list[tuple[Button, ...]] = [
            (Button(option.label, option.value, token),)
            for option in step.options
            if option.when is None or option.when(conversation.answers)
        ]
        nav: list[Button] = []
        if step.back is not None:
            nav.append(Button("button-back", _NAV_BACK, token))
        if flow.name != MENU:
            nav.append(Button("button-menu", _NAV_MENU))
        if nav:
            rows.append(tuple(nav))
        args = dict(step.args(conversation.answers)) if step.args is not None else {}
        return Reply(step.message, args, tuple(rows))

    # -- internals --------------------------------------------------------------------

    def _first_contact(self, conv: Conversation | None, given: Input, hint: str) -> StepResult:
        start = self._flows[START].flow
        fresh = Conversation(START, start.version, start.initial, {}, None)
        if isinstance(given, Choice) and given.token == "" and self._locale_of(given.value):
            return self._global_choice(fresh, given.value)
        greeting = Reply("welcome")
        picker = self._language_picker(hint, selected=hint)
        event = "first_contact" if conv is None else "language_pending"
        return StepResult((greeting, picker), fresh, event)

    def _upgrade(self, conv: Conversation) -> Conversation:
        compiled = self._flows.get(conv.flow)
        if compiled is None:
            menu = self._flows[MENU].flow
            return replace(conv, flow=MENU, flow_version=menu.version, state=menu.initial)
        flow = compiled.flow
        if conv.flow_version == flow.version:
            return conv
        state = flow.renames.get(conv.state, conv.state)
        if state not in {step.name for step in flow.steps}:
            state = flow.initial
        return replace(conv, flow_version=flow.version, state=state)

    def _enter(
        self, conv: Conversation, flow_name: str, event: str, before: tuple[str, ...] = ()
    ) -> StepResult:
        flow = self._flows[flow_name].flow
        answers = conv.answers if flow_name == conv.flow else {}
        moved = replace(
            conv, flow=flow.name, flow_version=flow.version, state=flow.initial, answers=answers
        )
        effects: list[Effect] = [Reply(message_id) for message_id in before]
        effects.append(self.render(moved))
        return StepResult(tuple(effects), moved, event)

    def _hint(self, conv: Conversation, message_id: str, event: str) -> StepResult:
        return StepResult((Reply(message_id), self.render(conv)), conv, event)

    def _language_picker(self, current: str | None, *, selected: str | None = None) -> Reply:
        chosen = selected or current
        ordered = sorted(LOCALES, key=lambda loc: loc != chosen)
        rows = tuple(
            (Button(f"language-name-{loc}", f"{LANGUAGE_PREFIX}{loc}", selected=loc == chosen),)
            for loc in ordered
        )
        return Reply("choose-language", {}, rows)

    @staticmethod
    def _locale_of(value: str) -> str | None:
        if value.startswith(LANGUAGE_PREFIX) and value[len(LANGUAGE_PREFIX) :] in LOCALES:
            return value[len(LANGUAGE_PREFIX) :]
        return None

    def _global_choice(self, conv: Conversation, value: str) -> StepResult:
        locale = self._locale_of(value)
        if locale is not None:
            changed = replace(conv, locale=locale)
            effects: list[Effect] = [SetLocale(locale), Reply("language-set")]
            if conv.flow == START:
                menu = self._enter(changed, MENU, "language_set")
                return StepResult((*effects, *menu.effects), menu.conversation, "language_set")
            effects.append(self.render(changed))
            return StepResult(tuple(effects), changed, "language_set")
        if value == _NAV_MENU:
            return self._enter(conv, MENU, "menu")
        return self._hint(conv, "button-expired", "expired")

    async def _flow_choice(self, conv: Conversation, value: str, token: str) -> StepResult:
        compiled = self._flows[conv.flow]
        flow = compiled.flow
        if token != step_token(flow.name, flow.version, conv.state):
            return self._hint(conv, "button-expired", "expired")
        if conv.flow == START:
            return self._hint(conv, "button-expired", "expired")
        step = flow.step(conv.state)
        if value != _NAV_BACK and value not in {option.value for option in step.options}:
            return self._hint(conv, "button-expired", "expired")
        model = _Model(state=conv.state, answers=dict(conv.answers))
        machine = compiled.machine
        machine.add_model(model, initial=conv.state)
        try:
            moved = await model.trigger(value)  # type: ignore[attr-defined]
        except MachineError:
            # The option exists on the step but the machine refuses it from this state.
            moved = False
        finally:
            machine.remove_model(model)
        if not moved:
            return self._hint(conv, "button-expired", "expired")
        after = replace(conv, state=model.state, answers=model.answers)
        effects = list(model.effects)
        if model.jump == "!language":
            effects.append(self._language_picker(conv.locale))
            return StepResult(tuple(effects), after, "language")
        if model.jump is not None:
            entered = self._enter(after, model.jump, "flow_start")
            return StepResult((*effects, *entered.effects), entered.conversation, "flow_start")
        effects.append(self.render(after))
        return StepResult(tuple(effects), after, "step")
