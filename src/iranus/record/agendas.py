"""The two agendas: who stated what on which issue, and where the US and Iranian agendas meet.

Lesson 02 compares Iran's nuclear-only agenda with the broader US agenda. The helpers here turn
the positions table (one row per stated position, see ``iranus.load("positions")``) into the
views the lesson needs:

- :func:`latest_positions`: each actor's most recent stated position per issue, as of the date
  the table was cut at (load it with ``as_of``);
- :func:`stance_table`: the same with display labels, ready for
  :func:`iranus.charts.stance_heatmap`;
- :func:`agenda_comparison`: two actors side by side per issue (coded stances, the gap between
  them, and whether the issue is in the nuclear file that both sides accepted to discuss);
- :func:`stated_conditions`: every stated position of one actor, the list from which the lesson
  rebuilds the article's missing infographic of US conditions.

The stances are a teaching coding on each issue's 0-100 scale (``issues.stance_0_en`` /
``stance_100_en``, see ``data/CODEBOOK.md``), not facts; the speaker, date, attribution and source
of every row are facts of the record and travel with it.
"""

from __future__ import annotations

import pandas as pd

from ..datasets.i18n import get_language, labels_like, language_of, t
from ..datasets.schema import field_enum, require_columns
from ..datasets.dates import DateLike, known, parse_date

_CONFIDENCE_RANK = {c: rank for rank, c in enumerate(reversed(field_enum("positions", "confidence")))}  # low 0 .. high 2
# Attributions that put a position on the record under a name (a person, a government, a body).
NAMED_ATTRIBUTIONS = ("named_official", "official_statement", "official_claim")

POSITION_COLUMNS = (
    "position_id",
    "actor_id",
    "issue_id",
    "date",
    "speaker",
    "attribution",
    "paraphrase_en",
    "stance",
    "salience",
    "source_id",
    "confidence",
)


def _require(df: pd.DataFrame, columns, name: str, loader: str) -> None:
    require_columns(df, loader, columns, name)


def _label_map(dataset: str, language: str | None, frame: pd.DataFrame | None = None) -> dict[str, str]:
    try:
        return labels_like(dataset, frame, language).to_dict()
    except Exception:  # an empty or broken label table must not break a chart: ids stand in
        return {}


def latest_positions(positions: pd.DataFrame) -> pd.DataFrame:
    """Each actor's most recent stated position on each issue (low-confidence reports last).

    Cut the table at the lesson's date first (``iranus.course().load("positions")``):
    "most recent" means most recent in the rows given. A low-confidence row is chosen only when
    the pair has no other row: a later single weak report does not replace an earlier
    better-sourced statement. When an actor has two statements on one
    issue on the same day, the one with higher ``confidence`` wins, then one on the record under
    a name (named official, official statement or claim), then the lower ``position_id``: the
    same rule as the agenda explorer (:func:`iranus.explorers.agenda_ui.agenda_matrix`), so a chart
    and the explorer always show the same statement for a cell.

    Args:
        positions: DataFrame as returned by ``iranus.load("positions")`` (needs ``position_id``,
            ``actor_id``, ``issue_id``, ``date`` datetime64, ``confidence``).

    Returns:
        The chosen rows with all their columns, one per (``actor_id``, ``issue_id``) pair, sorted
        by actor and issue id, with a fresh RangeIndex.

    Raises:
        ValueError: a required column is missing (names it).

    >>> import iranus
    >>> latest = latest_positions(iranus.course().load("positions"))
    >>> int(latest.set_index(["actor_id", "issue_id"]).loc[("iran", "enrichment"), "stance"])
    10
    """
    _require(positions, ("position_id", "actor_id", "issue_id", "date", "confidence", "attribution"), "positions", "positions")
    if positions.empty:
        return positions.reset_index(drop=True)
    ranked = positions.assign(
        _conf=positions["confidence"].astype("string").map(_CONFIDENCE_RANK).fillna(-1).astype(int),
        _named=positions["attribution"].astype("string").isin(NAMED_ATTRIBUTIONS).astype(int),
        _pid=positions["position_id"].astype("string"),
        _a=positions["actor_id"].astype("string"),
        _i=positions["issue_id"].astype("string"),
    )
    # a low-confidence report does not displace a better-sourced statement: it is shown only
    # when it is all there is for the pair
    ranked["_usable"] = (ranked["_conf"] > _CONFIDENCE_RANK.get("low", 0)).astype(int)
    ranked = ranked.sort_values(
        ["_a", "_i", "_usable", "date", "_conf", "_named", "_pid"], ascending=[True, True, False, False, False, False, True]
    )
    first = ranked.groupby(["_a", "_i"], sort=True).head(1)
    return first.drop(columns=["_conf", "_named", "_pid", "_a", "_i", "_usable"]).reset_index(drop=True)


def stance_table(
    positions: pd.DataFrame,
    issues: pd.DataFrame,
    actors: list[str] | None = None,
    issue_ids: list[str] | None = None,
    language: str | None = None,
) -> pd.DataFrame:
    """The latest coded stance of each actor on each issue, with labels, for a chart or a table.

    Args:
        positions: ``iranus.load("positions", as_of=...)``.
        issues: ``iranus.load("issues")`` (gives the issue order, labels and the ``nuclear`` flag).
        actors: actor ids to keep, in display order (default: every actor with a position, in
            id order). Unknown ids raise.
        issue_ids: issue ids to keep, in display order (default: the issues table's order).
        language: ``"en"`` or ``"ar"`` for the labels (default: the default language, English).

    Returns:
        DataFrame, one row per (actor, issue) with a stated position: ``actor_id`` (string),
        ``actor`` (string label), ``issue_id`` (string), ``issue`` (string label), ``nuclear``
        (bool: in the nuclear file), ``stance`` (Int64, 0-100), ``salience`` (Int64, 0-100),
        ``date`` (datetime64), ``speaker`` (string), ``attribution`` (string),
        ``paraphrase_en`` (string), ``confidence`` (string), ``source_id`` (string),
        ``position_id`` (string). Sorted by actor order, then issue order. The attributes
        ``attrs["actor_order"]`` and ``attrs["issue_order"]`` hold the label orders for charts,
        and ``attrs["iranus"]`` is copied from ``positions`` (the as_of cut).

    Raises:
        ValueError: missing columns, or an id in ``actors`` / ``issue_ids`` that the tables do
            not know (names it).
    """
    _require(positions, POSITION_COLUMNS, "positions", "positions")
    _require(issues, ("issue_id", "label_en", "nuclear"), "issues", "issues")
    language = language_of(language, positions, issues)
    known_issues = list(issues["issue_id"].astype(str))
    if issue_ids is None:
        issue_ids = known_issues
    unknown = [i for i in issue_ids if i not in known_issues]
    if unknown:
        raise ValueError(f"issue_ids: unknown issue id(s) {unknown}; known: {', '.join(known_issues)}")
    latest = latest_positions(positions)
    present = sorted(latest["actor_id"].astype(str).unique())
    if actors is None:
        actors = present
    else:
        known_actors = set(_label_map("actors", "en", positions)) | set(present)
        unknown = [a for a in actors if a not in known_actors]
        if unknown:
            raise ValueError(f"actors: unknown actor id(s) {unknown}")
    latest = latest[latest["actor_id"].isin(actors) & latest["issue_id"].isin(issue_ids)]
    actor_labels = _label_map("actors", language, positions)
    issue_labels = _label_map("issues", language, positions)
    nuclear = dict(zip(issues["issue_id"].astype(str), issues["nuclear"].astype(bool)))
    out = pd.DataFrame(
        {
            "actor_id": latest["actor_id"].astype("string"),
            "actor": latest["actor_id"].astype(str).map(lambda a: actor_labels.get(a, a)).astype("string"),
            "issue_id": latest["issue_id"].astype("string"),
            "issue": latest["issue_id"].astype(str).map(lambda i: issue_labels.get(i, i)).astype("string"),
            "nuclear": latest["issue_id"].astype(str).map(nuclear).astype(bool),
            "stance": latest["stance"].astype("Int64"),
            "salience": latest["salience"].astype("Int64"),
            "date": latest["date"],
            "speaker": latest["speaker"].astype("string"),
            "attribution": latest["attribution"].astype("string"),
            "paraphrase_en": latest["paraphrase_en"].astype("string"),
            "confidence": latest["confidence"].astype("string"),
            "source_id": latest["source_id"].astype("string"),
            "position_id": latest["position_id"].astype("string"),
        }
    )
    a_rank = {a: i for i, a in enumerate(actors)}
    i_rank = {i: n for n, i in enumerate(issue_ids)}
    out = out.assign(_a=out["actor_id"].map(a_rank), _i=out["issue_id"].map(i_rank))
    out = out.sort_values(["_a", "_i"]).drop(columns=["_a", "_i"]).reset_index(drop=True)
    out.attrs["iranus"] = {**positions.attrs.get("iranus", {}), "language": language}
    out.attrs["actor_order"] = [actor_labels.get(a, a) for a in actors]
    out.attrs["issue_order"] = [issue_labels.get(i, i) for i in issue_ids]
    return out


def agenda_comparison(
    positions: pd.DataFrame,
    issues: pd.DataFrame,
    first: str = "us",
    second: str = "iran",
    language: str | None = None,
) -> pd.DataFrame:
    """Two actors' latest stated positions side by side, one row per issue.

    The ``agenda`` column reads the issues table's ``nuclear`` flag: ``"nuclear file"`` for the
    issues Iran's stated agenda covers (the nuclear issue plus the sanctions relief tied to it),
    ``"outside the nuclear file"`` for the others. Whether a side wanted an issue outside the
    nuclear file on the table is read from its stance, not from this column.

    Args:
        positions: ``iranus.load("positions", as_of=...)``.
        issues: ``iranus.load("issues")``.
        first, second: actor ids (default ``"us"`` and ``"iran"``).
        language: label language (default: the session's).

    Returns:
        DataFrame in the issues table's order with columns ``issue_id`` (string), ``issue``
        (string label), ``nuclear`` (bool), ``agenda`` (string, see above),
        ``stance_<first>`` and ``stance_<second>`` (Int64, 0-100, <NA> when the actor stated
        nothing on the issue), ``gap`` (Int64: absolute difference of the two stances, <NA> when
        either is missing), ``said_<first>`` and ``said_<second>`` (string: "speaker, YYYY-MM-DD",
        <NA> when missing). ``attrs["iranus"]`` is copied from ``positions`` (the as_of cut).

    Raises:
        ValueError: missing columns, or ``first == second``.
    """
    if first == second:
        raise ValueError(f"first and second must be two different actors (both {first!r})")
    language = language_of(language, positions, issues)
    table = stance_table(positions, issues, actors=None, language=language)
    out = pd.DataFrame(
        {
            "issue_id": issues["issue_id"].astype("string"),
            "nuclear": issues["nuclear"].astype(bool).to_numpy(),
        }
    )
    issue_labels = _label_map("issues", get_language(language), positions)
    out.insert(1, "issue", out["issue_id"].astype(str).map(lambda i: issue_labels.get(i, i)).astype("string"))
    for actor in (first, second):
        rows = table[table["actor_id"] == actor].set_index("issue_id")
        out[f"stance_{actor}"] = out["issue_id"].map(rows["stance"]).astype("Int64")
        said = rows["speaker"].astype(str) + ", " + rows["date"].dt.strftime("%Y-%m-%d")
        out[f"said_{actor}"] = out["issue_id"].map(said).astype("string")
    out["gap"] = (out[f"stance_{first}"] - out[f"stance_{second}"]).abs().astype("Int64")
    agenda = {True: t("chart.agenda.nuclear_file", language), False: t("chart.agenda.outside_nuclear_file", language)}
    out.insert(3, "agenda", out["nuclear"].map(agenda).astype("string"))
    cols = ["issue_id", "issue", "nuclear", "agenda", f"stance_{first}", f"stance_{second}", "gap", f"said_{first}", f"said_{second}"]
    out = out[cols].copy()
    out.attrs["iranus"] = {**positions.attrs.get("iranus", {}), "language": language}
    return out


def stated_conditions(positions: pd.DataFrame, issues: pd.DataFrame, actor: str = "us") -> pd.DataFrame:
    """Every stated position of one actor, issue by issue, with who said it, when and where.

    This is the list from which lesson 02 rebuilds the seed article's missing infographic of US
    conditions: it rests on the positions table (other reporting), not on the article.

    Args:
        positions: ``iranus.load("positions", as_of=...)`` (cut it at the lesson's date).
        issues: ``iranus.load("issues")`` (gives the issue order).
        actor: actor id (default ``"us"``).

    Returns:
        DataFrame with columns ``issue_id``, ``date`` (datetime64), ``speaker``, ``attribution``,
        ``venue_en``, ``paraphrase_en``, ``quote_en``, ``source_id``, ``confidence`` (strings
        except date), one row per statement, in the issues table's order, then by date.
        Empty (same columns) when the actor stated nothing.

    Raises:
        ValueError: missing columns (names them).
    """
    cols = ["issue_id", "date", "speaker", "attribution", "venue_en", "paraphrase_en", "quote_en", "source_id", "confidence"]
    _require(positions, cols + ["actor_id", "position_id"], "positions", "positions")
    _require(issues, ("issue_id",), "issues", "issues")
    rows = positions[positions["actor_id"] == actor]
    order = {i: n for n, i in enumerate(issues["issue_id"].astype(str))}
    rows = rows.assign(_o=rows["issue_id"].astype(str).map(order).fillna(len(order)), _p=rows["position_id"].astype(str))
    rows = rows.sort_values(["_o", "date", "_p"])
    out = rows[cols].reset_index(drop=True)
    for c in cols:
        if c != "date":
            out[c] = out[c].astype("string")
    return out


def _ids(value, argument: str) -> list[str] | None:
    if value is None:
        return None
    if isinstance(value, str):
        value = [value]
    ids = [str(v) for v in value]
    if not ids:
        what = "actor" if "actor" in argument else "issue"
        raise ValueError(f"no {what} selected ({argument} is empty): pick at least one {what}")
    return ids


def unnamed_or_weak(statements: pd.DataFrame) -> pd.Series:
    """Which statements the agenda charts mark with "?": not on the record under a name, or low confidence.

    The one rule behind the "?" of the agenda explorer's chart and of the lessons' stance chart
    (:func:`iranus.charts.stance_heatmap`).

    Args:
        statements: any frame with the ``attribution`` (codes, e.g. ``"anonymous_official"``) and
            ``confidence`` (``"high"``, ``"medium"``, ``"low"``) columns of ``positions``.

    Returns:
        bool Series, same index: True when ``attribution`` is not one of
        :data:`NAMED_ATTRIBUTIONS` (an unnamed official or sources, an outlet's own summary, a
        report of others) or ``confidence`` is ``"low"``.

    Raises:
        ValueError: a column is missing.
    """
    require_columns(statements, "positions", ("attribution", "confidence"), "statements")
    named = statements["attribution"].astype("string").isin(NAMED_ATTRIBUTIONS).fillna(False)
    low = (statements["confidence"].astype("string") == "low").fillna(False)
    return (~named | low).astype(bool)


_MATRIX_DTYPES = {
    "actor_id": "string",
    "issue_id": "string",
    "position_id": "string",
    "date": "datetime64[ns]",
    "stance": "Int64",
    "salience": "Int64",
    "speaker": "string",
    "attribution": "string",
    "confidence": "string",
    "statements": "int64",
    "flagged": "bool",
}


def agenda_matrix(
    positions: pd.DataFrame,
    as_of: DateLike = None,
    actors: list[str] | None = None,
    issues: list[str] | None = None,
) -> pd.DataFrame:
    """The latest coded stance of each actor on each issue, up to a date.

    Each cell shows one statement, so that every colour traces back to a row of ``positions``:
    the one :func:`iranus.record.agendas.latest_positions` picks (the latest on or before ``as_of``;
    on the same day the higher confidence, then one on the record under a name, then the lower
    ``position_id``), the same rule as the lessons' stance charts.

    Args:
        positions: DataFrame as ``iranus.load("positions")`` returns it.
        as_of: keep statements dated on or before this day (``"YYYY-MM-DD"``, date, Timestamp);
            None keeps all.
        actors: actor ids to keep (rows); None keeps every actor with a statement.
        issues: issue ids to keep (columns); None keeps every issue with a statement.

    Returns:
        DataFrame, one row per (actor, issue) pair with at least one statement, columns:
        ``actor_id``, ``issue_id``, ``position_id`` (string), ``date`` (datetime64),
        ``stance``, ``salience`` (Int64, 0-100), ``speaker``, ``attribution``, ``confidence``
        (string), ``statements`` (int64: statements on this pair up to ``as_of``), ``flagged``
        (bool: the statement shown is not on the record under a name, or has low confidence).
        Sorted by actor, issue. Empty (same columns) when nothing matches.

    Raises:
        ValueError: a required column is missing, ``as_of`` is not a date, or ``actors`` /
            ``issues`` is an empty list ("no actor selected").
    """
    require_columns(positions, "positions", POSITION_COLUMNS)
    cut = parse_date(as_of)
    actor_ids = _ids(actors, "actors")
    issue_ids = _ids(issues, "issues")
    keep = pd.Series(True, index=positions.index)
    if cut is not None:
        keep &= known(positions, cut)
    if actor_ids is not None:
        keep &= positions["actor_id"].astype(str).isin(actor_ids)
    if issue_ids is not None:
        keep &= positions["issue_id"].astype(str).isin(issue_ids)
    df = positions[keep]
    if df.empty:
        return pd.DataFrame({col: pd.Series(dtype=dt) for col, dt in _MATRIX_DTYPES.items()})
    latest = latest_positions(df)
    counts = df.groupby([df["actor_id"].astype(str), df["issue_id"].astype(str)]).size()
    out = pd.DataFrame({col: latest[col] for col in _MATRIX_DTYPES if col in latest.columns})
    for col in ("actor_id", "issue_id", "position_id", "speaker", "attribution", "confidence"):
        out[col] = out[col].astype(str)
    out["statements"] = [int(counts[(a, i)]) for a, i in zip(out["actor_id"], out["issue_id"])]
    out["flagged"] = unnamed_or_weak(out)
    out = out.sort_values(["actor_id", "issue_id"]).reset_index(drop=True)
    return out.astype(_MATRIX_DTYPES)


def cell_statements(
    positions: pd.DataFrame,
    sources: pd.DataFrame,
    actor_id: str,
    issue_id: str,
    as_of: DateLike = None,
) -> pd.DataFrame:
    """Every statement behind one cell of the agenda grid, newest first, with its source.

    Args:
        positions: DataFrame as ``iranus.load("positions")`` returns it.
        sources: DataFrame as ``iranus.load("sources")`` returns it.
        actor_id: the row's actor id (e.g. ``"iran"``).
        issue_id: the column's issue id (e.g. ``"enrichment"``).
        as_of: keep statements dated on or before this day; None keeps all.

    Returns:
        DataFrame with columns ``position_id``, ``date`` (datetime64), ``speaker``,
        ``attribution`` (code), ``venue_en``, ``paraphrase_en``, ``quote_en``, ``stance``,
        ``salience`` (Int64), ``confidence``, ``coding_note``, ``source_id``, and from the
        sources table ``outlet``, ``source_title``, ``source_date``, ``source_kind``, ``url``,
        ``reliability``, ``reliability_reason`` (missing when the source row is absent).
        Newest first; empty when the cell has no statement.

    Raises:
        ValueError: a required column is missing, or ``as_of`` is not a date.
    """
    require_columns(positions, "positions", POSITION_COLUMNS)
    require_columns(sources, "sources", ["source_id", "outlet", "title", "kind", "reliability", "reliability_reason"])
    df = positions[(positions["actor_id"] == actor_id) & (positions["issue_id"] == issue_id)]
    df = df[known(df, as_of)]
    keep = [
        "position_id", "date", "speaker", "attribution", "venue_en", "paraphrase_en", "quote_en",
        "stance", "salience", "confidence", "coding_note", "source_id",
    ]
    df = df[[k for k in keep if k in df.columns]].copy()
    for k in keep:
        if k not in df.columns:
            df[k] = pd.NA
    src = sources.rename(
        columns={"title": "source_title", "date": "source_date", "kind": "source_kind"}
    )[["source_id", "outlet", "source_title", "source_date", "source_kind", "url", "reliability", "reliability_reason"]]
    df["source_id"] = df["source_id"].astype("string")
    src = src.assign(source_id=src["source_id"].astype("string"))
    out = df[keep].merge(src, on="source_id", how="left")
    return out.sort_values(["date", "position_id"], ascending=[False, True]).reset_index(drop=True)


__all__ = [
    "agenda_matrix",
    "cell_statements",
    "NAMED_ATTRIBUTIONS",
    "POSITION_COLUMNS",
    "agenda_comparison",
    "latest_positions",
    "stance_table",
    "stated_conditions",
]
