"""Scores, grades and ranking of the subjects (cities of a province, departments of a region) under a scheme.

Each indicator is scored 0–100 by its rule:

- `score`: the value is already a score (a category index of the green development index);
- `efficacy` (功效系数法, the method of the national green development index): 60 + 40·(x − worst) /
  (best − worst) over the subjects that have a value; all equal → 100;
- `completion`: achieved / target (target / achieved for an indicator that should fall), at most 100 %;
- `improvement`: the year-on-year relative change in the desired direction, d; 60 + 40·d / `full`,
  clipped to 0–100 (no change 60 points, an improvement of `full` or more 100);
- `rank`: 100·(n − r)/(n − 1) for rank r of n (ties share the mean rank); one subject alone gets 100.

The composite is the weighted mean over the indicators a subject has data for, Σ w·s / Σ w; its
*coverage* is the share of the total weight that had data. Missing data is never scored as 0: the
indicator is shown as missing, its weight is left out (as the national index does for indicators a
region does not have), and a subject whose coverage is below the scheme's `min_coverage` gets no
grade and no rank ("数据不全") rather than a score that looks complete. The contribution of an
indicator is w·s / Σ w over the available ones, so contributions add up to the score.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from tanda.assessment.scheme import Datum, Scheme, SchemeIndicator

MISSING_VALUE = "no value"
MISSING_PREVIOUS = "no previous value"
MISSING_TARGET = "no target"
MISSING_LABELS = {MISSING_VALUE: "无数据", MISSING_PREVIOUS: "无上年数据", MISSING_TARGET: "无目标值"}


@dataclass
class IndicatorScore:
    code: str
    value: float | None
    score: float | None = None
    contribution: float | None = None
    missing: str | None = None  # why there is no score
    source: str = ""
    detail: float | None = None  # the ratio or the change the score came from

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "value": self.value,
            "score": self.score,
            "contribution": self.contribution,
            "missing": self.missing,
            "source": self.source,
            "detail": self.detail,
        }


@dataclass
class SubjectResult:
    subject: str
    name: str
    score: float | None = None
    coverage: float = 0.0
    grade: str | None = None
    rank: int | None = None
    indicators: dict[str, IndicatorScore] = field(default_factory=dict)
    categories: dict[str, float | None] = field(default_factory=dict)

    @property
    def complete(self) -> bool:
        return all(s.missing is None for s in self.indicators.values())

    def to_dict(self) -> dict[str, Any]:
        return {
            "subject": self.subject,
            "name": self.name,
            "score": self.score,
            "coverage": self.coverage,
            "grade": self.grade,
            "rank": self.rank,
            "categories": self.categories,
            "indicators": {code: s.to_dict() for code, s in self.indicators.items()},
        }


@dataclass
class Result:
    scheme: Scheme
    subjects: list[SubjectResult]  # ranked first (by rank), then the unranked in input order

    @property
    def missing(self) -> list[tuple[str, str, str]]:
        """(subject name, indicator code, why) for every indicator without a score."""
        return [
            (s.name, code, score.missing)
            for s in self.subjects
            for code, score in s.indicators.items()
            if score.missing is not None
        ]

    def grade_counts(self) -> dict[str, int]:
        counts = {g.label: 0 for g in self.scheme.grades}
        for s in self.subjects:
            if s.grade is not None:
                counts[s.grade] += 1
        return counts

    def to_dict(self) -> dict[str, Any]:
        return {
            "scheme": self.scheme.name,
            "subjects": [s.to_dict() for s in self.subjects],
            "grades": self.grade_counts(),
        }


def _oriented(ind: SchemeIndicator, x: float) -> float:
    return x if ind.direction == "up" else -x


def _efficacy(ind: SchemeIndicator, values: Mapping[str, float]) -> dict[str, tuple[float, float]]:
    if not values:
        return {}
    oriented = {k: _oriented(ind, v) for k, v in values.items()}
    low, high = min(oriented.values()), max(oriented.values())
    if high == low:
        return {k: (100.0, 1.0) for k in values}
    return {k: (60.0 + 40.0 * (o - low) / (high - low), (o - low) / (high - low)) for k, o in oriented.items()}


def _ranks(ind: SchemeIndicator, values: Mapping[str, float]) -> dict[str, tuple[float, float]]:
    """Normalised rank score and the (mean) rank, best first; ties share the mean of their ranks."""
    n = len(values)
    if n == 0:
        return {}
    ordered = sorted(values, key=lambda k: -_oriented(ind, values[k]))
    out: dict[str, tuple[float, float]] = {}
    i = 0
    while i < n:
        j = i
        while j + 1 < n and _oriented(ind, values[ordered[j + 1]]) == _oriented(ind, values[ordered[i]]):
            j += 1
        mean_rank = (i + j) / 2 + 1
        for k in ordered[i : j + 1]:
            out[k] = (100.0 if n == 1 else 100.0 * (n - mean_rank) / (n - 1), mean_rank)
        i = j + 1
    return out


def _completion(ind: SchemeIndicator, datum: Datum) -> tuple[float, float]:
    value, target = float(datum.value), float(datum.target)  # type: ignore[arg-type]
    if ind.direction == "up":
        if target <= 0:
            return (100.0, 1.0) if value >= target else (0.0, 0.0)
        ratio = value / target
    else:
        if value <= 0:
            return (100.0, 1.0) if value <= target else (0.0, 0.0)
        ratio = target / value
    return 100.0 * max(0.0, min(ratio, 1.0)), ratio


def _improvement(ind: SchemeIndicator, datum: Datum) -> tuple[float, float] | None:
    value, previous = float(datum.value), float(datum.previous)  # type: ignore[arg-type]
    if previous == 0:
        return None
    change = _oriented(ind, (value - previous) / abs(previous))
    return max(0.0, min(100.0, 60.0 + 40.0 * change / ind.full)), change


def _indicator_scores(ind: SchemeIndicator, data: Mapping[str, Datum | None]) -> dict[str, IndicatorScore]:
    out: dict[str, IndicatorScore] = {}
    present: dict[str, float] = {}
    for subject, datum in data.items():
        value = datum.value if datum is not None else None
        out[subject] = IndicatorScore(ind.code, value, source=datum.source if datum else "")
        if value is None:
            out[subject].missing = MISSING_VALUE
        else:
            present[subject] = float(value)
    if ind.rule in ("efficacy", "rank"):
        scored = _efficacy(ind, present) if ind.rule == "efficacy" else _ranks(ind, present)
        for subject, (score, detail) in scored.items():
            out[subject].score, out[subject].detail = score, detail
        return out
    for subject in present:
        datum = data[subject]
        assert datum is not None
        if ind.rule == "score":
            out[subject].score = max(0.0, min(100.0, present[subject]))
        elif ind.rule == "completion":
            if datum.target is None:
                out[subject].missing = MISSING_TARGET
            else:
                out[subject].score, out[subject].detail = _completion(ind, datum)
        elif ind.rule == "improvement":
            result = _improvement(ind, datum) if datum.previous is not None else None
            if result is None:
                out[subject].missing = MISSING_PREVIOUS
            else:
                out[subject].score, out[subject].detail = result
    return out


def _competition_ranks(results: Sequence[SubjectResult]) -> None:
    """1, 2, 2, 4 …: equal scores (to 0.01) share a rank; subjects without a grade are not ranked."""
    ranked = sorted((r for r in results if r.grade is not None), key=lambda r: -(r.score or 0.0))
    previous, rank = None, 0
    for position, result in enumerate(ranked, start=1):
        rounded = round(result.score or 0.0, 2)
        if rounded != previous:
            rank, previous = position, rounded
        result.rank = rank


def score_subjects(
    scheme: Scheme,
    subjects: Sequence[tuple[str, str]],
    data: Mapping[str, Mapping[str, Datum | None]],
) -> Result:
    """Score every subject ((key, name) pairs) with `data[subject][indicator code]`; see the module doc."""
    keys = [key for key, _ in subjects]
    per_indicator = {
        ind.code: _indicator_scores(ind, {k: data.get(k, {}).get(ind.code) for k in keys}) for ind in scheme.indicators
    }
    total = scheme.total_weight
    results = []
    for key, name in subjects:
        result = SubjectResult(subject=key, name=name)
        scores = {ind.code: per_indicator[ind.code][key] for ind in scheme.indicators}
        available = [ind for ind in scheme.indicators if scores[ind.code].score is not None]
        weight = sum(ind.weight for ind in available)
        result.coverage = weight / total if total else 0.0
        if weight > 0:
            result.score = sum(ind.weight * scores[ind.code].score for ind in available) / weight  # type: ignore[operator]
            for ind in available:
                scores[ind.code].contribution = ind.weight * scores[ind.code].score / weight  # type: ignore[operator]
        for cat in scheme.categories:
            inside = [ind for ind in available if ind.category == cat.code]
            w = sum(ind.weight for ind in inside)
            result.categories[cat.code] = (
                sum(ind.weight * scores[ind.code].score for ind in inside) / w if w else None  # type: ignore[operator]
            )
        result.indicators = scores
        if result.score is not None and result.coverage >= scheme.min_coverage - 1e-9:
            result.grade = scheme.grade_for(result.score)
        results.append(result)
    _competition_ranks(results)
    ordered = sorted(results, key=lambda r: (r.rank is None, r.rank or 0))
    return Result(scheme, ordered)
