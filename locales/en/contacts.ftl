# Lastivka, English (source locale): country names, service labels and the lines that show a contact.
# Every other locale has the same ids and variables. Numbers themselves come from content/contacts.toml.

## Countries (button labels and headings)

country-ua = Ukraine
country-lv = Latvia
country-md = Moldova
country-pl = Poland
country-de = Germany
country-cz = Czechia
country-lt = Lithuania
country-it = Italy
country-es = Spain
country-nl = Netherlands
country-gb = United Kingdom
country-fi = Finland
country-il = Israel
country-tr = Turkey
country-ae = United Arab Emirates
country-ru = Russia
country-eu = Europe-wide (EU)
country-other = Another country

## Kinds of service

service-hotline = Hotline
service-emergency = Emergency number
service-police = Police
service-shelter = Shelter
service-legal-aid = Legal help
service-psychological = Psychological support
service-return-reintegration = Return home and support after return
service-labour-inspectorate = Labour inspectorate
service-embassy = Embassy or consulate
service-migration-service = Migration service
service-information = Information line
service-children = Help for children
service-victim-support = Support for victims of crime

## Opening hours ($from and $to are times such as 09:00)

hours-247 = 24/7
hours-daily = every day
hours-daily-range = every day { $from }–{ $to }
hours-weekdays-range = Mon–Fri { $from }–{ $to }
hours-unknown = hours not stated

## Who a line is for

audience-women = for women
audience-children = for children and teenagers
audience-ukrainians = for people from Ukraine
audience-citizens = for the country's citizens abroad

## One contact in a list
# $phones: the numbers, joined by ", "; $organisation: as in contacts.toml; $service: a service-* label;
# $details: a pre-built string such as ", 24/7, free" (may be empty); $languages: ISO codes joined by ", ".

contact-free = free
contact-languages = languages: { $languages }
contact-line = • <b>{ $phones }</b> — { $organisation } ({ $service }){ $details }
contact-source = <i>Source: { $source }, { $date }</i>
contact-verified = checked by the hotline team on { $date }
contacts-none =
    I do not have checked contacts for this country yet.
    You can call a hotline of your home country. If you are in danger right now, call the local emergency number you know.
