"""Write an inventory's derived indicators to the indicators app, through its own check-and-store functions.

The indicators app keeps one value per indicator, region and period. A region may hold several
inventories of a year (CEADs' published one, one computed with the guideline set …), so writing is
an explicit choice of the office, with a preview of what will be new, changed or left alone:

- `fill` writes what is not stored yet and updates values this inventory wrote before; values from
  any other source stay as they are (e.g. energy indicators of a computed inventory next to the
  CO2 series published by CEADs);
- `replace` also overwrites values from other sources (the change is kept in the value's history).

Changes since 2005 and 2020 have no catalogue indicator: the indicators app derives reductions from
the `co2_intensity` series itself, so they stay on the inventory page only.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Literal

from tanda.indicators import load_catalogue
from tanda.web.indicators.models import Observation
from tanda.web.indicators.store import CheckResult, check_rows, save_rows
from tanda.web.inventory.models import Inventory

# derive_indicators' code → the indicators catalogue's code
CATALOGUE_CODES = {
    "co2_energy": "co2_emissions",
    "co2_per_gdp": "co2_intensity",
    "co2_per_capita": "co2_per_capita",
    "energy_per_gdp": "energy_intensity",
    "non_fossil_share": "non_fossil_share",
    "coal_share": "coal_share",
}
Mode = Literal["fill", "replace"]


@dataclass
class PublishPlan:
    result: CheckResult
    skipped: list[dict[str, Any]] = field(default_factory=list)  # rows left alone in `fill` mode
    source: str = ""

    @property
    def ok(self) -> bool:
        return self.result.ok


def catalogue_name(code: str) -> str:
    """The Chinese name of a derived indicator, from the catalogue when it has one."""
    target = CATALOGUE_CODES.get(code)
    ind = load_catalogue().get(target) if target else None
    return ind.name_zh if ind else code


def rows_of(inventory: Inventory, codes: Iterable[str] | None = None) -> list[dict[str, Any]]:
    """Observation rows of the inventory's derived indicators (only `codes`, catalogue codes, when given)."""
    wanted = set(codes) if codes is not None else set(CATALOGUE_CODES.values())
    return [
        {
            "indicator": CATALOGUE_CODES[d["code"]],
            "region": inventory.region_id,
            "year": inventory.year,
            "value": d["value"],
            "unit": d["unit"],
            "source": inventory.observation_source,
            "status": "reported",
        }
        for d in inventory.indicators
        if d["code"] in CATALOGUE_CODES and d["value"] is not None and CATALOGUE_CODES[d["code"]] in wanted
    ]


def plan(
    inventories: Iterable[Inventory], *, user: Any, mode: Mode = "fill", codes: Iterable[str] | None = None
) -> PublishPlan:
    """What writing these inventories' indicators would do (nothing is stored)."""
    codes = None if codes is None else list(codes)
    rows = [r for inv in inventories for r in rows_of(inv, codes)]
    result = check_rows(rows, user=user, replace=True)
    skipped = []
    if mode == "fill":
        keep = []
        for row in result.rows:
            old = row.old
            if row.action == "change" and old is not None and old.source != row.obs.source:
                skipped.append({"indicator": row.obs.indicator, "year": row.obs.year, "stored": old})
                continue
            keep.append(row)
        result.rows = keep
    return PublishPlan(result=result, skipped=skipped)


def publish(
    inventories: Iterable[Inventory],
    *,
    user: Any,
    mode: Mode = "fill",
    reason: str = "",
    codes: Iterable[str] | None = None,
) -> tuple[dict[str, int], PublishPlan]:
    """Store the planned rows (all or nothing, through the indicators app's `save_rows`)."""
    planned = plan(inventories, user=user, mode=mode, codes=codes)
    counts = save_rows(planned.result, user=user, reason=reason or "derived from an emission inventory")
    return counts, planned


def published_codes(inventory: Inventory) -> dict[str, Observation]:
    """Catalogue code → the stored observation this inventory wrote, for the page's 'in the indicators' column."""
    found = Observation.objects.filter(
        region_id=inventory.region_id, year=inventory.year, source=inventory.observation_source
    )
    return {o.indicator: o for o in found}
