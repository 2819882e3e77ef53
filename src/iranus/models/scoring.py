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

from collections.abc import Mapping

import pandas as pd

from ..datasets.schema import require_columns

from .forecasting import ModelInputError, ScenarioScore, score_scenario_forecast

EVEN_SPLIT = "even split (no information)"


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
    "all_in_forecasts",
    "even_split",
    "score_against_even_split",
    "score_forecasts",
]
