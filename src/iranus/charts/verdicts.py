"""Charts for reading the seed article as a source: who is speaking, and what other reporting found."""

from __future__ import annotations

import altair as alt
import pandas as pd

from ..datasets.i18n import format_date, get_language, t, t_or, value_label, language_of
from ..record.source_reading import GROUP_ORDER, attribution_group, group_label, verdict_counts
from ..datasets.schema import require_columns
from ._render import source_line, titled
from ._tooltips import tip


def _claims_tips(language: str) -> list[alt.Tooltip]:
    """Tooltip fields of a claims bar, titled as its legend and axis (each heard once)."""
    return [tip("claim_type:N", language, title=t("chart.type_of_claim", language)), tip("claims:Q", language, title=t("chart.number_of_claims", language))]


def attribution_groups_data(claims: pd.DataFrame, language: str | None = None) -> pd.DataFrame:
    """Claims counted by attribution group and claim type (the data of :func:`attribution_groups_chart`).

    Args:
        claims: DataFrame as returned by ``iranus.load("claims")`` (columns ``claim_type``,
            ``attribution``).
        language: ``"en"`` or ``"ar"`` for the labels (None: the default language, English).

    Returns:
        Tidy DataFrame with columns ``group`` (string: display label of the attribution group, see
        :func:`iranus.record.source_reading.attribution_group`), ``claim_type`` (string: display label)
        and ``claims`` (int64), one row per pair that occurs, groups in :data:`GROUP_ORDER`.

    Raises:
        ValueError: a required column is missing, or an attribution code is unknown.
    """
    require_columns(claims, "claims", ("claim_type", "attribution"))
    lang = language_of(language, claims)
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


def attribution_groups_chart(claims: pd.DataFrame, title: str | None = None, language: str | None = None) -> alt.Chart:
    """Stacked bars: the article's claims per attribution group, split by type of claim.

    Args:
        claims: DataFrame as returned by ``iranus.load("claims")``.
        title: chart title (default: the catalogue's ``chart.groups.title``).
        language: ``"en"`` or ``"ar"`` for titles, axes, legend and labels (None: the default language, English).

    Returns:
        ``altair.Chart`` (x: number of claims; y: attribution group, named first; colour: type of
        claim) with a source line.

    Raises:
        ValueError: see :func:`attribution_groups_data`.
    """
    lang = language_of(language, claims)
    data = attribution_groups_data(claims, lang)
    order = [group_label(g, lang) for g in GROUP_ORDER]
    return (
        alt.Chart(data)
        .mark_bar()
        .encode(
            x=alt.X("claims:Q", title=t("chart.number_of_claims", lang), axis=alt.Axis(tickMinStep=1)),
            y=alt.Y("group:N", title=t("chart.attributed_to", lang), sort=order),
            color=alt.Color("claim_type:N", title=t("chart.type_of_claim", lang), scale=alt.Scale(scheme="tableau10")),
            order=alt.Order("claim_type:N", title=t("chart.type_of_claim", lang)),
            tooltip=[tip("group:N", lang, title=t("chart.attributed_to", lang)), *_claims_tips(lang)],
        )
        .properties(
            width=480,
            height=160,
            title=titled(title or t("chart.groups.title", lang), source_line("claims", extra=t("chart.n_claims", lang, n=len(claims)), language=lang, frame=claims)),
        )
    )


def verdicts_chart(
    verdicts: pd.DataFrame, as_of: str | pd.Timestamp | None = None, title: str | None = None, language: str | None = None
) -> alt.Chart:
    """Stacked bars: the article's claims by the latest verdict of other reporting, split by claim type.

    Args:
        verdicts: DataFrame as returned by :func:`iranus.record.source_reading.claim_verdicts`.
        as_of: the date the checks were cut at, named in the title and source line (None: the
            whole record).
        title: chart title; by default "How other reporting bears on the article's claims" plus
            the date.
        language: ``"en"`` or ``"ar"`` for titles, axes, legend and labels (None: the default language, English).

    Returns:
        ``altair.Chart`` (x: number of claims; y: verdict, in the schema's order; colour: type of
        claim) with a source line.

    Raises:
        ValueError: a required column is missing.
    """
    lang = language_of(language, verdicts)
    data = verdict_counts(verdicts, lang)
    when = t("chart.verdicts.as_of", lang, date=format_date(as_of, lang)) if as_of is not None else t("chart.verdicts.whole_record", lang)
    title = title or t("chart.verdicts.title", lang, when=when)
    checked = int((verdicts["verdict"] != "no_check_yet").sum())
    order = list(dict.fromkeys(data["verdict"]))
    return (
        alt.Chart(data)
        .mark_bar()
        .encode(
            x=alt.X("claims:Q", title=t("chart.number_of_claims", lang), axis=alt.Axis(tickMinStep=1)),
            y=alt.Y("verdict:N", title=t("chart.verdicts.y", lang), sort=order),
            color=alt.Color("claim_type:N", title=t("chart.type_of_claim", lang), scale=alt.Scale(scheme="tableau10")),
            order=alt.Order("claim_type:N", title=t("chart.type_of_claim", lang)),
            tooltip=[tip("verdict:N", lang, title=t("chart.verdicts.y", lang)), *_claims_tips(lang)],
        )
        .properties(
            width=480,
            height=max(80, 22 * len(order)),
            title=titled(
                title,
                source_line(
                    "claims",
                    "claim_checks",
                    as_of=as_of,
                    extra=t("chart.verdicts.checked", lang, checked=checked, total=len(verdicts), when=when),
                    frame=verdicts,
                    language=lang,
                ),
            ),
        )
    )


def reliability_chart(
    sources: pd.DataFrame,
    as_of: str | pd.Timestamp | None = None,
    title: str | None = None,
    language: str | None = None,
) -> alt.Chart:
    """Stacked bars: number of cited sources of each kind, coloured by reliability rating.

    Args:
        sources: DataFrame as returned by ``iranus.load("sources", as_of=...)`` (columns
            ``kind``, ``reliability``).
        as_of: the date the sources were cut at, printed in the source line (None: the record's
            end date is printed instead).
        title: chart title (default: the catalogue's ``chart.reliability.title``).
        language: ``"en"`` or ``"ar"`` for titles, axes, legend and labels (None: the default language, English).

    Returns:
        ``altair.Chart`` (x: number of sources; y: kind of source; colour: reliability, high to
        low) with a source line.

    Raises:
        ValueError: a required column is missing, or there are no sources.
    """
    require_columns(sources, "sources", ("kind", "reliability"))
    if sources.empty:
        raise ValueError("no sources to plot (check the as_of date and filters)")
    lang = language_of(language, sources)
    counts = sources.groupby(["kind", "reliability"], observed=True).size().rename("sources").reset_index()
    data = pd.DataFrame(
        {
            "kind": counts["kind"].astype("string").map(lambda k: t_or(f"source_kind.{k}", lang, k.replace("_", " "))),
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
            x=alt.X("sources:Q", title=t("chart.reliability.x", lang), axis=alt.Axis(tickMinStep=1)),
            y=alt.Y("kind:N", title=t("chart.reliability.y", lang), sort="-x"),
            color=alt.Color(
                "reliability:N",
                title=t("chart.reliability.colour", lang),
                sort=ratings,  # stacked high to low (the colour's order: no order field to read aloud)
                scale=alt.Scale(domain=ratings, range=["#1b6ca8", "#f0a202", "#c0392b"]),
            ),
            tooltip=[
                tip("kind:N", lang, title=t("chart.reliability.y", lang)),
                tip("reliability:N", lang, title=t("chart.reliability.colour", lang)),
                tip("sources:Q", lang, title=t("chart.reliability.x", lang)),
            ],
        )
        .properties(
            width=480,
            height=220,
            title=titled(
                title or t("chart.reliability.title", lang),
                source_line("sources", as_of=as_of, extra=t("chart.n_sources", lang, n=len(sources)), language=lang, frame=sources),
            ),
        )
    )


__all__ = [
    "attribution_groups_chart",
    "attribution_groups_data",
    "reliability_chart",
    "verdicts_chart",
]
