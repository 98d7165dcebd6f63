# Lastivka, latviešu: anonīms palīdzības pieprasījums. $who ir "self" vai "other".

help-for-whom =
    <b>Lūgt palīdzību</b>
    Savu vārdu jums nav jāsaka. Kam vajadzīga palīdzība?
help-for-self = Man
help-for-other = Kādam tuvam cilvēkam
help-topic =
    { $who ->
        [other] Par ko ir runa? Var rakstīt par jebkuru problēmu: komanda uzklausīs un pateiks, kur vērsties.
       *[self] Par ko ir runa? Var rakstīt par jebkuru problēmu: komanda uzklausīs un pateiks, kur vērsties.
    }
help-topic-exploitation = Liek strādāt, neļauj aiziet
help-topic-job-offer = Šaubīgs darba piedāvājums
help-topic-violence = Dara pāri mājās vai attiecībās
help-topic-labour = Alga, līgums vai darba apstākļi
help-topic-migration = Dokumenti, vīza, brauciens
help-topic-other = Kas cits
help-country =
    { $who ->
        [other] Kurā valstī šis cilvēks ir tagad?
       *[self] Kurā valstī jūs esat tagad?
    }
help-urgency = Cik tas ir steidzami?
help-urgency-danger = Kāds tagad ir briesmās
help-urgency-soon = Palīdzība vajadzīga drīz
help-urgency-question = Man ir jautājums
help-danger =
    <b>Svarīgi numuri</b>
    Ja kāds tagad ir briesmās, pēc iespējas zvaniet uz ārkārtas palīdzības numuru ({ $country }):
    { $contacts }
    Pēc tam jūs šeit varat arī nosūtīt pieprasījumu uzticības tālruņa komandai.
help-continue = Rakstīt uzticības tālrunim
help-reply =
    Kā jums būtu drošāk saņemt atbildi? Konsultants rakstīs tikai šajā sarunā.
help-reply-anytime = Šeit, jebkurā laikā
help-reply-daytime = Šeit, tikai dienā
help-reply-evening = Šeit, tikai vakarā
help-reply-wait = Tikai pēc manas nākamās ziņas
help-details =
    Ja vēlaties, dažos vārdos uzrakstiet, kas noticis. Lūdzu, nerakstiet vārdus, adreses vai tālruņa numurus.
    Vai arī izlaidiet šo soli.
help-details-skip = Izlaist
help-details-saved = Paldies, pierakstīju.
help-consent =
    <b>Pirms nododu pieprasījumu</b>
    • Kas tiek glabāts: jūsu atbildes un piezīme (ja tāda ir) šifrētā veidā. Jūsu vārds, lietotājvārds un tālruņa numurs netiek glabāti.
    • Kas to redz: uzticības tālruņa komandas konsultants, lai jums atbildētu.
    • Savu vārdu jums nav jāsaka ne tagad, ne vēlāk.
    Vai drīkstu nodot jūsu pieprasījumu konsultantam?
help-consent-yes = Jā, nodot
help-consent-no = Nē, ne tagad
help-recorded =
    Paldies. Jūsu pieprasījums ir nodots; konsultants jums rakstīs šeit.
    Šo sarunu varat aizvērt: turpināsim no tās pašas vietas.
help-danger-button = Ārkārtas palīdzības numuri
help-declined = Nekas netika nosūtīts. Pie šī varat atgriezties jebkurā laikā.
help-again = Es pārdomāju
case-code = Jūsu lietas kods: <b>{ $code }</b>. Nosauciet to, ja zvanīsiet uz uzticības tālruni.



consultant-joined =
    <b>Jums atbild konsultants: { $name }.</b>
    Rakstiet šeit; { $name } atbildēs šajā tērzēšanā. Savu vārdu jums nav jāsaka.
consultant-away = Konsultantam nācās atiet. Jūsu pieprasījums atkal ir rindā; jums atbildēs šeit.
consultant-closed = Saruna ar konsultantu ir pabeigta. Paldies, ka rakstījāt. Vai tas palīdzēja? (Atbildēt nav obligāti.) Izvēlne vienmēr ir šeit: /menu.
consultant-says = <b>{ $name }:</b> { $text }
consultant-sent = No: { $name }

human-consent =
    <b>Runāt ar konsultantu</b>
    Es palūgšu uzticības tālruņa konsultantam jums uzrakstīt šeit. Konsultants redzēs jūsu atbildes šajā tērzēšanā, bet ne jūsu vārdu, lietotājvārdu vai tālruņa numuru.
    Vai piekrītat?
human-sent = Paldies. Konsultants jums uzrakstīs šeit. Pa to laiku šo tērzēšanu var aizvērt.
case-in-queue =
    Jūsu pieprasījums { $code } jau ir pie uzticības tālruņa komandas, to nav jāsūta vēlreiz. Konsultants parasti atbild { $minutes ->
        [zero] { $minutes } minūšu
        [one] { $minutes } minūtes
       *[other] { $minutes } minūšu
    } laikā — šeit, šajā tērzēšanā.
case-wait =
    Paldies, ka gaidāt. Konsultants šeit atbildēs, cik drīz vien iespējams.
    Ja palīdzība vajadzīga tieši tagad, šīs līnijas strādā visu diennakti:
    { $contacts }
case-wait-closed =
    Paldies, ka gaidāt. Uzticības tālruņa komanda pašlaik nestrādā; konsultants šeit atbildēs no { $when }.
    Ja palīdzība vajadzīga tieši tagad, šīs līnijas strādā visu diennakti:
    { $contacts }
consultant-end = Beigt sarunu
consultant-you-ended = Jūs pabeidzāt sarunu ar konsultantu. Paldies, ka rakstījāt. Izvēlne ir šeit: /menu.
canned-greeting = Labdien, es esmu uzticības tālruņa konsultants. Esmu šeit, lai palīdzētu; savu vārdu jums nav jāsaka. Kas noticis?
canned-safe-now = Vai jums tagad ir droši rakstīt? Ja kāds var redzēt jūsu tālruni, varat apstāties jebkurā brīdī un atgriezties vēlāk.
canned-back-soon = Man vajag dažas minūtes, lai kaut ko pārbaudītu. Drīz uzrakstīšu šeit.
canned-numbers = Tālruņa numurus jūsu valstij atradīsiet izvēlnē: /menu, tad „Droša ceļošana un darbs ārzemēs”, tad „Kontakti pa valstīm”.
canned-goodbye = Paldies, ka rakstījāt. Varat atgriezties šeit jebkurā laikā; izvēlne ir /menu. Sargājiet sevi.
feedback-yes = Jā, palīdzēja
feedback-partly = Daļēji
feedback-no = Nē
feedback-thanks = Paldies, ka pateicāt. Tas palīdz komandai palīdzēt citiem.
