"""Loading the curated datasets as tidy pandas DataFrames.

Every loader validates its file against the data package's schema first (see
:mod:`iranus.datasets.validation`) and then converts each column by the schema's field type:

========== ==========================================================
schema     pandas dtype
========== ==========================================================
string     ``string`` (ids, text); a field with an enum -> ``category``
           with the enum's values as categories, in schema order
date       ``datetime64[ns]`` (missing -> NaT)
integer    ``Int64`` (nullable)
number     ``float64``
boolean    ``boolean`` (nullable)
========== ==========================================================

``as_of`` cuts time-stamped tables (events, positions, claim checks, quantities, scenario
outcomes, sources) at a date, so that lessons set on 6 February 2026 see only what was known
then. The metadata of each table (title, description, citation) is in ``df.attrs["iranus"]``.
"""

from __future__ import annotations

import datetime as _dt
from pathlib import Path

import pandas as pd

from .package import dataset_names, read_descriptor, record_end, resolve_data_dir, resource_descriptor
from .validation import ensure_valid

DateLike = str | _dt.date | pd.Timestamp | None

_DTYPES = {
    "string": "string",
    "integer": "Int64",
    "number": "float64",
    "boolean": "boolean",
    "date": "datetime64[ns]",
}


def parse_as_of(as_of: DateLike, argument: str = "as_of") -> pd.Timestamp | None:
    """Turn an ``as_of`` argument into a Timestamp (None stays None).

    Accepts ``"YYYY-MM-DD"``, a ``datetime.date`` or a ``pandas.Timestamp``.

    Raises:
        ValueError: naming the argument, for anything that is not a real date.
    """
    if as_of is None:
        return None
    try:
        ts = pd.Timestamp(as_of)
    except (ValueError, TypeError):
        raise ValueError(f"{argument}={as_of!r} is not a date; use 'YYYY-MM-DD'") from None
    if pd.isna(ts):
        raise ValueError(f"{argument}={as_of!r} is not a date; use 'YYYY-MM-DD'")
    return ts.normalize()


def period_end(df: pd.DataFrame, time_field: str = "date") -> pd.Series:
    """The last day a row's date can mean, given its ``date_precision`` (if the table has one).

    A row dated ``2026-02-01`` with precision ``month`` may have happened on any day of
    February 2026, so an ``as_of`` cut on 6 February must leave it out: the cut compares this
    date, not the first day. Rows with day precision (or tables without the column) keep their
    date.

    Returns:
        Series of datetime64 aligned with ``df``.
    """
    dates = df[time_field]
    if "date_precision" not in df.columns:
        return dates
    precision = df["date_precision"].astype("string")
    out = dates.copy()
    month = precision == "month"
    year = precision == "year"
    out[month] = dates[month] + pd.offsets.MonthEnd(0)
    out[year] = dates[year] + pd.offsets.YearEnd(0)
    return out


def list_datasets(data_dir: str | Path | None = None) -> pd.DataFrame:
    """The datasets of the course, one row each.

    Returns:
        DataFrame with columns ``name`` (string), ``title`` (string), ``rows`` (Int64: number of
        data rows), ``time_field`` (string: the date column that ``as_of`` cuts on, or <NA>),
        ``description`` (string), in the order of ``datapackage.json``.
    """
    data_dir = resolve_data_dir(data_dir)
    rows = []
    for res in read_descriptor(data_dir)["resources"]:
        path = data_dir / res["path"]
        n = sum(1 for _ in open(path, encoding="utf-8", errors="replace")) - 1 if path.is_file() else 0
        rows.append(
            {
                "name": res["name"],
                "title": res.get("title", res["name"]),
                "rows": max(n, 0),
                "time_field": res.get("iranus:as_of_field")
                or (f"{res['iranus:as_of_via']['resource']}.date" if res.get("iranus:as_of_via") else None),
                "description": res.get("description", ""),
            }
        )
    out = pd.DataFrame(rows)
    return out.astype({"name": "string", "title": "string", "rows": "Int64", "time_field": "string", "description": "string"})


def describe(name: str, data_dir: str | Path | None = None) -> pd.DataFrame:
    """The columns of one dataset as the schema documents them.

    Returns:
        DataFrame with columns ``column``, ``type`` (schema type), ``dtype`` (pandas dtype the
        loader gives), ``required`` (bool), ``allowed`` (enum values joined by ", ", or ""),
        ``description``.

    Raises:
        KeyError: unknown dataset name.
    """
    res = resource_descriptor(name, data_dir)
    rows = []
    for field in res["schema"]["fields"]:
        cons = field.get("constraints", {})
        enum = cons.get("enum")
        rows.append(
            {
                "column": field["name"],
                "type": field["type"],
                "dtype": "category" if enum else _DTYPES.get(field["type"], "string"),
                "required": bool(cons.get("required", False)),
                "allowed": ", ".join(enum) if enum else "",
                "unit": field.get("unit", ""),
                "description": field.get("description", ""),
            }
        )
    return pd.DataFrame(rows)


def cite(name: str | None = None, data_dir: str | Path | None = None) -> str:
    """A citation for the data package, or for one dataset of it.

    Returns:
        One line of text: title, version, record end date and licence.
    """
    desc = read_descriptor(data_dir)
    base = (
        f"{desc['title']} (version {desc['version']}; record ends {desc['iranus:record_end']}; "
        f"licence {desc['licenses'][0]['name']})"
    )
    if name is None:
        return base
    res = resource_descriptor(name, data_dir)
    return f"{res.get('title', name)}, in: {base}"


def _convert(df: pd.DataFrame, schema: dict) -> pd.DataFrame:
    out = {}
    for field in schema["fields"]:
        col = df[field["name"]]
        blank = col.isna() | (col == "")
        ftype = field["type"]
        enum = field.get("constraints", {}).get("enum")
        if enum:
            out[field["name"]] = pd.Categorical(col.where(~blank), categories=enum)
        elif ftype == "date":
            out[field["name"]] = pd.to_datetime(col.where(~blank), format="%Y-%m-%d").astype("datetime64[ns]")
        elif ftype == "integer":
            out[field["name"]] = pd.to_numeric(col.where(~blank)).astype("Int64")
        elif ftype == "number":
            out[field["name"]] = pd.to_numeric(col.where(~blank)).astype("float64")
        elif ftype == "boolean":
            out[field["name"]] = col.where(~blank).map({"true": True, "false": False}).astype("boolean")
        else:
            out[field["name"]] = col.where(~blank).astype("string")
    return pd.DataFrame(out, index=df.index)


def load(name: str, as_of: DateLike = None, data_dir: str | Path | None = None) -> pd.DataFrame:
    """Load one dataset as a tidy DataFrame with proper dtypes.

    Args:
        name: dataset name, e.g. ``"claims"``, ``"events"`` (see :func:`list_datasets`).
        as_of: keep only rows dated on or before this date (``"YYYY-MM-DD"``, ``date`` or
            ``Timestamp``) in datasets with a time field; a row dated only to the month or year
            (``date_precision``) is kept only if that whole period is over (see
            :func:`period_end`); a link table (``event_actors``) keeps the rows whose event is
            kept; ignored by undated datasets
            (``describe``/``list_datasets`` show which have one). None keeps the whole record.
        data_dir: folder holding ``datapackage.json``; the bundled data when None.

    Returns:
        DataFrame with the columns of the dataset's schema, in schema order (see
        :func:`describe`), a fresh RangeIndex, and ``attrs["iranus"]``: a dict with ``name``,
        ``title``, ``description``, ``citation``, ``as_of`` (Timestamp or None) and
        ``record_end`` (Timestamp).

    Raises:
        KeyError: unknown dataset name.
        ValueError: ``as_of`` is not a date.
        iranus.DataValidationError: the file (or a table it refers to) breaks the schema; the
            message names file, line and column. The file is never modified.
    """
    cut = parse_as_of(as_of)
    data_dir = resolve_data_dir(data_dir)
    res = resource_descriptor(name, data_dir)
    ensure_valid(name, data_dir)
    raw = pd.read_csv(
        data_dir / res["path"],
        dtype=str,
        keep_default_na=False,
        encoding="utf-8",
        sep=res.get("dialect", {}).get("delimiter", ","),
    )
    df = _convert(raw, res["schema"])
    time_field = res.get("iranus:as_of_field")
    if cut is not None and time_field:
        df = df[df[time_field].isna() | (period_end(df, time_field) <= cut)]
    via = res.get("iranus:as_of_via")  # a link table is cut through the table it links to
    if cut is not None and via:
        kept = load(via["resource"], as_of=cut, data_dir=data_dir)
        df = df[df[via["field"]].isin(set(kept[via["field"]]))]
    df = df.reset_index(drop=True)
    df.attrs["iranus"] = {
        "name": name,
        "title": res.get("title", name),
        "description": res.get("description", ""),
        "citation": cite(name, data_dir),
        "as_of": cut,
        "record_end": record_end(data_dir),
    }
    return df


def _make_loader(name: str):
    def loader(as_of: DateLike = None, data_dir: str | Path | None = None) -> pd.DataFrame:
        return load(name, as_of=as_of, data_dir=data_dir)

    loader.__name__ = f"load_{name}"
    loader.__qualname__ = loader.__name__
    try:
        res = resource_descriptor(name)
        cols = "\n".join(
            f"        - ``{row.column}`` ({row.dtype}{', required' if row.required else ''}): "
            f"{row.description}" + (f" Unit: {row.unit}." if row.unit else "")
            + (f" Allowed: {row.allowed}." if row.allowed else "")
            for row in describe(name).itertuples()
        )
        time_field = res.get("iranus:as_of_field")
        via = res.get("iranus:as_of_via")
        as_of_doc = (
            f"keep rows whose ``{time_field}`` is on or before this date."
            if time_field
            else f"keep rows whose ``{via['field']}`` is kept by ``load({via['resource']!r}, as_of=...)``."
            if via
            else "ignored (undated dataset)."
        )
        loader.__doc__ = (
            f"Load the {res.get('title', name).lower()} (``data/{res['path']}``).\n\n"
            f"    {res.get('description', '')}\n\n"
            f"    Args:\n        as_of: {as_of_doc}\n        data_dir: an edited copy of the data package "
            f"(default: the bundled data).\n\n"
            f"    Returns:\n        DataFrame, one row per record, columns:\n\n{cols}\n\n"
            f"    Raises:\n        iranus.DataValidationError: the file breaks its schema (names file, line, "
            f"column).\n        ValueError: ``as_of`` is not a date.\n"
        )
    except FileNotFoundError:  # broken installation: load() will say so when called
        loader.__doc__ = f"Load the {name} dataset (see iranus.load)."
    return loader


def _loaders() -> dict:
    try:
        names = dataset_names()
    except FileNotFoundError:
        names = []
    return {f"load_{n}": _make_loader(n) for n in names}
