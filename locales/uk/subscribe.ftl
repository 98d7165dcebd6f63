# Розсилка порад: теми профілактичних кампаній, які людина обирає сама, і відписка одним натисканням.
# Перший рядок кожного повідомлення нейтральний: ці повідомлення приходять як сповіщення.

menu-subscribe = 📬 Розсилка порад
offer-subscribe = 📬 Час від часу отримувати поради
subscribe-topics =
    <b>Розсилка порад</b>
    Час від часу ми надсилаємо короткі корисні поради. Натисніть на тему, щоб увімкнути або вимкнути її.
    Ви обрали:
    { $topics }
subscribe-topics-none = поки нічого
subscribe-topic-jobs = ☐ Пропозиції роботи і як їх перевірити
subscribe-topic-jobs-on = ✅ Пропозиції роботи і як їх перевірити
subscribe-topic-travel = ☐ Безпечна поїздка до певної країни
subscribe-topic-travel-on = ✅ Безпечна поїздка до певної країни
subscribe-topic-rights = ☐ Ваші права на роботі
subscribe-topic-rights-on = ✅ Ваші права на роботі
subscribe-topic-news = ☐ Новини гарячої лінії
subscribe-topic-news-on = ✅ Новини гарячої лінії
subscribe-topic-jobs-name = • пропозиції роботи і як їх перевірити
subscribe-topic-travel-name = • безпечна поїздка: { $country }
subscribe-topic-rights-name = • ваші права на роботі
subscribe-topic-news-name = • новини гарячої лінії
subscribe-done-button = ✔ Готово
subscribe-stop-all = 🔕 Вимкнути всі поради
subscribe-country = До якої країни ви їдете? Поради будуть про неї.
subscribe-done =
    <b>Готово.</b> Ви отримуватимете поради на такі теми:
    { $topics }
    Лише час від часу. Під кожним є кнопка, щоб їх вимкнути, а /unsubscribe вимикає всі одразу.
subscribe-nothing = Нічого не обрано, тож ми нічого вам не надсилатимемо.
unsubscribe-done = Готово: розсилку порад вимкнено. Обрати теми знову можна командою /subscribe.
unsubscribe-none = Ви не отримуєте розсилки порад. Щоб обрати теми, скористайтеся /subscribe.
# Під кожним повідомленням розсилки.
campaign-stop-button = 🔕 Більше не надсилати
mydata-subscriptions =
    Розсилка порад:
    { $topics }
command-subscribe = Розсилка порад
command-unsubscribe = Вимкнути розсилку порад
