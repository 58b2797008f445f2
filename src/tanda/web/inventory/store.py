"""Store what a dry run computed, all or nothing; keep each inventory's derived indicators current.

`save` writes one `Inventory` per region-year of a successful dry run in one transaction. An
inventory whose content is already stored (same region, year, kind, factor set with its overrides,
and the same activity numbers) is not stored twice: `save` returns it among the existing ones, which
makes the demo and a re-sent file idempotent.

Derived indicators (`tanda.inventory.derive_indicators`) compare years — the change of CO2 per GDP
since 2005 — so they are derived over a *series*: the inventories of one region made alike (same
kind, same factor set and overrides, same publisher). Storing an inventory refreshes its series.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction

from tanda.inventory import InventoryInputError, RowError, derive_indicators
from tanda.web.core.models import Region
from tanda.web.inventory import records
from tanda.web.inventory.economy import UNKNOWN_BASE, economy_of
from tanda.web.inventory.intake import DryRun
from tanda.web.inventory.models import Inventory
from tanda.web.inventory.overrides import references

PUBLISHERS = {"ceads": "CEADs"}


@dataclass
class Saved:
    created: list[Inventory] = field(default_factory=list)
    existing: list[Inventory] = field(default_factory=list)

    @property
    def all(self) -> list[Inventory]:
        return [*self.created, *self.existing]


def _source_label(run: DryRun, published: bool) -> str:
    layouts = set(run.layouts.values())
    if published and layouts == {"ceads"}:
        return PUBLISHERS["ceads"]
    if published:
        return "emissions"
    return "+".join(sorted(layouts))


def planned(run: DryRun) -> list[dict[str, Any]]:
    """Per region-year of a dry run: the fields it would be stored with and the inventory it would duplicate."""
    out = []
    by_year = records.activity_rows_by_year(run.activity)
    for inv in run.inventories:
        rows = by_year[inv.year]
        published = inv.entered
        digest = "" if published else str(inv.factor_set.get("digest", ""))
        duplicate = Inventory.objects.filter(
            region_id=run.region,
            year=inv.year,
            kind=Inventory.Kind.PUBLISHED if published else Inventory.Kind.COMPUTED,
            factor_digest=digest,
            activity_sha256=records.activity_digest(rows),
        ).first()
        energy = None if published else inv.energy.total("equivalent_value")
        out.append({"inventory": inv, "rows": rows, "digest": digest, "duplicate": duplicate, "energy_tce": energy})
    return out


@transaction.atomic
def save(run: DryRun, *, user: Any = None, grid: str = "national", note: str = "") -> Saved:
    """Store every region-year of a successful dry run (InventoryInputError if it had errors)."""
    if not run.ok:
        errors = [RowError(e.row, e.column, e.message) for e in run.errors]
        errors = errors or [RowError(None, None, "nothing to store")]
        raise InventoryInputError("import", errors)
    region = Region.objects.get(pk=run.region)
    saved = Saved()
    names = ", ".join(run.layouts)
    for plan in planned(run):
        if plan["duplicate"] is not None:
            saved.existing.append(plan["duplicate"])
            continue
        inv = plan["inventory"]
        published = inv.entered
        info = dict(inv.factor_set)
        info["override_refs"] = references(run.overrides) if not published else []
        created = Inventory.objects.create(
            region=region,
            year=inv.year,
            kind=Inventory.Kind.PUBLISHED if published else Inventory.Kind.COMPUTED,
            factor_set="" if published else run.factor_set,
            factor_digest=plan["digest"],
            factor_info={} if published else info,
            grid="" if published else grid,
            source_label=_source_label(run, published),
            source_name=names[:255],
            layout="+".join(sorted(set(run.layouts.values())))[:16],
            activity_sha256=records.activity_digest(plan["rows"]),
            total_kg=inv.total_kg,
            combustion_kg=inv.combustion_kg,
            process_kg=inv.process_total_kg,
            scope2_kg=inv.scope2_kg,
            sinks_kg=inv.sinks_kg,
            energy_equivalent_tce=None if inv.entered else inv.energy.total("equivalent_value"),
            energy_coal_substitution_tce=None if inv.entered else inv.energy.total("coal_substitution"),
            record=records.to_record(inv, run.factors),
            activity=plan["rows"],
            note=note,
            created_by=user if getattr(user, "is_authenticated", False) else None,
        )
        saved.created.append(created)
    for key in {(i.region_id, i.series_key) for i in saved.created}:
        refresh_indicators(*key)
    for inv in saved.created:
        inv.refresh_from_db(fields=["indicators"])
    return saved


def series(region_code: str, key: tuple[str, str, str]) -> list[Inventory]:
    """The region's inventories made alike, the newest of each year."""
    kind, digest, label = key
    rows = Inventory.objects.filter(region_id=region_code, kind=kind, factor_digest=digest)
    if kind == Inventory.Kind.PUBLISHED:
        rows = rows.filter(source_label=label)
    newest: dict[int, Inventory] = {}
    for inv in rows.order_by("year", "created", "pk"):
        newest[inv.year] = inv
    return [newest[y] for y in sorted(newest)]


def _as_derived(member: Inventory) -> Any:
    """The domain inventory, named by how it was made (a published one by its publisher, not a factor set)."""
    inv = records.from_record(member.record)
    if member.kind == Inventory.Kind.PUBLISHED:
        inv = dataclasses.replace(inv, factor_set={"name": f"as published by {member.source_label}", "digest": ""})
    return inv


def _derive(domain: list[Any], economy: dict) -> list[Any]:
    """Energy-related CO2 indicators (what targets use: `co2_energy`, intensities, per capita, energy, shares)
    and the scope-1 total (`co2_total`, combustion + process)."""
    energy = [
        dataclasses.replace(o, indicator="co2_energy") if o.indicator == "co2_total" else o
        for o in derive_indicators(domain, economy, co2_scope="energy")
    ]
    scope1 = [o for o in derive_indicators(domain, {}) if o.indicator == "co2_total"]
    return scope1 + energy


def refresh_indicators(region_code: str, key: tuple[str, str, str]) -> int:
    """Derive the indicators of every inventory in the series again (GDP may have changed); returns how many."""
    members = series(region_code, key)
    if not members:
        return 0
    economy = economy_of(region_code)
    domain = [_as_derived(m) for m in members]
    try:
        observations = _derive(domain, {} if economy.problem else economy.data)
    except ValueError as exc:
        economy.problem = str(exc)
        observations = _derive(domain, {})
    by_year: dict[int, list[dict[str, Any]]] = {}
    for o in observations:
        method = o.method.replace("factor set as published by", "as published by").rstrip()
        if economy.base_year == UNKNOWN_BASE:
            method = method.replace(f"GDP at {UNKNOWN_BASE} prices", "GDP at constant prices (base year not stated)")
        by_year.setdefault(o.year, []).append(
            {"code": o.indicator, "value": o.value, "unit": o.unit, "method": method, "inputs": o.inputs}
        )
    for m in members:
        values = by_year.get(m.year, [])
        if economy.problem:
            values.append({"code": "problem", "value": None, "unit": "", "method": economy.problem, "inputs": {}})
        Inventory.objects.filter(pk=m.pk).update(indicators=values)
    return len(members)


def refresh_region(region_code: str) -> int:
    """Refresh every series of a region (after its GDP or population observations changed)."""
    keys = {i.series_key for i in Inventory.objects.filter(region_id=region_code)}
    return sum(refresh_indicators(region_code, key) for key in keys)


def recompute(
    inventory: Inventory, *, factor_set: str, use_overrides: bool, grid: str, user: Any = None
) -> tuple[Saved, DryRun]:
    """The stored activity of `inventory` computed again (another set, current overrides): a new inventory.

    The stored one is never changed. FactorError when the region's overrides do not fit the set.
    """
    from tanda.web.inventory.intake import compute_activity
    from tanda.web.inventory.overrides import factor_set_for

    activity = records.activity_from_rows(inventory.activity, inventory.region_id, inventory.year)
    factors, overrides = factor_set_for(factor_set, inventory.region_id, use_overrides)
    run = DryRun(
        region=inventory.region_id,
        factor_set=factor_set,
        layouts={inventory.source_name: inventory.layout},
        activity=activity,
        factors=factors,
        overrides=overrides,
        inventories=compute_activity(activity, factors, grid),
    )
    return save(run, user=user, grid=grid, note=inventory.note), run
