"""Energy-efficiency benchmark and baseline levels per product (能效标杆水平和基准水平), and screening.

The table (`tanda/data/enterprises/benchmarks.csv`, sources in its PROVENANCE.md) holds one row per
product: the indicator, its unit, the benchmark (the advanced level) and the baseline (the minimum
level), which document and edition the values are from (发改产业〔2021〕1609号 or its 2023 update
发改产业〔2023〕723号), the deadline by which capacity below the baseline must be renovated or leave
(end of 2025 for the 25 fields of 2021, end of 2026 for the 11 fields added in 2023), and the
public page its values were confirmed against (`source`, a key in PROVENANCE.md). Only confirmed
rows are packaged: the loader refuses a row without ``status`` confirmed and a ``source``, so
nothing is screened against numbers nobody can cite.

Screening puts a unit energy consumption into one of three classes. Every indicator is a
consumption per unit of product, so lower is better; a value *equal* to a level reaches it:

- ``benchmark``: at or better than the benchmark (达到标杆水平);
- ``between``: worse than the benchmark but at or better than the baseline (标杆与基准之间);
- ``below_baseline``: worse than the baseline (低于基准水平): renovate or exit by the deadline.
"""

from __future__ import annotations

import csv
import io
import math
from dataclasses import dataclass
from datetime import date
from functools import cache
from importlib import resources

__all__ = ["CLASSES", "Benchmark", "Screening", "benchmark", "benchmarks", "screen"]

CLASSES = ("benchmark", "between", "below_baseline")
CLASS_LABELS_ZH = {
    "benchmark": "达到标杆水平",
    "between": "标杆与基准之间",
    "below_baseline": "低于基准水平（须改造升级或淘汰退出）",
}


@dataclass(frozen=True)
class Benchmark:
    product: str
    field_zh: str
    product_zh: str
    product_en: str
    indicator_zh: str
    unit: str
    benchmark: float
    baseline: float
    better: str  # "lower": all published indicators are consumptions per unit of product
    edition: int
    document: str
    deadline: date
    division: str  # GB/T 4754-2017 division of the product's industry
    status: str  # "confirmed": the only status the loader accepts (see PROVENANCE.md)
    source: str  # key of the citation in PROVENANCE.md (P1, P2 …)

    def name(self, lang: str = "zh") -> str:
        return self.product_zh if lang.startswith("zh") else self.product_en


@dataclass(frozen=True)
class Screening:
    product: str
    value: float
    unit: str
    level: str  # one of CLASSES
    benchmark: float
    baseline: float
    deadline: date | None  # only for below_baseline
    gap_to_baseline: float  # value - baseline (positive: that much worse than the baseline)
    gap_to_benchmark: float  # value - benchmark

    @property
    def label_zh(self) -> str:
        return CLASS_LABELS_ZH[self.level]

    @property
    def must_act(self) -> bool:
        return self.level == "below_baseline"


@cache
def _load() -> dict[str, Benchmark]:
    return _parse(resources.files("tanda.data.enterprises").joinpath("benchmarks.csv").read_text(encoding="utf-8"))


def _parse(text: str) -> dict[str, Benchmark]:
    out: dict[str, Benchmark] = {}
    for row in csv.DictReader(io.StringIO(text)):
        item = Benchmark(
            product=row["product"],
            field_zh=row["field_zh"],
            product_zh=row["product_zh"],
            product_en=row["product_en"],
            indicator_zh=row["indicator_zh"],
            unit=row["unit"],
            benchmark=float(row["benchmark"]),
            baseline=float(row["baseline"]),
            better=row["better"],
            edition=int(row["edition"]),
            document=row["document"],
            deadline=date.fromisoformat(row["deadline"]),
            division=row["division"],
            status=row["status"],
            source=row["source"],
        )
        if item.better != "lower" or not item.benchmark < item.baseline:
            raise ValueError(f"benchmarks.csv: {item.product}: expected lower-is-better with benchmark < baseline")
        if item.status != "confirmed" or not item.source.strip():
            raise ValueError(
                f"benchmarks.csv: {item.product}: only values confirmed against a cited source are packaged"
            )
        if item.product in out:
            raise ValueError(f"benchmarks.csv: {item.product} given twice")
        out[item.product] = item
    return out


def benchmarks() -> dict[str, Benchmark]:
    """Every packaged product by id, in table order."""
    return dict(_load())


def benchmark(product: str) -> Benchmark:
    try:
        return _load()[product]
    except KeyError:
        raise KeyError(f"no benchmark for product {product!r}; known: {', '.join(_load())}") from None


def screen(product: str, value: float) -> Screening:
    """Classify a unit energy consumption (in the product's indicator unit) against its levels."""
    ref = benchmark(product)
    if value is None or not math.isfinite(value):
        raise ValueError(f"{value!r} is not a unit energy consumption")
    if value <= ref.benchmark:
        level = "benchmark"
    elif value <= ref.baseline:
        level = "between"
    else:
        level = "below_baseline"
    return Screening(
        product=product,
        value=float(value),
        unit=ref.unit,
        level=level,
        benchmark=ref.benchmark,
        baseline=ref.baseline,
        deadline=ref.deadline if level == "below_baseline" else None,
        gap_to_baseline=float(value) - ref.baseline,
        gap_to_benchmark=float(value) - ref.benchmark,
    )
