# Lastivka, latviešu: kontakti pa valstīm un drošības kartīte.

migration-countries = Kurai valstij jums vajadzīgi kontakti?
migration-country-card =
    <b>{ $country }</b>
    { $contacts }
migration-card-country =
    Es nosūtīšu īsu kartīti ar noderīgiem numuriem vienai valstij. To varat saglabāt vai piespraust.
    Kura valsts?
migration-card-sent = Kartīte ({ $country }) ir ziņā augstāk. To varat piespraust vai uzņemt ekrānuzņēmumu.
safety-card =
    <b>Ceļojuma piezīmes: { $country }</b>
    { $lines }
card-line = { $service }: { $phones } ({ $date })
