# Tips by message: opt-in topics of prevention campaigns, and stopping them in one tap.
# First lines stay neutral: these messages arrive as notifications.

menu-subscribe = 📬 Tips by message
offer-subscribe = 📬 Get tips by message now and then
subscribe-topics =
    <b>Tips by message</b>
    Now and then we send short, useful tips. Tap a topic to turn it on or off.
    You chose:
    { $topics }
subscribe-topics-none = nothing yet
subscribe-topic-jobs = ☐ Job offers and how to check them
subscribe-topic-jobs-on = ✅ Job offers and how to check them
subscribe-topic-travel = ☐ Safe travel to one country
subscribe-topic-travel-on = ✅ Safe travel to one country
subscribe-topic-rights = ☐ Your rights at work
subscribe-topic-rights-on = ✅ Your rights at work
subscribe-topic-news = ☐ News from the hotline
subscribe-topic-news-on = ✅ News from the hotline
subscribe-topic-jobs-name = • job offers and how to check them
subscribe-topic-travel-name = • safe travel: { $country }
subscribe-topic-rights-name = • your rights at work
subscribe-topic-news-name = • news from the hotline
subscribe-done-button = ✔ Done
subscribe-stop-all = 🔕 Stop all tips
subscribe-country = Which country are you going to? Tips will be about it.
subscribe-done =
    <b>Done.</b> You will get tips on:
    { $topics }
    Only now and then. Under each one there is a button to stop them, and /unsubscribe stops them all.
subscribe-nothing = Nothing chosen, so we will not send you anything.
unsubscribe-done = Done: no more tips by message. You can choose again with /subscribe.
unsubscribe-none = You do not get tips by message. To choose some, use /subscribe.
# Under every campaign message.
campaign-stop-button = 🔕 Stop these messages
mydata-subscriptions =
    Tips by message:
    { $topics }
command-subscribe = Tips by message
command-unsubscribe = Stop tips by message
