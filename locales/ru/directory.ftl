# Lastivka, русский: контакты по странам и карточка безопасности.

migration-countries = Для какой страны вам нужны контакты?
migration-country-card =
    <b>{ $country }</b>
    { $contacts }
migration-card-country =
    Я пришлю короткую карточку с полезными номерами для одной страны. Её можно сохранить или закрепить.
    Какая страна?
migration-card-sent = Карточка ({ $country }) — в сообщении выше. Её можно закрепить или сделать скриншот.
safety-card =
    <b>Заметки в дорогу: { $country }</b>
    { $lines }
card-line = { $service }: { $phones } ({ $date })
