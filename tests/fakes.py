"""The project's Bot API test double: a local aiohttp server that answers like Telegram.

This module owns ``FakeBotApi`` (an HTTP server on 127.0.0.1 with the chats, messages, update
queue, rate limits, fault injection and call record of a fake Telegram Bot API), the Telegram
HTML / MarkdownV2 entity parsers it checks texts with, the builders of incoming update dicts, and
the standalone mode (``python -m tests.fakes --port N``) with its small ``/_control`` API, used by
end-to-end tests that run the bot in another process.

Groups: a test registers a forum supergroup with ``add_forum_group`` (the bot's status and
administrator rights), its people with ``add_group_member`` and, if needed, topics made by hand
with ``add_forum_topic``. The fake then answers getChat / getChatMember / getChatAdministrators
from that registry, runs the forum topic methods with Telegram's checks and errors, places sent
messages in topics by ``message_thread_id`` (General when it is absent), and limits messages per
group and minute. Unregistered negative chat ids still work as plain (non-forum) supergroups.

The double exists to catch our bugs, so it refuses what Telegram refuses: every call is checked
against the official Bot API description in ``tests/data/telegram-bot-api-10.1.json`` (method
names, parameter names, required parameters, parameter types) and against the limits Telegram
enforces (text lengths after entity parsing, HTML well-formedness, inline keyboard rules, flood
limits). Where it is deliberately stricter than Telegram, a comment says so.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import copy
import functools
import itertools
import json
import math
import re
import signal
import time
from collections import Counter
from collections.abc import Awaitable, Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import Any, Final, Self

from aiohttp import web

__all__ = [
    "DEFAULT_BOT_ID",
    "GENERAL_TOPIC_ID",
    "SENDING_METHODS",
    "SPEC_PATH",
    "Call",
    "EntityParseError",
    "FakeBotApi",
    "UploadedFile",
    "callback_update",
    "canonical_method",
    "group_callback_update",
    "group_message_update",
    "load_spec",
    "main",
    "media_update",
    "message_update",
    "parse_html",
    "parse_markdown_v2",
    "photo_update",
    "serve_forever",
    "sticker_update",
    "utf16_len",
    "voice_update",
]

SPEC_PATH: Final = Path(__file__).resolve().parent / "data" / "telegram-bot-api-10.1.json"
DEFAULT_BOT_ID: Final = 123456
#: The thread id of a forum's General topic. The Bot API never shows it: messages in General carry
#: no message_thread_id, and sending with message_thread_id=1 fails with "message thread not found"
#: (telegram-bot-api, Client::check_message_topic). The fake's helpers accept it to mean General.
GENERAL_TOPIC_ID: Final = 1

#: Methods that deliver messages and therefore count against Telegram's flood limits. Deletions
#: and chat actions are not counted, as in Telegram's published limits; edits count only against
#: the per-group limit (see ``FakeBotApi._check_rate``).
SENDING_METHODS: Final = frozenset(
    {
        "sendMessage",
        "sendPhoto",
        "sendDocument",
        "copyMessage",
        "copyMessages",
        "forwardMessage",
        "forwardMessages",
        "sendSticker",
        "sendVoice",
        "sendVideo",
        "sendVideoNote",
        "sendAudio",
        "sendAnimation",
        "sendLocation",
        "sendVenue",
        "sendContact",
        "sendDice",
        "sendPoll",
        "sendMediaGroup",
    }
)

_MAX_TEXT: Final = 4096
_MAX_CAPTION: Final = 1024
_MAX_CALLBACK_ANSWER: Final = 200
#: Telegram keeps at most 128 characters of a topic name (TDLib's MAX_FORUM_TOPIC_TITLE_LENGTH).
_MAX_TOPIC_NAME: Final = 128
#: The topic icon colours the Bot API documents for createForumTopic (the first is the default).
_TOPIC_ICON_COLORS: Final = (7322096, 16766590, 13338331, 9367192, 16749490, 16478047)
_MAX_BUTTONS: Final = 100
_CHAT_ACTIONS: Final = frozenset(
    {
        "typing",
        "upload_photo",
        "record_video",
        "upload_video",
        "record_voice",
        "upload_voice",
        "upload_document",
        "choose_sticker",
        "find_location",
        "record_video_note",
        "upload_video_note",
    }
)
_COMMAND_RE: Final = re.compile(r"[a-z0-9_]{1,32}")
_LEADING_COMMAND_RE: Final = re.compile(r"/[A-Za-z0-9_]{1,32}(?:@[A-Za-z0-9_]{3,32})?")
_API_PATH_RE: Final = re.compile(r"/bot([^/]+)/([^/]*)")
_INT_RE: Final = re.compile(r"\s*-?[0-9]+\s*")
_FLOAT_RE: Final = re.compile(r"\s*-?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?\s*")
_BUTTON_URL_RE: Final = re.compile(r"(?i)(?:(?:https?|ton)://)?[^\s/:]+\.[^\s]+|tg://\S+")
# Telegram trims these around message texts and captions before measuring them.
_TRIMMED: Final = " \t\r\n\v\f"


# --------------------------------------------------------------------------------------------
# The official API description
# --------------------------------------------------------------------------------------------


@functools.cache
def load_spec() -> dict[str, Any]:
    """The Bot API description (keys ``methods`` and ``types``), read once per process."""
    with SPEC_PATH.open(encoding="utf-8") as fh:
        spec: dict[str, Any] = json.load(fh)
    return spec


@functools.cache
def _method_names() -> dict[str, str]:
    return {name.lower(): name for name in load_spec()["methods"]}


def canonical_method(name: str) -> str | None:
    """The spec's spelling of a Bot API method (Telegram matches names case-insensitively)."""
    return _method_names().get(name.lower())


@functools.cache
def _type_fields(type_name: str) -> dict[str, dict[str, Any]] | None:
    spec = load_spec()["types"].get(type_name)
    if spec is None or "fields" not in spec:
        return None
    return {f["name"]: f for f in spec["fields"]}


@functools.cache
def _discriminator(type_name: str) -> tuple[str, str] | None:
    """The field and value that tell a union member apart, e.g. ("type", "chat")."""
    for spec_field in (_type_fields(type_name) or {}).values():
        if spec_field["name"] in ("type", "source", "status"):
            match = re.search(r"(?:must be|always)\s+[“\"]?([A-Za-z_]+)", spec_field["description"])
            if match:
                return spec_field["name"], match.group(1)
    return None


@functools.cache
def _inline_button_actions() -> frozenset[str]:
    fields = _type_fields("InlineKeyboardButton") or {}
    return frozenset(fields) - {"text", "icon_custom_emoji_id", "style"}


@functools.cache
def _service_keys() -> frozenset[str]:
    """Message fields of service messages: those the spec calls so, and ``_SERVICE_KEYS``."""
    fields = _type_fields("Message") or {}
    described = {name for name, f in fields.items() if "Service message" in f["description"]}
    return frozenset(described) | _SERVICE_KEYS


@functools.cache
def _admin_right_names() -> tuple[str, ...]:
    """The Boolean rights of ChatMemberAdministrator, in the spec's order."""
    fields = _type_fields("ChatMemberAdministrator") or {}
    return tuple(
        name
        for name, f in fields.items()
        if f["types"] == ["Boolean"] and (name.startswith("can_") or name == "is_anonymous")
    )


# --------------------------------------------------------------------------------------------
# Errors and small helpers
# --------------------------------------------------------------------------------------------


class _ApiError(Exception):
    """An error answer of the Bot API; raised inside handlers, turned into the JSON body."""

    def __init__(
        self, status: int, description: str, parameters: dict[str, Any] | None = None
    ) -> None:
        super().__init__(description)
        self.status = status
        self.description = description
        self.parameters = parameters

    def body(self) -> dict[str, Any]:
        body: dict[str, Any] = {
            "ok": False,
            "error_code": self.status,
            "description": self.description,
        }
        if self.parameters:
            body["parameters"] = self.parameters
        return body


def _bad_request(detail: str) -> _ApiError:
    return _ApiError(400, f"Bad Request: {detail}")


def _chat_not_found() -> _ApiError:
    return _bad_request("chat not found")


class EntityParseError(ValueError):
    """A text that Telegram would refuse with "can't parse entities: ..."."""


class _Mismatch(Exception):
    """A parameter value that does not fit its type in the spec; ``path`` locates it."""

    def __init__(self, reason: str, path: Sequence[str] = ()) -> None:
        super().__init__(reason)
        self.reason = reason
        self.path = list(path)

    def within(self, step: str) -> _Mismatch:
        return _Mismatch(self.reason, [step, *self.path])

    def describe(self, parameter: str) -> str:
        where = "".join(self.path).lstrip(".")
        if not where:
            return f'parameter "{parameter}" {self.reason}'
        return f'parameter "{parameter}": {where} {self.reason}'


def utf16_len(text: str) -> int:
    """Length in UTF-16 code units, the unit of Telegram's text limits and entity offsets."""
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


def _byte_offset(text: str, index: int) -> int:
    return len(text[:index].encode("utf-8", "surrogatepass"))


@dataclass(frozen=True)
class UploadedFile:
    """A file part of a multipart request (an upload, or the target of ``attach://name``)."""

    name: str
    filename: str
    content_type: str
    data: bytes = field(repr=False)

    def summary(self) -> dict[str, Any]:
        return {
            "filename": self.filename,
            "content_type": self.content_type,
            "size": len(self.data),
        }


@dataclass(frozen=True)
class Call:
    """One request the fake answered, in arrival order."""

    method: str
    params: dict[str, Any]
    status: int
    at: float
    result: Any = None
    description: str | None = None

    @property
    def ok(self) -> bool:
        return 200 <= self.status < 300

    @property
    def chat_id(self) -> Any:
        """The call's ``chat_id`` parameter (None when it has none)."""
        return self.params.get("chat_id")

    @property
    def thread_id(self) -> int | None:
        """The call's ``message_thread_id`` parameter: the forum topic it addressed."""
        thread = self.params.get("message_thread_id")
        return thread if isinstance(thread, int) else None

    def as_json(self) -> dict[str, Any]:
        return {
            "method": self.method,
            "params": self.params,
            "status": self.status,
            "at": self.at,
            "result": self.result,
            "description": self.description,
        }


def _json_default(value: object) -> Any:
    if isinstance(value, UploadedFile):
        return value.summary()
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, default=_json_default)


# --------------------------------------------------------------------------------------------
# Entity parsing: Telegram's HTML subset and MarkdownV2
# --------------------------------------------------------------------------------------------

_HTML_ENTITY_TYPES: Final = {
    "b": "bold",
    "strong": "bold",
    "i": "italic",
    "em": "italic",
    "u": "underline",
    "ins": "underline",
    "s": "strikethrough",
    "strike": "strikethrough",
    "del": "strikethrough",
    "span": "spoiler",
    "tg-spoiler": "spoiler",
    "a": "text_link",
    "code": "code",
    "pre": "pre",
    "blockquote": "blockquote",
    "tg-emoji": "custom_emoji",
    "tg-time": "date_time",
}
_HTML_SPACES: Final = " \t\r\n\v\f\0"
_NAMED_ENTITIES: Final = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}
_HTML_ENTITY_RE: Final = re.compile(r"&(?:(lt|gt|amp|quot)|#([0-9]{1,7})|#[xX]([0-9a-fA-F]{1,6}));")
_HTML_SPECIAL_RE: Final = re.compile(r"[<&]")
_TEXT_MENTION_RE: Final = re.compile(r"tg://user\?id=([0-9]{1,15})")


class _Output:
    """Accumulates parsed text and its length in UTF-16 units (entity offsets use those)."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.len16 = 0

    def add(self, chunk: str) -> None:
        self.parts.append(chunk)
        self.len16 += utf16_len(chunk)

    def text(self) -> str:
        return "".join(self.parts)


@dataclass
class _OpenTag:
    name: str
    attrs: dict[str, str]
    offset: int
    begin: int
    language: str = ""
    merged_into_pre: bool = False


def _decode_html_entity(text: str, pos: int) -> tuple[str, int] | None:
    match = _HTML_ENTITY_RE.match(text, pos)
    if match is None:
        return None
    if match.group(1):
        return _NAMED_ENTITIES[match.group(1)], match.end()
    code = int(match.group(2)) if match.group(2) else int(match.group(3), 16)
    if code == 0 or code > 0x10FFFF or 0xD800 <= code <= 0xDFFF:
        return None
    return chr(code), match.end()


def parse_html(text: str, *, strict_ampersand: bool = True) -> tuple[str, list[dict[str, Any]]]:
    """Parse Telegram's HTML subset into plain text and MessageEntity dicts (UTF-16 offsets).

    Error messages follow TDLib's, e.g. 'Unsupported start tag "foo" at byte offset 0'. With
    ``strict_ampersand`` (the default) a bare "&" is refused: Telegram keeps it literally, but in
    our code it means a string reached Telegram without ``html.escape``, which breaks as soon as
    the user's text contains "<".
    """
    out = _Output()
    stack: list[_OpenTag] = []
    entities: list[dict[str, Any]] = []
    i = 0
    while i < len(text):
        special = _HTML_SPECIAL_RE.search(text, i)
        if special is None:
            out.add(text[i:])
            break
        if special.start() > i:
            out.add(text[i : special.start()])
            i = special.start()
        if text[i] == "&":
            decoded = _decode_html_entity(text, i)
            if decoded is not None:
                out.add(decoded[0])
                i = decoded[1]
                continue
            if strict_ampersand:
                raise EntityParseError(
                    f'Unescaped "&" at byte offset {_byte_offset(text, i)}; escape it as "&amp;"'
                    " (the test double is stricter than Telegram here)"
                )
            out.add("&")
            i += 1
        elif text.startswith("</", i):
            i = _html_close_tag(text, i, stack, out, entities)
        else:
            i = _html_open_tag(text, i, stack, out)
    if stack:
        raise EntityParseError(f'Can\'t find end tag corresponding to start tag "{stack[-1].name}"')
    entities.sort(key=lambda e: (e["offset"], -e["length"]))
    return out.text(), entities


def _skip_spaces(text: str, j: int) -> int:
    while j < len(text) and text[j] in _HTML_SPACES:
        j += 1
    return j


def _html_attribute_value(text: str, j: int, begin: int) -> tuple[str, int]:
    n = len(text)
    if text[j] in "\"'":
        quote = text[j]
        j += 1
        value: list[str] = []
        while j < n and text[j] != quote:
            decoded = _decode_html_entity(text, j) if text[j] == "&" else None
            if decoded is not None:
                value.append(decoded[0])
                j = decoded[1]
            else:
                value.append(text[j])
                j += 1
        if j >= n:
            raise EntityParseError(f"Unclosed start tag at byte offset {_byte_offset(text, begin)}")
        return "".join(value), j + 1
    # An unquoted value is an SGML name token: letters, digits, periods and hyphens.
    token_begin = j
    while j < n and ((text[j].isascii() and text[j].isalnum()) or text[j] in ".-"):
        j += 1
    if j < n and text[j] not in _HTML_SPACES and text[j] != ">":
        raise EntityParseError(
            f"Unexpected end of name token at byte offset {_byte_offset(text, token_begin)}"
        )
    return text[token_begin:j].lower(), j


def _html_open_tag(text: str, begin: int, stack: list[_OpenTag], out: _Output) -> int:
    n = len(text)
    at = _byte_offset(text, begin)
    j = begin + 1
    while j < n and text[j] not in _HTML_SPACES and text[j] != ">":
        j += 1
    name = text[begin + 1 : j].lower()
    if name not in _HTML_ENTITY_TYPES:
        raise EntityParseError(f'Unsupported start tag "{name}" at byte offset {at}')
    attrs: dict[str, str] = {}
    while True:
        j = _skip_spaces(text, j)
        if j >= n:
            raise EntityParseError(f"Unclosed start tag at byte offset {at}")
        if text[j] == ">":
            break
        attr_begin = j
        while j < n and text[j] not in _HTML_SPACES and text[j] not in "=>":
            j += 1
        attr_name = text[attr_begin:j].lower()
        if not attr_name:
            raise EntityParseError(f'Empty attribute name in the tag "{name}" at byte offset {at}')
        j = _skip_spaces(text, j)
        if j >= n or text[j] != "=":
            if name == "blockquote" and attr_name == "expandable":
                attrs[attr_name] = ""
                continue
            raise EntityParseError(
                "Expected equal sign in declaration of an attribute of the tag "
                f'"{name}" at byte offset {at}'
            )
        j = _skip_spaces(text, j + 1)
        if j >= n:
            raise EntityParseError(f"Unclosed start tag at byte offset {at}")
        attrs[attr_name], j = _html_attribute_value(text, j, begin)

    if name == "span" and attrs.get("class") != "tg-spoiler":
        raise EntityParseError(f'Tag "span" must have class "tg-spoiler" at byte offset {at}')
    if name == "a" and not attrs.get("href", "").strip():
        # Telegram accepts <a> without href (it links the text itself); we never mean that.
        raise EntityParseError(
            f'Tag "a" must have a non-empty attribute "href" at byte offset {at}'
            " (the test double is stricter than Telegram here)"
        )
    if name == "tg-emoji" and not attrs.get("emoji-id", "").isdigit():
        raise EntityParseError(f'Tag "tg-emoji" must have attribute "emoji-id" at byte offset {at}')
    if name == "tg-time" and not _INT_RE.fullmatch(attrs.get("unix", "")):
        raise EntityParseError(f'Tag "tg-time" must have attribute "unix" at byte offset {at}')
    tag = _OpenTag(name=name, attrs=attrs, offset=out.len16, begin=begin)
    css_class = attrs.get("class", "")
    if name == "code" and css_class.startswith("language-") and stack and stack[-1].name == "pre":
        # <pre><code class="language-x"> is one pre entity with a language, not two entities.
        stack[-1].language = css_class.removeprefix("language-")
        tag.merged_into_pre = True
    stack.append(tag)
    return j + 1


def _html_close_tag(
    text: str,
    begin: int,
    stack: list[_OpenTag],
    out: _Output,
    entities: list[dict[str, Any]],
) -> int:
    n = len(text)
    at = _byte_offset(text, begin)
    if not stack:
        raise EntityParseError(f"Unexpected end tag at byte offset {at}")
    j = begin + 2
    while j < n and text[j] not in _HTML_SPACES and text[j] != ">":
        j += 1
    end_name = text[begin + 2 : j].lower()
    j = _skip_spaces(text, j)
    if j >= n or text[j] != ">":
        raise EntityParseError(f"Unclosed end tag at byte offset {at}")
    tag = stack.pop()
    if end_name and end_name != tag.name:
        raise EntityParseError(
            f'Unmatched end tag at byte offset {at}, expected "</{tag.name}>", '
            f'found "</{end_name}>"'
        )
    length = out.len16 - tag.offset
    if length > 0 and not tag.merged_into_pre:
        entities.append(_html_entity(tag, length))
    return j + 1


def _html_entity(tag: _OpenTag, length: int) -> dict[str, Any]:
    entity: dict[str, Any] = {
        "type": _HTML_ENTITY_TYPES[tag.name],
        "offset": tag.offset,
        "length": length,
    }
    if tag.name == "a":
        href = tag.attrs["href"].strip()
        mention = _TEXT_MENTION_RE.fullmatch(href)
        if mention:
            entity["type"] = "text_mention"
            entity["user"] = {"id": int(mention.group(1)), "is_bot": False, "first_name": ""}
        else:
            entity["url"] = href
    elif tag.name == "pre" and tag.language:
        entity["language"] = tag.language
    elif tag.name == "blockquote" and "expandable" in tag.attrs:
        entity["type"] = "expandable_blockquote"
    elif tag.name == "tg-emoji":
        entity["custom_emoji_id"] = tag.attrs["emoji-id"]
    elif tag.name == "tg-time":
        entity["unix_time"] = int(tag.attrs["unix"])
        if tag.attrs.get("format"):
            entity["date_time_format"] = tag.attrs["format"]
    return entity


_MD_RESERVED: Final = frozenset("_*[]()~`>#+-=|{}.!")
_MD_NAMES: Final = {
    "bold": "Bold",
    "italic": "Italic",
    "underline": "Underline",
    "strikethrough": "Strikethrough",
    "spoiler": "Spoiler",
    "code": "Code",
    "pre": "Pre",
    "text_link": "TextUrl",
    "custom_emoji": "CustomEmoji",
}
_MD_PAIRED: Final = {"*": "bold", "~": "strikethrough"}


@dataclass
class _MdOpen:
    kind: str
    offset: int
    begin: int
    language: str = ""


def parse_markdown_v2(text: str) -> tuple[str, list[dict[str, Any]]]:
    """A compact MarkdownV2 parser: enough to refuse what Telegram refuses.

    It knows escapes, the reserved characters, bold/italic/underline/strikethrough/spoiler,
    inline code, pre blocks, links and custom emoji. A ">" at the start of a line is accepted as
    a quote marker but yields no blockquote entity.
    """
    out = _Output()
    stack: list[_MdOpen] = []
    entities: list[dict[str, Any]] = []
    n = len(text)
    i = 0
    while i < n:
        char = text[i]
        if char == "\\" and i + 1 < n and 0 < ord(text[i + 1]) <= 126:
            out.add(text[i + 1])
            i += 2
            continue
        top = stack[-1] if stack else None
        if top is not None and top.kind in ("code", "pre"):
            # Inside code only "`" and "\" are special.
            closing = "```" if top.kind == "pre" else "`"
            if text.startswith(closing, i):
                _md_close(stack, out, entities)
                i += len(closing)
            else:
                out.add(char)
                i += 1
            continue
        if char not in _MD_RESERVED:
            out.add(char)
            i += 1
            continue
        if char == "]" and top is not None and top.kind in ("text_link", "custom_emoji"):
            i = _md_close_link(text, i, stack, out, entities)
            continue
        kind, width = _md_marker(text, i)
        if kind == "":
            raise EntityParseError(
                f"Character '{char}' is reserved and must be escaped with the preceding '\\'"
            )
        if kind == "quote":
            i += 1
            continue
        if top is not None and top.kind == kind:
            _md_close(stack, out, entities)
            i += width
            continue
        opened = _MdOpen(kind=kind, offset=out.len16, begin=i)
        i += width
        if kind == "pre":
            newline = text.find("\n", i)
            header = text[i:newline] if newline != -1 else ""
            if newline != -1 and re.fullmatch(r"[^\s`]*", header):
                opened.language = header
                i = newline + 1
        stack.append(opened)
    if stack:
        name = _MD_NAMES[stack[-1].kind]
        raise EntityParseError(
            f"Can't find end of {name} entity at byte offset {_byte_offset(text, stack[-1].begin)}"
        )
    entities.sort(key=lambda e: (e["offset"], -e["length"]))
    return out.text(), entities


def _md_marker(text: str, i: int) -> tuple[str, int]:
    char = text[i]
    if char in _MD_PAIRED:
        return _MD_PAIRED[char], 1
    if char == "_":
        return ("underline", 2) if text.startswith("__", i) else ("italic", 1)
    if char == "|" and text.startswith("||", i):
        return "spoiler", 2
    if char == "`":
        return ("pre", 3) if text.startswith("```", i) else ("code", 1)
    if char == "[":
        return "text_link", 1
    if char == "!" and text.startswith("![", i):
        return "custom_emoji", 2
    if char == ">" and (i == 0 or text[i - 1] == "\n"):
        return "quote", 1
    return "", 0


def _md_close(stack: list[_MdOpen], out: _Output, entities: list[dict[str, Any]]) -> None:
    opened = stack.pop()
    length = out.len16 - opened.offset
    if length > 0:
        entity: dict[str, Any] = {"type": opened.kind, "offset": opened.offset, "length": length}
        if opened.language:
            entity["language"] = opened.language
        entities.append(entity)


def _md_close_link(
    text: str, i: int, stack: list[_MdOpen], out: _Output, entities: list[dict[str, Any]]
) -> int:
    opened = stack.pop()
    i += 1
    url: list[str] = []
    if i < len(text) and text[i] == "(":
        i += 1
        while i < len(text) and text[i] != ")":
            if text[i] == "\\" and i + 1 < len(text):
                i += 1
            url.append(text[i])
            i += 1
        if i >= len(text):
            raise EntityParseError(
                f"Can't find end of a URL at byte offset {_byte_offset(text, opened.begin)}"
            )
        i += 1
    target = "".join(url)
    length = out.len16 - opened.offset
    if length > 0 and target:
        entity: dict[str, Any] = {"type": opened.kind, "offset": opened.offset, "length": length}
        if opened.kind == "custom_emoji":
            emoji_id = re.fullmatch(r"tg://emoji\?id=([0-9]+)", target)
            if emoji_id is None:
                raise EntityParseError("Custom emoji URL must have an emoji identifier")
            entity["custom_emoji_id"] = emoji_id.group(1)
        else:
            entity["url"] = target
        entities.append(entity)
    return i


def _trim_formatted(text: str, entities: list[dict[str, Any]]) -> tuple[str, list[dict[str, Any]]]:
    """Strip surrounding whitespace as Telegram does, moving entities along with the text."""
    stripped = text.strip(_TRIMMED)
    if stripped == text:
        return text, entities
    lead = utf16_len(text[: len(text) - len(text.lstrip(_TRIMMED))])
    total = utf16_len(stripped)
    kept: list[dict[str, Any]] = []
    for entity in entities:
        start = max(0, entity["offset"] - lead)
        end = min(total, entity["offset"] - lead + entity["length"])
        if end > start:
            kept.append({**entity, "offset": start, "length": end - start})
    return stripped, kept


# --------------------------------------------------------------------------------------------
# Parameter decoding and type checks against the spec
# --------------------------------------------------------------------------------------------

_PRIMITIVES: Final = frozenset({"Integer", "Float", "Boolean", "String", "InputFile"})
_ATTACHABLE_FIELDS: Final = frozenset({"media", "thumbnail", "cover"})


def _kind(value: Any) -> str:
    if isinstance(value, bool):
        return "a Boolean"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "an array"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__


def _coerce_primitive(value: Any, type_name: str, files: Mapping[str, UploadedFile]) -> Any:
    if type_name == "Integer":
        if isinstance(value, int) and not isinstance(value, bool):
            return value
        if isinstance(value, str) and _INT_RE.fullmatch(value):
            return int(value)
    elif type_name == "Float":
        if isinstance(value, int | float) and not isinstance(value, bool):
            return float(value)
        if isinstance(value, str) and _FLOAT_RE.fullmatch(value):
            return float(value)
    elif type_name == "Boolean":
        if isinstance(value, bool):
            return value
        if isinstance(value, str) and value.strip().lower() in ("true", "false"):
            return value.strip().lower() == "true"
    elif type_name == "String":
        if isinstance(value, str):
            return value
        if isinstance(value, int | float) and not isinstance(value, bool):
            return str(value)
    elif type_name == "InputFile":
        if isinstance(value, UploadedFile):
            return value
        if isinstance(value, str) and value.startswith("attach://"):
            name = value.removeprefix("attach://")
            if name not in files:
                raise _Mismatch(f'refers to a missing attached file "{name}"')
            return files[name]
    raise _Mismatch(f"must be of type {type_name}, got {_kind(value)}")


def _coerce(
    value: Any,
    types: Sequence[str],
    files: Mapping[str, UploadedFile],
    *,
    decode_json: bool = False,
) -> Any:
    """Check ``value`` against the spec's alternatives and return it decoded (JSON, numbers)."""
    primitives = [t for t in types if t in _PRIMITIVES]
    structured = [t for t in types if t not in _PRIMITIVES]
    first_error: _Mismatch | None = None
    for type_name in primitives:
        try:
            return _coerce_primitive(value, type_name, files)
        except _Mismatch as exc:
            first_error = first_error or exc
    if structured:
        if decode_json and isinstance(value, str):
            try:
                value = json.loads(value)
            except ValueError:
                raise _Mismatch(f"must be a JSON-serialized {' or '.join(types)}") from None
        return _coerce_structured(value, structured, files)
    if first_error is not None and len(primitives) == 1:
        raise first_error
    raise _Mismatch(f"must be of type {' or '.join(types)}, got {_kind(value)}")


def _coerce_structured(value: Any, types: Sequence[str], files: Mapping[str, UploadedFile]) -> Any:
    arrays = [t.removeprefix("Array of ") for t in types if t.startswith("Array of ")]
    objects = [t for t in types if not t.startswith("Array of ")]
    if isinstance(value, list) and arrays:
        first_error: _Mismatch | None = None
        for inner in arrays:
            try:
                return [_coerce_item(item, inner, index, files) for index, item in enumerate(value)]
            except _Mismatch as exc:
                first_error = first_error or exc
        assert first_error is not None
        raise first_error
    if isinstance(value, dict) and objects:
        ranked = sorted(objects, key=lambda t: _fit(value, t))
        errors: list[_Mismatch] = []
        for type_name in ranked:
            try:
                return _coerce_object(value, type_name, files)
            except _Mismatch as exc:
                errors.append(exc)
        raise errors[0]
    raise _Mismatch(f"must be {' or '.join(types)}, got {_kind(value)}")


def _coerce_item(item: Any, inner: str, index: int, files: Mapping[str, UploadedFile]) -> Any:
    try:
        return _coerce(item, [inner], files)
    except _Mismatch as exc:
        raise exc.within(f"[{index}]") from None


def _fit(value: Mapping[str, Any], type_name: str) -> tuple[int, int]:
    """How badly a dict fits an object type: (missing required fields, unknown fields)."""
    fields = _type_fields(type_name)
    if fields is None:
        return 0, 0
    missing = sum(1 for f in fields.values() if f["required"] and f["name"] not in value)
    unknown = sum(1 for key in value if key not in fields)
    return missing, unknown


def _coerce_object(
    value: Mapping[str, Any], type_name: str, files: Mapping[str, UploadedFile]
) -> dict[str, Any]:
    spec = load_spec()["types"].get(type_name)
    if spec is None:
        raise _Mismatch(f"has an unknown type {type_name}")
    if "subtypes" in spec:
        return _coerce_union(value, type_name, spec["subtypes"], files)
    fields = _type_fields(type_name)
    if fields is None:
        return dict(value)
    decoded: dict[str, Any] = {}
    for key, item in value.items():
        spec_field = fields.get(key)
        if spec_field is None:
            # Telegram ignores unknown fields inside objects; a typo there is still our bug.
            raise _Mismatch(f'has an unknown field "{key}" for {type_name}')
        if item is None:
            continue
        if key in _ATTACHABLE_FIELDS and isinstance(item, str) and item.startswith("attach://"):
            # The spec types these as String, but an attach:// name must match a file part.
            name = item.removeprefix("attach://")
            if name not in files:
                raise _Mismatch(f'refers to a missing attached file "{name}"', [f".{key}"])
        try:
            decoded[key] = _coerce(item, spec_field["types"], files)
        except _Mismatch as exc:
            raise exc.within(f".{key}") from None
    for spec_field in fields.values():
        if spec_field["required"] and spec_field["name"] not in decoded:
            raise _Mismatch(f'misses the required field "{spec_field["name"]}" of {type_name}')
    return decoded


def _coerce_union(
    value: Mapping[str, Any],
    type_name: str,
    subtypes: Sequence[str],
    files: Mapping[str, UploadedFile],
) -> dict[str, Any]:
    keyed = [(sub, d) for sub in subtypes if (d := _discriminator(sub)) is not None]
    if not keyed:
        result = _coerce(value, subtypes, files)
        assert isinstance(result, dict)
        return result
    candidates = [sub for sub, (name, literal) in keyed if value.get(name) == literal]
    if not candidates:
        name = keyed[0][1][0]
        raise _Mismatch(f"is not a valid {type_name}: unsupported {name} {_dumps(value.get(name))}")
    errors: list[_Mismatch] = []
    for sub in candidates:
        try:
            return _coerce_object(value, sub, files)
        except _Mismatch as exc:
            errors.append(exc)
    raise errors[0]


def _loose_decode(value: Any) -> Any:
    """Best-effort decoding for the call record of a value the spec does not describe."""
    if isinstance(value, str) and value[:1] in ("{", "["):
        with contextlib.suppress(ValueError):
            return json.loads(value)
    return value


def _decode_params(
    method_spec: Mapping[str, Any],
    raw: Mapping[str, Any],
    files: Mapping[str, UploadedFile],
) -> tuple[dict[str, Any], _ApiError | None]:
    """Decode the raw parameters by the spec; also return the first error Telegram would give.

    The decoded parameters are returned even when there is an error, so the call record shows
    what was sent.
    """
    fields: dict[str, dict[str, Any]] = {f["name"]: f for f in method_spec.get("fields", [])}
    values: dict[str, Any] = dict(raw)
    for name, upload in files.items():
        # A file part named like a parameter is a direct upload of that parameter.
        if name in fields and name not in values:
            values[name] = upload
    params: dict[str, Any] = {}
    unknown: list[str] = []
    mismatched: list[str] = []
    for name, value in values.items():
        spec_field = fields.get(name)
        if spec_field is None:
            unknown.append(name)
            params[name] = _loose_decode(value)
            continue
        try:
            params[name] = _coerce(value, spec_field["types"], files, decode_json=True)
        except _Mismatch as exc:
            params[name] = _loose_decode(value)
            if name == "reply_markup" and exc.reason.startswith("must be a JSON"):
                mismatched.append("can't parse reply keyboard markup JSON object")
            else:
                mismatched.append(exc.describe(name))
    missing = [n for n, f in fields.items() if f["required"] and n not in params]
    error: _ApiError | None = None
    if unknown:
        # Telegram silently ignores unknown parameters. We refuse them on purpose: an unknown
        # name is nearly always a typo in our call (or a parameter of another API version).
        error = _bad_request(f'unknown parameter "{unknown[0]}"')
    elif mismatched:
        error = _bad_request(mismatched[0])
    elif missing:
        name = missing[0]
        if name == "text" and method_spec["name"] == "sendMessage":
            # aiogram drops empty strings from requests, so "" arrives as a missing text.
            error = _bad_request("message text is empty")
        elif name == "name" and method_spec["name"] == "createForumTopic":
            # The same for a topic name; Telegram reads a missing name as an empty one.
            error = _bad_request("name must be non-empty")
        else:
            error = _bad_request(f'parameter "{name}" is required')
    return params, error


async def _read_request(request: web.Request) -> tuple[dict[str, Any], dict[str, UploadedFile]]:
    params: dict[str, Any] = dict(request.query)
    files: dict[str, UploadedFile] = {}
    if not request.can_read_body:
        return params, files
    if request.content_type == "application/json":
        body = await request.read()
        if body.strip():
            try:
                decoded = json.loads(body)
            except ValueError:
                raise _bad_request("can't parse JSON encoded request body") from None
            if not isinstance(decoded, dict):
                raise _bad_request("JSON encoded request body must be an object")
            params.update(decoded)
        return params, files
    if request.content_type in ("multipart/form-data", "application/x-www-form-urlencoded"):
        form = await request.post()
        for name, value in form.items():
            if isinstance(value, web.FileField):
                files[name] = UploadedFile(
                    name=name,
                    filename=value.filename,
                    content_type=value.content_type,
                    data=value.file.read(),
                )
            elif isinstance(value, bytes | bytearray):
                params[name] = bytes(value).decode("utf-8", "replace")
            else:
                params[name] = value
        return params, files
    await request.read()
    raise _bad_request(f"unsupported Content-Type {request.content_type}")


# --------------------------------------------------------------------------------------------
# Keyboard checks
# --------------------------------------------------------------------------------------------


def _check_reply_markup(markup: Mapping[str, Any]) -> None:
    if "inline_keyboard" in markup:
        _check_inline_keyboard(markup["inline_keyboard"])
    elif "keyboard" in markup:
        rows = markup["keyboard"]
        if not any(rows):
            raise _bad_request("keyboard must be non-empty")
        for row in rows:
            for button in row:
                if not str(button.get("text", "")).strip():
                    raise _bad_request("keyboard button text must be non-empty")
    elif "remove_keyboard" in markup:
        if markup["remove_keyboard"] is not True:
            raise _bad_request("can't parse reply keyboard markup JSON object")
    elif "force_reply" in markup and markup["force_reply"] is not True:
        raise _bad_request("can't parse reply keyboard markup JSON object")


def _check_inline_keyboard(rows: Sequence[Sequence[Mapping[str, Any]]]) -> None:
    count = 0
    for row in rows:
        for button in row:
            count += 1
            if not str(button.get("text", "")).strip():
                raise _bad_request("can't parse inline keyboard button: Text must be non-empty")
            actions = sorted(k for k in button if k in _inline_button_actions())
            if not actions:
                raise _bad_request(
                    "can't parse inline keyboard button: "
                    "Text buttons are unallowed in the inline keyboard"
                )
            if len(actions) > 1:
                # Telegram picks one of the fields silently; two of them is always our mistake.
                raise _bad_request(
                    "can't parse inline keyboard button: exactly one of the optional fields "
                    f"must be used, got {', '.join(actions)} "
                    "(the test double is stricter than Telegram here)"
                )
            if "callback_data" in button:
                size = len(str(button["callback_data"]).encode("utf-8"))
                if not 1 <= size <= 64:
                    raise _bad_request("BUTTON_DATA_INVALID")
            if "url" in button and not _BUTTON_URL_RE.fullmatch(str(button["url"])):
                raise _bad_request(
                    f"inline keyboard button URL '{button['url']}' is invalid: Wrong HTTP URL"
                )
            if button.get("style", "primary") not in ("danger", "success", "primary"):
                raise _bad_request(f'invalid inline keyboard button style "{button["style"]}"')
    if count > _MAX_BUTTONS:
        raise _bad_request("reply markup is too long")


# --------------------------------------------------------------------------------------------
# Rate limiting
# --------------------------------------------------------------------------------------------


@dataclass
class _TokenBucket:
    rate: float
    capacity: float
    tokens: float
    updated: float

    @classmethod
    def full(cls, rate: float, capacity: float, now: float) -> _TokenBucket:
        return cls(rate=rate, capacity=capacity, tokens=capacity, updated=now)

    def wait(self, now: float) -> float:
        """Seconds until one token is available (0 if one is available now)."""
        self.tokens = min(self.capacity, self.tokens + (now - self.updated) * self.rate)
        self.updated = now
        return 0.0 if self.tokens >= 1 else (1 - self.tokens) / self.rate

    def take(self) -> None:
        self.tokens -= 1


# --------------------------------------------------------------------------------------------
# The server
# --------------------------------------------------------------------------------------------


@dataclass
class _Topic:
    """A forum topic; its thread id is the message id of its forum_topic_created message."""

    thread_id: int
    name: str
    icon_color: int
    created_by: int
    icon_custom_emoji_id: str = ""
    closed: bool = False
    deleted: bool = False

    def forum_topic(self) -> dict[str, Any]:
        topic: dict[str, Any] = {
            "message_thread_id": self.thread_id,
            "name": self.name,
            "icon_color": self.icon_color,
        }
        if self.icon_custom_emoji_id:
            topic["icon_custom_emoji_id"] = self.icon_custom_emoji_id
        return topic


@dataclass
class _ChatState:
    chat: dict[str, Any]
    last_message_id: int = 0
    messages: dict[int, dict[str, Any]] = field(default_factory=dict)
    #: Registered with ``add_forum_group``: the chat, its members and the bot's rights are
    #: exactly what the test set up (unregistered chats are made up on first use).
    registered: bool = False
    #: ChatMember dicts by user id (the bot included) of a registered group.
    members: dict[int, dict[str, Any]] = field(default_factory=dict)
    topics: dict[int, _Topic] = field(default_factory=dict)
    pinned: list[int] = field(default_factory=list)

    @property
    def is_forum(self) -> bool:
        return bool(self.chat.get("is_forum"))


@dataclass
class _Fault:
    status: int
    body: str | dict[str, Any]

    def response(self) -> web.Response:
        if isinstance(self.body, dict):
            return web.Response(
                status=self.status, text=_dumps(self.body), content_type="application/json"
            )
        return web.Response(status=self.status, text=self.body, content_type="text/html")


_MessageHandler = Callable[[dict[str, Any]], Awaitable[Any]]
_UNSET: Final[Any] = object()
_MEDIA_KEYS: Final = (
    "text",
    "entities",
    "caption",
    "caption_entities",
    "photo",
    "document",
    "sticker",
    "voice",
    "video",
    "video_note",
    "audio",
    "animation",
    "location",
    "contact",
    "venue",
    "dice",
)
#: Contents that carry a caption, which copyMessage may replace.
_CAPTIONED_KEYS: Final = frozenset({"photo", "document", "video", "audio", "animation", "voice"})
#: Message fields that make a message a service message (not all of them say so in the spec).
_SERVICE_KEYS: Final = frozenset(
    {
        "new_chat_members",
        "left_chat_member",
        "new_chat_title",
        "new_chat_photo",
        "migrate_to_chat_id",
        "migrate_from_chat_id",
        "pinned_message",
        "successful_payment",
        "refunded_payment",
        "connected_website",
        "passport_data",
    }
)
#: "Service messages, paid media messages, giveaway messages, giveaway winners messages, and
#: invoice messages can't be copied" (copyMessage in the Bot API description).
_NOT_COPYABLE_KEYS: Final = frozenset({"paid_media", "giveaway", "giveaway_winners", "invoice"})
#: Administrator rights of a registered group's bot when the test does not list them: what the
#: Telegram apps grant by default when a bot is made an administrator of a forum.
_DEFAULT_ADMIN_RIGHTS: Final = frozenset(
    {
        "can_manage_chat",
        "can_delete_messages",
        "can_restrict_members",
        "can_invite_users",
        "can_pin_messages",
        "can_manage_topics",
    }
)
#: ChatMemberAdministrator fields that only channels have; omitted for supergroups.
_CHANNEL_ONLY_RIGHTS: Final = frozenset(
    {"can_post_messages", "can_edit_messages", "can_manage_direct_messages"}
)
_MESSAGE_UPDATE_KEYS: Final = (
    "message",
    "edited_message",
    "channel_post",
    "edited_channel_post",
    "business_message",
    "edited_business_message",
)


class FakeBotApi:
    """A fake Telegram Bot API server on 127.0.0.1 for tests.

    Use ``async with FakeBotApi() as fake:`` (or ``await fake.start()`` / ``await fake.stop()``)
    and point aiogram at ``fake.base_url``.

    Options: ``token`` (None accepts any token, otherwise others get 401); flood limits
    ``global_rate``/``global_burst`` (messages per second over all chats),
    ``paid_rate``/``paid_burst`` (messages per second sent with allow_paid_broadcast, which
    the global limit does not count),
    ``per_chat_rate``/``per_chat_burst`` (messages per second in one chat) and
    ``group_rate_per_minute``/``group_burst`` (messages and edits per minute in one group, i.e. a
    chat with a negative id; the burst defaults to the per-minute rate), each disabled by None
    (``group_per_minute`` is the former name of ``group_rate_per_minute`` and still accepted);
    ``bot_id`` (default: the token's numeric prefix or 123456),
    ``bot_username``, ``bot_first_name``; ``clock`` (the rate limits' time source, so tests can
    advance time instead of sleeping); ``strict_html`` (refuse a bare "&" in HTML texts);
    ``control_api`` (serve ``/_control/...`` for the standalone mode).
    """

    def __init__(
        self,
        *,
        token: str | None = None,
        global_rate: float | None = 30.0,
        global_burst: int = 30,
        per_chat_rate: float | None = 1.0,
        per_chat_burst: int = 3,
        group_rate_per_minute: float | None = 20,
        group_burst: int | None = None,
        group_per_minute: Any = _UNSET,
        paid_rate: float | None = 1000.0,
        paid_burst: int = 1000,
        bot_id: int | None = None,
        bot_username: str = "lastivka_test_bot",
        bot_first_name: str = "Lastivka",
        host: str = "127.0.0.1",
        port: int = 0,
        clock: Callable[[], float] = time.monotonic,
        strict_html: bool = True,
        control_api: bool = False,
    ) -> None:
        self.token = token
        self.global_rate = global_rate
        self.global_burst = global_burst
        self.per_chat_rate = per_chat_rate
        self.per_chat_burst = per_chat_burst
        if group_per_minute is not _UNSET:
            group_rate_per_minute = group_per_minute
        self.group_rate_per_minute = group_rate_per_minute
        self.group_burst = group_burst
        self.paid_rate = paid_rate
        self.paid_burst = paid_burst
        if bot_id is None:
            prefix = (token or "").partition(":")[0]
            bot_id = int(prefix) if prefix.isdigit() else DEFAULT_BOT_ID
        self.bot_id = bot_id
        self.bot_username = bot_username
        self.bot_first_name = bot_first_name
        self.host = host
        self.port = port
        self.strict_html = strict_html
        self.control_api = control_api
        self._clock = clock

        self.calls: list[Call] = []
        self.stats: Counter[str] = Counter()
        self.confirmed_update_ids: set[int] = set()
        self.blocked_chats: set[int] = set()
        self.forgotten_chats: set[int] = set()
        self.waiting_long_polls = 0
        self.webhook_url = ""
        self.commands: dict[tuple[str, str], list[dict[str, Any]]] = {}
        self.bot_texts: dict[tuple[str, str], str] = {}

        self._changed = asyncio.Condition()
        self._updates_event = asyncio.Event()
        self._closed = asyncio.Event()
        self._closing = False
        self._queue: list[dict[str, Any]] = []
        self._last_update_id = 0
        self._poll_generation = 0
        self._chats: dict[int, _ChatState] = {}
        self._callback_queries: dict[str, bool] = {}
        self._file_ids = itertools.count(1)
        self._global_bucket: _TokenBucket | None = None
        self._paid_bucket: _TokenBucket | None = None
        self._chat_buckets: dict[int, _TokenBucket] = {}
        self._group_buckets: dict[int, _TokenBucket] = {}
        self._faults: dict[str, list[_Fault]] = {}
        self._delays: dict[str, list[float]] = {}
        self._runner: web.AppRunner | None = None
        self._handlers: dict[str, _MessageHandler] = {
            "getMe": self._get_me,
            "getUpdates": self._get_updates,
            "setWebhook": self._set_webhook,
            "deleteWebhook": self._delete_webhook,
            "getWebhookInfo": self._get_webhook_info,
            "sendMessage": self._send_message,
            "editMessageText": self._edit_message_text,
            "editMessageCaption": self._edit_message_caption,
            "editMessageReplyMarkup": self._edit_message_reply_markup,
            "editMessageMedia": self._edit_message_other,
            "editMessageLiveLocation": self._edit_message_other,
            "stopMessageLiveLocation": self._edit_message_other,
            "deleteMessage": self._delete_message,
            "deleteMessages": self._delete_messages,
            "copyMessage": self._copy_message,
            "copyMessages": self._copy_messages,
            "forwardMessage": self._forward_message,
            "forwardMessages": self._forward_messages,
            "sendMediaGroup": self._send_media_group,
            "sendChatAction": self._send_chat_action,
            "answerCallbackQuery": self._answer_callback_query,
            "setMyCommands": self._set_my_commands,
            "getMyCommands": self._get_my_commands,
            "deleteMyCommands": self._delete_my_commands,
            "setMyDescription": self._set_my_description,
            "getMyDescription": self._get_my_description,
            "setMyShortDescription": self._set_my_short_description,
            "getMyShortDescription": self._get_my_short_description,
            "setMyName": self._set_my_name,
            "getMyName": self._get_my_name,
            "getChat": self._get_chat,
            "getChatMember": self._get_chat_member,
            "getChatAdministrators": self._get_chat_administrators,
            "createForumTopic": self._create_forum_topic,
            "editForumTopic": self._edit_forum_topic,
            "closeForumTopic": self._close_forum_topic,
            "reopenForumTopic": self._reopen_forum_topic,
            "deleteForumTopic": self._delete_forum_topic,
            "unpinAllForumTopicMessages": self._unpin_all_forum_topic_messages,
            "pinChatMessage": self._pin_chat_message,
            "unpinChatMessage": self._unpin_chat_message,
        }
        for method in SENDING_METHODS:
            self._handlers.setdefault(method, functools.partial(self._send_other, method))

    # ---- lifecycle -------------------------------------------------------------------------

    async def start(self) -> None:
        self._closing = False
        self._closed = asyncio.Event()
        app = web.Application(client_max_size=50 * 1024 * 1024)
        app.router.add_route("*", "/{tail:.*}", self._handle)
        runner = web.AppRunner(app, access_log=None, shutdown_timeout=2.0)
        await runner.setup()
        site = web.TCPSite(runner, self.host, self.port)
        await site.start()
        self._runner = runner
        self.port = int(runner.addresses[0][1])

    async def stop(self) -> None:
        if self._runner is None:
            return
        # Wake long polls and injected delays so the server can shut down at once.
        self._closing = True
        self._closed.set()
        self._signal_updates()
        runner, self._runner = self._runner, None
        await runner.cleanup()

    async def __aenter__(self) -> Self:
        await self.start()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.stop()

    @property
    def base_url(self) -> str:
        if self._runner is None:
            raise RuntimeError("FakeBotApi is not running; use 'async with' or start()")
        return f"http://{self.host}:{self.port}"

    @property
    def bot_user(self) -> dict[str, Any]:
        return {
            "id": self.bot_id,
            "is_bot": True,
            "first_name": self.bot_first_name,
            "username": self.bot_username,
        }

    # ---- test controls ---------------------------------------------------------------------

    def block_chat(self, chat_id: int) -> None:
        """The user blocked the bot: sending to the chat answers 403."""
        self.blocked_chats.add(chat_id)

    def unblock_chat(self, chat_id: int) -> None:
        self.blocked_chats.discard(chat_id)

    def forget_chat(self, chat_id: int) -> None:
        """Telegram does not know the chat (deleted account, wrong id): 400 chat not found."""
        self.forgotten_chats.add(chat_id)
        self._chats.pop(chat_id, None)

    def add_forum_group(
        self,
        chat_id: int,
        *,
        title: str = "Test forum",
        is_forum: bool = True,
        bot_status: str = "administrator",
        bot_rights: Mapping[str, bool] | None = None,
        username: str | None = None,
    ) -> dict[str, Any]:
        """Register a supergroup (a forum unless ``is_forum=False``) and the bot's place in it.

        ``bot_status`` is "administrator", "member", "left" or "kicked" (the last two make sending
        fail with 403). ``bot_rights`` names administrator rights as ChatMemberAdministrator does
        (``can_manage_topics``, ``can_pin_messages``, ``can_delete_messages``, ...); rights not
        named are False, as after promoteChatMember, except ``can_manage_chat``, which every
        administrator has. Without ``bot_rights`` an administrator bot has the rights the apps
        grant by default: manage chat, delete messages, restrict members, invite users, pin
        messages, manage topics. Registering again starts the chat afresh (no messages, members,
        topics or pins). Returns the Chat dict that messages of this chat carry.
        """
        if chat_id >= 0:
            raise ValueError(f"a supergroup's id is negative (-100...), got {chat_id}")
        if bot_status not in ("administrator", "member", "left", "kicked"):
            raise ValueError(
                f"bot_status must be administrator, member, left or kicked, got {bot_status!r}"
            )
        chat: dict[str, Any] = {"id": chat_id, "type": "supergroup", "title": title}
        if username:
            chat["username"] = username
        if is_forum:
            chat["is_forum"] = True
        self.forgotten_chats.discard(chat_id)
        # Message 1 of a supergroup is its creation, which is also why General's thread id is 1;
        # the bot joined later and never sees it, so the chat's own messages start at 2.
        state = self._chats[chat_id] = _ChatState(
            chat=chat, last_message_id=GENERAL_TOPIC_ID, registered=True
        )
        state.members[self.bot_id] = self._member(self.bot_user, bot_status, bot_rights)
        return copy.deepcopy(chat)

    def add_group_member(
        self,
        chat_id: int,
        user: int | Mapping[str, Any],
        *,
        status: str = "member",
        rights: Mapping[str, bool] | None = None,
        first_name: str = "Test",
        username: str | None = None,
        is_bot: bool = False,
        custom_title: str | None = None,
    ) -> dict[str, Any]:
        """Add (or change) a member of a group registered with ``add_forum_group``.

        ``user`` is a user id or a User dict; ``status`` is "creator", "administrator", "member",
        "left" or "kicked"; ``rights`` are an administrator's rights, named and defaulted as in
        ``add_forum_group``. Passing the bot's own id changes the bot's status or rights mid-test.
        Returns the ChatMember dict getChatMember will answer.
        """
        state = self._registered(chat_id)
        if isinstance(user, Mapping):
            person = dict(user)
        else:
            person = _user(int(user), first_name, username, None)
            person["is_bot"] = is_bot
        if person["id"] == self.bot_id:
            if status == "creator":
                raise ValueError("a bot cannot be the creator of a group")
            person = self.bot_user
        member = self._member(person, status, rights, custom_title)
        state.members[int(person["id"])] = member
        return copy.deepcopy(member)

    def add_forum_topic(
        self,
        chat_id: int,
        name: str,
        *,
        created_by: int | None = None,
        icon_color: int = _TOPIC_ICON_COLORS[0],
        closed: bool = False,
    ) -> int:
        """Add a topic to a registered forum as if someone made it earlier; return its thread id.

        ``created_by`` is the user id of the topic's creator (default: the bot). As in Telegram,
        the topic's thread id is the message id of its forum_topic_created service message.
        """
        state = self._registered(chat_id)
        if not state.is_forum:
            raise ValueError(f"chat {chat_id} is registered as a supergroup that is not a forum")
        creator = self.bot_id if created_by is None else created_by
        sender = state.members.get(creator, {}).get("user")
        if sender is None:
            sender = self.bot_user if creator == self.bot_id else _user(creator, "Test", None, None)
        try:
            topic = self._open_topic(chat_id, _topic_name(name), icon_color, sender, "")
        except _ApiError as exc:
            raise ValueError(exc.description) from None
        topic.closed = closed
        return topic.thread_id

    def fail_next(
        self, method: str, *, status: int, body: str | dict[str, Any], count: int = 1
    ) -> None:
        """Answer the next ``count`` calls of ``method`` with ``status`` and ``body``.

        A str body is served as text/html (as a proxy's error page is), a dict as JSON.
        """
        faults = self._faults.setdefault(self._require_method(method), [])
        faults.extend(_Fault(status=status, body=body) for _ in range(count))

    def delay_next(self, method: str, seconds: float, *, count: int = 1) -> None:
        """Hold the next ``count`` answers of ``method`` for ``seconds`` (a slow Telegram)."""
        self._delays.setdefault(self._require_method(method), []).extend([seconds] * count)

    def next_message_id(self, chat_id: int) -> int:
        """Take the next message id of a chat (shared by incoming and outgoing messages)."""
        state = self._chat_state(chat_id)
        state.last_message_id += 1
        return state.last_message_id

    def push_update(self, update: Mapping[str, Any]) -> int:
        """Queue an incoming update for getUpdates and return its update_id.

        A missing update_id is assigned from an increasing counter; a missing message_id is
        taken from the chat's counter, so ids stay unique per chat as in Telegram.
        """
        queued = copy.deepcopy(dict(update))
        update_id = queued.get("update_id")
        if update_id is None:
            update_id = self._last_update_id + 1
            queued = {"update_id": update_id, **queued}
        if not isinstance(update_id, int):
            raise TypeError(f"update_id must be an int, got {update_id!r}")
        if any(u["update_id"] == update_id for u in self._queue):
            raise ValueError(f"update {update_id} is already queued")
        for key in _MESSAGE_UPDATE_KEYS:
            if isinstance(queued.get(key), dict):
                self._remember_incoming(queued[key])
        self._last_update_id = max(self._last_update_id, update_id)
        callback = queued.get("callback_query")
        if isinstance(callback, dict):
            self._callback_queries[str(callback["id"])] = False
            if isinstance(callback.get("message"), dict):
                callback["message"] = self._callback_message(callback["message"])
        self._queue.append(queued)
        self._queue.sort(key=lambda u: int(u["update_id"]))
        self._signal_updates()
        return update_id

    def pending_updates(self) -> list[dict[str, Any]]:
        """Queued updates not yet confirmed by a getUpdates with a higher offset."""
        return copy.deepcopy(self._queue)

    # ---- inspection ------------------------------------------------------------------------

    def calls_to(self, method: str) -> list[Call]:
        name = canonical_method(method) or method
        return [c for c in self.calls if c.method == name]

    def sent_texts(
        self, chat_id: int | None = None, *, raw: bool = False, thread_id: int | None = None
    ) -> list[str]:
        """Texts of successful sendMessage / editMessageText calls, oldest first.

        By default the text as the user sees it (tags removed, entities decoded); with
        ``raw=True`` the ``text`` parameter exactly as the bot sent it. With ``thread_id`` only
        messages that are in that forum topic (``GENERAL_TOPIC_ID``: in no topic).
        """
        texts: list[str] = []
        for call in self.calls:
            if not call.ok or call.method not in ("sendMessage", "editMessageText"):
                continue
            if chat_id is not None and call.params.get("chat_id") != chat_id:
                continue
            if thread_id is not None and (
                not isinstance(call.result, dict)
                or call.result.get("message_thread_id", GENERAL_TOPIC_ID) != thread_id
            ):
                continue
            if raw:
                texts.append(str(call.params.get("text", "")))
            elif isinstance(call.result, dict):
                texts.append(str(call.result.get("text", "")))
        return texts

    def messages(self, chat_id: int) -> list[dict[str, Any]]:
        """Messages of a chat that still exist (not deleted), oldest first."""
        state = self._chats.get(chat_id)
        if state is None:
            return []
        return [copy.deepcopy(m) for _, m in sorted(state.messages.items())]

    def message(self, chat_id: int, message_id: int) -> dict[str, Any] | None:
        state = self._chats.get(chat_id)
        found = state.messages.get(message_id) if state else None
        return copy.deepcopy(found) if found is not None else None

    def topics(self, chat_id: int, *, include_deleted: bool = False) -> list[dict[str, Any]]:
        """The forum's topics, oldest first: ForumTopic fields plus ``is_closed``, ``is_deleted``
        and ``created_by`` (a user id)."""
        state = self._chats.get(chat_id)
        if state is None:
            return []
        return [
            _topic_info(topic)
            for _, topic in sorted(state.topics.items())
            if include_deleted or not topic.deleted
        ]

    def topic(self, chat_id: int, thread_id: int) -> dict[str, Any] | None:
        """One topic as ``topics`` describes it (deleted ones too), or None."""
        state = self._chats.get(chat_id)
        found = state.topics.get(thread_id) if state else None
        return _topic_info(found) if found is not None else None

    def topic_messages(
        self, chat_id: int, thread_id: int | None, *, include_service: bool = False
    ) -> list[dict[str, Any]]:
        """Messages that still exist in one topic of a chat, oldest first.

        ``thread_id`` None or ``GENERAL_TOPIC_ID`` means General (messages without
        message_thread_id; in a chat that is not a forum, all of them). Service messages (topic
        created, closed, reopened, edited, message pinned) are left out unless
        ``include_service``.
        """
        wanted = None if thread_id == GENERAL_TOPIC_ID else thread_id
        return [
            m
            for m in self.messages(chat_id)
            if m.get("message_thread_id") == wanted
            and (include_service or not _service_keys() & m.keys())
        ]

    def pinned_message_ids(self, chat_id: int) -> list[int]:
        """Ids of the chat's pinned messages, in the order they were pinned."""
        state = self._chats.get(chat_id)
        return list(state.pinned) if state is not None else []

    async def wait_for(
        self,
        predicate: Callable[[FakeBotApi], bool],
        # The timeout is part of the call so a failure can name it; asyncio.timeout is used inside.
        timeout: float = 10.0,  # noqa: ASYNC109
        *,
        description: str | None = None,
    ) -> None:
        """Wait until ``predicate(self)`` holds; it is re-checked after every recorded call.

        Raises TimeoutError naming the condition and the last calls when time runs out.
        """
        try:
            async with asyncio.timeout(timeout):
                async with self._changed:
                    await self._changed.wait_for(lambda: predicate(self))
        except TimeoutError:
            what = description or getattr(predicate, "__name__", repr(predicate))
            recent = ", ".join(f"{c.method}->{c.status}" for c in self.calls[-10:]) or "none"
            raise TimeoutError(
                f"FakeBotApi.wait_for({what}) still false after {timeout}s; "
                f"{len(self.calls)} calls, last ones: {recent}"
            ) from None

    # ---- request handling ------------------------------------------------------------------

    async def _handle(self, request: web.Request) -> web.StreamResponse:
        if self.control_api and request.path.startswith("/_control/"):
            return await self._handle_control(request)
        match = _API_PATH_RE.fullmatch(request.path)
        if match is None:
            return web.json_response(_ApiError(404, "Not Found").body(), status=404)
        token, requested = match.groups()
        method = canonical_method(requested) or requested
        params: dict[str, Any] = {}
        result: Any = None
        try:
            if self.token is not None and token != self.token:
                raise _ApiError(401, "Unauthorized")
            method_spec = load_spec()["methods"].get(method)
            if method_spec is None:
                raise _ApiError(404, "Not Found")
            raw, files = await _read_request(request)
            params, error = _decode_params(method_spec, raw, files)
            fault = await self._take_fault(method)
            if fault is not None:
                await self._record(Call(method, params, fault.status, self._clock()))
                return fault.response()
            if error is not None:
                raise error
            handler = self._handlers.get(method, self._accept)
            result = await handler(params)
        except _ApiError as exc:
            status, body = exc.status, exc.body()
        else:
            status, body = 200, {"ok": True, "result": result}
        await self._record(
            Call(method, params, status, self._clock(), result, body.get("description"))
        )
        return web.Response(status=status, text=_dumps(body), content_type="application/json")

    async def _record(self, call: Call) -> None:
        self.stats["requests"] += 1
        self.stats[str(call.status)] += 1
        async with self._changed:
            self.calls.append(call)
            self._changed.notify_all()

    async def _notify(self) -> None:
        async with self._changed:
            self._changed.notify_all()

    async def _take_fault(self, method: str) -> _Fault | None:
        delays = self._delays.get(method)
        if delays:
            seconds = delays.pop(0)
            # Wait on the close event rather than sleeping so stop() is never held up.
            with contextlib.suppress(TimeoutError):
                async with asyncio.timeout(seconds):
                    await self._closed.wait()
        faults = self._faults.get(method)
        return faults.pop(0) if faults else None

    def _require_method(self, method: str) -> str:
        name = canonical_method(method)
        if name is None:
            raise ValueError(f"{method!r} is not a Bot API method")
        return name

    async def _handle_control(self, request: web.Request) -> web.StreamResponse:
        action = request.path.removeprefix("/_control/")
        if request.method == "POST" and action == "push_update":
            update = await request.json()
            if not isinstance(update, dict):
                return web.json_response({"error": "an update must be an object"}, status=400)
            return web.json_response({"update_id": self.push_update(update)})
        if request.method == "POST" and action == "block_chat":
            payload = await request.json()
            self.block_chat(int(payload["chat_id"]))
            return web.json_response({"ok": True})
        if request.method == "POST" and action in _CONTROL_SETUP:
            payload = await request.json()
            if not isinstance(payload, dict):
                return web.json_response({"error": "the arguments must be an object"}, status=400)
            try:
                result = _CONTROL_SETUP[action](self, **payload)
            except (TypeError, ValueError) as exc:
                return web.json_response({"error": str(exc)}, status=400)
            return web.json_response({"result": result})
        if request.method == "GET" and action == "calls":
            calls = [c.as_json() for c in self.calls]
            return web.Response(text=_dumps(calls), content_type="application/json")
        if request.method == "GET" and action == "pending":
            return web.json_response([u["update_id"] for u in self._queue])
        return web.json_response({"error": f"unknown control action {action!r}"}, status=404)

    # ---- chats, messages, limits -----------------------------------------------------------

    def _chat_state(self, chat_id: int) -> _ChatState:
        state = self._chats.get(chat_id)
        if state is None:
            if chat_id > 0:
                chat: dict[str, Any] = {"id": chat_id, "type": "private", "first_name": "Test"}
            else:
                chat = {"id": chat_id, "type": "supergroup", "title": "Test group"}
            state = self._chats[chat_id] = _ChatState(chat=chat)
        return state

    def _resolve_chat(self, value: Any, *, sending: bool) -> int:
        if not isinstance(value, int) or value == 0:
            # "@username" chats would need a directory of usernames the bot never uses.
            raise _chat_not_found()
        if value in self.forgotten_chats:
            raise _chat_not_found()
        if sending and value in self.blocked_chats:
            raise _ApiError(403, "Forbidden: bot was blocked by the user")
        state = self._chats.get(value)
        if sending and state is not None and state.registered:
            status = self._bot_member(state)["status"]
            if status == "left":
                raise _ApiError(403, "Forbidden: bot is not a member of the supergroup chat")
            if status == "kicked":
                raise _ApiError(403, "Forbidden: bot was kicked from the supergroup chat")
        return value

    def _remember_incoming(self, message: dict[str, Any]) -> None:
        chat = message.get("chat")
        if not isinstance(chat, dict) or not isinstance(chat.get("id"), int):
            return
        chat_id = chat["id"]
        self.forgotten_chats.discard(chat_id)
        state = self._chat_state(chat_id)
        if state.registered:
            thread = message.get("message_thread_id")
            topic = state.topics.get(thread) if isinstance(thread, int) else None
            if state.is_forum and thread is not None and (topic is None or topic.deleted):
                raise ValueError(
                    f"forum {chat_id} has no topic {thread}; make it with createForumTopic or "
                    "add_forum_topic first"
                )
            # The chat as the test registered it (title, is_forum), as Telegram would send it.
            message["chat"] = copy.deepcopy(state.chat)
        else:
            state.chat = copy.deepcopy(chat)
        if message.get("message_id") is None:
            message["message_id"] = self.next_message_id(chat_id)
            # Keep the usual key order of Telegram's JSON (message_id first) for readable dumps.
            reordered = {"message_id": message.pop("message_id"), **message}
            message.clear()
            message.update(reordered)
        else:
            state.last_message_id = max(state.last_message_id, int(message["message_id"]))
        state.messages[int(message["message_id"])] = copy.deepcopy(message)

    def _callback_message(self, message: dict[str, Any]) -> dict[str, Any]:
        chat_id = message.get("chat", {}).get("id")
        stored = self.message(chat_id, message.get("message_id", 0)) if chat_id else None
        if stored is not None and "text" not in message and "caption" not in message:
            return stored
        state = self._chats.get(chat_id) if chat_id else None
        if state is not None and state.registered:
            message["chat"] = copy.deepcopy(state.chat)
        return message

    def _check_rate(
        self, method: str, chat_id: int, params: Mapping[str, Any], *, edit: bool = False
    ) -> None:
        """Take a token from each flood limit that applies, or answer 429 with retry_after.

        Sent messages count against all three limits. Edits (``edit=True``) count only against
        the per-group one: Telegram publishes no limit for edits, but a bot that keeps editing a
        message in a group (a live queue message) gets 429 like one that keeps sending, so the
        fake assumes edits share the group's 20 per minute. Edits in private chats stay free.
        """
        now = self._clock()
        buckets: list[_TokenBucket] = []
        paid = bool(params.get("allow_paid_broadcast"))
        if self.global_rate is not None and not edit and not paid:
            if self._global_bucket is None:
                self._global_bucket = _TokenBucket.full(self.global_rate, self.global_burst, now)
            buckets.append(self._global_bucket)
        if self.paid_rate is not None and not edit and paid:
            # "up to 1000 messages per second" for paid broadcasts (sendMessage's docs)
            if self._paid_bucket is None:
                self._paid_bucket = _TokenBucket.full(self.paid_rate, self.paid_burst, now)
            buckets.append(self._paid_bucket)
        if self.per_chat_rate is not None and not edit:
            bucket = self._chat_buckets.get(chat_id)
            if bucket is None:
                bucket = _TokenBucket.full(self.per_chat_rate, self.per_chat_burst, now)
                self._chat_buckets[chat_id] = bucket
            buckets.append(bucket)
        if self.group_rate_per_minute is not None and chat_id < 0:
            bucket = self._group_buckets.get(chat_id)
            if bucket is None:
                rate = self.group_rate_per_minute / 60.0
                burst = (
                    self.group_burst if self.group_burst is not None else self.group_rate_per_minute
                )
                bucket = _TokenBucket.full(rate, burst, now)
                self._group_buckets[chat_id] = bucket
            buckets.append(bucket)
        wait = max((b.wait(now) for b in buckets), default=0.0)
        if wait > 0:
            retry_after = max(1, math.ceil(wait))
            raise _ApiError(
                429,
                f"Too Many Requests: retry after {retry_after}",
                {"retry_after": retry_after},
            )
        for bucket in buckets:
            bucket.take()

    def _format(
        self,
        text: str,
        parse_mode: Any,
        entities: Any,
        *,
        limit: int,
        too_long: str,
    ) -> tuple[str, list[dict[str, Any]]]:
        mode = str(parse_mode or "").lower()
        try:
            if mode == "html":
                plain, found = parse_html(text, strict_ampersand=self.strict_html)
            elif mode == "markdownv2":
                plain, found = parse_markdown_v2(text)
            elif mode in ("", "none"):
                plain, found = text, list(entities or [])
            elif mode == "markdown":
                raise _bad_request(
                    'unsupported parse_mode "Markdown" in the test double; the bot uses HTML'
                )
            else:
                raise _bad_request("unsupported parse_mode")
        except EntityParseError as exc:
            raise _bad_request(f"can't parse entities: {exc}") from None
        plain, found = _trim_formatted(plain, found)
        if utf16_len(plain) > limit:
            raise _bad_request(too_long)
        return plain, found

    def _text_content(self, params: Mapping[str, Any]) -> dict[str, Any]:
        text, entities = self._format(
            str(params.get("text", "")),
            params.get("parse_mode"),
            params.get("entities"),
            limit=_MAX_TEXT,
            too_long="message is too long",
        )
        if not text:
            raise _bad_request("message text is empty")
        content: dict[str, Any] = {"text": text}
        if entities:
            content["entities"] = entities
        return content

    def _caption_content(self, params: Mapping[str, Any]) -> dict[str, Any]:
        if "caption" not in params:
            return {}
        caption, entities = self._format(
            str(params["caption"]),
            params.get("parse_mode"),
            params.get("caption_entities"),
            limit=_MAX_CAPTION,
            too_long="message caption is too long",
        )
        content: dict[str, Any] = {}
        if caption:
            content["caption"] = caption
        if entities:
            content["caption_entities"] = entities
        return content

    def _markup(self, params: Mapping[str, Any]) -> dict[str, Any] | None:
        markup = params.get("reply_markup")
        if not isinstance(markup, dict):
            return None
        _check_reply_markup(markup)
        return markup

    def _new_message(
        self,
        chat_id: int,
        content: Mapping[str, Any],
        params: Mapping[str, Any],
        *,
        thread_id: int | None = None,
    ) -> dict[str, Any]:
        """Store a message the bot sends; ``thread_id`` is its forum topic (from _send_thread)."""
        state = self._chat_state(chat_id)
        reply = self._reply_to(chat_id, params)
        message: dict[str, Any] = {
            "message_id": self.next_message_id(chat_id),
            "from": self.bot_user,
            "chat": copy.deepcopy(state.chat),
            "date": int(time.time()),
        }
        if thread_id is not None:
            message["message_thread_id"] = thread_id
        if reply is not None:
            message["reply_to_message"] = reply
        message.update(copy.deepcopy(dict(content)))
        if thread_id is not None:
            message["is_topic_message"] = True
        if params.get("protect_content"):
            message["has_protected_content"] = True
        markup = params.get("reply_markup")
        if isinstance(markup, dict) and "inline_keyboard" in markup:
            # Telegram echoes only inline keyboards; reply keyboards live in the client.
            message["reply_markup"] = copy.deepcopy(markup)
        state.messages[message["message_id"]] = message
        return copy.deepcopy(message)

    def _registered(self, chat_id: int) -> _ChatState:
        state = self._chats.get(chat_id)
        if state is None or not state.registered:
            raise ValueError(f"chat {chat_id} is not registered; call add_forum_group first")
        return state

    def _member(
        self,
        user: Mapping[str, Any],
        status: str,
        rights: Mapping[str, bool] | None,
        custom_title: str | None = None,
    ) -> dict[str, Any]:
        """A ChatMember dict of a supergroup (the spec's fields for each status)."""
        if rights is not None and status != "administrator":
            raise ValueError(f"only administrators have rights, not a {status!r}")
        member: dict[str, Any] = {"status": status, "user": copy.deepcopy(dict(user))}
        if status == "creator":
            member["is_anonymous"] = False
        elif status == "administrator":
            names = _admin_right_names()
            unknown = sorted(set(rights or {}) - set(names))
            if unknown:
                raise ValueError(f"not a right of ChatMemberAdministrator: {', '.join(unknown)}")
            if rights is None:
                granted = {name: name in _DEFAULT_ADMIN_RIGHTS for name in names}
            else:
                granted = {
                    name: bool(rights.get(name, name == "can_manage_chat")) for name in names
                }
            if rights is None or "can_manage_tags" not in rights:
                # "If omitted defaults to the value of can_pin_messages" (the spec).
                granted["can_manage_tags"] = granted["can_pin_messages"]
            member["can_be_edited"] = False
            member.update(
                (name, value) for name, value in granted.items() if name not in _CHANNEL_ONLY_RIGHTS
            )
            # aiogram 3.31 cannot parse a ChatMemberAdministrator without this field, which the
            # 10.1 description does not list (the default bot member carries it for that reason).
            member["can_send_welcome_messages"] = False
        elif status == "kicked":
            member["until_date"] = 0
        elif status not in ("member", "left"):
            raise ValueError(
                f"status must be creator, administrator, member, left or kicked, got {status!r}"
            )
        if custom_title and status in ("creator", "administrator"):
            member["custom_title"] = custom_title
        return member

    def _default_bot_member(self) -> dict[str, Any]:
        """The bot in a group no test registered: an administrator of a plain supergroup."""
        rights = {
            "can_be_edited": False,
            "is_anonymous": False,
            "can_manage_chat": True,
            "can_delete_messages": True,
            "can_manage_video_chats": False,
            "can_restrict_members": True,
            "can_promote_members": False,
            "can_change_info": False,
            "can_invite_users": True,
            "can_post_stories": False,
            "can_edit_stories": False,
            "can_delete_stories": False,
            "can_send_welcome_messages": False,
            "can_pin_messages": True,
            "can_manage_topics": False,
        }
        return {"status": "administrator", "user": self.bot_user, **rights}

    def _bot_member(self, state: _ChatState) -> dict[str, Any]:
        if state.registered and self.bot_id in state.members:
            return state.members[self.bot_id]
        return self._default_bot_member()

    def _bot_can(self, state: _ChatState, right: str) -> bool:
        """Whether the bot has an administrator right in a group (creators have them all)."""
        member = self._bot_member(state)
        if member["status"] == "creator":
            return True
        return member["status"] == "administrator" and bool(member.get(right))

    def _send_thread(self, chat_id: int, params: Mapping[str, Any]) -> int | None:
        """The forum topic a new message goes to; None is no topic (General, or not a forum).

        Follows telegram-bot-api (Client::check_message_topic): a message_thread_id of 0 or less
        means none; in a supergroup that is not a forum it is ignored and the message lands in
        the chat as usual; in a forum, General (1) and unknown or deleted topics are refused with
        "message thread not found", and so is any thread in a private chat (bots' topic mode in
        private chats is not modelled).

        A closed topic refuses the message with "TOPIC_CLOSED" (the server's error, as bots see
        it) unless the bot created the topic or has can_manage_topics. That is the rule TDLib
        applies for users before sending (ForumTopicManager::can_send_message_to_forum_topic);
        for bots TDLib leaves the check to the server, which the fake assumes applies the same
        rule (bot developers report that an administrator bot can post in a closed topic). The
        fake does not check that a member may send at all (restricted members, slow mode).
        """
        thread = params.get("message_thread_id")
        if not isinstance(thread, int) or thread <= 0:
            return None
        if chat_id > 0:
            raise _bad_request("message thread not found")
        state = self._chat_state(chat_id)
        if not state.is_forum:
            return None
        topic = state.topics.get(thread)
        if topic is None or topic.deleted:
            raise _bad_request("message thread not found")
        if (
            topic.closed
            and topic.created_by != self.bot_id
            and not self._bot_can(state, "can_manage_topics")
        ):
            raise _bad_request("TOPIC_CLOSED")
        return thread

    def _open_topic(
        self, chat_id: int, name: str, icon_color: int, creator: Mapping[str, Any], emoji: str
    ) -> _Topic:
        """Create a topic and its forum_topic_created message, whose id is the thread id."""
        state = self._chat_state(chat_id)
        thread_id = self.next_message_id(chat_id)
        topic = _Topic(thread_id, name, icon_color, int(creator["id"]), emoji)
        created: dict[str, Any] = {"name": name, "icon_color": icon_color}
        if emoji:
            created["icon_custom_emoji_id"] = emoji
        state.topics[thread_id] = topic
        state.messages[thread_id] = {
            "message_id": thread_id,
            "message_thread_id": thread_id,
            "from": copy.deepcopy(dict(creator)),
            "chat": copy.deepcopy(state.chat),
            "date": int(time.time()),
            "is_topic_message": True,
            "forum_topic_created": created,
        }
        return topic

    def _service_message(
        self, chat_id: int, thread_id: int | None, content: Mapping[str, Any]
    ) -> None:
        """Store a service message the bot's action makes (topic closed, message pinned, ...)."""
        self._new_message(chat_id, content, {}, thread_id=thread_id)

    def _forum(self, params: Mapping[str, Any]) -> tuple[int, _ChatState]:
        chat_id = self._resolve_chat(params["chat_id"], sending=True)
        state = self._chat_state(chat_id)
        if not state.is_forum:
            raise _bad_request("the chat is not a forum")
        return chat_id, state

    def _managed_topic(self, state: _ChatState, params: Mapping[str, Any]) -> _Topic:
        """The topic a topic method addresses. Unknown and deleted topics get TOPIC_ID_INVALID
        from Telegram's server. General (1) is managed by the *GeneralForumTopic methods, which
        the fake does not model, so it is unknown here."""
        thread = int(params["message_thread_id"])
        if thread <= 0:
            raise _bad_request("invalid forum topic identifier specified")
        topic = state.topics.get(thread)
        if topic is None or topic.deleted:
            raise _bad_request("TOPIC_ID_INVALID")
        return topic

    def _reply_to(self, chat_id: int, params: Mapping[str, Any]) -> dict[str, Any] | None:
        reply = params.get("reply_parameters")
        if not isinstance(reply, dict):
            return None
        target_chat = reply.get("chat_id", chat_id)
        found = None
        if isinstance(target_chat, int):
            found = self.message(target_chat, int(reply["message_id"]))
        if found is None:
            if reply.get("allow_sending_without_reply"):
                return None
            raise _bad_request("message to be replied not found")
        found.pop("reply_to_message", None)
        return found

    def _stored(self, chat_id: int, message_id: int, missing: str) -> dict[str, Any]:
        state = self._chats.get(chat_id)
        message = state.messages.get(message_id) if state else None
        if message is None:
            raise _bad_request(missing)
        return message

    def _file(self, params: Mapping[str, Any], key: str, kind: str) -> dict[str, Any]:
        value = params.get(key)
        number = next(self._file_ids)
        meta: dict[str, Any] = {
            "file_id": f"{kind}-file-{number}",
            "file_unique_id": f"{kind}-unique-{number}",
        }
        if isinstance(value, str) and not value.startswith(("http://", "https://", "attach://")):
            meta["file_id"] = value  # a file sent again by its file_id keeps that id
        elif isinstance(value, UploadedFile):
            meta["file_size"] = len(value.data)
            if kind == "document":
                meta.update(file_name=value.filename, mime_type=value.content_type)
        return meta

    def _media_content(self, method: str, params: Mapping[str, Any]) -> dict[str, Any]:
        if method == "sendPhoto":
            return {"photo": [{**self._file(params, "photo", "photo"), "width": 90, "height": 90}]}
        if method == "sendDocument":
            return {"document": self._file(params, "document", "document")}
        if method == "sendSticker":
            sticker = self._file(params, "sticker", "sticker")
            sticker.update(type="regular", width=512, height=512, is_animated=False, is_video=False)
            return {"sticker": sticker}
        if method == "sendVoice":
            return {"voice": {**self._file(params, "voice", "voice"), "duration": 1}}
        if method == "sendAudio":
            return {"audio": {**self._file(params, "audio", "audio"), "duration": 1}}
        if method in ("sendVideo", "sendAnimation"):
            key = "video" if method == "sendVideo" else "animation"
            media = {**self._file(params, key, key), "width": 320, "height": 240, "duration": 1}
            return {key: media}
        if method == "sendVideoNote":
            note = {**self._file(params, "video_note", "video_note"), "length": 240, "duration": 1}
            return {"video_note": note}
        if method == "sendLocation":
            location = {"latitude": params["latitude"], "longitude": params["longitude"]}
            return {"location": location}
        if method == "sendContact":
            return {
                "contact": {
                    "phone_number": params["phone_number"],
                    "first_name": params["first_name"],
                }
            }
        if method == "sendDice":
            return {"dice": {"emoji": params.get("emoji", "🎲"), "value": 1}}
        return {}

    # ---- method handlers -------------------------------------------------------------------

    async def _accept(self, params: dict[str, Any]) -> Any:
        return True

    async def _get_me(self, params: dict[str, Any]) -> Any:
        return {
            **self.bot_user,
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": False,
            "can_connect_to_business": False,
            "has_main_web_app": False,
        }

    async def _get_updates(self, params: dict[str, Any]) -> Any:
        if self.webhook_url:
            raise _ApiError(
                409,
                "Conflict: can't use getUpdates method while webhook is active; "
                "use deleteWebhook to delete the webhook first",
            )
        offset = int(params.get("offset", 0))
        limit = min(100, max(1, int(params.get("limit", 100))))
        timeout = max(0.0, float(params.get("timeout", 0)))
        self._confirm(offset)
        self._poll_generation += 1
        generation = self._poll_generation
        # A newer getUpdates supersedes a waiting one, which then gets 409 as in Telegram.
        self._signal_updates()
        deadline = asyncio.get_running_loop().time() + timeout
        while True:
            if generation != self._poll_generation:
                raise _ApiError(
                    409,
                    "Conflict: terminated by other getUpdates request; "
                    "make sure that only one bot instance is running",
                )
            batch = [u for u in self._queue if u["update_id"] >= offset][:limit]
            remaining = deadline - asyncio.get_running_loop().time()
            if batch or self._closing or remaining <= 0:
                return copy.deepcopy(batch)
            event = self._updates_event
            self.waiting_long_polls += 1
            await self._notify()
            try:
                with contextlib.suppress(TimeoutError):
                    async with asyncio.timeout(remaining):
                        await event.wait()
            finally:
                self.waiting_long_polls -= 1

    def _confirm(self, offset: int) -> None:
        if offset < 0:
            keep = self._queue[offset:]
            dropped = self._queue[: len(self._queue) - len(keep)]
        else:
            keep = [u for u in self._queue if u["update_id"] >= offset]
            dropped = [u for u in self._queue if u["update_id"] < offset]
        self.confirmed_update_ids.update(int(u["update_id"]) for u in dropped)
        self._queue = keep

    def _signal_updates(self) -> None:
        # Swap in a fresh event so every waiter wakes once and re-checks the queue.
        event, self._updates_event = self._updates_event, asyncio.Event()
        event.set()

    async def _set_webhook(self, params: dict[str, Any]) -> Any:
        url = str(params["url"])
        if url and not url.startswith("https://"):
            raise _bad_request("bad webhook: An HTTPS URL must be provided for webhook")
        self.webhook_url = url
        if params.get("drop_pending_updates"):
            self._confirm(self._last_update_id + 1)
        return True

    async def _delete_webhook(self, params: dict[str, Any]) -> Any:
        self.webhook_url = ""
        if params.get("drop_pending_updates"):
            self._confirm(self._last_update_id + 1)
        return True

    async def _get_webhook_info(self, params: dict[str, Any]) -> Any:
        return {
            "url": self.webhook_url,
            "has_custom_certificate": False,
            "pending_update_count": len(self._queue),
        }

    async def _send_message(self, params: dict[str, Any]) -> Any:
        chat_id = self._resolve_chat(params["chat_id"], sending=True)
        content = self._text_content(params)
        self._markup(params)
        thread_id = self._send_thread(chat_id, params)
        self._check_rate("sendMessage", chat_id, params)
        return self._new_message(chat_id, content, params, thread_id=thread_id)

    async def _send_other(self, method: str, params: dict[str, Any]) -> Any:
        chat_id = self._resolve_chat(params["chat_id"], sending=True)
        content = {**self._media_content(method, params), **self._caption_content(params)}
        self._markup(params)
        thread_id = self._send_thread(chat_id, params)
        self._check_rate(method, chat_id, params)
        return self._new_message(chat_id, content, params, thread_id=thread_id)

    async def _send_media_group(self, params: dict[str, Any]) -> Any:
        chat_id = self._resolve_chat(params["chat_id"], sending=True)
        media = params["media"]
        if not 2 <= len(media) <= 10:
            raise _bad_request("wrong number of media files specified: must be 2-10")
        contents: list[dict[str, Any]] = []
        for item in media:
            kind = str(item["type"])
            method = {"photo": "sendPhoto", "video": "sendVideo", "audio": "sendAudio"}.get(
                kind, "sendDocument"
            )
            content = self._media_content(method, {kind: item.get("media")})
            content.update(self._caption_content(item))
            contents.append(content)
        thread_id = self._send_thread(chat_id, params)
        self._check_rate("sendMediaGroup", chat_id, params)
        group_id = str(next(self._file_ids))
        return [
            self._new_message(
                chat_id, {**content, "media_group_id": group_id}, params, thread_id=thread_id
            )
            for content in contents
        ]

    def _edit_target(self, params: Mapping[str, Any]) -> tuple[int, dict[str, Any]] | None:
        """The stored message an edit addresses, or None for an inline message."""
        if params.get("inline_message_id"):
            return None
        if "chat_id" not in params:
            raise _bad_request('parameter "chat_id" is required')
        if "message_id" not in params:
            raise _bad_request("message identifier is not specified")
        chat_id = self._resolve_chat(params["chat_id"], sending=True)
        message = self._stored(chat_id, int(params["message_id"]), "message to edit not found")
        if message.get("from", {}).get("id") != self.bot_id:
            raise _bad_request("message can't be edited")
        return chat_id, message

    def _apply_edit(
        self,
        target: tuple[int, dict[str, Any]],
        content: Mapping[str, Any],
        params: Mapping[str, Any],
        replaced: Iterable[str] = (),
    ) -> dict[str, Any]:
        """Edit a stored message in place; ``replaced`` keys not in ``content`` are removed.

        The message keeps its topic. Edits in a closed topic are allowed: nothing known says
        Telegram refuses them, and the bot edits only its own messages.
        """
        chat_id, message = target
        updated = {k: v for k, v in message.items() if k not in {*replaced, "reply_markup"}}
        updated.update(copy.deepcopy(dict(content)))
        markup = params.get("reply_markup")
        # An edit without reply_markup removes the inline keyboard, as in Telegram.
        if isinstance(markup, dict) and "inline_keyboard" in markup:
            updated["reply_markup"] = copy.deepcopy(markup)
        before = {k: v for k, v in message.items() if k != "edit_date"}
        if {k: v for k, v in updated.items() if k != "edit_date"} == before:
            raise _bad_request(
                "message is not modified: specified new message content and reply markup are "
                "exactly the same as a current content and reply markup of the message"
            )
        self._check_rate("edit", chat_id, params, edit=True)
        updated["edit_date"] = int(time.time())
        message.clear()
        message.update(updated)
        return copy.deepcopy(message)

    async def _edit_message_text(self, params: dict[str, Any]) -> Any:
        if "text" not in params and "rich_message" not in params:
            raise _bad_request("message text is empty")
        content = self._text_content(params) if "text" in params else {}
        self._markup(params)
        target = self._edit_target(params)
        if target is None:
            return True
        if "text" not in target[1]:
            raise _bad_request("there is no text in the message to edit")
        replaced = ("text", "entities") if content else ()
        return self._apply_edit(target, content, params, replaced)

    async def _edit_message_caption(self, params: dict[str, Any]) -> Any:
        content = self._caption_content({"caption": "", **params})
        self._markup(params)
        target = self._edit_target(params)
        if target is None:
            return True
        if "text" in target[1]:
            raise _bad_request("there is no caption in the message to edit")
        return self._apply_edit(target, content, params, ("caption", "caption_entities"))

    async def _edit_message_reply_markup(self, params: dict[str, Any]) -> Any:
        self._markup(params)
        target = self._edit_target(params)
        if target is None:
            return True
        return self._apply_edit(target, {}, params)

    async def _edit_message_other(self, params: dict[str, Any]) -> Any:
        self._markup(params)
        target = self._edit_target(params)
        if target is None:
            return True
        chat_id, message = target
        self._check_rate("edit", chat_id, params, edit=True)
        message["edit_date"] = int(time.time())
        return copy.deepcopy(message)

    async def _delete_message(self, params: dict[str, Any]) -> Any:
        chat_id = self._resolve_chat(params["chat_id"], sending=False)
        message_id = int(params["message_id"])
        self._stored(chat_id, message_id, "message to delete not found")
        del self._chats[chat_id].messages[message_id]
        return True

    async def _delete_messages(self, params: dict[str, Any]) -> Any:
        chat_id = self._resolve_chat(params["chat_id"], sending=False)
        ids = params["message_ids"]
        if not 1 <= len(ids) <= 100:
            raise _bad_request("message_ids must contain 1-100 message identifiers")
        state = self._chats.get(chat_id)
        for message_id in ids:
            if state is not None:
                state.messages.pop(int(message_id), None)
        return True

    def _source(self, params: Mapping[str, Any], message_id: int, verb: str) -> dict[str, Any]:
        from_chat = self._resolve_chat(params["from_chat_id"], sending=False)
        return self._stored(from_chat, message_id, f"message to {verb} not found")

    def _copied(self, source: Mapping[str, Any]) -> dict[str, Any]:
        """The content of a copy or forward: no sender, reply, topic, keyboard or forward header."""
        return {k: copy.deepcopy(source[k]) for k in _MEDIA_KEYS if k in source}

    @staticmethod
    def _can_copy(source: Mapping[str, Any]) -> bool:
        return not (_service_keys() | _NOT_COPYABLE_KEYS) & source.keys()

    async def _copy_message(self, params: dict[str, Any]) -> Any:
        chat_id = self._resolve_chat(params["chat_id"], sending=True)
        # The new caption is parsed (and refused when malformed or too long) before anything else.
        caption = self._caption_content(params)
        source = self._source(params, int(params["message_id"]), "copy")
        if not self._can_copy(source):
            raise _bad_request("the message can't be copied")
        content = self._copied(source)
        # A new caption replaces the old one; on a text, sticker, video note, location or contact
        # Telegram has nowhere to put it and drops it.
        if "caption" in params and _CAPTIONED_KEYS & content.keys():
            for key in ("caption", "caption_entities"):
                content.pop(key, None)
            content.update(caption)
        self._markup(params)
        thread_id = self._send_thread(chat_id, params)
        self._check_rate("copyMessage", chat_id, params)
        message = self._new_message(chat_id, content, params, thread_id=thread_id)
        return {"message_id": message["message_id"]}

    async def _copy_messages(self, params: dict[str, Any]) -> Any:
        return await self._copy_or_forward_many(params, "copy")

    async def _forward_message(self, params: dict[str, Any]) -> Any:
        chat_id = self._resolve_chat(params["chat_id"], sending=True)
        source = self._source(params, int(params["message_id"]), "forward")
        if not self._can_forward(source):
            raise _bad_request("the message can't be forwarded")
        content = self._copied(source)
        content["forward_origin"] = self._origin(source)
        thread_id = self._send_thread(chat_id, params)
        self._check_rate("forwardMessage", chat_id, params)
        return self._new_message(chat_id, content, params, thread_id=thread_id)

    def _can_forward(self, source: Mapping[str, Any]) -> bool:
        # Bots may copy protected messages but not forward them (TDLib's can_forward_message).
        return self._can_copy(source) and not source.get("has_protected_content")

    async def _forward_messages(self, params: dict[str, Any]) -> Any:
        return await self._copy_or_forward_many(params, "forward")

    async def _copy_or_forward_many(self, params: dict[str, Any], verb: str) -> Any:
        chat_id = self._resolve_chat(params["chat_id"], sending=True)
        from_chat = self._resolve_chat(params["from_chat_id"], sending=False)
        state = self._chats.get(from_chat)
        allowed = self._can_forward if verb == "forward" else self._can_copy
        # Messages that are gone or cannot be copied or forwarded are skipped, as in Telegram.
        sources = [
            state.messages[int(i)]
            for i in params["message_ids"]
            if state is not None and int(i) in state.messages and allowed(state.messages[int(i)])
        ]
        if not sources:
            raise _bad_request(f"there are no messages to {verb}")
        thread_id = self._send_thread(chat_id, params)
        self._check_rate(f"{verb}Messages", chat_id, params)
        options = {"protect_content": params.get("protect_content")}
        ids: list[dict[str, Any]] = []
        for source in sources:
            content = self._copied(source)
            if verb == "forward":
                content["forward_origin"] = self._origin(source)
            elif params.get("remove_caption"):
                content.pop("caption", None)
                content.pop("caption_entities", None)
            message = self._new_message(chat_id, content, options, thread_id=thread_id)
            ids.append({"message_id": message["message_id"]})
        return ids

    def _origin(self, source: Mapping[str, Any]) -> dict[str, Any]:
        sender = source.get("from")
        if isinstance(sender, dict):
            return {"type": "user", "date": source["date"], "sender_user": sender}
        return {"type": "hidden_user", "date": source["date"], "sender_user_name": "Test"}

    async def _send_chat_action(self, params: dict[str, Any]) -> Any:
        self._resolve_chat(params["chat_id"], sending=True)
        if params["action"] not in _CHAT_ACTIONS:
            raise _bad_request("wrong parameter action in request")
        return True

    async def _answer_callback_query(self, params: dict[str, Any]) -> Any:
        query_id = str(params["callback_query_id"])
        # Known: pushed to this fake, or built by callback_update() for a test that feeds the
        # dispatcher directly. Unknown ids and second answers fail, as in Telegram.
        answered = self._callback_queries.get(query_id, query_id not in _issued_callback_ids)
        if answered:
            raise _bad_request(
                "query is too old and response timeout expired or query ID is invalid"
            )
        if len(str(params.get("text", ""))) > _MAX_CALLBACK_ANSWER:
            raise _bad_request("MESSAGE_TOO_LONG")
        self._callback_queries[query_id] = True
        return True

    def _scope_key(self, params: Mapping[str, Any]) -> tuple[str, str]:
        scope = params.get("scope") or {"type": "default"}
        return _dumps(scope), str(params.get("language_code", ""))

    async def _set_my_commands(self, params: dict[str, Any]) -> Any:
        commands = params["commands"]
        if len(commands) > 100:
            raise _bad_request("BOT_COMMANDS_TOO_MUCH")
        for command in commands:
            if not _COMMAND_RE.fullmatch(command["command"]):
                raise _bad_request("BOT_COMMAND_INVALID")
            if not 1 <= len(command["description"].strip()) <= 256:
                raise _bad_request("BOT_COMMAND_DESCRIPTION_INVALID")
        self.commands[self._scope_key(params)] = copy.deepcopy(commands)
        return True

    async def _get_my_commands(self, params: dict[str, Any]) -> Any:
        return copy.deepcopy(self.commands.get(self._scope_key(params), []))

    async def _delete_my_commands(self, params: dict[str, Any]) -> Any:
        self.commands.pop(self._scope_key(params), None)
        return True

    def _set_bot_text(self, params: Mapping[str, Any], key: str, limit: int) -> Any:
        value = str(params.get(key, ""))
        if len(value) > limit:
            raise _bad_request(f"{key.replace('_', ' ')} is too long (at most {limit} characters)")
        self.bot_texts[key, str(params.get("language_code", ""))] = value
        return True

    def _get_bot_text(self, params: Mapping[str, Any], key: str, default: str = "") -> Any:
        language = str(params.get("language_code", ""))
        value = self.bot_texts.get((key, language), self.bot_texts.get((key, ""), default))
        return {key: value}

    async def _set_my_description(self, params: dict[str, Any]) -> Any:
        return self._set_bot_text(params, "description", 512)

    async def _get_my_description(self, params: dict[str, Any]) -> Any:
        return self._get_bot_text(params, "description")

    async def _set_my_short_description(self, params: dict[str, Any]) -> Any:
        return self._set_bot_text(params, "short_description", 120)

    async def _get_my_short_description(self, params: dict[str, Any]) -> Any:
        return self._get_bot_text(params, "short_description")

    async def _set_my_name(self, params: dict[str, Any]) -> Any:
        return self._set_bot_text(params, "name", 64)

    async def _get_my_name(self, params: dict[str, Any]) -> Any:
        return self._get_bot_text(params, "name", self.bot_first_name)

    async def _get_chat(self, params: dict[str, Any]) -> Any:
        chat_id = self._resolve_chat(params["chat_id"], sending=False)
        return {
            **copy.deepcopy(self._chat_state(chat_id).chat),
            "accent_color_id": 0,
            "max_reaction_count": 11,
            "accepted_gift_types": {
                "unlimited_gifts": False,
                "limited_gifts": False,
                "unique_gifts": False,
                "premium_subscription": False,
                "gifts_from_channels": False,
            },
        }

    async def _get_chat_member(self, params: dict[str, Any]) -> Any:
        chat_id = self._resolve_chat(params["chat_id"], sending=False)
        user_id = int(params["user_id"])
        state = self._chats.get(chat_id)
        user = {"id": user_id, "is_bot": False, "first_name": "Test"}
        if state is not None and state.registered:
            # Someone the test did not add has never joined (or has left) the group.
            found = state.members.get(user_id, {"status": "left", "user": user})
            return copy.deepcopy(found)
        if user_id == self.bot_id:
            return self._default_bot_member()
        return {"status": "member", "user": user}

    async def _get_chat_administrators(self, params: dict[str, Any]) -> Any:
        chat_id = self._resolve_chat(params["chat_id"], sending=False)
        if chat_id > 0:
            raise _bad_request("there are no administrators in the private chat")
        state = self._chat_state(chat_id)
        if not state.registered:
            return [self._default_bot_member()]
        admins = [
            m
            for m in state.members.values()
            if m["status"] in ("creator", "administrator")
            # "By default, bots other than the current bot are omitted."
            and (
                params.get("return_bots")
                or not m["user"].get("is_bot")
                or m["user"]["id"] == self.bot_id
            )
        ]
        admins.sort(key=lambda m: m["status"] != "creator")
        return copy.deepcopy(admins)

    # ---- forum topics and pins -------------------------------------------------------------

    async def _create_forum_topic(self, params: dict[str, Any]) -> Any:
        chat_id, state = self._forum(params)
        # Administrators need can_manage_topics. Members whom the group's permissions let create
        # topics may too in Telegram; the fake does not model group permissions.
        if not self._bot_can(state, "can_manage_topics"):
            raise _bad_request("not enough rights to create a topic")
        name = _topic_name(params.get("name", ""))
        icon_color = params.get("icon_color", _TOPIC_ICON_COLORS[0])
        if icon_color not in _TOPIC_ICON_COLORS:
            raise _bad_request(
                "invalid icon color specified (the test double accepts only the colours the Bot "
                "API documents; Telegram's own answer to others is not known)"
            )
        emoji = str(params.get("icon_custom_emoji_id", ""))
        topic = self._open_topic(chat_id, name, icon_color, self.bot_user, emoji)
        return topic.forum_topic()

    async def _edit_forum_topic(self, params: dict[str, Any]) -> Any:
        chat_id, state = self._forum(params)
        topic = self._managed_topic(state, params)
        if topic.created_by != self.bot_id and not self._bot_can(state, "can_manage_topics"):
            raise _bad_request("not enough rights to edit the topic")
        # An empty or missing name keeps the current one (the spec), as does a missing icon.
        new_name = str(params.get("name", ""))
        name = _topic_name(new_name) if new_name else topic.name
        if not new_name and "icon_custom_emoji_id" not in params:
            return True
        emoji = str(params.get("icon_custom_emoji_id", topic.icon_custom_emoji_id))
        if (name, emoji) == (topic.name, topic.icon_custom_emoji_id):
            raise _bad_request("TOPIC_NOT_MODIFIED")
        edited: dict[str, Any] = {}
        if name != topic.name:
            edited["name"] = name
        if emoji != topic.icon_custom_emoji_id:
            edited["icon_custom_emoji_id"] = emoji
        topic.name, topic.icon_custom_emoji_id = name, emoji
        self._service_message(chat_id, topic.thread_id, {"forum_topic_edited": edited})
        return True

    async def _close_forum_topic(self, params: dict[str, Any]) -> Any:
        return self._set_topic_closed(params, closed=True)

    async def _reopen_forum_topic(self, params: dict[str, Any]) -> Any:
        return self._set_topic_closed(params, closed=False)

    def _set_topic_closed(self, params: Mapping[str, Any], *, closed: bool) -> bool:
        chat_id, state = self._forum(params)
        topic = self._managed_topic(state, params)
        if topic.created_by != self.bot_id and not self._bot_can(state, "can_manage_topics"):
            raise _bad_request("not enough rights to close or open the topic")
        if topic.closed == closed:
            # Closing a closed topic or reopening an open one; TDLib hides this only from users.
            raise _bad_request("TOPIC_NOT_MODIFIED")
        topic.closed = closed
        event = "forum_topic_closed" if closed else "forum_topic_reopened"
        self._service_message(chat_id, topic.thread_id, {event: {}})
        return True

    async def _delete_forum_topic(self, params: dict[str, Any]) -> Any:
        _, state = self._forum(params)
        topic = self._managed_topic(state, params)
        if topic.created_by != self.bot_id and not self._bot_can(state, "can_delete_messages"):
            raise _bad_request("not enough rights to delete the topic")
        # The topic goes with all its messages; the thread id is never used again.
        topic.deleted = True
        for message_id, message in list(state.messages.items()):
            if message.get("message_thread_id") == topic.thread_id:
                del state.messages[message_id]
        state.pinned = [i for i in state.pinned if i in state.messages]
        return True

    async def _unpin_all_forum_topic_messages(self, params: dict[str, Any]) -> Any:
        _, state = self._forum(params)
        if not self._bot_can(state, "can_pin_messages"):
            raise _bad_request("not enough rights to manage pinned messages in the chat")
        topic = self._managed_topic(state, params)
        state.pinned = [
            i
            for i in state.pinned
            if state.messages.get(i, {}).get("message_thread_id") != topic.thread_id
        ]
        return True

    def _check_can_pin(self, chat_id: int) -> _ChatState:
        state = self._chat_state(chat_id)
        if chat_id < 0 and not self._bot_can(state, "can_pin_messages"):
            raise _bad_request("not enough rights to manage pinned messages in the chat")
        return state

    async def _pin_chat_message(self, params: dict[str, Any]) -> Any:
        chat_id = self._resolve_chat(params["chat_id"], sending=True)
        message_id = int(params["message_id"])
        message = self._stored(chat_id, message_id, "message to pin not found")
        state = self._check_can_pin(chat_id)
        if message_id in state.pinned:
            state.pinned.remove(message_id)
        state.pinned.append(message_id)
        # Telegram announces the pin with a service message in the pinned message's topic.
        pinned = {k: v for k, v in message.items() if k != "reply_to_message"}
        self._service_message(
            chat_id, message.get("message_thread_id"), {"pinned_message": copy.deepcopy(pinned)}
        )
        return True

    async def _unpin_chat_message(self, params: dict[str, Any]) -> Any:
        chat_id = self._resolve_chat(params["chat_id"], sending=True)
        state = self._check_can_pin(chat_id)
        if "message_id" not in params:
            # Without message_id the most recently pinned message is unpinned.
            if state.pinned:
                state.pinned.pop()
            return True
        message_id = int(params["message_id"])
        self._stored(chat_id, message_id, "message to unpin not found")
        if message_id in state.pinned:
            state.pinned.remove(message_id)
        return True


def _topic_name(raw: Any) -> str:
    name = str(raw).strip()
    if not name:
        raise _bad_request("name must be non-empty")
    if len(name) > _MAX_TOPIC_NAME:
        # Telegram silently cuts a longer name to 128 characters (TDLib's clean_name). A case
        # topic whose name loses its end is our bug, so the fake refuses it.
        raise _bad_request(
            f"topic name is too long: at most {_MAX_TOPIC_NAME} characters, got {len(name)} "
            "(Telegram would cut it; the test double is stricter here)"
        )
    return name


def _topic_info(topic: _Topic) -> dict[str, Any]:
    return {
        **topic.forum_topic(),
        "is_closed": topic.closed,
        "is_deleted": topic.deleted,
        "created_by": topic.created_by,
    }


#: Test controls the standalone mode's /_control API can call with JSON arguments.
_CONTROL_SETUP: Final[dict[str, Callable[..., Any]]] = {
    "add_forum_group": FakeBotApi.add_forum_group,
    "add_group_member": FakeBotApi.add_group_member,
    "add_forum_topic": FakeBotApi.add_forum_topic,
}


# --------------------------------------------------------------------------------------------
# Builders of incoming updates
# --------------------------------------------------------------------------------------------

_callback_ids = itertools.count(1)
_issued_callback_ids: set[str] = set()
_incoming_file_ids = itertools.count(1)


def _user(
    user_id: int, first_name: str, username: str | None, language_code: str | None
) -> dict[str, Any]:
    user: dict[str, Any] = {"id": user_id, "is_bot": False, "first_name": first_name}
    if username:
        user["username"] = username
    if language_code:
        user["language_code"] = language_code
    return user


def _chat(chat_id: int, first_name: str, username: str | None) -> dict[str, Any]:
    if chat_id < 0:
        return {"id": chat_id, "type": "supergroup", "title": "Test group"}
    chat: dict[str, Any] = {"id": chat_id, "type": "private", "first_name": first_name}
    if username:
        chat["username"] = username
    return chat


def _incoming(
    user_id: int,
    content: Mapping[str, Any],
    *,
    language_code: str | None,
    first_name: str,
    username: str | None,
    chat_id: int | None,
    message_id: int | None,
    extra: Mapping[str, Any] | None,
) -> dict[str, Any]:
    message: dict[str, Any] = {}
    if message_id is not None:
        message["message_id"] = message_id
    message["from"] = _user(user_id, first_name, username, language_code)
    message["chat"] = _chat(user_id if chat_id is None else chat_id, first_name, username)
    message["date"] = int(time.time())
    message.update(content)
    if extra:
        message.update(extra)
    return {"message": message}


def _command_text(text: str) -> dict[str, Any]:
    """A text message's content; a leading "/command" gets its bot_command entity."""
    content: dict[str, Any] = {"text": text}
    command = _LEADING_COMMAND_RE.match(text)
    if command:
        length = utf16_len(command.group())
        content["entities"] = [{"type": "bot_command", "offset": 0, "length": length}]
    return content


def _group_chat(chat_id: int, title: str, is_forum: bool) -> dict[str, Any]:
    if chat_id >= 0:
        raise ValueError(f"a supergroup's id is negative (-100...), got {chat_id}")
    chat: dict[str, Any] = {"id": chat_id, "type": "supergroup", "title": title}
    if is_forum:
        chat["is_forum"] = True
    return chat


def message_update(
    user_id: int,
    text: str | None = None,
    *,
    language_code: str | None = "uk",
    first_name: str = "Test",
    username: str | None = None,
    chat_id: int | None = None,
    message_id: int | None = None,
    extra: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """An update with an incoming message; a leading "/command" gets its bot_command entity.

    Without ``message_id`` the id is assigned by ``FakeBotApi.push_update`` from the chat's
    counter; pass one explicitly to feed the dict to a dispatcher directly.
    """
    content = _command_text(text) if text is not None else {}
    return _incoming(
        user_id,
        content,
        language_code=language_code,
        first_name=first_name,
        username=username,
        chat_id=chat_id,
        message_id=message_id,
        extra=extra,
    )


def callback_update(
    user_id: int,
    data: str,
    *,
    message_id: int = 1,
    language_code: str | None = "uk",
    first_name: str = "Test",
    chat_id: int | None = None,
) -> dict[str, Any]:
    """An update with a callback query from a button of the bot's message ``message_id``.

    When pushed to a ``FakeBotApi`` that sent that message, the query carries the stored
    message (its text and keyboard), as Telegram's does.
    """
    target_chat = user_id if chat_id is None else chat_id
    query_id = f"cbq-{next(_callback_ids)}"
    _issued_callback_ids.add(query_id)
    return {
        "callback_query": {
            "id": query_id,
            "from": _user(user_id, first_name, None, language_code),
            "message": {
                "message_id": message_id,
                "date": int(time.time()),
                "chat": _chat(target_chat, first_name, None),
            },
            "chat_instance": str(target_chat),
            "data": data,
        }
    }


def group_message_update(
    chat_id: int,
    user_id: int,
    text: str | None = None,
    *,
    thread_id: int | None = None,
    first_name: str = "Operator",
    username: str | None = None,
    language_code: str | None = "uk",
    title: str = "Test forum",
    is_forum: bool | None = None,
    message_id: int | None = None,
    extra: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """An update with a message from ``user_id`` (an operator) in the supergroup ``chat_id``.

    With ``thread_id`` the message is in that forum topic (message_thread_id and
    is_topic_message set); without it, or with ``GENERAL_TOPIC_ID``, it is in General. The chat is
    a forum when ``is_forum`` says so (default: when a topic is given); a ``FakeBotApi`` replaces
    it with the registered chat of ``add_forum_group`` and refuses topics that do not exist
    there. ``extra`` adds or overrides message fields (e.g. a photo, reply_to_message); a
    leading "/command" gets its bot_command entity. Message ids are assigned as in
    ``message_update``.
    """
    in_topic = thread_id is not None and thread_id != GENERAL_TOPIC_ID
    message: dict[str, Any] = {}
    if message_id is not None:
        message["message_id"] = message_id
    if in_topic:
        message["message_thread_id"] = thread_id
    message["from"] = _user(user_id, first_name, username, language_code)
    message["chat"] = _group_chat(chat_id, title, in_topic if is_forum is None else is_forum)
    message["date"] = int(time.time())
    if text is not None:
        message.update(_command_text(text))
    if in_topic:
        message["is_topic_message"] = True
    if extra:
        message.update(extra)
    return {"message": message}


def group_callback_update(
    chat_id: int,
    user_id: int,
    data: str,
    *,
    message_id: int,
    thread_id: int | None = None,
    first_name: str = "Operator",
    username: str | None = None,
    language_code: str | None = "uk",
    title: str = "Test forum",
    is_forum: bool | None = None,
) -> dict[str, Any]:
    """An update with a callback query: ``user_id`` pressed a button of the bot's message
    ``message_id`` in the supergroup ``chat_id`` (in topic ``thread_id``, if given).

    When pushed to a ``FakeBotApi`` that sent that message, the query carries the stored message
    (its text, keyboard and topic), as Telegram's does.
    """
    in_topic = thread_id is not None and thread_id != GENERAL_TOPIC_ID
    query_id = f"cbq-{next(_callback_ids)}"
    _issued_callback_ids.add(query_id)
    message: dict[str, Any] = {"message_id": message_id}
    if in_topic:
        message["message_thread_id"] = thread_id
    message["date"] = int(time.time())
    message["chat"] = _group_chat(chat_id, title, in_topic if is_forum is None else is_forum)
    if in_topic:
        message["is_topic_message"] = True
    return {
        "callback_query": {
            "id": query_id,
            "from": _user(user_id, first_name, username, language_code),
            "message": message,
            "chat_instance": str(chat_id),
            "data": data,
        }
    }


def _incoming_file(kind: str) -> dict[str, Any]:
    number = next(_incoming_file_ids)
    return {"file_id": f"in-{kind}-{number}", "file_unique_id": f"in-{kind}-u{number}"}


def sticker_update(
    user_id: int,
    *,
    language_code: str | None = "uk",
    first_name: str = "Test",
    chat_id: int | None = None,
    message_id: int | None = None,
) -> dict[str, Any]:
    """An update with an incoming sticker."""
    sticker = {
        **_incoming_file("sticker"),
        "type": "regular",
        "width": 512,
        "height": 512,
        "is_animated": False,
        "is_video": False,
        "emoji": "🙂",
    }
    return _incoming(
        user_id,
        {"sticker": sticker},
        language_code=language_code,
        first_name=first_name,
        username=None,
        chat_id=chat_id,
        message_id=message_id,
        extra=None,
    )


def voice_update(
    user_id: int,
    *,
    duration: int = 3,
    language_code: str | None = "uk",
    first_name: str = "Test",
    chat_id: int | None = None,
    message_id: int | None = None,
) -> dict[str, Any]:
    """An update with an incoming voice note."""
    voice = {**_incoming_file("voice"), "duration": duration, "mime_type": "audio/ogg"}
    return _incoming(
        user_id,
        {"voice": voice},
        language_code=language_code,
        first_name=first_name,
        username=None,
        chat_id=chat_id,
        message_id=message_id,
        extra=None,
    )


def photo_update(
    user_id: int,
    *,
    caption: str | None = None,
    language_code: str | None = "uk",
    first_name: str = "Test",
    chat_id: int | None = None,
    message_id: int | None = None,
) -> dict[str, Any]:
    """An update with an incoming photo (two sizes, as Telegram sends)."""
    sizes = [
        {**_incoming_file("photo"), "width": 90, "height": 68},
        {**_incoming_file("photo"), "width": 800, "height": 600},
    ]
    content: dict[str, Any] = {"photo": sizes}
    if caption is not None:
        content["caption"] = caption
    return _incoming(
        user_id,
        content,
        language_code=language_code,
        first_name=first_name,
        username=None,
        chat_id=chat_id,
        message_id=message_id,
        extra=None,
    )


def _incoming_media(kind: str, user_id: int, first_name: str) -> dict[str, Any]:
    """The content of an incoming message of one kind, shaped as Telegram sends it."""
    if kind == "photo":
        sizes = [
            {**_incoming_file("photo"), "width": 90, "height": 68},
            {**_incoming_file("photo"), "width": 800, "height": 600},
        ]
        return {"photo": sizes}
    if kind == "sticker":
        sticker = {
            **_incoming_file("sticker"),
            "type": "regular",
            "width": 512,
            "height": 512,
            "is_animated": False,
            "is_video": False,
            "emoji": "🙂",
        }
        return {"sticker": sticker}
    shapes: dict[str, dict[str, Any]] = {
        "voice": {"duration": 3, "mime_type": "audio/ogg"},
        "audio": {"duration": 60, "mime_type": "audio/mpeg", "file_name": "audio.mp3"},
        "document": {
            "file_name": "document.pdf",
            "mime_type": "application/pdf",
            "file_size": 2048,
        },
        "video": {"width": 640, "height": 360, "duration": 5, "mime_type": "video/mp4"},
        "animation": {"width": 320, "height": 240, "duration": 2, "mime_type": "video/mp4"},
        "video_note": {"length": 240, "duration": 5},
    }
    if kind in shapes:
        return {kind: {**_incoming_file(kind), **shapes[kind]}}
    if kind == "location":
        return {"location": {"latitude": 50.4501, "longitude": 30.5234}}
    if kind == "contact":
        contact = {"phone_number": "+380501234567", "first_name": first_name, "user_id": user_id}
        return {"contact": contact}
    raise ValueError(f"unsupported kind of message: {kind!r}")


def media_update(
    user_id: int,
    kind: str,
    *,
    caption: str | None = None,
    language_code: str | None = "uk",
    first_name: str = "Test",
    chat_id: int | None = None,
    message_id: int | None = None,
    extra: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """An update with an incoming message of ``kind``: "photo", "voice", "audio", "document",
    "video", "animation", "video_note", "sticker", "location" or "contact" (the person's own
    number). ``caption`` is for the kinds that have one (photo, voice, audio, document, video,
    animation)."""
    content = _incoming_media(kind, user_id, first_name)
    if caption is not None:
        if kind not in _CAPTIONED_KEYS:
            raise ValueError(f"a {kind} message has no caption")
        content["caption"] = caption
    return _incoming(
        user_id,
        content,
        language_code=language_code,
        first_name=first_name,
        username=None,
        chat_id=chat_id,
        message_id=message_id,
        extra=extra,
    )


# --------------------------------------------------------------------------------------------
# Standalone mode
# --------------------------------------------------------------------------------------------


async def serve_forever(
    port: int = 0,
    *,
    host: str = "127.0.0.1",
    token: str | None = None,
    rate_limits: bool = True,
    bot_username: str = "lastivka_test_bot",
    stop: asyncio.Event | None = None,
) -> None:
    """Run a fake with the /_control API until ``stop`` is set; print its base URL first.

    The URL goes to stdout as one flushed line, so a parent process can read it and connect.
    """
    limits: dict[str, Any] = {}
    if not rate_limits:
        limits = {"global_rate": None, "per_chat_rate": None, "group_rate_per_minute": None}
    fake = FakeBotApi(
        host=host,
        port=port,
        token=token,
        bot_username=bot_username,
        control_api=True,
        **limits,
    )
    async with fake:
        print(fake.base_url, flush=True)
        await (stop or asyncio.Event()).wait()


async def _serve_until_signal(args: argparse.Namespace) -> None:
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGTERM, signal.SIGINT):
        with contextlib.suppress(NotImplementedError):
            loop.add_signal_handler(signum, stop.set)
    await serve_forever(
        args.port,
        host=args.host,
        token=args.token,
        rate_limits=not args.no_rate_limits,
        bot_username=args.bot_username,
        stop=stop,
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m tests.fakes", description="Run the Bot API test double."
    )
    parser.add_argument("--port", type=int, default=0, help="0 picks a free port")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--token", default=None, help="accept only this bot token")
    parser.add_argument("--bot-username", default="lastivka_test_bot")
    parser.add_argument("--no-rate-limits", action="store_true")
    args = parser.parse_args(argv)
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(_serve_until_signal(args))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
