"""Campaign files (bot/campaigns/spec.py): reading, the errors a bad file gets, the checks
before sending (Telegram's HTML, lengths, translations, discreet first lines) and the
terminal preview. The examples in tests/data/campaigns are the documentation's files."""

from __future__ import annotations

import io
import json
import re
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
import yaml
from rich.console import Console

from bot.campaigns.spec import (
    MAX_CAPTION,
    MAX_TEXT,
    CampaignError,
    CampaignSpec,
    Problem,
    check_campaign,
    deep_link,
    load_campaign,
    preview,
    telegram_html_problems,
    visible_text,
)
from bot.discretion import first_line, load_sensitive_words

EXAMPLES = Path(__file__).parent / "data" / "campaigns"
PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 64


def base() -> dict[str, Any]:
    """A small valid campaign, as a YAML file would hold it."""
    return {
        "name": "test-campaign",
        "text": {"uk": "<b>Привіт</b>\nКілька порад.", "en": "<b>Hello</b>\nA few tips."},
        "buttons": [{"label": {"uk": "Перевірити", "en": "Check"}, "flow": "screening"}],
        "audience": {"topics": ["jobs"]},
    }


def write(tmp_path: Path, data: object, name: str = "campaign.yaml") -> Path:
    path = tmp_path / name
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def load(tmp_path: Path, data: object) -> CampaignSpec:
    return load_campaign(write(tmp_path, data))


def render(spec: CampaignSpec, *, campaign_id: int | None = 7) -> str:
    console = Console(record=True, width=100, file=io.StringIO())
    console.print(preview(spec, bot_username="lastivka_bot", campaign_id=campaign_id))
    return console.export_text()


def flat(text: str) -> str:
    """Text with panel borders gone and whitespace collapsed (wrapping does not matter)."""
    return " ".join(text.translate(str.maketrans("│╭╮╰╯─", "      ")).split())


# ---- the examples ------------------------------------------------------------------------


def test_spring_example_loads_with_every_field() -> None:
    spec = load_campaign(EXAMPLES / "spring.toml")
    assert spec.name == "spring-jobs-2027"
    assert list(spec.texts) == ["uk", "ru", "lv", "en"]
    assert [(b.flow, b.url) for b in spec.buttons] == [
        ("screening", None),
        (None, "https://example.org/tips"),
    ]
    assert spec.audience.topics == ("jobs", "travel")
    assert spec.audience.locales == ("uk", "ru", "lv", "en")
    assert spec.audience.countries == ("pl", "de")  # "PL" in the file
    assert spec.schedule_at == datetime(2027, 3, 1, 7, 0, tzinfo=UTC)
    assert spec.paid is False
    assert spec.image is None
    assert check_campaign(spec) == []


def test_rights_example_is_in_two_locales_and_warns_about_the_others() -> None:
    spec = load_campaign(EXAMPLES / "rights.yaml")
    assert list(spec.texts) == ["uk", "en"]
    assert spec.audience.topics == ("rights",)
    assert spec.audience.locales == ("uk", "en")
    assert spec.schedule_at is None
    problems = check_campaign(spec)
    assert [(p.level, p.locale) for p in problems] == [("warning", "ru"), ("warning", "lv")]
    assert problems[0].message == "missing locale ru: people who chose it are not in the audience"


@pytest.mark.parametrize("name", ["spring.toml", "rights.yaml"])
def test_examples_round_trip_through_json(name: str) -> None:
    spec = load_campaign(EXAMPLES / name)
    stored = json.loads(json.dumps(spec.to_json()))
    again = CampaignSpec.from_json(stored)
    assert again == spec
    assert again.to_json() == stored


@pytest.mark.parametrize("name", ["spring.toml", "rights.yaml"])
def test_examples_have_discreet_first_lines(name: str) -> None:
    words = load_sensitive_words()
    for locale, text in load_campaign(EXAMPLES / name).texts.items():
        line = first_line(text)
        assert line
        assert words.for_locale(line, locale) == [], (locale, line)


def test_a_spec_with_an_image_round_trips(tmp_path: Path) -> None:
    (tmp_path / "spring.png").write_bytes(PNG)
    spec = load(tmp_path, {**base(), "image": "spring.png", "paid": True})
    assert spec.image == str((tmp_path / "spring.png").resolve())
    assert CampaignSpec.from_json(json.loads(json.dumps(spec.to_json()))) == spec
    with pytest.raises(CampaignError, match=r"image: .* not an absolute path"):
        CampaignSpec.from_json({**spec.to_json(), "image": "spring.png"})


def test_a_spec_cannot_be_changed_after_reading() -> None:
    spec = load_campaign(EXAMPLES / "rights.yaml")
    with pytest.raises(TypeError):
        spec.texts["uk"] = "x"  # type: ignore[index]
    with pytest.raises(TypeError):
        spec.buttons[0].labels["en"] = "x"  # type: ignore[index]


# ---- bad files ---------------------------------------------------------------------------


def _set(path: str, value: object) -> Any:
    def change(data: dict[str, Any]) -> None:
        *parents, last = path.split(".")
        target: Any = data
        for part in parents:
            target = target[int(part)] if part.isdigit() else target.setdefault(part, {})
        target[last] = value

    return change


BAD: list[tuple[str, Any, str, str]] = [
    ("unknown key", _set("titel", "x"), "titel", "unknown key"),
    ("unknown inner key", _set("audience.topic", ["jobs"]), "audience.topic", 'mean "topics"'),
    ("unknown locale", _set("text.de", "Hallo"), "text.de", "text takes uk, ru, lv, en"),
    ("bad name", _set("name", "Spring Jobs"), "name", "lower-case"),
    ("short name", _set("name", "ab"), "name", "3 to 40"),
    ("unknown topic", _set("audience.topics", ["jobz"]), "audience.topics", "not a topic"),
    ("topics not a list", _set("audience.topics", "jobs"), "audience.topics", "expected a list"),
    ("no topics", _set("audience.topics", []), "audience.topics", "empty"),
    ("unknown locale", _set("audience.locales", ["de"]), "audience.locales", "not a locale"),
    ("bad country", _set("audience.countries", ["pol"]), "audience.countries", "two-letter"),
    ("YAML's no", _set("audience.countries", [False]), "audience.countries", "quote them"),
    ("paid as text", _set("paid", "no"), "paid", "expected true or false"),
    ("unknown flow", _set("buttons.0.flow", "screen"), "buttons[1].flow", "not a flow"),
    ("empty label", _set("buttons.0.label.en", " "), "buttons[1].label.en", "empty"),
    ("long label", _set("buttons.0.label.en", "x" * 41), "buttons[1].label.en", "at most 40"),
    ("label as text", _set("buttons.0.label", "Check"), "buttons[1].label", "expected a table"),
    ("empty text", _set("text", {}), "text", "at least one locale"),
    ("text a number", _set("text.uk", 5), "text.uk", "expected text, got the number 5"),
    ("schedule text", _set("schedule.at", "next monday"), "schedule.at", "not an ISO 8601"),
    ("schedule date", _set("schedule.at", "2027-03-01"), "schedule.at", "no UTC offset"),
    ("image http", _set("image", "http://x.org/a.png"), "image", "not an https://"),
    ("image gif", _set("image", "a.gif"), "image", ".jpg, .jpeg or .png"),
]


@pytest.mark.parametrize(
    ("change", "key", "reason"), [case[1:] for case in BAD], ids=[case[0] for case in BAD]
)
def test_a_bad_file_names_the_key(tmp_path: Path, change: Any, key: str, reason: str) -> None:
    data = base()
    change(data)
    path = write(tmp_path, data)
    with pytest.raises(CampaignError) as caught:
        load_campaign(path)
    assert caught.value.key == key
    assert reason in caught.value.reason
    assert str(caught.value) == f"{path}: {key}: {caught.value.reason}"


def test_an_unknown_topic_message_lists_the_topics(tmp_path: Path) -> None:
    data = base()
    data["audience"]["topics"] = ["jobs", "jobz"]
    with pytest.raises(CampaignError) as caught:
        load(tmp_path, data)
    expected = 'audience.topics: "jobz" is not a topic (jobs, travel, rights, news)'
    assert str(caught.value).endswith(expected)


@pytest.mark.parametrize(
    ("button", "reason"),
    [
        ({"url": "http://example.org/tips"}, '"http://example.org/tips" is not an https://'),
        ({"url": "https://"}, "is not an https://"),
        ({"url": "https://example.org/a b"}, "is not an https://"),
        ({"flow": "help", "url": "https://example.org"}, "has both flow and url"),
        ({}, "needs flow (starts a bot flow) or url"),
    ],
)
def test_a_button_starts_a_flow_or_opens_an_https_page(
    tmp_path: Path, button: dict[str, str], reason: str
) -> None:
    data = base()
    data["buttons"] = [{"label": {"uk": "Сайт", "en": "Website"}, **button}]
    with pytest.raises(CampaignError, match="buttons\\[1\\]") as caught:
        load(tmp_path, data)
    assert reason in caught.value.reason


def test_at_most_three_buttons(tmp_path: Path) -> None:
    data = base()
    data["buttons"] = data["buttons"] * 3
    assert len(load(tmp_path, data).buttons) == 3
    data["buttons"] = data["buttons"] + data["buttons"][:1]
    with pytest.raises(CampaignError) as caught:
        load(tmp_path, data)
    assert caught.value.key == "buttons"
    assert "4 buttons; at most 3" in caught.value.reason


def test_the_audience_is_required(tmp_path: Path) -> None:
    data = base()
    del data["audience"]
    with pytest.raises(CampaignError) as caught:
        load(tmp_path, data)
    assert (caught.value.key, caught.value.reason) == ("audience", "required, but missing")


def test_a_naive_schedule_time_is_refused(tmp_path: Path) -> None:
    data = base()
    data["schedule"] = {"at": "2027-03-01T09:00:00"}
    with pytest.raises(CampaignError, match=r"schedule\.at: .*no UTC offset: say which zone"):
        load(tmp_path, data)
    data["schedule"] = {"at": "2027-03-01T09:00:00Z"}
    assert load(tmp_path, data).schedule_at == datetime(2027, 3, 1, 9, tzinfo=UTC)


def test_a_toml_local_datetime_is_refused_and_an_offset_one_read(tmp_path: Path) -> None:
    text = 'name = "toml-times"\ntext = { en = "Hello" }\naudience = { topics = ["news"] }\n'
    path = tmp_path / "times.toml"
    path.write_text(text + "[schedule]\nat = 2027-03-01T09:00:00\n", encoding="utf-8")
    with pytest.raises(CampaignError, match="no UTC offset"):
        load_campaign(path)
    path.write_text(text + "[schedule]\nat = 2027-03-01T09:00:00+02:00\n", encoding="utf-8")
    assert load_campaign(path).schedule_at == datetime(2027, 3, 1, 7, tzinfo=UTC)


def test_image_files_are_checked(tmp_path: Path) -> None:
    data = {**base(), "image": "pictures/spring.jpg"}
    with pytest.raises(CampaignError, match=re.escape('image: "pictures/spring.jpg" not found')):
        load(tmp_path, data)
    (tmp_path / "pictures").mkdir()
    picture = tmp_path / "pictures" / "spring.jpg"
    picture.write_bytes(b"GIF89a" + b"\0" * 64)
    with pytest.raises(CampaignError, match="not a JPEG or PNG image inside"):
        load(tmp_path, data)
    picture.write_bytes(b"\xff\xd8\xff\xe0" + b"\0" * 64)
    assert load(tmp_path, data).image == str(picture.resolve())
    with picture.open("r+b") as file:
        file.truncate(10 * 1024 * 1024 + 1)
    with pytest.raises(CampaignError, match=re.escape("10.0 MB; Telegram takes 10 MB")):
        load(tmp_path, data)


def test_an_https_image_is_kept_as_given(tmp_path: Path) -> None:
    spec = load(tmp_path, {**base(), "image": "https://example.org/spring.png"})
    assert spec.image == "https://example.org/spring.png"


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("bad.toml", 'name = "x\ntext = 1\n', "not valid TOML: .*line 1"),
        ("bad.yaml", "name: [a, b\ntext: 1\n", "not valid YAML: .*line 2"),
        (
            "twice.yaml",
            "name: a-b-c\nname: d-e-f\n",
            "not valid YAML: the key 'name' is given twice \\(line 2",
        ),
        ("list.yml", "- a\n- b\n", "expected a table, got a list"),
        ("empty.yaml", "", "expected a table, got nothing"),
        ("campaign.json", "{}", "a campaign file ends in .toml, .yaml or .yml"),
    ],
)
def test_unreadable_files(tmp_path: Path, name: str, content: str, reason: str) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with pytest.raises(CampaignError, match=f"^{re.escape(str(path))}: {reason}"):
        load_campaign(path)


def test_a_missing_file(tmp_path: Path) -> None:
    with pytest.raises(CampaignError, match="cannot read it: No such file"):
        load_campaign(tmp_path / "nowhere.toml")


# ---- Telegram's HTML ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "<b>bold</b> <strong>strong</strong> <i>i</i> <em>em</em> <u>u</u> <s>s</s>",
        '<a href="https://example.org/?a=1&amp;b=2">a link</a>',
        "Tom &amp; Jerry &lt;3 &gt; &quot;x&quot; &#128512; &#x1F600;",
        '<b>bold <i>both</i></b> <span class="tg-spoiler">x</span> <tg-spoiler>y</tg-spoiler>',
        "<pre><code class=\"language-python\">print('x')</code></pre> <code>a &lt; b</code>",
        '<blockquote expandable>quote</blockquote> <tg-emoji emoji-id="5368">👍</tg-emoji>',
        "first line\nsecond line > third",
    ],
)
def test_html_telegram_accepts(text: str) -> None:
    assert telegram_html_problems(text) == []


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("<b>unclosed", "<b> is never closed (add </b>)"),
        ("<b><i>x</b></i>", "</b> comes before </i>: close <i> first"),
        ("x</b>", "</b> has no opening <b>"),
        ("one<br>two", "<br> is not allowed: Telegram keeps line breaks, use a newline"),
        ("one<br/>two", "<br> is not allowed"),
        ("<div>x</div>", "<div> is not a tag Telegram accepts"),
        ("<span>x</span>", '<span> needs class="tg-spoiler"'),
        ('<span class="red">x</span>', '<span> needs class="tg-spoiler"'),
        ('<b class="x">y</b>', "<b> does not take the attribute class"),
        ('<a href="https://x.org" target="_blank">y</a>', "<a> does not take the attribute target"),
        ("<a>y</a>", "<a> needs href"),
        ("<code><b>x</b></code>", "<b> inside <code>"),
        ("<b/>", "<b/>: no self-closing tags"),
        ("Tom & Jerry", 'a bare "&": write &amp;'),
        ("Tom &amp Jerry", 'a bare "&": write &amp;'),
        ("a&nbsp;b", "&nbsp; is not an entity Telegram knows"),
        ("1 < 2", 'a "<" that does not start a tag: write &lt;'),
        ("<!-- note -->x", "<!-- comments --> are not allowed"),
    ],
)
def test_html_telegram_refuses(text: str, problem: str) -> None:
    problems = telegram_html_problems(text)
    assert len(problems) == 1, problems
    assert problems[0].startswith(problem)


def test_one_problem_per_kind_of_mistake() -> None:
    assert telegram_html_problems("a & b & c\n<b>x") == [
        'a bare "&": write &amp;',
        "<b> is never closed (add </b>)",
    ]


def test_visible_text_is_what_the_person_reads() -> None:
    html_text = '<b>Tom &amp; Jerry</b>\n<a href="https://x.org">&lt;site&gt;</a> &#128512;'
    assert visible_text(html_text) == "Tom & Jerry\n<site> 😀"


# ---- checks ------------------------------------------------------------------------------


def errors(spec: CampaignSpec) -> list[str]:
    return [f"{p.locale}: {p.message}" for p in check_campaign(spec) if p.level == "error"]


def test_html_problems_are_errors_of_their_locale(tmp_path: Path) -> None:
    data = base()
    data["text"]["en"] = "<b>Hello</b><br>A few tips."
    problems = check_campaign(load(tmp_path, data))
    assert problems[0] == Problem(
        level="error",
        locale="en",
        message="text.en: <br> is not allowed: Telegram keeps line breaks, use a newline",
    )


@pytest.mark.parametrize(
    ("visible", "image", "too_long"),
    [
        (MAX_TEXT, False, False),
        (MAX_TEXT + 1, False, True),
        (MAX_CAPTION, True, False),
        (MAX_CAPTION + 1, True, True),
    ],
)
def test_text_length_is_counted_as_telegram_does(
    tmp_path: Path, visible: int, image: bool, too_long: bool
) -> None:
    data = base()
    data["text"]["en"] = "<b>Hello</b>\n" + "a" * (visible - len("Hello\n"))
    if image:
        (tmp_path / "a.png").write_bytes(PNG)
        data["image"] = "a.png"
    spec = load(tmp_path, data)
    assert len(visible_text(spec.texts["en"])) == visible
    kind = "a photo caption" if image else "a message"
    limit = MAX_CAPTION if image else MAX_TEXT
    expected = f"en: text.en: {visible} characters to read; {kind} takes at most {limit}"
    assert (expected in errors(spec)) is too_long
    assert [e for e in errors(spec) if e != expected] == []


def test_long_html_source_with_short_visible_text_fits(tmp_path: Path) -> None:
    data = base()
    data["text"]["en"] = "<b>x</b> &amp; " * 1000  # 15,000 characters of source
    assert len(data["text"]["en"]) > 3 * MAX_TEXT
    spec = load(tmp_path, data)
    assert len(visible_text(spec.texts["en"])) == 4000
    assert errors(spec) == []


def test_length_is_in_utf16_units(tmp_path: Path) -> None:
    data = base()
    data["text"]["en"] = "😀" * (MAX_TEXT // 2 + 1)  # 2049 characters, 4098 UTF-16 units
    assert errors(load(tmp_path, data)) == [
        "en: text.en: 4098 characters to read; a message takes at most 4096"
    ]


def test_an_audience_locale_needs_a_text_and_every_text_its_labels(tmp_path: Path) -> None:
    data = base()
    data["audience"]["locales"] = ["uk", "ru"]
    data["text"]["lv"] = "Sveiki"
    assert errors(load(tmp_path, data)) == [
        "ru: audience.locales has ru, but there is no text.ru",
        "lv: buttons[1].label.lv: missing, and there is a text in lv",
    ]


def test_nothing_to_read_is_an_error(tmp_path: Path) -> None:
    data = base()
    data["text"]["en"] = "<b> </b>"
    assert errors(load(tmp_path, data)) == [
        "en: text.en: nothing left to read once tags are removed"
    ]


def test_missing_locales_are_warnings(tmp_path: Path) -> None:
    problems = check_campaign(load(tmp_path, base()))
    assert problems == [
        Problem(
            level="warning",
            locale=locale,
            message=f"missing locale {locale}: people who chose it are not in the audience",
        )
        for locale in ("ru", "lv")
    ]


def test_a_sensitive_first_line_is_a_warning(tmp_path: Path) -> None:
    data = base()
    data["text"]["en"] = "<b>Help for trafficking victims</b>\nA few tips."
    data["text"]["uk"] = "<b>Кілька порад</b>\nДопомога постраждалим від торгівлі людьми."
    warnings = [p for p in check_campaign(load(tmp_path, data)) if p.level == "warning"]
    sensitive = [p for p in warnings if "first line" in p.message]
    assert sensitive == [
        Problem(
            level="warning",
            locale="en",
            message="text.en: the first line shows trafficking, victims in notification "
            "previews; move such words further down",
        )
    ]


def test_countries_without_travel_are_a_warning(tmp_path: Path) -> None:
    data = base()
    data["audience"]["countries"] = ["pl"]
    warnings = [p for p in check_campaign(load(tmp_path, data)) if p.locale is None]
    assert [p.message for p in warnings] == [
        'audience.countries: used only with the topic "travel", which is not chosen'
    ]
    data["audience"]["topics"] = ["jobs", "travel"]
    assert [p for p in check_campaign(load(tmp_path, data)) if p.locale is None] == []


# ---- preview and links -------------------------------------------------------------------


def test_deep_link() -> None:
    assert deep_link("lastivka_bot", 12, "help") == "https://t.me/lastivka_bot?start=c12-help"
    assert deep_link("@lastivka_bot", 12, "help") == "https://t.me/lastivka_bot?start=c12-help"
    with pytest.raises(ValueError, match="unknown deep-link flow"):
        deep_link("lastivka_bot", 12, "nope")


def test_preview_shows_every_locale_its_buttons_and_the_stop_button() -> None:
    spec = load_campaign(EXAMPLES / "spring.toml")
    rendered = render(spec)
    shown = flat(rendered)
    for locale, text in spec.texts.items():
        assert f"╭─ {locale} ─" in rendered
        assert flat(visible_text(text)) in shown
        assert (
            f"[ {spec.buttons[0].labels[locale]} ] → t.me/lastivka_bot?start=c7-screening" in shown
        )
        assert f"[ {spec.buttons[1].labels[locale]} ] → https://example.org/tips" in shown
    assert shown.count("[ stop these messages ]") == 4
    assert "<b>" not in shown


def test_preview_without_an_id_and_with_missing_locales() -> None:
    spec = load_campaign(EXAMPLES / "rights.yaml")
    shown = flat(render(spec, campaign_id=None))
    assert "[ Talk to a consultant ] → t.me/lastivka_bot?start=c…-human" in shown
    assert shown.count("(no text: not sent to people who use this language)") == 2


def test_preview_shows_the_image_and_tags_as_styles(tmp_path: Path) -> None:
    (tmp_path / "spring.png").write_bytes(PNG)
    data = {**base(), "image": "spring.png"}
    data["text"]["en"] = "<b>Hello</b> <i>there</i>"
    spec = load(tmp_path, data)
    assert "🖼 image: spring.png" in render(spec)
    console = Console(record=True, width=100, file=io.StringIO(), color_system="standard")
    console.print(preview(spec, bot_username="lastivka_bot"))
    ansi = console.export_text(styles=True)
    assert "\x1b[1mHello\x1b[0m" in ansi
    assert "\x1b[3mthere\x1b[0m" in ansi


def test_preview_does_not_read_rich_markup_from_the_file(tmp_path: Path) -> None:
    data = base()
    data["text"]["en"] = "<b>Hello</b> [bold]x[/bold] [red]y[/red]"
    data["buttons"][0]["label"]["en"] = "[link=https://evil.example]z[/link]"
    shown = render(load(tmp_path, data))
    assert "[bold]x[/bold] [red]y[/red]" in shown
    assert "[ [link=https://evil.example]z[/link] ]" in shown
