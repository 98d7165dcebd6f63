"""``lastivka chat``: the real command, driven through its standard input, in every language."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from bot.terminal import html_to_rich
from dialogs.diagrams import mermaid_diagrams

ROOT = Path(__file__).resolve().parents[1]

# What each main-menu entry leads to, as the first words of its screen in each language.
ENTRIES = {
    "uk": [
        "Перевірити пропозицію",
        "Безпечні поїздки",
        "Попросити про допомогу",
        "Поговорити з консультантом",
        "Оберіть мову",
        "Розсилка порад",
        "Налаштування",
        "Про Ластівку",
    ],
    "ru": [
        "Проверить предложение",
        "Безопасные поездки",
        "Попросить о помощи",
        "Поговорить с консультантом",
        "Выберите язык",
        "Рассылка советов",
        "Настройки",
        "О Ластивке",
    ],
    "lv": [
        "Pārbaudīt darba piedāvājumu",
        "Droša ceļošana",
        "Lūgt palīdzību",
        "Runāt ar konsultantu",
        "Izvēlieties valodu",
        "Padomu ziņas",
        "Iestatījumi",
        "Par Lastivku",
    ],
    "en": [
        "Check a job offer or a situation",
        "Safe travel and work abroad",
        "Ask for help",
        "Talk to a consultant",
        "Choose a language",
        "Tips by message",
        "Settings",
        "About Lastivka",
    ],
}


def chat(tmp_path: Path, locale: str | None, lines: list[str]) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("LASTIVKA_")}
    env |= {"LASTIVKA_DATA_DIR": str(tmp_path), "LASTIVKA_STRICT_I18N": "true", "COLUMNS": "200"}
    args = [sys.executable, "-m", "bot", "chat"] + (["--locale", locale] if locale else [])
    return subprocess.run(
        args,
        input="\n".join(lines) + "\n",
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=120,
        check=False,
    )


@pytest.mark.parametrize("locale", ["uk", "ru", "lv", "en"])
def test_chat_reaches_every_main_menu_entry(tmp_path: Path, locale: str) -> None:
    # 1..8 are the menu entries; after each, /menu returns to the menu.
    lines = []
    for entry in range(1, 9):
        lines += [str(entry), "/menu"]
    done = chat(tmp_path, locale, lines)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    screens = done.stdout
    for expected in ENTRIES[locale]:
        assert expected.lower() in screens.lower(), (expected, screens[-2000:])
    assert (tmp_path / "lastivka.db").exists()
    assert (tmp_path / "secret.key").stat().st_mode & 0o077 == 0


def test_chat_continues_where_it_stopped(tmp_path: Path) -> None:
    chat(tmp_path, "uk", ["3", "1"])  # help request: "for me"
    again = chat(tmp_path, None, [])
    assert "Про що йдеться" in again.stdout


def test_chat_handles_commands_text_and_bad_numbers(tmp_path: Path) -> None:
    done = chat(tmp_path, "en", ["/nope", "99", "hello", "/language", "2"])
    assert done.returncode == 0
    assert "I do not know this command" in done.stdout
    assert done.stdout.count("Please choose one of the buttons") == 2
    assert "Готово, пишу по-русски" in done.stdout or "русск" in done.stdout.lower()


def test_exit_and_forget_in_the_terminal(tmp_path: Path) -> None:
    left = chat(tmp_path, "en", ["1", "/exit"])
    assert "Thanks, have a nice day! ☀️" in left.stdout
    back = chat(tmp_path, None, [])
    assert "Main menu" in back.stdout  # the dialog was left, the language kept
    erased = chat(tmp_path, None, ["/forget", "1"])
    assert "Deleted: your answers and settings" in erased.stdout
    fresh = chat(tmp_path, None, [])
    assert "Choose a language" in fresh.stdout  # nothing is known any more


def test_html_becomes_terminal_markup() -> None:
    assert html_to_rich("<b>Hi</b> &lt;x&gt; [y]") == "[bold]Hi[/bold] <x> \\[y]"


def test_flow_diagrams_are_current() -> None:
    stale = [
        name
        for name, text in mermaid_diagrams().items()
        if not (ROOT / "docs" / "flows" / f"{name}.mmd").exists()
        or (ROOT / "docs" / "flows" / f"{name}.mmd").read_text(encoding="utf-8") != text
    ]
    assert stale == [], "run `lastivka flows diagrams` and commit docs/flows/"
