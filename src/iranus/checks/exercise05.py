"""Exercise 05's open question: a learner's own scenario forecast (no answer key: any valid forecast is right).

The exercise's answer keys are instructor material (``exercises/answer_keys/keys05.py``). The
scenario ids are read through the check's course context (:func:`iranus.checks.load`).
"""

from __future__ import annotations

from ..explorers.forecast_file import check_probabilities
from . import Feedback, load


def forecast_feedback(forecast) -> Feedback:
    """Feedback on a learner's scenario forecast: one probability per scenario, summing to 1.

    A forecast cannot be right or wrong on 6 February 2026; this checks only that it is a
    forecast at all. The epilogue scores it against what happened (Brier 1950).
    """
    if forecast is ... or forecast is None:
        return Feedback("E05.forecast", None, "Replace ... with a dict scenario id -> probability, then run the cell again.")
    ids = list(load("scenarios")["scenario_id"].astype(str))
    try:
        probs = check_probabilities(forecast, ids, argument="my_forecast")
    except ValueError as exc:
        return Feedback("E05.forecast", False, f"{exc}.")
    top = max(probs, key=probs.get)
    return Feedback(
        "E05.forecast",
        True,
        f"A valid forecast over the {len(ids)} scenarios; you think '{top}' most likely ({probs[top]:.0%}). "
        "Keep it: the epilogue scores it against what happened.",
    )
