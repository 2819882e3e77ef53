"""Reading the seed article as a source: who says what, and how other reporting bears on it.

Three questions a careful reader asks of any news explainer, and the helpers that answer them
from the iranus data:

1. *Who is speaking?* :func:`attribution_group` sorts the article's attributions into four groups
   (on the record under a name; unnamed; another outlet's report; the article's own voice), and
   :func:`attribution_table` counts claims by type and group.
2. *What did other reporting say, and when?* :func:`claim_verdicts` gives each claim the latest
   check dated on or before a date (``claim_checks.date`` is the date of the evidence), so a lesson
   set on 6 February 2026 sees only what was known then.
3. *How far can the outlet be trusted?* :func:`reliability_table` counts the cited sources by kind
   and reliability rating.

Method: the distinction between named and anonymous sourcing, and between fact, assessment and
forecast, follows ordinary newsroom practice (e.g. the AP Stylebook's rules on anonymous sources);
the codings themselves are the course's, in ``data/claims.csv`` and ``data/claim_checks.csv``.
"""

from __future__ import annotations

import pandas as pd

from ..datasets.i18n import get_language, t, value_label
from ..datasets.dates import DateLike, cut, parse_date
from ..datasets.schema import field_enum, require_columns
from ..errors import ModelInputError

# attribution code (claims/positions schema) -> group
ATTRIBUTION_GROUPS: dict[str, str] = {
    "named_official": "named",
    "official_statement": "named",
    "official_claim": "named",
    "anonymous_official": "unnamed",
    "anonymous_sources": "unnamed",
    "analysts": "unnamed",
    "media_report": "other_outlet",
    "outlet_itself": "outlet_itself",
}

GROUP_ORDER = ("named", "unnamed", "other_outlet", "outlet_itself")

NO_CHECK = "no_check_yet"

# verdict codes in display order (claim_checks schema), then claims without a check
VERDICT_ORDER = (
    *field_enum("claim_checks", "verdict"),
    NO_CHECK,
)


_CLAIM_COLUMNS = ["claim_id", "paragraph_id", "paraphrase_en", "claim_type", "claimant", "attribution"]
_CHECK_COLUMNS = ["check_id", "claim_id", "date", "verdict", "source_id", "confidence", "note_en"]


def _require(df: pd.DataFrame, columns: list[str], table: str) -> None:
    if table in ("claims", "claim_checks", "sources"):
        require_columns(df, table, columns)
        return
    missing = [c for c in columns if c not in df.columns]  # a derived table, not a dataset
    if missing:
        raise ModelInputError(f"the {table} table is missing column(s) {missing}", table)


def group_label(group: str, language: str | None = None) -> str:
    """Display label of an attribution group (``"named"`` ...) in ``"en"`` or ``"ar"`` (catalogue ``group``).

    Raises:
        ValueError: unknown group or language (argument named).
    """
    language = get_language(language)
    if group not in GROUP_ORDER:
        raise ValueError(f"group={group!r}: choose one of {', '.join(GROUP_ORDER)}")
    return t(f"group.{group}", language)


def attribution_group(attribution: pd.Series) -> pd.Series:
    """Map attribution codes to the four groups of :data:`GROUP_ORDER`.

    Args:
        attribution: Series of attribution codes (``claims.attribution`` or
            ``positions.attribution``: strings or a categorical).

    Returns:
        Categorical Series (categories :data:`GROUP_ORDER`), same index. ``named_official``,
        ``official_statement`` and ``official_claim`` are *named*; ``anonymous_official``,
        ``anonymous_sources`` and ``analysts`` (the article never names them) are *unnamed*;
        ``media_report`` is *other_outlet*; ``outlet_itself`` stays itself.

    Raises:
        ValueError: a code outside the schema's enum, or a missing code (names the row labels).

    >>> attribution_group(pd.Series(["named_official", "anonymous_official", "media_report"])).tolist()
    ['named', 'unnamed', 'other_outlet']
    """
    codes = attribution.astype("string")
    bad = codes[codes.isna() | ~codes.isin(list(ATTRIBUTION_GROUPS))]
    if len(bad):
        shown = ", ".join(f"row {i}: {v!r}" for i, v in bad.head(5).items())
        raise ValueError(f"unknown or missing attribution code(s) ({shown}); allowed: {', '.join(ATTRIBUTION_GROUPS)}")
    return pd.Series(
        pd.Categorical(codes.map(ATTRIBUTION_GROUPS), categories=list(GROUP_ORDER)),
        index=attribution.index,
        name="attribution_group",
    )


def attribution_table(claims: pd.DataFrame, language: str | None = None) -> pd.DataFrame:
    """Claims counted by type (rows) and attribution group (columns).

    Args:
        claims: DataFrame as returned by ``iranus.load("claims")`` (columns ``claim_type``,
            ``attribution``).
        language: labels in ``"en"`` or ``"ar"``; the default language when None.

    Returns:
        DataFrame with a column ``claim_type`` (string: display label, in the schema's order of
        types that occur), one int64 column per attribution group (display label; all four
        groups, zero where none) and ``total`` (int64); last row ``all claims`` (or its Arabic).

    Raises:
        ValueError: a required column is missing, or an attribution code is unknown.
    """
    _require(claims, ["claim_type", "attribution"], "claims")
    language = get_language(language)
    groups = attribution_group(claims["attribution"])
    counts = pd.crosstab(claims["claim_type"].astype("string"), groups, dropna=False)
    counts = counts.reindex(columns=list(GROUP_ORDER), fill_value=0)
    types = (
        [t for t in claims["claim_type"].cat.categories if t in counts.index]
        if isinstance(claims["claim_type"].dtype, pd.CategoricalDtype)
        else sorted(counts.index)
    )
    counts = counts.loc[types].astype("int64")
    counts["total"] = counts.sum(axis=1)
    counts.loc["__all__"] = counts.sum(axis=0)
    out = counts.reset_index(names="claim_type")
    out["claim_type"] = [
        ("كل الادعاءات" if language == "ar" else "all claims") if t == "__all__" else value_label(t, language)
        for t in out["claim_type"]
    ]
    out = out.rename(columns={g: group_label(g, language) for g in GROUP_ORDER})
    out = out.rename(columns={"total": "المجموع" if language == "ar" else "total"})
    out.columns.name = None
    return out.astype({"claim_type": "string"})


def claim_verdicts(claims: pd.DataFrame, claim_checks: pd.DataFrame, as_of: DateLike = None) -> pd.DataFrame:
    """Each claim with the latest check of it known on a date.

    Args:
        claims: DataFrame as returned by ``iranus.load("claims")``.
        claim_checks: DataFrame as returned by ``iranus.load("claim_checks", as_of=...)``.
        as_of: drop checks dated after this date as well (``"YYYY-MM-DD"``, date or Timestamp);
            None keeps every check given.

    Returns:
        One row per claim, in claim order, with columns ``claim_id``, ``paragraph_id``,
        ``claim_type`` (category), ``attribution`` (category), ``attribution_group`` (category,
        see :func:`attribution_group`), ``claimant``, ``paraphrase_en``, ``verdict`` (string: the
        latest check's verdict code, or ``"no_check_yet"``), ``check_date`` (datetime64, NaT
        without a check), ``confidence`` (string or <NA>), ``note_en`` (string or <NA>),
        ``check_source_id`` (string or <NA>) and ``checks`` (int64: how many checks were known).
        The latest check is the one with the latest ``date``; on a tie, the higher ``check_id``.
        ``attrs["iranus"]`` keeps the ``data_dir`` and ``record_end`` of ``claim_checks``.

    Raises:
        ValueError: a required column is missing (names table and column), ``as_of`` is not a
            date, or a check refers to a claim that is not in ``claims`` (names the check_id).

    >>> import iranus
    >>> c = iranus.course()
    >>> verdicts = claim_verdicts(c.load("claims"), c.load("claim_checks"))
    >>> int((verdicts["verdict"] == "confirmed").sum())   # checks known on 6 February 2026
    25
    """
    _require(claims, _CLAIM_COLUMNS, "claims")
    _require(claim_checks, _CHECK_COLUMNS, "claim_checks")
    checks = cut(claim_checks[_CHECK_COLUMNS].copy(), as_of, keep_undated=False)
    unknown = checks[~checks["claim_id"].isin(claims["claim_id"])]
    if len(unknown):
        raise ValueError(
            f"claim_checks row(s) {', '.join(unknown['check_id'].astype(str).head(5))} refer to claim_id(s) "
            f"{', '.join(unknown['claim_id'].astype(str).head(5))} that are not in claims"
        )
    n_checks = checks.groupby("claim_id").size()
    latest = (
        checks.sort_values(["claim_id", "date", "check_id"])
        .groupby("claim_id", as_index=False)
        .tail(1)
        .rename(columns={"date": "check_date", "source_id": "check_source_id"})
        .drop(columns="check_id")
    )
    latest["claim_id"] = latest["claim_id"].astype("string")
    out = claims[_CLAIM_COLUMNS].copy()
    out["claim_id"] = out["claim_id"].astype("string")
    out.insert(out.columns.get_loc("attribution") + 1, "attribution_group", attribution_group(out["attribution"]))
    out = out.merge(latest, on="claim_id", how="left")
    out["verdict"] = out["verdict"].astype("string").fillna(NO_CHECK)
    out["confidence"] = out["confidence"].astype("string")
    out["note_en"] = out["note_en"].astype("string")
    out["check_source_id"] = out["check_source_id"].astype("string")
    out["check_date"] = pd.to_datetime(out["check_date"]).astype("datetime64[ns]")
    out["checks"] = out["claim_id"].map(n_checks).fillna(0).astype("int64")
    out = out.reset_index(drop=True)
    mark = claim_checks.attrs.get("iranus", {})  # the data folder and its record end, for a chart's source line
    out.attrs["iranus"] = {k: mark[k] for k in ("data_dir", "record_end") if k in mark}
    return out


def verdict_counts(verdicts: pd.DataFrame, language: str | None = None) -> pd.DataFrame:
    """Number of claims per latest verdict and claim type (the data of a verdict chart).

    Args:
        verdicts: DataFrame as returned by :func:`claim_verdicts`.
        language: labels in ``"en"`` or ``"ar"``; the default language when None.

    Returns:
        Tidy DataFrame with columns ``verdict_code`` (string), ``verdict`` (string: display
        label; ``no check yet`` for claims without one), ``claim_type`` (string: display label)
        and ``claims`` (int64), one row per pair that occurs, verdicts in the schema's order.

    Raises:
        ValueError: a required column is missing.
    """
    _require(verdicts, ["verdict", "claim_type"], "claim_verdicts output")
    language = get_language(language)
    order = list(VERDICT_ORDER)
    counts = verdicts.groupby(["verdict", "claim_type"], observed=True).size().rename("claims").reset_index()
    counts["verdict"] = counts["verdict"].astype("string")
    counts["_rank"] = counts["verdict"].map(lambda v: order.index(v) if v in order else len(order))
    counts = counts.sort_values(["_rank", "claim_type"]).drop(columns="_rank")
    return pd.DataFrame(
        {
            "verdict_code": counts["verdict"].astype("string"),
            "verdict": counts["verdict"].map(lambda v: verdict_label(v, language)).astype("string"),
            "claim_type": counts["claim_type"]
            .astype("string")
            .map(lambda v: value_label(v, language))
            .astype("string"),
            "claims": counts["claims"].astype("int64"),
        }
    ).reset_index(drop=True)


def verdict_label(verdict: str, language: str | None = None) -> str:
    """Display label of a verdict code, including ``"no_check_yet"``, in ``"en"`` or ``"ar"``."""
    return value_label(verdict, get_language(language))


def reliability_table(sources: pd.DataFrame, language: str | None = None) -> pd.DataFrame:
    """Sources counted by kind (rows) and reliability rating (columns high, medium, low).

    Args:
        sources: DataFrame as returned by ``iranus.load("sources", as_of=...)`` (columns
            ``kind`` and ``reliability``).
        language: labels of the ratings in ``"en"`` or ``"ar"``; the default language when None.

    Returns:
        DataFrame with ``kind`` (string, the schema's code), one int64 column per rating (display
        label, high to low) and ``total`` (int64), kinds in the schema's order, only kinds that
        occur; rows sorted as the schema lists the kinds.

    Raises:
        ValueError: a required column is missing.
    """
    _require(sources, ["kind", "reliability"], "sources")
    language = get_language(language)
    ratings = ["high", "medium", "low"]
    counts = pd.crosstab(sources["kind"].astype("string"), sources["reliability"].astype("string"))
    counts = counts.reindex(columns=ratings, fill_value=0).astype("int64")
    if isinstance(sources["kind"].dtype, pd.CategoricalDtype):
        counts = counts.loc[[k for k in sources["kind"].cat.categories if k in counts.index]]
    counts["total"] = counts.sum(axis=1)
    out = counts.reset_index(names="kind")
    out.columns.name = None
    out = out.rename(columns={r: value_label(r, language) for r in ratings})
    if language == "ar":
        out = out.rename(columns={"total": "المجموع"})
    return out.astype({"kind": "string"})


def verdict_changes(
    claims: pd.DataFrame, claim_checks: pd.DataFrame, before: DateLike, after: DateLike = None
) -> pd.DataFrame:
    """The claims whose latest verdict changed between two dates: what later evidence added.

    Args:
        claims: DataFrame as returned by ``iranus.load("claims")``.
        claim_checks: DataFrame as returned by ``iranus.load("claim_checks")`` (the whole record,
            or cut at ``after``).
        before: the earlier date (e.g. the course date, :data:`iranus.COURSE_DATE`).
        after: the later date; None for the whole record given.

    Returns:
        DataFrame, one row per claim whose latest verdict at ``after`` differs from its latest
        verdict at ``before`` (including claims first checked after ``before``), in claim
        order, columns ``claim_id``, ``paragraph_id``, ``claim_type`` (category),
        ``paraphrase_en``, ``verdict_before`` and ``verdict_after`` (string codes, see
        :data:`VERDICT_ORDER`), ``check_date`` (datetime64: date of the later check),
        ``note_en`` and ``check_source_id`` (string: the later check's note and source).

    Raises:
        ValueError: as :func:`claim_verdicts`, or ``after`` earlier than ``before``.
    """
    start = parse_date(before, "before")
    end = parse_date(after, "after")
    if start is None:
        raise ValueError("before=None: give the earlier date, e.g. the course date")
    if end is not None and end < start:
        raise ValueError(f"after={after!r} is earlier than before={before!r}")
    old = claim_verdicts(claims, claim_checks, as_of=start)
    new = claim_verdicts(claims, claim_checks, as_of=end)
    changed = new["verdict"] != old["verdict"]
    out = new.loc[
        changed,
        [
            "claim_id",
            "paragraph_id",
            "claim_type",
            "paraphrase_en",
            "verdict",
            "check_date",
            "note_en",
            "check_source_id",
        ],
    ]
    out = out.rename(columns={"verdict": "verdict_after"})
    out.insert(4, "verdict_before", old.loc[changed, "verdict"].astype("string"))
    return out.reset_index(drop=True)


__all__ = [
    "ATTRIBUTION_GROUPS",
    "GROUP_ORDER",
    "NO_CHECK",
    "VERDICT_ORDER",
    "attribution_group",
    "attribution_table",
    "claim_verdicts",
    "group_label",
    "reliability_table",
    "verdict_changes",
    "verdict_counts",
    "verdict_label",
]
