"""Tasks: the numbered work items of a plan, each with the units its responsibility clause names.

A task is the smallest numbered part of the plan's body (1. under （一） in 重点任务, （一） directly under
保障措施), not the preamble parts (指导思想, 主要目标) and not the project lists in 专栏 boxes. Points
numbered （1） or ① belong to their task unless they carry their own responsibility clause.
"""

from __future__ import annotations

import re

from tanda.plan.departments import Clause, find_clause, find_inline_clauses
from tanda.plan.headings import CHAPTER_LEVEL
from tanda.plan.model import Section, Task
from tanda.plan.structure import PATH_SEPARATOR, content_end
from tanda.plan.text import normalize

POINT_LEVEL = 4  # （1） and ①: points inside a task

# Parts of a plan that state its frame, not work to be done.
_PREAMBLE = re.compile(
    r"(?:总体要求|指导思想|基本原则|工作原则|主要原则|主要目标|总体目标|发展目标|工作目标|行动目标|目标任务|目标要求|总体思路|工作思路|"
    r"基本思路|发展基础|发展现状|现状与形势|面临形势|发展形势|重要意义|编制依据|适用范围|规划期限|规划范围|基本情况)[。.]?"
)


def _is_box(section: Section) -> bool:
    return section.number.startswith("专栏")


def _parent(path: str) -> str:
    return path.rsplit(PATH_SEPARATOR, 1)[0] if PATH_SEPARATOR in path else ""


def _ancestors(section: Section, by_path: dict[str, Section]) -> list[Section]:
    out, path = [], _parent(section.path)
    while path:
        if path in by_path:
            out.append(by_path[path])
        path = _parent(path)
    return out


def _title_end(text: str, section: Section) -> int:
    found = text.find(section.title, section.start, section.end + 1) if section.title else -1
    return found + len(section.title) if found >= 0 else section.start


def _add_new(names: list[str], more: list[str]) -> None:
    """Append the names of `more` that `names` does not hold yet, in order."""
    for name in more:
        if name not in names:
            names.append(name)


def find_tasks(text: str, sections: list[Section]) -> list[Task]:
    """Tasks in reading order; implementers a clause assigns to all later tasks are carried forward."""
    norm = normalize(text)
    by_path = {s.path: s for s in sections}
    eligible = [
        s
        for s in sections
        if s.level != CHAPTER_LEVEL and not _is_box(s) and not any(_is_box(a) for a in _ancestors(s, by_path))
    ]
    ends = {id(s): s.end for s in sections}
    for s in sections:  # a 专栏 box closes the text of the section that holds it
        parent = by_path.get(_parent(s.path))
        if _is_box(s) and parent is not None:
            ends[id(parent)] = min(ends[id(parent)], s.start)
    clauses: dict[int, Clause | None] = {
        id(s): find_clause(text, _title_end(text, s), ends[id(s)], norm) for s in eligible
    }
    split_into_points = set()
    for s in eligible:
        if s.level >= POINT_LEVEL and clauses[id(s)] is not None:
            split_into_points.add(_parent(s.path))
    has_parts = {_parent(s.path) for s in eligible if s.level < POINT_LEVEL} | split_into_points

    tasks: list[Task] = []
    carried: list[str] = []
    for s in eligible:
        clause = clauses[id(s)]
        if s.path in has_parts or (s.level >= POINT_LEVEL and clause is None):
            continue
        if clause is None and any(_PREAMBLE.fullmatch(x.title) for x in (s, *_ancestors(s, by_path))):
            continue
        end = max(content_end(text, ends[id(s)]), s.start)
        task = Task(section=s.path, title=s.title, text=text[s.start : end], start=s.start, end=end)
        task.implementers = list(carried)
        inline = find_inline_clauses(text, _title_end(text, s), clause.start if clause else end, norm)
        for found_clause in [*inline, *([clause] if clause is not None else [])]:
            found = found_clause.responsibility
            _add_new(task.departments, found.departments)
            _add_new(task.implementers, found.implementers + found.carried)
            _add_new(carried, found.carried)
        if clause is not None or inline:
            task.lead = task.departments[0] if task.departments else None
            task.clause = (clause or inline[-1]).text
        tasks.append(task)
    return tasks
