"""Template filters of the dispatch report page (the snapshot is plain JSON, formatted like the files)."""

from __future__ import annotations

from typing import Any

from django import template

from tanda.reports import GRADES
from tanda.reports.snapshot import number, percent
from tanda.reports.snapshot import target_text as _target_text

register = template.Library()


@register.filter
def pct(value: float | None) -> str:
    return percent(value)


@register.filter
def num(value: float | None) -> str:
    return number(value)


@register.filter
def grade_label(grade: str) -> str:
    return GRADES.get(grade, grade)


@register.filter
def target_text(target: dict[str, Any]) -> str:
    return _target_text(target)
