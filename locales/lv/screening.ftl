screening-mode =
    <b>Pārbaudīt darba piedāvājumu vai situāciju</b>
    Es uzdošu dažus īsus jautājumus. Pareizu vai nepareizu atbilžu te nav.
    Ko jūs vēlaties pārbaudīt?
screening-mode-offer = Darba piedāvājumu, vēl pirms aizbraukšanas
screening-mode-abroad = Savu pašreizējo darbu (esmu jau ārzemēs)
screening-for-whom = Kam jūs to pārbaudāt?
screening-for-self = Sev
screening-for-other = Kādam no tuviniekiem vai draugiem
screening-next =
    Paldies. Sīkāki šīs pārbaudes jautājumi šajā bota versijā vēl nav pieejami.
    Ja kaut kas šajā darbā jūs uztrauc, jūs jau tagad varat vērsties pie uzticības tālruņa konsultantiem — anonīmi un bez maksas.
screening-ask-help = Anonīmi lūgt palīdzību
