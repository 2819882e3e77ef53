"""Charts of the deal prospects: how many packages each side can accept, the zone between them, and a forecast over the scenarios."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import altair as alt
import pandas as pd

from ..datasets.i18n import get_language, t, t_or, language_of
from ._render import source_line, titled
from ._tooltips import tip, tips
from ..models import bargaining as bg
from ..models.prospects import DealEvaluation, score_range

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
    lang = language_of(language, comparison)
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
    lang = language_of(language, comparison)
    data = zone_sizes_data(comparison, lang)
    total = int(comparison["packages"].iloc[0])
    order = [t(f"chart.zones.{col}", lang) for col in _MEASURES]
    base = alt.Chart(data).encode(
        y=alt.Y("measure:N", title=t("chart.tip.zone_measure", lang), sort=order, axis=alt.Axis(title=None, labelLimit=220)),
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
            *tips(lang, "setting:N", ("measure:N", "zone_measure")),
            tip("packages:Q", lang, title=t("chart.zones.x", lang)),
            tip("share:Q", lang, format=".1f", title=t("chart.zones.share", lang)),
        ],
    )
    text = base.mark_text(align="left", dx=3, fontSize=10, aria=False).encode(text=alt.Text("packages:Q", format=","))
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
                source_line("deal_options", "deal_scores", "deal_batnas", as_of=as_of, extra=extra, language=lang, frame=comparison),
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
    lang = language_of(language, table)
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
        y=alt.Y("scenario:N", title=t("chart.tip.scenario", lang), sort=order, axis=alt.Axis(title=None, labelLimit=260)),
        x=alt.X("percent:Q", title=t("chart.forecast.x", lang), scale=alt.Scale(domain=[0, 100])),
    )
    bars = base.mark_bar().encode(color=colour)
    text = base.mark_text(align="left", dx=3, aria=False).encode(text=alt.Text("label:N"))  # the bar reads the same number
    datasets = ("scenarios", "scenario_outcomes") if occurred is not None else ("scenarios",)
    source = source_line(*datasets, extra=t("chart.forecast.yours", lang), language=lang, frame=table)
    return alt.layer(bars, text).properties(
        width=360, height=max(60, 28 * len(data)), title=titled(title or t("chart.forecast.title", lang), source)
    )


def deal_chart_data(
    space: bg.DealSpace,
    evaluation: DealEvaluation,
    parties: Sequence[str] = bg.TABLE_PARTIES,
    constraints: Mapping[str, Sequence[str]] | None = None,
    language: str = "en",
) -> pd.DataFrame:
    """The points of the deal-space chart, one row per distinct pair of scores.

    Returns:
        DataFrame with columns ``x``, ``y`` (float64: the two table parties' scores),
        ``kind`` (string: ``"in the zone"``, ``"Pareto frontier"``, ``"Nash package"``,
        ``"your package (in the zone)"`` or ``"your package (outside the zone)"``, in
        ``language``: the catalogue's ``chart.deal.*``) and
        ``packages`` (int64: how many packages share the point). A package outside the zone
        can share its scores with packages inside it (it crosses a red line they avoid).
        Zone packages on the frontier are listed as frontier points.
    """
    a, b = parties
    frontier = bg.pareto_frontier(space, parties, constraints)
    zone = evaluation.zone  # computed by evaluate_package for the same space and constraints
    parts = []
    if len(zone):
        z = zone[~zone["pareto_optimal"].fillna(False).astype(bool)]
        parts.append(pd.DataFrame({"x": z[f"score_{a}"], "y": z[f"score_{b}"], "kind": t("chart.deal.in_zone", language)}))
    if len(frontier):
        parts.append(pd.DataFrame({"x": frontier[f"score_{a}"], "y": frontier[f"score_{b}"], "kind": t("chart.deal.frontier", language)}))
    if evaluation.nash is not None:
        parts.append(pd.DataFrame({"x": [evaluation.nash[f"score_{a}"]], "y": [evaluation.nash[f"score_{b}"]], "kind": t("chart.deal.nash", language)}))
    mine = evaluation.scores.set_index("actor_id")["score"]
    yours = t("chart.deal.yours_in" if evaluation.in_zone else "chart.deal.yours_out", language)
    parts.append(pd.DataFrame({"x": [mine[a]], "y": [mine[b]], "kind": yours}))
    data = pd.concat(parts, ignore_index=True).astype({"x": "float64", "y": "float64"})
    out = data.groupby(["kind", "x", "y"], sort=False).size().rename("packages").reset_index()
    return out.astype({"kind": "string", "packages": "int64"})



KIND_STYLE = {  # kind (catalogue key chart.deal.<kind>) -> (colour, size in square pixels); drawn in this order
    "in_zone": ("#f0a202", 30),
    "frontier": ("#1b6ca8", 45),
    "nash": ("#2e7d32", 160),
    "yours_in": ("#6a1b9a", 420),
    "yours_out": ("#c0392b", 420),
}



def deal_chart(
    space: bg.DealSpace,
    evaluation: DealEvaluation,
    actor_labels: Mapping[str, str],
    parties: Sequence[str] = bg.TABLE_PARTIES,
    constraints: Mapping[str, Sequence[str]] | None = None,
    language: str | None = None,
) -> alt.LayerChart:
    """The deal space seen by the two parties at the table.

    x = first party's score, y = second party's score (points); dashed lines at their BATNAs
    (the zone of possible agreement is up and to the right of both, minus packages a red line or
    a constraint party rules out); the Pareto frontier; the Nash package; the learner's package.

    Returns:
        ``altair.LayerChart`` with a source line naming the model.
    """
    a, b = parties
    lang = language_of(language, space)
    data = deal_chart_data(space, evaluation, parties, constraints, lang)
    names = {k: t(f"chart.deal.{k}", lang) for k in KIND_STYLE}
    present = set(data["kind"].unique())
    kinds = [k for k in KIND_STYLE if names[k] in present]
    la, lb = actor_labels.get(a, a), actor_labels.get(b, b)
    lo_a, hi_a = score_range(space, a)
    lo_b, hi_b = score_range(space, b)
    x_title, y_title = t("chart.deal.axis", lang, actor=la), t("chart.deal.axis", lang, actor=lb)
    x = alt.X("x:Q", title=x_title, scale=alt.Scale(domain=[lo_a, hi_a], nice=False))
    y = alt.Y("y:Q", title=y_title, scale=alt.Scale(domain=[lo_b, hi_b], nice=False))
    colour = alt.Color(
        "kind:N",
        title=t("chart.tip.point", lang),
        legend=alt.Legend(title=None),
        sort=[names[k] for k in kinds],
        scale=alt.Scale(domain=[names[k] for k in kinds], range=[KIND_STYLE[k][0] for k in kinds]),
    )
    # objects: string shorthands re-parse slowly; the scores titled as the axes
    tooltip = [tip("kind:N", lang, key="point"), tip("x:Q", lang, title=x_title), tip("y:Q", lang, title=y_title), tip("packages:Q", lang)]
    # One frame for every layer (each layer keeps its rows with a filter): altair encodes and
    # sanitises one table per redraw instead of one per layer. The BATNA lines read a last row
    # of their own (kind "batna", never in the colour scale).
    batna_row = pd.DataFrame({"kind": ["batna"], "x": [float(space.batnas[a])], "y": [float(space.batnas[b])], "packages": [0]})
    frame = pd.concat([data, batna_row.astype({"kind": "string", "packages": "int64"})], ignore_index=True)
    layers = [
        # the fallback (BATNA) lines: their values are in the subtitle, the lines are drawn only
        _only("batna").mark_rule(strokeDash=[4, 3], color="#555", aria=False).encode(x=alt.X("x:Q")),
        _only("batna").mark_rule(strokeDash=[4, 3], color="#555", aria=False).encode(y=alt.Y("y:Q")),
    ]
    for kind in kinds:
        size = KIND_STYLE[kind][1]
        if kind.startswith("yours"):  # an open ring, so that a Nash package under it stays visible
            mark = _only(names[kind]).mark_point(shape="circle", size=size, filled=False, strokeWidth=3)
        elif kind == "nash":
            mark = _only(names[kind]).mark_point(shape="diamond", size=size, filled=True, opacity=1)
        else:
            mark = _only(names[kind]).mark_circle(size=size, opacity=0.8)
        layers.append(mark.encode(x=x, y=y, color=colour, tooltip=tooltip))
    cons = ""
    if constraints:
        others = t("source.list_sep", lang).join(actor_labels.get(o, o) for group in constraints.values() for o in group)
        cons = t("chart.deal.constraint", lang, others=others)
    sub = [
        t("chart.deal.batnas", lang, a=la, batna_a=f"{space.batnas[a]:g}", b=lb, batna_b=f"{space.batnas[b]:g}") + cons,
        t("chart.deal.zone", lang),
        t("chart.deal.model", lang),
    ]
    # properties as layer() arguments: .properties() validates each one again (redrawn per slider move)
    return alt.layer(*layers, data=frame, width=380, height=300, title=titled(t("chart.deal.title", lang), sub))


def _only(kind: str) -> alt.Chart:
    """A layer of :func:`deal_chart` that keeps the rows of one kind (a Vega-Lite filter).

    The filter is given to the constructor as plain JSON: ``transform_filter`` would build and
    validate a predicate object on every redraw (about 1.7 ms each, seven per redraw).
    """
    return alt.Chart(transform=[{"filter": {"field": "kind", "equal": kind}}])


__all__ = [
    "KIND_STYLE",
    "deal_chart",
    "deal_chart_data",
    "forecast_chart",
    "zone_sizes_chart",
    "zone_sizes_data",
]
