"""``lastivka check-offer`` and ``lastivka contacts`` as NGO staff use them."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from bot.cli import app
from bot.content_cli import split_ads

RED = (
    "Терміново! Робота в Польщі, 4000 євро на місяць без досвіду. "
    "Оплата за оформлення 250 євро до виїзду. Паспорт залишаєте у роботодавця."
)
LEGIT = (
    "Company Example Sp. z o.o. (KRS 0000000000) hires warehouse staff in Poznań. "
    "Written contract before departure, 24 PLN/h gross, housing provided, no fees for candidates."
)


def test_split_ads_on_separator_lines_only() -> None:
    text = "one\n---\n\n---\ntwo --- still two\n ---  \nthree\n"
    assert list(split_ads(text)) == ["one", "two --- still two", "three"]


def test_check_offer_prints_one_json_object_per_ad(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "ads.txt"
    path.write_text(f"{RED}\n---\n{LEGIT}\n", encoding="utf-8")
    result = runner.invoke(app, ["check-offer", str(path), "--json"])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.output.splitlines()]
    assert len(records) == 2
    red, legit = records
    assert red["risk"] in {"high", "urgent"}
    ids = {f["id"] for f in red["flags"]}
    assert {"upfront_fee", "document_retention"} <= ids
    for flag in red["flags"]:
        assert flag["evidence"]
        assert flag["evidence"] in RED
    assert legit == {"risk": "low", "flags": []}


def test_check_offer_reads_stdin_and_names_flags_in_the_chosen_language(
    runner: CliRunner,
) -> None:
    result = runner.invoke(app, ["check-offer", "-", "--locale", "uk"], input=RED)
    assert result.exit_code == 0, result.output
    assert "паспорт" in result.output.lower()
    bad = runner.invoke(app, ["check-offer", "missing.txt"])
    assert bad.exit_code == 2
    assert "no such file" in bad.output
    assert runner.invoke(app, ["check-offer", "--locale", "de"], input=RED).exit_code == 2


def test_contacts_list_verify_and_stale(runner: CliRunner) -> None:
    listed = runner.invoke(app, ["contacts", "--country", "UA"])
    assert listed.exit_code == 0, listed.output
    assert "ua-iom-527" in listed.output
    stale = runner.invoke(app, ["contacts", "--stale", "--max-age", "30"])
    assert "ua-iom-527" in stale.output
    done = runner.invoke(app, ["contacts", "verify", "ua-iom-527", "--by", "duty officer"])
    assert done.exit_code == 0, done.output
    stale_after = runner.invoke(app, ["contacts", "--stale", "--max-age", "30"])
    assert "ua-iom-527" not in stale_after.output
    listed_after = runner.invoke(app, ["contacts", "--country", "UA"])
    assert "ua-iom-527" in listed_after.output
    unknown = runner.invoke(app, ["contacts", "verify", "xx-nothing"])
    assert unknown.exit_code == 2
    future = runner.invoke(app, ["contacts", "verify", "ua-iom-527", "--date", "2999-01-01"])
    assert future.exit_code == 2
