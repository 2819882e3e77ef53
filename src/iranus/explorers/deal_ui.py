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

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import altair as alt
import ipywidgets as w
import numpy as np
import pandas as pd

from ..models import bargaining as bg
from ..charts import titled
from ..datasets.i18n import get_language, t
from ..datasets.dates import COURSE_DATE, DateLike
from ..charts import render
from . import _common as c
from ._common import ExplorerBox

TABLE_PARTIES = bg.TABLE_PARTIES
NOT_AT_TABLE = "not at the table (for reference)"  # role of a party that is neither side nor constraint


@dataclass(frozen=True)
class DealEvaluation:
    """What the deal builder shows for one package.

    Attributes:
        package: issue id -> option id.
        package_id: the package's stable number in the deal space.
        scores: :func:`iranus.models.bargaining.score_package` output (one row per party: ``score``,
            ``batna``, ``surplus``, ``red_lines_crossed``, ``accepts``) plus ``role`` (string:
            ``"at the table"``, ``"constraint on us"`` or ``"not at the table (for reference)"``).
        in_zone: whether the package is in the zone of possible agreement.
        zone_size: number of packages in the zone.
        nash: :func:`iranus.models.bargaining.nash_bargaining_solution` (a Series) or None when the
            zone is empty.
        differs_from_nash: issue ids on which the package's option differs from the Nash
            package's (empty when it is the Nash package or there is none).
        gap_to_nash: table party -> the package's score minus the Nash package's score
            (points; empty when there is no Nash package).
        zone: :func:`iranus.models.bargaining.zone_of_possible_agreement` output (one row per package
            in the zone).
    """

    package: dict[str, str]
    package_id: int
    scores: pd.DataFrame
    in_zone: bool
    zone_size: int
    nash: pd.Series | None
    differs_from_nash: tuple[str, ...]
    gap_to_nash: dict[str, float]
    zone: pd.DataFrame


def _constraints(space: bg.DealSpace, two_level: bool) -> dict[str, list[str]] | None:
    if two_level:
        if "israel" not in space.parties:
            raise ValueError("two_level needs Israel's scores in the deal space (no 'israel' party)")
        return {"us": ["israel"]}
    return None


def evaluate_package(
    space: bg.DealSpace,
    package: Mapping[str, str],
    parties: Sequence[str] = TABLE_PARTIES,
    constraints: Mapping[str, Sequence[str]] | None = None,
) -> DealEvaluation:
    """Score a package for every party and place it against the zone and the Nash package.

    Args:
        space: a deal space (:meth:`iranus.course.Course.deal_space`, or one changed with
            ``with_batna`` ...).
        package: issue id -> option id, one per issue.
        parties: the two parties at the table.
        constraints: side -> third parties whose acceptance that side needs, e.g.
            ``{"us": ["israel"]}``; None for none.

    Returns:
        :class:`DealEvaluation`.

    Raises:
        iranus.models.bargaining.ModelInputError (a ValueError): a package with an issue missing or an
            unknown option, an unknown party (each message names the entry and the valid ones).

    Method: Raiffa (1982) additive scoring and reservation values; Nash (1950).
    """
    scores = bg.score_package(package, space)
    involved = {p: "at the table" for p in parties}
    for side, others in (constraints or {}).items():
        for o in others:
            involved[o] = f"constraint on {side}"
    scores["role"] = pd.array([involved.get(p, NOT_AT_TABLE) for p in scores["actor_id"]], dtype="string")
    zone = bg.zone_of_possible_agreement(space, parties, constraints)
    pid = space.package_id(package)
    nash = bg.nash_bargaining_solution(space, parties, constraints)
    differs: tuple[str, ...] = ()
    gap: dict[str, float] = {}
    if nash is not None:
        differs = tuple(i for i in space.issues if nash[i] != package[i])
        by_party = dict(zip(scores["actor_id"], scores["score"]))
        gap = {p: float(by_party[p] - nash[f"score_{p}"]) for p in parties}
    return DealEvaluation(
        package=dict(package),
        package_id=pid,
        scores=scores,
        in_zone=bool((zone["package_id"] == pid).any()),
        zone_size=len(zone),
        nash=nash,
        differs_from_nash=differs,
        gap_to_nash=gap,
        zone=zone,
    )


def score_range(space: bg.DealSpace, party: str) -> tuple[float, float]:
    """The lowest and highest score any package can give ``party`` (points): the BATNA slider's range."""
    space.check_party(party)
    per_issue = space.scores[party]
    return float(sum(np.min(s) for s in per_issue)), float(sum(np.max(s) for s in per_issue))


def deal_chart_data(
    space: bg.DealSpace,
    evaluation: DealEvaluation,
    parties: Sequence[str] = TABLE_PARTIES,
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
    parties: Sequence[str] = TABLE_PARTIES,
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
    lang = language or get_language()
    data = deal_chart_data(space, evaluation, parties, constraints, lang)
    names = {k: t(f"chart.deal.{k}", lang) for k in KIND_STYLE}
    kinds = [k for k in KIND_STYLE if names[k] in set(data["kind"])]
    la, lb = actor_labels.get(a, a), actor_labels.get(b, b)
    lo_a, hi_a = score_range(space, a)
    lo_b, hi_b = score_range(space, b)
    x = alt.X("x:Q", title=t("chart.deal.axis", lang, actor=la), scale=alt.Scale(domain=[lo_a, hi_a], nice=False))
    y = alt.Y("y:Q", title=t("chart.deal.axis", lang, actor=lb), scale=alt.Scale(domain=[lo_b, hi_b], nice=False))
    colour = alt.Color(
        "kind:N",
        title=None,
        sort=[names[k] for k in kinds],
        scale=alt.Scale(domain=[names[k] for k in kinds], range=[KIND_STYLE[k][0] for k in kinds]),
    )
    tooltip = [alt.Tooltip(f) for f in ("kind:N", "x:Q", "y:Q", "packages:Q")]  # objects: string shorthands re-parse slowly
    layers = []
    for kind in kinds:
        size = KIND_STYLE[kind][1]
        sub = data[data["kind"] == names[kind]]
        if kind.startswith("yours"):  # an open ring, so that a Nash package under it stays visible
            mark = alt.Chart(sub).mark_point(shape="circle", size=size, filled=False, strokeWidth=3)
        elif kind == "nash":
            mark = alt.Chart(sub).mark_point(shape="diamond", size=size, filled=True, opacity=1)
        else:
            mark = alt.Chart(sub).mark_circle(size=size, opacity=0.8)
        layers.append(mark.encode(x=x, y=y, color=colour, tooltip=tooltip))
    batna_a = alt.Chart(pd.DataFrame({"x": [space.batnas[a]]})).mark_rule(strokeDash=[4, 3], color="#555").encode(x=alt.X("x:Q"))
    batna_b = alt.Chart(pd.DataFrame({"y": [space.batnas[b]]})).mark_rule(strokeDash=[4, 3], color="#555").encode(y=alt.Y("y:Q"))
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
    return alt.layer(batna_a, batna_b, *layers, width=380, height=300, title=titled(t("chart.deal.title", lang), sub))


def middle_package(space: bg.DealSpace) -> dict[str, str]:
    """A neutral starting package: the middle option of each issue (lower middle when even)."""
    return {issue: opts[(len(opts) - 1) // 2] for issue, opts in zip(space.issues, space.options)}


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
                options=[(self.base_space.labels[o], o) for o in opts],
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
        self.table = w.HTML()
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
                w.HBox([self.chart, self.table]),
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
        self._refresh()

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
        constraints = _constraints(space, self.two_level.value)
        ev = evaluate_package(space, self.package(), TABLE_PARTIES, constraints)
        self.evaluation = ev
        labels = self._labels()
        self.verdict.value = self._verdict_html(ev, labels)
        self.table.value = self._table_html(ev, labels)
        with c.language(lang):
            self.chart.show(deal_chart(space, ev, labels, TABLE_PARTIES, constraints, language=lang), lang)

    def _verdict_html(self, ev: DealEvaluation, labels: Mapping[str, str]) -> str:
        rejecting = ev.scores[(ev.scores["role"] != NOT_AT_TABLE) & ~ev.scores["accepts"].astype(bool)]
        reasons = []
        for r in rejecting.itertuples():
            who = labels.get(r.actor_id, r.actor_id)
            if isinstance(r.red_lines_crossed, str):
                reasons.append(f"{who}: crosses its red line(s) ({', '.join(self.space.labels[o] for o in r.red_lines_crossed.split(', '))})")
            else:
                reasons.append(f"{who}: {r.score:g} points, below its BATNA of {r.batna:g}")
        if ev.in_zone:
            head = f"✓ In the zone of possible agreement ({ev.zone_size} packages are)."
            kind = "ok"
        else:
            head = f"✗ Not in the zone of possible agreement ({ev.zone_size} packages are). " + "; ".join(reasons) + "."
            kind = "warning"
        if ev.nash is None:
            nash = "No Nash package: the zone is empty with these BATNAs."
        elif not ev.differs_from_nash:
            nash = "This is the Nash package (the largest product of both sides' gains over their BATNAs)."
        else:
            issue_labels = c.label_map(self.issues, "issues", "en")
            diffs = ", ".join(
                f"{issue_labels.get(i, i)}: {self.space.labels[ev.nash[i]]}" for i in ev.differs_from_nash
            )
            gaps = ", ".join(f"{labels.get(p, p)} {g:+g}" for p, g in ev.gap_to_nash.items())
            nash = (
                f"Distance from the Nash package: {len(ev.differs_from_nash)} of {len(self.space.issues)} issues differ "
                f"(Nash: {diffs}). Your package against Nash, in points: {gaps}."
            )
        return c.message_html(head, kind) + c.message_html(nash, "info")

    def _table_html(self, ev: DealEvaluation, labels: Mapping[str, str]) -> str:
        rows = []
        for r in ev.scores.itertuples():
            rows.append(
                {
                    "party": labels.get(r.actor_id, r.actor_id),
                    "role": r.role,
                    "score": f"{r.score:g}",
                    "batna": f"{r.batna:g}",
                    "surplus": f"{r.surplus:+g}",
                    "accepts": "yes" if bool(r.accepts) else "no",
                    "red": ", ".join(self.space.labels[o] for o in r.red_lines_crossed.split(", "))
                    if isinstance(r.red_lines_crossed, str)
                    else "",
                }
            )
        cols = [
            ("party", "Party"), ("role", "Role"), ("score", "Score"), ("batna", "BATNA"),
            ("surplus", "Score − BATNA"), ("accepts", "Accepts?"), ("red", "Red lines crossed"),
        ]
        return c.html_table(rows, cols, "en")

    def _show_nash(self) -> None:
        ev = self.evaluation
        if ev is None or ev.nash is None:
            raise ValueError("There is no Nash package: the zone of possible agreement is empty with these BATNAs.")
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
