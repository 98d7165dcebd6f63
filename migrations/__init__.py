"""Alembic migrations (async template, batch mode for SQLite)."""
