# Lastivka, українська: що читають консультанти гарячої лінії в операторській групі Telegram.
# Консультанти бачать коди звернень, але ніколи — хто ця людина.

op-topic-name = { $marker } { $code } { $priority }
op-priority-urgent = терміновий
op-priority-high = високий
op-priority-normal = звичайний

op-summary =
    { $marker } <b>Звернення { $code }</b>, пріоритет: { $priority }
    { $lines }
    Очікує з { $since }
op-line-language = Мова: { $language }
op-line-for = Стосується: { $who }
op-for-self = самої людини
op-for-other = когось із рідних чи друзів людини, яка пише
op-line-country = Країна: { $country }
op-line-flow = Джерело: { $flow }
op-flow-risk-screening = перевірка ризиків
op-flow-human = розмова з консультантом
op-flow-help-request = запит на допомогу
op-line-level = Результат: <b>{ $level }</b>
op-line-signs =
    Ознаки:
    { $signs }
op-sign-yes = • { $sign }
op-sign-unsure = • { $sign } (відповідь: не знаю напевно)
op-sign-ad = • { $sign } (з надісланого оголошення про роботу)
op-line-age = Вік: { $age }
op-line-ad = Перевірено оголошення про роботу ({ $origin })
op-origin-typed = вставлено текстом
op-origin-user = переслано від людини
op-origin-hidden = переслано з прихованого акаунта
op-origin-chat = переслано з групи
op-origin-channel = переслано з каналу
op-line-topic = Тема: { $value }
op-line-urgency = Терміновість: { $value }
op-line-reply = Коли безпечно відповідати: { $value }
op-line-note =
    Нотатка від людини:
    <i>{ $note }</i>
op-line-consent = ✓ Є згода на передачу консультантові

op-queue =
    <b>Черга</b>: { $count ->
        [one] { $count } відкрите звернення
        [few] { $count } відкриті звернення
        [many] { $count } відкритих звернень
       *[other] { $count } відкритого звернення
    }
    { $cases }
op-queue-line = { $marker } { $code } · { $minutes } хв · { $holder }
op-queue-line-overdue = { $marker } <b>{ $code } · { $minutes } хв · { $holder } ⏰</b>
op-queue-held = веде { $name }
op-queue-waiting = чекає
op-queue-empty = Відкритих звернень немає.



op-button-claim = ✋ Узяти звернення
op-button-escalate = ⬆ Покликати супервізора
op-button-release = ↩ Повернути в чергу
op-button-close = ✅ Закрити…
op-choose-outcome = Чим завершилося звернення { $code }?
op-outcome-information = Надано інформацію
op-outcome-referred = Перенаправлено до служби
op-outcome-presumed-victim = Імовірна постраждала особа
op-outcome-other-problem = Не торгівля людьми: інша проблема
op-outcome-declined = Відмова від допомоги
op-outcome-no-response = Немає відповіді
op-outcome-misuse = Зловживання
op-case-claim = ✋ Звернення { $code } веде { $name }. Повідомлення людини надходять сюди; ваші відповіді в цій темі йдуть людині з підписом «{ $name }». Повідомлення, що починаються з /note або !, залишаються в групі.
op-case-release = ↩ Звернення { $code } повернуто в чергу.
op-case-escalate = ⬆ Звернення { $code }: { $supervisors }, будь ласка, перегляньте.
op-case-close = ✅ Звернення { $code } закрито.
op-refused-unknown = Ця кнопка вже не діє.
op-refused-not-operator = Діяти тут можуть лише зареєстровані консультанти. Зверніться до адміністратора: lastivka operators add.
op-refused-held-by-other = Це звернення вже веде { $name }.
op-refused-already-yours = Ви вже ведете це звернення.
op-refused-not-held = Це звернення ще ніхто не веде.
op-refused-not-holder = Це може зробити лише { $name } (хто веде звернення) або супервізор.
op-refused-already-theirs = Це звернення вже веде ця людина.
op-refused-already-escalated = Супервізора вже попрошено.
op-refused-closed = Це звернення закрито.
op-refused-no-outcome = Щоб закрити звернення, оберіть, чим воно завершилося.
op-refused-system-outcome = Цей результат встановлює лише бот.
op-overdue = ⏰ { $marker } <b>{ $code }</b> чекає вже { $minutes } хв, довше за встановлений час. { $supervisors }, будь ласка, перегляньте.
op-no-supervisors = Супервізори (не зареєстровано жодного)
op-transfer-unknown = Немає активного консультанта з іменем «{ $name }». Напишіть /transfer та ім’я, як у lastivka operators list.
op-person-ended = Людина завершила розмову у зверненні { $code }. Закрийте його з результатом, коли будете готові.
op-canned-choose = Готові відповіді для звернення { $code } (надсилаються мовою людини):
op-canned-greeting = Привітання
op-canned-safe-now = Чи безпечно говорити?
op-canned-back-soon = Скоро напишу
op-canned-numbers = Де знайти номери
op-canned-goodbye = Прощання
op-canned-sent = Надіслано (мовою людини): <i>{ $text }</i>
op-refused-person-ended = Людина завершила розмову.
op-queue-topic = 📋 Черга
