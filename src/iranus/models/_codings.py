"""Picking the coding in force at a date.

One job: dated tables of codings (deal scores, BATNAs, capabilities) may hold several rows for
the same thing, each valid from its date on; :func:`latest_rows` keeps the one in force at the
cut date (the table having been cut with ``iranus.load(..., as_of=...)`` first).
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from ._args import ModelInputError


def latest_rows(frame: pd.DataFrame, keys: Sequence[str], date_column: str = "date") -> pd.DataFrame:
    """Keep, for each key, the row with the latest date (the coding in force at the cut date).

    Args:
        frame: rows already cut at the as-of date (``iranus.load(..., as_of=...)``).
        keys: columns identifying one coding (e.g. ``["actor_id", "option_id"]``).
        date_column: the date column.

    Returns:
        The kept rows, in the original order of the frame.

    Raises:
        ModelInputError: two rows with the same key and the same latest date (names the key).
    """
    if date_column not in frame.columns:
        return frame
    ordered = frame.sort_values(date_column, kind="stable")
    latest = ordered.drop_duplicates(list(keys), keep="last")
    clash = ordered.merge(latest[[*keys, date_column]], on=[*keys, date_column])
    dup = clash[clash.duplicated(list(keys), keep=False)]
    if len(dup):
        key = tuple(dup.iloc[0][k] for k in keys)
        raise ModelInputError(
            f"two codings of {dict(zip(keys, key))} carry the same date {dup.iloc[0][date_column]:%Y-%m-%d}",
            "data",
            key,
        )
    return frame.loc[sorted(latest.index)]
