# Lastivka, latviešu: darba piedāvājuma vai situācijas ārzemēs pārbaude.
# $who ir "self" vai "other" (tuvinieks vai draugs, par kuru cilvēks jautā).

screening-mode =
    <b>Pārbaudīt darba piedāvājumu vai situāciju</b>
    Es uzdošu īsus jautājumus ar atbildēm „Jā”, „Nē” un „Nezinu droši”. Pareizu vai nepareizu atbilžu te nav, un neviens jūs nevērtē.
    Ko jūs vēlaties pārbaudīt?
screening-mode-offer = Darba piedāvājumu pirms došanās
screening-mode-abroad = Darbu vai dzīvi ārzemēs tagad
screening-for-whom = Kam paredzēta šī pārbaude?
screening-for-self = Sev
screening-for-other = Kādam tuvam cilvēkam
screening-age =
    { $who ->
        [other] Cik gadu ir šim cilvēkam?
       *[self] Cik jums ir gadu?
    }
screening-age-under-18 = Vēl nav 18
screening-age-age-18-25 = 18–25
screening-age-age-26-plus = 26 vai vairāk
screening-age-age-unknown = Nezinu
screening-country =
    { $mode ->
        [abroad] { $who ->
            [other] Kurā valstī šis cilvēks ir tagad?
           *[self] Kurā valstī jūs esat tagad?
        }
       *[offer] Kurā valstī ir šis darbs?
    }
screening-ad =
    Ja jums ir darba sludinājuma teksts vai starpnieka ziņa, ielīmējiet to šeit vai pārsūtiet man. Es tajā meklēšu riska pazīmes.
    Vai arī vienkārši atbildiet uz jautājumiem.
screening-ad-skip = Atbildēt uz jautājumiem
screening-no-question = Vairāk jautājumu nav.
answer-yes = Jā
answer-no = Nē
answer-unsure = Nezinu droši

ad-no-flags =
    Šajā tekstā es neredzu nevienu man zināmu riska pazīmi.
    Tas vēl nenozīmē, ka piedāvājums ir drošs: daudzi riski atklājas tikai atbildēs uz tālākajiem jautājumiem vai tad, kad pārbauda darba devēju.
ad-flags-found =
    { $count ->
        [zero] Tekstā redzu { $count } riska pazīmju:
        [one] Tekstā redzu { $count } riska pazīmi:
       *[other] Tekstā redzu { $count } riska pazīmes:
    }
    { $flags }
ad-flag-line = • { $flag }: „{ $evidence }”
ad-continue = Pārējo pārbaudīsim ar dažiem jautājumiem. Tas, kas ir tekstā, jau ir ņemts vērā.

flag-upfront-fee = naudu prasa vēl pirms darba sākuma
flag-document-retention = pasi vai dokumentus glabā kāds cits
flag-debt-bondage = izmaksas, kas jāatstrādā
flag-ticket-deduction = biļetes cenu ietur no algas
flag-no-contract = pirms brauciena nav rakstiska darba līguma
flag-tourist-visa-work = darbs ar tūristu vīzu vai bez darba atļaujas
flag-unrealistic-pay = pārāk liela alga par piedāvāto darbu
flag-vague-employer = nav skaidrs, kas ir darba devējs: nav nosaukuma, adreses vai reģistrācijas
flag-messenger-only = saziņa tikai ziņapmaiņas lietotnē
flag-urgency-pressure = spiež ātri izlemt vai aizbraukt
flag-secrecy = lūdz to turēt noslēpumā
flag-restricted-movement = ierobežo iziešanu no mājas, tālruņa lietošanu vai brīvdienas
flag-sexual-exploitation-hint = neskaidrs darbs: „hostese”, „dejas” vai „pavadīšana”
flag-minors-targeted = aicina cilvēkus, kuriem vēl nav 18
flag-marriage-agency = brauciens ar laulību vai iepazīšanās aģentūras starpniecību
flag-recruiter-third-country = maršruts caur citu valsti
flag-fines-penalties = naudas sodi vai citi sodi darbiniekiem

screening-urgent =
    <b>Jūsu drošība ir pats svarīgākais</b>
    { $who ->
        [other] Spriežot pēc jūsu atbildēm, šis cilvēks tagad var būt briesmās.
       *[self] Spriežot pēc jūsu atbildēm, jūs tagad varat būt briesmās.
    }
    Ja varat, zvaniet uz ārkārtas palīdzības numuru ({ $country }):
    { $contacts }
    Es varu tūlīt nodot jūsu atbildes uzticības tālruņa konsultantam. Jūsu vārds un tālruņa numurs netiek nodoti.
screening-urgent-person = Nodot konsultantam tagad
screening-urgent-continue = Turpināt
screening-urgent-sent =
    Jūsu atbildes ir nodotas. Konsultants atbildēs šeit, cik drīz vien iespējams.
    Ja jums draud briesmas, vispirms zvaniet uz ārkārtas palīdzības numuru.

level-low = Maz riska pazīmju
level-medium = Ir dažas riska pazīmes
level-high = Nopietnas riska pazīmes
level-urgent = Briesmas tieši tagad

screening-result =
    <b>Jūsu rezultāts</b>
    <b>{ $level }</b>
    { $reasons }

    { $next }
    { $child }
    <b>Kontakti ({ $country }):</b>
    { $contacts }

    <i>Šī ir riska pazīmju pārbaude, nevis juridisks lēmums. Kāda ir situācija, var pateikt tikai speciālisti.</i>
screening-reason = • { $reason }
screening-reason-ad = • { $reason } (no atsūtītā teksta)
screening-reason-unsure = • { $reason } (atbilde: nezinu droši)
screening-no-signs = Jūsu atbildēs nav nevienas riska pazīmes no mana saraksta.
screening-next-low =
    { $who ->
        [other] Tomēr šim cilvēkam vajadzētu pārbaudīt darba devēju, saņemt rakstisku darba līgumu saprotamā valodā un turēt pasi pie sevis.
       *[self] Tomēr ir vērts pārbaudīt darba devēju, iegūt rakstisku darba līgumu jums saprotamā valodā un turēt pasi pie sevis.
    }
screening-next-medium =
    { $who ->
        [other] Dažas lietas vajadzētu pārbaudīt, pirms šis cilvēks piekrīt vai turpina. Kā to izdarīt, pastāstīs padomi par drošu ceļošanu. Uzticības tālruņa konsultants var palīdzēt bez maksas un anonīmi.
       *[self] Dažas lietas vajadzētu pārbaudīt, pirms jūs piekrītat vai turpināt. Kā to izdarīt, pastāstīs padomi par drošu ceļošanu. Uzticības tālruņa konsultants var palīdzēt bez maksas un anonīmi.
    }
screening-next-high =
    { $who ->
        [other] Šādas pazīmes bieži redzamas, kad cilvēkus maldina vai piespiež strādāt. Lūdzu, runājiet ar uzticības tālruņa konsultantu, pirms šis cilvēks piekrīt vēl kaut kam. Tas ir bez maksas un anonīmi.
       *[self] Šādas pazīmes bieži redzamas, kad cilvēkus maldina vai piespiež strādāt. Lūdzu, runājiet ar uzticības tālruņa konsultantu, pirms piekrītat vēl kaut kam. Tas ir bez maksas un anonīmi.
    }
screening-next-urgent =
    { $who ->
        [other] Šis cilvēks tagad var būt briesmās. Ja varat, zvaniet uz ārkārtas palīdzības numuru un pēc tam runājiet ar uzticības tālruņa konsultantu.
       *[self] Jūs tagad varat būt briesmās. Ja varat, zvaniet uz ārkārtas palīdzības numuru un pēc tam runājiet ar uzticības tālruņa konsultantu.
    }
screening-child-note = <b>Ja vēl nav 18:</b> jebkurš piedāvājums aizvest bērnu strādāt vai braucienā darba dēļ ir augsts risks, pat ja bērns piekrīt. Lūdzu, runājiet ar konsultantu vai zvaniet uz bērnu uzticības tālruni.
screening-person = Runāt ar konsultantu
screening-advice = Padomi drošam braucienam
screening-again = Pārbaudīt ko citu
screening-consent =
    Es nodošu jūsu atbildes un rezultātu uzticības tālruņa konsultantam. Konsultants neredzēs ne jūsu vārdu, ne lietotājvārdu, ne tālruņa numuru.
    Vai jūs piekrītat?
screening-consent-yes = Jā, nodot
screening-consent-no = Nē, ne tagad
screening-sent =
    Paldies. Jūsu atbildes ir nodotas; konsultants jums rakstīs šeit.
    Šo sarunu varat aizvērt: turpināsim no tās pašas vietas.
