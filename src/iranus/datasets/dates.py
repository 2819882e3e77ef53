"""The course's dates: the course date, and the one precision-aware date cut.

Every date cut in iranus is made here, by :func:`cut`, called by the loader
(:func:`iranus.datasets.loading.load`) and through it by the course context
(:class:`iranus.course.Course`). Models, charts and explorers receive frames already cut.

Meaning of ``as_of`` everywhere in iranus:

- a date (``"YYYY-MM-DD"``, ``datetime.date`` or ``pandas.Timestamp``): keep only what is dated on
  or before it. A row dated only to the month or year (column ``date_precision``) is kept only if
  that whole period is over by then (:func:`period_end`): "February 2026" is not known on
  6 February 2026;
- ``None``: no cut, the whole record (up to :func:`iranus.datasets.package.record_end`).

The course context's *default* is :data:`COURSE_DATE` (``iranus.course()``); pass ``as_of=None``
to it for the whole record (the epilogue).
"""

from __future__ import annotations

import datetime as _dt

import pandas as pd

__all__ = ["COURSE_DATE", "DateLike", "cut", "frame_as_of", "known", "parse_date", "period_end"]

#: The date the lessons before the epilogue are set on: the Muscat round of 6 February 2026.
#: The one place in the source where the course date is written (the data package's
#: ``iranus:course_date`` says the same; a test checks they agree).
COURSE_DATE = pd.Timestamp("2026-02-06")

DateLike = str | _dt.date | pd.Timestamp | None


def parse_date(value: DateLike, argument: str = "as_of") -> pd.Timestamp | None:
    """Turn a date argument into a normalised Timestamp (None stays None).

    Args:
        value: ``"YYYY-MM-DD"``, a ``datetime.date``, a ``pandas.Timestamp`` or None.
        argument: the argument's name, for the error message.

    Returns:
        ``pandas.Timestamp`` at midnight, or None.

    Raises:
        ValueError: naming the argument, for anything that is not a real date.

    >>> parse_date("2026-01-15")
    Timestamp('2026-01-15 00:00:00')
    >>> parse_date(None) is None
    True
    """
    if value is None:
        return None
    try:
        ts = pd.Timestamp(value)
    except (ValueError, TypeError):
        raise ValueError(f"{argument}={value!r} is not a date; use 'YYYY-MM-DD'") from None
    if pd.isna(ts):
        raise ValueError(f"{argument}={value!r} is not a date; use 'YYYY-MM-DD'")
    return ts.normalize()


def period_end(df: pd.DataFrame, time_field: str = "date") -> pd.Series:
    """The last day a row's date can mean, given its ``date_precision`` (if the table has one).

    A row dated ``2026-02-01`` with precision ``month`` may have happened on any day of
    February 2026, so a cut on 6 February must leave it out: the cut compares this date, not the
    first day. Rows with day precision (or tables without the column) keep their date.

    Returns:
        Series of datetime64 aligned with ``df``.

    >>> df = pd.DataFrame({"date": pd.to_datetime(["2026-02-01", "2026-02-01"]),
    ...                    "date_precision": ["day", "month"]})
    >>> period_end(df).dt.strftime("%Y-%m-%d").tolist()
    ['2026-02-01', '2026-02-28']
    """
    dates = df[time_field]
    if "date_precision" not in df.columns:
        return dates
    precision = df["date_precision"].astype("string")
    out = dates.copy()
    month = (precision == "month").fillna(False).to_numpy(dtype=bool)
    year = (precision == "year").fillna(False).to_numpy(dtype=bool)
    out[month] = dates[month] + pd.offsets.MonthEnd(0)
    out[year] = dates[year] + pd.offsets.YearEnd(0)
    return out


def known(df: pd.DataFrame, as_of: DateLike, time_field: str = "date", keep_undated: bool = True) -> pd.Series:
    """Which rows are known on ``as_of`` (the mask :func:`cut` keeps); all True when ``as_of`` is None.

    Returns:
        Boolean Series aligned with ``df``.

    Raises:
        ValueError: ``as_of`` is not a date.
    """
    ts = parse_date(as_of)
    if ts is None:
        return pd.Series(True, index=df.index)
    keep = (period_end(df, time_field) <= ts).fillna(False).astype(bool)
    if keep_undated:
        keep = keep | df[time_field].isna()
    return keep


def cut(df: pd.DataFrame, as_of: DateLike, time_field: str = "date", keep_undated: bool = True) -> pd.DataFrame:
    """Rows known on ``as_of``: dated (to the end of their period) on or before it.

    Args:
        df: a table with a datetime column ``time_field`` (and optionally ``date_precision``).
        as_of: the cut date; None returns ``df`` unchanged (the whole record).
        time_field: the date column.
        keep_undated: keep rows whose date is missing (e.g. a scenario outcome not yet known).

    Returns:
        The kept rows, original index and attrs preserved.

    Raises:
        ValueError: ``as_of`` is not a date.

    >>> df = pd.DataFrame({"date": pd.to_datetime(["2026-01-15", "2026-01-16"])})
    >>> len(cut(df, "2026-01-15"))
    1
    """
    if parse_date(as_of) is None:
        return df
    return df[known(df, as_of, time_field, keep_undated).to_numpy(dtype=bool)]


def frame_as_of(frame: pd.DataFrame | None) -> pd.Timestamp | None:
    """The date a table was cut at, as the loader recorded it in ``frame.attrs["iranus"]``.

    Returns:
        Timestamp, or None for an uncut table (the whole record) or a table not from the loader.
    """
    meta = getattr(frame, "attrs", {}).get("iranus", {}) if frame is not None else {}
    value = meta.get("as_of")
    return None if value is None else pd.Timestamp(value)
