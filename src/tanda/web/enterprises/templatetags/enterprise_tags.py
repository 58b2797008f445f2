"""Number formats and lookups of the enterprise pages."""

from __future__ import annotations

import math
from typing import Any

from django import template

from tanda.inventory.fuels import all_fuels

register = template.Library()


@register.filter
def amount(value: Any, digits: int = 0) -> str:
    """1234567.8 → 1,234,568; None/NaN → —."""
    if value is None:
        return "—"
    try:
        number = float(value)
    except (TypeError, ValueError):
        return str(value)
    if math.isnan(number):
        return "—"
    return f"{number:,.{int(digits)}f}"


@register.filter
def pct(value: Any, digits: int = 1) -> str:
    if value is None:
        return "—"
    try:
        number = float(value)
    except (TypeError, ValueError):
        return "—"
    return "—" if math.isnan(number) else f"{number * 100:.{int(digits)}f}%"


@register.filter
def get(mapping: Any, key: Any) -> Any:
    try:
        return mapping.get(key)
    except AttributeError:
        try:
            return mapping[key]
        except (KeyError, IndexError, TypeError):
            return None


@register.filter
def fuel_name(fuel_id: str) -> str:
    item = all_fuels().get(fuel_id)
    return item.name_zh if item else fuel_id


@register.filter
def product_name(product: str) -> str:
    """A product's Chinese name: packaged, else the newest entered level's (one query, only then)."""
    from tanda.enterprises import benchmarks
    from tanda.web.enterprises.models import EnteredLevel

    ref = benchmarks().get(product)
    if ref is not None:
        return ref.product_zh
    entered = EnteredLevel.objects.filter(product=product).order_by("-edition").values_list("product_zh", flat=True)
    return entered.first() or product


@register.filter
def level_name(level: str) -> str:
    return {"province": "省级", "city": "地级", "county": "县级"}.get(level, level)
