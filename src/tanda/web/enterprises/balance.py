"""The roll-up of units against the energy balances the inventory app has stored for the same year.

A region's balance says how much of each fuel the region used in total; what its registered units
report cannot be more. Balances come in through `/inventory/` (a yearbook balance or a tidy
activity file, computed into an inventory that keeps its activity rows); wherever one exists for a
region and year that units report in, the roll-up page shows the comparison, fuel by fuel.
"""

from __future__ import annotations

from dataclasses import dataclass

from tanda.enterprises import check_against_balance, fuel_totals_by_region
from tanda.enterprises.rollup import BalanceCheck
from tanda.inventory.fuels import fuel
from tanda.regions import codes_within
from tanda.web.enterprises.frames import submissions_frame
from tanda.web.enterprises.models import Enterprise
from tanda.web.inventory.models import Inventory
from tanda.web.inventory.records import activity_from_rows

__all__ = ["BalanceRow", "balance_rows"]


@dataclass(frozen=True)
class BalanceRow:
    check: BalanceCheck
    region_name: str
    fuel_name: str
    unit: str
    inventory: Inventory  # whose activity is the balance


def balance_rows(year: int, region: str = "") -> tuple[list[BalanceRow], list[Inventory]]:
    """Checks of the year against the newest computed inventory of each region (within `region`).

    Returns the rows and the inventories read; both empty when no balance of the year is stored.
    """
    stored = (
        Inventory.objects.filter(year=year, kind=Inventory.Kind.COMPUTED)
        .select_related("region")
        .only("pk", "region__code", "region__name", "year", "activity", "created", "source_name")
        .order_by("region_id", "-created")
    )
    if region:
        stored = stored.filter(region_id__in=codes_within(region))
    newest: dict[str, Inventory] = {}
    for inventory in stored:
        newest.setdefault(inventory.region_id, inventory)
    if not newest:
        return [], []
    keys = {u.pk: (u.region_id, u.industry) for u in Enterprise.objects.only("pk", "region_id", "industry")}
    totals = fuel_totals_by_region(submissions_frame(None, [year]), keys)
    rows = []
    for code, inventory in newest.items():
        activity = activity_from_rows(inventory.activity, code, year)
        for check in check_against_balance(totals[totals["region"] == code], activity):
            carrier = fuel(check.fuel)
            rows.append(BalanceRow(check, inventory.region.name, carrier.name_zh, carrier.unit, inventory))
    return rows, list(newest.values())
