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
outcomes, sources) at a date with the one date cut, :func:`iranus.datasets.dates.cut`, so that
lessons set on 6 February 2026 see only what was known then; ``as_of=None`` keeps the whole
record. Loaded tables are cached per (dataset, cut, data folder) and re-read when a file changes;
every call returns a fresh copy. Most code reaches this module through the course context
(:func:`iranus.course`). The metadata of each table (title, description, citation) is in ``df.attrs["iranus"]``.

Columns a resource lists under ``iranus:curator_fields`` in ``datapackage.json`` (``curator_note``:
how a row was checked, the research trail) are for curators, not learners: every loader leaves
them out unless asked with ``include_curator_fields=True``; :func:`describe` marks them.
"""

from __future__ import annotations

import hashlib
import os
import stat
import tempfile
from functools import lru_cache
from pathlib import Path

import pandas as pd

from .dates import DateLike, cut, parse_date, period_end
from .package import package_spec, read_descriptor, record_end, resolve_data_dir, resource_descriptor
from .reading import DTYPES as _DTYPES, count_rows, read_frame

__all__ = [
    "data_fingerprint",
    "DateLike",
    "cite",
    "curator_fields",
    "describe",
    "list_datasets",
    "load",
    "parse_as_of",
    "period_end",
] + [f"load_{n}" for n in (
    "sources", "actors", "issues", "glossary", "events", "event_actors", "paragraphs", "claims",
    "claim_checks", "positions", "quantities", "scenarios", "scenario_outcomes", "deal_options",
    "deal_scores", "deal_batnas", "capabilities",
)]


#: Kept for old code: the one date parser is :func:`iranus.datasets.dates.parse_date`.
parse_as_of = parse_date


def list_datasets(data_dir: str | Path | None = None) -> pd.DataFrame:
    """The datasets of the course, one row each.

    Returns:
        DataFrame with columns ``name`` (string), ``title`` (string), ``rows`` (Int64: number of
        data rows), ``time_field`` (string: the date column that ``as_of`` cuts on, or <NA>),
        ``description`` (string), in the order of ``datapackage.json``.
    """
    pkg = package_spec(data_dir)  # the folder jail: a refused table counts 0 rows, nothing outside is opened
    rows = []
    for spec in pkg.resources.values():
        res = spec.descriptor
        n = count_rows(spec.path, spec.dialect) if spec.path is not None else 0
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


def curator_fields(name: str, data_dir: str | Path | None = None) -> list[str]:
    """The columns of one dataset that are for curators only (``iranus:curator_fields``).

    Returns:
        List of column names (e.g. ``["curator_note"]``), empty if the resource lists none.
        :func:`load` leaves these out unless ``include_curator_fields=True``.

    Raises:
        KeyError: unknown dataset name.

    >>> curator_fields("events")
    ['curator_note']
    >>> curator_fields("actors")
    []
    """
    return list(resource_descriptor(name, data_dir).get("iranus:curator_fields", []))


def describe(name: str, data_dir: str | Path | None = None) -> pd.DataFrame:
    """The columns of one dataset as the schema documents them.

    Returns:
        DataFrame with columns ``column``, ``type`` (schema type), ``dtype`` (pandas dtype the
        loader gives), ``required`` (bool), ``allowed`` (enum values joined by ", ", or ""),
        ``unit``, ``description``, ``curator_only`` (bool: a curator's column, left out by
        :func:`load` unless ``include_curator_fields=True``).

    Raises:
        KeyError: unknown dataset name.
    """
    res = resource_descriptor(name, data_dir)
    curator = set(res.get("iranus:curator_fields", []))
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
                "curator_only": field["name"] in curator,
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



def _stamp(path: Path) -> int:
    try:
        return path.stat().st_mtime_ns
    except FileNotFoundError:
        return -1


def _fingerprint(name: str, data_dir: Path) -> tuple:
    """What a cached table depends on: every file of the package (a table's foreign keys and its
    ``as_of`` link read other tables, and the gate checks them too)."""
    resource_descriptor(name, data_dir)  # refuses a table whose entry breaks the folder jail
    return tuple((str(f), _stamp(f)) for f in package_spec(data_dir).files())


def data_fingerprint(data_dir: str | Path | None = None) -> str:
    """A fingerprint of a data package's contents: what the sealed exercise keys were sealed from.

    The SHA-256 (hex, 64 characters) of every file of the package the table cache depends on
    (:func:`_fingerprint`: ``datapackage.json``, the schemas and the CSV files), each by its path
    relative to the folder and its bytes, line endings read as ``\\n`` (so a checkout with
    Windows line endings gives the same fingerprint). Not the folder's name, not file times:
    two copies with the same contents have the same fingerprint. Computed once per file state.

    Args:
        data_dir: the data folder; None for the bundled data.

    Raises:
        iranus.errors.DataError: the folder is not a data package (names it).

    >>> import iranus
    >>> data_fingerprint() == data_fingerprint(iranus.default_data_dir())
    True
    >>> len(data_fingerprint())
    64
    """
    folder = resolve_data_dir(data_dir)
    return _data_digest(folder, tuple((str(f), _stamp(f)) for f in package_spec(folder).files()))


@lru_cache(maxsize=16)
def _data_digest(data_dir: Path, files: tuple) -> str:
    digest = hashlib.sha256()
    for file, _stamp_ns in files:
        path = Path(file)
        name = path.relative_to(data_dir).as_posix() if path.is_relative_to(data_dir) else path.name
        digest.update(name.encode() + b"\0")
        try:
            content = path.read_bytes().replace(b"\r\n", b"\n")
        except OSError:
            content = b"<missing>"
        digest.update(hashlib.sha256(content).digest())
    return digest.hexdigest()


# -- a cache of checked, typed tables across processes ----------------------------------------
#
# Reading a table through the gate (frictionless, every cell checked) costs seconds for the whole
# package; a kernel restart would pay it again. Once a table has passed the gate, its typed frame
# is kept in a file named by a hash of the *contents* of every file of the package, of the
# iranus and pandas versions and of the gate's own source: an edited file (or a new iranus) gives another
# name, so it is read and checked again. Set IRANUS_CACHE_DIR to move the cache, or
# IRANUS_NO_CACHE=1 to switch it off. A cache that cannot be written (a read-only home in the
# grading sandbox) is skipped silently.


def _cache_dir() -> Path | None:
    if os.environ.get("IRANUS_NO_CACHE"):
        return None
    base = os.environ.get("IRANUS_CACHE_DIR")
    if base:
        return Path(base)
    xdg = os.environ.get("XDG_CACHE_HOME")
    return (Path(xdg) if xdg else Path.home() / ".cache") / "iranus" / "tables"


@lru_cache(maxsize=16)
def _content_key(data_dir: Path, fingerprint: tuple) -> str:
    from .. import __version__
    from . import reading

    digest = hashlib.sha256()
    digest.update(__version__.encode())
    digest.update(pd.__version__.encode())  # a pickle is read back by the pandas that wrote it
    digest.update(Path(reading.__file__).read_bytes())
    for file, _stamp_ns in fingerprint:
        path = Path(file)
        digest.update(str(path.relative_to(data_dir) if path.is_relative_to(data_dir) else path).encode())
        try:
            digest.update(path.read_bytes())
        except OSError:
            digest.update(b"<missing>")
    return digest.hexdigest()[:32]


def _private(path: Path) -> bool:
    """True when ``path`` belongs to this user and nobody else can write to it.

    A pickle runs code when it is read, so the cache is read only from a folder (and files) that
    no other user, and no student's code in a grading sandbox, could have written.
    """
    try:
        st = path.lstat()
    except OSError:
        return False
    if stat.S_ISLNK(st.st_mode):
        return False
    return st.st_uid == os.getuid() and not (st.st_mode & (stat.S_IWGRP | stat.S_IWOTH))


def _read_checked(name: str, data_dir: Path, fingerprint: tuple) -> pd.DataFrame:
    """The typed frame of one table: from the cross-process cache, or through the gate."""
    folder = _cache_dir()
    target = None
    if folder is not None:
        target = folder / f"{_content_key(data_dir, fingerprint)}-{name}.pkl"
        if _private(folder) and _private(target):
            try:
                return pd.read_pickle(target)
            except Exception:  # unreadable or from another pandas: read it again
                pass
    df = read_frame(name, data_dir)  # the one gate (datasets/reading.py): validates, then types
    if target is not None:
        try:
            target.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            if not _private(target.parent):
                return df  # a folder others can write to is never used
            fd, tmp = tempfile.mkstemp(dir=target.parent, suffix=".tmp")
            os.close(fd)
            df.to_pickle(tmp)
            os.replace(tmp, target)
        except OSError:
            pass
    return df


class DataMark(dict):
    """The loader's mark on a table (``frame.attrs["iranus"]``: name, title, citation, as_of,
    record_end, data_dir ...), never changed in place: code that adds to it makes a new dict
    (``{**mark, "language": ...}``).

    pandas deep-copies ``attrs`` into every frame an operation returns; for a mark that is never
    changed in place a copy is the same mark, so a deep copy returns it (the explorers' callbacks
    ran thousands of such copies per update).

    >>> import copy
    >>> mark = DataMark({"name": "events"})
    >>> copy.deepcopy({"iranus": mark})["iranus"] is mark
    True
    """

    def __deepcopy__(self, memo: dict) -> "DataMark":
        return self


@lru_cache(maxsize=128)
def _load_cached(name: str, cut_at: pd.Timestamp | None, data_dir: Path, fingerprint: tuple) -> pd.DataFrame:
    res = resource_descriptor(name, data_dir)
    df = _read_checked(name, data_dir, fingerprint)
    time_field = res.get("iranus:as_of_field")
    if cut_at is not None and time_field:
        df = cut(df, cut_at, time_field)
    via = res.get("iranus:as_of_via")  # a link table is cut through the table it links to
    if cut_at is not None and via:
        kept = load(via["resource"], as_of=cut_at, data_dir=data_dir)
        df = df[df[via["field"]].isin(set(kept[via["field"]]))]
    df = df.reset_index(drop=True)
    df.attrs["iranus"] = DataMark({
        "name": name,
        "title": res.get("title", name),
        "description": res.get("description", ""),
        "citation": cite(name, data_dir),
        "as_of": cut_at,
        "record_end": record_end(data_dir),
        "data_dir": str(data_dir),
    })
    return df


def load(
    name: str,
    as_of: DateLike = None,
    data_dir: str | Path | None = None,
    *,
    include_curator_fields: bool = False,
) -> pd.DataFrame:
    """Load one dataset as a tidy DataFrame with proper dtypes.

    Args:
        name: dataset name, e.g. ``"claims"``, ``"events"`` (see :func:`list_datasets`).
        as_of: keep only rows dated on or before this date (``"YYYY-MM-DD"``, ``date`` or
            ``Timestamp``) in datasets with a time field; a row dated only to the month or year
            (``date_precision``) is kept only if that whole period is over (see
            :func:`iranus.datasets.dates.cut`); a link table (``event_actors``) keeps the rows
            whose event is kept; ignored by undated datasets (``describe``/``list_datasets`` show
            which have one). None keeps the whole record.
        data_dir: folder holding ``datapackage.json``; the bundled data when None.
        include_curator_fields: keep the curators' columns (``iranus:curator_fields``, e.g.
            ``curator_note``: the research trail of a row). False (the default) leaves them
            out: what a learner loads never shows research notes.

    Returns:
        DataFrame with the columns of the dataset's schema, in schema order (see
        :func:`describe`; without the curator columns unless asked), a fresh RangeIndex, and ``attrs["iranus"]``: a dict with ``name``,
        ``title``, ``description``, ``citation``, ``as_of`` (Timestamp or None),
        ``record_end`` (Timestamp) and ``data_dir`` (str). A fresh copy on every call.

    Raises:
        KeyError: unknown dataset name.
        ValueError: ``as_of`` is not a date.
        iranus.DataValidationError: the file (or a table it refers to) breaks the schema; the
            message names file, line and column. The file is never modified.

    >>> events = load("events", as_of="2026-01-01")
    >>> bool(events["date"].max() <= pd.Timestamp("2026-01-01"))
    True
    >>> "curator_note" in events.columns, "curator_note" in load("events", include_curator_fields=True).columns
    (False, True)
    """
    cut_at = parse_date(as_of)
    data_dir = resolve_data_dir(data_dir)
    frame = _load_cached(name, cut_at, data_dir, _fingerprint(name, data_dir))
    hidden = [] if include_curator_fields else [c for c in curator_fields(name, data_dir) if c in frame.columns]
    out = frame.drop(columns=hidden) if hidden else frame.copy()
    out.attrs["iranus"] = dict(frame.attrs["iranus"])
    return out


# The loaders, one per dataset, written out so that IDEs, type checkers and help() see them.
# (tests/test_loaders.py checks this list against datapackage.json.)


def load_sources(as_of: DateLike = None, data_dir: str | Path | None = None) -> pd.DataFrame:
    """The sources cited by the data (outlets, documents), cut on ``date``. See ``describe("sources")``."""
    return load("sources", as_of, data_dir)


def load_actors(as_of: DateLike = None, data_dir: str | Path | None = None) -> pd.DataFrame:
    """The actors (states, organisations, people) with names in English and Arabic; undated. See ``describe("actors")``."""
    return load("actors", as_of, data_dir)


def load_issues(as_of: DateLike = None, data_dir: str | Path | None = None) -> pd.DataFrame:
    """The agenda issues and their 0-100 stance scales; undated. See ``describe("issues")``."""
    return load("issues", as_of, data_dir)


def load_glossary(as_of: DateLike = None, data_dir: str | Path | None = None) -> pd.DataFrame:
    """The glossary of terms, cut on ``date``. See ``describe("glossary")``."""
    return load("glossary", as_of, data_dir)


def load_events(
    as_of: DateLike = None, data_dir: str | Path | None = None, *, include_curator_fields: bool = False
) -> pd.DataFrame:
    """The timeline events, cut on ``date`` (precision-aware). See ``describe("events")``.

    >>> from iranus import COURSE_DATE
    >>> bool(load_events(as_of=COURSE_DATE)["date"].max() <= COURSE_DATE)
    True
    """
    return load("events", as_of, data_dir, include_curator_fields=include_curator_fields)


def load_event_actors(as_of: DateLike = None, data_dir: str | Path | None = None) -> pd.DataFrame:
    """Which actors took part in which event, cut through ``events``. See ``describe("event_actors")``."""
    return load("event_actors", as_of, data_dir)


def load_paragraphs(as_of: DateLike = None, data_dir: str | Path | None = None) -> pd.DataFrame:
    """The seed article's paragraphs; undated. See ``describe("paragraphs")``."""
    return load("paragraphs", as_of, data_dir)


def load_claims(as_of: DateLike = None, data_dir: str | Path | None = None) -> pd.DataFrame:
    """The seed article's claims (``claim_type``, ``attribution`` ...); undated. See ``describe("claims")``.

    Raises:
        iranus.DataValidationError: the file breaks its schema (names file, line, column).
    """
    return load("claims", as_of, data_dir)


def load_claim_checks(
    as_of: DateLike = None, data_dir: str | Path | None = None, *, include_curator_fields: bool = False
) -> pd.DataFrame:
    """Checks of the claims against other reporting, cut on ``date``. See ``describe("claim_checks")``."""
    return load("claim_checks", as_of, data_dir, include_curator_fields=include_curator_fields)


def load_positions(
    as_of: DateLike = None, data_dir: str | Path | None = None, *, include_curator_fields: bool = False
) -> pd.DataFrame:
    """Stated positions per actor and issue, cut on ``date``. See ``describe("positions")``."""
    return load("positions", as_of, data_dir, include_curator_fields=include_curator_fields)


def load_quantities(
    as_of: DateLike = None, data_dir: str | Path | None = None, *, include_curator_fields: bool = False
) -> pd.DataFrame:
    """Quantities (stockpile, rial rate, casualty counts), cut on ``date``. See ``describe("quantities")``."""
    return load("quantities", as_of, data_dir, include_curator_fields=include_curator_fields)


def load_scenarios(as_of: DateLike = None, data_dir: str | Path | None = None) -> pd.DataFrame:
    """The scenarios a learner forecasts; undated. See ``describe("scenarios")``."""
    return load("scenarios", as_of, data_dir)


def load_scenario_outcomes(as_of: DateLike = None, data_dir: str | Path | None = None) -> pd.DataFrame:
    """What became of each scenario, cut on ``date``. See ``describe("scenario_outcomes")``."""
    return load("scenario_outcomes", as_of, data_dir)


def load_deal_options(as_of: DateLike = None, data_dir: str | Path | None = None) -> pd.DataFrame:
    """The deal space's options per issue; undated. See ``describe("deal_options")``."""
    return load("deal_options", as_of, data_dir)


def load_deal_scores(as_of: DateLike = None, data_dir: str | Path | None = None) -> pd.DataFrame:
    """Each party's coded score of each option, cut on ``date``. See ``describe("deal_scores")``."""
    return load("deal_scores", as_of, data_dir)


def load_deal_batnas(as_of: DateLike = None, data_dir: str | Path | None = None) -> pd.DataFrame:
    """Each party's coded BATNA, cut on ``date``. See ``describe("deal_batnas")``."""
    return load("deal_batnas", as_of, data_dir)


def load_capabilities(as_of: DateLike = None, data_dir: str | Path | None = None) -> pd.DataFrame:
    """Actors' coded capabilities (for the forecasting model), cut on ``date``. See ``describe("capabilities")``."""
    return load("capabilities", as_of, data_dir)
