"""One pint registry with the units of Chinese statistics, so every conversion goes through one place.

Chinese yearbooks keep energy in 万吨标准煤 (10⁴ tce), gas in 亿立方米, electricity in 亿千瓦时, heat in
万百万千焦 (10⁴ GJ) and money in 万元/亿元. Writing these multipliers by hand in each module is how
a factor of 10⁴ goes missing; here they are defined once and tested.

A tonne of coal equivalent is 7000 kcal per kg (International Table calorie), i.e. 29.3076 GJ
(GB/T 2589); the definition below states it that way rather than as a decimal number.
Inventories hold CO2 as plain masses (`t`, `万吨`) and `parse_unit` tells whether a written unit
said CO2; callers that must keep CO2 apart from other masses (scenarios) use `tCO2`, `MtCO2`,
`kgCO2`, which have a dimension of their own. 万 and 亿 also stand alone ("万 tce").
"""

from __future__ import annotations

import re
from functools import lru_cache

import pint

__all__ = ["Q_", "UnitError", "conversion_factor", "dimension_of", "parse_unit", "ureg"]

_DEFINITIONS = """
tonne_coal_equivalent = 7000000000 * international_calorie = tce = 吨标准煤 = 吨标煤
kilogram_coal_equivalent = tce / 1000 = kgce = 千克标准煤 = 千克标煤 = 公斤标准煤
gram_coal_equivalent = tce / 1000000 = gce = 克标准煤
万吨标准煤 = 1e4 * tce = 万吨标煤 = 万tce
亿吨标准煤 = 1e8 * tce
Mtce = 1e6 * tce

吨 = metric_ton
千克 = kilogram = 公斤
万吨 = 1e4 * metric_ton = 万t
亿吨 = 1e8 * metric_ton

normal_cubic_meter = meter ** 3 = 标准立方米 = 标立方米
立方米 = meter ** 3 = 方
万立方米 = 1e4 * meter ** 3 = 万标准立方米 = 万标立方米 = 万方 = 万m3
亿立方米 = 1e8 * meter ** 3 = 亿标准立方米 = 亿方 = 亿m3

千瓦时 = kilowatt_hour
万千瓦时 = 1e4 * kilowatt_hour = 万kWh
亿千瓦时 = 1e8 * kilowatt_hour = 亿kWh
千瓦 = kilowatt
万千瓦 = 1e4 * kilowatt = 万kW

千焦 = kilojoule
百万千焦 = 1e6 * kilojoule = 吉焦
万百万千焦 = 1e10 * kilojoule = 万吉焦 = 万GJ
太焦 = terajoule

yuan = [currency] = 元 = CNY
万元 = 1e4 * yuan
亿元 = 1e8 * yuan

person = [population] = 人
万人 = 1e4 * person

wan = 1e4 = 万
yi = 1e8 = 亿

gram_carbon_dioxide = [carbon_dioxide] = gCO2
tCO2 = 1e6 * gCO2
"""


class UnitError(ValueError):
    """A unit text that the registry cannot read."""


def _make_registry() -> pint.UnitRegistry:
    reg = pint.UnitRegistry(autoconvert_offset_to_baseunit=True)
    for line in _DEFINITIONS.strip().splitlines():
        if line.strip():
            reg.define(line)
    return reg


ureg = _make_registry()
Q_ = ureg.Quantity

# Statistical texts write units with decorations pint cannot parse: "10^4 t", "10⁸ m³", "(万吨)", "Mt CO2".
_CO2_MARK = re.compile(r"(二氧化碳|CO₂|CO2|co2)(当量|e|eq)?", re.IGNORECASE)
_POWER_OF_TEN = re.compile(r"10\s*(?:\^|\*\*)?\s*([0-9⁰¹²³⁴⁵⁶⁷⁸⁹]+)\s*")
_SUPERSCRIPTS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")


@lru_cache(maxsize=512)
def parse_unit(text: str) -> tuple[pint.Unit, float, bool]:
    """Read a unit as written in a statistical table: (pint unit, multiplier, says CO2).

    The multiplier carries a written power of ten ("10^4 t" → t, 1e4) so that callers do one
    multiplication. "says CO2" is true for units such as "万吨二氧化碳", "Mt CO2", "tCO2".
    """
    raw = text.strip()
    if not raw:
        raise UnitError("empty unit")
    cleaned = raw.strip("()（）[]【】 ")
    co2 = bool(_CO2_MARK.search(cleaned))
    cleaned = _CO2_MARK.sub("", cleaned).strip()
    multiplier = 1.0
    match = _POWER_OF_TEN.match(cleaned)
    if match:
        multiplier = 10.0 ** int(match.group(1).translate(_SUPERSCRIPTS))
        cleaned = cleaned[match.end() :].strip()
    cleaned = cleaned.replace("m³", "m3").replace("³", "3").replace(" ", "").replace("Nm3", "m3")
    if not cleaned:
        raise UnitError(f"{raw!r} has no unit")
    # "m3" is pint's "m**3"; try the text as written first so that aliases such as 万m3 keep working.
    for candidate in dict.fromkeys([cleaned, re.sub(r"(?<=[A-Za-z])3$", "**3", cleaned)]):
        try:
            unit = ureg.parse_units(candidate)
        except Exception:  # pint raises assorted tokenizer and lookup errors on odd text
            continue
        if unit.dimensionless:
            continue
        return unit, multiplier, co2
    raise UnitError(f"{raw!r} is not a unit tanda knows")


@lru_cache(maxsize=1024)
def conversion_factor(text: str, target: str) -> float:
    """How many `target` units one `text` unit is; UnitError when the dimensions differ."""
    unit, multiplier, _ = parse_unit(text)
    target_unit, target_multiplier, _ = parse_unit(target)
    try:
        return float(Q_(multiplier, unit).to(target_unit).magnitude) / target_multiplier
    except pint.errors.DimensionalityError as exc:
        raise UnitError(f"{text!r} cannot be expressed in {target}") from exc


def dimension_of(text: str) -> str:
    """The dimension class of a unit: 'mass', 'volume', 'energy', 'power', 'currency', 'population' or 'other'."""
    unit, _, _ = parse_unit(text)
    dims = dict(unit.dimensionality)
    named = {
        "mass": {"[mass]": 1},
        "volume": {"[length]": 3},
        "energy": {"[mass]": 1, "[length]": 2, "[time]": -2},
        "power": {"[mass]": 1, "[length]": 2, "[time]": -3},
        "currency": {"[currency]": 1},
        "population": {"[population]": 1},
    }
    for name, dim in named.items():
        if dims == dim:
            return name
    return "other"
