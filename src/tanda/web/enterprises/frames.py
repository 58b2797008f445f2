"""Stored submissions read as column arrays: the key and the canonical quantity only.

Pages over a province's units read millions of rows. Through the ORM that is one Python tuple of
six values per row; here the database sends two numbers per row (on PostgreSQL as a binary COPY
of a few arrays that numpy reads in place) and `tanda.enterprises.submissions.frame_from_keys` unpacks unit, year,
month, fuel and direction from the key.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd
from django.db import connection
from django.db.models import QuerySet

from tanda.enterprises.submissions import frame_from_keys
from tanda.web.enterprises.models import Submission

__all__ = ["submissions_frame"]

_KEY_RANGES = 500  # up to this many unit-years are read as key ranges; more, by one pass over the table
_BUCKET_SHIFT = 34  # one array per 16,384 units (ids sit above bit 20 of the key): a year of 20,000 units is 1–2 arrays
# PostgreSQL's binary COPY: a 19-byte header, then per row a field count and length-prefixed fields; a
# one-dimensional array field starts with ndim, flags, element type, size and lower bound (5 × int32)
_COPY_HEADER, _COPY_TRAILER, _ARRAY_HEADER = 19, 2, 20


def submissions_frame(
    units: QuerySet | Iterable[int] | None = None, years: Iterable[int] | None = None
) -> pd.DataFrame:
    """Stored submissions as the domain's frame (unit = enterprise id)."""
    rows = Submission.objects.all()
    years = list(years) if years is not None else None
    if units is not None and not isinstance(units, QuerySet):
        units = list(units)
        if len(units) * len(years or [None]) <= _KEY_RANGES:
            rows = rows.of_units(units, years)  # index ranges rather than a scan of every unit's rows
    if units is not None:
        rows = rows.filter(enterprise__in=units)
    if years is not None:
        rows = rows.filter(year__in=years)
    keys, canonical = _key_and_canonical(rows.order_by())
    return frame_from_keys(keys, canonical)


def _key_and_canonical(rows: QuerySet) -> tuple[np.ndarray, np.ndarray]:
    sql, params = rows.values_list("key", "canonical").query.sql_with_params()
    connection.ensure_connection()
    if connection.vendor == "postgresql":
        return _postgresql_arrays(sql, params)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        fetched = cursor.fetchall()
    if not fetched:
        return np.empty(0, dtype=np.int64), np.empty(0, dtype=np.float64)
    table = np.array(fetched, dtype=object)
    return table[:, 0].astype(np.int64), table[:, 1].astype(np.float64)


def _postgresql_arrays(sql: str, params) -> tuple[np.ndarray, np.ndarray]:
    """The rows as a few binary arrays (one per bucket of units) that numpy reads in place.

    A binary COPY of the rows themselves would hand Python one block per row; arrays aggregated per
    bucket arrive as a handful of blocks, each a run of fixed-width elements.
    """
    statement = (
        f"COPY (SELECT array_agg(key), array_agg(canonical) FROM ({sql}) AS rows "
        f"GROUP BY key >> {_BUCKET_SHIFT}) TO STDOUT (FORMAT binary)"
    )
    with connection.cursor() as cursor, cursor.cursor.copy(statement, params) as copy:
        data = b"".join(bytes(block) for block in copy)
    keys, canonical = [], []
    at = _COPY_HEADER
    while at < len(data) - _COPY_TRAILER:
        at += 2  # field count
        for out, element in ((keys, ">i8"), (canonical, ">f8")):
            length = int.from_bytes(data[at : at + 4], "big", signed=True)
            count = int.from_bytes(data[at + 4 + 12 : at + 4 + 16], "big", signed=True)  # the one dimension
            layout = np.dtype([("length", ">i4"), ("value", element)])
            out.append(np.frombuffer(data, dtype=layout, count=count, offset=at + 4 + _ARRAY_HEADER)["value"])
            at += 4 + length
    if not keys:
        return np.empty(0, dtype=np.int64), np.empty(0, dtype=np.float64)
    return np.concatenate(keys).astype(np.int64), np.concatenate(canonical).astype(np.float64)
