"""Read a plan document into text: .txt (UTF-8 or GB18030), .docx, or .pdf with a text layer.

Plans arrive as whatever a government site published: UTF-8 or GB18030 text saved from a page, Word
files, PDFs (some only scans). Every way a file can be unusable gives a PlanInputError that names the
file and says what is wrong, so a user knows whether to re-save, convert or OCR it. Line ends are
unified to "\\n"; offsets of the parsed plan index the returned text.
"""

from __future__ import annotations

import io
import logging
import re
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from tanda.plan.errors import PlanInputError

if TYPE_CHECKING:
    from docx.table import Table

MAX_BYTES = 20 * 1024 * 1024  # larger files are not plans: refuse before reading them
MIN_TEXT_SHARE = 0.97  # share of decoded characters that must be ordinary text for a file to count as text

TEXT_SUFFIXES = {".txt", ".text", ".md", ""}
DOCX_SUFFIXES = {".docx"}
PDF_SUFFIXES = {".pdf"}
_REFUSED_SUFFIXES = {
    ".doc": "old Word .doc files are not supported; save it as .docx",
    ".wps": "WPS files are not supported; save it as .docx",
    ".xls": "spreadsheets are not plan documents",
    ".xlsx": "spreadsheets are not plan documents",
    ".ofd": "OFD files are not supported; export it as PDF or .docx",
}
_PDF_MAGIC = b"%PDF-"
_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0"
_BOMS = [(b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")]
# Characters that do not occur in text: C0/C1 controls other than tab and line ends, replacement char.
_NOT_TEXT = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffd\ue000-\uf8ff]")


def read_document(path: Path) -> str:
    """Text of the document at `path`; the size is checked before the file is read."""
    path = Path(path)
    if not path.exists():
        raise PlanInputError(f"{path}: no such file")
    if not path.is_file():
        raise PlanInputError(f"{path}: not a file")
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise PlanInputError(f"{path}: file too large ({_megabytes(size)}; the limit is {_megabytes(MAX_BYTES)})")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise PlanInputError(f"{path}: cannot be read ({exc.strerror or exc})") from exc
    return read_bytes(data, str(path))


def read_bytes(data: bytes, filename: str) -> str:
    """Text of a document given as bytes; `filename` tells the type by its suffix and names it in errors."""
    if len(data) > MAX_BYTES:
        raise PlanInputError(
            f"{filename}: file too large ({_megabytes(len(data))}; the limit is {_megabytes(MAX_BYTES)})"
        )
    if not data:
        raise PlanInputError(f"{filename}: the file is empty (0 bytes)")
    if not data.strip():
        raise PlanInputError(f"{filename}: the file is empty (only whitespace)")
    suffix = Path(filename).suffix.lower()
    if suffix in _REFUSED_SUFFIXES:
        raise PlanInputError(f"{filename}: {_REFUSED_SUFFIXES[suffix]}")
    if suffix in PDF_SUFFIXES or data.startswith(_PDF_MAGIC):
        text = _read_pdf(data, filename)
    elif suffix in DOCX_SUFFIXES or (data.startswith(_ZIP_MAGIC) and b"word/" in data[:65536]):
        text = _read_docx(data, filename)
    elif suffix in TEXT_SUFFIXES:
        text = _read_text(data, filename)
    else:
        raise PlanInputError(f"{filename}: unsupported file type {suffix!r} (use .txt, .docx or .pdf)")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise PlanInputError(f"{filename}: the document contains no text")
    return text


def _megabytes(size: int) -> str:
    return f"{size / 1048576:.1f} MB"


def _binary_kind(data: bytes) -> str | None:
    if data.startswith(_ZIP_MAGIC):
        return "a ZIP archive"
    if data.startswith(_OLE_MAGIC):
        return "an old Office file (.doc/.xls); save it as .docx"
    if data.startswith(_PDF_MAGIC):
        return "a PDF"
    return None


def _looks_like_text(text: str) -> bool:
    if not text:
        return False
    bad = len(_NOT_TEXT.findall(text))
    return bad <= len(text) * (1 - MIN_TEXT_SHARE)


def _read_text(data: bytes, filename: str) -> str:
    """Decode plain text: a BOM if there is one, else UTF-8, else GB18030, else charset detection."""
    kind = _binary_kind(data)
    if kind:
        raise PlanInputError(f"{filename}: binary file ({kind}), not text")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom) :].decode(encoding)
            except UnicodeDecodeError as exc:
                raise PlanInputError(f"{filename}: invalid {encoding} text after its byte-order mark") from exc
            return _checked(text, filename)
    if b"\x00" in data:
        raise PlanInputError(f"{filename}: binary file (contains NUL bytes), not text")
    try:
        return _checked(data.decode("utf-8"), filename)  # valid UTF-8 full of control characters is binary
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("gb18030")
        if _looks_like_text(text):
            return text
    except UnicodeDecodeError:
        pass
    text = _detect(data)
    if text is None:
        raise PlanInputError(f"{filename}: unknown text encoding (not UTF-8 or GB18030); save it as UTF-8")
    return _checked(text, filename)


def _detect(data: bytes) -> str | None:
    """Another encoding, accepted only when it yields Chinese text (plans are Chinese; guesses that give
    Cyrillic or subscripts from undecodable bytes are wrong)."""
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        return None
    text = str(best)
    letters = [ch for ch in text if not ch.isspace()]
    cjk = sum(1 for ch in letters if "\u4e00" <= ch <= "\u9fff")
    return text if _looks_like_text(text) and cjk >= 0.1 * len(letters) else None


def _checked(text: str, filename: str) -> str:
    if not _looks_like_text(text):
        raise PlanInputError(f"{filename}: binary file (control characters where text should be), not text")
    return text


def _read_docx(data: bytes, filename: str) -> str:
    """Paragraphs and table rows of a Word document in the order they appear."""
    from docx import Document
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise PlanInputError(f"{filename}: corrupt or invalid .docx file (not a ZIP package)")
    try:
        document = Document(io.BytesIO(data))
    except Exception as exc:  # python-docx lets zipfile, lxml and its own package errors through
        raise PlanInputError(f"{filename}: corrupt or invalid .docx file ({exc.__class__.__name__})") from exc
    lines: list[str] = []
    for block in document.iter_inner_content():
        if isinstance(block, Paragraph):
            lines.append(block.text)
        elif isinstance(block, Table):
            lines.extend(_table_lines(block))
    return "\n".join(lines)


def _table_lines(table: Table) -> list[str]:
    """One line per row, cells separated by tabs; a cell merged across columns is written once."""
    out = []
    for row in table.rows:
        cells: list[str] = []
        for cell in row.cells:
            value = cell.text.replace("\n", " ").strip()
            if not cells or value != cells[-1]:
                cells.append(value)
        out.append("\t".join(cells))
    return out


@contextmanager
def _quiet(logger_name: str) -> Iterator[None]:
    """Silence a library's warnings while it reads a damaged file: the PlanInputError says what matters."""
    logger = logging.getLogger(logger_name)
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        yield
    finally:
        logger.setLevel(level)


def _read_pdf(data: bytes, filename: str) -> str:
    """The text layer of a PDF; a scan without one is refused with advice to OCR it."""
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    with _quiet("pypdf"):
        try:
            reader = PdfReader(io.BytesIO(data))
            if reader.is_encrypted and not reader.decrypt(""):
                raise PlanInputError(f"{filename}: the PDF is encrypted with a password")
            pages = [page.extract_text() or "" for page in reader.pages]
        except PlanInputError:
            raise
        except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, OSError, RecursionError) as exc:
            raise PlanInputError(f"{filename}: corrupt or invalid PDF ({exc.__class__.__name__})") from exc
    if not pages:
        raise PlanInputError(f"{filename}: the PDF has no pages")
    text = "\n".join(pages)
    if not text.strip():
        raise PlanInputError(f"{filename}: the PDF has no text layer (a scan?); run OCR on it first")
    return text
