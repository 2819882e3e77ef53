"""Source lines for charts of data cut at a date (``as_of``).

A lesson set on 6 February 2026 must not print a later date, and the package's record end
(``iranus.record_end()``) is later. For data loaded with ``as_of``, the source line therefore
names the cut ("data as of 2026-02-06") instead of the record end. When
:func:`iranus.charts._render.source_line` itself accepts ``as_of``, it is used as it is.
"""

from __future__ import annotations

import inspect

import pandas as pd

from ._render import source_line


def as_of_of(frame: pd.DataFrame | None, as_of=None) -> pd.Timestamp | None:
    """The date a table was cut at: ``as_of`` if given, else ``frame.attrs["iranus"]["as_of"]``.

    Raises:
        ValueError: ``as_of`` is not a date.
    """
    if as_of is not None:
        ts = pd.Timestamp(as_of)
        if pd.isna(ts):
            raise ValueError(f"as_of={as_of!r} is not a date; use 'YYYY-MM-DD'")
        return ts.normalize()
    meta = getattr(frame, "attrs", {}).get("iranus", {}) if frame is not None else {}
    cut = meta.get("as_of")
    return None if cut is None else pd.Timestamp(cut)


def dated_source_line(*datasets: str, as_of=None, extra: str | None = None) -> str:
    """:func:`source_line`, naming the ``as_of`` cut instead of the record end when one is given.

    Returns:
        e.g. ``"Source: iranus data (positions), data as of 2026-02-06."`` (with ``extra`` after).
    """
    if as_of is None:
        return source_line(*datasets, extra=extra)
    cut = pd.Timestamp(as_of)
    if "as_of" in inspect.signature(source_line).parameters:
        return source_line(*datasets, as_of=cut, extra=extra)
    text = f"Source: iranus data ({', '.join(datasets)}), data as of {cut:%Y-%m-%d}."
    return f"{text} {extra}" if extra else text
