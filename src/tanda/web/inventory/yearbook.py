"""Jilin's packaged energy balance written out in the yearbook's layout (.xlsx), for the demo and as an example.

The packaged file (`data/jilin_energy_balance_2006p_2010_2011_Mtce.csv`, a verbatim copy of the
project's reference data) is the LBL China Energy Databook's long table of Jilin's balance. The
statistics bureau, though, holds the balance as the yearbook prints it: 地区能源平衡表(实物量), fuels
across, rows down, Chinese labels, a unit row. This module writes that sheet from the packaged
numbers — labels and fuel names from the domain's catalogues, values unchanged — so that the demo
imports the balance the way an office user would, through the yearbook reader.
"""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from importlib import resources

import pandas as pd

from tanda.data.factors.derive_ceads_style import databook_long
from tanda.inventory.fuels import all_fuels, resolve_fuel
from tanda.inventory.sectors import resolve_flow, resolve_sector

BALANCE_FILE = "data/jilin_energy_balance_2006p_2010_2011_Mtce.csv"
REGION_NAME = "吉林省"
# The yearbook's row order: supply, transformation, losses, final consumption by sector.
ROW_ORDER = [
    "production",
    "import_domestic",
    "import_foreign",
    "export_domestic",
    "export_foreign",
    "stock_change",
    "supply_total",
    "transformation_total",
    "thermal_power",
    "heating",
    "coal_washing",
    "coking",
    "refining",
    "gas_making",
    "coal_products",
    "recovery",
    "losses",
    "final_total",
    "farming",
    "industry",
    "non_energy",
    "construction",
    "transport",
    "wholesale",
    "others",
    "households",
    "urban",
    "rural",
]


def packaged_balance() -> pd.DataFrame:
    text = resources.files("tanda.web.inventory").joinpath(BALANCE_FILE).read_text(encoding="utf-8")
    return pd.read_csv(io.StringIO(text))


def balance_years() -> list[int]:
    table = packaged_balance()
    years = table.loc[table["value_physical"].notna(), "year"].unique()
    return sorted(int(y) for y in years if int(y) in (2010, 2011))  # 2006 is partial


def _label(flow_text: str) -> tuple[str, str]:
    """(row id for ordering, Chinese label) of a databook row label."""
    sector = resolve_sector(flow_text)
    if sector is not None:
        return sector.id, sector.name_zh
    flow = resolve_flow(flow_text)
    if flow is None:
        raise ValueError(f"databook row {flow_text!r} is not a balance row the catalogue knows")
    label = "#用作原料、材料" if flow.id == "non_energy" else flow.name_zh
    return flow.id, label


def balance_grid(year: int) -> list[list[object]]:
    """The sheet's rows: title, blank, fuel header, unit row, then one row per balance item."""
    long = databook_long(packaged_balance().query("year == @year"))
    if long.empty:
        raise ValueError(f"no balance for {year}")
    fuels = all_fuels()
    order = {fid: i for i, fid in enumerate(fuels)}
    columns: dict[str, str] = {}
    for name, unit in long[["fuel", "unit"]].drop_duplicates().itertuples(index=False):
        columns[resolve_fuel(name).id] = unit
    fuel_ids = sorted(columns, key=order.__getitem__)
    values: dict[str, dict[str, float]] = defaultdict(dict)
    labels: dict[str, str] = {}
    for r in long.itertuples(index=False):
        row_id, label = _label(r.flow)
        labels[row_id] = label
        fid = resolve_fuel(r.fuel).id
        values[row_id][fid] = values[row_id].get(fid, 0.0) + float(r.quantity)
    rank = {k: i for i, k in enumerate(ROW_ORDER)}
    grid: list[list[object]] = [
        [f"{REGION_NAME}能源平衡表(实物量) {year}"],
        [],
        ["项目", *(fuels[f].name_zh for f in fuel_ids)],
        ["", *(columns[f] for f in fuel_ids)],
    ]
    for row_id in sorted(values, key=lambda k: rank.get(k, len(rank))):
        grid.append([labels[row_id], *(values[row_id].get(f) for f in fuel_ids)])
    return grid


def balance_xlsx(year: int) -> bytes:
    """The yearbook-layout workbook of Jilin's balance for `year` (2010 or 2011)."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = f"{year}"
    for row in balance_grid(year):
        ws.append(row)
    ws.column_dimensions["A"].width = 28
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def cement_csv(years: list[int]) -> bytes:
    """Jilin's cement output (10⁴ t) for `years` as a tidy file, from the packaged indicators table."""
    text = resources.files("tanda.data.ceads").joinpath("jilin_indicators_1998_2019.csv").read_text(encoding="utf-8")
    rows = {int(r["year"]): r for r in csv.DictReader(text.splitlines())}
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["region", "year", "sector", "fuel", "quantity", "unit"])
    for y in years:
        writer.writerow([REGION_NAME, y, "", "水泥", rows[y]["cement_output_1e4t"], "万吨"])
    return out.getvalue().encode("utf-8")
