# Lastivka, українська: назви країн, види допомоги і рядки, якими бот показує контакти.
# Ті самі ідентифікатори й змінні, що й в англійському оригіналі. Самі номери беруться з content/contacts.toml.

## Країни (написи на кнопках і заголовки)

country-ua = Україна
country-lv = Латвія
country-md = Молдова
country-pl = Польща
country-de = Німеччина
country-cz = Чехія
country-lt = Литва
country-it = Італія
country-es = Іспанія
country-nl = Нідерланди
country-gb = Велика Британія
country-fi = Фінляндія
country-il = Ізраїль
country-tr = Туреччина
country-ae = Об’єднані Арабські Емірати
country-ru = Росія
country-eu = Уся Європа (ЄС)
country-other = Інша країна

## Види допомоги

service-hotline = Гаряча лінія
service-emergency = Екстрений номер
service-police = Поліція
service-shelter = Притулок
service-legal-aid = Юридична допомога
service-psychological = Психологічна підтримка
service-return-reintegration = Повернення додому й підтримка після повернення
service-labour-inspectorate = Інспекція праці
service-embassy = Посольство або консульство
service-migration-service = Міграційна служба
service-information = Інформаційна лінія
service-children = Допомога дітям
service-victim-support = Підтримка постраждалих від злочинів

## Години роботи ($from і $to — час, наприклад 09:00)

hours-247 = цілодобово
hours-daily = щодня
hours-daily-range = щодня { $from }–{ $to }
hours-weekdays-range = пн–пт { $from }–{ $to }
hours-unknown = години роботи не вказано

## Для кого лінія

audience-women = для жінок
audience-children = для дітей і підлітків
audience-ukrainians = для людей з України
audience-citizens = для громадян цієї країни за кордоном

## Один контакт у списку

contact-free = безкоштовно
contact-languages = мови: { $languages }
contact-line = • <b>{ $phones }</b> — { $organisation } ({ $service }){ $details }
contact-source = <i>Джерело: { $source }, { $date }</i>
contact-verified = перевірено командою гарячої лінії { $date }
contacts-none =
    Для цієї країни в мене поки немає перевірених контактів.
    Ви можете зателефонувати на гарячу лінію своєї країни. Якщо вам зараз загрожує небезпека, телефонуйте на місцевий екстрений номер, який ви знаєте.
