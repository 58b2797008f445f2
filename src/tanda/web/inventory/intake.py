"""Uploaded files → validated activity for one region → inventories computed as a dry run.

The web's only door to the domain readers: the upload preview, the save, the API's dry run and the
demo all call `read_files` and `dry_run`, so what the preview shows is exactly what the save stores.
Nothing here touches the database except reading the region's overrides.

Per file the layout decides how its regions are checked (`tanda.inventory.layout_of`):

- tidy CSV/xlsx: every row's region must name the region of the import; a row of another region is
  an error naming its row and column (a file for two regions is split, not half-imported);
- CEADs matrix: a published file holds many provinces, so only the import's province is read;
- yearbook balance: the region comes from its title; a title naming another region is an error,
  a balance without one is read as the import's region (and the year from the form).
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, field
from pathlib import Path, PurePath

from django.utils.translation import gettext as _

from tanda.inventory import (
    Activity,
    FactorError,
    FactorSet,
    Inventory,
    InventoryInputError,
    RowError,
    compute,
    layout_of,
    read_activity,
)
from tanda.regions import division
from tanda.web.inventory.models import FactorOverride
from tanda.web.inventory.overrides import factor_set_for
from tanda.web.inventory.places import english_name, names_region

ALLOWED_SUFFIXES = (".csv", ".xlsx", ".xlsm")
MAX_BYTES = 20 * 2**20
LAYOUT_LABELS = {"tidy": "tidy", "balance": "balance", "ceads": "CEADs"}


@dataclass(frozen=True)
class Upload:
    name: str
    data: bytes


@dataclass(frozen=True)
class FileError:
    """A row-level problem of one uploaded file."""

    source: str
    row: int | None
    column: str | None
    message: str


@dataclass
class DryRun:
    """What an import would store: one inventory per region-year, or the errors that stop it."""

    region: str
    factor_set: str
    errors: list[FileError] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    layouts: dict[str, str] = field(default_factory=dict)
    activity: Activity | None = None
    factors: FactorSet | None = None
    overrides: list[FactorOverride] = field(default_factory=list)
    inventories: list[Inventory] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors and bool(self.inventories)

    @property
    def published(self) -> bool:
        """Every region-year was entered as emissions (a published inventory such as CEADs')."""
        return bool(self.inventories) and all(inv.entered for inv in self.inventories)


def _file_errors(exc: InventoryInputError, name: str) -> list[FileError]:
    return [FileError(name, e.row, e.column, e.message) for e in exc.errors]


def check_upload(name: str, size: int) -> str | None:
    """Why a file is refused before it is read, or None."""
    if PurePath(name).suffix.lower() not in ALLOWED_SUFFIXES:
        return _("%(name)s：不支持的文件类型，请上传 .csv 或 .xlsx 文件") % {"name": name}
    if size == 0:
        return _("%(name)s：文件是空的") % {"name": name}
    if size > MAX_BYTES:
        return _("%(name)s：文件过大，上限为 %(limit)s MB") % {"name": name, "limit": MAX_BYTES // 2**20}
    return None


def _read_one(path: Path, region: str, year: int | None) -> tuple[str, Activity]:
    layout = layout_of(path)
    if layout == "ceads":
        name = english_name(region)
        if name is None:
            raise InventoryInputError(
                path.name, [RowError(None, "province", f"CEADs matrices are by province; {region} is not a province")]
            )
        return layout, read_activity(path, region=name, year=year)
    if layout == "balance":
        try:
            return layout, read_activity(path, year=year)
        except InventoryInputError as exc:
            if len(exc.errors) != 1 or exc.errors[0].row is not None:
                raise
            # no region (or year) in the title: the balance is the import's region
            return layout, read_activity(path, region=division(region).name, year=year)
    return layout, read_activity(path)


def _region_errors(activity: Activity, region: str, source: str, layout: str) -> list[FileError]:
    frame = activity.frame
    wrong = [text for text in frame["region"].unique() if not names_region(str(text), region)]
    if not wrong:
        return []
    name = division(region).name
    if layout == "balance":
        message = f"the title names {wrong[0]!r}, not {name} ({region}), the region of this import"
        return [FileError(source, None, "title", message)]
    errors = []
    for text in wrong:
        rows = frame.loc[frame["region"] == text, "row"]
        for row in sorted(set(int(r) for r in rows)):
            errors.append(
                FileError(
                    source,
                    row,
                    "region",
                    f"{text!r} is not {name} ({region}), the region of this import; import each region separately",
                )
            )
    return errors


def read_files(uploads: list[Upload], region: str, year: int | None = None) -> DryRun:
    """Read and check every file (all errors of all files at once); activity is set when there are none."""
    result = DryRun(region=region, factor_set="")
    parts: list[Activity] = []
    with tempfile.TemporaryDirectory(prefix="tanda-inventory-") as tmp:
        for i, upload in enumerate(uploads):
            refused = check_upload(upload.name, len(upload.data))
            if refused:
                result.errors.append(FileError(upload.name, None, None, refused))
                continue
            folder = Path(tmp) / str(i)
            folder.mkdir()
            path = folder / PurePath(upload.name).name
            path.write_bytes(upload.data)
            try:
                layout, activity = _read_one(path, region, year)
            except InventoryInputError as exc:
                result.errors.extend(_file_errors(exc, upload.name))
                continue
            except (ValueError, OSError, KeyError) as exc:  # a file pandas or openpyxl cannot open at all
                result.errors.append(FileError(upload.name, None, None, _("无法读取：%(why)s") % {"why": exc}))
                continue
            result.layouts[upload.name] = layout
            if layout == "ceads":
                message = _("%(name)s：CEADs 排放矩阵，只读取%(region)s的行")
                result.notices.append(message % {"name": upload.name, "region": division(region).name})
            else:
                result.errors.extend(_region_errors(activity, region, upload.name, layout))
            frame = activity.frame.copy()
            frame["region"] = region
            parts.append(Activity(frame))
    if result.errors or not parts:
        if not result.errors:
            result.errors.append(FileError("", None, None, _("没有上传文件")))
        return result
    try:
        result.activity = parts[0].combine(*parts[1:]) if len(parts) > 1 else parts[0]
    except InventoryInputError as exc:
        result.errors.extend(_file_errors(exc, exc.source))
    return result


def dry_run(
    uploads: list[Upload],
    *,
    region: str,
    factor_set: str = "guideline",
    use_overrides: bool = True,
    grid: str = "national",
    year: int | None = None,
) -> DryRun:
    """Read, check and compute without storing anything."""
    result = read_files(uploads, region, year)
    result.factor_set = factor_set
    if result.errors or result.activity is None:
        return result
    try:
        result.factors, result.overrides = factor_set_for(factor_set, region, use_overrides)
        result.inventories = compute(result.activity, result.factors, grid=grid)
    except FactorError as exc:
        result.errors.append(FileError("", None, None, str(exc)))
        return result
    for inv in result.inventories:
        if not inv.entered and not inv.cells_kg.size and not inv.energy.total("equivalent_value"):
            result.notices.append(
                _("%(year)s 年只有工业过程、调入电力或碳汇数据，没有能源消费数据") % {"year": inv.year}
            )
    return result


def compute_activity(activity: Activity, factors: FactorSet, grid: str) -> list[Inventory]:
    """Compute stored activity again (with another set or new overrides)."""
    return compute(activity, factors, grid=grid)
