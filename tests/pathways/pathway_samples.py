"""Small inline scenarios for the pathway tests, built as plain dicts (as a user's YAML would be)."""

from __future__ import annotations

import copy
from typing import Any

ONE_SECTOR: dict[str, Any] = {
    "name": "one-sector",
    "base": {
        "year": 2020,
        "population": {"value": 1000, "unit": "1e4 person"},
        "gdp": {"value": 1000, "unit": "1e8 yuan"},
        "energy_unit": "Mtce",
        "sectors": {"industry": {"activity": "gdp", "energy": {"Raw Coal": 100}}},
    },
    "end_year": 2060,
    "peak_tolerance_pct": 0,
    "drivers": {},
}

TWO_SECTORS: dict[str, Any] = {
    "name": "two-sectors",
    "base": {
        "year": 2020,
        "population": {"value": 2500, "unit": "1e4 person"},
        "gdp": {"value": 12000, "unit": "1e8 yuan"},
        "energy_unit": "1e4 tce",
        "industry_structure": {"primary": 10, "secondary": 40, "tertiary": 50},
        "non_fossil_share": 10,
        "sectors": {
            "power": {"activity": "gdp", "role": "power", "energy": {"Raw Coal": 3000, "Natural Gas": 200}},
            "industry": {"activity": "secondary", "energy": {"Raw Coal": 2000, "Coke": 500, "Natural Gas": 300}},
            "homes": {"activity": "population", "energy": {"Raw Coal": 400, "LPG": 100}},
        },
        "process": {"cement": {"value": 5, "unit": "Mt CO2"}},
        "history": {
            2005: {"co2": 100, "gdp": 4000, "energy": 3000},
            2020: {"co2": 150, "gdp": 12000, "energy": 6000},
        },
    },
    "drivers": {
        "gdp_growth": [{"from": 2021, "to": 2030, "pct": 5}, {"from": 2031, "to": 2060, "pct": 3}],
        "population_growth": [{"from": 2021, "to": 2060, "pct": -0.3}],
        "energy_intensity": {"*": [{"from": 2021, "to": 2060, "pct": -3}]},
        "non_fossil_share": {2030: 20, 2060: 60},
        "fuel_shifts": [
            {
                "id": "coal-gas",
                "sectors": ["industry", "homes"],
                "from": "coal",
                "to": "Natural Gas",
                "fraction_pct": 30,
                "start": 2021,
                "end": 2030,
            },
        ],
    },
    "measures": [
        {
            "id": "efficiency",
            "start": 2025,
            "drivers": {"energy_intensity": {"industry": [{"from": 2025, "to": 2060, "pct": -5}]}},
        },
        {
            "id": "more-gas",
            "start": 2026,
            "drivers": {
                "fuel_shifts": [
                    {
                        "id": "power-gas",
                        "sectors": ["power"],
                        "from": "Raw Coal",
                        "to": "Natural Gas",
                        "fraction_pct": 20,
                        "start": 2026,
                        "end": 2035,
                    }
                ]
            },
        },
    ],
    "targets": [
        {"indicator": "non_fossil_share", "year": 2030, "value": 20},
        {"indicator": "co2_intensity_change", "year": 2030, "reference_year": 2005, "value": -65},
        {"indicator": "coal_consumption", "year": 2025, "value": 6000, "unit": "1e4 t"},
        {"indicator": "peak_year", "value": 2030},
    ],
    "uncertainty": {
        "distributions": [
            {"driver": "gdp_growth", "dist": "normal", "sd": 1.0},
            {"driver": "energy_intensity:*", "dist": "triangular", "low": -1.0, "mode": 0.0, "high": 0.5},
            {"driver": "fuel_shift:coal-gas", "dist": "uniform", "low": -10, "high": 10},
            {"driver": "non_fossil_share", "dist": "normal", "sd": 2, "start": 2025},
        ],
        "correlations": [{"drivers": ["gdp_growth", "energy_intensity:*"], "rho": -0.6}],
    },
}


def doc(sample: dict[str, Any], **changes: Any) -> dict[str, Any]:
    """A deep copy of `sample` with top-level keys replaced."""
    out = copy.deepcopy(sample)
    out.update(copy.deepcopy(changes))
    return out
