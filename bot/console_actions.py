"""What operators do in the group, applied inside one unit of work.

An action arrives as a button (``o:<action>:<code>[:<outcome>]``) or as a message in a case
topic. Only registered, active operators act; anyone else is refused and the attempt is
written to the audit trail (who by pseudonym, what, when, never content). Lifecycle rules
come from handoff.lifecycle; this module loads, saves, audits and queues the messages: to
the topic in the operators' language, to the person in theirs.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from aiogram.types import Message, User

from bot.console_views import (
    ACTION_PREFIX,
    CANNED,
    END_CHAT,
    FEEDBACK,
    NOTE_PREFIXES,
    canned_menu,
    case_buttons,
    outcome_buttons,
    queue_reply,
    render_console,
)
from bot.db import cases as case_store
from bot.db import staff
from bot.db.tables import CaseRequestRow
from bot.i18n import Markup
from bot.render import Rendered, render
from bot.rotation import resolve_operator
from bot.telegram.unit_of_work import UnitOfWork
from dialogs.types import Button, Fragment, Reply
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
from handoff.sla import SlaPolicy

__all__ = [
    "ConsoleConfig",
    "act",
    "end_by_person",
    "feedback_from_person",
    "relay_from_operator",
]


#: What a button may ask for (anything else is refused before it reaches the audit trail).
ACTIONS = frozenset({"claim", "release", "escalate", "outcomes", "close", "canned"})


@dataclass(frozen=True, slots=True)
class ConsoleConfig:
    chat_id: int
    locale: str
    sla: SlaPolicy
    #: Whether supervisors may place a legal hold (/hold) in this deployment.
    legal_hold: bool = False


def _rendered(uow: UnitOfWork, locale: str, reply: Reply) -> Rendered:
    return render_console(uow.deps.service.translator, locale, reply)


async def _actor(uow: UnitOfWork, user: User, action: str) -> Actor | None:
    row = await resolve_operator(uow.session, uow.deps.keyring, user.id)
    if row is None or not row.active:
        lookup = uow.deps.keyring.pseudonym("operator", user.id)
        await staff.append_audit(
            uow.session,
            actor=f"unknown:{lookup[:12]}",
            action=f"refused_{action}"[:32],
            now=uow.deps.service.clock(),
        )
        return None
    return Actor(row.ref, Role(row.role))


async def _tell_person(uow: UnitOfWork, row: CaseRequestRow, reply: Reply) -> None:
    chat_id = await case_store.chat_of(uow.session, row.subject_id)
    if chat_id is None:
        return
    locale = str((row.facts or {}).get("locale", "uk"))
    await uow.queue(chat_id, render(uow.deps.service.translator, locale, [reply]))


async def act(uow: UnitOfWork, config: ConsoleConfig, user: User, data: str) -> tuple[str, bool]:
    """Apply a button; returns the callback answer (text, as an alert) for the operator."""
    translator = uow.deps.service.translator
    parts = data.split(":")
    if len(parts) < 3 or parts[0] != ACTION_PREFIX:
        return translator.format(config.locale, "op-refused-unknown"), True
    action, code = parts[1], parts[2]
    if action not in ACTIONS:
        return translator.format(config.locale, "op-refused-unknown"), True
    actor = await _actor(uow, user, action)
    if actor is None:
        return translator.format(config.locale, "op-refused-not-operator"), True
    row = await case_store.case_by_code(uow.session, code)
    if row is None:
        return translator.format(config.locale, "op-refused-unknown"), True
    if action == "outcomes":
        thread = row.topic_id
        reply = Reply("op-choose-outcome", {"code": code}, outcome_buttons(code))
        await _queue_topic(uow, config, thread, reply)
        return "", False
    if action == "canned":
        return await _send_canned(uow, config, row, actor, parts[3] if len(parts) > 3 else "")
    now = uow.deps.service.clock()
    case = case_store.case_of(row)
    result: Case | Refusal
    if action == "claim":
        result = claim(case, actor, now)
    elif action == "release":
        result = release(case, actor)
    elif action == "escalate":
        result = escalate(case, actor)
    elif action == "close":
        known = {o.value for o in Outcome}
        outcome = Outcome(parts[3]) if len(parts) > 3 and parts[3] in known else None
        result = close(case, actor, outcome, now)
    else:
        return translator.format(config.locale, "op-refused-unknown"), True
    if isinstance(result, Refusal):
        holder = await case_store.operator_alias(uow.session, row.holder_ref)
        text = translator.format(
            config.locale, f"op-refused-{result.reason.replace('_', '-')}", {"name": holder}
        )
        return text, True
    case_store.save_case(row, result)
    await staff.append_audit(
        uow.session,
        actor=actor.ref,
        action=f"case_{action}"[:32],
        now=now,
        case_code=code,
        detail=result.outcome.value if result.outcome else "",
    )
    alias = await case_store.operator_alias(uow.session, result.holder or actor.ref)
    await _announce(uow, config, row, action, alias, result)
    return "", False


async def _queue_topic(
    uow: UnitOfWork, config: ConsoleConfig, thread: int | None, reply: Reply
) -> None:
    message = _rendered(uow, config.locale, reply)
    await uow.queue(config.chat_id, [message], thread_id=thread)


async def _announce(
    uow: UnitOfWork,
    config: ConsoleConfig,
    row: CaseRequestRow,
    action: str,
    alias: str,
    case: Case,
) -> None:
    buttons = case_buttons(case.code, case.status)
    args: dict[str, Any] = {"name": alias, "code": case.code}
    if action == "escalate":
        mentions = await case_store.supervisor_mentions(uow.session)
        args["supervisors"] = Markup(mentions) if mentions else Fragment("op-no-supervisors")
    topic = Reply(f"op-case-{action}", args, buttons)
    await _queue_topic(uow, config, row.topic_id, topic)
    if action == "claim":
        end = ((Button("consultant-end", END_CHAT),),)
        await _tell_person(uow, row, Reply("consultant-joined", {"name": alias}, end, protect=True))
    elif action == "release":
        await _tell_person(uow, row, Reply("consultant-away", protect=True))
    elif action == "close":
        ask = tuple((Button(f"feedback-{v}", k),) for k, v in FEEDBACK.items())
        await _tell_person(uow, row, Reply("consultant-closed", {}, ask, protect=True))
        if row.topic_id is not None:
            # the topic stays readable, closed: nothing more is relayed from it
            await uow.queue_call(
                config.chat_id,
                "closeForumTopic",
                {"chat_id": config.chat_id, "message_thread_id": row.topic_id},
            )


async def _legal_hold(
    uow: UnitOfWork, config: ConsoleConfig, message: Message, *, place: bool
) -> None:
    """``/hold`` or ``/unhold`` in a case topic: a supervisor keeps the case from erasure
    and retention (or lets it go again). Explicit, audited, and shown to the person in
    /mydata and when they ask to delete their data."""
    user, thread = message.from_user, message.message_thread_id
    if user is None or thread is None:
        return
    if not config.legal_hold:
        await _queue_topic(uow, config, thread, Reply("op-hold-off"))
        return
    action = "legal_hold" if place else "legal_hold_lifted"
    actor = await _actor(uow, user, action)
    row = await case_store.case_by_topic(uow.session, thread)
    if actor is None or row is None:
        return
    if not actor.supervises:
        await _queue_topic(uow, config, thread, Reply("op-hold-refused"))
        return
    if row.legal_hold != place:
        row.legal_hold = place
        await staff.append_audit(
            uow.session,
            actor=actor.ref,
            action=action,
            now=uow.deps.service.clock(),
            case_code=row.code,
        )
    key = "op-hold-placed" if place else "op-hold-lifted"
    await _queue_topic(uow, config, thread, Reply(key, {"code": row.code}))


async def _transfer(uow: UnitOfWork, config: ConsoleConfig, message: Message, name: str) -> None:
    """``/transfer Ivan`` in a case topic: the holder or a supervisor hands the case over."""
    user = message.from_user
    thread = message.message_thread_id
    if user is None or thread is None:
        return
    translator = uow.deps.service.translator
    actor = await _actor(uow, user, "transfer")
    row = await case_store.case_by_topic(uow.session, thread)
    if actor is None or row is None:
        return
    target = await case_store.operator_named(uow.session, name)
    if target is None:
        reply = Reply("op-transfer-unknown", {"name": name or "?"})
        await _queue_topic(uow, config, thread, reply)
        return
    now = uow.deps.service.clock()
    result = transfer(case_store.case_of(row), actor, Actor(target.ref, Role(target.role)), now)
    if isinstance(result, Refusal):
        holder = await case_store.operator_alias(uow.session, row.holder_ref)
        text = translator.format(
            config.locale, f"op-refused-{result.reason.replace('_', '-')}", {"name": holder}
        )
        await uow.queue(config.chat_id, [Rendered(text)], thread_id=thread)
        return
    case_store.save_case(row, result)
    await staff.append_audit(
        uow.session,
        actor=actor.ref,
        action="case_transfer",
        now=now,
        case_code=row.code,
        detail=target.ref[:12],
    )
    await _announce(uow, config, row, "claim", target.alias, result)


async def _send_canned(
    uow: UnitOfWork, config: ConsoleConfig, row: CaseRequestRow, actor: Actor, which: str
) -> tuple[str, bool]:
    translator = uow.deps.service.translator
    if which not in CANNED:
        return translator.format(config.locale, "op-refused-unknown"), True
    if row.status != Status.HELD or (row.holder_ref != actor.ref and not actor.supervises):
        holder = await case_store.operator_alias(uow.session, row.holder_ref)
        return translator.format(config.locale, "op-refused-not-holder", {"name": holder}), True
    if row.person_ended:
        return translator.format(config.locale, "op-refused-person-ended"), True
    alias = await case_store.operator_alias(uow.session, row.holder_ref)
    template = Fragment(f"canned-{which.replace('_', '-')}")
    await _tell_person(
        uow, row, Reply("consultant-says", {"name": alias, "text": template}, protect=True)
    )
    shown = Reply("op-canned-sent", {"text": template})
    await _queue_topic(uow, config, row.topic_id, shown)
    return "", False


async def feedback_from_person(uow: UnitOfWork, user: User, chat_id: int, value: str) -> bool:
    """The one-tap answer after a close, kept on the case (no content, no identity)."""
    answer = FEEDBACK.get(value)
    if answer is None:
        return False
    subject = await uow.subject(user.id)
    row = await case_store.last_closed_case_of(uow.session, subject)
    if row is None or row.feedback is not None:
        return False
    row.feedback = answer
    locale = str((row.facts or {}).get("locale", "uk"))
    translator = uow.deps.service.translator
    await uow.queue(chat_id, render(translator, locale, [Reply("feedback-thanks", protect=True)]))
    return True


async def end_by_person(uow: UnitOfWork, user: User, chat_id: int) -> bool:
    """The person pressed "end the conversation": relay stops, the topic is told; the case
    stays for the consultant to close with an outcome. False when nothing was held."""
    subject = await uow.subject(user.id)
    row = await case_store.held_case_of(uow.session, subject)
    group = uow.deps.operator_chat_id
    if row is None or group is None:
        return False
    row.person_ended = True
    now = uow.deps.service.clock()
    await staff.append_audit(
        uow.session, actor="person", action="person_ended", now=now, case_code=row.code
    )
    translator = uow.deps.service.translator
    notice = translator.format(uow.deps.operator_locale, "op-person-ended", {"code": row.code})
    await uow.queue(group, [Rendered(notice)], thread_id=row.topic_id)
    locale = str((row.facts or {}).get("locale", "uk"))
    ended = Reply("consultant-you-ended", protect=True)
    await uow.queue(chat_id, render(translator, locale, [ended]))
    return True


async def relay_from_operator(uow: UnitOfWork, config: ConsoleConfig, message: Message) -> bool:
    """A message in a case topic: to the person if its author holds the case; notes and
    other operators' messages stay in the group. True when relayed."""
    user = message.from_user
    thread = message.message_thread_id
    if user is None or thread is None or not message.is_topic_message:
        return False
    text = message.text or ""
    if text.startswith("/queue"):
        actor = await _actor(uow, user, "queue_viewed")
        if actor is None:
            return False
        await staff.append_audit(
            uow.session, actor=actor.ref, action="queue_viewed", now=uow.deps.service.clock()
        )
        reply = await queue_reply(uow.session, config.sla, uow.deps.service.clock())
        await _queue_topic(uow, config, thread, reply)
        return False
    if text.startswith("/canned"):
        row = await case_store.case_by_topic(uow.session, thread)
        if row is not None:
            await _queue_topic(uow, config, thread, canned_menu(row.code))
        return False
    if text.startswith(("/hold", "/unhold")):
        await _legal_hold(uow, config, message, place=text.startswith("/hold"))
        return False
    if text.startswith("/transfer"):
        await _transfer(uow, config, message, text.removeprefix("/transfer").strip())
        return False
    if text.startswith(NOTE_PREFIXES) or text.startswith("/"):
        return False
    row = await case_store.case_by_topic(uow.session, thread)
    author = None if row is None else await resolve_operator(uow.session, uow.deps.keyring, user.id)
    ref = None if author is None else author.ref
    if row is None or row.status != Status.HELD or row.holder_ref != ref or row.person_ended:
        if row is not None and (author is None or not author.active):
            lookup = uow.deps.keyring.pseudonym("operator", user.id)
            await staff.append_audit(
                uow.session,
                actor=f"unknown:{lookup[:12]}",
                action="refused_reply",
                now=uow.deps.service.clock(),
                case_code=row.code,
            )
        return False
    chat_id = await case_store.chat_of(uow.session, row.subject_id)
    if chat_id is None:
        return False
    alias = await case_store.operator_alias(uow.session, ref)
    locale = str((row.facts or {}).get("locale", "uk"))
    translator = uow.deps.service.translator
    if message.text is not None:
        reply = Reply("consultant-says", {"name": alias, "text": message.text}, protect=True)
        await uow.queue(chat_id, render(translator, locale, [reply]))
    else:
        caption = translator.format(locale, "consultant-sent", {"name": alias})
        params: dict[str, Any] = {
            "chat_id": chat_id,
            "from_chat_id": config.chat_id,
            "message_id": message.message_id,
            "protect_content": True,
        }
        if message.caption is not None or message.photo or message.document or message.video:
            params["caption"] = caption
            params["parse_mode"] = "HTML"
        await uow.queue_call(chat_id, "copyMessage", params)
    return True
