"""Read a CSV or xlsx upload in chunks of text cells, with the spreadsheet row number of every row.

Uploads can be large (a province's 20,000 units × 12 months × 10 fuels is 2.4 M rows), so nothing
here holds a whole file: CSV goes through pandas' C parser in chunks, xlsx through openpyxl's
read-only (streaming) mode. The size limit is checked before the first byte is read. A CSV's
encoding is UTF-8 (with or without BOM), GB18030 (which covers GBK and GB2312, what Chinese Excel
writes) or UTF-16 with a BOM; anything else is refused with a message saying so.

Rows with more cells than the header (a shifted column, a stray comma) are not dropped silently:
each becomes an error at its own row, and the rows after it keep their true row numbers.
"""

from __future__ import annotations

import codecs
import os
import re
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

import numpy as np
import pandas as pd

from tanda.enterprises.errors import EnterpriseInputError, RowError
from tanda.i18n import _

__all__ = ["CHUNK_ROWS", "Chunk", "TableReader", "detect_encoding"]

# Rows per chunk: small enough that the database starts storing soon after the file is opened (an
# import overlaps validating one chunk with storing the one before), large enough that numpy's
# per-call cost is negligible; about 10 MB of cells.
CHUNK_ROWS = 100_000

_SKIPPED = re.compile(r"Skipping line (\d+): expected (\d+) fields?, saw (\d+)")
_SNIFF_BYTES = 1 << 16


@dataclass
class Chunk:
    """Cells as text ('' when blank), one column per header; `rows` are spreadsheet row numbers."""

    frame: pd.DataFrame
    rows: np.ndarray  # int64
    bad_lines: list[RowError]


def detect_encoding(head: bytes) -> str:
    """The text encoding of a CSV from its first bytes; EnterpriseInputError when it is not text."""
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    if b"\x00" in head:
        raise _not_text(_("the file contains NUL bytes: it is a binary file (an .xls or .xlsx saved as .csv?)"))
    for encoding in ("utf-8", "gb18030"):
        decoder = codecs.getincrementaldecoder(encoding)()
        try:
            decoder.decode(head, final=False)  # a character cut at the end of the sample is not an error
        except UnicodeDecodeError:
            continue
        return encoding
    raise _not_text(_("the file is neither UTF-8 nor GB18030 (GBK) text; save it as CSV UTF-8 and upload again"))


def _not_text(message: str) -> EnterpriseInputError:
    return EnterpriseInputError("upload", [RowError(None, None, message)])


class TableReader:
    """Iterate over a CSV/xlsx file as `Chunk`s; `header` is known after construction.

    `source` is a path or a binary file object (a Django upload); `name` decides the format by its
    suffix. Raises EnterpriseInputError for a file over `max_bytes`, of an unknown format, not text,
    or without a header row.
    """

    def __init__(
        self,
        source: str | Path | IO[bytes],
        *,
        name: str | None = None,
        max_bytes: int | None = None,
        chunk_rows: int = CHUNK_ROWS,
    ) -> None:
        self.source = source
        self.name = name or (str(source) if isinstance(source, str | Path) else getattr(source, "name", "upload"))
        self.chunk_rows = chunk_rows
        size = _size_of(source)
        if max_bytes is not None and size is not None and size > max_bytes:
            raise EnterpriseInputError(
                self.name,
                [
                    RowError(
                        None,
                        None,
                        _(
                            "the file is {size:,.0f} MiB; uploads are limited to {limit:,.0f} MiB "
                            "(split it into several files)"
                        ).format(size=size / 2**20, limit=max_bytes / 2**20),
                    )
                ],
            )
        suffix = Path(self.name).suffix.lower()
        if suffix in {".xlsx", ".xlsm"}:
            self.kind = "xlsx"
        elif suffix in {".csv", ".txt", ""}:
            self.kind = "csv"
        else:
            raise EnterpriseInputError(
                self.name,
                [RowError(None, None, _("{suffix} files are not read; expected .csv or .xlsx").format(suffix=suffix))],
            )
        self.header: list[str] = []
        self.encoding = ""
        if self.kind == "csv":
            self._open_csv()
        else:
            self._open_xlsx()

    # ------------------------------------------------------------------ CSV

    def _binary(self) -> IO[bytes]:
        if isinstance(self.source, str | Path):
            return open(self.source, "rb")
        self.source.seek(0)
        return self.source

    def _open_csv(self) -> None:
        handle = self._binary()
        head = handle.read(_SNIFF_BYTES)
        if isinstance(self.source, str | Path):
            handle.close()
        if not head.strip():
            raise EnterpriseInputError(self.name, [RowError(None, None, _("the file is empty"))])
        self.encoding = detect_encoding(head)
        first = head.decode(self.encoding, errors="replace").lstrip("\ufeff").splitlines()[0]
        self.header = [h.strip().strip('"') for h in first.split(",")]

    def _csv_chunks(self) -> Iterator[Chunk]:
        handle = self._binary()
        try:
            reader = pd.read_csv(
                handle,
                dtype=str,
                encoding=self.encoding,
                keep_default_na=False,
                na_filter=False,
                skip_blank_lines=False,
                on_bad_lines="warn",
                chunksize=self.chunk_rows,
                encoding_errors="strict",
            )
            cursor = 2
            iterator = iter(reader)
            while True:
                with warnings.catch_warnings(record=True) as caught:
                    warnings.simplefilter("always")
                    try:
                        frame = next(iterator)
                    except StopIteration:
                        break
                    except UnicodeDecodeError as exc:
                        raise EnterpriseInputError(
                            self.name,
                            [
                                RowError(
                                    None,
                                    None,
                                    _(
                                        "the file is not valid {encoding} text after row {row}: {reason}; "
                                        "save the whole file in one encoding (CSV UTF-8)"
                                    ).format(encoding=self.encoding, row=cursor - 1, reason=exc.reason),
                                )
                            ],
                        ) from exc
                    except pd.errors.ParserError as exc:
                        raise EnterpriseInputError(
                            self.name, [RowError(None, None, _("unreadable CSV: {error}").format(error=exc))]
                        ) from exc
                bad: list[RowError] = []
                skipped: list[int] = []
                for w in caught:
                    for line, expected, saw in _SKIPPED.findall(str(w.message)):
                        skipped.append(int(line))
                        bad.append(
                            RowError(
                                int(line),
                                None,
                                _(
                                    "{saw} cells where the header has {expected}: a shifted or extra column "
                                    "(a comma inside a number or name?)"
                                ).format(saw=saw, expected=expected),
                            )
                        )
                n = len(frame)
                span = np.arange(cursor, cursor + n + len(skipped), dtype=np.int64)
                rows = span[~np.isin(span, skipped)][:n] if skipped else span[:n]
                cursor += n + len(skipped)
                frame.columns = [str(c).strip().lstrip("\ufeff") for c in frame.columns]
                yield Chunk(frame.reset_index(drop=True), rows, bad)
        finally:
            if isinstance(self.source, str | Path):
                handle.close()

    # ----------------------------------------------------------------- xlsx

    def _open_xlsx(self) -> None:
        from openpyxl import load_workbook

        try:
            self._book = load_workbook(self._binary(), read_only=True, data_only=True)
        except Exception as exc:  # openpyxl raises zipfile, KeyError, InvalidFileException … on a bad file
            raise EnterpriseInputError(
                self.name, [RowError(None, None, _("not a readable .xlsx file ({error})").format(error=exc))]
            ) from exc
        sheet = self._book.worksheets[0]
        first = next(sheet.iter_rows(min_row=1, max_row=1, values_only=True), None)
        if first is None:
            raise EnterpriseInputError(self.name, [RowError(None, None, _("the first sheet is empty"))])
        header = [_cell_text(v) for v in first]
        while header and not header[-1]:
            header.pop()
        self.header = header

    def _xlsx_chunks(self) -> Iterator[Chunk]:
        sheet = self._book.worksheets[0]
        width = len(self.header)
        buffer: list[list[str]] = []
        rows: list[int] = []
        bad: list[RowError] = []
        for number, values in enumerate(sheet.iter_rows(min_row=2, values_only=True), start=2):
            cells = [_cell_text(v) for v in values]
            if any(cells[width:]):
                bad.append(
                    RowError(
                        number,
                        None,
                        _("cells beyond the {width} header columns: a shifted or extra column").format(width=width),
                    )
                )
                continue
            cells = (cells + [""] * width)[:width]
            buffer.append(cells)
            rows.append(number)
            if len(buffer) >= self.chunk_rows:
                yield Chunk(pd.DataFrame(buffer, columns=self.header, dtype=str), np.array(rows, np.int64), bad)
                buffer, rows, bad = [], [], []
        if buffer or bad:
            yield Chunk(
                pd.DataFrame(buffer, columns=self.header, dtype=str)
                if buffer
                else pd.DataFrame({h: pd.Series(dtype=str) for h in self.header}),
                np.array(rows, np.int64),
                bad,
            )
        self._book.close()

    def __iter__(self) -> Iterator[Chunk]:
        return self._csv_chunks() if self.kind == "csv" else self._xlsx_chunks()


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _size_of(source: Any) -> int | None:
    if isinstance(source, str | Path):
        try:
            return os.stat(source).st_size
        except OSError as exc:
            raise EnterpriseInputError(
                str(source), [RowError(None, None, _("cannot read the file: {error}").format(error=exc))]
            ) from exc
    size = getattr(source, "size", None)
    if size is not None:
        return int(size)
    try:
        here = source.tell()
        source.seek(0, os.SEEK_END)
        end = source.tell()
        source.seek(here)
        return end
    except (AttributeError, OSError):
        return None
