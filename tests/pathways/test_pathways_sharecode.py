"""Share codes reproduce a scenario: they round-trip, and a damaged one is refused."""

from __future__ import annotations

import numpy as np
import pytest
from pathway_samples import TWO_SECTORS

from tanda.pathways import PathwayInputError, load_scenario, run, sharecode, validate


@pytest.mark.parametrize("name", ["jilin-baseline", "jilin-policy", "jilin-enhanced", None])
def test_round_trip(name):
    scenario = load_scenario(name) if name else validate(TWO_SECTORS)
    code = sharecode.encode(scenario)
    assert code.startswith("tp1.") and len(code) < 4000
    again = sharecode.decode(code)
    assert again == scenario
    assert sharecode.encode(again) == code
    assert sharecode.digest(again) == sharecode.digest(scenario)
    assert np.array_equal(run(again).projection.total_co2, run(scenario).projection.total_co2)
    assert load_scenario(code) == scenario


def test_different_scenarios_have_different_codes():
    a, b = load_scenario("jilin-policy"), load_scenario("jilin-enhanced")
    assert sharecode.encode(a) != sharecode.encode(b)
    assert sharecode.digest(a) != sharecode.digest(b)


def test_damaged_code_is_refused():
    code = sharecode.encode(load_scenario("jilin-policy"))
    with pytest.raises(PathwayInputError, match="damaged or truncated"):
        sharecode.decode(code[:-10])
    with pytest.raises(PathwayInputError, match="not a scenario code"):
        sharecode.decode("xyz")
