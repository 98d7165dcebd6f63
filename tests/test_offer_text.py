"""Folding of ad text and patterns (dialogs.offer_text): what is folded, and the index map.

Every text here was written for these tests: no real companies, phones or links.
"""

from __future__ import annotations

import random

from dialogs.offer_text import fold_pattern, mixed_script_words, normalize


def test_normalize_casefolds_and_strips_latvian_diacritics() -> None:
    folded, _ = normalize("PASE JĀATSTĀJ pie Darba Devēja, ĶĒĶIS Ģērbtuve ŅŪŠŽĻČĪ")
    assert folded == "pase jaatstaj pie darba deveja, kekis gerbtuve nuszlci"


def test_normalize_folds_ukrainian_and_russian_letters() -> None:
    folded, _ = normalize("Їжа, ЄВРОПА, Ґанок, ёлка, Йорданія, зв'язок, пам’ять, В`їзд")
    assert folded == "іжа, европа, ганок, елка, йорданія, звязок, память, візд"


def test_normalize_keeps_short_i_even_when_typed_with_a_combining_breve() -> None:
    assert normalize("и\u0306ти")[0] == "йти"
    assert normalize("мій")[0] == "мій"


def test_normalize_maps_latin_lookalikes_in_cyrillic_words_and_back() -> None:
    # Latin a, o, p, c and a capital H inside Cyrillic words; Cyrillic а and е in "pase".
    folded, _ = normalize("Пaспорт дoкументи рoботодавцю НОМЕР pаsе")
    assert folded == "паспорт документи роботодавцю номер pase"
    assert folded.count("a") == 1  # only the Latin word keeps Latin letters
    # Whole-Latin and whole-Cyrillic words are left alone.
    assert normalize("Viber Вайбер")[0] == "viber вайбер"


def test_normalize_collapses_whitespace_and_keeps_line_breaks() -> None:
    folded, _ = normalize("  Робота\t\t в\u00a0Польщі \n\n  без   досвіду \u200b ")
    assert folded == "робота в польщі\nбез досвіду "


def test_normalize_drops_control_and_zero_width_characters_and_unifies_dashes() -> None:
    assert normalize("пас\u200bпорт\u00ad — 3000–4000\x07")[0] == "паспорт - 3000-4000"


def test_normalize_reads_markup_as_spaces() -> None:
    assert normalize("<b>Робота</b>&nbsp;в&amp;Польщі")[0] == "робота в польщі"


def test_normalize_index_map_points_back_to_the_original() -> None:
    text = "  Пaспорт  ЗАЛИШАЄТЕ\n\n у нас’ — ﬁne №5"
    folded, index = normalize(text)
    assert folded == "паспорт залишаете\nу нас - fine no5"
    assert len(index) == len(folded)
    assert index == sorted(index)
    assert text[index[0]] == "П"
    assert text[index[folded.index("з")]] == "З"
    assert text[index[folded.index("\n")]] == "\n"
    fi = folded.index("fi")
    assert index[fi] == index[fi + 1] == text.index("ﬁ")
    assert text[index[folded.index("no")]] == "№"


def test_normalize_index_map_is_consistent_for_random_text() -> None:
    rng = random.Random(7)
    alphabet = "aāšеєїйґ' \n\t—ﬁ№€5ЯzZ\u200b\u0301\u0306и😀<>"
    for _ in range(300):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 40)))
        folded, index = normalize(text)
        assert len(index) == len(folded)
        assert all(0 <= i < len(text) for i in index)
        assert index == sorted(index)
        assert "  " not in folded
        assert not folded.startswith((" ", "\n"))


def test_normalize_of_nothing() -> None:
    assert normalize("") == ("", [])
    assert normalize(" \n\t ") == ("", [])


def test_patterns_are_folded_like_the_text() -> None:
    assert fold_pattern("līgum\\w* Європ") == "ligum\\w*\\sевроп"
    assert fold_pattern("a\\ b") == "a\\ b"  # an escaped space stays a literal space


def test_words_mixing_scripts_are_found_in_patterns() -> None:
    assert mixed_script_words("пеpедоплат|оплат\\w*") == ["пеpедоплат"]
    assert mixed_script_words("\\wоплат|viber") == []
