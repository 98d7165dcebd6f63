# Riska pārbaudes jautājumi (ind-*) un rezultāta rindas (ind-*-why); pa pārim katram content/indicators.toml indikatoram, tādā pašā secībā.
# $who: "self" — cilvēks jautā par sevi, "other" — par kādu no tuviniekiem vai draugiem.

ind-job-differs =
    { $who ->
        [other] Vai šī cilvēka darbs, alga, darba laiks vai vieta atšķiras no tā, kas tika solīts?
       *[self] Vai jūsu darbs, alga, darba laiks vai vieta atšķiras no tā, kas tika solīts?
    }
ind-job-differs-why = Darbs, alga vai vieta nav tādi, kā solīts

ind-unrealistic-pay =
    { $who ->
        [other] Vai šim cilvēkam sola daudz lielāku algu nekā parasti par šādu darbu, bez pieredzes un valodas zināšanām, vai „garantētu” bezmaksas mājokli?
       *[self] Vai jums sola daudz lielāku algu nekā parasti par šādu darbu, bez pieredzes un valodas zināšanām, vai „garantētu” bezmaksas mājokli?
    }
ind-unrealistic-pay-why = Alga vai apstākļi, kas šķiet pārāk labi

ind-entertainment-job =
    { $who ->
        [other] Vai šim cilvēkam piedāvātais darbs ir saistīts ar dejošanu klubā, viesu izklaidēšanu, masāžu, eskortu, „modelēšanu”, tīmekļa kameru vai laika pavadīšanu ar klientiem?
       *[self] Vai darbs ir saistīts ar dejošanu klubā, viesu izklaidēšanu, masāžu, eskortu, „modelēšanu”, tīmekļa kameru vai laika pavadīšanu ar klientiem?
    }
ind-entertainment-job-why = Darbs klubos, masāža, eskorts vai tīmekļa kamera

ind-special-offer =
    { $who ->
        [other] Vai bez darba šim cilvēkam piedāvā vēl ko: laulību vai partneri ārzemēs, naudu par nieri vai „medicīnisku ziedošanu”, dāvanas, alkoholu vai narkotikas?
       *[self] Vai bez darba jums piedāvā vēl ko: laulību vai partneri ārzemēs, naudu par nieri vai „medicīnisku ziedošanu”, dāvanas, alkoholu vai narkotikas?
    }
ind-special-offer-why = Piedāvā vēl ko, ne tikai darbu

ind-organ-offer =
    { $who ->
        [other] Vai šim cilvēkam piedāvā naudu par nieri vai citu orgānu, par „medicīnisku ziedošanu” vai operāciju ārzemēs?
       *[self] Vai jums piedāvā naudu par nieri vai citu orgānu, par „medicīnisku ziedošanu” vai operāciju ārzemēs?
    }
ind-organ-offer-why = Nauda par orgānu vai „medicīnisku ziedošanu”

ind-marriage-offer =
    { $who ->
        [other] Vai runa ir par laulību vai attiecībām ārzemēs ar kādu, ar ko šis cilvēks iepazinās internetā vai caur aģentūru, vai par laulību „papīru dēļ”?
       *[self] Vai runa ir par laulību vai attiecībām ārzemēs ar kādu, ar ko iepazināties internetā vai caur aģentūru, vai par laulību „papīru dēļ”?
    }
ind-marriage-offer-why = Laulība vai attiecības ārzemēs vai laulība papīru dēļ

ind-child-lure =
    { $who ->
        [other] Vai piedāvājums ir domāts nepilngadīgajiem (līdz 18 gadiem) vai šim cilvēkam dāvina dāvanas, piedāvā kur dzīvot, alkoholu vai narkotikas, lai viņš vai viņa brauktu līdzi vai strādātu pie kāda?
       *[self] Vai piedāvājums ir domāts nepilngadīgajiem (līdz 18 gadiem) vai jums dāvina dāvanas, piedāvā kur dzīvot, alkoholu vai narkotikas, lai jūs brauktu līdzi vai strādātu pie kāda?
    }
ind-child-lure-why = Piedāvājums nepilngadīgajiem vai dāvanas, alkohols vai narkotikas kā ēsma

ind-upfront-fee =
    { $who ->
        [other] Vai šim cilvēkam prasa samaksāt par šo darbu vai ceļu (maksu, „dokumentu kārtošanu”, biļeti)?
       *[self] Vai jums prasa samaksāt par šo darbu vai ceļu (maksu, „dokumentu kārtošanu”, biļeti)?
    }
ind-upfront-fee-why = Naudu prasa vēl pirms darba sākuma

ind-travel-debt =
    { $who ->
        [other] Vai biļeti, vīzu vai mājokli par šo cilvēku apmaksās un vēlāk ieturēs no algas, vai tiek minēti sodi no algas?
       *[self] Vai biļeti, vīzu vai mājokli par jums apmaksās un vēlāk ieturēs no algas, vai tiek minēti sodi no algas?
    }
ind-travel-debt-why = Izdevumus vai sodus ieturēs no algas

ind-documents-taken =
    { $who ->
        [other] Vai šim cilvēkam ir paņemta pase vai personas apliecība, vai arī prasa to atstāt pie viņiem („dokumentu kārtošanai”, „drošībai”)?
       *[self] Vai jums ir paņemta pase vai personas apliecība, vai arī prasa to atstāt pie viņiem („dokumentu kārtošanai”, „drošībai”)?
    }
ind-documents-taken-why = Pasi vai personas apliecību glabā kāds cits

ind-cannot-leave =
    { $who ->
        [other] Vai šo cilvēku ieslēdz vai neļauj patstāvīgi iziet no vietas, kur viņš vai viņa strādā vai dzīvo?
       *[self] Vai jūs ieslēdz vai neļauj patstāvīgi iziet no vietas, kur strādājat vai dzīvojat?
    }
ind-cannot-leave-why = Ieslēdz vai neļauj aiziet

ind-other-tasks =
    { $who ->
        [other] Vai no šī cilvēka sagaida kaut ko no tālāk minētā?
       *[self] Vai no jums sagaida kaut ko no tālāk minētā?
    }
    Sekss ar klientiem, ubagošana, zagšana, narkotiku vai paku pārvadāšana, laulība ar kādu.
ind-other-tasks-why = Sagaida seksu ar klientiem, ubagošanu, noziegumus vai laulību

ind-forced-crime =
    { $who ->
        [other] Vai šo cilvēku spiež zagt, pārdot vai pārvadāt narkotikas vai pakas vai darīt ko citu nelikumīgu?
       *[self] Vai jūs spiež zagt, pārdot vai pārvadāt narkotikas vai pakas vai darīt ko citu nelikumīgu?
    }
ind-forced-crime-why = Spiež pārkāpt likumu

ind-forced-begging =
    { $who ->
        [other] Vai šo cilvēku vai bērnu, kas ir kopā ar viņu, spiež ubagot un atdot naudu kādam citam?
       *[self] Vai jūs vai bērnu, kas ir kopā ar jums, spiež ubagot un atdot naudu kādam citam?
    }
ind-forced-begging-why = Spiež ubagot un atdot naudu

ind-sex-control =
    { $who ->
        [other] Vai kāds cits izvēlas šim cilvēkam klientus vai darba laiku vai paņem lielāko daļu naudas?
       *[self] Vai kāds cits izvēlas jums klientus vai darba laiku vai paņem lielāko daļu naudas?
    }
    Jautājums ir par seksa darbu.
ind-sex-control-why = Kāds cits nosaka klientus vai paņem naudu par seksa darbu

ind-forced-marriage =
    { $who ->
        [other] Vai uz šo cilvēku izdara spiedienu stāties laulībā vai nešķirties, piemēram, lai kāds cits iegūtu uzturēšanās atļauju?
       *[self] Vai uz jums izdara spiedienu stāties laulībā vai nešķirties, piemēram, lai kāds cits iegūtu uzturēšanās atļauju?
    }
ind-forced-marriage-why = Spiediens stāties laulībā, piemēram, kāda cita papīru dēļ

ind-wages-withheld =
    { $who ->
        [other] Vai šim cilvēkam algu maksā ar kavēšanos, mazāk nekā norunāts, ietur par „parādu” vai „izdevumiem” vai nemaksā nemaz?
       *[self] Vai jums algu maksā ar kavēšanos, mazāk nekā norunāts, ietur par „parādu” vai „izdevumiem” vai nemaksā nemaz?
    }
ind-wages-withheld-why = Algu aiztur, samazina vai nemaksā

ind-debt-trap =
    { $who ->
        [other] Vai šim cilvēkam ir parāds darba devējam vai starpniekam, kas visu laiku aug vai kas jāatstrādā, pirms drīkst aiziet?
       *[self] Vai jums ir parāds darba devējam vai starpniekam, kas visu laiku aug vai kas jāatstrādā, pirms drīkstat aiziet?
    }
ind-debt-trap-why = Parāds, kas aug vai kas jāatstrādā

ind-money-controlled =
    { $who ->
        [other] Vai kāds cits tur pie sevis šī cilvēka nopelnīto naudu vai bankas karti vai rīkojas ar tā kontu?
       *[self] Vai kāds cits tur pie sevis jūsu nopelnīto naudu vai bankas karti vai rīkojas ar jūsu kontu?
    }
ind-money-controlled-why = Nopelnīto naudu vai karti tur kāds cits

ind-fines =
    { $who ->
        [other] Vai no šī cilvēka algas ietur sodus, piemēram, par kļūdām, kavēšanos vai „noteikumu pārkāpšanu”?
       *[self] Vai no jūsu algas ietur sodus, piemēram, par kļūdām, kavēšanos vai „noteikumu pārkāpšanu”?
    }
ind-fines-why = Sodi no algas

ind-no-contract =
    { $who ->
        [other] Vai par darbu norunāts tikai mutiski, bez rakstiska līguma, vai līgums ir valodā, ko šis cilvēks pilnībā nesaprot?
       *[self] Vai par darbu norunāts tikai mutiski, bez rakstiska līguma, vai līgums ir valodā, ko jūs pilnībā nesaprotat?
    }
ind-no-contract-why = Nav rakstiska līguma vai tas ir nesaprotamā valodā

ind-tourist-visa-work =
    { $who ->
        [other] Vai šim cilvēkam piedāvā strādāt ar tūrista vīzu, bezvīzu režīmā vai bez darba atļaujas?
       *[self] Vai jums piedāvā strādāt ar tūrista vīzu, bezvīzu režīmā vai bez darba atļaujas?
    }
ind-tourist-visa-work-why = Darbs bez darba atļaujas

ind-irregular-crossing =
    { $who ->
        [other] Vai šim cilvēkam piedāvā šķērsot robežu bez pienācīgiem dokumentiem vai nopirkt dokumentus — viltotus vai nokārtotus „caur paziņām”?
       *[self] Vai jums piedāvā šķērsot robežu bez pienācīgiem dokumentiem vai nopirkt dokumentus — viltotus vai nokārtotus „caur paziņām”?
    }
ind-irregular-crossing-why = Piedāvā robežas šķērsošanu bez dokumentiem vai pirktus dokumentus

ind-threats =
    { $who ->
        [other] Vai šim cilvēkam vai ģimenei draudēja?
            Piemēram, ar vardarbību vai ar to, ka viņu arestēs vai izraidīs no valsts.
       *[self] Vai jums vai jūsu ģimenei draudēja?
            Piemēram, ar vardarbību vai ar to, ka jūs arestēs vai izraidīs no valsts.
    }
ind-threats-why = Draudi cilvēkam vai ģimenei

ind-fear-revenge =
    { $who ->
        [other] Vai šis cilvēks baidās, kas notiks ar viņu vai ģimeni, ja viņš vai viņa aizies vai kādam pastāstīs, piemēram, jo priekšnieki saka, ka viņiem ir „sakari”?
       *[self] Vai jūs baidāties, kas notiks ar jums vai jūsu ģimeni, ja aiziesiet vai kādam pastāstīsiet, piemēram, jo priekšnieki saka, ka viņiem ir „sakari”?
    }
ind-fear-revenge-why = Bailes no atriebības par aiziešanu vai stāstīšanu

ind-no-legal-status =
    { $who ->
        [other] Vai šis cilvēks tur tagad ir bez derīgas vīzas, darba atļaujas vai uzturēšanās dokumentiem?
       *[self] Vai jūs tur tagad esat bez derīgas vīzas, darba atļaujas vai uzturēšanās dokumentiem?
    }
ind-no-legal-status-why = Nav derīgu dokumentu uzturēšanās vai darba vajadzībām

ind-violence =
    { $who ->
        [other] Vai šo cilvēku kāds sita, sāpināja vai ar varu kaut kur aizveda?
            Vai piespieda stāties dzimumattiecībās?
       *[self] Vai jūs kāds sita, sāpināja vai ar varu kaut kur aizveda?
            Vai piespieda stāties dzimumattiecībās?
    }
ind-violence-why = Vardarbība, seksuāla vardarbība vai aizvešana ar varu

ind-contact-restricted =
    { $who ->
        [other] Vai šim cilvēkam atņem telefonu vai ierobežo saziņu ar ģimeni vai iziešanu ārā — vai to paredz līgums vai saka starpnieks?
       *[self] Vai jums atņem telefonu vai ierobežo saziņu ar ģimeni vai iziešanu ārā — vai to paredz līgums vai saka starpnieks?
    }
ind-contact-restricted-why = Ierobežo telefonu, saziņu vai iziešanu

ind-watched =
    { $who ->
        [other] Vai kāds visu laiku šo cilvēku uzrauga, visur iet līdzi vai pārbauda, kur viņš vai viņa ir?
       *[self] Vai kāds visu laiku jūs uzrauga, visur iet līdzi vai pārbauda, kur esat?
    }
ind-watched-why = Pastāvīga uzraudzība vai pavadīšana

ind-moved-around =
    { $who ->
        [other] Vai šo cilvēku pārvieto no vietas uz vietu, starp pilsētām vai valstīm, neprasot piekrišanu?
       *[self] Vai jūs pārvieto no vietas uz vietu, starp pilsētām vai valstīm, neprasot jūsu piekrišanu?
    }
ind-moved-around-why = Pārvieto no vietas uz vietu bez izvēles

ind-dependency =
    { $who ->
        [other] Vai šim cilvēkam saka, ka bez darba devēja vai „vecākajiem” viņš vai viņa neizdzīvos, neatradīs citu darbu un palīdzību?
       *[self] Vai jums saka, ka bez darba devēja vai „vecākajiem” jūs neizdzīvosiet, neatradīsiet citu darbu un palīdzību?
    }
ind-dependency-why = Saka, ka bez viņiem nevar iztikt

ind-excessive-hours =
    { $who ->
        [other] Vai šis cilvēks strādā ļoti garas stundas vai dienas bez atpūtas, daudz vairāk nekā norunāts?
       *[self] Vai jūs strādājat ļoti garas stundas vai dienas bez atpūtas, daudz vairāk nekā norunāts?
    }
ind-excessive-hours-why = Ļoti garas darba stundas bez atpūtas

ind-live-in-no-rest =
    { $who ->
        [other] Vai šis cilvēks dzīvo mājā, kur strādā (uzkopšana, aprūpe, bērni), bez brīvdienām vai viņu var saukt darbā jebkurā diennakts laikā?
       *[self] Vai jūs dzīvojat mājā, kur strādājat (uzkopšana, aprūpe, bērni), bez brīvdienām vai jūs var saukt darbā jebkurā diennakts laikā?
    }
ind-live-in-no-rest-why = Darbs ģimenē ar dzīvošanu uz vietas bez brīvdienām

ind-unsafe-work =
    { $who ->
        [other] Vai šī cilvēka darbs ir bīstams vai traumas un slimības ignorē un nav iespējas aiziet pie ārsta?
       *[self] Vai jūsu darbs ir bīstams vai traumas un slimības ignorē un nav iespējas aiziet pie ārsta?
    }
ind-unsafe-work-why = Bīstams darbs, traumas vai slimības ignorē

ind-employer-housing =
    { $who ->
        [other] Vai mājokli šim cilvēkam nodrošina darba devējs, tāpēc līdz ar darbu viņš vai viņa zaudētu arī to, vai tas ir pārpildīts vai nedrošs?
       *[self] Vai mājokli jums nodrošina darba devējs, tāpēc līdz ar darbu jūs zaudētu arī to, vai tas ir pārpildīts vai nedrošs?
    }
ind-employer-housing-why = Mājoklis atkarīgs no darba, pārpildīts vai nedrošs

ind-unverified-recruiter =
    { $who ->
        [other] Vai ir grūti pārbaudīt, kas ir šī cilvēka darba devējs vai aģentūra: nav uzņēmuma nosaukuma, adreses vai ieraksta oficiālā reģistrā?
       *[self] Vai ir grūti pārbaudīt, kas ir darba devējs vai aģentūra: nav uzņēmuma nosaukuma, adreses vai ieraksta oficiālā reģistrā?
    }
ind-unverified-recruiter-why = Darba devēju vai aģentūru nevar pārbaudīt

ind-pressure-secrecy =
    { $who ->
        [other] Vai šo cilvēku steidzina ātri izlemt vai aizbraukt vai lūdz nevienam nestāstīt par piedāvājumu?
       *[self] Vai jūs steidzina ātri izlemt vai aizbraukt vai lūdz nevienam nestāstīt par piedāvājumu?
    }
ind-pressure-secrecy-why = Steidzināšana vai prasība visu turēt noslēpumā

ind-recruiter-contact =
    { $who ->
        [other] Vai piedāvājums nāca tikai caur sociālo tīklu vai ziņapmaiņas lietotni, no kāda, ar ko šis cilvēks nesen iepazinās, vai no kāda, kas pēc darba tur vervē citus?
       *[self] Vai piedāvājums nāca tikai caur sociālo tīklu vai ziņapmaiņas lietotni, no kāda, ar ko nesen iepazināties, vai no kāda, kas pēc darba tur vervē citus?
    }
ind-recruiter-contact-why = Piedāvājums tikai caur sociālajiem tīkliem vai no jauna paziņas

ind-vague-job =
    { $who ->
        [other] Vai nav skaidrs, kāds tieši ir darbs, darba laiks vai kur šis cilvēks dzīvos un strādās?
       *[self] Vai nav skaidrs, kāds tieši ir darbs, darba laiks vai kur jūs dzīvosiet un strādāsiet?
    }
ind-vague-job-why = Neskaidrs darbs, darba laiks vai vieta
