# Lastivka, latviešu: ko uzticības tālruņa konsultanti lasa operatoru grupā Telegram.
# Konsultanti redz lietu kodus, bet nekad neredz, kas ir šis cilvēks.

op-topic-name = { $marker } { $code } { $priority }
op-priority-urgent = steidzama
op-priority-high = augsta
op-priority-normal = parasta

op-summary =
    { $marker } <b>Lieta { $code }</b>, prioritāte: { $priority }
    { $lines }
    Gaida kopš { $since }
op-line-language = Valoda: { $language }
op-line-for = Attiecas uz: { $who }
op-for-self = pašu cilvēku
op-for-other = kādu no rakstošā cilvēka tuviniekiem vai draugiem
op-line-country = Valsts: { $country }
op-line-flow = Avots: { $flow }
op-flow-risk-screening = riska pārbaude
op-flow-human = saruna ar konsultantu
op-flow-help-request = palīdzības pieprasījums
op-line-level = Rezultāts: <b>{ $level }</b>
op-line-signs =
    Pazīmes:
    { $signs }
op-sign-yes = • { $sign }
op-sign-unsure = • { $sign } (atbilde: nezinu droši)
op-sign-ad = • { $sign } (no atsūtītā darba sludinājuma)
op-line-age = Vecums: { $age }
op-line-ad = Pārbaudīts darba sludinājums ({ $origin })
op-origin-typed = ielīmēts teksts
op-origin-user = pārsūtīts no personas
op-origin-hidden = pārsūtīts no slēpta konta
op-origin-chat = pārsūtīts no grupas
op-origin-channel = pārsūtīts no kanāla
op-line-topic = Tēma: { $value }
op-line-urgency = Steidzamība: { $value }
op-line-reply = Kad droši atbildēt: { $value }
op-line-note =
    Cilvēka piezīme:
    <i>{ $note }</i>
op-line-consent = ✓ Ir piekrišana nodot konsultantam

op-queue =
    <b>Rinda</b>: { $count ->
        [zero] { $count } atvērtas lietas
        [one] { $count } atvērta lieta
       *[other] { $count } atvērtas lietas
    }
    { $cases }
op-queue-line = { $marker } { $code } · { $minutes } min · { $holder }
op-queue-line-overdue = { $marker } <b>{ $code } · { $minutes } min · { $holder } ⏰</b>
op-queue-held = vada { $name }
op-queue-waiting = gaida
op-queue-empty = Atvērtu lietu nav.



op-button-claim = ✋ Pārņemt lietu
op-button-escalate = ⬆ Aicināt vadītāju
op-button-release = ↩ Atpakaļ rindā
op-button-close = ✅ Slēgt…
op-choose-outcome = Kā beidzās lieta { $code }?
op-outcome-information = Sniegta informācija
op-outcome-referred = Nosūtīts pie pakalpojuma sniedzēja
op-outcome-presumed-victim = Iespējamais cietušais
op-outcome-other-problem = Nav cilvēku tirdzniecība: cita problēma
op-outcome-declined = Atteicās no palīdzības
op-outcome-no-response = Nav atbildes
op-outcome-misuse = Ļaunprātīga izmantošana
op-case-claim = ✋ Lietu { $code } vada { $name }. Cilvēka ziņas nonāk šeit; jūsu atbildes šajā tēmā tiek nosūtītas cilvēkam ar parakstu „{ $name }”. Ziņas, kas sākas ar /note vai !, paliek grupā.
op-case-release = ↩ Lieta { $code } atgriezta rindā.
op-case-escalate = ⬆ Lieta { $code }: { $supervisors }, lūdzu, apskatiet.
op-case-close = ✅ Lieta { $code } slēgta.
op-refused-unknown = Šī poga vairs nav derīga.
op-refused-not-operator = Šeit var rīkoties tikai reģistrēti konsultanti. Vērsieties pie administratora: lastivka operators add.
op-refused-held-by-other = Šo lietu jau vada { $name }.
op-refused-already-yours = Jūs jau vadāt šo lietu.
op-refused-not-held = Šo lietu vēl neviens nevada.
op-refused-not-holder = To var izdarīt tikai { $name } (kas vada lietu) vai vadītājs.
op-refused-already-theirs = Šo lietu jau vada šis cilvēks.
op-refused-already-escalated = Vadītājs jau ir aicināts.
op-refused-closed = Šī lieta ir slēgta.
op-refused-no-outcome = Lai slēgtu lietu, izvēlieties, kā tā beidzās.
op-refused-system-outcome = Šo rezultātu nosaka tikai bots.
op-overdue = ⏰ { $marker } <b>{ $code }</b> gaida jau { $minutes } min, ilgāk par noteikto laiku. { $supervisors }, lūdzu, apskatiet.
op-no-supervisors = Vadītāji (neviens nav reģistrēts)
op-transfer-unknown = Nav aktīva konsultanta ar vārdu „{ $name }”. Uzrakstiet /transfer un vārdu, kā lastivka operators list.
op-person-ended = Cilvēks pabeidza sarunu lietā { $code }. Slēdziet to ar rezultātu, kad esat gatavi.
op-canned-choose = Gatavas atbildes lietai { $code } (tiek sūtītas cilvēka valodā):
op-canned-greeting = Sveiciens
op-canned-safe-now = Vai ir droši runāt?
op-canned-back-soon = Drīz uzrakstīšu
op-canned-numbers = Kur atrast numurus
op-canned-goodbye = Atvadas
op-canned-sent = Nosūtīts (cilvēka valodā): <i>{ $text }</i>
op-refused-person-ended = Cilvēks pabeidza sarunu.
op-queue-topic = 📋 Rinda
