"""Fluent translations that never fail silently.

``FluentLocalization`` swallows formatting errors and returns raw ids for missing messages
(research/stack.md section 3.4). ``Translator`` uses the bundle API instead: any error (a
missing message, a missing variable, a syntax error in a file) raises ``TranslationError``
in strict mode (tests) and is logged, with the English text used, in production.
Fallback is per message: uk, ru and lv fall back to en, never to each other.

``check_locales`` is the parity check behind the tests and ``lastivka check``.
"""

from __future__ import annotations

import html
import logging
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from babel import Locale
from fluent.runtime import FluentBundle
from fluent.syntax import FluentParser, ast, visitor

from dialogs.types import LOCALES
from locales import LOCALES_DIR, RESOURCES

__all__ = ["SOURCE_LOCALE", "Markup", "TranslationError", "Translator", "check_locales"]

log = logging.getLogger(__name__)

SOURCE_LOCALE = "en"


class Markup(str):
    """Text that is already safe HTML (a rendered message); never escaped again."""

    __slots__ = ()


class TranslationError(Exception):
    """A message could not be rendered exactly as written."""


def _chain(locale: str) -> tuple[str, ...]:
    return (locale,) if locale == SOURCE_LOCALE else (locale, SOURCE_LOCALE)


@lru_cache(maxsize=256)
def _parsed(path: Path, mtime_ns: int) -> ast.Resource:
    """One parse per file version per process (parsing is most of a Translator's cost;
    bundles only read the tree, so sharing it is safe)."""
    return FluentParser().parse(path.read_text(encoding="utf-8"))


class Translator:
    """Formats message ids per locale; string arguments are HTML-escaped first."""

    def __init__(self, directory: Path = LOCALES_DIR, *, strict: bool = False) -> None:
        self.strict = strict
        self._bundles: dict[str, FluentBundle] = {}
        problems: list[str] = []
        for locale in LOCALES:
            # Bidi isolation marks would end up inside phone numbers people copy.
            bundle = FluentBundle([locale], use_isolating=False)
            for name in RESOURCES:
                path = directory / locale / name
                if not path.exists():
                    problems.append(f"{locale}/{name} is missing")
                    continue
                resource = _parsed(path, path.stat().st_mtime_ns)
                junk = [e for e in resource.body if isinstance(e, ast.Junk)]
                problems.extend(
                    f"{locale}/{name}: syntax error near {(j.content or '')[:40]!r}" for j in junk
                )
                bundle.add_resource(resource)
            self._bundles[locale] = bundle
        if problems:
            self._fail("; ".join(problems))

    def _fail(self, message: str) -> None:
        if self.strict:
            raise TranslationError(message)
        log.error("translation problem: %s", message)

    def has(self, locale: str, message_id: str) -> bool:
        return any(self._bundles[loc].has_message(message_id) for loc in _chain(locale))

    def format(
        self, locale: str, message_id: str, args: Mapping[str, str | int] | None = None
    ) -> str:
        """The text of ``message_id`` in ``locale``; string args are escaped for HTML."""
        safe = {
            k: html.escape(v, quote=False)
            if isinstance(v, str) and not isinstance(v, Markup)
            else (str(v) if isinstance(v, Markup) else v)
            for k, v in (args or {}).items()
        }
        for position, loc in enumerate(
            _chain(locale if locale in self._bundles else SOURCE_LOCALE)
        ):
            bundle = self._bundles[loc]
            if not bundle.has_message(message_id):
                continue
            if position > 0:
                self._fail(f"{message_id} is missing in {locale}; {loc} used")
            message = bundle.get_message(message_id)
            if message.value is None:
                self._fail(f"{message_id} has no value in {loc}")
                continue
            text, errors = bundle.format_pattern(message.value, safe)
            if errors:
                # Only error class names: the arguments may be a person's words.
                names = ", ".join(sorted({type(e).__name__ for e in errors}))
                self._fail(f"{message_id} in {loc}: {names}")
            return str(text)
        self._fail(f"unknown message id {message_id}")
        return self.format(locale, "error-generic") if message_id != "error-generic" else ""


# -- parity check -------------------------------------------------------------------------


@dataclass
class _Info:
    variables: set[str]
    selectors: list[set[str]]
    attributes: set[str]
    resource: str


class _Collector(visitor.Visitor):
    def __init__(self) -> None:
        super().__init__()
        self.variables: set[str] = set()
        self.selectors: list[set[str]] = []

    def visit_VariableReference(self, node: ast.VariableReference) -> None:
        self.variables.add(node.id.name)

    def visit_SelectExpression(self, node: ast.SelectExpression) -> None:
        keys = {v.key.name for v in node.variants if isinstance(v.key, ast.Identifier)}
        if isinstance(node.selector, ast.VariableReference) and keys:
            self.selectors.append(keys)
        self.generic_visit(node)


def _messages(directory: Path, locale: str, problems: list[str]) -> dict[str, _Info]:
    found: dict[str, _Info] = {}
    for name in RESOURCES:
        path = directory / locale / name
        if not path.exists():
            problems.append(f"{locale}: missing file {name}")
            continue
        for entry in FluentParser().parse(path.read_text(encoding="utf-8")).body:
            if isinstance(entry, ast.Junk):
                problems.append(
                    f"{locale}/{name}: syntax error near {(entry.content or '')[:40]!r}"
                )
            elif isinstance(entry, ast.Message):
                collector = _Collector()
                collector.visit(entry)
                if entry.id.name in found:
                    problems.append(f"{locale}: {entry.id.name} defined twice")
                found[entry.id.name] = _Info(
                    collector.variables,
                    collector.selectors,
                    {a.id.name for a in entry.attributes},
                    name,
                )
    return found


def check_locales(directory: Path = LOCALES_DIR) -> list[str]:
    """Every problem found: missing or extra ids, variables, plural categories, junk."""
    problems: list[str] = []
    source = _messages(directory, SOURCE_LOCALE, problems)
    for locale in LOCALES:
        plural_tags = set(Locale.parse(locale).plural_form.tags) | {"other"}
        messages = source if locale == SOURCE_LOCALE else _messages(directory, locale, problems)
        for message_id, info in messages.items():
            for keys in info.selectors:
                # A plural select names a CLDR category besides "other"; a select on a
                # word such as $who ("self" / "other") is not one.
                if keys & {"zero", "one", "two", "few", "many"} and not plural_tags <= keys:
                    missing = sorted(plural_tags - keys)
                    problems.append(f"{locale}: {message_id} lacks plural categories {missing}")
        if locale == SOURCE_LOCALE:
            continue
        for message_id, info in source.items():
            theirs = messages.get(message_id)
            if theirs is None:
                problems.append(f"{locale}: missing message {message_id}")
                continue
            if theirs.variables != info.variables:
                problems.append(
                    f"{locale}: {message_id} variables {sorted(theirs.variables)} "
                    f"!= {sorted(info.variables)}"
                )
            if theirs.attributes != info.attributes:
                problems.append(f"{locale}: {message_id} attributes differ")
            if theirs.resource != info.resource:
                problems.append(
                    f"{locale}: {message_id} is in {theirs.resource}, not {info.resource}"
                )
        problems.extend(
            f"{locale}: obsolete message {message_id}"
            for message_id in messages
            if message_id not in source
        )
    return problems
