"""How well, and how fast, the job-ad checker finds red flags, on a labelled set.

The set (tests/data/offers/labelled.toml) was written apart from the patterns: realistic,
invented ads in uk / ru / lv / en, each labelled "red" or "legit" with the flags a careful
reader finds. Figures:

- per ad: an ad counts as flagged when the checker finds any flag, and (stricter) when the
  scored risk is medium or more; precision, recall and F1 against the labels, also per
  language;
- per flag: micro-averaged precision and recall over (ad, flag) pairs, and each flag's own;
- speed: ads per second over the whole set (repeated), and the time of a 4,000-character
  text.

Anchors (the ratios printed): precision 0.90 and recall 0.85 per ad, 0.80 / 0.70 per flag,
1,000 ads per second. They are our targets for a tool that pre-fills a screening, where a
missed flag is worse than an extra question.

    python -m bench.offer_check [--set labelled|heldout] [--repeat 20] [--verbose]

Two sets: ``labelled`` (the development set: the patterns were tuned on it after a first,
blind measurement) and ``heldout`` (written later, apart from both, and used only to
measure). The held-out figures are the honest ones.
"""

from __future__ import annotations

import argparse
import statistics
import time
import tomllib
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from dialogs.offer_check import FLAG_IDS, check_offer
from dialogs.risk import Level, assess_flags, default_bank

SETS = Path(__file__).resolve().parent.parent / "tests" / "data" / "offers"
LABELLED = SETS / "labelled.toml"
ANCHORS = {"ad_precision": 0.90, "ad_recall": 0.85, "flag_precision": 0.80, "flag_recall": 0.70}
SPEED_ANCHOR = 1000.0


@dataclass(frozen=True, slots=True)
class Ad:
    id: str
    locale: str
    red: bool
    flags: frozenset[str]
    text: str


@dataclass(frozen=True, slots=True)
class Scores:
    precision: float
    recall: float

    @property
    def f1(self) -> float:
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0


def load(path: Path = LABELLED) -> list[Ad]:
    with path.open("rb") as handle:
        data = tomllib.load(handle)
    return [
        Ad(a["id"], a["locale"], a["label"] == "red", frozenset(a["flags"]), a["text"])
        for a in data["ad"]
    ]


def scores(tp: int, fp: int, fn: int) -> Scores:
    return Scores(tp / (tp + fp) if tp + fp else 1.0, tp / (tp + fn) if tp + fn else 1.0)


def ad_scores(ads: list[Ad], predicted: dict[str, bool]) -> Scores:
    tp = sum(1 for a in ads if a.red and predicted[a.id])
    fp = sum(1 for a in ads if not a.red and predicted[a.id])
    fn = sum(1 for a in ads if a.red and not predicted[a.id])
    return scores(tp, fp, fn)


def measure(ads: list[Ad]) -> dict[str, object]:
    bank = default_bank()
    found = {a.id: frozenset(f.id for f in check_offer(a.text).flags) for a in ads}
    any_flag = {a.id: bool(found[a.id]) for a in ads}
    medium = {a.id: assess_flags(bank, found[a.id]).level >= Level.MEDIUM for a in ads}
    tp = sum(len(a.flags & found[a.id]) for a in ads)
    fp = sum(len(found[a.id] - a.flags) for a in ads)
    fn = sum(len(a.flags - found[a.id]) for a in ads)
    per_flag: dict[str, Scores] = {}
    support: Counter[str] = Counter()
    for flag in FLAG_IDS:
        ftp = sum(1 for a in ads if flag in a.flags and flag in found[a.id])
        ffp = sum(1 for a in ads if flag not in a.flags and flag in found[a.id])
        ffn = sum(1 for a in ads if flag in a.flags and flag not in found[a.id])
        per_flag[flag] = scores(ftp, ffp, ffn)
        support[flag] = ftp + ffn
    per_locale = {
        loc: ad_scores([a for a in ads if a.locale == loc], any_flag)
        for loc in sorted({a.locale for a in ads})
    }
    return {
        "found": found,
        "ad_any": ad_scores(ads, any_flag),
        "ad_medium": ad_scores(ads, medium),
        "flags": scores(tp, fp, fn),
        "per_flag": per_flag,
        "support": support,
        "per_locale": per_locale,
    }


def speed(ads: list[Ad], repeat: int) -> tuple[float, float]:
    texts = [a.text for a in ads]
    check_offer(texts[0])  # patterns compiled outside the timing
    start = time.perf_counter()
    for _ in range(repeat):
        for text in texts:
            check_offer(text)
    rate = repeat * len(texts) / (time.perf_counter() - start)
    long_text = ("\n".join(texts) * 4)[:4000]
    timings = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        check_offer(long_text)
        timings.append(time.perf_counter() - t0)
    return rate, statistics.median(timings) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", choices=["labelled", "heldout"], default="heldout")
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--verbose", action="store_true", help="list every miss and extra")
    args = parser.parse_args()
    ads = load(SETS / f"{args.set}.toml")
    red = sum(a.red for a in ads)
    print(
        f"{args.set} set: {len(ads)} ads ({red} red, {len(ads) - red} legit), "
        f"{dict(Counter(a.locale for a in ads))}"
    )
    result = measure(ads)
    ad_any: Scores = result["ad_any"]  # type: ignore[assignment]
    ad_medium: Scores = result["ad_medium"]  # type: ignore[assignment]
    flags: Scores = result["flags"]  # type: ignore[assignment]
    print(
        f"per ad, any flag:      precision {ad_any.precision:.2f}  recall {ad_any.recall:.2f}"
        f"  F1 {ad_any.f1:.2f}   ratio to anchor {ad_any.precision / ANCHORS['ad_precision']:.2f}"
        f" / {ad_any.recall / ANCHORS['ad_recall']:.2f}"
    )
    print(
        f"per ad, risk >= medium: precision {ad_medium.precision:.2f}  "
        f"recall {ad_medium.recall:.2f}  F1 {ad_medium.f1:.2f}"
    )
    print(
        f"per flag (micro):      precision {flags.precision:.2f}  recall {flags.recall:.2f}"
        f"  F1 {flags.f1:.2f}   ratio to anchor {flags.precision / ANCHORS['flag_precision']:.2f}"
        f" / {flags.recall / ANCHORS['flag_recall']:.2f}"
    )
    per_locale: dict[str, Scores] = result["per_locale"]  # type: ignore[assignment]
    print(
        "per language (any flag): "
        + ", ".join(f"{loc} P {s.precision:.2f} R {s.recall:.2f}" for loc, s in per_locale.items())
    )
    per_flag: dict[str, Scores] = result["per_flag"]  # type: ignore[assignment]
    support: Counter[str] = result["support"]  # type: ignore[assignment]
    print(
        "per flag: "
        + ", ".join(
            f"{flag} P {s.precision:.2f} R {s.recall:.2f} (n={support[flag]})"
            for flag, s in per_flag.items()
        )
    )
    rate, long_ms = speed(ads, args.repeat)
    print(
        f"speed: {rate:,.0f} ads/s (ratio to {SPEED_ANCHOR:,.0f}/s anchor "
        f"{rate / SPEED_ANCHOR:.2f}); a 4,000-character text: {long_ms:.2f} ms"
    )
    if args.verbose:
        found: dict[str, frozenset[str]] = result["found"]  # type: ignore[assignment]
        for ad in ads:
            missed, extra = ad.flags - found[ad.id], found[ad.id] - ad.flags
            if missed or extra:
                print(f"  {ad.id}: missed {sorted(missed)} extra {sorted(extra)}")


if __name__ == "__main__":
    main()
