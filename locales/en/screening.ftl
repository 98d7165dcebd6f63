# Risk screening of a job offer or a situation abroad (English, source locale).
# $who is "self" or "other" (a relative or friend the person asks about).

screening-mode =
    <b>Check a job offer or a situation</b>
    I will ask short questions with the answers "Yes", "No" and "Not sure". There are no right or wrong answers, and it is not a test of you.
    What would you like to check?
screening-mode-offer = A job offer, before going
screening-mode-abroad = Work or life abroad now
screening-for-whom = Who is this check for?
screening-for-self = For me
screening-for-other = For a relative or a friend
screening-age =
    { $who ->
        [other] How old is this person?
       *[self] How old are you?
    }
screening-age-under-18 = Under 18
screening-age-age-18-25 = 18–25
screening-age-age-26-plus = 26 or older
screening-age-age-unknown = I don't know
screening-country =
    { $mode ->
        [abroad] { $who ->
            [other] Which country is this person in now?
           *[self] Which country are you in now?
        }
       *[offer] Which country is the job in?
    }
screening-ad =
    If you have the text of the job ad or the recruiter's message, paste it here or forward it to me. I will look for warning signs in it.
    Or just answer the questions.
screening-ad-skip = Answer the questions
screening-no-question = There are no more questions.
answer-yes = Yes
answer-no = No
answer-unsure = Not sure

ad-no-flags =
    I did not find known warning signs in this text.
    That does not make the offer safe: many risks only show in the answers to the questions below, or when you check the employer.
ad-flags-found =
    { $count ->
        [one] I found { $count } warning sign in the text:
       *[other] I found { $count } warning signs in the text:
    }
    { $flags }
ad-flag-line = • { $flag }: “{ $evidence }”
ad-continue = Let's check the rest with a few questions. What I found is already counted.

flag-upfront-fee = money asked before the work starts
flag-document-retention = the passport or documents kept by someone else
flag-debt-bondage = costs that must be worked off
flag-ticket-deduction = the ticket taken out of the pay
flag-no-contract = no written contract before going
flag-tourist-visa-work = work on a tourist visa or without a work permit
flag-unrealistic-pay = pay that is too high for the work offered
flag-vague-employer = no clear employer: no name, address or registration
flag-messenger-only = contact only through a messenger
flag-urgency-pressure = pressure to decide or leave quickly
flag-secrecy = a request to keep it secret
flag-restricted-movement = limits on going out, the phone or days off
flag-sexual-exploitation-hint = vague "hostess", "dancer" or "companion" work
flag-minors-targeted = people under 18 invited
flag-marriage-agency = travel through a marriage or dating agency
flag-recruiter-third-country = a route through another country
flag-fines-penalties = fines or penalties for the worker

screening-urgent =
    <b>Your safety comes first</b>
    { $who ->
        [other] From what you said, this person may be in danger now.
       *[self] From what you said, you may be in danger now.
    }
    If you can, call an emergency number. For { $country }:
    { $contacts }
    I can pass your answers to a hotline consultant now. Your name and phone number are not shared.
screening-urgent-person = Pass my answers to a consultant now
screening-urgent-continue = Continue
screening-urgent-sent =
    Your answers are passed on. A consultant will answer here as soon as possible.
    If you are in danger, call the emergency number first.

level-low = Few warning signs
level-medium = Some warning signs
level-high = Serious warning signs
level-urgent = Danger now

screening-result =
    <b>Your result</b>
    <b>{ $level }</b>
    { $reasons }

    { $next }
    { $child }
    <b>Contacts for { $country }:</b>
    { $contacts }

    <i>This is a check of warning signs, not a legal decision. Only specialists can say what the situation is.</i>
screening-reason = • { $reason }
screening-reason-ad = • { $reason } (in the text you sent)
screening-reason-unsure = • { $reason } (answer: not sure)
screening-no-signs = Your answers show no warning signs from my list.
screening-next-low =
    { $who ->
        [other] Still, it is worth checking the employer, having a written contract in a language the person understands, and keeping the passport with them.
       *[self] Still, it is worth checking the employer, having a written contract in a language you understand, and keeping your passport with you.
    }
screening-next-medium =
    { $who ->
        [other] Some things need checking before the person agrees or goes on. The advice section says how. A hotline consultant can help, free and anonymously.
       *[self] Some things need checking before you agree or go on. The advice section says how. A hotline consultant can help, free and anonymously.
    }
screening-next-high =
    { $who ->
        [other] These signs are often seen when people are deceived or forced to work. Please talk to a hotline consultant before the person agrees to anything more. It is free and anonymous.
       *[self] These signs are often seen when people are deceived or forced to work. Please talk to a hotline consultant before you agree to anything more. It is free and anonymous.
    }
screening-next-urgent =
    { $who ->
        [other] This person may be in danger now. If you can, call an emergency number, then talk to a hotline consultant.
       *[self] You may be in danger now. If you can, call an emergency number, then talk to a hotline consultant.
    }
screening-child-note = <b>Under 18:</b> any offer to take a child to work or travel for work is high risk, even if the child agrees. Please talk to a consultant or a children's helpline.
screening-person = Talk to a consultant
screening-advice = Safe travel advice
screening-again = Check something else
screening-consent =
    I will pass your answers and the result to a hotline consultant. They will not see your name, username or phone number.
    Do you agree?
screening-consent-yes = Yes, pass it on
screening-consent-no = No, not now
screening-sent =
    Thank you. Your answers are passed on; a consultant will write to you here.
    You can close this chat; your place is kept.
