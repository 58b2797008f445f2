"""Peaks: of projected paths (with a plateau tolerance) and of a historic series (with stated criteria).

A projected path peaks in the first year of the plateau around its maximum: the run of consecutive
years, containing the year of the maximum, whose values are all within `tolerance` of it. A flat
top of 1 % is within the noise of energy statistics, so reaching it is what "peaking" means for a
plan; the year of the maximum itself is reported too. A path whose maximum is its last year has
not peaked within the horizon.

A historic series has peaked when (Ang-style practice for provincial CO2, as stated in the design):
there are at least three points; the maximum is at least five years before the latest point; the
latest point is no older than five years before the as-of year (by default the series' last year,
counting years listed with a missing value); and the latest point is at least 10 % below the
maximum. Missing years are missing: they are neither points nor zeros.
"""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np

from tanda.pathways.errors import PathwayInputError


@dataclass(frozen=True)
class PathPeaks:
    """Per member: plateau start (NaN if not peaked), year and value of the maximum, plateau end."""

    peak_year: np.ndarray
    max_year: np.ndarray
    peak_value: np.ndarray
    plateau_end: np.ndarray


def path_peaks(values: np.ndarray, years: np.ndarray, tolerance: float) -> PathPeaks:
    """Peaks of (M, T) paths; vectorised over members."""
    values = np.atleast_2d(values)
    M, T = values.shape
    top = values.argmax(axis=1)
    peak_value = values[np.arange(M), top]
    within = values >= peak_value[:, None] - tolerance * np.abs(peak_value[:, None])
    idx = np.arange(T)[None, :]
    below_before = np.where(~within & (idx < top[:, None]), idx, -1).max(axis=1)
    below_after = np.where(~within & (idx > top[:, None]), idx, T).min(axis=1)
    start = below_before + 1
    end = below_after - 1
    peaked = top < T - 1
    first = years[0]
    peak_year = np.where(peaked, first + start, np.nan).astype(float)
    return PathPeaks(peak_year, (first + top).astype(float), peak_value, (first + end).astype(float))


@dataclass(frozen=True)
class PeakDecision:
    peaked: bool
    peak_year: int | None
    peak_value: float | None
    latest_year: int | None
    latest_value: float | None
    below_peak_pct: float | None
    as_of: int | None
    points: int
    reason: str

    def to_dict(self) -> dict[str, object]:
        return asdict(self)


def decide_peak(
    series: Mapping[int, float | None],
    as_of: int | None = None,
    *,
    min_points: int = 3,
    min_years_after_peak: int = 5,
    max_age: int = 5,
    min_decline_pct: float = 10.0,
) -> PeakDecision:
    """Has this historic series peaked, as of `as_of`? Every failed criterion is named in `reason`."""
    listed = sorted(series)
    if as_of is None:
        as_of = listed[-1] if listed else None
    points = {
        y: float(v)
        for y, v in series.items()
        if v is not None and not (isinstance(v, float) and math.isnan(v)) and (as_of is None or y <= as_of)
    }
    if len(points) < min_points:
        return PeakDecision(
            False,
            None,
            None,
            max(points) if points else None,
            None,
            None,
            as_of,
            len(points),
            f"only {len(points)} point(s) with a value up to {as_of}; at least {min_points} are needed",
        )
    peak_year = max(points, key=lambda y: (points[y], -y))  # the earliest year of the maximum
    peak_value = points[peak_year]
    latest_year = max(points)
    latest_value = points[latest_year]
    below = (peak_value - latest_value) / abs(peak_value) * 100.0 if peak_value else 0.0
    failures = []
    if latest_year - peak_year < min_years_after_peak:
        failures.append(
            f"the maximum ({peak_value:g} in {peak_year}) is {latest_year - peak_year} year(s) before the latest "
            f"point ({latest_year}); at least {min_years_after_peak} are needed"
        )
    assert as_of is not None
    if as_of - latest_year > max_age:
        failures.append(
            f"the latest point ({latest_year}) is {as_of - latest_year} years before {as_of}; "
            f"at most {max_age} are allowed"
        )
    if below < min_decline_pct:
        failures.append(
            f"the latest point ({latest_value:g} in {latest_year}) is {below:.1f} % below the maximum; "
            f"at least {min_decline_pct:g} % is needed"
        )
    if failures:
        reason = "not peaked: " + "; ".join(failures)
    else:
        reason = (
            f"peaked: maximum {peak_value:g} in {peak_year}; the latest point ({latest_value:g} in {latest_year}) "
            f"is {latest_year - peak_year} years later and {below:.1f} % below it"
        )
    return PeakDecision(
        not failures, peak_year, peak_value, latest_year, latest_value, round(below, 2), as_of, len(points), reason
    )


def read_series_csv(path: Path) -> dict[int, float | None]:
    """A `year,value` CSV; a blank value is a missing year (kept as None, never read as zero)."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise PathwayInputError("", f"cannot read: {exc.strerror}", source=str(path)) from exc
    reader = csv.DictReader(io.StringIO(text))
    missing = [c for c in ("year", "value") if c not in (reader.fieldnames or [])]
    if missing:
        raise PathwayInputError("columns", f"missing {', '.join(missing)} (expected year,value)", source=str(path))
    out: dict[int, float | None] = {}
    for n, row in enumerate(reader, start=2):
        cell_year = (row.get("year") or "").strip()
        try:
            year = int(cell_year)
        except ValueError:
            raise PathwayInputError(f"row {n}, column year", f"not a year: {cell_year!r}", source=str(path)) from None
        if year in out:
            raise PathwayInputError(f"row {n}, column year", f"{year} appears twice", source=str(path))
        cell = (row.get("value") or "").strip()
        if cell == "" or cell.lower() in ("na", "nan", "null"):
            out[year] = None
            continue
        try:
            value = float(cell)
        except ValueError:
            raise PathwayInputError(f"row {n}, column value", f"not a number: {cell!r}", source=str(path)) from None
        out[year] = value
    return out
