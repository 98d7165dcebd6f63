# Padomu ziņas: profilakses kampaņu tēmas, kuras cilvēks izvēlas pats, un atteikšanās ar vienu pieskārienu.
# Katras ziņas pirmā rinda ir neitrāla: šīs ziņas pienāk kā paziņojumi.

menu-subscribe = 📬 Padomu ziņas
offer-subscribe = 📬 Laiku pa laikam saņemt padomus
subscribe-topics =
    <b>Padomu ziņas</b>
    Laiku pa laikam mēs sūtām īsus, noderīgus padomus. Nospiediet tēmu, lai to ieslēgtu vai izslēgtu.
    Izvēlētās tēmas:
    { $topics }
subscribe-topics-none = pagaidām nav
subscribe-topic-jobs = ☐ Darba piedāvājumi un to pārbaude
subscribe-topic-jobs-on = ✅ Darba piedāvājumi un to pārbaude
subscribe-topic-travel = ☐ Drošs brauciens uz konkrētu valsti
subscribe-topic-travel-on = ✅ Drošs brauciens uz konkrētu valsti
subscribe-topic-rights = ☐ Jūsu tiesības darbā
subscribe-topic-rights-on = ✅ Jūsu tiesības darbā
subscribe-topic-news = ☐ Uzticības tālruņa jaunumi
subscribe-topic-news-on = ✅ Uzticības tālruņa jaunumi
subscribe-topic-jobs-name = • darba piedāvājumi un to pārbaude
subscribe-topic-travel-name = • drošs brauciens: { $country }
subscribe-topic-rights-name = • jūsu tiesības darbā
subscribe-topic-news-name = • uzticības tālruņa jaunumi
subscribe-done-button = ✔ Gatavs
subscribe-stop-all = 🔕 Izslēgt visus padomus
subscribe-country = Uz kuru valsti jūs braucat? Padomi būs par to.
subscribe-done =
    <b>Gatavs.</b> Jūs saņemsiet padomus par šīm tēmām:
    { $topics }
    Tikai laiku pa laikam. Zem katras ir poga, ar kuru tās var izslēgt, un /unsubscribe izslēdz tās visas uzreiz.
subscribe-nothing = Nekas nav izvēlēts, tāpēc mēs jums neko nesūtīsim.
unsubscribe-done = Gatavs: padomu ziņas vairs netiks sūtītas. Izvēlēties no jauna varat ar /subscribe.
unsubscribe-none = Jūs nesaņemat padomu ziņas. Lai izvēlētos tēmas, izmantojiet /subscribe.
# Zem katras kampaņas ziņas.
campaign-stop-button = 🔕 Vairs nesūtīt
mydata-subscriptions =
    Padomu ziņas:
    { $topics }
command-subscribe = Padomu ziņas
command-unsubscribe = Izslēgt padomu ziņas
