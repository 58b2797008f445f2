"""The indicator catalogue: what each indicator is, its unit, and which way is better.

The catalogue is data (`tanda/data/indicators/catalogue.csv`, with its PROVENANCE.md), not code,
so that adding an indicator or a synonym is a one-line change a domain expert can review.
"""

from __future__ import annotations

import ast
import csv
import io
import operator
import re
import unicodedata
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Literal

from tanda.indicators.units import parse_unit, registry, tidy

Direction = Literal["up", "down"]
KINDS = ("level", "reduction", "increase", "cap", "floor")


@dataclass(frozen=True)
class Indicator:
    code: str
    name_zh: str
    name_en: str
    unit: str
    direction: Direction
    kinds: tuple[str, ...]
    category: str
    min: float | None = None
    max: float | None = None
    formula: str | None = None
    synonyms: tuple[str, ...] = ()

    @property
    def names(self) -> tuple[str, ...]:
        """Every name the indicator goes by, the statistical one first."""
        return (self.name_zh, *self.synonyms)

    @property
    def is_share(self) -> bool:
        return self.unit == "%"

    def inputs(self) -> list[str]:
        """The codes a derived indicator's formula reads, in order of appearance."""
        if not self.formula:
            return []
        names = [node.id for node in ast.walk(ast.parse(self.formula, mode="eval")) if isinstance(node, ast.Name)]
        return list(dict.fromkeys(names))

    def to_dict(self) -> dict[str, object]:
        return {
            "code": self.code,
            "name_zh": self.name_zh,
            "name_en": self.name_en,
            "unit": self.unit,
            "direction": self.direction,
            "kinds": list(self.kinds),
            "category": self.category,
            "min": self.min,
            "max": self.max,
            "formula": self.formula,
            "synonyms": list(self.synonyms),
        }


class CatalogueError(ValueError):
    """The catalogue file is inconsistent (a bad unit, an unknown code in a formula, a duplicate name)."""


def normalise_name(name: str) -> str:
    """The form names are compared in: NFKC (full-width brackets and digits to ASCII), no spaces or quotes."""
    text = unicodedata.normalize("NFKC", name or "")
    return re.sub(r"[\s\"'“”‘’「」《》]", "", text)


def _number(text: str) -> float | None:
    return float(text) if text.strip() else None


def _split(text: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in text.split("|") if part.strip())


class Catalogue:
    """The indicators by code, with lookup by any of their names."""

    def __init__(self, indicators: list[Indicator]) -> None:
        self._by_code: dict[str, Indicator] = {}
        self._by_name: dict[str, Indicator] = {}
        for ind in indicators:
            if ind.code in self._by_code:
                raise CatalogueError(f"indicator {ind.code}: code listed twice")
            self._by_code[ind.code] = ind
        for ind in indicators:
            self._check(ind)
            for name in ind.names:
                key = normalise_name(name)
                other = self._by_name.get(key)
                if other is not None and other.code != ind.code:
                    raise CatalogueError(f"name '{name}' belongs to both {other.code} and {ind.code}")
                self._by_name[key] = ind

    def _check(self, ind: Indicator) -> None:
        # Fail when the catalogue is loaded, not when some user's observation first needs the unit.
        try:
            parse_unit(ind.unit)
        except ValueError as exc:
            raise CatalogueError(f"indicator {ind.code}: {exc}") from exc
        if ind.direction not in ("up", "down"):
            raise CatalogueError(f"indicator {ind.code}: direction must be up or down, not {ind.direction!r}")
        bad = [k for k in ind.kinds if k not in KINDS]
        if bad:
            raise CatalogueError(f"indicator {ind.code}: unknown target kinds {bad}")
        if ind.formula:
            try:
                _check_formula(ast.parse(ind.formula, mode="eval").body)
            except (SyntaxError, CatalogueError) as exc:
                raise CatalogueError(f"indicator {ind.code}: {exc}") from exc
        for name in ind.inputs():
            if name not in self._by_code:
                raise CatalogueError(f"indicator {ind.code}: formula reads unknown indicator {name}")

    def __iter__(self) -> Iterator[Indicator]:
        return iter(self._by_code.values())

    def __len__(self) -> int:
        return len(self._by_code)

    def __contains__(self, code: object) -> bool:
        return code in self._by_code

    def __getitem__(self, code: str) -> Indicator:
        return self._by_code[code]

    def get(self, code: str) -> Indicator | None:
        return self._by_code.get(code)

    def by_name(self, name: str) -> Indicator | None:
        """The indicator with this exact name or synonym (after `normalise_name`), if any."""
        return self._by_name.get(normalise_name(name))

    def resolve(self, code_or_name: str) -> Indicator | None:
        """An indicator given as a code (`forest_cover`) or as one of its names (`森林覆盖率`)."""
        return self._by_code.get(code_or_name.strip()) or self.by_name(code_or_name)

    def names(self) -> Mapping[str, Indicator]:
        """Normalised name → indicator, for the linker."""
        return self._by_name

    def derive(self, code: str, values: Mapping[str, float]) -> float:
        """The value of a derived indicator from its inputs, each in its catalogue unit.

        Evaluated with units, so that the formula states only the relation
        (`total_energy_consumption / gdp_constant_prices`) and the scale (万吨标准煤 / 亿元 → 吨标准煤/万元,
        a fraction → %) follows from the units instead of from a factor someone has to remember.
        """
        ind = self._by_code[code]
        if not ind.formula:
            raise CatalogueError(f"indicator {code} has no formula")
        missing = [name for name in ind.inputs() if name not in values]
        if missing:
            raise KeyError(f"{code} needs {', '.join(missing)}")
        ureg = registry()
        quantities = {name: values[name] * parse_unit(self._by_code[name].unit) for name in ind.inputs()}
        result = _evaluate(ast.parse(ind.formula, mode="eval").body, quantities)
        if not hasattr(result, "to"):
            result = ureg.Quantity(result, "dimensionless")
        target = parse_unit(ind.unit)
        return tidy((result / target).to("dimensionless").magnitude)


_OPERATORS = {ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul, ast.Div: operator.truediv}


def _check_formula(node: ast.AST) -> None:
    if isinstance(node, ast.BinOp) and type(node.op) in _OPERATORS:
        _check_formula(node.left)
        _check_formula(node.right)
    elif not (isinstance(node, ast.Name) or (isinstance(node, ast.Constant) and isinstance(node.value, int | float))):
        raise CatalogueError(f"formula element not allowed: {ast.unparse(node)}")


def _evaluate(node: ast.AST, names: Mapping[str, object]) -> object:
    """Arithmetic only (+ − × ÷, numbers, names): a formula is data and must not run code."""
    if isinstance(node, ast.BinOp) and type(node.op) in _OPERATORS:
        return _OPERATORS[type(node.op)](_evaluate(node.left, names), _evaluate(node.right, names))
    if isinstance(node, ast.Constant) and isinstance(node.value, int | float):
        return node.value
    if isinstance(node, ast.Name):
        return names[node.id]
    raise CatalogueError(f"formula element not allowed: {ast.dump(node)}")


def parse_catalogue(text: str) -> Catalogue:
    """A catalogue from CSV text in the format of `catalogue.csv` (see its PROVENANCE.md)."""
    indicators = []
    for line, row in enumerate(csv.DictReader(io.StringIO(text)), start=2):
        try:
            indicators.append(
                Indicator(
                    code=row["code"].strip(),
                    name_zh=row["name_zh"].strip(),
                    name_en=row["name_en"].strip(),
                    unit=row["unit"].strip(),
                    direction=row["direction"].strip(),  # type: ignore[arg-type]
                    kinds=_split(row["kinds"]),
                    category=row["category"].strip(),
                    min=_number(row["min"]),
                    max=_number(row["max"]),
                    formula=row["formula"].strip() or None,
                    synonyms=_split(row["synonyms"]),
                )
            )
        except (KeyError, AttributeError, ValueError) as exc:
            raise CatalogueError(f"catalogue line {line}: {exc}") from exc
    return Catalogue(indicators)


@cache
def load_catalogue() -> Catalogue:
    """The packaged catalogue (read once; it is reference data and does not change while running)."""
    text = resources.files("tanda.data.indicators").joinpath("catalogue.csv").read_text(encoding="utf-8")
    return parse_catalogue(text)
