"""The epilogue's scoring: the learner's saved forecast (or an example) against what happened.

Lesson 05 saves the learner's probabilities for the scenarios to ``my_forecast.json``; lesson 07
scores them. A stored lesson must read the same on every machine, so when no saved forecast can
be read, :func:`saved_or_example_forecast` returns the **even split** (every scenario the same
probability: the forecast of someone who knows nothing about the case, the usual reference in
forecasting) and says why. :func:`score_forecasts` scores any number of forecasts at once, in both
conventions of the Brier score that :mod:`iranus.models.forecasting` names:

- ``brier_multicategory``: Brier's original score, summed over the mutually exclusive scenarios,
  0 (perfect) to 2 (everything on a scenario that did not happen);
- ``brier_binary``: each scenario scored as a yes/no event and the squared errors averaged, 0 to 1;
  with N scenarios it equals ``brier_multicategory / N``.

Method: G. W. Brier (1950), "Verification of Forecasts Expressed in Terms of Probability",
*Monthly Weather Review* 78(1), 1-3.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from ..datasets.schema import require_columns

from .forecasting import ModelInputError, ScenarioScore, score_scenario_forecast

EVEN_SPLIT = "even split (no information)"


@dataclass(frozen=True)
class ForecastToScore:
    """The forecast the epilogue scores.

    Attributes:
        name: ``"your saved forecast"`` or :data:`EVEN_SPLIT`.
        probabilities: scenario id -> probability (0-1, summing to 1), in scenario order.
        saved: True when read from the learner's file.
        note: one sentence saying where the forecast comes from (no file paths).
        as_of: the date the learner forecast from, as saved (None for the example).
    """

    name: str
    probabilities: dict[str, float]
    saved: bool
    note: str
    as_of: str | None = None


def _scenario_ids(scenarios: pd.DataFrame) -> list[str]:
    require_columns(scenarios, "scenarios", ("scenario_id", "order"))
    if scenarios.empty:
        raise ValueError("the scenarios table is empty: there is nothing to forecast")
    return list(scenarios.sort_values(["order", "scenario_id"])["scenario_id"].astype(str))


def even_split(scenarios: pd.DataFrame) -> dict[str, float]:
    """Every scenario the same probability, 1/N (the no-information reference forecast).

    Args:
        scenarios: DataFrame as returned by ``iranus.load("scenarios")``.

    Returns:
        scenario id -> probability (float), in display order; they sum to 1.

    Raises:
        ValueError: missing columns or no scenarios.

    >>> import iranus
    >>> even_split(iranus.course().load("scenarios"))["interim_deal"]
    0.25
    """
    ids = _scenario_ids(scenarios)
    return {s: 1.0 / len(ids) for s in ids}


def saved_or_example_forecast(scenarios: pd.DataFrame, path: str | os.PathLike | None = None) -> ForecastToScore:
    """The learner's saved forecast if it can be read, else the even split, with a note saying which.

    Never raises for a missing or damaged file (that is the normal case on a fresh copy of the
    course): the note then says what was found and how to save a forecast.

    Args:
        scenarios: DataFrame as returned by ``iranus.load("scenarios")``.
        path: the forecast file; ``my_forecast.json`` in the current folder (the notebook's
            folder in Jupyter) when None.

    Returns:
        :class:`ForecastToScore`.

    Raises:
        ValueError: the scenarios table is missing columns or empty.
    """
    # imported here: iranus.explorers imports this module (a top-level import is a cycle)
    from ..explorers.forecast_file import DEFAULT_FILENAME, ForecastFileError, load_forecast

    ids = _scenario_ids(scenarios)
    name = os.path.basename(os.fspath(path)) if path is not None else DEFAULT_FILENAME
    try:
        saved = load_forecast(path, ids)
    except ForecastFileError as exc:
        missing = exc.path is not None and not exc.path.exists()
        why = (
            f"No saved forecast was found ({name} next to this notebook)."
            if missing
            else f"The saved forecast ({name}) could not be used: it is damaged or does not match the scenarios."
        )
        return ForecastToScore(
            EVEN_SPLIT,
            even_split(scenarios),
            False,
            why + " Scoring the even split instead, as an example; save your own forecast on the forecast board "
            "of lesson 05 and run this cell again.",
        )
    when = f" from {saved.as_of}" if saved.as_of else ""
    return ForecastToScore(
        "your saved forecast",
        {s: saved.probabilities[s] for s in ids},
        True,
        f"Scoring your saved forecast{when} ({name}).",
        saved.as_of,
    )


def all_in_forecasts(scenarios: pd.DataFrame) -> dict[str, dict[str, float]]:
    """For each scenario, the forecast that puts 100% on it: the extremes of the score's range.

    Args:
        scenarios: DataFrame as returned by ``iranus.load("scenarios")`` (uses ``label_en``).

    Returns:
        ``"all on <label>"`` -> scenario id -> probability (1 for that scenario, 0 elsewhere), in
        display order.

    Raises:
        ValueError: missing columns or no scenarios.
    """
    ids = _scenario_ids(scenarios)
    labels = dict(zip(scenarios["scenario_id"].astype(str), scenarios["label_en"].astype(str)))
    return {f"all on {labels[s]}": {t: float(t == s) for t in ids} for s in ids}


def score_forecasts(
    forecasts: Mapping[str, Mapping[str, float]],
    scenarios: pd.DataFrame,
    outcomes: pd.DataFrame,
) -> pd.DataFrame:
    """Score several forecasts over the scenarios against what happened, in both Brier conventions.

    Args:
        forecasts: forecast name -> (scenario id -> probability, one per scenario, summing to 1).
        scenarios: DataFrame as returned by ``iranus.load("scenarios")``.
        outcomes: the outcomes known at the date of scoring (``Course.load("scenario_outcomes")``;
            the whole record with ``iranus.course(as_of=None)``).

    Returns:
        DataFrame, one row per forecast in the given order, columns ``forecast`` (string),
        ``p_occurred`` (float64: the probability given to the scenario that happened first),
        ``brier_multicategory`` (float64, 0-2) and ``brier_binary`` (float64, 0-1), both rounded
        to 4 decimals; lower is better.

    Raises:
        iranus.models.forecasting.ModelInputError (a ValueError): a forecast that misses a scenario,
            does not sum to 1, or has a probability outside 0-1, or outcomes not known in
            ``outcomes`` (the message names the forecast).
    """
    rows = []
    for name, probs in forecasts.items():
        try:
            score = score_scenario_forecast(dict(probs), scenarios, outcomes)
        except ModelInputError as exc:
            raise ModelInputError(f"forecast {name!r}: {exc}", "forecasts", name) from None
        p_happened = float(score.table.loc[score.table["scenario_id"] == score.occurred, "probability"].iloc[0])
        rows.append(
            {
                "forecast": str(name),
                "p_occurred": p_happened,
                "brier_multicategory": round(score.brier_multicategory, 4),
                "brier_binary": round(score.brier_binary, 4),
            }
        )
    out = pd.DataFrame(rows, columns=["forecast", "p_occurred", "brier_multicategory", "brier_binary"])
    return out.astype(
        {"forecast": "string", "p_occurred": "float64", "brier_multicategory": "float64", "brier_binary": "float64"}
    )


def score_against_even_split(
    forecast: Mapping[str, float], scenarios: pd.DataFrame, outcomes: pd.DataFrame
) -> tuple[ScenarioScore, ScenarioScore]:
    """Score one forecast and, for comparison, the even split over the same scenarios.

    Args:
        forecast: scenario id -> probability (e.g. a saved forecast's ``probabilities``).
        scenarios: the scenarios table.
        outcomes: the outcomes known at the date of scoring.

    Returns:
        (the forecast's score, the even split's score), both
        :class:`iranus.models.forecasting.ScenarioScore` (Brier's original score 0-2 in
        ``brier_multicategory``; lower is better).

    Raises:
        iranus.errors.ModelInputError: the forecast does not cover exactly the scenarios, or the
            outcomes are incomplete (names the scenarios).
    """
    mine = score_scenario_forecast(dict(forecast), scenarios, outcomes)
    even = score_scenario_forecast(even_split(scenarios), scenarios, outcomes)
    return mine, even


__all__ = [
    "EVEN_SPLIT",
    "ForecastToScore",
    "all_in_forecasts",
    "even_split",
    "saved_or_example_forecast",
    "score_against_even_split",
    "score_forecasts",
]
