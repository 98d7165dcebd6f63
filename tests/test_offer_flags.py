"""The flags of content/offer_flags.toml: every flag in four languages, the pattern
families added for the labelled definitions, and legitimate ads that must stay clean.

Every text here was written for these tests: no real companies, phones or links. None is
copied from the labelled evaluation set (tests/data/offers/).
"""

from __future__ import annotations

import pytest

from dialogs.offer_check import FLAG_IDS, check_offer

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


# --- pattern families, each phrased apart from the examples above --------------------------

FAMILIES: list[tuple[str, str]] = [
    # upfront_fee: an amount in advance or for a service; a card; a place booked for money
    ("upfront_fee", "Оформлення дозволу на роботу: 600 € наперед."),
    ("upfront_fee", "За пакет документов 9000 грн, деньги скидываете на карту куратору."),
    ("upfront_fee", "Darba vietas rezervācija — 120 eiro, pārskaitiet šodien."),
    ("upfront_fee", "Registration with us: 40 GBP."),
    ("upfront_fee", "You send us 300 USD for the invitation letter."),
    # debt_bondage: costs advanced, then deducted or repaid
    ("debt_bondage", "Житло на перший місяць беремо на себе, потім вирахуємо його із зарплати."),
    ("debt_bondage", "Оформление разрешения за наш счёт, остаток вычтем из зарплаты."),
    ("debt_bondage", "Pirmo mēnesi dzīvokli apmaksājam mēs, pēc tam ieturēsim no algas."),
    ("debt_bondage", "We cover the visa now, then take it out of your pay."),
    ("debt_bondage", "The medical check is deducted from your first paycheck."),
    ("debt_bondage", "The agency advances the costs and you pay them back from your wages."),
    ("debt_bondage", "Стоимость жилья удерживаем частями, понемногу."),
    # ticket_deduction (and, with it, debt_bondage)
    ("ticket_deduction", "Авиабилет покупаем мы, потом удержим из зарплаты."),
    ("ticket_deduction", "Biļeti nopirksim mēs, vēlāk ieturēsim no algas."),
    ("ticket_deduction", "We book your flight, and later deduct it from wages."),
    ("ticket_deduction", "Проїзд автобусом оплатимо, а потім відрахуємо."),
    # vague_employer: an offer with a job and a contact, and no company at all
    ("vague_employer", "Потрібні прибиральниці в Італію. Телефонуйте Оксані +39 000 000 0000."),
    ("vague_employer", "Darbs celtniecībā Zviedrijā, zvaniet +46 00 000 00 00."),
    ("vague_employer", "Warehouse staff wanted in Ireland, write to jobs.example@example.com"),
    # messenger_only: said outright, even with a number after the messenger's name
    ("messenger_only", "Пишіть лише у WhatsApp +000 000 0000."),
    ("messenger_only", "Звонки не принимаю, только переписка."),
    ("messenger_only", "Telegram only, no calls."),
    # urgency_pressure: places running out, sign up today, leaving already on a weekday
    ("urgency_pressure", "Вакансії швидко розбирають, місця закінчуються!"),
    ("urgency_pressure", "Register now, the bus is full soon."),
    ("urgency_pressure", "Leaving already on Monday!"),
    ("urgency_pressure", "Записывайтесь до пятницы, потом набор закрыт."),
    ("urgency_pressure", "Vietu skaits ierobežots, piesakieties šodien."),
    # secrecy: relatives named first; nobody may know; don't blab; no questions
    ("secrecy", "Друзям про цю роботу краще не кажіть."),
    ("secrecy", "Родители не должны знать о поездке."),
    ("secrecy", "Parents must not find out about the trip."),
    ("secrecy", "Вдома не базікайте про заробіток."),
    ("secrecy", "Лишних вопросов не задавайте."),
    # restricted_movement: out only with someone; not alone; days off by leave; phones kept
    ("restricted_movement", "Виходити за територію дозволено тільки з бригадиром."),
    ("restricted_movement", "Одна не выходите из квартиры."),
    ("restricted_movement", "Days off only if the family agrees."),
    ("restricted_movement", "Телефони на час контракту зберігаються у координатора."),
    ("restricted_movement", "Iziet pilsētā var tikai kopā ar saimnieku."),
    # recruiter_third_country: met in one country and taken on to another
    (
        "recruiter_third_country",
        "Наш представник зустріне вас у Стамбулі і посадить на літак до Лондона.",
    ),
    ("recruiter_third_country", "Varšavā jūs sagaidīs mūsu šoferis, darbs Vācijā."),
    (
        "recruiter_third_country",
        "Flight via Belgrade, where our man meets you; the job is in Italy.",
    ),
    # marriage_agency: a future husband; the fiancé pays
    ("marriage_agency", "Знайдемо вам майбутнього чоловіка з Європи."),
    ("marriage_agency", "Жених оплачивает перелёт и визу."),
    # document_retention: the passport given to someone
    ("document_retention", "Passports you hand to the coordinator on arrival."),
    # tourist_visa_work: told to pose as tourists
    ("tourist_visa_work", "At the border say that you are tourists."),
    # unrealistic_pay: more currencies; "experience and language not required"
    ("unrealistic_pay", "Уборка, 15 000 шекелей в месяц, без опыта."),
    ("unrealistic_pay", "Hostess, 12,000 AED per month, no experience."),
    ("unrealistic_pay", "Опыт и знание языка не требуются, 4000 € в месяц."),
    ("unrealistic_pay", "Alga 4000 eiro mēnesī, valoda nav vajadzīga."),
    # minors_targeted
    ("minors_targeted", "Summer work for 16-year-olds."),
    ("minors_targeted", "No parental consent is needed."),
]


@pytest.mark.parametrize(
    ("flag_id", "text"), FAMILIES, ids=[f"{f}-{n}" for n, (f, _) in enumerate(FAMILIES)]
)
def test_pattern_family_is_found(flag_id: str, text: str) -> None:
    found = {flag.id: flag.evidence for flag in check_offer(text).flags}
    assert flag_id in found, (flag_id, found)
    assert found[flag_id] in text
    if flag_id == "ticket_deduction":
        assert "debt_bondage" in found


NOT_RAISED: list[tuple[str, str]] = [
    # a penalty, or nothing to pay, is not a fee; nor is a cost the employer pays
    ("upfront_fee", "Штраф за запізнення 20 €, платите з зарплати."),
    ("upfront_fee", "Оформлення для кандидата: 0 грн."),
    ("upfront_fee", "Vīzas maksu un biļeti sedz darba devējs."),
    # taxes, or nothing deducted, are no debt; a visa taken from pay is no ticket
    ("debt_bondage", "Податок утримується з першої зарплати."),
    ("debt_bondage", "Нічого не вираховуємо з першої зарплати."),
    ("ticket_deduction", "Квиток оплачує роботодавець, з зарплати нічого не утримується."),
    ("ticket_deduction", "Візу оформимо, потім вирахуємо з зарплати."),
    # a phone to call, an e-mail or an office is another contact
    ("messenger_only", "Пишіть у Telegram @example_jobs або дзвоніть +000 000 0000."),
    ("messenger_only", "WhatsApp +000 000 0000."),
    ("messenger_only", "Details on Viber or at hr@example.com."),
    ("messenger_only", "Пишіть у Viber або приходьте: вул. Садова, 3."),
    # a date to apply by is no pressure
    ("urgency_pressure", "Заявки принимаются до 1 мая."),
    # relatives welcome; data kept private by the company
    ("secrecy", "Ваші рідні можуть телефонувати вам щодня."),
    ("secrecy", "Ми не розголошуємо ваші дані."),
    # one's own phone, free days
    ("restricted_movement", "Телефон тримайте при собі."),
    ("restricted_movement", "Вихідні вільні, можна їздити куди завгодно."),
    # met in the country of the work, or at home
    ("recruiter_third_country", "Наш координатор зустріне вас у Варшаві, робота в Польщі."),
    ("recruiter_third_country", "We meet you at Riga airport, the work is in Latvia."),
    # looks in a marriage ad are the marriage agency's flag
    ("sexual_exploitation_hint", "Attractive ladies wanted to meet a future husband abroad."),
]


@pytest.mark.parametrize(
    ("flag_id", "text"), NOT_RAISED, ids=[f"{f}-{n}" for n, (f, _) in enumerate(NOT_RAISED)]
)
def test_look_alike_is_not_raised(flag_id: str, text: str) -> None:
    assert flag_id not in check_offer(text).ids


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


LEGITIMATE_ADS = [
    "ТОВ «Зразок Логістик» запрошує водіїв навантажувачів до Кракова. Квиток на автобус "
    "компенсуємо після першого місяця. Житло 600 zł на місяць утримується із зарплати за "
    "договором. Тел. +48 000 000 000, Viber на цей номер.",
    "ООО «Образец Сервис» приглашает сварщиков в Чехию, 200 крон/час. Проезд оплачивает "
    "работодатель, из зарплаты ничего не удерживается. Звоните +420 000 000 000, есть WhatsApp.",
    'SIA "Paraugs Būve" meklē betonētājus darbam Norvēģijā, 25 €/h bruto, darba līgums pirms '
    "izbraukšanas. Biļetes apmaksā darba devējs. Tālr. +371 00 000 000, rakstiet arī WhatsApp.",
    "Sample Foods Ltd, 12 Mill Road, Leeds, is hiring packers. £12.50/hour, no experience "
    "needed. Our coordinator will meet you at Leeds station. Call +44 0000 000000.",
    "Компанія Sample Bau GmbH шукає теслярів у Австрію. Досвід від 3 років, 18 €/год. "
    "Зустрічаємо у Відні на вокзалі. Тел. +43 000 000000.",
    "Sample Plant Oy (Business ID 0000000-0): we pay your flight; nothing is deducted from your "
    "salary except tax. jobs@example.com, +358 00 000 0000.",
]


@pytest.mark.parametrize(
    "text", LEGITIMATE_ADS, ids=[f"ad-{n}" for n in range(len(LEGITIMATE_ADS))]
)
def test_whole_legitimate_ads_raise_no_flags(text: str) -> None:
    assert check_offer(text).flags == ()
