"""Published inventories entered as emissions: the CEADs sectoral matrices.

CEADs publishes CO2 (Mt) as a 47-sector × 17-fuel matrix plus process emissions, with a total row
("Total Consumption", "TotalEmissions" from 2018) and a "Scope 1 Total" column. Read as activity
with flow `emission`, it becomes an `Inventory` like any computed one, so comparisons treat both
alike. The reader checks the published arithmetic (sectors sum to the total row, fuels and process
to Scope 1) and refuses a matrix that does not add up.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from tanda.inventory.activity import Activity, activity_frame
from tanda.inventory.errors import InventoryInputError, RowError
from tanda.inventory.fuels import ceads_fuels
from tanda.inventory.sectors import resolve_sector

__all__ = ["CEADS_TOTAL_ROWS", "ceads_totals", "is_ceads_matrix", "read_ceads_matrix"]

CEADS_TOTAL_ROWS = ("Total Consumption", "TotalEmissions")
_SCOPE1 = "Scope 1 Total"
_NOT_SCOPE1 = ("Scope 2 Heat", "Scope 2 Electricity", "Other Energy")
# Published figures carry ~15 significant digits; their sums agree to far better than a tonne (Mt).
_TOLERANCE_MT = 1e-6


def is_ceads_matrix(table: pd.DataFrame) -> bool:
    columns = set(map(str, table.columns))
    return {"sector", "Raw Coal", _SCOPE1}.issubset(columns) and ("province" in columns or "city" in columns)


def _numbers(table: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    return table[columns].apply(pd.to_numeric, errors="coerce")


def read_ceads_matrix(
    table: pd.DataFrame, *, source: str = "CEADs", region: str | None = None, year: int | None = None
) -> Activity:
    """CEADs matrix rows (Mt CO2) → emission activity in t CO2, one region-year per (province, year)."""
    place = "province" if "province" in table.columns else "city"
    table = table.copy()
    table["year"] = pd.to_numeric(table["year"], errors="coerce")
    if region is not None:
        table = table[table[place] == region]
    if year is not None:
        table = table[table["year"] == int(year)]
    if table.empty:
        raise InventoryInputError(
            source, [RowError(None, None, f"no rows for {region or 'any region'} {year or ''}".strip())]
        )
    fuels = ceads_fuels()
    fuel_columns = [c for c in fuels if c in table.columns]
    numbers = _numbers(table, [*fuel_columns, _SCOPE1])
    errors: list[RowError] = []
    rows: list[dict[str, Any]] = []
    # plain arrays: a matrix is ~50 rows × 17 fuels per province-year, and pandas indexing per cell is slow
    cells = numbers[fuel_columns].to_numpy(dtype=float)
    written = table[fuel_columns].to_numpy(dtype=object)
    labels = [str(v).strip() for v in table["sector"].tolist()]
    places = table[place].tolist()
    years = table["year"].tolist()
    for k, index in enumerate(table.index):
        n = int(index) + 2
        label = labels[k]
        if label in CEADS_TOTAL_ROWS:
            continue
        sec = resolve_sector(label)
        if sec is None:
            errors.append(RowError(n, "sector", f"{label!r} is not one of CEADs' 47 sectors"))
            continue
        for j, column in enumerate(fuel_columns):
            value = cells[k, j]
            if pd.isna(value):
                errors.append(RowError(n, column, f"{written[k, j]!r} is not a number"))
            elif value < 0:
                errors.append(RowError(n, column, f"{value:g} is negative"))
            elif value:
                rows.append(
                    {
                        "region": str(places[k]),
                        "year": int(years[k]),
                        "flow": "emission",
                        "sector": sec.id,
                        "fuel": fuels[column],
                        "quantity": float(value) * 1e6,
                        "row": n,
                        "source": source,
                    }
                )
    errors.extend(_check_sums(table, numbers, fuel_columns, place))
    if errors:
        raise InventoryInputError(source, errors)
    return Activity(activity_frame(rows))


def _check_sums(table: pd.DataFrame, numbers: pd.DataFrame, fuel_columns: list[str], place: str) -> list[RowError]:
    errors = []
    is_total = table["sector"].isin(CEADS_TOTAL_ROWS)
    # every row: its fuels and process add up to its Scope 1 Total (one vectorised pass, in row order)
    scope1 = numbers[fuel_columns].sum(axis=1)
    off = (scope1 - numbers[_SCOPE1]).abs() > _TOLERANCE_MT
    for index in numbers.index[off.to_numpy()]:
        errors.append(
            RowError(
                int(index) + 2,
                _SCOPE1,
                f"{numbers.at[index, _SCOPE1]:.6f} ≠ sum of fuels and process {scope1.at[index]:.6f}",
            )
        )
    for (name, year), group in numbers.groupby([table[place], table["year"]]):
        mask = is_total.loc[group.index]
        total_rows = group[mask]
        sectors = group[~mask]
        if len(total_rows) == 1:
            total = total_rows.iloc[0]
            sums = sectors[[*fuel_columns, _SCOPE1]].sum()
            for column in [*fuel_columns, _SCOPE1]:
                if abs(sums[column] - total[column]) > _TOLERANCE_MT:
                    errors.append(
                        RowError(
                            int(total_rows.index[0]) + 2,
                            column,
                            f"{name} {int(year)}: total {total[column]:.6f} ≠ sum of sectors {sums[column]:.6f}",
                        )
                    )
    return errors


def ceads_totals(table: pd.DataFrame, region: str, year: int) -> dict[str, float]:
    """The published total row of one province-year in Mt: each fuel, 'Process' and 'Scope 1 Total'."""
    place = "province" if "province" in table.columns else "city"
    rows = table[
        (table[place] == region) & (pd.to_numeric(table["year"]) == year) & table["sector"].isin(CEADS_TOTAL_ROWS)
    ]
    if len(rows) != 1:
        raise KeyError(f"no CEADs total row for {region} {year}")
    row = rows.iloc[0]
    return {c: float(row[c]) for c in [*ceads_fuels(), _SCOPE1] if c in row.index}
