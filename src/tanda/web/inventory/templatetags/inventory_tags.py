"""Number formats of the inventory pages: CO2 from integer kilograms, energy in tce, factors, shares."""

from __future__ import annotations

from typing import Any

from django import template

register = template.Library()


def _fmt(value: float | None, digits: int) -> str:
    if value is None:
        return "—"
    return f"{value:,.{digits}f}"


@register.filter
def wt(kg: int | None) -> str:
    """kg → 万吨 with two decimals (the unit of Chinese statistics)."""
    return "—" if kg is None else _fmt(kg / 1e7, 2)


@register.filter
def mt(kg: int | None) -> str:
    """kg → Mt with two decimals (CEADs' unit)."""
    return "—" if kg is None else _fmt(kg / 1e9, 2)


@register.filter
def tonnes(value: float | None) -> str:
    return _fmt(value, 0)


@register.filter
def qty(value: float | None, digits: int = 2) -> str:
    return _fmt(value, int(digits))


@register.filter
def tce_wan(tce: float | None) -> str:
    """tce → 万吨标准煤 with two decimals."""
    return "—" if tce is None else _fmt(tce / 1e4, 2)


@register.filter
def sig(value: float | None, digits: int = 4) -> str:
    """A factor with `digits` significant digits."""
    return "—" if value is None else f"{value:.{int(digits)}g}"


@register.filter
def pct(value: float | None, digits: int = 1) -> str:
    return "—" if value is None else f"{value:+.{int(digits)}f}%"


@register.filter
def share(value: float | None) -> str:
    return "—" if value is None else f"{round(value * 100) or 0:.0f}%"


@register.filter
def get(mapping: dict[str, Any] | None, key: str) -> Any:
    return (mapping or {}).get(key)


@register.filter
def per_unit(unit: str) -> str:
    """The canonical unit of a fuel as a factor is shown: m3 → 万m³ (factors are per 万m³)."""
    return "万m³" if unit == "m3" else unit


@register.filter
def factor_value(factor: dict[str, Any] | None) -> str:
    """t CO2 per t, or per 万m³ for gases (how Chinese tables print them)."""
    if not factor:
        return "—"
    scale = 1e4 if factor.get("unit") == "m3" else 1.0
    return f"{factor['ef'] * scale:.4g}"


@register.simple_tag
def may_import(user: Any) -> bool:
    from tanda.web.inventory.access import can_import

    return can_import(user)


@register.simple_tag
def home_region(user: Any) -> str | None:
    """The office user's region code (for the overrides link), None otherwise."""
    profile = getattr(user, "profile", None) if user.is_authenticated else None
    return profile.region_id if profile else None


@register.filter
def wan(value: float | None) -> str:
    """A count in units → in 万 (10⁴) units, two decimals: tonnes → 万吨."""
    return "—" if value is None else _fmt(value / 1e4, 2)
