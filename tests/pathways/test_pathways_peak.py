"""Peak decisions on historic series (criteria, missing years, Jilin CEADs) and plateau peaks of paths."""

from __future__ import annotations

import math
import re
from importlib import resources
from pathlib import Path

import numpy as np
import pytest

from tanda.pathways import decide_peak, path_peaks
from tanda.pathways.peak import read_series_csv
from tanda.pathways.reference import jilin_co2_series

SOURCES = Path("/work/shared/data/SOURCES.md")


def _published_jilin_figures() -> tuple[int, float, int, float]:
    """The check stated in SOURCES.md, quoted in the packaged PROVENANCE.md (and SOURCES.md itself when present)."""
    texts = [resources.files("tanda.data.ceads").joinpath("PROVENANCE.md").read_text(encoding="utf-8")]
    if SOURCES.is_file():
        texts.append(SOURCES.read_text(encoding="utf-8"))
    found = set()
    for text in texts:
        m = re.search(r"peak in (\d{4}) \(([\d.]+) Mt\) and stand at ([\d.]+) Mt in (\d{4})", text)
        assert m, "the published Jilin check is missing"
        found.add((int(m.group(1)), float(m.group(2)), int(m.group(4)), float(m.group(3))))
    assert len(found) == 1, "PROVENANCE.md must quote SOURCES.md unchanged"
    return found.pop()


def test_jilin_ceads_series_has_peaked_in_2011():
    peak_year, peak_value, latest_year, latest_value = _published_jilin_figures()
    decision = decide_peak(jilin_co2_series())
    assert decision.peaked is True
    assert decision.peak_year == peak_year == 2011
    assert round(decision.peak_value, 2) == peak_value == 234.43
    assert decision.latest_year == latest_year == 2019
    assert round(decision.latest_value, 2) == latest_value == 203.66
    assert round(decision.below_peak_pct) == 13
    assert math.isclose(decision.below_peak_pct, (234.433 - 203.662) / 234.433 * 100, abs_tol=0.01)


def test_each_criterion_can_fail_and_is_named():
    rising = {2010: 1.0, 2011: 2.0, 2012: 3.0}
    assert "at least 5 are needed" in decide_peak(rising).reason
    few = {2000: 10.0, 2010: 5.0}
    assert not decide_peak(few).peaked and "at least 3" in decide_peak(few).reason
    shallow = {2005: 100.0, 2006: 99.0, 2012: 95.0}
    d = decide_peak(shallow)
    assert not d.peaked and "5.0 % below" in d.reason
    assert decide_peak({2005: 100.0, 2006: 99.0, 2012: 90.0}).peaked


def test_missing_years_are_missing_not_zero(tmp_path):
    csv = tmp_path / "s.csv"
    csv.write_text("year,value\n2005,100\n2006,120\n2007,110\n2012,100\n2013,\n2014,\n", encoding="utf-8")
    series = read_series_csv(csv)
    assert series[2013] is None and series[2014] is None
    d = decide_peak(series)
    # as of the series' last year (2014), the latest point is 2012: 2 years old, 6 after the maximum, 16.7 % below
    assert d.as_of == 2014 and d.latest_year == 2012 and d.peaked
    assert d.below_peak_pct == pytest.approx(16.67, abs=0.01)
    # read as zeros the same file would claim a 100 % fall in 2014
    zeros = {y: (0.0 if v is None else v) for y, v in series.items()}
    assert decide_peak(zeros).below_peak_pct == 100.0


def test_a_stale_series_is_not_called_peaked():
    series = {2005: 100.0, 2006: 120.0, 2007: 110.0, 2012: 100.0, 2018: None, 2019: None}
    d = decide_peak(series)
    assert not d.peaked and d.as_of == 2019 and "7 years before 2019" in d.reason
    assert decide_peak(series, as_of=2016).peaked


def test_as_of_ignores_later_points():
    d = decide_peak(jilin_co2_series(), as_of=2014)
    assert d.latest_year == 2014 and not d.peaked  # 2011 is only 3 years before 2014


def test_bad_series_rows_are_named(tmp_path):
    csv = tmp_path / "bad.csv"
    csv.write_text("year,value\n2005,100\n2006,lots\n", encoding="utf-8")
    with pytest.raises(ValueError, match="row 3, column value: not a number"):
        read_series_csv(csv)


def test_plateau_peak_of_paths_vectorised():
    years = np.arange(2020, 2031)
    rising = np.linspace(1, 2, 11)
    hump = np.array([1, 2, 3, 4, 4.98, 5, 4.97, 4, 3, 2, 1.0])
    flat_then_up = np.array([5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5.01])
    peaks = path_peaks(np.stack([rising, hump, flat_then_up]), years, tolerance=0.01)
    assert np.isnan(peaks.peak_year[0])  # still rising at the horizon: not peaked
    assert peaks.peak_year[1] == 2024 and peaks.max_year[1] == 2025 and peaks.plateau_end[1] == 2026
    assert np.isnan(peaks.peak_year[2])
    strict = path_peaks(hump[None], years, tolerance=0.0)
    assert strict.peak_year[0] == 2025
