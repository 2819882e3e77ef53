"""Timeline explorer: the events of the dispute, filtered by dates, category and actor.

The chart is :func:`iranus.charts.timeline_chart` (one dot per event, coloured by the confidence
of the event's dating and sourcing); under it a table lists the events shown with their source
and its reliability, because a static SVG has no tooltips.

The logic is in plain functions (:func:`filter_events`, :func:`month_steps`,
:func:`explorer_chart`, :func:`events_html`); :class:`TimelineExplorer` is the ipywidgets layer.

Data: ``events``, ``event_actors``, ``actors``, ``sources`` of the iranus data package.
"""

from __future__ import annotations

import ipywidgets as w
import pandas as pd

from ..datasets.i18n import count_text, format_date, value_label
from ..datasets.dates import DateLike, known, parse_date
from ..charts import render
from ..charts.event_timeline import explorer_chart
from ..record.timeline import EVENT_COLUMNS, filter_events, month_end, month_steps
from . import _common as c
from ._common import ExplorerBox


def _when(date, precision, lang: str = "en") -> str:
    """A date as known (day, month or year) in the explorer's language: "12 Apr 2025", "١٢ أبريل 2025"."""
    if pd.isna(date):
        return ""
    precision = precision if precision in ("day", "month", "year") else "day"
    return format_date(date, lang, precision)


def events_html(filtered: pd.DataFrame, sources: pd.DataFrame, lang: str) -> str:
    """HTML table of the events shown: date (at its precision), title with its description, category,
    confidence, source (outlet and its reliability).

    ``filtered``: events rows (``EVENT_COLUMNS``; ``description_en`` shown under the title when
    present). The curators' ``notes`` column is never shown: it records their reasoning about dates
    and sources, not what happened. Returns an HTML string.
    """
    reliability = {}
    outlets = {}
    if not sources.empty:
        c.require_columns(sources, ["source_id", "outlet", "reliability"], "sources")
        outlets = dict(zip(sources["source_id"].astype(str), sources["outlet"].astype(str)))
        reliability = dict(zip(sources["source_id"].astype(str), sources["reliability"].astype(str)))
    rows = []
    for r in filtered.itertuples(index=False):
        sid = str(r.source_id)
        rel = reliability.get(sid)
        # what happened, not the curators' notes (their reasoning about dates and sources stays in the CSV)
        description = getattr(r, "description_en", None)
        rows.append(
            {
                "when": _when(r.date, r.date_precision, lang),
                "what_html": f'<span dir="ltr" lang="en">{c.esc(r.title_en)}'  # data text: English only
                + (f"<br><small>{c.esc(description)}</small>" if isinstance(description, str) and description else "")
                + "</span>",
                "category": value_label(r.category, lang),
                "confidence": value_label(r.confidence, lang),
                "source_html": f"{c.esc(outlets.get(sid, sid))}"
                + (f" <small>({c.ui('reliability', lang)}: {c.esc(value_label(rel, lang))})</small>" if rel else ""),
            }
        )
    cols = [
        ("when", c.ui("date", lang)),
        ("what_html", c.ui("event", lang)),
        ("category", c.ui("category", lang)),  # one category per event
        ("confidence", c.ui("confidence", lang)),
        ("source_html", c.ui("source", lang)),
    ]
    # a long list scrolls inside the explorer instead of pushing the rest of the lesson down
    return f'<div style="max-height:360px;overflow-y:auto">{c.html_table(rows, cols, lang)}</div>'


class TimelineExplorer(ExplorerBox):
    """The timeline explorer widget.

    Controls: ``date_range`` (SelectionRangeSlider over months), ``category_select``
    (SelectMultiple), ``all_actors`` (Checkbox) and ``actor_select`` (SelectMultiple),
    ``language_select``. After each update: ``filtered`` (DataFrame of the events shown),
    ``chart_svg`` (str), ``message`` (HTML widget; empty when all is well).
    """

    explorer_name = "Timeline explorer"

    def __init__(
        self,
        events: pd.DataFrame | None = None,
        event_actors: pd.DataFrame | None = None,
        actors: pd.DataFrame | None = None,
        sources: pd.DataFrame | None = None,
        as_of: DateLike = None,
        start: DateLike = None,
        categories: list[str] | None = None,
        language: str | None = None,
        course=None,
    ):
        ctx = c.context(course, as_of, language)
        self.as_of_cap = ctx.as_of
        self.events = c.load_table("events", events, ctx)
        c.require_columns(self.events, EVENT_COLUMNS, "events")
        self.events = self.events[known(self.events, self.as_of_cap)].reset_index(drop=True)  # given tables too
        self.event_actors = c.load_table("event_actors", event_actors, ctx)
        self.actors = c.load_table("actors", actors, ctx)
        self.sources = c.load_table("sources", sources, ctx)
        self.filtered = self.events.iloc[0:0]
        lang = ctx.language

        self._months = month_steps(self.events, self.as_of_cap)
        cats = self.events["category"]
        order = list(cats.cat.categories) if isinstance(cats.dtype, pd.CategoricalDtype) else sorted(cats.dropna().astype(str).unique())
        present = set(cats.dropna().astype(str))
        self._categories = [k for k in order if k in present]
        shown_ids = set(self.events["event_id"].astype(str))
        ea = self.event_actors
        in_events = set(ea.loc[ea["event_id"].astype(str).isin(shown_ids), "actor_id"].astype(str)) if not ea.empty else set()
        self._actor_ids = [a for a in self.actors["actor_id"].astype(str) if a in in_events]

        self.language_select = c.language_toggle(lang)
        self.date_range = w.SelectionRangeSlider(
            options=self._month_options(lang),
            continuous_update=False,
            layout=w.Layout(width="640px"),
            disabled=not self._months,
        )
        if self._months:
            first = 0
            if start is not None:
                s = parse_date(start, "start").to_period("M").to_timestamp()
                first = next((k for k, m in enumerate(self._months) if m >= s), len(self._months) - 1)
            self.date_range.index = (first, len(self._months) - 1)
        self.category_select = w.SelectMultiple(rows=min(9, max(3, len(self._categories))), layout=w.Layout(width="200px"))
        self.all_actors = w.Checkbox(value=True, indent=False, layout=w.Layout(width="auto"))
        self.actor_select = w.SelectMultiple(rows=6, layout=w.Layout(width="220px"), disabled=True)
        self.message = w.HTML()
        self.chart = render.ChartView()
        self.table = w.HTML()
        self.count = w.HTML()
        self._captions = [w.HTML(), w.HTML(), w.HTML()]
        self._set_option_labels(lang)
        self.category_select.value = tuple(k for k in (categories or self._categories) if k in self._categories)

        self.refresh = c.report_errors(self._show_message)(self._refresh)
        self.relabel = c.report_errors(self._show_message)(self._relabel)
        for ctl in (self.category_select, self.actor_select):
            ctl.observe(lambda _change: self.refresh(), names="value")
        # quiet while _refresh puts a reversed range the right way round itself (one refresh, one message)
        self._quiet_range = False
        self.date_range.observe(lambda _change: None if self._quiet_range else self.refresh(), names="value")
        self.all_actors.observe(self._toggle_all, names="value")
        self.language_select.observe(lambda _change: self.relabel(), names="value")
        controls = w.HBox(
            [
                w.VBox([self._captions[1], self.category_select]),
                w.VBox([self._captions[2], self.all_actors, self.actor_select]),
                w.VBox([self.language_select, self.count]),
            ]
        )
        super().__init__(
            [c.rtl_style(), w.HBox([self._captions[0], self.date_range]), controls, self.message, self.chart, self.table],
            layout=w.Layout(width="100%"),
        )
        self.add_class("iranus-explorer")
        self.add_class("iranus-timeline")
        self._set_captions(lang)
        c.set_direction(self, lang)
        if self.event_actors.empty:
            self.all_actors.disabled = True
        self.refresh()

    def _month_options(self, lang: str) -> list[tuple[str, pd.Timestamp]]:
        """The date slider's steps, each labelled with its month in ``lang`` ("Feb 2026", "فبراير 2026")."""
        return [(format_date(m, lang, "month"), m) for m in self._months] or [("—", pd.Timestamp("2026-02-01"))]

    def _set_option_labels(self, lang: str) -> None:
        keep_c, keep_a = self.category_select.value, self.actor_select.value
        if self._months:  # the slider's readout in the explorer's language, on the same months
            keep_range, quiet = self.date_range.index, getattr(self, "_quiet_range", False)
            self._quiet_range = True
            try:
                self.date_range.options = self._month_options(lang)
                self.date_range.index = keep_range
            finally:
                self._quiet_range = quiet
        self.category_select.options = [(value_label(k, lang), k) for k in self._categories]
        a_labels = c.label_map(self.actors, "actors", lang)
        self.actor_select.options = [(a_labels.get(a, a), a) for a in self._actor_ids]
        self.category_select.value = keep_c
        self.actor_select.value = keep_a

    def _set_captions(self, lang: str) -> None:
        self._captions[0].value = c.box(f"<b>{c.ui('dates', lang)}</b>", lang)
        self._captions[1].value = c.box(f"<b>{c.ui('categories', lang)}</b>", lang)
        self._captions[2].value = c.box(f"<b>{c.ui('actors', lang)}</b>", lang)
        self.all_actors.description = c.ui("all_actors", lang)

    def _relabel(self) -> None:
        c.set_direction(self, self.lang)
        self._set_option_labels(self.lang)
        self._set_captions(self.lang)
        self._refresh()

    def _toggle_all(self, change) -> None:
        self.actor_select.disabled = bool(change["new"])
        self.refresh()

    def selected_range(self) -> tuple[pd.Timestamp, pd.Timestamp] | None:
        """(first day, last day) of the months picked on the slider; None when there are no events."""
        if not self._months:
            return None
        lo, hi = self.date_range.value
        return pd.Timestamp(lo), month_end(hi)

    def _show_empty(self, lang: str) -> None:
        """Nothing picked: no chart, no table, a count of 0 (never the previous selection's)."""
        self.filtered = self.events.iloc[0:0]
        self.chart.clear()
        self.table.value = ""
        self.count.value = c.box(count_text(0, "ui.events_shown", lang, number="<b>0</b>"), lang)

    def _refresh(self) -> None:
        lang = self.lang
        self.message.value = ""
        note = self._order_range(lang)
        rng = self.selected_range()
        if rng is None:
            self.filtered = self.events.iloc[0:0]
            self.chart.clear()
            self.table.value = ""
            raise ValueError(c.ui("no_events", lang))
        if not self.category_select.value:
            self._show_empty(lang)
            raise ValueError(c.ui("no_category", lang))
        actors = None
        if not self.all_actors.value:
            if not self.actor_select.value:
                self._show_empty(lang)
                raise ValueError(c.ui("no_actor_timeline", lang))
            actors = list(self.actor_select.value)
        self.filtered = filter_events(
            self.events, self.event_actors, rng[0], rng[1], list(self.category_select.value), actors, self.as_of_cap
        )
        n = len(self.filtered)
        self.count.value = c.box(count_text(n, "ui.events_shown", lang, number=f"<b>{n}</b>"), lang)
        if n == 0:
            self.chart.clear()
            self.table.value = ""
            self.message.value = c.message_html(c.ui("no_event_match", lang), "warning", lang)
            return
        self.chart.show(explorer_chart(self.filtered, rng[0], rng[1], language=lang), lang)
        self.table.value = events_html(self.filtered, self.sources, lang)
        notes = [note] if note else []
        if lang != "en":  # the events' titles, descriptions and sources exist in English only: say so
            notes.append(c.ui("english_only_events", lang))
        self.message.value = "".join(c.message_html(n, "info", lang) for n in notes)

    def _order_range(self, lang: str) -> str:
        """A range set with its start after its end (``date_range.index = (5, 3)`` in code) is put
        the right way round; returns the note that says so (``""`` when nothing was swapped)."""
        if not self._months:
            return ""
        lo, hi = self.date_range.index
        if lo <= hi:
            return ""
        start, end = self._months[lo], self._months[hi]
        self._quiet_range = True
        try:
            self.date_range.index = (hi, lo)
        finally:
            self._quiet_range = False
        return c.ui("reversed_range", lang).format(start=format_date(start, lang, "month"), end=format_date(end, lang, "month"))


def timeline_explorer(as_of: DateLike = None, **kwargs) -> TimelineExplorer:
    """The timeline explorer, in one line: ``iranus.explorers.timeline_explorer(course=iranus.course())``.

    Args:
        as_of: cap the events at this date (no control can show later events).
        **kwargs: passed to :class:`TimelineExplorer` (``start``, ``categories``, ``language``,
            or DataFrames ``events``, ``event_actors``, ``actors``, ``sources``).
    """
    return c.build_or_message(TimelineExplorer, "timeline explorer", as_of=as_of, **kwargs)


__all__ = ["TimelineExplorer", "events_html", "explorer_chart", "filter_events", "month_steps", "timeline_explorer"]
