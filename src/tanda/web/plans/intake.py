"""An uploaded file → its text and parse, or a PlanInputError saying why it is not a plan.

The web's only door to the domain parser: the upload form, its preview and its save all call
`read_upload`, so the preview shows exactly what the save stores.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePath

from django.utils.translation import gettext as _

from tanda.plan import ParsedPlan, PlanInputError, check_structure, parse_text, read_bytes
from tanda.plan.reading import MAX_BYTES

ALLOWED_SUFFIXES = (".txt", ".docx", ".pdf")


@dataclass
class Intake:
    name: str
    data: bytes
    text: str
    parsed: ParsedPlan


def check_file(name: str, size: int) -> None:
    """Refuse a file by its name and size before reading a byte of it."""
    if PurePath(name).suffix.lower() not in ALLOWED_SUFFIXES:
        raise PlanInputError(
            _("%(name)s：不支持的文件类型，请上传 .txt、.docx 或 .pdf 文件") % {"name": name},
        )
    if size == 0:
        raise PlanInputError(_("%(name)s：文件是空的") % {"name": name})
    if size > MAX_BYTES:
        raise PlanInputError(
            _("%(name)s：文件过大（%(size)s MB），上限为 %(limit)s MB")
            % {"name": name, "size": round(size / 2**20, 1), "limit": MAX_BYTES // 2**20},
        )


def read_upload(data: bytes, name: str) -> Intake:
    """Read and parse the file; refuse it unless it has a plan's structure."""
    check_file(name, len(data))
    text = read_bytes(data, name)
    parsed = parse_text(text)
    check_structure(parsed, name)
    return Intake(name=name, data=data, text=text, parsed=parsed)
