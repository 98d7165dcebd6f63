"""The operator-queue domain: case codes and queue order. No I/O (ARCHITECTURE.md section 1)."""

__all__: list[str] = []
