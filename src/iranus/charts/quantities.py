"""Charts of numeric series: values over time, and competing counts side by side.

Each point shows how it is known (``estimate_kind``: verified by IAEA inspectors, an
estimate, an official claim, a press figure), so a chart never dresses an estimate up as a
measurement. Competing counts stay separate series.
"""

from __future__ import annotations

import re

import altair as alt
import pandas as pd

from ..display import coded_label, number as _number
from ..datasets.i18n import format_date, get_language, t, t_or, language_of
from ._dated import as_of_of
from ..datasets.schema import require_columns
from ._render import date_span, source_line, titled, wrapped_axis, wrapped_lines
from .event_timeline import axis_start
from ._tooltips import source_names, tip, tips

KIND_SHAPES = {"verified": "circle", "estimate": "triangle-up", "official_claim": "square", "reported": "diamond"}


def kind_label(kind: str, language: str) -> str:
    """How a figure is known (``estimate_kind``), as the charts' legends say it (catalogue ``estimate_kind``)."""
    return t_or(f"estimate_kind.{kind}", language, kind)


def unit_label(unit: str, language: str) -> str:
    """A unit of the quantities table in ``language`` (catalogue ``unit``; the unit itself if new)."""
    return t_or(f"unit.{unit}", language, unit)


def date_label(date: pd.Timestamp, precision: str = "day", language: str = "en") -> str:
    """A date written only as precisely as it is known.

    Args:
        date: the date (a Timestamp).
        precision: ``"day"``, ``"month"`` or ``"year"`` (the ``date_precision`` column of the
            quantities table).
        language: ``"en"`` or ``"ar"`` (month names).

    Returns:
        ``"16 Jan 2016"`` for a day, ``"Apr 2021"`` for a month, ``"2019"`` for a year.

    Raises:
        ValueError: an unknown precision.
    """
    return format_date(date, language, precision)


def series_name(series_id: str, measures: pd.Series, language: str) -> str:
    """A series' name for a legend or title: the catalogue's ``series.<series_id>`` in ``language``.

    A series of points measured in different ways (who reported, on what basis) keeps one name;
    each point's own measure goes in its tooltip. A series the catalogue does not know is named by
    its most common ``measure_en`` (the first, on a tie).

    >>> series_name("iran_max_enrichment_level_pct", pd.Series([]), "en")
    'Enrichment level (highest Iran was producing, %)'
    >>> series_name("new_series", pd.Series(["b", "a", "b"]), "en")
    'b'
    """
    common = str(measures.value_counts(sort=True).index[0]) if len(measures) else str(series_id)
    return t_or(f"series.{series_id}", language, common)


def range_end(data: pd.DataFrame, date: pd.Timestamp, language: str) -> str:
    """One end of a chart's date range, as a subtitle writes it: to the month, or to the year when
    a figure of that date is known only to the year (never "Jan 2015" for a figure of "2015").

    Args:
        data: rows with ``date`` and ``date_precision`` (:func:`quantity_data`).
        date: the first or last date of ``data``.
        language: ``"en"`` or ``"ar"``.

    >>> rows = pd.DataFrame({"date": pd.to_datetime(["2015-01-01", "2026-01-12"]), "date_precision": ["year", "day"]})
    >>> range_end(rows, rows["date"].min(), "en"), range_end(rows, rows["date"].max(), "en")
    ('2015', 'Jan 2026')
    """
    same = data.loc[data["date"] == date, "date_precision"].astype(str) if "date_precision" in data.columns else pd.Series([], dtype=str)
    return format_date(date, language, "year" if (same == "year").any() else "month")


def _require(df: pd.DataFrame) -> None:
    require_columns(df, "quantities", ("series_id", "date", "value", "unit", "measure_en", "estimate_kind", "source_id", "confidence"))


def quantity_data(
    quantities: pd.DataFrame,
    series_ids: list[str],
    series_labels: dict[str, str] | None = None,
    language: str | None = None,
    sources: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """The rows a quantity chart plots, one per observation, with display labels.

    Args:
        quantities: ``iranus.load("quantities", as_of=...)``.
        series_ids: series to plot, in legend order.
        series_labels: series id -> legend label (default: :func:`series_name`, one name per
            series, never one point's measure).
        language: ``"en"`` or ``"ar"`` for dates and kinds (None: the default language, English).
        sources: the ``sources`` table, to name each point's source (None: read through the
            loader from the data folder ``quantities`` came from, see
            :func:`iranus.charts._tooltips.source_names`).

    Returns:
        DataFrame with ``series_id``, ``series`` (legend label), ``date`` (datetime64),
        ``date_precision`` (``"day"``, ``"month"`` or ``"year"``), ``when`` (string: the date written as precisely as the ``date_precision`` column says,
        see :func:`date_label`; to the day when the table has no such column), ``value``
        (float), ``unit`` (code), ``unit_label`` (the unit in ``language``), ``measure`` (the
        point's own ``measure_en``: who reported it, on what basis), ``kind`` (display label of
        ``estimate_kind``), ``estimate_kind``, ``source_id``, ``source`` ("Outlet, 4 Feb 2026"),
        ``confidence`` (display label), ``notes`` (strings), sorted by series order then date.

    Raises:
        ValueError: missing columns; an unknown series (lists the known ones); series in
            different units (names them: they cannot share an axis).
    """
    _require(quantities)
    if not series_ids:
        raise ValueError("series_ids is empty; name at least one series")
    known = set(quantities["series_id"].astype(str))
    unknown = [s for s in series_ids if s not in known]
    if unknown:
        raise ValueError(f"series_ids: no series {unknown} in this table (as_of cut?); series: {', '.join(sorted(known)) or 'none'}")
    rows = quantities[quantities["series_id"].isin(series_ids)].copy()
    units = sorted(rows["unit"].astype(str).unique())
    if len(units) > 1:
        raise ValueError(f"series {list(series_ids)} are in different units {units}; chart one unit at a time")
    labels = dict(series_labels or {})
    lang = language_of(language, quantities)
    for s in series_ids:
        if s not in labels:
            labels[s] = series_name(s, rows.loc[rows["series_id"] == s, "measure_en"].astype(str), lang)
    order = {s: i for i, s in enumerate(series_ids)}
    out = pd.DataFrame(
        {
            "series_id": rows["series_id"].astype(str),
            "series": rows["series_id"].astype(str).map(labels),
            "date": rows["date"],
            "date_precision": rows["date_precision"].astype(str) if "date_precision" in rows.columns else "day",
            "when": [
                date_label(d, str(p), lang)
                for d, p in zip(rows["date"], rows["date_precision"] if "date_precision" in rows.columns else ["day"] * len(rows))
            ],
            "value": rows["value"].astype("float64"),
            "unit": rows["unit"].astype(str),
            "unit_label": rows["unit"].astype(str).map(lambda u: unit_label(u, lang)),
            "measure": rows["measure_en"].astype(str),
            "kind": rows["estimate_kind"].astype(str).map(lambda k: kind_label(k, lang)),
            "estimate_kind": rows["estimate_kind"].astype(str),
            "source_id": rows["source_id"].astype(str),
            "source": source_names(rows["source_id"], quantities, lang, sources).astype(str),
            "confidence": rows["confidence"].astype(str).map(lambda c: coded_label(c, "confidence", lang)),
            "notes": rows["notes"].astype("string").fillna("").astype(str) if "notes" in rows.columns else "",
        }
    )
    out = out.assign(_o=out["series_id"].map(order)).sort_values(["_o", "date", "source_id"]).drop(columns="_o")
    return out.reset_index(drop=True)


def quantity_chart(
    quantities: pd.DataFrame,
    series_ids: list[str],
    title: str,
    y_title: str | None = None,
    series_labels: dict[str, str] | None = None,
    markers: list[tuple[str, str]] | None = None,
    log_scale: bool = False,
    extra: str | None = None,
    width: int = 560,
    connect: bool = True,
    label_points: bool = False,
    language: str | None = None,
) -> alt.LayerChart:
    """Values over time: a line per series, a point per observation shaped by how it is known.

    Args:
        quantities: ``iranus.load("quantities", as_of=...)``; cut it first to keep later
            figures out.
        series_ids: the series to draw (one unit).
        title: chart title.
        y_title: y-axis title; default ``"Value (<unit>)"``.
        series_labels: series id -> legend label (default: :func:`series_name`).
        markers: (``"YYYY-MM-DD"``, label) pairs drawn as dashed vertical rules, e.g. the day
            the IAEA lost access.
        log_scale: a logarithmic y axis (for a currency that lost most of its value).
        extra: caveat appended to the source line.
        width: pixels.
        connect: join the points with lines (solid between figures that were verified or
            reported, dashed towards estimates and claims). Use False for a series whose values
            are not a continuous quantity between observations (a level switched on and off).
        label_points: write each point's value and date beside it, the date only as precisely as
            it is known (``"4.5 (2019)"``, ``"60 (Apr 2021)"``): for a short series whose dates
            matter.
        language: ``"en"`` or ``"ar"`` for axes, legends and dates (None: the default language, English);
            ``title``, ``y_title``, ``series_labels``, marker labels and ``extra`` are the
            caller's, in the same language.

    Returns:
        ``altair.LayerChart``: x = date (year ticks, never extended past the data), y = value,
        colour = series (legend only for several series), point shape = how the value is known. Source line in the subtitle (it
        names the ``as_of`` cut the loader recorded in ``quantities.attrs``, if any).

    Raises:
        ValueError: see :func:`quantity_data`; a marker date that is not a date.
    """
    lang = language_of(language, quantities)
    data = quantity_data(quantities, series_ids, series_labels, lang)
    unit = unit_label(data["unit"].iloc[0], lang)
    first, last = data["date"].min(), data["date"].max()
    x = alt.X(
        "date:T", title=t("chart.quantity.x", lang), axis=alt.Axis(format="%Y", labelAngle=0, tickCount="year"),
        scale=alt.Scale(nice=False, domainMin=axis_start(first, True)),  # from 1 January of the first year: its tick is drawn
    )
    y = alt.Y("value:Q", title=y_title or t("chart.quantity.y", lang, unit=unit), scale=alt.Scale(type="log") if log_scale else alt.Scale(zero=True))
    single = len(series_ids) == 1  # the title names a lone series: no colour legend needed
    colour = alt.Color(
        "series:N", title=t("chart.quantity.series", lang), sort=list(dict.fromkeys(data["series"])),
        legend=None if single else alt.Legend(orient="bottom", direction="vertical", labelLimit=520),
    )
    kinds = [k for k in KIND_SHAPES if k in set(data["estimate_kind"])]
    shape = alt.Shape(
        "kind:N",
        title=t("chart.quantity.kind", lang),
        scale=alt.Scale(domain=[data.loc[data["estimate_kind"] == k, "kind"].iloc[0] for k in kinds], range=[KIND_SHAPES[k] for k in kinds]),
        legend=alt.Legend(orient="bottom", direction="vertical", labelLimit=400),
    )
    # titled as the axis and legends where a field is on one: a screen reader hears it once
    tooltip = [
        *tips(lang, "when:N"),
        tip("series:N", lang, title=t("chart.quantity.series", lang)),
        tip("value:Q", lang, title=y_title or t("chart.quantity.y", lang, unit=unit)),
        *tips(lang, "measure:N"),  # the unit is in the value's title
        tip("kind:N", lang, title=t("chart.quantity.kind", lang)),
        *tips(lang, "source:N", "confidence:N"),
    ]
    points = alt.Chart(data).mark_point(size=70, filled=True, opacity=0.9).encode(x=x, y=y, color=colour, shape=shape, tooltip=tooltip)
    layers = []
    if connect:
        firm = data[data["estimate_kind"].isin(["verified", "reported"])]
        # the lines join the points (aria=False: a screen reader reads the points, not the lines)
        layers.append(alt.Chart(data).mark_line(opacity=0.6, strokeDash=[4, 3], aria=False).encode(x=x, y=y, color=colour, detail="series_id:N"))
        if not firm.empty:
            layers.append(alt.Chart(firm).mark_line(opacity=0.8, aria=False).encode(x=x, y=y, color=colour, detail="series_id:N"))
    layers.append(points)
    if label_points:
        labelled = data.assign(label=[f"{_number(v)} ({w})" for v, w in zip(data["value"], data["when"])])
        span = (last - first) or pd.Timedelta(days=1)
        late = (labelled["date"] - first) / span > 0.75  # near the right edge: write the label to the left
        for right_side, part in ((True, labelled[~late]), (False, labelled[late])):
            if not part.empty:
                layers.append(
                    alt.Chart(part)
                    .mark_text(align="left" if right_side else "right", dx=8 if right_side else -8, dy=-8, fontSize=10, color="#333", aria=False)
                    .encode(x=x, y=y, text="label:N")
                )
    if markers:
        rows = []
        for when, text in markers:
            try:
                ts = pd.Timestamp(when)
            except (TypeError, ValueError):
                ts = pd.NaT
            if pd.isna(ts):
                raise ValueError(f"markers: {when!r} is not a date")
            rows.append({"date": ts, "label": text})
        mark_df = pd.DataFrame(rows)
        layers.append(alt.Chart(mark_df).mark_rule(color="#333", strokeDash=[4, 3], aria=False).encode(x=alt.X("date:T")))
        layers.append(
            alt.Chart(mark_df).mark_text(align="right", dx=-4, fontSize=10, color="#333", baseline="bottom", aria=False).encode(x=alt.X("date:T"), y=alt.value(254), text="label:N")
        )
    caveat = t("chart.quantity.figures", lang, n=len(data), span=date_span(range_end(data, first, lang), range_end(data, last, lang), lang))
    if extra:
        caveat += " " + extra
    source = source_line("quantities", as_of=as_of_of(quantities), extra=caveat, language=lang, frame=quantities)
    return alt.layer(*layers).properties(width=width, height=260, title=titled(title, source))


#: Characters per line of a competing count's label.
_COUNT_WRAP = 56

#: How a series' ``measure_en`` names its counter ("..., counted by HRANA", "minimum count by Iran
#: Human Rights (Oslo)", "... according to Iran's first official toll (...)"): what, then who.
_COUNTER = (
    re.compile(r"^(?P<what>.+?),? counted by (?P<who>.+)$"),
    re.compile(r"^(?P<what>.+? count) by (?P<who>.+)$"),
    re.compile(r"^(?P<what>.+?) according to (?P<who>.+)$"),
)


def count_label(measure: str, date, language: str = "en") -> str:
    """A competing count's label: who counted and when first, then what is counted.

    Args:
        measure: the series' ``measure_en`` ("All deaths in ..., counted by HRANA").
        date: the date of the figure.
        language: ``"en"`` or ``"ar"`` for the date.

    Returns:
        ``"HRANA, 21 Jan 2026: All deaths in ..."``; the date first when the measure does not name
        its counter ("21 Jan 2026: <measure>").

    >>> count_label("Protesters killed, minimum count by Iran Human Rights (Oslo)", pd.Timestamp("2026-01-21"))
    'Iran Human Rights (Oslo), 21 Jan 2026: Protesters killed, minimum count'
    """
    when = format_date(pd.Timestamp(date), language)
    for pattern in _COUNTER:
        m = pattern.match(str(measure))
        if m:
            return f"{m['who']}, {when}: {m['what']}"
    return f"{when}: {measure}"


def competing_counts_chart(
    counts: pd.DataFrame, title: str, x_title: str | None = None, language: str | None = None, sources: pd.DataFrame | None = None
) -> alt.LayerChart:
    """Horizontal bars: the latest figure of each competing count, labelled with who counted.

    Args:
        counts: :func:`iranus.record.leverage.competing_counts` output (``measure_en``, ``value``,
            ``unit``, ``date``, ``estimate_kind``, ``source_id``).
        title: chart title.
        x_title: x-axis title (default ``"Count (<unit>)"``).
        language: ``"en"`` or ``"ar"`` for axes and legend (None: the default language, English);
            ``title`` and ``x_title`` are the caller's, in the same language.
        sources: the ``sources`` table, to name each figure's source in its tooltip (None: read
            through the loader, see :func:`iranus.charts._tooltips.source_names`).

    Returns:
        ``altair.LayerChart``: one bar per count, the value printed at its end, colour = how the
        figure is known; the counts are shown side by side, never added or averaged.

    Raises:
        ValueError: missing columns or an empty table.
    """
    missing = [c for c in ("measure_en", "value", "unit", "date", "estimate_kind", "source_id") if c not in counts.columns]
    if missing:
        raise ValueError(f"counts is missing column(s) {missing}; use iranus.record.leverage.competing_counts")
    if counts.empty:
        raise ValueError("no counts to plot")
    lang = language_of(language, counts)
    data = pd.DataFrame(
        {
            "count": [count_label(m, d, lang) for m, d in zip(counts["measure_en"].astype(str), counts["date"])],
            "value": counts["value"].astype("float64"),
            "kind": counts["estimate_kind"].astype(str).map(lambda k: kind_label(k, lang)),
            "source": source_names(counts["source_id"], counts, lang, sources).astype(str),
        }
    )
    unit = unit_label(str(counts["unit"].iloc[0]), lang)
    y = alt.Y(
        "count:N", title=t("chart.counts.y", lang), sort=list(data["count"]),
        # who counted and when first, the whole label over lines (never cut)
        axis=wrapped_axis(data["count"], _COUNT_WRAP, titleAngle=0, titleAlign="right", titleX=0, titleY=-10),
    )
    x = alt.X("value:Q", title=x_title or t("chart.counts.x", lang, unit=unit))
    bars = alt.Chart(data).mark_bar(height=16).encode(
        y=y, x=x, color=alt.Color("kind:N", title=t("chart.quantity.kind", lang), legend=alt.Legend(orient="bottom")),
        tooltip=[
            tip("count:N", lang, title=t("chart.counts.y", lang)),
            tip("value:Q", lang, format=",.0f", title=x_title or t("chart.counts.x", lang, unit=unit)),
            tip("kind:N", lang, title=t("chart.quantity.kind", lang)),
            tip("source:N", lang),
        ],
    )
    # the bar's tooltip reads the value: the printed number is drawn only
    text = alt.Chart(data).mark_text(align="left", dx=3, fontSize=10, aria=False).encode(y=y, x=x, text=alt.Text("value:Q", format=",.0f"))
    extra = t("chart.counts.note", lang, n=len(data))
    source = source_line("quantities", as_of=as_of_of(counts), extra=extra, language=lang, frame=counts)
    lines = sum(len(wrapped_lines(c, _COUNT_WRAP)) for c in data["count"])
    return alt.layer(bars, text).properties(width=420, height=max(28 * len(data), 14 * lines + 10 * len(data)), title=titled(title, source))


__all__ = [
    "KIND_SHAPES",
    "competing_counts_chart",
    "count_label",
    "date_label",
    "kind_label",
    "quantity_chart",
    "quantity_data",
    "range_end",
    "series_name",
    "unit_label",
]
