"""``python -m bot`` is the ``lastivka`` command."""

from bot.cli import main

main()
