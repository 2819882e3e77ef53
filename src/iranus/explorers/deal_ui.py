"""Deal builder: pick one option per agenda issue and see who would accept the package.

The learner builds a package (one option for every issue of the course's deal space) and sees,
for each party, its score against its BATNA (reservation value), whether the package lies in the
zone of possible agreement (ZOPA), and how far it is from the Nash bargaining solution. BATNAs
are adjustable, and the US side can be made to need Israel's acceptance (Putnam's two-level
game). All numbers come from :mod:`iranus.models.bargaining` (Raiffa's additive scoring; Nash 1950),
on the course's teaching codings (``data/deal_*.csv``): a model, not a fact.

Logic: :func:`evaluate_package`, :func:`deal_chart_data`, :func:`deal_chart`;
:class:`DealBuilder` is the thin ipywidgets layer.
"""

from __future__ import annotations

from collections.abc import Mapping

import ipywidgets as w
import pandas as pd

from ..models import bargaining as bg
from ..datasets.i18n import t
from ..datasets.dates import COURSE_DATE, DateLike
from ..charts import render
from ..display import role_label
from ..models.prospects import (
    NOT_AT_TABLE,
    DealEvaluation,
    evaluate_package,
    middle_package,
    option_label,
    score_range,
    two_level_constraints,
)
from ..charts.zones import KIND_STYLE, deal_chart, deal_chart_data
from . import _common as c
from ._common import ExplorerBox

TABLE_PARTIES = bg.TABLE_PARTIES


class DealBuilder(ExplorerBox):
    """The deal builder widget.

    Controls: ``option_selects`` (dict issue id -> Dropdown), ``batna_sliders`` (dict party
    -> FloatSlider), ``two_level`` (Checkbox: the US needs Israel's acceptance; shown only when
    the space scores Israel), ``nash_button`` ("Show the Nash package"), ``reset_button``.
    After each update: ``space`` (the DealSpace with the learner's BATNAs), ``evaluation``
    (:class:`DealEvaluation`), ``chart_svg`` (str).
    """

    explorer_name = "Deal builder"

    def __init__(
        self,
        space: bg.DealSpace | None = None,
        as_of: DateLike = None,
        package: Mapping[str, str] | None = None,
        actors: pd.DataFrame | None = None,
        issues: pd.DataFrame | None = None,
        language: str | None = None,
        course=None,
    ):
        ctx = c.context(course, as_of, language)
        if course is None and as_of is None:
            ctx = ctx.replace(as_of=COURSE_DATE)  # codings of the course date unless told otherwise
        self.base_space = space if space is not None else ctx.deal_space()
        self.space = self.base_space
        self.actors = c.load_table("actors", actors, ctx)
        self.issues = c.load_table("issues", issues, ctx)
        self.evaluation: DealEvaluation | None = None
        lang = ctx.language
        start = dict(package) if package is not None else middle_package(self.base_space)
        self.base_space.codes(start)  # an invalid starting package fails here, naming the issue

        self.language_select = c.language_toggle(lang)
        self.option_selects = {
            issue: w.Dropdown(
                options=[(option_label(o, self.base_space, lang), o) for o in opts],
                value=start[issue],
                layout=w.Layout(width="320px"),
            )
            for issue, opts in zip(self.base_space.issues, self.base_space.options)
        }
        self._issue_captions = {issue: w.HTML(layout=w.Layout(width="260px")) for issue in self.base_space.issues}
        self.batna_sliders = {}
        for p in self.base_space.parties:
            lo, hi = score_range(self.base_space, p)
            self.batna_sliders[p] = w.FloatSlider(
                value=self.base_space.batnas[p], min=lo, max=hi, step=1.0, continuous_update=False,
                readout_format=".0f", layout=w.Layout(width="420px"), style={"description_width": "160px"},
            )
        self.two_level = w.Checkbox(value=False, indent=False, layout=w.Layout(width="auto"))
        self.two_level.layout.display = None if "israel" in self.base_space.parties else "none"
        self.nash_button = w.Button(layout=w.Layout(width="auto"))
        self.reset_button = w.Button(layout=w.Layout(width="auto"))
        self.verdict = w.HTML()
        self.table = w.HTML(layout=w.Layout(width="100%", overflow="auto"))
        self.message = w.HTML()
        self.chart = render.ChartView()
        self._quiet = False

        report = c.report_errors(self._show_message)
        self.refresh = report(self._refresh)
        self.show_nash = report(self._show_nash)
        self.reset_batnas = report(self._reset_batnas)
        self.relabel = report(self._relabel)
        for ctl in [*self.option_selects.values(), *self.batna_sliders.values(), self.two_level]:
            ctl.observe(lambda _c: None if self._quiet else self.refresh(), names="value")
        self.nash_button.on_click(lambda _b: self.show_nash())
        self.reset_button.on_click(lambda _b: self.reset_batnas())
        self.language_select.observe(lambda _c: self.relabel(), names="value")

        issue_rows = [w.HBox([self._issue_captions[i], self.option_selects[i]]) for i in self.base_space.issues]
        super().__init__(
            [
                c.rtl_style(),
                self.language_select,
                w.HBox(
                    [
                        w.VBox(issue_rows),
                        w.VBox([*self.batna_sliders.values(), self.two_level, w.HBox([self.nash_button, self.reset_button])]),
                    ]
                ),
                self.message,
                self.verdict,
                self.chart,
                self.table,  # below the chart, the full width: no column is cut
            ],
            layout=w.Layout(width="100%"),
        )
        self.add_class("iranus-explorer")
        self.add_class("iranus-deal")
        self.relabel()

    def _labels(self) -> dict[str, str]:
        return c.label_map(self.actors, "actors", self.lang)

    def _relabel(self) -> None:
        lang = self.lang
        c.set_direction(self, lang)
        issue_labels = c.label_map(self.issues, "issues", lang)
        for issue, cap in self._issue_captions.items():
            cap.value = c.box(f"<b>{c.esc(issue_labels.get(issue, issue))}</b>", lang)
        actor_labels = self._labels()
        for p, s in self.batna_sliders.items():
            s.description = f"{c.ui('batna', lang)}: {actor_labels.get(p, p)}"
        self.two_level.description = c.ui("two_level", lang)
        self.nash_button.description = c.ui("show_nash", lang)
        self.reset_button.description = c.ui("reset_batnas", lang)
        self._quiet = True  # new labels, same values (option ids): no refresh per dropdown
        try:
            for issue, opts in zip(self.base_space.issues, self.base_space.options):
                sel = self.option_selects[issue]
                picked = sel.value
                sel.options = [(option_label(o, self.base_space, lang), o) for o in opts]
                sel.value = picked
        finally:
            self._quiet = False
        self._refresh()

    def _options_text(self, options: str) -> str:
        """The options of a ``red_lines_crossed`` cell ("id, id") as a reader reads them, in the language."""
        comma = t("ui.list_comma", self.lang)
        return comma.join(option_label(o, self.space, self.lang) for o in options.split(", "))

    def package(self) -> dict[str, str]:
        """The package picked: issue id -> option id."""
        return {issue: sel.value for issue, sel in self.option_selects.items()}

    def _refresh(self) -> None:
        lang = self.lang
        self.message.value = ""
        space = self.base_space
        for p, s in self.batna_sliders.items():
            if s.value != space.batnas[p]:
                space = space.with_batna(p, float(s.value))
        self.space = space
        constraints = two_level_constraints(space, self.two_level.value)
        ev = evaluate_package(space, self.package(), TABLE_PARTIES, constraints)
        self.evaluation = ev
        labels = self._labels()
        self.verdict.value = self._verdict_html(ev, labels)
        self.table.value = self._table_html(ev, labels)
        self.chart.show(deal_chart(space, ev, labels, TABLE_PARTIES, constraints, language=lang), lang)

    def _verdict_html(self, ev: DealEvaluation, labels: Mapping[str, str]) -> str:
        rejecting = ev.scores[(ev.scores["role"] != NOT_AT_TABLE) & ~ev.scores["accepts"].astype(bool)]
        lang = self.lang
        comma = t("ui.list_comma", lang)
        reasons = []
        for r in rejecting.itertuples():
            who = labels.get(r.actor_id, r.actor_id)
            if isinstance(r.red_lines_crossed, str):
                reasons.append(t("ui.deal_crosses", lang, who=who, options=self._options_text(r.red_lines_crossed)))
            else:
                reasons.append(t("ui.deal_below_batna", lang, who=who, score=f"{r.score:g}", batna=f"{r.batna:g}"))
        if ev.in_zone:
            head = t("ui.deal_in_zone", lang, n=ev.zone_size)
            kind = "ok"
        else:
            head = t("ui.deal_not_in_zone", lang, n=ev.zone_size, reasons=t("ui.list_semicolon", lang).join(reasons))
            kind = "warning"
        if ev.nash is None:
            nash = self._no_nash_reason(labels)
        elif not ev.differs_from_nash:
            nash = t("ui.deal_is_nash", lang)
        else:
            issue_labels = c.label_map(self.issues, "issues", lang)
            diffs = comma.join(
                f"{issue_labels.get(i, i)}: {option_label(ev.nash[i], self.space, lang)}" for i in ev.differs_from_nash
            )
            gaps = comma.join(f"{labels.get(p, p)} {g:+g}" for p, g in ev.gap_to_nash.items())
            nash = t(
                "ui.deal_nash_distance", lang,
                k=len(ev.differs_from_nash), n=len(self.space.issues), diffs=diffs, gaps=gaps,
            )
        return c.message_html(head, kind, lang) + c.message_html(nash, "info", lang)

    def _no_nash_reason(self, labels: Mapping[str, str]) -> str:
        """Why the zone is empty: the constraint party's acceptance, or the two sides' BATNAs and red lines.

        With the two-level game on, the zone of the US and Iran alone is computed as well: if it
        holds packages, the constraint party (Israel) rejects every one of them, and the message
        says so instead of blaming the BATNAs of the two sides at the table.
        """
        constraints = two_level_constraints(self.space, self.two_level.value)
        if constraints:
            alone = bg.zone_of_possible_agreement(self.space, TABLE_PARTIES)
            if len(alone):
                who = ", ".join(labels.get(p, p) for ps in constraints.values() for p in ps)
                return t("ui.deal_no_nash_constraint", self.lang, who=who, n=f"{len(alone):,}")
        return t("ui.deal_no_nash", self.lang)

    def _table_html(self, ev: DealEvaluation, labels: Mapping[str, str]) -> str:
        rows = []
        for r in ev.scores.itertuples():
            rows.append(
                {
                    "party": labels.get(r.actor_id, r.actor_id),
                    "role": role_label(r.role, self.lang, labels),
                    "score": f"{r.score:g}",
                    "batna": f"{r.batna:g}",
                    "surplus": f"{r.surplus:+g}",
                    "accepts": t("display.yes" if bool(r.accepts) else "display.no", self.lang),
                    "red": self._options_text(r.red_lines_crossed)
                    if isinstance(r.red_lines_crossed, str)
                    else "",
                }
            )
        cols = [(key, t(f"ui.deal_col_{key}", self.lang)) for key in ("party", "role", "score", "batna", "surplus", "accepts", "red")]
        return c.html_table(rows, cols, self.lang)

    def _show_nash(self) -> None:
        ev = self.evaluation
        if ev is None or ev.nash is None:
            raise ValueError(self._no_nash_reason(self._labels()))
        self._quiet = True
        try:
            for issue, sel in self.option_selects.items():
                sel.value = str(ev.nash[issue])
        finally:
            self._quiet = False
        self._refresh()

    def _reset_batnas(self) -> None:
        self._quiet = True
        try:
            for p, s in self.batna_sliders.items():
                s.value = self.base_space.batnas[p]
        finally:
            self._quiet = False
        self._refresh()


def deal_builder(as_of: DateLike = None, **kwargs) -> DealBuilder:
    """The deal builder, in one line: ``iranus.explorers.deal_builder()`` (codings as of 6 Feb 2026).

    Args:
        as_of: date of the codings (see :meth:`iranus.course.Course.deal_space`); the course date when None.
        **kwargs: passed to :class:`DealBuilder` (``space``, ``package``, ``language``, or
            DataFrames ``actors``, ``issues``).
    """
    return c.build_or_message(DealBuilder, "deal builder", as_of=as_of, **kwargs)


__all__ = [
    "DealBuilder",
    "DealEvaluation",
    "KIND_STYLE",
    "NOT_AT_TABLE",
    "TABLE_PARTIES",
    "deal_builder",
    "deal_chart",
    "deal_chart_data",
    "evaluate_package",
    "middle_package",
    "score_range",
]
