"""How a broadcast message reaches the Bot API: one HTTP request, classified.

Campaign messages are the same for every recipient of a locale but the chat id, so the
request body is built once per locale and sent as bytes, without aiogram's per-call
model validation (at 1,000 messages a second on paid broadcasts that validation is the
sender's largest cost). Every answer becomes a ``Verdict``; nothing here raises, so a
bad answer can never stop the sender:

- sent: ``ok`` true;
- wait: 429, with Telegram's ``retry_after``;
- gone: 403 (the person blocked the bot, or the account is deactivated) and "chat not
  found": the person is unsubscribed and the delivery dropped;
- refused: any other 4xx: the request itself is wrong; retrying will not help;
- retry: network errors, timeouts, 5xx, 401 and answers that are not Bot API JSON (an
  HTML page from a proxy in front of Telegram): retried with capped backoff and jitter.
"""

from __future__ import annotations

import asyncio
import json
import logging
from dataclasses import dataclass
from typing import Any, Literal

import aiohttp

__all__ = ["HttpTransport", "Verdict", "classify"]

log = logging.getLogger(__name__)

Kind = Literal["sent", "wait", "gone", "refused", "retry"]

#: 400 descriptions that mean the chat is not there any more (not a bad request).
_GONE = ("chat not found", "user not found", "peer_id_invalid", "user is deactivated")


@dataclass(frozen=True, slots=True)
class Verdict:
    kind: Kind
    retry_after: float = 0.0
    #: A short reason for the log (an error code or exception name, never content).
    reason: str = ""
    result: Any = None


def classify(status: int, body: bytes) -> Verdict:
    """The verdict on one Bot API answer (status and raw body)."""
    try:
        answer = json.loads(body)
    except ValueError:
        return Verdict("retry", reason=f"http {status}, not json")
    if not isinstance(answer, dict) or "ok" not in answer:
        return Verdict("retry", reason=f"http {status}, not a Bot API answer")
    if answer["ok"] is True:
        return Verdict("sent", result=answer.get("result"))
    code = answer.get("error_code", status)
    description = str(answer.get("description", "")).lower()
    if code == 429:
        parameters = answer.get("parameters") or {}
        retry_after = parameters.get("retry_after", 1) if isinstance(parameters, dict) else 1
        return Verdict("wait", retry_after=float(retry_after or 1), reason="429")
    if code == 403 or (code == 400 and any(mark in description for mark in _GONE)):
        return Verdict("gone", reason=str(code))
    if isinstance(code, int) and 400 <= code < 500 and code != 401:
        return Verdict("refused", reason=str(code))
    return Verdict("retry", reason=str(code))


class HttpTransport:
    """Posts Bot API calls for the campaign sender (``start`` before, ``close`` after)."""

    def __init__(
        self, api_url: str, token: str, *, timeout: float = 30.0, connections: int = 100
    ) -> None:
        self._base = f"{api_url.rstrip('/')}/bot{token}/"
        self._timeout = aiohttp.ClientTimeout(total=timeout)
        self._connections = connections
        self._session: aiohttp.ClientSession | None = None

    async def start(self) -> None:
        if self._session is None:
            connector = aiohttp.TCPConnector(limit=self._connections)
            self._session = aiohttp.ClientSession(connector=connector, timeout=self._timeout)

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()
            self._session = None

    async def call(self, method: str, body: bytes | aiohttp.FormData) -> Verdict:
        """One request; JSON bytes, or a form with a file to upload."""
        if self._session is None:
            await self.start()
        assert self._session is not None
        headers = {"Content-Type": "application/json"} if isinstance(body, bytes) else None
        try:
            async with self._session.post(
                self._base + method, data=body, headers=headers
            ) as response:
                raw = await response.read()
                return classify(response.status, raw)
        except (aiohttp.ClientError, TimeoutError, OSError) as exc:
            return Verdict("retry", reason=type(exc).__name__)
        except asyncio.CancelledError:
            raise
        except Exception as exc:
            log.error("campaign transport: unexpected %s", type(exc).__name__)
            return Verdict("retry", reason=type(exc).__name__)
