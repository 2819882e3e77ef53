"""Charts of the seed article's claims."""

from __future__ import annotations

import altair as alt
import pandas as pd

from ..datasets.i18n import get_language, t, value_label
from ..datasets.schema import require_columns
from ._render import source_line, titled


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
            order=alt.Order("attribution:N"),
            tooltip=["claim_type:N", "attribution:N", "claims:Q"],
        )
        .properties(width=520, height=180, title=titled(title or t("chart.claims_by_type.title", lang), source_line("claims", extra=t("chart.n_claims", lang, n=len(claims)), language=lang)))
    )


__all__ = [
    "claims_by_type_chart",
    "claims_by_type_data",
]
