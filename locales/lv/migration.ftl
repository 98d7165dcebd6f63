migration-topics =
    <b>Droša ceļošana un darbs ārzemēs</b>
    Izvēlieties tēmu:
migration-topic-offer = Pirms pieņemat darba piedāvājumu
migration-topic-leaving = Pirms aizbraucat

advice-before-offer =
    <b>Pirms pieņemat darba piedāvājumu</b>
    • Pārbaudiet starpnieku oficiālajā reģistrā. Ukrainā: Ekonomikas ministrijas uzturētais darbā iekārtošanas ārvalstīs starpnieku saraksts (kopš 14.10.2023 licenču vietā ir šis saraksts). Latvijā: Nodarbinātības valsts aģentūras (NVA) licenču reģistrs; licence vajadzīga pat tad, ja darbā iekārto bez maksas.
    • Saskaņā ar godīgas darbā pieņemšanas noteikumiem par darbā iekārtošanu jums nav jāmaksā: izmaksas par darba atrašanu jums nav jāsedz.
    <i>Avoti: Ukrainas Ekonomikas ministrija, 09.11.2023; Ministru kabineta noteikumi Nr. 458 ar 23.04.2024 grozījumiem; Starptautiskā Darba organizācija, darbā pieņemšanas maksu un saistīto izmaksu definīcija, 2019.</i>

advice-before-leaving =
    <b>Pirms aizbraucat</b>
    • Nokopējiet pasi, vīzu un darba līgumu. Glabājiet kopijas atsevišķi no oriģināliem un atstājiet tās cilvēkam, kuram uzticaties.
    • Pastāstiet tuviniekiem starpnieka un uzņēmuma nosaukumu, adresi un savu maršrutu. Vienojieties, cik bieži zvanīsiet, un norunājiet kodvārdu, kas nozīmēs, ka jums vajadzīga palīdzība.
    • Vēl pirms brauciena saglabājiet uzticības tālruņu un savas valsts vēstniecības numurus.
    <i>Avoti: Švaikivkas kopienas padome (Ukrainas pašvaldība), 17.07.2020; Polijas policija, 27.06.2025.</i>
