"""Flags on units' monthly energy: missing months, month-on-month jumps, crossing 10,000 tce, data centres.

- ``missing``: a unit that reported in a year but not for some month up to the reporting horizon
  (the latest month any unit reported in that year, or `through` when given), so that a year in
  progress does not flag the months still to come;
- ``jump``: consumption (tce, equivalent value) changed from one month to the next by more than
  `threshold` (a fraction: 0.5 is ±50 %); a month of zero after a positive month counts as −100 %;
- ``crossed``: annual consumption reached the key-unit line (10,000 tce, packaged) while the year
  before was below it, or was not reported and the unit's registered band is below it;
- ``data_centre``: a data centre at or above the data-centre line that is not yet under online
  monitoring (the seed plans require all such centres in the online monitoring system).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from tanda.enterprises.reference import settings

__all__ = ["FLAG_KINDS", "Flag", "compute_flags"]

FLAG_KINDS = ("missing", "jump", "crossed", "data_centre")


@dataclass(frozen=True)
class Flag:
    unit: object
    kind: str  # one of FLAG_KINDS
    year: int
    month: int | None
    message: str
    value: float | None = None


def compute_flags(
    monthly: pd.DataFrame,
    *,
    threshold: float | None = None,
    through: Mapping[int, int] | None = None,
    registered_below: set[object] | None = None,
    data_centres: Mapping[object, bool] | None = None,
) -> list[Flag]:
    """Flags for every unit-year of `monthly` (columns unit, year, month, tce_equivalent).

    `registered_below`: units whose registered band is below the key-unit line (used when the
    previous year is not reported). `data_centres`: unit → whether it is under online monitoring,
    for the units that are data centres.
    """
    conf = settings()
    threshold = conf["jump_threshold"] if threshold is None else float(threshold)
    key_line = float(conf["key_unit_tce"])
    centre_line = float(conf["data_centre_monitoring_tce"])
    flags: list[Flag] = []
    if monthly.empty:
        return flags
    frame = monthly[["unit", "year", "month", "tce_equivalent"]].sort_values(["unit", "year", "month"])

    # missing months: only unit-years with fewer months than the horizon are looked at one by one
    horizon = frame.groupby("year")["month"].max().to_dict()
    if through:
        horizon.update({int(y): int(m) for y, m in through.items()})
    limit = frame["year"].map(horizon).to_numpy(dtype=np.int64)
    reported = frame[frame["month"].to_numpy() <= limit].groupby(["unit", "year"], sort=False)["month"].nunique()
    reported = reported.reindex(frame.groupby(["unit", "year"], sort=False).size().index, fill_value=0)
    expected = reported.index.get_level_values("year").map(horizon).to_numpy(dtype=np.int64)
    short = set(reported.index[reported.to_numpy() < expected])
    if short:
        within = frame[[key in short for key in zip(frame["unit"], frame["year"], strict=True)]]
        for (unit, year), months in within.groupby(["unit", "year"], sort=False)["month"]:
            missing = sorted(set(range(1, int(horizon[year]) + 1)) - set(months.astype(int)))
            if missing:
                flags.append(
                    Flag(
                        unit,
                        "missing",
                        int(year),
                        missing[0],
                        f"{int(year)}: no submission for month(s) {', '.join(map(str, missing))}",
                        float(len(missing)),
                    )
                )

    # month-on-month jumps (consecutive calendar months only)
    units = frame["unit"].to_numpy()
    period = frame["year"].to_numpy(dtype=np.int64) * 12 + frame["month"].to_numpy(dtype=np.int64)
    tce = frame["tce_equivalent"].to_numpy(dtype=np.float64)
    same = (units[1:] == units[:-1]) & (period[1:] == period[:-1] + 1)
    prev, cur = tce[:-1], tce[1:]
    with np.errstate(divide="ignore", invalid="ignore"):
        change = np.where(prev > 0, cur / prev - 1.0, np.nan)
    hits = np.flatnonzero(same & (np.abs(np.nan_to_num(change, nan=0.0)) > threshold))
    for i in hits:
        j = i + 1
        year, month = divmod(int(period[j]) - 1, 12)
        flags.append(
            Flag(
                units[j],
                "jump",
                year,
                month + 1,
                f"{year}-{month + 1:02d}: {cur[i]:,.1f} tce against {prev[i]:,.1f} tce the month before "
                f"({change[i]:+.0%}, threshold ±{threshold:.0%})",
                float(change[i]),
            )
        )

    # crossing the key-unit line, and data centres above their line
    annual = frame.groupby(["unit", "year"])["tce_equivalent"].sum().to_dict()
    below = registered_below or set()
    for (unit, year), total in annual.items():
        if total < key_line:
            continue
        before = annual.get((unit, year - 1))
        if (before is not None and before < key_line) or (before is None and unit in below):
            flags.append(
                Flag(
                    unit,
                    "crossed",
                    int(year),
                    None,
                    f"{int(year)}: {total:,.0f} tce, at or above the key-unit line of {key_line:,.0f} tce"
                    + (f" (the year before: {before:,.0f} tce)" if before is not None else " (registered below it)"),
                    float(total),
                )
            )
    unmonitored = {unit for unit, monitored in (data_centres or {}).items() if not monitored}
    for (unit, year), total in annual.items():
        if unit in unmonitored and total >= centre_line:
            flags.append(
                Flag(
                    unit,
                    "data_centre",
                    int(year),
                    None,
                    f"{int(year)}: data centre using {total:,.0f} tce (≥ {centre_line:,.0f}) is not under "
                    "online energy monitoring",
                    float(total),
                )
            )
    return flags
