"""Charts for reading the seed article as a source: who is speaking, and what other reporting found."""

from __future__ import annotations

import altair as alt
import pandas as pd

from ..datasets.i18n import get_language, value_label
from ..record.source_reading import GROUP_ORDER, attribution_group, group_label, verdict_counts
from ._render import source_line, titled


def attribution_groups_data(claims: pd.DataFrame) -> pd.DataFrame:
    """Claims counted by attribution group and claim type (the data of :func:`attribution_groups_chart`).

    Args:
        claims: DataFrame as returned by ``iranus.load("claims")`` (columns ``claim_type``,
            ``attribution``).

    Returns:
        Tidy DataFrame with columns ``group`` (string: display label of the attribution group, see
        :func:`iranus.record.source_reading.attribution_group`), ``claim_type`` (string: display label)
        and ``claims`` (int64), one row per pair that occurs, groups in :data:`GROUP_ORDER`.

    Raises:
        ValueError: a required column is missing, or an attribution code is unknown.
    """
    missing = [c for c in ("claim_type", "attribution") if c not in claims.columns]
    if missing:
        raise ValueError(f"claims is missing column(s) {missing}; pass iranus.load('claims')")
    lang = get_language()
    frame = pd.DataFrame({"group": attribution_group(claims["attribution"]), "claim_type": claims["claim_type"]})
    counts = frame.groupby(["group", "claim_type"], observed=True).size().rename("claims").reset_index()
    counts = counts.sort_values(["group", "claim_type"])
    return pd.DataFrame(
        {
            "group": counts["group"].astype("string").map(lambda g: group_label(g, lang)).astype("string"),
            "claim_type": counts["claim_type"].astype("string").map(lambda t: value_label(t, lang)).astype("string"),
            "claims": counts["claims"].astype("int64"),
        }
    ).reset_index(drop=True)


def attribution_groups_chart(claims: pd.DataFrame, title: str = "Who is speaking in the article?") -> alt.Chart:
    """Stacked bars: the article's claims per attribution group, split by type of claim.

    Args:
        claims: DataFrame as returned by ``iranus.load("claims")``.
        title: chart title.

    Returns:
        ``altair.Chart`` (x: number of claims; y: attribution group, named first; colour: type of
        claim) with a source line.

    Raises:
        ValueError: see :func:`attribution_groups_data`.
    """
    data = attribution_groups_data(claims)
    lang = get_language()
    order = [group_label(g, lang) for g in GROUP_ORDER]
    return (
        alt.Chart(data)
        .mark_bar()
        .encode(
            x=alt.X("claims:Q", title="Number of claims", axis=alt.Axis(tickMinStep=1)),
            y=alt.Y("group:N", title="Attributed to", sort=order),
            color=alt.Color("claim_type:N", title="Type of claim", scale=alt.Scale(scheme="tableau10")),
            order=alt.Order("claim_type:N"),
            tooltip=["group:N", "claim_type:N", "claims:Q"],
        )
        .properties(width=480, height=160, title=titled(title, source_line("claims", extra=f"{len(claims)} claims.")))
    )


def verdicts_chart(
    verdicts: pd.DataFrame, as_of: str | pd.Timestamp | None = None, title: str | None = None
) -> alt.Chart:
    """Stacked bars: the article's claims by the latest verdict of other reporting, split by claim type.

    Args:
        verdicts: DataFrame as returned by :func:`iranus.record.source_reading.claim_verdicts`.
        as_of: the date the checks were cut at, named in the title and source line (None: the
            whole record).
        title: chart title; by default "How other reporting bears on the article's claims" plus
            the date.

    Returns:
        ``altair.Chart`` (x: number of claims; y: verdict, in the schema's order; colour: type of
        claim) with a source line.

    Raises:
        ValueError: a required column is missing.
    """
    data = verdict_counts(verdicts)
    when = f"as of {pd.Timestamp(as_of).day} {pd.Timestamp(as_of):%b %Y}" if as_of is not None else "whole record"
    title = title or f"How other reporting bears on the article's claims ({when})"
    checked = int((verdicts["verdict"] != "no_check_yet").sum())
    order = list(dict.fromkeys(data["verdict"]))
    return (
        alt.Chart(data)
        .mark_bar()
        .encode(
            x=alt.X("claims:Q", title="Number of claims", axis=alt.Axis(tickMinStep=1)),
            y=alt.Y("verdict:N", title="Latest verdict of other reporting", sort=order),
            color=alt.Color("claim_type:N", title="Type of claim", scale=alt.Scale(scheme="tableau10")),
            order=alt.Order("claim_type:N"),
            tooltip=["verdict:N", "claim_type:N", "claims:Q"],
        )
        .properties(
            width=480,
            height=max(80, 22 * len(order)),
            title=titled(
                title,
                source_line(
                    "claims", "claim_checks", as_of=as_of, extra=f"{checked} of {len(verdicts)} claims checked, {when}."
                ),
            ),
        )
    )


def reliability_chart(
    sources: pd.DataFrame,
    as_of: str | pd.Timestamp | None = None,
    title: str = "The sources behind the data, by kind and reliability",
) -> alt.Chart:
    """Stacked bars: number of cited sources of each kind, coloured by reliability rating.

    Args:
        sources: DataFrame as returned by ``iranus.load("sources", as_of=...)`` (columns
            ``kind``, ``reliability``).
        as_of: the date the sources were cut at, printed in the source line (None: the record's
            end date is printed instead).
        title: chart title.

    Returns:
        ``altair.Chart`` (x: number of sources; y: kind of source; colour: reliability, high to
        low) with a source line.

    Raises:
        ValueError: a required column is missing, or there are no sources.
    """
    missing = [c for c in ("kind", "reliability") if c not in sources.columns]
    if missing:
        raise ValueError(f"sources is missing column(s) {missing}; pass iranus.load('sources')")
    if sources.empty:
        raise ValueError("no sources to plot (check the as_of date and filters)")
    lang = get_language()
    counts = sources.groupby(["kind", "reliability"], observed=True).size().rename("sources").reset_index()
    data = pd.DataFrame(
        {
            "kind": counts["kind"].astype("string").str.replace("_", " "),
            "reliability": counts["reliability"].astype("string").map(lambda r: value_label(r, lang)),
            "rank": counts["reliability"].astype("string").map({"high": 0, "medium": 1, "low": 2}).astype("int64"),
            "sources": counts["sources"].astype("int64"),
        }
    )
    ratings = [value_label(r, lang) for r in ("high", "medium", "low")]
    return (
        alt.Chart(data)
        .mark_bar()
        .encode(
            x=alt.X("sources:Q", title="Number of sources", axis=alt.Axis(tickMinStep=1)),
            y=alt.Y("kind:N", title="Kind of source", sort="-x"),
            color=alt.Color(
                "reliability:N",
                title="Reliability",
                scale=alt.Scale(domain=ratings, range=["#1b6ca8", "#f0a202", "#c0392b"]),
            ),
            order=alt.Order("rank:Q"),
            tooltip=["kind:N", "reliability:N", "sources:Q"],
        )
        .properties(
            width=480,
            height=220,
            title=titled(title, source_line("sources", as_of=as_of, extra=f"{len(sources)} sources.")),
        )
    )
