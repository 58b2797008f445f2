"""Synthetic units and submissions for the demo and the benchmark — clearly labelled, never real.

Names read "示例企业0001（合成数据）"; credit codes are well formed (GB 11714 and GB 32100 check
characters) with the unit's region in positions 3–8 and its serial number as the organisation
code body. Quantities follow a seasonal pattern per fuel with a seeded random generator, so the
same call makes the same data. A few units are given gaps, jumps and growth on purpose so that
every flag has something to show.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np

from tanda.enterprises.creditcode import make_credit_code
from tanda.regions import children, division

__all__ = ["SyntheticUnit", "submission_rows", "synthetic_units"]

LABEL = "（合成数据）"
# industry division → (fuel, unit, typical monthly quantity) of what such a unit buys
PROFILES: dict[str, list[tuple[str, str, float]]] = {
    "30": [("原煤", "t", 9000), ("电力", "万千瓦时", 600), ("柴油", "t", 40)],
    "31": [("洗精煤", "t", 20000), ("焦炭", "t", 8000), ("电力", "万千瓦时", 2500), ("天然气", "万立方米", 50)],
    "26": [("原煤", "t", 6000), ("天然气", "万立方米", 300), ("电力", "万千瓦时", 900), ("热力", "吉焦", 20000)],
    "44": [("原煤", "t", 30000), ("柴油", "t", 20), ("电力", "万千瓦时", 300)],
    "22": [("原煤", "t", 2500), ("电力", "万千瓦时", 400), ("热力", "吉焦", 6000)],
    "36": [("天然气", "万立方米", 80), ("电力", "万千瓦时", 1500), ("热力", "吉焦", 8000)],
    "65": [("电力", "万千瓦时", 900), ("柴油", "t", 2)],
    "13": [("原煤", "t", 800), ("电力", "万千瓦时", 120), ("热力", "吉焦", 3000)],
}
_SEASON = {"原煤": 0.25, "热力": 0.6, "天然气": 0.35}  # heating-season amplitude


@dataclass(frozen=True)
class SyntheticUnit:
    serial: int
    credit_code: str
    name: str
    industry: str
    region: str
    scale: float
    data_centre: bool


def _regions_of(province: str) -> list[str]:
    codes = []
    for city in children(province):
        codes.append(city.code)
        codes.extend(c.code for c in children(city.code))
    return codes or [division(province).code]


def synthetic_units(count: int, *, province: str = "220000", seed: int = 2024, start: int = 1) -> list[SyntheticUnit]:
    """`count` units spread over the cities and counties of `province`."""
    rng = np.random.default_rng(seed)
    regions = _regions_of(province)
    industries = list(PROFILES)
    weights = np.array([0.18, 0.12, 0.16, 0.1, 0.1, 0.1, 0.06, 0.18])
    out = []
    for serial in range(start, start + count):
        region = regions[int(rng.integers(len(regions)))]
        industry = industries[int(rng.choice(len(industries), p=weights / weights.sum()))]
        scale = float(np.exp(rng.normal(-0.6, 0.8)))
        out.append(
            SyntheticUnit(
                serial=serial,
                credit_code=make_credit_code(region, 90_000_000 + serial),
                name=f"示例企业{serial:04d}{LABEL}",
                industry=industry,
                region=region,
                scale=scale,
                data_centre=industry == "65",
            )
        )
    return out


def submission_rows(
    units: list[SyntheticUnit], year: int, *, seed: int = 7, anomalies: bool = True
) -> Iterator[tuple[str, int, int, str, float, str]]:
    """(credit_code, year, month, fuel, quantity, unit) for every unit, month and fuel of its profile.

    With `anomalies`, every 17th unit skips a month, every 23rd jumps (×2.5) in one month, and
    every 29th grows strongly through the year.
    """
    rng = np.random.default_rng(seed + year)
    months = np.arange(1, 13)
    for u in units:
        profile = PROFILES[u.industry]
        growth = 1.0 + (0.12 * (months - 1) if anomalies and u.serial % 29 == 0 else 0.0)
        skip = int(rng.integers(2, 12)) if anomalies and u.serial % 17 == 0 else None
        jump = int(rng.integers(3, 12)) if anomalies and u.serial % 23 == 0 else None
        for fuel, unit, base in profile:
            amplitude = _SEASON.get(fuel, 0.08)
            season = 1.0 + amplitude * np.cos((months - 1) / 12 * 2 * np.pi)
            noise = rng.normal(1.0, 0.04, size=12)
            quantity = base * u.scale * season * noise * growth
            for m in months:
                if m == skip:
                    continue
                q = quantity[m - 1] * (2.5 if m == jump else 1.0)
                yield (u.credit_code, year, int(m), fuel, round(float(q), 2), unit)
