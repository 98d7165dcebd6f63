"""The job-ad red-flag checker: folding, every flag in four languages, legitimate ads, limits.

Every text here was written for these tests: no real companies, phones or links.
"""

from __future__ import annotations

import random
import time
from pathlib import Path

import pytest

from dialogs.offer_check import (
    DEFAULT_PATH,
    FLAG_IDS,
    OfferCheck,
    check_offer,
    load_patterns,
    normalize,
)

# --- normalize -----------------------------------------------------------------------------


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


# --- every flag, four languages, spelling variants ---------------------------------------

EXAMPLES: dict[str, list[str]] = {
    "upfront_fee": [
        "Перед виїздом потрібно внести передоплату 150 євро за оформлення документів.",
        "Вартість послуг агентства — 300 євро, оплата до від'їзду.",
        "Пeредоплата 100 євро, решта на місці.",  # Latin "e" inside the word
        "Предоплата за визу 250 евро, остальное после приезда.",
        "Регистрационный сбор 50 долларов оплачивается заранее.",
        "Pirms izbraukšanas jāsamaksā 200 eiro par dokumentu noformēšanu.",
        "Prieksapmaksa 150 eiro, pec tam darbs Norvegija.",
        "A placement fee of 400 EUR must be paid before departure.",
        "Candidates pay a registration fee up front.",
        "Оплата послуг агенства 200 евро наперед.",  # суржик
    ],
    "document_retention": [
        "На час контракту паспорт залишається у роботодавця.",
        "Закордонні паспорти працівників зберігаються в офісі фірми.",
        "Пaспорт здаєте координатору по приїзду.",
        "Документы сдаются бригадиру на хранение.",
        "По приезду работодатель заберет ваш паспорт.",
        "Паспорт оставляєте у роботодателя.",  # суржик
        "Pases glabās darba devējs visu līguma laiku.",
        "Ierodoties pase jaatstaj pie koordinatora.",
        "Your passport will be kept by the employer.",
        "On arrival you hand over your passport to the supervisor.",
    ],
    "debt_bondage": [
        "Квиток купимо ми, а борг відпрацюєте за перший місяць.",
        "Витрати на дорогу та житло відпрацьовуються на місці.",
        "Дорогу оплачиваем мы, потом отработаете долг на месте.",
        "Жильё предоставляем в долг, сумма растет каждую неделю.",
        "Ceļa izdevumus vajadzēs atstrādāt pirmajā mēnesī.",
        "Parads par dzivokli bus jaatstrada.",
        "We buy the ticket and you work off the debt in two months.",
        "You will owe the agency 1500 EUR for the trip.",
    ],
    "ticket_deduction": [
        "Вартість квитка вираховується з першої зарплати.",
        "Проїзд до місця роботи за рахунок першої зарплати.",
        "Стоимость билета удерживается из зарплаты.",
        "Перелет вычтем из первой зарплаты.",
        "Biļetes cena tiks ieturēta no pirmās algas.",
        "Celu izdevumi tiks atskaititi no algas.",
        "Your airfare will be deducted from your first salary.",
        "Travel costs are taken out of your wages.",
    ],
    "no_contract": [
        "Працюємо без договору, оплата щотижня готівкою.",
        "Рaботаєм бeз договора, всьо наличкою.",  # суржик with Latin look-alikes
        "Контракт підпишете на місці, після приїзду.",
        "Работа неофициальная, зарплата в конверте.",
        "Договор не нужен, все на доверии.",
        "Darbs bez līguma, alga aploksnē.",
        "Liguma nebus, stradasiet neoficiali.",
        "No contract needed, cash in hand every Friday.",
        "The contract will be signed on arrival.",
    ],
    "tourist_visa_work": [
        "Виїзд по туристичній візі, на місці працевлаштуємо.",
        "Працюємо по безвізу, біометрика обов'язкова.",
        "Едете по туристической визе, работа сразу.",
        "Рабочая виза не нужна, все оформим там.",
        "Brauksiet ar tūristu vīzu, darbs uzreiz.",
        "Darba vizu nevajag, brauksiet ka turisti.",
        "You will travel on a tourist visa and start work the next day.",
        "No papers needed, you come as a tourist.",
    ],
    "unrealistic_pay": [
        "Збирання полуниці, 3500 євро на місяць, досвід не потрібен.",
        "Оплата від 25 €/год, без досвіду та знання мови.",
        "Зарплата $5000 в месяц, без опыта.",
        "Легкие деньги для всех желающих.",
        "Alga 3000 eiro mēnesī, pieredze nav nepieciešama.",
        "Darbs noliktava, 22 eur stunda, bez pieredzes.",
        "Earn 4,000 EUR per month, no experience required.",
        "High salary, no experience or language needed.",
        "Робота на фабриці, від 3 500 € чистими на місяць, знання мови не потрібне.",
    ],
    "vague_employer": [
        "Наше агентство пропонує роботу для всіх охочих.",
        "Великий завод у Польщі шукає працівників, деталі: звертатися до Оксани.",
        "Крупная компания в Европе приглашает на работу.",
        "По всем вопросам обращаться к Светлане.",
        "Liels uzņēmums ārzemēs meklē strādniekus.",
        "Musu agentura piedava darbu Vacija.",
        "A leading company in Europe is hiring now.",
        "Jobs abroad, contact Maria on WhatsApp.",
    ],
    "messenger_only": [
        "Всі деталі пишіть у Viber.",
        "Для запису — в особисті.",
        "Подробности в лс.",
        "Связь только через WhatsApp: +000 00 000 0000.",
        "Sīkāka informācija, rakstiet privāti.",
        "Zvaniet vai rakstiet Whatsapp.",
        "DM me for details.",
        "Apply via Telegram @work_abroad_jobs",
    ],
    "urgency_pressure": [
        "Терміново! Виїзд вже цього тижня.",
        "Залишилось лише 3 місця, встигніть записатися!",
        "Срочно требуются рабочие, выезд завтра.",
        "Осталось всего два места!",
        "Steidzami vajadzīgi strādnieki, izbraukšana rīt.",
        "Palikusas tikai divas vietas!",
        "Urgent hiring, departure tomorrow!",
        "Only 2 places left, decide now.",
    ],
    "secrecy": [
        "Нікому не розповідайте про цю вакансію.",
        "Не кажіть батькам, поки не влаштуєтесь.",
        "Никому не говорите о нашем разговоре.",
        "Никoму не гoворите, куда едете.",  # Latin "o" twice
        "Удалите переписку после прочтения.",
        "Nevienam nestāstiet par šo darbu.",
        "Tas ir noslepums, nesakiet gimenei.",
        "Don't tell anyone about this offer.",
        "Keep this job secret from your family.",
    ],
    "restricted_movement": [
        "Виходити з території без дозволу не можна.",
        "Телефони здаються на вахті.",
        "Тeлeфони здaються охороні.",  # Latin "e" and "a"
        "Выход с территории только с охраной.",
        "Нельзя покидать общежитие после 20:00.",
        "Iziet no teritorijas nedrīkst.",
        "Telefonus atnem uz visu laiku.",
        "Workers are not allowed to leave the dormitory.",
        "Phones are collected at the start of the contract.",
    ],
    "sexual_exploitation_hint": [
        "Робота для привабливих дівчат у нічному клубі.",
        "Запрошуємо хостес, можливо без досвіду.",
        "Требуются девушки для VIP-досуга.",
        "Работа вебкам-моделью, высокий доход.",
        "Darbs jaunām, pievilcīgām meitenēm naktsklubā.",
        "Eskorta pakalpojumi, labi apmaksats.",
        "Escort agency hiring attractive girls.",
        "Send photos in a bikini to apply.",
    ],
    "minors_targeted": [
        "Приймаємо з 16 років.",
        "Бeремо з 17 рокiв.",  # Latin "e" and "i"
        "Підробіток для школярів на літо.",
        "Берем с 15 лет, согласие родителей не нужно.",
        "Работа для подростков.",
        "Darbs skolēniem no 16 gadiem.",
        "Nepilngadigie var pieteikties bez vecaku atlaujas.",
        "We hire from 16 years old.",
        "Summer jobs for teens.",
    ],
    "marriage_agency": [
        "Шлюбне агентство допоможе знайти чоловіка-іноземця.",
        "Фіктивний шлюб для отримання посвідки на проживання.",
        "Познакомим с состоятельным иностранцем.",
        "Брачное агентство приглашает девушек.",
        "Iepazīšanās ar ārzemnieku, laulība ārzemēs.",
        "Fiktiva laulība, lai iegutu uzturesanas atlauju.",
        "Marriage agency: meet a wealthy European husband.",
        "Sham marriage to get residence papers.",
    ],
    "recruiter_third_country": [
        "Робота в Німеччині за польською візою.",
        "Документи оформлюємо через Литву, робота в Нідерландах.",
        "Польская рабочая виза, работа в Чехии.",
        "Визу другой страны сделаем сами.",
        "Darbs Vācijā ar Polijas vīzu.",
        "Uznemums Lietuva, darbs Norvegija.",
        "Polish work permit, job in Germany.",
        "Our office is in Lithuania, the work is in Norway.",
    ],
    "fines_penalties": [
        "За запізнення штраф 50 євро.",
        "У разі дострокового розірвання контракту ви сплачуєте неустойку.",
        "Штрафы за нарушения режима.",
        "При досрочном уходе выплачиваете стоимость билета.",
        "Par kavējumiem naudas sods.",
        "Lauzot ligumu, jamaksa ligumsods.",
        "Workers will be fined for being late.",
        "Penalty of 200 EUR if you leave early.",
    ],
}


def test_every_flag_has_examples() -> None:
    assert set(EXAMPLES) == set(FLAG_IDS)
    assert all(len(texts) >= 8 for texts in EXAMPLES.values())


@pytest.mark.parametrize(
    ("flag_id", "text"),
    [(flag_id, text) for flag_id, texts in EXAMPLES.items() for text in texts],
    ids=[f"{flag_id}-{n}" for flag_id, texts in EXAMPLES.items() for n in range(len(texts))],
)
def test_flag_is_found_with_verbatim_evidence(flag_id: str, text: str) -> None:
    found = {flag.id: flag.evidence for flag in check_offer(text).flags}
    assert flag_id in found, (flag_id, found)
    evidence = found[flag_id]
    assert evidence
    assert evidence in text
    assert evidence == evidence.strip()
    assert len(evidence) <= 80


@pytest.mark.parametrize(
    ("text", "flag_id", "evidence"),
    [
        ("Пaспорт здаєте координатору.", "document_retention", "Пaспорт здаєте"),
        ("PASE JĀATSTĀJ PIE DARBA DEVĒJA", "document_retention", "PASE JĀATSTĀJ"),
        ("Зарплата  4 000 €/міс,  без досвіду", "unrealistic_pay", "4 000 €/міс"),
        ("Earn $5000 a month, no experience", "unrealistic_pay", "$5000 a month"),
        ("Пишіть  у   Telegram", "messenger_only", "Пишіть  у   Telegram"),
    ],
)
def test_evidence_keeps_the_original_case_diacritics_and_spacing(
    text: str, flag_id: str, evidence: str
) -> None:
    found = {flag.id: flag.evidence for flag in check_offer(text).flags}
    assert found.get(flag_id) == evidence


# --- legitimate ads ------------------------------------------------------------------------

LEGITIMATE = [
    "Free accommodation near the factory.",
    "Visa support at the employer's cost.",
    "No fees for candidates.",
    "A valid passport is required.",
    "The contract is signed before departure.",
    "Official employment, insurance included.",
    "Transport to work is provided.",
    "Безкоштовне житло. Оформлення візи за рахунок роботодавця. Жодних передоплат. "
    "Потрібен дійсний біометричний паспорт. Договір підписуємо до виїзду. Офіційне "
    "працевлаштування, медична страховка, транспорт до місця роботи.",
    "Бесплатное проживание. Визовая поддержка за счет работодателя. Мы не берем предоплату. "
    "Нужен действующий загранпаспорт. Договор подписывается до выезда. Официальное "
    "трудоустройство, страховка, доставка до работы.",
    "Bezmaksas dzīvesvieta. Vīzas noformēšana uz darba devēja rēķina. Kandidātiem nav "
    "jāmaksā. Nepieciešama derīga pase. Līgumu parakstām pirms izbraukšanas. Oficiāla darba "
    "vieta, apdrošināšana, transports uz darbu.",
    "Bezmaksas dzivesvieta. Vizas noformesana uz darba deveja rekina. Kandidatiem nav "
    "jamaksa. Nepieciesama deriga pase. Ligumu parakstam pirms izbraukšanas.",
    "Паспорт залишається у вас на руках.",
    "Ми ніколи не забираємо документи працівників.",
    "Зберігайте копії документів у телефоні.",
    "Интим не предлагать.",
    "Податки утримуються із зарплати згідно із законом.",
    "Ми не працюємо без договору.",
    "Заробітна плата 1200 євро на місяць, досвід не потрібен.",
    "Робота в Польщі, польська робоча віза.",
    "Оплата послуг з працевлаштування здійснюється роботодавцем, для кандидатів безкоштовно.",
    "Проживання безкоштовне, квиток компенсуємо після трьох місяців роботи.",
    "Accommodation is free and we never ask workers for money.",
    "Medical insurance and transport to work are paid by the employer.",
    "Вакансія не для неповнолітніх, приймаємо від 18 років.",
    "Удаленная работа в чате поддержки, график свободный.",
    "Оператор колл-центру: спілкування з іноземцями англійською мовою.",
    "The employer pays for flights, you pay nothing in advance.",
    "Документи для виїзду зберігайте в надійному місці.",
    "Без договору не працюємо.",
    "Залог успешной работы — команда.",
    "Без комплексного харчування, кухня в гуртожитку.",
    "Штрафних санкцій немає.",
]


@pytest.mark.parametrize("text", LEGITIMATE, ids=[f"legit-{n}" for n in range(len(LEGITIMATE))])
def test_legitimate_ad_sentences_raise_no_flags(text: str) -> None:
    assert check_offer(text).flags == ()


def test_a_named_company_with_an_address_is_not_vague_nor_messenger_only() -> None:
    text = (
        'ТОВ "Приклад Персонал", вул. Квіткова, 7, Київ. Наше агентство пропонує роботу '
        "на складі. Деталі пишіть у Viber."
    )
    ids = check_offer(text).ids
    assert "vague_employer" not in ids
    assert "messenger_only" not in ids
    bare = "Наше агентство пропонує роботу на складі. Деталі пишіть у Viber."
    assert {"vague_employer", "messenger_only"} <= set(check_offer(bare).ids)


def test_pay_needs_both_a_high_amount_and_no_experience() -> None:
    assert "unrealistic_pay" not in check_offer("Зарплата 3500 євро на місяць.").ids
    assert "unrealistic_pay" not in check_offer("1500 євро на місяць, без досвіду.").ids
    assert "unrealistic_pay" not in check_offer("15 €/год, без досвіду.").ids
    assert "unrealistic_pay" in check_offer("3000 євро на місяць, без досвіду.").ids
    assert "unrealistic_pay" in check_offer("20 €/год, без досвіду.").ids
    # A price in front of an amount is not pay.
    assert check_offer("Вартість житла 3500 євро, без досвіду.").flags == ()
    # Russian "в год" is a year: 30 000 a year is 2 500 a month.
    assert "unrealistic_pay" not in check_offer("30 000 евро в год, без опыта.").ids


# --- shape of the result -------------------------------------------------------------------

MANY_FLAGS = (
    "Терміново! Наше агентство: робота в Німеччині за польською візою, 4000 €/міс, без "
    "досвіду. Передоплата 200 євро. Паспорт залишаєте у координатора. Штраф за запізнення. "
    "Нікому не кажіть. Пишіть у Viber. Терміново! Передоплата 300 євро. Штрафи!"
)


def test_one_flag_per_id_in_the_order_of_flag_ids() -> None:
    result = check_offer(MANY_FLAGS)
    assert isinstance(result, OfferCheck)
    ids = result.ids
    assert len(ids) == len(set(ids))
    assert list(ids) == sorted(ids, key=FLAG_IDS.index)
    assert set(ids) >= {
        "upfront_fee",
        "document_retention",
        "unrealistic_pay",
        "vague_employer",
        "messenger_only",
        "urgency_pressure",
        "secrecy",
        "recruiter_third_country",
        "fines_penalties",
    }


def test_first_match_is_the_evidence() -> None:
    flags = {f.id: f.evidence for f in check_offer(MANY_FLAGS).flags}
    assert flags["urgency_pressure"] == "Терміново"
    assert flags["upfront_fee"] == "Передоплата"


def test_an_excluded_match_lets_a_later_one_count() -> None:
    text = "Без передоплати за житло. Окремо: передоплата 100 євро за оформлення візи."
    flags = {f.id: f.evidence for f in check_offer(text).flags}
    assert flags.get("upfront_fee") == "передоплата"


# --- odd input -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   \n\t ",
        "😀🔥💶✅",
        "<b>Робота</b><br><a href='https://t.me/example'>Пишіть</a> &nbsp; 🇵🇱",
        "\x00\x01\x02\x07 \u200b\u200d\ufeff \u0301\u0306",
        "ﬁ" * 4096,
        "паспорт " * 512,
        ("a" * 4000) + " паспорт",
        "1 000 000 000 000 000 000 €/год без досвіду",
        "9" * 4096,
    ],
)
def test_odd_input_does_not_crash(text: str) -> None:
    result = check_offer(text)
    assert all(flag.evidence in text for flag in result.flags)


def test_long_random_input_does_not_crash() -> None:
    rng = random.Random(11)
    pool = [chr(c) for c in range(32, 0x530)] + list("😀€№’ʼ\u200b\n\t")
    for _ in range(20):
        text = "".join(rng.choice(pool) for _ in range(4096))
        for flag in check_offer(text).flags:
            assert flag.evidence in text


def test_html_wrapped_ad_is_still_read() -> None:
    text = "<p><b>Терміново!</b></p><p>Паспорт&nbsp;залишаєте у роботодавця 😉</p>"
    assert {"urgency_pressure", "document_retention"} <= set(check_offer(text).ids)


def test_a_4000_character_ad_is_checked_in_well_under_5_ms() -> None:
    paragraph = (
        "Терміново потрібні працівники на склад у Польщі, без досвіду. Оплата 25 €/год. "
        "Житло безкоштовне. Паспорт залишаєте у координатора. Пишіть у Viber. "
        "Darbs noliktavā, alga 3000 eiro mēnesī. No experience, free accommodation. "
    )
    text = (paragraph * 40)[:4000]
    check_offer(text)
    best = min(_timed(text) for _ in range(15))
    assert best < 0.005


def _timed(text: str) -> float:
    start = time.perf_counter()
    check_offer(text)
    return time.perf_counter() - start


# --- the TOML file -------------------------------------------------------------------------


def test_patterns_are_loaded_once() -> None:
    assert load_patterns() is load_patterns(DEFAULT_PATH)
    rules = load_patterns().rules
    assert tuple(rule.id for rule in rules) == FLAG_IDS
    assert all(rule.description for rule in rules)
    assert all(rule.pattern_count >= 1 for rule in rules)


def _write(tmp_path: Path, replace: tuple[str, str]) -> Path:
    text = DEFAULT_PATH.read_text(encoding="utf-8")
    assert replace[0] in text
    path = tmp_path / "flags.toml"
    path.write_text(text.replace(replace[0], replace[1], 1), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("'(?:перед|пред) ?оплат\\w*',", "'пере?д ?оплат\\w*(',", "bad pattern"),
        ("'(?:перед|пред) ?оплат\\w*',", "'пеpедоплат',", "mixes Latin and Cyrillic"),
        ("'(?:перед|пред) ?оплат\\w*',", "'оплат\\w*{gapp3}оплат',", "unknown shorthand"),
        ('id = "secrecy"', 'id = "secrets"', "unknown or repeated id"),
        ('id = "secrecy"', 'id = "upfront_fee"', "unknown or repeated id"),
        ("unless_identified = true", "unless_identified = true\nweight = 3", "unknown keys"),
    ],
)
def test_a_broken_file_is_refused_with_a_reason(
    tmp_path: Path, old: str, new: str, message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        load_patterns(_write(tmp_path, (old, new)))


def test_an_edited_file_changes_what_is_found(tmp_path: Path) -> None:
    first = "'(?:перед|пред) ?оплат\\w*',"
    path = _write(tmp_path, (first, first + " 'гроші на бочку',"))
    patterns = load_patterns(path)
    assert "upfront_fee" in patterns.check("Гроші на бочку!").ids
    assert "upfront_fee" not in check_offer("Гроші на бочку!").ids
