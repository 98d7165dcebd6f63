# Lastivka, latviešu: valstu nosaukumi, palīdzības veidi un rindas, ar kurām bots parāda kontaktus.
# Tie paši identifikatori un mainīgie kā angļu oriģinālā. Paši numuri nāk no content/contacts.toml.

## Valstis (pogu uzraksti un virsraksti)

country-ua = Ukraina
country-lv = Latvija
country-md = Moldova
country-pl = Polija
country-de = Vācija
country-cz = Čehija
country-lt = Lietuva
country-it = Itālija
country-es = Spānija
country-nl = Nīderlande
country-gb = Apvienotā Karaliste
country-fi = Somija
country-il = Izraēla
country-tr = Turcija
country-ae = Apvienotie Arābu Emirāti
country-ru = Krievija
country-eu = Visa Eiropa (ES)
country-other = Cita valsts

## Palīdzības veidi

service-hotline = Palīdzības tālrunis
service-emergency = Ārkārtas numurs
service-police = Policija
service-shelter = Patversme
service-legal-aid = Juridiskā palīdzība
service-psychological = Psiholoģiskais atbalsts
service-return-reintegration = Atgriešanās mājās un atbalsts pēc atgriešanās
service-labour-inspectorate = Darba inspekcija
service-embassy = Vēstniecība vai konsulāts
service-migration-service = Migrācijas dienests
service-information = Informatīvais tālrunis
service-children = Palīdzība bērniem
service-victim-support = Atbalsts noziegumos cietušajiem

## Darba laiks ($from un $to ir laiks, piemēram, 09:00)

hours-247 = visu diennakti
hours-daily = katru dienu
hours-daily-range = katru dienu { $from }–{ $to }
hours-weekdays-range = darbdienās { $from }–{ $to }
hours-unknown = darba laiks nav norādīts

## Kam paredzēta līnija

audience-women = sievietēm
audience-children = bērniem un pusaudžiem
audience-ukrainians = cilvēkiem no Ukrainas
audience-citizens = šīs valsts pilsoņiem ārzemēs

## Viens kontakts sarakstā

contact-free = bez maksas
contact-languages = valodas: { $languages }
contact-line = • <b>{ $phones }</b> — { $organisation } ({ $service }){ $details }
contact-source = <i>Avots: { $source }, { $date }</i>
contact-verified = palīdzības tālruņa komanda pārbaudīja { $date }
contacts-none =
    Šai valstij man vēl nav pārbaudītu kontaktu.
    Jūs varat zvanīt uz palīdzības tālruni savā dzimtajā valstī. Ja jums tagad draud briesmas, zvaniet uz vietējo ārkārtas numuru, ko zināt.
