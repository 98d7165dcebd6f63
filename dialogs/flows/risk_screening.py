"""Risk screening of a job offer or of a situation abroad.

The person says what to check (an offer before going, or work abroad now), for whom, the
age band and the country; an offer can be pasted or forwarded and is read for red flags.
Then questions come from the indicator bank (content/indicators.toml) one at a time, on
one dynamic step: yes / no / not sure, at most ``MAX_QUESTIONS`` on a path. An urgent
answer interrupts at once with emergency numbers and the offer of a person; the result
explains its level with the answers that raised it. It is never a legal verdict.

Answer keys: ``mode``, ``for_whom``, ``age``, ``country``; ``i.<indicator>`` for each
answer (``ad`` when a job ad filled it in); ``_q`` the question on screen, ``_path`` the
questions asked so far (for Back), ``_urgent`` once the urgent screen was shown.
"""

from __future__ import annotations

from collections.abc import Mapping

from dialogs.flow import Answers, Flow, Option, Route, Step, TextRule
from dialogs.flows.common import contacts_arg, country_arg, country_options
from dialogs.flows.subscribe import not_subscribed, offer
from dialogs.offer_check import check_offer
from dialogs.risk import Assessment, Level, assess, default_bank, next_question
from dialogs.types import Answer, Arg, Effect, Fragment, Items, OpenCase, Priority, Reply, Text

__all__ = [
    "AD_MIN_LENGTH",
    "RISK_SCREENING",
    "ad_answers",
    "ad_findings",
    "assessment_of",
    "indicator_answers",
]

#: Shorter texts in the main menu are taken for chat, not for a job ad.
AD_MIN_LENGTH = 60
PREFIX = "i."
_PRIORITY = {Level.URGENT: Priority.URGENT, Level.HIGH: Priority.HIGH}
_EMERGENCY = ("emergency", "police", "hotline")
_RESULT_SERVICES = ("hotline", "emergency", "police", "labour_inspectorate", "victim_support")


def indicator_answers(answers: Answers) -> dict[str, str]:
    return {k[len(PREFIX) :]: str(v) for k, v in answers.items() if k.startswith(PREFIX)}


def assessment_of(answers: Answers) -> Assessment:
    return assess(
        default_bank(), indicator_answers(answers), child=answers.get("age") == "under_18"
    )


def _path(answers: Answers) -> list[str]:
    raw = str(answers.get("_path", ""))
    return raw.split(",") if raw else []


def _advance(answers: dict[str, Answer]) -> dict[str, Answer]:
    """Put the next question on screen (or none when the screening has enough)."""
    following = next_question(
        default_bank(),
        str(answers.get("mode", "offer")),
        indicator_answers(answers),
        asked=len(_path(answers)),
    )
    if following is None:
        answers.pop("_q", None)
    else:
        answers["_q"] = following
    return answers


def _needs_urgent(answers: Answers) -> bool:
    return not answers.get("_urgent") and assessment_of(answers).level is Level.URGENT


def _after_answer(answers: Answers) -> str:
    if _needs_urgent(answers):
        return "urgent"
    return "question" if "_q" in answers else "result"


_AFTER_ANSWER = Route(_after_answer, ("urgent", "question", "result"))


def _answer(value: str) -> Option:
    def update(answers: Answers) -> dict[str, Answer]:
        result = dict(answers)
        current = str(result.get("_q", ""))
        if current:
            result[PREFIX + current] = value
            result["_path"] = ",".join([*_path(result), current])
        return _advance(result)

    return Option(value, f"answer-{value}", _AFTER_ANSWER, update=update)


# -- the job ad ---------------------------------------------------------------------------


def ad_answers(text: str) -> tuple[dict[str, str], tuple[tuple[str, str], ...]]:
    """Indicator answers a job ad fills in, and (flag, evidence) pairs to show."""
    found = check_offer(text).flags
    bank = default_bank()
    filled = dict.fromkeys(bank.for_flags(f.id for f in found), "ad")
    return filled, tuple((f.id, f.evidence) for f in found)


def ad_findings(flags: tuple[tuple[str, str], ...]) -> Reply:
    if not flags:
        # a result too: it says a job ad was checked
        return Reply("ad-no-flags", protect=True)
    lines = tuple(
        Fragment(
            "ad-flag-line",
            {"flag": Fragment(f"flag-{flag.replace('_', '-')}"), "evidence": evidence},
        )
        for flag, evidence in flags
    )
    return Reply("ad-flags-found", {"count": len(flags), "flags": Items(lines)}, protect=True)


def _read_ad(answers: Answers, given: Text) -> tuple[dict[str, Answer], tuple[Effect, ...]]:
    filled, flags = ad_answers(given.text)
    result: dict[str, Answer] = dict(answers)
    result["ad"] = True
    if given.forwarded:
        # Only the kind of origin, never who: "user", "hidden", "chat" or "channel".
        result["ad_origin"] = given.forwarded
    for indicator, value in filled.items():
        result.setdefault(PREFIX + indicator, value)
    return _advance(result), (ad_findings(flags),)


def _after_country(answers: Answers) -> str:
    if answers.get("mode") == "offer" and not answers.get("ad"):
        return "ad"
    return _after_answer(answers)


def _begin(answers: Answers) -> dict[str, Answer]:
    return _advance(dict(answers))


def _back_from_question(answers: Answers) -> str:
    # decided after ``_undo_last``: a restored question means there was one to go back to
    if "_q" in answers:
        return "question"
    return "ad" if answers.get("mode") == "offer" else "country"


def _undo_last(answers: Answers) -> dict[str, Answer]:
    result = dict(answers)
    path = _path(result)
    if path:
        last = path.pop()
        result.pop(PREFIX + last, None)
        result["_path"] = ",".join(path)
        result["_q"] = last
        result.pop("_urgent", None)
    else:
        result.pop("_q", None)
    return result


# -- screens ------------------------------------------------------------------------------


def _who(answers: Answers) -> str:
    return "other" if answers.get("for_whom") == "other" else "self"


def _question_message(answers: Answers) -> str:
    indicator = default_bank().get(str(answers.get("_q", "")))
    return indicator.message if indicator is not None else "screening-no-question"


def _question_args(answers: Answers) -> Mapping[str, Arg]:
    asked = len(_path(answers)) + 1
    return {"who": _who(answers), "number": asked}


def _urgent_args(answers: Answers) -> Mapping[str, Arg]:
    return {
        "who": _who(answers),
        "country": country_arg(answers),
        "contacts": contacts_arg(answers, _EMERGENCY, limit=5),
    }


def _reasons(result: Assessment, answers: Answers) -> Arg:
    bank = default_bank()
    lines: list[Fragment] = []
    for reason in result.reasons[:6]:
        indicator = bank.get(reason)
        if indicator is None:
            continue
        answer = answers.get(PREFIX + reason)
        kind = {"ad": "screening-reason-ad", "unsure": "screening-reason-unsure"}.get(
            str(answer), "screening-reason"
        )
        lines.append(Fragment(kind, {"reason": Fragment(indicator.why)}))
    return Items(tuple(lines)) if lines else Fragment("screening-no-signs")


def _result_args(answers: Answers) -> Mapping[str, Arg]:
    result = assessment_of(answers)
    level = result.level.label
    return {
        "who": _who(answers),
        "level": Fragment(f"level-{level}"),
        "reasons": _reasons(result, answers),
        "next": Fragment(f"screening-next-{level}", {"who": _who(answers)}),
        "child": Fragment("screening-child-note") if result.child else "",
        "country": country_arg(answers),
        "contacts": contacts_arg(answers, _RESULT_SERVICES, limit=6),
    }


def _open_case(reason: str) -> Option:
    def effects(answers: Answers) -> tuple[Effect, ...]:
        level = assessment_of(answers).level
        return (OpenCase(_PRIORITY.get(level, Priority.NORMAL), reason),)

    return Option("yes", "screening-consent-yes", "sent", effects=effects)


def _urgent_case(answers: Answers) -> tuple[Effect, ...]:
    return (OpenCase(Priority.URGENT, "screening_urgent"),)


def _seen_urgent(answers: Answers) -> dict[str, Answer]:
    return {**answers, "_urgent": True}


def _continue_target(answers: Answers) -> str:
    return "question" if "_q" in answers else "result"


_CONTINUE = Route(_continue_target, ("question", "result"))


def _again(answers: Answers) -> dict[str, Answer]:
    return {}


def _calm_and_unsubscribed(answers: Answers) -> bool:
    """Prevention messages are offered after a low-risk result only: someone who may need
    a person now is not asked to subscribe to anything."""
    return not _worth_a_person(answers) and not_subscribed(answers)


def _worth_a_person(answers: Answers) -> bool:
    return assessment_of(answers).level >= Level.MEDIUM


RISK_SCREENING = Flow(
    name="risk_screening",
    version=2,
    renames={"next": "mode"},
    steps=(
        Step(
            "mode",
            "screening-mode",
            options=(
                Option("offer", "screening-mode-offer", "for_whom", record=("mode", "offer")),
                Option("abroad", "screening-mode-abroad", "for_whom", record=("mode", "abroad")),
            ),
        ),
        Step(
            "for_whom",
            "screening-for-whom",
            options=(
                Option("self", "screening-for-self", "age", record=("for_whom", "self")),
                Option("other", "screening-for-other", "age", record=("for_whom", "other")),
            ),
            back="mode",
        ),
        Step(
            "age",
            "screening-age",
            args=lambda a: {"who": _who(a)},
            options=tuple(
                Option(
                    band, f"screening-age-{band.replace('_', '-')}", "country", record=("age", band)
                )
                for band in ("under_18", "age_18_25", "age_26_plus", "age_unknown")
            ),
            back="for_whom",
        ),
        Step(
            "country",
            "screening-country",
            args=lambda a: {"who": _who(a), "mode": str(a.get("mode", "offer"))},
            options=country_options(
                Route(_after_country, ("ad", "urgent", "question", "result")), update=_begin
            ),
            back="age",
            columns=2,
        ),
        Step(
            "ad",
            "screening-ad",
            options=(Option("questions", "screening-ad-skip", _AFTER_ANSWER, update=_begin),),
            back="country",
            text=TextRule(_read_ad, _AFTER_ANSWER),
        ),
        Step(
            "question",
            _question_message,
            args=_question_args,
            key=lambda a: str(a.get("_q", "")),
            options=(_answer("yes"), _answer("no"), _answer("unsure")),
            back=Route(_back_from_question, ("question", "ad", "country")),
            back_update=_undo_last,
            columns=3,
        ),
        Step(
            "urgent",
            "screening-urgent",
            args=_urgent_args,
            options=(
                Option(
                    "person",
                    "screening-urgent-person",
                    "urgent_sent",
                    effects=_urgent_case,
                    update=_seen_urgent,
                ),
                Option("go_on", "screening-urgent-continue", _CONTINUE, update=_seen_urgent),
            ),
            protect=True,
        ),
        Step(
            "urgent_sent",
            "screening-urgent-sent",
            options=(Option("go_on", "screening-urgent-continue", _CONTINUE),),
            protect=True,
        ),
        Step(
            "result",
            "screening-result",
            args=_result_args,
            options=(
                Option("person", "screening-person", "consent", when=_worth_a_person),
                Option("advice", "screening-advice", "@safe_migration"),
                Option("again", "screening-again", "mode", update=_again),
                offer(_calm_and_unsubscribed),
            ),
            protect=True,
            final=True,
        ),
        Step(
            "consent",
            "screening-consent",
            options=(_open_case("screening"), Option("no", "screening-consent-no", "result")),
            back="result",
        ),
        Step(
            "sent",
            "screening-sent",
            options=(
                Option("advice", "screening-advice", "@safe_migration"),
                Option("again", "screening-again", "mode", update=_again),
            ),
            final=True,
        ),
    ),
)
