"""The operator-queue domain: case codes, queue order, the life of a case (claim, release,
transfer, escalate, close with an outcome) and its time rules. No I/O (ARCHITECTURE.md 1)."""

__all__: list[str] = []
