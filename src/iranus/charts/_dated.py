"""The date a chart's data was cut at, for its source line.

A lesson set on 6 February 2026 must not print a later date; :func:`source_line` names the
``as_of`` cut when it is given one. The loaders record that cut in ``df.attrs["iranus"]``, and the
helpers of :mod:`iranus.record.agendas` and :mod:`iranus.record.leverage` carry it over to the tables they derive,
so a chart can find it without being told.
"""

from __future__ import annotations

import pandas as pd


def as_of_of(frame: pd.DataFrame | None, as_of=None) -> pd.Timestamp | None:
    """The date a table was cut at: ``as_of`` if given, else ``frame.attrs["iranus"]["as_of"]``.

    Returns:
        A normalised Timestamp, or None when neither says (the whole record).

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
