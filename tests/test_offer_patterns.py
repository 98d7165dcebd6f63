"""Reading content/offer_flags.toml (dialogs.offer_patterns): refusals, shorthands, keys.

Edited copies of the real file are written to a temporary directory; the real file is
never changed.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from dialogs.offer_check import DEFAULT_PATH, FLAG_IDS, check_offer, load_patterns
from dialogs.offer_patterns import read_patterns

FIRST = "'(?:перед|пред) ?оплат\\w*',"


def _write(tmp_path: Path, *replaces: tuple[str, str]) -> Path:
    text = DEFAULT_PATH.read_text(encoding="utf-8")
    for old, new in replaces:
        assert old in text
        text = text.replace(old, new, 1)
    path = tmp_path / "flags.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_patterns_are_loaded_once() -> None:
    assert load_patterns() is load_patterns(DEFAULT_PATH)
    rules = load_patterns().rules
    assert tuple(rule.id for rule in rules) == FLAG_IDS
    assert all(rule.description for rule in rules)
    assert all(rule.pattern_count >= 1 for rule in rules)


def test_the_real_file_uses_the_new_keys() -> None:
    rules = {rule.id: rule for rule in load_patterns().rules}
    assert rules["ticket_deduction"].implies == ("debt_bondage",)
    assert rules["messenger_only"].explicit_count >= 1
    assert rules["messenger_only"].unless_count >= 1
    assert not rules["messenger_only"].unless_identified
    assert rules["vague_employer"].unless_identified


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (FIRST, "'пере?д ?оплат\\w*(',", "bad pattern"),
        (FIRST, "'пеpедоплат',", "mixes Latin and Cyrillic"),
        (FIRST, "'оплат\\w*{gapp3}оплат',", "unknown shorthand"),
        (FIRST, "'оплат\\w*{gap}оплат',", "unknown shorthand"),
        (FIRST, "'оплат\\w*{no_such_list}',", "unknown shorthand"),
        (FIRST, "'робота в {place}',", "unknown shorthand"),  # only in [third_country]
        (FIRST, "'',", "non-empty strings"),
        ('id = "secrecy"', 'id = "secrets"', "unknown or repeated id"),
        ('id = "secrecy"', 'id = "upfront_fee"', "unknown or repeated id"),
        ("unless_identified = true", "unless_identified = true\nweight = 3", "unknown keys"),
        ('implies = ["debt_bondage"]', 'implies = ["debts"]', "implies unknown flags"),
        ('implies = ["debt_bondage"]', 'implies = ["ticket_deduction"]', "implies unknown"),
        ("[words]\n", "[words]\ngap = 'x'\n", "not a usable name"),
        ("[words]\n", "[words]\nBig = 'x'\n", "not a usable name"),
        ("[words]\n", "[words]\nfirst = '{ticket}'\n", "unknown shorthand"),  # not yet defined
        ("contact = [", "contact = []\nunused = [", "needs at least one pattern"),
        ("names = 'сербі|", "names = 'сeрбі|", "mixes scripts"),  # a Latin e in a country
    ],
)
def test_a_broken_file_is_refused_with_a_reason(
    tmp_path: Path, old: str, new: str, message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        load_patterns(_write(tmp_path, (old, new)))


def test_an_edited_file_changes_what_is_found(tmp_path: Path) -> None:
    path = _write(tmp_path, (FIRST, FIRST + " 'гроші на бочку',"))
    patterns = load_patterns(path)
    assert "upfront_fee" in patterns.check("Гроші на бочку!").ids
    assert "upfront_fee" not in check_offer("Гроші на бочку!").ids


def test_a_word_list_is_shared_by_the_patterns_that_name_it(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        ("[words]\n", "[words]\nmoney_word = 'гаман\\w*|капшук\\w*'\n"),
        (FIRST, FIRST + " 'порожн\\w* {money_word}', '{money_word} наперед',"),
    )
    patterns = read_patterns(path)
    found = patterns.matcher.run("порожній гаманець і капшук наперед")
    assert [m.group() for m in found["upfront_fee"]] == ["порожній гаманець", "капшук наперед"]


def test_sent_reaches_across_commas_but_not_past_the_sentence(tmp_path: Path) -> None:
    path = _write(tmp_path, (FIRST, FIRST + " 'альфа{sent3}омега', 'бета{gap3}гама',"))
    patterns = load_patterns(path)
    assert "upfront_fee" in patterns.check("Альфа, раз — два, омега.").ids
    assert "upfront_fee" not in patterns.check("Альфа раз. Омега.").ids
    assert "upfront_fee" not in patterns.check("Альфа раз, два, три, чотири, омега.").ids
    assert "upfront_fee" not in patterns.check("Бета раз, гама.").ids  # gap stops at commas


def test_unless_cancels_patterns_but_not_explicit_ones(tmp_path: Path) -> None:
    flag = 'id = "fines_penalties"\n'
    path = _write(
        tmp_path,
        (
            flag,
            flag + "explicit = ['червон\\w* картк\\w*']\nunless = ['за правилами ліги']\n",
        ),
    )
    patterns = load_patterns(path)
    assert "fines_penalties" in patterns.check("Штраф за запізнення.").ids
    assert "fines_penalties" not in patterns.check("Штраф за запізнення, за правилами ліги.").ids
    both = "Червона картка і штраф, за правилами ліги."
    assert "fines_penalties" in patterns.check(both).ids


def test_an_implied_flag_quotes_the_same_evidence_unless_found_on_its_own() -> None:
    alone = {f.id: f.evidence for f in check_offer("Вартість квитка утримується з зарплати.").flags}
    assert alone["debt_bondage"] == alone["ticket_deduction"] == "квитка утримується"
    text = "Квиток купимо ми, а потім відрахуємо його з вашої зарплати."
    both = {f.id: f.evidence for f in check_offer(text).flags}
    assert both["debt_bondage"] == "купимо ми, а потім відрахуємо"
