"""Agenda explorer: who wanted what on which issue, as of a date.

A grid of actors (rows) by agenda issues (columns), each cell coloured by the actor's latest coded
stance on the issue (0-100; what 0, 25, 50, 75 and 100 mean differs by issue, see the issues
table's ``stance_*_en`` columns and ``data/CODEBOOK.md``). Picking a cell lists every statement
behind it: who said it and how, when, where, the paraphrase, the stance with the meaning of its
nearest marked point, the confidence, and the source (outlet and date of the report); the
statement the chart uses is marked, with the rule and the reason for that cell. The coder's
reasoning (``coding_note``) and the curators' reliability reasons are not shown to learners.

The logic is in plain functions (:func:`agenda_matrix`, :func:`cell_statements`,
:func:`agenda_chart`), built on :mod:`iranus.record.agendas` and :func:`iranus.charts.stance_heatmap`;
:class:`AgendaExplorer` is the thin ipywidgets layer.

Data: ``positions``, ``actors``, ``issues``, ``sources`` of the iranus data package.
"""

from __future__ import annotations

import ipywidgets as w
import pandas as pd

from ..record.agendas import POSITION_COLUMNS as _POSITION_COLUMNS
from ..datasets.i18n import format_date, value_label
from ..datasets.dates import DateLike, known
from ..charts import render
from ..charts.positions import agenda_chart
from ..record.agendas import agenda_matrix, cell_statements
from . import _common as c
from ._common import ExplorerBox

POSITION_COLUMNS = list(_POSITION_COLUMNS)


SCALE_POINTS = (0, 25, 50, 75, 100)


def _fmt_date(value, lang: str = "en", precision: str = "day") -> str:
    """A date for a reader ("5 Feb 2026"), or "" when missing."""
    if value is None or pd.isna(value):
        return ""
    return format_date(value, lang, precision if precision in ("day", "month", "year") else "day")


def nearest_point(stance: float) -> int:
    """The marked point of the 0-100 scale (0, 25, 50, 75, 100) nearest to ``stance``.

    Stances are coded in steps of 5, so no stance lies half-way between two points.

    >>> nearest_point(85), nearest_point(20), nearest_point(50)
    (75, 25, 50)
    """
    return min(SCALE_POINTS, key=lambda point: abs(point - float(stance)))


def scale_meanings(issues: pd.DataFrame, issue_id: str) -> dict[int, str]:
    """What each marked point of one issue's scale means, from the issues table.

    Args:
        issues: ``iranus.load("issues")`` (columns ``stance_0_en``, ``stance_25_en``,
            ``stance_50_en``, ``stance_75_en``, ``stance_100_en``; any of them may be absent).
        issue_id: the issue (e.g. ``"missiles"``).

    Returns:
        {point: English text} for the points the table describes (empty when the issue is unknown).
    """
    rows = issues[issues["issue_id"].astype(str) == str(issue_id)] if "issue_id" in issues.columns else issues.iloc[0:0]
    if rows.empty:
        return {}
    row = rows.iloc[0]
    out = {}
    for point in SCALE_POINTS:
        text = row.get(f"stance_{point}_en")
        if isinstance(text, str) and text.strip():
            out[point] = text.strip()
    return out


def chart_choice(statements: pd.DataFrame, used_id: str | None) -> tuple[str, dict[str, str]]:
    """Why the chart uses statement ``used_id`` for its cell: a catalogue key and its fields.

    Mirrors :func:`iranus.record.agendas.latest_positions` (the rule both charts apply): the
    latest statement, low-confidence reports only when nothing else exists, on the same day the
    higher confidence, then one on the record under a name.

    Args:
        statements: :func:`cell_statements` of one cell (``position_id``, ``date``, ``confidence``).
        used_id: the ``position_id`` the chart shows for that cell (``agenda_matrix``).

    Returns:
        (key, fields): key is one of ``"used_only"``, ``"used_latest"``, ``"used_skip_low"``
        (fields: ``dates`` as ISO dates, joined), ``"used_all_low"``, ``"used_same_day"``
        (``date``), or ``""`` when ``used_id`` is not among the statements.
    """
    ids = statements["position_id"].astype(str)
    if used_id is None or str(used_id) not in set(ids):
        return "", {}
    if len(statements) == 1:
        return "used_only", {}
    used = statements[ids == str(used_id)].iloc[0]
    low = statements["confidence"].astype(str) == "low"
    if str(used["confidence"]) == "low":
        return "used_all_low", {}
    later_low = statements[low & (statements["date"] > used["date"])]
    if not later_low.empty:
        dates = sorted({pd.Timestamp(d) for d in later_low["date"]})
        return "used_skip_low", {"dates": ", ".join(f"{d:%Y-%m-%d}" for d in dates)}
    same_day = statements[(statements["date"] == used["date"]) & (ids != str(used_id))]
    if not same_day.empty:
        return "used_same_day", {"date": f"{pd.Timestamp(used['date']):%Y-%m-%d}"}
    return "used_latest", {}


def _stance_html(stance, salience, meanings: dict[int, str], lang: str) -> str:
    if stance is None or pd.isna(stance):
        return ""
    point = nearest_point(stance)
    text = f"<b>{int(stance)}</b>"
    meaning = meanings.get(point)
    if meaning:
        key = "at_point" if int(stance) == point else "near_point"
        text += "<br><small>" + c.esc(c.ui(key, lang).format(point=point, meaning="\x00")).replace(
            "\x00", f'<span dir="ltr" lang="en">{c.esc(meaning)}</span>'
        ) + "</small>"
    if salience is not None and not pd.isna(salience):
        text += f"<br><small>{c.esc(c.ui('salience_of', lang).format(salience=int(salience)))}</small>"
    return text


def statements_html(
    statements: pd.DataFrame,
    lang: str,
    used_id: str | None = None,
    meanings: dict[int, str] | None = None,
    flagged: bool = False,
) -> str:
    """HTML of the detail panel for :func:`cell_statements` of one cell (escaped, direction set).

    Per statement: when it was said; who said it and how (the attribution in words); where and
    what (paraphrase, a short quote if any); the coded stance with the meaning of its nearest
    marked point on the issue's scale; the confidence in words; the source as outlet and date of
    the report (with a link). The coder's reasoning (``coding_note``) and the source's
    reliability reason stay in the data (``data/positions.csv``, ``data/sources.csv``) and are
    not shown here.

    Args:
        statements: :func:`cell_statements` output (newest first).
        lang: ``"en"`` or ``"ar"`` (interface words; data text is English only, and in Arabic the
            panel says so once).
        used_id: ``position_id`` of the statement the chart uses for this cell; it is marked,
            with the rule and the reason for this cell.
        meanings: {point: text} of the issue's marked points (:func:`scale_meanings`).
        flagged: the cell carries a "?" in the chart (explained in the panel).

    Returns:
        An HTML string.
    """
    if statements.empty:
        return c.message_html(c.ui("no_statements", lang), "info", lang)
    meanings = meanings or {}
    notes = []
    if lang != "en":
        notes.append(c.message_html(c.ui("english_only_data", lang), "info", lang))
    if used_id is not None:
        key, fields = chart_choice(statements, used_id)
        lines = [c.ui("used_rule", lang)]
        if key:
            dated = {k: ", ".join(format_date(d, lang) for d in v.split(", ")) for k, v in fields.items()}
            lines.append(c.ui(key, lang).format(**dated))
        if flagged:
            lines.append(c.ui("flag_explained", lang))
        notes.append(c.box("<br>".join(f"<small>{c.esc(line)}</small>" for line in lines), lang))
    rows = []
    for r in statements.itertuples(index=False):
        used = used_id is not None and str(r.position_id) == str(used_id)
        quote = f' <span dir="ltr" lang="en"><i>"{c.esc(r.quote_en)}"</i></span>' if isinstance(r.quote_en, str) and r.quote_en else ""
        link = f' <a href="{c.esc(r.url)}" target="_blank" rel="noopener">{c.ui("link", lang)}</a>' if isinstance(r.url, str) and r.url else ""
        if isinstance(r.outlet, str) and r.outlet:
            precision = getattr(r, "source_date_precision", "day")
            when = _fmt_date(r.source_date, lang, precision if isinstance(precision, str) else "day") or c.ui("date_unknown", lang)
            src = f'<span dir="ltr" lang="en">{c.esc(r.outlet)}</span>, {c.esc(when)}{link}'
        else:
            src = c.esc(c.ui("source_missing", lang))
        venue = f'<small dir="ltr" lang="en">{c.esc(r.venue_en)}</small><br>' if isinstance(r.venue_en, str) and r.venue_en else ""
        rows.append(
            {
                "date_html": c.esc(_fmt_date(r.date, lang)) + (f"<br><b>{c.esc(c.ui('used_mark', lang))}</b>" if used else ""),
                "who_html": f'<span dir="ltr" lang="en">{c.esc(r.speaker)}</span><br><small>{c.esc(value_label(r.attribution, lang))}</small>',
                "what_html": venue + f'<span dir="ltr" lang="en">{c.esc(r.paraphrase_en)}</span>{quote}',  # data text: English only
                "stance_html": _stance_html(r.stance, r.salience, meanings, lang),
                "confidence": value_label(r.confidence, lang),
                "source_html": src,
            }
        )
    cols = [
        ("date_html", c.ui("said_on", lang)),
        ("who_html", c.ui("said_by", lang)),
        ("what_html", c.ui("where_what", lang)),
        ("stance_html", c.ui("stance_meaning", lang)),
        ("confidence", c.ui("confidence", lang)),
        ("source_html", c.ui("reported_by", lang)),
    ]
    return "".join(notes) + c.html_table(rows, cols, lang)


class AgendaExplorer(ExplorerBox):
    """The agenda explorer widget: pick actors, issues and a date; pick a cell for its sources.

    Attributes after each update (for tests and lessons): ``matrix`` (:func:`agenda_matrix`),
    ``statements`` (:func:`cell_statements` of the picked cell, plus ``source_date_precision``
    when the sources table has ``date_precision``), ``chart_svg`` (str). The detail panel is
    :func:`statements_html` with the statement the chart uses marked.
    Controls: ``actor_select``, ``issue_select`` (SelectMultiple), ``date_picker``
    (DatePicker), ``cell_select`` (Dropdown), ``language_select`` (ToggleButtons).
    """

    explorer_name = "Agenda explorer"

    def __init__(
        self,
        positions: pd.DataFrame | None = None,
        actors: pd.DataFrame | None = None,
        issues: pd.DataFrame | None = None,
        sources: pd.DataFrame | None = None,
        as_of: DateLike = None,
        actor_ids: list[str] | None = None,
        issue_ids: list[str] | None = None,
        language: str | None = None,
        course=None,
    ):
        ctx = c.context(course, as_of, language)
        cap = ctx.as_of
        self.positions = c.load_table("positions", positions, ctx)
        self.positions = self.positions[known(self.positions, cap)]
        self.actors = c.load_table("actors", actors, ctx)
        self.issues = c.load_table("issues", issues, ctx)
        self.sources = c.load_table("sources", sources, ctx)
        c.require_columns(self.positions, POSITION_COLUMNS, "positions")
        self.as_of_cap = cap
        self.matrix = pd.DataFrame()
        self.statements = pd.DataFrame()
        lang = ctx.language

        present_a = set(self.positions["actor_id"].astype(str))
        present_i = set(self.positions["issue_id"].astype(str))
        self._actor_order = [a for a in self.actors["actor_id"].astype(str) if a in present_a] + sorted(
            present_a - set(self.actors["actor_id"].astype(str))
        )
        self._issue_order = [i for i in self.issues["issue_id"].astype(str) if i in present_i] + sorted(
            present_i - set(self.issues["issue_id"].astype(str))
        )

        self.language_select = c.language_toggle(lang)
        self.actor_select = w.SelectMultiple(rows=min(8, max(3, len(self._actor_order))), layout=w.Layout(width="220px"))
        self.issue_select = w.SelectMultiple(rows=min(8, max(3, len(self._issue_order))), layout=w.Layout(width="220px"))
        # no `max`: ipywidgets would clamp a later date silently; _as_of caps it and says so
        self.date_picker = w.DatePicker(value=cap.date() if cap is not None else None)
        self.cell_select = w.Dropdown(layout=w.Layout(width="420px"))
        self.hint = w.HTML()
        self._cell_caption = w.HTML()
        self.message = w.HTML()
        self.chart = render.ChartView()
        self.detail = w.HTML()
        self._set_option_labels(lang)
        self.actor_select.value = tuple(a for a in (actor_ids or self._actor_order) if a in self._actor_order)
        self.issue_select.value = tuple(i for i in (issue_ids or self._issue_order) if i in self._issue_order)
        unknown = [a for a in (actor_ids or []) if a not in self._actor_order]
        unknown += [i for i in (issue_ids or []) if i not in self._issue_order]
        self._unknown_note = (
            f"Left out: {', '.join(map(str, unknown))} (no such actor or issue with a coded position"
            f"{' up to ' + cap.strftime('%Y-%m-%d') if cap is not None else ''}; ids are lower case, e.g. 'us', 'iran')."
            if unknown
            else ""
        )

        self.refresh = c.report_errors(self._show_message)(self._refresh)
        self.show_cell = c.report_errors(self._show_message)(self._pick)
        self.relabel = c.report_errors(self._show_message)(self._relabel)
        for ctl in (self.actor_select, self.issue_select):
            ctl.observe(lambda _change: self.refresh(), names="value")
        # quiet while _as_of moves the date back itself (one refresh, one message)
        self._quiet_date = False
        self._date_note = ""
        self.date_picker.observe(lambda _change: None if self._quiet_date else self.refresh(), names="value")
        # quiet while _refresh replaces the options (that resets the value), which then shows the cell once
        self._quiet_cell = False
        self.cell_select.observe(lambda _change: None if self._quiet_cell else self.show_cell(), names="value")
        self.language_select.observe(lambda _change: self.relabel(), names="value")

        controls = w.HBox(
            [
                w.VBox([w.HTML(), self.actor_select]),
                w.VBox([w.HTML(), self.issue_select]),
                w.VBox([w.HTML(), self.date_picker, self.language_select, self.hint]),
            ]
        )
        self._captions = controls
        super().__init__(
            [c.rtl_style(), controls, self.message, self.chart, w.HBox([self._cell_caption, self.cell_select]), self.detail],
            layout=w.Layout(width="100%"),
        )
        self.add_class("iranus-explorer")
        self.add_class("iranus-agenda")
        self._set_captions(lang)
        c.set_direction(self, lang)
        self.refresh()
        if self._unknown_note:
            self.message.value = c.message_html(self._unknown_note, "warning", lang)

    # --- thin layer: read controls, call the functions above, show results -----------------
    def _set_option_labels(self, lang: str) -> None:
        a_labels = c.label_map(self.actors, "actors", lang)
        i_labels = c.label_map(self.issues, "issues", lang)
        keep_a, keep_i = self.actor_select.value, self.issue_select.value
        self.actor_select.options = [(a_labels.get(a, a), a) for a in self._actor_order]
        self.issue_select.options = [(i_labels.get(i, i), i) for i in self._issue_order]
        self.actor_select.value = keep_a
        self.issue_select.value = keep_i

    def _set_captions(self, lang: str) -> None:
        boxes = self._captions.children
        boxes[0].children[0].value = c.box(f"<b>{c.ui('actors', lang)}</b>", lang)
        boxes[1].children[0].value = c.box(f"<b>{c.ui('issues', lang)}</b>", lang)
        boxes[2].children[0].value = c.box(f"<b>{c.ui('as_of', lang)}</b>", lang)
        self.hint.value = c.box(f"<small>{c.ui('pick_several', lang)}</small>", lang)
        self._cell_caption.value = c.box(f"<b>{c.ui('cell', lang)}:</b>", lang)

    def _relabel(self) -> None:
        c.set_direction(self, self.lang)
        self._set_option_labels(self.lang)
        self._set_captions(self.lang)
        self._refresh()

    def _as_of(self):
        """The date the grid shows: the picked date, capped at the lesson's date.

        A date past the lesson's date goes back to it, and a cleared date is set to it; either
        leaves a note (``_date_note``) that the refresh of that change shows once.
        """
        picked = self.date_picker.value
        cap = self.as_of_cap
        if picked is None:
            if cap is None:
                return None
            self._date_note = c.ui("no_date", self.lang).format(date=format_date(cap, self.lang))
        elif cap is not None and pd.Timestamp(picked) > cap:
            # a date past the lesson's date: go back to the lesson's date, and say so
            self._date_note = c.ui("late_date", self.lang).format(date=format_date(cap, self.lang))
        else:
            return pd.Timestamp(picked)
        self._quiet_date = True
        try:
            self.date_picker.value = cap.date()
        finally:
            self._quiet_date = False
        return cap

    def _later_date_helps(self, as_of: pd.Timestamp | None) -> bool:
        """Whether a later date the explorer allows (up to ``as_of_cap``; any, without a cap) shows
        a statement of the actors and issues picked: the same rule, at the latest date allowed."""
        if as_of is None or (self.as_of_cap is not None and as_of >= self.as_of_cap):
            return False
        latest = agenda_matrix(self.positions, self.as_of_cap, list(self.actor_select.value), list(self.issue_select.value))
        return not latest.empty

    def _clear(self) -> None:
        """Nothing to show: no chart, no cells, no statements in the detail panel."""
        self.matrix = self.matrix.iloc[0:0]
        self.chart.clear()
        self._quiet_cell = True
        try:
            self.cell_select.options = []
        finally:
            self._quiet_cell = False
        self.statements = pd.DataFrame()
        self.detail.value = ""

    def _refresh(self) -> None:
        lang = self.lang
        self.message.value = ""  # each message says what the latest change did, and only that
        self._date_note = ""
        if self.positions.empty:
            self._clear()
            raise ValueError(c.ui("no_positions", lang))
        if not self.actor_select.value:
            self._clear()
            raise ValueError(c.ui("no_actor_agenda", lang))
        if not self.issue_select.value:
            self._clear()
            raise ValueError(c.ui("no_issue", lang))
        as_of = self._as_of()
        self.matrix = agenda_matrix(self.positions, as_of, list(self.actor_select.value), list(self.issue_select.value))
        a_labels = c.label_map(self.actors, "actors", lang)
        i_labels = c.label_map(self.issues, "issues", lang)
        if self.matrix.empty:
            self._clear()
            when = c.ui("up_to", lang).format(date=format_date(as_of, lang)) if as_of is not None else ""
            # "or a later date" only when a date the explorer allows would show something
            key = "no_statement_match" if self._later_date_helps(as_of) else "no_statement_match_latest"
            self.message.value = c.message_html(c.ui(key, lang).format(when=when), "warning", lang)
            return
        chart = agenda_chart(
            self.matrix, a_labels, i_labels, self._actor_order, self._issue_order, as_of, language=lang
        )
        self.chart.show(chart, lang)
        previous = self.cell_select.value
        a_rank = {a: k for k, a in enumerate(self._actor_order)}
        i_rank = {i: k for k, i in enumerate(self._issue_order)}
        cells = sorted(self.matrix.itertuples(), key=lambda r: (a_rank.get(r.actor_id, 0), i_rank.get(r.issue_id, 0)))
        options = [  # in the grid's reading order: actors as listed, issues left to right
            (
                f"{a_labels.get(r.actor_id, r.actor_id)} — {i_labels.get(r.issue_id, r.issue_id)} "
                f"({r.statements})",
                f"{r.actor_id}|{r.issue_id}",
            )
            for r in cells
        ]
        values = [v for _, v in options]
        self._quiet_cell = True
        try:
            self.cell_select.options = options
            self.cell_select.value = previous if previous in values else values[0]
        finally:
            self._quiet_cell = False
        self._show_cell()
        if self._date_note:
            self.message.value = c.message_html(self._date_note, "info", lang)
            self._date_note = ""

    def _pick(self) -> None:
        """A cell picked in the list: its statements, and no message left from an earlier change."""
        self.message.value = ""
        self._show_cell()

    def _show_cell(self) -> None:
        if not self.cell_select.value:
            self.detail.value = ""
            self.statements = pd.DataFrame()
            return
        actor_id, issue_id = self.cell_select.value.split("|", 1)
        self.statements = cell_statements(self.positions, self.sources, actor_id, issue_id, self._as_of())
        if "date_precision" in self.sources.columns and not self.statements.empty:
            precision = dict(zip(self.sources["source_id"].astype(str), self.sources["date_precision"]))
            self.statements["source_date_precision"] = self.statements["source_id"].astype(str).map(precision)
        shown = self.matrix[(self.matrix["actor_id"] == actor_id) & (self.matrix["issue_id"] == issue_id)]
        used_id = str(shown["position_id"].iloc[0]) if len(shown) else None
        flagged = bool(shown["flagged"].iloc[0]) if len(shown) else False
        self.detail.value = statements_html(
            self.statements, self.lang, used_id=used_id, meanings=scale_meanings(self.issues, issue_id), flagged=flagged
        )

    def pick_cell(self, actor_id: str, issue_id: str) -> pd.DataFrame:
        """Pick a cell by ids (as a learner would in the Cell list); returns its statements.

        Raises:
            ValueError: the cell is not in the current grid (names actor and issue).
        """
        key = f"{actor_id}|{issue_id}"
        if key not in [v for _, v in self.cell_select.options]:
            raise ValueError(f"no cell {actor_id!r} x {issue_id!r} in the current grid (check the filters and date)")
        self.cell_select.value = key
        self._pick()
        return self.statements


def agenda_explorer(as_of: DateLike = None, **kwargs) -> AgendaExplorer:
    """The agenda explorer, in one line: ``iranus.explorers.agenda_explorer(course=iranus.course())``.

    Args:
        as_of: cap the data at this date (a lesson passes its course context instead: ``course=c``); the
            learner can move the date earlier, not later.
        **kwargs: passed to :class:`AgendaExplorer` (``actor_ids``, ``issue_ids``,
            ``language``, or DataFrames ``positions``, ``actors``, ``issues``, ``sources``).
    """
    return c.build_or_message(AgendaExplorer, "agenda explorer", as_of=as_of, **kwargs)


__all__ = [
    "AgendaExplorer",
    "agenda_chart",
    "agenda_explorer",
    "agenda_matrix",
    "cell_statements",
    "chart_choice",
    "nearest_point",
    "scale_meanings",
    "statements_html",
]
