"""Leverage and pressure in numbers: one series at a time, its change, and what is verified.

Lesson 04 reads the quantities table (``iranus.load("quantities")``): the IAEA's stockpile
figures, the rial's open-market rate, casualty counts. The table is long (one row per series,
date and source); these helpers pick out what the lesson needs and refuse to mix what must not
be mixed: series in different units, or competing counts from different counters (they stay
separate series, never merged or averaged).
"""

from __future__ import annotations

import pandas as pd

from ..datasets.schema import require_columns

QUANTITY_COLUMNS = ("series_id", "date", "value", "unit", "measure_en", "estimate_kind", "source_id", "confidence")


def _require(df: pd.DataFrame) -> None:
    require_columns(df, "quantities", QUANTITY_COLUMNS)


def series(quantities: pd.DataFrame, series_id: str) -> pd.DataFrame:
    """The rows of one series, oldest first.

    Args:
        quantities: ``iranus.load("quantities", as_of=...)``.
        series_id: e.g. ``"iran_u235_60pct_stockpile"``.

    Returns:
        The series' rows with all columns, sorted by ``date`` then ``source_id``, fresh index.

    Raises:
        ValueError: the table has no such series (lists the ones it has), or the series mixes
            units (names them: a series must have one unit).
    """
    _require(quantities)
    rows = quantities[quantities["series_id"] == series_id]
    if rows.empty:
        known = ", ".join(sorted(quantities["series_id"].astype(str).unique())) or "none"
        raise ValueError(f"series_id={series_id!r}: no such series in this table (as_of cut?); series: {known}")
    units = sorted(rows["unit"].astype(str).unique())
    if len(units) > 1:
        raise ValueError(f"series {series_id!r} mixes units {units}; one series must have one unit")
    return rows.sort_values(["date", "source_id"]).reset_index(drop=True)


def change(quantities: pd.DataFrame, series_id: str, start: str | None = None, end: str | None = None) -> dict:
    """How one series moved between two of its observations.

    Args:
        quantities: ``iranus.load("quantities", as_of=...)``.
        series_id: the series.
        start, end: ``"YYYY-MM-DD"``; the first observation on or after ``start`` and the last on
            or before ``end`` are compared (default: the first and the last of the series).

    Returns:
        dict with ``start_date`` and ``end_date`` (Timestamp), ``start_value`` and
        ``end_value`` (float, in ``unit``), ``unit`` (str), ``ratio`` (end / start, float;
        NaN when start is 0), ``percent_change`` (float, %; NaN when start is 0),
        ``start_precision`` and ``end_precision`` (str: ``"day"``, ``"month"`` or ``"year"``,
        how precisely each date is known; see :func:`describe_change`).

    Raises:
        ValueError: see :func:`series`; or fewer than two observations in the window.

    >>> import iranus
    >>> rial = change(iranus.course().load("quantities"), "iran_rial_per_usd_open_market")
    >>> rial["start_value"], rial["end_value"], rial["unit"]
    (32000.0, 1500000.0, 'rials per US dollar')
    """
    rows = series(quantities, series_id)
    if start is not None:
        rows = rows[rows["date"] >= pd.Timestamp(start)]
    if end is not None:
        rows = rows[rows["date"] <= pd.Timestamp(end)]
    if len(rows) < 2:
        raise ValueError(f"series {series_id!r} has fewer than two observations between {start} and {end}")
    first, last = rows.iloc[0], rows.iloc[-1]
    v0, v1 = float(first["value"]), float(last["value"])
    ratio = v1 / v0 if v0 else float("nan")
    return {
        "start_date": first["date"],
        "end_date": last["date"],
        "start_value": v0,
        "end_value": v1,
        "unit": str(first["unit"]),
        "ratio": ratio,
        "percent_change": (ratio - 1) * 100 if v0 else float("nan"),
        "start_precision": _precision(first),
        "end_precision": _precision(last),
    }


def _precision(row: pd.Series) -> str:
    """The date precision of an observation ("day" when the table does not say)."""
    value = row.get("date_precision")
    return "day" if value is None or pd.isna(value) or str(value) == "" else str(value)


def describe_change(moved: dict, language: str | None = None) -> str:
    """One sentence on how a series moved, with each date only as precise as it is known.

    Args:
        moved: the dict :func:`change` returns.
        language: ``"en"`` or ``"ar"`` for the month names (the sentence itself is English);
            the default language when None.

    Returns:
        str, e.g. "From 32,000 rials per US dollar (2015) to 1,500,000 rials per US dollar
        (27 Jan 2026): 46.9 times as much." (the ratio to one decimal; thousands separated).

    >>> describe_change({"start_date": pd.Timestamp("2015-01-01"), "end_date": pd.Timestamp("2026-01-27"),
    ...     "start_value": 32000.0, "end_value": 1500000.0, "unit": "rials per US dollar", "ratio": 46.875,
    ...     "start_precision": "year", "end_precision": "day"})
    'From 32,000 rials per US dollar (2015) to 1,500,000 rials per US dollar (27 Jan 2026): 46.9 times as much.'
    """
    from ..datasets.i18n import format_date, get_language

    lang = get_language(language)

    def amount(value: float) -> str:
        return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}".rstrip("0").rstrip(".")

    when0 = format_date(moved["start_date"], lang, moved.get("start_precision", "day"))
    when1 = format_date(moved["end_date"], lang, moved.get("end_precision", "day"))
    return (
        f"From {amount(moved['start_value'])} {moved['unit']} ({when0}) to {amount(moved['end_value'])} "
        f"{moved['unit']} ({when1}): {moved['ratio']:,.1f} times as much."
    )


def verification_status(quantities: pd.DataFrame, series_id: str) -> pd.DataFrame:
    """Each observation of a series, with whether the measuring body verified it.

    Returns:
        DataFrame with ``date`` (datetime64), ``value`` (float), ``unit``, ``estimate_kind``
        (string), ``verified`` (bool: estimate_kind is ``"verified"``), ``source_id``,
        ``confidence``, ``notes`` (string), oldest first.

    Raises:
        ValueError: see :func:`series`.
    """
    rows = series(quantities, series_id)
    out = rows[["date", "value", "unit", "estimate_kind", "source_id", "confidence"]].copy()
    out["notes"] = rows["notes"].astype("string") if "notes" in rows.columns else pd.NA
    for c in ("unit", "estimate_kind", "source_id", "confidence"):
        out[c] = out[c].astype("string")
    out.insert(4, "verified", (out["estimate_kind"] == "verified").fillna(False).astype(bool))
    return out.reset_index(drop=True)


def last_verified(quantities: pd.DataFrame, series_id: str) -> pd.Series | None:
    """The latest observation of a series that the measuring body verified, or None if none is."""
    status = verification_status(quantities, series_id)
    verified = status[status["verified"]]
    return None if verified.empty else verified.iloc[-1]


def competing_counts(quantities: pd.DataFrame, series_ids: list[str]) -> pd.DataFrame:
    """The latest figure of each of several competing counts, side by side (never merged).

    Use it for counts of one thing by different counters (officials, rights groups ...), each
    kept in its own series in the data.

    Args:
        quantities: ``iranus.load("quantities", as_of=...)``.
        series_ids: the competing series, in display order.

    Returns:
        DataFrame, one row per series in the order given: ``series_id``, ``measure_en`` (who
        counts what), ``date`` (datetime64 of the latest figure), ``value`` (float), ``unit``,
        ``estimate_kind``, ``source_id``, ``confidence`` (strings), ``notes``;
        ``attrs["iranus"]`` is copied from ``quantities`` (the as_of cut).

    Raises:
        ValueError: an unknown series (see :func:`series`), an empty list, or series in
            different units (names them: counts in different units do not compare).
    """
    if not series_ids:
        raise ValueError("series_ids is empty; name at least one series")
    rows = [series(quantities, s).iloc[-1] for s in series_ids]
    out = pd.DataFrame(rows).reset_index(drop=True)
    units = sorted(out["unit"].astype(str).unique())
    if len(units) > 1:
        raise ValueError(f"series {list(series_ids)} are in different units {units}; compare counts of one unit")
    cols = ["series_id", "measure_en", "date", "value", "unit", "estimate_kind", "source_id", "confidence", "notes"]
    out = out[[c for c in cols if c in out.columns]]
    for c in out.columns:
        if c not in ("date", "value"):
            out[c] = out[c].astype("string")
    out["value"] = out["value"].astype("float64")
    out["date"] = pd.to_datetime(out["date"])
    out.attrs["iranus"] = dict(quantities.attrs.get("iranus", {}))
    return out


__all__ = [
    "QUANTITY_COLUMNS",
    "change",
    "describe_change",
    "competing_counts",
    "last_verified",
    "series",
    "verification_status",
]
