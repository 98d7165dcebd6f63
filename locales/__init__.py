"""Fluent message files shipped with the package: locales/<code>/*.ftl."""

from __future__ import annotations

from pathlib import Path

__all__ = ["LOCALES_DIR", "RESOURCES"]

LOCALES_DIR = Path(__file__).resolve().parent
#: Every locale has exactly these files; the parity test enforces it.
RESOURCES: tuple[str, ...] = (
    "common.ftl",
    "screening.ftl",
    "indicators.ftl",
    "migration.ftl",
    "directory.ftl",
    "contacts.ftl",
    "help.ftl",
    "operators.ftl",
    "safety.ftl",
    "subscribe.ftl",
)
