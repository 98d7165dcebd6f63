# Contacts by country and the safety card (English, source locale).

migration-countries = Which country do you need contacts for?
migration-country-card =
    <b>{ $country }</b>
    { $contacts }
migration-card-country =
    I will send a short card with useful numbers for one country. You can keep it or pin it.
    Which country?
migration-card-sent = The card for { $country } is above. You can pin it or take a screenshot.
safety-card =
    <b>Travel notes: { $country }</b>
    { $lines }
card-line = { $service }: { $phones } ({ $date })
