# Safety and confidentiality: quick exit, erasure, privacy, settings, the code word.
# First lines stay neutral: a notification preview or a glance at the screen must not
# show what this chat is about.

button-exit = ✖ Exit
# The one line left in the chat after a quick exit (a deployment may set its own).
exit-line = Thanks, have a nice day! ☀️

forget-confirm =
    <b>Delete everything?</b>
    I will delete your answers, your settings, the details of your requests to the hotline team and the messages of the last 48 hours in this chat. This cannot be undone.
forget-yes = Yes, delete everything
forget-no = No, keep it
forget-done =
    <b>Done.</b>
    Deleted: your answers and settings, the details of your requests, the record of your messages, and the messages of the last 48 hours in this chat.
    Only counts that name nobody stay, for reports (dates, country, language, how a request ended).
    I cannot delete messages in this chat that are older than 48 hours: you can delete the whole chat in Telegram yourself.
    Write /start whenever you want to talk again.
forget-held =
    The hotline team has placed a legal hold on { $codes }: its details are kept until the hold is lifted. You can ask the team about it.

menu-settings = ⚙ Settings
settings-title =
    <b>Settings</b>
    Code word: { $codeword }
    Exit also deletes my data: { $erases }
settings-codeword-on = set
settings-codeword-off = not set
settings-erases-on = yes
settings-erases-off = no
settings-codeword-set = Set a code word
settings-codeword-remove = Remove the code word
settings-erases-turn-on = Exit also deletes my data
settings-erases-turn-off = Exit keeps my data
settings-privacy = How my data is handled
settings-forget = Delete all my data

codeword-ask =
    <b>Your code word</b>
    Choose a word or a short phrase that looks ordinary, for example a greeting.
    If you send it to me at any time, I will answer with an ordinary line, and a consultant will quietly be told that you need help urgently.
    Type the word now:
codeword-saved = Saved. If someone may read this chat, delete your message with the word.
codeword-invalid = Please type a word or phrase of { $min } to { $max } characters.
# The answer to the code word: it must look like an everyday reply.
panic-ack = Okay 👍

privacy-policy =
    <b>Your data</b>
    This bot is run by { $org }. Contact: { $contact }.
    What is kept, and why:
    • A code instead of your Telegram account. Your name, username and phone number are not stored.
    • Your answers and settings, encrypted, to continue the conversation. They are deleted { $answers ->
        [one] { $answers } day
       *[other] { $answers } days
    } after your last message.
    • The steps you took in the bot, without any text, for statistics: deleted after { $transcripts ->
        [one] { $transcripts } day
       *[other] { $transcripts } days
    }.
    • Your requests to the hotline team, encrypted: deleted { $cases ->
        [one] { $cases } day
       *[other] { $cases } days
    } after they are closed. Only counts that name nobody stay, for reports.
    • The numbers of recent messages in this chat, only so that ✖ Exit can delete them: 48 hours.
    • If you chose tips by message: the topics, until you stop them (/unsubscribe).
    Who sees it: only the hotline's consultants, and only what you agree to send them. They see a case code, not who you are, unless you tell them.
    Your conversations are never sold and never used to train commercial AI.
    /mydata shows what is kept. /forget deletes everything. /settings: code word and exit.
privacy-org-missing = the organisation that set it up (its name is not filled in yet)

mydata-settings = • Code word: { $codeword }. Exit also deletes my data: { $erases }.
mydata-case-hold = { $code }: { $status }, kept under a legal hold placed by the hotline team

command-exit = Leave and clear this chat
command-forget = Delete all my data
command-privacy = How my data is handled
command-settings = Settings and code word

# Operator group (hotline staff only).
op-flow-panic = ⚠ the person sent their code word: they may not be able to write freely
op-panic = ⚠ { $code }: the person sent their code word. The case is now urgent. Answer carefully: someone may be reading their screen.
op-person-exited = { $code }: the person used the quick exit; their chat was cleared. They may come back.
op-person-erased = { $code }: the person deleted their data. The case is closed as "person left"; only counts that name nobody remain.
op-person-returned = { $code }: the person is back and asked again; their messages reach this topic again.
op-hold-placed = { $code }: legal hold placed. Erasure and retention keep this case until the hold is lifted (/unhold).
op-hold-lifted = { $code }: legal hold lifted.
op-hold-off = Legal holds are switched off in this deployment (LASTIVKA_LEGAL_HOLD).
op-hold-refused = Only a supervisor can place or lift a legal hold.

# Cover menu (LASTIVKA_COVER_MENU): everyday travel notes, nothing more.
cover-title =
    <b>Travel notes</b>
    Short tips for the road. Choose a topic:
cover-packing-button = 🎒 Packing
cover-money-button = 💳 Money
cover-phone-button = 📱 Phone
cover-packing =
    <b>Packing</b>
    • Keep a charger and a power bank in your hand luggage.
    • Medicines you take every day go in your hand luggage too.
    • A small lock for your bag helps on night buses.
cover-money =
    <b>Money on the road</b>
    • Take some cash in small notes as well as a card.
    • Keep the card and the cash in different places.
    • Tell your bank about the trip so the card is not blocked.
cover-phone =
    <b>Phone on the road</b>
    • Check roaming prices before you leave.
    • Download offline maps of the places you are going to.
    • Write a few important numbers on paper too.
