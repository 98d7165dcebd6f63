# Lastivka, українська: що читають консультанти гарячої лінії в операторській групі Telegram.
# Консультанти бачать коди звернень, але ніколи — хто ця людина.

op-topic-name = { $marker } { $code } { $priority }
op-priority-urgent = терміновий
op-priority-high = високий
op-priority-normal = звичайний

op-summary =
    { $marker } <b>Звернення { $code }</b>, пріоритет: { $priority }
    { $lines }
    Час очікування: { $minutes ->
        [one] { $minutes } хвилина
        [few] { $minutes } хвилини
        [many] { $minutes } хвилин
       *[other] { $minutes } хвилини
    }
op-line-language = Мова: { $language }
op-line-for = Стосується: { $who }
op-for-self = самої людини
op-for-other = когось із рідних чи друзів людини, яка пише
op-line-country = Країна: { $country }
op-line-flow = Джерело: { $flow }
op-flow-risk-screening = перевірка ризиків
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
