"""A region's overrides → the domain's `Override`s, and the factor set they make with a reference set.

Overrides are checked by the domain (`overrides_from_rows`: known item, parameter, a unit that fits);
this module adds what needs the database: which overrides are active for a region, and a reference
to each one's history entry, so that an inventory records the exact version of every override it used.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from tanda.inventory import FactorError, FactorSet, InventoryInputError, Override, load_factor_set, overrides_from_rows
from tanda.web.inventory.models import FactorOverride


def check_entry(item: str, parameter: str, value: float, unit: str, note: str = "") -> tuple[Override | None, dict]:
    """(the domain override, {}) or (None, {field: message}) for one entry of the override form."""
    row = {"item": item, "parameter": parameter, "value": repr(value), "unit": unit, "note": note}
    try:
        (override,) = overrides_from_rows([row], source="form")
    except InventoryInputError as exc:
        return None, {e.column or "item": e.message for e in exc.errors}
    return override, {}


def active_overrides(region_code: str) -> list[FactorOverride]:
    return list(FactorOverride.objects.filter(region_id=region_code, active=True).order_by("target", "parameter"))


def domain_overrides(rows: Iterable[FactorOverride]) -> list[Override]:
    rows = list(rows)
    return overrides_from_rows([r.as_row() for r in rows], source="overrides") if rows else []


def references(rows: Iterable[FactorOverride]) -> list[dict[str, Any]]:
    """Which stored override (and which version of it) an inventory used."""
    out = []
    for r in rows:
        latest = r.history.order_by("-history_id").first()
        out.append(
            {
                "id": r.pk,
                "history_id": latest.history_id if latest else None,
                "item": r.item,
                "parameter": r.parameter,
                "value": r.value,
                "unit": r.unit,
                "note": r.note,
            }
        )
    return out


def factor_set_for(name: str, region_code: str | None, use_overrides: bool) -> tuple[FactorSet, list[FactorOverride]]:
    """The reference set `name`, with the region's active overrides on top when asked (FactorError if they don't fit).

    The reference set is `load_factor_set`'s frozen object; `with_overrides` returns a new one.
    """
    reference = load_factor_set(name)
    rows = active_overrides(region_code) if (use_overrides and region_code) else []
    if not rows:
        return reference, []
    try:
        return reference.with_overrides(domain_overrides(rows)), rows
    except (FactorError, KeyError) as exc:
        raise FactorError(f"{exc} (regional overrides of {region_code} with factor set {name})") from exc
