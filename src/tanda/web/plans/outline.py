"""The section tree of a stored plan, built once in Python so the template only walks it."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from tanda.web.plans.models import Section, Task


@dataclass
class Node:
    section: Section
    children: list[Node] = field(default_factory=list)
    task_count: int = 0


def section_tree(sections: Iterable[Section], tasks: Iterable[Task] = ()) -> list[Node]:
    """Root nodes in document order; a section whose parent is missing becomes a root."""
    nodes = {s.pk: Node(s) for s in sections}
    for task in tasks:
        if task.section_id in nodes:
            nodes[task.section_id].task_count += 1
    roots = []
    for node in nodes.values():
        parent = nodes.get(node.section.parent_id)
        (parent.children if parent else roots).append(node)
    return roots
