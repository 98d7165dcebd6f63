# Lastivka, русский: что читают консультанты горячей линии в операторской группе Telegram.
# Консультанты видят коды обращений, но никогда — кто этот человек.

op-topic-name = { $marker } { $code } { $priority }
op-priority-urgent = срочный
op-priority-high = высокий
op-priority-normal = обычный

op-summary =
    { $marker } <b>Обращение { $code }</b>, приоритет: { $priority }
    { $lines }
    Ожидает с { $since }
op-line-language = Язык: { $language }
op-line-for = Касается: { $who }
op-for-self = самого человека
op-for-other = кого-то из родных или друзей человека, который пишет
op-line-country = Страна: { $country }
op-line-flow = Источник: { $flow }
op-flow-risk-screening = проверка рисков
op-flow-human = разговор с консультантом
op-flow-help-request = запрос о помощи
op-line-level = Результат: <b>{ $level }</b>
op-line-signs =
    Признаки:
    { $signs }
op-sign-yes = • { $sign }
op-sign-unsure = • { $sign } (ответ: не знаю точно)
op-sign-ad = • { $sign } (из присланного объявления о работе)
op-line-age = Возраст: { $age }
op-line-ad = Проверено объявление о работе ({ $origin })
op-origin-typed = вставлено текстом
op-origin-user = переслано от человека
op-origin-hidden = переслано со скрытого аккаунта
op-origin-chat = переслано из группы
op-origin-channel = переслано из канала
op-line-topic = Тема: { $value }
op-line-urgency = Срочность: { $value }
op-line-reply = Когда безопасно отвечать: { $value }
op-line-note =
    Заметка от человека:
    <i>{ $note }</i>
op-line-consent = ✓ Есть согласие на передачу консультанту

op-queue =
    <b>Очередь</b>: { $count ->
        [one] { $count } открытое обращение
        [few] { $count } открытых обращения
        [many] { $count } открытых обращений
       *[other] { $count } открытого обращения
    }
    { $cases }
op-queue-line = { $marker } { $code } · { $minutes } мин · { $holder }
op-queue-line-overdue = { $marker } <b>{ $code } · { $minutes } мин · { $holder } ⏰</b>
op-queue-held = ведёт { $name }
op-queue-waiting = ждёт
op-queue-empty = Открытых обращений нет.



op-button-claim = ✋ Взять обращение
op-button-escalate = ⬆ Позвать супервизора
op-button-release = ↩ Вернуть в очередь
op-button-close = ✅ Закрыть…
op-choose-outcome = Чем закончилось обращение { $code }?
op-outcome-information = Предоставлена информация
op-outcome-referred = Перенаправлено в службу
op-outcome-presumed-victim = Предполагаемо пострадавшее лицо
op-outcome-other-problem = Не торговля людьми: другая проблема
op-outcome-declined = Отказ от помощи
op-outcome-no-response = Нет ответа
op-outcome-misuse = Злоупотребление
op-case-claim = ✋ Обращение { $code } ведёт { $name }. Сообщения человека приходят сюда; ваши ответы в этой теме уходят человеку с подписью «{ $name }». Сообщения, начинающиеся с /note или !, остаются в группе.
op-case-release = ↩ Обращение { $code } возвращено в очередь.
op-case-escalate = ⬆ Обращение { $code }: { $supervisors }, пожалуйста, посмотрите.
op-case-close = ✅ Обращение { $code } закрыто.
op-refused-unknown = Эта кнопка больше не действует.
op-refused-not-operator = Действовать здесь могут только зарегистрированные консультанты. Обратитесь к администратору: lastivka operators add.
op-refused-held-by-other = Это обращение уже ведёт { $name }.
op-refused-already-yours = Вы уже ведёте это обращение.
op-refused-not-held = Это обращение пока никто не ведёт.
op-refused-not-holder = Это может сделать только { $name } (кто ведёт обращение) или супервизор.
op-refused-already-theirs = Это обращение уже ведёт этот человек.
op-refused-already-escalated = Супервизора уже попросили.
op-refused-closed = Это обращение закрыто.
op-refused-no-outcome = Чтобы закрыть обращение, выберите, чем оно закончилось.
op-refused-system-outcome = Этот результат устанавливает только бот.
op-overdue = ⏰ { $marker } <b>{ $code }</b> ждёт уже { $minutes } мин, дольше установленного времени. { $supervisors }, пожалуйста, посмотрите.
op-no-supervisors = Супервизоры (не зарегистрировано ни одного)
op-transfer-unknown = Нет активного консультанта с именем «{ $name }». Напишите /transfer и имя, как в lastivka operators list.
op-person-ended = Человек завершил разговор в обращении { $code }. Закройте его с результатом, когда будете готовы.
op-canned-choose = Готовые ответы для обращения { $code } (отправляются на языке человека):
op-canned-greeting = Приветствие
op-canned-safe-now = Безопасно ли говорить?
op-canned-back-soon = Скоро напишу
op-canned-numbers = Где найти номера
op-canned-goodbye = Прощание
op-canned-sent = Отправлено (на языке человека): <i>{ $text }</i>
op-refused-person-ended = Человек завершил разговор.
op-queue-topic = 📋 Очередь
