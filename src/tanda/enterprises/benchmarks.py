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

A province's or city's office holds the official documents we could not read, and provinces publish
stricter local levels. Such a level is *entered* (`entered_level`) rather than packaged: the same
fields plus a citation saying where in the document the values stand. `level_problems` says, field
by field, what is wrong with one; `screen_against` screens against any level, packaged or entered.
Which level applies to a project is the web layer's decision (it knows regions and who entered what).
"""

from __future__ import annotations

import csv
import io
import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from functools import cache
from importlib import resources

from tanda.enterprises.industries import industry_problem, resolve_industry

__all__ = [
    "CLASSES",
    "ENTERED",
    "LEVEL_FIELDS",
    "Benchmark",
    "LevelError",
    "LevelProblem",
    "Screening",
    "benchmark",
    "benchmarks",
    "entered_level",
    "level_problems",
    "screen",
    "screen_against",
]

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
        return self.product_zh if lang.startswith("zh") else (self.product_en or self.product_zh)


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
    """Classify a unit energy consumption (in the product's indicator unit) against its packaged levels."""
    return screen_against(benchmark(product), value)


def screen_against(ref: Benchmark, value: float) -> Screening:
    """Classify a unit energy consumption against one level, packaged or entered (lower is better)."""
    if value is None or isinstance(value, bool) or not math.isfinite(value):
        raise ValueError(f"{value!r} is not a unit energy consumption")
    if value <= ref.benchmark:
        level = "benchmark"
    elif value <= ref.baseline:
        level = "between"
    else:
        level = "below_baseline"
    return Screening(
        product=ref.product,
        value=float(value),
        unit=ref.unit,
        level=level,
        benchmark=ref.benchmark,
        baseline=ref.baseline,
        deadline=ref.deadline if level == "below_baseline" else None,
        gap_to_baseline=float(value) - ref.baseline,
        gap_to_benchmark=float(value) - ref.benchmark,
    )


# ------------------------------------------------------------------ levels entered by a user

ENTERED = "entered"  # the status of a level entered from a document an office holds (not packaged)

# field → (label, longest text accepted); the order is the order of a level's form and file columns
LEVEL_FIELDS: dict[str, tuple[str, int | None]] = {
    "product": ("产品代码", 40),
    "field_zh": ("领域", 100),
    "product_zh": ("产品名称", 100),
    "product_en": ("英文名称", 200),
    "indicator_zh": ("指标", 100),
    "unit": ("单位", 40),
    "benchmark": ("标杆水平", None),
    "baseline": ("基准水平", None),
    "edition": ("版本年份", None),
    "document": ("文件", 200),
    "deadline": ("改造或退出期限", None),
    "division": ("行业大类", 5),
    "citation": ("出处", 300),
}
OPTIONAL_LEVEL_FIELDS = frozenset({"product_en"})
EDITIONS = (2000, 2100)
_PRODUCT_ID = re.compile(r"^[a-z][a-z0-9_]*$")
_Report = Callable[[str, str], None]
_ASCII = str.maketrans({"\u2212": "-", "\uff0d": "-", "\u2013": "-", "\uff0e": ".", "\u3000": " "})


@dataclass(frozen=True)
class LevelProblem:
    """What is wrong with one field of an entered level, said for the person who typed it."""

    field: str  # a key of LEVEL_FIELDS (or "better")
    message: str

    def __str__(self) -> str:
        return f"{self.field}: {self.message}"


class LevelError(ValueError):
    """An entered level that cannot be used; `problems` names every field that is wrong."""

    def __init__(self, problems: list[LevelProblem]) -> None:
        self.problems = list(problems)
        super().__init__("; ".join(str(p) for p in self.problems))


def level_problems(values: Mapping[str, object]) -> list[LevelProblem]:
    """Every problem of a level as a user entered it (form, file row or API); empty when it can be used."""
    return _read_level(values)[1]


def entered_level(values: Mapping[str, object]) -> Benchmark:
    """The level a user entered, checked like a packaged row and stricter (a citation is required).

    Values may be typed (numbers, dates) or text as a file holds them ("−3", "2025-12-31"); a
    division may be given as any GB/T 4754 code and is kept as its two-digit division. Raises
    LevelError naming each wrong field.
    """
    ref, problems = _read_level(values)
    if problems or ref is None:
        raise LevelError(problems)
    return ref


def _read_level(values: Mapping[str, object]) -> tuple[Benchmark | None, list[LevelProblem]]:
    problems: list[LevelProblem] = []

    def problem(name: str, message: str) -> None:
        label = LEVEL_FIELDS[name][0] if name in LEVEL_FIELDS else name
        problems.append(LevelProblem(name, f"{label}（{name}）{message}"))

    text: dict[str, str] = {}
    for name, (_, longest) in LEVEL_FIELDS.items():
        raw = values.get(name)
        cell = "" if raw is None else (raw if isinstance(raw, str) else str(raw)).strip()
        if not cell and name not in OPTIONAL_LEVEL_FIELDS:
            problem(name, "不能为空")
        elif longest is not None and len(cell) > longest:
            problem(name, f"过长：{len(cell)} 个字符，最多 {longest} 个")
        text[name] = cell
    product = text["product"]
    if product and not _PRODUCT_ID.match(product):
        problem("product", f"“{product}”须以小写英文字母开头，只含小写字母、数字和下划线，如 cement_clinker")
    better = str(values.get("better") or "lower").strip()
    if better != "lower":
        problem("better", f"“{better}”不可用：所有指标都是单位产品能耗，越低越好（lower）")
    benchmark_value = _number(values.get("benchmark"), "benchmark", problem)
    baseline_value = _number(values.get("baseline"), "baseline", problem)
    if benchmark_value is not None and baseline_value is not None and not benchmark_value < baseline_value:
        problem(
            "benchmark",
            f"{benchmark_value:g} 须低于基准水平（baseline）{baseline_value:g}：指标越低越好，标杆水平是更先进的一档"
            "（负值同理，如 −3 低于 −1）",
        )
    edition = _edition(values.get("edition"), problem)
    deadline = _deadline(values.get("deadline"), problem)
    if edition is not None and deadline is not None and deadline.year < edition:
        problem("deadline", f"{deadline.isoformat()} 早于版本年份 {edition}")
    division = ""
    if text["division"]:
        found = industry_problem(text["division"])
        if found:
            problem("division", f"不是已知的 GB/T 4754-2017 行业代码：{found}")
        else:
            industry = resolve_industry(text["division"])
            division = industry.division if industry else ""
    if problems:
        return None, problems
    assert benchmark_value is not None and baseline_value is not None and edition is not None and deadline
    return (
        Benchmark(
            product=product,
            field_zh=text["field_zh"],
            product_zh=text["product_zh"],
            product_en=text["product_en"],
            indicator_zh=text["indicator_zh"],
            unit=text["unit"],
            benchmark=benchmark_value,
            baseline=baseline_value,
            better="lower",
            edition=edition,
            document=text["document"],
            deadline=deadline,
            division=division,
            status=ENTERED,
            source=text["citation"],
        ),
        [],
    )


def _number(raw: object, name: str, problem: _Report) -> float | None:
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None  # already said: cannot be empty
    if isinstance(raw, bool):
        problem(name, f"须为数字，不是 {raw!r}")
        return None
    try:
        value = float(raw.translate(_ASCII).replace(",", "").strip() if isinstance(raw, str) else raw)
    except (TypeError, ValueError):
        problem(name, f"须为数字，不是“{raw}”")
        return None
    if not math.isfinite(value):
        problem(name, f"须为有限的数字，不是 {raw!r}")
        return None
    return value


def _edition(raw: object, problem: _Report) -> int | None:
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    try:
        number = float(raw.strip() if isinstance(raw, str) else raw)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        number = math.nan
    if isinstance(raw, bool) or not number.is_integer() or not EDITIONS[0] <= number <= EDITIONS[1]:
        problem("edition", f"须为 {EDITIONS[0]}–{EDITIONS[1]} 之间的年份，如 2023，不是“{raw}”")
        return None
    return int(number)


def _deadline(raw: object, problem: _Report) -> date | None:
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    if isinstance(raw, datetime):
        return raw.date()
    if isinstance(raw, date):
        return raw
    text = str(raw).strip().replace("/", "-").split(" ")[0].split("T")[0]
    try:
        return date.fromisoformat(text)
    except ValueError:
        problem("deadline", f"须为日期（年-月-日），如 2025-12-31，不是“{raw}”")
        return None
