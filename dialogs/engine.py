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
from dataclasses import replace

from transitions import MachineError
from transitions.extensions.asyncio import AsyncMachine

from dialogs.flow import (
    Flow,
    Step,
    TextRule,
)
from dialogs.machine import BACK, TEXT, Compiled, Model, compile_flow
from dialogs.safety import (
    COVER_FLOW,
    EXIT,
    EXIT_LINE,
    FORGET_NO,
    FORGET_YES,
    PRIVACY,
    privacy_args,
    split,
    view,
)
from dialogs.subscriptions import (
    parse_start_payload,
    stop_campaign,
    subscribed_topics,
    without_subscriptions,
)
from dialogs.types import (
    LOCALES,
    Answer,
    Arg,
    Button,
    Choice,
    Command,
    Conversation,
    Effect,
    Erase,
    Input,
    QuickExit,
    Reply,
    SetLocale,
    StepResult,
    Text,
    Unsupported,
)

__all__ = [
    "CARRY",
    "LANGUAGE_PREFIX",
    "MAX_TEXT",
    "MENU",
    "PENDING_FLOW",
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
#: The flow ``/human`` opens from any screen (talk to a person, consent first).
HUMAN_FLOW = "human"
#: Global choice values: ``menu`` and ``lang_<code>``.
LANGUAGE_PREFIX = "lang_"
#: Texts longer than this get a "too long" hint rather than the generic one.
MAX_TEXT = 1000

#: Answers whose key starts with this cross into the next flow (without the prefix).
CARRY = "carry."
#: The flow of the person's safety settings (code word, exit erases, delete my data).
SETTINGS_FLOW = "settings"
#: The flow where a person picks the topics of prevention messages they want.
SUBSCRIBE_FLOW = "subscribe"
#: A first-contact answer: the flow a campaign's deep link asked for, entered once the
#: person has chosen a language.
PENDING_FLOW = "_then"

_NAV_MENU = "menu"
_NAV_LANGUAGE = "language"
_RESUME = "resume"
_RESTART = "restart"


def step_token(flow: str, version: int, state: str, key: str = "") -> str:
    """A short, stable id of one screen; buttons carry it so stale ones can be told apart."""
    digest = hashlib.blake2s(f"{flow}:{version}:{state}:{key}".encode(), digest_size=3)
    return digest.hexdigest()


class Engine:
    """Runs flows. Build it once at start-up; ``step`` is safe to call concurrently."""

    def __init__(
        self,
        flows: Iterable[Flow],
        *,
        cover: bool = False,
        privacy: Mapping[str, Arg] | None = None,
    ) -> None:
        flow_list = list(flows)
        names = {flow.name for flow in flow_list}
        for required in (START, MENU):
            if required not in names:
                raise ValueError(f"the engine needs a {required!r} flow")
        for flow in flow_list:
            flow.validate(names)
        self._flows: dict[str, Compiled] = {f.name: compile_flow(f) for f in flow_list}
        if cover and COVER_FLOW not in self._flows:
            raise ValueError(f"a cover menu needs a {COVER_FLOW!r} flow")
        #: People see the cover flow until they unlock it (bot.conversations checks the phrase).
        self.cover = cover
        self.privacy: Mapping[str, Arg] = privacy if privacy is not None else privacy_args()

    @property
    def flows(self) -> Mapping[str, Flow]:
        return {name: compiled.flow for name, compiled in self._flows.items()}

    def machine(self, flow: str) -> AsyncMachine:
        """The shared machine of a flow (diagrams are generated from it)."""
        return self._flows[flow].machine

    # -- public API -------------------------------------------------------------------

    async def step(
        self, conversation: Conversation | None, given: Input, *, locale_hint: str
    ) -> StepResult:
        """Apply one input. Pure: the same arguments always give the same result."""
        hint = locale_hint if locale_hint in LOCALES else "en"
        if given in (Command(EXIT), Choice(EXIT)):
            return self._exit(conversation, hint)
        if self.locked(conversation):
            return await self._cover(conversation, given, hint)
        if conversation is None or conversation.locale is None:
            return self._first_contact(conversation, given, hint)
        conv = self._upgrade(conversation)
        rule = self._current_step(conv).text if conv.flow != START else None
        linked = self._deep_link(given)
        match given:
            case Command(name="start") if linked is not None:
                # afresh, as from the menu, even when it is the flow the person is in
                return self._enter(replace(conv, answers={}), linked, "deep_link")
            case Command(name="start") if self._half_finished(conv):
                return StepResult((self._resume_prompt(),), conv, "resume_prompt")
            case Command(name="start"):
                return self._restart(conv)
            case Command(name="menu"):
                return self._enter(conv, MENU, "menu")
            case Command(name="language"):
                return StepResult((self._language_picker(conv.locale),), conv, "language")
            case Command(name="about"):
                return self._enter(conv, "about", "about")
            case Command(name="human") if HUMAN_FLOW in self._flows:
                return self._enter(conv, HUMAN_FLOW, "human")
            case Command(name="settings") if SETTINGS_FLOW in self._flows:
                return self._enter(conv, SETTINGS_FLOW, "settings")
            case Command(name="subscribe") if SUBSCRIBE_FLOW in self._flows:
                return self._enter(conv, SUBSCRIBE_FLOW, "subscribe")
            case Command(name="unsubscribe"):
                return self._unsubscribe(conv)
            case Command(name="privacy"):
                notice = Reply(PRIVACY, self.privacy, protect=True)
                return StepResult((notice, self.render(conv)), conv, "privacy")
            case Command(name="forget"):
                return StepResult((self._forget_prompt(),), conv, "forget_prompt")
            case Command(name="help"):
                return self._hint(conv, "help-text", "help")
            case Command():
                return self._hint(conv, "unknown-command", "unknown_command")
            case Unsupported():
                return self._hint(conv, "unsupported-input", "unsupported")
            case Text(text=text) if len(text) > (rule.limit if rule else MAX_TEXT):
                limit = rule.limit if rule else MAX_TEXT
                too_long = Reply("text-too-long", {"length": len(text), "limit": limit})
                return StepResult((too_long, self.render(conv)), conv, "text_too_long")
            case Text() if rule is not None:
                return await self._text(conv, given, rule)
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
        answers = view(conversation)
        token = self.token(conversation)
        visible = [
            Button(option.label, option.value, token)
            for option in step.options
            if option.when is None or option.when(answers)
        ]
        width = max(step.columns, 1)
        rows: list[tuple[Button, ...]] = [
            tuple(visible[i : i + width]) for i in range(0, len(visible), width)
        ]
        nav: list[Button] = []
        if step.back is not None:
            nav.append(Button("button-back", BACK, token))
        if flow.name not in (MENU, COVER_FLOW):  # the cover shows nothing of the real bot
            nav.append(Button("button-menu", _NAV_MENU))
            nav.append(Button("button-language", _NAV_LANGUAGE))
            if flow.name != HUMAN_FLOW and HUMAN_FLOW in self._flows:
                # a person is one tap away from every screen
                nav.append(Button("button-human", HUMAN_FLOW))
        if nav:
            rows.append(tuple(nav))
        # and so is the quick exit, on a row of its own so it is never tapped by mistake
        rows.append((Button("button-exit", EXIT),))
        args = dict(step.args(answers)) if step.args is not None else {}
        message_id = step.message_id(answers)
        if message_id == PRIVACY:
            return Reply(message_id, {**self.privacy, **args}, tuple(rows), protect=True)
        return Reply(message_id, args, tuple(rows), protect=step.protect)

    def token(self, conversation: Conversation) -> str:
        """The token of the screen the person sees now (buttons carry it)."""
        flow = self._flows[conversation.flow].flow
        step = flow.step(conversation.state)
        key = step.key(view(conversation)) if step.key is not None else ""
        return step_token(flow.name, flow.version, step.name, key)

    # -- internals --------------------------------------------------------------------

    def locked(self, conv: Conversation | None) -> bool:
        """True while a cover-menu deployment hides the real menu from this person."""
        return self.cover and not (conv is not None and conv.settings.get("unlocked"))

    def unlock(self, conv: Conversation | None, hint: str) -> StepResult:
        """The unlock phrase was sent: the real bot, from the language choice or the menu."""
        base = conv or Conversation(START, 1, "language")
        opened = replace(base, settings={**base.settings, "unlocked": True}, answers={})
        if opened.locale is None:
            return self._first_contact(opened, Command("start"), hint)
        return self._enter(opened, MENU, "unlock", ("welcome",))

    async def _cover(self, conv: Conversation | None, given: Input, hint: str) -> StepResult:
        """Locked: every input lands in the cover flow; nothing hints at the real menu."""
        cover = self._flows[COVER_FLOW].flow
        base = conv or Conversation(cover.name, cover.version, cover.initial, {}, hint)
        here = replace(base, locale=base.locale or hint)
        if here.flow != COVER_FLOW:
            here = replace(
                here, flow=cover.name, flow_version=cover.version, state=cover.initial, answers={}
            )
            return StepResult((self.render(here),), here, "cover")
        if isinstance(given, Choice) and given.token:
            return await self._flow_choice(here, given.value, given.token)
        return StepResult((self.render(here),), here, "cover")

    def _exit(self, conv: Conversation | None, hint: str) -> StepResult:
        """Quick exit from any screen: answers go; the menu (or the cover) waits quietly."""
        if conv is None:
            start = self._flows[START].flow
            conv = Conversation(START, start.version, start.initial, {}, None)
        # Prevention messages stop too: one arriving later could give the person away.
        settings = without_subscriptions(conv.settings)
        settings.pop("unlocked", None)
        home = COVER_FLOW if self.cover else (MENU if conv.locale else START)
        flow = self._flows[home].flow
        left = replace(
            conv,
            flow=flow.name,
            flow_version=flow.version,
            state=flow.initial,
            answers={},
            locale=conv.locale or (hint if self.cover else None),
            settings=settings,
        )
        return StepResult((QuickExit(), Reply(EXIT_LINE)), left, "exit")

    def _forget_prompt(self) -> Reply:
        rows = ((Button("forget-yes", FORGET_YES),), (Button("forget-no", FORGET_NO),))
        return Reply("forget-confirm", {}, rows)

    def _current_step(self, conv: Conversation) -> Step:
        return self._flows[conv.flow].flow.step(conv.state)

    def _deep_link(self, given: Input) -> str | None:
        """The flow a campaign's ``/start c<id>-<flow>`` link starts, if this is one."""
        if not isinstance(given, Command) or given.name != "start" or not given.arg:
            return None
        found = parse_start_payload(given.arg)
        return found[1] if found is not None and found[1] in self._flows else None

    def _unsubscribe(self, conv: Conversation) -> StepResult:
        """/unsubscribe or "stop these messages": every topic off, in one tap."""
        had = subscribed_topics(conv.settings)
        stopped = replace(conv, settings=without_subscriptions(conv.settings))
        if conv.flow == SUBSCRIBE_FLOW:
            # the topic picker on screen would show the old ticks: leave it for the menu
            menu = self._flows[MENU].flow
            stopped = replace(
                stopped, flow=MENU, flow_version=menu.version, state=menu.initial, answers={}
            )
        notice = Reply("unsubscribe-done" if had else "unsubscribe-none")
        return StepResult((notice, self.render(stopped)), stopped, "unsubscribe")

    def _first_contact(self, conv: Conversation | None, given: Input, hint: str) -> StepResult:
        start = self._flows[START].flow
        kept = conv.settings if conv is not None else {}
        then = self._deep_link(given)
        if then is None and conv is not None and conv.flow == START:
            pending = conv.answers.get(PENDING_FLOW)
            then = pending if isinstance(pending, str) and pending in self._flows else None
        answers: dict[str, Answer] = {PENDING_FLOW: then} if then is not None else {}
        fresh = Conversation(START, start.version, start.initial, answers, None, kept)
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
            return replace(
                conv, flow=MENU, flow_version=menu.version, state=menu.initial, answers={}
            )
        flow = compiled.flow
        if conv.flow_version == flow.version:
            return conv
        state = flow.renames.get(conv.state, conv.state)
        if state not in {step.name for step in flow.steps}:
            # A step that no longer exists: start the flow again rather than guess.
            return replace(conv, flow_version=flow.version, state=flow.initial, answers={})
        return replace(conv, flow_version=flow.version, state=state)

    def _half_finished(self, conv: Conversation) -> bool:
        if conv.flow in {START, MENU}:
            return False
        flow = self._flows[conv.flow].flow
        return conv.state != flow.initial and not flow.step(conv.state).final

    def _resume_prompt(self) -> Reply:
        rows = ((Button("resume-continue", _RESUME),), (Button("resume-restart", _RESTART),))
        return Reply("resume-question", {}, rows)

    def _restart(self, conv: Conversation) -> StepResult:
        return self._enter(replace(conv, answers={}), MENU, "start", ("welcome",))

    def _enter(
        self, conv: Conversation, flow_name: str, event: str, before: tuple[str, ...] = ()
    ) -> StepResult:
        flow = self._flows[flow_name].flow
        if flow_name == conv.flow:
            answers = dict(conv.answers)
        else:
            # Only answers marked for carrying cross into another flow (and lose the mark).
            answers = {
                key[len(CARRY) :]: value
                for key, value in conv.answers.items()
                if key.startswith(CARRY)
            }
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
        return Reply("choose-language", {}, (*rows, (Button("button-exit", EXIT),)))

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
                then = conv.answers.get(PENDING_FLOW)
                target = then if isinstance(then, str) and then in self._flows else MENU
                menu = self._enter(changed, target, "language_set")
                return StepResult((*effects, *menu.effects), menu.conversation, "language_set")
            effects.append(self.render(changed))
            return StepResult(tuple(effects), changed, "language_set")
        if value == _NAV_MENU:
            return self._enter(conv, MENU, "menu")
        if value == HUMAN_FLOW and HUMAN_FLOW in self._flows:
            return self._enter(conv, HUMAN_FLOW, "human")
        if value == _NAV_LANGUAGE:
            return StepResult((self._language_picker(conv.locale),), conv, "language")
        if value == _RESUME:
            return StepResult((self.render(conv),), conv, "resume")
        if value == _RESTART:
            return self._restart(conv)
        if stop_campaign(value) is not None:
            return self._unsubscribe(conv)
        if value == FORGET_YES:
            return StepResult((Erase(), Reply("forget-done")), conv, "erase")
        if value == FORGET_NO:
            return StepResult((self.render(conv),), conv, "forget_kept")
        return self._hint(conv, "button-expired", "expired")

    async def _flow_choice(self, conv: Conversation, value: str, token: str) -> StepResult:
        if conv.flow == START or token != self.token(conv):
            return self._hint(conv, "button-expired", "expired")
        step = self._current_step(conv)
        if value == BACK and step.back is not None:
            update = step.back_update
            seen = view(conv)
            pending = update(seen) if update is not None else seen
            return await self._trigger(conv, BACK, pending, ())
        for option in step.options:
            if option.value == value:
                return await self._trigger(conv, value, option.apply(view(conv)), ())
        return self._hint(conv, "button-expired", "expired")

    async def _text(self, conv: Conversation, given: Text, rule: TextRule) -> StepResult:
        pending, effects = rule.handle(view(conv), given)
        return await self._trigger(conv, TEXT, pending, effects)

    async def _trigger(
        self,
        conv: Conversation,
        trigger: str,
        pending: dict[str, Answer],
        effects: tuple[Effect, ...],
    ) -> StepResult:
        compiled = self._flows[conv.flow]
        model = Model(state=conv.state, answers=view(conv), pending=pending)
        model.effects.extend(effects)
        machine = compiled.machine
        machine.add_model(model, initial=conv.state)
        try:
            moved = await model.trigger(trigger)  # type: ignore[attr-defined]
        except MachineError:
            # The option exists on the step but the machine refuses it from this state.
            moved = False
        finally:
            machine.remove_model(model)
        if not moved:
            return self._hint(conv, "button-expired", "expired")
        after = split(replace(conv, state=model.state), model.answers)
        out = list(model.effects)
        if model.jump == "!language":
            out.append(self._language_picker(conv.locale))
            return StepResult(tuple(out), after, "language")
        if model.jump is not None:
            entered = self._enter(after, model.jump, "flow_start")
            return StepResult((*out, *entered.effects), entered.conversation, "flow_start")
        out.append(self.render(after))
        return StepResult(tuple(out), after, "text" if trigger == TEXT else "step")
