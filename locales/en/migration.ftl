# Safe travel and work abroad: the topic menu, its button labels and the advice screens (English, source locale).
# Every advice screen names its sources and dates in the last line; content/advice.toml holds their addresses.
# No phone numbers here: the bot shows them from the sourced contacts directory ("Contacts by country").

migration-topics =
    <b>Safe travel and work abroad</b>
    Choose a topic:
migration-topic-before = Before you go
migration-topic-destination = At your destination
migration-topic-countries = Contacts by country
migration-topic-card = Save my safety card

migration-before =
    <b>Before you go</b>
    What would you like to check?
migration-destination =
    <b>At your destination</b>
    What is your question about?

migration-t-employer = Employer and agency
migration-t-contract = The contract
migration-t-documents = Passport and documents
migration-t-visas = Visa and work permit
migration-t-money = Money and debts
migration-t-tell = Tell someone you trust
migration-t-contacts = Save contacts
migration-t-rights = Your rights at work
migration-t-taken = If documents are taken
migration-t-unpaid = If you are not paid
migration-t-threats = If you do not feel safe
migration-t-help = Where to get help

advice-employer =
    <b>Check the employer and the agency</b>
    • Ukraine: a company may find you a job abroad only if it is in the List kept by the Ministry of Economy. Since 14.10.2023 this List has replaced licences, so check the List.
    • Latvia: job placement, even free of charge, needs a licence from the State Employment Agency (NVA). Check the company in the NVA register. A licence is issued for three years and names the countries.
    • Check that the employer really exists: its legal status, address and contacts.
    • Under ILO rules on fair recruitment, workers should not pay recruitment fees or related costs.
    <i>Sources: Ministry of Economy of Ukraine, 09.11.2023; Cabinet of Ministers of Latvia, 23.04.2024; State Employment Agency of Latvia, undated; Ombudsman of Latvia, undated; ILO, 2019.</i>

advice-contract =
    <b>Read the contract before you leave</b>
    • Get a written contract before you leave, in a language you understand.
    • Check the pay and how it is paid, taxes and deductions, working and rest hours, housing, and who pays for the journey there and back.
    • Do not sign in a hurry. If something is unclear, ask for professional advice, for example from a lawyer, before you sign.
    • Keep a copy of the contract and leave another copy with someone you trust.
    <i>Sources: National Employment Agency of Moldova, undated; Ministry of Justice of Moldova, undated; Police of Poland, 27.06.2025; Shvaikivka community council (Ukraine), 17.07.2020.</i>

advice-documents =
    <b>Your passport and documents</b>
    • Keep your passport and ID yourself. Do not give them to anyone, also while your travel papers are being arranged.
    • Keep paper and digital copies of your passport, visa and contract, apart from the originals.
    • Leave copies with someone you trust.
    • No employer, agency or landlord should keep your passport. Taking a worker’s documents is one of the signs of forced labour.
    <i>Sources: Ministry of Foreign Affairs of Moldova, undated; IOM, undated; Shvaikivka community council (Ukraine), 17.07.2020; ILO, 2012.</i>

advice-visas =
    <b>Visa and work permit</b>
    • EU citizens may work in other EU countries without a work permit. Others usually need a work visa, a residence permit or a work permit for the country where they will work. Ask yourself: do I have one?
    • A visa-free stay or a tourist visa is not a permit to work. In the Schengen area, working without a national residence or work permit is illegal.
    • Rules differ from country to country. Before you go, check the official rules with the embassy or consulate of the country where you will work.
    • If you work without permission, you may have to leave the country, but your rights at work still apply.
    <i>Sources: European Commission, employment and social affairs, undated; Ministry of Foreign Affairs of North Macedonia, 23.11.2020; La Strada Moldova, 10.2021; European Commission, EU Immigration Portal, undated.</i>

advice-money =
    <b>Money and debts</b>
    • Do not pay for a job offer. Under ILO rules on fair recruitment, workers should not pay recruitment fees or related costs.
    • Be careful if the employer or the recruiter pays for your documents and tickets: this can turn into a “debt” that you are made to work off.
    • Keep your own money and bank card yourself. Nobody else should control them.
    • Take enough money to live on until your first pay.
    <i>Sources: ILO, 2019; Ministry of Foreign Affairs of Moldova, undated; European Commission, EU Immigration Portal, undated; FairWork (Netherlands), undated; Ministry of Justice of Moldova, undated.</i>

advice-tell =
    <b>Tell someone you trust</b>
    • Before you go, give someone you trust the name and contacts of the recruiter, and the name and address of the company.
    • Tell them your route, where you will live and how to reach you.
    • Agree to keep in touch on the way and to tell them regularly where you are.
    • Agree a safety password: a word that means “I need help”.
    • Tell them if your plans change.
    <i>Sources: Ministry of Foreign Affairs of Moldova, undated; Pavlohrad city council (Ukraine), undated; Police of Poland, 27.06.2025; IOM, undated.</i>

advice-contacts =
    <b>Save your contacts before you go</b>
    • Save the hotline numbers and the contacts of your country’s embassy or consulate in the country where you are going.
    • When you are abroad, register with your embassy or consulate. Latvian citizens can use the Consular Register of the Ministry of Foreign Affairs.
    • The contacts for your country are under “Contacts by country”.
    • “Save my safety card” puts the most important contacts into one short message that you can keep.
    <i>Sources: Shvaikivka community council (Ukraine), 17.07.2020; IOM, undated; Ministry of Foreign Affairs of Latvia, undated.</i>

advice-rights =
    <b>Your rights at work</b>
    • EU law protects all workers, whatever their nationality or residence status. Core labour rights apply to everyone.
    • Workers who live in an EU country legally must be treated like local workers: pay, working time, health and safety.
    • Keep your own record of days, hours, pay and deductions, and keep your contract and payslips.
    • The labour inspectorate of the country where you work can explain your rights and help you make a complaint. In some countries, for example Belgium, you can complain even without legal residence.
    <i>Sources: EU Agency for Fundamental Rights, 01.08.2024; FairWork (Netherlands), undated; FairWork Belgium, undated.</i>

advice-taken =
    <b>If your documents are taken</b>
    • Nobody should keep your passport. Taking a worker’s documents is one of the signs of forced labour.
    • Contact the police or a support organisation in the country where you are.
    • Tell your embassy or consulate as soon as you can. Ukrainian consulates ask citizens to tell them at once if their freedom is restricted in any way or if they are victims of a crime.
    • If you are in danger, call the local emergency number. The contacts are under “Contacts by country”.
    • You can also ask the hotline team here: “Ask for help anonymously”.
    <i>Sources: ILO, 2012; European Commission, EU Immigration Portal, undated; Consulate General of Ukraine in Hamburg, 11.10.2020.</i>

advice-unpaid =
    <b>If you are not paid</b>
    • Every worker, whatever their status, has the right to be paid for the work done.
    • Write down your days, hours and what you are owed. Keep your contract, payslips and messages.
    • Contact the labour inspectorate of the country where you work. A trade union or an NGO can help you make a complaint.
    • Posted to work abroad by a Latvian company? You can also turn to the State Labour Inspectorate of Latvia.
    • If there are also threats, debts, a taken passport, or you are not free to leave, contact a hotline or the police.
    <i>Sources: EU Agency for Fundamental Rights, 01.08.2024; FairWork (Netherlands), undated; Ministry of Welfare of Latvia, undated; European Commission, EU Immigration Portal, undated.</i>

advice-threats =
    <b>If you do not feel safe</b>
    • Your safety comes first. If you are in danger now, call the local emergency number. In every EU country, one emergency number works free of charge from any phone.
    • Threats to you or your family, being locked in or watched, or not being free to leave are serious signs. Contact the police or a support organisation in the country where you are.
    • Ukrainian citizens: tell the embassy or consulate at once if your freedom is restricted.
    • A hotline can help you think through your next steps. The contacts are under “Contacts by country”.
    <i>Sources: European Commission, 02.2022; European Commission, EU Immigration Portal, undated; Consulate General of Ukraine in Hamburg, 11.10.2020; Shelter “Safe House” (Latvia), 20.03.2014.</i>

advice-help =
    <b>Where to get help</b>
    • Hotlines advise people before they go abroad and when something goes wrong. Many are free of charge.
    • Help can include a safe place to stay, medical and legal help, and an interpreter. In Finland, for example, the state assistance system helps even people who are in the country without legal status; its help is free and voluntary.
    • The contacts for your country are under “Contacts by country”.
    • You can also write to the hotline team here, without your name or phone number: “Ask for help anonymously”.
    <i>Sources: OSCE, 18.11.2002; Shelter “Safe House” (Latvia), 20.03.2014; Finnish Immigration Service, undated; Assistance System (Finland), undated.</i>
