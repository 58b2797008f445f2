"""Monthly energy submissions of key energy-using units: read, validate (vectorised), hand on in chunks.

A submission file has one row per unit, month, fuel and direction::

    credit_code,year,month,fuel,quantity,unit[,direction]
    91220100000000019B,2024,1,原煤,1200,t
    91220100000000019B,2024,1,电力,85,万千瓦时
    91220100000000019B,2024,1,电力,3,万千瓦时,out

Fuel and unit names are the inventory's (`tanda.inventory.resolve_fuel`, units through
`tanda.units`), in Chinese or English; a quantity is turned into the fuel's canonical unit (t, m³,
kWh, GJ) by the inventory's own conversion. ``direction`` is ``in`` (bought, received, used:
the default) or ``out`` (electricity, heat or fuel sold or passed on), so that a unit's net use is
in − out.

Every check runs on whole columns, and on the distinct values of a column where a column repeats
(20,000 codes, a few dozen fuel-unit pairs in millions of rows). `SubmissionValidator.chunks()`
yields validated rows chunk by chunk while collecting errors in `report`; a caller stores the
chunks inside one transaction and rolls back unless `finish()` leaves the report without errors.
Duplicates (the same unit, month, fuel and direction twice, in the file or already stored) are
only known once every chunk is read, which is why `finish()` exists.
"""

from __future__ import annotations

import csv
import io
import math
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import IO

import numpy as np
import pandas as pd

from tanda.enterprises.creditcode import credit_code_problem, normalize_credit_code
from tanda.enterprises.errors import EnterpriseInputError, ImportReport, RowError
from tanda.enterprises.reading import CHUNK_ROWS, Chunk, TableReader
from tanda.i18n import _
from tanda.inventory.activity import to_canonical
from tanda.inventory.fuels import Fuel, all_fuels, resolve_fuel, suggest_fuels
from tanda.units import UnitError

__all__ = [
    "DIRECTIONS",
    "ENERGY_CATEGORIES",
    "SubmissionValidator",
    "ValidChunk",
    "frame_from_keys",
    "fuel_codes",
    "key_of",
    "key_range",
    "submission_key",
]

ENERGY_CATEGORIES = ("coal", "oil", "gas", "electricity", "heat", "primary_electricity", "other")
DIRECTIONS = ("in", "out")
_DIRECTION_NAMES = {
    "in": 0,
    "": 0,
    "input": 0,
    "consumption": 0,
    "purchase": 0,
    "购入": 0,
    "输入": 0,
    "消费": 0,
    "外购": 0,
    "out": 1,
    "output": 1,
    "sale": 1,
    "输出": 1,
    "外供": 1,
    "售出": 1,
    "调出": 1,
}
COLUMNS = ("credit_code", "year", "month", "fuel", "quantity", "unit")
_ALIASES = {
    "credit_code": ("credit_code", "统一社会信用代码", "信用代码", "code"),
    "year": ("year", "年", "年份"),
    "month": ("month", "月", "月份"),
    "fuel": ("fuel", "能源品种", "品种", "能源"),
    "quantity": ("quantity", "数量", "实物量", "消费量"),
    "unit": ("unit", "单位", "计量单位"),
    "direction": ("direction", "方向", "流向"),
}
YEARS = (2000, 2100)
_NUMBER_NOISE = re.compile(r"[,，\s]")


@cache
def fuel_codes() -> dict[str, int]:
    """Fuel id → its permanent small code in submission keys (`tanda/data/enterprises/submission_fuel_codes.csv`).

    The codes are part of every stored key, so they are data that never changes: a fuel added to the
    inventory's catalogue gets the next free code, and no code is ever renumbered or reused.
    """
    text = resources.files("tanda.data.enterprises").joinpath("submission_fuel_codes.csv").read_text(encoding="utf-8")
    return {row["fuel"]: int(row["code"]) for row in csv.DictReader(io.StringIO(text))}


# The submission key packs (unit id, year, month, fuel code, direction) into one int64, low bits first:
# direction 1 bit, fuel code 7 bits, month 4 bits, years since 2000 8 bits, the unit id above. One
# integer primary key is the database's no-duplicates guarantee at a third of the cost of an id plus a
# five-column unique index, and a unit's (or a unit-year's) rows are one key range.
KEY_DIRECTION_BITS, KEY_FUEL_BITS, KEY_MONTH_BITS, KEY_YEAR_BITS = 1, 7, 4, 8
KEY_FUEL_SHIFT = KEY_DIRECTION_BITS
KEY_MONTH_SHIFT = KEY_FUEL_SHIFT + KEY_FUEL_BITS
KEY_YEAR_SHIFT = KEY_MONTH_SHIFT + KEY_MONTH_BITS
KEY_UNIT_SHIFT = KEY_YEAR_SHIFT + KEY_YEAR_BITS
KEY_YEAR_ZERO = YEARS[0]


def submission_key(unit, year, month, fuel_code, direction):
    """One int64 per (unit id, year, month, fuel code, direction 0 in / 1 out): the stored primary key.

    Works on numpy arrays and on plain ints alike."""
    if isinstance(unit, np.ndarray):
        unit, year, month, fuel_code, direction = (
            np.asarray(v, dtype=np.int64) for v in (unit, year, month, fuel_code, direction)
        )
    return (
        (unit << KEY_UNIT_SHIFT)
        | ((year - KEY_YEAR_ZERO) << KEY_YEAR_SHIFT)
        | (month << KEY_MONTH_SHIFT)
        | (fuel_code << KEY_FUEL_SHIFT)
        | direction
    )


def key_of(unit: int, year: int, month: int, fuel: str, direction: str) -> int:
    """The key of one submission, the fuel given by its inventory id and the direction as "in"/"out"."""
    return int(submission_key(unit, year, month, fuel_codes()[fuel], DIRECTIONS.index(direction)))


def frame_from_keys(keys: np.ndarray, canonical: np.ndarray) -> pd.DataFrame:
    """Stored rows as the domain's frame (unit, year, month, fuel, direction, canonical), from keys alone.

    Reading two numeric columns and unpacking the rest here is several times faster than having the
    database send five more columns, two of them text, for millions of rows."""
    keys = np.asarray(keys, dtype=np.int64)
    fuel_ids = np.empty(1 << KEY_FUEL_BITS, dtype=object)
    for fuel_id, code in fuel_codes().items():
        fuel_ids[code] = fuel_id
    return pd.DataFrame(
        {
            "unit": keys >> KEY_UNIT_SHIFT,
            "year": ((keys >> KEY_YEAR_SHIFT) & ((1 << KEY_YEAR_BITS) - 1)) + KEY_YEAR_ZERO,
            "month": (keys >> KEY_MONTH_SHIFT) & ((1 << KEY_MONTH_BITS) - 1),
            "fuel": fuel_ids[(keys >> KEY_FUEL_SHIFT) & ((1 << KEY_FUEL_BITS) - 1)],
            "direction": np.array(DIRECTIONS, dtype=object)[keys & 1],
            "canonical": np.asarray(canonical, dtype=np.float64),
        }
    )


def key_range(unit: int, year: int | None = None) -> tuple[int, int]:
    """[first, past-the-end) of the keys of a unit's submissions (of one year, if given)."""
    if year is None:
        return unit << KEY_UNIT_SHIFT, (unit + 1) << KEY_UNIT_SHIFT
    first = (unit << KEY_UNIT_SHIFT) | ((year - KEY_YEAR_ZERO) << KEY_YEAR_SHIFT)
    return first, first + (1 << KEY_YEAR_SHIFT)


@dataclass
class ValidChunk:
    """Validated rows, column arrays of equal length."""

    key: np.ndarray  # int64: `submission_key` of the row, its stored primary key
    unit: np.ndarray  # int64: the caller's id of the unit (e.g. its database key)
    year: np.ndarray  # int64
    month: np.ndarray  # int64
    fuel: np.ndarray  # object: inventory fuel ids
    direction: np.ndarray  # object: "in" / "out"
    quantity: np.ndarray  # float64 as written
    unit_text: np.ndarray  # object: the unit as written
    canonical: np.ndarray  # float64: in the fuel's canonical unit (t, m3, kWh, GJ)
    rows: np.ndarray  # int64: spreadsheet row numbers

    def __len__(self) -> int:
        return len(self.rows)

    def frame(self) -> pd.DataFrame:
        return pd.DataFrame(
            {
                "key": self.key,
                "unit": self.unit,
                "year": self.year,
                "month": self.month,
                "fuel": self.fuel,
                "direction": self.direction,
                "quantity": self.quantity,
                "unit_text": self.unit_text,
                "canonical": self.canonical,
                "row": self.rows,
            }
        )


class SubmissionValidator:
    """Validate a submission file against the registered units.

    `units` maps credit code → the caller's id of the unit; `allowed` (optional) limits which
    codes this caller may submit for (an enterprise account submits only its own).
    `existing` (optional) says which keys are already stored: a callable taking the int64 keys
    of a chunk and returning a bool mask.
    """

    def __init__(
        self,
        source: str | Path | IO[bytes],
        units: Mapping[str, int],
        *,
        name: str | None = None,
        max_bytes: int | None = None,
        chunk_rows: int = CHUNK_ROWS,
        allowed: set[str] | None = None,
        existing: Callable[[np.ndarray], np.ndarray] | None = None,
    ) -> None:
        self.report = ImportReport(source=name or str(getattr(source, "name", source)))
        self.units = units
        self.allowed = allowed
        self.existing = existing
        self._keys: list[np.ndarray] = []
        self._key_rows: list[np.ndarray] = []
        self._fuels = all_fuels()
        self._fuel_codes = fuel_codes()
        self._fuel_ids = np.empty(1 << KEY_FUEL_BITS, dtype=object)  # fuel code → fuel id
        for fuel_id, code in self._fuel_codes.items():
            self._fuel_ids[code] = fuel_id
        self._factor_cache: dict[tuple[str, str], float | str] = {}
        self.reader = TableReader(source, name=name, max_bytes=max_bytes, chunk_rows=chunk_rows)
        self.report.source = self.reader.name
        self.columns = self._columns(self.reader.header)

    # -------------------------------------------------------------- header

    def _columns(self, header: list[str]) -> dict[str, str]:
        found: dict[str, str] = {}
        unexpected = []
        for h in header:
            key = h.strip().lower()
            name = next((n for n, aliases in _ALIASES.items() if key in aliases), None)
            if name is None or name in found:
                unexpected.append(h)
            else:
                found[name] = h
        missing = [c for c in COLUMNS if c not in found]
        problems = []
        if missing:
            problems.append(
                RowError(
                    1,
                    None,
                    _(
                        "missing column(s) {columns}; the header must be "
                        "credit_code,year,month,fuel,quantity,unit (and optionally direction)"
                    ).format(columns=", ".join(missing)),
                )
            )
        for h in unexpected:
            problems.append(
                RowError(1, h, _("unexpected column; expected credit_code,year,month,fuel,quantity,unit[,direction]"))
            )
        if problems:
            for p in problems:
                self.report.add(p)
            raise EnterpriseInputError(self.reader.name, problems)
        return found

    # -------------------------------------------------------------- chunks

    def chunks(self) -> Iterator[ValidChunk]:
        """Validated rows chunk by chunk; rows with errors are left out and reported."""
        for chunk in self.reader:
            for e in chunk.bad_lines:
                self.report.add(e)
            self.report.rows += len(chunk.bad_lines)
            valid = self._validate(chunk)
            if valid is not None and len(valid):
                yield valid

    def finish(self) -> ImportReport:
        """Find duplicate keys across the whole file; call after `chunks()` is exhausted."""
        if self._keys:
            keys = np.concatenate(self._keys)
            rows = np.concatenate(self._key_rows)
            order = np.argsort(keys, kind="stable")
            keys, rows = keys[order], rows[order]
            same = np.flatnonzero(keys[1:] == keys[:-1]) + 1
            if len(same):
                first_of = np.searchsorted(keys, keys[same], side="left")
                for i, j in zip(same, first_of, strict=True):
                    self.report.add(
                        RowError(
                            int(rows[i]),
                            None,
                            _(
                                "duplicates row {row}: the same unit, year, month, fuel and direction "
                                "given twice; expected one row each"
                            ).format(row=int(rows[j])),
                        )
                    )
        self._keys, self._key_rows = [], []
        return self.report

    def run(self) -> ImportReport:
        """Validate the whole file without keeping the rows (a dry run)."""
        for _chunk in self.chunks():
            pass
        return self.finish()

    # ----------------------------------------------------------- validation

    def _validate(self, chunk: Chunk) -> ValidChunk | None:
        """Check one chunk. Columns that repeat (code, year, month, fuel, unit, direction) are checked
        once per distinct value and the verdicts spread back with integer indices; only the quantity
        is converted row by row (numpy's float parser, with a slower path for cells that need it)."""
        frame, rows = chunk.frame, chunk.rows
        col = self.columns
        raw = {name: frame[header].to_numpy(dtype=object) for name, header in col.items()}
        coded: dict[str, tuple[np.ndarray, np.ndarray]] = {}
        for name in ("credit_code", "year", "month", "fuel", "unit", "direction"):
            if name in raw:
                index, uniques = pd.factorize(raw[name], sort=False)
                coded[name] = (index, np.array([str(u).strip() for u in uniques], dtype=object))
        blank = np.array([str(q).strip() == "" for q in raw["quantity"]]) if len(raw["quantity"]) < 64 else None
        if blank is None:
            blank = raw["quantity"] == ""
        for index, uniques in coded.values():
            blank &= (uniques == "")[index] if len(uniques) else True
        if blank.all():
            return None
        keep = ~blank
        if not keep.all():
            frame_rows = rows[keep]
            coded = {k: (index[keep], uniques) for k, (index, uniques) in coded.items()}
            quantity_text = raw["quantity"][keep]
        else:
            frame_rows = rows
            quantity_text = raw["quantity"]
        n = len(frame_rows)
        self.report.rows += n
        bad = np.zeros(n, dtype=bool)

        def fail(mask: np.ndarray, column: str, message: Callable[[int], str]) -> None:
            nonlocal bad
            for i in np.flatnonzero(mask):
                self.report.add(RowError(int(frame_rows[i]), col.get(column, column), message(int(i))))
            bad |= mask

        def text_of(name: str, i: int) -> str:
            index, uniques = coded[name]
            return uniques[index[i]]

        # credit code: shape, checksum, registration, permission — once per distinct code
        code_idx, code_values = coded["credit_code"]
        unit_of = np.full(len(code_values), -1, dtype=np.int64)
        code_msg: dict[int, str] = {}
        for k, raw_code in enumerate(code_values):
            code = normalize_credit_code(raw_code)
            if not code:
                code_msg[k] = _("empty; expected the unit's 18-character unified social credit code")
                continue
            problem = credit_code_problem(code)
            if problem:
                code_msg[k] = problem
            elif code not in self.units:
                code_msg[k] = _(
                    "{code} is not a registered unit; register it first (tanda enterprise register)"
                ).format(code=code)
            elif self.allowed is not None and code not in self.allowed:
                code_msg[k] = _("{code} is not your unit; you may submit only for your own unit").format(code=code)
            else:
                unit_of[k] = self.units[code]
        unit = unit_of[code_idx]
        fail(unit < 0, "credit_code", lambda i: code_msg[int(code_idx[i])])

        year = _whole_numbers(*coded["year"])
        fail(
            ~((year >= YEARS[0]) & (year <= YEARS[1])),
            "year",
            lambda i: _("{value!r} is not a year; expected e.g. 2024").format(value=text_of("year", i)),
        )
        month = _whole_numbers(*coded["month"])
        fail(
            ~((month >= 1) & (month <= 12)),
            "month",
            lambda i: _("{value!r} is not a month; expected 1–12").format(value=text_of("month", i)),
        )

        # fuel: once per distinct name
        fuel_idx, fuel_values = coded["fuel"]
        fuel_of: list[Fuel | None] = []
        fuel_msg: dict[int, str] = {}
        for k, name in enumerate(fuel_values):
            item = resolve_fuel(name) if name else None
            if item is None:
                hint = suggest_fuels(name) if name else []
                if not name:
                    fuel_msg[k] = _("empty; expected a fuel such as 原煤, 天然气, 电力")
                elif hint:
                    fuel_msg[k] = _("{name!r} is not a known fuel; did you mean {hint}?").format(
                        name=name, hint=" / ".join(hint)
                    )
                else:
                    fuel_msg[k] = _(
                        "{name!r} is not a known fuel; expected e.g. 原煤, 天然气, 电力, Diesel Oil"
                    ).format(name=name)
            elif item.category not in ENERGY_CATEGORIES:
                fuel_msg[k] = _("{fuel} is not an energy carrier; submissions report energy bought and used").format(
                    fuel=item.name_zh
                )
                item = None
            elif item.id not in self._fuel_codes:
                fuel_msg[k] = _(
                    "{fuel} has no submission code yet (tanda/data/enterprises/submission_fuel_codes.csv)"
                ).format(fuel=item.name_zh)
                item = None
            fuel_of.append(item)
        fuel_known = np.array([f is not None for f in fuel_of], dtype=bool)
        fuel_ok = fuel_known[fuel_idx] if len(fuel_of) else np.zeros(n, dtype=bool)
        fail(~fuel_ok, "fuel", lambda i: fuel_msg[int(fuel_idx[i])])
        fuel_numbers = np.array([self._fuel_codes[f.id] if f is not None else -1 for f in fuel_of], dtype=np.int64)
        fuel_number = fuel_numbers[fuel_idx] if len(fuel_of) else np.full(n, -1, dtype=np.int64)

        # quantity
        quantity = _quantities(quantity_text)
        fail(
            ~np.isfinite(quantity),
            "quantity",
            lambda i: (
                _("empty; expected a quantity (the row may have fewer cells than the header)")
                if str(quantity_text[i]).strip() == ""
                else _("{value!r} is not a number").format(value=str(quantity_text[i]).strip())
            ),
        )
        fail(
            np.nan_to_num(quantity, nan=0.0) < 0,
            "quantity",
            lambda i: _(
                "{quantity:g} is negative; expected a quantity ≥ 0 (energy passed on goes in a row with direction out)"
            ).format(quantity=quantity[i]),
        )

        # unit: once per distinct (fuel, unit) pair
        unit_idx, unit_values = coded["unit"]
        pair_idx, pair_values = pd.factorize(fuel_idx.astype(np.int64) * max(len(unit_values), 1) + unit_idx)
        factors = np.full(len(pair_values), np.nan)
        unit_msg: dict[int, str] = {}
        for k, pair in enumerate(pair_values.tolist()):
            f, u = divmod(int(pair), max(len(unit_values), 1))
            item = fuel_of[f] if f >= 0 else None
            written = unit_values[u] if u >= 0 else ""
            if not written:
                unit_msg[k] = _("empty; expected a unit such as t, 万千瓦时, 万立方米 (the row may have fewer cells)")
                continue
            if item is None:
                continue  # the fuel column already says what is wrong
            factor = self._factor(item, written)
            if isinstance(factor, str):
                unit_msg[k] = factor
            else:
                factors[k] = factor
        per_row_factor = factors[pair_idx]
        fail(
            np.isnan(per_row_factor) & fuel_ok,
            "unit",
            lambda i: unit_msg.get(int(pair_idx[i]), _("not a unit")),
        )

        # direction (optional column)
        if "direction" in coded:
            dir_idx, dir_values = coded["direction"]
            dir_map = np.array([_DIRECTION_NAMES.get(v.lower(), -1) for v in dir_values], dtype=np.int64)
            direction = dir_map[dir_idx] if len(dir_values) else np.zeros(n, dtype=np.int64)
            fail(
                direction < 0,
                "direction",
                lambda i: _("{value!r} is not a direction; expected in (bought, used) or out (sold, passed on)").format(
                    value=text_of("direction", i)
                ),
            )
        else:
            direction = np.zeros(n, dtype=np.int64)

        ok = ~bad
        if not ok.any():
            return None
        keys = submission_key(unit[ok], year[ok], month[ok], fuel_number[ok], direction[ok])
        good_rows = frame_rows[ok]
        ok_idx = np.flatnonzero(ok)
        if self.existing is not None:
            stored = self.existing(keys)
            for r in good_rows[stored]:
                self.report.add(
                    RowError(
                        int(r),
                        None,
                        _(
                            "this unit, month, fuel and direction is already stored; correct the stored value "
                            "instead of importing it again"
                        ),
                    )
                )
            keep_new = ~stored
            ok_idx, keys, good_rows = ok_idx[keep_new], keys[keep_new], good_rows[keep_new]
        self._keys.append(keys)
        self._key_rows.append(good_rows)
        self.report.years.update(np.unique(year[ok_idx]).tolist())
        q = quantity[ok_idx]
        return ValidChunk(
            key=keys,
            unit=unit[ok_idx],
            year=year[ok_idx],
            month=month[ok_idx],
            fuel=self._fuel_ids[fuel_number[ok_idx]],
            direction=np.array(DIRECTIONS, dtype=object)[direction[ok_idx]],
            quantity=q,
            unit_text=unit_values[unit_idx[ok_idx]],
            canonical=q * per_row_factor[ok_idx],
            rows=good_rows,
        )

    def _factor(self, item: Fuel, written: str) -> float | str:
        """Canonical units per written unit, or the message saying why the unit does not fit."""
        key = (item.id, written)
        if key not in self._factor_cache:
            try:
                value = to_canonical(item, 1.0, written)
                self._factor_cache[key] = (
                    value if math.isfinite(value) and value > 0 else _("{unit!r} is not usable").format(unit=written)
                )
            except UnitError as exc:
                self._factor_cache[key] = f"{exc}"
            except Exception as exc:  # pint raises assorted errors on odd text
                self._factor_cache[key] = _("{unit!r} is not a unit tanda knows ({error})").format(
                    unit=written, error=type(exc).__name__
                )
        return self._factor_cache[key]


def _whole_numbers(index: np.ndarray, uniques: np.ndarray) -> np.ndarray:
    """Whole numbers (2024, '2024.0') per row from factorised text; -1 where the text is not one."""
    values = np.full(len(uniques), -1, dtype=np.int64)
    for k, text in enumerate(uniques):
        try:
            number = float(text)
        except ValueError:
            continue
        if np.isfinite(number) and number == int(number):
            values[k] = int(number)
    return values[index] if len(uniques) else np.full(len(index), -1, dtype=np.int64)


def _quantities(text: np.ndarray) -> np.ndarray:
    """Floats from text cells; NaN where a cell is not a number. Thousands separators are allowed."""
    try:
        return text.astype(np.float64)  # numpy's own parser: the whole column at C speed when all is well
    except (ValueError, TypeError):
        pass
    values = pd.to_numeric(pd.Series(text, dtype=object), errors="coerce").to_numpy(dtype=np.float64, copy=True)
    retry = np.flatnonzero(np.isnan(values))
    for i in retry:
        cleaned = _NUMBER_NOISE.sub("", str(text[i]))
        try:
            values[i] = float(cleaned) if cleaned else np.nan
        except ValueError:
            values[i] = np.nan
    return values
