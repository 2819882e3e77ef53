"""Charts of the epilogue: what happened after the Muscat round, and where the record thins out."""

from __future__ import annotations

import altair as alt
import pandas as pd

from ..datasets.i18n import format_date, get_language, t, value_label, language_of
from ..datasets.schema import require_columns
from ._render import source_line, titled
from ._tooltips import tip


def events_by_month_data(events: pd.DataFrame, start: str | pd.Timestamp | None = None, language: str | None = None) -> pd.DataFrame:
    """Events counted by calendar month and category (the data of :func:`events_by_month_chart`).

    Args:
        events: DataFrame as returned by ``iranus.load("events")`` (columns ``date``,
            ``category``).
        start: count only events dated after this day (e.g. the course date, to see what came
            after it); None counts all.
        language: ``"en"`` or ``"ar"`` for month names and categories (None: the default language, English).

    Returns:
        Tidy DataFrame with columns ``month`` (datetime64: first day of the month), ``label``
        (string: e.g. "Mar 2026"), ``category`` (string: display label) and ``events`` (int64),
        one row per month and category that occurs, sorted by month then category.

    Raises:
        ValueError: a required column is missing, or no event is left to count.
    """
    require_columns(events, "events", ("date", "category"))
    rows = events if start is None else events[events["date"] > pd.Timestamp(start)]
    if rows.empty:
        raise ValueError("no events to count (check the start date and filters)")
    lang = language_of(language, events)
    month = rows["date"].dt.to_period("M").dt.to_timestamp()
    counts = (
        pd.DataFrame({"month": month, "category": rows["category"].astype("string")})
        .groupby(["month", "category"])
        .size()
        .rename("events")
        .reset_index()
    )
    counts["category"] = counts["category"].map(lambda v: value_label(v, lang))
    counts.insert(1, "label", counts["month"].map(lambda m: _month_label(m, lang)))
    out = counts.sort_values(["month", "category"]).reset_index(drop=True)
    return out.astype({"month": "datetime64[ns]", "label": "string", "category": "string", "events": "int64"})


def _month_label(month: pd.Timestamp, language: str = "en") -> str:
    return format_date(month, language, "month")


def events_by_month_chart(
    events: pd.DataFrame,
    start: str | pd.Timestamp | None = None,
    title: str | None = None,
    language: str | None = None,
) -> alt.Chart:
    """Stacked bars: number of recorded events per month, coloured by category.

    Args:
        events: DataFrame as returned by ``iranus.load("events")``.
        start: count only events dated after this day (e.g. the course date); None counts all.
        title: chart title (default: the catalogue's ``chart.by_month.title``).
        language: ``"en"`` or ``"ar"`` for titles, axes, legend and labels (None: the default language, English).

    Returns:
        ``altair.Chart`` (x: month; y: number of events; colour: category of event) with a source
        line that states the record's end date. Every month from the first counted one to the
        record's end has a place on the x axis, so a month with no event shows as a gap.

    Raises:
        ValueError: see :func:`events_by_month_data`.
    """
    lang = language_of(language, events)
    data = events_by_month_data(events, start, lang)
    record_end = events.attrs.get("iranus", {}).get("record_end")  # the loader's mark: the data's own end
    end = data["month"].max()
    if record_end is not None:
        end = max(end, pd.Timestamp(record_end).to_period("M").to_timestamp())
    months = [_month_label(m, lang) for m in pd.date_range(data["month"].min(), end, freq="MS")]
    after = t("chart.by_month.after", lang, date=format_date(start, lang)) if start is not None else ""
    extra = t("chart.by_month.note", lang, n=int(data["events"].sum()), after=after)
    return (
        alt.Chart(data)
        .mark_bar()
        .encode(
            x=alt.X("label:O", title=t("chart.by_month.x", lang), sort=months, scale=alt.Scale(domain=months), axis=alt.Axis(labelAngle=0)),
            y=alt.Y("events:Q", title=t("chart.by_month.y", lang), axis=alt.Axis(tickMinStep=1)),
            color=alt.Color("category:N", title=t("chart.timeline.category", lang), scale=alt.Scale(scheme="tableau10")),
            order=alt.Order("category:N", title=t("chart.timeline.category", lang)),
            tooltip=[tip("label:N", lang, title=t("chart.by_month.x", lang)), tip("category:N", lang, title=t("chart.timeline.category", lang)), tip("events:Q", lang, title=t("chart.by_month.y", lang))],
        )
        .properties(width=520, height=220, title=titled(title or t("chart.by_month.title", lang), source_line("events", extra=extra, language=lang, frame=events)))
    )


__all__ = [
    "events_by_month_chart",
    "events_by_month_data",
]
