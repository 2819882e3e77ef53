"""Charts of the deal prospects: how many packages each side can accept, the zone between them, and a forecast over the scenarios."""

from __future__ import annotations

import altair as alt
import pandas as pd

from collections.abc import Mapping

from ..datasets.i18n import get_language, t, t_or
from ._render import source_line, titled

#: The counts compared, in display order (their labels: the catalogue's ``chart.zones.<column>``).
_MEASURES = ("win_set_us", "win_set_iran", "zone_size")


def zone_sizes_data(comparison: pd.DataFrame, language: str | None = None) -> pd.DataFrame:
    """The zone comparison as a tidy table for :func:`zone_sizes_chart`.

    Args:
        comparison: DataFrame as returned by :func:`iranus.models.prospects.zone_comparison`.
        language: ``"en"`` or ``"ar"`` for the measures' labels (None: the default language, English).

    Returns:
        DataFrame with columns ``setting`` (string: the setting's name, in ``language`` when the
        catalogue's ``setting`` section has it), ``measure`` (string: "US can accept
        (win-set)", "Iran can accept (win-set)", "both accept (ZOPA)"), ``packages`` (int64:
        number of packages) and ``share`` (float64: percent of all packages searched), settings
        in the given order, measures in that order.

    Raises:
        ValueError: a required column is missing.
    """
    needed = ["setting", "packages", *_MEASURES]
    missing = [c for c in needed if c not in comparison.columns]
    if missing:
        raise ValueError(f"comparison is missing column(s) {missing}; pass iranus.models.prospects.zone_comparison()")
    lang = language or get_language()
    rows = []
    for rec in comparison.itertuples(index=False):
        for col in _MEASURES:
            label = t(f"chart.zones.{col}", lang)
            n = int(getattr(rec, col))
            rows.append(
                {"setting": t_or(f"setting.{rec.setting}", lang, str(rec.setting)), "measure": label, "packages": n, "share": 100.0 * n / int(rec.packages)}
            )
    return pd.DataFrame(rows).astype(
        {"setting": "string", "measure": "string", "packages": "int64", "share": "float64"}
    )


def zone_sizes_chart(comparison: pd.DataFrame, title: str | None = None, language: str | None = None) -> alt.LayerChart:
    """Grouped bars: packages each side accepts and packages both accept, per setting.

    Args:
        comparison: DataFrame as returned by :func:`iranus.models.prospects.zone_comparison`.
        title: chart title (default: the catalogue's ``chart.zones.title``).
        language: ``"en"`` or ``"ar"`` for titles, axes and legend (None: the default language, English).

    Returns:
        ``altair.LayerChart``: one row of bars per setting (x: number of packages; y: what is
        counted), the count written at the end of each bar (so an empty zone reads "0"), and a
        source line naming the deal-space codings and their date (``comparison.attrs["as_of"]``,
        set by :func:`iranus.models.prospects.zone_comparison`).

    Raises:
        ValueError: see :func:`zone_sizes_data`.
    """
    lang = language or get_language()
    data = zone_sizes_data(comparison, lang)
    total = int(comparison["packages"].iloc[0])
    order = [t(f"chart.zones.{col}", lang) for col in _MEASURES]
    base = alt.Chart(data).encode(
        y=alt.Y("measure:N", title=None, sort=order, axis=alt.Axis(labelLimit=220)),
        x=alt.X("packages:Q", title=t("chart.zones.x", lang)),
    )
    bars = base.mark_bar().encode(
        color=alt.Color(
            "measure:N",
            title=t("chart.zones.colour", lang),
            sort=order,
            scale=alt.Scale(domain=order, range=["#1b6ca8", "#2e7d32", "#f0a202"]),
        ),
        tooltip=[
            "setting:N",
            "measure:N",
            "packages:Q",
            alt.Tooltip("share:Q", format=".1f", title=t("chart.zones.share", lang)),
        ],
    )
    text = base.mark_text(align="left", dx=3, fontSize=10).encode(text=alt.Text("packages:Q", format=","))
    extra = t("chart.zones.note", lang, total=f"{total:,}")
    as_of = comparison.attrs.get("as_of")
    return (
        alt.layer(bars, text, data=data)
        .facet(
            row=alt.Row(
                "setting:N",
                title=None,
                sort=[t_or(f"setting.{s}", lang, s) for s in comparison["setting"].astype(str)],
                header=alt.Header(labelAngle=0, labelAlign="left", labelFontWeight="bold"),
            )
        )
        .properties(
            title=titled(
                title or t("chart.zones.title", lang),
                source_line("deal_options", "deal_scores", "deal_batnas", as_of=as_of, extra=extra, language=lang),
            )
        )
    )


def forecast_chart(
    table: pd.DataFrame, title: str | None = None, occurred: Mapping[str, bool] | None = None, language: str | None = None
) -> alt.LayerChart:
    """Horizontal bars: the probability given to each scenario (0-100 %).

    Args:
        table: :func:`forecast_table` output.
        title: chart title (default: the catalogue's ``chart.forecast.title``).
        occurred: scenario id -> whether it occurred (the epilogue); when given, the bar of the
            scenario that occurred is green and the others grey.
        language: ``"en"`` or ``"ar"`` for titles, axes and legend (None: the default language, English).

    Returns:
        ``altair.LayerChart`` with the percentage written at the end of each bar.
    """
    lang = language or get_language()
    yes, no = t("chart.forecast.occurred", lang), t("chart.forecast.not_occurred", lang)
    data = table.assign(
        outcome=[
            (yes if occurred.get(s) else no) if occurred is not None else "forecast"
            for s in table["scenario_id"].astype(str)
        ],
        label=[f"{p:.0f}%" for p in table["percent"]],
    )
    order = list(data["scenario"].astype(str))
    colour = (
        alt.Color("outcome:N", title=t("chart.forecast.outcome", lang), scale=alt.Scale(domain=[yes, no], range=["#2e7d32", "#9e9e9e"]))
        if occurred is not None
        else alt.ColorValue("#1b6ca8")
    )
    base = alt.Chart(data).encode(
        y=alt.Y("scenario:N", title=None, sort=order, axis=alt.Axis(labelLimit=260)),
        x=alt.X("percent:Q", title=t("chart.forecast.x", lang), scale=alt.Scale(domain=[0, 100])),
    )
    bars = base.mark_bar().encode(color=colour)
    text = base.mark_text(align="left", dx=3).encode(text=alt.Text("label:N"))
    datasets = ("scenarios", "scenario_outcomes") if occurred is not None else ("scenarios",)
    source = source_line(*datasets, extra=t("chart.forecast.yours", lang), language=lang)
    return alt.layer(bars, text).properties(
        width=360, height=max(60, 28 * len(data)), title=titled(title or t("chart.forecast.title", lang), source)
    )


__all__ = [
    "forecast_chart",
    "zone_sizes_chart",
    "zone_sizes_data",
]
