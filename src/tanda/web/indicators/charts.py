"""The data the pages hand to ECharts (as `json_script`), shaped from the services' results.

Only shaping: which number goes in which series. Every number is computed in `services` or the
domain; the fan of the indicator chart comes from `tanda.indicators.fan` with the model the stored
forecast chose.
"""

from __future__ import annotations

from typing import Any

from django.templatetags.static import static

from tanda.indicators.fan import forecast_path
from tanda.indicators.series import Series
from tanda.web.indicators import geo
from tanda.web.indicators.services import RegionGrade, TargetGrade

GRADE_VALUE = {"green": 1, "yellow": 2, "red": 3}


def map_data(province_code: str, regions: list[RegionGrade]) -> dict[str, Any] | None:
    """The map of a province's cities: the static URL of the map file and one item per feature."""
    path = geo.map_static_path(province_code)
    if path is None:
        return None
    names = geo.feature_names(province_code)
    items = []
    for r in regions:
        if r.code not in names:
            continue
        items.append(
            {
                "name": names[r.code],
                "value": GRADE_VALUE.get(r.grade or "", 0),
                "code": r.code,
                "grade": r.grade,
                "counts": r.counts,
                "detail": r.detail,
            }
        )
    return {"map": province_code, "url": static(path), "items": items}


def indicator_chart(series: Series, grades: list[TargetGrade], unit: str) -> dict[str, Any]:
    """History (observed and derived), each target's required path, and the forecast fan of the first target."""
    history = [{"year": y, "value": v, "derived": y in series.derived} for y, v in series.values.items()]
    targets, fan = [], None
    for g in grades:
        if not g.data:
            continue
        targets.append(
            {
                "label": f"{g.name} {g.year}",
                "path": g.data["path"],
                "threshold": g.data["goal"]["threshold"],
                "year": g.year,
                "grade": g.grade,
            }
        )
        fc = g.data.get("forecast")
        if fan is None and fc and fc.get("method") not in (None, "observed", "interpolated"):
            obs = {int(k): v for k, v in series.values.items() if k <= g.data["latest"]["year"]}
            points = forecast_path(obs, fc["year"], fc["method"])
            if points:
                last = g.data["latest"]
                fan = {
                    "method": fc["method"],
                    "p_meet": g.data.get("p_meet"),
                    "points": [
                        {"year": last["year"], "value": last["value"], "lower": last["value"], "upper": last["value"]}
                    ]
                    + [{"year": p.year, "value": p.value, "lower": p.lower, "upper": p.upper} for p in points],
                }
    return {"unit": unit, "history": history, "targets": targets, "fan": fan}
