"""The fuel × sector table with drill-down, and the Sankey data, shaped from a stored inventory.

Only shaping: every number is a sum of the stored integer kilograms of the domain result, so a
group's row is exactly the sum of its sectors' rows and every margin equals the inventory's total.

Rows are sector groups (工业 and 居民生活 are the catalogue's aggregates; other sectors stand alone)
that open into their sectors; columns are fuel groups (coal, oil, gas; process CO2 — cement and
clinker — as a group of its own) that open into fuels. Scope 2 and sinks are not cells of this table:
they are kept apart, as the inventory keeps them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from tanda.inventory import Inventory
from tanda.inventory.fuels import all_fuels
from tanda.inventory.sectors import all_sectors

UNASSIGNED = "unallocated"
FUEL_GROUP_ORDER = ("coal", "oil", "gas", "process", "other")
UNITS = {"wt": ("万吨", 1e7), "mt": ("Mt", 1e9), "t": ("t", 1e3)}  # label, kg per unit


def fuel_group_label(group: str) -> str:
    return {
        "coal": _("煤炭"),
        "oil": _("石油"),
        "gas": _("天然气"),
        "process": _("工业过程"),
        "other": _("其他"),
    }.get(group, group)


def fuel_group(fuel_id: str) -> str:
    category = all_fuels()[fuel_id].category
    return category if category in FUEL_GROUP_ORDER else "other"


def sector_group(sector_id: str) -> str:
    if not sector_id:
        return UNASSIGNED
    s = all_sectors()[sector_id]
    return s.parent or s.id


def sector_label(sector_id: str, lang: str) -> str:
    if sector_id == UNASSIGNED or not sector_id:
        return _("未分配")
    return all_sectors()[sector_id].name(lang)


def fuel_label(fuel_id: str, lang: str) -> str:
    return all_fuels()[fuel_id].name(lang)


def cells(inv: Inventory) -> dict[tuple[str, str], int]:
    """(sector, fuel) → kg, process CO2 in its own columns (cement, clinker)."""
    out: dict[tuple[str, str], int] = {}
    for i, s in enumerate(inv.sectors):
        for j, f in enumerate(inv.fuels):
            kg = int(inv.cells_kg[i, j])
            if kg:
                out[(s, f)] = out.get((s, f), 0) + kg
    for (s, item), kg in inv.process_kg.items():
        if kg:
            out[(s, item)] = out.get((s, item), 0) + kg
    return out


@dataclass
class Column:
    key: str
    label: str
    group: str
    is_group: bool
    open: bool = False
    span: int = 1


@dataclass
class Row:
    key: str
    label: str
    group: str
    is_group: bool
    open: bool = False
    values: list[float | None] = field(default_factory=list)
    total: float = 0.0
    total_kg: int = 0
    level: int = 0  # 0: a group (or a sector standing alone), 1: a member of an open group


@dataclass
class Matrix:
    unit: str
    columns: list[Column]
    rows: list[Row]
    column_totals: list[float | None]
    total: float
    total_kg: int
    open_sectors: set[str]
    open_fuels: set[str]


def _order(keys: set[str], order: list[str]) -> list[str]:
    rank = {k: i for i, k in enumerate(order)}
    return sorted(keys, key=lambda k: (rank.get(k, len(rank)), k))


def matrix(
    inv: Inventory, *, open_sectors: set[str], open_fuels: set[str], unit: str = "wt", lang: str = "zh"
) -> Matrix:
    """The table; `open_sectors` / `open_fuels` name the groups shown with their members."""
    unit_label, scale = UNITS.get(unit, UNITS["wt"])
    data = cells(inv)
    sector_order = ["", *all_sectors()]
    fuel_order = list(all_fuels())
    fuels_used = {f for _, f in data}
    sectors_used = {s for s, _ in data}

    # columns: each fuel group, and its fuels when it is open
    columns: list[Column] = []
    col_members: list[set[str]] = []
    for group in [g for g in FUEL_GROUP_ORDER if any(fuel_group(f) == g for f in fuels_used)]:
        members = _order({f for f in fuels_used if fuel_group(f) == group}, fuel_order)
        is_open = group in open_fuels
        if is_open:
            for f in members:
                columns.append(Column(f, fuel_label(f, lang), group, False))
                col_members.append({f})
        else:
            columns.append(Column(group, fuel_group_label(group), group, True, span=len(members)))
            col_members.append(set(members))

    rows: list[Row] = []

    def add_row(
        key: str, label: str, group: str, sector_ids: set[str], is_group: bool, is_open: bool, level: int = 0
    ) -> None:
        row = Row(key=key, label=label, group=group, is_group=is_group, open=is_open, level=level)
        for fuel_ids in col_members:
            kg = sum(v for (s, f), v in data.items() if s in sector_ids and f in fuel_ids)
            row.values.append(kg / scale if kg else None)
        row.total_kg = sum(v for (s, _f), v in data.items() if s in sector_ids)
        row.total = row.total_kg / scale
        rows.append(row)

    for group in _order({sector_group(s) for s in sectors_used}, [UNASSIGNED, *sector_order]):
        members = _order({s for s in sectors_used if sector_group(s) == group}, sector_order)
        expandable = group != UNASSIGNED and all_sectors()[group].kind == "aggregate"
        is_open = expandable and group in open_sectors
        add_row(group, _group_label(group, lang), group, set(members), expandable, is_open)
        if is_open:
            for s in members:
                label = sector_label(s, lang)
                if s == group:  # the aggregate itself, as a balance gives it (工业 not split into industries)
                    label = _("%(name)s（未细分）") % {"name": label}
                add_row(s, label, group, {s}, False, False, level=1)

    column_totals = []
    for fuel_ids in col_members:
        kg = sum(v for (_s, f), v in data.items() if f in fuel_ids)
        column_totals.append(kg / scale if kg else None)
    total_kg = sum(data.values())
    return Matrix(_(unit_label), columns, rows, column_totals, total_kg / scale, total_kg, open_sectors, open_fuels)


def _group_label(group: str, lang: str) -> str:
    if group == UNASSIGNED:
        return _("未分配")
    return all_sectors()[group].name(lang)


def by_fuel(inv: Inventory, factors_used: dict[str, Any], lang: str = "zh") -> list[dict[str, Any]]:
    """Fuels by CO2, largest first, with quantity burned and the factor used (for the citation link)."""
    burned = inv.burned
    rows = []
    for f, kg in sorted(inv.by_fuel_kg().items(), key=lambda x: -x[1]):
        item = all_fuels()[f]
        rows.append(
            {
                "id": f,
                "name": item.name(lang),
                "group": fuel_group(f),
                "kg": kg,
                "burned": burned.get(f),
                "unit": item.unit,
                "factor": factors_used.get(f),
            }
        )
    return rows


def by_sector(inv: Inventory, lang: str = "zh") -> list[dict[str, Any]]:
    return [
        {"id": s or UNASSIGNED, "name": sector_label(s, lang), "group": sector_group(s), "kg": kg}
        for s, kg in sorted(inv.by_sector_kg().items(), key=lambda x: -x[1])
    ]


def sankey(inv: Inventory, *, open_sectors: set[str], open_fuels: set[str], lang: str = "zh") -> dict[str, Any]:
    """Fuel (group) → sector (group) flows in 万吨, at the same level of detail as the table."""
    data = cells(inv)
    links: dict[tuple[str, str], int] = {}
    nodes: dict[str, dict[str, str]] = {}
    for (s, f), kg in data.items():
        fg = fuel_group(f)
        source = f"f:{f}" if fg in open_fuels else f"fg:{fg}"
        label = fuel_label(f, lang) if fg in open_fuels else fuel_group_label(fg)
        nodes[source] = {"name": source, "label": label, "group": fg}
        sg = sector_group(s)
        target = f"s:{s or UNASSIGNED}" if sg in open_sectors else f"sg:{sg}"
        label = sector_label(s, lang) if sg in open_sectors else _group_label(sg, lang)
        nodes[target] = {"name": target, "label": label, "group": "sector"}
        links[(source, target)] = links.get((source, target), 0) + kg
    scale = UNITS["wt"][1]
    return {
        "unit": _(UNITS["wt"][0]),
        "nodes": list(nodes.values()),
        "links": [
            {"source": a, "target": b, "value": round(kg / scale, 4)} for (a, b), kg in sorted(links.items()) if kg > 0
        ],
    }
