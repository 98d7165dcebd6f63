"""Data NGOs edit without code: advice sources (TOML), later the indicator bank and contacts."""

from __future__ import annotations

from pathlib import Path

__all__ = ["CONTENT_DIR"]

CONTENT_DIR = Path(__file__).resolve().parent
