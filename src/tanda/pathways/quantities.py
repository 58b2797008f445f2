"""Unit checks for scenario values, with pint.

The project's own registry (`tanda.units`, units of Chinese statistics) is used when it exists and
knows the units this module needs; until then a private pint registry with the few definitions the
pathways need (tce, CO2 mass, currency, population) stands in. Either way a value is converted to
the engine's internal units: t CO2, tce, yuan, person, kWh.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

import pint

from tanda.pathways.errors import PathwayInputError

# kind → (internal unit, an example unit for messages)
KINDS: dict[str, tuple[str, str]] = {
    "energy": ("tce", "Mtce, 1e4 tce, PJ"),
    "co2": ("tCO2", "tCO2, MtCO2, 1e4 tCO2"),
    "co2_per_electricity": ("tCO2/kWh", "kgCO2/kWh"),
    "electricity": ("kWh", "kWh, 1e8 kWh, TWh"),
    "currency": ("yuan", "1e8 yuan, 1e4 yuan"),
    "population": ("person", "1e4 person, person"),
    "mass": ("t", "t, 1e4 t, Mt"),
}

_FALLBACK_DEFINITIONS = (
    "tce = 29.3076 GJ",
    "gCO2 = [carbon_dioxide]",
    "tCO2 = 1e6 gCO2",
    "yuan = [currency] = CNY",
    "person = [population]",
    "wan = 1e4 = 万",
    "yi = 1e8 = 亿",
)


@cache
def registry() -> pint.UnitRegistry:
    """The project registry if it knows every internal unit, else the private fallback."""
    try:
        from tanda.units import ureg  # type: ignore[import-not-found,attr-defined]

        for unit, _ in KINDS.values():
            ureg.parse_expression(unit)
        return ureg
    except Exception:
        ureg = pint.UnitRegistry()
        for line in _FALLBACK_DEFINITIONS:
            ureg.define(line)
        return ureg


def _normalise(unit: str) -> str:
    """Accept the spellings people write: `Mt CO2`, `10^4 tce`, `万tce`."""
    text = unit.strip()
    text = re.sub(r"(\w)\s+CO2", r"\1CO2", text)
    text = re.sub(r"([万亿])\s*", r"\1 ", text)
    return text


def factor(unit: str, kind: str, field: str) -> float:
    """How many internal units one `unit` is; raises naming `field` when the unit does not fit `kind`."""
    try:
        return _factor(unit, kind)
    except PathwayInputError as exc:
        raise PathwayInputError(field, exc.message) from None


@cache
def _factor(unit: str, kind: str) -> float:
    """Cached: the engine asks for the same few units on every chunk of members."""
    internal, examples = KINDS[kind]
    ureg = registry()
    try:
        parsed: Any = ureg.parse_expression(_normalise(unit))
    except Exception as exc:
        raise PathwayInputError("", f"unknown unit {unit!r} (expected {kind}, e.g. {examples})") from exc
    if not isinstance(parsed, pint.Quantity):
        parsed = ureg.Quantity(parsed)
    try:
        return float(parsed.to(internal).magnitude)
    except pint.DimensionalityError as exc:
        raise PathwayInputError(
            "", f"unit {unit!r} does not fit: expected {kind}, e.g. {examples} (got {parsed.dimensionality})"
        ) from exc


@cache
def fits(unit: str, kind: str) -> bool:
    """Whether `unit` is a unit of `kind` (no exception, so it can be asked on every chunk)."""
    try:
        _factor(unit, kind)
    except PathwayInputError:
        return False
    return True


def convert(value: float, from_unit: str, to_unit: str) -> float:
    """Convert between two units of the same dimension (used for outputs, e.g. tce → EJ)."""
    ureg = registry()
    return float(ureg.Quantity(value, _normalise(from_unit)).to(_normalise(to_unit)).magnitude)
