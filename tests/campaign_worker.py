"""A campaign sender in a process of its own, for the kill -9 test in test_campaign_sender.py.

``python -m tests.campaign_worker DB_URL API_URL TOKEN BOT_USERNAME RATE SECRET_HEX`` (from
the repository root) runs ``CampaignSender.run`` until it is killed; it is never collected
by pytest (no ``test_`` prefix).
"""

from __future__ import annotations

import asyncio
import sys

from bot.campaigns.sender import CampaignSender, SenderConfig
from bot.campaigns.transport import HttpTransport
from bot.crypto import KeyRing, install_keyring
from bot.db.database import Database
from bot.i18n import Translator
from bot.rate import SendGate

__all__ = ["main"]


async def main(argv: list[str]) -> None:
    url, api_url, token, bot_username, rate, secret = argv
    install_keyring(KeyRing(bytes.fromhex(secret)))
    db = Database(url)
    transport = HttpTransport(api_url, token)
    sender = CampaignSender(
        db,
        transport,
        Translator(),
        gate=SendGate(None),
        config=SenderConfig(bot_username=bot_username, rate=float(rate)),
    )
    try:
        await sender.run(asyncio.Event(), idle=0.1)
    finally:
        await transport.close()
        await db.dispose()


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1:]))
