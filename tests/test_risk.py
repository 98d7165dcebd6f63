"""Scoring and question order: pure code over the indicator bank."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dialogs.offer_check import FLAG_IDS
from dialogs.risk import (
    FORMS,
    GROUPS,
    ILO_INDICATORS,
    MAX_QUESTIONS,
    MODES,
    Bank,
    Level,
    assess,
    assess_flags,
    default_bank,
    next_question,
    parse_bank,
)

BANK = default_bank()
SOURCE = [{"organisation": "ILO", "url": "https://example.org", "date": "2012"}]


def indicator(id_: str, **overrides: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "id": id_,
        "group": "money",
        "forms": ["labour"],
        "modes": ["offer", "abroad"],
        "weight": 2,
        "severity": "info",
        "parent": "",
        "ilo": [],
        "flags": [],
        "source": SOURCE,
    }
    base.update(overrides)
    return base


def small_bank() -> Bank:
    return parse_bank(
        {
            "indicator": [
                indicator("fee", weight=3, flags=["upfront_fee"]),
                indicator("fee_debt", parent="fee", severity="high", weight=4),
                indicator("passport", group="documents", severity="high", weight=4),
                indicator("threats", group="violence", weight=3, modes=["abroad"]),
                indicator("locked", group="movement", severity="urgent", weight=5),
                indicator("hours", group="conditions", weight=1),
            ],
            "urgent_when": [{"all": ["passport", "threats"]}],
        }
    )


# -- the shipped bank ---------------------------------------------------------------------


def test_the_bank_covers_every_group_form_ilo_indicator_and_ad_flag() -> None:
    indicators = BANK.indicators
    assert {i.group for i in indicators} == set(GROUPS)
    assert {f for i in indicators for f in i.forms} == set(FORMS)
    assert {x for i in indicators for x in i.ilo} == set(ILO_INDICATORS)
    mapped = {f for i in indicators for f in i.flags}
    assert mapped == set(FLAG_IDS), f"flags with no indicator: {set(FLAG_IDS) - mapped}"


def test_labour_exploitation_is_covered_at_least_as_fully_as_sexual() -> None:
    labour = [i for i in BANK.indicators if "labour" in i.forms]
    sexual = [i for i in BANK.indicators if "sexual" in i.forms]
    assert len(labour) >= len(sexual)


def test_both_modes_cover_the_main_groups_with_room_for_follow_ups() -> None:
    for mode in MODES:
        roots = [i for i in BANK.indicators if mode in i.modes and not i.parent]
        assert len(roots) <= 9, mode
        assert {"recruitment", "documents", "money", "movement"} <= {i.group for i in roots}
    abroad_roots = [i for i in BANK.indicators if "abroad" in i.modes and not i.parent]
    assert {i.group for i in abroad_roots} == set(GROUPS)


def test_nothing_asks_the_person_to_label_themselves() -> None:
    for i in BANK.indicators:
        assert "victim" not in i.id
        assert "trafficked" not in i.id


# -- validation ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        (indicator("x", weight=-1), "weight"),
        (indicator("x", weight=0), "weight"),
        (indicator("x", group="other"), "group"),
        (indicator("x", severity="low"), "severity"),
        (indicator("x", modes=[]), "modes"),
        (indicator("x", parent="later"), "earlier"),
        (indicator("x", forms=["slavery"]), "forms"),
        (indicator("x", source=[]), "source"),
        (indicator("X Y"), "id"),
    ],
)
def test_a_bank_mistake_fails_at_load(bad: dict[str, Any], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_bank({"indicator": [bad]})


def test_a_follow_up_must_share_a_mode_with_its_parent() -> None:
    with pytest.raises(ValueError, match="never asked"):
        parse_bank(
            {
                "indicator": [
                    indicator("a", modes=["offer"]),
                    indicator("b", parent="a", modes=["abroad"]),
                ]
            }
        )


# -- scoring ------------------------------------------------------------------------------


def test_levels_from_answers() -> None:
    bank = small_bank()
    assert assess(bank, {}).level is Level.LOW
    assert assess(bank, {"hours": "yes"}).level is Level.LOW
    assert assess(bank, {"fee": "yes"}).level is Level.MEDIUM
    assert assess(bank, {"passport": "yes"}).level is Level.HIGH
    assert assess(bank, {"locked": "yes"}).level is Level.URGENT
    # not sure is a weaker yes: never urgent alone, but it counts.
    assert assess(bank, {"locked": "unsure"}).level is Level.MEDIUM
    assert assess(bank, {"fee": "unsure", "hours": "unsure"}).score == pytest.approx(2.0)


def test_documents_taken_with_threats_is_urgent_though_neither_is_alone() -> None:
    bank = small_bank()
    assert assess(bank, {"threats": "yes"}).level is Level.MEDIUM
    assert assess(bank, {"passport": "yes", "threats": "yes"}).level is Level.URGENT
    assert assess(bank, {"passport": "yes", "threats": "unsure"}).level is Level.HIGH


def test_the_child_rule() -> None:
    bank = small_bank()
    # any sign at all is high risk for a child, whatever the means or consent
    assert assess(bank, {"hours": "yes"}, child=True).level is Level.HIGH
    assert assess(bank, {"hours": "unsure"}, child=True).level is Level.HIGH
    # a serious sign is danger now
    assert assess(bank, {"passport": "yes"}, child=True).level is Level.URGENT
    assert assess(bank, {}, child=True).level is Level.LOW


def test_reasons_put_the_most_serious_first_and_name_forms() -> None:
    bank = small_bank()
    result = assess(bank, {"hours": "yes", "locked": "unsure", "passport": "yes", "fee": "no"})
    # severity first, then "yes" before "not sure", then bank order
    assert result.reasons == ("locked", "passport", "hours")
    assert result.forms == ("labour",)


def test_ad_flags_score_like_answers() -> None:
    bank = small_bank()
    assert assess_flags(bank, ["upfront_fee"]).level is Level.MEDIUM
    assert assess_flags(bank, []).level is Level.LOW
    assert assess_flags(bank, ["upfront_fee", "minors_targeted"]).level is Level.HIGH


ANSWER = st.sampled_from(["yes", "no", "unsure", "ad"])
ORDER = {"no": 0, "unsure": 1, "yes": 2, "ad": 2}


@settings(max_examples=300, deadline=None)
@given(
    answers=st.dictionaries(st.sampled_from([i.id for i in BANK.indicators]), ANSWER),
    raise_id=st.sampled_from([i.id for i in BANK.indicators]),
    child=st.booleans(),
)
def test_more_yes_never_lowers_the_level(
    answers: dict[str, str], raise_id: str, child: bool
) -> None:
    before = assess(BANK, answers, child=child)
    current = answers.get(raise_id, "no")
    for stronger in ("unsure", "yes"):
        if ORDER[stronger] <= ORDER[current]:
            continue
        after = assess(BANK, {**answers, raise_id: stronger}, child=child)
        assert after.level >= before.level
        assert after.score >= before.score
    # a child is never at lower risk than an adult with the same answers
    assert assess(BANK, answers, child=True).level >= assess(BANK, answers).level


# -- asking -------------------------------------------------------------------------------


def test_follow_ups_only_after_yes_or_not_sure() -> None:
    bank = small_bank()
    assert next_question(bank, "offer", {}, asked=0) == "fee"
    assert next_question(bank, "offer", {"fee": "no"}, asked=1) == "passport"
    assert next_question(bank, "offer", {"fee": "unsure"}, asked=1) == "fee_debt"
    # threats is asked only abroad
    asked = {"fee": "no", "passport": "no"}
    assert next_question(bank, "offer", asked, asked=2) == "locked"
    assert next_question(bank, "abroad", asked, asked=2) == "threats"
    # answered (or filled from an ad) questions are not asked again
    assert next_question(bank, "offer", {"fee": "ad"}, asked=0) == "fee_debt"


@settings(max_examples=200, deadline=None)
@given(
    mode=st.sampled_from(MODES),
    choices=st.lists(ANSWER.filter(lambda a: a != "ad"), min_size=60, max_size=60),
)
def test_no_path_asks_more_than_the_limit_and_every_root_is_asked(
    mode: str, choices: list[str]
) -> None:
    answers: dict[str, str] = {}
    asked = 0
    while (question := next_question(BANK, mode, answers, asked=asked)) is not None:
        answers[question] = choices[asked]
        asked += 1
    assert asked <= MAX_QUESTIONS
    roots = {i.id for i in BANK.indicators if mode in i.modes and not i.parent}
    assert roots <= set(answers)
