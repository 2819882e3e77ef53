"""Tooltips a reader can read: every field titled in the chart's language, no code or id as a value.

Vega writes each mark's tooltip into the SVG as its accessible description (read aloud by screen
readers) and the explorers show it on hover, so a tooltip is text on screen like any other. One
rule for every chart: a field's title comes from the catalogue's ``chart.tip.<key>``
(``"Date"``, ``"Source"``, ``"How the figure is known"``), never the column's name; a chart's data
function turns coded values into labels (:func:`iranus.display.coded_label`) and source ids into
"Outlet, 21 Jan 2026" (:func:`source_names`) before the chart shows them. A field also drawn on an
axis or legend takes that channel's title, so the SVG's description (which lists the channels
and the tooltip) names it once.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from ..datasets.i18n import t


def tip(field: str, language: str, key: str | None = None, title: str | None = None, **options) -> alt.Tooltip:
    """One tooltip field, titled in ``language``.

    Args:
        field: an altair shorthand, ``"name:T"`` (``"when:N"``, ``"value:Q"``).
        language: ``"en"`` or ``"ar"``.
        key: the catalogue key after ``chart.tip.`` (default: the field's name).
        title: a title given by the chart (an axis title, say) instead of the catalogue's.
        options: more ``alt.Tooltip`` arguments (``format=",.0f"``).

    Returns:
        ``alt.Tooltip`` with its ``title`` set.

    Raises:
        KeyError: the catalogue has no ``chart.tip.<key>`` in ``language`` (so a new field cannot
            show its column name).

    >>> tip("when:N", "en").to_dict()["title"], tip("kind:N", "ar", key="how_known").to_dict()["title"]
    ('Date', 'كيف عُرف الرقم')
    """
    name = field.split(":", 1)[0]
    return alt.Tooltip(field, title=title or t(f"chart.tip.{key or name}", language), **options)


def tips(language: str, *fields: str | tuple[str, str]) -> list[alt.Tooltip]:
    """Several tooltip fields titled by :func:`tip`: each a shorthand, or (shorthand, catalogue key).

    >>> [x.to_dict()["title"] for x in tips("en", "value:Q", ("kind:N", "how_known"), "source:N")]
    ['Value', 'How the figure is known', 'Source']
    """
    return [tip(f, language) if isinstance(f, str) else tip(f[0], language, key=f[1]) for f in fields]


def spoken(rows: pd.DataFrame, fields: list[tuple[str, str]]) -> pd.Series:
    """Each row's accessible description, for a mark whose encodings would read badly aloud.

    Vega-Lite describes a mark (the SVG's ``aria-label``) by every channel it encodes, values in
    its own formats: a date in English ("Jun 12, 2025") whatever the chart's language, a label's
    place on a scale ("57.6875"). Such a mark is given a ``description`` channel read from this
    column instead, written as the tooltips are ("Title: value; Title: value").

    Args:
        rows: the mark's data; every column named in ``fields`` holds text as shown (dates
            already written by :func:`iranus.datasets.i18n.format_date`).
        fields: (column, title in the chart's language), in reading order.

    Returns:
        Series of strings, same index; an empty or missing value is left out with its title.

    Raises:
        KeyError: a column of ``fields`` is not in ``rows``.

    >>> spoken(pd.DataFrame({"when": ["12 Jun 2025"], "title": ["Strikes"]}), [("when", "Date"), ("title", "Event")]).tolist()
    ['Date: 12 Jun 2025; Event: Strikes']
    """
    missing = [c for c, _ in fields if c not in rows.columns]
    if missing:
        raise KeyError(f"spoken: rows have no column(s) {missing}")

    columns = [[f"{title}: {v}" if pd.notna(v) and str(v) != "" else "" for v in rows[c]] for c, title in fields]
    return pd.Series(["; ".join(p for p in parts if p) for parts in zip(*columns)] if columns else "", index=rows.index, dtype="object")


def source_names(source_ids: pd.Series, frame: pd.DataFrame | None, language: str, sources: pd.DataFrame | None = None) -> pd.Series:
    """Source ids as the lessons' tables cite them ("Reuters, 4 Feb 2026"), for a tooltip.

    Args:
        source_ids: Series of ``source_id`` strings.
        frame: the table the ids come from; its loader mark (``attrs["iranus"]["data_dir"]``)
            names the data folder whose ``sources`` table is read when ``sources`` is None (the
            whole record, :func:`iranus.datasets.i18n.table_like`, as ``labels_like`` reads names).
        language: ``"en"`` or ``"ar"`` (month names).
        sources: the ``sources`` table, when the caller has it.

    Returns:
        Series of strings, same index (:func:`iranus.display.source_labels`); a source the table
        does not know is written "source not found" in ``language``, never as its id.
    """
    from ..datasets.i18n import table_like
    from ..display import source_labels

    if sources is None:
        sources = table_like("sources", frame)
    known = set(sources["source_id"].astype(str))
    names = source_labels(source_ids.astype("object"), sources, language)
    unknown = t("chart.tip.unknown_source", language)
    return names.where(source_ids.astype(str).isin(known), unknown).astype("string")


__all__ = ["source_names", "spoken", "tip", "tips"]
