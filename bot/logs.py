"""Logging that cannot leak a person.

Our own code logs ids, states, durations and error class names only. Libraries are less
careful (exception messages quote input values; some loggers print payloads at DEBUG), so
every record passes ``PrivacyFilter`` on its way out:

* an exception passed as a log argument becomes its class name;
* exception messages are dropped from tracebacks (frames stay: they are code, not data);
* long digit runs (Telegram ids, phone numbers) and anything after ``text=`` are masked.
"""

from __future__ import annotations

import logging
import re
import sys
import traceback
from types import TracebackType
from typing import Any

__all__ = ["PrivacyFilter", "PrivacyFormatter", "configure_logging"]

_DIGITS = re.compile(r"(?<![\w.])\+?\d[\d\s()-]{5,}\d")
_FIELDS = re.compile(
    r"""((?:text|caption|first_name|last_name|username|phone_number|query|data)['"]?\s*[=:]\s*)"""
    r"""('[^']*'|"[^"]*"|\S+)""",
    re.IGNORECASE,
)


def scrub(text: str) -> str:
    text = _FIELDS.sub(r"\1<hidden>", text)
    return _DIGITS.sub("<number>", text)


#: Loggers whose records below WARNING carry decrypted values: SQLAlchemy's engine logs
#: fetched rows and bound parameters after the encrypted column types have done their work.
_CONTENT_LOGGERS = ("sqlalchemy.engine", "sqlalchemy.pool", "aiosqlite", "asyncpg")


class PrivacyFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno < logging.WARNING and record.name.startswith(_CONTENT_LOGGERS):
            return False  # dropped whole, whatever level someone opened these loggers to
        if record.args:
            args = record.args if isinstance(record.args, tuple) else (record.args,)
            record.args = tuple(
                type(a).__name__ if isinstance(a, BaseException) else a for a in args
            )
        try:
            message = record.getMessage()
        except (TypeError, ValueError):
            message = str(record.msg)
        record.msg = scrub(message)
        record.args = None
        return True


class PrivacyFormatter(logging.Formatter):
    """Tracebacks without exception messages."""

    def formatException(
        self,
        ei: tuple[type[BaseException], BaseException, TracebackType | None]
        | tuple[None, None, None],
    ) -> str:
        exc_type, _value, tb = ei
        frames = "".join(traceback.format_tb(tb)) if tb is not None else ""
        name = exc_type.__name__ if exc_type is not None else "Exception"
        return f"Traceback (most recent call last):\n{frames}{name} (message withheld)"


def configure_logging(level: str = "INFO", stream: Any = None) -> logging.Handler:
    handler = logging.StreamHandler(stream or sys.stderr)
    handler.addFilter(PrivacyFilter())
    handler.setFormatter(PrivacyFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    for old in list(root.handlers):
        root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(level)
    # Library chatter at INFO (aiogram's "Update id=... is handled") adds nothing useful.
    logging.getLogger("aiogram.event").setLevel(max(logging.WARNING, root.level))
    return handler
