"""Pathways: scenarios → projected energy and CO2 to 2060, peaks, targets, Monte Carlo, LMDI.

Plain Python over pydantic and numpy; no Django, no database. The public surface:

- `load_scenario` / `validate`: a scenario from a file, a packaged name or a share code; every bad
  field is reported by `PathwayInputError`.
- `compile_model` → `project`: the vectorised engine; `run` gives one run with peak, targets and
  wedges (`RunResult.to_dict()` is the documented JSON).
- `montecarlo`: draws and summaries; `distributed`: the same on Dask.
- `decide_peak` (historic series), `lmdi` (Kaya and sector × fuel decompositions),
  `sharecode` (codes that reproduce a scenario), `iamc` (export for pyam).
"""

from tanda.pathways.drivers import Model, compile_model
from tanda.pathways.engine import Projection, project
from tanda.pathways.errors import PathwayInputError
from tanda.pathways.peak import PeakDecision, decide_peak, path_peaks
from tanda.pathways.results import RunResult, run
from tanda.pathways.scenario import Scenario, load_scenario, validate

__all__ = [
    "Model",
    "PathwayInputError",
    "PeakDecision",
    "Projection",
    "RunResult",
    "Scenario",
    "compile_model",
    "decide_peak",
    "load_scenario",
    "path_peaks",
    "project",
    "run",
    "validate",
]
