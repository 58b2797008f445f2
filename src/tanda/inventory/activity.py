"""Activity data: what a region burned, produced, imported and absorbed, validated before use.

Every reader (tidy CSV/xlsx, the yearbook's regional energy balance, a CEADs emission matrix)
produces the same `Activity`: one row per (region, year, flow, sector, fuel) with the quantity in
the fuel's canonical unit (t, m³, kWh, GJ; t CO2 for emissions entered as such). The *flow* says
how a row enters the inventory:

- combustion: fuel burned in a sector (scope 1 CO2 and energy)
- non_energy: fuel used as feedstock (energy, no CO2)
- transformation, loss: other transformation (signed, input positive) and losses (energy only)
- production: primary electricity (hydro, nuclear, wind, solar)
- import, export, net_import: electricity and heat crossing the border (scope 2)
- consumption: electricity or heat used by a sector (secondary energy, recorded only)
- process: cement or clinker output (process CO2)
- sink: forest stock change or a sink in t CO2
- emission: CO2 entered directly (a published inventory)

A reader checks all rows and raises one `InventoryInputError` with every row-level problem, so
that a bad file changes nothing.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from tanda.inventory.errors import InventoryInputError, RowError
from tanda.inventory.factors import load_factor_set
from tanda.inventory.fuels import Fuel, fuel, resolve_fuel, suggest_fuels
from tanda.inventory.sectors import all_sectors, resolve_flow, resolve_sector, suggest_sectors
from tanda.units import UnitError, conversion_factor, dimension_of, parse_unit

__all__ = ["COLUMNS", "FLOWS", "Activity", "layout_of", "read_activity", "read_tidy", "tidy_from_records"]

COLUMNS = ["region", "year", "flow", "sector", "fuel", "quantity", "row", "source"]
FLOWS = (
    "combustion",
    "non_energy",
    "transformation",
    "loss",
    "production",
    "import",
    "export",
    "net_import",
    "consumption",
    "process",
    "sink",
    "emission",
)
_CANONICAL_UNIT = {"t": "t", "m3": "m3", "kWh": "kWh", "GJ": "GJ"}
_COAL_EQUIVALENT_MARKS = ("标准煤", "标煤", "tce", "kgce", "gce")

_HEADERS = {
    "region": ("region", "地区", "区域", "省份", "province", "city", "城市", "行政区"),
    "year": ("year", "年份", "年度", "年"),
    "sector": ("sector", "部门", "行业", "流向", "flow", "用途"),
    "fuel": ("fuel", "能源品种", "燃料", "品种", "能源", "item", "项目", "产品"),
    "quantity": ("quantity", "数量", "实物量", "消费量", "value", "数值", "量"),
    "unit": ("unit", "单位", "计量单位"),
}


@dataclass(frozen=True)
class Activity:
    """Validated activity rows (see the module docstring for the flows)."""

    frame: pd.DataFrame

    def __post_init__(self) -> None:
        missing = set(COLUMNS) - set(self.frame.columns)
        if missing:
            raise ValueError(f"activity frame lacks {sorted(missing)}")

    def __len__(self) -> int:
        return len(self.frame)

    @property
    def sources(self) -> list[str]:
        return sorted(set(self.frame["source"]))

    def region_years(self) -> list[tuple[str, int]]:
        pairs = self.frame[["region", "year"]].drop_duplicates()
        return sorted((str(r), int(y)) for r, y in pairs.itertuples(index=False))

    def select(self, region: str | None = None, year: int | None = None) -> Activity:
        mask = pd.Series(True, index=self.frame.index)
        if region is not None:
            mask &= self.frame["region"] == region
        if year is not None:
            mask &= self.frame["year"] == int(year)
        return Activity(self.frame[mask].reset_index(drop=True))

    def combine(self, *others: Activity) -> Activity:
        """One activity from several files; a (region, year, flow, sector, fuel) given twice is an error."""
        frame = pd.concat([self.frame, *(o.frame for o in others)], ignore_index=True)
        errors = _duplicate_errors(frame)
        if errors:
            raise InventoryInputError(", ".join(sorted(set(frame["source"]))), errors)
        return Activity(frame)

    @staticmethod
    def empty() -> Activity:
        return Activity(pd.DataFrame({c: pd.Series(dtype=object) for c in COLUMNS}))


def activity_frame(rows: list[dict[str, Any]]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=COLUMNS)
    frame["year"] = frame["year"].astype("int64")
    frame["quantity"] = frame["quantity"].astype("float64")
    frame["row"] = frame["row"].astype("int64")
    return frame


def _duplicate_errors(frame: pd.DataFrame) -> list[RowError]:
    key = ["region", "year", "flow", "sector", "fuel"]
    dup = frame[frame.duplicated(key, keep=False)]
    errors = []
    for _, group in dup.groupby(key, sort=False):
        first = group.iloc[0]
        for _, other in group.iloc[1:].iterrows():
            where = (
                f"{first['source']} row {first['row']}" if other["source"] != first["source"] else f"row {first['row']}"
            )
            errors.append(
                RowError(
                    int(other["row"]),
                    None,
                    f"duplicates {where}: {first['region']} {first['year']} {first['sector'] or first['flow']} "
                    f"{fuel(first['fuel']).name_zh} given twice; expected one row per region, year, sector and fuel",
                )
            )
    return errors


# ---------------------------------------------------------------- tidy reader


def _find_columns(header: list[str]) -> tuple[dict[str, int], list[str]]:
    found: dict[str, int] = {}
    for i, h in enumerate(header):
        key = str(h).strip().lower()
        for name, aliases in _HEADERS.items():
            if key in aliases and name not in found:
                found[name] = i
    return found, [n for n in _HEADERS if n not in found]


def _is_coal_equivalent(unit_text: str) -> bool:
    return any(mark in unit_text for mark in _COAL_EQUIVALENT_MARKS)


def to_canonical(item: Fuel, quantity: float, unit_text: str) -> float:
    """A quantity of `item` in its canonical unit; UnitError saying what unit was expected.

    Coal-equivalent units (万吨标准煤) are accepted for fuels with a GB/T 2589 coefficient and
    turned back into physical units with it; electricity and heat must come in kWh and GJ units,
    because their coal equivalent depends on the convention (equivalent value or coal substitution).
    """
    canonical = _CANONICAL_UNIT[item.unit]
    if _is_coal_equivalent(unit_text):
        if item.kind == "energy" and item.category == "other":
            return quantity * conversion_factor(unit_text, "GJ")
        if item.kind == "energy":
            raise UnitError(f"{item.name_zh} must be given in {_example_unit(item)}, not in coal equivalent")
        tce_per_unit = load_factor_set().standard_coal.get(item.id)
        if tce_per_unit is None:
            raise UnitError(f"{item.name_zh} has no standard-coal coefficient; give it in {_example_unit(item)}")
        return quantity * conversion_factor(unit_text, "tce") / tce_per_unit
    dimension = dimension_of(unit_text)
    if dimension != item.kind:
        raise UnitError(f"{unit_text!r} is a {dimension} unit; {item.name_zh} needs {_example_unit(item)}")
    return quantity * conversion_factor(unit_text, canonical)


def _example_unit(item: Fuel) -> str:
    examples = {
        "t": "a mass unit such as 万吨 or t",
        "m3": "a volume unit such as 亿立方米 or 万立方米",
        "kWh": "an electricity unit such as 亿千瓦时 or kWh",
        "GJ": "an energy unit such as 万百万千焦 or GJ",
    }
    return examples[item.unit]


def _number(value: Any) -> float | None:
    if value is None:
        return None
    if isinstance(value, int | float):
        return None if isinstance(value, float) and math.isnan(value) else float(value)
    text = str(value).strip().replace(",", "").replace("，", "")
    if not text:
        return None
    try:
        return float(text)
    except ValueError:
        return None


def _text(value: Any) -> str:
    """A cell as stripped text; blanks (None, NaN) are ""."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return str(value).strip()


def _year(value: Any) -> int | None:
    number = _number(value)
    if number is None or number != int(number) or not 1900 <= number <= 2100:
        return None
    return int(number)


def _row_flow(item: Fuel, sector_text: str, co2: bool) -> tuple[str, str, str | None]:
    """(flow, sector id, error message) for one tidy row."""
    flow_obj = resolve_flow(sector_text) if sector_text else None
    sector_obj = resolve_sector(sector_text) if sector_text else None
    if sector_text and flow_obj is None and sector_obj is None:
        hint = suggest_sectors(sector_text)
        return (
            "",
            "",
            f"{sector_text!r} is not a known sector or flow"
            + (
                f"; did you mean {' / '.join(hint)}?"
                if hint
                else "; expected a CEADs sector (e.g. Smelting and Pressing of Ferrous Metals, Urban, Rural), "
                "its Chinese name, or 调入/调出/净调入/用作原料、材料"
            ),
        )
    sector_id = sector_obj.id if sector_obj else ""
    role = flow_obj.role if flow_obj else ""
    if co2:
        if item.category == "sink":
            return "sink", sector_id, None
        if not (item.combustible or item.category == "process"):
            return "", "", f"emissions of {item.name_zh} cannot be entered; expected a fossil fuel or 水泥"
        if role and role != "combustion":
            return "", "", f"emissions are entered per sector; {sector_text!r} is a balance flow"
        sector_id = flow_obj.target if flow_obj else sector_id
        return "emission", sector_id or ("nonmetal_minerals" if item.category == "process" else ""), None
    if item.category == "process":
        return "process", sector_id or "nonmetal_minerals", None
    if item.category == "sink":
        return "sink", sector_id, None
    if item.category == "primary_electricity":
        return "production", "", None
    if item.category in {"electricity", "heat"}:
        if role in {"import", "export", "net_import", "production"}:
            return role, "", None
        if sector_obj:
            return "consumption", sector_id, None
        return "", "", f"{item.name_zh} needs a sector (its use) or 调入 / 调出 / 净调入 (its trade)"
    if role in {"import", "export", "net_import", "production"}:
        return (
            "",
            "",
            f"only electricity and heat imports and exports are used; give {item.name_zh} as consumption by sector",
        )
    if role == "combustion":
        return "combustion", flow_obj.target, None
    if role in {"non_energy", "loss", "transformation"}:
        return role, "industry" if role == "non_energy" else "", None
    if role == "ignore":
        return "", "", f"{sector_text!r} is a total or supply row of the balance, not a use; give uses by sector"
    if not sector_obj:
        return "", "", f"{item.name_zh} needs a sector"
    return "combustion", sector_id, None


def read_tidy(table: pd.DataFrame, source: str = "activity") -> Activity:
    """Read `region, year, sector, fuel, quantity, unit` rows (English or Chinese headers).

    Row numbers in errors count the header as row 1, as a spreadsheet shows them.
    """
    header = [str(c) for c in table.columns]
    columns, missing = _find_columns(header)
    if missing:
        raise InventoryInputError(
            source,
            [
                RowError(
                    1,
                    None,
                    f"missing column(s) {', '.join(missing)}; expected region, year, sector, fuel, quantity, unit",
                )
            ],
        )
    names = {k: header[i] for k, i in columns.items()}
    errors: list[RowError] = []
    rows: list[dict[str, Any]] = []
    values = table.to_numpy(dtype=object)
    for n, raw in enumerate(values, start=2):
        cell = {k: raw[i] for k, i in columns.items()}
        if not any(_text(v) for v in cell.values()):
            continue
        row_errors: list[RowError] = []
        region = _text(cell["region"])
        if not region:
            row_errors.append(RowError(n, names["region"], "empty; expected the region's name or code"))
        year = _year(cell["year"])
        if year is None:
            row_errors.append(RowError(n, names["year"], f"{cell['year']!r} is not a year; expected e.g. 2020"))
        fuel_text = _text(cell["fuel"])
        item = resolve_fuel(fuel_text) if fuel_text else None
        if item is None:
            hint = suggest_fuels(fuel_text)
            row_errors.append(
                RowError(
                    n,
                    names["fuel"],
                    f"{fuel_text!r} is not a known fuel"
                    + (
                        f"; did you mean {' / '.join(hint)}?"
                        if hint
                        else "; expected a fuel such as 原煤, 柴油, 天然气, Diesel Oil"
                    ),
                )
            )
        quantity = _number(cell["quantity"])
        if quantity is None:
            row_errors.append(RowError(n, names["quantity"], f"{cell['quantity']!r} is not a number"))
        elif quantity < 0:
            row_errors.append(
                RowError(
                    n,
                    names["quantity"],
                    f"{quantity:g} is negative; expected a quantity ≥ 0 "
                    "(exports go in sector 调出 as a positive number)",
                )
            )
        unit_text = _text(cell["unit"])
        co2 = False
        try:
            _, _, co2 = parse_unit(unit_text)
        except UnitError as exc:
            row_errors.append(RowError(n, names["unit"], f"{exc}; expected e.g. 万吨, 亿立方米, 亿千瓦时, 万吨标准煤"))
            unit_text = ""
        sector_text = _text(cell["sector"])
        flow, sector_id = "", ""
        if item is not None:
            flow, sector_id, message = _row_flow(item, sector_text, co2)
            if message:
                row_errors.append(RowError(n, names["sector"], message))
        if item is not None and unit_text and quantity is not None and flow:
            try:
                if co2 or (item.id == "carbon_sink"):
                    if dimension_of(unit_text) != "mass":
                        raise UnitError(f"{unit_text!r} is not a mass of CO2; expected e.g. 万吨二氧化碳 or t CO2")
                    quantity = quantity * conversion_factor(unit_text, "t")
                else:
                    quantity = to_canonical(item, quantity, unit_text)
            except UnitError as exc:
                row_errors.append(RowError(n, names["unit"], f"{exc}"))
        if row_errors:
            errors.extend(row_errors)
            continue
        rows.append(
            {
                "region": region,
                "year": year,
                "flow": flow,
                "sector": sector_id,
                "fuel": item.id,
                "quantity": quantity,
                "row": n,
                "source": source,
            }
        )
    frame = activity_frame(rows)
    errors.extend(_duplicate_errors(frame))
    errors.extend(_aggregate_errors(frame))
    if errors:
        raise InventoryInputError(source, sorted(errors, key=lambda e: (e.row or 0, e.column or "")))
    return Activity(frame)


def _aggregate_errors(frame: pd.DataFrame) -> list[RowError]:
    """A total (工业, 居民生活) given together with its parts would count the same fuel twice."""
    sectors = all_sectors()
    errors = []
    burned = frame[frame["flow"].isin(["combustion", "emission"])]
    for (region, year, fuel_id), group in burned.groupby(["region", "year", "fuel"]):
        given = set(group["sector"])
        for _, row in group.iterrows():
            s = sectors.get(row["sector"])
            if s is not None and s.kind == "aggregate":
                parts = sorted(p.name_zh for p in sectors.values() if p.parent == s.id and p.id in given)
                if parts:
                    errors.append(
                        RowError(
                            int(row["row"]),
                            None,
                            f"{s.name_zh} is the total of {'、'.join(parts)}, also given for "
                            f"{fuel(fuel_id).name_zh} {region} {year}; give the total or its parts, not both",
                        )
                    )
    return errors


def tidy_from_records(records: Iterable[Mapping[str, Any]], source: str = "records") -> Activity:
    """Validate records with the tidy columns (for callers that hold data in memory, e.g. a web form)."""
    return read_tidy(pd.DataFrame(list(records)), source)


# ------------------------------------------------------------------- dispatch


def _read_table(path: Path, sheet: str | int | None) -> pd.DataFrame:
    if path.suffix.lower() in {".xlsx", ".xlsm"}:
        return pd.read_excel(path, sheet_name=sheet or 0, dtype=object)
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return pd.read_csv(path, dtype=object, encoding=encoding, keep_default_na=False)
        except UnicodeDecodeError:
            continue
    raise InventoryInputError(str(path), [RowError(None, None, "not UTF-8 or GB18030 text")])


def _check_path(path: Path) -> None:
    if not path.exists():
        raise InventoryInputError(str(path), [RowError(None, None, "no such file")])
    if path.suffix.lower() not in {".csv", ".txt", ".xlsx", ".xlsm"}:
        raise InventoryInputError(str(path), [RowError(None, None, "expected a .csv or .xlsx file")])


def _layout(table: pd.DataFrame, path: Path) -> str:
    from tanda.inventory.published import is_ceads_matrix

    if is_ceads_matrix(table):
        return "ceads"
    _, missing = _find_columns([str(c) for c in table.columns])
    if not missing:
        return "tidy"
    if path.suffix.lower() in {".xlsx", ".xlsm"}:
        return "balance"
    raise InventoryInputError(
        path.name,
        [
            RowError(
                1, None, f"missing column(s) {', '.join(missing)}; expected region, year, sector, fuel, quantity, unit"
            )
        ],
    )


def layout_of(path: str | Path, *, sheet: str | int | None = None) -> str:
    """Which layout `read_activity` will read a file as: "ceads", "tidy" or "balance".

    A caller that must treat the layouts differently (a web import that filters a multi-province
    CEADs matrix to one province but refuses a tidy row of another region) asks this first.
    """
    path = Path(path)
    _check_path(path)
    return _layout(_read_table(path, sheet), path)


def read_activity(
    path: str | Path, *, region: str | None = None, year: int | None = None, sheet: str | int | None = None
) -> Activity:
    """Read an activity file of any supported layout, told apart by its header (see `layout_of`).

    - tidy CSV/xlsx with columns region, year, sector, fuel, quantity, unit;
    - a CEADs emission matrix (year, province, sector, Raw Coal … Process): a published inventory;
    - an xlsx in the layout of the yearbook's regional energy balance (地区能源平衡表, physical units);
      `region` and `year` are taken from its title unless given.
    """
    from tanda.inventory.balance import read_balance
    from tanda.inventory.published import read_ceads_matrix

    path = Path(path)
    _check_path(path)
    table = _read_table(path, sheet)
    layout = _layout(table, path)
    if layout == "ceads":
        return read_ceads_matrix(table, source=path.name, region=region, year=year)
    if layout == "tidy":
        return read_tidy(table, source=path.name).select(region, year)
    return read_balance(path, region=region, year=year, sheet=sheet)
