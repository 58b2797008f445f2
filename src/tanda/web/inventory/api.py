"""JSON API of inventories: list, one inventory, a dry-run computation of uploaded activity, the factor sets.

Reading follows the pages' rules: inventories need an account (session authentication); the
reference factor sets are public. The dry run reads and computes exactly as an import's preview
does (`intake.dry_run`) and stores nothing: a bad file answers 422 with every row-level error.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import File, Form, Router, Schema, Status
from ninja.errors import HttpError
from ninja.files import UploadedFile

from tanda.inventory import available_sets, load_factor_set
from tanda.inventory.fuels import all_fuels
from tanda.web.core.models import Region
from tanda.web.inventory import records, tables
from tanda.web.inventory.access import can_read
from tanda.web.inventory.intake import Upload, dry_run
from tanda.web.inventory.models import Inventory

router = Router(tags=["inventory"])


class EnergyOut(Schema):
    equivalent_value: float | None
    coal_substitution: float | None


class InventorySummary(Schema):
    id: int
    region: str
    region_name: str
    year: int
    kind: str
    factor_set: str
    factor_digest: str
    overrides: int
    source: str
    total_tco2: float
    combustion_tco2: float
    process_tco2: float
    scope2_tco2: float | None
    sinks_tco2: float
    energy_tce: EnergyOut
    created: datetime


class FuelOut(Schema):
    fuel: str
    name_zh: str
    name_en: str
    group: str
    tco2: float
    burned: float | None
    unit: str
    factor_t_per_unit: float | None


class SectorOut(Schema):
    sector: str
    name_zh: str
    name_en: str
    group: str
    tco2: float


class CellOut(Schema):
    sector: str
    fuel: str
    tco2: float


class IndicatorOut(Schema):
    code: str
    value: float | None
    unit: str
    method: str


class InventoryOut(InventorySummary):
    factor_set_info: dict[str, Any]
    grid: dict[str, Any] | None
    by_fuel: list[FuelOut]
    by_sector: list[SectorOut]
    cells: list[CellOut]
    indicators: list[IndicatorOut]
    warnings: list[str]


class RowErrorOut(Schema):
    source: str
    row: int | None
    column: str | None
    message: str


class FactorSetOut(Schema):
    name: str
    title: str
    version: str
    digest: str
    citation: str
    combustion: dict[str, dict[str, Any]]


def _require_account(request: HttpRequest) -> None:
    if not can_read(request.user):
        raise HttpError(401, "sign in to read inventories")


def _summary(inv: Inventory) -> dict[str, Any]:
    return {
        "id": inv.pk,
        "region": inv.region_id,
        "region_name": inv.region.name,
        "year": inv.year,
        "kind": inv.kind,
        "factor_set": inv.factor_set,
        "factor_digest": inv.factor_digest,
        "overrides": len(inv.factor_info.get("overrides", [])),
        "source": inv.source_label,
        "total_tco2": inv.total_kg / 1000,
        "combustion_tco2": inv.combustion_kg / 1000,
        "process_tco2": inv.process_kg / 1000,
        "scope2_tco2": None if inv.scope2_kg is None else inv.scope2_kg / 1000,
        "sinks_tco2": inv.sinks_kg / 1000,
        "energy_tce": {
            "equivalent_value": inv.energy_equivalent_tce,
            "coal_substitution": inv.energy_coal_substitution_tce,
        },
        "created": inv.created,
    }


@router.get("/", response=list[InventorySummary], summary="Inventories (filter by region, year, kind, factor set)")
def list_inventories(
    request: HttpRequest,
    region: str | None = None,
    year: int | None = None,
    kind: str | None = None,
    factor_set: str | None = None,
):
    _require_account(request)
    rows = Inventory.objects.select_related("region").defer("record", "activity", "indicators")
    if region:
        rows = rows.filter(region_id=region)
    if year:
        rows = rows.filter(year=year)
    if kind:
        rows = rows.filter(kind=kind)
    if factor_set:
        rows = rows.filter(factor_set=factor_set)
    return [_summary(i) for i in rows.order_by("region", "year", "kind", "pk")]


@router.get("/factor-sets", response=list[FactorSetOut], summary="The reference factor sets (public)")
def factor_sets(request: HttpRequest):
    return [_factor_set(name) for name in available_sets()]


def _factor_set(name: str) -> dict[str, Any]:
    fs = load_factor_set(name)
    fuels = all_fuels()
    return {
        "name": fs.name,
        "title": fs.title,
        "version": fs.version,
        "digest": fs.digest,
        "citation": fs.citation,
        "combustion": {
            f: {"ef_t_per_unit": x.ef, "unit": fuels[f].unit, "ncv_gj_per_unit": x.ncv, "basis": x.basis}
            for f, x in fs.combustion.items()
        },
    }


@router.get("/{int:inventory_id}", response=InventoryOut, summary="One inventory: by fuel, by sector, cells")
def get_inventory(request: HttpRequest, inventory_id: int):
    _require_account(request)
    inv = get_object_or_404(Inventory.objects.select_related("region"), pk=inventory_id)
    domain = records.from_record(inv.record)
    used = inv.record.get("factors_used", {})
    fuels = all_fuels()
    from tanda.inventory.sectors import all_sectors

    sectors = all_sectors()
    return {
        **_summary(inv),
        "factor_set_info": inv.factor_info,
        "grid": domain.grid,
        "by_fuel": [
            {
                "fuel": f,
                "name_zh": fuels[f].name_zh,
                "name_en": fuels[f].name_en,
                "group": tables.fuel_group(f),
                "tco2": kg / 1000,
                "burned": domain.burned.get(f),
                "unit": fuels[f].unit,
                "factor_t_per_unit": used.get(f, {}).get("ef"),
            }
            for f, kg in domain.by_fuel_kg().items()
        ],
        "by_sector": [
            {
                "sector": s or tables.UNASSIGNED,
                "name_zh": sectors[s].name_zh if s else "未分配",
                "name_en": sectors[s].name_en if s else "Unallocated",
                "group": tables.sector_group(s),
                "tco2": kg / 1000,
            }
            for s, kg in domain.by_sector_kg().items()
        ],
        "cells": [
            {"sector": s or tables.UNASSIGNED, "fuel": f, "tco2": kg / 1000}
            for (s, f), kg in sorted(tables.cells(domain).items())
        ],
        "indicators": [
            {"code": d["code"], "value": d["value"], "unit": d["unit"], "method": d["method"]}
            for d in inv.indicators
            if d["code"] != "problem"
        ],
        "warnings": list(domain.warnings),
    }


@router.post(
    "/compute",
    summary="Compute inventories from uploaded activity files without storing anything (dry run)",
    response={200: dict[str, Any], 422: dict[str, list[RowErrorOut]]},
)
def compute_dry_run(
    request: HttpRequest,
    files: list[UploadedFile] = File(...),  # noqa: B008 - django-ninja's idiom
    region: str = Form(...),
    factor_set: str = Form("guideline"),
    use_overrides: bool = Form(True),
    grid: str = Form("national"),
    year: int | None = Form(None),
):
    _require_account(request)
    if not Region.objects.filter(pk=region).exists():
        raise HttpError(422, f"unknown region {region!r}; expected a GB/T 2260 code such as 220000")
    if factor_set not in available_sets():
        raise HttpError(422, f"unknown factor set {factor_set!r}; expected one of {', '.join(available_sets())}")
    uploads = [Upload(f.name or "upload", f.read()) for f in files]
    run = dry_run(uploads, region=region, factor_set=factor_set, use_overrides=use_overrides, grid=grid, year=year)
    if run.errors:
        errors = [{"source": e.source, "row": e.row, "column": e.column, "message": e.message} for e in run.errors]
        return Status(422, {"errors": errors})
    return Status(
        200,
        {
            "stored": False,
            "region": region,
            "factor_set": run.factors.describe() if run.factors else None,
            "notices": run.notices,
            "inventories": [inv.to_dict("zh") for inv in run.inventories],
        },
    )
