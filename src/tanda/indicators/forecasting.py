"""Forecast an indicator to its target year, with an 80 % interval and the chance of meeting the target.

Indicator series are short (a plan has five to fifteen annual values) and their structure varies:
a capacity grows in steps, a share follows a trend, an intensity falls with noise. Rather than
fix one model, a few well-known ones from statsmodels compete on the series itself:

- `naive`: random walk, ARIMA(0,1,0): the last value persists (the benchmark every model must beat);
- `drift`: random walk with drift, ARIMA(0,1,0) with a trend term: the next change is the mean change;
- `linear_trend`: OLS of the value on the year;
- `holt`: Holt's linear exponential smoothing (additive-error ETS with additive trend);
- `arima_110`: ARIMA(1,1,0) with drift: changes that carry momentum.

They are compared by rolling-origin out-of-sample error: fit on the first k values, forecast all
later ones, move k forward, and average the absolute errors over every origin and horizon. Multi-
step errors matter because the forecast that counts is several years ahead, not the next one.
The simplest model within 2 % of the lowest error wins (order: naive, drift, linear trend, Holt,
ARIMA), since near-ties on a dozen points are noise. Only the last `MAX_ORIGINS` origins are
scored (a forecast takes well under a second), and a model takes part only if it can be judged on
at least `MIN_ORIGINS` of them: naive, drift and linear trend from six values, Holt and ARIMA from nine.
The contest reads only point forecasts, so naive, drift and linear trend are scored in closed form
(the same means their statsmodels fits give, to rounding); the chosen model is fitted by statsmodels.

The probability of meeting the target reads the 80 % interval as a normal predictive
distribution (`Forecast.probability`): a good enough approximation for a warning, not a claim.

Short series are not forced through that contest. With 3–5 values a linear trend is used (it needs
the fewest parameters and extrapolates a plan's usual steady path), with 2 a straight line through
both and no interval, with fewer no forecast; the result's `selection` says which case applied.
Years missing inside a series are filled by linear interpolation for the models that need evenly
spaced data (and the note says so); the trend regression uses the real years.
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from statistics import NormalDist
from typing import Any

import numpy as np

INTERVAL = 0.8
_Z = NormalDist().inv_cdf(0.5 + INTERVAL / 2)
MIN_FOR_SELECTION = 6
MAX_ORIGINS = 6
MIN_ORIGINS = 3
SIMPLER_WITHIN = 0.02

# A fitted model: horizons → (mean, lower, upper) arrays for the 80 % interval.
Predictor = Callable[[int], tuple[np.ndarray, np.ndarray, np.ndarray]]


@dataclass
class Forecast:
    year: int
    value: float
    lower: float | None
    upper: float | None
    method: str
    selection: str
    n_points: int
    level: float = INTERVAL
    errors: dict[str, float] = field(default_factory=dict)  # out-of-sample MAE of each candidate

    @property
    def sd(self) -> float | None:
        """The predictive standard deviation, from the interval read as normal."""
        if self.lower is None or self.upper is None:
            return None
        return max(self.upper - self.lower, 0.0) / (2 * _Z)

    def probability(self, threshold: float, side: str) -> float | None:
        """P(value ≥ threshold) for side 'above', P(value ≤ threshold) for 'below'."""
        sd = self.sd
        if sd is None:
            return None
        if sd == 0:
            hit = self.value >= threshold if side == "above" else self.value <= threshold
            return 1.0 if hit else 0.0
        below = NormalDist(self.value, sd).cdf(threshold)
        return 1.0 - below if side == "above" else below

    def to_dict(self) -> dict[str, Any]:
        return {
            "year": self.year,
            "value": _round(self.value),
            "lower": _round(self.lower),
            "upper": _round(self.upper),
            "interval": self.level,
            "method": self.method,
            "selection": self.selection,
            "n_points": self.n_points,
            "errors": {k: _round(v) for k, v in self.errors.items()},
        }


def _round(x: float | None) -> float | None:
    """Six significant digits; None for a missing or non-finite number (JSON has no Infinity)."""
    return None if x is None or not math.isfinite(x) else float(f"{x:.6g}")


def _quiet(fn: Callable[..., Any]) -> Callable[..., Any]:
    """statsmodels warns about convergence and start values on short series; the error contest judges fits."""

    def wrapped(*args: Any, **kwargs: Any) -> Any:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            with np.errstate(all="ignore"):
                return fn(*args, **kwargs)

    return wrapped


@_quiet
def _fit_linear(years: np.ndarray, y: np.ndarray) -> Predictor:
    import statsmodels.api as sm

    x0 = years[0]
    res = sm.OLS(y, sm.add_constant(years - x0)).fit()
    last = years[-1]

    def predict(h: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        future = last + np.arange(1, h + 1) - x0
        frame = res.get_prediction(sm.add_constant(future, has_constant="add")).summary_frame(alpha=1 - INTERVAL)
        return frame["mean"].to_numpy(), frame["obs_ci_lower"].to_numpy(), frame["obs_ci_upper"].to_numpy()

    return predict


def _arima(order: tuple[int, int, int], trend: str | None = "t") -> Callable[[np.ndarray, np.ndarray], Predictor]:
    """ARIMA with d = 1; trend "t" (a linear trend in levels) is the drift of the differences.

    Fitted by Yule–Walker (with GLS for the drift) rather than full maximum likelihood: these are
    pure AR models of the differences, for which the two agree to the third digit on annual
    series, and Yule–Walker is several times faster, which matters with a fit per origin.
    """

    @_quiet
    def fit(years: np.ndarray, y: np.ndarray) -> Predictor:
        from statsmodels.tsa.arima.model import ARIMA

        res = ARIMA(y, order=order, trend=trend).fit(method="yule_walker")

        @_quiet
        def predict(h: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
            frame = res.get_forecast(h).summary_frame(alpha=1 - INTERVAL)
            return frame["mean"].to_numpy(), frame["mean_ci_lower"].to_numpy(), frame["mean_ci_upper"].to_numpy()

        return predict

    return fit


@_quiet
def _fit_holt(years: np.ndarray, y: np.ndarray) -> Predictor:
    import pandas as pd
    from statsmodels.tsa.exponential_smoothing.ets import ETSModel

    # A Series, not an array: ETS prediction results need an index to label rows (statsmodels 0.14/0.15).
    res = ETSModel(pd.Series(y), error="add", trend="add").fit(disp=False)
    n = len(y)

    @_quiet
    def predict(h: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        frame = res.get_prediction(start=n, end=n + h - 1).summary_frame(alpha=1 - INTERVAL)
        return frame["mean"].to_numpy(), frame["pi_lower"].to_numpy(), frame["pi_upper"].to_numpy()

    return predict


# Point forecasts in closed form, for the rolling-origin contest, which reads only the means. They are
# the same numbers the statsmodels fits give (a random walk's forecast is its last value, drift adds the
# mean change, GLS of ARIMA(0,1,0) with drift reduces to that mean; the trend is OLS), without building
# a model object per origin: a forecast of a long series fitted these three 18 times. The intervals of
# the chosen model still come from statsmodels.
PointForecast = Callable[[np.ndarray, np.ndarray, int], np.ndarray]


def _point_naive(years: np.ndarray, y: np.ndarray, h: int) -> np.ndarray:
    return np.full(h, y[-1], dtype=float)


def _point_drift(years: np.ndarray, y: np.ndarray, h: int) -> np.ndarray:
    step = (y[-1] - y[0]) / (len(y) - 1)
    return y[-1] + step * np.arange(1, h + 1)


def _point_linear(years: np.ndarray, y: np.ndarray, h: int) -> np.ndarray:
    x = years - years[0]
    dx = x - x.mean()
    slope = float(dx @ (y - y.mean())) / float(dx @ dx)
    intercept = y.mean() - slope * x.mean()
    return intercept + slope * (x[-1] + np.arange(1, h + 1))


@dataclass(frozen=True)
class _Model:
    name: str
    fit: Callable[[np.ndarray, np.ndarray], Predictor]
    min_train: int
    point: PointForecast | None = None  # the means alone, cheaply; None: from `fit`

    def means(self, years: np.ndarray, y: np.ndarray, h: int) -> np.ndarray:
        if self.point is not None:
            return self.point(years, y, h)
        return self.fit(years, y)(h)[0]


# In order of simplicity: ties in out-of-sample error go to the simpler model.
MODELS = (
    _Model("naive", _arima((0, 1, 0), trend=None), 3, _point_naive),
    _Model("drift", _arima((0, 1, 0)), 3, _point_drift),
    _Model("linear_trend", _fit_linear, 3, _point_linear),
    _Model("holt", _fit_holt, 6),
    _Model("arima_110", _arima((1, 1, 0)), 6),
)


def _regular(history: Mapping[int, float]) -> tuple[np.ndarray, np.ndarray, int]:
    """Annual values from the first to the last year, gaps filled linearly; and how many were filled."""
    years = np.array(sorted(history), dtype=float)
    values = np.array([history[int(y)] for y in years], dtype=float)
    full = np.arange(years[0], years[-1] + 1)
    return full, np.interp(full, years, values), len(full) - len(years)


def rolling_origin_errors(
    years: np.ndarray, y: np.ndarray, models: tuple[_Model, ...] = MODELS, max_origins: int = MAX_ORIGINS
) -> dict[str, float]:
    """Mean absolute error of each model over rolling origins and every horizon after each origin.

    Only models with at least `MIN_ORIGINS` origins' worth of data take part (Holt and ARIMA need
    nine values: judged on one or two origins, a model wins by luck), and all of them are scored
    on the same origins, so that the errors are comparable.
    """
    n = len(y)
    eligible = [m for m in models if n >= m.min_train + MIN_ORIGINS]
    if not eligible:
        return {}
    start = max(max(m.min_train for m in eligible), n - max_origins)
    errors: dict[str, float] = {}
    for model in eligible:
        total, count = 0.0, 0
        for k in range(start, n):
            try:
                mean = model.means(years[:k], y[:k], n - k)
            except Exception:  # a fit that fails on a short window loses the contest
                total, count = math.inf, 1
                break
            if not np.all(np.isfinite(mean)):
                total, count = math.inf, 1
                break
            total += float(np.abs(mean - y[k:]).sum())
            count += n - k
        errors[model.name] = total / count
    return errors


def _choose(errors: Mapping[str, float], order: list[str]) -> str:
    """The simplest model whose error is within `SIMPLER_WITHIN` of the best one.

    On a few points two models often score almost alike (Holt with a tiny smoothing weight is a
    linear trend); the simpler one then explains the series as well and extrapolates more soberly.
    """
    if not errors:
        return "linear_trend"
    best = min(errors.values())
    return next(name for name in order if name in errors and errors[name] <= best * (1 + SIMPLER_WITHIN) + 1e-12)


def forecast(history: Mapping[int, float], year: int, models: tuple[_Model, ...] = MODELS) -> Forecast | None:
    """The value expected in `year` from annual `history` {year: value}; None with fewer than two values.

    Runs with BLAS limited to one thread: the matrices are tiny, and on a busy machine threads
    only contend (a forecast took ten times longer on two loaded cores without the limit).
    """
    from threadpoolctl import threadpool_limits

    with threadpool_limits(limits=1):
        return _forecast(history, year, models)


def _forecast(history: Mapping[int, float], year: int, models: tuple[_Model, ...]) -> Forecast | None:
    history = {int(k): float(v) for k, v in history.items() if v is not None and math.isfinite(float(v))}
    n_obs = len(history)
    if n_obs < 2:
        return None
    last_year = max(history)
    if year <= last_year:
        if year in history:
            v = history[year]
            return Forecast(year, v, v, v, "observed", f"{year} is observed", n_obs)
        years = sorted(history)
        v = float(np.interp(year, years, [history[y] for y in years]))
        return Forecast(year, v, None, None, "interpolated", f"{year} lies inside the history", n_obs)
    h = year - last_year
    if n_obs == 2:
        (y0, v0), (y1, v1) = sorted(history.items())
        v = v1 + (v1 - v0) / (y1 - y0) * h
        note = "2 values: a straight line through both; too few for an interval or a probability"
        return Forecast(year, v, None, None, "two_point_line", note, n_obs)
    years, y, filled = _regular(history)
    gap_note = f"; {filled} missing year(s) interpolated" if filled else ""
    if n_obs < MIN_FOR_SELECTION:
        obs_years = np.array(sorted(history), dtype=float)
        obs_values = np.array([history[int(k)] for k in obs_years])
        mean, lower, upper = _fit_linear(obs_years, obs_values)(h)
        note = (
            f"{n_obs} values are too few to choose a model out of sample: linear trend (OLS) used, "
            "its interval carries the uncertainty of the fitted trend"
        )
        return Forecast(year, float(mean[-1]), float(lower[-1]), float(upper[-1]), "linear_trend", note, n_obs)
    errors = rolling_origin_errors(years, y, models)
    finite = {name: err for name, err in errors.items() if math.isfinite(err)}
    best = _choose(finite, [m.name for m in models])
    model = next(m for m in models if m.name == best)
    if best == "linear_trend":
        obs_years = np.array(sorted(history), dtype=float)
        predictor = model.fit(obs_years, np.array([history[int(k)] for k in obs_years]))
    else:
        predictor = model.fit(years, y)
    mean, lower, upper = predictor(h)
    ranked = ", ".join(f"{name} {err:.4g}" for name, err in sorted(errors.items(), key=lambda kv: kv[1]))
    note = f"chosen by rolling-origin out-of-sample mean absolute error ({ranked}){gap_note}"
    return Forecast(year, float(mean[-1]), float(lower[-1]), float(upper[-1]), best, note, n_obs, errors=errors)
