migration-topics =
    <b>Safe travel and work abroad</b>
    Choose a topic:
migration-topic-offer = Before you accept a job offer
migration-topic-leaving = Before you leave

advice-before-offer =
    <b>Before you accept a job offer</b>
    • Check the recruiter in the official register. Ukraine: the List of recruiters abroad kept by the Ministry of Economy (licences were replaced by this List on 14.10.2023). Latvia: the licence register of the State Employment Agency (NVA); even free job placement needs a licence.
    • Under fair recruitment rules, you should not pay to be recruited: fees for finding you a job are not yours to pay.
    <i>Sources: Ministry of Economy of Ukraine, 09.11.2023; Cabinet of Ministers of Latvia, Regulation No. 458 as amended 23.04.2024; International Labour Organization, definition of recruitment fees and related costs, 2019.</i>

advice-before-leaving =
    <b>Before you leave</b>
    • Make copies of your passport, visa and contract. Keep them apart from the originals and leave copies with someone you trust.
    • Tell your family the name of the recruiter and the company, the address and your route. Agree how often you will call, and agree a safety password.
    • Save the numbers of hotlines and of your embassy before you go.
    <i>Sources: Shvaikivka community council (local government, Ukraine), 17.07.2020; Police of Poland, 27.06.2025.</i>
