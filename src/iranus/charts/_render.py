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


def source_line(*datasets: str, extra: str | None = None) -> str:
    """The source line printed under every chart.

    Args:
        datasets: names of the iranus datasets the chart uses.
        extra: optional caveat appended after the source.

    Returns:
        A string such as ``"Source: iranus data (events), record ends 2026-08-22."``.
    """
    from ..datapackage import record_end

    text = f"Source: iranus data ({', '.join(datasets)}), record ends {record_end():%Y-%m-%d}."
    return f"{text} {extra}" if extra else text


def titled(title: str, subtitle: str | list[str]) -> alt.TitleParams:
    """Chart title with a subtitle line (used for the source line)."""
    return alt.TitleParams(title, subtitle=subtitle, anchor="start", subtitleColor="#555", subtitleFontSize=10)
