# Рассылка советов: темы профилактических кампаний, которые человек выбирает сам, и отписка одним нажатием.
# Первая строка каждого сообщения нейтральна: эти сообщения приходят как уведомления.

menu-subscribe = 📬 Рассылка советов
offer-subscribe = 📬 Время от времени получать советы
subscribe-topics =
    <b>Рассылка советов</b>
    Время от времени мы присылаем короткие полезные советы. Нажмите на тему, чтобы включить или отключить её.
    Вы выбрали:
    { $topics }
subscribe-topics-none = пока ничего
subscribe-topic-jobs = ☐ Предложения работы и как их проверить
subscribe-topic-jobs-on = ✅ Предложения работы и как их проверить
subscribe-topic-travel = ☐ Безопасная поездка в нужную страну
subscribe-topic-travel-on = ✅ Безопасная поездка в нужную страну
subscribe-topic-rights = ☐ Ваши права на работе
subscribe-topic-rights-on = ✅ Ваши права на работе
subscribe-topic-news = ☐ Новости горячей линии
subscribe-topic-news-on = ✅ Новости горячей линии
subscribe-topic-jobs-name = • предложения работы и как их проверить
subscribe-topic-travel-name = • безопасная поездка: { $country }
subscribe-topic-rights-name = • ваши права на работе
subscribe-topic-news-name = • новости горячей линии
subscribe-done-button = ✔ Готово
subscribe-stop-all = 🔕 Отключить все советы
subscribe-country = В какую страну вы едете? Советы будут о ней.
subscribe-done =
    <b>Готово.</b> Вы будете получать советы по темам:
    { $topics }
    Только время от времени. Под каждым есть кнопка, чтобы их отключить, а /unsubscribe отключает все сразу.
subscribe-nothing = Ничего не выбрано, поэтому мы ничего вам не будем присылать.
unsubscribe-done = Готово: рассылка советов отключена. Выбрать темы снова можно командой /subscribe.
unsubscribe-none = Вы не получаете рассылку советов. Чтобы выбрать темы, используйте /subscribe.
# Под каждым сообщением рассылки.
campaign-stop-button = 🔕 Больше не присылать
mydata-subscriptions =
    Рассылка советов:
    { $topics }
command-subscribe = Рассылка советов
command-unsubscribe = Отключить рассылку советов
