"""Levels in files: import an office's table of levels (all or nothing), export every level to xlsx.

A file has the columns of the packaged `benchmarks.csv` plus `region` (a six-digit code or a
division's exact name; blank for a national level) and `citation` (where in the document the
values stand). `better`, `status` and `source` may be present, so that rows copied from
benchmarks.csv or from an export read as they are: `better` must be `lower`, the other two are
ignored (an entered level is always 本地录入, its citation is `citation`). Each row is checked by
the domain (`benchmarks.level_problems`) and against the user's regions; a row whose product,
edition and region are already stored corrects that level (the old values stay in its history).
"""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from django.db import IntegrityError, transaction
from openpyxl import Workbook
from openpyxl.styles import Font

from tanda.enterprises.benchmarks import LEVEL_FIELDS, OPTIONAL_LEVEL_FIELDS, Benchmark, LevelError, entered_level
from tanda.enterprises.errors import EnterpriseInputError, ImportReport, RowError
from tanda.enterprises.reading import TableReader
from tanda.enterprises.registry import resolve_region
from tanda.web.enterprises.levels import LevelBook, can_edit_level
from tanda.web.enterprises.models import EnteredLevel
from tanda.web.enterprises.store import max_upload_bytes

if TYPE_CHECKING:
    from tanda.web.core.permissions import User

PACKAGED_COLUMNS = (
    "product",
    "field_zh",
    "product_zh",
    "product_en",
    "indicator_zh",
    "unit",
    "benchmark",
    "baseline",
    "better",
    "edition",
    "document",
    "deadline",
    "division",
    "status",
    "source",
)
COLUMNS = (*PACKAGED_COLUMNS, "region", "citation")
REQUIRED = tuple(c for c in LEVEL_FIELDS if c not in OPTIONAL_LEVEL_FIELDS)
INFORMATIONAL = ("region_name", "origin", "entered_by", "changed")  # written by the export, ignored on import
Action = Literal["new", "change", "same"]


@dataclass(frozen=True)
class PlannedLevel:
    """One valid row and what storing it would do."""

    row: int
    ref: Benchmark
    region: str | None
    action: Action
    existing_id: int | None = None
    changes: tuple[str, ...] = ()


@dataclass
class LevelImport:
    report: ImportReport
    rows: list[PlannedLevel] = field(default_factory=list)

    def count(self, action: Action) -> int:
        return sum(1 for r in self.rows if r.action == action)


def check_level_file(path: str | Path, *, name: str, user: User) -> LevelImport:
    """Read and check every row (nothing is stored); the report lists each error by row and column."""
    report = ImportReport(source=name)
    try:
        reader = TableReader(path, name=name, max_bytes=max_upload_bytes())
    except EnterpriseInputError as exc:
        for e in exc.errors:
            report.add(e)
        return LevelImport(report)
    columns = _columns(reader.header, report)
    if not report.ok:
        return LevelImport(report)
    planned: list[tuple[int, Benchmark, str | None]] = []
    seen: dict[tuple[str, int, str | None], int] = {}
    for chunk in reader:
        for error in chunk.bad_lines:
            report.add(error)
        for number, cells in zip(chunk.rows.tolist(), chunk.frame.to_dict("records"), strict=True):
            values = {key: str(cells.get(header, "")).strip() for key, header in columns.items()}
            if not any(values.values()):
                continue  # a blank line between blocks
            report.rows += 1
            item = _check_row(number, values, user, columns, report)
            if item is None:
                continue
            key = (item[1].product, item[1].edition, item[2])
            if key in seen:
                report.add(
                    RowError(
                        number, columns["product"], f"同一产品、版本和地区已在第 {seen[key]} 行出现，每条水平只能写一行"
                    )
                )
                continue
            seen[key] = number
            planned.append(item)
    if not report.ok:
        return LevelImport(report)
    return LevelImport(report, _actions(planned))


def store_level_file(path: str | Path, *, name: str, user: User) -> LevelImport:
    """Check the file again and, only if every row passes, create or correct every level in one transaction."""
    digest = hashlib.sha256(Path(path).read_bytes()).hexdigest()
    reason = f"导入 {name[:70]} sha256:{digest[:12]}"  # the history's reason holds 100 characters
    try:
        with transaction.atomic():
            result = check_level_file(path, name=name, user=user)
            if not result.report.ok:
                return result
            ids = [r.existing_id for r in result.rows if r.existing_id is not None]
            existing = EnteredLevel.objects.select_for_update().order_by().in_bulk(ids)  # no join: lockable
            for planned in result.rows:
                if planned.action == "same":
                    continue
                level = existing.get(planned.existing_id) or EnteredLevel()  # deleted meanwhile: entered anew
                fill_level(level, planned.ref, planned.region, user)
                level._change_reason = reason
                level.save()
                if planned.action == "change":
                    result.report.updated += 1
            result.report.stored = True
            return result
    except IntegrityError as exc:  # another user stored the same level meanwhile
        report = ImportReport(source=name)
        report.add(RowError(None, None, f"nothing was stored: the levels changed while the file was saved ({exc})"))
        return LevelImport(report)


def fill_level(level: EnteredLevel, ref: Benchmark, region: str | None, user: User | None) -> None:
    """Copy a checked level into a row (new or stored); `user` becomes who entered its current values."""
    for name in LEVEL_FIELDS:
        setattr(level, name, ref.source if name == "citation" else getattr(ref, name))
    level.region_id = region
    level.entered_by = user if user is not None and user.is_authenticated else None


def _columns(header: list[str], report: ImportReport) -> dict[str, str]:
    """Field → header as written; unknown and missing columns are errors of row 1."""
    columns: dict[str, str] = {}
    for h in header:
        key = h.strip().lower()
        if key in COLUMNS and key not in columns:
            columns[key] = h
        elif key not in INFORMATIONAL:
            report.add(RowError(1, h, f"unexpected column; expected {','.join(COLUMNS)}"))
    missing = [c for c in REQUIRED if c not in columns]
    if missing:
        report.add(RowError(1, None, f"missing column(s) {', '.join(missing)}; expected {','.join(COLUMNS)}"))
    return columns


def _check_row(
    number: int, values: dict[str, str], user: User, columns: dict[str, str], report: ImportReport
) -> tuple[int, Benchmark, str | None] | None:
    ok = True
    try:
        ref = entered_level(values)
    except LevelError as exc:
        for p in exc.problems:
            report.add(RowError(number, columns.get(p.field, p.field), p.message))
        ok = False
    region_text = values.get("region", "")
    region = resolve_region(region_text) if region_text else None
    if region_text and region is None:
        report.add(
            RowError(
                number,
                columns["region"],
                f"“{region_text}”不是 GB/T 2260 行政区划：填六位代码（如 220000）或准确的名称；全国水平留空",
            )
        )
        return None
    if not can_edit_level(user, region):
        where = region or "全国"
        report.add(
            RowError(
                number,
                columns.get("region", "region"),
                f"你不能录入 {where} 的水平：管理员可录入全国水平，地区办公室只能录入本地区及下级地区的水平",
            )
        )
        return None
    return (number, ref, region) if ok else None


def _actions(planned: list[tuple[int, Benchmark, str | None]]) -> list[PlannedLevel]:
    products = {ref.product for _, ref, _ in planned}
    stored = {
        (level.product, level.edition, level.region_id): level
        for level in EnteredLevel.objects.filter(product__in=products)
    }
    out = []
    for number, ref, region in planned:
        level = stored.get((ref.product, ref.edition, region))
        if level is None:
            out.append(PlannedLevel(number, ref, region, "new"))
            continue
        before = level.as_benchmark()
        changes = tuple(
            name
            for name in LEVEL_FIELDS
            if (ref.source if name == "citation" else getattr(ref, name))
            != (before.source if name == "citation" else getattr(before, name))
        )
        out.append(PlannedLevel(number, ref, region, "change" if changes else "same", level.pk, changes))
    return out


def levels_workbook(book: LevelBook, entered: list[EnteredLevel]) -> bytes:
    """Sheet 1: the entered levels in the import's columns (it reads back as it is); sheet 2: the packaged ones."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "本地录入"
    header = [*COLUMNS, *INFORMATIONAL]
    sheet.append(header)
    for level in entered:
        ref = level.as_benchmark()
        sheet.append(
            [
                *_packaged_cells(ref, status="entered", source=""),
                level.region_id or "",
                level.citation,
                level.region.name if level.region_id else "全国",
                "本地录入",
                level.entered_by.get_username() if level.entered_by_id else "",
                level.changed.strftime("%Y-%m-%d %H:%M") if level.changed else "",
            ]
        )
    packaged = workbook.create_sheet("已核实公开来源")
    packaged.append(header)
    for ref in book.packaged.values():
        packaged.append(
            [
                *_packaged_cells(ref, status=ref.status, source=ref.source),
                "",
                f"PROVENANCE.md {ref.source}",
                "全国",
                "已核实公开来源",
                "",
                "",
            ]
        )
    for ws in (sheet, packaged):
        for cell in ws[1]:
            cell.font = Font(bold=True)
        ws.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _packaged_cells(ref: Benchmark, *, status: str, source: str) -> list[object]:
    cells = {
        **{name: getattr(ref, name) for name in PACKAGED_COLUMNS if hasattr(ref, name)},
        "status": status,
        "source": source,
    }
    cells["deadline"] = ref.deadline.isoformat()
    return [cells[name] for name in PACKAGED_COLUMNS]
