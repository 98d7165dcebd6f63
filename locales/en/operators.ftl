# What hotline operators read in the operator group (English, source locale).
# Operators see case codes, never who the person is.

op-topic-name = { $marker } { $code } { $priority }
op-priority-urgent = urgent
op-priority-high = high
op-priority-normal = normal

op-summary =
    { $marker } <b>Case { $code }</b>, { $priority }
    { $lines }
    Waiting since { $since }
op-line-language = Language: { $language }
op-line-for = For: { $who }
op-for-self = the person themselves
op-for-other = a relative or friend of the person writing
op-line-country = Country: { $country }
op-line-flow = Came from: { $flow }
op-flow-risk-screening = risk screening
op-flow-human = talk to a consultant
op-flow-help-request = help request
op-line-level = Result: <b>{ $level }</b>
op-line-signs =
    Signs:
    { $signs }
op-sign-yes = • { $sign }
op-sign-unsure = • { $sign } (not sure)
op-sign-ad = • { $sign } (found in a job ad they sent)
op-line-age = Age: { $age }
op-line-ad = A job ad was checked ({ $origin })
op-origin-typed = pasted
op-origin-user = forwarded from a person
op-origin-hidden = forwarded from a hidden account
op-origin-chat = forwarded from a group
op-origin-channel = forwarded from a channel
op-line-topic = About: { $value }
op-line-urgency = Urgency: { $value }
op-line-reply = Safe to reply: { $value }
op-line-note =
    Their note:
    <i>{ $note }</i>
op-line-consent = ✓ Agreed to pass this to a consultant

op-queue =
    <b>Queue</b>: { $count ->
        [one] { $count } open case
       *[other] { $count } open cases
    }
    { $cases }
op-queue-line = { $marker } { $code } · { $minutes } min · { $holder }
op-queue-line-overdue = { $marker } <b>{ $code } · { $minutes } min · { $holder } ⏰</b>
op-queue-held = with { $name }
op-queue-waiting = waiting
op-queue-empty = No open cases.



op-button-claim = ✋ Take the case
op-button-escalate = ⬆ Ask a supervisor
op-button-release = ↩ Back to the queue
op-button-close = ✅ Close…
op-choose-outcome = How did case { $code } end?
op-outcome-information = Information given
op-outcome-referred = Referred to a service
op-outcome-presumed-victim = Presumed victim
op-outcome-other-problem = Not trafficking: another problem
op-outcome-declined = Declined help
op-outcome-no-response = No response
op-outcome-misuse = Misuse
op-case-claim = ✋ { $name } has taken case { $code }. Their messages come here; your replies in this topic go to the person signed "{ $name }". Messages that start with /note or ! stay in the group.
op-case-release = ↩ Case { $code } is back in the queue.
op-case-escalate = ⬆ Case { $code }: { $supervisors }, please look.
op-case-close = ✅ Case { $code } is closed.
op-refused-unknown = This button is not valid any more.
op-refused-not-operator = Only registered operators can act here. Ask an admin: lastivka operators add.
op-refused-held-by-other = { $name } already holds this case.
op-refused-already-yours = You already hold this case.
op-refused-not-held = Nobody holds this case yet.
op-refused-not-holder = Only { $name } (who holds it) or a supervisor can do this.
op-refused-already-theirs = They already hold this case.
op-refused-already-escalated = A supervisor has already been asked.
op-refused-closed = This case is closed.
op-refused-no-outcome = Choose how the case ended to close it.
op-refused-system-outcome = This outcome is set by the bot only.
op-overdue = ⏰ { $marker } <b>{ $code }</b> has waited { $minutes } min, past its time to claim. { $supervisors }, please look.
op-no-supervisors = Supervisors (none registered)
op-transfer-unknown = No active operator is called "{ $name }". Write /transfer and their name as in lastivka operators list.
op-person-ended = The person ended the conversation in case { $code }. Close it with an outcome when you are ready.
op-canned-choose = Ready answers for case { $code } (sent in the person's language):
op-canned-greeting = Greeting
op-canned-safe-now = Is it safe to talk?
op-canned-back-soon = I will write back soon
op-canned-numbers = Where to find the numbers
op-canned-goodbye = Goodbye
op-canned-sent = Sent (in the person's language): <i>{ $text }</i>
op-refused-person-ended = The person has ended the conversation.
op-queue-topic = 📋 Queue
