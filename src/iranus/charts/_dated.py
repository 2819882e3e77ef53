"""The date a chart's data was cut at, for its source line.

A lesson set on 6 February 2026 must not print a later date; the source line names the cut when
there is one. Charts do not parse or cut dates themselves: the date comes from the argument
(parsed by :func:`iranus.datasets.dates.parse_date`, the one parser) or from the mark the loader
left in ``frame.attrs["iranus"]`` (:func:`iranus.datasets.dates.frame_as_of`).
"""

from __future__ import annotations

import pandas as pd

from ..datasets.dates import frame_as_of, parse_date


def as_of_of(frame: pd.DataFrame | None, as_of=None) -> pd.Timestamp | None:
    """The date a table was cut at: ``as_of`` if given, else the loader's mark on ``frame``.

    Returns:
        A normalised Timestamp, or None when neither says (the whole record).

    Raises:
        ValueError: ``as_of`` is not a date.
    """
    if as_of is not None:
        return parse_date(as_of)
    return frame_as_of(frame)
