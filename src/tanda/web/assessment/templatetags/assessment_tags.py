"""Template helpers of the assessment pages."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django import template

register = template.Library()


@register.filter
def get_item(mapping: Mapping[str, Any] | None, key: str) -> Any:
    """`scores|get_item:code`: a dict entry by a key held in a variable (None when absent)."""
    return mapping.get(key) if mapping else None
