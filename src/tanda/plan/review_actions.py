"""Actions of the parent plan and whether the child plan has tasks for each.

An action is the heading that groups tasks: `三、重点任务 > （一）能源绿色低碳转型行动` for a task
numbered 1. under it, or the chapter `五、政策保障` for a task that is itself a （一） heading. A
parent action is covered when the child has an action of the same kind with at least one task: the same
one of the ten national actions (`tanda/data/review/peak_actions.csv`; 工业领域碳达峰行动 ↔
产业绿色低碳转型升级行动), or, for headings outside the ten, the child heading most similar in wording.
"""

from __future__ import annotations

import csv
import difflib
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

from tanda.plan.model import Section, Task

PATH_SEPARATOR = " > "
SIMILAR_MIN = 0.5  # title similarity (difflib ratio, generic words removed) for headings outside the ten
_NUMBERING = re.compile(r"^\s*(?:[一二三四五六七八九十百]+[、.．]|[(（][一二三四五六七八九十百\d]+[)）]|\d+[.．、])\s*")
# Words nearly every heading of a peak or green-economy plan has: they say nothing about which heading is which.
_GENERIC = re.compile(
    r"行动|加强|加快|推进|推动|完善|健全|建立|构建|强化|深化|开展|认真|抓好|扎实|绿色|低碳|循环发展|碳达峰|体系|的|和|与|及"
)


@dataclass(frozen=True)
class StandardAction:
    code: str
    name_zh: str
    name_en: str
    keywords: tuple[str, ...]


@cache
def standard_actions() -> tuple[StandardAction, ...]:
    text = resources.files("tanda.data.review").joinpath("peak_actions.csv").read_text(encoding="utf-8")
    return tuple(
        StandardAction(row["code"], row["name_zh"], row["name_en"], tuple(row["keywords"].split("|")))
        for row in csv.DictReader(text.splitlines())
    )


def classify(title: str) -> StandardAction | None:
    """The national action a heading stands for; rows are tried in file order (specific ones first)."""
    for action in standard_actions():
        if any(word in title for word in action.keywords):
            return action
    return None


@dataclass
class Action:
    path: str
    title: str
    tasks: list[Task] = field(default_factory=list)
    standard: StandardAction | None = None


@dataclass
class ActionCoverage:
    """One parent action and the child action found for it (None when the child has none)."""

    parent: Action
    child: Action | None
    method: str | None = None  # standard | similar

    @property
    def covered(self) -> bool:
        return self.child is not None and bool(self.child.tasks)

    def to_dict(self) -> dict[str, Any]:
        return {
            "title": self.parent.title,
            "section": self.parent.path,
            "standard": self.parent.standard.name_zh if self.parent.standard else None,
            "parent_tasks": len(self.parent.tasks),
            "child_action": self.child.title if self.child else None,
            "child_section": self.child.path if self.child else None,
            "child_tasks": len(self.child.tasks) if self.child else 0,
            "method": self.method,
            "covered": self.covered,
        }


def _title(path: str, sections: dict[str, Section]) -> str:
    if path in sections and sections[path].title:
        return sections[path].title
    return _NUMBERING.sub("", path.rsplit(PATH_SEPARATOR, 1)[-1]).strip("。. ")


def actions_of(tasks: Sequence[Task], sections: Sequence[Section]) -> list[Action]:
    """The actions of a plan in reading order, each with its tasks."""
    by_path = {s.path: s for s in sections}
    found: dict[str, Action] = {}
    for task in tasks:
        parts = task.section.split(PATH_SEPARATOR) if task.section else []
        if not parts:
            continue
        path = PATH_SEPARATOR.join(parts[:2] if len(parts) >= 3 else parts[:1])
        if path not in found:
            title = _title(path, by_path)
            found[path] = Action(path=path, title=title, standard=classify(title))
        found[path].tasks.append(task)
    return list(found.values())


def _core(title: str) -> str:
    return _GENERIC.sub("", title)


def match_actions(parent: Sequence[Action], child: Sequence[Action]) -> list[ActionCoverage]:
    """For every parent action, the child action that carries it (same national action, or similar title)."""
    out = []
    for action in parent:
        if action.standard is not None:
            same = [c for c in child if c.standard is not None and c.standard.code == action.standard.code]
            out.append(ActionCoverage(action, same[0] if same else None, "standard" if same else None))
            continue
        scored = [
            (difflib.SequenceMatcher(None, _core(action.title), _core(c.title)).ratio(), i)
            for i, c in enumerate(child)
            if c.standard is None
        ]
        best = max(scored, default=(0.0, -1))
        if best[0] >= SIMILAR_MIN:
            out.append(ActionCoverage(action, child[best[1]], "similar"))
        else:
            out.append(ActionCoverage(action, None))
    return out
