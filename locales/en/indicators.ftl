# Risk-screening questions (ind-*) and result lines (ind-*-why); one pair per indicator of content/indicators.toml, in the same order.
# $who: "self" = the person asks for themselves, "other" = about a relative or a friend.

ind-job-differs =
    { $who ->
        [other] Is their work, pay, hours or place different from what they were promised?
       *[self] Is your work, pay, hours or place different from what you were promised?
    }
ind-job-differs-why = Work, pay or place different from what was promised

ind-unrealistic-pay =
    { $who ->
        [other] Is the pay they are offered much higher than usual for this work, with no experience or language needed, or free housing “guaranteed”?
       *[self] Is the pay much higher than usual for this work, with no experience or language needed, or free housing “guaranteed”?
    }
ind-unrealistic-pay-why = Pay or conditions that look too good to be true

ind-entertainment-job =
    { $who ->
        [other] Is the job they are offered in dancing, hostess or massage work, escort, “modelling”, webcam work or keeping clients company?
       *[self] Is the job in dancing, hostess or massage work, escort, “modelling”, webcam work or keeping clients company?
    }
ind-entertainment-job-why = Work in clubs, massage, escort or webcam

ind-special-offer =
    { $who ->
        [other] Besides a job, are they offered something else: a marriage or partner abroad, money for a kidney or a “medical donation”, or gifts, alcohol or drugs?
       *[self] Besides a job, are you offered something else: a marriage or partner abroad, money for a kidney or a “medical donation”, or gifts, alcohol or drugs?
    }
ind-special-offer-why = Something other than a job is offered

ind-organ-offer =
    { $who ->
        [other] Is money offered to them for a kidney or another organ, or for a “medical donation” or operation abroad?
       *[self] Is money offered to you for a kidney or another organ, or for a “medical donation” or operation abroad?
    }
ind-organ-offer-why = Money offered for an organ or a “medical donation”

ind-marriage-offer =
    { $who ->
        [other] Is it a marriage or relationship abroad with someone they met online or through an agency, or a marriage “for papers”?
       *[self] Is it a marriage or relationship abroad with someone you met online or through an agency, or a marriage “for papers”?
    }
ind-marriage-offer-why = A marriage or relationship abroad, or a marriage for papers

ind-child-lure =
    { $who ->
        [other] Is the offer aimed at people under 18, or are they offered gifts, a place to stay, alcohol or drugs to go along or to work for someone?
       *[self] Is the offer aimed at people under 18, or are you offered gifts, a place to stay, alcohol or drugs to go along or to work for someone?
    }
ind-child-lure-why = An offer aimed at under-18s, or gifts, alcohol or drugs used as a lure

ind-upfront-fee =
    { $who ->
        [other] Are they asked to pay money to get this job or for the trip (a fee, “paperwork”, a ticket)?
       *[self] Are you asked to pay money to get this job or for the trip (a fee, “paperwork”, a ticket)?
    }
ind-upfront-fee-why = Money asked before the job starts

ind-travel-debt =
    { $who ->
        [other] Will the ticket, visa or housing be paid for them and taken from their wages later, or are fines from wages mentioned?
       *[self] Will the ticket, visa or housing be paid for you and taken from your wages later, or are fines from wages mentioned?
    }
ind-travel-debt-why = Costs or fines to be taken from wages

ind-documents-taken =
    { $who ->
        [other] Has anyone taken their passport or ID, or asked to keep it (“for paperwork”, “for safety”)?
       *[self] Has anyone taken your passport or ID, or asked to keep it (“for paperwork”, “for safety”)?
    }
ind-documents-taken-why = Passport or ID held by someone else

ind-cannot-leave =
    { $who ->
        [other] Are they locked in, or not allowed to leave the place where they work or live on their own?
       *[self] Are you locked in, or not allowed to leave the place where you work or live on your own?
    }
ind-cannot-leave-why = Locked in or not free to leave

ind-other-tasks =
    { $who ->
        [other] Are they expected to do any of the following?
       *[self] Are you expected to do any of the following?
    }
    Sex with clients, begging, stealing, carrying drugs or packages, or marrying someone.
ind-other-tasks-why = Sex with clients, begging, crime or a marriage expected

ind-forced-crime =
    { $who ->
        [other] Are they made to steal, to sell or carry drugs or packages, or to do other things against the law?
       *[self] Are you made to steal, to sell or carry drugs or packages, or to do other things against the law?
    }
ind-forced-crime-why = Made to break the law

ind-forced-begging =
    { $who ->
        [other] Are they, or a child with them, made to beg and hand the money over to someone?
       *[self] Are you, or a child with you, made to beg and hand the money over to someone?
    }
ind-forced-begging-why = Made to beg and hand over the money

ind-sex-control =
    { $who ->
        [other] Does someone else choose their clients or hours, or keep most of the money?
       *[self] Does someone else choose your clients or hours, or keep most of the money?
    }
    This question is about sex work.
ind-sex-control-why = Someone else controls clients or the money from sex work

ind-forced-marriage =
    { $who ->
        [other] Are they pressed to marry someone or to stay married, for example so that another person gets residence papers?
       *[self] Are you pressed to marry someone or to stay married, for example so that another person gets residence papers?
    }
ind-forced-marriage-why = Pressure to marry, for example for someone else’s papers

ind-wages-withheld =
    { $who ->
        [other] Is their pay late, lower than agreed, kept back for a debt or “expenses”, or not paid at all?
       *[self] Is your pay late, lower than agreed, kept back for a debt or “expenses”, or not paid at all?
    }
ind-wages-withheld-why = Pay withheld, cut or not paid

ind-debt-trap =
    { $who ->
        [other] Is there a debt to the employer or recruiter that keeps growing, or that they must work off before they can leave?
       *[self] Is there a debt to the employer or recruiter that keeps growing, or that you must work off before you can leave?
    }
ind-debt-trap-why = A debt that grows or must be worked off

ind-money-controlled =
    { $who ->
        [other] Does someone else keep their earnings, their bank card or their bank account?
       *[self] Does someone else keep your earnings, your bank card or your bank account?
    }
ind-money-controlled-why = Someone else holds the earnings or bank card

ind-fines =
    { $who ->
        [other] Is money taken from their pay as fines, for example for mistakes, lateness or “breaking rules”?
       *[self] Is money taken from your pay as fines, for example for mistakes, lateness or “breaking rules”?
    }
ind-fines-why = Fines taken from pay

ind-no-contract =
    { $who ->
        [other] Is the job agreed without a written contract, or with one in a language they do not fully understand?
       *[self] Is the job agreed without a written contract, or with one in a language you do not fully understand?
    }
ind-no-contract-why = No written contract, or one in an unclear language

ind-tourist-visa-work =
    { $who ->
        [other] Is the plan for them to work on a tourist visa, a visa-free stay or without a work permit?
       *[self] Is the plan for you to work on a tourist visa, a visa-free stay or without a work permit?
    }
ind-tourist-visa-work-why = Work planned without a work permit

ind-irregular-crossing =
    { $who ->
        [other] Are they offered a border crossing without proper documents, or papers that are bought, false or arranged “through connections”?
       *[self] Are you offered a border crossing without proper documents, or papers that are bought, false or arranged “through connections”?
    }
ind-irregular-crossing-why = A crossing without documents, or bought papers, offered

ind-threats =
    { $who ->
        [other] Has anyone threatened them or their family?
            For example, to hurt them, or to have them arrested or deported.
       *[self] Has anyone threatened you or your family?
            For example, to hurt you, or to have you arrested or deported.
    }
ind-threats-why = Threats against the person or the family

ind-fear-revenge =
    { $who ->
        [other] Are they afraid of what could happen to them or their family if they leave or speak out, for example because the bosses say they “have connections”?
       *[self] Are you afraid of what could happen to you or your family if you leave or speak out, for example because the bosses say they “have connections”?
    }
ind-fear-revenge-why = Fear of revenge for leaving or speaking out

ind-no-legal-status =
    { $who ->
        [other] Are they there now without a valid visa, work permit or residence papers?
       *[self] Are you there now without a valid visa, work permit or residence papers?
    }
ind-no-legal-status-why = No valid papers to stay or work there

ind-violence =
    { $who ->
        [other] Has anyone hit or hurt them, or taken them somewhere against their will?
            Or made them have sex when they did not want to?
       *[self] Has anyone hit or hurt you, or taken you somewhere against your will?
            Or made you have sex when you did not want to?
    }
ind-violence-why = Violence, sexual violence or being taken by force

ind-contact-restricted =
    { $who ->
        [other] Is their phone, contact with family or going out taken away or limited, or does the contract or recruiter say it will be?
       *[self] Is your phone, contact with family or going out taken away or limited, or does the contract or recruiter say it will be?
    }
ind-contact-restricted-why = Phone, contact or going out restricted

ind-watched =
    { $who ->
        [other] Does someone watch them, go everywhere with them or check where they are all the time?
       *[self] Does someone watch you, go everywhere with you or check where you are all the time?
    }
ind-watched-why = Watched or escorted all the time

ind-moved-around =
    { $who ->
        [other] Are they moved between places, cities or countries without being asked?
       *[self] Are you moved between places, cities or countries without being asked?
    }
ind-moved-around-why = Moved from place to place without a choice

ind-dependency =
    { $who ->
        [other] Are they told they cannot survive, find other work or get help without the employer or the people in charge?
       *[self] Are you told you cannot survive, find other work or get help without the employer or the people in charge?
    }
ind-dependency-why = Told there is no way to manage without them

ind-excessive-hours =
    { $who ->
        [other] Do they work very long hours or days without rest, much more than was agreed?
       *[self] Do you work very long hours or days without rest, much more than was agreed?
    }
ind-excessive-hours-why = Very long hours without rest

ind-live-in-no-rest =
    { $who ->
        [other] Do they live in the home where they work (cleaning, care, children) with no days off, or on call day and night?
       *[self] Do you live in the home where you work (cleaning, care, children) with no days off, or on call day and night?
    }
ind-live-in-no-rest-why = Live-in household work with no days off

ind-unsafe-work =
    { $who ->
        [other] Is their work dangerous, or are injuries and illness ignored, with no way to see a doctor?
       *[self] Is your work dangerous, or are injuries and illness ignored, with no way to see a doctor?
    }
ind-unsafe-work-why = Dangerous work, or injuries and illness ignored

ind-employer-housing =
    { $who ->
        [other] Is their housing arranged by the employer, so they would lose it with the job, or is it crowded or unsafe?
       *[self] Is your housing arranged by the employer, so you would lose it with the job, or is it crowded or unsafe?
    }
ind-employer-housing-why = Housing tied to the job, crowded or unsafe

ind-unverified-recruiter =
    { $who ->
        [other] Is it hard to check who their employer or agency is: no company name, address or entry in an official register?
       *[self] Is it hard to check who the employer or agency is: no company name, address or entry in an official register?
    }
ind-unverified-recruiter-why = Employer or agency that cannot be checked

ind-pressure-secrecy =
    { $who ->
        [other] Are they pushed to decide or leave very quickly, or asked to keep the offer secret?
       *[self] Are you pushed to decide or leave very quickly, or asked to keep the offer secret?
    }
ind-pressure-secrecy-why = Pressure to hurry or to keep it secret

ind-recruiter-contact =
    { $who ->
        [other] Did the offer come only through a social network or messenger, or from someone they met recently or who recruits others after working there?
       *[self] Did the offer come only through a social network or messenger, or from someone you met recently or who recruits others after working there?
    }
ind-recruiter-contact-why = Offer only through social media or from a new acquaintance

ind-vague-job =
    { $who ->
        [other] Is it unclear what exactly the work is, the hours, or where they will live and work?
       *[self] Is it unclear what exactly the work is, the hours, or where you will live and work?
    }
ind-vague-job-why = Unclear work, hours or place
