"""Read a plan document (.txt in UTF-8 or GB18030, .docx, .pdf with a text layer) into text.

STUB: to be completed (encodings, docx, pdf, size limit, binary detection).
"""

from __future__ import annotations

from pathlib import Path

from tanda.plan.errors import PlanInputError

MAX_BYTES = 20 * 1024 * 1024


def read_document(path: Path) -> str:
    if not path.is_file():
        raise PlanInputError(f"{path}: no such file")
    return read_bytes(path.read_bytes(), path.name)


def read_bytes(data: bytes, filename: str) -> str:
    if not data:
        raise PlanInputError(f"{filename}: the file is empty")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise PlanInputError(f"{filename}: not UTF-8 text") from exc
