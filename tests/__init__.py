"""Lastivka test suite (a package, so the Bot API test double runs as ``python -m tests.fakes``)."""
