"""Showing tables in a notebook: readable values, Arabic text right-to-left, stable HTML.

:func:`readable` turns a frame of the data into what a learner reads: coded values through the
catalogue's labels (``partly_confirmed`` -> "partly confirmed"), source ids as
"Outlet, 5 Feb 2026", actor, issue and scenario ids as their names. :func:`table` shows a frame
that way (by default) with wrapped text and column widths that fit the page.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import re
from pathlib import Path

import numpy as np
import pandas as pd

from .datasets import i18n

_ARABIC = re.compile(r"[\u0600-\u06FF]")

#: Columns that hold coded values, and the catalogue section their labels are in.
CODED_COLUMNS = {
    "verdict": "value",
    "verdict_before": "value",
    "verdict_after": "value",
    "confidence": "value",
    "claim_type": "value",
    "attribution": "value",
    "category": "value",
    "reliability": "value",
    "estimate_kind": "estimate_kind",
    "attribution_group": "group",
    "kind": "source_kind",
    "date_precision": "value",
    "section": "section",
    "language": "language",
}

#: Columns that hold a ``source_id``, and the name the readable column takes.
SOURCE_COLUMNS = {"source_id": "source", "check_source_id": "check_source"}

#: Id columns shown as their label: the dataset the labels come from, the new column name.
ID_COLUMNS = {
    "actor_id": ("actors", "actor"),
    "issue_id": ("issues", "issue"),
    "scenario_id": ("scenarios", "scenario"),
    "series_id": ("quantities", "series"),
    "affiliation_id": ("actors", "affiliation"),
}

#: Columns a frame may already have that name the ids of an id column (then the id column goes).
_OWN_LABELS = {
    "actors": ("name_en", "name_ar", "name", "party", "actor"),
    "issues": ("label_en", "label_ar", "label", "issue"),
    "scenarios": ("label_en", "label_ar", "label", "scenario"),
    "quantities": ("measure_en", "measure", "series"),
}

#: Row ids a learner never reads (a row is read by its content; its id links tables): dropped.
ROW_ID_COLUMNS = ("position_id",)

#: The id columns of the rows themselves (dropped beside their own label; another id column, such
#: as an actor's ``affiliation_id``, is shown as names).
_OWN_ID = ("actor_id", "issue_id", "scenario_id", "series_id")

#: Rows a model puts in an ``actor_id`` column that are not actors, with their catalogue label
#: (the ZOPA rows of :func:`iranus.models.two_level.win_set_illustration`).
_MODEL_ROWS = {"zopa": "chart.win_set.zopa"}

#: A model's column of one actor (``win_set_us``, ``nash_gain_iran``, ``points_us``,
#: ``red_line_iran``): the kind and the actor id; the header names the actor by its label.
_ACTOR_HEADER = re.compile(r"^(stance|said|win_set|nash_gain|gain|points|best|red_line)_([a-z][a-z0-9_]*)$")

#: Columns that name a package by a readable description beside its number (the number goes).
_PACKAGE_COLUMNS = {"nash_package_id": "nash_package"}

#: A column is running text (wrapped, given room) when its longest value is at least this long.
_LONG_TEXT = 60


def arabic_columns(df: pd.DataFrame) -> list[str]:
    """Columns whose name ends in ``_ar`` or whose text contains Arabic script."""
    out = []
    for col in df.columns:
        if str(col).endswith("_ar"):
            out.append(col)
        elif df[col].dtype in ("string", "object") or isinstance(df[col].dtype, pd.CategoricalDtype):
            if df[col].astype("string").str.contains(_ARABIC, na=False).any():
                out.append(col)
    return out


def coded_label(value, column: str, language: str | None = None) -> str:
    """The label of one coded value of ``column`` in ``language``.

    Args:
        value: a coded value, e.g. ``"partly_confirmed"``; NaN/None stays missing (returned as is).
        column: the column it comes from (its catalogue section: :data:`CODED_COLUMNS`).
        language: ``"en"`` or ``"ar"``; the default language when None.

    Returns:
        The catalogue's label (``"partly confirmed"``, ``"مؤكَّد جزئياً"``); a value the catalogue
        does not know is shown with spaces for underscores, never as a raw code.

    >>> coded_label("partly_confirmed", "verdict")
    'partly confirmed'
    >>> coded_label("wire", "kind", "ar")
    'وكالة أنباء'
    """
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return value
    section = CODED_COLUMNS.get(column, "value")
    text = i18n.t_or(f"{section}.{value}", i18n.get_language(language), "")
    if not text and section != "value":
        text = i18n.t_or(f"value.{value}", i18n.get_language(language), "")
    return text or str(value).replace("_", " ")


def role_label(value, language: str | None = None, labels=None) -> str:
    """A party's role in a bargaining table as a reader reads it.

    Args:
        value: a role of :func:`iranus.models.bargaining.win_set_table` or
            :func:`iranus.models.prospects.evaluate_package`: ``"at the table"``,
            ``"constraint on <actor_id>"`` or ``"not at the table (for reference)"``.
        language: ``"en"`` or ``"ar"``; the default language when None.
        labels: actor names by id (``Course.labels("actors")``), for a side without a short name.

    Returns:
        The role in words: ``"constraint on the US"`` (never the id ``us``, read as a pronoun),
        ``"قيد على الولايات المتحدة"``; an unknown role as it is.

    >>> role_label("constraint on us"), role_label("constraint on us", "ar")
    ('constraint on the US', 'قيد على الولايات المتحدة')
    """
    if not isinstance(value, str):
        return value
    language = i18n.get_language(language)
    if value == "at the table":
        return i18n.t("display.role.at_the_table", language)
    if value.startswith("not at the table"):
        return i18n.t("display.role.not_at_the_table", language)
    if value.startswith("constraint on "):
        side = value[len("constraint on ") :]
        name = i18n.t_or(f"display.actor_short.{side}", language, "")
        if not name:
            name = str(labels.get(side, side)) if labels is not None else i18n.label("actors", side, language)
        return i18n.t("display.role.constraint_on", language, side=name)
    return value


def source_labels(source_ids: pd.Series, sources: pd.DataFrame, language: str | None = None) -> pd.Series:
    """Source ids as a reader cites them: "Outlet, 5 Feb 2026".

    Args:
        source_ids: Series of ``source_id`` strings (missing values stay missing).
        sources: the ``sources`` table (``iranus.load("sources")``): columns ``source_id``,
            ``outlet``, ``date``, ``date_precision``, ``kind``.
        language: ``"en"`` or ``"ar"`` (month names); the default language when None.

    Returns:
        Series of strings, same index: ``"Reuters, 4 Feb 2026"``; the outlet alone when the
        source has no date; ``"the article itself"`` for the seed article; an id missing from
        ``sources`` stays as it is (so a gap stays visible).

    >>> import iranus
    >>> ids = pd.Series(["afp_2026_07_01_doha_indirect_talks", "seed_article"])
    >>> source_labels(ids, iranus.load("sources")).tolist()
    ['AFP, 1 Jul 2026', 'the article itself']
    """
    language = i18n.get_language(language)
    table = sources.set_index("source_id")
    known: dict[str, str] = {}
    for sid, row in table.iterrows():
        if str(row.get("kind", "")) == "seed_article":
            known[sid] = i18n.t("display.seed_article", language)
            continue
        outlet = str(row["outlet"])
        date = row.get("date")
        if date is None or pd.isna(date) or str(date) == "":
            known[sid] = outlet
            continue
        precision = row.get("date_precision")
        precision = "day" if precision is None or pd.isna(precision) or str(precision) == "" else str(precision)
        known[sid] = f"{outlet}, {i18n.format_date(date, language, precision)}"
    return source_ids.map(lambda s: s if s is None or (not isinstance(s, str) and pd.isna(s)) else known.get(s, s)).astype("string")


def readable(
    df: pd.DataFrame,
    *,
    language: str | None = None,
    sources: pd.DataFrame | None = None,
    labels: dict[str, pd.Series] | None = None,
) -> pd.DataFrame:
    """A copy of ``df`` as a learner reads it (no raw codes on screen).

    - coded columns (:data:`CODED_COLUMNS`: ``verdict``, ``confidence``, ``claim_type``,
      ``attribution``, ``category``, ``estimate_kind`` ...) through the catalogue labels;
    - ``source_id`` / ``check_source_id`` -> a column ``source`` / ``check_source`` reading
      "Outlet, 5 Feb 2026" (needs ``sources``; left as they are without it);
    - ``actor_id``, ``issue_id``, ``scenario_id``, ``series_id`` -> ``actor``, ``issue``,
      ``scenario``, ``series`` with the labels given in ``labels`` (``{"actors": Series indexed
      by id, ..., "quantities": measure by series id}``); left as they are when no labels are
      given; dropped when the frame already names them (a ``label_en``, ``name_en``,
      ``measure_en``, ``issue`` ... column), so no id is shown beside its own label;
    - row ids a learner never reads (:data:`ROW_ID_COLUMNS`: ``position_id``) are dropped;
    - a ``role`` column of the bargaining model ("constraint on us") through :func:`role_label`;
    - True/False values (``nuclear``, ``verified``, ``accepts``, ``red_line_us`` ...) as "yes"/"no"
      in the course's language (:func:`yes_no`);
    - a package number (``nash_package_id``) is dropped beside its description in words
      (``nash_package`` of :func:`iranus.models.prospects.zone_comparison`).

    Args:
        df: any frame (typically a filtered table of :func:`iranus.load`).
        language: ``"en"`` or ``"ar"``; the default language when None.
        sources: the ``sources`` table, for source columns.
        labels: id labels per dataset (``Course.labels("actors")`` ...).

    Returns:
        A new DataFrame (same rows and order; text columns of dtype ``string``). ``df`` is not
        changed.
    """
    language = i18n.get_language(language)
    out = df.copy()
    renames = {}
    for col in df.columns:
        if col in CODED_COLUMNS:
            out[col] = df[col].astype("object").map(lambda v, c=col: coded_label(v, c, language)).astype("string")
        elif col in SOURCE_COLUMNS and sources is not None:
            out[col] = source_labels(df[col].astype("object"), sources, language)
            if SOURCE_COLUMNS[col] not in df.columns:
                renames[col] = SOURCE_COLUMNS[col]
        elif col in ROW_ID_COLUMNS and len(df.columns) > 1:
            out = out.drop(columns=col)
        elif col in _PACKAGE_COLUMNS and _PACKAGE_COLUMNS[col] in df.columns:
            out = out.drop(columns=col)  # the package is described in words beside its number
        elif _is_yes_no(df[col]):
            out[col] = df[col].astype("object").map(lambda v: yes_no(v, language)).astype("string")
        elif col == "role" and out[col].astype("string").str.startswith(("at the table", "constraint on", "not at the table"), na=False).any():
            actors = (labels or {}).get("actors")
            out[col] = df[col].astype("object").map(lambda v: role_label(v, language, actors)).astype("string")
        elif col in _OWN_ID and (any(c in df.columns for c in _OWN_LABELS[ID_COLUMNS[col][0]]) and len(df.columns) > 1):
            out = out.drop(columns=col)  # the frame names them already (the actors table, a stance table)
        elif col in ID_COLUMNS and labels and ID_COLUMNS[col][0] in labels:
            dataset, name = ID_COLUMNS[col]
            names = labels[dataset]
            if col == "actor_id":  # a model's own row that is no actor: the zone of agreement
                names = {**{k: i18n.t(key, language) for k, key in _MODEL_ROWS.items()}, **dict(names)}
            out[col] = df[col].astype("object").map(lambda v: names.get(v, v) if isinstance(v, str) else v).astype("string")
            renames[col] = name
    return out.rename(columns=renames)


def _is_yes_no(values: pd.Series) -> bool:
    """Whether a column holds True/False (a ``bool`` or ``boolean`` column, or objects all bools)."""
    if pd.api.types.is_bool_dtype(values.dtype):
        return True
    if values.dtype == object:
        present = values.dropna()
        return len(present) > 0 and all(isinstance(v, (bool, np.bool_)) for v in present)
    return False


def yes_no(value, language: str | None = None):
    """True/False as a reader reads it: "yes"/"no" ("نعم"/"لا" in Arabic); missing stays missing.

    >>> yes_no(True), yes_no(False, "ar")
    ('yes', 'لا')
    """
    if value is None or (not isinstance(value, (bool, np.bool_)) and pd.isna(value)):
        return value
    return i18n.t("display.yes" if bool(value) else "display.no", i18n.get_language(language))


#: How a missing value is shown in every table and number of the course (HTML and text alike).
MISSING = "—"


def _missing_shown(df: pd.DataFrame) -> pd.DataFrame:
    """``df`` with its missing values (NaN, None, ``pd.NA``, NaT) written as :data:`MISSING`, for text.

    pandas' ``to_string(na_rep=...)`` leaves ``pd.NA`` of the nullable dtypes (``Int64``,
    ``string``, ``boolean``) as ``<NA>``; those columns become object columns here.
    """
    out = df.copy()
    for i in range(out.shape[1]):
        col = out.iloc[:, i]
        if col.isna().any() and not pd.api.types.is_datetime64_any_dtype(col):
            out.isetitem(i, col.astype(object).where(col.notna(), MISSING))
    return out


class Table:
    """A table shown in a notebook: styled HTML for the browser, plain text elsewhere.

    Attributes:
        data: the DataFrame shown (after :func:`readable`, when the table was made readable).
        styler: the pandas ``Styler`` that renders it.
    """

    def __init__(self, data: pd.DataFrame, styler, headers: list[str] | None = None) -> None:
        self.data = data
        self.styler = styler
        self.headers = headers

    def _shown(self) -> pd.DataFrame:
        """The frame with the headers a reader reads (as the HTML shows them)."""
        if not self.headers:
            return self.data
        shown = self.data.copy()
        shown.columns = self.headers
        return shown

    def _repr_html_(self) -> str:
        return self.styler.to_html()

    def __repr__(self) -> str:
        with pd.option_context("display.max_colwidth", 60, "display.width", 120):
            return _missing_shown(self._shown()).to_string(index=False, max_rows=30, na_rep=MISSING)


def number(value: float, precision: int = 4) -> str:
    """A number as a reader expects it: thousands separated, no trailing zeros.

    ``30000.0`` -> ``"30,000"``, ``440.9`` -> ``"440.9"``, ``0.1875`` -> ``"0.1875"``,
    ``1/3`` -> ``"0.3333"`` (at most ``precision`` decimals); NaN -> ``"—"``.
    """
    if pd.isna(value):
        return MISSING
    if float(value).is_integer():
        return f"{value:,.0f}"
    return f"{value:,.{precision}f}".rstrip("0").rstrip(".")


class Sentence(str):
    """A line of text a notebook shows as it reads (no quotes, no Python punctuation around it)."""

    def __repr__(self) -> str:
        return str(self)


def _word(value, precision: int = 4, language: str | None = None, labels=None) -> str:
    """One value as a reader reads it: dates in words, numbers with separators, mappings as pairs."""
    if isinstance(value, (pd.Timestamp, _dt.date)):
        return i18n.format_date(value, i18n.get_language(language))
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return number(value, precision)
    if hasattr(value, "item") and not isinstance(value, (str, bytes)):  # numpy scalars
        return _word(value.item(), precision, language, labels)
    if isinstance(value, dict):
        names = labels if labels is not None else {}
        return ", ".join(f"{names.get(k, k)} {_word(v, precision, language)}" for k, v in value.items())
    return str(value)


def sentence(template: str, *, precision: int = 4, language: str | None = None, labels=None, **values) -> Sentence:
    """A sentence with values filled in as a reader reads them, not as Python prints them.

    Args:
        template: the text, with ``{name}`` for each value (``str.format`` fields).
        precision: at most this many decimals for numbers (see :func:`number`).
        language: ``"en"`` or ``"ar"`` for dates (month names); the default language when None.
        labels: names for the keys of a mapping value: a dict or a Series indexed by id (e.g.
            ``Course.labels("actors")``).
        **values: the values: a date (``Timestamp``, ``date``) is written "6 Feb 2026", a number
            "1,500,000" or "46.875", a mapping "United States 45, Iran 35".

    Returns:
        :class:`Sentence` (a ``str`` that a notebook shows without quotes).

    Raises:
        KeyError: the template names a value not given (the message names it).

    >>> sentence("{n} positions, the latest dated {d}.", n=66, d=pd.Timestamp("2026-01-27"))
    66 positions, the latest dated 27 Jan 2026.
    >>> sentence("BATNAs: {b}.", b={"us": 45.0, "iran": 35.0}, labels={"us": "United States"})
    BATNAs: United States 45, iran 35.
    """
    words = {k: _word(v, precision, language, labels) for k, v in values.items()}
    return Sentence(template.format(**words))


def summary(*frames: pd.DataFrame, language: str | None = None) -> Sentence:
    """What a setup cell loaded, in one sentence: rows per table, the latest date, the cut.

    Args:
        *frames: tables as :func:`iranus.load` or ``Course.load`` return them (their
            ``attrs["iranus"]`` give the name and the date they were cut at).
        language: ``"en"`` or ``"ar"`` for dates; the default language when None.

    Returns:
        :class:`Sentence`, e.g. "Loaded as of 6 Feb 2026: 66 positions (the latest dated
        6 Feb 2026), 4 scenarios." A table with a ``date`` column names its latest date.

    Raises:
        ValueError: no table given.
    """
    if not frames:
        raise ValueError("summary() needs at least one table")
    language = i18n.language_of(language, *frames)  # the course's language travels with its tables
    parts, cuts = [], set()
    for frame in frames:
        meta = frame.attrs.get("iranus") or {}
        raw_name = str(meta.get("name", "rows"))
        name = i18n.t_or(f"dataset.{raw_name}", language, "") if language != "en" else ""
        name = name or raw_name.replace("_", " ")
        if meta.get("as_of") is not None:
            cuts.add(pd.Timestamp(meta["as_of"]))
        part = i18n.t("display.summary_part", language, n=number(len(frame)), name=name)
        if "date" in frame.columns and frame["date"].notna().any():
            part += i18n.t("display.summary_latest", language, date=_word(pd.Timestamp(frame["date"].max()), language=language))
        parts.append(part)
    comma = "، " if language == "ar" else ", "
    if len(cuts) == 1:
        return Sentence(i18n.t("display.summary_as_of", language, date=_word(min(cuts), language=language), parts=comma.join(parts)))
    return Sentence(i18n.t("display.summary", language, parts=comma.join(parts)))


def pairs(
    mapping: dict,
    key: str,
    value: str,
    *,
    course=None,
    language: str | None = None,
    raw: bool = False,
) -> Table:
    """A mapping (``{"us": 95.0, "iran": 10.0}``) shown as a two-column table, not a Python dict.

    Args:
        mapping: keys -> values, e.g. the stances of :func:`iranus.models.two_level.stances_on_issue`.
        key: the name of the key column; an id column (``"actor_id"``, ``"scenario_id"``,
            ``"issue_id"``) is shown as names (see :func:`readable`).
        value: the name of the value column (``"stance"``, ``"probability"``).
        course, language, raw: as for :func:`table`.

    Returns:
        :class:`Table`, one row per key in the mapping's order.
    """
    frame = pd.DataFrame({key: pd.Series(list(mapping.keys()), dtype="string"), value: list(mapping.values())})
    return table(frame, course=course, language=language, raw=raw)


def _context_tables(df: pd.DataFrame, course, language: str) -> tuple[pd.DataFrame | None, dict[str, pd.Series]]:
    """The sources table and id labels a frame needs, from the course or the frame's data folder."""
    needs_sources = any(c in df.columns for c in SOURCE_COLUMNS)
    datasets = [ID_COLUMNS[c][0] for c in df.columns if c in ID_COLUMNS]
    actors_needed = "role" in df.columns or any(_ACTOR_HEADER.match(str(c)) for c in df.columns)
    if not needs_sources and not datasets and not actors_needed:
        return None, {}
    from .datasets.loading import load

    if course is not None:
        data_dir = course.data_dir
    else:
        data_dir = (df.attrs.get("iranus") or {}).get("data_dir")
        data_dir = Path(data_dir) if data_dir else None
    sources = load("sources", data_dir=data_dir) if needs_sources else None
    labels = {}
    for d in set(datasets) | ({"actors"} if actors_needed else set()):
        if d == "quantities":  # a series is named by what it measures (its latest wording)
            q = load("quantities", data_dir=data_dir)
            labels[d] = q.groupby("series_id", sort=False)["measure_en"].last().astype("string")
        else:
            labels[d] = i18n.labels(d, language, table=load(d, data_dir=data_dir))
    return sources, labels


def _column_styles(df: pd.DataFrame) -> list[dict]:
    """Widths that fit the page: running text wraps in a readable measure, short codes stay whole."""
    long_cols, short_cols, styles = [], [], []
    for col in df.columns:
        values = df[col]
        if pd.api.types.is_datetime64_any_dtype(values):  # a date is read whole: 2026-02-06
            i = df.columns.get_loc(col)
            styles.append({"selector": f"td.col{i}", "props": "white-space: nowrap;"})
            continue
        if pd.api.types.is_numeric_dtype(values):
            continue
        longest = int(values.astype("string").str.len().max() or 0) if len(values) else 0
        (long_cols if longest >= _LONG_TEXT else short_cols).append(col)
    # the more columns of running text, the narrower each may get (about 60em of page in all)
    measure = {0: 30, 1: 30, 2: 22}.get(len(long_cols), 16)
    for col in long_cols:
        i = df.columns.get_loc(col)
        styles.append({"selector": f"td.col{i}, th.col{i}", "props": f"min-width: 12em; max-width: {measure}em;"})
    for col in short_cols:
        i = df.columns.get_loc(col)
        styles.append({"selector": f"td.col{i}", "props": "max-width: 12em;"})
    return styles


def header(column: str, actors=None, language: str | None = None) -> str:
    """A column name as a reader reads it in a table header.

    ``paraphrase_en`` -> ``paraphrase``, ``claim_id`` -> ``claim``, ``label_ar`` -> ``label
    (Arabic)``, ``estimate_kind`` -> ``estimate kind``: the language suffix of an English column
    and the ``_id`` of an id column go, underscores become spaces. With ``actors`` (names by
    actor id), a column of one actor (``stance_us``, ``said_iran`` of
    :func:`iranus.record.agendas.agenda_comparison`) is named by the actor: "US stance",
    "Iran: who said it, when".

    >>> [header(c) for c in ["paraphrase_en", "claim_id", "key_terms_ar", "stance_0_en", "date"]]
    ['paraphrase', 'claim', 'key terms (Arabic)', 'stance 0', 'date']
    >>> header("stance_us", {"us": "United States"}), header("said_iran", {"iran": "Iran"})
    ('US stance', 'Iran: who said it, when')

    A model's column of one actor is named the same way (``win_set_us`` -> "US win-set",
    ``nash_gain_iran`` -> "Nash gain, Iran", ``points_us`` -> "US points", ``red_line_iran`` ->
    "Iran red line"), and the model's own columns by the catalogue (``batna`` -> "BATNA",
    ``nash_package`` -> "Nash solution (package)"):

    >>> header("win_set_us", {"us": "United States"}), header("nash_gain_iran", {"iran": "Iran"}), header("batna")
    ('US win-set', 'Nash gain, Iran', 'BATNA')
    """
    name = str(column)
    named = i18n.t_or(f"display.col.{name}", i18n.get_language(language), "")
    if named:  # a model's column with a name of its own ("brier_binary" -> "Brier score, yes/no (0 to 1)")
        return named
    m = _ACTOR_HEADER.match(name)
    if actors is not None and m and m.group(2) in actors:
        language = i18n.get_language(language)
        actor = i18n.t_or(f"display.header_actor.{m.group(2)}", language, "") or str(actors[m.group(2)])
        key = "said_by" if m.group(1) == "said" else f"{m.group(1)}_of"
        return i18n.t(f"display.header.{key}", language, actor=actor)
    arabic = name.endswith("_ar")
    for suffix in ("_en", "_ar", "_id"):
        if name.endswith(suffix) and len(name) > len(suffix):
            name = name[: -len(suffix)]
            break
    language = i18n.get_language(language)
    if language != "en":  # the common columns have names in the course's language
        name = i18n.t_or(f"display.col.{name}", language, name.replace("_", " "))
        return i18n.t("display.col_arabic", language, name=name) if arabic else name
    name = name.replace("_", " ")
    return f"{name} (Arabic)" if arabic else name


def table(
    df: pd.DataFrame,
    caption: str | None = None,
    hide_index: bool = True,
    precision: int = 4,
    *,
    course=None,
    language: str | None = None,
    raw: bool = False,
) -> Table:
    """A styled, readable view of a DataFrame for a lesson.

    Coded values, source ids and actor/issue/scenario ids are shown as a reader reads them (see
    :func:`readable`); running text wraps within a readable measure and short columns stay
    narrow, so the table fits the page; Arabic columns read right-to-left.

    Args:
        df: any DataFrame (typically from :func:`iranus.load`, filtered).
        caption: optional caption shown above the table (e.g. the source line).
        hide_index: hide the row index (default True).
        precision: at most this many decimals for floats (trailing zeros dropped, see
            :func:`number`); whole-number columns get thousands separators (``124,416``).
        course: the :func:`iranus.course` context whose data folder gives the sources table
            and the labels, and whose language is used; when None, the frame's own data folder
            (``df.attrs["iranus"]["data_dir"]``) or the bundled data, and ``language``.
        language: ``"en"`` or ``"ar"`` when no ``course`` is given; the default language when None.
        raw: show the values as they are in the data (ids and codes), e.g. to teach the codes.

    Returns:
        A :class:`Table`: in a notebook, the styled HTML (its ``styler`` attribute is a pandas
        ``Styler``); as text, the plain listing of the shown frame (``Table.data``). The HTML is
        the same from run to run (its element id is a hash of the content, so two tables never
        share CSS), so stored outputs can be compared by nbval.
    """
    language = i18n.get_language(course.language if course is not None else language)
    labels: dict[str, pd.Series] = {}
    if not raw:
        sources, labels = _context_tables(df, course, language)
        df = readable(df, language=language, sources=sources, labels=labels)
    digest = hashlib.sha1((str(caption) + df.to_csv()).encode("utf-8")).hexdigest()[:10]
    styler = df.style.set_uuid(f"iranus{digest}")
    styler = styler.set_table_styles(
        [
            {"selector": "", "props": "max-width: 100%; border-collapse: collapse;"},
            {"selector": "td", "props": "text-align: left; vertical-align: top; white-space: normal; overflow-wrap: break-word; max-width: 40em;"},
            {"selector": "th", "props": "text-align: left; vertical-align: bottom;"},
            *_column_styles(df),
        ]
    )
    ar = arabic_columns(df)
    if ar:
        styler = styler.set_properties(subset=ar, **{"direction": "rtl", "text-align": "right", "unicode-bidi": "plaintext"})
    if caption:
        styler = styler.set_caption(caption)
    if hide_index:
        styler = styler.hide(axis="index")
    dates = [c for c in df.columns if pd.api.types.is_datetime64_any_dtype(df[c])]
    floats = [c for c in df.columns if pd.api.types.is_float_dtype(df[c])]
    counts = [c for c in df.columns if pd.api.types.is_integer_dtype(df[c]) and not pd.api.types.is_bool_dtype(df[c])]
    formats = {c: (lambda v: MISSING if pd.isna(v) else f"{v:%Y-%m-%d}") for c in dates}
    formats |= {c: (lambda v, p=precision: number(v, p)) for c in floats + counts}  # 124416 -> "124,416"
    styler = styler.format(formats or None, na_rep=MISSING)
    headers = None
    if not raw:  # headers as a reader reads them (the frame keeps its column names)
        actors = labels.get("actors")
        headers = [header(c, actors, language) for c in df.columns]
        styler = styler.relabel_index(headers, axis="columns")
    return Table(df, styler, headers)


__all__ = [
    "MISSING",
    "header",
    "pairs",
    "Sentence",
    "sentence",
    "summary",
    "CODED_COLUMNS",
    "ID_COLUMNS",
    "SOURCE_COLUMNS",
    "Table",
    "arabic_columns",
    "coded_label",
    "number",
    "readable",
    "role_label",
    "source_labels",
    "table",
    "yes_no",
]
