"""Inventories as an xlsx workbook: what a statistics bureau files and re-opens in Excel.

One summary sheet (with the factor set, its digest and overrides, so the numbers can be traced),
one fuel × sector matrix per region-year, and long tables by fuel and by sector.
"""

from __future__ import annotations

from pathlib import Path

from tanda.inventory.compute import CONVENTIONS, Inventory
from tanda.inventory.fuels import fuel
from tanda.inventory.sectors import sector

__all__ = ["write_xlsx"]


def _title(lang: str, zh: str, en: str) -> str:
    return zh if lang.startswith("zh") else en


def write_xlsx(inventories: list[Inventory], path: Path, lang: str = "zh") -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    summary = wb.active
    summary.title = _title(lang, "汇总", "Summary")
    head = [
        "region",
        "year",
        "total_tco2",
        "combustion_tco2",
        "process_tco2",
        "scope2_tco2",
        "sinks_tco2",
        *(f"energy_tce_{c}" for c in CONVENTIONS),
        "factor_set",
        "version",
        "digest",
        "overrides",
        "warnings",
    ]
    summary.append(head)
    for inv in inventories:
        d = inv.to_dict(lang)
        fs = d["factor_set"]
        summary.append(
            [
                inv.region,
                inv.year,
                d["total_tco2"],
                d["combustion_tco2"],
                d["process_tco2"],
                d["scope2_tco2"],
                d["sinks_tco2"],
                *(d["energy_tce"][c] for c in CONVENTIONS),
                fs["name"],
                fs["version"],
                fs["digest"],
                "; ".join(f"{o['item']} {o['parameter']}={o['value']} ({o['note']})" for o in fs["overrides"]),
                "; ".join(d["warnings"]),
            ]
        )
    for cell in summary[1]:
        cell.font = Font(bold=True)

    long_fuel = wb.create_sheet(_title(lang, "按燃料", "By fuel"))
    long_fuel.append(["region", "year", "fuel_id", "fuel", "tco2"])
    long_sector = wb.create_sheet(_title(lang, "按部门", "By sector"))
    long_sector.append(["region", "year", "sector_id", "sector", "three_industry", "ipcc", "tco2"])
    for inv in inventories:
        for f, kg in inv.by_fuel_kg().items():
            long_fuel.append([inv.region, inv.year, f, fuel(f).name(lang), kg / 1000])
        for s, kg in inv.by_sector_kg().items():
            sec = sector(s) if s else None
            long_sector.append(
                [
                    inv.region,
                    inv.year,
                    s,
                    sec.name(lang) if sec else "",
                    sec.three_industry if sec else "",
                    sec.ipcc if sec else "",
                    kg / 1000,
                ]
            )
        matrix = wb.create_sheet(f"{inv.region}{inv.year}"[:31])
        matrix.append(
            [
                _title(lang, "部门 \\ 燃料 (t CO2)", "sector \\ fuel (t CO2)"),
                *(fuel(f).name(lang) for f in inv.fuels),
                _title(lang, "合计", "Total"),
            ]
        )
        for i, s in enumerate(inv.sectors):
            row = [int(v) / 1000 for v in inv.cells_kg[i]]
            matrix.append([sector(s).name(lang) if s else "", *row, int(inv.cells_kg[i].sum()) / 1000])
        matrix.append(
            [
                _title(lang, "合计", "Total"),
                *(int(v) / 1000 for v in inv.cells_kg.sum(axis=0)),
                inv.combustion_kg / 1000,
            ]
        )
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
