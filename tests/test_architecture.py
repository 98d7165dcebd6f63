"""The dependency rule (bot -> handoff -> dialogs) and the one-runtime rule, as a test."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FORBIDDEN = {
    "dialogs": {"aiogram", "sqlalchemy", "aiohttp", "bot", "handoff", "alembic", "asyncpg"},
    "handoff": {"aiogram", "sqlalchemy", "aiohttp", "bot", "alembic", "asyncpg"},
}


def imported_roots(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    roots: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            roots |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            roots.add(node.module.split(".")[0])
    return roots


@pytest.mark.parametrize("package", sorted(FORBIDDEN))
def test_domain_packages_do_not_import_frameworks_or_the_runtime(package: str) -> None:
    offenders = {
        str(path.relative_to(ROOT)): sorted(imported_roots(path) & FORBIDDEN[package])
        for path in (ROOT / package).rglob("*.py")
    }
    assert {k: v for k, v in offenders.items() if v} == {}


def test_the_scan_would_catch_a_violation(tmp_path: Path) -> None:
    bad = tmp_path / "bad.py"
    bad.write_text("from aiogram import Bot\nimport sqlalchemy.orm\n", encoding="utf-8")
    assert imported_roots(bad) & FORBIDDEN["dialogs"] == {"aiogram", "sqlalchemy"}


def test_python_telegram_bot_is_not_a_dependency() -> None:
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert "python-telegram-bot" not in pyproject.split("[tool.ruff")[0]
    # the project's own packages only (a virtualenv in the tree, such as CI's .venv-ci,
    # holds thousands of other people's modules)
    for package in ("bot", "dialogs", "handoff", "locales", "content", "migrations", "bench"):
        for path in (ROOT / package).rglob("*.py"):
            assert "telegram" not in imported_roots(path), path


def test_every_module_says_what_it_owns() -> None:
    missing = [
        str(path.relative_to(ROOT))
        for package in ("bot", "dialogs", "handoff", "locales", "content", "migrations")
        for path in (ROOT / package).rglob("*.py")
        if path.stat().st_size
        and ast.get_docstring(ast.parse(path.read_text("utf-8"))) is None
        and "versions" not in path.parts
    ]
    assert missing == []
