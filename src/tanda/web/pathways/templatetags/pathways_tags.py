"""Number formats of the pathways pages: shares as %, signed margins, Mt with one decimal."""

from __future__ import annotations

from django import template

register = template.Library()


@register.filter
def pct(value: float | None, digits: int = 0) -> str:
    """0.431 → '43 %' (a probability or share given as a fraction)."""
    if value is None:
        return "—"
    return f"{value * 100:.{int(digits)}f} %"


@register.filter
def signed(value: float | None, digits: int = 2) -> str:
    """+1.00 / −7.32 with a real minus sign; '—' for none."""
    if value is None:
        return "—"
    text = f"{value:+.{int(digits)}f}"
    return text.replace("-", "−")


@register.filter
def fixed(value: float | None, digits: int = 1) -> str:
    """A number with a fixed number of decimals, never localised (for tables and inputs)."""
    if value is None:
        return "—"
    return f"{value:.{int(digits)}f}"


@register.filter
def plain(value: float | None) -> str:
    """A number for an <input value>: shortest form, '' for none."""
    if value is None or value == "":
        return ""
    try:
        return f"{float(value):g}"
    except (TypeError, ValueError):
        return ""


@register.filter
def target_value(value: float | None, indicator: str) -> str:
    """A target's value or projection as the indicator reads: a year, a share/change in %, or an amount."""
    if value is None:
        return "—"
    if indicator == "peak_year":
        return f"{value:.0f}"
    if indicator in ("non_fossil_share", "coal_share", "co2_intensity_change", "energy_intensity_change"):
        return f"{value:.1f} %"
    return f"{value:,.1f}"
