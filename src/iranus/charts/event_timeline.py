"""The timeline of events as an altair chart."""

from __future__ import annotations

import altair as alt
import pandas as pd

from ..datasets.dates import COURSE_DATE
from ..datasets.i18n import format_date, get_language, t, value_label, language_of
from ._dated import as_of_of
from ..datasets.schema import require_columns
from ..datasets.dates import DateLike, parse_date
from ._render import date_span, source_line, titled
from ._tooltips import spoken, tip, tips

CONFIDENCE_COLOURS = {"high": "#1b6ca8", "medium": "#f0a202", "low": "#c0392b"}


def date_axis(long_span: bool, language: str, step: int = 1) -> alt.Axis:
    """A date axis with one tick per year (``long_span``) or per month, labelled in ``language``.

    One tick per period, so that a month-only label never repeats (weekly ticks printed as
    "Jan 2026" twelve times); Arabic month names come from the catalogue (Vega's own time format
    writes English month names).

    A screen reader hears a yearly axis as Vega describes it ("... values from 2015 to 2026").
    A monthly axis is not read aloud (``aria=False``): Vega describes it in English whatever the
    chart's language, to the second when the labels are Arabic ("from Sunday, 01 June 2025,
    12:00:00 AM to ..."), and a single month as "February 2026 to February 2026"; its own
    ``description`` is ignored by the Vega that renders it (vega/vega-lite#9432). Each dot
    says its date in the chart's language and the subtitle the span of the events.
    """
    if long_span:
        return alt.Axis(format="%Y", labelAngle=0, labelOverlap=True, tickCount={"interval": "year", "step": step})
    if language == "en":
        return alt.Axis(format="%b %Y", labelAngle=0, labelOverlap=True, tickCount={"interval": "month", "step": step}, aria=False)
    months = ", ".join(repr(t(f"month.{m}", language)) for m in range(1, 13))
    return alt.Axis(
        labelAngle=0,
        labelOverlap=True,
        tickCount={"interval": "month", "step": step},
        labelExpr=f"[{months}][month(datum.value)] + ' ' + year(datum.value)",
        aria=False,
    )


def first_tick(date, long_span: bool, step: int = 1) -> pd.Timestamp:
    """Where a date axis should start so that the first period of the data gets its tick.

    An axis that starts at the first data point (May 2018) puts its first yearly tick at the next
    1 January (2019): the first year of the data has no label. Starting the scale at the start of
    the data's first year (or month, on a monthly axis), on a multiple of ``step`` as Vega places
    its ticks, gives that year (month) its tick.

    Args:
        date: the first date of the data (or of the range shown).
        long_span: one tick per year (True) or per month (False), as :func:`date_axis`.
        step: years (months) between ticks, as :func:`date_axis`.

    Returns:
        ``pd.Timestamp``: 1 January of the first year (1st of the first month), moved back to a
        multiple of ``step``.

    >>> first_tick("2018-05-08", True), first_tick("2016-01-15", True, 2), first_tick("2025-11-20", False, 3)
    (Timestamp('2018-01-01 00:00:00'), Timestamp('2016-01-01 00:00:00'), Timestamp('2025-10-01 00:00:00'))
    """
    day = pd.Timestamp(date)
    step = max(1, int(step))
    if long_span:
        return pd.Timestamp(year=day.year - day.year % step, month=1, day=1)
    month0 = day.month - 1
    return pd.Timestamp(year=day.year, month=month0 - month0 % step + 1, day=1)


def axis_start(date, long_span: bool, step: int = 1) -> alt.DateTime:
    """:func:`first_tick` as a Vega-Lite date (for ``alt.Scale(domainMin=...)``)."""
    day = first_tick(date, long_span, step)
    return alt.DateTime(year=day.year, month=day.month, date=1)


def timeline_data(events: pd.DataFrame, language: str | None = None) -> pd.DataFrame:
    """The rows a timeline chart plots, with display labels in the chosen language.

    Args:
        events: DataFrame as returned by ``iranus.load("events")`` (columns ``event_id``,
            ``date`` datetime64, ``category``, ``title_en``, ``confidence`` ...).

    Returns:
        DataFrame with columns ``date`` (datetime64), ``date_precision`` (``"day"``, ``"month"``
        or ``"year"``; ``"day"`` when the table has no such column), ``when`` (string: the date
        in ``language``, only as precisely as it is known), ``title`` (string), ``category``
        (string: display label), ``confidence`` (string), ``event_id`` (string), sorted by date.

    Raises:
        ValueError: if a required column is missing (names it).
    """
    require_columns(events, "events", ["event_id", "date", "category", "title_en", "confidence"])
    lang = language_of(language, events)
    precision = events["date_precision"].astype(str) if "date_precision" in events.columns else pd.Series("day", index=events.index)
    out = pd.DataFrame(
        {
            "date": events["date"],
            "date_precision": precision,
            "when": [format_date(d, lang, p) for d, p in zip(events["date"], precision)],
            "title": events["title_en"].astype("string"),
            "category": events["category"].astype("string").map(lambda v: value_label(v, lang)),
            "confidence": events["confidence"].astype("string").map(lambda v: value_label(v, lang)),
            "event_id": events["event_id"].astype("string"),
        }
    )
    return out.sort_values(["date", "event_id"]).reset_index(drop=True)


def _end(data: pd.DataFrame, date: pd.Timestamp, language: str) -> str:
    """One end of the timeline's date range, written as precisely as the events of that date are known."""
    same = data.loc[data["date"] == date, "date_precision"].astype(str)
    coarsest = "year" if (same == "year").any() else "month" if (same == "month").any() else "day"
    return format_date(date, language, coarsest)


def timeline_chart(
    events: pd.DataFrame,
    title: str | None = None,
    width: int = 640,
    mark_course_date: bool = True,
    language: str | None = None,
) -> alt.Chart:
    """A dot timeline: one dot per event, by category (rows) and date, coloured by confidence.

    Args:
        events: DataFrame as returned by ``iranus.load("events", as_of=...)``; cut it first to
            keep later events out.
        title: chart title (default: the catalogue's ``chart.timeline.title``).
        width: width in pixels.
        mark_course_date: draw a rule at 6 February 2026 (the Muscat round) when it is in range.
        language: ``"en"`` or ``"ar"``: titles, axes, legend and labels (None: the default language, English).

    Returns:
        An ``altair.LayerChart`` (x: date; y: event category; colour: confidence of the event),
        with a source line. Hovering shows each event's title in an interactive renderer.

    Raises:
        ValueError: missing columns (see :func:`timeline_data`) or no events to plot.
    """
    lang = language_of(language, events)
    data = timeline_data(events, lang)
    if data.empty:
        raise ValueError("no events to plot (check the as_of date and filters)")
    first, last = data["date"].min(), data["date"].max()
    long_span = (last - first).days > 4 * 365
    x_title = t("chart.timeline.date_year" if long_span else "chart.timeline.date_month", lang)
    axis = date_axis(long_span, lang)
    # each dot is read as its tooltip reads (the date as the lessons write it, in the chart's
    # language), not by its encodings (Vega writes a date "Jun 12, 2025" whatever the language)
    title_of = {"category": t("chart.timeline.category", lang), "confidence": t("chart.confidence", lang)}
    data["about"] = spoken(
        data, [("when", t("chart.tip.when", lang)), ("title", t("chart.tip.title", lang)), ("category", title_of["category"]), ("confidence", title_of["confidence"])]
    )
    base = alt.Chart(data).encode(
        x=alt.X(
            "date:T",
            title=x_title,
            axis=axis,
            scale=alt.Scale(domainMin=axis_start(first, long_span)),  # the first year (month) gets its tick
        ),
        y=alt.Y("category:N", title=t("chart.timeline.category", lang), sort=sorted(data["category"].unique())),
    )
    dots = base.mark_circle(size=70, opacity=0.8).encode(
        color=alt.Color(
            "confidence:N",
            title=t("chart.confidence", lang),
            scale=alt.Scale(
                domain=[value_label(level, lang) for level in CONFIDENCE_COLOURS],
                range=list(CONFIDENCE_COLOURS.values()),
            ),
        ),
        tooltip=[*tips(lang, "when:N", "title:N"), tip("category:N", lang, title=title_of["category"]), tip("confidence:N", lang, title=title_of["confidence"])],
        description=alt.Description("about:N"),
    )
    layers = [dots]
    cd = COURSE_DATE
    if mark_course_date and first <= cd <= last:
        rule = alt.Chart(pd.DataFrame({"date": [cd], "label": [t("chart.timeline.muscat", lang)]}))
        # the rule is drawn, its label read (a screen reader hears the date in the label's words)
        layers.append(rule.mark_rule(color="#333", strokeDash=[4, 3], aria=False).encode(x=alt.X("date:T")))
        layers.append(
            rule.mark_text(align="right", dx=-4, dy=-4, fontSize=10, color="#333", aria=False).encode(
                x=alt.X("date:T"), y=alt.YValue(0), text=alt.Text("label:N")
            )
        )
    key = "chart.timeline.one_event" if len(data) == 1 else "chart.timeline.events"
    extra = t(key, lang, n=len(data), span=date_span(_end(data, first, lang), _end(data, last, lang), lang))
    return alt.layer(*layers).properties(
        width=width, height=220, title=titled(title or t("chart.timeline.title", lang), source_line("events", as_of=as_of_of(events), extra=extra, language=lang, frame=events))
    )


def explorer_chart(
    filtered: pd.DataFrame,
    start: DateLike = None,
    end: DateLike = None,
    title: str | None = None,
    language: str | None = None,
) -> alt.LayerChart:
    """:func:`iranus.charts.timeline_chart` of the filtered events, drawn over the picked date range.

    The date axis spans ``start`` to ``end`` (the slider's range, so moving the slider moves the
    axis even when the same events remain) and shows months ("Feb 2026") for ranges under two
    years, years otherwise.

    Args:
        filtered: events as :func:`filter_events` returns them.
        start, end: ends of the axis; the first and last event when None.
        title: chart title (default: the catalogue's ``chart.timeline.title``).
        language: ``"en"`` or ``"ar"`` for titles, axes and legend (None: the default language, English).

    Returns:
        The ``altair.LayerChart`` of :func:`iranus.charts.timeline_chart` with its date axis set.

    Raises:
        ValueError: no events to plot.
    """
    lang = language_of(language, filtered)
    chart = timeline_chart(filtered, title=title, width=640, language=lang)
    lo = parse_date(start, "start") if start is not None else filtered["date"].min()
    hi = parse_date(end, "end") if end is not None else filtered["date"].max()
    days = (hi - lo).days
    short = days < 730
    # one tick per month (or every few months) within two years, one per year (or few) beyond
    step = max(1, days // 240) if short else max(1, days // 3650)
    x_title = t("chart.timeline.date_month" if short else "chart.timeline.date_year", lang)
    x = alt.X(
        "date:T",
        title=x_title,
        axis=date_axis(not short, lang, step),
        # from the start of the first period shown, so that it gets its tick
        scale=alt.Scale(domain=[first_tick(lo, not short, step).strftime("%Y-%m-%d"), hi.strftime("%Y-%m-%d")]),
    )
    chart.layer[0] = chart.layer[0].encode(x=x)
    return chart


__all__ = [
    "axis_start",
    "first_tick",
    "explorer_chart",
    "CONFIDENCE_COLOURS",
    "timeline_chart",
    "timeline_data",
]
