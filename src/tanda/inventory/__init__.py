"""Emissions accounting: energy activity × cited factor sets → CO2 inventories (no Django, no database).

Public surface:

- reading activity: `read_activity` (tidy CSV/xlsx, yearbook energy balance xlsx, CEADs matrix),
  `layout_of` (which of those a file is), `read_tidy`, `tidy_from_records`, `read_balance`, `read_ceads_matrix`;
- factor sets: `load_factor_set`, `available_sets`, `read_overrides`, `overrides_from_rows`, `Override`;
- computing: `compute` (one `Inventory` per region-year), `compute_batch` (arrays, for many);
- judging: `compare` (against a published inventory, explained per fuel) and
  `derive_indicators` (intensity, shares, per-capita — observations for storage);
- classifications: `resolve_fuel`, `resolve_sector`, `ceads_sectors`, `ceads_fuels`.
"""

from tanda.inventory.activity import Activity, layout_of, read_activity, read_tidy, tidy_from_records
from tanda.inventory.balance import read_balance
from tanda.inventory.compare import Comparison, compare
from tanda.inventory.compute import EnergyAccount, Inventory, InventoryBatch, compute, compute_batch
from tanda.inventory.errors import FactorError, InventoryInputError, RowError
from tanda.inventory.factors import (
    FactorSet,
    Override,
    available_sets,
    load_factor_set,
    overrides_from_rows,
    read_overrides,
)
from tanda.inventory.fuels import Fuel, ceads_fuels, resolve_fuel
from tanda.inventory.indicators import EconomicData, Observation, derive_indicators
from tanda.inventory.published import read_ceads_matrix
from tanda.inventory.sectors import Sector, ceads_sectors, resolve_sector

__all__ = [
    "Activity",
    "Comparison",
    "EconomicData",
    "EnergyAccount",
    "FactorError",
    "FactorSet",
    "Fuel",
    "Inventory",
    "InventoryBatch",
    "InventoryInputError",
    "Observation",
    "Override",
    "RowError",
    "Sector",
    "available_sets",
    "ceads_fuels",
    "ceads_sectors",
    "compare",
    "compute",
    "compute_batch",
    "derive_indicators",
    "layout_of",
    "load_factor_set",
    "overrides_from_rows",
    "read_activity",
    "read_balance",
    "read_ceads_matrix",
    "read_overrides",
    "read_tidy",
    "resolve_fuel",
    "resolve_sector",
    "tidy_from_records",
]
