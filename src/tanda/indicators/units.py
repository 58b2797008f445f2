"""Units as Chinese statistics write them (万千瓦, 亿立方米, 万个, 吨标准煤/万元 …), converted through pint.

The project-wide registry `tanda.units` (owned by the inventory work) is used first: whenever it
reads both units of a conversion, its factor is the answer, so energy, mass, volume, power and
money convert in one place for the whole project. It does not (yet) know what indicators also
need: shares (%), counts (个, 座, 户), areas in 亩, lengths in 公里, 兆瓦, and ordinal scales
(等级, A级, 星级). Those are defined here, in a registry of this module's own, and a pair that
`tanda.units` cannot read is converted here. A test checks that both give the same factor where
they overlap. When `tanda.units` learns these units, this module shrinks to `describe` and a shim.

A Chinese unit string is read as an optional magnitude word (十/百/千/万/十万/百万/千万/亿) followed by
a base unit (千瓦, 立方米, 亩, 个 …), with `/` for ratios. Classifiers of things counted (个, 座, 户,
辆 …) are one dimension, `item`, so that 1.2万个 → 12000 个 and a count of piles in 座 is accepted,
while a count can never be mistaken for a share or a capacity. Ordinal scales (等级, A级, 星级) get a
dimension each: they convert to nothing but themselves.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache, lru_cache

import pint


class UnitError(ValueError):
    """A unit that cannot be read, or two units that cannot be converted into each other."""


# Magnitude words, longest first so that 千万 is not read as 千 + 万….
_MAGNITUDES: list[tuple[str, float]] = [
    ("十万", 1e5),
    ("百万", 1e6),
    ("千万", 1e7),
    ("万亿", 1e12),
    ("十", 10.0),
    ("百", 100.0),
    ("千", 1e3),
    ("万", 1e4),
    ("亿", 1e8),
]

# Base units: the written form → a pint expression in the registry below. Definitional
# conversions (1 亩 = 1/15 公顷, 1 tce = 29.3076 GJ) are in `_DEFINITIONS`, not scattered in code.
_BASE_UNITS: dict[str, str] = {
    "": "dimensionless",
    "%": "percent",
    "％": "percent",
    "百分比": "percent",
    "个百分点": "percent",
    "百分点": "percent",
    # power and energy
    "瓦": "watt",
    "千瓦": "kilowatt",
    "兆瓦": "megawatt",
    "吉瓦": "gigawatt",
    "千瓦时": "kilowatt_hour",
    "度": "kilowatt_hour",
    "千伏": "kilovolt",
    "吨标准煤": "tce",
    "吨标煤": "tce",
    "标准煤": "tce",
    "焦耳": "joule",
    "吉焦": "gigajoule",
    # mass, volume, area, length
    "吨": "tonne",
    "千克": "kilogram",
    "公斤": "kilogram",
    "克": "gram",
    "毫克": "milligram",
    "吨二氧化碳": "tonne",
    "吨二氧化碳当量": "tonne",
    "千克二氧化碳": "kilogram",
    "立方米": "meter ** 3",
    "方": "meter ** 3",
    "升": "liter",
    "亩": "mu",
    "公顷": "hectare",
    "平方米": "meter ** 2",
    "平方公里": "kilometer ** 2",
    "平方千米": "kilometer ** 2",
    "公里": "kilometer",
    "千米": "kilometer",
    "米": "meter",
    "吨公里": "tonne * kilometer",
    # money
    "元": "yuan",
    # time
    "年": "year",
    "天": "day",
    "日": "day",
    "小时": "hour",
    "时": "hour",
    # things counted: one dimension whatever the classifier
    "个": "item",
    "座": "item",
    "户": "item",
    "家": "item",
    "辆": "item",
    "台": "item",
    "处": "item",
    "项": "item",
    "根": "item",
    "套": "item",
    "条": "item",
    "所": "item",
    "人": "item",
    "枪": "item",
    # ordinal scales
    "等级": "grade_step",
    "个等级": "grade_step",
    "等": "grade_step",
    "A级": "a_grade",
    "星级": "star_grade",
    "星": "star_grade",
    "蒸吨": "steam_tonne",
}

_DEFINITIONS = [
    "tce = 29.3076 * gigajoule = tonne_coal_equivalent",
    "mu = hectare / 15",
    "yuan = [currency]",
    "item = [item]",
    "grade_step = [grade_step]",
    "a_grade = [a_grade]",
    "star_grade = [star_grade]",
    "steam_tonne = [steam_tonne]",
]


@cache
def registry() -> pint.UnitRegistry:
    """The registry, built once (building one takes a noticeable fraction of a second)."""
    ureg = pint.UnitRegistry()
    for definition in _DEFINITIONS:
        ureg.define(definition)
    return ureg


def _normalise(text: str) -> str:
    text = unicodedata.normalize("NFKC", text or "").strip()
    # NFKC turns ％ into % and full-width letters into ASCII; drop spaces and a leading "单位：".
    text = re.sub(r"\s+", "", text)
    return text.removeprefix("单位:")


def _parse_simple(text: str) -> pint.Quantity:
    ureg = registry()
    if text in _BASE_UNITS:
        return ureg.Quantity(1.0, _BASE_UNITS[text])
    for word, factor in _MAGNITUDES:
        if text.startswith(word) and text[len(word) :] in _BASE_UNITS:
            return ureg.Quantity(factor, _BASE_UNITS[text[len(word) :]])
    # A number then a unit: "百吨公里" is handled above; "100千米" here.
    match = re.fullmatch(r"(\d+(?:\.\d+)?)(.+)", text)
    if match:
        return float(match.group(1)) * _parse_simple(match.group(2))
    raise UnitError(f"unknown unit '{text}'")


@lru_cache(maxsize=512)
def parse_unit(text: str) -> pint.Quantity:
    """The quantity that one written unit stands for: '万千瓦' → 10000 kW; '吨标准煤/万元' → 1e-4 tce/yuan."""
    norm = _normalise(text)
    if "/" in norm:
        numerator, _, denominator = norm.partition("/")
        return _parse_simple(numerator) / _parse_simple(denominator)
    return _parse_simple(norm)


def shared_factor(from_unit: str, to_unit: str) -> float | None:
    """The factor from the project-wide registry `tanda.units`, or None when it cannot read both units."""
    try:
        from tanda.units import conversion_factor
    except ImportError:  # an older tree without the shared registry
        return None
    try:
        return conversion_factor(from_unit, to_unit)
    except Exception:  # unreadable or incompatible there: the local registry decides, with its message
        return None


def local_factor(from_unit: str, to_unit: str) -> float:
    """The factor from this module's registry; UnitError when unreadable or of different kinds."""
    source, target = parse_unit(from_unit), parse_unit(to_unit)
    try:
        factor = (source / target).to("dimensionless").magnitude
    except pint.DimensionalityError as exc:
        raise UnitError(
            f"'{from_unit}' ({describe(from_unit)}) cannot be converted to '{to_unit}' ({describe(to_unit)})"
        ) from exc
    return factor


def convert(value: float, from_unit: str, to_unit: str) -> float:
    """`value` written in `from_unit`, expressed in `to_unit` (1.2, '万个', '个' → 12000.0)."""
    factor = shared_factor(from_unit, to_unit)
    if factor is None:
        factor = local_factor(from_unit, to_unit)
    return tidy(value * factor)


def tidy(value: float) -> float:
    """Round away binary noise of unit factors (1.2 × 10⁴ = 12000.000000000002) to 15 significant digits."""
    return float(f"{value:.15g}")


# What a person calls a dimension, for messages: "a mass" reads better than "[mass]".
_KINDS_OF_QUANTITY = [
    ("percent", "a share or ratio"),
    ("kilowatt", "a power"),
    ("gigajoule", "an energy"),
    ("tonne", "a mass"),
    ("meter ** 3", "a volume"),
    ("meter ** 2", "an area"),
    ("meter", "a length"),
    ("item", "a count"),
    ("yuan", "an amount of money"),
    ("tonne / yuan", "a mass per unit of money"),
    ("gigajoule / yuan", "an energy per unit of money"),
    ("kilogram / tonne / kilometer", "a mass per tonne-kilometre"),
    ("hour", "a time"),
    ("grade_step", "a number of grades (等级)"),
    ("a_grade", "a grade on the A scale (A级)"),
    ("star_grade", "a star rating (星级)"),
]


def describe(unit: str) -> str:
    """The kind of quantity a unit measures, in words ('万千瓦' → 'a power')."""
    ureg = registry()
    dims = parse_unit(unit).dimensionality
    for expression, words in _KINDS_OF_QUANTITY:
        if ureg.Quantity(1, expression).dimensionality == dims:
            return words
    return str(dims)


def compatible(from_unit: str, to_unit: str) -> bool:
    """Whether `from_unit` can be converted to `to_unit` (both readable, same dimension)."""
    try:
        convert(1.0, from_unit, to_unit)
    except UnitError:
        return False
    return True
