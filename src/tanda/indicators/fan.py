"""The forecast for every year up to the target year (the fan of a chart), from the model `forecast` chose.

`tanda.indicators.forecasting.forecast` answers for one year and spends its time choosing a model
out of sample. A chart needs each year between the last observation and the target year; choosing
again for each would repeat the same contest. `forecast_path` takes the method the one-year
forecast chose (or runs it once) and refits only that model, which predicts every horizon at once,
so the fan and the stored target-year forecast always come from the same model.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from tanda.indicators.forecasting import MODELS, _fit_linear, _regular, forecast


@dataclass(frozen=True)
class FanPoint:
    year: int
    value: float
    lower: float | None
    upper: float | None


def forecast_path(history: Mapping[int, float], year: int, method: str | None = None) -> list[FanPoint]:
    """Forecasts for each year after the last observation up to `year`; empty when there is nothing to forecast."""
    from threadpoolctl import threadpool_limits

    clean = {int(k): float(v) for k, v in history.items() if v is not None and math.isfinite(float(v))}
    if len(clean) < 2 or year <= max(clean):
        return []
    if method is None:
        fc = forecast(clean, year)
        method = fc.method if fc else None
    last = max(clean)
    h = year - last
    if method == "two_point_line":
        (y0, v0), (y1, v1) = sorted(clean.items())[-2:]
        slope = (v1 - v0) / (y1 - y0)
        return [FanPoint(last + i, v1 + slope * i, None, None) for i in range(1, h + 1)]
    with threadpool_limits(limits=1):
        if method == "linear_trend":
            years = np.array(sorted(clean), dtype=float)
            mean, lower, upper = _fit_linear(years, np.array([clean[int(y)] for y in years]))(h)
        else:
            model = next((m for m in MODELS if m.name == method), None)
            if model is None:
                return []
            years, values, _ = _regular(clean)
            mean, lower, upper = model.fit(years, values)(h)
    return [
        FanPoint(last + i + 1, float(mean[i]), float(lower[i]), float(upper[i]))
        for i in range(h)
        if math.isfinite(mean[i])
    ]
