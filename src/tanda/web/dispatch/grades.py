"""The targets' grades for a dispatch, read from the indicators app's service.

`tanda.web.indicators.services.target_grades(region_code, as_of_year)` is the indicators app's; this
module is the one place that knows its shape. Each grade there is an object with `target_id`,
`grade`, `state` ("graded", "no_data", "review", …), `message` and the assessment as `data` (the
mapping of `tanda.indicators.Assessment.to_dict()`: `latest` as {"year", "value"}, `forecast` as a
mapping with its `value`, paces, `p_meet`). Mappings and flat records (`latest_year`, …) are read
too, and each becomes a `TargetGrade`. Progress comes in % and is kept as a share (0.42 = 42 %), as
`p_meet` is a probability. Without the service (or when it fails) the dispatch goes on with ungraded
targets and says why in the report, rather than refusing to report tasks.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Mapping
from dataclasses import asdict, dataclass
from importlib import import_module
from typing import Any, Protocol

from django.db import transaction

log = logging.getLogger(__name__)
SERVICE = "tanda.web.indicators.services"


@dataclass(frozen=True)
class TargetGrade:
    """What a dispatch report shows of one target's grade."""

    target_id: int
    grade: str | None  # red / yellow / green; None when it could not be graded
    state: str = "graded"  # why not graded: "no_data" (observations missing), "review", "untracked", …
    warning_level: str | None = None
    progress: float | None = None
    required_progress: float | None = None
    actual_pace: float | None = None
    required_pace: float | None = None
    pace_unit: str | None = None
    latest_year: int | None = None
    latest_value: float | None = None
    forecast: float | None = None
    p_meet: float | None = None
    reason: str = ""

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


class GradeService(Protocol):
    def __call__(self, region_code: str, as_of_year: int) -> Iterable[Any]: ...


def _get(item: Any, *names: str) -> Any:
    for name in names:
        if isinstance(item, Mapping):
            if name in item:
                return item[name]
        elif hasattr(item, name):
            return getattr(item, name)
    return None


def _float(x: Any) -> float | None:
    try:
        return None if x is None else float(x)
    except (TypeError, ValueError):
        return None


def _share(percent: Any) -> float | None:
    """The service states progress in % (as `tanda.indicators` does); a dispatch snapshot keeps shares."""
    x = _float(percent)
    return None if x is None else x / 100


def coerce(item: Any) -> TargetGrade | None:
    """One grade of the service as a TargetGrade; None when it names no target.

    Fields are looked up on the item first, then on its assessment (`data` or `assessment`: the
    mapping of `Assessment.to_dict()`), so both a flat record and the service's `TargetGrade` work.
    """
    target = _get(item, "target_id", "target")
    target_id = _get(target, "pk", "id") if target is not None and not isinstance(target, int | str) else target
    if target_id is None:
        return None
    extra = _get(item, "data", "assessment")
    if extra is not None and hasattr(extra, "to_dict"):
        extra = extra.to_dict()
    sources = [item, extra] if isinstance(extra, Mapping) else [item]

    def field(*names: str) -> Any:
        for source in sources:
            value = _get(source, *names)
            if value is not None:
                return value
        return None

    latest = field("latest")
    if isinstance(latest, Mapping):
        latest_year, latest_value = latest.get("year"), latest.get("value")
    elif isinstance(latest, tuple | list) and len(latest) == 2:
        latest_year, latest_value = latest
    else:
        latest_year, latest_value = field("latest_year"), field("latest_value")
    forecast = field("forecast")
    if isinstance(forecast, Mapping):
        forecast = forecast.get("value", forecast.get("mean"))
    elif forecast is not None and not isinstance(forecast, int | float):
        forecast = _get(forecast, "value", "mean")
    grade = field("grade")
    state = field("state")
    return TargetGrade(
        target_id=int(target_id),
        grade=grade if grade in ("red", "yellow", "green") else None,
        state=str(state) if state else ("graded" if grade else "no_data"),
        warning_level=field("warning_level"),
        progress=_share(field("progress")),
        required_progress=_share(field("required_progress")),
        actual_pace=_float(field("actual_pace")),
        required_pace=_float(field("required_pace")),
        pace_unit=field("pace_unit"),
        latest_year=int(latest_year) if latest_year is not None else None,
        latest_value=_float(latest_value),
        forecast=_float(forecast),
        p_meet=_float(field("p_meet")),
        reason=str(field("message", "reason") or ""),
    )


def default_service() -> GradeService | None:
    """The indicators app's `target_grades`, when that module exists."""
    try:
        module = import_module(SERVICE)
    except ImportError:
        return None
    return getattr(module, "target_grades", None)


@dataclass
class Grades:
    """Grades by target id, and a sentence for the report when they are missing or partial."""

    by_target: dict[int, TargetGrade]
    source: str
    note: str = ""


def load_grades(region_code: str, as_of_year: int, service: Callable[..., Iterable[Any]] | None = None) -> Grades:
    service = service or default_service()
    if service is None:
        return Grades({}, "none", "指标预警等级由指标监测模块提供，本期尚无可用的评估结果。")
    try:
        with transaction.atomic():  # a savepoint: a failed query must not break the caller's transaction
            items = list(service(region_code, as_of_year))
    except Exception as exc:  # the report of tasks must not fail with the indicators service
        log.warning("target_grades(%s, %s) failed: %r", region_code, as_of_year, exc)
        return Grades({}, "error", f"指标预警等级暂不可用（{type(exc).__name__}）。")
    grades = {g.target_id: g for g in map(coerce, items) if g is not None}
    name = f"{getattr(service, '__module__', '')}.{getattr(service, '__name__', 'service')}"
    return Grades(grades, name)
