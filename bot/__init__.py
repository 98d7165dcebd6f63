"""Lastivka's runtime and composition root: config, CLI, storage, crypto, Telegram adapter.

The only package that imports aiogram, SQLAlchemy or aiohttp (ARCHITECTURE.md section 1).
"""

from importlib.metadata import PackageNotFoundError, version

__all__ = ["__version__"]

try:
    __version__ = version("lastivka")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0+unknown"
