"""Checking the arguments of the model functions (bargaining and forecasting).

One job: turn a learner's or a widget's input into clean numbers, or raise
:class:`ModelInputError` with a message that names the argument and the offending entry
(an actor, an option, a row), so that the mistake can be found without reading a traceback.
Data files are checked elsewhere (:mod:`iranus.datasets.validation`); this module checks arguments.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np
import pandas as pd

from ..errors import ModelInputError

#: How far a probability vector may sum from 1 before it is rejected (rounding in a spreadsheet
#: or a slider leaves about 1e-12; a learner's 0.3 + 0.3 + 0.3 is off by 0.1).
PROBABILITY_SUM_TOLERANCE = 1e-6


def preview(items: Iterable[object], limit: int = 8) -> str:
    """Comma-separated repr of the first ``limit`` items, with a count of the rest."""
    items = list(items)
    shown = ", ".join(repr(i) for i in items[:limit])
    more = len(items) - limit
    return shown + (f" ... and {more} more" if more > 0 else "")


def require_frame(frame: object, argument: str, columns: Sequence[str]) -> pd.DataFrame:
    """Check that ``frame`` is a DataFrame holding ``columns``.

    Returns:
        The frame itself (not copied).

    Raises:
        ModelInputError: not a DataFrame, or a column is missing (names the missing columns and
            the columns present).
    """
    if not isinstance(frame, pd.DataFrame):
        raise ModelInputError(
            f"{argument} must be a pandas DataFrame with columns {list(columns)}, not {type(frame).__name__}",
            argument,
        )
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise ModelInputError(
            f"{argument} is missing column(s) {missing}; it has {list(frame.columns)}",
            argument,
        )
    return frame


def finite_numbers(values: object, argument: str, labels: Sequence[object] | None = None) -> np.ndarray:
    """Convert ``values`` to a 1-D float64 array of finite numbers.

    Args:
        values: a sequence, Series or array of numbers.
        argument: the argument's name, for messages.
        labels: one label per value (actor ids, row labels) to name the offending entry; the
            position is used when None.

    Returns:
        float64 array of shape (n,).

    Raises:
        ModelInputError: a value that is missing, not a number, or infinite (names its label).
    """
    series = pd.Series(values, dtype="object") if not isinstance(values, pd.Series) else values
    raw = series.to_numpy(dtype=object).ravel()
    names = list(labels) if labels is not None else list(range(len(raw)))
    out = np.empty(len(raw), dtype="float64")
    for i, v in enumerate(raw):
        try:
            x = float(v)
        except (TypeError, ValueError):
            raise ModelInputError(
                f"{argument}: entry {names[i]!r} is {v!r}, not a number", argument, names[i]
            ) from None
        if not np.isfinite(x):
            raise ModelInputError(
                f"{argument}: entry {names[i]!r} is {v!r}; a finite number is needed", argument, names[i]
            )
        out[i] = x
    return out


def non_negative(values: np.ndarray, argument: str, labels: Sequence[object], what: str) -> np.ndarray:
    """Check that every value is >= 0.

    Args:
        values: float array (from :func:`finite_numbers`).
        argument: the argument's name, for messages.
        labels: one label per value.
        what: the quantity in words (``"capability"``), for messages.

    Returns:
        ``values`` unchanged.

    Raises:
        ModelInputError: names the first entry below zero.
    """
    bad = np.flatnonzero(values < 0)
    if bad.size:
        i = int(bad[0])
        raise ModelInputError(
            f"{argument}: {what} of {labels[i]!r} is {values[i]:g}; it cannot be negative",
            argument,
            labels[i],
        )
    return values


def probabilities(values: object, argument: str, labels: Sequence[object] | None = None) -> np.ndarray:
    """Convert ``values`` to an array of probabilities in [0, 1].

    Returns:
        float64 array of shape (n,).

    Raises:
        ModelInputError: a value that is not a finite number or lies outside [0, 1] (names it).
    """
    p = finite_numbers(values, argument, labels)
    names = list(labels) if labels is not None else list(range(len(p)))
    bad = np.flatnonzero((p < 0) | (p > 1))
    if bad.size:
        i = int(bad[0])
        raise ModelInputError(
            f"{argument}: probability of {names[i]!r} is {p[i]:g}; probabilities lie between 0 and 1",
            argument,
            names[i],
        )
    return p


def sums_to_one(p: np.ndarray, argument: str, row: object) -> None:
    """Check that a probability vector sums to 1 (within :data:`PROBABILITY_SUM_TOLERANCE`).

    Raises:
        ModelInputError: names the row and gives the actual sum.
    """
    total = float(p.sum())
    if abs(total - 1.0) > PROBABILITY_SUM_TOLERANCE:
        raise ModelInputError(
            f"{argument}: the probabilities of {row!r} sum to {total:.6g}, not 1 "
            "(the outcomes are mutually exclusive and exhaustive, so their probabilities must add up to 1)",
            argument,
            row,
        )


def known_ids(given: Iterable[object], known: Sequence[object], argument: str, what: str) -> list:
    """Check that every id in ``given`` is one of ``known``.

    Returns:
        ``given`` as a list.

    Raises:
        ModelInputError: names the first unknown id and lists the known ones.
    """
    given = list(given)
    known_set = set(known)
    for g in given:
        if g not in known_set:
            raise ModelInputError(f"{argument}: unknown {what} {g!r}; known {what}s: {preview(known, 20)}", argument, g)
    return given
