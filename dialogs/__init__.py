"""Dialog engine and flows: inputs in, effects out, no I/O (ARCHITECTURE.md section 1)."""

__all__: list[str] = []
