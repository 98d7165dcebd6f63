# Lastivka, English (source locale). Every other locale has the same ids and variables.
# The first line of every message is what a phone's notification preview shows: keep it
# neutral (no words about trafficking, exploitation or violence).

welcome =
    Hello! I am Lastivka, a free chat assistant for people who plan to work or travel abroad, and for their families.
    I do not ask for your name or phone number.

choose-language = Choose a language:
language-name-uk = Українська
language-name-ru = Русский
language-name-lv = Latviešu
language-name-en = English
language-set = Done, I will write in English.

menu-title = <b>Main menu</b>
    What would you like to do?
menu-screening = Check a job offer or my situation
menu-migration = Safe travel and work abroad
menu-help = Ask for help anonymously
menu-human = Talk to a consultant
menu-language = Language
menu-about = About and privacy

button-back = ⬅ Back
button-menu = ☰ Menu
button-expired = This button has expired. Here is where you are now:

help-text =
    Tap the buttons under my messages to choose.
    /menu opens the main menu, /language changes the language, /about says what I keep about you.
unknown-command = I do not know this command. Please use the buttons below or /menu.
unsupported-input = I can only read text and buttons here. Please choose below.
use-buttons = Please choose one of the buttons below.
text-too-long =
    Your message is too long ({ $length ->
        [one] { $length } character
       *[other] { $length } characters
    }); I can read up to { $limit } here. Please choose below.
error-generic = Sorry, something went wrong on my side. Your place is kept; please try again in a minute.

about-text =
    <b>About Lastivka</b>
    Lastivka gives advice on safe work and travel abroad, helps you check a job offer, and passes your questions to a hotline team if you ask for it.
    It is run by non-governmental organisations, not by the police or any state body.
about-privacy-button = What do you keep about me?

command-start = Start again
command-menu = Main menu
command-human = Talk to a consultant
command-language = Change the language
command-about = About and privacy
command-help = How to use this bot

# The bot's name in Telegram (setMyName): neutral on purpose, it shows in the chat list and every notification.
bot-name = Lastivka
bot-short-description = Advice on safe work and travel abroad. Free and anonymous.
bot-description = Lastivka gives advice on safe work and travel abroad and helps you check a job offer. It does not ask for your name or phone number.

chat-prompt = Type a number, a /command or text. Ctrl+D ends the chat.
chat-bye = Goodbye. Your place is kept for next time.

button-language = 🌐
button-human = 👤
resume-question = You have an unfinished conversation. Continue where you stopped, or start again?
resume-continue = Continue
resume-restart = Start again

mydata =
    <b>What Lastivka keeps about you</b>
    • Not your name, username or phone number: you are known only by a code.
    • Your language, and where you are in the bot: { $place }.
    • Your answers in this conversation: { $answers } (stored encrypted).
    • Your chat number, encrypted, only to reply to you.
    • With us since { $since }; last activity { $updated }.
    • Requests to the hotline team:
    { $cases }
    An unfinished conversation is cleared after a few days without activity.
mydata-case = { $code }: { $status }
mydata-no-cases = none
mydata-status-queued = waiting for a consultant
mydata-status-held = with a consultant
mydata-status-closed = closed
mydata-flow-start = choosing a language
mydata-flow-menu = the main menu
mydata-flow-risk-screening = checking a job offer or a situation
mydata-flow-safe-migration = safe travel advice
mydata-flow-help-request = a help request
mydata-flow-human = talking to a consultant
mydata-flow-about = about the bot
mydata-flow-settings = settings
mydata-flow-subscribe = choosing tips by message
command-mydata = What do you keep about me?
