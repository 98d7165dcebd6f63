# Drošība un konfidencialitāte: ātrā iziešana, datu dzēšana, privātums, iestatījumi,
# koda vārds. Katras ziņas pirmā rinda ir neitrāla.

button-exit = ✖ Iziet
exit-line = Paldies, jauku dienu! ☀️

forget-confirm =
    <b>Dzēst visu?</b>
    Es izdzēsīšu jūsu atbildes, iestatījumus, jūsu pieprasījumu uzticības tālruņa komandai informāciju un šīs tērzēšanas pēdējo 48 stundu ziņas. To nevarēs atsaukt.
forget-yes = Jā, dzēst visu
forget-no = Nē, paturēt
forget-done =
    <b>Gatavs.</b>
    Izdzēsts: jūsu atbildes un iestatījumi, pieprasījumu informācija, ieraksti par jūsu ziņām un šīs tērzēšanas pēdējo 48 stundu ziņas.
    Pārskatiem paliek tikai skaitļi, kas nevienu nenosauc (datumi, valsts, valoda, kā pieprasījums beidzās).
    Ziņas, kas vecākas par 48 stundām, es izdzēst nevaru: visu tērzēšanu Telegram varat izdzēst paši.
    Uzrakstiet /start, kad vēlaties runāt atkal.
forget-held =
    Pēc likuma prasības uzticības tālruņa komanda saglabā pieprasījumu { $codes }: tā dati netiek dzēsti, kamēr šī prasība nav atcelta. Par to varat jautāt komandai.

menu-settings = ⚙ Iestatījumi
settings-title =
    <b>Iestatījumi</b>
    Koda vārds: { $codeword }
    Iziešana dzēš arī manus datus: { $erases }
settings-codeword-on = iestatīts
settings-codeword-off = nav iestatīts
settings-erases-on = jā
settings-erases-off = nē
settings-codeword-set = Iestatīt koda vārdu
settings-codeword-remove = Noņemt koda vārdu
settings-erases-turn-on = Iziešana dzēš arī manus datus
settings-erases-turn-off = Iziešana patur manus datus
settings-privacy = Kā tiek apstrādāti mani dati
settings-forget = Dzēst visus manus datus

codeword-ask =
    <b>Jūsu koda vārds</b>
    Izvēlieties vārdu vai īsu frāzi, kas izskatās parasta, piemēram, sveicienu.
    Ja jebkurā brīdī to man nosūtīsiet, es atbildēšu ar parastu rindu, bet konsultantam nemanāmi paziņos, ka jums steidzami vajadzīga palīdzība.
    Uzrakstiet vārdu tagad:
codeword-saved = Saglabāts. Ja kāds var lasīt šo tērzēšanu, izdzēsiet savu ziņu ar vārdu.
codeword-invalid = Lūdzu, uzrakstiet vārdu vai frāzi no { $min } līdz { $max } rakstzīmēm.
panic-ack = Labi 👍

privacy-policy =
    <b>Jūsu dati</b>
    Šo botu uztur { $org }. Kontakts: { $contact }.
    Kas tiek glabāts un kāpēc:
    • Kods jūsu Telegram konta vietā. Jūsu vārds, lietotājvārds un tālruņa numurs netiek glabāti.
    • Jūsu atbildes un iestatījumi, šifrēti, lai turpinātu sarunu. Tos dzēš { $answers ->
        [zero] { $answers } dienas
        [one] { $answers } dienu
       *[other] { $answers } dienas
    } pēc jūsu pēdējās ziņas.
    • Soļi, ko veicāt botā, bez jebkāda teksta, statistikai: tos dzēš pēc { $transcripts ->
        [zero] { $transcripts } dienām
        [one] { $transcripts } dienas
       *[other] { $transcripts } dienām
    }.
    • Jūsu pieprasījumi uzticības tālruņa komandai, šifrēti: tos dzēš { $cases ->
        [zero] { $cases } dienas
        [one] { $cases } dienu
       *[other] { $cases } dienas
    } pēc to slēgšanas. Pārskatiem paliek tikai skaitļi, kas nevienu nenosauc.
    • Pēdējo ziņu numuri šajā tērzēšanā, tikai lai poga ✖ Iziet varētu tās izdzēst: 48 stundas.
    • Ja izvēlējāties padomu ziņas: to tēmas, līdz tās atsakāt (/unsubscribe).
    Kas to redz: tikai uzticības tālruņa konsultanti un tikai to, ko piekritāt viņiem nosūtīt. Viņi redz lietas kodu, nevis to, kas jūs esat, ja vien paši nepasakāt.
    Jūsu sarunas nekad netiek pārdotas un netiek izmantotas komerciāla mākslīgā intelekta apmācībai.
    /mydata parāda, kas tiek glabāts. /forget dzēš visu. /settings: koda vārds un iziešana.
privacy-org-missing = organizācija, kas to iestatīja (nosaukums vēl nav norādīts)

mydata-settings = • Koda vārds: { $codeword }. Iziešana dzēš arī manus datus: { $erases }.
mydata-case-hold = { $code }: { $status }, tiek glabāts pēc likuma prasības (uzticības tālruņa komandas lēmums)

command-exit = Iziet un notīrīt šo tērzēšanu
command-forget = Dzēst visus manus datus
command-privacy = Kā tiek apstrādāti mani dati
command-settings = Iestatījumi un koda vārds

# Operatoru grupa (tikai uzticības tālruņa komandai).
op-flow-panic = ⚠ cilvēks nosūtīja savu koda vārdu: iespējams, viņš nevar rakstīt brīvi
op-panic = ⚠ { $code }: cilvēks nosūtīja savu koda vārdu. Pieprasījums tagad ir steidzams. Atbildiet uzmanīgi: kāds var redzēt viņa ekrānu.
op-person-exited = { $code }: cilvēks izmantoja ātro iziešanu, viņa tērzēšana ir notīrīta. Viņš var atgriezties.
op-person-erased = { $code }: cilvēks izdzēsa savus datus. Pieprasījums slēgts kā “cilvēks aizgāja”; palikuši tikai skaitļi, kas nevienu nenosauc.
op-person-returned = { $code }: cilvēks atgriezās un vērsās atkārtoti; viņa ziņas atkal nonāk šajā tēmā.
op-hold-placed = { $code }: noteikta juridiskā aizturēšana. Dzēšana un glabāšanas termiņi šo pieprasījumu neskar, kamēr aizturēšana nav atcelta (/unhold).
op-hold-lifted = { $code }: juridiskā aizturēšana atcelta.
op-hold-off = Juridiskā aizturēšana šajā izvietojumā ir izslēgta (LASTIVKA_LEGAL_HOLD).
op-hold-refused = Juridisko aizturēšanu var noteikt vai atcelt tikai supervizors.

# Aizsegizvēlne (LASTIVKA_COVER_MENU): parasti ceļojuma padomi, nekas vairāk.
cover-title =
    <b>Ceļojuma piezīmes</b>
    Īsi padomi ceļam. Izvēlieties tēmu:
cover-packing-button = 🎒 Mantas
cover-money-button = 💳 Nauda
cover-phone-button = 📱 Tālrunis
cover-packing =
    <b>Mantas</b>
    • Turiet lādētāju un ārējo akumulatoru rokas bagāžā.
    • Zāles, ko lietojat katru dienu, arī ielieciet rokas bagāžā.
    • Neliela slēdzene somai noder nakts autobusos.
cover-money =
    <b>Nauda ceļā</b>
    • Paņemiet mazliet skaidras naudas sīkās banknotēs un arī karti.
    • Glabājiet karti un skaidru naudu dažādās vietās.
    • Pastāstiet bankai par braucienu, lai karti nenobloķētu.
cover-phone =
    <b>Tālrunis ceļā</b>
    • Pirms brauciena pārbaudiet viesabonēšanas cenas.
    • Lejupielādējiet bezsaistes kartes vietām, uz kurām braucat.
    • Dažus svarīgus numurus pierakstiet arī uz papīra.
