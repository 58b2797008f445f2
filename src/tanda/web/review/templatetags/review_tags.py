"""Verdicts, reasons and notes of a review in the page's language.

The domain gives Chinese sentence templates with parameters (`tanda.plan.review_compare.REASONS`);
they are the msgids of this app's catalogue, so the page translates them like any other string.
"""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.translation import gettext

from tanda.plan.review import CHILD_ONLY_REASONS, WARNINGS
from tanda.plan.review_compare import NOTES, REASONS, SIDES, VERDICT_LABELS

SIDE_WORDS = set(SIDES.values())

register = template.Library()


@register.filter
def verdict_label(verdict: str) -> str:
    return gettext(VERDICT_LABELS.get(verdict, verdict))


@register.filter
def verdict_class(verdict: str) -> str:
    return "v-" + verdict.replace(" ", "-")


def _params(params: dict[str, Any]) -> dict[str, Any]:
    """Parameters in the page's language too: the side (上级/下级) is a word, not data."""
    return {k: gettext(v) if v in SIDE_WORDS else v for k, v in params.items()}


@register.filter
def explain(item: Any) -> str:
    return gettext(REASONS[item.reason]) % _params(item.details)


@register.filter
def notes_of(item: Any) -> list[str]:
    return [gettext(NOTES[code]) % _params(params) for code, params in item.notes]


@register.filter
def warning_text(code: str) -> str:
    return gettext(WARNINGS[code])


@register.filter
def child_only_text(reason: str) -> str:
    return gettext(CHILD_ONLY_REASONS[reason])
