# Lastivka, русский: названия стран, виды помощи и строки, которыми бот показывает контакты.
# Те же идентификаторы и переменные, что и в английском оригинале. Сами номера берутся из content/contacts.toml.

## Страны (надписи на кнопках и заголовки)

country-ua = Украина
country-lv = Латвия
country-md = Молдова
country-pl = Польша
country-de = Германия
country-cz = Чехия
country-lt = Литва
country-it = Италия
country-es = Испания
country-nl = Нидерланды
country-gb = Великобритания
country-fi = Финляндия
country-il = Израиль
country-tr = Турция
country-ae = Объединённые Арабские Эмираты
country-ru = Россия
country-eu = Вся Европа (ЕС)
country-other = Другая страна

## Виды помощи

service-hotline = Горячая линия
service-emergency = Экстренный номер
service-police = Полиция
service-shelter = Приют
service-legal-aid = Юридическая помощь
service-psychological = Психологическая поддержка
service-return-reintegration = Возвращение домой и поддержка после возвращения
service-labour-inspectorate = Инспекция труда
service-embassy = Посольство или консульство
service-migration-service = Миграционная служба
service-information = Информационная линия
service-children = Помощь детям
service-victim-support = Поддержка пострадавших от преступлений

## Часы работы ($from и $to — время, например 09:00)

hours-247 = круглосуточно
hours-daily = ежедневно
hours-daily-range = ежедневно { $from }–{ $to }
hours-weekdays-range = пн–пт { $from }–{ $to }
hours-unknown = часы работы не указаны

## Для кого линия

audience-women = для женщин
audience-children = для детей и подростков
audience-ukrainians = для людей из Украины
audience-citizens = для граждан этой страны за рубежом

## Один контакт в списке

contact-free = бесплатно
contact-languages = языки: { $languages }
contact-line = • <b>{ $phones }</b> — { $organisation } ({ $service }){ $details }
contact-source = <i>Источник: { $source }, { $date }</i>
contact-verified = проверено командой горячей линии { $date }
contacts-none =
    Для этой страны у меня пока нет проверенных контактов.
    Вы можете позвонить на горячую линию своей страны. Если вам сейчас угрожает опасность, звоните по местному экстренному номеру, который вы знаете.
