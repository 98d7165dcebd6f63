# Lastivka, українська: контакти за країнами і картка безпеки.

migration-countries = Для якої країни вам потрібні контакти?
migration-country-card =
    <b>{ $country }</b>
    { $contacts }
migration-card-country =
    Я надішлю коротку картку з корисними номерами для однієї країни. Її можна зберегти або закріпити.
    Яка країна?
migration-card-sent = Картка ({ $country }) — у повідомленні вище. Її можна закріпити або зробити знімок екрана.
safety-card =
    <b>Нотатки в дорогу: { $country }</b>
    { $lines }
card-line = { $service }: { $phones } ({ $date })
