"""What the operator console shows: case buttons, the outcome and ready-answer pickers, the
queue view. Pure rendering over stored cases; the actions live in bot.console_actions.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.db import cases as case_store
from bot.db.tables import CaseRequestRow, OperatorRow
from bot.i18n import Translator
from bot.render import Rendered, RenderedButton, render
from dialogs.types import Button, Choice, Fragment, Items, Priority, Reply
from handoff.cases import QueueEntry, queue_order
from handoff.lifecycle import Outcome, Status
from handoff.sla import SlaPolicy
from handoff.summary import MARKERS

__all__ = [
    "ACTION_PREFIX",
    "CANNED",
    "END_CHAT",
    "FEEDBACK",
    "NOTE_PREFIXES",
    "canned_menu",
    "case_buttons",
    "outcome_buttons",
    "queue_reply",
    "render_console",
]

ACTION_PREFIX = "o"
#: The person's "end the conversation" button (a global choice the bot layer takes).
END_CHAT = "end_chat"
#: One feedback question after a case closes: these global choices answer it.
FEEDBACK = {"fb_yes": "yes", "fb_partly": "partly", "fb_no": "no"}
#: A message in a case topic that starts with this is an internal note, never relayed.
NOTE_PREFIXES = ("/note", "!")


def _data(action: str, code: str, arg: str = "") -> str:
    """``o:<action>:<code>[:<arg>]``: short (well under 64 bytes) and checked on the way in."""
    return ":".join(p for p in (ACTION_PREFIX, action, code, arg) if p)


def case_buttons(code: str, status: Status) -> tuple[tuple[Button, ...], ...]:
    """The buttons under a case message, for its state."""
    if status is Status.QUEUED:
        return (
            (
                Button("op-button-claim", _data("claim", code)),
                Button("op-button-escalate", _data("escalate", code)),
            ),
        )
    if status is Status.HELD:
        return (
            (
                Button("op-button-release", _data("release", code)),
                Button("op-button-close", _data("outcomes", code)),
            ),
        )
    return ()


def outcome_buttons(code: str) -> tuple[tuple[Button, ...], ...]:
    chosen = [o for o in Outcome if o is not Outcome.PERSON_LEFT]
    return tuple(
        (Button(f"op-outcome-{o.value.replace('_', '-')}", _data("close", code, o.value)),)
        for o in chosen
    )


def render_console(translator: Translator, locale: str, reply: Reply) -> Rendered:
    """Render a reply whose buttons carry raw callback data (not dialog choices)."""
    message = render(translator, locale, [Reply(reply.message_id, reply.args)])[0]
    rows = tuple(
        tuple(
            RenderedButton(translator.format(locale, b.label), Choice("", ""), b.value) for b in row
        )
        for row in reply.buttons
    )
    return Rendered(message.text, rows, message.protect)


#: Ready answers a consultant can send with one tap, in the person's language
#: (``canned-<id>`` in locales/*/help.ftl; ``op-canned-<id>`` names them for operators).
CANNED = ("greeting", "safe_now", "back_soon", "numbers", "goodbye")


def canned_menu(code: str) -> Reply:
    rows = tuple(
        (Button(f"op-canned-{c.replace('_', '-')}", _data("canned", code, c)),) for c in CANNED
    )
    return Reply("op-canned-choose", {"code": code}, rows)


async def queue_reply(session: AsyncSession, sla: SlaPolicy, now: datetime) -> Reply:
    """The queue view: open cases by priority, then waiting time, with who holds each."""
    rows = list(
        await session.scalars(select(CaseRequestRow).where(CaseRequestRow.status != Status.CLOSED))
    )
    aliases = {row.ref: row.alias for row in await session.scalars(select(OperatorRow))}
    by_code = {row.code: row for row in rows}
    entries = [QueueEntry(r.code, Priority(r.priority), r.created_at) for r in rows]
    lines = []
    for entry in queue_order(entries):
        row = by_code[entry.code]
        case = case_store.case_of(row)
        minutes = max(int((now - row.created_at).total_seconds() // 60), 0)
        holder: Fragment = (
            Fragment("op-queue-held", {"name": aliases.get(row.holder_ref, "?")})
            if row.holder_ref
            else Fragment("op-queue-waiting")
        )
        kind = "op-queue-line-overdue" if sla.overdue(case, now) else "op-queue-line"
        lines.append(
            Fragment(
                kind,
                {
                    "marker": MARKERS[entry.priority],
                    "code": entry.code,
                    "minutes": minutes,
                    "holder": holder,
                },
            )
        )
    body: Fragment | Items = Items(tuple(lines)) if lines else Fragment("op-queue-empty")
    return Reply("op-queue", {"count": len(lines), "cases": body})
