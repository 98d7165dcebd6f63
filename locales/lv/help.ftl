help-for-whom =
    <b>Lūgt palīdzību</b>
    Savu vārdu jums nav jāsaka. Kam vajadzīga palīdzība?
help-for-self = Man
help-for-other = Kādam no tuviniekiem vai draugiem
help-urgency = Cik tas ir steidzami?
help-urgency-danger = Kāds tagad ir briesmās
help-urgency-soon = Palīdzība vajadzīga drīz
help-urgency-question = Man ir jautājums
help-danger =
    <b>Ja kāds tagad ir briesmās</b>, zvaniet uz ārkārtas palīdzības numuru, ja vien varat:
    • 112 — jebkurā ES valstī (bez maksas, no jebkura tālruņa);
    • 102 — policija Ukrainā;
    • citās valstīs — vietējais ārkārtas palīdzības numurs.
    Pēc tam jūs šeit varat arī nosūtīt pieprasījumu uzticības tālruņa konsultantiem.
    <i>Avoti: Eiropas Komisija, 2022 (112); Tuļčinas kopienas padome (Ukrainas pašvaldība), 17.06.2025 (102).</i>
help-continue = Nosūtīt pieprasījumu uzticības tālrunim
help-consent =
    Es nodošu jūsu atbildes uzticības tālruņa konsultantam.
    Konsultants neredzēs ne jūsu vārdu, ne lietotājvārdu, ne tālruņa numuru.
    Vai jūs piekrītat?
help-consent-yes = Jā, nodot
help-consent-no = Nē, ne tagad
help-recorded =
    Paldies. Jūsu pieprasījums ir saglabāts, un uzticības tālruņa konsultanti to redzēs — bez jūsu vārda un tālruņa numura.
    Šo sarunu varat aizvērt: turpināsim no tās pašas vietas.
help-danger-button = Ārkārtas numuri
help-declined = Nekas netika nosūtīts. Pie šī varat atgriezties jebkurā laikā.
help-again = Es pārdomāju
