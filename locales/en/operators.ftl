# What hotline operators read in the operator group (English, source locale).
# Operators see case codes, never who the person is.

op-topic-name = { $marker } { $code } { $priority }
op-priority-urgent = urgent
op-priority-high = high
op-priority-normal = normal

op-summary =
    { $marker } <b>Case { $code }</b>, { $priority }
    { $lines }
    Waiting: { $minutes ->
        [one] { $minutes } minute
       *[other] { $minutes } minutes
    }
op-line-language = Language: { $language }
op-line-for = For: { $who }
op-for-self = the person themselves
op-for-other = a relative or friend of the person writing
op-line-country = Country: { $country }
op-line-flow = Came from: { $flow }
op-flow-risk-screening = risk screening
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
