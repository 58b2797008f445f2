"""Key energy-using units (重点用能单位), their energy submissions, and two-high projects (两高项目).

Plain Python (no Django, no database): the web app and the CLI store what these functions validate
and show what they compute. Public surface:

- identifiers: `credit_code_problem`, `is_valid_credit_code`, `make_credit_code` (GB 32100);
  `resolve_industry`, `industry_problem` (GB/T 4754-2017);
- input: `read_units` (the register), `SubmissionValidator` (monthly submissions, streamed and
  vectorised, all errors by row and column), `validate_readings`/`aggregate_readings` (metering);
- energy: `monthly_energy` (tce by both electricity conventions, CO2 through the inventory's factor
  sets), `compute_flags`, `rollup_regions`, `rollup_industries`, `check_against_balance`;
- two-high projects: `benchmarks`, `screen`, `measured_unit_consumption`, `budget_share`;
- `synthetic_units`/`submission_rows`: labelled synthetic data for the demo and the benchmark.
"""

from tanda.enterprises.benchmarks import CLASSES, Benchmark, Screening, benchmark, benchmarks, screen
from tanda.enterprises.creditcode import (
    credit_code_problem,
    is_valid_credit_code,
    make_credit_code,
    normalize_credit_code,
)
from tanda.enterprises.energy import MonthlyEnergy, electricity_rates, monthly_energy
from tanda.enterprises.errors import EnterpriseInputError, ImportReport, RowError
from tanda.enterprises.flags import FLAG_KINDS, Flag, compute_flags
from tanda.enterprises.industries import Industry, industry_problem, resolve_industry
from tanda.enterprises.metering import Reading, aggregate_readings, validate_readings
from tanda.enterprises.projects import STATUSES, BudgetShare, budget_share, measured_unit_consumption
from tanda.enterprises.registry import UnitRow, band_of, bands, read_units, resolve_region
from tanda.enterprises.rollup import (
    BalanceCheck,
    check_against_balance,
    fuel_totals_by_region,
    rollup_industries,
    rollup_regions,
)
from tanda.enterprises.submissions import SubmissionValidator, ValidChunk
from tanda.enterprises.synthetic import submission_rows, synthetic_units

__all__ = [
    "CLASSES",
    "FLAG_KINDS",
    "STATUSES",
    "BalanceCheck",
    "Benchmark",
    "BudgetShare",
    "EnterpriseInputError",
    "Flag",
    "ImportReport",
    "Industry",
    "MonthlyEnergy",
    "Reading",
    "RowError",
    "Screening",
    "SubmissionValidator",
    "UnitRow",
    "ValidChunk",
    "aggregate_readings",
    "band_of",
    "bands",
    "benchmark",
    "benchmarks",
    "budget_share",
    "check_against_balance",
    "compute_flags",
    "credit_code_problem",
    "electricity_rates",
    "fuel_totals_by_region",
    "industry_problem",
    "is_valid_credit_code",
    "make_credit_code",
    "measured_unit_consumption",
    "monthly_energy",
    "normalize_credit_code",
    "read_units",
    "resolve_industry",
    "resolve_region",
    "rollup_industries",
    "rollup_regions",
    "screen",
    "submission_rows",
    "synthetic_units",
    "validate_readings",
]
