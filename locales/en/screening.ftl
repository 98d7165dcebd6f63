screening-mode =
    <b>Check a job offer or a situation</b>
    I will ask a few short questions. There are no right or wrong answers.
    What would you like to check?
screening-mode-offer = A job offer, before I go
screening-mode-abroad = My work now (I am already abroad)
screening-for-whom = Who is this check for?
screening-for-self = For me
screening-for-other = For a relative or a friend
screening-next =
    Thank you. The detailed questions of this check are not available in this version of the bot yet.
    If something about the work worries you, you can ask the hotline team now: anonymously, for free.
screening-ask-help = Ask for help anonymously
