# Lastivka, latviešu valoda. Tie paši ziņojumu identifikatori un mainīgie, kas angļu oriģinālā.
# Katra ziņojuma pirmā rinda redzama tālruņa paziņojumā: tai jābūt neitrālai
# (bez vārdiem par cilvēku tirdzniecību, ekspluatāciju vai vardarbību).

welcome =
    Sveiki! Es esmu Lastivka, bezmaksas tērzēšanas palīgs tiem, kas plāno strādāt vai ceļot ārzemēs, un viņu tuviniekiem.
    Es neprasu ne jūsu vārdu, ne tālruņa numuru.

choose-language = Izvēlieties valodu:
language-name-uk = Українська
language-name-ru = Русский
language-name-lv = Latviešu
language-name-en = English
language-set = Darīts, turpmāk rakstīšu latviski.

menu-title = <b>Galvenā izvēlne</b>
    Ko jūs vēlaties darīt?
menu-screening = Pārbaudīt darba piedāvājumu vai situāciju
menu-migration = Droša ceļošana un darbs ārzemēs
menu-help = Anonīmi lūgt palīdzību
menu-human = Runāt ar konsultantu
menu-language = Valoda
menu-about = Par botu un privātumu

button-back = ⬅ Atpakaļ
button-menu = ☰ Izvēlne
button-expired = Šī poga vairs nedarbojas. Lūk, kur jūs esat tagad:

help-text =
    Lai izvēlētos, spiediet pogas zem maniem ziņojumiem.
    /menu atver galveno izvēlni, /language maina valodu, /about pastāsta, ko es glabāju par jums.
unknown-command = Šādu komandu es nezinu. Lūdzu, izmantojiet pogas zemāk vai /menu.
unsupported-input = Šeit es saprotu tikai tekstu un pogas. Lūdzu, izvēlieties zemāk.
use-buttons = Lūdzu, izvēlieties kādu no pogām zemāk.
text-too-long =
    Jūsu ziņa ir pārāk gara ({ $length ->
        [zero] { $length } rakstzīmju
        [one] { $length } rakstzīme
       *[other] { $length } rakstzīmes
    }). Šeit es varu izlasīt ne vairāk kā { $limit }. Lūdzu, izvēlieties zemāk.
error-generic = Atvainojiet, man kaut kas nogāja greizi. Turpināsim no tās pašas vietas — lūdzu, mēģiniet vēlreiz pēc minūtes.

about-text =
    <b>Par Lastivku</b>
    Lastivka sniedz padomus par drošu darbu un ceļošanu ārzemēs, palīdz pārbaudīt darba piedāvājumu un, ja jūs to lūdzat, nodod jūsu jautājumus uzticības tālruņa konsultantiem.
    To uztur nevalstiskās organizācijas, nevis policija vai kāda valsts iestāde.
about-privacy-button = Ko jūs glabājat par mani?

command-start = Sākt no sākuma
command-menu = Galvenā izvēlne
command-human = Runāt ar konsultantu
command-language = Mainīt valodu
command-about = Par botu un privātumu
command-help = Kā lietot šo botu

bot-name = Lastivka
bot-short-description = Padomi par drošu darbu un ceļošanu ārzemēs. Bez maksas un anonīmi.
bot-description = Lastivka sniedz padomus par drošu darbu un ceļošanu ārzemēs un palīdz pārbaudīt darba piedāvājumu. Tā neprasa jūsu vārdu vai tālruņa numuru.

chat-prompt = Ievadiet numuru, /komandu vai tekstu. Ctrl+D beidz sarunu.
chat-bye = Uz redzēšanos! Nākamreiz turpināsim no tās pašas vietas.

button-language = 🌐
button-human = 👤
resume-question = Jums ir nepabeigta saruna. Turpināt no tās pašas vietas vai sākt no sākuma?
resume-continue = Turpināt
resume-restart = Sākt no sākuma

mydata =
    <b>Ko Lastivka glabā par jums</b>
    • Ne jūsu vārdu, lietotājvārdu vai tālruņa numuru: jūs pazīst tikai pēc koda.
    • Jūsu valodu un to, kur jūs esat botā: { $place }.
    • Jūsu atbildes šajā sarunā: { $answers } (glabātas šifrētā veidā).
    • Jūsu tērzēšanas numuru, šifrētu, tikai lai jums atbildētu.
    • Ar mums kopš { $since }; pēdējā aktivitāte { $updated }.
    • Pieprasījumi uzticības tālruņa komandai:
    { $cases }
    Nepabeigta saruna tiek dzēsta pēc dažām dienām bez aktivitātes.
mydata-case = { $code }: { $status }
mydata-no-cases = nav
mydata-status-queued = gaida konsultantu
mydata-status-held = pie konsultanta
mydata-status-closed = slēgts
mydata-flow-start = valodas izvēle
mydata-flow-menu = galvenā izvēlne
mydata-flow-risk-screening = piedāvājuma vai situācijas pārbaude
mydata-flow-safe-migration = padomi drošam braucienam
mydata-flow-help-request = palīdzības pieprasījums
mydata-flow-human = saruna ar konsultantu
mydata-flow-about = par botu
mydata-flow-settings = iestatījumi
mydata-flow-subscribe = padomu ziņu izvēle
command-mydata = Ko jūs glabājat par mani?
