"""Charts of the seed article's claims."""

from __future__ import annotations

import altair as alt
import pandas as pd

from ..datasets.i18n import get_language, t, value_label
from ..datasets.schema import require_columns
from ._render import source_line, titled
from ._tooltips import tip


def claims_by_type_data(claims: pd.DataFrame, language: str | None = None) -> pd.DataFrame:
    """Count the article's claims by type and attribution.

    Args:
        claims: DataFrame as returned by ``iranus.load("claims")`` (columns ``claim_type`` and
            ``attribution``, categoricals).
        language: ``"en"`` or ``"ar"`` for the labels (None: the default language, English).

    Returns:
        Tidy DataFrame with columns ``claim_type`` (string, display label), ``attribution``
        (string, display label) and ``claims`` (int64: number of claims), one row per pair that
        occurs, largest first.

    Raises:
        ValueError: if a required column is missing.
    """
    require_columns(claims, "claims", ("claim_type", "attribution"))
    lang = get_language(language)
    counts = (
        claims.groupby(["claim_type", "attribution"], observed=True)
        .size()
        .rename("claims")
        .reset_index()
        .sort_values(["claims", "claim_type", "attribution"], ascending=[False, True, True])
    )
    for col in ("claim_type", "attribution"):
        counts[col] = counts[col].astype("string").map(lambda v: value_label(v, lang))
    return counts.reset_index(drop=True).astype({"claims": "int64"})


def claims_by_type_chart(claims: pd.DataFrame, title: str | None = None, language: str | None = None) -> alt.Chart:
    """Stacked bars: number of claims of each type, split by how the article attributes them.

    Args:
        claims: DataFrame as returned by ``iranus.load("claims")``.
        title: chart title (default: the catalogue's ``chart.claims_by_type.title``).
        language: ``"en"`` or ``"ar"``: titles, axes, legend and labels (None: the default language, English).

    Returns:
        ``altair.Chart`` (x: number of claims; y: claim type; colour: attribution) with a source line.
    """
    lang = get_language(language)
    data = claims_by_type_data(claims, lang)
    return (
        alt.Chart(data)
        .mark_bar()
        .encode(
            x=alt.X("claims:Q", title=t("chart.number_of_claims", lang), axis=alt.Axis(tickMinStep=1)),
            y=alt.Y("claim_type:N", title=t("chart.type_of_claim", lang), sort="-x"),
            color=alt.Color("attribution:N", title=t("chart.attributed_to", lang), scale=alt.Scale(scheme="tableau10")),
            order=alt.Order("attribution:N", title=t("chart.attributed_to", lang)),
            # titled as the axes and legend: a screen reader hears each field once
            tooltip=[tip("claim_type:N", lang, title=t("chart.type_of_claim", lang)), tip("attribution:N", lang, title=t("chart.attributed_to", lang)), tip("claims:Q", lang, title=t("chart.number_of_claims", lang))],
        )
        .properties(width=520, height=180, title=titled(title or t("chart.claims_by_type.title", lang), source_line("claims", extra=t("chart.n_claims", lang, n=len(claims)), language=lang, frame=claims)))
    )


CLAIM_TYPES = ("fact", "stated_position", "assessment", "forecast", "report_of_others")

def sorter_chart_data(results: pd.DataFrame, lang: str = "en") -> pd.DataFrame:
    """The learner's claim types against the data's, counted (the data of :func:`sorter_chart`).

    Args:
        results: :meth:`ClaimSorter.results`.
        lang: label language.

    Returns:
        DataFrame with columns ``type_given``, ``type_expected`` (string: display labels),
        ``claims`` (int64) and ``agree`` (string: "same as the data" or "different"), one row
        per pair that occurs.

    Raises:
        ValueError: no claim checked yet.
    """
    if results.empty:
        raise ValueError("no claim checked yet")
    data = results.groupby(["type_given", "type_expected"]).size().rename("claims").reset_index()
    data["agree"] = (data["type_given"] == data["type_expected"]).map({True: t("chart.sorter.same", lang), False: t("chart.sorter.different", lang)})
    for col in ("type_given", "type_expected"):
        data[col] = data[col].map(lambda v: value_label(v, lang))
    return data.astype({"type_given": "string", "type_expected": "string", "claims": "int64", "agree": "string"})

def sorter_chart(results: pd.DataFrame, lang: str = "en") -> alt.LayerChart:
    """How the learner's claim types compare with the data's: a count grid (confusion matrix).

    Args:
        results: :meth:`ClaimSorter.results`.
        lang: label language.

    Returns:
        ``altair.LayerChart``: x = type in the data, y = the learner's type, number of claims in
        each cell; the diagonal holds the agreements.

    Raises:
        ValueError: no claim checked yet.
    """
    data = sorter_chart_data(results, lang)
    order = [value_label(t, lang) for t in CLAIM_TYPES]
    base = alt.Chart(data).encode(
        x=alt.X("type_expected:N", title=t("chart.sorter.x", lang), sort=order, scale=alt.Scale(domain=order), axis=alt.Axis(labelAngle=-20)),
        y=alt.Y("type_given:N", title=t("chart.sorter.y", lang), sort=order, scale=alt.Scale(domain=order)),
    )
    rects = base.mark_rect(stroke="white").encode(
        color=alt.Color(
            "agree:N",
            title=t("chart.sorter.colour", lang),
            scale=alt.Scale(domain=[t("chart.sorter.same", lang), t("chart.sorter.different", lang)], range=["#2e7d32", "#c0392b"]),
        ),
        opacity=alt.Opacity("claims:Q", title=t("chart.tip.claims", lang), legend=None, scale=alt.Scale(range=[0.35, 1])),
        tooltip=[tip("type_given:N", lang, title=t("chart.sorter.y", lang)), tip("type_expected:N", lang, title=t("chart.sorter.x", lang)), tip("claims:Q", lang)],
    )
    text = base.mark_text(color="white", fontWeight="bold", aria=False).encode(text=alt.Text("claims:Q"))
    n = int(data["claims"].sum())
    return alt.layer(rects, text).properties(
        width=300,
        height=180,
        title=titled(t("chart.sorter.title", lang), source_line("claims", extra=t("chart.sorter.checked", lang, n=n), language=lang)),
    )


__all__ = [
    "CLAIM_TYPES",
    "sorter_chart_data",
    "sorter_chart",
    "claims_by_type_chart",
    "claims_by_type_data",
]
