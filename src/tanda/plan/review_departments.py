"""Departments across levels of government: which lower-level unit answers for an upper-level unit's tasks.

A provincial plan names 省能源局, 省工业和信息化厅; a county-level city's plan names 发改局 (there is no
能源局) and 工信局. Review needs to know that these are the same responsibility. Two names stand for
the same function when, after removing the place or level prefix (吉林省, 省, 梅河口市, 市 …), a bracketed
remark and the head word (厅 局 委 委员会), they are equal (省生态环境厅 ↔ 生态环境局), or when the mapping
table says so (能源局 → 发改局). The packaged table (`tanda/data/review/department_map.csv`) is the
default; an office edits its own copy in the web app and passes the rows here.
"""

from __future__ import annotations

import csv
import io
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

from tanda.plan.model import Task

_LEVEL = re.compile(r"^(?:省|市(?!场)|县|区|州|盟|旗)")
_REMARK = re.compile(r"[(（〔【\[][^()（）〔〕【】\[\]]*[)）〕】\]]")
_HEAD = re.compile(r"(?:委员会|厅|局|委)$")


@cache
def _place_names() -> dict[str, tuple[str, ...]]:
    """Division names (吉林省, 梅河口市 …) by their first two characters, longest first, to strip a place
    prefix from a unit name without trying all ~3,200 names each time."""
    from tanda.regions import divisions

    index: dict[str, list[str]] = {}
    for name in {d.name for d in divisions() if len(d.name) >= 3}:
        index.setdefault(name[:2], []).append(name)
    return {k: tuple(sorted(v, key=len, reverse=True)) for k, v in index.items()}


@cache
def strip_level(name: str) -> str:
    """`吉林省能源局` → `能源局`, `市市场监管局` → `市场监管局`, `省委宣传部` → `委宣传部` (a key, not a name)."""
    text = _REMARK.sub("", (name or "").strip())
    for place in _place_names().get(text[:2], ()):
        if text.startswith(place) and len(text) > len(place) + 1:
            text = text[len(place) :]
            break
    stripped = _LEVEL.sub("", text, count=1)
    return stripped if len(stripped) >= 2 else text


@cache
def function_key(name: str) -> str:
    """The key two names of one function share: no prefix, no remark, no head word (`生态环境`)."""
    text = strip_level(name)
    keyed = _HEAD.sub("", text)
    return keyed if len(keyed) >= 2 else text


@dataclass(frozen=True)
class MappingRow:
    parent: str
    child: str
    note: str = ""


class DepartmentMap:
    """Correspondences parent-level name → child-level names, compared by `function_key`."""

    def __init__(self, rows: Iterable[MappingRow]) -> None:
        self.rows = list(rows)
        self._pairs = {(function_key(r.parent), function_key(r.child)) for r in self.rows}

    def same_function(self, parent_name: str, child_name: str) -> str | None:
        """How the two names were found to be one responsibility: `same` / `table`, or None."""
        p, c = function_key(parent_name), function_key(child_name)
        if p == c:
            return "same"
        if (p, c) in self._pairs:
            return "table"
        return None


def parse_mapping(text: str) -> list[MappingRow]:
    """Rows from CSV text with columns parent, child[, note]; a row missing a name is an error naming it."""
    rows = []
    for line, row in enumerate(csv.DictReader(io.StringIO(text)), start=2):
        parent, child = (row.get("parent") or "").strip(), (row.get("child") or "").strip()
        if not parent or not child:
            raise ValueError(f"department mapping line {line}: both 'parent' and 'child' are needed")
        rows.append(MappingRow(parent, child, (row.get("note") or "").strip()))
    return rows


@cache
def default_rows() -> tuple[MappingRow, ...]:
    text = resources.files("tanda.data.review").joinpath("department_map.csv").read_text(encoding="utf-8")
    return tuple(parse_mapping(text))


def default_map() -> DepartmentMap:
    return DepartmentMap(default_rows())


@dataclass
class DepartmentLink:
    """One department of the parent plan, the child units that carry its function, and their task counts."""

    parent: str
    parent_tasks: int
    child: list[str] = field(default_factory=list)
    child_tasks: int = 0
    via: str | None = None  # same | table

    def to_dict(self) -> dict[str, Any]:
        return {
            "parent": self.parent,
            "parent_tasks": self.parent_tasks,
            "child": self.child,
            "child_tasks": self.child_tasks,
            "via": self.via,
        }


def _counts(tasks: Sequence[Task]) -> Counter[str]:
    return Counter(d for task in tasks for d in dict.fromkeys(task.departments))


def map_departments(
    parent_tasks: Sequence[Task], child_tasks: Sequence[Task], mapping: DepartmentMap | None = None
) -> tuple[list[DepartmentLink], list[str]]:
    """Each parent department with its child counterparts (most tasks first); child units left unmapped."""
    mapping = mapping or default_map()
    parents, children = _counts(parent_tasks), _counts(child_tasks)
    links, used = [], set()
    for parent, n in parents.most_common():
        link = DepartmentLink(parent=parent, parent_tasks=n)
        for child, m in children.most_common():
            via = mapping.same_function(parent, child)
            if via:
                link.child.append(child)
                link.child_tasks += m
                link.via = "same" if "same" in (via, link.via) else via
                used.add(child)
        links.append(link)
    unmapped = [child for child, _ in children.most_common() if child not in used]
    return links, unmapped


def tasks_without_departments(tasks: Sequence[Task]) -> list[Task]:
    """Tasks whose clause names no responsible unit (generic implementers such as 各有关部门 do not count)."""
    return [task for task in tasks if not task.departments]
