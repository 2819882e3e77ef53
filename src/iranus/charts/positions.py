"""Charts of stated positions: stances by actor and issue, two agendas compared, a win-set.

The stances are the course's teaching coding on each issue's 0-100 scale (see the issues table's
``stance_0_en`` and ``stance_100_en`` and ``data/CODEBOOK.md``); every chart says so.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from ..datasets.i18n import get_language, labels_like, language_of, t
from ..record.agendas import unnamed_or_weak
from ._dated import as_of_of
from ..datasets.dates import DateLike, parse_date
from ._render import source_line, titled, wrapped_axis
from ._tooltips import spoken, tip, tips
from ..display import coded_label
from ..datasets.i18n import format_date

ACTOR_COLOURS = {"us": "#1b6ca8", "iran": "#2e7d32", "israel": "#7b3294", "zopa": "#f0a202"}


def _require(df: pd.DataFrame, columns, what: str) -> None:
    missing = [c for c in columns if c not in df.columns]
    if missing:
        raise ValueError(f"{what} is missing column(s) {missing}")


def stance_heatmap(table: pd.DataFrame, title: str | None = None, as_of: str | None = None, language: str | None = None) -> alt.LayerChart:
    """A grid of coded stances: one cell per actor and issue with a stated position.

    Args:
        table: :func:`iranus.record.agendas.stance_table` output (columns ``actor``, ``issue``,
            ``stance``, ``salience``, ``speaker``, ``date``, ``attribution``, ``confidence``;
            ``attrs["actor_order"]`` / ``attrs["issue_order"]`` fix the row and column order).
        title: chart title (default: the catalogue's ``chart.stances.title``).
        as_of: the date the positions were cut at (``"YYYY-MM-DD"``), shown in the subtitle
            (default: the cut recorded in ``table.attrs["iranus"]`` by the loader, if any).
        language: ``"en"`` or ``"ar"`` for titles, axes and legend (None: the default language, English).

    Returns:
        ``altair.LayerChart``: x = agenda issue, y = actor, colour = stance (0-100), the number
        printed in the cell; an empty cell means that actor stated no position on that issue, and
        an issue of ``attrs["issue_order"]`` on which no actor shown stated one has no column (the
        subtitle names it). A small "?" in
        the corner of each cell whose statement was not given on the record under a name (unnamed
        officials or sources, an outlet's own summary, a media report, an analyst) or is of low confidence (:func:`iranus.record.agendas.unnamed_or_weak`, the agenda
        explorer's rule; explained in the subtitle when any cell has one). Source line in the
        subtitle.

    Raises:
        ValueError: missing columns, or an empty table.
    """
    _require(table, ("actor", "issue", "stance", "salience", "speaker", "date", "attribution", "confidence"), "table (use iranus.record.agendas.stance_table)")
    if table.empty:
        raise ValueError("no positions to plot (check the as_of date and the actor/issue filters)")
    lang = language_of(language, table)
    data = table[["actor", "issue", "stance", "salience", "speaker", "attribution", "confidence"]].copy()
    data["stance"] = data["stance"].astype("float64")
    data["salience"] = data["salience"].astype("float64")
    data["date"] = [format_date(d, lang) if pd.notna(d) else "" for d in table["date"]]
    for c in ("actor", "issue", "speaker", "attribution", "confidence"):
        data[c] = data[c].astype(str)
    # the tooltip reads labels; the codes stay for the "?" rule (unnamed_flags)
    data["attribution_label"] = data["attribution"].map(lambda v: coded_label(v, "attribution", lang))
    data["confidence_label"] = data["confidence"].map(lambda v: coded_label(v, "confidence", lang))
    actor_order = table.attrs.get("actor_order") or sorted(data["actor"].unique())
    issue_order = table.attrs.get("issue_order") or sorted(data["issue"].unique())
    stance_lines = [t(f"chart.stances.colour_{k}", lang) for k in (1, 2, 3)]
    stance_title = " ".join(stance_lines)
    base = alt.Chart(data).encode(
        # long names wrap over lines, never cut ("Nuclear facilities (Fordow, Natanz, Isfahan)")
        x=alt.X("issue:N", title=t("chart.stances.issue", lang), sort=list(issue_order), axis=wrapped_axis(issue_order, 22, labelAngle=-35)),
        y=alt.Y("actor:N", title=t("chart.stances.actor", lang), sort=list(actor_order), axis=wrapped_axis(actor_order, 28)),
    )
    cells = base.mark_rect(stroke="white", strokeWidth=1).encode(
        color=alt.Color(
            "stance:Q",
            # one phrase where it is read aloud (the mark's description joins a list with commas);
            # the legend alone writes it over three lines
            title=stance_title,
            legend=alt.Legend(title=stance_lines),
            scale=alt.Scale(domain=[0, 100], scheme="blueorange"),
        ),
        # channel objects, not strings: altair re-parses string shorthands slowly (explorers redraw this)
        tooltip=[  # titled as the axes and legend: a screen reader hears each field once
            tip("actor:N", lang, title=t("chart.stances.actor", lang)),
            tip("issue:N", lang, title=t("chart.stances.issue", lang)),
            tip("stance:Q", lang, title=stance_title),
            *tips(lang, "salience:Q", "speaker:N", "date:N", ("attribution_label:N", "attribution"), ("confidence_label:N", "confidence")),
        ],
    )
    text = base.mark_text(fontSize=11, aria=False).encode(  # the cell's tooltip reads the stance
        text=alt.Text("stance:Q", format=".0f"),
        color=alt.ColorValue("white", condition={"test": "datum.stance > 25 && datum.stance < 75", "value": "#111"}),
    )
    layers = [cells, text]
    flags = unnamed_flags(data, list(issue_order), list(actor_order))
    if flags is not None:
        layers.append(flags)
    cut = as_of_of(table, as_of)
    rule = t("chart.stances.rule", lang)
    when = t("chart.stances.when_dated", lang, date=f"{cut:%Y-%m-%d}", rule=rule) if cut is not None else t("chart.stances.when", lang, rule=rule)
    subtitle = [
        source_line("positions", "issues", "actors", as_of=cut, language=lang, frame=table),
        when + t("chart.stances.scale_note", lang),
        t("chart.stances.extremes", lang),
    ]
    left_out = [i for i in issue_order if i not in set(data["issue"])]
    if left_out:  # an issue of the agenda with no stated position of any actor shown has no column
        subtitle.append(t("chart.stances.left_out", lang, issues="; ".join(map(str, left_out))))
    if flags is not None:
        subtitle.append(t("chart.agenda.flag_note", lang))
    return alt.layer(*layers).properties(
        width=max(60 * len(issue_order), 300), height=max(26 * len(actor_order), 80), title=titled(title or t("chart.stances.title", lang), subtitle)
    )


def unnamed_flags(data: pd.DataFrame, issue_order: list[str], actor_order: list[str]) -> alt.Chart | None:
    """The "?" marks of a stance grid: one in the corner of each cell whose statement is unnamed or weak.

    Shared by :func:`stance_heatmap` (lessons) and so by :func:`agenda_chart` (the agenda explorer).

    Args:
        data: one row per cell, columns ``actor``, ``issue`` (display labels), ``stance`` (float)
            and ``attribution``, ``confidence`` (codes, as in ``positions``).
        issue_order, actor_order: the grid's column and row order (display labels).

    Returns:
        An ``altair.Chart`` of "?" text marks (same text colour rule as the cell numbers), or None
        when no cell is flagged (:func:`iranus.record.agendas.unnamed_or_weak`).
    """
    flagged = unnamed_or_weak(data).to_numpy()
    if not flagged.any():
        return None
    flags = pd.DataFrame(
        {
            "actor": data.loc[flagged, "actor"].astype(str),
            "issue": data.loc[flagged, "issue"].astype(str),
            "stance": data.loc[flagged, "stance"].astype("float64"),
        }
    )
    return (
        alt.Chart(flags)
        .mark_text(text="?", fontSize=11, fontWeight="bold", dx=20, dy=-6, aria=False)  # the cell's tooltip says who and how sure
        .encode(
            x=alt.X("issue:N", sort=list(issue_order)),
            y=alt.Y("actor:N", sort=list(actor_order)),
            # the same text colour rule as the numbers of stance_heatmap
            color=alt.ColorValue("white", condition={"test": "datum.stance > 25 && datum.stance < 75", "value": "#111"}),
        )
    )


def agenda_gap_chart(
    comparison: pd.DataFrame,
    first: str = "us",
    second: str = "iran",
    title: str | None = None,
    as_of: str | None = None,
    language: str | None = None,
) -> alt.LayerChart:
    """Dumbbells: each issue's coded stance of two actors, joined by a line (the gap).

    Args:
        comparison: :func:`iranus.record.agendas.agenda_comparison` output for the same two actors
            (columns ``issue``, ``agenda``, ``stance_<first>``, ``stance_<second>``, ``gap``).
        first, second: the actor ids compared.
        title: chart title (default: the catalogue's ``chart.gap.title``).
        as_of: the date the positions were cut at (default: ``comparison.attrs["iranus"]``).
        language: ``"en"`` or ``"ar"`` for titles, axes, legend and names (None: the default language, English).

    Returns:
        ``altair.LayerChart``: x = coded stance (0-100), y = issue (grouped by agenda), one dot
        per actor that stated a position, a grey line for the gap. Source line in the subtitle.

    Raises:
        ValueError: missing columns, or neither actor stated anything.
    """
    a, b = f"stance_{first}", f"stance_{second}"
    _require(comparison, ("issue", "agenda", a, b, "gap"), "comparison (use iranus.record.agendas.agenda_comparison)")
    lang = language_of(language, comparison)
    actor_names = labels_like("actors", comparison, lang)  # the data folder the table came from
    names = {x: str(actor_names.get(x, x)) for x in (first, second)}
    long = comparison.melt(id_vars=["issue", "agenda"], value_vars=[a, b], var_name="actor_id", value_name="stance")
    long = long.dropna(subset=["stance"])
    if long.empty:
        raise ValueError(f"neither {first!r} nor {second!r} stated a position in this table")
    long["actor_id"] = long["actor_id"].str.removeprefix("stance_")
    long["actor"] = long["actor_id"].map(names)
    long["stance"] = long["stance"].astype("float64")
    long = long.astype({"issue": str, "agenda": str})
    order = list(comparison["issue"].astype(str))
    gaps = comparison.dropna(subset=[a, b])[["issue", a, b, "gap"]].copy()
    gaps = gaps.assign(lo=gaps[[a, b]].astype("float64").min(axis=1), hi=gaps[[a, b]].astype("float64").max(axis=1), gap=gaps["gap"].astype("float64"))
    gaps = gaps[["issue", "lo", "hi", "gap"]].astype({"issue": str})
    y = alt.Y("issue:N", title=t("chart.stances.issue", lang), sort=order, axis=alt.Axis(labelLimit=220))
    # the axis is titled once, on every layer (Vega-Lite joins differing titles of x, x2 and the
    # layers with commas); each field keeps its own title for the mark's description
    axis = alt.Axis(title=t("chart.gap.x", lang))
    lines = alt.Chart(gaps).mark_rule(color="#999", strokeWidth=3).encode(
        y=y,
        x=alt.X("lo:Q", title=t("chart.gap.lower", lang), axis=axis, scale=alt.Scale(domain=[0, 100])),
        x2=alt.X2("hi:Q", title=t("chart.gap.higher", lang)),
        tooltip=[tip("issue:N", lang, title=t("chart.stances.issue", lang)), tip("gap:Q", lang, title=t("chart.gap.tooltip", lang))],
    )
    colours = [ACTOR_COLOURS.get(first, "#1b6ca8"), ACTOR_COLOURS.get(second, "#2e7d32")]
    dots = alt.Chart(long).mark_circle(size=140, opacity=0.95).encode(
        y=y,
        x=alt.X("stance:Q", title=t("chart.tip.stance", lang), axis=axis, scale=alt.Scale(domain=[0, 100])),
        color=alt.Color("actor:N", title=t("chart.actor", lang), scale=alt.Scale(domain=[names[first], names[second]], range=colours)),
        tooltip=[tip("actor:N", lang, title=t("chart.actor", lang)), tip("issue:N", lang, title=t("chart.stances.issue", lang)), *tips(lang, "stance:Q", "agenda:N")],
    )
    cut = as_of_of(comparison, as_of)
    subtitle = [source_line("positions", "issues", as_of=cut, language=lang, frame=comparison), t("chart.stances.scale_note", lang), t("chart.gap.note", lang)]
    left_out = [i for i in order if i not in set(long["issue"].astype(str))]
    if left_out:  # no dot at all: neither side stated a position on it
        subtitle.append(t("chart.stances.left_out", lang, issues="; ".join(left_out)))
    return alt.layer(lines, dots).properties(width=480, height=max(24 * len(order), 120), title=titled(title or t("chart.gap.title", lang), subtitle))


#: Width of the win-set chart's plot, in pixels, and a generous width per character of its small
#: labels (browsers may draw Arabic wider than the SVG renderer measures it).
_WIN_SET_WIDTH = 480
_PX_PER_CHAR = 6.5


def _half_width(text: str) -> float:
    """Half the drawn width of a small label, in points of the 0-100 scale."""
    return len(text) * _PX_PER_CHAR / 2 * 100 / _WIN_SET_WIDTH


def _label_spot(preferred: float, half: float, avoid: list[float], margin: float = 1.5) -> float:
    """Where to centre a label of half-width ``half`` on the 0-100 scale.

    The spot nearest to ``preferred`` that keeps the whole label inside 0-100 and clear of the
    vertical lines at ``avoid`` (by ``margin`` points); the nearest in-range spot to ``preferred``
    when no spot is clear of every line.
    """
    lo, hi = half, 100 - half
    if lo > hi:
        return 50.0
    steps = [lo + k * 0.5 for k in range(int((hi - lo) / 0.5) + 1)] + [hi]
    clear = [x for x in steps if all(abs(x - a) >= half + margin for a in avoid)]
    return min(clear or steps, key=lambda x: (abs(x - preferred), x))


def win_set_chart(
    illustration: pd.DataFrame, issue_label: str, title: str | None = None, as_of: str | None = None, language: str | None = None
) -> alt.LayerChart:
    """Bars of acceptable ranges on one issue's 0-100 scale: the win-sets and the ZOPA.

    Args:
        illustration: :func:`iranus.models.two_level.win_set_illustration` output (columns ``range``,
            ``actor_id``, ``low``, ``high``, ``width``, ``empty``; ``attrs["stances"]`` and
            ``attrs["assumptions"]``).
        issue_label: the issue's display label (for the axis title).
        title: chart title (default names the issue).
        as_of: the date the stances were read at (default: ``illustration.attrs["iranus"]``).
        language: ``"en"`` or ``"ar"`` for titles, axes, legend and names (None: the default language, English).

    Returns:
        ``altair.LayerChart``: one horizontal bar per range (none for an empty range, marked
        "empty" in the gap between the ranges, clear of the stance lines), dashed lines at the
        stated stances, each labelled above the plot, centred and kept inside it (so that labels
        in Arabic, drawn right to left, are not cut off). The subtitle states the assumptions.

    Raises:
        ValueError: missing columns.
    """
    _require(illustration, ("range", "actor_id", "low", "high", "width", "empty"), "illustration (use iranus.models.two_level.win_set_illustration)")
    data = illustration.astype({"range": str, "actor_id": str}).copy()
    lang = language_of(language, illustration)
    zopa = t("chart.win_set.zopa", lang)
    actor_names = {**labels_like("actors", illustration, lang).to_dict(), **illustration.attrs.get("actor_labels", {})}
    names = {a: (zopa if a == "zopa" else str(actor_names.get(a, a))) for a in dict.fromkeys(data["actor_id"])}
    data["whose"] = data["actor_id"].map(names)
    data["shown"] = data["empty"].map({True: t("chart.win_set.empty", lang), False: ""})
    data["low"] = data["low"].astype("float64")
    data["high"] = data["high"].astype("float64")
    order = list(data["range"])
    colour = alt.Color(
        "whose:N",
        title=t("chart.win_set.whose", lang),
        scale=alt.Scale(domain=list(names.values()), range=[ACTOR_COLOURS.get(a, "#888") for a in names]),
    )
    y = alt.Y("range:N", title=t("chart.tip.range", lang), sort=order, axis=alt.Axis(title=None, labelLimit=260))
    # the axis is titled once, on every layer (Vega-Lite joins differing titles of x, x2 and the
    # layers with commas); each field keeps its own title for the mark's description
    axis = alt.Axis(title=t("chart.win_set.x", lang, issue=issue_label))
    bars = alt.Chart(data[~data["empty"]]).mark_bar(height=14).encode(
        y=y,
        x=alt.X("low:Q", title=t("chart.tip.low", lang), axis=axis, scale=alt.Scale(domain=[0, 100])),
        x2=alt.X2("high:Q", title=t("chart.tip.high", lang)),
        color=colour,
        tooltip=tips(lang, "range:N", "low:Q", "high:Q", "width:Q"),
    )
    stances = illustration.attrs.get("stances", {})
    lines = [float(v) for v in stances.values()]
    # an empty zone is labelled where the overlap would be: between the ranges that fail to meet
    ranges = data[~data["empty"] & (data["actor_id"] != "zopa")]
    gap_lo, gap_hi = (ranges["high"].min(), ranges["low"].max()) if len(ranges) else (50.0, 50.0)
    preferred = (gap_lo + gap_hi) / 2 if gap_lo < gap_hi else 50.0
    empty_rows = data[data["empty"]].copy()
    empty_rows["x"] = [_label_spot(preferred, _half_width(t), lines) for t in empty_rows["shown"]]
    # read as the range and what it holds (the label's place on the scale means nothing)
    empty_rows["about"] = spoken(empty_rows, [("range", t("chart.tip.range", lang)), ("shown", t("chart.tip.size", lang))])
    empty = alt.Chart(empty_rows).mark_text(align="center", fontSize=10, color="#c0392b").encode(
        y=y, x=alt.X("x:Q", axis=axis), text=alt.Text("shown:N", title=t("chart.tip.size", lang)), description=alt.Description("about:N")
    )
    ticks_data = pd.DataFrame({"actor_id": list(stances), "stance": lines})
    ticks_data["label"] = [f"{actor_names.get(a, a)}: {v:.0f}" for a, v in stances.items()]
    ticks_data["x"] = [max(_half_width(t), min(100 - _half_width(t), v)) for t, v in zip(ticks_data["label"], lines)]
    ticks_data["about"] = spoken(ticks_data, [("label", t("chart.tip.stated", lang))])
    stated = alt.Chart(ticks_data).mark_rule(strokeDash=[4, 3], color="#333").encode(
        x=alt.X("stance:Q", title=t("chart.tip.stance", lang), axis=axis), tooltip=tips(lang, ("label:N", "stated")), description=alt.Description("about:N")
    )
    layers = [bars, empty, stated]
    for k in range(len(ticks_data)):  # one label row per actor above the plot, so labels never overlap
        layers.append(
            alt.Chart(ticks_data.iloc[[k]])
            .mark_text(align="center", baseline="bottom", fontSize=9, color="#333", aria=False)  # the line's tooltip reads it
            .encode(x=alt.X("x:Q", axis=axis), y=alt.value(-4 - 12 * k), text="label:N")
        )
    a = illustration.attrs.get("assumptions", {})
    assumption = t("chart.win_set.assumptions", lang, concession=f"{a.get('concession', '?'):g}", influence=f"{a.get('influence', '?'):g}")
    subtitle = [source_line("positions", as_of=as_of_of(illustration, as_of), language=lang, frame=illustration), t("chart.win_set.lines", lang) + assumption]
    return alt.layer(*layers).properties(
        width=_WIN_SET_WIDTH,
        height=30 * len(order),
        padding={"left": 5, "right": 10, "top": 8, "bottom": 5},
        title=titled(title or t("chart.win_set.title", lang, issue=issue_label), subtitle),
    )


def agenda_chart(
    matrix: pd.DataFrame,
    actor_labels: dict[str, str],
    issue_labels: dict[str, str],
    actor_order: list[str] | None = None,
    issue_order: list[str] | None = None,
    as_of: DateLike = None,
    title: str | None = None,
    language: str | None = None,
) -> alt.LayerChart:
    """The heat-map of :func:`agenda_matrix`: :func:`iranus.charts.stance_heatmap` plus flags.

    Args:
        matrix: the output of :func:`agenda_matrix`.
        actor_labels, issue_labels: id -> display label (e.g. from ``iranus.labels``).
        actor_order, issue_order: ids in display order (default: order of appearance).
        as_of: the date cut, shown in the subtitle.
        title: chart title (default: the catalogue's ``chart.stances.title``).
        language: ``"en"`` or ``"ar"`` for titles, axes and legend (None: the default language, English).

    Returns:
        An ``altair.LayerChart``: cells coloured by coded stance (0-100) with the number in each,
        and a small "?" in the corner of each cell whose statement is anonymous, not by a named
        speaker, or of low confidence (explained in the subtitle).

    Raises:
        ValueError: the matrix is empty ("no statement matches").
    """
    if matrix.empty:
        raise ValueError("no statement matches these actors, issues and date: widen the selection")
    actor = matrix["actor_id"].map(lambda a: actor_labels.get(str(a), str(a))).astype("string")
    issue = matrix["issue_id"].map(lambda i: issue_labels.get(str(i), str(i))).astype("string")
    table = matrix.assign(actor=actor, issue=issue)
    a_ids = [a for a in (actor_order or list(dict.fromkeys(matrix["actor_id"]))) if a in set(matrix["actor_id"])]
    i_ids = [i for i in (issue_order or list(dict.fromkeys(matrix["issue_id"]))) if i in set(matrix["issue_id"])]
    table.attrs["actor_order"] = [actor_labels.get(a, a) for a in a_ids]
    table.attrs["issue_order"] = [issue_labels.get(i, i) for i in i_ids]
    cut = parse_date(as_of)
    lang = language_of(language, matrix)
    # the "?" marks and their note come from stance_heatmap (unnamed_flags), as in the lessons
    return stance_heatmap(table, title=title, as_of=f"{cut:%Y-%m-%d}" if cut is not None else None, language=lang)


__all__ = [
    "agenda_chart",
    "ACTOR_COLOURS",
    "agenda_gap_chart",
    "stance_heatmap",
    "unnamed_flags",
    "win_set_chart",
]
