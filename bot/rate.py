"""The bot's send budget: replies in dialogs first, broadcasts with what is left.

Telegram counts every message a bot sends against one limit (about 30 per second; paid
broadcasts are counted apart). Dialog replies and operator relays take a token as soon
as they need one; a broadcast takes one only while no reply is waiting, and takes them
one at a time, so a reply never waits behind more than one broadcast message.

Tokens come from aiolimiter in slices of a tenth of a second, so sends are spread
evenly rather than in bursts of a whole second's worth (Telegram's own bucket is not in
step with ours; an even pace keeps it from running dry).
"""

from __future__ import annotations

import asyncio
import time

from aiolimiter import AsyncLimiter

__all__ = ["TELEGRAM_RATE", "SendGate", "smooth_limiter"]

#: Messages a second Telegram lets one bot send in all (its "about 30").
TELEGRAM_RATE = 30.0


def smooth_limiter(rate: float) -> AsyncLimiter:
    """``rate`` per second, at most a tenth of a second's worth at once (at least one)."""
    burst = max(1.0, rate / 10)
    return AsyncLimiter(burst, burst / rate)


class SendGate:
    """One per bot. ``rate`` None: no bot-wide limit (tests, benchmarks of the pipeline)."""

    def __init__(self, rate: float | None = 30.0) -> None:
        self.rate = rate
        self._limiter = smooth_limiter(rate) if rate else None
        self._waiting = 0
        self._clear = asyncio.Event()
        self._clear.set()
        self._paused_until = 0.0

    @property
    def replies_waiting(self) -> int:
        return self._waiting

    async def reply(self) -> None:
        """Wait for a reply's turn (a dialog, or any message to a person or the operators):
        before any broadcast message."""
        self._waiting += 1
        self._clear.clear()
        try:
            if self._limiter is not None:
                await self._limiter.acquire()
        finally:
            self._waiting -= 1
            if not self._waiting:
                self._clear.set()

    async def broadcast(self, *, counted: bool = True) -> None:
        """Wait for a broadcast's turn. ``counted`` False: a paid broadcast, outside the
        bot-wide limit (its own rate is the caller's), yet still behind every reply."""
        while True:
            await self._clear.wait()
            pause = self._paused_until - time.monotonic()
            if pause > 0:
                await asyncio.sleep(pause)
                continue
            if counted and self._limiter is not None:
                await self._limiter.acquire()
            return

    def pause(self, seconds: float) -> None:
        """Telegram said "retry after": no broadcast message before then."""
        self._paused_until = max(self._paused_until, time.monotonic() + seconds)
