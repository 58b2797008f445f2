"""Runs of scenarios as the pages need them: the deterministic run and a Monte Carlo, kept in memory by digest.

A page, its recomputes and a save all ask for the same scenario again and again; the digest of the
canonical scenario identifies it, so a repeat costs a validation, not a run. Pages keep Monte Carlo
to a few thousand members so that a page answers in well under a second, and say how many were used.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass
from threading import Lock
from typing import Any

from tanda.pathways import RunResult, montecarlo, run, sharecode
from tanda.pathways import Scenario as DomainScenario

MEMBER_CHOICES = (500, 1000, 2000, 5000)
DEFAULT_MEMBERS = 2000
DEFAULT_SEED = 0
BY_YEAR = 2030


@dataclass(frozen=True)
class Outcome:
    """A scenario's deterministic run and its Monte Carlo summary (members, seed as asked)."""

    scenario: DomainScenario
    result: RunResult
    data: dict[str, Any]
    mc: dict[str, Any]
    distribution: dict[str, Any]
    members: int
    seed: int

    @property
    def p_by(self) -> float:
        return self.mc[f"p_peak_by_{BY_YEAR}"]

    @property
    def uncertain(self) -> bool:
        return bool(self.scenario.uncertainty.distributions)


_CACHE: OrderedDict[tuple[str, int, int], Outcome] = OrderedDict()
_CACHE_SIZE = 24
_LOCK = Lock()


def outcome(scenario: DomainScenario, members: int = DEFAULT_MEMBERS, seed: int = DEFAULT_SEED) -> Outcome:
    """Run and Monte Carlo of `scenario`; the same scenario (by digest), members and seed are answered from memory."""
    key = (sharecode.digest(scenario), members, seed)
    with _LOCK:
        if key in _CACHE:
            _CACHE.move_to_end(key)
            return _CACHE[key]
    result = run(scenario)
    model = result.model
    paths = montecarlo.run(scenario, model, members, seed)
    found = Outcome(
        scenario,
        result,
        result.to_dict(),
        montecarlo.summary(model, paths, seed, by_year=BY_YEAR),
        montecarlo.peak_year_distribution(paths),
        members,
        seed,
    )
    with _LOCK:
        _CACHE[key] = found
        while len(_CACHE) > _CACHE_SIZE:
            _CACHE.popitem(last=False)
    return found
