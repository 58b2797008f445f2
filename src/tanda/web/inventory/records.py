"""A domain `Inventory` and its activity as JSON, and back, exactly.

The database keeps what an inventory *was* when it was computed — cells in integer kilograms, the
energy account, the factor set's description and the factors actually used — so pages, the API and
the Excel export show the stored result, never a recomputation with factor files that may have
changed since. The activity rows are kept too, so the same data can be computed again with
another factor set (a new inventory; the stored one is never rewritten).

JSON has no NaN (PostgreSQL's jsonb refuses it): a missing coefficient is stored as null.
"""

from __future__ import annotations

import hashlib
import json
import math
from typing import Any

import numpy as np
import pandas as pd

from tanda.inventory import Activity, FactorSet, Inventory
from tanda.inventory.activity import COLUMNS, activity_frame
from tanda.inventory.compute import EnergyAccount
from tanda.inventory.fuels import all_fuels

RECORD_VERSION = 1


def _num(value: float | None) -> float | None:
    return None if value is None or (isinstance(value, float) and math.isnan(value)) else float(value)


def _nan(value: float | None) -> float:
    return math.nan if value is None else float(value)


def factors_used(inv: Inventory, factors: FactorSet) -> dict[str, dict[str, Any]]:
    """The factor of every fuel and process item that produced CO2 in `inv`, with where it came from."""
    fuels = all_fuels()
    overridden = {o.item for o in factors.overrides}
    used: dict[str, dict[str, Any]] = {}
    if inv.entered:
        return used
    for fuel_id in inv.fuels:
        item = fuels[fuel_id]
        f = factors.combustion.get(fuel_id)
        if f is None or not item.combustible:
            continue
        used[fuel_id] = {
            "ef": f.ef,
            "unit": item.unit,
            "ncv": f.ncv,
            "co2_per_gj": f.co2_per_gj,
            "carbon": f.carbon,
            "oxidation": f.oxidation,
            "basis": f.basis,
            "overridden": fuel_id in overridden,
        }
    for _, item_id in inv.process_kg:
        if item_id in factors.process:
            used[item_id] = {
                "ef": factors.process[item_id],
                "unit": "t",
                "basis": "process factor",
                "overridden": item_id in overridden,
            }
    return used


def to_record(inv: Inventory, factors: FactorSet) -> dict[str, Any]:
    e = inv.energy
    return {
        "version": RECORD_VERSION,
        "region": inv.region,
        "year": inv.year,
        "factor_set": inv.factor_set,
        "sectors": list(inv.sectors),
        "fuels": list(inv.fuels),
        "cells_kg": [[int(v) for v in row] for row in inv.cells_kg],
        "process_kg": [[s, item, int(kg)] for (s, item), kg in sorted(inv.process_kg.items())],
        "scope2_electricity_kg": inv.scope2_electricity_kg,
        "scope2_heat_kg": inv.scope2_heat_kg,
        "sinks_kg": int(inv.sinks_kg),
        "energy": {
            "fossil_tce": {k: float(v) for k, v in e.fossil_tce.items()},
            "primary_electricity_kwh": e.primary_electricity_kwh,
            "net_import_electricity_kwh": e.net_import_electricity_kwh,
            "net_import_heat_gj": e.net_import_heat_gj,
            "equivalent_tce_per_kwh": _num(e.equivalent_tce_per_kwh),
            "coal_substitution_tce_per_kwh": _num(e.coal_substitution_tce_per_kwh),
            "heat_tce_per_gj": _num(e.heat_tce_per_gj),
        },
        "burned": {k: float(v) for k, v in inv.burned.items()},
        "grid": inv.grid,
        "warnings": list(inv.warnings),
        "entered": inv.entered,
        "factors_used": factors_used(inv, factors),
    }


def from_record(record: dict[str, Any]) -> Inventory:
    e = record["energy"]
    cells = np.array(record["cells_kg"], dtype=np.int64).reshape(len(record["sectors"]), len(record["fuels"]))
    return Inventory(
        region=record["region"],
        year=int(record["year"]),
        factor_set=record["factor_set"],
        sectors=tuple(record["sectors"]),
        fuels=tuple(record["fuels"]),
        cells_kg=cells,
        process_kg={(s, item): int(kg) for s, item, kg in record["process_kg"]},
        scope2_electricity_kg=record["scope2_electricity_kg"],
        scope2_heat_kg=record["scope2_heat_kg"],
        sinks_kg=int(record["sinks_kg"]),
        energy=EnergyAccount(
            fossil_tce=dict(e["fossil_tce"]),
            primary_electricity_kwh=e["primary_electricity_kwh"],
            net_import_electricity_kwh=e["net_import_electricity_kwh"],
            net_import_heat_gj=e["net_import_heat_gj"],
            equivalent_tce_per_kwh=_nan(e["equivalent_tce_per_kwh"]),
            coal_substitution_tce_per_kwh=e["coal_substitution_tce_per_kwh"],
            heat_tce_per_gj=_nan(e["heat_tce_per_gj"]),
        ),
        burned=dict(record["burned"]),
        grid=record["grid"],
        warnings=tuple(record["warnings"]),
        entered=bool(record["entered"]),
    )


_ACTIVITY_FIELDS = ["flow", "sector", "fuel", "quantity", "row", "source"]


def activity_rows_by_year(activity: Activity) -> dict[int, list[list[Any]]]:
    """The rows of each year as lists (flow, sector, fuel, quantity in the canonical unit, row, source), in file order.

    One pass over plain Python values: a pandas selection per year costs more than the whole rest of a save.
    """
    frame = activity.frame
    columns = [frame[c].tolist() for c in ["year", *_ACTIVITY_FIELDS]]
    out: dict[int, list[list[Any]]] = {}
    for year, f, s, fu, q, r, src in zip(*columns, strict=True):
        out.setdefault(int(year), []).append([str(f), str(s), str(fu), float(q), int(r), str(src)])
    for rows in out.values():
        rows.sort(key=lambda x: (x[5], x[4], x[0], x[1], x[2]))
    return out


def activity_rows(activity: Activity) -> list[list[Any]]:
    """The rows of one region-year (see `activity_rows_by_year`)."""
    return [row for rows in activity_rows_by_year(activity).values() for row in rows]


def activity_from_rows(rows: list[list[Any]], region: str, year: int) -> Activity:
    records = [dict(zip(_ACTIVITY_FIELDS, r, strict=True)) | {"region": region, "year": year} for r in rows]
    if not records:
        return Activity(pd.DataFrame({c: pd.Series(dtype=object) for c in COLUMNS}))
    return Activity(activity_frame(records))


def activity_digest(rows: list[list[Any]]) -> str:
    """The content of an activity, independent of file formatting: the same numbers give the same digest."""
    content = sorted((f, s, fu, round(q, 6)) for f, s, fu, q, _, _ in rows)
    return hashlib.sha256(json.dumps(content, ensure_ascii=False).encode()).hexdigest()
