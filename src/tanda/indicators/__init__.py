"""Indicators: the catalogue, linking of plan targets to it, progress and early-warning grades, forecasts.

Plain Python (no Django, no database): the web app and the reports call these functions and store
what they return.
"""

from tanda.indicators.catalogue import Catalogue, CatalogueError, Indicator, load_catalogue, parse_catalogue
from tanda.indicators.forecasting import Forecast, forecast
from tanda.indicators.grading import Assessment, assess
from tanda.indicators.linking import Link, LinkReport, link_target, link_targets, match_name, target_from_mapping
from tanda.indicators.observations import (
    Observation,
    ObservationError,
    RowError,
    check_observations,
    validate_observations,
)
from tanda.indicators.trajectory import ABOUT_TOLERANCE, PLAN_BASE_YEAR, Goal, GoalError, Requirement, resolve
from tanda.indicators.units import UnitError, convert

__all__ = [
    "ABOUT_TOLERANCE",
    "PLAN_BASE_YEAR",
    "Assessment",
    "Catalogue",
    "CatalogueError",
    "Forecast",
    "Goal",
    "GoalError",
    "Indicator",
    "Link",
    "LinkReport",
    "Observation",
    "ObservationError",
    "Requirement",
    "RowError",
    "UnitError",
    "assess",
    "check_observations",
    "convert",
    "forecast",
    "link_target",
    "link_targets",
    "load_catalogue",
    "match_name",
    "parse_catalogue",
    "resolve",
    "target_from_mapping",
    "validate_observations",
]
