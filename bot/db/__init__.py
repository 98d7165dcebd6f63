"""Storage: tables, encrypted column types, the database handle and repositories."""

__all__: list[str] = []
