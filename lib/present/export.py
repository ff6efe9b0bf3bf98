"""CSV extracts that open cleanly in Excel and cannot smuggle in formulas.

`to_csv_bytes(df)`:

* UTF-8 with a byte order mark, so Excel shows umlauts;
* dates as ISO 8601 (`2022-10-18`; with a time only where a value has one);
* lists (`aliases`, `actors`) joined with "; ";
* text cells that begin with `=`, `+`, `-`, `@`, a tab or a carriage return are prefixed with `'`
  so a spreadsheet shows them as text instead of running them as a formula;
* the index is not written; rows end with CRLF (RFC 4180).
"""
from __future__ import annotations

import datetime as dt

import pandas as pd

__all__ = ["to_csv_bytes", "neutralise", "FORMULA_PREFIXES"]

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: str) -> str:
    """`'=1+1` for `=1+1`; other text unchanged."""
    return "'" + value if value.startswith(FORMULA_PREFIXES) else value


def _cell(value) -> object:
    if value is None:
        return ""
    if isinstance(value, (list, tuple, set)):
        return neutralise("; ".join(str(v) for v in value))
    if isinstance(value, (pd.Timestamp, dt.datetime)):
        if pd.isna(value):
            return ""
        ts = pd.Timestamp(value)
        return ts.date().isoformat() if ts == ts.normalize() else ts.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str):
        return neutralise(value)
    try:
        if pd.isna(value):
            return ""
    except (TypeError, ValueError):
        pass
    return value


def iso_dates(series: pd.Series) -> pd.Series:
    """A datetime column as ISO text: `YYYY-MM-DD` when every value is a whole day, else the
    full timestamp (in UTC when time-zoned); "" for an unknown date."""
    if getattr(series.dt, "tz", None) is not None:
        series = series.dt.tz_convert("UTC").dt.tz_localize(None)
    values = series.dropna()
    date_only = bool(len(values)) and bool((values == values.dt.normalize()).all())
    fmt = "%Y-%m-%d" if date_only or values.empty else None
    if fmt:
        return series.dt.strftime(fmt).fillna("")
    return series.map(lambda v: "" if pd.isna(v) else pd.Timestamp(v).isoformat())


def to_csv_bytes(df: pd.DataFrame) -> bytes:
    """`df` as CSV bytes for spreadsheets (see the module docstring)."""
    out = pd.DataFrame(index=df.index)
    for col in df.columns:
        series = df[col]
        if pd.api.types.is_datetime64_any_dtype(series):
            out[col] = iso_dates(series)
        elif pd.api.types.is_bool_dtype(series) or pd.api.types.is_numeric_dtype(series):
            out[col] = series.astype("object").where(series.notna(), "")
        else:
            out[col] = series.map(_cell)
    out.columns = [neutralise(str(c)) for c in df.columns]
    text = out.to_csv(index=False, lineterminator="\r\n")
    return text.encode("utf-8-sig")
