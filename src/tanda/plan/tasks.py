"""Tasks and their responsibility clauses. STUB: to be completed."""

from __future__ import annotations

from tanda.plan.model import Section, Task


def find_tasks(text: str, sections: list[Section]) -> list[Task]:
    return []
