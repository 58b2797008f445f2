"""Shared fixtures: the public reference data beside the repository, and Jilin's activity.

`../shared` sits beside the repository (in CI too). Packaged data is read from `tanda/data/`;
tests read the originals from here to compare.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
DATA = SHARED / "data"


def shared_csv(name: str) -> pd.DataFrame:
    path = DATA / name
    if not path.exists():
        pytest.fail(f"{path} is missing: ../shared must sit beside the repository")
    return pd.read_csv(path)


@pytest.fixture(scope="session")
def ceads_matrix() -> pd.DataFrame:
    return shared_csv("ceads_jilin_liaoning_sectoral_1997_2019.csv")


@pytest.fixture(scope="session")
def jilin_activity():
    """Jilin's 2010 and 2011 balances read as the yearbook layout, plus cement output (process)."""
    from tanda.data.factors.derive_ceads_style import databook_long
    from tanda.inventory import tidy_from_records
    from tanda.inventory.balance import read_balance_long

    balance = shared_csv("jilin_energy_balance_2006p_2010_2011_Mtce.csv")
    balance = balance[balance["year"].isin([2010, 2011])]
    energy = read_balance_long(databook_long(balance), source="jilin")
    indicators = shared_csv("jilin_indicators_1998_2019.csv").set_index("year")
    cement = tidy_from_records(
        {
            "region": "Jilin",
            "year": y,
            "sector": "",
            "fuel": "水泥",
            "quantity": indicators.loc[y, "cement_output_1e4t"],
            "unit": "万吨",
        }
        for y in (2010, 2011)
    )
    return energy.combine(cement)


@pytest.fixture(scope="session")
def shared():
    """Read a CSV of ../shared/data by name."""
    return shared_csv


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """The folder ../shared/data."""
    return DATA
