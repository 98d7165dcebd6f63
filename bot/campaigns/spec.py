"""Campaign files: how an NGO's prevention campaign is read, checked and previewed.

A campaign file (TOML or YAML, chosen by suffix) gives a name, an HTML text per locale, up
to three buttons, the audience (subscribed topics, locales, countries for safe travel), an
optional image, paid broadcast and a schedule. ``load_campaign`` turns it into a
``CampaignSpec`` or raises ``CampaignError`` naming the key at fault. ``check_campaign``
finds what Telegram would refuse or what would mislead (HTML outside Telegram's subset, a
text too long, a missing translation, a first line a notification preview should not show);
``preview`` draws each locale for the terminal.

``CampaignSpec.to_json`` is the file itself with its defaults filled in, so a spec kept in
a database JSON column reads back through the same checks as the file did.
No database and no Telegram runtime here: the CLI and the sender build on these values.
"""

from __future__ import annotations

import difflib
import re
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from pathlib import Path, PurePath
from types import MappingProxyType
from typing import Final, Literal
from urllib.parse import urlsplit

import yaml
from rich.console import Group
from rich.panel import Panel
from rich.style import Style
from rich.text import Text

from bot.campaigns.telegram_html import (
    STYLES,
    TelegramHTML,
    telegram_html_problems,
    utf16_units,
    visible_text,
)
from bot.discretion import first_line, load_sensitive_words
from dialogs.subscriptions import DEEP_LINK_FLOWS, TOPICS, deep_link_payload
from dialogs.types import LOCALES

__all__ = [
    "MAX_BUTTONS",
    "MAX_CAPTION",
    "MAX_TEXT",
    "Audience",
    "CampaignButton",
    "CampaignError",
    "CampaignSpec",
    "Problem",
    "check_campaign",
    "deep_link",
    "load_campaign",
    "preview",
    "telegram_html_problems",
    "visible_text",
]

#: Telegram's limits: buttons under a message besides "stop these messages", the length of
#: a button label, of a message and of a photo caption (UTF-16 units after entity parsing).
MAX_BUTTONS: Final = 3
MAX_LABEL: Final = 40
MAX_TEXT: Final = 4096
MAX_CAPTION: Final = 1024
MAX_IMAGE_BYTES: Final = 10 * 1024 * 1024
_IMAGE_MAGIC: Final = (b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n")
_NAME: Final = re.compile(r"[a-z0-9][a-z0-9-]{2,39}")
_COUNTRY: Final = re.compile(r"[a-z]{2}")
_TOP: Final = ("name", "image", "paid", "text", "buttons", "audience", "schedule")


class CampaignError(ValueError):
    """A campaign that cannot be used; ``key`` is where in the file (``audience.topics``)."""

    def __init__(self, key: str, reason: str, *, source: str | None = None) -> None:
        self.key = key
        self.reason = reason
        self.source = source
        where = ": ".join(part for part in (source, key) if part)
        super().__init__(f"{where}: {reason}" if where else reason)


@dataclass(frozen=True, slots=True, kw_only=True)
class CampaignButton:
    """A button under the campaign message: it starts a bot flow or opens a web page."""

    labels: Mapping[str, str]
    flow: str | None = None
    url: str | None = None

    def __post_init__(self) -> None:
        if (self.flow is None) == (self.url is None):
            raise ValueError("a campaign button has either a flow or a url")
        object.__setattr__(self, "labels", MappingProxyType(dict(self.labels)))


@dataclass(frozen=True, slots=True, kw_only=True)
class Audience:
    """Who receives it: people subscribed to any of ``topics`` who use one of ``locales``;
    with ``countries``, a "travel" subscription counts only for those countries."""

    topics: tuple[str, ...]
    locales: tuple[str, ...]
    countries: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class CampaignSpec:
    """A campaign as read from its file; ``image`` is an absolute path or an https URL."""

    name: str
    texts: Mapping[str, str]
    audience: Audience
    buttons: tuple[CampaignButton, ...] = ()
    image: str | None = None
    paid: bool = False
    schedule_at: datetime | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "texts", MappingProxyType(dict(self.texts)))
        if self.schedule_at is not None:
            if self.schedule_at.tzinfo is None:
                raise ValueError("schedule_at must be an aware datetime")
            object.__setattr__(self, "schedule_at", self.schedule_at.astimezone(UTC))

    def to_json(self) -> dict[str, object]:
        """The campaign file with defaults filled in: JSON-ready, read back by from_json."""
        return {
            "name": self.name,
            "image": self.image,
            "paid": self.paid,
            "text": dict(self.texts),
            "buttons": [
                {"label": dict(button.labels), "flow": button.flow, "url": button.url}
                for button in self.buttons
            ],
            "audience": {
                "topics": list(self.audience.topics),
                "locales": list(self.audience.locales),
                "countries": list(self.audience.countries),
            },
            "schedule": None if self.schedule_at is None else {"at": self.schedule_at.isoformat()},
        }

    @classmethod
    def from_json(cls, data: Mapping[str, object]) -> CampaignSpec:
        """A spec stored with to_json (the image file itself is not looked at)."""
        return _parse(dict(data), base=None)


@dataclass(frozen=True, slots=True, kw_only=True)
class Problem:
    """Something check_campaign found; errors stop a campaign, warnings are for a person."""

    level: Literal["error", "warning"]
    locale: str | None
    message: str


# ---- reading a file ----------------------------------------------------------------------


class _StrictYAMLLoader(yaml.SafeLoader):
    """PyYAML keeps the last of two equal keys silently; a campaign file must not."""


def _unique_mapping(loader: yaml.SafeLoader, node: yaml.MappingNode) -> dict[object, object]:
    seen: set[str] = set()
    for key_node, _ in node.value:
        if isinstance(key_node, yaml.ScalarNode) and key_node.value != "<<":
            if key_node.value in seen:
                raise yaml.constructor.ConstructorError(
                    None, None, f"the key {key_node.value!r} is given twice", key_node.start_mark
                )
            seen.add(key_node.value)
    return loader.construct_mapping(node)


_StrictYAMLLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _unique_mapping)


def load_campaign(path: Path) -> CampaignSpec:
    """Read and validate a campaign file (.toml, .yaml or .yml); raises CampaignError."""
    source = str(path)
    suffix = path.suffix.lower()
    if suffix not in (".toml", ".yaml", ".yml"):
        raise CampaignError("", "a campaign file ends in .toml, .yaml or .yml", source=source)
    try:
        raw = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise CampaignError("", "not UTF-8 text", source=source) from None
    except OSError as exc:
        raise CampaignError("", f"cannot read it: {exc.strerror or exc}", source=source) from None
    try:
        if suffix == ".toml":
            data: object = tomllib.loads(raw)
        else:
            data = yaml.load(raw, _StrictYAMLLoader)  # noqa: S506 - a SafeLoader subclass
    except tomllib.TOMLDecodeError as exc:
        raise CampaignError("", f"not valid TOML: {exc}", source=source) from None
    except yaml.YAMLError as exc:
        raise CampaignError("", f"not valid YAML: {_yaml_reason(exc)}", source=source) from None
    try:
        return _parse(data, base=path.parent)
    except CampaignError as exc:
        raise CampaignError(exc.key, exc.reason, source=source) from None


def _yaml_reason(exc: yaml.YAMLError) -> str:
    if isinstance(exc, yaml.MarkedYAMLError) and exc.problem_mark is not None:
        mark = exc.problem_mark
        return f"{exc.problem or exc.context} (line {mark.line + 1}, column {mark.column + 1})"
    return str(exc)


def _parse(data: object, *, base: Path | None) -> CampaignSpec:
    top = _table(data, "", _TOP)
    name = _string(_required(top, "", "name"), "name")
    if not _NAME.fullmatch(name):
        raise CampaignError(
            "name",
            f'"{name}": use 3 to 40 lower-case letters, digits or "-", not starting with "-"',
        )
    texts = _locale_texts(_required(top, "", "text"), "text", limit=None)
    paid = top.get("paid", False)
    if not isinstance(paid, bool):
        raise CampaignError("paid", f"expected true or false, got {_kind(paid)}")
    image = top.get("image")
    return CampaignSpec(
        name=name,
        texts=texts,
        audience=_audience(_required(top, "", "audience"), texts),
        buttons=_buttons(top.get("buttons", [])),
        image=None if image is None else _image(_string(image, "image"), base),
        paid=paid,
        schedule_at=_schedule(top["schedule"]) if "schedule" in top else None,
    )


def _kind(value: object) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"{str(value).lower()} (YAML reads yes, no, on, off as true/false: quote them)"
    if isinstance(value, int | float):
        return f"the number {value}"
    if isinstance(value, str):
        return f'text "{value[:30]}"'
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, date | time):
        return "a date or time"
    return type(value).__name__


def _join(key: str, name: str) -> str:
    return f"{key}.{name}" if key else name


def _table(value: object, key: str, known: Iterable[str]) -> dict[str, object]:
    if not isinstance(value, dict):
        raise CampaignError(key, f"expected a table, got {_kind(value)}")
    known = tuple(known)
    table: dict[str, object] = {}
    for name, item in value.items():
        if not isinstance(name, str) or name not in known:
            close = difflib.get_close_matches(str(name), known, n=1)
            hint = f'; did you mean "{close[0]}"?' if close else ""
            takes = f"{key or 'the file'} takes {', '.join(known)}"
            raise CampaignError(_join(key, str(name)), f"unknown key{hint} ({takes})")
        if item is not None:  # YAML's empty value: as if the key were left out
            table[name] = item
    return table


def _required(table: Mapping[str, object], key: str, name: str) -> object:
    if name not in table:
        raise CampaignError(_join(key, name), "required, but missing")
    return table[name]


def _string(value: object, key: str) -> str:
    if not isinstance(value, str):
        raise CampaignError(key, f"expected text, got {_kind(value)}")
    return value


def _strings(value: object, key: str) -> list[str]:
    if not isinstance(value, list):
        raise CampaignError(key, f"expected a list, got {_kind(value)}")
    return [_string(item, key) for item in value]


def _locale_texts(value: object, key: str, *, limit: int | None) -> dict[str, str]:
    table = _table(value, key, LOCALES)
    texts = {
        locale: _string(table[locale], _join(key, locale)) for locale in LOCALES if locale in table
    }
    if not texts:
        raise CampaignError(key, f"give at least one locale ({', '.join(LOCALES)})")
    for locale, text in texts.items():
        if not text.strip():
            raise CampaignError(_join(key, locale), "empty")
        if limit is not None and len(text) > limit:
            raise CampaignError(_join(key, locale), f"{len(text)} characters; at most {limit}")
    return texts


def _https(value: object, key: str) -> str:
    url = _string(value, key)
    parts = urlsplit(url)
    if parts.scheme != "https" or not parts.hostname or re.search(r"\s", url):
        raise CampaignError(key, f'"{url}" is not an https:// address')
    return url


def _buttons(value: object) -> tuple[CampaignButton, ...]:
    if not isinstance(value, list):
        raise CampaignError("buttons", f"expected a list of tables, got {_kind(value)}")
    if len(value) > MAX_BUTTONS:
        raise CampaignError(
            "buttons", f"{len(value)} buttons; at most {MAX_BUTTONS} (the sender adds the stop one)"
        )
    buttons: list[CampaignButton] = []
    for number, item in enumerate(value, 1):
        key = f"buttons[{number}]"  # counted from 1, as a person counts [[buttons]] blocks
        table = _table(item, key, ("label", "flow", "url"))
        labels = _locale_texts(_required(table, key, "label"), f"{key}.label", limit=MAX_LABEL)
        if "flow" in table and "url" in table:
            raise CampaignError(key, "has both flow and url; a button does one thing")
        if "flow" not in table and "url" not in table:
            raise CampaignError(key, "needs flow (starts a bot flow) or url (opens a web page)")
        flow = None
        if "flow" in table:
            flow = _string(table["flow"], f"{key}.flow")
            if flow not in DEEP_LINK_FLOWS:
                known = ", ".join(DEEP_LINK_FLOWS)
                raise CampaignError(f"{key}.flow", f'"{flow}" is not a flow ({known})')
        url = _https(table["url"], f"{key}.url") if "url" in table else None
        buttons.append(CampaignButton(labels=labels, flow=flow, url=url))
    return tuple(buttons)


def _audience(value: object, texts: Mapping[str, str]) -> Audience:
    table = _table(value, "audience", ("topics", "locales", "countries"))
    topics = _strings(_required(table, "audience", "topics"), "audience.topics")
    for topic in topics:
        if topic not in TOPICS:
            raise CampaignError(
                "audience.topics", f'"{topic}" is not a topic ({", ".join(TOPICS)})'
            )
    if not topics:
        raise CampaignError("audience.topics", f"empty; name at least one ({', '.join(TOPICS)})")
    locales = tuple(locale for locale in LOCALES if locale in texts)
    if "locales" in table:
        chosen = _strings(table["locales"], "audience.locales")
        for locale in chosen:
            if locale not in LOCALES:
                known = ", ".join(LOCALES)
                raise CampaignError("audience.locales", f'"{locale}" is not a locale ({known})')
        if not chosen:
            raise CampaignError("audience.locales", "empty; leave it out for every text's locale")
        locales = tuple(locale for locale in LOCALES if locale in chosen)
    countries: list[str] = []
    if "countries" in table:
        if not isinstance(table["countries"], list):
            raise CampaignError(
                "audience.countries", f"expected a list, got {_kind(table['countries'])}"
            )
        for item in table["countries"]:
            code = _string(item, "audience.countries").strip().lower()
            if not _COUNTRY.fullmatch(code):
                raise CampaignError("audience.countries", f'"{item}" is not a two-letter code')
            countries.append(code)
    return Audience(
        topics=tuple(topic for topic in TOPICS if topic in topics),
        locales=locales,
        countries=tuple(dict.fromkeys(countries)),
    )


def _image(value: str, base: Path | None) -> str:
    if "://" in value:
        return _https(value, "image")
    if PurePath(value).suffix.lower() not in (".jpg", ".jpeg", ".png"):
        raise CampaignError("image", f'"{value}": Telegram photos are .jpg, .jpeg or .png')
    if base is None:  # a stored spec: the path was checked when the file was read
        if not Path(value).is_absolute():
            raise CampaignError("image", f'"{value}" is not an absolute path')
        return value
    path = (base / value).resolve()
    if not path.is_file():
        raise CampaignError("image", f'"{value}" not found (looked for {path})')
    size = path.stat().st_size
    if size > MAX_IMAGE_BYTES:
        raise CampaignError("image", f'"{value}" is {size / 2**20:.1f} MB; Telegram takes 10 MB')
    with path.open("rb") as file:
        if not file.read(8).startswith(_IMAGE_MAGIC):
            raise CampaignError("image", f'"{value}" is not a JPEG or PNG image inside')
    return str(path)


def _schedule(value: object) -> datetime:
    at = _required(_table(value, "schedule", ("at",)), "schedule", "at")
    example = "e.g. 2027-03-01T09:00:00+02:00"
    if isinstance(at, str):
        try:
            at = datetime.fromisoformat(at.strip())
        except ValueError:
            raise CampaignError(
                "schedule.at", f'"{at}" is not an ISO 8601 time ({example})'
            ) from None
    if not isinstance(at, datetime):
        raise CampaignError(
            "schedule.at", f"expected a date, time and offset ({example}), got {_kind(at)}"
        )
    if at.tzinfo is None or at.utcoffset() is None:
        raise CampaignError(
            "schedule.at",
            f"{at.isoformat()} has no UTC offset: say which zone is meant ({example})",
        )
    return at.astimezone(UTC)


# ---- checks and preview ------------------------------------------------------------------


def check_campaign(spec: CampaignSpec) -> list[Problem]:
    """Errors (the campaign must not go out like this) first, then warnings."""
    errors: list[Problem] = []
    warnings: list[Problem] = []
    limit, kind = (MAX_CAPTION, "a photo caption") if spec.image else (MAX_TEXT, "a message")
    words = load_sensitive_words()
    for locale in spec.audience.locales:
        if locale not in spec.texts:
            message = f"audience.locales has {locale}, but there is no text.{locale}"
            errors.append(Problem(level="error", locale=locale, message=message))
    for locale, text in spec.texts.items():
        key = f"text.{locale}"
        problems = [f"{key}: {problem}" for problem in telegram_html_problems(text)]
        # Telegram trims the text and counts what is left after entity parsing
        units = utf16_units(visible_text(text).strip())
        if units == 0:
            problems.append(f"{key}: nothing left to read once tags are removed")
        elif units > limit:
            problems.append(f"{key}: {units} characters to read; {kind} takes at most {limit}")
        problems.extend(
            f"buttons[{number}].label.{locale}: missing, and there is a text in {locale}"
            for number, button in enumerate(spec.buttons, 1)
            if locale not in button.labels
        )
        errors.extend(Problem(level="error", locale=locale, message=p) for p in problems)
        hits = words.for_locale(first_line(text), locale)
        if hits:
            message = (
                f"{key}: the first line shows {', '.join(hits)} in notification previews; "
                "move such words further down"
            )
            warnings.append(Problem(level="warning", locale=locale, message=message))
    for locale in LOCALES:
        if locale not in spec.texts:
            message = f"missing locale {locale}: people who chose it are not in the audience"
            warnings.append(Problem(level="warning", locale=locale, message=message))
    if spec.audience.countries and "travel" not in spec.audience.topics:
        message = 'audience.countries: used only with the topic "travel", which is not chosen'
        warnings.append(Problem(level="warning", locale=None, message=message))
    return errors + warnings


def deep_link(bot_username: str, campaign_id: int, flow_code: str) -> str:
    """The link a campaign button opens to start a flow in the bot."""
    username = bot_username.removeprefix("@")
    return f"https://t.me/{username}?start={deep_link_payload(campaign_id, flow_code)}"


def _target(button: CampaignButton, bot_username: str, campaign_id: int | None) -> str:
    if button.flow is None:
        return str(button.url)
    if campaign_id is None:  # not stored yet: the id is given when the campaign is added
        return f"t.me/{bot_username.removeprefix('@')}?start=c…-{button.flow}"
    return deep_link(bot_username, campaign_id, button.flow).removeprefix("https://")


def preview(spec: CampaignSpec, *, bot_username: str, campaign_id: int | None = None) -> Group:
    """One panel per locale, as the person would see the message (Rich styles for tags)."""
    panels: list[Panel] = []
    for locale in LOCALES:
        subtitle = None if locale in spec.audience.locales else Text("not in the audience")
        text = spec.texts.get(locale)
        if text is None:
            body = Text("(no text: not sent to people who use this language)", style="yellow")
            panels.append(
                Panel(body, title=Text(locale), title_align="left", border_style="yellow")
            )
            continue
        body = Text()
        for piece, tags in TelegramHTML(text).pieces:
            body.append(
                piece, Style.combine([Style(), *(STYLES[tag] for tag in tags if tag in STYLES)])
            )
        body.rstrip()
        body.append("\n")
        if spec.image:
            name = spec.image if "://" in spec.image else PurePath(spec.image).name
            body.append(f"\n🖼 image: {name}")
        for button in spec.buttons:
            label = button.labels.get(locale)
            body.append("\n[ ")
            if label is None:
                body.append(f"(no label in {locale})", style="bold red")
            else:
                body.append(label, style="bold")
            body.append(" ]  → ")
            body.append(_target(button, bot_username, campaign_id), style="blue")
        body.append("\n[ stop these messages ]", style="dim")
        panels.append(Panel(body, title=Text(locale), title_align="left", subtitle=subtitle))
    return Group(*panels)
