"""Forecast board: the learner gives each scenario a probability, saves it, and is scored later.

On the board (the lesson on prospects, set on 6 February 2026) one slider per scenario of the
``scenarios`` table gives a probability in whole percent; they must add up to 100 before the
forecast can be saved. The forecast is saved to ``my_forecast.json`` in the learner's working
folder (see :mod:`iranus.explorers.forecast_file`: written safely, never half-written). The epilogue's
scorecard (:class:`ForecastScorecard`) loads it and scores it with the Brier score against
``scenario_outcomes`` (:func:`iranus.models.forecasting.score_scenario_forecast`, Brier 1950), next to
the score of an even split, the forecast of someone with no view.

Logic: :func:`even_percentages`, :func:`rescale_to_100`, :func:`check_percentages`,
:func:`forecast_table`, :func:`forecast_chart`, :func:`iranus.models.scoring.score_against_even_split`; the widgets are
thin layers over them.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
import os
from collections.abc import Mapping, Sequence

import ipywidgets as w
import pandas as pd

from ..datasets.i18n import format_date, t, value_label
from ..models.scoring import EVEN_SPLIT, even_split, score_against_even_split
from .forecast_file import DEFAULT_FILENAME, Forecast, ForecastFileError, default_path, load_forecast, save_forecast
from ..models.forecasting import ScenarioScore
from ..datasets.dates import DateLike
from ..charts import render
from ..charts.zones import forecast_chart
from . import _common as c
from ._common import ExplorerBox

SCENARIO_COLUMNS = ["scenario_id", "order", "label_en", "label_ar", "description_en", "resolves_by"]


def even_percentages(scenario_ids: Sequence[str]) -> dict[str, int]:
    """100 whole percentage points shared as evenly as possible (first ones get the remainder).

    The sliders' starting point (whole percent); :func:`iranus.models.scoring.even_split` is the same
    reference forecast as exact probabilities.

    Example: three scenarios -> ``{a: 34, b: 33, c: 33}``.

    Raises:
        ValueError: no scenarios.
    """
    ids = [str(s) for s in scenario_ids]
    if not ids:
        raise ValueError("there are no scenarios to forecast (the scenarios table is empty)")
    base, extra = divmod(100, len(ids))
    return {s: base + (1 if k < extra else 0) for k, s in enumerate(ids)}


def rescale_to_100(percentages: Mapping[str, float]) -> dict[str, int]:
    """Scale percentages so that they add up to exactly 100, keeping their proportions.

    Whole points are handed out by the largest-remainder (Hamilton) method, so the result sums to
    100 exactly; all zeros become an even split.

    Args:
        percentages: scenario id -> percentage (>= 0).

    Returns:
        scenario id -> whole percentage (int), same order, summing to 100.

    Raises:
        ValueError: empty, negative or not a number.
    """
    if not percentages:
        raise ValueError("there are no scenarios to forecast")
    values = {}
    for k, v in percentages.items():
        if isinstance(v, bool) or not isinstance(v, (int, float)) or not math.isfinite(v) or v < 0:
            raise ValueError(f"the percentage for {k!r} is {v!r}: use a number from 0 to 100")
        values[str(k)] = float(v)
    total = sum(values.values())
    if total == 0:
        return even_percentages(list(values))
    exact = {k: v * 100.0 / total for k, v in values.items()}
    floors = {k: int(math.floor(v)) for k, v in exact.items()}
    left = 100 - sum(floors.values())
    by_remainder = sorted(exact, key=lambda k: (-(exact[k] - floors[k]), list(exact).index(k)))
    for k in by_remainder[:left]:
        floors[k] += 1
    return floors


def check_percentages(percentages: Mapping[str, float], scenario_ids: Sequence[str]) -> dict[str, float]:
    """Check a learner's percentages and turn them into probabilities.

    Args:
        percentages: scenario id -> percentage (0-100).
        scenario_ids: the scenarios the forecast must cover, exactly.

    Returns:
        scenario id -> probability (float, 0-1), in ``scenario_ids`` order.

    Raises:
        ValueError: a scenario missing or unknown; a value outside 0-100; or a total other than
            100 (the message says how many points to add or take away).
    """
    ids = [str(s) for s in scenario_ids]
    missing = [s for s in ids if s not in percentages]
    unknown = [s for s in percentages if s not in ids]
    if missing or unknown:
        raise ValueError(f"the forecast must give every scenario a percentage: missing {missing}, unknown {unknown}")
    for s in ids:
        v = percentages[s]
        if isinstance(v, bool) or not isinstance(v, (int, float)) or not 0 <= v <= 100:
            raise ValueError(f"the percentage for {s!r} is {v!r}: use a number from 0 to 100")
    total = sum(float(percentages[s]) for s in ids)
    if abs(total - 100) > 1e-6:
        gap = 100 - total
        what = f"add {gap:g} points" if gap > 0 else f"take away {-gap:g} points"
        raise ValueError(
            f"Your probabilities add up to {total:g}%, not 100%: {what} "
            "(or press 'Make it add up to 100'). Nothing was saved."
        )
    return {s: float(percentages[s]) / 100.0 for s in ids}


def _scenarios_in_order(scenarios: pd.DataFrame) -> pd.DataFrame:
    c.require_columns(scenarios, SCENARIO_COLUMNS, "scenarios")
    return scenarios.sort_values(["order", "scenario_id"]).reset_index(drop=True)


def forecast_table(percentages: Mapping[str, float], scenarios: pd.DataFrame, lang: str = "en") -> pd.DataFrame:
    """The forecast as a tidy table for a chart.

    Args:
        percentages: scenario id -> percentage (0-100).
        scenarios: DataFrame as ``iranus.load("scenarios")`` returns it.
        lang: "en" or "ar" for the labels.

    Returns:
        DataFrame with columns ``scenario_id`` (string), ``scenario`` (string label), ``order``
        (Int64) and ``percent`` (float64; 0 for a scenario without a value), in display order;
        ``attrs["iranus"]`` copied from ``scenarios`` (its data folder).
    """
    table = _scenarios_in_order(scenarios)
    labels = c.label_map(table, "scenarios", lang)
    ids = table["scenario_id"].astype(str)
    out = pd.DataFrame(
        {
            "scenario_id": ids.astype("string"),
            "scenario": ids.map(labels).astype("string"),
            "order": table["order"].astype("Int64"),
            "percent": [float(percentages.get(s, 0.0)) for s in ids],
        }
    )
    out.attrs["iranus"] = dict(scenarios.attrs.get("iranus", {}))  # the data folder, for the chart's source line
    return out


class ForecastBoard(ExplorerBox):
    """The forecast board widget: one slider per scenario, a running total, Save and Load.

    Attributes: ``sliders`` (dict scenario id -> IntSlider), ``save_button``,
    ``load_button``, ``even_button`` ("Make it add up to 100"), ``message`` (HTML),
    ``chart_svg`` (str), ``path`` (Path of the forecast file).
    """

    explorer_name = "Forecast board"

    def __init__(
        self,
        scenarios: pd.DataFrame | None = None,
        path: str | os.PathLike | None = None,
        as_of: DateLike = None,
        language: str | None = None,
        course=None,
    ):
        ctx = c.context(course, as_of, language)
        self.scenarios = _scenarios_in_order(c.load_table("scenarios", scenarios, ctx))
        self.scenario_ids = list(self.scenarios["scenario_id"].astype(str))
        self.path = default_path() if path is None else path
        cut = ctx.as_of
        self.as_of = f"{cut:%Y-%m-%d}" if cut is not None else None
        lang = ctx.language
        self.language_select = c.language_toggle(lang)
        self.sliders = {
            s: w.IntSlider(min=0, max=100, step=1, continuous_update=False, layout=w.Layout(width="320px"), readout_format="d")
            for s in self.scenario_ids
        }
        self._labels = {s: w.HTML(layout=w.Layout(width="300px")) for s in self.scenario_ids}
        self.total = w.HTML()
        self.even_button = w.Button(layout=w.Layout(width="auto"))
        self.save_button = w.Button(button_style="primary", icon="save", layout=w.Layout(width="auto"))
        self.load_button = w.Button(icon="folder-open", layout=w.Layout(width="auto"))
        self.file_note = w.HTML()
        self.message = w.HTML()
        self.chart = render.ChartView()

        report = c.report_errors(self._show_message)
        self.refresh = report(self._refresh)
        self.save = report(self._save)
        self.load = report(self._load)
        self.make_100 = report(self._make_100)
        self.relabel = report(self._relabel)
        self._quiet = False
        for s in self.scenario_ids:
            self.sliders[s].observe(lambda _c: None if self._quiet else self.refresh(), names="value")
        self.save_button.on_click(lambda _b: self.save())
        self.load_button.on_click(lambda _b: self.load())
        self.even_button.on_click(lambda _b: self.make_100())
        self.language_select.observe(lambda _c: self.relabel(), names="value")

        rows = [w.HBox([self._labels[s], self.sliders[s]]) for s in self.scenario_ids]
        super().__init__(
            [
                c.rtl_style(),
                self.language_select,
                *rows,
                self.total,
                w.HBox([self.even_button, self.save_button, self.load_button]),
                self.file_note,
                self.message,
                self.chart,
            ],
            layout=w.Layout(width="100%"),
        )
        self.add_class("iranus-explorer")
        self.add_class("iranus-forecast")
        self._start()

    def _start(self) -> None:
        if not self.scenario_ids:
            self.message.value = c.message_html(c.ui("no_scenarios", self.lang), "error", self.lang)
            return
        self._set_values(even_percentages(self.scenario_ids))
        self._relabel()
        try:
            saved = load_forecast(self.path, self.scenario_ids)
        except ForecastFileError as exc:
            if exc.path is not None and exc.path.exists():
                self.message.value = c.message_html(c.ui("even_start", self.lang).format(error=exc), "warning", self.lang)
            return
        self._set_values(rescale_to_100(saved.percentages()))
        self._refresh()
        self.message.value = c.message_html(
            c.ui("loaded_forecast", self.lang).format(path=saved.path, saved_at=saved_when(saved.saved_at, self.lang)), "info", self.lang
        )

    def _set_values(self, values: Mapping[str, int]) -> None:
        self._quiet = True
        try:
            for s, v in values.items():
                self.sliders[s].value = int(v)
        finally:
            self._quiet = False

    def percentages(self) -> dict[str, int]:
        """The sliders' values: scenario id -> whole percent."""
        return {s: int(self.sliders[s].value) for s in self.scenario_ids}

    def _relabel(self) -> None:
        lang = self.lang
        c.set_direction(self, lang)
        labels = c.label_map(self.scenarios, "scenarios", lang)
        # the definition in the learner's language: description_ar when the course is Arabic and the table has it
        arabic = lang == "ar" and "description_ar" in self.scenarios.columns
        desc = dict(zip(self.scenario_ids, self.scenarios["description_ar" if arabic else "description_en"].astype(str)))
        desc_dir = 'dir="rtl" lang="ar"' if arabic else 'dir="ltr" lang="en"'
        resolves = dict(zip(self.scenario_ids, self.scenarios["resolves_by"]))
        for s in self.scenario_ids:
            by = format_date(resolves[s], lang) if pd.notna(resolves[s]) else ""
            judged = c.ui("judged_by", lang).format(date=by) if by else ""
            self._labels[s].value = c.box(  # the full definition folds away: the labels stay readable
                f"<b>{c.esc(labels.get(s, s))}</b>"
                f'<details><summary><small>{c.ui("what_counts", lang)}</small></summary>'
                f'<small {desc_dir}>{c.esc(desc[s])}</small><small>{c.esc(judged)}</small></details>',
                lang,
            )
        self.even_button.description = c.ui("make_100", lang)
        self.save_button.description = c.ui("save", lang)
        self.load_button.description = c.ui("load", lang)
        self.file_note.value = c.box(f"<small>{c.ui('file', lang)}: <code>{c.esc(self.path)}</code></small>", lang)
        self._refresh()

    def _refresh(self) -> None:
        lang = self.lang
        pct = self.percentages()
        total = sum(pct.values())
        ok = total == 100
        colour = "#2e7d32" if ok else "#c0392b"
        hint = "" if ok else c.ui("needs_100", lang)
        self.total.value = c.box(
            f'<span style="color:{colour};font-weight:bold">{c.ui("total", lang)}: {total}%{hint}</span>', lang
        )
        # a message answers the last button pressed: once the sliders move it is out of date
        # (an error such as "adds up to 120%, nothing saved" must not sit beside "Total: 100%")
        stale = "iranus-error" in self.message.value or (not ok and "iranus-ok" in self.message.value)
        if self.message.value and stale:
            self.message.value = ""
        self.chart.show(forecast_chart(forecast_table(pct, self.scenarios, lang), language=lang), lang)

    def _make_100(self) -> None:
        self._set_values(rescale_to_100(self.percentages()))
        self.message.value = ""
        self._refresh()

    def _save(self) -> None:
        probs = check_percentages(self.percentages(), self.scenario_ids)
        done = save_forecast(probs, self.path, as_of=self.as_of, scenario_ids=self.scenario_ids)
        note = c.ui("old_file_kept", self.lang).format(backup=done.backup) if done.backup else ""
        self.message.value = c.message_html(c.ui("saved_forecast", self.lang).format(path=done.path, note=note), "ok", self.lang)

    def _load(self) -> None:
        saved = load_forecast(self.path, self.scenario_ids)
        self._set_values(rescale_to_100(saved.percentages()))
        self._refresh()
        self.message.value = c.message_html(
            c.ui("loaded_forecast", self.lang).format(path=saved.path, saved_at=saved_when(saved.saved_at, self.lang)), "info", self.lang
        )


def forecast_board(as_of: DateLike = None, path: str | os.PathLike | None = None, **kwargs) -> ForecastBoard:
    """The forecast board, in one line: ``iranus.explorers.forecast_board(course=iranus.course())``.

    Args:
        as_of: the date the learner forecasts from (stored in the file).
        path: the forecast file; ``my_forecast.json`` in the notebook's folder when None.
        **kwargs: passed to :class:`ForecastBoard` (``language``, or a ``scenarios`` DataFrame).
    """
    return c.build_or_message(ForecastBoard, "forecast board", as_of=as_of, path=path, **kwargs)


@dataclass(frozen=True)
class ForecastToScore:
    """The forecast the epilogue scores.

    Attributes:
        name: ``"your saved forecast"`` or :data:`EVEN_SPLIT`.
        probabilities: scenario id -> probability (0-1, summing to 1), in scenario order.
        saved: True when read from the learner's file.
        note: one sentence saying where the forecast comes from (no file paths).
        as_of: the date the learner forecast from, as saved (None for the example).
    """

    name: str
    probabilities: dict[str, float]
    saved: bool
    note: str
    as_of: str | None = None


def saved_or_example_forecast(scenarios: pd.DataFrame, path: str | os.PathLike | None = None) -> ForecastToScore:
    """The learner's saved forecast if it can be read, else the even split, with a note saying which.

    Never raises for a missing or damaged file (that is the normal case on a fresh copy of the
    course): the note then says what was found and how to save a forecast.

    Args:
        scenarios: DataFrame as returned by ``iranus.load("scenarios")``.
        path: the forecast file; ``my_forecast.json`` in the current folder (the notebook's
            folder in Jupyter) when None.

    Returns:
        :class:`ForecastToScore`.

    Raises:
        ValueError: the scenarios table is missing columns or empty.
    """
    ids = list(even_split(scenarios))
    name = os.path.basename(os.fspath(path)) if path is not None else DEFAULT_FILENAME
    try:
        saved = load_forecast(path, ids)
    except ForecastFileError as exc:
        missing = exc.path is not None and not exc.path.exists()
        why = (
            f"No saved forecast was found ({name} next to this notebook)."
            if missing
            else f"The saved forecast ({name}) could not be used: it is damaged or does not match the scenarios."
        )
        return ForecastToScore(
            EVEN_SPLIT,
            even_split(scenarios),
            False,
            why + " Scoring the even split instead, as an example; save your own forecast on the forecast board "
            "of lesson 05 and run this cell again.",
        )
    when = f" from {saved.as_of}" if saved.as_of else ""
    return ForecastToScore(
        "your saved forecast",
        {s: saved.probabilities[s] for s in ids},
        True,
        f"Scoring your saved forecast{when} ({name}).",
        saved.as_of,
    )


class ForecastScorecard(ExplorerBox):
    """The epilogue's scorecard: load the saved forecast, show what happened, score it.

    Attributes: ``forecast`` (:class:`iranus.explorers.forecast_file.Forecast` or None), ``score`` and
    ``even_score`` (:class:`iranus.models.forecasting.ScenarioScore` or None), ``reload_button``,
    ``message`` (HTML), ``chart_svg`` (str).
    """

    explorer_name = "Forecast scorecard"

    def __init__(
        self,
        scenarios: pd.DataFrame | None = None,
        outcomes: pd.DataFrame | None = None,
        sources: pd.DataFrame | None = None,
        path: str | os.PathLike | None = None,
        language: str | None = None,
        course=None,
    ):
        ctx = c.context(course, None, language).whole_record()  # scored against the whole record
        self.scenarios = _scenarios_in_order(c.load_table("scenarios", scenarios, ctx))
        self.outcomes = c.load_table("scenario_outcomes", outcomes, ctx)
        self.sources = c.load_table("sources", sources, ctx)
        self.path = default_path() if path is None else path
        self.forecast: Forecast | None = None
        self.score: ScenarioScore | None = None
        self.even_score: ScenarioScore | None = None
        self.language_select = c.language_toggle(ctx.language)
        self.reload_button = w.Button(icon="refresh", layout=w.Layout(width="auto"))
        self.message = w.HTML()
        self.summary = w.HTML()
        self.chart = render.ChartView()
        self.table = w.HTML()
        report = c.report_errors(self._show_message)
        self.refresh = report(self._refresh)
        self.reload_button.on_click(lambda _b: self.refresh())
        self.language_select.observe(lambda _c: self.refresh(), names="value")
        super().__init__(
            [c.rtl_style(), w.HBox([self.language_select, self.reload_button]), self.message, self.summary, self.chart, self.table],
            layout=w.Layout(width="100%"),
        )
        self.add_class("iranus-explorer")
        self.add_class("iranus-scorecard")
        self.refresh()

    def _refresh(self) -> None:
        lang = self.lang
        c.set_direction(self, lang)
        self.reload_button.description = c.ui("load_again", lang)
        self.message.value = ""
        self.summary.value = self.table.value = ""
        self.chart.clear()
        self.forecast = self.score = self.even_score = None
        ids = list(self.scenarios["scenario_id"].astype(str))
        try:
            self.forecast = load_forecast(self.path, ids)
        except ForecastFileError as exc:
            if exc.path is not None and not exc.path.exists():  # the usual case, in the explorer's language
                raise ValueError(c.ui("no_saved_forecast", lang).format(path=exc.path)) from None
            raise
        self.score, self.even_score = score_against_even_split(self.forecast.probabilities, self.scenarios, self.outcomes)
        occurred = dict(zip(self.score.table["scenario_id"].astype(str), self.score.table["occurred"].astype(bool)))
        chart = forecast_chart(
            forecast_table(self.forecast.percentages(), self.scenarios, lang),
            t("chart.forecast.title_scored", lang),
            occurred,
            language=lang,
        )
        self.chart.show(chart, lang)
        labels = c.label_map(self.scenarios, "scenarios", lang)
        happened = self.score.occurred
        row = self.outcomes[self.outcomes["scenario_id"].astype(str) == happened].iloc[0]
        src = self.sources[self.sources["source_id"].astype(str) == str(row["source_id"])]
        where = (
            f"{src.iloc[0]['outlet']}, {c.ui('reliability', lang)}: {value_label(src.iloc[0]['reliability'], lang)}"
            if len(src)
            else str(row["source_id"])
        )
        mine, even = self.score.brier_multicategory, self.even_score.brier_multicategory
        better = c.ui("better_than" if mine < even else ("same_as" if mine == even else "worse_than"), lang)
        when = c.ui("score_from", lang).format(date=self.forecast.as_of) if self.forecast.as_of else ""
        gave = c.ui("score_gave", lang).format(
            when=when,
            saved_at=saved_when(self.forecast.saved_at, lang),
            percent=f"{self.forecast.percentages()[happened]:.0f}",
            scenario=labels.get(happened, happened),
        )
        brier = c.ui("score_brier", lang).format(mine=f"{mine:.3f}", n=len(ids), even=f"{even:.3f}", better=better)
        self.summary.value = (
            c.message_html(gave, "info", lang)
            + c.message_html(brier, "ok" if mine < even else "warning", lang)
            + c.box(
                "<small>"
                + c.esc(c.ui("score_happened", lang).format(
                    date=format_date(row.date, lang), where=where, confidence=value_label(row.confidence, lang)
                ))
                + f' <span dir="ltr" lang="en">{c.esc(row.note_en)}</span></small>',
                lang,
            )
        )
        rows = [
            {
                "scenario": labels.get(r.scenario_id, r.scenario_id),
                "p": f"{r.probability * 100:.0f}%",
                "occurred": t("display.yes" if bool(r.occurred) else "display.no", lang),
                "se": f"{r.squared_error:.3f}",
            }
            for r in self.score.table.itertuples()
        ]
        self.table.value = c.html_table(
            rows, [(key, c.ui(f"score_col_{key}", lang)) for key in ("scenario", "p", "occurred", "se")], lang
        )


def saved_when(saved_at, lang: str) -> str:
    """When a forecast was saved, as a reader reads it: "5 Dec 2026 at 07:13 UTC" (not an ISO
    timestamp); the text as it is when it is not a date."""
    try:
        when = pd.Timestamp(saved_at)
    except (TypeError, ValueError):
        return str(saved_at)
    if pd.isna(when):
        return ""
    if when.tzinfo is not None:
        when = when.tz_convert("UTC")
    return c.ui("saved_on", lang).format(date=format_date(when.tz_localize(None).normalize(), lang), time=f"{when:%H:%M}")


def forecast_scorecard(path: str | os.PathLike | None = None, **kwargs) -> ForecastScorecard:
    """The epilogue's scorecard, in one line: ``iranus.explorers.forecast_scorecard()``.

    Loads ``my_forecast.json`` from the notebook's folder (or ``path``); a missing or damaged
    file shows a message saying what to do, and the file is left as it is.

    Args:
        path: the forecast file; ``my_forecast.json`` in the notebook's folder when None.
        **kwargs: passed to :class:`ForecastScorecard` (``language``, or DataFrames
            ``scenarios``, ``outcomes``, ``sources``).
    """
    return c.build_or_message(ForecastScorecard, "forecast scorecard", path=path, **kwargs)


__all__ = [
    "ForecastToScore",
    "saved_or_example_forecast",
    "ForecastBoard",
    "ForecastScorecard",
    "SCENARIO_COLUMNS",
    "check_percentages",
    "even_percentages",
    "forecast_board",
    "forecast_chart",
    "forecast_scorecard",
    "forecast_table",
    "rescale_to_100",
]
