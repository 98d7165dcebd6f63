# Droša ceļošana un darbs ārzemēs: tēmu izvēlne, pogu nosaukumi un padomu ekrāni (latviešu valoda).
# Katra padoma pēdējā rindā ir avoti un datumi; to adreses ir failā content/advice.toml.
# Tālruņu numuru šeit nav: bots tos rāda no atsevišķa kontaktu saraksta ar avotiem („Kontakti pa valstīm”).

migration-topics =
    <b>Droša ceļošana un darbs ārzemēs</b>
    Izvēlieties tēmu:
migration-topic-before = Pirms brauciena
migration-topic-destination = Galamērķa valstī
migration-topic-countries = Kontakti pa valstīm
migration-topic-card = Saglabāt manu drošības kartīti

migration-before =
    <b>Pirms brauciena</b>
    Ko jūs vēlaties pārbaudīt?
migration-destination =
    <b>Galamērķa valstī</b>
    Par ko ir jūsu jautājums?

migration-t-employer = Darba devējs un starpnieks
migration-t-contract = Darba līgums
migration-t-documents = Pase un dokumenti
migration-t-visas = Vīza un darba atļauja
migration-t-money = Nauda un parādi
migration-t-tell = Pastāstīt uzticamam cilvēkam
migration-t-contacts = Saglabāt kontaktus
migration-t-rights = Jūsu tiesības darbā
migration-t-taken = Ja jums atņem dokumentus
migration-t-unpaid = Ja jums nemaksā
migration-t-threats = Ja nejūtaties drošībā
migration-t-help = Kur saņemt palīdzību

advice-employer =
    <b>Pārbaudiet darba devēju un starpnieku</b>
    • Ukrainā: starpniecību darbā iekārtošanā ārzemēs drīkst veikt tikai uzņēmums, kas iekļauts Ekonomikas ministrijas uzturētajā sarakstā. Kopš 14.10.2023 licenču vietā ir šis saraksts, tāpēc pārbaudiet tieši sarakstu.
    • Latvijā: darbā iekārtošanai, arī bez maksas, vajadzīga Nodarbinātības valsts aģentūras (NVA) licence. Pārbaudiet uzņēmumu NVA reģistrā. Licenci izsniedz uz trim gadiem, un tajā norādītas valstis.
    • Pārliecinieties, ka darba devējs tiešām pastāv: pārbaudiet tā juridisko statusu, adresi un kontaktus.
    • Saskaņā ar SDO godīgas darbā pieņemšanas principiem darba ņēmējiem nav jāmaksā darbā pieņemšanas maksas vai ar tām saistītās izmaksas.
    <i>Avoti: Ukrainas Ekonomikas ministrija, 09.11.2023; Ministru kabinets, 23.04.2024; Nodarbinātības valsts aģentūra, bez datuma; Tiesībsargs, bez datuma; SDO, 2019.</i>

advice-contract =
    <b>Izlasiet līgumu pirms brauciena</b>
    • Vēl pirms brauciena saņemiet rakstisku darba līgumu valodā, kuru saprotat.
    • Pārbaudiet algu un tās izmaksas kārtību, nodokļus un ieturējumus, darba un atpūtas laiku, dzīvesvietu, kā arī to, kurš apmaksā ceļu turp un atpakaļ.
    • Neparakstiet steigā. Ja kaut kas nav skaidrs, pirms parakstīšanas lūdziet padomu speciālistam, piemēram, juristam.
    • Saglabājiet līguma kopiju un vēl vienu atstājiet cilvēkam, kuram uzticaties.
    <i>Avoti: Moldovas Nacionālā nodarbinātības aģentūra, bez datuma; Moldovas Tieslietu ministrija, bez datuma; Polijas policija, 27.06.2025; Švaikivkas kopienas padome (Ukraina), 17.07.2020.</i>

advice-documents =
    <b>Jūsu pase un dokumenti</b>
    • Glabājiet pasi un personas apliecību pie sevis. Nevienam tās neatdodiet, arī tad, kad jums kārto ceļošanas dokumentus.
    • Glabājiet pases, vīzas un līguma papīra un digitālās kopijas atsevišķi no oriģināliem.
    • Atstājiet kopijas cilvēkam, kuram uzticaties.
    • Ne darba devējam, ne starpniekam, ne izīrētājam nevajadzētu paņemt vai paturēt jūsu pasi. Ja darbiniekam atņem dokumentus, tā ir viena no piespiedu darba pazīmēm.
    <i>Avoti: Moldovas Ārlietu ministrija, bez datuma; SMO, bez datuma; Švaikivkas kopienas padome (Ukraina), 17.07.2020; SDO, 2012.</i>

advice-visas =
    <b>Vīza un darba atļauja</b>
    • ES pilsoņi citās ES valstīs var strādāt bez darba atļaujas. Citiem parasti vajadzīga darba vīza, uzturēšanās atļauja vai darba atļauja tajā valstī, kurā viņi strādās. Pajautājiet sev: vai man tāds dokuments ir?
    • Bezvīzu uzturēšanās vai tūristu vīza nav atļauja strādāt. Šengenas zonā strādāt bez valsts izsniegtas uzturēšanās atļaujas vai darba atļaujas ir nelikumīgi.
    • Katrā valstī ir savi noteikumi. Pirms brauciena noskaidrojiet oficiālos noteikumus tās valsts vēstniecībā vai konsulātā, kurā strādāsiet.
    • Ja strādājat bez atļaujas, jums var likt atstāt valsti, taču jūsu tiesības darbā joprojām ir spēkā.
    <i>Avoti: Eiropas Komisija, nodarbinātība un sociālās lietas, bez datuma; Ziemeļmaķedonijas Ārlietu ministrija, 23.11.2020; La Strada Moldova, 10.2021; Eiropas Komisija, ES imigrācijas portāls, bez datuma.</i>

advice-money =
    <b>Nauda un parādi</b>
    • Nemaksājiet par darba piedāvājumu. Saskaņā ar SDO godīgas darbā pieņemšanas principiem darba ņēmējiem nav jāmaksā darbā pieņemšanas maksas vai ar tām saistītās izmaksas.
    • Uzmanieties, ja darba devējs vai starpnieks apmaksā jūsu dokumentus un biļetes: tas var pārvērsties par „parādu”, ko jums liks atstrādāt.
    • Turiet savu naudu un bankas karti pie sevis. Nevienam citam nevajadzētu ar tām rīkoties.
    • Paņemiet līdzi pietiekami daudz naudas, lai iztiktu līdz pirmajai algai.
    <i>Avoti: SDO, 2019; Moldovas Ārlietu ministrija, bez datuma; Eiropas Komisija, ES imigrācijas portāls, bez datuma; FairWork (Nīderlande), bez datuma; Moldovas Tieslietu ministrija, bez datuma.</i>

advice-tell =
    <b>Pastāstiet cilvēkam, kuram uzticaties</b>
    • Pirms brauciena iedodiet cilvēkam, kuram uzticaties, starpnieka vārdu un kontaktus, kā arī uzņēmuma nosaukumu un adresi.
    • Pastāstiet par savu maršrutu, kur dzīvosiet un kā ar jums sazināties.
    • Vienojieties, ka ceļā uzturēsiet saziņu un regulāri ziņosiet, kur esat.
    • Norunājiet kodvārdu, kas nozīmēs „man vajadzīga palīdzība”.
    • Pastāstiet, ja jūsu plāni mainās.
    <i>Avoti: Moldovas Ārlietu ministrija, bez datuma; Pavlohradas pilsētas dome (Ukraina), bez datuma; Polijas policija, 27.06.2025; SMO, bez datuma.</i>

advice-contacts =
    <b>Saglabājiet kontaktus pirms brauciena</b>
    • Saglabājiet uzticības tālruņu numurus un savas valsts vēstniecības vai konsulāta kontaktus valstī, uz kuru braucat.
    • Ārzemēs reģistrējieties savas valsts vēstniecībā vai konsulātā. Latvijas pilsoņi var izmantot Ārlietu ministrijas Konsulāro reģistru.
    • Jūsu valsts kontakti ir sadaļā „Kontakti pa valstīm”.
    • „Saglabāt manu drošības kartīti” apkopo svarīgākos kontaktus vienā īsā ziņā, ko varat saglabāt.
    <i>Avoti: Švaikivkas kopienas padome (Ukraina), 17.07.2020; SMO, bez datuma; Latvijas Ārlietu ministrija, bez datuma.</i>

advice-rights =
    <b>Jūsu tiesības darbā</b>
    • ES tiesības aizsargā visus darba ņēmējus neatkarīgi no pilsonības vai uzturēšanās statusa. Darba pamattiesības attiecas uz visiem.
    • Darba ņēmējiem, kas ES valstī uzturas likumīgi, pienākas tāda pati attieksme kā vietējiem: samaksa, darba laiks, drošība un veselības aizsardzība.
    • Pierakstiet darba dienas, stundas, samaksu un ieturējumus; glabājiet līgumu un algas lapiņas.
    • Tās valsts darba inspekcija, kurā strādājat, var izskaidrot jūsu tiesības un palīdzēt iesniegt sūdzību. Dažās valstīs, piemēram, Beļģijā, sūdzēties var pat bez likumīga uzturēšanās statusa.
    <i>Avoti: ES Pamattiesību aģentūra, 01.08.2024; FairWork (Nīderlande), bez datuma; FairWork Belgium, bez datuma.</i>

advice-taken =
    <b>Ja jums atņem dokumentus</b>
    • Nevienam nevajadzētu paturēt jūsu pasi. Ja darbiniekam atņem dokumentus, tā ir viena no piespiedu darba pazīmēm.
    • Vērsieties policijā vai palīdzības organizācijā valstī, kurā atrodaties.
    • Cik vien ātri iespējams, informējiet savu vēstniecību vai konsulātu. Ukrainas konsulāti aicina pilsoņus nekavējoties ziņot, ja viņu brīvība ir jebkādi ierobežota vai ja pret viņiem izdarīts noziegums.
    • Ja esat briesmās, zvaniet uz vietējo ārkārtas palīdzības numuru. Kontakti ir sadaļā „Kontakti pa valstīm”.
    • Varat arī vērsties pie uzticības tālruņa konsultantiem šeit: „Anonīmi lūgt palīdzību”.
    <i>Avoti: SDO, 2012; Eiropas Komisija, ES imigrācijas portāls, bez datuma; Ukrainas Ģenerālkonsulāts Hamburgā, 11.10.2020.</i>

advice-unpaid =
    <b>Ja jums nemaksā</b>
    • Ikvienam, kas strādā, neatkarīgi no statusa ir tiesības saņemt samaksu par padarīto darbu.
    • Pierakstiet darba dienas, stundas un summu, kas jums pienākas. Glabājiet līgumu, algas lapiņas un ziņas.
    • Vērsieties tās valsts darba inspekcijā, kurā strādājat. Iesniegt sūdzību var palīdzēt arodbiedrība vai nevalstiskā organizācija.
    • Jūs uz ārzemēm nosūtīja strādāt Latvijas uzņēmums? Varat vērsties arī Valsts darba inspekcijā Latvijā.
    • Ja ir arī draudi, parādi, atņemta pase vai jums neļauj brīvi aiziet, vērsieties uzticības tālrunī vai policijā.
    <i>Avoti: ES Pamattiesību aģentūra, 01.08.2024; FairWork (Nīderlande), bez datuma; Labklājības ministrija, bez datuma; Eiropas Komisija, ES imigrācijas portāls, bez datuma.</i>

advice-threats =
    <b>Ja nejūtaties drošībā</b>
    • Jūsu drošība ir pirmajā vietā. Ja jums tagad draud briesmas, zvaniet uz vietējo ārkārtas palīdzības numuru. Katrā ES valstī darbojas viens ārkārtas numurs, kas ir bez maksas no jebkura tālruņa.
    • Draudi jums vai jūsu tuviniekiem, ieslēgšana, novērošana vai tas, ka jums neļauj aiziet, ir nopietnas pazīmes. Vērsieties policijā vai palīdzības organizācijā valstī, kurā atrodaties.
    • Ukrainas pilsoņi: nekavējoties informējiet vēstniecību vai konsulātu, ja jūsu brīvība ir ierobežota.
    • Uzticības tālruņa konsultanti palīdzēs pārdomāt nākamos soļus. Kontakti ir sadaļā „Kontakti pa valstīm”.
    <i>Avoti: Eiropas Komisija, 02.2022; Eiropas Komisija, ES imigrācijas portāls, bez datuma; Ukrainas Ģenerālkonsulāts Hamburgā, 11.10.2020; Patvērums „Drošā māja” (Latvija), 20.03.2014.</i>

advice-help =
    <b>Kur saņemt palīdzību</b>
    • Uzticības tālruņi konsultē gan pirms brauciena uz ārzemēm, gan tad, ja kaut kas nogājis greizi. Daudzi no tiem ir bez maksas.
    • Palīdzība var ietvert drošu dzīvesvietu, medicīnisko un juridisko palīdzību, kā arī tulka pakalpojumus. Piemēram, Somijā valsts palīdzības sistēma palīdz pat tiem, kas valstī uzturas bez likumīga statusa; tās palīdzība ir bez maksas un brīvprātīga.
    • Jūsu valsts kontakti ir sadaļā „Kontakti pa valstīm”.
    • Varat arī rakstīt uzticības tālruņa konsultantiem šeit, nenorādot vārdu un tālruņa numuru: „Anonīmi lūgt palīdzību”.
    <i>Avoti: EDSO, 18.11.2002; Patvērums „Drošā māja” (Latvija), 20.03.2014; Somijas Imigrācijas dienests, bez datuma; Palīdzības sistēma (Somija), bez datuma.</i>
