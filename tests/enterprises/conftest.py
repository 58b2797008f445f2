"""Helpers of the enterprise domain tests: synthetic units and files written on the fly."""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable
from pathlib import Path

import pytest

from tanda.enterprises import make_credit_code

HEADER = ["credit_code", "year", "month", "fuel", "quantity", "unit"]


@pytest.fixture
def codes() -> list[str]:
    """Three well-formed codes of made-up units in Changchun."""
    return [make_credit_code("220100", 90_000_000 + n) for n in (1, 2, 3)]


@pytest.fixture
def units(codes) -> dict[str, int]:
    return {code: n for n, code in enumerate(codes, start=1)}


@pytest.fixture
def write_csv(tmp_path) -> Callable[..., Path]:
    def write(
        rows: Iterable[Iterable[object]],
        header: list[str] | None = None,
        *,
        name: str = "file.csv",
        encoding: str = "utf-8",
    ) -> Path:
        path = tmp_path / name
        with open(path, "w", newline="", encoding=encoding) as fh:
            writer = csv.writer(fh)
            writer.writerow(header or HEADER)
            writer.writerows(rows)
        return path

    return write
