"""The package's one choice of altair renderer.

Altair's default renderer loads Vega from a CDN and shows nothing in a classroom without network.
iranus renders every chart to SVG locally with ``vl-convert`` (altair's ``"svg"`` renderer):
it needs no network and no JavaScript, the SVG is stored in the notebook so a lesson reads well
unexecuted (and on GitHub), and the output is byte-identical from run to run, which lets nbval
compare it. Text stays text in the SVG, so the browser shapes Arabic right-to-left.
"""

from __future__ import annotations

import altair as alt

RENDERER = "svg"


def use_offline_renderer() -> None:
    """Make altair render charts as static SVG, offline (called once when iranus.charts is imported)."""
    alt.renderers.enable(RENDERER)
    alt.data_transformers.disable_max_rows()


def source_line(
    *datasets: str, as_of=None, extra: str | None = None, language: str = "en", frame=None
) -> str:
    """The source line printed under every chart.

    Args:
        datasets: names of the iranus datasets the chart uses.
        as_of: the date the data was cut at (``load(..., as_of=...)``), if any: the line then
            says "data as of" that date, so a lesson set on 6 February 2026 prints no later date.
        extra: optional caveat appended after the source (already in ``language``).
        language: ``"en"`` or ``"ar"``: the words of the line and the dataset names come from
            the translation catalogue (sections ``source`` and ``dataset``).
        frame: the table the chart draws, as the loader (or the context) returned it: without
            ``as_of``, the record's end date and which datasets are dated come from the data
            folder it was loaded from (``frame.attrs["iranus"]``: ``record_end``, ``data_dir``),
            so an edited copy of the data (``iranus.course(data_dir=...)``) prints its own end
            date. A frame without that mark (or None) reads the bundled data package.

    Returns:
        A string such as ``"Source: iranus data (events), data as of 2026-02-06."``; without
        ``as_of``, dated datasets give the record's end date instead, and undated ones
        (claims, paragraphs ...) no date at all.

    Raises:
        iranus.errors.DataPackageError: the frame's data folder no longer holds a readable
            ``datapackage.json`` (only read when ``as_of`` is None).

    >>> source_line("events", as_of="2026-01-01")
    'Source: iranus data (events), data as of 2026-01-01.'
    """
    import pandas as pd

    from ..datasets.i18n import t, t_or
    from ..datasets.package import read_descriptor, record_end

    names = t("source.list_sep", language).join(t_or(f"dataset.{d}", language, d) for d in datasets)
    text = t("source.line", language, datasets=names)
    if as_of is not None:
        text += t("source.as_of", language, date=f"{pd.Timestamp(as_of):%Y-%m-%d}")
    else:
        meta = _loader_mark(frame)
        data_dir = meta.get("data_dir")
        dated = {r["name"] for r in read_descriptor(data_dir)["resources"] if r.get("iranus:as_of_field")}
        if dated & set(datasets):
            end = meta.get("record_end")
            end = record_end(data_dir) if end is None else pd.Timestamp(end)
            text += t("source.record_ends", language, date=f"{end:%Y-%m-%d}")
        else:
            text += t("source.end", language)
    return f"{text} {extra}" if extra else text


def _loader_mark(frame) -> dict:
    """The loader's metadata on a table (``attrs["iranus"]``), or {} for anything else."""
    meta = getattr(frame, "attrs", {}).get("iranus") if frame is not None else None
    return meta if isinstance(meta, dict) else {}


def titled(title: str, subtitle: str | list[str]) -> alt.TitleParams:
    """Chart title with a subtitle line (used for the source line)."""
    return alt.TitleParams(title, subtitle=subtitle, anchor="start", subtitleColor="#555", subtitleFontSize=10)


def date_span(first: str, last: str, language: str) -> str:
    """Two ends of a date range, as written dates, said once when they are the same.

    Args:
        first, last: the ends, already written (:func:`iranus.datasets.i18n.format_date`).
        language: ``"en"`` or ``"ar"`` (catalogue keys ``chart.span`` and ``chart.span_one``).

    Returns:
        ``"Jun 2025 to Jul 2025"``; ``"Feb 2026"`` when both ends read the same (never
        "Feb 2026 to Feb 2026"); in Arabic ``"من ... إلى ..."`` and ``"في ..."``.

    >>> date_span("Jun 2025", "Jul 2025", "en"), date_span("Feb 2026", "Feb 2026", "en")
    ('Jun 2025 to Jul 2025', 'Feb 2026')
    """
    from ..datasets.i18n import t

    if first == last:
        return t("chart.span_one", language, when=first)
    return t("chart.span", language, first=first, last=last)


def wrapped_lines(text: str, width: int) -> list[str]:
    """``text`` broken into lines of at most about ``width`` characters, at spaces (never cut).

    >>> wrapped_lines("International Atomic Energy Agency (IAEA)", 24)
    ['International Atomic', 'Energy Agency (IAEA)']
    """
    import textwrap

    return textwrap.wrap(str(text), width=width, break_long_words=False, break_on_hyphens=False) or [str(text)]


def wrap_label_expr(labels, width: int) -> str | None:
    """A Vega ``labelExpr`` that writes each long axis label on several lines instead of cutting it.

    Args:
        labels: the axis's label texts (the data values, which stay as they are: tooltips and
            tests read them whole).
        width: characters per line.

    Returns:
        The expression (each label longer than ``width`` mapped to its list of lines, which Vega
        draws one under the other; any other label as it is), or None when no label is long.
    """
    import json

    long = [str(s) for s in dict.fromkeys(labels) if len(str(s)) > width]
    if not long:
        return None
    expr = "datum.label"
    for s in reversed(long):
        expr = f"datum.label === {json.dumps(s)} ? {json.dumps(wrapped_lines(s, width))} : ({expr})"
    return expr


def wrapped_axis(labels, width: int, **axis) -> alt.Axis:
    """An ``alt.Axis`` whose long labels wrap over lines (:func:`wrap_label_expr`), never cut."""
    expr = wrap_label_expr(labels, width)
    if expr is not None:
        axis["labelExpr"] = expr
    return alt.Axis(labelLimit=0, **axis)
