# Anonymous help request (English, source locale). $who is "self" or "other".

help-for-whom =
    <b>Ask for help</b>
    You do not need to give your name. Who needs help?
help-for-self = I do
help-for-other = A relative or a friend
help-topic =
    { $who ->
        [other] What is it about? Any problem is fine: the team will listen and say where to turn.
       *[self] What is it about? Any problem is fine: the team will listen and say where to turn.
    }
help-topic-exploitation = Made to work, not free to leave
help-topic-job-offer = A job offer I'm unsure about
help-topic-violence = Hurt at home or by a partner
help-topic-labour = Pay, contract or work conditions
help-topic-migration = Documents, visa, travel
help-topic-other = Something else
help-country =
    { $who ->
        [other] Which country is this person in now?
       *[self] Which country are you in now?
    }
help-urgency = How urgent is it?
help-urgency-danger = Someone is in danger now
help-urgency-soon = Help is needed soon
help-urgency-question = I have a question
help-danger =
    <b>Important numbers</b>
    If someone is in danger now, call an emergency number if you can. For { $country }:
    { $contacts }
    Then you can also send a request to the hotline team here.
help-continue = Send a request to the hotline team
help-reply =
    How is it safe to answer you? A consultant will write only in this chat.
help-reply-anytime = Here, at any time
help-reply-daytime = Here, only in the daytime
help-reply-evening = Here, only in the evening
help-reply-wait = Only after I write again
help-details =
    If you want, write in a few words what happened. Please do not write names, addresses or phone numbers.
    Or skip this step.
help-details-skip = Skip
help-details-saved = Thank you, I have noted it.
help-consent =
    <b>Before I pass it on</b>
    • What is kept: your answers and your note (if you wrote one), encrypted. Not your name, username or phone number.
    • Who sees it: a consultant of the hotline team, to answer you.
    • You do not need to give your name, now or later.
    May I pass your request to a consultant?
help-consent-yes = Yes, pass it on
help-consent-no = No, not now
help-recorded =
    Thank you. Your request is passed on; a consultant will write to you here.
    You can close this chat; your place is kept.
help-danger-button = Emergency numbers
help-declined = Nothing was sent. You can come back to this at any time.
help-again = I changed my mind
case-code = Your case code: <b>{ $code }</b>. Use it if you talk to the hotline by phone.



consultant-joined =
    <b>A consultant has joined: { $name }.</b>
    Write here; { $name } will answer in this chat. You do not need to give your name.
consultant-away = The consultant had to step away. Your request is back in the queue; someone will answer here.
consultant-closed = The conversation with the consultant has ended. Thank you for writing. Did it help? (You do not have to answer.) The menu is always here: /menu.
consultant-says = <b>{ $name }:</b> { $text }
consultant-sent = From { $name }

human-consent =
    <b>Talk to a consultant</b>
    I will ask a consultant of the hotline team to write to you here. They will see your answers in this chat, not your name, username or phone number.
    Do you agree?
human-sent = Thank you. A consultant will write to you here. You can close this chat in the meantime.
case-in-queue =
    Your request { $code } is already with the hotline team; there is no need to send it again. A consultant usually answers within { $minutes ->
        [one] { $minutes } minute
       *[other] { $minutes } minutes
    }, here in this chat.
case-wait =
    Thank you for waiting. A consultant will answer here as soon as possible.
    If you need help right now, these lines work around the clock:
    { $contacts }
case-wait-closed =
    Thank you for waiting. The hotline team is not on duty now; a consultant will answer here from { $when }.
    If you need help right now, these lines work around the clock:
    { $contacts }
consultant-end = End the conversation
consultant-you-ended = You have ended the conversation with the consultant. Thank you for writing. The menu is here: /menu.
canned-greeting = Hello, I am a consultant of the hotline team. I am here to help; you do not need to give your name. What has happened?
canned-safe-now = Is it safe for you to write now? If someone can see your phone, you can stop at any time and come back later.
canned-back-soon = I need a few minutes to check something. I will write back here soon.
canned-numbers = You can find phone numbers for your country in the menu: /menu, then "Safe travel and work abroad", then "Contacts by country".
canned-goodbye = Thank you for writing. You can come back here at any time; the menu is at /menu. Take care.
feedback-yes = Yes, it helped
feedback-partly = Partly
feedback-no = No
feedback-thanks = Thank you for telling us. It helps the team to help others.
