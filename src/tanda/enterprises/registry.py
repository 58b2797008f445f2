"""The register of key energy-using units: validate a units file (`tanda enterprise register`).

Columns ``credit_code,name,industry,region`` are required; ``address``, ``contact``, ``band``
(annual consumption band, tce) and ``data_centre`` (yes/no) may follow. A region is a GB/T 2260
code or the exact name of a division; an industry is a GB/T 4754-2017 code. Each code may appear
once per file; a code already registered updates that unit (the caller decides, via `known`).
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path
from typing import IO

from tanda.enterprises.creditcode import credit_code_problem, normalize_credit_code
from tanda.enterprises.errors import EnterpriseInputError, ImportReport, RowError
from tanda.enterprises.industries import industry_problem, resolve_industry
from tanda.enterprises.reading import TableReader
from tanda.enterprises.reference import settings
from tanda.i18n import _
from tanda.regions import division, divisions

__all__ = ["UnitRow", "band_of", "bands", "read_units", "resolve_region"]

REQUIRED = ("credit_code", "name", "industry", "region")
_ALIASES = {
    "credit_code": ("credit_code", "统一社会信用代码", "信用代码"),
    "name": ("name", "单位名称", "企业名称", "名称"),
    "industry": ("industry", "行业", "行业代码", "所属行业"),
    "region": ("region", "地区", "行政区划", "区划代码"),
    "address": ("address", "地址", "通讯地址"),
    "contact": ("contact", "联系人", "联系方式"),
    "band": ("band", "能耗规模", "年综合能耗"),
    "data_centre": ("data_centre", "data_center", "数据中心"),
}
_YES = {"yes", "y", "true", "1", "是"}
_NO = {"no", "n", "false", "0", "否", ""}


@dataclass(frozen=True)
class UnitRow:
    row: int
    credit_code: str
    name: str
    industry: str
    region: str  # six-digit GB/T 2260 code
    address: str = ""
    contact: str = ""
    band: str = ""
    data_centre: bool = False


def bands() -> list[tuple[str, str]]:
    """(key, label) of the annual consumption bands, from the packaged thresholds (tce)."""
    edges = settings()["bands_tce"]
    out = [(f"lt{edges[0]}", f"< {edges[0]:,} tce")]
    for low, high in pairwise(edges):
        out.append((f"{low}-{high}", f"{low:,}–{high:,} tce"))
    out.append((f"ge{edges[-1]}", f"≥ {edges[-1]:,} tce"))
    return out


def band_of(tce: float) -> str:
    """The band key an annual consumption falls in."""
    edges = settings()["bands_tce"]
    if tce < edges[0]:
        return f"lt{edges[0]}"
    for low, high in pairwise(edges):
        if low <= tce < high:
            return f"{low}-{high}"
    return f"ge{edges[-1]}"


def resolve_region(text: str) -> str | None:
    """A six-digit division code from a code or an exact division name; None when neither."""
    value = str(text or "").strip()
    if value.isdigit() and len(value) == 6:
        try:
            return division(value).code
        except KeyError:
            return None
    named = [d.code for d in divisions() if d.name == value]
    return named[0] if len(named) == 1 else None


def read_units(
    source: str | Path | IO[bytes], *, name: str | None = None, max_bytes: int | None = None
) -> tuple[list[UnitRow], ImportReport]:
    """Validated rows and the report; rows are returned only when the report has no errors."""
    reader = TableReader(source, name=name, max_bytes=max_bytes)
    report = ImportReport(source=reader.name)
    columns: dict[str, str] = {}
    problems: list[RowError] = []
    for h in reader.header:
        key = next((k for k, aliases in _ALIASES.items() if h.strip().lower() in aliases), None)
        if key is None or key in columns:
            problems.append(RowError(1, h, _("unexpected column; expected credit_code,name,industry,region")))
        else:
            columns[key] = h
    missing = [c for c in REQUIRED if c not in columns]
    if missing:
        problems.append(
            RowError(
                1,
                None,
                _("missing column(s) {columns}; expected credit_code,name,industry,region").format(
                    columns=", ".join(missing)
                ),
            )
        )
    if problems:
        for p in problems:
            report.add(p)
        raise EnterpriseInputError(reader.name, problems)
    band_keys = {k for k, _ in bands()}
    out: list[UnitRow] = []
    seen: dict[str, int] = {}
    for chunk in reader:
        for e in chunk.bad_lines:
            report.add(e)
        report.rows += len(chunk.bad_lines)
        records = chunk.frame.to_dict("records")
        for number, record in zip(chunk.rows.tolist(), records, strict=True):
            cell = {k: str(record.get(h, "")).strip() for k, h in columns.items()}
            if not any(cell.values()):
                continue
            report.rows += 1
            errors = []
            code = normalize_credit_code(cell["credit_code"])
            problem = (
                credit_code_problem(code) if code else _("empty; expected an 18-character unified social credit code")
            )
            if problem:
                errors.append(RowError(number, columns["credit_code"], problem))
            elif code in seen:
                errors.append(
                    RowError(
                        number,
                        columns["credit_code"],
                        _("{code} is already given in row {row}").format(code=code, row=seen[code]),
                    )
                )
            else:
                seen[code] = number
            if not cell["name"]:
                errors.append(RowError(number, columns["name"], _("empty; expected the unit's registered name")))
            industry = industry_problem(cell["industry"])
            if industry:
                errors.append(RowError(number, columns["industry"], industry))
            region = resolve_region(cell["region"])
            if region is None:
                errors.append(
                    RowError(
                        number,
                        columns["region"],
                        _(
                            "{region!r} is not a GB/T 2260 division; expected a six-digit code such as 220100 "
                            "or an exact name such as 长春市"
                        ).format(region=cell["region"]),
                    )
                )
            band = cell.get("band", "")
            if band and band not in band_keys:
                errors.append(
                    RowError(
                        number,
                        columns["band"],
                        _("{band!r}; expected one of {bands}").format(band=band, bands=", ".join(band_keys)),
                    )
                )
            centre = cell.get("data_centre", "").lower()
            if centre not in _YES | _NO:
                errors.append(
                    RowError(
                        number, columns["data_centre"], _("{value!r}; expected yes or no (是/否)").format(value=centre)
                    )
                )
            if errors:
                for e in errors:
                    report.add(e)
                continue
            out.append(
                UnitRow(
                    row=number,
                    credit_code=code,
                    name=cell["name"],
                    industry=resolve_industry(cell["industry"]).code,
                    region=region,
                    address=cell.get("address", ""),
                    contact=cell.get("contact", ""),
                    band=band,
                    data_centre=centre in _YES,
                )
            )
    return (out if report.ok else []), report
