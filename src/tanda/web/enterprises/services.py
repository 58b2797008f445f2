"""Read stored submissions into the domain's frames and ask the domain for energy, flags and screenings.

Views call these functions and render what comes back; the numbers are computed only in
`tanda.enterprises`. Each function reads exactly the rows it needs (one unit, one year, one region).
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from dataclasses import dataclass, field

import pandas as pd
from django.db import connection
from django.db.models import Max, QuerySet

from tanda.enterprises import (
    CLASSES,
    Flag,
    MonthlyEnergy,
    Screening,
    budget_share,
    compute_flags,
    measured_unit_consumption,
    monthly_energy,
)
from tanda.enterprises.benchmarks import benchmarks, screen_against
from tanda.enterprises.projects import BudgetShare
from tanda.enterprises.reference import grid_of_region, settings
from tanda.regions import codes_within
from tanda.web.enterprises.energy_cache import year_energy
from tanda.web.enterprises.frames import submissions_frame
from tanda.web.enterprises.levels import AppliedLevel, LevelBook
from tanda.web.enterprises.models import Enterprise, Output, Project, RegionCap, Submission


def grids_for(unit_ids: Iterable[int]) -> dict[int, str]:
    regions = dict(Enterprise.objects.filter(pk__in=list(unit_ids)).values_list("pk", "region_id"))
    return {pk: grid_of_region(code) for pk, code in regions.items()}


def energy_of(units: QuerySet | Iterable[int] | None = None, years: Iterable[int] | None = None) -> MonthlyEnergy:
    """Monthly energy of some units; many units of one year are cut from the year's kept result."""
    years = list(years) if years is not None else None
    if units is not None and not isinstance(units, QuerySet):
        units = list(units)
    few = units is not None and not isinstance(units, QuerySet) and len(units) <= _FEW_UNITS
    if few or years is None or len(years) != 1:
        return _compute(units, years)
    energy = year_energy(years[0], lambda: _compute(None, years))
    if units is None or energy.frame.empty:
        return energy
    ids = units if isinstance(units, list) else list(units.values_list("pk", flat=True))
    return MonthlyEnergy(energy.frame[energy.frame["unit"].isin(ids)].reset_index(drop=True), energy.warnings)


def warm_year_energy(years: Iterable[int]) -> threading.Thread:
    """Compute and keep the years' energy of every unit in a background thread (after an import)."""

    def run() -> None:
        try:
            for year in sorted(set(years)):
                year_energy(year, lambda year=year: _compute(None, [year]))
        finally:
            connection.close()  # the thread's own connection

    thread = threading.Thread(target=run, name="tanda-warm-energy", daemon=True)
    thread.start()
    return thread


_FEW_UNITS = 50  # up to this many units are read directly (key ranges), not cut from the year's result


def _compute(units: QuerySet | list[int] | None, years: list[int] | None) -> MonthlyEnergy:
    frame = submissions_frame(units, years)
    ids = frame["unit"].unique().tolist() if not frame.empty else []
    return monthly_energy(frame, grids=grids_for(ids))


def latest_year() -> int | None:
    return Submission.objects.aggregate(y=Max("year"))["y"]


def jump_threshold(text: str | None) -> float:
    """The ?jump= percentage asked for (e.g. 50), else the packaged default."""
    try:
        value = float(text) / 100 if text else float(settings()["jump_threshold"])
    except ValueError:
        value = float(settings()["jump_threshold"])
    return min(max(value, 0.01), 10.0)


def flags_for(energy: MonthlyEnergy, units: Iterable[Enterprise], threshold: float) -> list[Flag]:
    units = list(units)
    below_line = {k for k, _ in _bands_below_line()}
    return compute_flags(
        energy.frame,
        threshold=threshold,
        registered_below={u.pk for u in units if u.band in below_line},
        data_centres={u.pk: u.online_monitoring for u in units if u.data_centre},
    )


def _bands_below_line() -> list[tuple[str, str]]:
    from tanda.enterprises import bands

    line = float(settings()["key_unit_tce"])
    out = []
    for key, label in bands():
        upper = key.split("-")[-1] if "-" in key else (key[2:] if key.startswith("lt") else None)
        if upper is not None and float(upper) <= line:
            out.append((key, label))
    return out


@dataclass
class Intensity:
    product: str
    output: float
    unit: str
    value: float | None
    indicator_unit: str
    note: str | None


def intensities(enterprise: Enterprise, year: int, annual: pd.Series | None) -> list[Intensity]:
    """Energy per unit of each product the unit reported output for in the year."""
    if annual is None:
        return []
    out = []
    rows = Output.objects.filter(enterprise=enterprise, year=year).values_list("product", "unit", "quantity")
    totals: dict[tuple[str, str], float] = {}
    for product, unit, quantity in rows:
        totals[(product, unit)] = totals.get((product, unit), 0.0) + quantity
    known = benchmarks()  # measured in the indicator's unit for packaged products only (see _measured)
    for (product, unit), quantity in sorted(totals.items()):
        if product in known:
            value, note = measured_unit_consumption(
                product,
                tce=float(annual["tce_equivalent"]),
                electricity_kwh=float(annual["electricity_kwh"]),
                output=quantity,
                output_unit=unit,
            )
            out.append(Intensity(product, quantity, unit, value, known[product].unit, note))
        else:
            value = float(annual["tce_equivalent"]) / quantity if quantity else None
            out.append(Intensity(product, quantity, unit, value, f"tce/{unit}", None))
    return out


SCREENING_TABS = (*CLASSES, "unscreened")  # a project's `screening_class`: the list's tabs, the API's filter


@dataclass
class ProjectView:
    project: Project
    design: Screening | None
    level: AppliedLevel | None = None  # what both screenings are against, and where it came from
    measured: Screening | None = None
    measured_value: float | None = None
    measured_note: str | None = None
    energy: BudgetShare | None = None
    carbon: BudgetShare | None = None
    notes: list[str] = field(default_factory=list)

    @property
    def current(self) -> Screening | None:
        """What the list sorts by: the measured class of an operating project, else its design class."""
        return self.measured or self.design

    @property
    def screening_class(self) -> str:
        """The list tab it belongs to: a class of `tanda.enterprises.CLASSES`, or "unscreened"."""
        return self.current.level if self.current else "unscreened"


def project_views(projects: QuerySet, *, region: str = "", status: str = "") -> list[ProjectView]:
    """Screenings of the projects (already limited to what the user may see) in a region and status.

    The levels are read once for all of them; a region includes the regions below it.
    """
    if region:
        projects = projects.filter(region_id__in=codes_within(region))
    if status:
        projects = projects.filter(status=status)
    book = LevelBook.load()
    return [project_view(p, book=book) for p in projects.select_related("region", "enterprise")]


def project_view(
    project: Project, *, year: int | None = None, with_budget: bool = True, book: LevelBook | None = None
) -> ProjectView:
    """A project's screenings against the level that applies to its region (`levels.LevelBook`), and its budget.

    Pass the request's `book` when viewing many projects: the levels are then read once.
    """
    level = (book or LevelBook.load()).applies(project.product, project.region_id)
    view = ProjectView(project, _safe_screen(level, project.design_unit_consumption), level)
    if project.status == Project.Status.OPERATING and project.enterprise_id:
        measure_year = year or Submission.objects.of_unit(project.enterprise_id).aggregate(y=Max("year"))["y"]
        if measure_year:
            energy = energy_of([project.enterprise_id], [measure_year]).annual()
            output = list(
                Output.objects.filter(
                    enterprise_id=project.enterprise_id, year=measure_year, product=project.product
                ).values_list("unit", "quantity")
            )
            if energy.empty:
                view.measured_note = f"{measure_year}: no submissions"
            elif not output:
                view.measured_note = f"{measure_year}: no output of this product reported"
            else:
                row = energy.iloc[0]
                value, note = _measured(
                    level,
                    tce=float(row["tce_equivalent"]),
                    electricity_kwh=float(row["electricity_kwh"]),
                    output=sum(q for _, q in output),
                    output_unit=output[0][0],
                )
                view.measured_value, view.measured_note = value, note
                view.measured = _safe_screen(level, value)
                if value is not None:
                    view.notes.append(
                        f"{measure_year}: measured over the whole unit's energy use and {int(row['months'])} months"
                    )
    if with_budget:
        cap_year = year or project.start_year
        cap = (
            RegionCap.objects.filter(region=project.region, **({"year": cap_year} if cap_year else {}))
            .order_by("-year")
            .first()
        )
        if cap is not None:
            if cap.energy_cap_tce is not None and project.design_energy_tce is not None:
                view.energy = budget_share(project.design_energy_tce, cap.energy_cap_tce, cap.energy_used_tce or 0.0)
            if cap.carbon_cap_t is not None and project.design_co2_t is not None:
                view.carbon = budget_share(project.design_co2_t, cap.carbon_cap_t, cap.carbon_used_t or 0.0)
            view.notes.append(f"caps of {cap.region.name} {cap.year}")
    return view


def _measured(
    level: AppliedLevel | None, *, tce: float, electricity_kwh: float, output: float, output_unit: str
) -> tuple[float | None, str | None]:
    """The measured unit consumption in the applied level's indicator unit (packaged or entered)."""
    if level is None:
        return None, "no benchmark level for this product"
    return measured_unit_consumption(
        level.ref, tce=tce, electricity_kwh=electricity_kwh, output=output, output_unit=output_unit
    )


def _safe_screen(level: AppliedLevel | None, value: float | None) -> Screening | None:
    if value is None or level is None:
        return None
    try:
        return screen_against(level.ref, value)
    except ValueError:
        return None
