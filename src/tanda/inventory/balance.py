"""The yearbook's regional energy balance (地区能源平衡表, 实物量) → activity.

The balance is fuels across, flows down: supply rows (一次能源生产量, 外省调入量 …), transformation
rows (火力发电, 供热, 炼焦 …, inputs negative), and final consumption by sector (农、林、牧、渔业,
工业 with #用作原料、材料, 建筑业 … 居民生活). CO2 comes from fuel *burned*:

    burned = final consumption − non-energy use (用作原料、材料) + inputs to thermal power and heating

with thermal-power and heating inputs counted in the power sector, as CEADs (Shan et al. 2018)
and the provincial inventory guideline do. Other transformation (washing, coking, refining …)
turns fuel into fuel and is kept only for the energy total. Electricity and heat enter through
primary production (hydro, nuclear, wind, solar) and imports/exports (scope 2).

Units come from a unit row under the fuel names, from brackets in the header ("原煤(万吨)"), or
else the yearbook's own: 万吨, 亿立方米 (gases), 亿千瓦时, 万百万千焦, 万吨标准煤 (其他能源).
"""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path
from typing import Any

import pandas as pd

from tanda.inventory.activity import Activity, activity_frame, to_canonical
from tanda.inventory.errors import InventoryInputError, RowError
from tanda.inventory.fuels import Fuel, resolve_fuel
from tanda.inventory.names import normalize
from tanda.inventory.sectors import resolve_flow, resolve_sector, sector, suggest_sectors
from tanda.units import UnitError, parse_unit

__all__ = ["YEARBOOK_UNITS", "read_balance", "read_balance_grid", "read_balance_long"]

YEARBOOK_UNITS = {"mass": "万吨", "volume": "亿立方米", "kWh": "亿千瓦时", "GJ": "万百万千焦", "other": "万吨标准煤"}
_TOTAL_COLUMNS = {normalize(t) for t in ("合计", "总计", "能源合计", "能源消费总量", "total")}
_BLANK = {"", "-", "—", "–", "…", "--"}
_TITLE_YEAR = re.compile(r"(19|20)\d{2}")


def _default_unit(item: Fuel) -> str:
    if item.category == "other":
        return YEARBOOK_UNITS["other"]
    if item.kind == "energy":
        return YEARBOOK_UNITS[item.unit]
    return YEARBOOK_UNITS[item.kind]


def _cell_text(value: Any) -> str:
    return "" if value is None else str(value).strip()


def _header_fuel(text: str) -> tuple[Fuel | None, str]:
    """A header cell such as "原煤(万吨)" → (fuel, unit text)."""
    match = re.match(r"^(.*?)[(（]([^()（）]*)[)）]\s*$", text)
    name, unit = (match.group(1), match.group(2)) if match else (text, "")
    return resolve_fuel(name.strip()), unit.strip()


def _find_header(grid: list[list[Any]]) -> int | None:
    for i, row in enumerate(grid[:30]):
        hits = sum(1 for cell in row if _cell_text(cell) and _header_fuel(_cell_text(cell))[0] is not None)
        if hits >= 3:
            return i
    return None


def _title_region_year(grid: list[list[Any]], header: int) -> tuple[str | None, int | None]:
    for row in grid[:header]:
        for cell in row:
            text = _cell_text(cell)
            if "平衡表" not in text and "balance" not in text.lower():
                continue
            year_match = _TITLE_YEAR.search(text)
            year = int(year_match.group(0)) if year_match else None
            region = re.split(r"能源平衡表|energy balance", text, flags=re.IGNORECASE)[0]
            region = _TITLE_YEAR.sub("", region).replace("年", "").strip(" ：:()（）")
            return (region or None), year
    return None, None


def _number(value: Any) -> float | str | None:
    """float, None for a blank, or the text itself when it is not a number."""
    if value is None:
        return None
    if isinstance(value, int | float):
        return float(value)
    text = str(value).strip().replace(",", "")
    if text in _BLANK:
        return None
    try:
        return float(text)
    except ValueError:
        return text


def read_balance(
    path: str | Path, *, region: str | None = None, year: int | None = None, sheet: str | int | None = None
) -> Activity:
    """Read a regional energy balance in physical units from an xlsx sheet."""
    from openpyxl import load_workbook

    path = Path(path)
    workbook = load_workbook(path, read_only=True, data_only=True)
    try:
        ws = workbook[sheet] if isinstance(sheet, str) else workbook.worksheets[sheet or 0]
        grid = [list(row) for row in ws.iter_rows(values_only=True)]
    finally:
        workbook.close()
    return read_balance_grid(grid, source=path.name, region=region, year=year)


def read_balance_grid(
    grid: list[list[Any]], *, source: str, region: str | None = None, year: int | None = None
) -> Activity:
    """Read a balance given as rows of cells (row 0 is spreadsheet row 1)."""
    errors: list[RowError] = []
    header = _find_header(grid)
    if header is None:
        raise InventoryInputError(
            source,
            [RowError(None, None, "no header row naming fuels (原煤, 焦炭, 原油, 天然气 …) in the first 30 rows")],
        )
    title_region, title_year = _title_region_year(grid, header)
    region = region or title_region
    year = year or title_year
    if not region or not year:
        raise InventoryInputError(
            source,
            [
                RowError(
                    None,
                    None,
                    "region and year not found in the title (e.g. '吉林省能源平衡表(实物量) 2011'); "
                    "give them explicitly",
                )
            ],
        )

    head = grid[header]
    fuels: dict[int, tuple[Fuel, str]] = {}
    for col, cell in enumerate(head):
        text = _cell_text(cell)
        if not text or col == 0:
            continue
        item, unit = _header_fuel(text)
        if item is None:
            if normalize(text) not in _TOTAL_COLUMNS:
                errors.append(
                    RowError(
                        header + 1,
                        text,
                        "not a fuel tanda knows; expected a yearbook fuel column such as 原煤 or 焦炉煤气",
                    )
                )
            continue
        if not (item.combustible or item.category in {"electricity", "heat", "other"}):
            errors.append(RowError(header + 1, text, f"{item.name_zh} is not a column of an energy balance"))
            continue
        fuels[col] = (item, unit)

    first_data = header + 1
    if first_data < len(grid):
        unit_row = grid[first_data]
        unit_cells = {col: _cell_text(unit_row[col]) if col < len(unit_row) else "" for col in fuels}
        parsed = 0
        for text in unit_cells.values():
            try:
                if text:
                    parse_unit(text)
                    parsed += 1
            except UnitError:
                pass
        if parsed and parsed >= len([t for t in unit_cells.values() if t]):
            for col, text in unit_cells.items():
                if text and not fuels[col][1]:
                    fuels[col] = (fuels[col][0], text)
            first_data += 1

    scale: dict[int, float] = {}
    for col, (item, unit) in fuels.items():
        unit = unit or _default_unit(item)
        try:
            scale[col] = to_canonical(item, 1.0, unit)
        except UnitError as exc:
            errors.append(RowError(header + 1, _cell_text(head[col]), str(exc)))

    # Read every labelled row into (role, target, row number) → {fuel: quantity}.
    parts: list[tuple[str, str, int, dict[str, float]]] = []
    for r in range(first_data, len(grid)):
        row = grid[r]
        label = _cell_text(row[0]) if row else ""
        if not label or label.startswith(("注", "note", "Note", "资料来源", "Source")):
            continue
        flow = resolve_flow(label)
        sec = resolve_sector(label) if flow is None else None
        if flow is None and sec is None:
            hint = suggest_sectors(label)
            errors.append(
                RowError(
                    r + 1,
                    _cell_text(head[0]) or "A",
                    f"{label!r} is not a balance row tanda knows"
                    + (f"; did you mean {' / '.join(hint)}?" if hint else ""),
                )
            )
            continue
        values: dict[str, float] = {}
        for col, (item, _) in fuels.items():
            value = _number(row[col] if col < len(row) else None)
            if isinstance(value, str):
                errors.append(RowError(r + 1, _cell_text(head[col]), f"{value!r} is not a number"))
                continue
            if value is None or col not in scale:
                continue
            values[item.id] = values.get(item.id, 0.0) + value * scale[col]
        if flow is not None:
            parts.append((flow.role, flow.target, r + 1, values))
        else:
            parts.append(("final", sec.id, r + 1, values))
    if errors:
        raise InventoryInputError(source, errors)

    rows, errors = _activity_rows(parts, region, int(year), source)
    if errors:
        raise InventoryInputError(source, errors)
    return Activity(activity_frame(rows))


def read_balance_long(table: pd.DataFrame, *, source: str = "balance") -> Activity:
    """A balance kept long — columns region, year, flow (the balance row), fuel, quantity, unit — as databases
    and databooks export it. Each region-year is laid out as the yearbook table and read as one."""
    needed = ["region", "year", "flow", "fuel", "quantity", "unit"]
    missing = [c for c in needed if c not in table.columns]
    if missing:
        raise InventoryInputError(source, [RowError(1, None, f"missing column(s) {', '.join(missing)}")])
    errors: list[RowError] = []
    parts: list[Activity] = []
    for (region, year), group in table.groupby(["region", "year"], sort=True):
        units = group.groupby("fuel")["unit"].unique()
        for fuel_name, fuel_units in units.items():
            if len(fuel_units) > 1:
                errors.append(
                    RowError(
                        None, "unit", f"{region} {year} {fuel_name}: several units {list(fuel_units)}; one per fuel"
                    )
                )
        if errors:
            continue
        fuels = list(dict.fromkeys(group["fuel"]))
        flows = list(dict.fromkeys(group["flow"]))
        head: list[Any] = ["", *(f"{f}({units[f][0]})" for f in fuels)]
        cells = {(r.flow, r.fuel): r.quantity for r in group.itertuples(index=False)}
        grid = [head] + [[flow, *(cells.get((flow, f)) for f in fuels)] for flow in flows]
        parts.append(read_balance_grid(grid, source=f"{source} {region} {year}", region=str(region), year=int(year)))
    if errors:
        raise InventoryInputError(source, errors)
    return parts[0].combine(*parts[1:]) if parts else Activity.empty()


def _activity_rows(
    parts: list[tuple[str, str, int, dict[str, float]]], region: str, year: int, source: str
) -> tuple[list[dict[str, Any]], list[RowError]]:
    from tanda.inventory.fuels import fuel

    totals: dict[tuple[str, str, str], float] = defaultdict(float)
    first_row: dict[tuple[str, str, str], int] = {}
    errors: list[RowError] = []

    def add(flow: str, sector_id: str, fuel_id: str, quantity: float, row: int) -> None:
        key = (flow, sector_id, fuel_id)
        totals[key] += quantity
        first_row.setdefault(key, row)

    has_split = {
        fuel_id
        for role, target, _, values in parts
        if role == "final" and target in {"urban", "rural"}
        for fuel_id in values
    }
    for role, target, row, values in parts:
        for fuel_id, q in values.items():
            item = fuel(fuel_id)
            secondary = item.category in {"electricity", "heat"}
            if role == "final":
                if q < 0:
                    errors.append(RowError(row, item.name_zh, f"{q:g} is negative; final consumption is ≥ 0"))
                elif target == "households" and fuel_id in has_split:
                    continue  # 居民生活 is the total of 城镇 and 乡村, which are given
                else:
                    add("consumption" if secondary else "combustion", target, fuel_id, q, row)
            elif role == "non_energy" and not secondary:
                add("non_energy", "industry", fuel_id, abs(q), row)
            elif role == "combustion" and not secondary:
                if q <= 0:
                    add("combustion", target, fuel_id, -q, row)
                else:
                    add("transformation", "", fuel_id, -q, row)
            elif role == "transformation" and not secondary:
                add("transformation", "", fuel_id, -q, row)
            elif role == "loss" and not secondary:
                add("loss", "", fuel_id, abs(q), row)
            elif role == "production" and fuel_id == "electricity":
                add("production", "", "primary_electricity", q, row)
            elif role in {"import", "export"} and secondary:
                add(role, "", fuel_id, abs(q), row)
            elif role == "net_import" and secondary:
                add("net_import", "", fuel_id, q, row)

    # Non-energy use is part of industry's final consumption: burned = industry − non-energy.
    for (flow, _, fuel_id), q in list(totals.items()):
        if flow != "non_energy" or q == 0:
            continue
        key = ("combustion", "industry", fuel_id)
        if key not in totals:
            errors.append(
                RowError(
                    first_row[(flow, "industry", fuel_id)],
                    fuel(fuel_id).name_zh,
                    "non-energy use (用作原料、材料) without an 工业 row to take it from",
                )
            )
            continue
        if q > totals[key] * (1 + 1e-9) + 1e-9:
            errors.append(
                RowError(
                    first_row[(flow, "industry", fuel_id)],
                    fuel(fuel_id).name_zh,
                    f"non-energy use {q:g} exceeds industrial consumption {totals[key]:g}",
                )
            )
            continue
        totals[key] = max(totals[key] - q, 0.0)

    rows = [
        {
            "region": region,
            "year": year,
            "flow": flow,
            "sector": sector_id,
            "fuel": fuel_id,
            "quantity": q,
            "row": first_row[(flow, sector_id, fuel_id)],
            "source": source,
        }
        for (flow, sector_id, fuel_id), q in totals.items()
        if q != 0
    ]
    for r in rows:
        if r["sector"]:
            sector(r["sector"])  # every target is a catalogued sector
    return rows, errors
